/*
 * abi_ppc32.c - the 32-bit PowerPC syscall ABI (big endian): the facts of
 * tables/ppc32.h and the calls whose ppc32 meaning differs from the generic
 * handler of the same name (arch/powerpc/kernel/syscalls/syscall.tbl,
 * sys_ppc32.c):
 *   - fadvise64(fd, offset64, len32, advice) and
 *     fadvise64_64(fd, advice, offset64, len64);
 *   - the signal frames (signal_32.c) with sigreturn and rt_sigreturn;
 *   - prctl(PR_SET_FPEXC / PR_GET_FPEXC), the FP exception mode.
 * 64-bit arguments use aligned register pairs (r3..r10), high word first;
 * mmap2 counts 4096-byte units.  Errors come back through CR0.SO: the
 * frontend's GuestSyscallABI.set_result.
 *
 * NYI: swapcontext, sys_debug_setcontext, subpage_prot, switch_endian, rtas,
 * spu_*, sync_file_range2, the old select and stat calls.
 */
#include <elf.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include "sys_abi.h"
#include "../frontend/ppc/cpu.h"

#define SYS_ABI_TABLE "tables/ppc32.h"
#include "abi_tables.h"

/* fadvise64(fd, offset64, len32, advice): the generic order, a 32-bit len */
static int64_t ppc_fadvise64(SysCtx *c)
{
    return sys_fadvise64(c);
}

/* fadvise64_64(fd, advice, offset64, len64) */
static int64_t ppc_fadvise64_64(SysCtx *c)
{
    int64_t advice = c->a[1];
    c->a[1] = c->a[2];
    c->a[2] = c->a[3];
    c->a[3] = advice;
    return sys_fadvise64(c);
}

/* ---- signal frames (arch/powerpc/kernel/signal_32.c) -------------------- */

/*
 * Two frames, as handle_signal32 and handle_rt_signal32 build them:
 *   - without SA_SIGINFO, struct sigframe { sigcontext; mcontext; abigap }:
 *     r3 = signal, r4 = &sigcontext, whose `regs` points at the mcontext;
 *     the mask is sigcontext.oldmask (+ _unused[3] for signals 33..64);
 *   - with SA_SIGINFO, struct rt_sigframe { siginfo; ucontext; abigap }:
 *     r3 = signal, r4 = &info, r5 = &ucontext, r6 = the frame; the
 *     ucontext's uc_regs points at its uc_mcontext.
 * Each frame sits 16-byte aligned below the interrupted r1 (or on the
 * alternate stack); below it the kernel leaves a __SIGNAL_FRAMESIZE (64)
 * byte caller frame, plus 16 for the rt frame, whose first word (the back
 * chain) is the interrupted r1; r1 points there.  mc_gregs holds the
 * pt_regs words (r0..r31, nip, msr, orig_gpr3, ctr, link, xer, ccr, mq,
 * trap, dar, dsisr, result), mc_fregs the 32 FPRs and the FPSCR as a
 * 64-bit word.  LR is the return trampoline: the kernel's vDSO
 * (__kernel_sigtramp32 / __kernel_sigtramp_rt32), here one read/execute
 * page holding "li r0, __NR_sigreturn; sc" and "li r0, __NR_rt_sigreturn;
 * sc" - the words libgcc's unwinder (linux-unwind.h) recognises.  The
 * kernel has no sa_restorer on PowerPC and, with a vDSO, leaves mc_pad
 * alone.  The handler starts with FPSCR = 0 (fp_state.fpscr = 0).
 *
 * sigreturn / rt_sigreturn find the frame at r1 + 64 (+ 16), restore the
 * mask, then every register from the mcontext the frame points at
 * (sigcontext.regs, uc_regs: a handler may redirect it), including CR,
 * XER, CTR, LR, the FPRs and the FPSCR; rt_sigreturn also the altstack.
 * A bad frame is SIGSEGV, as the kernel forces it.
 * NYI: dsisr for faults; the transactional-memory frames (64-bit kernels).
 */

