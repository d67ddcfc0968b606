/*
 * media.c - ARM32 media and saturating instructions: clz, rbit, rev*,
 * sign/zero extend (with add, and the 16-bit-pair forms), bfi/bfc, ubfx/
 * sbfx, ssat/usat (and the halfword forms), sel, pkhbt/pkhtb, qadd/qsub/
 * qdadd/qdsub and the parallel add/subtract family (s u q uq sh uh x add16
 * asx sax sub16 add8 sub8).  ARM ARM A8.8; the parallel family A8.4.3/A5.4.
 *
 * Parallel ops work lane by lane on values extended to i32 (no lane can
 * overflow it); the S and U forms set GE from each lane's result
 * (signed: >= 0; unsigned add: carry out; unsigned subtract: >= 0), which
 * sel reads.  Saturation sets the sticky Q (qf) for qadd/qsub/ssat/usat
 * but not for the q* lane forms, as the manual says.
 */
#include "translate.h"

static IRRef R(ArmCtx *s, int r) { return arm_reg(s, (unsigned)r); }
static IRRef K(ArmCtx *s, uint32_t v) { return arm_k32(s, v); }
static IRRef B2(ArmCtx *s, IROp op, IRRef x, IRRef y) { return arm_bin(s, op, x, y); }

static void set_q_if(ArmCtx *s, IRRef cond)
{
    IRRef q = ir_get(s->b, IR_I32, ARM_OFF(qf));
    arm_put(s, IR_I32, ARM_OFF(qf), B2(s, IR_OR, q, cond));
}

static bool put_rd(ArmCtx *s, int rd, IRRef v)
{
    arm_set_reg(s, (unsigned)rd, v);
    return true;
}

bool arm_trans_CLZ(ArmCtx *s, const ArmArgs *a)
{
    return a->rd != 15 && put_rd(s, a->rd, arm_un(s, IR_CLZ, R(s, a->rm)));
}

bool arm_trans_REV(ArmCtx *s, const ArmArgs *a)
{
    return put_rd(s, a->rd, arm_un(s, IR_BSWAP, R(s, a->rm)));
}

static IRRef rev16(ArmCtx *s, IRRef v)
{
    return B2(s, IR_OR, B2(s, IR_AND, B2(s, IR_SHR, v, K(s, 8)), K(s, 0x00ff00ff)),
              B2(s, IR_AND, B2(s, IR_SHL, v, K(s, 8)), K(s, 0xff00ff00)));
}

bool arm_trans_REV16(ArmCtx *s, const ArmArgs *a) { return put_rd(s, a->rd, rev16(s, R(s, a->rm))); }
bool arm_trans_REVSH(ArmCtx *s, const ArmArgs *a)
{
    return put_rd(s, a->rd, arm_un(s, IR_SEXT16, rev16(s, R(s, a->rm))));
}

bool arm_trans_RBIT(ArmCtx *s, const ArmArgs *a)
{
    static const uint32_t m[4] = { 0x55555555u, 0x33333333u, 0x0f0f0f0fu };
    IRRef v = R(s, a->rm);
    for (unsigned i = 0; i < 3; i++) {
        unsigned sh = 1u << i;
        v = B2(s, IR_OR, B2(s, IR_AND, B2(s, IR_SHR, v, K(s, sh)), K(s, m[i])),
               B2(s, IR_SHL, B2(s, IR_AND, v, K(s, m[i])), K(s, sh)));
    }
    return put_rd(s, a->rd, arm_un(s, IR_BSWAP, v));
}

/* ---- extend ----------------------------------------------------------------------- */

static IRRef ext_src(ArmCtx *s, const ArmArgs *a)
{
    IRRef v = R(s, a->rm);
    return a->rot ? B2(s, IR_ROTR, v, K(s, (uint32_t)a->rot)) : v;
}

static bool gen_ext(ArmCtx *s, const ArmArgs *a, IROp op)
{
    if (a->rd == 15 || a->rm == 15)
        return false;
    IRRef v = arm_un(s, op, ext_src(s, a));
    if (a->rn != 15)
        v = B2(s, IR_ADD, R(s, a->rn), v);
    return put_rd(s, a->rd, v);
}

bool arm_trans_SXTB(ArmCtx *s, const ArmArgs *a) { return gen_ext(s, a, IR_SEXT8); }
bool arm_trans_SXTH(ArmCtx *s, const ArmArgs *a) { return gen_ext(s, a, IR_SEXT16); }
bool arm_trans_UXTB(ArmCtx *s, const ArmArgs *a) { return gen_ext(s, a, IR_ZEXT8); }
bool arm_trans_UXTH(ArmCtx *s, const ArmArgs *a) { return gen_ext(s, a, IR_ZEXT16); }

