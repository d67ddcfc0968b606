/*
 * fpu.c - the PowerPC classic FPU: arithmetic, fused multiply-add,
 * conversions, compares, moves, fsel, the FPSCR instructions, and the
 * single<->double conversions of lfs/stfs.  FPSCR storage and the helpers
 * are in fpscr.c.
 *
 * Registers are doubles.  Single-precision instructions (opcode 59, frsp)
 * give a double that is exactly a single: add, subtract, multiply, divide
 * and square root are done in double and rounded to single (double
 * rounding is harmless for these with 53 >= 2*24 + 2 bits), while the
 * fused multiply-adds are done in single (an fma rounded to double and
 * then to single could round twice the wrong way).  NYI: operands that are
 * not single-representable are rounded to single first for fmadds & co.,
 * which hardware does not do.
 *
 * NaNs (Book I 4.3.2, 4.4): a NaN operand propagates quieted, FRA before
 * FRB before FRC; an invalid operation without NaN operands gives the
 * default NaN 0x7ff8000000000000.  The host (x86 SSE) also returns its
 * first NaN operand quieted, which matches for the two-operand ops as long
 * as the IR keeps operand order (it does), but its own default NaN is
 * negative: results pass through DEFNAN unless an operand was a NaN.  For
 * the fused forms the host's operand order is unknown (FMA3 form, libm
 * fallback), so the priority is spelled out with selects; x * 1.0 quiets a
 * signalling NaN without raising anything new.  fnmadd/fnmsub negate
 * before the NaN selection: NaNs keep their sign, the default NaN is
 * positive, as the manual says.
 *
 * lfs/stfs (Book I 4.6.2, 4.6.3) convert without rounding or exceptions:
 * a signalling NaN stays signalling.  lfs widens numbers with the host
 * conversion (FCVT, exact and silent) and moves NaN bits by hand; stfs
 * moves bits except for single denormals, which FCVT narrows exactly.
 * This matters beyond NaNs: fpscr.c relies on host flags being raised
 * only by instructions that record themselves, and neither lfs nor stfs
 * does.
 *
 * fctiw/fctiwz saturate (IR_FTOI_SAT) and give 0x80000000 for a NaN; the
 * high word of FRT is undefined in the manual and is the sign extension of
 * the result here, as QEMU does.  fsel raises no exception, so its test is
 * done on the bits.  fres/frsqrte return the correctly rounded reciprocal
 * (square root) rather than an estimate, as QEMU does; the manual allows
 * any result within the estimate's precision.
 *
 * Every FPSCR-setting instruction records itself for the lazy FPRF/FR/FI
 * and VX detail bits (see fpscr.c).  Record forms (Rc = 1) copy FX FEX VX OX
 * into CR1 through a helper.  Once a guest thread has turned FP exceptions
 * on (prctl PR_SET_FPEXC, ppc_fpexc_translate), recording instructions and
 * the Move To FPSCR ones are translated with a check that raises SIGFPE
 * at the instruction (fpscr.c, "enabled exceptions"); before that they
 * carry no check at all.
 */
#include "translate.h"
#include "fpu_internal.h"

#include <signal.h>
#include <string.h>

#define PPC_DEFNAN64 0x7ff8000000000000ull
#define PPC_DEFNAN32 0x7fc00000u

/* ---- IR shorthands ---------------------------------------------------------- */

static IRRef fget(PpcCtx *s, int n) { return ir_get(s->b, IR_F64, PPC_OFF_FPR(n)); }
static void fput(PpcCtx *s, int n, IRRef v) { ir_put(s->b, IR_F64, PPC_OFF_FPR(n), v); }

static IRRef kf64bits(PpcCtx *s, uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof d);
    return ir_constf64(s->b, d);
}

static IRRef kf32bits(PpcCtx *s, uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    return ir_constf32(s->b, f);
}

static IRRef defnan(PpcCtx *s, IRType t, IRRef r)
{
    IRRef k = t == IR_F64 ? kf64bits(s, PPC_DEFNAN64) : kf32bits(s, PPC_DEFNAN32);
    return ir_emit(s->b, IR_DEFNAN, t, 0, r, k, 0);
}

