/* fenv.c - rounding modes (fesetround) seen by rint/nearbyint/lrint/llrint,
 * by division and by conversions, and exception flags (fetestexcept) raised
 * by inexact, divide-by-zero, overflow, underflow and invalid operations.
 * On MIPS this is FCSR: ctc1/cfc1 of the RM field and the flag bits.
 * CFLAGS: -frounding-math -fno-builtin -ffp-contract=off
 * NOT-ON: arm: the armel soft-float ABI has no rounding modes or exception flags
 */
#include <stdio.h>
#include <fenv.h>
#include <math.h>

static const struct { int mode; const char *name; } modes[] = {
    {FE_TONEAREST, "nearest"}, {FE_UPWARD, "upward"},
    {FE_DOWNWARD, "downward"}, {FE_TOWARDZERO, "towardzero"},
};

static void flags(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-14s:%s%s%s%s%s%s\n", what, f & FE_INEXACT ? " inexact" : "",
           f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_OVERFLOW ? " overflow" : "",
           f & FE_UNDERFLOW ? " underflow" : "", f & FE_INVALID ? " invalid" : "",
           f ? "" : " none");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    static volatile double in[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 1e9 + 0.5, 7.0};
    volatile double one = 1.0, three = 3.0, zero = 0.0, tiny = 1e-300, huge = 1e300, m1 = -1.0;
    volatile float fone = 1.0f, fthree = 3.0f;
    volatile double r;
    volatile float rf;
    volatile int vi;
    int m, i;

    for (m = 0; m < 4; m++) {
        if (fesetround(modes[m].mode) != 0) {
            printf("fesetround %s failed\n", modes[m].name);
            continue;
        }
        printf("mode %s: getround ok=%d\n", modes[m].name, fegetround() == modes[m].mode);
        for (i = 0; i < 10; i++)
            printf("  %.1f: rint=%.1f nearbyint=%.1f lrint=%ld llrint=%lld\n", in[i],
                   rint(in[i]), nearbyint(in[i]), lrint(in[i]), llrint(in[i]));
        r = one / three;
        printf("  1/3=%.17g -1/3=%.17g\n", r, -one / three);
        rf = fone / fthree;
        printf("  1f/3f=%.9g  (float)(1/3)=%.9g\n", rf, (float)(one / three));
        printf("  sqrt(2)=%.17g 1+2^-60=%.17g\n", sqrt(2.0 * one), one + 0x1p-60);
        printf("  1e308*10=%g -1e308*10=%g\n", huge * 1e8 * 10, -huge * 1e8 * 10);
    }
    fesetround(FE_TONEAREST);

    feclearexcept(FE_ALL_EXCEPT);
    flags("clear");
    r = one + one;
    flags("1+1");
    r = one / three;
    flags("1/3");
    r = one / zero;
    flags("1/0");
    r = huge * huge;
    flags("huge*huge");
    r = tiny * tiny;
    flags("tiny*tiny");
    r = zero / zero;
    flags("0/0");
    r = sqrt(m1);
    flags("sqrt(-1)");
    r = sqrt(4.0 * one);
    flags("sqrt(4)");
    rf = (float)(huge);
    flags("(float)1e300");
    vi = (int)(one * 2.5);
    flags("(int)2.5");
    r = rint(2.5 * one);
    flags("rint(2.5)");
    r = nearbyint(2.5 * one);
    flags("nearbyint(2.5)");

    /* feraiseexcept and fegetexceptflag/fesetexceptflag round trip */
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    {
        fexcept_t saved;
        fegetexceptflag(&saved, FE_ALL_EXCEPT);
        feclearexcept(FE_ALL_EXCEPT);
        flags("after clear");
        fesetexceptflag(&saved, FE_ALL_EXCEPT);
        flags("restored");
    }
    /* fenv_t save/restore keeps the rounding mode */
    {
        fenv_t env;
        fesetround(FE_UPWARD);
        fegetenv(&env);
        fesetround(FE_DOWNWARD);
        fesetenv(&env);
        printf("fesetenv restores upward: %d\n", fegetround() == FE_UPWARD);
        fesetround(FE_TONEAREST);
        feholdexcept(&env);
        r = one / zero;
        feupdateenv(&env);
        flags("feupdateenv");
    }
    (void)r; (void)rf; (void)vi;
    return 0;
}
