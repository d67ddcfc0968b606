/*
 * neon2.c - the saturating, rounding, narrowing and doubling Advanced SIMD
 * forms for the ARM32 guest (ARM ARM A7.4): vrshl/vqshl/vqrshl by register,
 * vqshl/vqshlu by immediate, the narrowing shifts (vshrn, vrshrn, vqshrn,
 * vqrshrn, vqshrun, vqrshrun), vaddhn/vraddhn/vsubhn/vrsubhn, vqdmulh/
 * vqrdmulh (and by a scalar), vqdmull/vqdmlal/vqdmlsl (and by a scalar),
 * vmul.p8/vmull.p8, vcls, vpadal, vqabs, vqneg, vshll by the element size,
 * vrecpe/vrsqrte/vrecps/vrsqrts (C helpers) and vacge/vacgt.
 * Same lane model as neon.c; lanes up to 32 bits are computed exactly in
 * i64, saturation sets FPSCR.QC.  64-bit lanes of the saturating and
 * rounding shifts go through a C helper computing in 128 bits.
 */
#include "neon.h"

#include <math.h>

/* ---- shifts by a register ------------------------------------------------------------ */

/* x << sh for a signed count sh (i64, -128..127), on a lane of esz <= 32
 * bits held exactly in i64: left shifts saturate or wrap, right shifts
 * round when asked. */
static IRRef shl_signed(ArmCtx *s, IRRef x, IRRef sh, unsigned esz, bool u, bool round, bool sat, IRRef *qc)
{
    IRBlock *b = s->b;
    IRRef neg = ir_setcc(b, IR_CC_LTS, sh, k64(s, 0));
    /* right: x >> -sh, counts beyond the lane leave 0 (or -1 / rounding 0) */
    IRRef n = ir_unop(b, IR_NEG, IR_I64, sh);
    IRRef nc = ir_select(b, IR_I64, ir_setcc(b, IR_CC_GTS, n, k64(s, 40)), k64(s, 40), n);
    IRRef xr = x;
    if (round) {                                     /* + 1 << (n - 1) */
        IRRef half = b64(s, IR_SHR, b64(s, IR_SHL, k64(s, 1), nc), k64(s, 1));
        xr = b64(s, IR_ADD, x, half);
    }
    IRRef right = b64(s, IR_SAR, xr, nc);            /* x fits 33 bits: a count of 40 clears it */
    /* left: x << sh with sh capped; saturation compares with the lane range */
    IRRef lc = ir_select(b, IR_I64, ir_setcc(b, IR_CC_GTS, sh, k64(s, 40)), k64(s, 40), sh);
    IRRef left = b64(s, IR_SHL, x, lc);
    if (sat) {
        /* x << sh overflows when shifting back does not give x (for sh < 40) or x != 0 */
        IRRef back = b64(s, IR_SAR, left, lc);
        IRRef ovf = arm_bin(s, IR_OR, ir_setcc(b, IR_CC_NE, back, x),
                            arm_bin(s, IR_AND, ir_setcc(b, IR_CC_GES, sh, k64(s, 40)), ir_setcc(b, IR_CC_NE, x, k64(s, 0))));
        IRRef big = ir_select(b, IR_I64, ir_setcc(b, IR_CC_LTS, x, k64(s, 0)), k64(s, (uint64_t)-1 << 62),
                              k64(s, 1ull << 62));
        left = ir_select(b, IR_I64, ovf, big, left);
        IRRef r = ir_select(b, IR_I64, neg, right, left);
        return neon_sat(s, r, esz, u, qc);
    }
    return ir_select(b, IR_I64, neg, right, left);
}

/* ---- 64-bit lanes: x << sh (sh signed, -128..127) in 128 bits ---------------------- */

enum { SH64_U = 1, SH64_ROUND = 2, SH64_SAT = 4, SH64_LU = 8, SH64_QC = 16 };

static uint64_t helper_shl64(void *cpu, uint64_t x, uint32_t sh8, uint32_t mode)
{
    int sh = (int8_t)sh8;
    bool in_u = (mode & SH64_U) && !(mode & SH64_LU), out_u = mode & SH64_U;
    __int128 v = in_u ? (__int128)x : (__int128)(int64_t)x, r;
    if (sh < 0) {
        int n = -sh > 65 ? 65 : -sh;               /* 65 clears any 64-bit value */
        if (mode & SH64_ROUND)
            v += (__int128)1 << (n - 1);
        r = v >> n;
    } else {
        int n = sh > 65 ? 65 : sh;
        r = (__int128)((unsigned __int128)v << n);
        if (n == 65 && v != 0)
            r = v < 0 ? -((__int128)1 << 100) : (__int128)1 << 100;   /* beyond any lane */
    }
    if (!(mode & SH64_SAT))
        return (uint64_t)r;
    __int128 lo = out_u ? 0 : -((__int128)1 << 63);
    __int128 hi = out_u ? (((__int128)1 << 64) - 1) : (((__int128)1 << 63) - 1);
    if (r < lo || r > hi) {
        r = r < lo ? lo : hi;
        if (mode & SH64_QC)
            ((ARMCPU *)cpu)->fpscr |= ARM_FPSCR_QC;
    }
    return (uint64_t)r;
}

