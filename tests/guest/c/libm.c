/* libm.c - libm functions at moderate print precision (the guest's and the
 * host's libm may differ in the last bit, %.10g hides that).
 * CFLAGS: -ffp-contract=off
 */
#include <stdio.h>
#include <math.h>

int main(void)
{
    static const double x[] = {-3.5, -1.0, -0.25, 0.0, 0.1, 0.5, 1.0, 2.0, 3.14159, 10.0, 100.5};
    int i;
    for (i = 0; i < (int)(sizeof x / sizeof x[0]); i++) {
        double v = x[i];
        printf("x=%g\n", v);
        printf("  sin=%.10g cos=%.10g tan=%.10g atan=%.10g sinh=%.10g tanh=%.10g\n",
               sin(v), cos(v), tan(v), atan(v), sinh(v), tanh(v));
        printf("  exp=%.10g expm1=%.10g exp2=%.10g cbrt=%.10g\n", exp(v), expm1(v), exp2(v), cbrt(v));
        if (v > 0)
            printf("  log=%.10g log10=%.10g log2=%.10g log1p=%.10g sqrt=%.10g\n",
                   log(v), log10(v), log2(v), log1p(v), sqrt(v));
        if (v >= -1 && v <= 1)
            printf("  asin=%.10g acos=%.10g\n", asin(v), acos(v));
        printf("  floor=%g ceil=%g round=%g trunc=%g fabs=%g\n", floor(v), ceil(v), round(v),
               trunc(v), fabs(v));
        printf("  pow(v,3)=%.10g pow(2,v)=%.10g atan2(v,-2)=%.10g hypot(v,4)=%.10g\n",
               pow(v, 3), pow(2, v), atan2(v, -2), hypot(v, 4));
        printf("  fmod(v,0.75)=%.10g remainder(v,0.75)=%.10g copysign=%g\n", fmod(v, 0.75),
               remainder(v, 0.75), copysign(3, v));
        {
            int e;
            double ip, m = frexp(v, &e), f = modf(v, &ip);
            printf("  frexp=%g,%d ldexp=%g modf=%g,%g scalbn=%g ilogb=%d\n", m, e, ldexp(v, 5), f,
                   ip, scalbn(v, -3), v != 0 ? ilogb(v) : 0);
        }
        {
            float fvv = (float)v;
            printf("  f: sinf=%.5g expf=%.5g sqrtf=%.5g powf=%.5g floorf=%g\n", sinf(fvv), expf(fvv),
                   sqrtf(fabsf(fvv)), powf(fvv, 2), floorf(fvv));
        }
    }
    printf("pi=%.15g e=%.15g\n", 4 * atan(1.0), exp(1.0));
    printf("pow(2,0.5)=%.15g pow(-8,1/3)=%g pow(0,0)=%g\n", pow(2, 0.5), fabs(pow(-8, 1.0 / 3)),
           pow(0, 0));
    printf("log(0)=%g exp(1000)=%g exp(-1000)=%g\n", log(0.0), exp(1000.0), exp(-1000.0));
    printf("lgamma(5.5)=%.10g tgamma(5)=%.10g erf(0.5)=%.10g\n", lgamma(5.5), tgamma(5.0), erf(0.5));
    printf("fmin=%g fmax=%g fdim=%g nextafter=%.17g\n", fmin(1, 2), fmax(1, 2), fdim(5, 3),
           nextafter(1.0, 2.0));
    return 0;
}
