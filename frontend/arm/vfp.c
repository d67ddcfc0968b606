/*
 * vfp.c - VFPv4-D32 for the ARM32 guest: FPSCR, register moves, loads and
 * stores, arithmetic, fused multiply-add, compares, conversions.
 *
 * FPSCR (ARM ARM A2.7.3/B6.1.46): RMode (bits 23..22) and the cumulative
 * exception flags (IOC DZC OFC UFC IXC, IDC) live in the host FP
 * environment of the thread (C99 fenv), like the MIPS FCSR, so IR FP ops
 * round and raise flags as the guest asked; cpu->fpscr keeps the other
 * bits (and IDC).  vmrs/vmsr go through helpers; vmrs APSR_nzcv reads the
 * kept NZCV directly.
 *
 * NaNs: a NaN made from non-NaN operands is ARM's default NaN (x86 makes a
 * negative one); the fused multiply-adds pick among NaN operands as ARM
 * does (addend first).  A predicated instruction whose condition fails
 * computes on 1.0 so that it raises no flag (fget).
 *
 * vcvtb/vcvtt (half precision): vfp_half.c.
 *
 * NYI: FZ (flush to zero) and DN for VFP (Linux starts with both clear and
 * glibc never sets them), trapped exceptions (enable bits have no effect),
 * Len/Stride short vectors (Len != 0 is not executed as vectors), the
 * choice between a
 * quiet first and a signalling second NaN operand of a two-operand op (x86
 * returns the first), the default NaN of inf * 0 + quiet NaN, Inexact next
 * to Invalid in vcvtr to unsigned out of range, and ARM's tininess before
 * rounding for Underflow (x86 detects it after rounding).
 */
#include "translate.h"

#include <fenv.h>
#include <string.h>

#define VFP_MOVE IR_NOPS   /* gen_vun: plain move */

