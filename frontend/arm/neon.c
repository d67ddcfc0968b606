/*
 * neon.c - Advanced SIMD (NEON) for the ARM32 guest, lane by lane in scalar
 * IR: the registers are memory in the CPU struct (cpu.h: d[32], Q(n) =
 * D(2n):D(2n+1)), each 64-bit D chunk is read as one i64, its lanes are
 * taken apart with shifts, computed in i64 (or f32 for floating lanes), and
 * put back together.  Whole-register bitwise operations stay 64-bit wide.
 *
 * Covered here (insns_neon.def): the integer and f32 three-same operations,
 * the modified-immediate moves, shifts by immediate (vshr/vsra/vrshr/vrsra/
 * vshl/vsri/vsli/vshll/vmovl), the widening three-different forms and the
 * multiplies by a scalar; neon_ls.c has the element moves, loads and
 * stores, neon2.c the saturating, rounding, narrowing, doubling and
 * polynomial forms.  Checked instruction by instruction against qemu-arm
 * with random operands (tests/guest/arm/fuzz).
 * Floating lanes use the "standard FPSCR value": the default NaN and flush
 * to zero of denormal inputs (IDC) and results (UFC).  NYI: they round by
 * FPSCR.RMode (the host mode) instead of always to nearest; a flushed
 * result may also leave Inexact set.  NYI (SIGILL): half-precision
 * conversions (vcvt.f16.f32, vcvt.f32.f16), vmull.p64 and the ARMv8
 * additions (crypto, vqrdmlah).
 */
#include "neon.h"

/* ---- lanes ---------------------------------------------------------------------- */











/* Register count and alignment of an operation on D or Q registers. */
static bool regs_ok(const ArmArgs *a, int n, const int *r)
{
    if (!a->q)
        return true;
    for (int i = 0; i < n; i++)
        if (r[i] & 1)
            return false;
    return true;
}

/* ---- three registers of the same length ------------------------------------------------- */

enum {
    E_ADD, E_SUB, E_HADD, E_RHADD, E_HSUB, E_QADD, E_QSUB, E_CGT, E_CGE, E_CEQ, E_TST,
    E_MAX, E_MIN, E_ABD, E_ABA, E_MUL, E_MLA, E_MLS, E_SHL,
};

/* Saturates v to esz bits (signed or unsigned); *qc ORs in 1 when clamped. */
IRRef neon_sat(ArmCtx *s, IRRef v, unsigned esz, bool u, IRRef *qc)
{
    IRBlock *b = s->b;
    int64_t lo = u ? 0 : -(int64_t)(1ull << (esz - 1));
    int64_t hi = u ? (int64_t)lmask(esz) : (int64_t)((1ull << (esz - 1)) - 1);
    IRRef below = ir_setcc(b, IR_CC_LTS, v, k64(s, (uint64_t)lo));
    IRRef above = ir_setcc(b, IR_CC_GTS, v, k64(s, (uint64_t)hi));
    *qc = arm_bin(s, IR_OR, *qc, arm_bin(s, IR_OR, below, above));
    return ir_select(b, IR_I64, below, k64(s, (uint64_t)lo), ir_select(b, IR_I64, above, k64(s, (uint64_t)hi), v));
}

