/*
 * abi.c - the ARM32 EABI guest as the runtime and syscall layer see it:
 * GuestArch guest_arm (little endian, armhf and armel alike), ELF flag
 * checks, CPU set-up, TLS, the clone child, the register dump, the kuser
 * page, and the EABI syscall convention.
 *
 * EABI syscalls (arch/arm/kernel/entry-common.S): number in r7, arguments
 * in r0-r6, result in r0 (a negative errno on failure; ARM uses the
 * generic errno numbers).  The kernel resumes after the svc: pc + 4 in ARM
 * state, pc + 2 in Thumb (bit 0 of the pc, see cpu.h).  The ARM private
 * calls (0x0f0000 + n: cacheflush, set_tls, ...) come the same way.
 *
 * The exec-time register state is all zero but pc and sp (the kernel's
 * start_thread); glibc's _start reads r0 as rtld_fini, so 0 = none.
 *
 * AT_HWCAP lists what the frontend implements: swp, half, thumb,
 * fast_mult, edsp, tls, vfp, vfpv3, vfpv4 (fused multiply-add), vfpd32,
 * neon (the subset in neon.c, which covers glibc's NEON string functions
 * and gcc's vectoriser), idiva, idivt.  Not iwmmxt, not crypto (HWCAP2 0).
 */
#include "translate.h"

#include <elf.h>
#include <string.h>
#include <sys/mman.h>

#define EF_ARM_EABI_MASK   0xff000000u
#ifndef EF_ARM_EABI_VER5
#define EF_ARM_EABI_VER5   0x05000000u
#endif
#define EF_ARM_BE8_FLAG    0x00800000u

/* arch/arm/include/uapi/asm/hwcap.h */
enum {
    HWCAP_SWP = 1 << 0, HWCAP_HALF = 1 << 1, HWCAP_THUMB = 1 << 2, HWCAP_FAST_MULT = 1 << 4,
    HWCAP_VFP = 1 << 6, HWCAP_EDSP = 1 << 7, HWCAP_NEON = 1 << 12,
    HWCAP_VFPv3 = 1 << 13, HWCAP_TLS = 1 << 15, HWCAP_VFPv4 = 1 << 16,
    HWCAP_IDIVA = 1 << 17, HWCAP_IDIVT = 1 << 18, HWCAP_VFPD32 = 1 << 19,
};

static bool arm_accepts_elf_flags(uint32_t e_flags, const char **why)
{
    const char *reason = NULL;
    uint32_t ver = e_flags & EF_ARM_EABI_MASK;
    if (ver == 0)
        reason = "old ABI (OABI / GNU) ARM binaries are not supported (only EABI version 5)";
    else if (ver != EF_ARM_EABI_VER5)
        reason = "unsupported ARM EABI version (only version 5)";
    else if (e_flags & EF_ARM_BE8_FLAG)
        reason = "big-endian (BE8) ARM code is not supported";
    if (reason && why)
        *why = reason;
    return reason == NULL;
}

/* Debian's two ARM ports mark their float ABI in e_flags: armel's
 * binaries and libraries live in /usr/arm-linux-gnueabi, armhf's in
 * /usr/arm-linux-gnueabihf (the default). */
static const char *arm_sysroot_triplet(uint32_t e_flags)
{
    return (e_flags & 0x200u) ? "arm-linux-gnueabi" : NULL;   /* EF_ARM_ABI_FLOAT_SOFT */
}

static void arm_cpu_init(void *cpu, GuestAddr pc, GuestAddr sp)
{
    ARMCPU *c = cpu;
    c->h.pc = pc;                  /* an odd entry point starts in Thumb */
    c->r[13] = sp;
    c->zf = 1;                     /* Z clear */
    arm_fpscr_write(c, 0);
}

static void arm_set_tls(void *cpu, uint32_t tls)
{
    ((ARMCPU *)cpu)->tpidruro = tls;
}

static void arm_clone_child(void *cpu, GuestAddr new_sp)
{
    ARMCPU *c = cpu;
    c->r[0] = 0;
    c->excl_valid = 0;
    if (new_sp)
        c->r[13] = new_sp;
}

uint32_t arm_cpsr_read(const ARMCPU *c)
{
    uint32_t x = c->cvx, y = c->cvy, cf = c->cf & 1, v = c->vf;
    if ((c->cvop & 3) == ARM_CV_SUB) {
        v = (x ^ y) & (x ^ (x - y));
        if (!(c->cvop & ARM_CV_COVR))
            cf = x >= y;
    } else if ((c->cvop & 3) == ARM_CV_ADD) {
        v = (x ^ (x + y)) & (y ^ (x + y));
        if (!(c->cvop & ARM_CV_COVR))
            cf = x + y < x;
    }
    return (c->nf & 0x80000000u) | (c->zf == 0) << 30 | cf << 29 |
           (v >> 31) << 28 | (c->qf != 0) << 27 | (c->ge & 0xf) << 16 |
           (c->h.pc & 1) << 5 | 0x10;
}