#define L (sys_cur.L)
#define PPC_SIGNAL_FRAMESIZE 64         /* asm/ptrace.h __SIGNAL_FRAMESIZE (32-bit) */

/* MSR bits (Power ISA Book III, 32-bit numbering) for mc_gregs[PT_MSR]:
 * a user-mode 32-bit thread with translation, machine check, external
 * interrupts and the FPU on, FE0/FE1 from prctl(PR_SET_FPEXC). */
#define PPC_MSR_EE   0x8000u
#define PPC_MSR_PR   0x4000u
#define PPC_MSR_FP   0x2000u
#define PPC_MSR_ME   0x1000u
#define PPC_MSR_FE0  0x0800u
#define PPC_MSR_FE1  0x0100u
#define PPC_MSR_IR   0x0020u
#define PPC_MSR_DR   0x0010u
#define PPC_MSR_RI   0x0002u

/* Interrupt vectors for pt_regs.trap (Book III interrupt offsets) */
#define PPC_TRAP_DSI      0x300u
#define PPC_TRAP_ISI      0x400u
#define PPC_TRAP_ALIGN    0x600u
#define PPC_TRAP_PROGRAM  0x700u
#define PPC_TRAP_SYSCALL  0xc00u

static uint32_t ppc_nr_of(const char *name)
{
    for (uint32_t i = 0; i < sys_cur.abi->n_nrs; i++)
        if (!strcmp(sys_cur.abi->nrs[i].name, name))
            return sys_cur.abi->nrs[i].nr;
    return 0;
}

/* The trampoline page: sigreturn at +0, rt_sigreturn at +8. */
static GuestAddr trampoline;

static GuestAddr ppc_trampoline(bool rt)
{
    if (!trampoline) {
        uint32_t nr = ppc_nr_of("sigreturn"), rtnr = ppc_nr_of("rt_sigreturn");
        GuestAddr a = 0;
        if (!nr || !rtnr ||
            gm_mmap(&a, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) < 0)
            return 0;
        uint8_t *p = g2h(a);
        st_g32(p, 0x38000000u | nr);          /* addi r0, 0, nr (li) */
        st_g32(p + 4, 0x44000002u);           /* sc */
        st_g32(p + 8, 0x38000000u | rtnr);
        st_g32(p + 12, 0x44000002u);
        if (gm_mprotect(a, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) < 0)
            return 0;
        trampoline = a;
    }
    return trampoline + (rt ? 8 : 0);
}

static uint32_t ppc_msr(const PPCCPU *c)
{
    uint32_t m = PPC_MSR_EE | PPC_MSR_PR | PPC_MSR_FP | PPC_MSR_ME | PPC_MSR_IR | PPC_MSR_DR |
                 PPC_MSR_RI;
    if (c->fpexc_mode & 2)
        m |= PPC_MSR_FE0;
    if (c->fpexc_mode & 1)
        m |= PPC_MSR_FE1;
    return m;
}

/* The interrupt that led to signal delivery, from the siginfo built for it. */
static void ppc_trap_of(const uint8_t *info, uint32_t *trap, uint32_t *dar)
{
    int h = sys_signal_to_host((int)fget(info, L->siginfo.signo));
    int64_t code = fgets64(info, L->siginfo.code);
    *trap = PPC_TRAP_SYSCALL;      /* delivered on the way out of a syscall */
    *dar = 0;
    if (code <= 0)
        return;
    if (h == SIGSEGV) {
        *trap = PPC_TRAP_DSI;
        *dar = (uint32_t)fget(info, L->siginfo.addr);
    } else if (h == SIGBUS) {
        *trap = PPC_TRAP_ALIGN;
        *dar = (uint32_t)fget(info, L->siginfo.addr);
    } else if (h == SIGILL || h == SIGFPE || h == SIGTRAP) {
        *trap = PPC_TRAP_PROGRAM;
    }
}

