/*
 * abi.c - the MIPS32 o32 guests as the runtime and syscall layer see them:
 * GuestArch guest_mips (big endian) and guest_mipsel, ELF flag checks, CPU
 * set-up, TLS, the clone child, the register dump, and the o32 syscall
 * convention.
 *
 * o32 syscalls (arch/mips/kernel/scall32-o32.S): number in $v0; arguments
 * 1-4 in $a0-$a3 and 5-8 on the caller's stack at sp+16..sp+28 (guest byte
 * order); the result in $v0 with $a3 = 0, or a positive errno in $v0 with
 * $a3 = 1.  The kernel resumes at pc + 4.
 *
 * AT_HWCAP: the kernel reports HWCAP_MIPS_* bits only for R6, MSA, CRC32
 * and the ASEs (MIPS16, DSP, ...); a plain MIPS32R2 core has none, so 0.
 * AT_PLATFORM is only set for a few CPU families (Octeon, Loongson): NULL.
 */
#include "translate.h"

#include <elf.h>

/* ELF e_flags (binutils include/elf/mips.h, glibc elf.h) */
#define MIPS_EF_ABI2       0x00000020u    /* n32 */
#define MIPS_EF_FP64       0x00000200u
#define MIPS_EF_NAN2008    0x00000400u
#define MIPS_EF_ABI_MASK   0x0000f000u
#define MIPS_EF_ABI_O32    0x00001000u
#define MIPS_EF_MICROMIPS  0x02000000u
#define MIPS_EF_M16        0x04000000u
#define MIPS_EF_ARCH_MASK  0xf0000000u

enum { MIPS_REG_V0 = 2, MIPS_REG_V1 = 3, MIPS_REG_A0 = 4, MIPS_REG_A3 = 7, MIPS_REG_SP = 29 };

/* Why xbt cannot run code with these e_flags, or NULL.  The FP ABI of
 * -mfp64 objects is only in .MIPS.abiflags, which the loader sees. */
static const char *mips_elf_flags_problem(uint32_t e_flags)
{
    uint32_t abi = e_flags & MIPS_EF_ABI_MASK;

    if (e_flags & MIPS_EF_ABI2)
        return "n32 ABI is not supported (only o32)";
    if (abi != 0 && abi != MIPS_EF_ABI_O32)
        return "O64/EABI ABIs are not supported (only o32)";
    switch (e_flags & MIPS_EF_ARCH_MASK) {
    case 0x00000000u:                     /* MIPS I */
    case 0x10000000u:                     /* MIPS II */
    case 0x50000000u:                     /* MIPS32 */
    case 0x70000000u:                     /* MIPS32R2 */
        break;
    case 0x90000000u:
        return "MIPS32 Release 6 code is not supported (xbt runs MIPS32R2)";
    default:
        return "64-bit MIPS ISA (MIPS III/IV/V/MIPS64) is not supported";
    }
    if (e_flags & MIPS_EF_NAN2008)
        return "IEEE 754-2008 NaN encoding (-mnan=2008) is not supported (legacy NaN only)";
    if (e_flags & MIPS_EF_FP64)
        return "64-bit FPU registers (-mfp64, FR=1) are not supported (FR=0 only)";
    if (e_flags & MIPS_EF_MICROMIPS)
        return "microMIPS code is not supported";
    if (e_flags & MIPS_EF_M16)
        return "MIPS16 code is not supported";
    return NULL;
}

static bool mips_accepts_elf_flags(uint32_t e_flags, const char **why)
{
    const char *reason = mips_elf_flags_problem(e_flags);
    if (reason && why)
        *why = reason;
    return reason == NULL;
}

static void mips_cpu_init(void *cpu, GuestAddr pc, GuestAddr sp)
{
    MIPSCPU *c = cpu;
    c->h.pc = pc;
    c->gpr[MIPS_REG_SP] = sp;
    c->fir = MIPS_FIR_DEFAULT;
    mips_fcsr_write(c, 0);        /* round to nearest, no flags, in the host too */
}

static void mips_set_tls(void *cpu, uint32_t tls)
{
    ((MIPSCPU *)cpu)->ulr = tls;  /* rdhwr $29 */
}

/* pc is left at the syscall: the syscall layer advances it on both sides. */
static void mips_clone_child(void *cpu, GuestAddr new_sp)
{
    MIPSCPU *c = cpu;
    c->gpr[MIPS_REG_V0] = 0;
    c->gpr[MIPS_REG_A3] = 0;
    c->llbit = 0;
    if (new_sp)
        c->gpr[MIPS_REG_SP] = new_sp;
}

