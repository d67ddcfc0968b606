/*
 * x64_fp.c - IR to x86-64: floating point (SSE2 scalar; AVX 3-operand
 * forms, SSE4.1 ROUNDSS/SD and FMA3 when the CPU has them).
 *
 * The guest FP environment is MXCSR (rounding mode, sticky flags), which the
 * frontends' FP-control helpers keep in step; code here raises exactly the
 * flags ir/interp.c raises for the same op (see FTOI and DEFNAN below).
 * Operand order of FADD..FDIV is kept (never commuted) so that a NaN result
 * carries the payload of the same operand as the host C code's.
 *
 * FCMP: (U)COMISS/SD set ZF, PF, CF (unordered: all three; a<b: CF; a==b:
 * ZF; a>b: none).  Every relation mask maps to one condition code, with the
 * operands swapped for LT-based masks, except EQ (ZF and not PF) and
 * LT|GT|UN (not ZF or PF), which need two SETcc; those are never fused
 * (NYI: fuse them as two jccs into EXIT_IF/TRAP_IF).
 * IR_FC_SIGNAL selects COMIS (invalid on quiet NaNs too).
 *
 * FTOI: CVTT*2SI (toward zero), CVT*2SI (MXCSR mode, IR_RM_DYNAMIC), or
 * ROUNDS* (precision suppressed) + CVTT for an explicit mode, then an inexact
 * check (R != x raises PE through MXCSR, as interp does).  Any invalid case
 * yields the "integer indefinite" MIN; a cold path then decides from the
 * source (NaN? sign? above the last float below MIN?) between MIN, MAX and 0
 * per policy.  Without SSE4.1, explicit modes (and DYNAMIC with MAXPOS)
 * call a C helper; without FMA3, FMA calls fma()/fmaf().
 *
 * Default NaN: the ARM and PowerPC frontends' "replace a made-up NaN by
 * the guest's default NaN" shapes are fused into one test of the result
 * with a cold path (see the section below).
 */
#include <fenv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "x64_internal.h"

#define GPRS X64_GPR_ALLOC
#define FPRS X64_FPR_ALLOC

