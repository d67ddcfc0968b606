/*
 * gen_int.c - random-instruction generator for differential testing of the
 * ARM frontend against qemu-arm (a developer tool, not run by the suite;
 * see README).  Prints an assembly program that loads random values into
 * r0-r12 and runs N random A32, or T16/T32 ("thumb"), instruction words
 * that the frontend decodes and translates without a trap or a branch;
 * with FUZZ_MEM set the words are loads and stores (bases point into a
 * scratch buffer), otherwise register-only ones.  Register fields that
 * would name sp/lr/pc are folded onto r0-r7.
 *
 *   gen_int SEED N [thumb] > prog.s
 */
#include "frontend/arm/translate.h"
#include <stdlib.h>
#include <string.h>
static uint8_t mem[0x4000];
static int mem_mode;
static int ok_word(uint32_t w, int thumb) {
    int t16 = thumb && w < 0x10000;
    DecTable *t = t16 ? arm_table_t16() : thumb ? arm_table_t32() : arm_table_a32();
    const DecRow *r = dec_lookup(t, w);
    if (!r) return 0;
    static const char *bad[] = { "ldr", "str", "ldm", "stm", "b", "bl", "blx", "bx", "bxj", "svc", "udf", "bkpt", "pld", "mrs", "nop/hint", "msr",
        "swp", "tbb", "it", "cbz", "cbnz", "pop", "push", "b<c>", "ldmia", "stmia", "add sp", "sub sp", "clrex", "dsb", "dmb", "isb", "b<c>.w", "b.w", "stmia", "ldmia", "stmdb", "ldmdb", 0 };
    for (int i = 0; bad[i]; i++) if (!(mem_mode && (strstr(bad[i], "ld") || strstr(bad[i], "st") || !strcmp(bad[i], "pop") || !strcmp(bad[i], "push")))) if (!strncmp(r->name, bad[i], strlen(bad[i])) && (strlen(r->name) == strlen(bad[i]) || r->name[strlen(bad[i])] != 'c' ))
        { if (!strcmp(bad[i], "b") && strcmp(r->name, "b")) continue; if (!strcmp(bad[i], "bl") && strcmp(r->name, "bl")) continue; return 0; }
    int is_mem = strstr(r->name, "ld") || strstr(r->name, "st") || strstr(r->name, "push") || strstr(r->name, "pop");
    if (strstr(r->name, "rex") || strstr(r->name, "pld") || strstr(r->name, "pli")) return 0;
    if (is_mem != mem_mode) return 0;
    if (strstr(r->name, "push") || strstr(r->name, "pop") || (t16 && ((w & 0xf000) == 0x9000 || (w & 0xf800) == 0x4800))) return 0;   /* the stack differs */
    IRBlock b; ir_block_init(&b, 0x1000);
    if (t16) { mem[0x1000] = w; mem[0x1001] = w >> 8; }
    else if (thumb) { mem[0x1000] = w >> 16; mem[0x1001] = w >> 24; mem[0x1002] = w; mem[0x1003] = w >> 8; }
    else memcpy(mem + 0x1000, &w, 4);
    FeCode fc = { mem, NULL }; FeOptions fo = { 1, true };
    arm_translate(&b, 0x1000 | thumb, &fc, &fo);
    int good = 1;
    for (uint32_t i = 0; i < b.n; i++) {
        if (b.insn[i].op == IR_TRAP && b.insn[i].aux == IR_EXIT_SIGNAL) good = 0;
        if (b.insn[i].op == IR_JUMP || b.insn[i].op == IR_EXIT_IF) good = 0;
        if (b.insn[i].op == IR_INSN && b.insn[i].a != (0x1000u | thumb)) good = 0;
    }
    ir_block_free(&b);
    return good;
}
int main(int argc, char **argv) {
    srand(atoi(argv[1])); int n = atoi(argv[2]), thumb = argc > 3 && argv[3][0] == 't';
    mem_mode = getenv("FUZZ_MEM") != NULL;
    printf(".syntax unified\n.arch armv7ve\n.fpu neon-vfpv4\n.text\n.globl _start\n%s\n_start:\n", thumb ? ".thumb\n.thumb_func" : ".arm");
    for (int r = 0; r < 13; r++)
        if (mem_mode) printf("  ldr r%d, =scratch + 0x%x\n", r, 0x80000 + (rand() % 64) * 4);
        else printf("  ldr r%d, =0x%08x\n", r, (unsigned)rand() * 2654435761u ^ (unsigned)rand());
    printf("  msr APSR_nzcvqg, r%d\n", rand() % 13);
    int k = 0;
    while (k < n) {
        uint32_t w = ((uint32_t)rand() << 16) ^ (uint32_t)rand();
        if (thumb && (rand() & 1)) { w &= 0xffff; if ((w >> 11) >= 0x1d) continue; }
        else if (thumb) { if ((w >> 27) < 0x1d) continue; }
        else { w = (w & 0x0fffffff) | (uint32_t)(rand() % 15) << 28; if (((w >> 25) & 7) >= 4) continue; }
        int pos[4] = { 16, 12, 8, 0 };
        if (w >= 0x10000)
            for (int i = 0; i < 4; i++) { uint32_t v = (w >> pos[i]) & 15; if (v >= 13) w = (w & ~(15u << pos[i])) | (v & 7) << pos[i]; }
        else if ((w & 0xfc00) == 0x4400 && (((w >> 3) & 15) >= 13 || (w & 0x87) >= 0x85)) continue;   /* hi-register forms with sp/lr/pc */
        if (!ok_word(w, thumb)) continue;
        if (thumb && w < 0x10000) printf("  .inst.n 0x%04x\n", w); else if (thumb) printf("  .inst.w 0x%08x\n", w); else printf("  .inst 0x%08x\n", w);
        if (rand() % 4 == 0) printf("  mrs r%d, apsr\n", rand() % 13);
        k++;
    }
    printf("  mov r0, #0\n  mov r7, #248\n  svc #0\n  .ltorg\n");
    if (mem_mode) printf(".data\n.balign 8\nscratch:\n  .fill 0x40000, 4, 0x5a5a1234\n");
    return 0;
}
