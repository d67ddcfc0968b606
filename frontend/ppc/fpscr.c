/*
 * fpscr.c - the PowerPC FPSCR: where each bit lives, and the helpers that
 * read and write it (mffs, mtfsf, mtfsfi, mtfsb0/1, mcrfs, record-form CR1).
 *
 * Layout (Book I 4.2.2; bit values in cpu.h):
 *  - RN (rounding mode) and the sticky exception summaries OX, UX, ZX, XX
 *    live in the host FP environment of the thread running the guest
 *    (C99 fenv), so every IR FP op rounds and flags as the guest asked
 *    without any per-op work.  VX is the host's invalid flag.
 *  - FX, the VX detail bits, FR, FI, FPRF, the enables, NI and a copy of RN
 *    are in cpu->fpscr.
 *  - FEX and VX are always computed (they cannot be written).
 *
 * Lazy bits.  FR, FI and FPRF describe the last arithmetic instruction, and
 * the VX detail bits say which invalid operation happened; computing them
 * per instruction would double the cost of FP code.  Instead each
 * FPSCR-setting instruction stores its word and operands in the CPU
 * (cpu->fp_last_insn / fp_last_op, plain PUTs that the state pass merges
 * inside a block), and reading the FPSCR re-runs that one instruction with
 * the same rounding mode (nothing changed it: every FPSCR write forgets the
 * record) to learn its result class, whether it was exact or rounded up
 * (error-free transformations, see below), and which invalid case it hit
 * (from the operands).  A read then commits what it found to cpu->fpscr.
 *
 * Cost.  Asking or changing the host environment is slow (fetestexcept
 * ~25 ns, fesetround/feclearexcept/feraiseexcept ~200 ns on x86, through
 * the x87 state), and glibc's ppc32 sqrt reads the FPSCR, sets RN and
 * restores the FPSCR on every call.  So writes touch the host only where
 * it differs, and the helpers ask it nothing when no FP instruction ran
 * since the last read or write: host flags change only through recording
 * instructions (fpu.c keeps it so: lfs/stfs, moves and fsel raise
 * nothing), so they are still cpu->fpscr_seen.
 *
 * FX is set when an exception bit goes from 0 to 1: a read compares the
 * host flags with those seen at the previous read or write
 * (cpu->fpscr_seen), and the re-run's detail bits with those already set.
 *
 * NYI: an invalid operation other than the last one before a read leaves no
 * detail bit of its own; when the host invalid flag is set and no detail
 * bit explains it, VXSOFT stands in so that VX = OR(details) still holds
 * and fesetenv of a saved environment keeps the flag.  NYI: NI has no
 * effect.  Enabled exceptions (VE OE UE ZE XE with MSR[FE0,FE1] from
 * prctl(PR_SET_FPEXC)) and tininess before rounding: see their sections
 * below, with what they leave out.
 */
#include "translate.h"
#include "fpu_internal.h"

#include <fenv.h>
#include <math.h>
#include <string.h>

static const int ppc_rm_host[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };

static const struct { uint32_t bit; int host; } ppc_flag_map[] = {
    { PPC_FPSCR_OX, FE_OVERFLOW }, { PPC_FPSCR_UX, FE_UNDERFLOW },
    { PPC_FPSCR_ZX, FE_DIVBYZERO }, { PPC_FPSCR_XX, FE_INEXACT },
    { PPC_FPSCR_VX, FE_INVALID },
};

#define PPC_FPSCR_HOSTBITS (PPC_FPSCR_OX | PPC_FPSCR_UX | PPC_FPSCR_ZX | PPC_FPSCR_XX | PPC_FPSCR_VX)
#define PPC_FPSCR_EXC      (PPC_FPSCR_OX | PPC_FPSCR_UX | PPC_FPSCR_ZX | PPC_FPSCR_XX | PPC_FPSCR_VX_ALL)

static uint32_t bits_of_host(int host)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < sizeof ppc_flag_map / sizeof ppc_flag_map[0]; i++)
        if (host & ppc_flag_map[i].host)
            v |= ppc_flag_map[i].bit;
    return v;
}

/* ---- re-running the last instruction ---------------------------------------- */

static double op_d(const PPCCPU *c, int i)
{
    double d;
    memcpy(&d, &c->fp_last_op[i], sizeof d);
    return d;
}

