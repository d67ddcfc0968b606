/*
 * sys_timer.c - POSIX timers (timer_create/settime/gettime/getoverrun/
 * delete), timerfd and signalfd, and the conversion of what guests read
 * from such descriptors.
 *
 * Timers are the host kernel's: a timer_create of the guest is one of the
 * host with the guest's struct sigevent translated (signal number,
 * SIGEV_SIGNAL / SIGEV_NONE / SIGEV_THREAD_ID - guest thread ids are host
 * thread ids), so the timer ids the guest sees are the host's.  Its
 * expirations arrive as host signals with SI_TIMER and the guest's
 * sigev_value, and reach the guest through runtime/signal.c.  SIGEV_THREAD
 * never reaches the kernel: the guest libc builds it on SIGEV_THREAD_ID.
 * struct itimerspec is two timespecs (32- or 64-bit per call variant).
 *
 * timerfd and signalfd are host descriptors too (poll and epoll work on
 * them as they are), but what a read returns is in host terms.  A
 * timerfd's expiration count is swapped for big-endian guests by
 * sys_read (sys_notify.c).  A signalfd's struct signalfd_siginfo (the same
 * layout on every architecture, linux/signalfd.h) carries host signal
 * numbers, si_code and errno values in host byte order: sys_fd_fixup_read,
 * called by dispatch.c after read, rewrites the records.  A signalfd is
 * recorded when made (and dup'ed) and checked against /proc/self/fd before
 * it is trusted (the guest may have closed and reused the number).
 * NYI: readv of a signalfd, and its fcntl F_DUPFD copies.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sys_abi.h"

#define L (sys_cur.L)

/* ---- POSIX timers ------------------------------------------------------- */

/* The host sigevent of a guest one; 0 or -errno. */
static int sigevent_in(GuestAddr g, struct sigevent *ev)
{
    uint8_t img[SYS_IMG_MAX];
    int r = sys_copy_in(img, g, L->sigevent.bytes);
    if (r < 0)
        return r;
    memset(ev, 0, sizeof *ev);
    int64_t notify = fgets64(img, L->sigevent.notify);
    int gsig = (int)fgets64(img, L->sigevent.signo);
    ev->sigev_value.sival_ptr = (void *)(uintptr_t)(uint32_t)fget(img, L->sigevent.value);
    if (gk_is(K_SIGEV_NONE, notify)) {
        ev->sigev_notify = SIGEV_NONE;
        return 0;
    }
    if (gk_is(K_SIGEV_SIGNAL, notify))
        ev->sigev_notify = SIGEV_SIGNAL;
    else if (gk_is(K_SIGEV_THREAD_ID, notify)) {
        ev->sigev_notify = SIGEV_THREAD_ID;
        ev->_sigev_un._tid = (int)fgets64(img, L->sigevent.tid);   /* sigev_notify_thread_id */
    } else {
        return -EINVAL;
    }
    ev->sigev_signo = gsig > 0 ? sys_signal_to_host(gsig) : 0;
    return ev->sigev_signo ? 0 : -EINVAL;
}

/* timer_create(clockid, sevp, timerid *) */
int64_t sys_timer_create(SysCtx *c)
{
    struct sigevent ev;
    if (c->a[1]) {
        int r = sigevent_in((GuestAddr)c->a[1], &ev);
        if (r < 0)
            return r;
    }
    int id;
    long r = syscall(SYS_timer_create, (clockid_t)c->a[0], c->a[1] ? &ev : NULL, &id);
    if (r < 0)
        return -errno;
    uint8_t img[4];
    st_g32(img, (uint32_t)id);
    int e = sys_copy_out((GuestAddr)c->a[2], img, 4);
    if (e < 0) {
        syscall(SYS_timer_delete, id);
        return e;
    }
    return 0;
}

static int itimerspec_in(GuestAddr g, bool ts64, struct itimerspec *v)
{
    uint32_t half = ts64 ? L->timespec64.bytes : L->timespec.bytes;
    int r = sys_timespec_in(g, ts64, &v->it_interval);
    return r < 0 ? r : sys_timespec_in(g + half, ts64, &v->it_value);
}

static int itimerspec_out(GuestAddr g, bool ts64, const struct itimerspec *v)
{
    uint32_t half = ts64 ? L->timespec64.bytes : L->timespec.bytes;
    int r = sys_timespec_out(g, ts64, &v->it_interval);
    return r < 0 ? r : sys_timespec_out(g + half, ts64, &v->it_value);
}

/* timer_settime(id, flags, new, old) and timerfd_settime(fd, flags, new,
 * old): TIMER_ABSTIME, TFD_TIMER_ABSTIME and TFD_TIMER_CANCEL_ON_SET are
 * the same everywhere. */
static int64_t settime(SysCtx *c, long nr)
{
    bool ts64 = c->sc->variant == V_TS64;
    struct itimerspec nv, ov;
    int r = itimerspec_in((GuestAddr)c->a[2], ts64, &nv);
    if (r < 0)
        return r;
    if (syscall(nr, (int)c->a[0], (int)c->a[1], &nv, c->a[3] ? &ov : NULL) < 0)
        return -errno;
    return c->a[3] ? itimerspec_out((GuestAddr)c->a[3], ts64, &ov) : 0;
}

static int64_t gettime(SysCtx *c, long nr)
{
    struct itimerspec v;
    if (syscall(nr, (int)c->a[0], &v) < 0)
        return -errno;
    return itimerspec_out((GuestAddr)c->a[1], c->sc->variant == V_TS64, &v);
}

