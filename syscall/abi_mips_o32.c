/*
 * abi_mips_o32.c - the MIPS o32 syscall ABI (big- and little-endian): the
 * generated facts of tables/mips_o32.h turned into SysAbi data, and the few
 * calls whose o32 meaning differs from the generic handler of that name.
 *
 * o32 specifics (arch/mips/kernel/scall32-o32.S, syscalls.c):
 *   - numbers start at 4000; arguments 5..8 are on the guest stack (the
 *     frontend's GuestSyscallABI.args reads them);
 *   - pipe() returns the read end in $v0 and the write end in $v1;
 *   - syscall(4000) is an indirect call: number in $a0, arguments shifted;
 *   - cacheflush(addr, nbytes, cache) and sysmips(cmd, ...) are MIPS-only;
 *   - 64-bit arguments use aligned register pairs; mmap2 counts 4096-byte units.
 * The byte order is not part of this data: it comes from GuestArch.
 */
#include <elf.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>
#include "sys_abi.h"
#include "../frontend/mips/cpu.h"

#define SYS_ABI_TABLE "tables/mips_o32.h"
#include "abi_tables.h"

/* ---- o32-only calls ---------------------------------------------------- */

/* pipe(): fds come back in $v0 and $v1, not through memory.
 * NYI: contract: a GuestSyscallABI hook for a second result register would
 * keep MIPSCPU out of syscall/; until then this file writes $v1 itself. */
static int64_t mips_pipe(SysCtx *c)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -errno;
    ((MIPSCPU *)c->t->cpu)->gpr[3] = (uint32_t)fds[1];
    return fds[0];
}

/* syscall(nr, a0..a6): the kernel shifts the arguments down by one. */
static int64_t mips_syscall(SysCtx *c)
{
    uint32_t nr = c->raw[0];
    if (nr == c->nr)
        return -EINVAL;               /* the kernel refuses syscall(syscall) too */
    uint32_t raw[8] = { 0 };
    for (int i = 0; i < 7; i++)
        raw[i] = c->raw[i + 1];
    return sys_call_nr(c, nr, raw);
}

/* cacheflush(addr, nbytes, cache): all caches are coherent for xbt except
 * its own translations. */
static int64_t mips_cacheflush(SysCtx *c)
{
    uint32_t addr = (uint32_t)c->a[0], len = (uint32_t)c->a[1];
    int64_t which = c->a[2];
    if (!gk_is(K_ICACHE, which) && !gk_is(K_DCACHE, which) && !gk_is(K_BCACHE, which))
        return -EINVAL;
    if (!gm_access_ok(addr, len, 0))
        return -EFAULT;
    if (!gk_is(K_DCACHE, which))
        rt_code_invalidate(addr, len);
    return 0;
}

static int64_t mips_sysmips(SysCtx *c)
{
    int64_t cmd = c->a[0];
    if (gk_is(K_FLUSH_CACHE, cmd)) {
        rt_code_invalidate(0, 0xffffffffu);
        return 0;
    }
    if (gk_is(K_MIPS_FIXADE, cmd))
        return 0;                     /* unaligned accesses: xbt never traps them */
    if (gk_is(K_MIPS_ATOMIC_SET, cmd)) {
        int err;
        uint32_t *p = sys_gbuf((uint32_t)c->a[1], 4, PROT_READ | PROT_WRITE, &err);
        if (!p)
            return err;
        uint32_t nv = (uint32_t)c->a[2];
        if (sys_cur.be)
            nv = __builtin_bswap32(nv);
        uint32_t old = __atomic_exchange_n(p, nv, __ATOMIC_SEQ_CST);
        return sys_cur.be ? __builtin_bswap32(old) : old;
    }
    if (gk_is(K_SETNAME, cmd)) {
        char name[65];
        int r = sys_strin((uint32_t)c->a[1], name, sizeof name);
        if (r < 0)
            return r == -ENAMETOOLONG ? -EINVAL : r;
        return sys_ret(sethostname(name, strlen(name)));
    }
    if (gk_is(K_MIPS_RDNVRAM, cmd))
        return -EIO;                  /* what the kernel answers */
    return -EINVAL;
}

