/*
 * abi.c - the PowerPC32 guest as the runtime and syscall layer see it:
 * GuestArch guest_ppc (EM_PPC, big endian, Debian's powerpc-linux-gnu), CPU
 * set-up, TLS, the clone child, the register dump, the extra auxiliary
 * vector entries and the syscall convention.
 *
 * Process entry (arch/powerpc/kernel/process.c start_thread, 32-bit): every
 * GPR, CTR, LR, XER and CR is zero except r1 = the stack pointer; FPRs and
 * FPSCR are zero (round to nearest, no flags).  glibc's powerpc32 _start
 * passes the original r1 to __libc_start_main as stack_on_entry (r9); when
 * the word there (argc) is not zero it takes argc, argv, envp and auxv from
 * the stack and ignores r3..r7 (ld.so would have set them, r7 = rtld_fini).
 *
 * Syscalls (arch/powerpc/kernel/entry_32.S, syscall.c): `sc` with the
 * number in r0 and arguments in r3..r8 (64-bit arguments in aligned pairs,
 * high word first, which may reach r10); the result in r3.  Failure sets
 * CR0.SO with r3 = the positive errno; success clears CR0.SO.  The kernel
 * resumes at sc + 4.  A fork/clone child sees r3 = 0 and CR0.SO clear.
 *
 * TLS: r2 holds the thread pointer (TCB + 0x7000 by glibc's convention;
 * clone(CLONE_SETTLS) puts the tls argument in r2).
 *
 * Auxiliary vector (arch/powerpc/include/asm/elf.h ARCH_DLINFO): two
 * AT_IGNOREPPC entries first (old glibc looks for them at the start of the
 * vector), then the cache block sizes: 32-byte data and instruction blocks,
 * as dcbz zeroes (ldst.c), and AT_UCACHEBSIZE 0 (no unified cache), which is
 * what the kernel and QEMU say for a 750.  AT_HWCAP is what this frontend
 * implements: a 32-bit CPU with an FPU and an MMU, no AltiVec, no optional
 * ISA 2.0x categories (so glibc picks its generic string functions and
 * libm never uses fsqrt/fcfid ifuncs).  AT_PLATFORM names the 750.
 */
#include "translate.h"

#include <elf.h>

/* asm/cputable.h */
#define PPC_FEATURE_32          0x80000000u
#define PPC_FEATURE_HAS_FPU     0x08000000u
#define PPC_FEATURE_HAS_MMU     0x04000000u

/* asm/auxvec.h */
#define PPC_AT_DCACHEBSIZE  19
#define PPC_AT_ICACHEBSIZE  20
#define PPC_AT_UCACHEBSIZE  21
#define PPC_AT_IGNOREPPC    22

enum { PPC_REG_SP = 1, PPC_REG_TP = 2, PPC_REG_R3 = 3 };

static const uint32_t ppc_extra_auxv[] = {
    PPC_AT_IGNOREPPC, PPC_AT_IGNOREPPC,
    PPC_AT_IGNOREPPC, PPC_AT_IGNOREPPC,
    PPC_AT_DCACHEBSIZE, 32,
    PPC_AT_ICACHEBSIZE, 32,
    PPC_AT_UCACHEBSIZE, 0,
    0,
};

static void ppc_cpu_init(void *cpu, GuestAddr pc, GuestAddr sp)
{
    PPCCPU *c = cpu;
    c->h.pc = pc;
    c->gpr[PPC_REG_SP] = sp;
    ppc_fpscr_write(c, 0);        /* round to nearest, no flags, in the host too */
}

static void ppc_set_tls(void *cpu, uint32_t tls)
{
    ((PPCCPU *)cpu)->gpr[PPC_REG_TP] = tls;
}

/* pc is left at the sc: the syscall layer advances it on both sides. */
static void ppc_clone_child(void *cpu, GuestAddr new_sp)
{
    PPCCPU *c = cpu;
    c->gpr[PPC_REG_R3] = 0;
    c->cr[PPC_CR_SO] = 0;
    c->resv_valid = 0;
    if (new_sp)
        c->gpr[PPC_REG_SP] = new_sp;
}

static void ppc_dump(const void *cpu, FILE *f)
{
    const PPCCPU *c = cpu;
    fprintf(f, "pc   %08x  lr   %08x  ctr  %08x  xer  %08x  cr   %08x\n",
            c->h.pc, c->lr, c->ctr, ppc_xer_read(c), ppc_cr_read(c));
    for (int i = 0; i < 32; i++)
        fprintf(f, "r%-3d %08x%s", i, c->gpr[i], (i & 3) == 3 ? "\n" : "  ");
    for (int i = 0; i < 32; i++)
        fprintf(f, "f%-3d %016llx%s", i, (unsigned long long)c->fpr[i], (i & 3) == 3 ? "\n" : "  ");
    fprintf(f, "fpscr %08x (+host flags)  resv %u @%08x = %08x\n",
            c->fpscr, c->resv_valid, c->resv_addr, c->resv_val);
}

/* ---- syscall convention ---------------------------------------------------- */

static uint32_t ppc_sys_nr(const void *cpu)
{
    return ((const PPCCPU *)cpu)->gpr[0];
}

static void ppc_sys_args(const void *cpu, const uint8_t *guest_base, uint32_t args[8])
{
    const PPCCPU *c = cpu;
    (void)guest_base;
    for (int i = 0; i < 8; i++)
        args[i] = c->gpr[PPC_REG_R3 + i];
}

static void ppc_sys_set_result(void *cpu, int64_t ret)
{
    PPCCPU *c = cpu;
    if (ret < 0) {
        c->gpr[PPC_REG_R3] = (uint32_t)-ret;
        c->cr[PPC_CR_SO] = 1;
    } else {
        c->gpr[PPC_REG_R3] = (uint32_t)ret;
        c->cr[PPC_CR_SO] = 0;
    }
}

static void ppc_sys_advance(void *cpu)
{
    ((PPCCPU *)cpu)->h.pc += 4;
}

static const GuestSyscallABI ppc_sys = {
    ppc_sys_nr, ppc_sys_args, ppc_sys_set_result, ppc_sys_advance,
};

/* ---- the guest -------------------------------------------------------------------- */

const GuestArch guest_ppc = {
    .name = "ppc",
    .uname_machine = "ppc",
    .platform = "ppc750",
    .elf_machine = EM_PPC,
    .big_endian = true,
    .cpu_size = sizeof(PPCCPU),
    .hwcap = PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU,
    .hwcap2 = 0,
    .stack_align = 16,
    .accepts_elf_flags = NULL,
    .cpu_init = ppc_cpu_init,
    .translate = ppc_translate,
    .set_tls = ppc_set_tls,
    .clone_child = ppc_clone_child,
    .dump = ppc_dump,
    .sys = &ppc_sys,
    .llvm_triple = "powerpc-linux-gnu",
    .llvm_cpu = "750",
    .extra_auxv = ppc_extra_auxv,
};