static const int arm_rm_host[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

static const struct { uint32_t fpscr; int host; } arm_flag_map[] = {
    { 0x01, FE_INVALID }, { 0x02, FE_DIVBYZERO }, { 0x04, FE_OVERFLOW },
    { 0x08, FE_UNDERFLOW }, { 0x10, FE_INEXACT },
};

uint32_t arm_fpscr_read(const ARMCPU *c)
{
    uint32_t v = c->fpscr & ~ARM_FPSCR_RMODE;
    int ex = fetestexcept(FE_ALL_EXCEPT), rm = fegetround();
    for (unsigned i = 0; i < sizeof arm_flag_map / sizeof arm_flag_map[0]; i++)
        if (ex & arm_flag_map[i].host)
            v |= arm_flag_map[i].fpscr;
    for (unsigned i = 0; i < 4; i++)
        if (arm_rm_host[i] == rm)
            v |= i << 22;
    return v;
}

void arm_fpscr_write(ARMCPU *c, uint32_t v)
{
    int host = 0;
    c->fpscr = v & ~(ARM_FPSCR_RMODE | ARM_FPSCR_HOST);
    fesetround(arm_rm_host[(v >> 22) & 3]);
    for (unsigned i = 0; i < sizeof arm_flag_map / sizeof arm_flag_map[0]; i++)
        if (v & arm_flag_map[i].fpscr)
            host |= arm_flag_map[i].host;
    feclearexcept(FE_ALL_EXCEPT);
    if (host)
        feraiseexcept(host);
}

/* ---- FPSCR helpers ----------------------------------------------------------------- */

static uint32_t helper_vmrs(void *cpu) { return arm_fpscr_read(cpu); }
static void helper_vmsr(void *cpu, uint32_t v) { arm_fpscr_write(cpu, v); }

static const IRHelper arm_h_vmrs = {
    "arm_vmrs", (void *)helper_vmrs, IR_I32, 0, { 0 }, IR_HF_READS,
};
static const IRHelper arm_h_vmsr = {
    "arm_vmsr", (void *)helper_vmsr, IR_VOID, 1, { IR_I32 }, IR_HF_READS | IR_HF_WRITES,
};

/* ---- register access ------------------------------------------------------------------ */

static IRType ft(bool dbl) { return dbl ? IR_F64 : IR_F32; }

static uint32_t freg_off(bool dbl, int n) { return dbl ? ARM_OFF_D(n) : ARM_OFF_S(n); }

static IRRef fconst_bits(ArmCtx *s, bool dbl, uint64_t bits);

/* An FP operand.  Under a condition that fails the operation must not raise
 * exception flags, so a predicated instruction computes on 1.0 instead
 * (exact in every operation here) and its result is thrown away by arm_put. */
static IRRef fget(ArmCtx *s, bool dbl, int n)
{
    IRRef v = ir_get(s->b, ft(dbl), freg_off(dbl, n));
    if (s->cond == IR_NONE)
        return v;
    return ir_select(s->b, ft(dbl), s->cond, v, fconst_bits(s, dbl, dbl ? 0x3ff0000000000000ull : 0x3f800000u));
}
static void fput(ArmCtx *s, bool dbl, int n, IRRef v) { arm_put(s, ft(dbl), freg_off(dbl, n), v); }

/* Register numbers by precision. */
static int RD(const ArmArgs *a) { return a->sz ? a->vd : a->sd; }
static int RN(const ArmArgs *a) { return a->sz ? a->vn : a->sn; }
static int RM(const ArmArgs *a) { return a->sz ? a->vm : a->sm; }

static IRRef fconst_bits(ArmCtx *s, bool dbl, uint64_t bits)
{
    if (dbl) {
        double d;
        memcpy(&d, &bits, sizeof d);
        return ir_constf64(s->b, d);
    }
    uint32_t b32 = (uint32_t)bits;
    float f;
    memcpy(&f, &b32, sizeof f);
    return ir_constf32(s->b, f);
}

/* ARM's default NaN for a NaN made from non-NaN operands (x86 makes a
 * negative one); a NaN operand propagates (quietened) as on both.
 * NYI: with two NaN operands ARM prefers a signalling one, x86 the first. */
static IRRef fix_nan(ArmCtx *s, bool dbl, IRRef r, IRRef x, IRRef y)
{
    IRBlock *b = s->b;
    IRRef rnan = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, r, r, 0);
    IRRef innan = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, x, y == IR_NONE ? x : y, 0);
    IRRef fix = arm_bin(s, IR_AND, rnan, arm_bin(s, IR_XOR, innan, arm_k32(s, 1)));
    IRRef dn = fconst_bits(s, dbl, dbl ? 0x7ff8000000000000ull : 0x7fc00000u);
    return ir_select(b, ft(dbl), fix, dn, r);
}

static IRRef fbin(ArmCtx *s, bool dbl, IROp op, IRRef x, IRRef y)
{
    return fix_nan(s, dbl, ir_binop(s->b, op, ft(dbl), x, y), x, y);
}

static bool vfp_ok(ArmCtx *s)
{
    return true;   /* NYI: FPEXC.EN is always on; Len/Stride short vectors are not decoded */
}

/* ---- arithmetic ---------------------------------------------------------------------------- */

static bool gen_v3(ArmCtx *s, const ArmArgs *a, IROp op)
{
    bool dbl = a->sz;
    fput(s, dbl, RD(a), fbin(s, dbl, op, fget(s, dbl, RN(a)), fget(s, dbl, RM(a))));
    return vfp_ok(s);
}

bool arm_trans_VADD(ArmCtx *s, const ArmArgs *a) { return gen_v3(s, a, IR_FADD); }
bool arm_trans_VSUB(ArmCtx *s, const ArmArgs *a) { return gen_v3(s, a, IR_FSUB); }
bool arm_trans_VMUL(ArmCtx *s, const ArmArgs *a) { return gen_v3(s, a, IR_FMUL); }
bool arm_trans_VDIV(ArmCtx *s, const ArmArgs *a) { return gen_v3(s, a, IR_FDIV); }

bool arm_trans_VNMUL(ArmCtx *s, const ArmArgs *a)
{
    bool dbl = a->sz;
    IRRef p = fbin(s, dbl, IR_FMUL, fget(s, dbl, RN(a)), fget(s, dbl, RM(a)));
    fput(s, dbl, RD(a), ir_unop(s->b, IR_FNEG, ft(dbl), p));
    return true;
}