static IRRef elem3(ArmCtx *s, int op, IRRef x, IRRef y, IRRef d, unsigned esz, bool u, IRRef *qc)
{
    IRBlock *b = s->b;
    IRRef t;
    switch (op) {
    case E_ADD: return b64(s, IR_ADD, x, y);
    case E_SUB: return b64(s, IR_SUB, x, y);
    case E_HADD: return b64(s, IR_SAR, b64(s, IR_ADD, x, y), k64(s, 1));
    case E_RHADD: return b64(s, IR_SAR, b64(s, IR_ADD, b64(s, IR_ADD, x, y), k64(s, 1)), k64(s, 1));
    case E_HSUB: return b64(s, IR_SAR, b64(s, IR_SUB, x, y), k64(s, 1));
    case E_QADD: return neon_sat(s, b64(s, IR_ADD, x, y), esz, u, qc);
    case E_QSUB: return neon_sat(s, b64(s, IR_SUB, x, y), esz, u, qc);
    case E_CGT: return ones_if(s, ir_setcc(b, u ? IR_CC_GTU : IR_CC_GTS, x, y));
    case E_CGE: return ones_if(s, ir_setcc(b, u ? IR_CC_GEU : IR_CC_GES, x, y));
    case E_CEQ: return ones_if(s, ir_setcc(b, IR_CC_EQ, x, y));
    case E_TST: return ones_if(s, ir_setcc(b, IR_CC_NE, b64(s, IR_AND, x, y), k64(s, 0)));
    case E_MAX: return ir_select(b, IR_I64, ir_setcc(b, u ? IR_CC_GTU : IR_CC_GTS, x, y), x, y);
    case E_MIN: return ir_select(b, IR_I64, ir_setcc(b, u ? IR_CC_LTU : IR_CC_LTS, x, y), x, y);
    case E_ABD:
    case E_ABA:
        t = ir_select(b, IR_I64, ir_setcc(b, u ? IR_CC_GTU : IR_CC_GTS, x, y), b64(s, IR_SUB, x, y),
                      b64(s, IR_SUB, y, x));
        return op == E_ABA ? b64(s, IR_ADD, d, t) : t;
    case E_MUL: return b64(s, IR_MUL, x, y);
    case E_MLA: return b64(s, IR_ADD, d, b64(s, IR_MUL, x, y));
    case E_MLS: return b64(s, IR_SUB, d, b64(s, IR_MUL, x, y));
    default: {                                   /* E_SHL: by the signed low byte of y */
        IRRef sh = ir_unop(b, IR_EXTS, IR_I64, arm_un(s, IR_SEXT8, ir_unop(b, IR_TRUNC, IR_I32, y)));
        IRRef left = b64(s, IR_SHL, x, sh);
        IRRef nsh = ir_unop(b, IR_NEG, IR_I64, sh);
        IRRef big = ir_setcc(b, IR_CC_GES, nsh, k64(s, 63));
        IRRef right = b64(s, u ? IR_SHR : IR_SAR, x, ir_select(b, IR_I64, big, k64(s, 63), nsh));
        if (u)
            right = ir_select(b, IR_I64, big, k64(s, 0), right);
        IRRef l_big = ir_setcc(b, IR_CC_GES, sh, k64(s, esz));
        left = ir_select(b, IR_I64, l_big, k64(s, 0), left);
        return ir_select(b, IR_I64, ir_setcc(b, IR_CC_LTS, sh, k64(s, 0)), right, left);
    }
    }
}

static bool gen_3same(ArmCtx *s, const ArmArgs *a, int op, bool signed_lanes)
{
    unsigned esz = 8u << a->size, n = 64 / esz, regs = a->q ? 2 : 1;
    int r3[3] = { a->vd, a->vn, a->vm };
    bool u = a->u;
    if (!regs_ok(a, 3, r3))
        return false;
    if (esz == 64 && op != E_ADD && op != E_SUB && op != E_SHL && op != E_QADD && op != E_QSUB)
        return false;                            /* size 11 is UNDEFINED for the rest */
    bool sext = signed_lanes && !u;
    IRRef out[2], qc = arm_k32(s, 0);
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vn + (int)r), y = dget(s, a->vm + (int)r);
        IRRef d = (op == E_ABA || op == E_MLA || op == E_MLS) ? dget(s, a->vd + (int)r) : IR_NONE;
        IRRef acc = IR_NONE;
        if (esz == 64 && (op == E_ADD || op == E_SUB)) {
            out[r] = b64(s, op == E_ADD ? IR_ADD : IR_SUB, x, y);
            continue;
        }
        if (esz == 64 && (op == E_QADD || op == E_QSUB)) {   /* saturate on the carry / overflow */
            IRBlock *b = s->b;
            bool add = op == E_QADD;
            IRRef res = b64(s, add ? IR_ADD : IR_SUB, x, y), ovf, lim;
            if (u) {
                ovf = ir_setcc(b, add ? IR_CC_LTU : IR_CC_GTU, res, x);
                lim = k64(s, add ? ~0ull : 0);
            } else {
                IRRef t = add ? b64(s, IR_AND, b64(s, IR_XOR, x, res), b64(s, IR_XOR, y, res))
                              : b64(s, IR_AND, b64(s, IR_XOR, x, y), b64(s, IR_XOR, x, res));
                ovf = ir_setcc(b, IR_CC_LTS, t, k64(s, 0));
                lim = ir_select(b, IR_I64, ir_setcc(b, IR_CC_LTS, x, k64(s, 0)), k64(s, 1ull << 63),
                                k64(s, 0x7fffffffffffffffull));
            }
            qc = arm_bin(s, IR_OR, qc, ovf);
            out[r] = ir_select(b, IR_I64, ovf, lim, res);
            continue;
        }
        for (unsigned i = 0; i < n; i++) {
            IRRef dl = d == IR_NONE ? IR_NONE : lane(s, d, i, esz, false);
            IRRef v = elem3(s, op, lane(s, x, i, esz, sext), lane(s, y, i, esz, sext || op == E_SHL), dl,
                            esz, u, &qc);
            acc = insert(s, acc, v, i, esz);
        }
        out[r] = acc;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    if (op == E_QADD || op == E_QSUB)
        set_qc(s, qc);
    return true;
}

