/*
 * sys_signal.c - the guest's signal state: rt_sigaction (recorded in
 * rt_proc.sigact with the guest's own struct sigaction layout - on MIPS
 * flags come first, then the handler and four mask words), rt_sigprocmask
 * (the guest mask lives in GuestThread.sigmask), rt_sigpending,
 * rt_sigsuspend, rt_sigtimedwait, sigaltstack, and delivery:
 * sys_signal_deliver (synchronous faults) and sys_signal_deliver_pending
 * (signals the runtime queued, runtime/signal.c) build the guest's frame
 * through the ABI (SysAbi.setup_frame); rt_sigreturn (per ABI) undoes it.
 *
 * The host process mirrors the guest so that the host kernel does the
 * routing (kernel/signal.c: complete_signal):
 *   - a guest handler is a host handler that queues the signal on the
 *     thread the host picked (rt_sig_set_action);
 *   - an ignored or default guest disposition is the host's disposition,
 *     so the host kernel applies default actions (and exit statuses) itself;
 *   - the host thread's blocked set is the guest thread's
 *     (rt_sig_apply_mask), so blocked signals stay pending in the host
 *     kernel, where sigtimedwait, sigpending and signalfd find them.
 * The kernel's rules for masks during delivery are followed
 * (kernel/signal.c: handle_signal, signal_setup_done): the frame saves the
 * mask to restore - for sigsuspend the one before the call - and the
 * handler runs with the current mask plus sa_mask plus the signal itself
 * unless SA_NODEFER; SA_RESETHAND restores the default action.
 * SIGSEGV and SIGBUS stay xbt's own (faults in translated code).
 * Blocking calls use rt_safe_syscall; calls with a temporary mask
 * (sigsuspend, pause) use sys_signal_temp_mask.
 * NYI: ppoll, pselect6 and epoll_pwait (sys_file.c) do not use
 * sys_signal_temp_mask yet: a signal only their temporary mask lets
 * through interrupts them and is delivered, but its handler runs with the
 * thread's own mask plus sa_mask (runtime/signal.c: rt_sig_syscall_end).
 * NYI: signals xbt has taken from the host and not yet delivered are lost
 * across execve (those still pending in the host kernel are kept).
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sys_abi.h"
#include "../ir/backend.h"
#include "../runtime/log.h"

#define L (sys_cur.L)

static bool runtime_owned(int h) { return h == SIGSEGV || h == SIGBUS; }

static unsigned mask_words(void) { return L->sigaction.mask.size / 4u; }

static bool valid_sig(int64_t g) { return g >= 1 && g <= sys_cur.guest_nsig && g < GUEST_NSIG; }

static void host_action_update(int g)
{
    int h = sys_signal_to_host(g);
    if (!h || runtime_owned(h))
        return;
    const GuestSigAction *a = &rt_proc.sigact[g];
    uint64_t hf = sys_flags_g2h(KC_SA, a->flags, NULL);
    int act = a->handler > 1 ? RT_SIGACT_CATCH : a->handler == 1 ? RT_SIGACT_IGN : RT_SIGACT_DFL;
    rt_sig_set_action(h, act, (int)(hf & (SA_NOCLDSTOP | SA_NOCLDWAIT)));
}

static void host_mask_update(GuestThread *t) { rt_sig_apply_mask(t); }

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
        host_mask_update(t);
    }
    return gold ? mask_out(gold, old, mask_words() * 4) : 0;
}

/* Pending and blocked: the host's pending sets (thread and process) and
 * what xbt has queued for the thread. */
int64_t sys_rt_sigpending(SysCtx *c)
{
    uint32_t size = (uint32_t)c->a[1];
    if (size > mask_words() * 4)
        return -EINVAL;
    sigset_t s, q;
    if (sigpending(&s) < 0)
        return -errno;
    rt_sig_queued_set(c->t, &q);
    sigorset(&s, &s, &q);
    uint32_t m[4] = { 0 };
    sys_sigset_h2g(&s, m, mask_words());
    for (unsigned i = 0; i < mask_words(); i++)
        m[i] &= c->t->sigmask[i];
    return mask_out((GuestAddr)c->a[0], m, size);
}

