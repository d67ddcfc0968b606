/* fpe_enable.c - floating-point exceptions enabled with feenableexcept trap:
 * SIGFPE with the si_code of the exception (FPE_FLTDIV, FPE_FLTINV,
 * FPE_FLTOVF), the handler recovers with siglongjmp, the destination of the
 * trapping operation keeps its old value, and with the exceptions disabled
 * again the same operations only set the sticky flags.
 * NOT-ON: arm armhf: ARM VFP has no trapping exceptions (feenableexcept fails)
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int last_code;

static void h(int s, siginfo_t *si, void *uc)
{
    (void)uc;
    last_code = s == SIGFPE ? si->si_code : -1;
    siglongjmp(env, 1);
}

static const char *code_name(int c)
{
    switch (c) {
    case FPE_FLTDIV: return "FPE_FLTDIV";
    case FPE_FLTINV: return "FPE_FLTINV";
    case FPE_FLTOVF: return "FPE_FLTOVF";
    case FPE_FLTUND: return "FPE_FLTUND";
    case FPE_FLTRES: return "FPE_FLTRES";
    case 0:          return "no trap";
    default:         return "other";
    }
}

static volatile double zero = 0.0, one = 1.0, big = 1e300;
static volatile double result;

/* Runs op with exception ex enabled; reports the trap and the result. */
static void trial(const char *name, int ex, int op)
{
    feclearexcept(FE_ALL_EXCEPT);
    if (feenableexcept(ex) < 0) {
        printf("%s: feenableexcept failed\n", name);
        return;
    }
    result = 42.0;
    last_code = 0;
    if (sigsetjmp(env, 1) == 0) {
        switch (op) {
        case 0: result = one / zero; break;
        case 1: result = zero / zero; break;
        case 2: result = big * big; break;
        }
    }
    fedisableexcept(FE_ALL_EXCEPT);
    printf("%s: %s, result %s\n", name, code_name(last_code),
           result == 42.0 ? "unchanged" : "written");
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);

    trial("1/0", FE_DIVBYZERO, 0);
    trial("0/0", FE_INVALID, 1);
    trial("big*big", FE_OVERFLOW, 2);
    trial("1/0 again", FE_DIVBYZERO, 0);
    /* Enabled but not raised: no trap. */
    trial("0/0 with only divbyzero enabled", FE_DIVBYZERO, 1);

    /* Disabled: flags only. */
    feclearexcept(FE_ALL_EXCEPT);
    result = one / zero;
    printf("disabled 1/0: %s, flag %d\n", result > 1e308 ? "inf" : "?",
           fetestexcept(FE_DIVBYZERO) != 0);
    return 0;
}
