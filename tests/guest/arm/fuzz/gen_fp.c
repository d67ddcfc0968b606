/*
 * gen_fp.c - like gen_int.c for VFP and Advanced SIMD data processing:
 * fills d0-d31 from a table of random bit patterns (some plausible floats,
 * some small integers, which are denormal floats) and runs N random VFP
 * (A32 with random conditions, or T32) and NEON words.
 *
 *   gen_fp SEED N [thumb] > prog.s
 */
#include "frontend/arm/translate.h"
#include <stdlib.h>
#include <string.h>
static uint8_t mem[0x4000];
static int ok(uint32_t w, int thumb) {
    DecTable *t;
    uint32_t a32 = w;
    if ((w >> 28) == 0xf) t = arm_table_a32u(); else t = arm_table_cp();
    const DecRow *r = dec_lookup(t, a32);
    if (!r || r->name[0] != 'v') return 0;
    if (strstr(r->name, "vld") || strstr(r->name, "vst") || strstr(r->name, "vpush") || strstr(r->name, "vmsr") ||
        strstr(r->name, "rt") || strstr(r->name, "vmrs") || strstr(r->name, "vdup rt")) return 0;
    IRBlock b; ir_block_init(&b, 0x1000);
    uint32_t enc = w;
    if (thumb) {                       /* A32 -> T32 */
        if ((w >> 28) == 0xf) enc = (w & 0x00ffffff) | ((w >> 24) & 1) << 28 | 0xef000000u;
        else enc = (w & 0x0fffffff) | 0xe0000000u;
        mem[0x1000] = enc >> 16; mem[0x1001] = enc >> 24; mem[0x1002] = enc; mem[0x1003] = enc >> 8;
    } else memcpy(mem + 0x1000, &w, 4);
    FeCode fc = { mem, NULL }; FeOptions fo = { 1, true };
    arm_translate(&b, 0x1000 | thumb, &fc, &fo);
    int good = 1;
    for (uint32_t i = 0; i < b.n; i++)
        if ((b.insn[i].op == IR_TRAP && b.insn[i].aux == IR_EXIT_SIGNAL) || b.insn[i].op == IR_JUMP || b.insn[i].op == IR_EXIT_IF) good = 0;
    ir_block_free(&b);
    if (good) printf(thumb ? "  .inst.w 0x%08x\n" : "  .inst 0x%08x\n", enc);
    return good;
}
int main(int argc, char **argv) {
    srand(atoi(argv[1])); int n = atoi(argv[2]), thumb = argc > 3;
    printf(".syntax unified\n.arch armv7ve\n.fpu neon-vfpv4\n.text\n.globl _start\n%s\n_start:\n", thumb ? ".thumb\n.thumb_func" : ".arm");
    printf("  ldr r0, =data\n  vldm r0!, {d0-d15}\n  vldm r0, {d16-d31}\n");
    for (int r = 0; r < 13; r++) printf("  ldr r%d, =0x%08x\n", r, (unsigned)rand() * 2654435761u ^ (unsigned)rand());
    int k = 0;
    while (k < n) {
        uint32_t w = ((uint32_t)rand() << 16) ^ (uint32_t)rand();
        if (rand() & 1) w = (w & 0x0fffffff) | 0xe0000000u;   /* VFP with cond AL (thumb) or random */
        else w = (w & 0x01ffffff) | 0xf2000000u;              /* NEON data processing */
        if (!thumb && (w >> 28) == 0xe && (rand() & 1)) w = (w & 0x0fffffff) | (uint32_t)(rand() % 14) << 28;
        k += ok(w, thumb);
    }
    printf("  mov r0, #0\n  mov r7, #248\n  svc #0\n  .ltorg\n.data\n.balign 8\ndata:\n");
    for (int i = 0; i < 64; i++) {
        uint32_t v = (uint32_t)rand() * 2654435761u ^ (uint32_t)rand();
        if (rand() % 3 == 0) v = 0x3f800000u + (uint32_t)(rand() % 0x1000000) - 0x800000;   /* plausible floats */
        if (rand() % 5 == 0) v = (uint32_t)(rand() % 2000) - 1000;
        printf("  .word 0x%08x\n", v);
    }
    return 0;
}