static bool is_snan(double x)       /* on the bits: raises nothing */
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (b & 0x7ff8000000000000ull) == 0x7ff0000000000000ull && (b & 0x000fffffffffffffull);
}

/* FPRF of a result: C FL FG FE FU (Book I table "Floating-Point Result
 * Flags"); single says to classify in single precision. */
static uint32_t fprf_of(double r, bool single)
{
    uint32_t cls;
    bool neg = signbit(r);
    int k = single ? fpclassify((float)r) : fpclassify(r);
    switch (k) {
    case FP_NAN:       cls = 0x11; break;
    case FP_INFINITE:  cls = neg ? 0x09 : 0x05; break;
    case FP_ZERO:      cls = neg ? 0x12 : 0x02; break;
    case FP_SUBNORMAL: cls = neg ? 0x18 : 0x14; break;
    default:           cls = neg ? 0x08 : 0x04; break;
    }
    return cls << 12;
}

typedef struct Rerun {
    double r;          /* the rounded result */
    uint32_t detail;   /* VX detail bits */
    bool single, sets_fprf, sets_fpcc, sets_frfi;
    bool fi, fr;       /* inexact; rounding incremented the fraction */
    uint32_t fpcc;     /* FL FG FE FU of a compare */
} Rerun;

static double run_arith(unsigned xo, bool single, double a, double b, double c)
{
    volatile double x = a, y = b, z = c, r = 0;
    volatile float f = 0;
    switch (xo) {
    case PPC_FXO_DIV:    r = x / y; break;
    case PPC_FXO_SUB:    r = x - y; break;
    case PPC_FXO_ADD:    r = x + y; break;
    case PPC_FXO_SQRT:   r = sqrt(y); break;
    case PPC_FXO_RE:     r = 1.0 / y; break;
    case PPC_FXO_MUL:    r = x * z; break;
    case PPC_FXO_RSQRTE: r = sqrt(y); r = 1.0 / r; break;
    case PPC_FXO_MSUB: case PPC_FXO_MADD: case PPC_FXO_NMSUB: case PPC_FXO_NMADD: {
        bool sub = xo == PPC_FXO_MSUB || xo == PPC_FXO_NMSUB;
        if (single) {
            f = fmaf((float)x, (float)z, sub ? -(float)y : (float)y);
            r = f;
        } else {
            r = fma(x, z, sub ? -y : y);
        }
        if (xo == PPC_FXO_NMSUB || xo == PPC_FXO_NMADD)
            r = -r;
        return r;
    }
    }
    if (single) {
        f = (float)r;
        r = f;
    }
    return r;
}

/* Which invalid operation an arithmetic instruction met (a, b, c as the
 * instruction names them: FRA, FRB, FRC), from the operands alone. */
static uint32_t arith_detail(unsigned xo, double a, double b, double c)
{
    uint32_t d = 0;
    bool ia = isinf(a), ib = isinf(b), ic = isinf(c);
    if (is_snan(a) || is_snan(b) || is_snan(c))
        d |= PPC_FPSCR_VXSNAN;
    if (isnan(a) || isnan(b) || isnan(c))
        return d;
    switch (xo) {
    case PPC_FXO_ADD: if (ia && ib && signbit(a) != signbit(b)) d |= PPC_FPSCR_VXISI; break;
    case PPC_FXO_SUB: if (ia && ib && signbit(a) == signbit(b)) d |= PPC_FPSCR_VXISI; break;
    case PPC_FXO_MUL: if ((ia && c == 0) || (ic && a == 0)) d |= PPC_FPSCR_VXIMZ; break;
    case PPC_FXO_DIV:
        if (ia && ib) d |= PPC_FPSCR_VXIDI;
        if (a == 0 && b == 0) d |= PPC_FPSCR_VXZDZ;
        break;
    case PPC_FXO_SQRT: case PPC_FXO_RSQRTE:
        if (b < 0) d |= PPC_FPSCR_VXSQRT;
        break;
    case PPC_FXO_MSUB: case PPC_FXO_MADD: case PPC_FXO_NMSUB: case PPC_FXO_NMADD:
        if ((ia && c == 0) || (ic && a == 0)) {
            d |= PPC_FPSCR_VXIMZ;
        } else if ((ia || ic) && ib) {
            bool psign = signbit(a) != signbit(c);
            bool bsign = signbit(b) != (xo == PPC_FXO_MSUB || xo == PPC_FXO_NMSUB);
            if (psign != bsign)
                d |= PPC_FPSCR_VXISI;
        }
        break;
    }
    return d;
}

