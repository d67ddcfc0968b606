/*
 * mul.c - ARM32 multiplies: mul/mla/mls, the 64-bit umull/smull/umlal/
 * smlal/umaal, the DSP halfword forms smul<x><y>/smla<x><y>/smulw<y>/
 * smlaw<y>/smlal<x><y>, the dual forms smlad/smlsd/smlald/smlsld (and
 * smuad/smusd), the most-significant-word smmla/smmls/smmul, sdiv/udiv and
 * usad8/usada8.  ARM ARM A8.8.
 *
 * Q is sticky: an overflowing accumulation ORs 1 into qf.  muls/mlas set N
 * and Z only (C and V are unchanged from ARMv6 on).  Division by zero gives
 * 0 (no trap: SCTLR.DZ is 0 on Linux), INT_MIN / -1 gives INT_MIN, as the
 * IR's DIVS/DIVU do.
 */
#include "translate.h"

static IRRef R(ArmCtx *s, int r) { return arm_reg(s, (unsigned)r); }
static IRRef ext64(ArmCtx *s, IRRef v, bool sign)
{
    return ir_unop(s->b, sign ? IR_EXTS : IR_EXTU, IR_I64, v);
}
static IRRef lo32(ArmCtx *s, IRRef v) { return ir_unop(s->b, IR_TRUNC, IR_I32, v); }
static IRRef hi32(ArmCtx *s, IRRef v)
{
    return lo32(s, arm_bin64(s, IR_SHR, v, ir_const64(s->b, 32)));
}

/* Half of v (top = 1: bits 31..16), sign extended. */
static IRRef half(ArmCtx *s, IRRef v, int top)
{
    return top ? arm_bin(s, IR_SAR, v, arm_k32(s, 16)) : arm_un(s, IR_SEXT16, v);
}

static void set_q_if(ArmCtx *s, IRRef cond)
{
    IRRef q = ir_get(s->b, IR_I32, ARM_OFF(qf));
    arm_put(s, IR_I32, ARM_OFF(qf), arm_bin(s, IR_OR, q, cond));
}

/* 64-bit value v overflows i32? */
static IRRef ovf32(ArmCtx *s, IRRef v)
{
    return ir_setcc(s->b, IR_CC_NE, v, ext64(s, lo32(s, v), true));
}

static bool bad(int r) { return r == 15; }

static bool gen_mul(ArmCtx *s, const ArmArgs *a, int acc)   /* acc: 0 mul, 1 mla, -1 mls */
{
    if (bad(a->rd) || bad(a->rn) || bad(a->rm) || (acc && bad(a->ra)))
        return false;
    IRRef p = arm_bin(s, IR_MUL, R(s, a->rn), R(s, a->rm));
    if (acc)
        p = arm_bin(s, acc > 0 ? IR_ADD : IR_SUB, R(s, a->ra), p);
    if (a->s)
        arm_set_nz(s, p);
    arm_set_reg(s, (unsigned)a->rd, p);
    return true;
}

bool arm_trans_MUL(ArmCtx *s, const ArmArgs *a) { return gen_mul(s, a, 0); }
bool arm_trans_MLA(ArmCtx *s, const ArmArgs *a)
{
    if (s->thumb && a->ra == 15)
        return gen_mul(s, a, 0);
    return gen_mul(s, a, 1);
}
bool arm_trans_MLS(ArmCtx *s, const ArmArgs *a) { return gen_mul(s, a, -1); }

/* rd = RdHi, ra = RdLo */
static void put64(ArmCtx *s, const ArmArgs *a, IRRef v, bool setflags)
{
    IRRef lo = lo32(s, v), hi = hi32(s, v);
    if (setflags) {
        arm_put(s, IR_I32, ARM_OFF(nf), hi);
        arm_put(s, IR_I32, ARM_OFF(zf), arm_bin(s, IR_OR, lo, hi));
        s->fl_kind = FL_NONE;
    }
    arm_set_reg(s, (unsigned)a->ra, lo);
    arm_set_reg(s, (unsigned)a->rd, hi);
}

static IRRef get64(ArmCtx *s, const ArmArgs *a)
{
    IRRef lo = ext64(s, R(s, a->ra), false), hi = ext64(s, R(s, a->rd), false);
    return arm_bin64(s, IR_OR, lo, arm_bin64(s, IR_SHL, hi, ir_const64(s->b, 32)));
}