/* bytes 0 and 2 extended to the two halves, added halfwise to rn */
static bool gen_ext16(ArmCtx *s, const ArmArgs *a, bool sign)
{
    if (a->rd == 15 || a->rm == 15)
        return false;
    IRRef v = ext_src(s, a);
    IRRef lo = arm_un(s, sign ? IR_SEXT8 : IR_ZEXT8, v);
    IRRef hi = arm_un(s, sign ? IR_SEXT8 : IR_ZEXT8, B2(s, IR_SHR, v, K(s, 16)));
    if (a->rn != 15) {
        IRRef n = R(s, a->rn);
        lo = B2(s, IR_ADD, lo, n);
        hi = B2(s, IR_ADD, hi, B2(s, IR_SHR, n, K(s, 16)));
    }
    return put_rd(s, a->rd, B2(s, IR_OR, arm_un(s, IR_ZEXT16, lo), B2(s, IR_SHL, hi, K(s, 16))));
}

bool arm_trans_SXTB16(ArmCtx *s, const ArmArgs *a) { return gen_ext16(s, a, true); }
bool arm_trans_UXTB16(ArmCtx *s, const ArmArgs *a) { return gen_ext16(s, a, false); }

/* ---- bitfields ------------------------------------------------------------------------ */

/* a->rm is the source (A32 Rn at 3..0, T32 Rn at hw1 3..0); a->width the
 * msb (bfi/bfc) or width-1 (ubfx/sbfx). */
bool arm_trans_BFI(ArmCtx *s, const ArmArgs *a)
{
    unsigned lsb = (unsigned)a->lsb, msb = (unsigned)a->width;
    if (a->rd == 15 || msb < lsb)
        return false;
    uint32_t mask = (uint32_t)((2ull << msb) - (1ull << lsb));
    IRRef d = B2(s, IR_AND, R(s, a->rd), K(s, ~mask));
    if (a->rm != 15)                           /* bfc when the source is 1111 */
        d = B2(s, IR_OR, d, B2(s, IR_AND, B2(s, IR_SHL, R(s, a->rm), K(s, lsb)), K(s, mask)));
    return put_rd(s, a->rd, d);
}

static bool gen_bfx(ArmCtx *s, const ArmArgs *a, bool sign)
{
    unsigned lsb = (unsigned)a->lsb, width = (unsigned)a->width + 1;
    if (a->rd == 15 || a->rm == 15 || lsb + width > 32)
        return false;
    IRRef v = B2(s, IR_SHL, R(s, a->rm), K(s, 32 - lsb - width));
    return put_rd(s, a->rd, B2(s, sign ? IR_SAR : IR_SHR, v, K(s, 32 - width)));
}

bool arm_trans_UBFX(ArmCtx *s, const ArmArgs *a) { return gen_bfx(s, a, false); }
bool arm_trans_SBFX(ArmCtx *s, const ArmArgs *a) { return gen_bfx(s, a, true); }

/* ---- saturation ------------------------------------------------------------------------ */

/* Clamps v (i32) to [lo, hi]; *sat = 1 if it did. */
static IRRef clamp(ArmCtx *s, IRRef v, int32_t lo, int32_t hi, IRRef *sat)
{
    IRBlock *b = s->b;
    IRRef below = ir_setcc(b, IR_CC_LTS, v, K(s, (uint32_t)lo));
    IRRef above = ir_setcc(b, IR_CC_GTS, v, K(s, (uint32_t)hi));
    *sat = B2(s, IR_OR, below, above);
    return ir_select(b, IR_I32, below, K(s, (uint32_t)lo), ir_select(b, IR_I32, above, K(s, (uint32_t)hi), v));
}

/* Clamps an i64 to the i32 range. */
static IRRef clamp64(ArmCtx *s, IRRef v, IRRef *sat)
{
    IRBlock *b = s->b;
    IRRef below = ir_setcc(b, IR_CC_LTS, v, ir_const64(b, (uint64_t)(int64_t)INT32_MIN));
    IRRef above = ir_setcc(b, IR_CC_GTS, v, ir_const64(b, INT32_MAX));
    *sat = B2(s, IR_OR, below, above);
    IRRef t = ir_unop(b, IR_TRUNC, IR_I32, v);
    return ir_select(b, IR_I32, below, K(s, 0x80000000u), ir_select(b, IR_I32, above, K(s, 0x7fffffff), t));
}