static const IRHelper arm_h_shl64 = {
    "arm_shl64", (void *)helper_shl64, IR_I64, 3, { IR_I64, IR_I32, IR_I32 }, IR_HF_READS | IR_HF_WRITES,
};

/* One 64-bit lane per D register; sh is an i32 count (low byte used). */
static bool gen_shl64(ArmCtx *s, const ArmArgs *a, IRRef (*count)(ArmCtx *, const ArmArgs *, int),
                      uint32_t mode)
{
    unsigned regs = a->q ? 2 : 1;
    if (a->q && ((a->vd | a->vn | a->vm) & 1))
        return false;
    IRRef m = arm_k32(s, mode | ((mode & SH64_SAT) ? SH64_QC : 0));
    if (s->cond != IR_NONE && (mode & SH64_SAT))   /* no QC from a skipped instruction */
        m = ir_select(s->b, IR_I32, s->cond, m, arm_k32(s, mode));
    IRRef out[2];
    for (unsigned r = 0; r < regs; r++)
        out[r] = ir_call(s->b, &arm_h_shl64, dget(s, a->vm + (int)r), count(s, a, (int)r), m);
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    return true;
}

static IRRef count_reg(ArmCtx *s, const ArmArgs *a, int r)
{
    return ir_unop(s->b, IR_TRUNC, IR_I32, dget(s, a->vn + r));
}

static IRRef count_imm(ArmCtx *s, const ArmArgs *a, int r)
{
    return arm_k32(s, (s->insn >> 16) & 63);         /* L = 1: the shift is imm6 */
}

static bool gen_shl_reg(ArmCtx *s, const ArmArgs *a, bool round, bool sat)
{
    unsigned esz = 8u << a->size, n = 64 / esz, regs = a->q ? 2 : 1;
    if (esz == 64)
        return gen_shl64(s, a, count_reg, (a->u ? SH64_U : 0) | (round ? SH64_ROUND : 0) |
                                          (sat ? SH64_SAT : 0));
    if (a->q && ((a->vd | a->vn | a->vm) & 1))
        return false;
    IRRef out[2], qc = arm_k32(s, 0);
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vm + (int)r), y = dget(s, a->vn + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < n; i++) {
            IRRef sh = lane(s, y, i, 8 > esz ? esz : 8, true);
            if (esz > 8)                             /* the count is the low byte, signed */
                sh = b64(s, IR_SAR, b64(s, IR_SHL, lane(s, y, i, esz, false), k64(s, 56)), k64(s, 56));
            IRRef e = shl_signed(s, lane(s, x, i, esz, !a->u), sh, esz, a->u, round, sat, &qc);
            v = insert(s, v, e, i, esz);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    if (sat)
        set_qc(s, qc);
    return true;
}

bool arm_trans_NVRSHL(ArmCtx *s, const ArmArgs *a)  { return gen_shl_reg(s, a, true, false); }
bool arm_trans_NVQSHL(ArmCtx *s, const ArmArgs *a)  { return gen_shl_reg(s, a, false, true); }
bool arm_trans_NVQRSHL(ArmCtx *s, const ArmArgs *a) { return gen_shl_reg(s, a, true, true); }

/* ---- shifts by an immediate: vqshl/vqshlu, narrowing ------------------------------------ */

static unsigned shift_esize(uint32_t w, unsigned *imm6)
{
    *imm6 = (w >> 16) & 63;
    if (w >> 7 & 1)
        return 64;
    return (*imm6 & 32) ? 32 : (*imm6 & 16) ? 16 : 8;
}

/* vqshl (A=0111, U: unsigned) and vqshlu (A=0110, U=1: signed in, unsigned out) */
bool arm_trans_NVQSHLI(ArmCtx *s, const ArmArgs *a)
{
    unsigned imm6, esz = shift_esize(s->insn, &imm6), n = 64 / esz, regs = a->q ? 2 : 1;
    bool lu = a->op1 == 6;                           /* vqshlu */
    if ((lu && !a->u) || (a->q && ((a->vd | a->vm) & 1)))
        return false;
    if (esz == 64)
        return gen_shl64(s, a, count_imm, (a->u ? SH64_U : 0) | SH64_SAT | (lu ? SH64_LU : 0));
    unsigned sh = imm6 - esz;
    bool in_u = a->u && !lu, out_u = a->u;
    IRRef out[2], qc = arm_k32(s, 0);
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vm + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < n; i++) {
            IRRef e = b64(s, IR_SHL, lane(s, x, i, esz, !in_u), k64(s, sh));
            v = insert(s, v, neon_sat(s, e, esz, out_u, &qc), i, esz);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    set_qc(s, qc);
    return true;
}