/* Non-fused multiply-accumulate: d = (negd ? -d : d) + (negp ? -(n*m) : n*m). */
static bool gen_vmla(ArmCtx *s, const ArmArgs *a, bool negd, bool negp)
{
    bool dbl = a->sz;
    IRBlock *b = s->b;
    IRRef p = fbin(s, dbl, IR_FMUL, fget(s, dbl, RN(a)), fget(s, dbl, RM(a)));
    IRRef d = fget(s, dbl, RD(a));
    if (negd)
        d = ir_unop(b, IR_FNEG, ft(dbl), d);
    if (negp)
        p = ir_unop(b, IR_FNEG, ft(dbl), p);
    fput(s, dbl, RD(a), fbin(s, dbl, IR_FADD, d, p));
    return true;
}

bool arm_trans_VMLA(ArmCtx *s, const ArmArgs *a)  { return gen_vmla(s, a, false, false); }
bool arm_trans_VMLS(ArmCtx *s, const ArmArgs *a)  { return gen_vmla(s, a, false, true); }
bool arm_trans_VNMLA(ArmCtx *s, const ArmArgs *a) { return gen_vmla(s, a, true, true); }
bool arm_trans_VNMLS(ArmCtx *s, const ArmArgs *a) { return gen_vmla(s, a, true, false); }

/* Fused: d = fma(negn ? -n : n, m, negd ? -d : d), one rounding. */
static bool gen_vfma(ArmCtx *s, const ArmArgs *a, bool negn, bool negd)
{
    bool dbl = a->sz;
    IRBlock *b = s->b;
    IRRef n = fget(s, dbl, RN(a)), m = fget(s, dbl, RM(a)), d = fget(s, dbl, RD(a));
    if (negn)
        n = ir_unop(b, IR_FNEG, ft(dbl), n);
    if (negd)
        d = ir_unop(b, IR_FNEG, ft(dbl), d);
    IRRef r = ir_emit(b, IR_FMA, ft(dbl), 0, n, m, d);
    IRRef innan = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, n, m, 0);
    IRRef dnan = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, d, d, 0);
    IRRef rnan = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, r, r, 0);
    IRRef anynan = arm_bin(s, IR_OR, innan, dnan);
    IRRef fix = arm_bin(s, IR_AND, rnan, arm_bin(s, IR_XOR, anynan, arm_k32(s, 1)));
    IRRef dn = fconst_bits(s, dbl, dbl ? 0x7ff8000000000000ull : 0x7fc00000u);
    r = ir_select(b, ft(dbl), fix, dn, r);
    /* NaN operands: ARM takes the first signalling NaN of (d, n, m), else the
     * first quiet one (FPProcessNaNs3), quietened; x86 orders them otherwise.
     * NYI: the default NaN for inf * 0 + quiet NaN. */
    const IRRef ops[3] = { d, n, m };
    IRType it = dbl ? IR_I64 : IR_I32;
    uint64_t qbit = dbl ? 1ull << 51 : 1u << 22, expo = dbl ? 0x7ff0000000000000ull : 0x7f800000u;
    IRRef pick = IR_NONE, isn[3], iss[3], q[3];
    for (int i = 0; i < 3; i++) {
        IRRef bits = ir_unop(b, IR_BITCAST, it, ops[i]);
        IRRef k_eq = dbl ? ir_const64(b, expo) : arm_k32(s, (uint32_t)expo);
        IRRef k_mask = dbl ? ir_const64(b, expo | qbit) : arm_k32(s, (uint32_t)(expo | qbit));
        IRRef k_frac = dbl ? ir_const64(b, qbit - 1) : arm_k32(s, (uint32_t)(qbit - 1));
        IRRef k_q = dbl ? ir_const64(b, qbit) : arm_k32(s, (uint32_t)qbit);
        IRRef zero = dbl ? ir_const64(b, 0) : arm_k32(s, 0);
        isn[i] = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, ops[i], ops[i], 0);
        iss[i] = arm_bin(s, IR_AND, ir_setcc(b, IR_CC_EQ, ir_binop(b, IR_AND, it, bits, k_mask), k_eq),
                         ir_setcc(b, IR_CC_NE, ir_binop(b, IR_AND, it, bits, k_frac), zero));
        q[i] = ir_unop(b, IR_BITCAST, ft(dbl), ir_binop(b, IR_OR, it, bits, k_q));
    }
    pick = q[2];
    for (int i = 1; i >= 0; i--)
        pick = ir_select(b, ft(dbl), isn[i], q[i], pick);
    for (int i = 2; i >= 0; i--)
        pick = ir_select(b, ft(dbl), iss[i], q[i], pick);
    fput(s, dbl, RD(a), ir_select(b, ft(dbl), anynan, pick, r));
    return true;
}