/* ---- FI and FR without touching the host environment ------------------------
 *
 * Changing the host environment is slow (fesetround, feclearexcept and
 * feholdexcept cost 200-300 ns each on x86, as they go through the x87
 * state), and glibc's ppc32 sqrt reads and restores the FPSCR on every
 * call.  So FI (the result is inexact) and FR (its magnitude was rounded
 * up) come from the sign of (exact result - r), found with error-free
 * transformations: an fma residual for products, quotients and square
 * roots (exact in every rounding mode), and an exact expansion sum
 * (Shewchuk's Grow-Expansion of TwoSums, exact in round-to-nearest) for
 * sums and fused multiply-adds.  Cases outside their preconditions (other
 * rounding modes for sums, magnitudes near the underflow or overflow
 * range) take the slow path: re-run with the flags cleared, then restore.
 * Re-running the instruction itself raises only flags it already raised:
 * nothing cleared them since (every FPSCR write forgets the record). */

static void two_sum(double a, double b, double *s, double *e)
{
    double x = a + b, bv = x - a, av = x - bv;
    *e = (a - av) + (b - bv);
    *s = x;
}

/* Sign (-1, 0, 1) of the exact sum of t[0..n), n <= 4. */
static int sum_sign(const double *t, int n)
{
    double h[4];
    int m = 0;
    for (int i = 0; i < n; i++) {
        double q = t[i];
        for (int j = 0; j < m; j++)
            two_sum(q, h[j], &q, &h[j]);
        h[m++] = q;
    }
    for (int j = m - 1; j >= 0; j--)      /* the largest nonzero component */
        if (h[j] != 0)
            return h[j] > 0 ? 1 : -1;
    return 0;
}

static int sign_of(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }

/* magnitudes where residuals and products stay exact */
static bool safe_mag(double v)
{
    double m = fabs(v);
    return m == 0 || (m >= 0x1p-900 && m <= 0x1p900);
}

/* Is v zero or a normal single-precision number (checked on the bits, so
 * that no flag is raised)? */
static bool single_normal(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    unsigned e = (unsigned)(u >> 52) & 0x7ff;
    return (u << 1) == 0 || (e >= 1023 - 126 && e <= 1023 + 127 && (u & 0x1fffffffu) == 0);
}

/* Sign of (exact - r) for arithmetic op xo; false when it cannot be
 * found exactly here. */
static bool exact_err_sign(unsigned xo, bool single, bool nearest, double a, double b, double c,
                           double r, int *sign)
{
    if (!safe_mag(a) || !safe_mag(b) || !safe_mag(c) || !safe_mag(r))
        return false;
    bool fused = xo == PPC_FXO_MSUB || xo == PPC_FXO_MADD || xo == PPC_FXO_NMSUB || xo == PPC_FXO_NMADD;
    if (single && fused) {  /* the operands as fmadds & co. saw them (fpu.c) */
        a = (float)a;
        b = (float)b;
        c = (float)c;
    } else if (single && (!single_normal(a) || !single_normal(b) || !single_normal(c))) {
        return false;       /* residuals below assume single-precision inputs */
    }
    switch (xo) {
    case PPC_FXO_ADD: case PPC_FXO_SUB: {
        double t[3] = { a, xo == PPC_FXO_SUB ? -b : b, -r };
        if (!nearest)
            return false;
        *sign = sum_sign(t, 3);
        return true;
    }
    case PPC_FXO_MUL:
        if (r == 0 && a != 0 && c != 0)
            return false;                 /* underflow */
        *sign = sign_of(fma(a, c, -r));
        return true;
    case PPC_FXO_DIV:
        *sign = sign_of(fma(-r, b, a)) * (signbit(b) ? -1 : 1);
        return true;
    case PPC_FXO_RE:
        *sign = sign_of(fma(-r, b, 1.0)) * (signbit(b) ? -1 : 1);
        return true;
    case PPC_FXO_SQRT:
        *sign = sign_of(fma(-r, r, b));
        return true;
    case PPC_FXO_MSUB: case PPC_FXO_MADD: case PPC_FXO_NMSUB: case PPC_FXO_NMADD: {
        bool neg = xo == PPC_FXO_NMSUB || xo == PPC_FXO_NMADD;
        bool sub = xo == PPC_FXO_MSUB || xo == PPC_FXO_NMSUB;
        double ph = a * c, pl = fma(a, c, -ph);
        if (!nearest || !safe_mag(ph) || (ph == 0 && a != 0 && c != 0))
            return false;
        double t[4] = { pl, ph, sub ? -b : b, neg ? r : -r };
        *sign = sum_sign(t, 4) * (neg ? -1 : 1);
        return true;
    }
    default:                              /* frsqrte: two roundings */
        return false;
    }
}