/* A=1000: U=0 vshrn / vrshrn (bit 6), U=1 vqshrun / vqrshrun;
 * A=1001: vqshrn / vqrshrn (U: unsigned) */
bool arm_trans_NVNSHR(ArmCtx *s, const ArmArgs *a)
{
    unsigned imm6, esz = shift_esize(s->insn, &imm6), n = 64 / esz;
    if (esz == 64 || (a->vm & 1))
        return false;
    bool round = s->insn >> 6 & 1, sat = a->op1 == 9 || a->u;
    bool in_signed = a->op1 == 8 ? a->u || !sat : !a->u;
    bool out_u = a->op1 == 8 ? a->u : a->u;
    unsigned sh = 2 * esz - imm6;
    IRRef acc = IR_NONE, qc = arm_k32(s, 0);
    for (unsigned r = 0; r < 2; r++) {
        IRRef x = dget(s, a->vm + (int)r);
        for (unsigned i = 0; i < n / 2; i++) {
            IRRef l0 = lane(s, x, i, 2 * esz, in_signed);
            /* shift first and add the rounding bit after: no overflow for 64-bit sources */
            IRRef l = b64(s, in_signed ? IR_SAR : IR_SHR, l0, k64(s, sh));
            if (round)
                l = b64(s, IR_ADD, l, b64(s, IR_AND, b64(s, IR_SHR, l0, k64(s, sh - 1)), k64(s, 1)));
            if (sat && !in_signed) {                 /* unsigned in and out: clamp unsigned */
                IRRef above = ir_setcc(s->b, IR_CC_GTU, l, k64(s, lmask(esz)));
                qc = arm_bin(s, IR_OR, qc, above);
                l = ir_select(s->b, IR_I64, above, k64(s, lmask(esz)), l);
            } else if (sat) {
                l = neon_sat(s, l, esz, out_u, &qc);
            }
            acc = insert(s, acc, l, r * (n / 2) + i, esz);
        }
    }
    dput(s, a->vd, acc);
    if (sat)
        set_qc(s, qc);
    return true;
}

/* ---- narrowing add/subtract: vaddhn vraddhn vsubhn vrsubhn (A = 0100 / 0110) ---------- */

bool arm_trans_NVADDHN(ArmCtx *s, const ArmArgs *a)
{
    unsigned esz = 8u << a->size, n = 64 / esz;
    bool sub = a->op1 == 6, round = a->u;
    if (esz == 64 || ((a->vn | a->vm) & 1))
        return false;
    IRRef acc = IR_NONE;
    for (unsigned r = 0; r < 2; r++) {
        IRRef x = dget(s, a->vn + (int)r), y = dget(s, a->vm + (int)r);
        for (unsigned i = 0; i < n / 2; i++) {
            IRRef l = b64(s, sub ? IR_SUB : IR_ADD, lane(s, x, i, 2 * esz, false), lane(s, y, i, 2 * esz, false));
            if (round)
                l = b64(s, IR_ADD, l, k64(s, 1ull << (esz - 1)));
            acc = insert(s, acc, b64(s, IR_SHR, l, k64(s, esz)), r * (n / 2) + i, esz);
        }
    }
    dput(s, a->vd, acc);
    return true;
}

/* ---- doubling multiplies ----------------------------------------------------------------- */

/* sat(2 * x * y) (>> esz, with rounding) on signed lanes of 16 or 32 bits */
static IRRef qdmulh(ArmCtx *s, IRRef x, IRRef y, unsigned esz, bool round, IRRef *qc)
{
    IRBlock *b = s->b;
    IRRef p = b64(s, IR_MUL, x, y);                  /* exact: |p| <= 2^62 */
    /* 2 * p overflows i64 only for x = y = MIN of 32-bit lanes */
    IRRef minmin = ir_setcc(b, IR_CC_EQ, p, k64(s, 1ull << (2 * esz - 2)));
    IRRef d = b64(s, IR_SHL, p, k64(s, 1));
    if (round)
        d = b64(s, IR_ADD, d, k64(s, 1ull << (esz - 1)));
    IRRef r = b64(s, IR_SAR, d, k64(s, esz));
    *qc = arm_bin(s, IR_OR, *qc, minmin);
    return ir_select(b, IR_I64, minmin, k64(s, (1ull << (esz - 1)) - 1), r);
}

static bool gen_qdmulh(ArmCtx *s, const ArmArgs *a, bool round, int scalar_m, unsigned scalar_x)
{
    unsigned esz = 8u << a->size, n = 64 / esz, regs = a->q ? 2 : 1;
    if ((esz != 16 && esz != 32) || (a->q && ((a->vd | a->vn | (scalar_m < 0 ? a->vm : 0)) & 1)))
        return false;
    IRRef out[2], qc = arm_k32(s, 0);
    IRRef sc = scalar_m >= 0 ? lane(s, dget(s, scalar_m), scalar_x, esz, true) : IR_NONE;
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vn + (int)r), y = scalar_m >= 0 ? IR_NONE : dget(s, a->vm + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < n; i++) {
            IRRef yl = scalar_m >= 0 ? sc : lane(s, y, i, esz, true);
            v = insert(s, v, qdmulh(s, lane(s, x, i, esz, true), yl, esz, round, &qc), i, esz);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    set_qc(s, qc);
    return true;
}