/* Fills the mcontext image mc (the guest's registers, FPSCR read now). */
static void ppc_mcontext_save(PPCCPU *c, uint8_t *mc, const uint8_t *info)
{
    uint8_t *gr = mc + L->ppc_mcontext.gregs.off;
    for (int i = 0; i < 32; i++)
        st_g32(gr + L->ppc_pt_regs.gpr.off + 4 * i, c->gpr[i]);
    uint32_t trap, dar;
    ppc_trap_of(info, &trap, &dar);
    fput(gr, L->ppc_pt_regs.nip, c->h.pc);
    fput(gr, L->ppc_pt_regs.msr, ppc_msr(c));
    fput(gr, L->ppc_pt_regs.ctr, c->ctr);
    fput(gr, L->ppc_pt_regs.link, c->lr);
    fput(gr, L->ppc_pt_regs.xer, ppc_xer_read(c));
    fput(gr, L->ppc_pt_regs.ccr, ppc_cr_read(c));
    fput(gr, L->ppc_pt_regs.trap, trap);
    fput(gr, L->ppc_pt_regs.dar, dar);
    uint8_t *fr = mc + L->ppc_mcontext.fregs.off;
    for (int i = 0; i < 32; i++)
        sys_st(fr + 8 * i, 8, c->fpr[i]);
    sys_st(fr + 8 * 32, 8, ppc_fpscr_read(c));
}

/* Restores the registers from the mcontext at guest address mcp; false if
 * it cannot be read. */
static bool ppc_mcontext_restore(PPCCPU *c, GuestAddr mcp)
{
    uint8_t mc[1024];
    uint32_t need = L->ppc_mcontext.fregs.off + L->ppc_mcontext.fregs.size;
    if (need > sizeof mc || sys_copy_in(mc, mcp, need) < 0)
        return false;
    const uint8_t *gr = mc + L->ppc_mcontext.gregs.off;
    for (int i = 0; i < 32; i++)
        c->gpr[i] = ld_g32(gr + L->ppc_pt_regs.gpr.off + 4 * i);
    c->h.pc = (uint32_t)fget(gr, L->ppc_pt_regs.nip) & ~3u;   /* rfi ignores the low bits */
    c->ctr = (uint32_t)fget(gr, L->ppc_pt_regs.ctr);
    c->lr = (uint32_t)fget(gr, L->ppc_pt_regs.link);
    uint32_t xer = (uint32_t)fget(gr, L->ppc_pt_regs.xer);
    c->xer_so = xer >> 31;
    c->xer_ov = (xer >> 30) & 1;
    c->xer_ca = (xer >> 29) & 1;
    c->xer_rest = xer & ~(PPC_XER_SO | PPC_XER_OV | PPC_XER_CA);
    ppc_cr_write(c, (uint32_t)fget(gr, L->ppc_pt_regs.ccr));
    const uint8_t *fr = mc + L->ppc_mcontext.fregs.off;
    for (int i = 0; i < 32; i++)
        c->fpr[i] = sys_ld(fr + 8 * i, 8);
    ppc_fpscr_write(c, (uint32_t)sys_ld(fr + 8 * 32, 8));
    c->resv_valid = 0;
    return true;
}