static bool gen_mull(ArmCtx *s, const ArmArgs *a, bool sign, bool acc)
{
    if (bad(a->rd) || bad(a->ra) || bad(a->rn) || bad(a->rm) || a->rd == a->ra)
        return false;
    IRRef p = arm_bin64(s, IR_MUL, ext64(s, R(s, a->rn), sign), ext64(s, R(s, a->rm), sign));
    if (acc)
        p = arm_bin64(s, IR_ADD, p, get64(s, a));
    put64(s, a, p, a->s);
    return true;
}

bool arm_trans_UMULL(ArmCtx *s, const ArmArgs *a) { return gen_mull(s, a, false, false); }
bool arm_trans_SMULL(ArmCtx *s, const ArmArgs *a) { return gen_mull(s, a, true, false); }
bool arm_trans_UMLAL(ArmCtx *s, const ArmArgs *a) { return gen_mull(s, a, false, true); }
bool arm_trans_SMLAL(ArmCtx *s, const ArmArgs *a) { return gen_mull(s, a, true, true); }

bool arm_trans_UMAAL(ArmCtx *s, const ArmArgs *a)
{
    if (bad(a->rd) || bad(a->ra) || bad(a->rn) || bad(a->rm) || a->rd == a->ra)
        return false;
    IRRef p = arm_bin64(s, IR_MUL, ext64(s, R(s, a->rn), false), ext64(s, R(s, a->rm), false));
    p = arm_bin64(s, IR_ADD, p, ext64(s, R(s, a->ra), false));
    p = arm_bin64(s, IR_ADD, p, ext64(s, R(s, a->rd), false));
    put64(s, a, p, false);
    return true;
}

/* ---- halfword multiplies ------------------------------------------------------- */

bool arm_trans_SMULXY(ArmCtx *s, const ArmArgs *a)
{
    IRRef p = arm_bin(s, IR_MUL, half(s, R(s, a->rn), a->x), half(s, R(s, a->rm), a->y));
    arm_set_reg(s, (unsigned)a->rd, p);
    return true;
}

bool arm_trans_SMLAXY(ArmCtx *s, const ArmArgs *a)
{
    if (s->thumb && a->ra == 15)
        return arm_trans_SMULXY(s, a);
    IRRef p = arm_bin(s, IR_MUL, half(s, R(s, a->rn), a->x), half(s, R(s, a->rm), a->y));
    IRRef sum = arm_bin64(s, IR_ADD, ext64(s, p, true), ext64(s, R(s, a->ra), true));
    set_q_if(s, ovf32(s, sum));
    arm_set_reg(s, (unsigned)a->rd, lo32(s, sum));
    return true;
}

static IRRef smulw(ArmCtx *s, const ArmArgs *a)
{
    IRRef p = arm_bin64(s, IR_MUL, ext64(s, R(s, a->rn), true),
                        ext64(s, half(s, R(s, a->rm), a->y), true));
    return arm_bin64(s, IR_SAR, p, ir_const64(s->b, 16));
}

bool arm_trans_SMULWY(ArmCtx *s, const ArmArgs *a)
{
    arm_set_reg(s, (unsigned)a->rd, lo32(s, smulw(s, a)));
    return true;
}

bool arm_trans_SMLAWY(ArmCtx *s, const ArmArgs *a)
{
    if (s->thumb && a->ra == 15)
        return arm_trans_SMULWY(s, a);
    IRRef sum = arm_bin64(s, IR_ADD, smulw(s, a), ext64(s, R(s, a->ra), true));
    set_q_if(s, ovf32(s, sum));
    arm_set_reg(s, (unsigned)a->rd, lo32(s, sum));
    return true;
}

bool arm_trans_SMLALXY(ArmCtx *s, const ArmArgs *a)
{
    if (a->rd == a->ra)
        return false;
    IRRef p = arm_bin(s, IR_MUL, half(s, R(s, a->rn), a->x), half(s, R(s, a->rm), a->y));
    put64(s, a, arm_bin64(s, IR_ADD, ext64(s, p, true), get64(s, a)), false);
    return true;
}

/* ---- dual multiplies ------------------------------------------------------------ */