/* prctl(PR_GET/SET_FP_MODE): xbt runs o32 with Status.FR = 0 only
 * (frontend/mips/cpu.h), so the mode is 0 and nothing else can be set -
 * the kernel's answer on a CPU without FR=1 support. */
static int64_t mips_prctl(SysCtx *c)
{
    if (gk_is(K_PR_GET_FP_MODE, c->a[0]))
        return 0;
    if (gk_is(K_PR_SET_FP_MODE, c->a[0]))
        return c->a[1] == 0 ? 0 : -EOPNOTSUPP;
    return sys_prctl(c);
}

/* ---- signal frames (arch/mips/kernel/signal.c: setup_rt_frame) --------- */

#define L (sys_cur.L)

/* The return trampoline, as the kernel's vDSO has it: li v0, rt_sigreturn;
 * syscall.  One read/execute page, mapped on first use. */
static GuestAddr trampoline;
static bool trampoline_be;

static GuestAddr mips_trampoline(void)
{
    if (trampoline && trampoline_be == sys_cur.be)
        return trampoline;
    uint32_t nr = 0;
    for (uint32_t i = 0; i < sys_cur.abi->n_nrs; i++)
        if (!strcmp(sys_cur.abi->nrs[i].name, "rt_sigreturn"))
            nr = sys_cur.abi->nrs[i].nr;
    GuestAddr a = 0;
    if (!nr || gm_mmap(&a, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) < 0)
        return 0;
    uint8_t *p = g2h(a);
    st_g32(p, 0x24020000u | (nr & 0xffff));   /* addiu $v0, $zero, nr (MIPS32 Vol. II ADDIU) */
    st_g32(p + 4, 0x0000000cu);               /* syscall (SYSCALL) */
    if (gm_mprotect(a, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) < 0)
        return 0;
    trampoline_be = sys_cur.be;
    return trampoline = a;
}

static bool mips_setup_frame(GuestThread *t, int g, const GuestSigAction *a, const uint8_t *info,
                             const uint32_t *oldmask)
{
    MIPSCPU *c = t->cpu;
    GuestAddr ret = mips_trampoline();
    uint32_t size = L->mips_sigframe.bytes;
    uint8_t img[2048];
    if (!ret || size > sizeof img)
        return false;
    uint32_t sp = sys_sigframe_sp(a, c->gpr[29] - 32);   /* as get_sigframe */
    GuestAddr frame = (sp - size) & ~7u;
    if (!gm_access_ok(frame, size, PROT_WRITE))
        return false;
    memset(img, 0, size);
    memcpy(img + L->mips_sigframe.info.off, info, L->siginfo.bytes);
    uint8_t *uc = img + L->mips_sigframe.uc.off;
    SysAltStack st;
    bool on = sys_sigaltstack_get(&st.sp, &st.size, &st.flags);
    fput(uc, L->mips_ucontext.stack_sp, on ? st.sp : 0);
    fput(uc, L->mips_ucontext.stack_size, on ? st.size : 0);
    fput(uc, L->mips_ucontext.stack_flags, (uint32_t)sys_altstack_flags(c->gpr[29]));
    uint8_t *sc = uc + L->mips_ucontext.mcontext.off;
    fput(sc, L->mips_sigcontext.pc, c->h.pc);
    for (int i = 1; i < 32; i++)
        sys_st(sc + L->mips_sigcontext.regs.off + 8 * i, 8, c->gpr[i]);
    fput(sc, L->mips_sigcontext.mdhi, c->hi);
    fput(sc, L->mips_sigcontext.mdlo, c->lo);
    fput(sc, L->mips_sigcontext.used_math, 1);
    for (int i = 0; i < 32; i += 2)       /* FR=0: each even slot holds a double */
        sys_st(sc + L->mips_sigcontext.fpregs.off + 8 * i, 8, (uint64_t)c->fpr[i + 1] << 32 | c->fpr[i]);
    fput(sc, L->mips_sigcontext.fpc_csr, c->fcsr);
    for (unsigned i = 0; i < L->mips_ucontext.sigmask.size / 4u; i++)
        st_g32(uc + L->mips_ucontext.sigmask.off + 4 * i, oldmask[i]);
    if (sys_copy_out(frame, img, size) < 0)
        return false;
    /* a0 = signal, a1 = &info, a2 = &ucontext, sp = frame, ra = trampoline,
     * t9 = pc = handler (handlers are PIC) */
    c->gpr[4] = (uint32_t)g;
    c->gpr[5] = frame + L->mips_sigframe.info.off;
    c->gpr[6] = frame + L->mips_sigframe.uc.off;
    c->gpr[29] = frame;
    c->gpr[31] = ret;
    c->gpr[25] = c->h.pc = a->handler;
    c->llbit = 0;
    return true;
}

