/*
 * sys_time.c - clocks, sleeps and timers: time, gettimeofday,
 * clock_gettime/getres/nanosleep in both the 32-bit (struct timespec) and
 * the 64-bit (struct __kernel_timespec, the *_time64 calls glibc 2.34+
 * tries first on 32-bit targets) forms, nanosleep, times, itimers, alarm.
 * (POSIX timers and timerfd: sys_timer.c.)
 *
 * Clock ids are passed through: the CLOCK_* numbers are the same on every
 * architecture (linux/time.h), and negative ids encode CPU clocks of other
 * processes the same way everywhere.  32-bit seconds are truncated as the
 * kernel's own 32-bit copy-out does.
 */
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>
#include "sys_abi.h"

#define L (sys_cur.L)

int64_t sys_time(SysCtx *c)
{
    time_t t = time(NULL);
    if (c->a[0]) {
        uint8_t img[8];
        st_g32(img, (uint32_t)t);
        int r = sys_copy_out((GuestAddr)c->a[0], img, 4);
        if (r < 0)
            return r;
    }
    return (uint32_t)t;
}

int64_t sys_gettimeofday(SysCtx *c)
{
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) < 0)
        return -errno;
    uint8_t img[32];
    int r;
    if (c->a[0]) {
        memset(img, 0, sizeof img);
        fput(img, L->timeval.sec, (uint64_t)tv.tv_sec);
        fput(img, L->timeval.usec, (uint64_t)tv.tv_usec);
        if ((r = sys_copy_out((GuestAddr)c->a[0], img, L->timeval.bytes)) < 0)
            return r;
    }
    if (c->a[1]) {
        memset(img, 0, sizeof img);
        fput(img, L->timezone.minuteswest, (uint64_t)tz.tz_minuteswest);
        fput(img, L->timezone.dsttime, (uint64_t)tz.tz_dsttime);
        if ((r = sys_copy_out((GuestAddr)c->a[1], img, L->timezone.bytes)) < 0)
            return r;
    }
    return 0;
}

int64_t sys_clock_gettime(SysCtx *c)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)c->a[0], &ts) < 0)
        return -errno;
    return sys_timespec_out((GuestAddr)c->a[1], c->sc->variant == V_TS64, &ts);
}

int64_t sys_clock_getres(SysCtx *c)
{
    struct timespec ts;
    if (clock_getres((clockid_t)c->a[0], &ts) < 0)
        return -errno;
    return c->a[1] ? sys_timespec_out((GuestAddr)c->a[1], c->sc->variant == V_TS64, &ts) : 0;
}

/* TIMER_ABSTIME is the same everywhere.  The sleep goes through the safe
 * syscall stub: a signal interrupts it (-EINTR, never restarted after a
 * handler, dispatch.c), also one that came just before it started - the
 * whole request then remains. */
static int64_t do_sleep(SysCtx *c, clockid_t clk, int flags, GuestAddr greq, GuestAddr grem,
                        bool ts64)
{
    struct timespec req, rem;
    int r = sys_timespec_in(greq, ts64, &req);
    if (r < 0)
        return r;
    if (req.tv_nsec < 0 || req.tv_nsec >= 1000000000 || req.tv_sec < 0)
        return -EINVAL;
    rem = req;
    long n = rt_safe_syscall(c->t, SYS_clock_nanosleep, clk, flags, (long)&req, (long)&rem, 0, 0);
    if (n < 0) {
        if (n == -EINTR && grem && !(flags & TIMER_ABSTIME) &&
            (r = sys_timespec_out(grem, ts64, &rem)) < 0)
            return r;
        return n;
    }
    return 0;
}

int64_t sys_clock_nanosleep(SysCtx *c)
{
    return do_sleep(c, (clockid_t)c->a[0], (int)c->a[1], (GuestAddr)c->a[2], (GuestAddr)c->a[3],
                    c->sc->variant == V_TS64);
}

int64_t sys_nanosleep(SysCtx *c)
{
    return do_sleep(c, CLOCK_MONOTONIC, 0, (GuestAddr)c->a[0], (GuestAddr)c->a[1], false);
}

/* The result is a clock_t the guest may see as negative: a 32-bit value,
 * never an error (the kernel forces success for times). */
int64_t sys_times(SysCtx *c)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (c->a[0]) {
        uint8_t img[32];
        memset(img, 0, sizeof img);
        fput(img, L->tms.utime, (uint64_t)t.tms_utime);
        fput(img, L->tms.stime, (uint64_t)t.tms_stime);
        fput(img, L->tms.cutime, (uint64_t)t.tms_cutime);
        fput(img, L->tms.cstime, (uint64_t)t.tms_cstime);
        int e = sys_copy_out((GuestAddr)c->a[0], img, L->tms.bytes);
        if (e < 0)
            return e;
    }
    return (uint32_t)r;
}

static int itimer_which(int64_t g)
{
    int k = sys_kval_g(KC_ITIMER, g);
    return k < 0 ? -1 : (int)sys_k[k].host;
}

static int itimer_out(GuestAddr g, const struct itimerval *v)
{
    uint8_t img[32];
    memset(img, 0, sizeof img);
    fput(img, L->itimerval.interval_sec, (uint64_t)v->it_interval.tv_sec);
    fput(img, L->itimerval.interval_usec, (uint64_t)v->it_interval.tv_usec);
    fput(img, L->itimerval.value_sec, (uint64_t)v->it_value.tv_sec);
    fput(img, L->itimerval.value_usec, (uint64_t)v->it_value.tv_usec);
    return sys_copy_out(g, img, L->itimerval.bytes);
}

int64_t sys_getitimer(SysCtx *c)
{
    int which = itimer_which(c->a[0]);
    struct itimerval v;
    if (which < 0)
        return -EINVAL;
    if (getitimer((__itimer_which_t)which, &v) < 0)
        return -errno;
    return itimer_out((GuestAddr)c->a[1], &v);
}

int64_t sys_setitimer(SysCtx *c)
{
    int which = itimer_which(c->a[0]);
    struct itimerval nv, ov;
    if (which < 0)
        return -EINVAL;
    memset(&nv, 0, sizeof nv);
    if (c->a[1]) {
        uint8_t img[32];
        int r = sys_copy_in(img, (GuestAddr)c->a[1], L->itimerval.bytes);
        if (r < 0)
            return r;
        nv.it_interval.tv_sec = fgets64(img, L->itimerval.interval_sec);
        nv.it_interval.tv_usec = fgets64(img, L->itimerval.interval_usec);
        nv.it_value.tv_sec = fgets64(img, L->itimerval.value_sec);
        nv.it_value.tv_usec = fgets64(img, L->itimerval.value_usec);
    }
    if (setitimer((__itimer_which_t)which, &nv, &ov) < 0)
        return -errno;
    return c->a[2] ? itimer_out((GuestAddr)c->a[2], &ov) : 0;
}

int64_t sys_alarm(SysCtx *c) { return alarm((unsigned)c->a[0]); }