/* Waits with the temporary mask m (guest words) until a signal is
 * delivered: t->sigmask is m until then, and the mask before the call is
 * what the handler's frame restores (restore_mask).  The result is -EINTR;
 * with no handler to run the call restarts (dispatch.c), as the kernel's
 * -ERESTARTNOHAND. */
static int64_t suspend_with(SysCtx *c, uint32_t *m)
{
    GuestThread *t = c->t;
    sigset_t s;
    sys_signal_temp_mask(t, m, &s);
    rt_safe_syscall(t, SYS_rt_sigsuspend, (long)&s, _NSIG / 8, 0, 0, 0, 0);
    return -EINTR;
}

/* The kernel's set_restore_sigmask: m (guest words) is the thread's mask
 * until the call returns to the guest; a handler delivered then runs with
 * it and its frame restores the mask from before the call; without one
 * the dispatcher puts that mask back (sys_signal_deliver_pending).  *host
 * gets m as a host set for the host call (ppoll, pselect6, epoll_pwait,
 * rt_sigsuspend). */
void sys_signal_temp_mask(GuestThread *t, const uint32_t *m, sigset_t *host)
{
    uint32_t w[4] = { 0 };
    for (unsigned i = 0; i < mask_words() && i < 4; i++)
        w[i] = m[i];
    clear_unblockable(w);
    sys_sigset_g2h(w, mask_words(), host);
    sigdelset(host, SIGSEGV);
    sigdelset(host, SIGBUS);
    sigdelset(host, RT_SIG_KICK);
    if (!t->restore_mask) {
        memcpy(t->saved_mask, t->sigmask, sizeof t->saved_mask);
        t->restore_mask = true;
    }
    memcpy(t->sigmask, w, sizeof t->sigmask);
    rt_sig_recheck(t);
    ((IRCpuHeader *)t->cpu)->exit_request = 1;   /* delivery, or the mask back */
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

/* ---- siginfo ------------------------------------------------------------------ */

/* The guest siginfo of host siginfo si for guest signal g (L->siginfo.bytes
 * at info).  si_code values <= 0 (and SI_KERNEL) are named constants; the
 * positive ones are per signal and the same everywhere. */
void sys_siginfo_to_guest(const siginfo_t *si, int g, uint8_t *info)
{
    memset(info, 0, L->siginfo.bytes);
    int code = si->si_code;
    if (code <= 0 || code == SI_KERNEL) {
        int k = sys_kval_h(KC_SICODE, code);
        code = k >= 0 ? (int)gk(k) : code;
    }
    int h = si->si_signo;
    fput(info, L->siginfo.signo, (uint32_t)g);
    fput(info, L->siginfo.errno_, (uint32_t)(si->si_errno ? sys_errno_to_guest(si->si_errno) : 0));
    fput(info, L->siginfo.code, (uint32_t)code);
    if (si->si_code == SI_TIMER) {
        fput(info, L->siginfo.timerid, (uint32_t)si->si_timerid);
        fput(info, L->siginfo.overrun, (uint32_t)si->si_overrun);
        fput(info, L->siginfo.value, (uint32_t)si->si_value.sival_int);
    } else if (h == SIGCHLD && si->si_code > 0) {
        fput(info, L->siginfo.pid, (uint32_t)si->si_pid);
        fput(info, L->siginfo.uid, si->si_uid);
        int st = si->si_status;
        if (si->si_code != CLD_EXITED)
            st = sys_signal_to_guest(st);
        fput(info, L->siginfo.status, (uint32_t)st);
        fput(info, L->siginfo.utime, (uint64_t)si->si_utime);
        fput(info, L->siginfo.stime, (uint64_t)si->si_stime);
    } else if ((h == SIGIO || h == SIGPOLL) && si->si_code > 0) {
        fput(info, L->siginfo.band, (uint64_t)si->si_band);
        fput(info, L->siginfo.fd, (uint32_t)si->si_fd);
    } else if (si->si_code <= 0 || si->si_code == SI_KERNEL) {
        fput(info, L->siginfo.pid, (uint32_t)si->si_pid);
        fput(info, L->siginfo.uid, si->si_uid);
        if (si->si_code == SI_QUEUE || si->si_code == SI_MESGQ)
            fput(info, L->siginfo.value, (uint32_t)si->si_value.sival_int);
    }
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize), 32- and 64-bit timeout:
 * what xbt has queued first, then the host's pending sets. */
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
    RtSigQueued q;
    int h;
    if (rt_sig_take(c->t, NULL, &s, &q)) {
        si = q.si;
        h = q.host_sig;
    } else {
        long n = rt_safe_syscall(c->t, SYS_rt_sigtimedwait, (long)&s, (long)&si, (long)tsp,
                                 _NSIG / 8, 0, 0);
        if (n < 0)
            return n;
        h = (int)n;
    }
    int g = sys_signal_to_guest(h);
    if (c->a[1]) {
        uint8_t info[256];
        sys_siginfo_to_guest(&si, g, info);
        if ((r = sys_copy_out((GuestAddr)c->a[1], info, L->siginfo.bytes)) < 0)
            return r;
    }
    return g;
}