static bool gen_sat(ArmCtx *s, const ArmArgs *a, bool sign)
{
    if (a->rd == 15 || a->rm == 15)
        return false;
    unsigned n = sign ? (unsigned)a->width + 1 : (unsigned)a->width;
    unsigned sh = (unsigned)a->shift;
    if (a->stype == SH_ASR && sh == 0) {
        if (s->thumb)
            return false;            /* the [su]sat16 encoding with non-zero (0) bits */
        sh = 32;
    }
    IRRef v = arm_shift_imm(s, R(s, a->rm), (unsigned)a->stype, sh, NULL);
    IRRef sat;
    int32_t lo = sign ? -(int32_t)(1u << (n - 1)) : 0;
    int32_t hi = sign ? (int32_t)((1u << (n - 1)) - 1) : (int32_t)((1ull << n) - 1);
    if (!sign && n == 0)
        hi = 0;
    IRRef r = clamp(s, v, lo, hi, &sat);
    set_q_if(s, sat);
    return put_rd(s, a->rd, r);
}

bool arm_trans_SSAT(ArmCtx *s, const ArmArgs *a) { return gen_sat(s, a, true); }
bool arm_trans_USAT(ArmCtx *s, const ArmArgs *a) { return gen_sat(s, a, false); }

static bool gen_sat16(ArmCtx *s, const ArmArgs *a, bool sign)
{
    if (a->rd == 15 || a->rm == 15)
        return false;
    unsigned n = sign ? (unsigned)a->width + 1 : (unsigned)a->width;
    int32_t lo = sign ? -(int32_t)(1u << (n - 1)) : 0;
    int32_t hi = sign ? (int32_t)((1u << (n - 1)) - 1) : (int32_t)((1u << n) - 1);
    IRRef v = R(s, a->rm), s0, s1;
    IRRef l = clamp(s, arm_un(s, IR_SEXT16, v), lo, hi, &s0);
    IRRef h = clamp(s, B2(s, IR_SAR, v, K(s, 16)), lo, hi, &s1);
    set_q_if(s, B2(s, IR_OR, s0, s1));
    return put_rd(s, a->rd, B2(s, IR_OR, arm_un(s, IR_ZEXT16, l), B2(s, IR_SHL, h, K(s, 16))));
}

bool arm_trans_SSAT16(ArmCtx *s, const ArmArgs *a) { return gen_sat16(s, a, true); }
bool arm_trans_USAT16(ArmCtx *s, const ArmArgs *a) { return gen_sat16(s, a, false); }

/* qadd rd, rm, rn: sat(rm + rn); qdadd: sat(rm + sat(2 * rn)) */
static bool gen_qadd(ArmCtx *s, const ArmArgs *a, bool sub, bool dbl)
{
    IRBlock *b = s->b;
    IRRef s1 = K(s, 0), s2;
    IRRef n = R(s, a->rn);
    if (dbl) {
        IRRef d = ir_unop(b, IR_EXTS, IR_I64, n);
        n = clamp64(s, ir_binop(b, IR_ADD, IR_I64, d, d), &s1);
    }
    IRRef v = ir_binop(b, sub ? IR_SUB : IR_ADD, IR_I64, ir_unop(b, IR_EXTS, IR_I64, R(s, a->rm)),
                       ir_unop(b, IR_EXTS, IR_I64, n));
    IRRef r = clamp64(s, v, &s2);
    set_q_if(s, B2(s, IR_OR, s1, s2));
    return put_rd(s, a->rd, r);
}

bool arm_trans_QADD(ArmCtx *s, const ArmArgs *a)  { return gen_qadd(s, a, false, false); }
bool arm_trans_QSUB(ArmCtx *s, const ArmArgs *a)  { return gen_qadd(s, a, true, false); }
bool arm_trans_QDADD(ArmCtx *s, const ArmArgs *a) { return gen_qadd(s, a, false, true); }
bool arm_trans_QDSUB(ArmCtx *s, const ArmArgs *a) { return gen_qadd(s, a, true, true); }

/* ---- sel, pkh ------------------------------------------------------------------------------ */

bool arm_trans_SEL(ArmCtx *s, const ArmArgs *a)
{
    IRRef g = ir_get(s->b, IR_I32, ARM_OFF(ge));
    IRRef m = K(s, 0);
    for (unsigned i = 0; i < 4; i++)
        m = B2(s, IR_OR, m, B2(s, IR_SHL, B2(s, IR_AND, g, K(s, 1u << i)), K(s, 7 * i)));
    m = B2(s, IR_MUL, m, K(s, 0xff));
    IRRef v = B2(s, IR_OR, B2(s, IR_AND, R(s, a->rn), m), B2(s, IR_AND, R(s, a->rm), arm_un(s, IR_NOT, m)));
    return put_rd(s, a->rd, v);
}

