/* timers.c - POSIX timers (SIGEV_SIGNAL with a value and SA_SIGINFO,
 * SIGEV_NONE, SIGEV_THREAD_ID to the calling thread, overruns, gettime,
 * delete), alarm and itimers, timerfd (periodic, gettime, non-blocking
 * read, poll) and signalfd (standard and queued real-time signals, poll).
 * CFLAGS: -pthread
 * TIMEOUT: 30
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static volatile sig_atomic_t ticks, bad_info;

static void on_tick(int s, siginfo_t *si, void *uc)
{
    (void)uc;
    if (s != SIGRTMIN + 2 || si->si_code != SI_TIMER || si->si_value.sival_int != 42)
        bad_info++;
    ticks++;
}

static void ms_spec(struct itimerspec *v, int first_ms, int every_ms)
{
    v->it_value.tv_sec = first_ms / 1000;
    v->it_value.tv_nsec = (first_ms % 1000) * 1000000L;
    v->it_interval.tv_sec = every_ms / 1000;
    v->it_interval.tv_nsec = (every_ms % 1000) * 1000000L;
}

static void posix_timers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_tick;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGRTMIN + 2, &sa, NULL);

    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN + 2;
    ev.sigev_value.sival_int = 42;
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0) {
        perror("timer_create");
        exit(1);
    }
    struct itimerspec v, cur;
    ms_spec(&v, 20, 20);
    timer_settime(t, 0, &v, NULL);
    timer_gettime(t, &cur);
    printf("gettime: interval=%ldms value<=20ms=%d\n", cur.it_interval.tv_nsec / 1000000,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20000000);
    while (ticks < 3)
        pause();
    ms_spec(&v, 0, 0);
    timer_settime(t, 0, &v, NULL);
    printf("SIGEV_SIGNAL: ticks>=3 %d, info ok %d\n", ticks >= 3, bad_info == 0);
    int d1 = timer_delete(t);
    int d2 = timer_delete(t);
    printf("delete: %d, again: %d %s\n", d1, d2, errno == EINVAL ? "EINVAL" : "?");

    /* SIGEV_NONE: counts down, sends nothing */
    ev.sigev_notify = SIGEV_NONE;
    timer_create(CLOCK_REALTIME, &ev, &t);
    ms_spec(&v, 5000, 0);
    timer_settime(t, 0, &v, NULL);
    struct timespec d = { 0, 30000000 };
    nanosleep(&d, NULL);
    timer_gettime(t, &cur);
    printf("SIGEV_NONE: counting down=%d\n", cur.it_value.tv_sec < 5 && cur.it_value.tv_sec >= 4);
    timer_delete(t);

    /* SIGEV_THREAD_ID to this thread, taken with sigwaitinfo; overruns */
    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, NULL);
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = SIGUSR1;
    ev.sigev_value.sival_int = 7;
    ev.sigev_notify_thread_id = (pid_t)syscall(SYS_gettid);
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0) {
        perror("timer_create thread");
        exit(1);
    }
    ms_spec(&v, 2, 2);
    timer_settime(t, 0, &v, NULL);
    d.tv_nsec = 60000000;
    nanosleep(&d, NULL);
    siginfo_t si;
    int s = sigwaitinfo(&b, &si);
    int over = timer_getoverrun(t);
    printf("SIGEV_THREAD_ID: sig ok=%d SI_TIMER=%d value=%d overrun>0=%d\n", s == SIGUSR1,
           si.si_code == SI_TIMER, si.si_value.sival_int, over > 0);
    timer_delete(t);
    sigprocmask(SIG_UNBLOCK, &b, NULL);
}

static void itimers(void)
{
    printf("alarm: %u", alarm(10));
    printf(" then %u\n", alarm(0));
    struct itimerval it = { { 0, 0 }, { 7, 0 } }, cur;
    setitimer(ITIMER_REAL, &it, NULL);
    getitimer(ITIMER_REAL, &cur);
    printf("itimer: running=%d\n", cur.it_value.tv_sec >= 6 && cur.it_value.tv_sec <= 7);
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, &cur);
    printf("itimer: old>6s=%d\n", cur.it_value.tv_sec >= 6);
}

static void timerfds(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec v, cur;
    ms_spec(&v, 10, 10);
    timerfd_settime(fd, 0, &v, NULL);
    uint64_t n = 0;
    ssize_t r = read(fd, &n, sizeof n);
    printf("timerfd read: %d bytes, expirations>=1 %d <100 %d\n", (int)r, n >= 1, n < 100);
    timerfd_gettime(fd, &cur);
    printf("timerfd gettime: interval=%ldms\n", cur.it_interval.tv_nsec / 1000000);
    struct pollfd p = { fd, POLLIN, 0 };
    int pr = poll(&p, 1, 1000);
    printf("timerfd poll: %d readable=%d\n", pr, (p.revents & POLLIN) != 0);
    r = read(fd, &n, sizeof n);
    ms_spec(&v, 0, 0);
    timerfd_settime(fd, 0, &v, NULL);
    close(fd);
    fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    r = read(fd, &n, sizeof n);
    printf("timerfd nonblock: %d %s\n", (int)r, errno == EAGAIN ? "EAGAIN" : "?");
    close(fd);
}

static void signalfds(void)
{
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigaddset(&m, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &m, NULL);
    int fd = signalfd(-1, &m, SFD_CLOEXEC);
    struct pollfd p = { fd, POLLIN, 0 };
    printf("signalfd poll empty: %d\n", poll(&p, 1, 0));
    raise(SIGUSR2);
    union sigval val = { .sival_int = 1234 };
    sigqueue(getpid(), SIGRTMIN + 1, val);
    printf("signalfd poll: %d\n", poll(&p, 1, 1000));
    struct signalfd_siginfo si[4];
    memset(si, 0, sizeof si);
    ssize_t r = read(fd, si, sizeof si);
    printf("signalfd read: %d records\n", (int)(r / (ssize_t)sizeof si[0]));
    for (int i = 0; i < r / (ssize_t)sizeof si[0]; i++)
        printf("  signo=%s code=%s pid ok=%d int=%d\n",
               si[i].ssi_signo == SIGUSR2 ? "USR2" : si[i].ssi_signo == (unsigned)SIGRTMIN + 1 ? "RTMIN+1" : "?",
               si[i].ssi_code == SI_TKILL ? "SI_TKILL" : si[i].ssi_code == SI_QUEUE ? "SI_QUEUE" : "?",
               si[i].ssi_pid == (uint32_t)getpid(), si[i].ssi_int);
    sigset_t pend;
    sigpending(&pend);
    printf("still pending: %d\n", sigismember(&pend, SIGUSR2));
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    posix_timers();
    itimers();
    timerfds();
    signalfds();
    return 0;
}