bool arm_trans_VFMA(ArmCtx *s, const ArmArgs *a)  { return gen_vfma(s, a, false, false); }
bool arm_trans_VFMS(ArmCtx *s, const ArmArgs *a)  { return gen_vfma(s, a, true, false); }
bool arm_trans_VFNMA(ArmCtx *s, const ArmArgs *a) { return gen_vfma(s, a, true, true); }
bool arm_trans_VFNMS(ArmCtx *s, const ArmArgs *a) { return gen_vfma(s, a, false, true); }

static bool gen_vun(ArmCtx *s, const ArmArgs *a, IROp op)
{
    bool dbl = a->sz;
    IRRef x = fget(s, dbl, RM(a));
    IRRef r = op == VFP_MOVE ? x : ir_unop(s->b, op, ft(dbl), x);
    if (op == IR_FSQRT)
        r = fix_nan(s, dbl, r, x, IR_NONE);
    fput(s, dbl, RD(a), r);
    return true;
}

bool arm_trans_VMOV(ArmCtx *s, const ArmArgs *a)  { return gen_vun(s, a, VFP_MOVE); }
bool arm_trans_VABS(ArmCtx *s, const ArmArgs *a)  { return gen_vun(s, a, IR_FABS); }
bool arm_trans_VNEG(ArmCtx *s, const ArmArgs *a)  { return gen_vun(s, a, IR_FNEG); }
bool arm_trans_VSQRT(ArmCtx *s, const ArmArgs *a) { return gen_vun(s, a, IR_FSQRT); }

/* VFPExpandImm (A7.5.1) */
bool arm_trans_VMOVI(ArmCtx *s, const ArmArgs *a)
{
    uint32_t imm8 = (s->insn >> 12 & 0xf0) | (s->insn & 0xf);
    uint64_t sign = imm8 >> 7, b6 = imm8 >> 6 & 1, cd = imm8 >> 4 & 3, efgh = imm8 & 15, bits;
    if (a->sz)
        bits = sign << 63 | (b6 ^ 1) << 62 | (b6 ? 0xffull : 0) << 54 | cd << 52 | efgh << 48;
    else
        bits = sign << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1full : 0) << 25 | cd << 23 | efgh << 19;
    fput(s, a->sz, RD(a), fconst_bits(s, a->sz, bits));
    return true;
}

/* ---- compare ---------------------------------------------------------------------------------- */

static void put_fpscr_nzcv(ArmCtx *s, IRRef nzcv)
{
    IRRef f = arm_bin(s, IR_AND, ir_get(s->b, IR_I32, ARM_OFF(fpscr)), arm_k32(s, ~ARM_FPSCR_NZCV));
    arm_put(s, IR_I32, ARM_OFF(fpscr), arm_bin(s, IR_OR, f, nzcv));
}