bool arm_trans_NVQDMULH(ArmCtx *s, const ArmArgs *a) { return gen_qdmulh(s, a, a->u, -1, 0); }

/* vqdmull / vqdmlal / vqdmlsl: Qd (+/-)= sat(2 * x * y), 2*esz-bit lanes */
static bool gen_qdmull(ArmCtx *s, const ArmArgs *a, int acc, int scalar_m, unsigned scalar_x)
{
    IRBlock *b = s->b;
    unsigned esz = 8u << a->size, n = 64 / esz;
    if ((esz != 16 && esz != 32) || (a->vd & 1) || a->u)
        return false;
    IRRef x = dget(s, a->vn), y = scalar_m >= 0 ? IR_NONE : dget(s, a->vm), out[2] = { IR_NONE, IR_NONE };
    IRRef qc = arm_k32(s, 0);
    IRRef sc = scalar_m >= 0 ? lane(s, dget(s, scalar_m), scalar_x, esz, true) : IR_NONE;
    IRRef dd[2] = { dget(s, a->vd), dget(s, a->vd + 1) };
    for (unsigned i = 0; i < n; i++) {
        unsigned h = i / (n / 2), j = i % (n / 2);
        IRRef p = b64(s, IR_MUL, lane(s, x, i, esz, true), scalar_m >= 0 ? sc : lane(s, y, i, esz, true));
        IRRef minmin = ir_setcc(b, IR_CC_EQ, p, k64(s, 1ull << (2 * esz - 2)));
        qc = arm_bin(s, IR_OR, qc, minmin);
        IRRef d = ir_select(b, IR_I64, minmin, k64(s, esz == 32 ? 0x7fffffffffffffffull : 0x7fffffffull),
                            b64(s, IR_SHL, p, k64(s, 1)));
        if (acc) {
            IRRef old = lane(s, dd[h], j, 2 * esz, true);
            if (esz == 16) {
                d = neon_sat(s, b64(s, acc > 0 ? IR_ADD : IR_SUB, old, d), 32, false, &qc);
            } else {
                /* 64-bit saturating add/sub: overflow when the signs say so */
                IRRef r = b64(s, acc > 0 ? IR_ADD : IR_SUB, old, d);
                IRRef t = acc > 0 ? b64(s, IR_AND, b64(s, IR_XOR, old, r), b64(s, IR_XOR, d, r))
                                  : b64(s, IR_AND, b64(s, IR_XOR, old, d), b64(s, IR_XOR, old, r));
                IRRef ovf = ir_setcc(b, IR_CC_LTS, t, k64(s, 0));
                qc = arm_bin(s, IR_OR, qc, ovf);
                IRRef lim = ir_select(b, IR_I64, ir_setcc(b, IR_CC_LTS, old, k64(s, 0)), k64(s, 1ull << 63),
                                      k64(s, 0x7fffffffffffffffull));
                d = ir_select(b, IR_I64, ovf, lim, r);
            }
        }
        out[h] = insert(s, out[h], d, j, 2 * esz);
    }
    dput(s, a->vd, out[0]);
    dput(s, a->vd + 1, out[1]);
    set_qc(s, qc);
    return true;
}

/* 3-diff A = 1001 vqdmlal, 1011 vqdmlsl, 1101 vqdmull */
bool arm_trans_NVQDMULL(ArmCtx *s, const ArmArgs *a)
{
    int acc = a->op1 == 9 ? 1 : a->op1 == 11 ? -1 : 0;
    return gen_qdmull(s, a, acc, -1, 0);
}

/* by a scalar: A = 0011 vqdmlal, 0111 vqdmlsl, 1011 vqdmull, 1100 vqdmulh, 1101 vqrdmulh */
bool arm_trans_NVQDSCALAR(ArmCtx *s, const ArmArgs *a)
{
    unsigned A = (unsigned)a->op1, esz = 8u << a->size, vm = (unsigned)a->vm & 15;
    unsigned m = esz == 16 ? vm & 7 : vm;
    unsigned x = esz == 16 ? ((unsigned)a->vm >> 4) << 1 | vm >> 3 : (unsigned)a->vm >> 4;
    if ((esz != 16 && esz != 32) || A >= 14)
        return false;                                /* A = 111x: ARMv8.1 vqrdmlah/vqrdmlsh */
    if (A >= 12) {
        ArmArgs t = *a;
        t.q = (int32_t)(s->insn >> 24 & 1);
        return gen_qdmulh(s, &t, A == 13, (int)m, x);
    }
    if (s->insn >> 24 & 1)
        return false;
    return gen_qdmull(s, a, A == 3 ? 1 : A == 7 ? -1 : 0, (int)m, x);
}