/* 1 when x or y (y may be IR_NONE) is a NaN */
static IRRef is_uno(PpcCtx *s, IRRef x, IRRef y)
{
    return ir_emit(s->b, IR_FCMP, IR_I32, IR_FC_UN, x, y == IR_NONE ? x : y, 0);
}

/* r unless it is a NaN made from non-NaN operands: then the default NaN */
static IRRef nanfix(PpcCtx *s, IRType t, IRRef r, IRRef x, IRRef y)
{
    return ir_select(s->b, t, is_uno(s, x, y), r, defnan(s, t, r));
}

static IRRef round_single(PpcCtx *s, IRRef v)
{
    IRBlock *b = s->b;
    return ir_unop(b, IR_FCVT, IR_F64, ir_unop(b, IR_FCVT, IR_F32, v));
}

/* Records an FPSCR-setting instruction and its FRA, FRB, FRC operands. */
static void record(PpcCtx *s, IRRef fra, IRRef frb, IRRef frc)
{
    IRRef ops[3] = { fra, frb, frc };
    ir_put(s->b, IR_I32, PPC_OFF(fp_last_insn), ppc_k32(s, s->insn));
    for (int i = 0; i < 3; i++)
        if (ops[i] != IR_NONE)
            ir_put(s->b, IR_F64, PPC_OFF(fp_last_op) + 8 * i, ops[i]);
}

/* CR1 = FX FEX VX OX */
void ppc_fp_set_cr1(PpcCtx *s)
{
    IRRef v = ir_call(s->b, &ppc_h_fpcr1, IR_NONE, IR_NONE, IR_NONE);
    for (unsigned k = 0; k < 4; k++) {
        IRRef bit = k == 3 ? v : ppc_bin(s, IR_SHR, v, ppc_k32(s, 3 - k));
        ppc_set_crbit(s, 4 + k, k ? ppc_bin(s, IR_AND, bit, ppc_k32(s, 1)) : bit);
    }
}

static bool finish(PpcCtx *s, const PpcArgs *a, IRRef v)
{
    fput(s, a->frt, v);
    if (a->rc)
        ppc_fp_set_cr1(s);
    return true;
}

/* ---- enabled exceptions (fpscr.c) ------------------------------------------------ */

static const int fpexc_si_code[] = {
    [PPC_FPEXC_INV] = FPE_FLTINV, [PPC_FPEXC_OVF] = FPE_FLTOVF, [PPC_FPEXC_UND] = FPE_FLTUND,
    [PPC_FPEXC_DIV] = FPE_FLTDIV, [PPC_FPEXC_RES] = FPE_FLTRES,
};

static void fpexc_trap(PpcCtx *s, IRRef code, unsigned k)
{
    ir_trap_if(s->b, ir_setcc(s->b, IR_CC_EQ, code, ppc_k32(s, k)), IR_EXIT_SIGNAL, s->pc,
               ppc_sig(SIGFPE, fpexc_si_code[k]));
}

/* After a recording instruction computed its result and before it writes
 * it: the check, and the traps that suppress the result (invalid, zero
 * divide).  IR_NONE when no thread enabled FP exceptions yet. */
static IRRef fpexc_check(PpcCtx *s)
{
    if (!ppc_fpexc_translate)
        return IR_NONE;
    IRRef code = ir_call(s->b, &ppc_h_fpexc, IR_NONE, IR_NONE, IR_NONE);
    fpexc_trap(s, code, PPC_FPEXC_INV);
    fpexc_trap(s, code, PPC_FPEXC_DIV);
    return code;
}

/* After the result is written: overflow, underflow, inexact. */
static void fpexc_late(PpcCtx *s, IRRef code)
{
    if (code == IR_NONE)
        return;
    fpexc_trap(s, code, PPC_FPEXC_OVF);
    fpexc_trap(s, code, PPC_FPEXC_UND);
    fpexc_trap(s, code, PPC_FPEXC_RES);
}

/* finish() for the instructions that record themselves */
static bool finish_rec(PpcCtx *s, const PpcArgs *a, IRRef v)
{
    IRRef code = fpexc_check(s);
    finish(s, a, v);
    fpexc_late(s, code);
    return true;
}

/* ---- arithmetic ----------------------------------------------------------------- */