/* The slow path: FI and FR of arithmetic op xo by running it with the
 * flags cleared and once more toward zero, then restoring the host. */
static void env_fi_fr(unsigned xo, bool single, double a, double b, double c, Rerun *o)
{
    fenv_t env;
    feholdexcept(&env);                 /* saves flags, clears them, keeps rounding */
    volatile double r = run_arith(xo, single, a, b, c), t;
    o->fi = fetestexcept(FE_INEXACT) != 0;
    if (o->fi && !isnan(r)) {
        fesetround(FE_TOWARDZERO);
        t = run_arith(xo, single, a, b, c);
        o->fr = fabs(r) > fabs(t);
    }
    fesetenv(&env);                     /* flags and rounding as they were */
}

static void rerun(const PPCCPU *c, Rerun *o)
{
    uint32_t w = c->fp_last_insn;
    unsigned opcd = w >> 26, xo10 = (w >> 1) & 0x3ff, xo5 = (w >> 1) & 0x1f;
    double a = op_d(c, 0), b = op_d(c, 1), cc = op_d(c, 2);

    memset(o, 0, sizeof *o);
    o->single = opcd == 59;
    if (opcd == 63 && (xo10 == PPC_FXO_CMPU || xo10 == PPC_FXO_CMPO)) {
        bool un = isnan(a) || isnan(b);
        o->sets_fpcc = true;
        o->fpcc = un ? 1 : a < b ? 8 : a > b ? 4 : 2;
        if (is_snan(a) || is_snan(b))
            o->detail |= PPC_FPSCR_VXSNAN;
        if (xo10 == PPC_FXO_CMPO && un && !((c->fpscr & PPC_FPSCR_VE) && o->detail))
            o->detail |= PPC_FPSCR_VXVC;
    } else if (opcd == 63 && (xo10 == PPC_FXO_CTIW || xo10 == PPC_FXO_CTIWZ)) {
        o->sets_frfi = true;
        if (isnan(b)) {
            o->detail = PPC_FPSCR_VXCVI | (is_snan(b) ? PPC_FPSCR_VXSNAN : 0);
        } else {
            volatile double x = b;
            double t = xo10 == PPC_FXO_CTIWZ ? trunc(x) : rint(x);
            if (t < -2147483648.0 || t > 2147483647.0) {
                o->detail = PPC_FPSCR_VXCVI;
            } else {
                o->fi = t != b;
                o->fr = fabs(t) > fabs(b);
            }
        }
    } else if (opcd == 63 && xo10 == PPC_FXO_RSP) {
        volatile float f = (float)b;
        o->r = f;
        o->single = true;
        o->sets_fprf = o->sets_frfi = true;
        if (is_snan(b))
            o->detail = PPC_FPSCR_VXSNAN;
        if (!isnan(b)) {                  /* both doubles: exact comparisons */
            o->fi = o->r != b;
            o->fr = fabs(o->r) > fabs(b);
        }
    } else {
        int sign;
        o->r = run_arith(xo5, o->single, a, b, cc);
        o->sets_fprf = o->sets_frfi = true;
        o->detail = arith_detail(xo5, a, b, cc);
        bool finite_ops = isfinite(a) && isfinite(b) && isfinite(cc);
        if (isnan(o->r)) {
            o->r = NAN;                   /* invalid: FI and FR clear */
        } else if (isinf(o->r)) {
            o->fi = o->fr = finite_ops;   /* overflow rounded up, or an exact infinity */
        } else if (!finite_ops) {
            /* an infinite operand with a finite result (1/inf): exact */
        } else if (exact_err_sign(xo5, o->single, (c->fpscr & PPC_FPSCR_RN) == 0, a, b, cc, o->r, &sign)) {
            o->fi = sign != 0;
            o->fr = (o->r > 0 && sign < 0) || (o->r < 0 && sign > 0);
        } else {
            env_fi_fr(xo5, o->single, a, b, cc, o);
        }
    }
}