bool arm_trans_NVADD(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_ADD, false); }
bool arm_trans_NVSUB(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_SUB, false); }
bool arm_trans_NVHADD(ArmCtx *s, const ArmArgs *a)  { return gen_3same(s, a, E_HADD, true); }
bool arm_trans_NVRHADD(ArmCtx *s, const ArmArgs *a) { return gen_3same(s, a, E_RHADD, true); }
bool arm_trans_NVHSUB(ArmCtx *s, const ArmArgs *a)  { return gen_3same(s, a, E_HSUB, true); }
bool arm_trans_NVQADD(ArmCtx *s, const ArmArgs *a)  { return gen_3same(s, a, E_QADD, true); }
bool arm_trans_NVQSUB(ArmCtx *s, const ArmArgs *a)  { return gen_3same(s, a, E_QSUB, true); }
bool arm_trans_NVCGT(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_CGT, true); }
bool arm_trans_NVCGE(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_CGE, true); }
bool arm_trans_NVCEQ(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_CEQ, false); }
bool arm_trans_NVTST(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_TST, false); }
bool arm_trans_NVMAX(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_MAX, true); }
bool arm_trans_NVMIN(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_MIN, true); }
bool arm_trans_NVABD(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_ABD, true); }
bool arm_trans_NVABA(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_ABA, true); }
bool arm_trans_NVMUL(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_MUL, false); }
bool arm_trans_NVMLA(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_MLA, false); }
bool arm_trans_NVMLS(ArmCtx *s, const ArmArgs *a)   { return gen_3same(s, a, E_MLS, false); }
bool arm_trans_NVSHL(ArmCtx *s, const ArmArgs *a)
{
    /* vshl Dd, Dm, Dn: the shifted value is Vm, the counts Vn */
    ArmArgs t = *a;
    t.vn = a->vm;
    t.vm = a->vn;
    return gen_3same(s, &t, E_SHL, true);
}

/* vand vbic vorr vorn veor vbsl vbit vbif: whole 64-bit chunks */
bool arm_trans_NVLOGIC(ArmCtx *s, const ArmArgs *a)
{
    int r3[3] = { a->vd, a->vn, a->vm };
    unsigned regs = a->q ? 2 : 1, op = (unsigned)a->u << 2 | (unsigned)a->size;
    if (!regs_ok(a, 3, r3))
        return false;
    IRRef out[2];
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vn + (int)r), y = dget(s, a->vm + (int)r), d, v;
        switch (op) {
        case 0: v = b64(s, IR_AND, x, y); break;
        case 1: v = b64(s, IR_AND, x, ir_unop(s->b, IR_NOT, IR_I64, y)); break;
        case 2: v = b64(s, IR_OR, x, y); break;
        case 3: v = b64(s, IR_OR, x, ir_unop(s->b, IR_NOT, IR_I64, y)); break;
        case 4: v = b64(s, IR_XOR, x, y); break;
        default:
            d = dget(s, a->vd + (int)r);
            if (op == 5)            /* vbsl: d selects x (1) or y (0) */
                v = b64(s, IR_XOR, y, b64(s, IR_AND, d, b64(s, IR_XOR, x, y)));
            else if (op == 6)       /* vbit: insert x where y is 1 */
                v = b64(s, IR_XOR, d, b64(s, IR_AND, y, b64(s, IR_XOR, x, d)));
            else                    /* vbif: insert x where y is 0 */
                v = b64(s, IR_XOR, d, b64(s, IR_AND, ir_unop(s->b, IR_NOT, IR_I64, y), b64(s, IR_XOR, x, d)));
            break;
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    return true;
}

