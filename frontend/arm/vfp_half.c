/*
 * vfp_half.c - the VFP half-precision conversions vcvtb/vcvtt (ARM ARM
 * A8.8.306: VCVTB, VCVTT; the pseudocode FPHalfToSingle / FPSingleToHalf of
 * A2.7.4), part of VFPv4 (and of VFPv3's half-precision extension).
 *
 * vcvtb uses bits 15..0 of the half-precision register, vcvtt bits 31..16;
 * writing a half leaves the other half of Sd unchanged.  The conversions are
 * helpers working on bit patterns: single -> half rounds by the FPSCR
 * rounding mode (the host FP environment, vfp.c) and raises Invalid,
 * Overflow, Underflow (tiny before rounding, as ARM detects it) and Inexact
 * there; half -> single is exact and raises Invalid for a signalling NaN
 * only.  FPSCR.AHP selects the alternative format (no infinities or NaNs:
 * exponent 31 holds normal numbers; NaN converts to 0 and infinity or
 * overflow saturates, with Invalid).  Like the rest of vfp.c, FPSCR.DN and
 * FZ are not applied (NYI there).  NYI: the Advanced SIMD vcvt.f16.f32 /
 * vcvt.f32.f16 forms.
 */
#include "translate.h"

#include <fenv.h>

#define FPSCR_AHP 0x04000000u

static uint32_t helper_h2f(void *cpu, uint32_t h)
{
    bool ahp = ((ARMCPU *)cpu)->fpscr & FPSCR_AHP;
    uint32_t sign = (h & 0x8000u) << 16, e = (h >> 10) & 0x1f, m = h & 0x3ff;
    if (e == 31 && !ahp) {
        if (m == 0)
            return sign | 0x7f800000u;
        if (!(m & 0x200))
            feraiseexcept(FE_INVALID);         /* signalling NaN, quietened */
        return sign | 0x7fc00000u | m << 13;
    }
    if (e == 0) {
        if (m == 0)
            return sign;
        int ex = 1;
        while (!(m & 0x400)) {                 /* subnormal: normalise */
            m <<= 1;
            ex--;
        }
        return sign | (uint32_t)(ex - 15 + 127) << 23 | (m & 0x3ff) << 13;
    }
    return sign | (e - 15 + 127) << 23 | m << 13;
}

/* Rounds the 24-bit significand sig (value sig * 2^(exp - 23)) to the half
 * format; returns the magnitude bits and raises the flags. */
static uint32_t round_half(uint32_t sig, int exp, bool neg, bool ahp)
{
    int emin = -14, shift = 13 + (exp < emin ? emin - exp : 0);
    uint64_t q = shift >= 40 ? 0 : sig >> shift;
    uint64_t rem = shift >= 40 ? sig : sig & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    int rm = fegetround();
    bool inexact = rem != 0;
    if (inexact) {
        if (rm == FE_TONEAREST)
            q += rem > half || (rem == half && (q & 1));
        else if (rm == FE_UPWARD)
            q += !neg;
        else if (rm == FE_DOWNWARD)
            q += neg;
    }
    uint32_t bits;
    if (exp < emin) {                          /* subnormal (0x400 = smallest normal) */
        bits = (uint32_t)q;
        if (inexact)
            feraiseexcept(FE_UNDERFLOW);
    } else {
        int e = exp + 15;
        if (q & 0x800) {                       /* rounding carried into the next binade */
            q >>= 1;
            e++;
        }
        if (e > (ahp ? 31 : 30)) {
            if (ahp) {
                feraiseexcept(FE_INVALID);
                return 0x7fff;
            }
            feraiseexcept(FE_OVERFLOW | FE_INEXACT);
            bool to_inf = rm == FE_TONEAREST || (rm == FE_UPWARD && !neg) || (rm == FE_DOWNWARD && neg);
            return to_inf ? 0x7c00 : 0x7bff;
        }
        bits = (uint32_t)e << 10 | ((uint32_t)q & 0x3ff);
    }
    if (inexact)
        feraiseexcept(FE_INEXACT);
    return bits;
}

static uint32_t helper_f2h(void *cpu, uint32_t f)
{
    bool ahp = ((ARMCPU *)cpu)->fpscr & FPSCR_AHP;
    bool neg = f >> 31;
    uint32_t sign = neg ? 0x8000u : 0, e = (f >> 23) & 0xff, m = f & 0x7fffff;
    if (e == 0xff) {
        if (ahp) {
            feraiseexcept(FE_INVALID);
            return m ? 0 : sign | 0x7fff;
        }
        if (m == 0)
            return sign | 0x7c00;
        if (!(m & 0x400000))
            feraiseexcept(FE_INVALID);
        return sign | 0x7e00 | m >> 13;
    }
    if (e == 0 && m == 0)
        return sign;
    int exp = e ? (int)e - 127 : -126;
    return sign | round_half(e ? m | 0x800000u : m, exp, neg, ahp);
}

static const IRHelper arm_h_h2f = {
    "arm_h2f", (void *)helper_h2f, IR_I32, 1, { IR_I32 }, IR_HF_READS,
};
static const IRHelper arm_h_f2h = {
    "arm_f2h", (void *)helper_f2h, IR_I32, 1, { IR_I32 }, IR_HF_READS,
};

/* vcvt{b,t}.f32.f16 Sd, Sm (op 0) / vcvt{b,t}.f16.f32 Sd, Sm (op 1) */
bool arm_trans_VCVT_HS(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    bool top = s->insn >> 7 & 1, to_half = s->insn >> 16 & 1;
    if (a->sz)
        return false;                          /* the f64 forms are ARMv8 */
    IRRef src = ir_get(b, IR_I32, ARM_OFF_S(a->sm));
    if (s->cond != IR_NONE)                    /* a skipped conversion raises nothing */
        src = ir_select(b, IR_I32, s->cond, src, arm_k32(s, 0));
    IRRef r;
    if (to_half) {
        IRRef h = ir_call(b, &arm_h_f2h, src, IR_NONE, IR_NONE);
        IRRef old = ir_get(b, IR_I32, ARM_OFF_S(a->sd));
        r = top ? arm_bin(s, IR_OR, arm_bin(s, IR_AND, old, arm_k32(s, 0xffff)),
                          arm_bin(s, IR_SHL, h, arm_k32(s, 16)))
                : arm_bin(s, IR_OR, arm_bin(s, IR_AND, old, arm_k32(s, 0xffff0000u)), h);
    } else {
        IRRef h = top ? arm_bin(s, IR_SHR, src, arm_k32(s, 16)) : arm_bin(s, IR_AND, src, arm_k32(s, 0xffff));
        r = ir_call(b, &arm_h_h2f, h, IR_NONE, IR_NONE);
    }
    arm_put(s, IR_I32, ARM_OFF_S(a->sd), r);
    return true;
}