/* vcmp: EQ 0110, LT 1000, GT 0010, unordered 0011; vcmpe signals on quiet NaNs too */
static bool gen_vcmp(ArmCtx *s, const ArmArgs *a, IRRef y)
{
    bool dbl = a->sz;
    IRBlock *b = s->b;
    unsigned sig = (s->insn >> 7 & 1) ? IR_FC_SIGNAL : 0;
    IRRef x = fget(s, dbl, RD(a));
    IRRef lt = ir_emit(b, IR_FCMP, IR_I32, IR_FC_LT | sig, x, y, 0);
    IRRef eq = ir_emit(b, IR_FCMP, IR_I32, IR_FC_EQ, x, y, 0);
    IRRef c = ir_emit(b, IR_FCMP, IR_I32, IR_FC_EQ | IR_FC_GT | IR_FC_UN, x, y, 0);
    IRRef un = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, x, y, 0);
    IRRef v = arm_bin(s, IR_OR, arm_bin(s, IR_SHL, lt, arm_k32(s, 31)), arm_bin(s, IR_SHL, eq, arm_k32(s, 30)));
    v = arm_bin(s, IR_OR, v, arm_bin(s, IR_OR, arm_bin(s, IR_SHL, c, arm_k32(s, 29)),
                                     arm_bin(s, IR_SHL, un, arm_k32(s, 28))));
    put_fpscr_nzcv(s, v);
    return true;
}

bool arm_trans_VCMP(ArmCtx *s, const ArmArgs *a) { return gen_vcmp(s, a, fget(s, a->sz, RM(a))); }
bool arm_trans_VCMPZ(ArmCtx *s, const ArmArgs *a) { return gen_vcmp(s, a, fconst_bits(s, a->sz, 0)); }

/* ---- conversions ---------------------------------------------------------------------------------- */

bool arm_trans_VCVT_FF(ArmCtx *s, const ArmArgs *a)
{
    bool dbl = a->sz;                          /* source precision */
    IRRef x = fget(s, dbl, RM(a));
    IRRef r = ir_unop(s->b, IR_FCVT, ft(!dbl), x);
    fput(s, !dbl, dbl ? a->sd : a->vd, r);
    return true;
}

/* vcvt.f32/f64.s32/u32 Sd/Dd, Sm */
bool arm_trans_VCVT_IF(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    bool dbl = a->sz, sign = s->insn >> 7 & 1;
    IRRef i = ir_get(b, IR_I32, ARM_OFF_S(a->sm));
    if (s->cond != IR_NONE)              /* see fget: no Inexact from a skipped conversion */
        i = ir_select(b, IR_I32, s->cond, i, arm_k32(s, 0));
    IRRef r = sign ? ir_unop(b, IR_ITOF, ft(dbl), i)
                   : ir_unop(b, IR_ITOF, ft(dbl), ir_unop(b, IR_EXTU, IR_I64, i));
    fput(s, dbl, RD(a), r);
    return true;
}

/* Float x to a 32-bit integer with rounding rm (IR_RM_*), saturating. */
static IRRef to_int(ArmCtx *s, bool dbl, IRRef x, bool sign, unsigned rm)
{
    IRBlock *b = s->b;
    if (sign)
        return ir_emit(b, IR_FTOI, IR_I32, (uint16_t)(rm | IR_FTOI_SAT), x, 0, 0);
    if (rm == IR_RM_ZERO) {
        /* Out of range (x <= -1, x >= 2^32, NaN) raises Invalid only: convert
         * 0 instead, and raise Invalid by converting a NaN then. */
        IRRef lo = dbl ? ir_constf64(b, -1.0) : ir_constf32(b, -1.0f);
        IRRef hi = dbl ? ir_constf64(b, 4294967296.0) : ir_constf32(b, 4294967296.0f);
        IRRef zero = dbl ? ir_constf64(b, 0.0) : ir_constf32(b, 0.0f);
        IRRef bad = arm_bin(s, IR_OR, ir_emit(b, IR_FCMP, IR_I32, IR_FC_LT | IR_FC_EQ | IR_FC_UN, x, lo, 0),
                            ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT | IR_FC_EQ, x, hi, 0));
        IRRef nan = fconst_bits(s, dbl, dbl ? 0x7ff8000000000000ull : 0x7fc00000u);
        ir_emit(b, IR_FTOI, IR_I32, IR_RM_ZERO | IR_FTOI_SAT, ir_select(b, ft(dbl), bad, nan, zero), 0, 0);
        IRRef v = ir_emit(b, IR_FTOI, IR_I64, IR_RM_ZERO | IR_FTOI_SAT, ir_select(b, ft(dbl), bad, zero, x), 0, 0);
        IRRef big = ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT, x, zero, 0);
        IRRef sat = ir_select(b, IR_I32, big, arm_k32(s, ~0u), arm_k32(s, 0));
        return ir_select(b, IR_I32, bad, sat, ir_unop(b, IR_TRUNC, IR_I32, v));
    }
    /* NYI: vcvtr to unsigned may raise Inexact with Invalid out of range */
    IRRef v = ir_emit(b, IR_FTOI, IR_I64, (uint16_t)(rm | IR_FTOI_SAT), x, 0, 0);
    IRRef neg = ir_setcc(b, IR_CC_LTS, v, ir_const64(b, 0));
    IRRef big = ir_setcc(b, IR_CC_GTS, v, ir_const64(b, 0xffffffffull));
    IRRef t = ir_unop(b, IR_TRUNC, IR_I32, v);
    return ir_select(b, IR_I32, neg, arm_k32(s, 0), ir_select(b, IR_I32, big, arm_k32(s, ~0u), t));
}

