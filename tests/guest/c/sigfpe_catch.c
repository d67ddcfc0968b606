/* sigfpe_catch.c - integer division by zero delivers SIGFPE with si_code
 * FPE_INTDIV to a handler (MIPS: teq code 7 -> kernel BRK_DIVZERO), which
 * recovers with siglongjmp; repeated to check the handler stays installed.
 * qemu-user 7.2 is wrong here: SIGTRAP instead of SIGFPE (known-failures).
 * NOT-ON: arm armhf ppc: integer division by zero does not trap there
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>

static sigjmp_buf env;
static volatile int code_ok, count;

static void h(int s, siginfo_t *si, void *uc)
{
    (void)uc;
    code_ok = s == SIGFPE && si->si_signo == SIGFPE && si->si_code == FPE_INTDIV;
    count++;
    siglongjmp(env, 1);
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    volatile int i, a = 7, b = argc - 1;
    (void)argv;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    for (i = 0; i < 3; i++) {
        if (sigsetjmp(env, 1) == 0) {
            a = a / b;
            printf("division did not trap %d\n", a);
        } else {
            printf("caught SIGFPE code_ok=%d count=%d\n", code_ok, count);
        }
    }
    {
        volatile unsigned ua = 5, ub = (unsigned)b;
        if (sigsetjmp(env, 1) == 0) {
            ua = ua % ub;
            printf("unsigned modulo did not trap %u\n", ua);
        } else {
            printf("caught SIGFPE (unsigned) code_ok=%d count=%d\n", code_ok, count);
        }
    }
    return 0;
}
