/*
 * sys_signal.c - the guest's signal state: rt_sigaction (recorded in
 * rt_proc.sigact with the guest's own struct sigaction layout - on MIPS
 * flags come first, then the handler and four mask words), rt_sigprocmask
 * (the guest mask lives in GuestThread.sigmask), rt_sigpending,
 * rt_sigsuspend, rt_sigtimedwait, sigaltstack, signals a guest sends to
 * itself, and delivery: sys_signal_deliver builds the guest's frame through
 * the ABI (SysAbi.setup_frame) and rt_sigreturn (per ABI) undoes it.
 *
 * Until the runtime queues host signals itself (the optional hooks
 * rt_sigaction_changed / rt_sigmask_changed take this over), the host
 * process mirrors the guest where the host kernel can do the work:
 *   - an ignored or default guest disposition is the host's disposition,
 *     so the host kernel applies default actions (and exit statuses) itself;
 *   - the host thread's blocked set is the guest's, plus every signal the
 *     guest has a handler for ("parked"): those stay pending in the host
 *     kernel and are taken with sigtimedwait and delivered through the
 *     guest frame after each guest syscall (sys_signal_poll), in
 *     sigsuspend/pause and in rt_sigtimedwait.
 * Signals xbt needs for its own work (faults in generated code and the other
 * synchronous ones) are never touched.  NYI: a parked signal does not
 * interrupt a blocking syscall other than sigsuspend/pause/sigtimedwait
 * (that needs the runtime's asynchronous delivery).
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sys_abi.h"

#define L (sys_cur.L)

/* Runtime hooks: optional until the runtime defines them (NYI contract). */
void rt_sigaction_changed(int guest_sig) __attribute__((weak));
void rt_sigmask_changed(GuestThread *t) __attribute__((weak));

static bool runtime_owned(int h)
{
    return h == SIGSEGV || h == SIGBUS || h == SIGILL || h == SIGFPE || h == SIGTRAP;
}

static unsigned mask_words(void) { return L->sigaction.mask.size / 4u; }

/* The host siginfo of a parked signal just taken, for its guest siginfo
 * (sender, sigqueue value). */
static __thread siginfo_t taken;
static __thread bool taken_valid;

/* Host signals the guest handles, kept blocked on the host (see the top). */
static sigset_t parked;
static volatile int n_parked;

static void sync_remove(sigset_t *s)
{
    sigdelset(s, SIGSEGV);
    sigdelset(s, SIGBUS);
    sigdelset(s, SIGILL);
    sigdelset(s, SIGFPE);
    sigdelset(s, SIGTRAP);
}

static bool valid_sig(int64_t g) { return g >= 1 && g <= sys_cur.guest_nsig && g < GUEST_NSIG; }

static void host_action_update(int g)
{
    if (rt_sigaction_changed) {
        rt_sigaction_changed(g);
        return;
    }
    int h = sys_signal_to_host(g);
    if (!h || runtime_owned(h))
        return;
    const GuestSigAction *a = &rt_proc.sigact[g];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = a->handler == 1 ? SIG_IGN : SIG_DFL;
    uint64_t hf = sys_flags_g2h(KC_SA, a->flags, NULL);
    sa.sa_flags = (int)(hf & (SA_NOCLDSTOP | SA_NOCLDWAIT));
    sigaction(h, &sa, NULL);
    if (n_parked == 0)
        sigemptyset(&parked);
    bool was = sigismember(&parked, h) == 1;
    if (a->handler > 1 && !was) {
        sigaddset(&parked, h);
        n_parked++;
    } else if (a->handler <= 1 && was) {
        sigdelset(&parked, h);
        n_parked--;
    }
}

static void host_mask_update(GuestThread *t, const uint32_t *gmask)
{
    if (rt_sigmask_changed) {
        rt_sigmask_changed(t);
        return;
    }
    sigset_t s;
    sys_sigset_g2h(gmask, mask_words(), &s);
    if (n_parked)
        sigorset(&s, &s, &parked);
    sync_remove(&s);
    pthread_sigmask(SIG_SETMASK, &s, NULL);
}

/* ---- sigaction -------------------------------------------------------------- */