/* rt_sigreturn: everything comes back from the frame at $sp; the
 * dispatcher writes no result (SCF_NORESULT). */
static int64_t mips_rt_sigreturn(SysCtx *c)
{
    MIPSCPU *cpu = c->t->cpu;
    uint32_t size = L->mips_sigframe.bytes;
    uint8_t img[2048];
    if (size > sizeof img || sys_copy_in(img, cpu->gpr[29], size) < 0) {
        c->raise_host_sig = SIGSEGV;     /* the kernel forces SIGSEGV */
        c->raise_si_code = SI_KERNEL;
        return -EFAULT;
    }
    const uint8_t *uc = img + L->mips_sigframe.uc.off;
    const uint8_t *sc = uc + L->mips_ucontext.mcontext.off;
    uint32_t mask[4] = { 0 };
    for (unsigned i = 0; i < L->mips_ucontext.sigmask.size / 4u && i < 4; i++)
        mask[i] = ld_g32(uc + L->mips_ucontext.sigmask.off + 4 * i);
    sys_sigreturn_mask(c->t, mask);
    for (int i = 1; i < 32; i++)
        cpu->gpr[i] = (uint32_t)sys_ld(sc + L->mips_sigcontext.regs.off + 8 * i, 8);
    cpu->hi = (uint32_t)fget(sc, L->mips_sigcontext.mdhi);
    cpu->lo = (uint32_t)fget(sc, L->mips_sigcontext.mdlo);
    if (fget(sc, L->mips_sigcontext.used_math)) {
        for (int i = 0; i < 32; i += 2) {
            uint64_t d = sys_ld(sc + L->mips_sigcontext.fpregs.off + 8 * i, 8);
            cpu->fpr[i] = (uint32_t)d;
            cpu->fpr[i + 1] = (uint32_t)(d >> 32);
        }
        mips_fcsr_write(cpu, (uint32_t)fget(sc, L->mips_sigcontext.fpc_csr));
    }
    cpu->h.pc = (uint32_t)fget(sc, L->mips_sigcontext.pc);
    cpu->llbit = 0;
    sys_sigreturn_altstack((uint32_t)fget(uc, L->mips_ucontext.stack_sp),
                           (uint32_t)fget(uc, L->mips_ucontext.stack_size),
                           (int)fgets64(uc, L->mips_ucontext.stack_flags));
    return 0;
}

static uint32_t mips_get_sp(const void *cpu) { return ((const MIPSCPU *)cpu)->gpr[29]; }

#undef L

static const SysOverride mips_o32_overrides[] = {
    { "rt_sigreturn", { "rt_sigreturn", mips_rt_sigreturn, 0, SCF_NORESULT, { A_END } } },
    { "pipe", { "pipe", mips_pipe, 0, 0, { A_END } } },
    { "syscall", { "syscall", mips_syscall, 0, 0, { A_UINT, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX } } },
    { "cacheflush", { "cacheflush", mips_cacheflush, 0, 0, { A_PTR, A_SIZE, A_INT } } },
    { "sysmips", { "sysmips", mips_sysmips, 0, 0, { A_INT, A_HEX, A_HEX } } },
    { "prctl", { "prctl", mips_prctl, 0, 0, { A_PRCTL, A_HEX, A_HEX, A_HEX, A_HEX } } },
};

const SysAbi sys_abi_mips_o32 = {
    .name = "mips_o32",
    .elf_machine = EM_MIPS,
    ABI_TABLES_INIT,
    .overrides = mips_o32_overrides,
    .n_overrides = sizeof mips_o32_overrides / sizeof mips_o32_overrides[0],
    .pair_align = true,
    .mmap2_shift = 12,
    .setup_frame = mips_setup_frame,
    .get_sp = mips_get_sp,
};
