/* fpexc_ppc.c - enabled floating-point exceptions: feenableexcept (on
 * PowerPC: FPSCR enable bits plus prctl(PR_SET_FPEXC), which sets
 * MSR[FE0,FE1]) makes an FP instruction that raises an enabled exception
 * deliver SIGFPE at that instruction, with si_code FPE_FLTDIV, FLTINV,
 * FLTOVF, FLTUND or FLTRES (Linux traps.c parse_fpe); the handler leaves
 * with siglongjmp.  The handler runs with the FP environment reset (the
 * kernel clears the FPSCR), so each case enables its exception again.
 * Exceptions that are not enabled only set flags; feraiseexcept of an
 * enabled exception traps too (on PowerPC at the mtfsf that sets it).
 * NOT-ON: mips mipsel arm armhf: MIPS FCSR enables are NYI (guest/mips/trap_fpe), ARM VFP has no trapping
 * CFLAGS: -ffp-contract=off -fno-builtin
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <float.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#if defined(__powerpc__)
#include <sys/prctl.h>
#endif

static sigjmp_buf env;
static volatile int got_code, pc_ok, count;

static const char *code_name(int c)
{
    return c == FPE_FLTDIV ? "FLTDIV" : c == FPE_FLTINV ? "FLTINV" : c == FPE_FLTOVF ? "FLTOVF" :
           c == FPE_FLTUND ? "FLTUND" : c == FPE_FLTRES ? "FLTRES" : c == 0 ? "none" : "other";
}

static void h(int s, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    unsigned long pc;
#if defined(__powerpc__)
    pc = uc->uc_mcontext.uc_regs->gregs[32];          /* PT_NIP */
    unsigned op = *(unsigned *)si->si_addr >> 26;
    pc_ok = pc == (unsigned long)si->si_addr && (op == 63 || op == 59);
#elif defined(__x86_64__)
    pc = uc->uc_mcontext.gregs[REG_RIP];
    pc_ok = pc == (unsigned long)si->si_addr;
#else
    (void)uc; (void)pc;
    pc_ok = 1;
#endif
    got_code = s == SIGFPE && si->si_signo == SIGFPE ? si->si_code : -1;
    count++;
    siglongjmp(env, 1);
}

static volatile double zero = 0.0, one = 1.0, three = 3.0, big = DBL_MAX, tiny = DBL_MIN, res;

static void try(const char *what, int enable, int op)
{
    got_code = 0;
    pc_ok = 0;
    feclearexcept(FE_ALL_EXCEPT);
    int r = feenableexcept(enable);
    int now = fegetexcept();
    if (sigsetjmp(env, 1) == 0) {
        switch (op) {
        case 0: res = one / zero; break;
        case 1: res = zero / zero; break;
        case 2: res = big * 2.0; break;
        case 3: res = tiny * tiny; break;
        case 4: res = one / three; break;
        case 5: res = one + one; break;
        case 6: feraiseexcept(FE_DIVBYZERO); break;
        case 7: feraiseexcept(FE_INEXACT); break;
        }
        int fl = fetestexcept(FE_ALL_EXCEPT);
        printf("%-22s enable ok=%d no trap, flags div=%d inv=%d ovf=%d und=%d inx=%d\n", what,
               r == 0 && now == enable, !!(fl & FE_DIVBYZERO), !!(fl & FE_INVALID),
               !!(fl & FE_OVERFLOW), !!(fl & FE_UNDERFLOW), !!(fl & FE_INEXACT));
    } else {
        printf("%-22s enable ok=%d SIGFPE %s pc_ok=%d\n", what, r == 0 && now == enable,
               code_name(got_code), pc_ok);
    }
    fedisableexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);

    try("1/0 divbyzero", FE_DIVBYZERO, 0);
    try("0/0 invalid", FE_INVALID, 1);
    try("max*2 overflow", FE_OVERFLOW, 2);
    try("min*min underflow", FE_UNDERFLOW, 3);
    try("1/3 inexact", FE_INEXACT, 4);
    try("1+1 divbyzero", FE_DIVBYZERO, 5);
    try("1/3 divbyzero", FE_DIVBYZERO, 4);
    try("0/0 divbyzero", FE_DIVBYZERO, 1);
    try("1/0 inexact|ovf", FE_INEXACT | FE_OVERFLOW, 0);
    try("1/0 div|inv", FE_DIVBYZERO | FE_INVALID, 0);
    try("raise divbyzero", FE_DIVBYZERO, 6);   /* PowerPC: the mtfsf traps */
    try("raise inexact", FE_DIVBYZERO, 7);
    /* after a trap and with everything disabled: flags only */
    feclearexcept(FE_ALL_EXCEPT);
    res = one / zero;
    printf("disabled: div=%d res=%g traps=%d\n", fetestexcept(FE_DIVBYZERO) != 0, res, count);
#if defined(__powerpc__)
    {
        unsigned mode = 99;
        feenableexcept(FE_DIVBYZERO);
        prctl(PR_GET_FPEXC, &mode);
        int on = mode == PR_FP_EXC_PRECISE;
        fedisableexcept(FE_ALL_EXCEPT);
        printf("prctl mode precise=%d\n", on);
    }
#else
    printf("prctl mode precise=%d\n", 1);
#endif
    return 0;
}