/* pairwise: vpadd vpmax vpmin (D registers only) */
static bool gen_pairwise(ArmCtx *s, const ArmArgs *a, int op)
{
    unsigned esz = 8u << a->size, n = 64 / esz;
    if (a->q || esz == 64)
        return false;
    bool sign = !a->u && op != E_ADD;
    IRRef x = dget(s, a->vn), y = dget(s, a->vm), acc = IR_NONE, q = arm_k32(s, 0);
    for (unsigned i = 0; i < n; i++) {
        IRRef src = i < n / 2 ? x : y;
        unsigned j = (i % (n / 2)) * 2;
        IRRef v = elem3(s, op, lane(s, src, j, esz, sign), lane(s, src, j + 1, esz, sign), IR_NONE,
                        esz, a->u, &q);
        acc = insert(s, acc, v, i, esz);
    }
    dput(s, a->vd, acc);
    return true;
}

bool arm_trans_NVPADD(ArmCtx *s, const ArmArgs *a) { return gen_pairwise(s, a, E_ADD); }
bool arm_trans_NVPMAX(ArmCtx *s, const ArmArgs *a) { return gen_pairwise(s, a, E_MAX); }
bool arm_trans_NVPMIN(ArmCtx *s, const ArmArgs *a) { return gen_pairwise(s, a, E_MIN); }

/* ---- f32 lanes --------------------------------------------------------------------- */

enum { F_ADD, F_SUB, F_MUL, F_MLA, F_MLS, F_FMA, F_FMS, F_ABD, F_CEQ, F_CGE, F_CGT, F_MAX, F_MIN };

static IRRef felem(ArmCtx *s, int op, IRRef x, IRRef y, IRRef d)
{
    IRBlock *b = s->b;
    IRRef r;
    switch (op) {
    case F_ADD: r = ir_binop(b, IR_FADD, IR_F32, x, y); break;
    case F_SUB: r = ir_binop(b, IR_FSUB, IR_F32, x, y); break;
    case F_MUL: r = ir_binop(b, IR_FMUL, IR_F32, x, y); break;
    case F_MLA:
    case F_MLS: {
        /* the product is rounded and flushed on its own (not fused) */
        IRRef hit = arm_k32(s, 0);
        IRRef p = f32_of(s, flush(s, i64_of(s, defnan32(s, ir_binop(b, IR_FMUL, IR_F32, x, y))), &hit));
        r = ir_binop(b, op == F_MLA ? IR_FADD : IR_FSUB, IR_F32, d, p);
        break;
    }
    case F_FMA: r = ir_emit(b, IR_FMA, IR_F32, 0, x, y, d); break;
    case F_FMS: r = ir_emit(b, IR_FMA, IR_F32, 0, ir_unop(b, IR_FNEG, IR_F32, x), y, d); break;
    case F_ABD: r = ir_unop(b, IR_FABS, IR_F32, ir_binop(b, IR_FSUB, IR_F32, x, y)); break;
    case F_CEQ: return ones_if(s, ir_emit(b, IR_FCMP, IR_I32, IR_FC_EQ, x, y, 0));
    case F_CGE: return ones_if(s, ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT | IR_FC_EQ | IR_FC_SIGNAL, x, y, 0));
    case F_CGT: return ones_if(s, ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT | IR_FC_SIGNAL, x, y, 0));
    default: {
        /* vmax/vmin: a NaN operand gives the default NaN */
        IRRef c = ir_emit(b, IR_FCMP, IR_I32, op == F_MAX ? IR_FC_GT : IR_FC_LT, x, y, 0);
        IRRef un = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, x, y, 0);
        IRRef eq = ir_emit(b, IR_FCMP, IR_I32, IR_FC_EQ, x, y, 0);
        /* equal: +0 and -0 give -0 for min, +0 for max (the bits ORed / ANDed) */
        IRRef xb = ir_unop(b, IR_BITCAST, IR_I32, x), yb = ir_unop(b, IR_BITCAST, IR_I32, y);
        IRRef z = ir_unop(b, IR_BITCAST, IR_F32, arm_bin(s, op == F_MAX ? IR_AND : IR_OR, xb, yb));
        r = ir_select(b, IR_F32, eq, z, ir_select(b, IR_F32, c, x, y));
        uint32_t nb = 0x7fc00000u;
        float nan;
        memcpy(&nan, &nb, sizeof nan);
        r = ir_select(b, IR_F32, un, ir_constf32(b, nan), r);
        return i64_of(s, r);
    }
    }
    return i64_of(s, defnan32(s, r));
}