int64_t sys_rt_sigaction(SysCtx *c)
{
    int g = (int)c->a[0];
    GuestAddr gact = (GuestAddr)c->a[1], goact = (GuestAddr)c->a[2];
    if ((uint32_t)c->a[3] != L->sigaction.mask.size || mask_words() > 4)
        return -EINVAL;
    if (!valid_sig(g))
        return -EINVAL;
    uint8_t img[SYS_IMG_MAX];
    GuestSigAction na;
    if (gact) {
        if (gk_is(K_SIGKILL, g) || gk_is(K_SIGSTOP, g))
            return -EINVAL;
        int r = sys_copy_in(img, gact, L->sigaction.bytes);
        if (r < 0)
            return r;
        memset(&na, 0, sizeof na);
        na.handler = (uint32_t)fget(img, L->sigaction.handler);
        na.flags = (uint32_t)fget(img, L->sigaction.flags);
        na.restorer = (uint32_t)fget(img, L->sigaction.restorer);
        for (unsigned i = 0; i < mask_words(); i++)
            na.mask[i] = ld_g32(img + L->sigaction.mask.off + 4 * i);
    }
    GuestSigAction old = rt_proc.sigact[g];
    if (gact) {
        rt_proc.sigact[g] = na;
        host_action_update(g);
        host_mask_update(c->t, c->t->sigmask);
    }
    if (goact) {
        memset(img, 0, L->sigaction.bytes);
        fput(img, L->sigaction.handler, old.handler);
        fput(img, L->sigaction.flags, old.flags);
        fput(img, L->sigaction.restorer, old.restorer);
        for (unsigned i = 0; i < mask_words(); i++)
            st_g32(img + L->sigaction.mask.off + 4 * i, old.mask[i]);
        return sys_copy_out(goact, img, L->sigaction.bytes);
    }
    return 0;
}

/* ---- masks -------------------------------------------------------------------- */

static void clear_unblockable(uint32_t *m)
{
    int64_t k = gk(K_SIGKILL), s = gk(K_SIGSTOP);
    m[(k - 1) / 32] &= ~(1u << ((k - 1) % 32));
    m[(s - 1) / 32] &= ~(1u << ((s - 1) % 32));
}

static int mask_in(GuestAddr g, uint32_t *m)
{
    uint8_t img[16];
    int r = sys_copy_in(img, g, mask_words() * 4);
    if (r < 0)
        return r;
    memset(m, 0, 16);
    for (unsigned i = 0; i < mask_words(); i++)
        m[i] = ld_g32(img + 4 * i);
    return 0;
}

static int mask_out(GuestAddr g, const uint32_t *m, uint32_t bytes)
{
    uint8_t img[16];
    for (unsigned i = 0; i < mask_words(); i++)
        st_g32(img + 4 * i, m[i]);
    return sys_copy_out(g, img, bytes);
}

int64_t sys_rt_sigprocmask(SysCtx *c)
{
    GuestThread *t = c->t;
    GuestAddr gset = (GuestAddr)c->a[1], gold = (GuestAddr)c->a[2];
    if ((uint32_t)c->a[3] != mask_words() * 4 || mask_words() > 4)
        return -EINVAL;
    uint32_t old[4], set[4];
    memcpy(old, t->sigmask, sizeof old);
    if (gset) {
        int how = sys_kval_g(KC_SIGHOW, c->a[0]);
        if (how < 0)
            return -EINVAL;
        int r = mask_in(gset, set);
        if (r < 0)
            return r;
        for (unsigned i = 0; i < mask_words(); i++) {
            if (how == K_SIG_BLOCK)
                t->sigmask[i] |= set[i];
            else if (how == K_SIG_UNBLOCK)
                t->sigmask[i] &= ~set[i];
            else
                t->sigmask[i] = set[i];
        }
        clear_unblockable(t->sigmask);
        host_mask_update(t, t->sigmask);
    }
    return gold ? mask_out(gold, old, mask_words() * 4) : 0;
}

int64_t sys_rt_sigpending(SysCtx *c)
{
    uint32_t size = (uint32_t)c->a[1];
    if (size > mask_words() * 4)
        return -EINVAL;
    sigset_t s;
    if (sigpending(&s) < 0)
        return -errno;
    uint32_t m[4];
    sys_sigset_h2g(&s, m, mask_words());
    return mask_out((GuestAddr)c->a[0], m, size);
}

/* Waits with mask m (guest words) until a signal arrives: one with a guest
 * handler is taken and delivered after the call; others act on the host as
 * their disposition says.  Always -EINTR, as the kernel's sigsuspend. */