bool arm_trans_PKH(ArmCtx *s, const ArmArgs *a)
{
    IRRef n = R(s, a->rn), m = R(s, a->rm), v;
    if (a->op) {                               /* pkhtb: rm asr #(0 = 32) */
        unsigned sh = a->shift ? (unsigned)a->shift : 31;
        v = B2(s, IR_OR, B2(s, IR_AND, n, K(s, 0xffff0000u)),
               arm_un(s, IR_ZEXT16, B2(s, IR_SAR, m, K(s, sh))));
    } else {
        v = B2(s, IR_OR, arm_un(s, IR_ZEXT16, n),
               B2(s, IR_AND, B2(s, IR_SHL, m, K(s, (uint32_t)a->shift)), K(s, 0xffff0000u)));
    }
    return put_rd(s, a->rd, v);
}

/* ---- parallel add/subtract ---------------------------------------------------------------- */

enum { PV_S, PV_Q, PV_SH, PV_U, PV_UQ, PV_UH };
enum { PO_ADD16, PO_ASX, PO_SAX, PO_SUB16, PO_ADD8, PO_SUB8 };

static IRRef lane(ArmCtx *s, IRRef v, unsigned i, unsigned w, bool sign)
{
    IRRef t = i ? B2(s, IR_SHR, v, K(s, i * w)) : v;
    if (w == 16)
        return arm_un(s, sign ? IR_SEXT16 : IR_ZEXT16, t);
    return arm_un(s, sign ? IR_SEXT8 : IR_ZEXT8, t);
}

static bool gen_par(ArmCtx *s, const ArmArgs *a, int variant, int op)
{
    IRBlock *b = s->b;
    if (a->rd == 15 || a->rn == 15 || a->rm == 15)
        return false;
    bool sign = variant <= PV_SH;
    unsigned w = op >= PO_ADD8 ? 8 : 16, n = 32 / w;
    IRRef x = R(s, a->rn), y = R(s, a->rm);
    IRRef res = K(s, 0), ge = K(s, 0);
    for (unsigned i = 0; i < n; i++) {
        bool sub;
        unsigned j = i;                         /* lane of y */
        switch (op) {
        case PO_ASX: sub = i == 0; j = 1 - i; break;
        case PO_SAX: sub = i == 1; j = 1 - i; break;
        case PO_SUB16: case PO_SUB8: sub = true; break;
        default: sub = false; break;
        }
        IRRef r = B2(s, sub ? IR_SUB : IR_ADD, lane(s, x, i, w, sign), lane(s, y, j, w, sign));
        IRRef g = IR_NONE, dummy;
        switch (variant) {
        case PV_S:
            g = ir_setcc(b, IR_CC_GES, r, K(s, 0));
            break;
        case PV_U:
            g = sub ? ir_setcc(b, IR_CC_GES, r, K(s, 0)) : ir_setcc(b, IR_CC_GEU, r, K(s, 1u << w));
            break;
        case PV_Q:
            r = clamp(s, r, -(int32_t)(1u << (w - 1)), (int32_t)((1u << (w - 1)) - 1), &dummy);
            break;
        case PV_UQ:
            r = clamp(s, r, 0, (int32_t)((1u << w) - 1), &dummy);
            break;
        default:                                /* halving */
            r = B2(s, IR_SAR, r, K(s, 1));
            break;
        }
        r = B2(s, IR_AND, r, K(s, (1u << w) - 1));
        res = B2(s, IR_OR, res, i ? B2(s, IR_SHL, r, K(s, i * w)) : r);
        if (g != IR_NONE)
            ge = B2(s, IR_OR, ge, B2(s, IR_SHL, ir_select(b, IR_I32, g, K(s, w == 16 ? 3 : 1), K(s, 0)),
                                     K(s, i * (w / 8))));
    }
    if (variant == PV_S || variant == PV_U)
        arm_put(s, IR_I32, ARM_OFF(ge), ge);
    return put_rd(s, a->rd, res);
}

#define PAR(V, vn)                                                                               \
    bool arm_trans_##vn##ADD16(ArmCtx *s, const ArmArgs *a) { return gen_par(s, a, V, PO_ADD16); }  \
    bool arm_trans_##vn##ASX(ArmCtx *s, const ArmArgs *a)   { return gen_par(s, a, V, PO_ASX); }    \
    bool arm_trans_##vn##SAX(ArmCtx *s, const ArmArgs *a)   { return gen_par(s, a, V, PO_SAX); }    \
    bool arm_trans_##vn##SUB16(ArmCtx *s, const ArmArgs *a) { return gen_par(s, a, V, PO_SUB16); }  \
    bool arm_trans_##vn##ADD8(ArmCtx *s, const ArmArgs *a)  { return gen_par(s, a, V, PO_ADD8); }   \
    bool arm_trans_##vn##SUB8(ArmCtx *s, const ArmArgs *a)  { return gen_par(s, a, V, PO_SUB8); }
PAR(PV_S, S)
PAR(PV_Q, Q)
PAR(PV_SH, SH)
PAR(PV_U, U)
PAR(PV_UQ, UQ)
PAR(PV_UH, UH)
#undef PAR
