/*
 * abi_arm_eabi.c - the ARM EABI syscall ABI (little endian): the facts of
 * tables/arm_eabi.h and the calls whose EABI meaning differs from the
 * generic handler of the same name (arch/arm/kernel/calls.S, sys_arm.c,
 * traps.c):
 *   - the legacy 16-bit uid/gid calls (getuid, chown, ...; glibc uses the
 *     *32 ones, which are the generic handlers);
 *   - arm_fadvise64_64(fd, advice, offset, len), ordered to avoid padding;
 *   - the private calls at 0x0f0000: cacheflush(start, end, flags) takes an
 *     end address, set_tls sets TPIDRURO, get_tls reads it, breakpoint
 *     raises SIGTRAP;
 *   - signal frames (arch/arm/kernel/signal.c): struct sigframe (no
 *     SA_SIGINFO) or struct rt_sigframe, with the ucontext whose
 *     uc_regspace holds the VFP record, returning through sa_restorer or
 *     the kernel's sigreturn code, undone by sigreturn / rt_sigreturn.
 * Numbers come in r7, 64-bit arguments in even/odd register pairs: the
 * frontend's GuestSyscallABI and SysAbi.pair_align.
 *
 * NYI: usr26/usr32, arm_sync_file_range, the 16-bit getresuid/getresgid/
 * getgroups/setgroups; a frame's CPSR IT bits (a signal taken inside an IT
 * block, or a handler that sets them, resumes with IT state 0) and E bit
 * (xbt has no big-endian data state); sigcontext.error_code is 0 for faults
 * (the kernel puts the fault status register there).
 */
#include <elf.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include "sys_abi.h"
#include "../frontend/arm/cpu.h"

#define SYS_ABI_TABLE "tables/arm_eabi.h"
#include "abi_tables.h"

/* ---- 16-bit ids: high2lowuid / low2highuid (include/linux/highuid.h) ---- */

static int64_t id16_out(int64_t v) { return v >= 0 && v > 0xffff ? 65534 : v; }

static void id16_in(SysCtx *c, int from, int to)
{
    for (int i = from; i <= to; i++)
        if ((c->a[i] & 0xffff) == 0xffff)
            c->a[i] = -1;
        else
            c->a[i] &= 0xffff;
}

static int64_t arm_getuid16(SysCtx *c) { return id16_out(sys_getuid(c)); }
static int64_t arm_geteuid16(SysCtx *c) { return id16_out(sys_geteuid(c)); }
static int64_t arm_getgid16(SysCtx *c) { return id16_out(sys_getgid(c)); }
static int64_t arm_getegid16(SysCtx *c) { return id16_out(sys_getegid(c)); }

static int64_t arm_setid16(SysCtx *c)
{
    int n = 0;
    while (n < SYS_MAXARGS && c->sc->kinds[n] != A_END)
        n++;
    id16_in(c, 0, n - 1);
    SysFn *fn = c->sc->variant == 1 ? sys_setuid : c->sc->variant == 2 ? sys_setgid :
                c->sc->variant == 3 ? sys_setreuid : c->sc->variant == 4 ? sys_setregid :
                c->sc->variant == 5 ? sys_setresuid : c->sc->variant == 6 ? sys_setresgid :
                c->sc->variant == 7 ? sys_setfsuid : sys_setfsgid;
    int64_t r = fn(c);
    return c->sc->variant >= 7 ? id16_out(r) : r;
}

static int64_t arm_chown16(SysCtx *c)
{
    id16_in(c, 1, 2);
    return c->sc->variant == V_FD ? sys_fchown(c) : sys_chown(c);
}

static int64_t arm_nyi(SysCtx *c)
{
    sys_warn_once("syscall", c->nr, "NYI: syscall %s (%u)", c->name, c->nr);
    return -ENOSYS;
}

/* ---- others ---------------------------------------------------------------- */

static int64_t arm_fadvise64_64(SysCtx *c)
{
    int64_t advice = c->a[1];
    c->a[1] = c->a[2];
    c->a[2] = c->a[3];
    c->a[3] = advice;
    return sys_fadvise64(c);
}