/* vcvt{r}.s32/u32.f32/f64 Sd, Sm/Dm: bit 7 set = round toward zero */
bool arm_trans_VCVT_FI(ArmCtx *s, const ArmArgs *a)
{
    bool dbl = a->sz, sign = s->insn >> 16 & 1;
    unsigned rm = (s->insn >> 7 & 1) ? IR_RM_ZERO : IR_RM_DYNAMIC;
    IRRef r = to_int(s, dbl, fget(s, dbl, RM(a)), sign, rm);
    arm_put(s, IR_I32, ARM_OFF_S(a->sd), r);
    return true;
}

/* vcvt between floating and fixed point, in place (A8.8.308) */
bool arm_trans_VCVT_X(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    bool dbl = a->sz, tofix = s->insn >> 18 & 1, uns = s->insn >> 16 & 1, sx = s->insn >> 7 & 1;
    unsigned size = sx ? 32 : 16;
    unsigned imm = (s->insn & 15) << 1 | (s->insn >> 5 & 1);
    int fbits = (int)size - (int)imm;
    if (fbits < 0)
        return false;
    double scale = (double)(1ull << fbits);
    IRRef k = dbl ? ir_constf64(b, scale) : ir_constf32(b, (float)scale);
    int r = RD(a);
    uint32_t ioff = dbl ? ARM_OFF_D(r) : ARM_OFF_S(r);  /* the integer sits in the low word */
    if (tofix) {
        /* scale exactly (singles in f64) so that no intermediate overflows */
        IRRef x = fget(s, dbl, r);
        if (!dbl)
            x = ir_unop(b, IR_FCVT, IR_F64, x);
        x = ir_binop(b, IR_FMUL, IR_F64, x, ir_constf64(b, scale));
        IRRef v = to_int(s, true, x, !uns, IR_RM_ZERO);
        if (size == 16) {
            IRRef sat;
            IRRef lo = arm_k32(s, uns ? 0 : 0xffff8000u), hi = arm_k32(s, uns ? 0xffff : 0x7fff);
            IRRef below = ir_setcc(b, uns ? IR_CC_LTU : IR_CC_LTS, v, lo);
            IRRef above = ir_setcc(b, uns ? IR_CC_GTU : IR_CC_GTS, v, hi);
            sat = ir_select(b, IR_I32, below, lo, ir_select(b, IR_I32, above, hi, v));
            v = sat;
        }
        if (dbl)
            arm_put(s, IR_I64, ioff, ir_unop(b, uns ? IR_EXTU : IR_EXTS, IR_I64, v));
        else
            arm_put(s, IR_I32, ioff, v);
    } else {
        IRRef i = ir_get(b, IR_I32, ioff);
        if (s->cond != IR_NONE)
            i = ir_select(b, IR_I32, s->cond, i, arm_k32(s, 0));
        if (size == 16)
            i = arm_un(s, uns ? IR_ZEXT16 : IR_SEXT16, i);
        IRRef f = uns ? ir_unop(b, IR_ITOF, ft(dbl), ir_unop(b, IR_EXTU, IR_I64, i))
                      : ir_unop(b, IR_ITOF, ft(dbl), i);
        fput(s, dbl, r, ir_binop(b, IR_FDIV, ft(dbl), f, k));
    }
    return true;
}