/* ---- polynomial multiply ------------------------------------------------------------------- */

static IRRef clmul8(ArmCtx *s, IRRef x, IRRef y)     /* carry-less 8 x 8 -> 16 bits */
{
    IRRef r = k64(s, 0);
    for (unsigned k = 0; k < 8; k++) {
        IRRef bitk = b64(s, IR_AND, b64(s, IR_SHR, y, k64(s, k)), k64(s, 1));
        r = b64(s, IR_XOR, r, b64(s, IR_MUL, bitk, b64(s, IR_SHL, x, k64(s, k))));
    }
    return r;
}

/* vmul.p8 (3-same A=1001 B=1 U=1) */
bool arm_trans_NVMULP(ArmCtx *s, const ArmArgs *a)
{
    unsigned regs = a->q ? 2 : 1;
    if (a->size != 0 || (a->q && ((a->vd | a->vn | a->vm) & 1)))
        return false;
    IRRef out[2];
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vn + (int)r), y = dget(s, a->vm + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < 8; i++)
            v = insert(s, v, clmul8(s, lane(s, x, i, 8, false), lane(s, y, i, 8, false)), i, 8);
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    return true;
}

/* vmull.p8 (3-diff A=1110) */
bool arm_trans_NVMULLP(ArmCtx *s, const ArmArgs *a)
{
    if (a->size != 0 || a->u || (a->vd & 1))
        return false;                                /* NYI: vmull.p64 */
    IRRef x = dget(s, a->vn), y = dget(s, a->vm), out[2] = { IR_NONE, IR_NONE };
    for (unsigned i = 0; i < 8; i++)
        out[i / 4] = insert(s, out[i / 4], clmul8(s, lane(s, x, i, 8, false), lane(s, y, i, 8, false)), i % 4, 16);
    dput(s, a->vd, out[0]);
    dput(s, a->vd + 1, out[1]);
    return true;
}

/* ---- two registers, miscellaneous: vcls, vpadal, vqabs, vqneg, vshll #esize ------------- */

bool arm_trans_NVMISC2(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    uint32_t w = s->insn;
    unsigned A = (w >> 16) & 3, B = (w >> 7) & 15, esz = 8u << ((w >> 18) & 3), regs = a->q ? 2 : 1;
    unsigned n = 64 / esz;
    if (esz == 64 || (a->q && ((a->vd | a->vm) & 1)))
        return false;
    if (A == 2 && B == 6 && !a->q) {                 /* vshll Qd, Dm, #esize */
        if (a->vd & 1)
            return false;
        IRRef x = dget(s, a->vm), out[2] = { IR_NONE, IR_NONE };
        for (unsigned i = 0; i < n; i++)
            out[i / (n / 2)] = insert(s, out[i / (n / 2)], b64(s, IR_SHL, lane(s, x, i, esz, false), k64(s, esz)),
                                      i % (n / 2), 2 * esz);
        dput(s, a->vd, out[0]);
        dput(s, a->vd + 1, out[1]);
        return true;
    }
    if (A != 0)
        return false;
    IRRef out[2], qc = arm_k32(s, 0);
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vm + (int)r), d = dget(s, a->vd + (int)r), v = IR_NONE;
        if (B == 12 || B == 13) {                    /* vpadal: d += pairwise sums */
            for (unsigned i = 0; i < n / 2; i++) {
                bool u = B == 13;
                IRRef sum = b64(s, IR_ADD, lane(s, x, 2 * i, esz, !u), lane(s, x, 2 * i + 1, esz, !u));
                v = insert(s, v, b64(s, IR_ADD, lane(s, d, i, 2 * esz, false), sum), i, 2 * esz);
            }
            out[r] = v;
            continue;
        }
        for (unsigned i = 0; i < n; i++) {
            IRRef l = lane(s, x, i, esz, true), e;
            switch (B) {
            case 8: {                                /* vcls: leading sign bits - 1 */
                IRRef t = b64(s, IR_XOR, l, b64(s, IR_SAR, l, k64(s, 63)));
                e = b64(s, IR_SUB, ir_unop(b, IR_CLZ, IR_I64, t), k64(s, 64 - esz + 1));
                break;
            }
            case 14:                                 /* vqabs */
                e = neon_sat(s, ir_select(b, IR_I64, ir_setcc(b, IR_CC_LTS, l, k64(s, 0)), ir_unop(b, IR_NEG, IR_I64, l), l),
                         esz, false, &qc);
                break;
            case 15:                                 /* vqneg */
                e = neon_sat(s, ir_unop(b, IR_NEG, IR_I64, l), esz, false, &qc);
                break;
            default:
                return false;
            }
            v = insert(s, v, e, i, esz);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    if (B >= 14)
        set_qc(s, qc);
    return true;
}