/* ---- tininess ------------------------------------------------------------------
 *
 * PowerPC detects tininess before rounding (Book I 4.4.4), x86 after: an
 * inexact result whose exact value lies below the smallest normal but
 * rounds up to it sets UX on PowerPC and no underflow flag on the host.
 * The exact value was tiny exactly when the result is the smallest normal
 * (in the instruction's precision) and rounding increased its magnitude.
 * NYI: only the last FPSCR-setting instruction before an FPSCR read (or
 * one checked for enabled exceptions) is looked at; an earlier one that
 * rounded up to the smallest normal leaves UX clear. */

static bool is_min_normal(double r, bool single)
{
    return fabs(r) == (single ? 0x1p-126 : 0x1p-1022);
}

/* ---- reading and writing ------------------------------------------------------ */

static uint32_t compute_fex(uint32_t f)
{
    uint32_t en = f & (PPC_FPSCR_VE | PPC_FPSCR_OE | PPC_FPSCR_UE | PPC_FPSCR_ZE | PPC_FPSCR_XE);
    uint32_t ex = (f >> 22) & (PPC_FPSCR_VE | PPC_FPSCR_OE | PPC_FPSCR_UE | PPC_FPSCR_ZE | PPC_FPSCR_XE);
    return (en & ex) ? PPC_FPSCR_FEX : 0;
}

/* The FPSCR given the host flags (as FPSCR bits) read just now. */
static uint32_t fpscr_read_with(PPCCPU *c, uint32_t host)
{
    uint32_t f = c->fpscr;

    if (c->fp_last_insn) {
        Rerun o;
        rerun(c, &o);
        if (o.sets_fprf)
            f = (f & ~PPC_FPSCR_FPRF) | fprf_of(o.r, o.single);
        if (o.sets_fpcc)
            f = (f & ~PPC_FPSCR_FPCC) | o.fpcc << 12;
        if (o.sets_frfi) {
            f &= ~(PPC_FPSCR_FR | PPC_FPSCR_FI);
            f |= (o.fi ? PPC_FPSCR_FI : 0) | (o.fr ? PPC_FPSCR_FR : 0);
        }
        if (o.detail & ~f)
            f |= PPC_FPSCR_FX;
        f |= o.detail;
        c->fp_last_insn = 0;
        if (o.sets_fprf && o.fi && o.fr && is_min_normal(o.r, o.single) && !(host & PPC_FPSCR_UX)) {
            feraiseexcept(FE_UNDERFLOW);  /* tiny before rounding (see above) */
            host |= PPC_FPSCR_UX;
        }
    }
    if (host & ~c->fpscr_seen)
        f |= PPC_FPSCR_FX;
    if ((host & PPC_FPSCR_VX) && !(f & PPC_FPSCR_VX_ALL))
        f |= PPC_FPSCR_VXSOFT;
    c->fpscr = f;
    c->fpscr_seen = host;
    f = (f & ~PPC_FPSCR_HOSTBITS) | host;
    return f | compute_fex(f);
}

uint32_t ppc_fpscr_read(PPCCPU *c)
{
    return fpscr_read_with(c, bits_of_host(fetestexcept(FE_ALL_EXCEPT)));
}

/* For the helpers: only recorded instructions change the host flags (the
 * translators guarantee it, fpu.c), so with no record since the last read
 * or write they are still fpscr_seen and the host need not be asked. */
static uint32_t fpscr_read_guest(PPCCPU *c)
{
    if (!c->fp_last_insn)
        return fpscr_read_with(c, c->fpscr_seen);
    return ppc_fpscr_read(c);
}

/* Sets the FPSCR to v when the host's flags are cur_host (as FPSCR bits)
 * and its rounding mode is cur_rn (PowerPC encoding).  The host is touched
 * only where it differs: each change costs ~200 ns, and glibc's sqrt
 * restores an unchanged FPSCR on every call. */