static bool ppc_setup_frame(GuestThread *t, int g, const GuestSigAction *a, const uint8_t *info,
                            const uint32_t *oldmask)
{
    PPCCPU *c = t->cpu;
    bool rt = (a->flags & (uint32_t)gk(K_SA_SIGINFO)) != 0;
    GuestAddr ret = ppc_trampoline(rt);
    uint32_t size = rt ? L->ppc_rt_sigframe.bytes : L->ppc_sigframe.bytes;
    uint8_t img[2048];
    if (!ret || !size || size > sizeof img)
        return false;
    uint32_t oldsp = c->gpr[1];
    GuestAddr frame = (sys_sigframe_sp(a, oldsp) - size) & ~15u;
    GuestAddr newsp = frame - PPC_SIGNAL_FRAMESIZE - (rt ? 16 : 0);
    if (!gm_access_ok(newsp, frame + size - newsp, PROT_WRITE))
        return false;
    memset(img, 0, size);
    GuestAddr mcp;
    if (rt) {
        memcpy(img + L->ppc_rt_sigframe.info.off, info, L->siginfo.bytes);
        uint8_t *uc = img + L->ppc_rt_sigframe.uc.off;
        GuestAddr ucp = frame + L->ppc_rt_sigframe.uc.off;
        SysAltStack st;
        bool on = sys_sigaltstack_get(&st.sp, &st.size, &st.flags);
        fput(uc, L->ppc_ucontext.stack_sp, on ? st.sp : 0);
        fput(uc, L->ppc_ucontext.stack_size, on ? st.size : 0);
        fput(uc, L->ppc_ucontext.stack_flags, (uint32_t)sys_altstack_flags(oldsp));
        mcp = ucp + L->ppc_ucontext.mcontext.off;
        fput(uc, L->ppc_ucontext.regs, mcp);
        for (unsigned i = 0; i < L->ppc_ucontext.sigmask.size / 4u; i++)
            st_g32(uc + L->ppc_ucontext.sigmask.off + 4 * i, oldmask[i]);
        ppc_mcontext_save(c, uc + L->ppc_ucontext.mcontext.off, info);
    } else {
        uint8_t *sc = img + L->ppc_sigframe.sctx.off;
        mcp = frame + L->ppc_sigframe.mctx.off;
        fput(sc, L->ppc_sigcontext.handler, a->handler);
        fput(sc, L->ppc_sigcontext.oldmask, oldmask[0]);
        fput(sc, L->ppc_sigcontext.mask_hi, oldmask[1]);
        fput(sc, L->ppc_sigcontext.regs, mcp);
        fput(sc, L->ppc_sigcontext.signal, (uint32_t)g);
        ppc_mcontext_save(c, img + L->ppc_sigframe.mctx.off, info);
    }
    uint8_t chain[4];
    st_g32(chain, oldsp);
    if (sys_copy_out(frame, img, size) < 0 || sys_copy_out(newsp, chain, 4) < 0)
        return false;
    c->gpr[1] = newsp;
    c->gpr[3] = (uint32_t)g;
    if (rt) {
        c->gpr[4] = frame + L->ppc_rt_sigframe.info.off;
        c->gpr[5] = frame + L->ppc_rt_sigframe.uc.off;
        c->gpr[6] = frame;
    } else {
        c->gpr[4] = frame + L->ppc_sigframe.sctx.off;
    }
    c->lr = ret;
    c->h.pc = a->handler;
    c->resv_valid = 0;
    ppc_fpscr_write(c, 0);         /* "turn off all fp exceptions" */
    return true;
}

static int64_t ppc_bad_frame(SysCtx *c)
{
    c->raise_host_sig = SIGSEGV;       /* the kernel forces SIGSEGV */
    c->raise_si_code = SI_KERNEL;
    return -EFAULT;
}

/* rt_sigreturn: the frame is at r1 + 64 + 16; no result (SCF_NORESULT). */
static int64_t ppc_rt_sigreturn(SysCtx *c)
{
    PPCCPU *cpu = c->t->cpu;
    GuestAddr ucp = cpu->gpr[1] + PPC_SIGNAL_FRAMESIZE + 16 + L->ppc_rt_sigframe.uc.off;
    uint8_t uc[256];
    uint32_t need = L->ppc_ucontext.sigmask.off + L->ppc_ucontext.sigmask.size;
    if (need > sizeof uc || sys_copy_in(uc, ucp, need) < 0)
        return ppc_bad_frame(c);
    uint32_t mask[4] = { 0 };
    for (unsigned i = 0; i < L->ppc_ucontext.sigmask.size / 4u && i < 4; i++)
        mask[i] = ld_g32(uc + L->ppc_ucontext.sigmask.off + 4 * i);
    sys_sigreturn_mask(c->t, mask);
    if (!ppc_mcontext_restore(cpu, (uint32_t)fget(uc, L->ppc_ucontext.regs)))
        return ppc_bad_frame(c);
    sys_sigreturn_altstack((uint32_t)fget(uc, L->ppc_ucontext.stack_sp),
                           (uint32_t)fget(uc, L->ppc_ucontext.stack_size),
                           (int)fgets64(uc, L->ppc_ucontext.stack_flags));
    return 0;
}

