/*
 * test_arm_exec.c - runs a static -nostdlib ARM32 ELF through the ARM
 * frontend and the IR interpreter (or the x86_64 backend with -jit), with
 * a private guest address space and just the syscalls the self-checking
 * assembly tests use (exit, exit_group, write, the ARM private set_tls).  It lets the frontend be
 * tested before and apart from the runtime and the syscall layer:
 *
 *   test_arm_exec [-jit] [-no-opt] [-v] prog      exit status = the guest's
 *   test_arm_exec                                 with no program: skip (77)
 *
 * Built only with the ARM frontend (XBT_GUEST_ARM); otherwise it skips.
 */
#include <stdio.h>
#include <stdlib.h>

#ifndef XBT_GUEST_ARM
int main(void)
{
    printf("1..0 # SKIP ARM frontend not built (XBT_GUEST_ARM)\n");
    return 77;
}
#else
#include <elf.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "frontend/arm/translate.h"
#include "ir/backend.h"

static uint8_t *gbase;

typedef struct Blk {
    uint32_t pc;
    IRBlock b;
    void *code;
    struct Blk *next;
} Blk;
static Blk *tab[65536];
static bool use_jit, optimize = true, verbose, trace, tracefp;
static uint8_t *jit_buf;
static size_t jit_used, jit_cap = 64u << 20;

static const char *init_file;   /* -init F: registers from a qemu -d cpu dump (differential traces) */

static void load_init(ARMCPU *c)
{
    FILE *f = fopen(init_file, "r");
    unsigned r, v;
    if (!f)
        return;
    for (int k = 0; k < 16 && fscanf(f, " R%u=%x", &r, &v) == 2; k++)
        if (r < 15)
            c->r[r] = v;
    fclose(f);
}

static int map_any(uint32_t addr, uint32_t len, int prot) { return 0; }

static Blk *get_block(uint32_t pc)
{
    Blk **slot = &tab[(pc >> 1) & 65535];
    for (Blk *k = *slot; k; k = k->next)
        if (k->pc == pc)
            return k;
    Blk *k = calloc(1, sizeof *k);
    k->pc = pc;
    ir_block_init(&k->b, pc);
    FeCode fc = { gbase, NULL };
    FeOptions fo = { trace ? 1 : 256, true };
    arm_translate(&k->b, pc, &fc, &fo);
    if (verbose) {
        printf("---- block %08x\n", pc);
        ir_print(&k->b, stdout);
    }
    ir_check(&k->b, "translate");
    if (optimize)
        ir_optimize(&k->b);
    if (use_jit) {
        BackendPcMap pm = { 0 };
        static uint32_t ho[8192], gp[8192];
        pm.host_off = ho;
        pm.guest_pc = gp;
        pm.cap = 8192;
        BackendResult res = { 0 };
        if (backend_x86_64.compile(&k->b, jit_buf + jit_used, jit_cap - jit_used, &pm, &res) != BE_OK) {
            fprintf(stderr, "jit failed at %08x\n", pc);
            exit(99);
        }
        k->code = jit_buf + jit_used;
        jit_used = (jit_used + res.size + 15) & ~(size_t)15;
    }
    k->next = *slot;
    *slot = k;
    return k;
}