static void fpscr_apply(PPCCPU *c, uint32_t v, uint32_t cur_host, unsigned cur_rn)
{
    if (v & PPC_FPSCR_VX_ALL)
        v |= PPC_FPSCR_VX;
    else
        v &= ~PPC_FPSCR_VX;
    uint32_t want = v & PPC_FPSCR_HOSTBITS;
    int clear = 0, raise = 0;
    for (unsigned i = 0; i < sizeof ppc_flag_map / sizeof ppc_flag_map[0]; i++) {
        uint32_t bit = ppc_flag_map[i].bit;
        if ((cur_host & bit) && !(want & bit))
            clear |= ppc_flag_map[i].host;
        if ((want & bit) && !(cur_host & bit))
            raise |= ppc_flag_map[i].host;
    }
    c->fpscr = v & ~(PPC_FPSCR_HOSTBITS | PPC_FPSCR_FEX);
    c->fpscr_seen = want;
    c->fp_last_insn = 0;
    if ((v & PPC_FPSCR_RN) != cur_rn)
        fesetround(ppc_rm_host[v & PPC_FPSCR_RN]);
    if (clear)
        feclearexcept(clear);
    if (raise)
        feraiseexcept(raise);   /* host traps are masked: this only sets flags */
}

/* The host may be in any state here (a new thread, a signal frame). */
void ppc_fpscr_write(PPCCPU *c, uint32_t v)
{
    int rm = fegetround();
    unsigned cur_rn = 0;
    for (unsigned i = 0; i < 4; i++)
        if (ppc_rm_host[i] == rm)
            cur_rn = i;
    fpscr_apply(c, v, bits_of_host(fetestexcept(FE_ALL_EXCEPT)), cur_rn);
}

/* An explicit write of bits right after old = fpscr_read_guest(c), which
 * left the host's flags in fpscr_seen and its rounding mode equal to old's
 * RN.  Exception bits that go from 0 to 1 set FX too unless the
 * instruction is mtfsf/mtfsfi (Book I 4.2.2, FX). */
static void fpscr_store(PPCCPU *c, uint32_t old, uint32_t v, bool implicit_fx)
{
    if (implicit_fx && (v & ~old & PPC_FPSCR_EXC))
        v |= PPC_FPSCR_FX;
    fpscr_apply(c, v, c->fpscr_seen, old & PPC_FPSCR_RN);
}

/* ---- helpers called from IR ------------------------------------------------------ */

/* mffs: FPSCR in the low word, zero above (as QEMU; the manual leaves the
 * high word undefined). */