void arm_cpsr_write(ARMCPU *c, uint32_t v)
{
    c->nf = v;
    c->zf = (v & 0x40000000u) ^ 0x40000000u;
    c->cf = (v >> 29) & 1;
    c->vf = v << 3;
    c->cvop = ARM_CV_EXPL;
    c->qf = v & (1u << 27);
    c->ge = (v >> 16) & 0xf;
}

static void arm_dump(const void *cpu, FILE *f)
{
    const ARMCPU *c = cpu;
    for (int i = 0; i < 15; i++)
        fprintf(f, "r%-2d %08x%s", i, c->r[i], (i & 3) == 3 ? "\n" : "  ");
    fprintf(f, "pc  %08x\ncpsr %08x (%s)  tls %08x  fpscr %08x\n", c->h.pc & ~1u,
            arm_cpsr_read(c), (c->h.pc & 1) ? "thumb" : "arm", c->tpidruro, arm_fpscr_read(c));
    for (int i = 0, n = 0; i < 32; i++)          /* non-zero D registers only */
        if (c->d[i])
            fprintf(f, "d%-2d %016llx%s", i, (unsigned long long)c->d[i], (++n & 3) == 0 ? "\n" : "  ");
    fprintf(f, "\n");
}

/* ---- kuser page -------------------------------------------------------------- */

static bool arm_setup_memory(uint8_t *guest_base, int (*map)(uint32_t addr, uint32_t len, int prot))
{
    /* The vector page is read-only for user code, as on hardware: a guest
     * store there faults (SIGSEGV, SEGV_ACCERR) and the syscall layer's
     * checks refuse it.  It is mapped read/execute, then filled through a
     * host-side write window (the guest's page table never sees it). */
    if (map(ARM_KUSER_PAGE, 0x1000, PROT_READ | PROT_EXEC) < 0)
        return false;
    if (map(ARM_SINK_PAGE, 0x1000, PROT_READ | PROT_WRITE) < 0)
        return false;
    uint8_t *p = guest_base + ARM_KUSER_PAGE;
    if (mprotect(p, 0x1000, PROT_READ | PROT_WRITE) != 0)
        return false;
    for (uint32_t off = 0; off < 0x1000; off += 4) {       /* the kernel's poison: udf */
        uint32_t w = off == 0xffc ? 5u : 0xe7fddef1u;       /* __kuser_helper_version = 5 */
        memcpy(p + off, &w, 4);
    }
    return mprotect(p, 0x1000, PROT_READ | PROT_EXEC) == 0;
}

/* ---- EABI syscall convention ---------------------------------------------------- */

static uint32_t arm_sys_nr(const void *cpu) { return ((const ARMCPU *)cpu)->r[7]; }

static void arm_sys_args(const void *cpu, const uint8_t *guest_base, uint32_t args[8])
{
    const ARMCPU *c = cpu;
    for (int i = 0; i < 7; i++)
        args[i] = c->r[i];
    args[7] = 0;
}

static void arm_sys_set_result(void *cpu, int64_t ret)
{
    ((ARMCPU *)cpu)->r[0] = (uint32_t)ret;
}

static void arm_sys_advance(void *cpu)
{
    ARMCPU *c = cpu;
    c->h.pc += (c->h.pc & 1) ? 2 : 4;
}

static const GuestSyscallABI arm_eabi = {
    arm_sys_nr, arm_sys_args, arm_sys_set_result, arm_sys_advance,
};

const GuestArch guest_arm = {
    .name = "arm",
    .uname_machine = "armv7l",
    .platform = "v7l",
    .elf_machine = EM_ARM,
    .big_endian = false,
    .cpu_size = sizeof(ARMCPU),
    .hwcap = HWCAP_SWP | HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_VFP | HWCAP_EDSP | HWCAP_TLS | HWCAP_NEON |
             HWCAP_VFPv3 | HWCAP_VFPv4 | HWCAP_IDIVA | HWCAP_IDIVT | HWCAP_VFPD32,
    .hwcap2 = 0,
    .stack_align = 8,
    .accepts_elf_flags = arm_accepts_elf_flags,
    .cpu_init = arm_cpu_init,
    .translate = arm_translate,
    .set_tls = arm_set_tls,
    .clone_child = arm_clone_child,
    .dump = arm_dump,
    .sys = &arm_eabi,
    .llvm_triple = "arm-linux-gnueabihf",        /* also the default sysroot /usr/<triplet> */
    .llvm_cpu = "cortex-a15",
    .setup_memory = arm_setup_memory,
    .llvm_triple_odd_pc = "thumbv7-linux-gnueabihf",
    .sysroot_triplet = arm_sysroot_triplet,
};
