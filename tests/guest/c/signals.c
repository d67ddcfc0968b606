/* signals.c - signal delivery inside the guest: handlers via signal and
 * sigaction (SA_SIGINFO fields), raise/kill, blocking and pending sets,
 * SA_RESETHAND, nested delivery, SIGSEGV from a bad store, a bad load and a
 * write to a read-only page, recovered with siglongjmp, and
 * sigaltstack.  Signal numbers are printed by name only.  (SIGFPE from
 * division by zero: sigfpe_catch.c.)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <unistd.h>
#include <stdint.h>
#include <sys/mman.h>

static volatile sig_atomic_t hits, last, nested;
static sigjmp_buf env;
static volatile int info_ok, fault_code_ok;
static volatile uintptr_t fault_addr;
static volatile int last_code;

static const char *sname(int s)
{
    return s == SIGUSR1 ? "USR1" : s == SIGUSR2 ? "USR2" : s == SIGSEGV ? "SEGV" :
           s == SIGFPE ? "FPE" : s == SIGALRM ? "ALRM" : s == SIGTERM ? "TERM" :
           s == SIGBUS ? "BUS" : s == SIGCHLD ? "CHLD" : "?";
}

static void h_simple(int s) { hits++; last = s; }

static void h_info(int s, siginfo_t *si, void *uc)
{
    info_ok = si->si_signo == s && (si->si_code == SI_USER || si->si_code == SI_TKILL) &&
              si->si_pid == getpid() && uc != NULL;
    hits++;
}

static void h_nested(int s)
{
    nested++;
    if (s == SIGUSR1) raise(SIGUSR2);   /* USR2 not blocked: runs inside */
    printf("  handler %s depth %d\n", sname(s), (int)nested);
    nested--;
}

static void h_fault(int s, siginfo_t *si, void *uc)
{
    (void)uc;
    last = s;
    fault_addr = (uintptr_t)si->si_addr;
    last_code = si->si_code;
    fault_code_ok = s == SIGSEGV ? si->si_code == SEGV_MAPERR : si->si_code == FPE_INTDIV;
    siglongjmp(env, s);
}

static void h_alt(int s)
{
    int local;
    stack_t cur;
    sigaltstack(NULL, &cur);
    last = s;
    info_ok = (cur.ss_flags & SS_ONSTACK) != 0 && (char *)&local >= (char *)cur.ss_sp &&
              (char *)&local < (char *)cur.ss_sp + cur.ss_size;
}

int main(void)
{
    struct sigaction sa;
    sigset_t set, pend;
    int r;

    signal(SIGUSR1, h_simple);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("simple: hits=%d last=%s\n", (int)hits, sname(last));

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    hits = 0;
    kill(getpid(), SIGUSR2);
    printf("siginfo: hits=%d ok=%d\n", (int)hits, info_ok);

    /* blocked signal stays pending until unblocked */
    signal(SIGUSR1, h_simple);
    hits = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);                      /* standard signals do not queue */
    sigpending(&pend);
    printf("blocked: hits=%d pending=%d\n", (int)hits, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("unblocked: hits=%d\n", (int)hits);

    /* SIG_IGN, SA_RESETHAND */
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("ignored ok\n");
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h_simple;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    hits = 0;
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &sa);
    printf("resethand: hits=%d now default=%d\n", (int)hits, sa.sa_handler == SIG_DFL);

    /* nesting: USR1's handler raises USR2 which is not masked */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h_nested;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR1);
    /* and with USR2 in sa_mask it is delayed until USR1's handler returns */
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);

    /* synchronous faults recovered with siglongjmp */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    if ((r = sigsetjmp(env, 1)) == 0) {
        volatile uintptr_t bad = 0x10;
        *(volatile int *)bad = 1;
        printf("store did not fault\n");
    } else {
        printf("caught %s addr=%#lx code_ok=%d\n", sname(r), (unsigned long)fault_addr, fault_code_ok);
    }
    if ((r = sigsetjmp(env, 1)) == 0) {
        volatile uintptr_t bad = 0x1000;
        volatile int x = *(volatile int *)bad;
        printf("load did not fault %d\n", x);
    } else {
        printf("caught %s addr=%#lx code_ok=%d\n", sname(r), (unsigned long)fault_addr, fault_code_ok);
    }
    /* a write to a mapped but read-only page: SEGV_ACCERR */
    {
        long pg = sysconf(_SC_PAGESIZE);
        char *p = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        p[1] = 5;
        mprotect(p, (size_t)pg, PROT_READ);
        if ((r = sigsetjmp(env, 1)) == 0) {
            p[10] = 1;
            printf("write to a read-only page did not fault\n");
        } else {
            printf("caught %s on a read-only page: offset %ld accerr=%d\n", sname(r),
                   (long)((char *)fault_addr - p), last_code == SEGV_ACCERR);
        }
        p[pg + 1] = 6;      /* the writable neighbour page still works */
        printf("read-only page kept %d, neighbour %d\n", p[1], p[pg + 1]);
        munmap(p, 2 * (size_t)pg);
    }

    /* handler on an alternate stack */
    {
        stack_t ss;
        ss.ss_sp = malloc(65536);
        ss.ss_size = 65536;
        ss.ss_flags = 0;
        sigaltstack(&ss, NULL);
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = h_alt;
        sa.sa_flags = SA_ONSTACK;
        sigaction(SIGUSR1, &sa, NULL);
        info_ok = 0;
        raise(SIGUSR1);
        printf("altstack: %s ok=%d\n", sname(last), info_ok);
    }
    /* default action of SIGCHLD is to ignore; SIGTERM with a handler */
    raise(SIGCHLD);
    signal(SIGTERM, h_simple);
    raise(SIGTERM);
    printf("term handled: %s\n", sname(last));
    return 0;
}