/* ---- transfers ------------------------------------------------------------------------------------- */

bool arm_trans_VMOV_SR(ArmCtx *s, const ArmArgs *a)
{
    if (a->rt == 15)
        return false;
    if (a->op)
        arm_set_reg(s, (unsigned)a->rt, ir_get(s->b, IR_I32, ARM_OFF_S(a->sn)));
    else
        arm_put(s, IR_I32, ARM_OFF_S(a->sn), arm_reg(s, (unsigned)a->rt));
    return true;
}

bool arm_trans_VMOV_SC(ArmCtx *s, const ArmArgs *a)
{
    uint32_t off = ARM_OFF_D(a->vd) + 4 * (uint32_t)a->x;
    if (a->rt == 15)
        return false;
    if (a->op)
        arm_set_reg(s, (unsigned)a->rt, ir_get(s->b, IR_I32, off));
    else
        arm_put(s, IR_I32, off, arm_reg(s, (unsigned)a->rt));
    return true;
}

static bool gen_vmov_rr(ArmCtx *s, const ArmArgs *a, uint32_t off_lo, uint32_t off_hi)
{
    if (a->rt == 15 || a->rt2 == 15 || (a->op && a->rt == a->rt2))
        return false;
    if (a->op) {
        IRRef lo = ir_get(s->b, IR_I32, off_lo), hi = ir_get(s->b, IR_I32, off_hi);
        arm_set_reg(s, (unsigned)a->rt, lo);
        arm_set_reg(s, (unsigned)a->rt2, hi);
    } else {
        arm_put(s, IR_I32, off_lo, arm_reg(s, (unsigned)a->rt));
        arm_put(s, IR_I32, off_hi, arm_reg(s, (unsigned)a->rt2));
    }
    return true;
}

bool arm_trans_VMOV_RR(ArmCtx *s, const ArmArgs *a)
{
    if (a->sm == 31)
        return false;
    return gen_vmov_rr(s, a, ARM_OFF_S(a->sm), ARM_OFF_S(a->sm + 1));
}

bool arm_trans_VMOV_RRD(ArmCtx *s, const ArmArgs *a)
{
    return gen_vmov_rr(s, a, ARM_OFF_D(a->vm), ARM_OFF_D(a->vm) + 4);
}

/* vmrs rt, reg (a->op = reg): FPSCR, or to APSR_nzcv; FPSID/MVFR0/MVFR1/FPEXC */
bool arm_trans_VMRS(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    if (a->op == 1 && a->rt == 15) {            /* vmrs APSR_nzcv, fpscr */
        IRRef f = ir_get(b, IR_I32, ARM_OFF(fpscr));
        arm_put(s, IR_I32, ARM_OFF(nf), f);
        arm_put(s, IR_I32, ARM_OFF(zf), arm_bin(s, IR_XOR, arm_bin(s, IR_AND, f, arm_k32(s, 1u << 30)),
                                                arm_k32(s, 1u << 30)));
        arm_set_cv(s, arm_bin(s, IR_AND, arm_bin(s, IR_SHR, f, arm_k32(s, 29)), arm_k32(s, 1)),
                   arm_bin(s, IR_SHL, f, arm_k32(s, 3)));
        return true;
    }
    if (a->rt == 15)
        return false;
    IRRef v;
    switch (a->op) {
    case 1: v = ir_call(b, &arm_h_vmrs, IR_NONE, IR_NONE, IR_NONE); break;
    case 0: v = arm_k32(s, 0x410330f0u); break;       /* FPSID: ARM, VFPv3+ subarch, Cortex-A15-like */
    case 7: v = arm_k32(s, 0x10110222u); break;       /* MVFR0: D32, single/double, sqrt, div */
    case 6: v = arm_k32(s, 0x11000011u); break;       /* MVFR1: FMA, no NEON, FTZ/DN modes */
    case 8: v = arm_k32(s, 0x40000000u); break;       /* FPEXC: EN */
    default: return false;
    }
    arm_set_reg(s, (unsigned)a->rt, v);
    return true;
}