static int64_t arm_cacheflush(SysCtx *c)
{
    uint32_t start = (uint32_t)c->a[0], end = (uint32_t)c->a[1];
    if (end < start)
        return -EINVAL;
    rt_code_invalidate(start, end - start);
    return 0;
}

static int64_t arm_set_tls(SysCtx *c)
{
    if (!sys_cur.arch->set_tls)
        return -ENOSYS;
    sys_cur.arch->set_tls(c->t->cpu, (uint32_t)c->a[0]);
    return 0;
}

static int64_t arm_get_tls(SysCtx *c)
{
    return ((ARMCPU *)c->t->cpu)->tpidruro;
}

static int64_t arm_breakpoint(SysCtx *c)
{
    c->raise_host_sig = SIGTRAP;
    c->raise_si_code = TRAP_BRKPT;
    return 0;
}

/* ---- signal frames (arch/arm/kernel/signal.c) --------------------------- */

#define L (sys_cur.L)

#define PSR_T       0x00000020u
#define PSR_I       0x00000080u
#define PSR_MODE    0x0000001fu
#define PSR_USR     0x00000010u
#define PSR_f       0xff000000u   /* N Z C V Q IT[1:0] J */
#define PSR_IT      0x0600fc00u
#define VFP_MAGIC   0x56465001u   /* arch/arm/include/asm/ucontext.h */
#define FPEXC_EN    0x40000000u
#define FPEXC_EX    0x80000000u
#define FPEXC_FP2V  0x10000000u
#define OABI_BASE   0x900000u     /* __NR_OABI_SYSCALL_BASE: the retcode's swi immediate */

/* What the kernel keeps in thread_struct and shows in every later frame
 * (trap_no, error_code, address): set by faults, kept across other
 * signals, as current->thread is. */
static __thread uint32_t thr_trap_no, thr_error_code, thr_address;

/* The kernel's sigreturn_codes (arch/arm/kernel/sigreturn_codes.S): ARM
 * and Thumb "mov r7, #nr; swi" snippets for sigreturn (idx 0, 2) and
 * rt_sigreturn (idx 3, 5).  The kernel copies two words of them to the
 * frame's retcode and points lr at the same code in its [sigpage]; xbt maps
 * one read/execute page holding them. */
static uint32_t retcodes[8];
static GuestAddr sigpage;
static pthread_mutex_t sigpage_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t nr_of(const char *name)
{
    for (uint32_t i = 0; i < sys_cur.abi->n_nrs; i++)
        if (!strcmp(sys_cur.abi->nrs[i].name, name))
            return sys_cur.abi->nrs[i].nr;
    return 0;
}