/* frt = fra op frb (or fra op frc for the multiplies) */
static bool gen_arith(PpcCtx *s, const PpcArgs *a, IROp op, bool single)
{
    bool mul = op == IR_FMUL;
    IRRef x = fget(s, a->fra), y = fget(s, mul ? a->frc : a->frb);
    record(s, x, mul ? IR_NONE : y, mul ? y : IR_NONE);
    IRRef r = nanfix(s, IR_F64, ir_binop(s->b, op, IR_F64, x, y), x, y);
    return finish_rec(s, a, single ? round_single(s, r) : r);
}

bool ppc_trans_FADD(PpcCtx *s, const PpcArgs *a)  { return gen_arith(s, a, IR_FADD, false); }
bool ppc_trans_FSUB(PpcCtx *s, const PpcArgs *a)  { return gen_arith(s, a, IR_FSUB, false); }
bool ppc_trans_FMUL(PpcCtx *s, const PpcArgs *a)  { return gen_arith(s, a, IR_FMUL, false); }
bool ppc_trans_FDIV(PpcCtx *s, const PpcArgs *a)  { return gen_arith(s, a, IR_FDIV, false); }
bool ppc_trans_FADDS(PpcCtx *s, const PpcArgs *a) { return gen_arith(s, a, IR_FADD, true); }
bool ppc_trans_FSUBS(PpcCtx *s, const PpcArgs *a) { return gen_arith(s, a, IR_FSUB, true); }
bool ppc_trans_FMULS(PpcCtx *s, const PpcArgs *a) { return gen_arith(s, a, IR_FMUL, true); }
bool ppc_trans_FDIVS(PpcCtx *s, const PpcArgs *a) { return gen_arith(s, a, IR_FDIV, true); }

enum { U_SQRT, U_RE, U_RSQRTE };

static bool gen_unary(PpcCtx *s, const PpcArgs *a, int kind, bool single)
{
    IRBlock *b = s->b;
    IRRef y = fget(s, a->frb), r;
    record(s, IR_NONE, y, IR_NONE);
    switch (kind) {
    case U_SQRT: r = ir_unop(b, IR_FSQRT, IR_F64, y); break;
    case U_RE:   r = ir_binop(b, IR_FDIV, IR_F64, ir_constf64(b, 1.0), y); break;
    default:     r = ir_binop(b, IR_FDIV, IR_F64, ir_constf64(b, 1.0), ir_unop(b, IR_FSQRT, IR_F64, y)); break;
    }
    r = nanfix(s, IR_F64, r, y, IR_NONE);
    return finish_rec(s, a, single ? round_single(s, r) : r);
}

bool ppc_trans_FSQRT(PpcCtx *s, const PpcArgs *a)    { return gen_unary(s, a, U_SQRT, false); }
bool ppc_trans_FSQRTS(PpcCtx *s, const PpcArgs *a)   { return gen_unary(s, a, U_SQRT, true); }
bool ppc_trans_FRE(PpcCtx *s, const PpcArgs *a)      { return gen_unary(s, a, U_RE, false); }
bool ppc_trans_FRES(PpcCtx *s, const PpcArgs *a)     { return gen_unary(s, a, U_RE, true); }
bool ppc_trans_FRSQRTE(PpcCtx *s, const PpcArgs *a)  { return gen_unary(s, a, U_RSQRTE, false); }
bool ppc_trans_FRSQRTES(PpcCtx *s, const PpcArgs *a) { return gen_unary(s, a, U_RSQRTE, true); }