static bool gen_f3(ArmCtx *s, const ArmArgs *a, int op)
{
    int r3[3] = { a->vd, a->vn, a->vm };
    unsigned regs = a->q ? 2 : 1;
    if (!regs_ok(a, 3, r3) || (a->size & 1))
        return false;                          /* sz = 1 (f16) is reserved */
    bool acc = op == F_MLA || op == F_MLS || op == F_FMA || op == F_FMS;
    bool cmp = op == F_CEQ || op == F_CGE || op == F_CGT;
    IRRef out[2], idc = arm_k32(s, 0), ufc = arm_k32(s, 0);
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vn + (int)r), y = dget(s, a->vm + (int)r);
        IRRef d = acc ? dget(s, a->vd + (int)r) : IR_NONE, v = IR_NONE;
        for (unsigned i = 0; i < 2; i++) {
            IRRef dl = acc ? f32_of(s, flush(s, lane(s, d, i, 32, false), &idc)) : IR_NONE;
            IRRef xl = f32_of(s, flush(s, lane(s, x, i, 32, false), &idc));
            IRRef yl = f32_of(s, flush(s, lane(s, y, i, 32, false), &idc));
            IRRef e = felem(s, op, xl, yl, dl);
            if (!cmp)
                e = flush(s, e, &ufc);
            v = insert(s, v, e, i, 32);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    or_fpscr(s, idc, ARM_FPSCR_IDC);
    if (!cmp)
        or_fpscr(s, ufc, ARM_FPSCR_UFC);
    return true;
}

static int fop(const ArmArgs *a, int op0, int op1) { return (a->size >> 1) ? op1 : op0; }

bool arm_trans_NVFADD(ArmCtx *s, const ArmArgs *a) { return gen_f3(s, a, fop(a, F_ADD, F_SUB)); }
bool arm_trans_NVFMUL(ArmCtx *s, const ArmArgs *a) { return gen_f3(s, a, F_MUL); }
bool arm_trans_NVFMLA(ArmCtx *s, const ArmArgs *a) { return gen_f3(s, a, fop(a, F_MLA, F_MLS)); }
bool arm_trans_NVFMA(ArmCtx *s, const ArmArgs *a)  { return gen_f3(s, a, fop(a, F_FMA, F_FMS)); }
bool arm_trans_NVFABD(ArmCtx *s, const ArmArgs *a) { return gen_f3(s, a, F_ABD); }
bool arm_trans_NVFMAX(ArmCtx *s, const ArmArgs *a) { return gen_f3(s, a, fop(a, F_MAX, F_MIN)); }
bool arm_trans_NVFCMP(ArmCtx *s, const ArmArgs *a)
{
    return gen_f3(s, a, !a->u ? F_CEQ : fop(a, F_CGE, F_CGT));
}

static bool gen_fpair(ArmCtx *s, const ArmArgs *a, int op);

bool arm_trans_NVFPADD(ArmCtx *s, const ArmArgs *a) { return gen_fpair(s, a, F_ADD); }
bool arm_trans_NVFPMAX(ArmCtx *s, const ArmArgs *a) { return gen_fpair(s, a, fop(a, F_MAX, F_MIN)); }