/* lo(rn)*lo(rm') +/- hi(rn)*hi(rm') as i64; rm' = rm with halves swapped if x. */
static IRRef dual(ArmCtx *s, const ArmArgs *a, bool sub)
{
    IRRef n = R(s, a->rn), m = R(s, a->rm);
    if (a->x)
        m = arm_bin(s, IR_ROTR, m, arm_k32(s, 16));
    IRRef p1 = arm_bin(s, IR_MUL, half(s, n, 0), half(s, m, 0));
    IRRef p2 = arm_bin(s, IR_MUL, half(s, n, 1), half(s, m, 1));
    return arm_bin64(s, sub ? IR_SUB : IR_ADD, ext64(s, p1, true), ext64(s, p2, true));
}

static bool gen_smlad(ArmCtx *s, const ArmArgs *a, bool sub)
{
    IRRef v = dual(s, a, sub);
    if (a->ra != 15)
        v = arm_bin64(s, IR_ADD, v, ext64(s, R(s, a->ra), true));
    set_q_if(s, ovf32(s, v));
    arm_set_reg(s, (unsigned)a->rd, lo32(s, v));
    return true;
}

bool arm_trans_SMLAD(ArmCtx *s, const ArmArgs *a) { return gen_smlad(s, a, false); }
bool arm_trans_SMLSD(ArmCtx *s, const ArmArgs *a) { return gen_smlad(s, a, true); }

static bool gen_smlald(ArmCtx *s, const ArmArgs *a, bool sub)
{
    if (a->rd == a->ra)
        return false;
    put64(s, a, arm_bin64(s, IR_ADD, dual(s, a, sub), get64(s, a)), false);
    return true;
}

bool arm_trans_SMLALD(ArmCtx *s, const ArmArgs *a) { return gen_smlald(s, a, false); }
bool arm_trans_SMLSLD(ArmCtx *s, const ArmArgs *a) { return gen_smlald(s, a, true); }

/* smmla/smmls/smmul{r}: x is the round bit */
static bool gen_smmla(ArmCtx *s, const ArmArgs *a, bool sub)
{
    IRBlock *b = s->b;
    IRRef p = arm_bin64(s, IR_MUL, ext64(s, R(s, a->rn), true), ext64(s, R(s, a->rm), true));
    IRRef v = p;
    if (a->ra != 15 || sub) {
        IRRef acc = arm_bin64(s, IR_SHL, ext64(s, R(s, a->ra), false), ir_const64(b, 32));
        v = arm_bin64(s, sub ? IR_SUB : IR_ADD, acc, p);
    }
    if (a->x)
        v = arm_bin64(s, IR_ADD, v, ir_const64(b, 0x80000000u));
    arm_set_reg(s, (unsigned)a->rd, hi32(s, v));
    return true;
}

bool arm_trans_SMMLA(ArmCtx *s, const ArmArgs *a) { return gen_smmla(s, a, false); }
bool arm_trans_SMMLS(ArmCtx *s, const ArmArgs *a) { return a->ra != 15 && gen_smmla(s, a, true); }

/* ---- divide, sum of absolute differences ------------------------------------------ */

bool arm_trans_SDIV(ArmCtx *s, const ArmArgs *a)
{
    arm_set_reg(s, (unsigned)a->rd, arm_bin(s, IR_DIVS, R(s, a->rn), R(s, a->rm)));
    return true;
}

bool arm_trans_UDIV(ArmCtx *s, const ArmArgs *a)
{
    arm_set_reg(s, (unsigned)a->rd, arm_bin(s, IR_DIVU, R(s, a->rn), R(s, a->rm)));
    return true;
}

bool arm_trans_USADA8(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    IRRef n = R(s, a->rn), m = R(s, a->rm);
    IRRef sum = a->ra == 15 ? arm_k32(s, 0) : R(s, a->ra);
    for (unsigned i = 0; i < 4; i++) {
        IRRef x = arm_un(s, IR_ZEXT8, arm_bin(s, IR_SHR, n, arm_k32(s, 8 * i)));
        IRRef y = arm_un(s, IR_ZEXT8, arm_bin(s, IR_SHR, m, arm_k32(s, 8 * i)));
        IRRef d = ir_select(b, IR_I32, ir_setcc(b, IR_CC_GEU, x, y), arm_bin(s, IR_SUB, x, y),
                            arm_bin(s, IR_SUB, y, x));
        sum = arm_bin(s, IR_ADD, sum, d);
    }
    arm_set_reg(s, (unsigned)a->rd, sum);
    return true;
}