/* frt = ±(fra * frc ± frb) with one rounding */
static bool gen_fma(PpcCtx *s, const PpcArgs *a, bool single, bool sub, bool neg)
{
    IRBlock *b = s->b;
    IRType t = single ? IR_F32 : IR_F64;
    IRRef A = fget(s, a->fra), B = fget(s, a->frb), C = fget(s, a->frc);
    record(s, A, B, C);
    if (single) {              /* exact for single operands; also quiets NaNs */
        A = ir_unop(b, IR_FCVT, IR_F32, A);
        B = ir_unop(b, IR_FCVT, IR_F32, B);
        C = ir_unop(b, IR_FCVT, IR_F32, C);
    }
    IRRef addend = sub ? ir_unop(b, IR_FNEG, t, B) : B;
    IRRef r = ir_emit(b, IR_FMA, t, 0, A, C, addend);
    if (neg)
        r = ir_unop(b, IR_FNEG, t, r);
    r = defnan(s, t, r);
    IRRef prio[3] = { C, B, A };          /* lowest priority first */
    IRRef one = single ? IR_NONE : ir_constf64(b, 1.0);
    for (int i = 0; i < 3; i++) {
        IRRef q = single ? prio[i] : ir_binop(b, IR_FMUL, IR_F64, prio[i], one);
        r = ir_select(b, t, is_uno(s, prio[i], IR_NONE), q, r);
    }
    if (single)
        r = ir_unop(b, IR_FCVT, IR_F64, r);
    return finish_rec(s, a, r);
}

bool ppc_trans_FMADD(PpcCtx *s, const PpcArgs *a)   { return gen_fma(s, a, false, false, false); }
bool ppc_trans_FMSUB(PpcCtx *s, const PpcArgs *a)   { return gen_fma(s, a, false, true, false); }
bool ppc_trans_FNMADD(PpcCtx *s, const PpcArgs *a)  { return gen_fma(s, a, false, false, true); }
bool ppc_trans_FNMSUB(PpcCtx *s, const PpcArgs *a)  { return gen_fma(s, a, false, true, true); }
bool ppc_trans_FMADDS(PpcCtx *s, const PpcArgs *a)  { return gen_fma(s, a, true, false, false); }
bool ppc_trans_FMSUBS(PpcCtx *s, const PpcArgs *a)  { return gen_fma(s, a, true, true, false); }
bool ppc_trans_FNMADDS(PpcCtx *s, const PpcArgs *a) { return gen_fma(s, a, true, false, true); }
bool ppc_trans_FNMSUBS(PpcCtx *s, const PpcArgs *a) { return gen_fma(s, a, true, true, true); }

/* ---- moves, sign operations, fsel ------------------------------------------------- */

bool ppc_trans_FMR(PpcCtx *s, const PpcArgs *a)
{
    ir_put(s->b, IR_I64, PPC_OFF_FPR(a->frt), ir_get(s->b, IR_I64, PPC_OFF_FPR(a->frb)));
    if (a->rc)
        ppc_fp_set_cr1(s);
    return true;
}

bool ppc_trans_FNEG(PpcCtx *s, const PpcArgs *a)
{
    return finish(s, a, ir_unop(s->b, IR_FNEG, IR_F64, fget(s, a->frb)));
}

bool ppc_trans_FABS(PpcCtx *s, const PpcArgs *a)
{
    return finish(s, a, ir_unop(s->b, IR_FABS, IR_F64, fget(s, a->frb)));
}

bool ppc_trans_FNABS(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    return finish(s, a, ir_unop(b, IR_FNEG, IR_F64, ir_unop(b, IR_FABS, IR_F64, fget(s, a->frb))));
}

/* frt = fra >= 0 ? frc : frb; a NaN fra selects frb; -0 counts as >= 0. */
bool ppc_trans_FSEL(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef bits = ir_get(b, IR_I64, PPC_OFF_FPR(a->fra));
    IRRef pos = ir_setcc(b, IR_CC_LEU, bits, ir_const64(b, 0x7ff0000000000000ull));
    IRRef mzero = ir_setcc(b, IR_CC_EQ, bits, ir_const64(b, 0x8000000000000000ull));
    IRRef ge = ppc_bin(s, IR_OR, pos, mzero);
    return finish(s, a, ir_select(b, IR_F64, ge, fget(s, a->frc), fget(s, a->frb)));
}

/* ---- conversions ------------------------------------------------------------------ */

bool ppc_trans_FRSP(PpcCtx *s, const PpcArgs *a)
{
    IRRef y = fget(s, a->frb);
    record(s, IR_NONE, y, IR_NONE);
    return finish_rec(s, a, round_single(s, y));
}