static uint64_t bits_f32(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t bits_f64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

/* ---- helpers for hosts without SSE4.1 / FMA -------------------------------- */

static uint64_t ftoi_soft(double x, bool nan, uint32_t aux)
{
    bool to64 = aux & 0x100, maxpos = (aux & IR_FTOI_POLICY_MASK) == IR_FTOI_MAXPOS;
    uint64_t max = to64 ? 0x7fffffffffffffffull : 0x7fffffffu;
    uint64_t min = to64 ? 0x8000000000000000ull : 0x80000000u;
    static const int modes[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
    unsigned rm = aux & IR_RM_MASK;

    if (nan) {
        feraiseexcept(FE_INVALID);
        return maxpos ? max : 0;
    }
    double r;
    if (rm == IR_RM_DYNAMIC) {
        r = nearbyint(x);
    } else {
        int save = fegetround();
        fesetround(modes[rm]);
        r = nearbyint(x);
        fesetround(save);
    }
    bool in_range = to64 ? r >= -9223372036854775808.0 && r < 9223372036854775808.0
                         : r >= -2147483648.0 && r <= 2147483647.0;
    if (!in_range) {
        feraiseexcept(FE_INVALID);
        return maxpos || r > 0 ? max : min;
    }
    if (r != x)
        feraiseexcept(FE_INEXACT);
    return to64 ? (uint64_t)(int64_t)r : (uint32_t)(int32_t)r;
}

static uint64_t h_ftoi_f32(void *cpu, float x, uint32_t aux)
{
    (void)cpu;
    return ftoi_soft(x, isnan(x), aux);
}

static uint64_t h_ftoi_f64(void *cpu, double x, uint32_t aux)
{
    (void)cpu;
    return ftoi_soft(x, isnan(x), aux);
}

static float h_fma_f32(void *cpu, float a, float b, float c)
{
    (void)cpu;
    return fmaf(a, b, c);
}

static double h_fma_f64(void *cpu, double a, double b, double c)
{
    (void)cpu;
    return fma(a, b, c);
}

static bool ftoi_inline(unsigned feat, unsigned aux)
{
    unsigned rm = aux & IR_RM_MASK;
    if (feat & X64F_SSE41)
        return true;
    return rm == IR_RM_ZERO ||
           (rm == IR_RM_DYNAMIC && (aux & IR_FTOI_POLICY_MASK) == IR_FTOI_SAT);
}

bool x64_fp_needs_call(const X64Ctx *x, const IRInsn *in)
{
    if (in->op == IR_FMA)
        return !(x->feat & X64F_FMA);
    if (in->op == IR_FTOI)
        return !ftoi_inline(x->feat, in->aux);
    return false;
}

/* ---- compares ---------------------------------------------------------------- */

typedef struct FcmpRow {
    uint8_t swap, cc1, cc2, combine;    /* combine: 0 one cc, 1 and, 2 or */
} FcmpRow;

static const FcmpRow fcmp_rows[16] = {
    [IR_FC_LT]                        = { 1, X64_CC_A, 0, 0 },
    [IR_FC_EQ]                        = { 0, X64_CC_E, X64_CC_NP, 1 },
    [IR_FC_LT | IR_FC_EQ]             = { 1, X64_CC_AE, 0, 0 },
    [IR_FC_GT]                        = { 0, X64_CC_A, 0, 0 },
    [IR_FC_LT | IR_FC_GT]             = { 0, X64_CC_NE, 0, 0 },
    [IR_FC_EQ | IR_FC_GT]             = { 0, X64_CC_AE, 0, 0 },
    [IR_FC_LT | IR_FC_EQ | IR_FC_GT]  = { 0, X64_CC_NP, 0, 0 },
    [IR_FC_UN]                        = { 0, X64_CC_P, 0, 0 },
    [IR_FC_LT | IR_FC_UN]             = { 0, X64_CC_B, 0, 0 },
    [IR_FC_EQ | IR_FC_UN]             = { 0, X64_CC_E, 0, 0 },
    [IR_FC_LT | IR_FC_EQ | IR_FC_UN]  = { 0, X64_CC_BE, 0, 0 },
    [IR_FC_GT | IR_FC_UN]             = { 1, X64_CC_B, 0, 0 },
    [IR_FC_LT | IR_FC_GT | IR_FC_UN]  = { 0, X64_CC_NE, X64_CC_P, 2 },
    [IR_FC_EQ | IR_FC_GT | IR_FC_UN]  = { 1, X64_CC_BE, 0, 0 },
};

bool x64_fcmp_fusable(unsigned mask)
{
    unsigned m = mask & 15;
    return m != 0 && m != 15 && fcmp_rows[m].combine == 0;
}

void x64_fcmp_prepare(X64Ctx *x, IRRef cmp, X64Cmp *k)
{
    const IRInsn *in = &x->b->insn[cmp];
    k->cond = cmp;
    k->fp = true;
    k->use_imm = false;
    k->swap = fcmp_rows[in->aux & 15].swap;
    k->ra = (int)ra_use(&x->ra, in->a, FPRS);
    k->rb = (int)ra_use(&x->ra, in->b, FPRS);
}

static void fcmp_flags(X64Ctx *x, const X64Cmp *k)
{
    const IRInsn *in = &x->b->insn[k->cond];
    bool f64 = ir_type(x->b, in->a) == IR_F64, sig = in->aux & IR_FC_SIGNAL;
    uint32_t op = sig ? (f64 ? X64_COMISD : X64_COMISS) : (f64 ? X64_UCOMISD : X64_UCOMISS);
    unsigned a = HW((unsigned)k->ra), b = HW((unsigned)k->rb);
    if (k->swap)
        x64_rr(&x->c, op, b, a);
    else
        x64_rr(&x->c, op, a, b);
}

X64Cond x64_fcmp_emit(X64Ctx *x, const X64Cmp *k)
{
    fcmp_flags(x, k);
    return (X64Cond)fcmp_rows[x->b->insn[k->cond].aux & 15].cc1;
}

static void lower_fcmp(X64Ctx *x, IRRef i, const IRInsn *in)
{
    X64Cmp k;
    const FcmpRow *row = &fcmp_rows[in->aux & 15];
    unsigned m = in->aux & 15;
    X64Buf *c = &x->c;

    x64_fcmp_prepare(x, i, &k);
    unsigned d = ra_def(&x->ra, i, GPRS);
    fcmp_flags(x, &k);          /* also for masks 0 and 15: the flags it raises */
    if (m == 0 || m == 15) {
        x64_mov_ri(c, false, d, m == 15);
        return;
    }
    x64_setcc(c, (X64Cond)row->cc1, d);
    if (row->combine) {
        x64_setcc(c, (X64Cond)row->cc2, X64_TMP);
        x64_rr(c, row->combine == 1 ? X64_AND_RM8_R8 : X64_OR_RM8_R8, X64_TMP, d);
    }
    x64_rr(c, X64_MOVZX_R_RM8, d, d);
}

/* ---- default NaN -------------------------------------------------------------- */

/* Guests whose default NaN differs from x86's (ARM, PowerPC: positive
 * quiet NaN) replace a NaN that an op made up from non-NaN inputs.  Two
 * shapes of the same rule, s = (r is NaN and neither p nor q is) ? K : r:
 *
 *   A (ARM)  r = fop p, q ; u = fcmp.uno r, r ; v = fcmp.uno p, q
 *            n = xor v, 1 ; c = and u, n ; s = select c, K, r
 *   B (PPC)  r = fop p, q ; d = defnan r, K ; v = fcmp.uno p, q
 *            s = select v, r, d
 *
 * Evaluated as written that is five to nine host instructions per FP op.
 * Fused, the common path tests r alone (`ucomisd r, r; jp cold`); the
 * cold path tests p, q and loads K.  Skipping v when r is not NaN skips
 * no flag: r = fop(p, q) is NaN whenever p or q is, and v raises invalid
 * only for a signalling NaN, which fop has raised already (sticky); r
 * itself is never signalling, so testing it raises nothing (as DEFNAN). */
typedef struct NanFix {
    IRRef r, p, q;
    uint64_t k;           /* bits of the replacement NaN */
    IRRef part[4];        /* the instructions evaluated by the SELECT */
    unsigned nparts;
} NanFix;

/* Single-use parts not yet claimed by another fusion (or already marked
 * FUSED for this SELECT: x64_lower_nanfix matches again). */
static bool part_ok(const X64Ctx *x, IRRef r, IRRef s)
{
    return x->nuse[r] == 1 && (!x->mark[r] || (x->mark[r] == X64_M_FUSED && x->at[r] == s));
}

static bool is_uno(const X64Ctx *x, IRRef r, IRRef s)
{
    const IRInsn *in = &x->b->insn[r];
    return in->op == IR_FCMP && in->aux == IR_FC_UN && part_ok(x, r, s);
}

static bool operand_of(const IRInsn *f, IRRef v)
{
    switch (f->op) {
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV:
        return f->a == v || f->b == v;
    case IR_FSQRT: case IR_FCVT:
        return f->a == v;
    default:
        return false;
    }
}

/* v = fcmp.uno p, q with p and q operands of r's op. */
static bool inputs_test(const X64Ctx *x, IRRef v, IRRef r, IRRef s, NanFix *nf)
{
    if (!is_uno(x, v, s))
        return false;
    const IRInsn *vi = &x->b->insn[v], *fi = &x->b->insn[r];
    if (!operand_of(fi, vi->a) || !operand_of(fi, vi->b))
        return false;
    nf->r = r;
    nf->p = vi->a;
    nf->q = vi->b;
    return true;
}

static bool nanfix_match(const X64Ctx *x, IRRef s, NanFix *nf)
{
    const IRBlock *b = x->b;
    const IRInsn *si = &b->insn[s];
    if (si->op != IR_SELECT || (si->type != IR_F32 && si->type != IR_F64))
        return false;
    /* shape B: select v, r, (defnan r, K) */
    const IRInsn *di = &b->insn[si->c];
    if (di->op == IR_DEFNAN && di->a == si->b && part_ok(x, si->c, s) &&
        b->insn[si->b].type == si->type && inputs_test(x, si->a, si->b, s, nf)) {
        nf->k = x64_cval(x, di->b);
        nf->part[0] = si->a;
        nf->part[1] = si->c;
        nf->nparts = 2;
        return true;
    }
    /* shape A: select (and (uno r, r), (xor (uno p, q), 1)), K, r */
    if (!x64_is_const(x, si->b) || x64_is_const(x, si->c) || b->insn[si->c].type != si->type)
        return false;
    IRRef r = si->c, c = si->a;
    const IRInsn *ci = &b->insn[c];
    if (ci->op != IR_AND || ci->type != IR_I32 || !part_ok(x, c, s))
        return false;
    for (int k = 0; k < 2; k++) {
        IRRef u = k ? ci->b : ci->a, n = k ? ci->a : ci->b;
        const IRInsn *ui = &b->insn[u], *ni = &b->insn[n];
        if (!is_uno(x, u, s) || ui->a != r || ui->b != r)
            continue;
        if (ni->op != IR_XOR || ni->type != IR_I32 || !part_ok(x, n, s))
            continue;
        IRRef v = x64_is_const(x, ni->b) ? ni->a : ni->b, one = v == ni->a ? ni->b : ni->a;
        if (!x64_is_const(x, one) || (uint32_t)x64_cval(x, one) != 1 || !inputs_test(x, v, r, s, nf))
            continue;
        nf->k = x64_cval(x, si->b);
        nf->part[0] = c;
        nf->part[1] = u;
        nf->part[2] = n;
        nf->part[3] = v;
        nf->nparts = 4;
        return true;
    }
    return false;
}

void x64_find_nanfix(X64Ctx *x)
{
    for (IRRef s = 0; s < x->b->n; s++) {
        NanFix nf;
        if (!nanfix_match(x, s, &nf))
            continue;
        x->mark[s] |= X64_M_NANFIX;
        for (unsigned k = 0; k < nf.nparts; k++) {
            x->mark[nf.part[k]] = X64_M_FUSED;
            x->at[nf.part[k]] = s;
        }
    }
}

void x64_lower_nanfix(X64Ctx *x, IRRef s)
{
    const IRInsn *in = &x->b->insn[s];
    bool f64 = in->type == IR_F64;
    NanFix nf;
    if (!nanfix_match(x, s, &nf))
        abort();
    unsigned rr = ra_use(&x->ra, nf.r, FPRS);
    unsigned rp = ra_use(&x->ra, nf.p, FPRS);
    unsigned rq = nf.q == nf.p ? rp : ra_use(&x->ra, nf.q, FPRS);
    int d = ra_reuse(&x->ra, s, nf.r, FPRS);
    if (d < 0)
        d = (int)ra_def(&x->ra, s, FPRS);
    uint32_t ucom = f64 ? X64_UCOMISD : X64_UCOMISS;
    uint32_t ucom_pq = ir_type(x->b, nf.p) == IR_F64 ? X64_UCOMISD : X64_UCOMISS;
    if ((unsigned)d != rr)
        x64_rr(&x->c, X64_MOVAPS_X_XM, HW(d), HW(rr));
    x64_rr(&x->c, ucom, HW(rr), HW(rr));
    size_t j = x64_jcc_cold(x, X64_CC_P);
    size_t back = x->c.pos;
    x64_bind_cold(x, j);
    x64_rr(&x->cold, ucom_pq, HW(rp), HW(rq));       /* a NaN input: keep r */
    x64_jcc_main(x, X64_CC_P, back);
    x64_rr_pool(x, &x->cold, f64 ? X64_MOVSD_X_XM : X64_MOVSS_X_XM, HW(d), nf.k, 0);
    x64_jmp_main(x, back);
}

/* ---- arithmetic ------------------------------------------------------------------ */

static uint32_t fp_opcode(unsigned op, bool f64)
{
    switch (op) {
    case IR_FADD:  return f64 ? X64_ADDSD : X64_ADDSS;
    case IR_FSUB:  return f64 ? X64_SUBSD : X64_SUBSS;
    case IR_FMUL:  return f64 ? X64_MULSD : X64_MULSS;
    case IR_FDIV:  return f64 ? X64_DIVSD : X64_DIVSS;
    default:       return f64 ? X64_SQRTSD : X64_SQRTSS;
    }
}

static void movaps(X64Ctx *x, unsigned d, unsigned s)
{
    if (d != s)
        x64_rr(&x->c, X64_MOVAPS_X_XM, HW(d), HW(s));
}

static bool avx(const X64Ctx *x) { return (x->feat & X64F_AVX) != 0; }

static void lower_fbin(X64Ctx *x, IRRef i, const IRInsn *in)
{
    bool f64 = in->type == IR_F64;
    uint32_t op = fp_opcode(in->op, f64);
    unsigned ra_ = ra_use(&x->ra, in->a, FPRS);
    bool bk = x64_is_const(x, in->b);
    if (x64_folded(x, in->b)) {                   /* op d, [rbx+off] */
        X64Mem m = x64_folded_mem(x, in->b);
        if (avx(x)) {
            unsigned d = ra_def_reuse(&x->ra, i, in->a, FPRS);
            x64_vrm(&x->c, op | X64_VEX, HW(d), HW(ra_), m);
        } else {
            unsigned d = ra_def_reuse(&x->ra, i, in->a, FPRS);
            movaps(x, d, ra_);
            x64_rm(&x->c, op, HW(d), m);
        }
        return;
    }
    unsigned rb = bk ? 0 : ra_use(&x->ra, in->b, FPRS);
    uint64_t kv = bk ? x64_cval(x, in->b) : 0;

    if (avx(x)) {
        int d = ra_reuse(&x->ra, i, in->a, FPRS);
        if (d < 0 && !bk)
            d = ra_reuse(&x->ra, i, in->b, FPRS);
        if (d < 0)
            d = (int)ra_def(&x->ra, i, FPRS);
        if (bk)
            x64_vrr_pool(x, &x->c, op | X64_VEX, HW(d), HW(ra_), kv, 0);
        else
            x64_vrr(&x->c, op | X64_VEX, HW(d), HW(ra_), HW(rb));
        return;
    }
    unsigned d = ra_def_reuse(&x->ra, i, in->a, FPRS);
    movaps(x, d, ra_);
    if (bk)
        x64_rr_pool(x, &x->c, op, HW(d), kv, 0);
    else
        x64_rr(&x->c, op, HW(d), HW(rb));
}

static void lower_fun(X64Ctx *x, IRRef i, const IRInsn *in)
{
    bool f64 = in->type == IR_F64;
    unsigned ra_ = ra_use(&x->ra, in->a, FPRS);
    unsigned d = ra_def_reuse(&x->ra, i, in->a, FPRS);
    X64Buf *c = &x->c;

    switch (in->op) {
    case IR_FSQRT:
        if (avx(x))
            x64_vrr(c, fp_opcode(IR_FSQRT, f64) | X64_VEX, HW(d), HW(ra_), HW(ra_));
        else
            x64_rr(c, fp_opcode(IR_FSQRT, f64), HW(d), HW(ra_));
        break;
    case IR_FABS:
    case IR_FNEG: {
        uint64_t sign = f64 ? 0x8000000000000000ull : 0x80000000ull;
        uint64_t mask = in->op == IR_FABS ? ~sign & (f64 ? ~0ull : 0xffffffffull) : sign;
        uint32_t op = in->op == IR_FABS ? X64_ANDPS : X64_XORPS;
        if (avx(x)) {
            x64_vrr_pool(x, c, op | X64_VEX, HW(d), HW(ra_), mask, 0);
        } else {
            movaps(x, d, ra_);
            x64_rr_pool(x, c, op, HW(d), mask, 0);
        }
        break;
    }
    case IR_FCVT: {         /* to the result type */
        uint32_t op = f64 ? X64_CVTSS2SD : X64_CVTSD2SS;
        if (avx(x))
            x64_vrr(c, op | X64_VEX, HW(d), HW(ra_), HW(ra_));
        else
            x64_rr(c, op, HW(d), HW(ra_));
        break;
    }
    default:
        abort();
    }
}

static void lower_fma(X64Ctx *x, IRRef i, const IRInsn *in)
{
    bool f64 = in->type == IR_F64;
    if (!(x->feat & X64F_FMA)) {
        X64Arg a[3] = { { (IRType)in->type, in->a, 0 }, { (IRType)in->type, in->b, 0 },
                        { (IRType)in->type, in->c, 0 } };
        x64_call(x, f64 ? (const void *)h_fma_f64 : (const void *)h_fma_f32,
                 (IRType)in->type, 3, a, i);
        return;
    }
    uint32_t op213 = f64 ? X64_VFMADD213SD : X64_VFMADD213SS;
    uint32_t op231 = f64 ? X64_VFMADD231SD : X64_VFMADD231SS;
    unsigned ra_ = ra_use(&x->ra, in->a, FPRS), rb = ra_use(&x->ra, in->b, FPRS);
    unsigned rc = ra_use(&x->ra, in->c, FPRS);
    int d;
    if ((d = ra_reuse(&x->ra, i, in->c, FPRS)) >= 0) {           /* d = a*b + d */
        x64_vrr(&x->c, op231, HW(d), HW(ra_), HW(rb));
    } else if ((d = ra_reuse(&x->ra, i, in->a, FPRS)) >= 0) {    /* d = b*d + c */
        x64_vrr(&x->c, op213, HW(d), HW(rb), HW(rc));
    } else if ((d = ra_reuse(&x->ra, i, in->b, FPRS)) >= 0) {    /* d = a*d + c */
        x64_vrr(&x->c, op213, HW(d), HW(ra_), HW(rc));
    } else {
        d = (int)ra_def(&x->ra, i, FPRS);
        movaps(x, (unsigned)d, rc);
        x64_vrr(&x->c, op231, HW(d), HW(ra_), HW(rb));
    }
}

/* ---- conversions ------------------------------------------------------------------- */

static void lower_itof(X64Ctx *x, IRRef i, const IRInsn *in)
{
    bool from64 = ir_type(x->b, in->a) == IR_I64, f64 = in->type == IR_F64;
    unsigned r = ra_use(&x->ra, in->a, GPRS);
    unsigned d = ra_def(&x->ra, i, FPRS);
    x64_rr(&x->c, X64_XORPS, HW(d), HW(d));         /* no false dependency on d */
    x64_rr(&x->c, (f64 ? X64_CVTSI2SD : X64_CVTSI2SS) | (from64 ? X64_W : 0), HW(d), r);
}

static void lower_bitcast(X64Ctx *x, IRRef i, const IRInsn *in)
{
    IRType t = (IRType)in->type;
    bool wide = t == IR_I64 || t == IR_F64;
    if (t == IR_F32 || t == IR_F64) {
        unsigned r = ra_use(&x->ra, in->a, GPRS);
        unsigned d = ra_def(&x->ra, i, FPRS);
        x64_rr(&x->c, wide ? X64_MOVQ_X_RM : X64_MOVD_X_RM, HW(d), r);
    } else {
        unsigned r = ra_use(&x->ra, in->a, FPRS);
        unsigned d = ra_def(&x->ra, i, GPRS);
        x64_rr(&x->c, wide ? X64_MOVQ_RM_X : X64_MOVD_RM_X, HW(r), d);
    }
}

/* NaN test on the bits (no FP exception, as interp): 2*bits > 2*inf_bits. */
static void lower_defnan(X64Ctx *x, IRRef i, const IRInsn *in)
{
    bool f64 = in->type == IR_F64;
    unsigned ra_ = ra_use(&x->ra, in->a, FPRS);
    unsigned d = ra_def_reuse(&x->ra, i, in->a, FPRS);
    X64Buf *c = &x->c;

    movaps(x, d, ra_);
    x64_rr(c, f64 ? X64_MOVQ_RM_X : X64_MOVD_RM_X, HW(d), X64_TMP);
    x64_alu_rr(c, X64_ALU_ADD, f64, X64_TMP, X64_TMP);
    if (f64)
        x64_rr_pool(x, c, X64_CMP_R_RM | X64_W, X64_TMP, 0xffe0000000000000ull, 0);
    else
        x64_alu_ri(c, X64_ALU_CMP, false, X64_TMP, (int32_t)0xff000000u);
    size_t j = x64_jcc_cold(x, X64_CC_A);
    size_t back = c->pos;
    x64_bind_cold(x, j);
    x64_rr_pool(x, &x->cold, f64 ? X64_MOVSD_X_XM : X64_MOVSS_X_XM, HW(d), x64_cval(x, in->b), 0);
    x64_jmp_main(x, back);
}

/* The largest value of the source format below MIN of the result. */
static uint64_t ftoi_threshold(bool from_f32, bool to64)
{
    if (from_f32)
        return bits_f32(nextafterf(to64 ? -0x1p63f : -0x1p31f, -INFINITY));
    return bits_f64(to64 ? nextafter(-0x1p63, -INFINITY) : -2147483649.0);
}

static void lower_ftoi(X64Ctx *x, IRRef i, const IRInsn *in)
{
    bool f32 = ir_type(x->b, in->a) == IR_F32, w = in->type == IR_I64;
    unsigned rm = in->aux & IR_RM_MASK;
    bool maxpos = (in->aux & IR_FTOI_POLICY_MASK) == IR_FTOI_MAXPOS;
    bool explicit_rm = rm == IR_RM_NEAREST || rm == IR_RM_UP || rm == IR_RM_DOWN;
    uint32_t wf = w ? X64_W : 0;
    uint32_t ucomis = f32 ? X64_UCOMISS : X64_UCOMISD;
    X64Buf *c = &x->c, *k = &x->cold;

    if (!ftoi_inline(x->feat, in->aux)) {
        X64Arg a[2] = { { f32 ? IR_F32 : IR_F64, in->a, 0 },
                        { IR_I32, IR_NONE, (in->aux & 0xff) | (w ? 0x100u : 0) } };
        x64_call(x, f32 ? (const void *)h_ftoi_f32 : (const void *)h_ftoi_f64, IR_I64, 2, a, i);
        return;
    }
    unsigned rx = ra_use(&x->ra, in->a, FPRS);
    unsigned d = ra_def(&x->ra, i, GPRS);
    unsigned src = HW(rx);
    if (rm == IR_RM_ZERO) {
        x64_rr(c, (f32 ? X64_CVTTSS2SI : X64_CVTTSD2SI) | wf, d, src);
    } else if (rm == IR_RM_DYNAMIC) {
        x64_rr(c, (f32 ? X64_CVTSS2SI : X64_CVTSD2SI) | wf, d, src);
    } else {
        static const uint8_t mode[4] = { X64_ROUND_NEAREST, X64_ROUND_TRUNC, X64_ROUND_UP,
                                         X64_ROUND_DOWN };
        x64_rri8(c, f32 ? X64_ROUNDSS : X64_ROUNDSD, X64_XTMP, src, mode[rm] | X64_ROUND_NOPREC);
        x64_rr(c, (f32 ? X64_CVTTSS2SI : X64_CVTTSD2SI) | wf, d, X64_XTMP);
        src = X64_XTMP;
    }
    x64_alu_ri(c, X64_ALU_CMP, w, d, 1);          /* overflows iff d == MIN */
    size_t j_min = x64_jcc_cold(x, X64_CC_O);
    size_t chk = c->pos, j_inx = 0;
    if (explicit_rm) {
        x64_rr(c, ucomis, X64_XTMP, HW(rx));
        j_inx = x64_jcc_cold(x, X64_CC_NE);
    }
    size_t back = c->pos;

    if (explicit_rm) {      /* rounded != x: raise inexact (MXCSR.PE) */
        X64Mem scratch = x64_cpu_mem((uint32_t)offsetof(IRCpuHeader, host_scratch));
        x64_bind_cold(x, j_inx);
        x64_rm(k, X64_STMXCSR, 0, scratch);
        x64_alu_mi(k, X64_ALU_OR, false, scratch, 0x20);
        x64_rm(k, X64_LDMXCSR, 0, scratch);
        x64_jmp_main(x, back);
    }
    uint64_t thr = ftoi_threshold(f32, w);
    x64_bind_cold(x, j_min);
    if (!maxpos) {
        size_t j_nan, j_pos;
        x64_rr(k, ucomis, src, src);
        x64_jcc8(k, X64_CC_P, 0);
        j_nan = k->pos;
        x64_rr_pool(x, k, ucomis, src, 0, 0);
        x64_jcc8(k, X64_CC_A, 0);
        j_pos = k->pos;
        if (explicit_rm) {
            x64_rr_pool(x, k, ucomis, src, thr, 0);
            x64_jcc_main(x, X64_CC_A, chk);       /* MIN is the exact result */
        }
        x64_jmp_main(x, back);                    /* MIN: negative overflow or exact */
        k->base[j_pos - 1] = (uint8_t)(k->pos - j_pos);
        x64_rr(k, X64_DEC_RM | wf, 0, d);         /* MIN - 1 = MAX */
        x64_jmp_main(x, back);
        k->base[j_nan - 1] = (uint8_t)(k->pos - j_nan);
        x64_alu_rr(k, X64_ALU_XOR, false, d, d);
        x64_jmp_main(x, back);
        return;
    }
    if (rm == IR_RM_DYNAMIC) {
        x64_rri8(k, f32 ? X64_ROUNDSS : X64_ROUNDSD, X64_XTMP, src,
                 X64_ROUND_MXCSR | X64_ROUND_NOPREC);
        src = X64_XTMP;
    }
    size_t j_max1, j_max2;
    x64_rr_pool(x, k, ucomis, src, thr, 0);
    x64_jcc8(k, X64_CC_BE, 0);                    /* below the range, or NaN */
    j_max1 = k->pos;
    x64_rr_pool(x, k, ucomis, src, 0, 0);
    x64_jcc8(k, X64_CC_AE, 0);                    /* positive overflow */
    j_max2 = k->pos;
    x64_jmp_main(x, explicit_rm ? chk : back);    /* MIN is the exact result */
    k->base[j_max1 - 1] = (uint8_t)(k->pos - j_max1);
    k->base[j_max2 - 1] = (uint8_t)(k->pos - j_max2);
    x64_rr(k, X64_DEC_RM | wf, 0, d);
    x64_jmp_main(x, back);
}

void x64_lower_fp(X64Ctx *x, IRRef i)
{
    const IRInsn *in = &x->b->insn[i];
    switch ((IROp)in->op) {
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV:
        lower_fbin(x, i, in);
        break;
    case IR_FSQRT: case IR_FABS: case IR_FNEG: case IR_FCVT:
        lower_fun(x, i, in);
        break;
    case IR_FMA:     lower_fma(x, i, in); break;
    case IR_FCMP:    lower_fcmp(x, i, in); break;
    case IR_ITOF:    lower_itof(x, i, in); break;
    case IR_FTOI:    lower_ftoi(x, i, in); break;
    case IR_BITCAST: lower_bitcast(x, i, in); break;
    case IR_DEFNAN:  lower_defnan(x, i, in); break;
    default:         abort();
    }
}