static int64_t suspend_with(SysCtx *c, uint32_t *m)
{
    clear_unblockable(m);
    sigset_t s, wait;
    sys_sigset_g2h(m, mask_words(), &s);
    sync_remove(&s);
    if (rt_sigmask_changed || !n_parked) {
        sigsuspend(&s);
        return -EINTR;
    }
    /* handled signals the temporary mask lets through are waited for;
     * everything else the temporary mask allows reaches the host as usual */
    sigemptyset(&wait);
    for (int h = 1; h < 65; h++)
        if (sigismember(&parked, h) == 1 && sigismember(&s, h) != 1)
            sigaddset(&wait, h);
    sigset_t hold = s;
    sigorset(&hold, &hold, &parked);
    sigset_t old;
    pthread_sigmask(SIG_SETMASK, &hold, &old);
    siginfo_t si;
    int h = sigwaitinfo(&wait, &si);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (h > 0) {
        c->raise_host_sig = h;
        c->raise_si_code = si.si_code;
        taken = si;
        taken_valid = true;
    }
    return -EINTR;
}

int64_t sys_rt_sigsuspend(SysCtx *c)
{
    if ((uint32_t)c->a[1] != mask_words() * 4)
        return -EINVAL;
    uint32_t m[4];
    int r = mask_in((GuestAddr)c->a[0], m);
    return r < 0 ? r : suspend_with(c, m);
}

int64_t sys_pause(SysCtx *c)
{
    uint32_t m[4];
    memcpy(m, c->t->sigmask, sizeof m);
    return suspend_with(c, m);
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize), 32- and 64-bit timeout */
int64_t sys_rt_sigtimedwait(SysCtx *c)
{
    if ((uint32_t)c->a[3] != mask_words() * 4)
        return -EINVAL;
    uint32_t m[4];
    int r = mask_in((GuestAddr)c->a[0], m);
    if (r < 0)
        return r;
    sigset_t s;
    sys_sigset_g2h(m, mask_words(), &s);
    struct timespec ts, *tsp = NULL;
    if (c->a[2]) {
        if ((r = sys_timespec_in((GuestAddr)c->a[2], c->sc->variant == V_TS64, &ts)) < 0)
            return r;
        tsp = &ts;
    }
    siginfo_t si;
    int h = sigtimedwait(&s, &si, tsp);
    if (h < 0)
        return -errno;
    int g = sys_signal_to_guest(h);
    if (c->a[1]) {
        uint8_t info[256];
        memset(info, 0, sizeof info);
        int k = si.si_code <= 0 || si.si_code == SI_KERNEL ? sys_kval_h(KC_SICODE, si.si_code) : -1;
        fput(info, L->siginfo.signo, (uint32_t)g);
        fput(info, L->siginfo.code, (uint32_t)(k >= 0 ? gk(k) : si.si_code));
        fput(info, L->siginfo.pid, (uint32_t)si.si_pid);
        fput(info, L->siginfo.uid, si.si_uid);
        if (h == SIGCHLD)
            fput(info, L->siginfo.status, (uint32_t)si.si_status);
        else if (si.si_code == SI_QUEUE || si.si_code == SI_TIMER || si.si_code == SI_MESGQ)
            fput(info, L->siginfo.value, (uint32_t)si.si_value.sival_int);
        if ((r = sys_copy_out((GuestAddr)c->a[1], info, L->siginfo.bytes)) < 0)
            return r;
    }
    return g;
}

/* After each guest syscall: a parked signal the guest no longer blocks is
 * taken from the host and delivered (one per call). */
void sys_signal_poll(GuestThread *t)
{
    if (!n_parked || rt_sigmask_changed)
        return;
    sigset_t p;
    if (sigpending(&p) < 0)
        return;
    for (int h = 1; h < 65; h++) {
        if (sigismember(&p, h) != 1 || sigismember(&parked, h) != 1)
            continue;
        int g = sys_signal_to_guest(h);
        if (!g || (t->sigmask[(g - 1) / 32] & (1u << ((g - 1) % 32))))
            continue;
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, h);
        siginfo_t si;
        struct timespec zero = { 0, 0 };
        if (sigtimedwait(&one, &si, &zero) == h) {
            taken = si;
            taken_valid = true;
            rt_raise_guest_signal(t, h, si.si_code, 0);
            taken_valid = false;
            return;
        }
    }
}

/* ---- sigaltstack ----------------------------------------------------------------- */

static __thread SysAltStack alt;
static __thread bool alt_init;

static SysAltStack *alt_get(void)
{
    if (!alt_init) {
        alt.flags = (int)gk(K_SS_DISABLE);
        alt_init = true;
    }
    return &alt;
}

bool sys_sigaltstack_get(uint32_t *sp, uint32_t *size, int *guest_flags)
{
    SysAltStack *a = alt_get();
    *sp = a->sp;
    *size = a->size;
    *guest_flags = a->flags;
    return !gk_is(K_SS_DISABLE, a->flags);
}