static bool gen_fctiw(PpcCtx *s, const PpcArgs *a, unsigned rm)
{
    IRBlock *b = s->b;
    IRRef y = fget(s, a->frb);
    record(s, IR_NONE, y, IR_NONE);
    IRRef i = ir_emit(b, IR_FTOI, IR_I32, (uint16_t)(rm | IR_FTOI_SAT), y, 0, 0);
    i = ir_select(b, IR_I32, is_uno(s, y, IR_NONE), ppc_k32(s, 0x80000000u), i);
    IRRef code = fpexc_check(s);
    ir_put(b, IR_I64, PPC_OFF_FPR(a->frt), ir_unop(b, IR_EXTS, IR_I64, i));
    if (a->rc)
        ppc_fp_set_cr1(s);
    fpexc_late(s, code);
    return true;
}

bool ppc_trans_FCTIW(PpcCtx *s, const PpcArgs *a)  { return gen_fctiw(s, a, IR_RM_DYNAMIC); }
bool ppc_trans_FCTIWZ(PpcCtx *s, const PpcArgs *a) { return gen_fctiw(s, a, IR_RM_ZERO); }

/* lfs: single bits -> double, signalling NaNs kept (no FCVT on a NaN). */
IRRef ppc_fp_single_to_double(PpcCtx *s, IRRef w)
{
    IRBlock *b = s->b;
    IRRef isn = ir_setcc(b, IR_CC_GTU, ppc_bin(s, IR_AND, w, ppc_k32(s, 0x7fffffffu)),
                         ppc_k32(s, 0x7f800000u));
    IRRef safe = ir_select(b, IR_I32, isn, ppc_k32(s, 0), w);
    IRRef d = ir_unop(b, IR_FCVT, IR_F64, ir_unop(b, IR_BITCAST, IR_F32, safe));
    /* sign-extended word << 29 puts the sign at 63..60, the exponent ones
     * at 59..52 and the fraction at 51..29; or-ing the double exponent
     * fixes 62..60. */
    IRRef nan = ir_binop(b, IR_SHL, IR_I64, ir_unop(b, IR_EXTS, IR_I64, w), ir_const64(b, 29));
    nan = ir_binop(b, IR_OR, IR_I64, nan, ir_const64(b, 0x7ff0000000000000ull));
    return ir_select(b, IR_F64, isn, ir_unop(b, IR_BITCAST, IR_F64, nan), d);
}

/* stfs: double -> single bits without rounding or exceptions (Book I
 * 4.6.3): from the single-normal exponent range up (NaNs and infinities
 * included) and for zeros the word is FRS[0:1] || FRS[5:34]; smaller
 * values are single denormals, which FCVT gives exactly when the register
 * holds one.  NYI: a double that is no single denormal is rounded there
 * (hardware truncates). */
IRRef ppc_fp_double_to_single(PpcCtx *s, IRRef v)
{
    IRBlock *b = s->b;
    IRRef bits = ir_unop(b, IR_BITCAST, IR_I64, v);
    IRRef mag = ir_binop(b, IR_AND, IR_I64, bits, ir_const64(b, 0x7fffffffffffffffull));
    IRRef big = ir_setcc(b, IR_CC_GEU, mag, ir_const64(b, 0x3810000000000000ull));  /* exp >= 897 */
    IRRef zero = ir_setcc(b, IR_CC_EQ, mag, ir_const64(b, 0));
    IRRef direct = ppc_bin(s, IR_OR, big, zero);
    IRRef safe = ir_select(b, IR_F64, direct, ir_constf64(b, 0.0), v);
    IRRef c = ir_unop(b, IR_BITCAST, IR_I32, ir_unop(b, IR_FCVT, IR_F32, safe));
    IRRef hi = ir_unop(b, IR_TRUNC, IR_I32, ir_binop(b, IR_SHR, IR_I64, bits, ir_const64(b, 32)));
    IRRef lo = ir_unop(b, IR_TRUNC, IR_I32, ir_binop(b, IR_SHR, IR_I64, bits, ir_const64(b, 29)));
    IRRef w = ppc_bin(s, IR_OR, ppc_bin(s, IR_AND, hi, ppc_k32(s, 0xc0000000u)),
                      ppc_bin(s, IR_AND, lo, ppc_k32(s, 0x3fffffffu)));
    return ir_select(b, IR_I32, direct, w, c);
}

/* ---- compares ---------------------------------------------------------------------- */