/* vpadd/vpmax/vpmin.f32 Dd, Dn, Dm: pairs of Dn, then pairs of Dm */
static bool gen_fpair(ArmCtx *s, const ArmArgs *a, int op)
{
    if (a->q || (a->size & 1))
        return false;
    IRRef x = dget(s, a->vn), y = dget(s, a->vm), idc = arm_k32(s, 0), ufc = arm_k32(s, 0);
    IRRef lo = felem(s, op, f32_of(s, flush(s, lane(s, x, 0, 32, false), &idc)),
                     f32_of(s, flush(s, lane(s, x, 1, 32, false), &idc)), IR_NONE);
    IRRef hi = felem(s, op, f32_of(s, flush(s, lane(s, y, 0, 32, false), &idc)),
                     f32_of(s, flush(s, lane(s, y, 1, 32, false), &idc)), IR_NONE);
    if (op == F_ADD) {
        lo = flush(s, lo, &ufc);
        hi = flush(s, hi, &ufc);
    }
    dput(s, a->vd, insert(s, insert(s, IR_NONE, lo, 0, 32), hi, 1, 32));
    or_fpscr(s, idc, ARM_FPSCR_IDC);
    or_fpscr(s, ufc, ARM_FPSCR_UFC);
    return true;
}

/* ---- one register and a modified immediate (AdvSIMDExpandImm) ---------------------------- */

bool arm_trans_NVIMM(ArmCtx *s, const ArmArgs *a)
{
    uint32_t w = s->insn;
    unsigned cmode = (w >> 8) & 15, op = (w >> 5) & 1;
    uint64_t imm8 = (w >> 24 & 1) << 7 | (w >> 16 & 7) << 4 | (w & 15), v;
    if (a->q && (a->vd & 1))
        return false;
    switch (cmode >> 1) {
    case 0: v = imm8 * 0x0000000100000001ull; break;
    case 1: v = (imm8 << 8) * 0x0000000100000001ull; break;
    case 2: v = (imm8 << 16) * 0x0000000100000001ull; break;
    case 3: v = (imm8 << 24) * 0x0000000100000001ull; break;
    case 4: v = imm8 * 0x0001000100010001ull; break;
    case 5: v = (imm8 << 8) * 0x0001000100010001ull; break;
    case 6: v = ((cmode & 1) ? (imm8 << 16 | 0xffff) : (imm8 << 8 | 0xff)) * 0x0000000100000001ull; break;
    default:
        if (!(cmode & 1) && !op) {
            v = imm8 * 0x0101010101010101ull;
        } else if (!(cmode & 1)) {
            v = 0;
            for (unsigned i = 0; i < 8; i++)
                if (imm8 >> i & 1)
                    v |= 0xffull << (8 * i);
        } else if (!op) {
            uint64_t b6 = imm8 >> 6 & 1;
            uint64_t f = (imm8 >> 7) << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1full : 0) << 25 | (imm8 & 0x3f) << 19;
            v = f * 0x0000000100000001ull;
        } else {
            return false;
        }
        break;
    }
    bool logic = (cmode & 1) && cmode < 12;
    bool invert = op && !logic && cmode != 14;
    unsigned regs = a->q ? 2 : 1;
    for (unsigned r = 0; r < regs; r++) {
        IRRef res;
        if (logic) {
            IRRef d = dget(s, a->vd + (int)r);
            res = op ? b64(s, IR_AND, d, k64(s, ~v)) : b64(s, IR_OR, d, k64(s, v));
        } else {
            res = k64(s, invert ? ~v : v);
        }
        dput(s, a->vd + (int)r, res);
    }
    return true;
}

/* ---- two registers and a shift amount ------------------------------------------------------ */

/* Element size and raw imm6 (with L) of a shift-by-immediate word. */
static unsigned shift_esize(uint32_t w, unsigned *imm6)
{
    *imm6 = (w >> 16) & 63;
    if (w >> 7 & 1)
        return 64;
    if (*imm6 & 32)
        return 32;
    if (*imm6 & 16)
        return 16;
    return 8;
}