/* After each guest syscall (dispatch.c): the mask may have changed. */
void sys_signal_poll(GuestThread *t)
{
    rt_sig_recheck(t);
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
    host_mask_update(t);
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

enum { DELIVERED, NO_HANDLER, BAD_FRAME };

/* Builds guest signal g's frame with siginfo image info: the handler runs
 * next.  forced: deliver even if t->sigmask blocks it (it got through a
 * temporary mask of an interrupted call). */
static int deliver(GuestThread *t, int g, const uint8_t *info, bool forced)
{
    if (!g || !valid_sig(g) || !sys_cur.abi->setup_frame)
        return NO_HANDLER;
    GuestSigAction *a = &rt_proc.sigact[g];
    if (a->handler <= 1)
        return NO_HANDLER;
    uint32_t bit = 1u << ((g - 1) % 32);
    if ((t->sigmask[(g - 1) / 32] & bit) && !forced)
        return NO_HANDLER;
    /* the frame restores the mask before a sigsuspend, else the current one */
    uint32_t old[4];
    memcpy(old, t->restore_mask ? t->saved_mask : t->sigmask, sizeof old);
    if (!sys_cur.abi->setup_frame(t, g, a, info, old))
        return BAD_FRAME;
    t->restore_mask = false;
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
    return DELIVERED;
}

/* A synchronous signal raised by the guest's own code at its pc (fault,
 * trap, undefined instruction; also a bad sigreturn frame).  A blocked
 * fault signal is not delivered: the caller takes the default action, as
 * the kernel's force_sig_fault does. */
bool sys_signal_deliver(GuestThread *t, int host_sig, int si_code, uint32_t addr)
{
    int g = sys_signal_to_guest(host_sig);
    if (!valid_sig(g))
        return false;
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = host_sig;
    si.si_code = si_code;
    uint8_t info[256];
    sys_siginfo_to_guest(&si, g, info);
    if (si_code > 0)
        fput(info, L->siginfo.addr, addr);
    else if (si_code == SI_USER || si_code == SI_TKILL) {
        fput(info, L->siginfo.pid, (uint32_t)getpid());
        fput(info, L->siginfo.uid, (uint32_t)getuid());
    }
    return deliver(t, g, info, false) == DELIVERED;
}

/* Delivers what the runtime queued for t and the guest now accepts, one
 * frame per signal as the kernel does on its way back to user mode; called
 * by the dispatcher at a block boundary.  A signal whose handler was
 * removed meanwhile takes its current action. */
void sys_signal_deliver_pending(GuestThread *t)
{
    RtSigQueued q;
    while (rt_sig_take(t, NULL, NULL, &q)) {
        int g = sys_signal_to_guest(q.host_sig);
        uint8_t info[256];
        sys_siginfo_to_guest(&q.si, g, info);
        int r = deliver(t, g, info, q.in_syscall);
        if (r == DELIVERED)
            continue;
        if (r == BAD_FRAME) {
            /* the kernel's force_sigsegv: the default action of SIGSEGV */
            rt_error(NULL, "guest %s: cannot build the signal frame at pc %#x", strsignal(q.host_sig),
                     ((IRCpuHeader *)t->cpu)->pc);
            rt_sig_default_action(SIGSEGV);
            continue;
        }
        if (valid_sig(g) && rt_proc.sigact[g].handler == 1)
            continue;                       /* ignored meanwhile */
        rt_sig_default_action(q.host_sig);
    }
    if (t->restore_mask) {                  /* sigsuspend without a handler run */
        t->restore_mask = false;
        sys_sigreturn_mask(t, t->saved_mask);
    }
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