static double ppc_helper_mffs(void *cpu)
{
    uint64_t v = fpscr_read_guest(cpu);
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

#define PPC_FPSCR_EN (PPC_FPSCR_VE | PPC_FPSCR_OE | PPC_FPSCR_UE | PPC_FPSCR_ZE | PPC_FPSCR_XE)

/* The enables of exceptions that are set and enabled in f (FEX's terms) */
static uint32_t active_of(uint32_t f) { return (f >> 22) & f & PPC_FPSCR_EN; }
static uint32_t mt_trap(PPCCPU *c, uint32_t old_active);

/* mtfsf FLM: field i (bit 7 - i of flm) from the low word of frb; returns
 * the enabled-exception trap to take (PPC_FPEXC_*), as the mt* helpers do */
static uint32_t ppc_helper_mtfsf(void *cpu, uint32_t flm, double frb)
{
    uint64_t bits;
    memcpy(&bits, &frb, sizeof bits);
    uint32_t mask = 0;
    for (int i = 0; i < 8; i++)
        if (flm & (0x80u >> i))
            mask |= 0xf0000000u >> (4 * i);
    if (mask == 0xffffffffu) {
        /* every field is replaced (glibc's fesetenv, sqrt's restore): the
         * old value matters only as the host state to change, so the
         * last instruction need not be re-run */
        PPCCPU *c = cpu;
        uint32_t host = c->fp_last_insn ? bits_of_host(fetestexcept(FE_ALL_EXCEPT)) : c->fpscr_seen;
        uint32_t oa = c->fpexc_mode ? active_of((c->fpscr & ~PPC_FPSCR_HOSTBITS) | host) : 0;
        fpscr_apply(c, (uint32_t)bits, host, c->fpscr & PPC_FPSCR_RN);
        return mt_trap(c, oa);
    }
    uint32_t old = fpscr_read_guest(cpu);
    fpscr_store(cpu, old, (old & ~mask) | ((uint32_t)bits & mask), false);
    return mt_trap(cpu, active_of(old));
}

static uint32_t ppc_helper_mtfsfi(void *cpu, uint32_t bf, uint32_t u)
{
    uint32_t shift = 28 - 4 * bf, mask = 0xfu << shift;
    uint32_t old = fpscr_read_guest(cpu);
    fpscr_store(cpu, old, (old & ~mask) | (u << shift), false);
    return mt_trap(cpu, active_of(old));
}

/* mtfsb0/mtfsb1: bit bt (0 = FX); FEX and VX (bits 1, 2) cannot be set. */
static uint32_t ppc_helper_mtfsb(void *cpu, uint32_t bt, uint32_t val)
{
    uint32_t bit = 0x80000000u >> bt;
    uint32_t old = fpscr_read_guest(cpu);
    if (bit & (PPC_FPSCR_FEX | PPC_FPSCR_VX))
        return 0;
    fpscr_store(cpu, old, val ? old | bit : old & ~bit, val != 0);
    return mt_trap(cpu, active_of(old));
}

/* mcrfs: the 4 bits of field bfa; its exception bits are then cleared
 * (except FEX and VX, which follow the others). */
static uint32_t ppc_helper_mcrfs(void *cpu, uint32_t bfa)
{
    uint32_t shift = 28 - 4 * bfa;
    uint32_t old = fpscr_read_guest(cpu);
    uint32_t field = (old >> shift) & 0xf;
    uint32_t clear = (0xfu << shift) & (PPC_FPSCR_FX | PPC_FPSCR_EXC) & ~PPC_FPSCR_VX;
    if (clear)
        fpscr_store(cpu, old, old & ~clear, false);
    return field;
}

/* Record form: CR1 = FX FEX VX OX */
static uint32_t ppc_helper_fpcr1(void *cpu)
{
    return fpscr_read_guest(cpu) >> 28;
}

/* ---- enabled exceptions ---------------------------------------------------------
 *
 * With MSR[FE0,FE1] non-zero (prctl PR_SET_FPEXC, which glibc's
 * feenableexcept makes) an FP instruction that raises an exception whose
 * FPSCR enable bit is set takes a Program interrupt at its own address;
 * Linux (traps.c parse_fpe) sends SIGFPE there with si_code from the whole
 * FPSCR: VE&VX FLTINV, then OE&OX FLTOVF, UE&UX FLTUND, ZE&ZX FLTDIV, XE&XX
 * FLTRES.  Invalid and zero-divide leave FRT alone (Book I 4.4); the
 * others write it first.  Once a thread turns the mode on, fpu.c
 * translates each FPSCR-setting instruction with a call to ppc_h_fpexc
 * after it has recorded itself; the helper re-runs the instruction alone
 * (flags cleared, then restored) to learn what it raised.
 * A Move To FPSCR instruction traps too when it makes an exception and
 * its enable both set (Book III Program interrupt; glibc's feraiseexcept
 * with the exception enabled), after it completed; nip is the instruction.
 * NYI: with OE/UE the result is not scaled by 2^-192/2^192; an invalid
 * or zero-divide trap updates FPRF (the manual leaves it); the imprecise
 * modes trap precisely, as they may; turning the mode on with FEX already
 * set does not trap. */

bool ppc_fpexc_translate;

bool ppc_fpexc_set_mode(PPCCPU *c, uint32_t mode)
{
    c->fpexc_mode = mode;
    if (!mode || ppc_fpexc_translate)
        return false;
    ppc_fpexc_translate = true;
    return true;
}

/* The exception bits (VX OX UX ZX XX) the recorded instruction raised. */
static uint32_t last_raised(PPCCPU *c)
{
    uint32_t w = c->fp_last_insn;
    unsigned opcd = w >> 26, xo10 = (w >> 1) & 0x3ff, xo5 = (w >> 1) & 0x1f;
    bool frsp = opcd == 63 && xo10 == PPC_FXO_RSP;
    if (opcd == 63 && (xo10 == PPC_FXO_CMPU || xo10 == PPC_FXO_CMPO || xo10 == PPC_FXO_CTIW ||
                       xo10 == PPC_FXO_CTIWZ)) {
        Rerun o;
        rerun(c, &o);
        return (o.detail ? PPC_FPSCR_VX : 0) | (o.fi ? PPC_FPSCR_XX : 0);
    }
    bool single = opcd == 59 || frsp;
    double a = op_d(c, 0), b = op_d(c, 1), cc = op_d(c, 2);
    fenv_t env;
    feholdexcept(&env);                 /* flags cleared, rounding kept */
    volatile float f;
    volatile double r;
    if (frsp) {
        f = (float)b;
        r = f;
    } else {
        r = run_arith(xo5, single, a, b, cc);
    }
    uint32_t v = bits_of_host(fetestexcept(FE_ALL_EXCEPT));
    if ((v & PPC_FPSCR_XX) && !(v & PPC_FPSCR_UX) && is_min_normal(r, single)) {
        volatile double t;
        fesetround(FE_TOWARDZERO);
        if (frsp) {
            f = (float)b;
            t = f;
        } else {
            t = run_arith(xo5, single, a, b, cc);
        }
        if (!is_min_normal(t, single))
            v |= PPC_FPSCR_UX;          /* tiny before rounding */
    }
    fesetenv(&env);
    return v;
}

/* The trap for FPSCR f, in parse_fpe's order */
static uint32_t fpexc_code(uint32_t f)
{
    if ((f & PPC_FPSCR_VE) && (f & PPC_FPSCR_VX))
        return PPC_FPEXC_INV;
    if ((f & PPC_FPSCR_OE) && (f & PPC_FPSCR_OX))
        return PPC_FPEXC_OVF;
    if ((f & PPC_FPSCR_UE) && (f & PPC_FPSCR_UX))
        return PPC_FPEXC_UND;
    if ((f & PPC_FPSCR_ZE) && (f & PPC_FPSCR_ZX))
        return PPC_FPEXC_DIV;
    return PPC_FPEXC_RES;
}

/* 0, or which kernel si_code the trap gets (PPC_FPEXC_*, fpu_internal.h) */
static uint32_t ppc_helper_fpexc(void *cpu)
{
    PPCCPU *c = cpu;
    uint32_t en = c->fpscr & PPC_FPSCR_EN;
    if (!c->fpexc_mode || !en || !c->fp_last_insn)
        return 0;
    uint32_t raised = last_raised(c);
    if (!((raised >> 22) & en))
        return 0;
    uint32_t f = ppc_fpscr_read(c);
    if ((raised & PPC_FPSCR_UX) && !(f & PPC_FPSCR_UX)) {
        feraiseexcept(FE_UNDERFLOW);
        f = ppc_fpscr_read(c);
    }
    return fpexc_code(f);
}

static uint32_t mt_trap(PPCCPU *c, uint32_t old_active)
{
    if (!c->fpexc_mode)
        return 0;
    uint32_t f = fpscr_read_guest(c);
    return active_of(f) & ~old_active ? fpexc_code(f) : 0;
}

const IRHelper ppc_h_fpexc = {
    "ppc_fpexc", (void *)ppc_helper_fpexc, IR_I32, 0, { 0 }, IR_HF_READS | IR_HF_WRITES,
};

const IRHelper ppc_h_mffs = {
    "ppc_mffs", (void *)ppc_helper_mffs, IR_F64, 0, { 0 }, IR_HF_READS | IR_HF_WRITES,
};
const IRHelper ppc_h_mtfsf = {
    "ppc_mtfsf", (void *)ppc_helper_mtfsf, IR_I32, 2, { IR_I32, IR_F64 }, IR_HF_READS | IR_HF_WRITES,
};
const IRHelper ppc_h_mtfsfi = {
    "ppc_mtfsfi", (void *)ppc_helper_mtfsfi, IR_I32, 2, { IR_I32, IR_I32 }, IR_HF_READS | IR_HF_WRITES,
};
const IRHelper ppc_h_mtfsb = {
    "ppc_mtfsb", (void *)ppc_helper_mtfsb, IR_I32, 2, { IR_I32, IR_I32 }, IR_HF_READS | IR_HF_WRITES,
};
const IRHelper ppc_h_mcrfs = {
    "ppc_mcrfs", (void *)ppc_helper_mcrfs, IR_I32, 1, { IR_I32 }, IR_HF_READS | IR_HF_WRITES,
};
const IRHelper ppc_h_fpcr1 = {
    "ppc_fpcr1", (void *)ppc_helper_fpcr1, IR_I32, 0, { 0 }, IR_HF_READS | IR_HF_WRITES,
};