static bool gen_shift_imm(ArmCtx *s, const ArmArgs *a, int kind)   /* 0 shr, 1 shl, 2 sri, 3 sli */
{
    unsigned imm6, esz = shift_esize(s->insn, &imm6), n = 64 / esz, regs = a->q ? 2 : 1;
    unsigned A = (unsigned)a->op1;
    int r2[2] = { a->vd, a->vm };
    if (!regs_ok(a, 2, r2))
        return false;
    unsigned shr = (esz == 64 ? 64 : 2 * esz) - imm6, shl = imm6 - (esz == 64 ? 0 : esz);
    bool acc = kind == 0 && (A & 1), round = kind == 0 && (A & 2);
    bool sign = kind == 0 && !a->u;
    if (round && esz == 64)
        return false;                            /* NYI */
    IRRef out[2];
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vm + (int)r), d = dget(s, a->vd + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < n; i++) {
            IRRef l = lane(s, x, i, esz, sign), res;
            IRRef dl = lane(s, d, i, esz, false);
            uint64_t m = lmask(esz);
            switch (kind) {
            case 0:
                if (round)
                    l = b64(s, IR_ADD, l, k64(s, 1ull << (shr - 1)));
                if (shr >= 64)
                    res = sign ? b64(s, IR_SAR, l, k64(s, 63)) : k64(s, 0);
                else
                    res = b64(s, sign ? IR_SAR : IR_SHR, l, k64(s, shr));
                if (acc)
                    res = b64(s, IR_ADD, dl, res);
                break;
            case 1:
                res = b64(s, IR_SHL, l, k64(s, shl));
                break;
            case 2: {
                uint64_t keep = shr >= 64 ? m : m & ~(m >> shr);
                res = shr >= 64 ? dl : b64(s, IR_OR, b64(s, IR_AND, dl, k64(s, keep)), b64(s, IR_SHR, l, k64(s, shr)));
                break;
            }
            default: {
                uint64_t keep = m & ~(m << shl);
                res = b64(s, IR_OR, b64(s, IR_AND, dl, k64(s, keep)), b64(s, IR_SHL, l, k64(s, shl)));
                break;
            }
            }
            v = insert(s, v, res, i, esz);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    return true;
}

bool arm_trans_NVSHR(ArmCtx *s, const ArmArgs *a)  { return gen_shift_imm(s, a, 0); }
bool arm_trans_NVSHLI(ArmCtx *s, const ArmArgs *a) { return gen_shift_imm(s, a, 1); }
bool arm_trans_NVSRI(ArmCtx *s, const ArmArgs *a)  { return gen_shift_imm(s, a, 2); }
bool arm_trans_NVSLI(ArmCtx *s, const ArmArgs *a)  { return gen_shift_imm(s, a, 3); }

/* vshll/vmovl Qd, Dm, #n */
bool arm_trans_NVSHLL(ArmCtx *s, const ArmArgs *a)
{
    unsigned imm6, esz = shift_esize(s->insn, &imm6), n = 64 / esz;
    if (esz == 64 || (a->vd & 1))
        return false;
    unsigned shl = imm6 - esz;
    IRRef x = dget(s, a->vm), out[2] = { IR_NONE, IR_NONE };
    for (unsigned i = 0; i < n; i++) {
        IRRef l = b64(s, IR_SHL, lane(s, x, i, esz, !a->u), k64(s, shl));
        out[i / (n / 2)] = insert(s, out[i / (n / 2)], l, i % (n / 2), 2 * esz);
    }
    dput(s, a->vd, out[0]);
    dput(s, a->vd + 1, out[1]);
    return true;
}

/* ---- three registers of different lengths ------------------------------------------------------ */

bool arm_trans_NVADDL(ArmCtx *s, const ArmArgs *a)
{
    unsigned A = (unsigned)a->op1, esz = 8u << a->size, n = 64 / esz;
    bool wide = A == 1 || A == 3, sign = !a->u;
    if (esz == 64 || (a->vd & 1) || (wide && (a->vn & 1)))
        return false;
    IRRef y = dget(s, a->vm), x = wide ? IR_NONE : dget(s, a->vn);
    IRRef qd[2] = { dget(s, a->vd), dget(s, a->vd + 1) }, out[2] = { IR_NONE, IR_NONE };
    IRRef qn[2] = { wide ? dget(s, a->vn) : IR_NONE, wide ? dget(s, a->vn + 1) : IR_NONE };
    for (unsigned i = 0; i < n; i++) {
        unsigned h = i / (n / 2), j = i % (n / 2);
        IRRef yl = lane(s, y, i, esz, sign);
        IRRef xl = wide ? lane(s, qn[h], j, 2 * esz, sign) : lane(s, x, i, esz, sign);
        IRRef dl = lane(s, qd[h], j, 2 * esz, false), r;
        IRBlock *b = s->b;
        IRRef absd = ir_select(b, IR_I64, ir_setcc(b, IR_CC_GTS, xl, yl), b64(s, IR_SUB, xl, yl), b64(s, IR_SUB, yl, xl));
        switch (A) {
        case 0: case 1: r = b64(s, IR_ADD, xl, yl); break;
        case 2: case 3: r = b64(s, IR_SUB, xl, yl); break;
        case 5: r = b64(s, IR_ADD, dl, absd); break;
        case 7: r = absd; break;
        case 8: r = b64(s, IR_ADD, dl, b64(s, IR_MUL, xl, yl)); break;
        case 10: r = b64(s, IR_SUB, dl, b64(s, IR_MUL, xl, yl)); break;
        default: r = b64(s, IR_MUL, xl, yl); break;
        }
        out[h] = insert(s, out[h], r, j, 2 * esz);
    }
    dput(s, a->vd, out[0]);
    dput(s, a->vd + 1, out[1]);
    return true;
}

