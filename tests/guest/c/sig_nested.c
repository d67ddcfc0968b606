/* sig_nested.c - nesting and masks during delivery: sa_mask defers a
 * signal until the handler returns, an unmasked one nests, SA_NODEFER lets
 * a handler interrupt itself, SA_RESETHAND, the mask seen inside a handler
 * and restored after it, an asynchronous SIGALRM arriving inside a
 * handler, real-time signals queued with their values in order while
 * standard ones merge, SA_SIGINFO fields of sigqueue.
 * TIMEOUT: 30
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static char trace[256];
static volatile int depth;
static volatile sig_atomic_t alrm, count;

static void note(const char *s)
{
    strncat(trace, s, sizeof trace - strlen(trace) - 1);
}

static void set(int sig, void (*h)(int), int flags, int masked)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (masked)
        sigaddset(&sa.sa_mask, masked);
    sigaction(sig, &sa, NULL);
}

static void h_usr2(int s) { (void)s; note("[2]"); }

static void h_usr1(int s)
{
    (void)s;
    note("<1");
    raise(SIGUSR2);
    note("1>");
}

static volatile int calls;

static void h_self(int s)
{
    int me = calls++;
    depth++;
    note(me == 0 ? "<a" : "<b");
    if (me == 0)
        raise(s);
    note(me == 0 ? "a>" : "b>");
    depth--;
}

static void h_count(int s) { (void)s; count++; }

static void h_mask(int s)
{
    sigset_t now;
    (void)s;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("in handler: USR1 blocked=%d USR2 blocked=%d HUP blocked=%d\n",
           sigismember(&now, SIGUSR1), sigismember(&now, SIGUSR2), sigismember(&now, SIGHUP));
}

static void h_alrm(int s) { (void)s; alrm = 1; note("[alrm]"); }

static void h_spin(int s)
{
    (void)s;
    note("<spin");
    struct itimerval it = { { 0, 0 }, { 0, 30000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    while (!alrm)
        ;
    note("spin>");
}

static int rt_vals[8], n_rt;

static void h_rt(int s, siginfo_t *si, void *uc)
{
    (void)uc;
    if (n_rt < 8)
        rt_vals[n_rt++] = si->si_value.sival_int * 10 + (s - SIGRTMIN) +
                          (si->si_code == SI_QUEUE ? 100 : 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    /* USR2 unmasked: nests inside USR1 */
    set(SIGUSR2, h_usr2, 0, 0);
    set(SIGUSR1, h_usr1, 0, 0);
    trace[0] = 0;
    raise(SIGUSR1);
    printf("unmasked: %s\n", trace);
    /* USR2 in sa_mask: runs after USR1's handler returns */
    set(SIGUSR1, h_usr1, 0, SIGUSR2);
    trace[0] = 0;
    raise(SIGUSR1);
    printf("sa_mask: %s\n", trace);
    /* a handler raising its own signal: deferred, or nested with NODEFER */
    set(SIGUSR1, h_self, 0, 0);
    trace[0] = 0;
    calls = 0;
    raise(SIGUSR1);
    printf("deferred: %s\n", trace);
    set(SIGUSR1, h_self, SA_NODEFER, 0);
    trace[0] = 0;
    calls = 0;
    raise(SIGUSR1);
    printf("nodefer: %s\n", trace);
    /* SA_RESETHAND: the second one takes the default action (ignore) */
    set(SIGWINCH, h_count, SA_RESETHAND, 0);
    count = 0;
    raise(SIGWINCH);
    raise(SIGWINCH);
    struct sigaction cur;
    sigaction(SIGWINCH, NULL, &cur);
    printf("resethand: count=%d now default=%d\n", (int)count, cur.sa_handler == SIG_DFL);
    /* the mask inside a handler, and after */
    set(SIGUSR1, h_mask, 0, SIGHUP);
    raise(SIGUSR1);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("after handler: USR1 blocked=%d HUP blocked=%d\n", sigismember(&now, SIGUSR1),
           sigismember(&now, SIGHUP));
    /* an asynchronous signal inside a handler */
    set(SIGALRM, h_alrm, 0, 0);
    set(SIGUSR1, h_spin, 0, 0);
    trace[0] = 0;
    raise(SIGUSR1);
    printf("async inside handler: %s\n", trace);
    /* real-time signals queue in order with their values; standard ones merge */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h_rt;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGRTMIN, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigset_t b, old;
    sigemptyset(&b);
    sigaddset(&b, SIGRTMIN);
    sigaddset(&b, SIGRTMIN + 1);
    sigaddset(&b, SIGUSR2);
    sigprocmask(SIG_BLOCK, &b, &old);
    for (int i = 1; i <= 3; i++) {
        union sigval v = { .sival_int = i };
        sigqueue(getpid(), SIGRTMIN + 1, v);
        sigqueue(getpid(), SIGRTMIN, v);
    }
    set(SIGUSR2, h_count, 0, 0);
    count = 0;
    raise(SIGUSR2);
    raise(SIGUSR2);
    raise(SIGUSR2);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("rt order:");
    for (int i = 0; i < n_rt; i++)
        printf(" %d", rt_vals[i]);
    printf("\nstandard merged: count=%d\n", (int)count);
    return 0;
}