static uint32_t load_elf(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    Elf32_Ehdr eh;
    if (fread(&eh, sizeof eh, 1, f) != 1 || eh.e_machine != EM_ARM) {
        fprintf(stderr, "%s: not an ARM ELF\n", path);
        exit(2);
    }
    for (int i = 0; i < eh.e_phnum; i++) {
        Elf32_Phdr ph;
        fseek(f, (long)(eh.e_phoff + (uint32_t)i * eh.e_phentsize), SEEK_SET);
        if (fread(&ph, sizeof ph, 1, f) != 1)
            exit(2);
        if (ph.p_type != PT_LOAD)
            continue;
        fseek(f, (long)ph.p_offset, SEEK_SET);
        if (ph.p_filesz && fread(gbase + ph.p_vaddr, ph.p_filesz, 1, f) != 1)
            exit(2);
    }
    fclose(f);
    return eh.e_entry;
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-jit"))
            use_jit = true;
        else if (!strcmp(argv[i], "-no-opt"))
            optimize = false;
        else if (!strcmp(argv[i], "-v"))
            verbose = true;
        else if (!strcmp(argv[i], "-init") && i + 1 < argc)
            init_file = argv[++i];
        else if (!strcmp(argv[i], "-trace"))   /* one insn per block, qemu -d cpu format */
            trace = true;
        else if (!strcmp(argv[i], "-tracefp"))  /* ... and the D registers and FPSCR */
            trace = tracefp = true;
    }
    if (i >= argc) {
        printf("1..0 # SKIP no program given (used by tests/guest/arm)\n");
        return 77;
    }
    ir_verify_enabled = true;
    gbase = mmap(NULL, 1ull << 33, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (gbase == MAP_FAILED)
        return 2;
    if (use_jit) {
        backend_x86_64.init();
        jit_buf = mmap(NULL, jit_cap, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
    uint32_t entry = load_elf(argv[i]);
    guest_arm.setup_memory(gbase, map_any);
    ARMCPU *c = aligned_alloc(64, (sizeof *c + 63) & ~(size_t)63);
    memset(c, 0, sizeof *c);
    IRJumpCacheEntry *jc = calloc(IR_JC_SIZE, sizeof *jc);
    for (unsigned k = 0; k < IR_JC_SIZE; k++)
        jc[k].pc = IR_JC_EMPTY;
    c->h.jmp_cache = jc;
    uint32_t sp = 0x7fff0000u - 64;
    memset(gbase + sp, 0, 64);
    *(uint32_t *)(gbase + sp) = 0;             /* argc 0, argv NULL, envp NULL, auxv AT_NULL */
    guest_arm.cpu_init(c, entry, sp);
    if (init_file)
        load_init(c);
    for (uint64_t steps = 0;; steps++) {
        if (trace) {
            for (int r = 0; r < 16; r++)
                fprintf(stderr, "R%02d=%08x%s", r, r == 15 ? c->h.pc & ~1u : c->r[r], (r & 3) == 3 ? "\n" : " ");
            fprintf(stderr, "PSR=%08x\n", arm_cpsr_read(c) & 0xf0000000u);
            if (tracefp) {
                for (int r = 0; r < 32; r++)
                    fprintf(stderr, "d%02d=%016llx\n", r, (unsigned long long)c->d[r]);
                fprintf(stderr, "FPSCR=%08x\n", arm_fpscr_read(c));
            }
        }
        Blk *k = get_block(c->h.pc);
        unsigned code;
        if (use_jit) {
            backend_x86_64.enter(c, gbase, k->code);
            code = c->h.exit_code;
        } else {
            code = ir_interp(&k->b, c, gbase);
        }
        c->h.exit_code = 0;
        if (code == IR_EXIT_SYSCALL) {
            uint32_t nr = c->r[7];
            if (nr == 1 || nr == 248)
                return (int)(c->r[0] & 0xff);
            if (nr == 4)
                c->r[0] = (uint32_t)write((int)c->r[0], gbase + c->r[1], c->r[2]);
            else if (nr == 0xf0005) {                  /* ARM private set_tls */
                guest_arm.set_tls(c, c->r[0]);
                c->r[0] = 0;
            }
            else
                c->r[0] = (uint32_t)-38;
            guest_arm.sys->advance(c);
        } else if (code == IR_EXIT_SIGNAL) {
            fprintf(stderr, "guest signal %u (code %u) at pc %#x\n", c->h.exit_arg & 0xff,
                    c->h.exit_arg >> 8, c->h.pc);
            guest_arm.dump(c, stderr);
            return 128 + (int)(c->h.exit_arg & 0xff);
        } else if (code != IR_EXIT_NONE) {
            fprintf(stderr, "exit code %u\n", code);
            return 3;
        }
    }
}
#endif