/* ---- two registers and a scalar --------------------------------------------------------- */

/* vmla/vmls/vmul (integer and f32) and vmlal/vmlsl/vmull by a scalar: the
 * scalar is Dm[x] with m = Vm<2:0>, x = M:Vm<3> for 16-bit lanes and
 * m = Vm, x = M for 32-bit ones.  The saturating doubling forms are in
 * neon2.c. */
bool arm_trans_NVSCALAR(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    unsigned A = (unsigned)a->op1, esz = 8u << a->size;
    bool f = A == 1 || A == 5 || A == 9, longop = A == 2 || A == 6 || A == 10;
    bool q = s->insn >> 24 & 1;                  /* Q for the same-length forms, U for the long ones */
    if ((A & 3) == 3 || A >= 12)
        return arm_trans_NVQDSCALAR(s, a);        /* the saturating doubling forms */
    if (esz == 8 || esz == 64 || (f && esz != 32))
        return false;
    unsigned vm = (unsigned)a->vm & 15, m = esz == 16 ? vm & 7 : vm;
    unsigned x = esz == 16 ? ((unsigned)a->vm >> 4) << 1 | vm >> 3 : (unsigned)a->vm >> 4;
    bool sign = longop && !q;
    IRRef sc = lane(s, dget(s, (int)m), x, esz, sign);
    bool sub = A == 4 || A == 5 || A == 6;
    if (longop) {
        if (a->vd & 1)
            return false;
        IRRef n = dget(s, a->vn), out[2] = { IR_NONE, IR_NONE };
        unsigned cnt = 64 / esz;
        for (unsigned i = 0; i < cnt; i++) {
            unsigned h = i / (cnt / 2), j = i % (cnt / 2);
            IRRef p = b64(s, IR_MUL, lane(s, n, i, esz, sign), sc);
            if (A != 10) {
                IRRef d = lane(s, dget(s, a->vd + (int)h), j, 2 * esz, false);
                p = b64(s, sub ? IR_SUB : IR_ADD, d, p);
            }
            out[h] = insert(s, out[h], p, j, 2 * esz);
        }
        dput(s, a->vd, out[0]);
        dput(s, a->vd + 1, out[1]);
        return true;
    }
    unsigned regs = q ? 2 : 1, cnt = 64 / esz;
    if (q && ((a->vd | a->vn) & 1))
        return false;
    IRRef out[2], idc = arm_k32(s, 0), ufc = arm_k32(s, 0);
    IRRef scf = f ? f32_of(s, flush(s, sc, &idc)) : IR_NONE;
    for (unsigned r = 0; r < regs; r++) {
        IRRef n = dget(s, a->vn + (int)r), d = dget(s, a->vd + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < cnt; i++) {
            IRRef e;
            if (f) {
                IRRef xl = f32_of(s, flush(s, lane(s, n, i, 32, false), &idc));
                IRRef dl = A == 9 ? IR_NONE : f32_of(s, flush(s, lane(s, d, i, 32, false), &idc));
                e = flush(s, felem(s, A == 9 ? F_MUL : sub ? F_MLS : F_MLA, xl, scf, dl), &ufc);
            } else {
                e = b64(s, IR_MUL, lane(s, n, i, esz, false), sc);
                if (A != 8)
                    e = b64(s, sub ? IR_SUB : IR_ADD, lane(s, d, i, esz, false), e);
            }
            v = insert(s, v, e, i, esz);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    if (f) {
        or_fpscr(s, idc, ARM_FPSCR_IDC);
        or_fpscr(s, ufc, ARM_FPSCR_UFC);
    }
    (void)b;
    return true;
}
