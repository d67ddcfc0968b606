/* sig_altstack.c - the alternate signal stack: SA_ONSTACK handlers run on
 * it (synchronous raise and an asynchronous SIGALRM out of a busy loop),
 * SS_ONSTACK is reported inside, a nested signal stays on the same stack,
 * sigaltstack cannot be changed while on it (EPERM), handlers without
 * SA_ONSTACK use the normal stack, and a stack overflow is caught on the
 * alternate stack and left with siglongjmp.
 * TIMEOUT: 30
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static char *alt;
static size_t alt_size;
static volatile int on_alt, onstack_flag, nested_on_alt, eperm, alrm_on_alt;
static volatile sig_atomic_t alrm;
static sigjmp_buf env;

static int in_alt(void *p)
{
    return (char *)p >= alt && (char *)p < alt + alt_size;
}

static void h_nested(int s)
{
    int local;
    (void)s;
    nested_on_alt = in_alt(&local);
}

static void h_usr1(int s)
{
    int local;
    stack_t cur, ns;
    (void)s;
    on_alt = in_alt(&local);
    sigaltstack(NULL, &cur);
    onstack_flag = (cur.ss_flags & SS_ONSTACK) != 0;
    memset(&ns, 0, sizeof ns);
    ns.ss_sp = malloc(SIGSTKSZ * 2);
    ns.ss_size = SIGSTKSZ * 2;
    eperm = sigaltstack(&ns, NULL) < 0 && errno == EPERM;
    free(ns.ss_sp);
    raise(SIGUSR2);
}

static void h_plain(int s)
{
    int local;
    (void)s;
    on_alt = in_alt(&local);
}

static void h_alrm(int s)
{
    int local;
    (void)s;
    alrm_on_alt = in_alt(&local);
    alrm = 1;
}

static void h_segv(int s)
{
    int local;
    (void)s;
    on_alt = in_alt(&local);
    siglongjmp(env, 1);
}

static int recurse(volatile char *prev, int n)
{
    volatile char buf[1024];
    buf[0] = (char)n;
    buf[1023] = prev ? prev[0] : 0;
    return recurse(buf, n + 1) + buf[1];
}

static void set(int sig, void (*h)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    alt_size = SIGSTKSZ * 4;
    alt = malloc(alt_size);
    stack_t ss = { .ss_sp = alt, .ss_size = alt_size, .ss_flags = 0 }, old;
    if (sigaltstack(&ss, &old) < 0) {
        perror("sigaltstack");
        return 1;
    }
    printf("old stack disabled: %d\n", (old.ss_flags & SS_DISABLE) != 0);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("installed: size ok=%d flags=%d\n", cur.ss_size == alt_size && cur.ss_sp == alt,
           cur.ss_flags);

    set(SIGUSR1, h_usr1, SA_ONSTACK);
    set(SIGUSR2, h_nested, SA_ONSTACK);
    raise(SIGUSR1);
    printf("SA_ONSTACK: on alt=%d SS_ONSTACK=%d EPERM=%d nested on alt=%d\n", on_alt,
           onstack_flag, eperm, nested_on_alt);
    sigaltstack(NULL, &cur);
    printf("after: SS_ONSTACK=%d\n", (cur.ss_flags & SS_ONSTACK) != 0);

    set(SIGUSR1, h_plain, 0);
    raise(SIGUSR1);
    printf("without SA_ONSTACK: on alt=%d\n", on_alt);

    set(SIGALRM, h_alrm, SA_ONSTACK);
    struct itimerval it = { { 0, 0 }, { 0, 30000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    while (!alrm)
        ;
    printf("async SIGALRM on alt=%d\n", alrm_on_alt);

    set(SIGSEGV, h_segv, SA_ONSTACK);
    on_alt = 0;
    if (sigsetjmp(env, 1) == 0) {
        recurse(NULL, 0);
        printf("no overflow?\n");
    } else {
        printf("stack overflow caught on alt=%d\n", on_alt);
    }
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &cur);
    printf("disabled: %d\n", (cur.ss_flags & SS_DISABLE) != 0);
    return 0;
}
