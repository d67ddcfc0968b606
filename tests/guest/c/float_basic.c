/* float_basic.c - double and float arithmetic, printf formatting of
 * doubles/floats, NaN/inf/-0 printing, denormals, conversions between int,
 * unsigned, float and double.  Only values whose results are exact or
 * correctly rounded by IEEE 754 are printed, so the host is the oracle.
 * Fused multiply-add would round differently (PowerPC, ARMv7 VFPv4): off.
 * CFLAGS: -ffp-contract=off
 */
#include <stdio.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static volatile double dv[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 0.1, -0.1, 1.0 / 3, 2.0 / 3, 3.14159265358979,
    1e10, -1e-10, 123456.789, 1e300, -1e-300, 4.9e-324, 2.2250738585072014e-308,
    DBL_MAX, DBL_MIN, DBL_EPSILON, 0.999999999, 1e22, 9007199254740993.0, 255.5,
};
#define ND (int)(sizeof dv / sizeof dv[0])

static volatile float fv[] = {
    0.0f, -0.0f, 1.0f, 0.1f, -2.5f, 3.4028235e38f, 1.17549435e-38f, 1e-45f,
    16777217.0f, 0.33333334f, 65504.0f, -1e-20f,
};
#define NF (int)(sizeof fv / sizeof fv[0])

static const char *fmts[] = {
    "%f", "%.0f", "%.3f", "%e", "%.10e", "%g", "%.15g", "%.17g", "%a", "%A",
    "%12.4f", "%-12.2e|", "%+g", "% g", "%#g", "%#.0f", "%010.3f", "%G",
};
#define NFMT (int)(sizeof fmts / sizeof fmts[0])

int main(void)
{
    int i, j;
    volatile double zero = 0.0, one = 1.0, big = 1e308;
    double nan_ = zero / zero, inf = one / zero;

    for (i = 0; i < ND; i++) {
        printf("[%d]", i);
        for (j = 0; j < NFMT; j++) {
            putchar(' ');
            printf(fmts[j], dv[i]);
        }
        putchar('\n');
    }
    for (i = 0; i < NF; i++)
        printf("f[%d] %.9g %e %a %f\n", i, fv[i], fv[i], fv[i], fv[i]);

    /* specials: print sign-free NaN (the sign of a default NaN differs
     * between x86 and MIPS), signed inf, signed zero */
    printf("nan: %f %e %g %5.1f isnan=%d\n", fabs(nan_), fabs(nan_), fabs(nan_), fabs(nan_), isnan(nan_));
    printf("inf: %f %e %g %-6f| %+f isinf=%d\n", inf, -inf, inf, -inf, inf, isinf(-inf));
    printf("big*10=%g -big*10=%g 1/-0=%g signbit(-0)=%d\n", big * 10, -big * 10, one / -zero,
           signbit(-zero) != 0);
    printf("nan cmp: %d %d %d %d %d\n", nan_ == nan_, nan_ != nan_, nan_ < one, nan_ > one,
           isunordered(nan_, one));
    printf("fpclassify: %d %d %d %d %d\n", fpclassify(zero) == FP_ZERO,
           fpclassify(4.9e-324) == FP_SUBNORMAL, fpclassify(one) == FP_NORMAL,
           fpclassify(inf) == FP_INFINITE, fpclassify(nan_) == FP_NAN);

    /* arithmetic: products, quotients, sums (correctly rounded everywhere) */
    {
        double acc = 0, prod = 1;
        float facc = 0, fprod = 1;
        for (i = 0; i < ND; i++) {
            for (j = 0; j < ND; j++) {
                double a = dv[i], b = dv[j];
                double r[4] = {a + b, a - b, a * b, b != 0 ? a / b : 0};
                int k;
                for (k = 0; k < 4; k++) {
                    uint64_t bits;
                    memcpy(&bits, &r[k], 8);
                    acc += isfinite(r[k]) ? (double)(bits % 1000003) : 7;
                }
            }
        }
        for (i = 1; i <= 30; i++) {
            prod *= i / 7.0;
            fprod *= (float)i / 7.0f;
            facc += 1.0f / (float)i;
        }
        printf("acc=%.17g prod=%.17g fprod=%.9g facc=%.9g\n", acc, prod, fprod, facc);
        printf("sqrt: %.17g %.17g %.9g %.9g\n", sqrt(2.0), sqrt(1e-300), sqrtf(2.0f), sqrtf(3e38f));
        printf("fma-free: %.17g\n", 0.1 * 3 - 0.3);
    }

    /* conversions */
    {
        volatile double cd[] = {0.0, 0.4, 0.5, 0.6, 1.5, 2.5, -0.5, -1.5, -2.5, -2.6,
                                2147483647.0, -2147483648.0, 4294967295.0, 1e9, -123456.99};
        volatile int32_t ci[] = {0, 1, -1, 16777217, -16777217, 2147483647, -2147483647 - 1, 123456789};
        volatile uint32_t cu[] = {0, 1, 0x80000000u, 0xffffffffu, 0xfffffff0u, 16777217u};
        for (i = 0; i < 15; i++) {
            double d = cd[i];
            printf("d %.17g: (int)=%d (unsigned)=%u (float)=%.9g (long long)=%lld\n", d,
                   (d >= -2147483648.0 && d < 2147483648.0) ? (int)d : 0,
                   (d > -1.0 && d < 4294967296.0) ? (unsigned)d : 0u, (float)d, (long long)d);
        }
        for (i = 0; i < 8; i++)
            printf("i %d: %.17g %.9g\n", ci[i], (double)ci[i], (float)ci[i]);
        for (i = 0; i < 6; i++)
            printf("u %u: %.17g %.9g\n", cu[i], (double)cu[i], (float)cu[i]);
        for (i = 0; i < NF; i++)
            printf("f->d %.17g d->f->d %.17g\n", (double)fv[i], (double)(float)dv[i % ND]);
    }
    /* float arithmetic in single precision, kept in single */
    {
        float a = 1.0f;
        for (i = 0; i < 100; i++)
            a = a * 1.1f + 0.3f / (float)(i + 1);
        printf("single loop %.9g\n", a);
    }
    return 0;
}