static bool gen_fcmp(PpcCtx *s, const PpcArgs *a, unsigned sig)
{
    IRBlock *b = s->b;
    IRRef x = fget(s, a->fra), y = fget(s, a->frb);
    record(s, x, y, IR_NONE);
    IRRef lt = ir_emit(b, IR_FCMP, IR_I32, (uint16_t)(IR_FC_LT | sig), x, y, 0);
    IRRef gt = ir_emit(b, IR_FCMP, IR_I32, (uint16_t)(IR_FC_GT | sig), x, y, 0);
    IRRef eq = ir_emit(b, IR_FCMP, IR_I32, (uint16_t)(IR_FC_EQ | sig), x, y, 0);
    IRRef un = ppc_bin(s, IR_XOR, ppc_bin(s, IR_OR, ppc_bin(s, IR_OR, lt, gt), eq), ppc_k32(s, 1));
    ppc_set_crf(s, (unsigned)a->bf, lt, gt, eq, un);
    fpexc_late(s, fpexc_check(s));       /* the CR field is set either way */
    return true;
}

bool ppc_trans_FCMPU(PpcCtx *s, const PpcArgs *a) { return gen_fcmp(s, a, 0); }
bool ppc_trans_FCMPO(PpcCtx *s, const PpcArgs *a) { return gen_fcmp(s, a, IR_FC_SIGNAL); }

/* ---- FPSCR instructions -------------------------------------------------------------- */

bool ppc_trans_MFFS(PpcCtx *s, const PpcArgs *a)
{
    return finish(s, a, ir_call(s->b, &ppc_h_mffs, IR_NONE, IR_NONE, IR_NONE));
}

static bool fpscr_done(PpcCtx *s, const PpcArgs *a)
{
    if (a->rc)
        ppc_fp_set_cr1(s);
    return true;
}

/* After a Move To FPSCR (which returns its trap code): CR1, then the
 * trap when it made an enabled exception active. */
static bool mtfs_done(PpcCtx *s, const PpcArgs *a, IRRef code)
{
    fpscr_done(s, a);
    if (ppc_fpexc_translate)
        for (unsigned k = PPC_FPEXC_INV; k <= PPC_FPEXC_RES; k++)
            fpexc_trap(s, code, k);
    return true;
}

bool ppc_trans_MTFSF(PpcCtx *s, const PpcArgs *a)
{
    IRRef flm = ppc_k32(s, (uint32_t)a->flm);
    return mtfs_done(s, a, ir_call(s->b, &ppc_h_mtfsf, flm, fget(s, a->frb), IR_NONE));
}

bool ppc_trans_MTFSFI(PpcCtx *s, const PpcArgs *a)
{
    return mtfs_done(s, a, ir_call(s->b, &ppc_h_mtfsfi, ppc_k32(s, (uint32_t)a->bf), ppc_k32(s, (uint32_t)a->u),
                                   IR_NONE));
}

bool ppc_trans_MTFSB0(PpcCtx *s, const PpcArgs *a)
{
    ir_call(s->b, &ppc_h_mtfsb, ppc_k32(s, (uint32_t)a->bt), ppc_k32(s, 0), IR_NONE);
    return fpscr_done(s, a);             /* clearing a bit cannot trap */
}

bool ppc_trans_MTFSB1(PpcCtx *s, const PpcArgs *a)
{
    IRRef bt = ppc_k32(s, (uint32_t)a->bt);
    return mtfs_done(s, a, ir_call(s->b, &ppc_h_mtfsb, bt, ppc_k32(s, 1), IR_NONE));
}

bool ppc_trans_MCRFS(PpcCtx *s, const PpcArgs *a)
{
    IRRef v = ir_call(s->b, &ppc_h_mcrfs, ppc_k32(s, (uint32_t)a->bfa), IR_NONE, IR_NONE);
    for (unsigned k = 0; k < 4; k++) {
        IRRef bit = k == 3 ? v : ppc_bin(s, IR_SHR, v, ppc_k32(s, 3 - k));
        ppc_set_crbit(s, 4 * (unsigned)a->bf + k, k ? ppc_bin(s, IR_AND, bit, ppc_k32(s, 1)) : bit);
    }
    return true;
}