static const char *const mips_reg_names[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
    "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
    "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
};

static void mips_dump(const void *cpu, FILE *f)
{
    const MIPSCPU *c = cpu;
    fprintf(f, "pc   %08x  hi   %08x  lo   %08x  ulr  %08x\n", c->h.pc, c->hi, c->lo, c->ulr);
    for (int i = 0; i < 32; i++)
        fprintf(f, "%-4s %08x%s", mips_reg_names[i], c->gpr[i], (i & 3) == 3 ? "\n" : "  ");
    for (int i = 0; i < 32; i++)
        fprintf(f, "f%-3d %08x%s", i, c->fpr[i], (i & 3) == 3 ? "\n" : "  ");
    fprintf(f, "fcsr %08x  fir  %08x  ll   %u @%08x = %08x\n",
            c->fcsr, c->fir, c->llbit, c->lladdr, c->llval);
}

/* ---- o32 syscall convention ------------------------------------------------ */

static uint32_t mips_sys_nr(const void *cpu)
{
    return ((const MIPSCPU *)cpu)->gpr[MIPS_REG_V0];
}

static void mips_sys_args(const void *cpu, const uint8_t *guest_base, uint32_t args[8], bool be)
{
    const MIPSCPU *c = cpu;
    for (int i = 0; i < 4; i++)
        args[i] = c->gpr[MIPS_REG_A0 + i];
    /* NYI: an unmapped stack faults here instead of giving EFAULT; the o32
     * caller always reserves this area, so it is mapped in practice. */
    const uint8_t *p = guest_base + (uint32_t)(c->gpr[MIPS_REG_SP] + 16);
    for (int i = 0; i < 4; i++, p += 4)
        args[4 + i] = be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                         : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static void mips_sys_args_be(const void *cpu, const uint8_t *gb, uint32_t args[8])
{
    mips_sys_args(cpu, gb, args, true);
}

static void mips_sys_args_le(const void *cpu, const uint8_t *gb, uint32_t args[8])
{
    mips_sys_args(cpu, gb, args, false);
}

static void mips_sys_set_result(void *cpu, int64_t ret)
{
    MIPSCPU *c = cpu;
    if (ret < 0) {
        c->gpr[MIPS_REG_V0] = (uint32_t)-ret;
        c->gpr[MIPS_REG_A3] = 1;
    } else {
        c->gpr[MIPS_REG_V0] = (uint32_t)ret;
        c->gpr[MIPS_REG_A3] = 0;
    }
}

static void mips_sys_advance(void *cpu)
{
    ((MIPSCPU *)cpu)->h.pc += 4;
}

static const GuestSyscallABI mips_o32_be = {
    mips_sys_nr, mips_sys_args_be, mips_sys_set_result, mips_sys_advance,
};

static const GuestSyscallABI mips_o32_le = {
    mips_sys_nr, mips_sys_args_le, mips_sys_set_result, mips_sys_advance,
};

/* ---- the guests ---------------------------------------------------------------- */

static void mips_translate_be(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt)
{
    mips_translate(b, pc, code, opt, true);
}

static void mips_translate_le(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt)
{
    mips_translate(b, pc, code, opt, false);
}

const GuestArch guest_mips = {
    .name = "mips",
    .uname_machine = "mips",
    .platform = NULL,
    .elf_machine = EM_MIPS,
    .big_endian = true,
    .cpu_size = sizeof(MIPSCPU),
    .hwcap = 0,
    .hwcap2 = 0,
    .stack_align = 8,
    .accepts_elf_flags = mips_accepts_elf_flags,
    .cpu_init = mips_cpu_init,
    .translate = mips_translate_be,
    .set_tls = mips_set_tls,
    .clone_child = mips_clone_child,
    .dump = mips_dump,
    .sys = &mips_o32_be,
    .llvm_triple = "mips-linux-gnu",
    .llvm_cpu = "mips32r2",
};

const GuestArch guest_mipsel = {
    .name = "mipsel",
    .uname_machine = "mips",
    .platform = NULL,
    .elf_machine = EM_MIPS,
    .big_endian = false,
    .cpu_size = sizeof(MIPSCPU),
    .hwcap = 0,
    .hwcap2 = 0,
    .stack_align = 8,
    .accepts_elf_flags = mips_accepts_elf_flags,
    .cpu_init = mips_cpu_init,
    .translate = mips_translate_le,
    .set_tls = mips_set_tls,
    .clone_child = mips_clone_child,
    .dump = mips_dump,
    .sys = &mips_o32_le,
    .llvm_triple = "mipsel-linux-gnu",
    .llvm_cpu = "mips32r2",
};