/* ---- estimates and Newton-Raphson steps (helpers) ------------------------------------------ *
 * ARM ARM A2.8.9 ("Floating-point reciprocal estimate and step"): the
 * estimates are table-free integer algorithms on a scaled operand; the
 * steps are 2 - a*b and (3 - a*b) / 2 with inf * 0 giving 2 and 1.5.  All
 * use the standard FPSCR value (flush to zero, default NaN); the
 * cumulative flags they raise outside the host FP environment go into
 * cpu->fpscr (read back ORed with the host's, see cpu.h). */

#define NV_DEFNAN 0x7fc00000u

static double nv_recip_estimate(double a)           /* a in [0.5, 1) */
{
    int q = (int)(a * 512.0);
    double r = 1.0 / (((double)q + 0.5) / 512.0);
    int e = (int)(256.0 * r + 0.5);
    return e / 256.0;
}

static double nv_rsqrt_estimate(double a)           /* a in [0.25, 1) */
{
    double r;
    if (a < 0.5) {
        int q0 = (int)(a * 512.0);
        r = 1.0 / sqrt(((double)q0 + 0.5) / 512.0);
    } else {
        int q1 = (int)(a * 256.0);
        r = 1.0 / sqrt(((double)q1 + 0.5) / 256.0);
    }
    int e = (int)(256.0 * r + 0.5);
    return e / 256.0;
}