/* NYI: SS_AUTODISARM. */
int64_t sys_sigaltstack(SysCtx *c)
{
    SysAltStack *a = alt_get();
    GuestAddr gss = (GuestAddr)c->a[0], goss = (GuestAddr)c->a[1];
    uint8_t img[64];
    SysAltStack old = *a;
    if (sys_cur.abi->get_sp)
        old.flags = sys_altstack_flags(sys_cur.abi->get_sp(c->t->cpu));
    if (gss) {
        if (gk_is(K_SS_ONSTACK, old.flags))
            return -EPERM;              /* cannot change the stack we run on */
        int r = sys_copy_in(img, gss, L->sigaltstack.bytes);
        if (r < 0)
            return r;
        int64_t flags = fgets64(img, L->sigaltstack.flags);
        if (gk_is(K_SS_DISABLE, flags)) {
            a->sp = a->size = 0;
            a->flags = (int)flags;
        } else if (flags == 0 || gk_is(K_SS_ONSTACK, flags)) {
            uint32_t size = (uint32_t)fget(img, L->sigaltstack.size);
            if (size < (uint32_t)gk(K_MINSIGSTKSZ))
                return -ENOMEM;
            a->sp = (uint32_t)fget(img, L->sigaltstack.sp);
            a->size = size;
            a->flags = 0;
        } else {
            return -EINVAL;
        }
    }
    if (goss) {
        memset(img, 0, sizeof img);
        fput(img, L->sigaltstack.sp, old.sp);
        fput(img, L->sigaltstack.size, old.size);
        fput(img, L->sigaltstack.flags, (uint64_t)(int64_t)old.flags);
        return sys_copy_out(goss, img, L->sigaltstack.bytes);
    }
    return 0;
}

/* ---- a signal the guest sends itself ---------------------------------------------- */

/* Called by kill/tkill/tgkill aimed at the calling thread.  Returns a result,
 * or SYS_PASS to let the host kernel send it (blocked signals stay pending
 * there; stop signals stop the process). */
int64_t sys_signal_self(SysCtx *c, int g, int si_code)
{
    if (!valid_sig(g))
        return SYS_PASS;
    int h = sys_signal_to_host(g);
    const GuestSigAction *a = &rt_proc.sigact[g];
    if (c->t->sigmask[(g - 1) / 32] & (1u << ((g - 1) % 32)))
        return SYS_PASS;
    if (a->handler == 1)
        return 0;                          /* ignored signals are discarded */
    if (a->handler == 0) {
        if (gk_is(K_SIGCHLD, g) || gk_is(K_SIGURG, g) || gk_is(K_SIGWINCH, g) ||
            gk_is(K_SIGCONT, g))
            return 0;                      /* default action: ignore */
        if (gk_is(K_SIGSTOP, g) || gk_is(K_SIGTSTP, g) || gk_is(K_SIGTTIN, g) ||
            gk_is(K_SIGTTOU, g))
            return SYS_PASS;
        /* The host disposition mirrors the guest's default: the host
         * kernel ends the process with the same signal, silently. */
        if (!rt_sigaction_changed && !runtime_owned(h))
            return SYS_PASS;
    }
    c->raise_host_sig = h;                 /* after the result is written */
    c->raise_si_code = si_code;
    return 0;
}

/* ---- delivery (frames are per ABI: SysAbi.setup_frame) --------------------------- */

uint32_t sys_sigframe_sp(const GuestSigAction *a, uint32_t sp)
{
    SysAltStack *s = alt_get();
    bool on = s->size && sp - s->sp <= s->size;
    if ((a->flags & (uint32_t)gk(K_SA_ONSTACK)) && !gk_is(K_SS_DISABLE, s->flags) && s->size && !on)
        return s->sp + s->size;
    return sp;
}

int sys_altstack_flags(uint32_t sp)
{
    SysAltStack *s = alt_get();
    if (gk_is(K_SS_DISABLE, s->flags) || !s->size)
        return (int)gk(K_SS_DISABLE);
    return sp - s->sp <= s->size ? (int)gk(K_SS_ONSTACK) : 0;
}

void sys_sigreturn_mask(GuestThread *t, const uint32_t *gmask)
{
    for (unsigned i = 0; i < mask_words(); i++)
        t->sigmask[i] = gmask[i];
    clear_unblockable(t->sigmask);
    host_mask_update(t, t->sigmask);
}

void sys_sigreturn_altstack(uint32_t sp, uint32_t size, int flags)
{
    SysAltStack *s = alt_get();
    if (gk_is(K_SS_DISABLE, flags)) {
        s->sp = s->size = 0;
        s->flags = flags;
    } else if (size >= (uint32_t)gk(K_MINSIGSTKSZ)) {
        s->sp = sp;
        s->size = size;
        s->flags = 0;
    }
}