int64_t sys_timer_settime(SysCtx *c) { return settime(c, SYS_timer_settime); }
int64_t sys_timer_gettime(SysCtx *c) { return gettime(c, SYS_timer_gettime); }
int64_t sys_timer_getoverrun(SysCtx *c) { return sys_ret(syscall(SYS_timer_getoverrun, (int)c->a[0])); }
int64_t sys_timer_delete(SysCtx *c) { return sys_ret(syscall(SYS_timer_delete, (int)c->a[0])); }

/* ---- signalfd records ------------------------------------------------------------ */

#define SFD_MAX 65536
static uint8_t is_sfd[SFD_MAX];
bool sys_fd_kinds_used;

static void sfd_set(int fd)
{
    if (fd >= 0 && fd < SFD_MAX) {
        is_sfd[fd] = 1;
        sys_fd_kinds_used = true;
    }
}

/* Was fd made a signalfd, and is it one still (the guest may have closed
 * and reused the number)? */
static bool sfd_check(int fd)
{
    if (fd < 0 || fd >= SFD_MAX || !is_sfd[fd])
        return false;
    char path[32], link[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n > 0) {
        link[n] = 0;
        if (!strcmp(link, "anon_inode:[signalfd]"))
            return true;
    }
    is_sfd[fd] = 0;
    return false;
}

/* One host struct signalfd_siginfo at p, rewritten for the guest. */
static void ssi_to_guest(uint8_t *p)
{
    struct signalfd_siginfo s;
    memcpy(&s, p, sizeof s);
    int h = (int)s.ssi_signo;
    s.ssi_signo = (uint32_t)sys_signal_to_guest(h);
    if (s.ssi_errno)
        s.ssi_errno = sys_errno_to_guest(s.ssi_errno);
    if (s.ssi_code <= 0 || s.ssi_code == SI_KERNEL) {
        int k = sys_kval_h(KC_SICODE, s.ssi_code);
        if (k >= 0)
            s.ssi_code = (int32_t)gk(k);
    } else if (h == SIGCHLD && s.ssi_code != CLD_EXITED) {
        s.ssi_status = sys_signal_to_guest(s.ssi_status);
    }
    if (sys_cur.be) {
        uint32_t *w = &s.ssi_signo;
        for (int i = 0; i < 12; i++)        /* ssi_signo .. ssi_int */
            w[i] = __builtin_bswap32(w[i]);
        s.ssi_ptr = __builtin_bswap64(s.ssi_ptr);
        s.ssi_utime = __builtin_bswap64(s.ssi_utime);
        s.ssi_stime = __builtin_bswap64(s.ssi_stime);
        s.ssi_addr = __builtin_bswap64(s.ssi_addr);
        s.ssi_addr_lsb = __builtin_bswap16(s.ssi_addr_lsb);
        s.ssi_syscall = (int32_t)__builtin_bswap32((uint32_t)s.ssi_syscall);
        s.ssi_call_addr = __builtin_bswap64(s.ssi_call_addr);
        s.ssi_arch = __builtin_bswap32(s.ssi_arch);
    }
    memcpy(p, &s, sizeof s);
}

/* After a read (dispatch.c): records read from a signalfd, for the guest. */
void sys_fd_fixup_read(SysCtx *c, int64_t ret)
{
    int err;
    uint8_t *p;
    if (ret <= 0 || !sfd_check((int)c->a[0]) ||
        !(p = sys_gbuf((GuestAddr)c->a[1], (uint32_t)ret, PROT_WRITE, &err)))
        return;
    for (int64_t off = 0; off + (int64_t)sizeof(struct signalfd_siginfo) <= ret;
         off += (int64_t)sizeof(struct signalfd_siginfo))
        ssi_to_guest(p + off);
}

/* After dup, dup2, dup3 (dispatch.c): a copy of a signalfd is one. */
void sys_fd_note_dup(SysCtx *c, int64_t ret)
{
    if (ret >= 0 && sfd_check((int)c->a[0]))
        sfd_set((int)ret);
}

/* ---- timerfd -------------------------------------------------------------------- */

/* TFD_NONBLOCK and TFD_CLOEXEC are the guest's O_NONBLOCK and O_CLOEXEC. */
int64_t sys_timerfd_create(SysCtx *c)
{
    return sys_ret(syscall(SYS_timerfd_create, (clockid_t)c->a[0], sys_oflags(c->a[1])));
}

int64_t sys_timerfd_settime(SysCtx *c) { return settime(c, SYS_timerfd_settime); }
int64_t sys_timerfd_gettime(SysCtx *c) { return gettime(c, SYS_timerfd_gettime); }

/* ---- signalfd ------------------------------------------------------------------------ */

/* signalfd(fd, mask, sizemask) and signalfd4(..., flags).  The signals
 * must be blocked to be read, as with the kernel: they then stay pending
 * in the host kernel (the host thread's mask is the guest's), where the
 * host signalfd finds them. */
int64_t sys_signalfd4(SysCtx *c)
{
    uint32_t size = (uint32_t)c->a[2];
    if (size != L->sigaction.mask.size)
        return -EINVAL;
    uint8_t img[16];
    uint32_t m[4] = { 0 };
    int r = sys_copy_in(img, (GuestAddr)c->a[1], size);
    if (r < 0)
        return r;
    for (uint32_t i = 0; i < size / 4 && i < 4; i++)
        m[i] = ld_g32(img + 4 * i);
    sigset_t s;
    sys_sigset_g2h(m, size / 4, &s);
    int flags = c->sc->kinds[3] != A_END ? sys_oflags(c->a[3]) : 0;
    int fd = (int)syscall(SYS_signalfd4, (int)c->a[0], &s, _NSIG / 8, flags);
    if (fd < 0)
        return -errno;
    sfd_set(fd);
    return fd;
}