static uint64_t nv_dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double nv_dscaled(uint64_t exp11, uint64_t frac52)
{
    uint64_t u = exp11 << 52 | frac52;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static bool nv_is_snan(uint32_t x) { return (x & 0x7fc00000u) == 0x7f800000u && (x & 0x003fffffu); }

/* Flushes a denormal f32 input to zero (IDC). */
static uint32_t nv_flush_in(ARMCPU *c, uint32_t x)
{
    if ((x & 0x7f800000u) == 0 && (x & 0x007fffffu)) {
        c->fpscr |= ARM_FPSCR_IDC;
        return x & 0x80000000u;
    }
    return x;
}

static uint32_t helper_recpe_f32(void *cpu, uint32_t x)
{
    ARMCPU *c = cpu;
    x = nv_flush_in(c, x);
    uint32_t sign = x & 0x80000000u, exp = (x >> 23) & 0xff;
    if ((x & 0x7fffffffu) > 0x7f800000u) {
        if (nv_is_snan(x))
            c->fpscr |= 0x01;                       /* IOC */
        return NV_DEFNAN;
    }
    if ((x & 0x7fffffffu) == 0x7f800000u)
        return sign;
    if ((x & 0x7fffffffu) == 0) {
        c->fpscr |= 0x02;                           /* DZC */
        return sign | 0x7f800000u;
    }
    if (exp >= 253) {                               /* result below the normal range: flushed */
        c->fpscr |= ARM_FPSCR_UFC;
        return sign;
    }
    double est = nv_recip_estimate(nv_dscaled(0x3fe, (uint64_t)(x & 0x7fffffu) << 29));
    uint32_t rexp = 253 - exp;
    return sign | rexp << 23 | (uint32_t)((nv_dbits(est) >> 29) & 0x7fffffu);
}

static uint32_t helper_rsqrte_f32(void *cpu, uint32_t x)
{
    ARMCPU *c = cpu;
    x = nv_flush_in(c, x);
    uint32_t exp = (x >> 23) & 0xff;
    if ((x & 0x7fffffffu) > 0x7f800000u) {
        if (nv_is_snan(x))
            c->fpscr |= 0x01;
        return NV_DEFNAN;
    }
    if ((x & 0x7fffffffu) == 0) {
        c->fpscr |= 0x02;
        return (x & 0x80000000u) | 0x7f800000u;
    }
    if (x & 0x80000000u) {
        c->fpscr |= 0x01;
        return NV_DEFNAN;
    }
    if (x == 0x7f800000u)
        return 0;
    uint64_t frac = (uint64_t)(x & 0x7fffffu) << 29;
    double scaled = (exp & 1) ? nv_dscaled(0x3fd, frac) : nv_dscaled(0x3fe, frac);
    double est = nv_rsqrt_estimate(scaled);
    uint32_t rexp = (380 - exp) / 2;
    return rexp << 23 | (uint32_t)((nv_dbits(est) >> 29) & 0x7fffffu);
}

static uint32_t helper_recpe_u32(void *cpu, uint32_t x)
{
    if (!(x & 0x80000000u))
        return 0xffffffffu;
    double est = nv_recip_estimate(nv_dscaled(0x3fe, (uint64_t)(x & 0x7fffffffu) << 21));
    return 0x80000000u | (uint32_t)((nv_dbits(est) >> 21) & 0x7fffffffu);
}

static uint32_t helper_rsqrte_u32(void *cpu, uint32_t x)
{
    if (!(x & 0xc0000000u))
        return 0xffffffffu;
    double scaled = (x & 0x80000000u) ? nv_dscaled(0x3fe, (uint64_t)(x & 0x7fffffffu) << 21)
                                      : nv_dscaled(0x3fd, (uint64_t)(x & 0x3fffffffu) << 22);
    double est = nv_rsqrt_estimate(scaled);
    return 0x80000000u | (uint32_t)((nv_dbits(est) >> 21) & 0x7fffffffu);
}

static float nv_f(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static uint32_t nv_u(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* 2 - a*b (rsqrt: (3 - a*b) / 2), each step rounded, flushed, default NaN */
static uint32_t nv_step(ARMCPU *c, uint32_t a, uint32_t b, bool rsqrt)
{
    a = nv_flush_in(c, a);
    b = nv_flush_in(c, b);
    bool ainf = (a & 0x7fffffffu) == 0x7f800000u, binf = (b & 0x7fffffffu) == 0x7f800000u;
    bool azero = (a & 0x7fffffffu) == 0, bzero = (b & 0x7fffffffu) == 0;
    if ((a & 0x7fffffffu) > 0x7f800000u || (b & 0x7fffffffu) > 0x7f800000u) {
        if (nv_is_snan(a) || nv_is_snan(b))
            c->fpscr |= 0x01;
        return NV_DEFNAN;
    }
    if ((ainf && bzero) || (azero && binf))
        return rsqrt ? 0x3fc00000u : 0x40000000u;
    volatile float x = nv_f(a), y = nv_f(b);
    volatile float p = x * y;
    uint32_t pu = nv_u(p);
    if ((pu & 0x7f800000u) == 0 && (pu & 0x7fffffu)) {   /* flush a tiny product */
        c->fpscr |= ARM_FPSCR_UFC;
        p = nv_f(pu & 0x80000000u);
    }
    volatile float r = rsqrt ? (3.0f - p) / 2.0f : 2.0f - p;
    uint32_t ru = nv_u(r);
    if ((ru & 0x7f800000u) == 0 && (ru & 0x7fffffu)) {
        c->fpscr |= ARM_FPSCR_UFC;
        ru &= 0x80000000u;
    }
    return ru;
}

static uint32_t helper_recps(void *cpu, uint32_t a, uint32_t b) { return nv_step(cpu, a, b, false); }
static uint32_t helper_rsqrts(void *cpu, uint32_t a, uint32_t b) { return nv_step(cpu, a, b, true); }

#define NV_HELPER1(id, fn) \
    static const IRHelper id = { #fn, (void *)fn, IR_I32, 1, { IR_I32 }, IR_HF_READS | IR_HF_WRITES }
#define NV_HELPER2(id, fn) \
    static const IRHelper id = { #fn, (void *)fn, IR_I32, 2, { IR_I32, IR_I32 }, IR_HF_READS | IR_HF_WRITES }
NV_HELPER1(nv_h_recpe_f32, helper_recpe_f32);
NV_HELPER1(nv_h_rsqrte_f32, helper_rsqrte_f32);
NV_HELPER1(nv_h_recpe_u32, helper_recpe_u32);
NV_HELPER1(nv_h_rsqrte_u32, helper_rsqrte_u32);
NV_HELPER2(nv_h_recps, helper_recps);
NV_HELPER2(nv_h_rsqrts, helper_rsqrts);

/* Lane-wise helper calls on 32-bit lanes.  Under a failing condition (an
 * IT block) the helpers get 1.0, which raises no flag; arm_put drops the
 * results. */
static bool gen_helper_lanes(ArmCtx *s, const ArmArgs *a, const IRHelper *h, bool two)
{
    IRBlock *b = s->b;
    unsigned regs = a->q ? 2 : 1;
    if (a->q && ((a->vd | a->vm | (two ? a->vn : 0)) & 1))
        return false;
    IRRef out[2];
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, (two ? a->vn : a->vm) + (int)r), y = two ? dget(s, a->vm + (int)r) : IR_NONE, v = IR_NONE;
        for (unsigned i = 0; i < 2; i++) {
            IRRef xl = ir_unop(b, IR_TRUNC, IR_I32, lane(s, x, i, 32, false));
            IRRef yl = two ? ir_unop(b, IR_TRUNC, IR_I32, lane(s, y, i, 32, false)) : IR_NONE;
            if (s->cond != IR_NONE) {
                xl = ir_select(b, IR_I32, s->cond, xl, arm_k32(s, 0x3f800000u));
                if (two)
                    yl = ir_select(b, IR_I32, s->cond, yl, arm_k32(s, 0x3f800000u));
            }
            IRRef e = ir_call(b, h, xl, yl, IR_NONE);
            v = insert(s, v, ir_unop(b, IR_EXTU, IR_I64, e), i, 32);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    return true;
}

/* 2-reg misc A=11, B=10FR: vrecpe/vrsqrte .u32 (F=0) / .f32 (F=1) */
bool arm_trans_NVRECPE(ArmCtx *s, const ArmArgs *a)
{
    uint32_t w = s->insn;
    bool f = w >> 8 & 1, rsqrt = w >> 7 & 1;
    if (((w >> 18) & 3) != 2)
        return false;
    const IRHelper *h = f ? (rsqrt ? &nv_h_rsqrte_f32 : &nv_h_recpe_f32) : (rsqrt ? &nv_h_rsqrte_u32 : &nv_h_recpe_u32);
    return gen_helper_lanes(s, a, h, false);
}

/* 3-same A=1111 B=1 U=0: vrecps (bit 21 = 0), vrsqrts */
bool arm_trans_NVRECPS(ArmCtx *s, const ArmArgs *a)
{
    if (a->size & 1)
        return false;
    return gen_helper_lanes(s, a, (a->size >> 1) ? &nv_h_rsqrts : &nv_h_recps, true);
}

/* 3-same A=1110 B=1 U=1: vacge (bit 21 = 0), vacgt: |n| >= |m|, |n| > |m| */
bool arm_trans_NVACG(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    unsigned regs = a->q ? 2 : 1;
    bool gt = a->size >> 1;
    if ((a->size & 1) || (a->q && ((a->vd | a->vn | a->vm) & 1)))
        return false;
    IRRef out[2], idc = arm_k32(s, 0);
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vn + (int)r), y = dget(s, a->vm + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < 2; i++) {
            IRRef xl = ir_unop(b, IR_FABS, IR_F32, f32_of(s, flush(s, lane(s, x, i, 32, false), &idc)));
            IRRef yl = ir_unop(b, IR_FABS, IR_F32, f32_of(s, flush(s, lane(s, y, i, 32, false), &idc)));
            unsigned m = IR_FC_GT | (gt ? 0 : IR_FC_EQ) | IR_FC_SIGNAL;
            v = insert(s, v, ones_if(s, ir_emit(b, IR_FCMP, IR_I32, (uint16_t)m, xl, yl, 0)), i, 32);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    or_fpscr(s, idc, ARM_FPSCR_IDC);
    return true;
}

/* ---- vcvt between f32 and fixed point (2-reg shift A=111x) ------------------------------- */

bool arm_trans_NVCVTX(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    uint32_t w = s->insn;
    unsigned imm6 = (w >> 16) & 63, regs = a->q ? 2 : 1;
    bool tofix = w >> 8 & 1, u = a->u;
    if (!(imm6 & 32) || (a->q && ((a->vd | a->vm) & 1)))
        return false;
    unsigned fbits = 64 - imm6;
    float scale = (float)(1ull << fbits);
    IRRef k = ir_constf32(b, scale), out[2], idc = arm_k32(s, 0);
    for (unsigned r = 0; r < regs; r++) {
        IRRef x = dget(s, a->vm + (int)r), v = IR_NONE;
        for (unsigned i = 0; i < 2; i++) {
            IRRef e;
            if (tofix) {
                /* scale exactly in f64: no intermediate overflow flag */
                IRRef f = ir_binop(b, IR_FMUL, IR_F64,
                                   ir_unop(b, IR_FCVT, IR_F64, f32_of(s, flush(s, lane(s, x, i, 32, false), &idc))),
                                   ir_constf64(b, (double)scale));
                if (u) {
                    /* out of range (<= -1, >= 2^32, NaN): Invalid only, via a NaN conversion */
                    IRRef zero = ir_constf64(b, 0.0), nan = ir_constf64(b, __builtin_nan(""));
                    IRRef bad = arm_bin(s, IR_OR,
                                        ir_emit(b, IR_FCMP, IR_I32, IR_FC_LT | IR_FC_EQ | IR_FC_UN, f, ir_constf64(b, -1.0), 0),
                                        ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT | IR_FC_EQ, f, ir_constf64(b, 4294967296.0), 0));
                    ir_emit(b, IR_FTOI, IR_I32, IR_RM_ZERO | IR_FTOI_SAT, ir_select(b, IR_F64, bad, nan, zero), 0, 0);
                    IRRef t = ir_emit(b, IR_FTOI, IR_I64, IR_RM_ZERO | IR_FTOI_SAT, ir_select(b, IR_F64, bad, zero, f), 0, 0);
                    IRRef pos = ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT, f, zero, 0);
                    e = ir_select(b, IR_I64, bad, ir_select(b, IR_I64, pos, k64(s, 0xffffffffull), k64(s, 0)), t);
                } else {
                    e = ir_unop(b, IR_EXTU, IR_I64, ir_emit(b, IR_FTOI, IR_I32, IR_RM_ZERO | IR_FTOI_SAT, f, 0, 0));
                }
            } else {
                IRRef l = lane(s, x, i, 32, !u);
                IRRef f = ir_unop(b, IR_ITOF, IR_F32, l);      /* i64 -> f32: one rounding */
                e = i64_of(s, ir_binop(b, IR_FDIV, IR_F32, f, k));
            }
            v = insert(s, v, e, i, 32);
        }
        out[r] = v;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, a->vd + (int)r, out[r]);
    if (tofix)
        or_fpscr(s, idc, ARM_FPSCR_IDC);
    return true;
}