/* Signals whose si_addr is the faulting address or instruction. */
static bool fault_signal(int h)
{
    return h == SIGSEGV || h == SIGBUS || h == SIGILL || h == SIGFPE || h == SIGTRAP;
}

bool sys_signal_deliver(GuestThread *t, int host_sig, int si_code, uint32_t addr)
{
    int g = sys_signal_to_guest(host_sig);
    if (!g || !valid_sig(g) || !sys_cur.abi->setup_frame)
        return false;
    GuestSigAction *a = &rt_proc.sigact[g];
    if (a->handler <= 1)
        return false;
    /* a blocked signal is not delivered (a blocked fault signal takes its
     * default action, as the kernel's force_sig_fault does) */
    uint32_t bit = 1u << ((g - 1) % 32);
    if (t->sigmask[(g - 1) / 32] & bit)
        return false;

    uint8_t info[256];
    memset(info, 0, sizeof info);
    int code = si_code;
    if (si_code <= 0 || si_code == SI_KERNEL) {
        int k = sys_kval_h(KC_SICODE, si_code);
        code = k >= 0 ? (int)gk(k) : si_code;
    }
    fput(info, L->siginfo.signo, (uint32_t)g);
    fput(info, L->siginfo.code, (uint32_t)code);
    if (fault_signal(host_sig) && si_code > 0) {
        fput(info, L->siginfo.addr, addr);
    } else if (taken_valid && taken.si_signo == host_sig) {
        fput(info, L->siginfo.pid, (uint32_t)taken.si_pid);
        fput(info, L->siginfo.uid, taken.si_uid);
        if (host_sig == SIGCHLD)
            fput(info, L->siginfo.status, (uint32_t)taken.si_status);
        else if (si_code == SI_QUEUE || si_code == SI_TIMER || si_code == SI_MESGQ)
            fput(info, L->siginfo.value, (uint32_t)taken.si_value.sival_int);
    } else if (si_code == SI_USER || si_code == SI_TKILL || si_code == SI_QUEUE) {
        fput(info, L->siginfo.pid, (uint32_t)getpid());
        fput(info, L->siginfo.uid, (uint32_t)getuid());
    }
    taken_valid = false;

    uint32_t old[4];
    memcpy(old, t->sigmask, sizeof old);
    if (!sys_cur.abi->setup_frame(t, g, a, info, old))
        return false;
    /* the handler runs with sa_mask added, and the signal itself unless
     * SA_NODEFER; SA_RESETHAND restores the default action */
    uint32_t m[4];
    memcpy(m, t->sigmask, sizeof m);
    for (unsigned i = 0; i < mask_words(); i++)
        m[i] |= a->mask[i];
    if (!(a->flags & (uint32_t)gk(K_SA_NODEFER)))
        m[(g - 1) / 32] |= bit;
    if (a->flags & (uint32_t)gk(K_SA_RESETHAND)) {
        a->handler = 0;
        a->flags &= ~(uint32_t)gk(K_SA_SIGINFO);
        host_action_update(g);
    }
    sys_sigreturn_mask(t, m);
    return true;
}

/* rt_sigqueueinfo(tgid, sig, info) and rt_tgsigqueueinfo(tgid, tid, sig, info) */
int64_t sys_rt_sigqueueinfo(SysCtx *c)
{
    bool tg = c->sc->kinds[3] != A_END;
    int64_t g = tg ? c->a[2] : c->a[1];
    GuestAddr gi = (GuestAddr)(tg ? c->a[3] : c->a[2]);
    int h = g ? sys_signal_to_host((int)g) : 0;
    if (g && !h)
        return -EINVAL;
    uint8_t img[256];
    int r = sys_copy_in(img, gi, L->siginfo.bytes);
    if (r < 0)
        return r;
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int64_t code = fgets64(img, L->siginfo.code);
    int k = sys_kval_g(KC_SICODE, code);
    si.si_signo = h;
    si.si_code = k >= 0 ? (int)sys_k[k].host : (int)code;
    si.si_pid = (pid_t)fget(img, L->siginfo.pid);
    si.si_uid = (uid_t)fget(img, L->siginfo.uid);
    si.si_value.sival_int = (int)fget(img, L->siginfo.value);
    return tg ? sys_ret(syscall(SYS_rt_tgsigqueueinfo, (pid_t)c->a[0], (pid_t)c->a[1], h, &si))
              : sys_ret(syscall(SYS_rt_sigqueueinfo, (pid_t)c->a[0], h, &si));
}