bool arm_trans_VMSR(ArmCtx *s, const ArmArgs *a)
{
    if (a->rt == 15)
        return false;
    if (a->op == 8)
        return true;                           /* FPEXC: NYI, writes are ignored */
    if (a->op != 1)
        return false;
    IRRef v = arm_reg(s, (unsigned)a->rt);
    if (s->cond != IR_NONE)       /* predicated: write back the old value when false */
        v = ir_select(s->b, IR_I32, s->cond, v, ir_call(s->b, &arm_h_vmrs, IR_NONE, IR_NONE, IR_NONE));
    ir_call(s->b, &arm_h_vmsr, v, IR_NONE, IR_NONE);
    return true;
}

/* ---- loads and stores ------------------------------------------------------------------------------------- */

static IRRef vbase(ArmCtx *s, const ArmArgs *a)
{
    return arm_reg_align(s, (unsigned)a->rn);
}

static bool gen_vldr(ArmCtx *s, const ArmArgs *a, bool load)
{
    IRBlock *b = s->b;
    uint32_t off = (uint32_t)a->imm * 4;
    IRRef addr = arm_bin(s, a->u ? IR_ADD : IR_SUB, vbase(s, a), arm_k32(s, off));
    addr = arm_pred_addr(s, addr);
    IRType t = a->sz ? IR_I64 : IR_I32;
    uint32_t roff = a->sz ? ARM_OFF_D(a->vd) : ARM_OFF_S(a->sd);
    if (load)
        arm_put(s, t, roff, ir_load(b, t, arm_memop(a->sz ? 8 : 4, false), addr));
    else
        ir_store(b, t, arm_memop(a->sz ? 8 : 4, false), addr, ir_get(b, t, roff));
    return true;
}

bool arm_trans_VLDR(ArmCtx *s, const ArmArgs *a) { return gen_vldr(s, a, true); }
bool arm_trans_VSTR(ArmCtx *s, const ArmArgs *a) { return gen_vldr(s, a, false); }

static bool gen_vldm(ArmCtx *s, const ArmArgs *a, bool load)
{
    IRBlock *b = s->b;
    unsigned imm = (unsigned)a->imm;
    unsigned n = a->sz ? imm / 2 : imm, first = (unsigned)(a->sz ? a->vd : a->sd);
    if (a->p == a->u || (a->p && !a->w) || n == 0 || first + n > (a->sz ? 32u : 32u) ||
        (a->sz && n > 16) || (a->w && a->rn == 15))
        return false;
    IRRef base = arm_reg(s, (unsigned)a->rn);
    IRRef start = a->u ? base : arm_bin(s, IR_SUB, base, arm_k32(s, imm * 4));
    IRRef pa = arm_pred_addr(s, start);
    IRType t = a->sz ? IR_I64 : IR_I32;
    unsigned step = a->sz ? 8 : 4;
    for (unsigned i = 0; i < n; i++) {
        IRRef addr = i ? arm_bin(s, IR_ADD, pa, arm_k32(s, i * step)) : pa;
        uint32_t roff = a->sz ? ARM_OFF_D(first + i) : ARM_OFF_S(first + i);
        if (load)
            arm_put(s, t, roff, ir_load(b, t, arm_memop(step, false), addr));
        else
            ir_store(b, t, arm_memop(step, false), addr, ir_get(b, t, roff));
    }
    if (a->w)
        arm_set_reg(s, (unsigned)a->rn, arm_bin(s, a->u ? IR_ADD : IR_SUB, base, arm_k32(s, imm * 4)));
    return true;
}

bool arm_trans_VLDM(ArmCtx *s, const ArmArgs *a) { return gen_vldm(s, a, true); }
bool arm_trans_VSTM(ArmCtx *s, const ArmArgs *a) { return gen_vldm(s, a, false); }