/* sigreturn: the sigcontext is at r1 + 64. */
static int64_t ppc_sigreturn(SysCtx *c)
{
    PPCCPU *cpu = c->t->cpu;
    uint8_t sc[64];
    if (L->ppc_sigcontext.bytes > sizeof sc ||
        sys_copy_in(sc, cpu->gpr[1] + PPC_SIGNAL_FRAMESIZE + L->ppc_sigframe.sctx.off,
                    L->ppc_sigcontext.bytes) < 0)
        return ppc_bad_frame(c);
    uint32_t mask[4] = { (uint32_t)fget(sc, L->ppc_sigcontext.oldmask),
                         (uint32_t)fget(sc, L->ppc_sigcontext.mask_hi), 0, 0 };
    sys_sigreturn_mask(c->t, mask);
    if (!ppc_mcontext_restore(cpu, (uint32_t)fget(sc, L->ppc_sigcontext.regs)))
        return ppc_bad_frame(c);
    return 0;
}

static uint32_t ppc_get_sp(const void *cpu) { return ((const PPCCPU *)cpu)->gpr[1]; }

#undef L

/* ---- prctl(PR_SET_FPEXC / PR_GET_FPEXC) --------------------------------- */

/* The FP exception mode (arch/powerpc/kernel/process.c set_fpexc_mode,
 * get_fpexc_mode): DISABLED, NONRECOV, ASYNC or PRECISE become MSR[FE0,FE1];
 * with any of them an FP instruction that raises an exception enabled in
 * the FPSCR traps (SIGFPE, see frontend/ppc/fpscr.c).  xbt traps precisely
 * in every non-disabled mode, which the other modes allow.  The SPE bits
 * (PR_FP_EXC_SW_ENABLE and the exception selectors) are EINVAL without
 * SPE.  linux/prctl.h is generic, so the host's values are the guest's.
 * GET stores the mode through the pointer in arg2. */
static int64_t ppc_prctl(SysCtx *c)
{
    PPCCPU *cpu = c->t->cpu;
    if (c->a[0] == PR_SET_FPEXC) {
        uint32_t v = (uint32_t)c->a[1];
        if (v & PR_FP_EXC_SW_ENABLE)
            return -EINVAL;
        if (v > PR_FP_EXC_PRECISE)
            return -EINVAL;
        if (ppc_fpexc_set_mode(cpu, v))
            rt_code_invalidate(0, 0xffffffffu);   /* retranslate FP code with checks */
        return 0;
    }
    if (c->a[0] == PR_GET_FPEXC) {
        uint8_t w[4];
        st_g32(w, cpu->fpexc_mode);
        return sys_copy_out((uint32_t)c->a[1], w, 4);
    }
    return sys_prctl(c);
}

static const SysOverride ppc_overrides[] = {
    { "fadvise64", { "fadvise64", ppc_fadvise64, 0, 0, { A_FD, A_OFF64, A_SIZE, A_INT } } },
    { "fadvise64_64", { "fadvise64_64", ppc_fadvise64_64, 0, 0, { A_FD, A_INT, A_OFF64, A_OFF64 } } },
    { "rt_sigreturn", { "rt_sigreturn", ppc_rt_sigreturn, 0, SCF_NORESULT, { A_END } } },
    { "sigreturn", { "sigreturn", ppc_sigreturn, 0, SCF_NORESULT, { A_END } } },
    { "prctl", { "prctl", ppc_prctl, 0, 0, { A_PRCTL, A_HEX, A_HEX, A_HEX, A_HEX } } },
};

const SysAbi sys_abi_ppc32 = {
    .name = "ppc32",
    .elf_machine = EM_PPC,
    ABI_TABLES_INIT,
    .overrides = ppc_overrides,
    .n_overrides = sizeof ppc_overrides / sizeof ppc_overrides[0],
    .pair_align = true,
    .mmap2_shift = 12,
    .setup_frame = ppc_setup_frame,
    .get_sp = ppc_get_sp,
};
