/*
 * sys_signal.c - the guest's signal state: rt_sigaction (recorded in
 * rt_proc.sigact with the guest's own struct sigaction layout - on MIPS
 * flags come first, then the handler and four mask words), rt_sigprocmask
 * (the guest mask lives in GuestThread.sigmask), rt_sigpending,
 * rt_sigsuspend, sigaltstack, and signals a guest sends to itself.
 *
 * Delivery belongs to the runtime.  The host process mirrors what the
 * guest asked for where the host kernel can do the work: an ignored or
 * default guest disposition becomes the same host disposition, and the
 * guest's blocked set becomes the host thread's (so the host kernel keeps
 * blocked signals pending and applies default actions itself).  Signals
 * xbt needs for its own work (faults in generated code and the other
 * synchronous ones) are never touched.  When the runtime provides the
 * hooks rt_sigaction_changed / rt_sigmask_changed it takes this over.
 *
 * NYI: running guest handlers for asynchronous signals (needs queueing in
 * the runtime and the guest signal frame); until then a guest handler
 * leaves the host disposition at its default, with a warning.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
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
    if (a->handler == 1) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_handler = SIG_DFL;
        if (a->handler > 1) {
            char b[16];
            sys_warn_once("sighandler", (uint32_t)g,
                          "NYI: guest handler for %s: the signal takes its default action",
                          sys_signal_name(g, b, sizeof b));
        }
    }
    uint64_t hf = sys_flags_g2h(KC_SA, a->flags, NULL);
    sa.sa_flags = (int)(hf & (SA_NOCLDSTOP | SA_NOCLDWAIT));
    sigaction(h, &sa, NULL);
}

static void host_mask_update(GuestThread *t, const uint32_t *gmask)
{
    if (rt_sigmask_changed) {
        rt_sigmask_changed(t);
        return;
    }
    sigset_t s;
    sys_sigset_g2h(gmask, mask_words(), &s);
    sigdelset(&s, SIGSEGV);
    sigdelset(&s, SIGBUS);
    sigdelset(&s, SIGILL);
    sigdelset(&s, SIGFPE);
    sigdelset(&s, SIGTRAP);
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

int64_t sys_rt_sigsuspend(SysCtx *c)
{
    if ((uint32_t)c->a[1] != mask_words() * 4)
        return -EINVAL;
    uint32_t m[4];
    int r = mask_in((GuestAddr)c->a[0], m);
    if (r < 0)
        return r;
    clear_unblockable(m);
    sigset_t s;
    sys_sigset_g2h(m, mask_words(), &s);
    sigdelset(&s, SIGSEGV);
    sigdelset(&s, SIGBUS);
    sigsuspend(&s);
    return -EINTR;
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

/* NYI: SS_ONSTACK in the old stack (needs the guest sp at the call) and
 * SS_AUTODISARM. */
int64_t sys_sigaltstack(SysCtx *c)
{
    SysAltStack *a = alt_get();
    GuestAddr gss = (GuestAddr)c->a[0], goss = (GuestAddr)c->a[1];
    uint8_t img[64];
    SysAltStack old = *a;
    if (gss) {
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