static GuestAddr arm_sigpage(void)
{
    pthread_mutex_lock(&sigpage_lock);
    if (!sigpage) {
        uint32_t nr = nr_of("sigreturn"), rt = nr_of("rt_sigreturn");
        GuestAddr a = 0;
        if (nr && rt && nr < 256 && rt < 256 &&
            gm_mmap(&a, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == 0) {
            retcodes[0] = 0xe3a07000u | nr;              /* mov r7, #nr (A8.8.102 MOV imm, A1) */
            retcodes[1] = 0xef000000u | (OABI_BASE + nr); /* swi #(nr | OABI base) (SVC, A1) */
            retcodes[2] = 0xdf002700u | nr;              /* movs r7, #nr; svc #0 (T1 encodings) */
            retcodes[3] = 0xe3a07000u | rt;
            retcodes[4] = 0xef000000u | (OABI_BASE + rt);
            retcodes[5] = 0xdf002700u | rt;
            uint8_t *p = g2h(a);
            for (int i = 0; i < 8; i++)
                st_g32(p + 4 * i, retcodes[i]);
            if (gm_mprotect(a, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) == 0)
                sigpage = a;
        }
    }
    pthread_mutex_unlock(&sigpage_lock);
    return sigpage;
}

/* setup_sigframe: registers, mask and the VFP record into the ucontext at
 * uc (an image of guest bytes). */
static void save_sigframe(ARMCPU *c, uint8_t *uc, const uint32_t *oldmask)
{
    uint8_t *sc = uc + L->arm_ucontext.mcontext.off;
    for (int i = 0; i < 15; i++)
        st_g32(sc + L->arm_sigcontext.r0.off + 4 * i, c->r[i]);
    fput(sc, L->arm_sigcontext.pc, c->h.pc & ~1u);
    fput(sc, L->arm_sigcontext.cpsr, arm_cpsr_read(c));
    fput(sc, L->arm_sigcontext.trap_no, thr_trap_no);
    fput(sc, L->arm_sigcontext.error_code, thr_error_code);
    fput(sc, L->arm_sigcontext.fault_address, thr_address);
    fput(sc, L->arm_sigcontext.oldmask, oldmask[0]);
    for (unsigned i = 0; i < L->arm_ucontext.sigmask.size / 4u; i++)
        st_g32(uc + L->arm_ucontext.sigmask.off + 4 * i, oldmask[i]);
    /* preserve_vfp_context; then aux->end_magic = 0 (already zero) */
    uint8_t *vfp = uc + L->arm_ucontext.regspace.off;
    fput(vfp, L->arm_vfp_sigframe.magic, VFP_MAGIC);
    fput(vfp, L->arm_vfp_sigframe.size, L->arm_vfp_sigframe.bytes);
    for (int i = 0; i < 32; i++)
        sys_st(vfp + L->arm_vfp_sigframe.fpregs.off + 8 * i, 8, c->d[i]);
    uint32_t fpscr = arm_fpscr_read(c);
    fput(vfp, L->arm_vfp_sigframe.fpscr, fpscr);
    fput(vfp, L->arm_vfp_sigframe.fpexc, c->fpexc | FPEXC_EN);
    /* vfp_preserve_user_clear_hwstate: the handler runs with Len = Stride = 0 */
    arm_fpscr_write(c, fpscr & ~0x00370000u);
}

/* restore_sigframe + valid_user_regs + restore_vfp_context; false = badframe. */
static bool restore_sigframe(GuestThread *t, ARMCPU *c, const uint8_t *uc)
{
    uint32_t mask[4] = { 0 };
    for (unsigned i = 0; i < L->arm_ucontext.sigmask.size / 4u && i < 4; i++)
        mask[i] = ld_g32(uc + L->arm_ucontext.sigmask.off + 4 * i);
    sys_sigreturn_mask(t, mask);
    const uint8_t *sc = uc + L->arm_ucontext.mcontext.off;
    uint32_t cpsr = (uint32_t)fget(sc, L->arm_sigcontext.cpsr);
    if ((cpsr & PSR_MODE) != PSR_USR || (cpsr & PSR_I))
        return false;
    const uint8_t *vfp = uc + L->arm_ucontext.regspace.off;
    if (fget(vfp, L->arm_vfp_sigframe.magic) != VFP_MAGIC ||
        fget(vfp, L->arm_vfp_sigframe.size) != L->arm_vfp_sigframe.bytes)
        return false;
    for (int i = 0; i < 15; i++)
        c->r[i] = ld_g32(sc + L->arm_sigcontext.r0.off + 4 * i);
    uint32_t pc = (uint32_t)fget(sc, L->arm_sigcontext.pc);
    c->h.pc = (cpsr & PSR_T) ? pc | 1u : pc & ~1u;
    arm_cpsr_write(c, cpsr);
    for (int i = 0; i < 32; i++)
        c->d[i] = sys_ld(vfp + L->arm_vfp_sigframe.fpregs.off + 8 * i, 8);
    arm_fpscr_write(c, (uint32_t)fget(vfp, L->arm_vfp_sigframe.fpscr));
    c->fpexc = ((uint32_t)fget(vfp, L->arm_vfp_sigframe.fpexc) | FPEXC_EN) & ~(FPEXC_EX | FPEXC_FP2V);
    c->excl_valid = 0;
    return true;
}

/* Records what a fault leaves in current->thread (trap_no 14 = data
 * abort, 6 = undefined instruction: arch/arm/mm/fault.c, traps.c). */
static void note_fault(int g, const uint8_t *info)
{
    if (gk_is(K_SIGSEGV, g) || gk_is(K_SIGBUS, g)) {
        thr_trap_no = 14;
        thr_error_code = 0;
        thr_address = (uint32_t)fget(info, L->siginfo.addr);
    } else if (gk_is(K_SIGILL, g)) {
        thr_trap_no = 6;
        thr_error_code = 0;
    }
}

static bool arm_setup_frame(GuestThread *t, int g, const GuestSigAction *a, const uint8_t *info,
                            const uint32_t *oldmask)
{
    ARMCPU *c = t->cpu;
    bool rt = (a->flags & (uint32_t)gk(K_SA_SIGINFO)) != 0;
    uint32_t size = rt ? L->arm_rt_sigframe.bytes : L->arm_sigframe.bytes;
    uint32_t sig_off = rt ? L->arm_rt_sigframe.sig.off : 0;
    uint8_t img[1024];
    if (size > sizeof img || !L->arm_vfp_sigframe.bytes)
        return false;
    if ((int)fget(info, L->siginfo.code) > 0)
        note_fault(g, info);
    uint32_t sp = sys_sigframe_sp(a, c->r[13]);
    GuestAddr frame = (sp - size) & ~7u;                     /* get_sigframe: ATPCS B01 */
    if (!gm_access_ok(frame, size, PROT_WRITE))
        return false;
    memset(img, 0, size);
    uint8_t *uc = img + sig_off + L->arm_sigframe.uc.off;
    if (rt) {
        uint8_t *si = img + L->arm_rt_sigframe.info.off;
        memcpy(si, info, L->siginfo.bytes);
        /* a fault at the pc (undefined instruction, code fetch) reports the
         * instruction's address, which in Thumb state is the pc without
         * the interworking bit xbt keeps in it */
        if ((int)fget(info, L->siginfo.code) > 0 && (c->h.pc & 1) && fget(info, L->siginfo.addr) == c->h.pc)
            fput(si, L->siginfo.addr, c->h.pc & ~1u);
        SysAltStack st;
        bool on = sys_sigaltstack_get(&st.sp, &st.size, &st.flags);
        fput(uc, L->arm_ucontext.stack_sp, on ? st.sp : 0);
        fput(uc, L->arm_ucontext.stack_size, on ? st.size : 0);
        fput(uc, L->arm_ucontext.stack_flags, (uint32_t)sys_altstack_flags(c->r[13]));
    } else {
        fput(uc, L->arm_ucontext.flags, 0x5ac3c35au);       /* a value sc.trap_no never has */
    }
    save_sigframe(c, uc, oldmask);

    /* setup_return */
    uint32_t handler = a->handler, thumb = handler & 1, ret;
    unsigned idx = (thumb << 1) + (rt ? 3 : 0);
    if (!arm_sigpage())
        return false;
    uint8_t *rc = img + sig_off + L->arm_sigframe.retcode.off;
    st_g32(rc, retcodes[idx]);
    st_g32(rc + 4, retcodes[idx + 1]);
    if (a->flags & (uint32_t)gk(K_SA_RESTORER))
        ret = a->restorer;
    else
        ret = sigpage + 4 * idx + thumb;
    if (sys_copy_out(frame, img, size) < 0)
        return false;
    uint32_t cpsr = arm_cpsr_read(c) & ~(PSR_f | PSR_IT);
    arm_cpsr_write(c, cpsr);
    c->r[0] = (uint32_t)g;
    if (rt) {
        c->r[1] = frame + L->arm_rt_sigframe.info.off;
        c->r[2] = frame + sig_off + L->arm_sigframe.uc.off;
    }
    c->r[13] = frame;
    c->r[14] = ret;
    c->h.pc = thumb ? handler : handler & ~1u;               /* bit 0 = CPSR.T */
    c->condexec = 0;
    c->excl_valid = 0;
    return true;
}

/* sys_sigreturn / sys_rt_sigreturn: the frame is at sp, 8-byte aligned;
 * anything wrong is a badframe (SIGSEGV).  No result is written: r0 comes
 * back from the frame. */
static int64_t sigreturn_common(SysCtx *c, bool rt)
{
    ARMCPU *cpu = c->t->cpu;
    uint32_t size = rt ? L->arm_rt_sigframe.bytes : L->arm_sigframe.bytes;
    uint32_t sig_off = rt ? L->arm_rt_sigframe.sig.off : 0;
    uint8_t img[1024];
    if ((cpu->r[13] & 7) || size > sizeof img || sys_copy_in(img, cpu->r[13], size) < 0)
        goto bad;
    const uint8_t *uc = img + sig_off + L->arm_sigframe.uc.off;
    if (!restore_sigframe(c->t, cpu, uc))
        goto bad;
    if (rt)
        sys_sigreturn_altstack((uint32_t)fget(uc, L->arm_ucontext.stack_sp),
                               (uint32_t)fget(uc, L->arm_ucontext.stack_size),
                               (int)fgets64(uc, L->arm_ucontext.stack_flags));
    return 0;
bad:
    c->raise_host_sig = SIGSEGV;
    c->raise_si_code = SI_KERNEL;
    return -EFAULT;
}

static int64_t arm_sigreturn(SysCtx *c) { return sigreturn_common(c, false); }
static int64_t arm_rt_sigreturn(SysCtx *c) { return sigreturn_common(c, true); }

static uint32_t arm_get_sp(const void *cpu) { return ((const ARMCPU *)cpu)->r[13]; }

#undef L

#define ID16(name, v, ...) { name, { name, arm_setid16, v, 0, { __VA_ARGS__ } } }
static const SysOverride arm_overrides[] = {
    { "getuid", { "getuid", arm_getuid16, 0, 0, { A_END } } },
    { "geteuid", { "geteuid", arm_geteuid16, 0, 0, { A_END } } },
    { "getgid", { "getgid", arm_getgid16, 0, 0, { A_END } } },
    { "getegid", { "getegid", arm_getegid16, 0, 0, { A_END } } },
    ID16("setuid", 1, A_HEX),
    ID16("setgid", 2, A_HEX),
    ID16("setreuid", 3, A_HEX, A_HEX),
    ID16("setregid", 4, A_HEX, A_HEX),
    ID16("setresuid", 5, A_HEX, A_HEX, A_HEX),
    ID16("setresgid", 6, A_HEX, A_HEX, A_HEX),
    ID16("setfsuid", 7, A_HEX),
    ID16("setfsgid", 8, A_HEX),
    { "chown", { "chown", arm_chown16, V_PATH, 0, { A_STR, A_HEX, A_HEX } } },
    { "lchown", { "lchown", arm_chown16, V_LPATH, 0, { A_STR, A_HEX, A_HEX } } },
    { "fchown", { "fchown", arm_chown16, V_FD, 0, { A_FD, A_HEX, A_HEX } } },
    { "getresuid", { "getresuid", arm_nyi, 0, 0, { A_PTR, A_PTR, A_PTR } } },
    { "getresgid", { "getresgid", arm_nyi, 0, 0, { A_PTR, A_PTR, A_PTR } } },
    { "getgroups", { "getgroups", arm_nyi, 0, 0, { A_INT, A_PTR } } },
    { "setgroups", { "setgroups", arm_nyi, 0, 0, { A_INT, A_PTR } } },
    { "arm_fadvise64_64", { "arm_fadvise64_64", arm_fadvise64_64, 0, 0, { A_FD, A_INT, A_OFF64, A_OFF64 } } },
    { "cacheflush", { "cacheflush", arm_cacheflush, 0, 0, { A_PTR, A_PTR, A_HEX } } },
    { "set_tls", { "set_tls", arm_set_tls, 0, 0, { A_PTR } } },
    { "get_tls", { "get_tls", arm_get_tls, 0, 0, { A_END } } },
    { "breakpoint", { "breakpoint", arm_breakpoint, 0, 0, { A_END } } },
    { "sigreturn", { "sigreturn", arm_sigreturn, 0, SCF_NORESULT, { A_END } } },
    { "rt_sigreturn", { "rt_sigreturn", arm_rt_sigreturn, 0, SCF_NORESULT, { A_END } } },
};

const SysAbi sys_abi_arm_eabi = {
    .name = "arm_eabi",
    .elf_machine = EM_ARM,
    ABI_TABLES_INIT,
    .overrides = arm_overrides,
    .n_overrides = sizeof arm_overrides / sizeof arm_overrides[0],
    .pair_align = true,
    .mmap2_shift = 12,
    .setup_frame = arm_setup_frame,
    .get_sp = arm_get_sp,
};
