/*
 * dp.c - ARM32 data processing in A32, T16 and T32: the shifter operand,
 * the sixteen (Thumb: seventeen, with orn) data-processing operations,
 * movw/movt/adr/addw/subw, and the flag computations the other families
 * share.
 *
 * Flags (cpu.h) are written as separate values so that the IR state pass
 * and DCE delete those a later flag setter overwrites inside the block:
 *   N, Z: the result itself in nf and zf;
 *   C, V of an add/subtract without carry in: lazily, its operands in cvx,
 *      cvy and the operation in cvop; a reader in the same block computes
 *      them from the IR values (ArmCtx.cvop), one in a later block from
 *      the state;
 *   C of adc/sbc: the high word of an i64 sum; of logical ops: the
 *      shifter's carry out (cf, with ARM_CV_COVR: V stays lazy);
 *   V of adc/sbc, msr: a value whose sign bit is V in vf.
 * The engine also remembers the operands of the last unconditional flag
 * setter of the block (ArmCtx.fl_*), so that a following condition after
 * cmp is one SETCC on the operands (arm_cond_eval).
 *
 * Shifts by register (ARM ARM A8.4.1): the bottom byte of Rs counts; LSL and
 * LSR by 32 or more give 0, ASR fills with the sign, ROR uses the count
 * modulo 32; the carry is the last bit shifted out (bit 0 resp. 31 for 32,
 * 0 beyond), C when the count is 0.  With a carry needed this is done on a
 * 64-bit value whose spare half catches the bit shifted out.
 */
#include "translate.h"

/* ---- flags ----------------------------------------------------------------- */

void arm_set_nz(ArmCtx *s, IRRef res)
{
    arm_put(s, IR_I32, ARM_OFF(nf), res);
    arm_put(s, IR_I32, ARM_OFF(zf), res);
    s->fl_kind = FL_NONE;
}

static void put_cvop(ArmCtx *s, uint32_t op)
{
    arm_put(s, IR_I32, ARM_OFF(cvop), arm_k32(s, op));
    s->cvop = s->cond == IR_NONE ? (int)op : -1;
}

/* C alone: cf becomes C; V stays where it was (ARM_CV_COVR). */
void arm_set_c(ArmCtx *s, IRRef c01)
{
    arm_put(s, IR_I32, ARM_OFF(cf), c01);
    if (s->cvop < 0)
        arm_put(s, IR_I32, ARM_OFF(cvop), arm_bin(s, IR_OR, ir_get(s->b, IR_I32, ARM_OFF(cvop)),
                                                 arm_k32(s, ARM_CV_COVR)));
    else if ((s->cvop & 3) != ARM_CV_EXPL && !(s->cvop & ARM_CV_COVR))
        put_cvop(s, (uint32_t)s->cvop | ARM_CV_COVR);
    s->fl_kind = FL_NONE;
}

void arm_set_cv(ArmCtx *s, IRRef c01, IRRef vsign)
{
    arm_put(s, IR_I32, ARM_OFF(cf), c01);
    arm_put(s, IR_I32, ARM_OFF(vf), vsign);
    put_cvop(s, ARM_CV_EXPL);
    s->fl_kind = FL_NONE;
}

/* An add or subtract without carry in: its operands instead of C and V. */
static void set_cv_lazy(ArmCtx *s, uint32_t op, IRRef x, IRRef y)
{
    arm_put(s, IR_I32, ARM_OFF(cvx), x);
    arm_put(s, IR_I32, ARM_OFF(cvy), y);
    put_cvop(s, op);
    s->cv_x = x;
    s->cv_y = y;
}

static IRRef v_sub(ArmCtx *s, IRRef x, IRRef y)
{
    return arm_bin(s, IR_AND, arm_bin(s, IR_XOR, x, y), arm_bin(s, IR_XOR, x, arm_bin(s, IR_SUB, x, y)));
}

static IRRef v_add(ArmCtx *s, IRRef x, IRRef y)
{
    IRRef r = arm_bin(s, IR_ADD, x, y);
    return arm_bin(s, IR_AND, arm_bin(s, IR_XOR, x, r), arm_bin(s, IR_XOR, y, r));
}

static IRRef c_add(ArmCtx *s, IRRef x, IRRef y)
{
    return ir_setcc(s->b, IR_CC_LTU, arm_bin(s, IR_ADD, x, y), x);
}

/* cvop == k, from the state */
static IRRef cvop_is(ArmCtx *s, IRRef op, uint32_t k)
{
    return ir_setcc(s->b, IR_CC_EQ, op, arm_k32(s, k));
}

IRRef arm_get_c(ArmCtx *s)
{
    IRBlock *b = s->b;
    if (s->cvop == (int)ARM_CV_SUB)
        return ir_setcc(b, IR_CC_GEU, s->cv_x, s->cv_y);
    if (s->cvop == (int)ARM_CV_ADD)
        return c_add(s, s->cv_x, s->cv_y);
    IRRef cf = ir_get(b, IR_I32, ARM_OFF(cf));
    if (s->cvop >= 0)
        return cf;
    IRRef op = ir_get(b, IR_I32, ARM_OFF(cvop));
    IRRef x = ir_get(b, IR_I32, ARM_OFF(cvx)), y = ir_get(b, IR_I32, ARM_OFF(cvy));
    return ir_select(b, IR_I32, cvop_is(s, op, ARM_CV_SUB), ir_setcc(b, IR_CC_GEU, x, y),
                     ir_select(b, IR_I32, cvop_is(s, op, ARM_CV_ADD), c_add(s, x, y), cf));
}

IRRef arm_get_v(ArmCtx *s)
{
    IRBlock *b = s->b;
    if (s->cvop >= 0 && (s->cvop & 3) == ARM_CV_SUB)
        return v_sub(s, s->cv_x, s->cv_y);
    if (s->cvop >= 0 && (s->cvop & 3) == ARM_CV_ADD)
        return v_add(s, s->cv_x, s->cv_y);
    IRRef vf = ir_get(b, IR_I32, ARM_OFF(vf));
    if (s->cvop >= 0)
        return vf;
    IRRef op = arm_bin(s, IR_AND, ir_get(b, IR_I32, ARM_OFF(cvop)), arm_k32(s, 3));
    IRRef x = ir_get(b, IR_I32, ARM_OFF(cvx)), y = ir_get(b, IR_I32, ARM_OFF(cvy));
    return ir_select(b, IR_I32, cvop_is(s, op, ARM_CV_SUB), v_sub(s, x, y),
                     ir_select(b, IR_I32, cvop_is(s, op, ARM_CV_ADD), v_add(s, x, y), vf));
}

static void remember(ArmCtx *s, int kind, IRRef x, IRRef y, IRRef res)
{
    if (s->cond != IR_NONE)
        return;
    s->fl_kind = kind;
    s->fl_x = x;
    s->fl_y = y;
    s->fl_res = res;
}

/* x + y + cin, the carry out from a 64-bit sum. */
static IRRef carry64(ArmCtx *s, IRRef x, IRRef y, IRRef cin)
{
    IRBlock *b = s->b;
    IRRef w = arm_bin64(s, IR_ADD, ir_unop(b, IR_EXTU, IR_I64, x), ir_unop(b, IR_EXTU, IR_I64, y));
    w = arm_bin64(s, IR_ADD, w, ir_unop(b, IR_EXTU, IR_I64, cin));
    return ir_unop(b, IR_TRUNC, IR_I32, arm_bin64(s, IR_SHR, w, ir_const64(b, 32)));
}

IRRef arm_add_flags(ArmCtx *s, IRRef x, IRRef y, IRRef cin, bool setflags)
{
    IRRef res = arm_bin(s, IR_ADD, x, y);
    if (cin != IR_NONE)
        res = arm_bin(s, IR_ADD, res, cin);
    if (!setflags)
        return res;
    arm_set_nz(s, res);
    if (cin == IR_NONE) {
        set_cv_lazy(s, ARM_CV_ADD, x, y);
        remember(s, FL_ADD, x, y, res);
    } else {
        arm_set_cv(s, carry64(s, x, y, cin),
                   arm_bin(s, IR_AND, arm_bin(s, IR_XOR, x, res), arm_bin(s, IR_XOR, y, res)));
    }
    return res;
}

IRRef arm_sub_flags(ArmCtx *s, IRRef x, IRRef y, IRRef cin, bool setflags)
{
    if (cin == IR_NONE) {
        IRRef res = arm_bin(s, IR_SUB, x, y);
        if (setflags) {
            arm_set_nz(s, res);
            set_cv_lazy(s, ARM_CV_SUB, x, y);
            remember(s, FL_SUB, x, y, res);
        }
        return res;
    }
    IRRef ny = arm_un(s, IR_NOT, y);
    IRRef res = arm_bin(s, IR_ADD, arm_bin(s, IR_ADD, x, ny), cin);
    if (setflags) {
        arm_set_nz(s, res);
        arm_set_cv(s, carry64(s, x, ny, cin),
                   arm_bin(s, IR_AND, arm_bin(s, IR_XOR, x, y), arm_bin(s, IR_XOR, x, res)));
    }
    return res;
}

/* ---- the shifter ------------------------------------------------------------- */

static IRRef bit_of(ArmCtx *s, IRRef v, unsigned n)
{
    return arm_bin(s, IR_AND, arm_bin(s, IR_SHR, v, arm_k32(s, n)), arm_k32(s, 1));
}

/* *cout = IR_NONE means C is unchanged. */
IRRef arm_shift_imm(ArmCtx *s, IRRef v, unsigned stype, unsigned n, IRRef *cout)
{
    IRRef r, c = IR_NONE;
    switch (stype) {
    case SH_LSL:
        if (n == 0)
            r = v;
        else {
            r = arm_bin(s, IR_SHL, v, arm_k32(s, n));
            if (cout)
                c = bit_of(s, v, 32 - n);
        }
        break;
    case SH_LSR:
        r = n == 32 ? arm_k32(s, 0) : arm_bin(s, IR_SHR, v, arm_k32(s, n));
        if (cout)
            c = bit_of(s, v, n - 1);
        break;
    case SH_ASR:
        r = arm_bin(s, IR_SAR, v, arm_k32(s, n == 32 ? 31 : n));
        if (cout)
            c = bit_of(s, v, n - 1);
        break;
    default:
        if (n == 0) {                        /* RRX */
            r = arm_bin(s, IR_OR, arm_bin(s, IR_SHL, arm_get_c(s), arm_k32(s, 31)),
                        arm_bin(s, IR_SHR, v, arm_k32(s, 1)));
            if (cout)
                c = arm_bin(s, IR_AND, v, arm_k32(s, 1));
        } else {
            r = arm_bin(s, IR_ROTR, v, arm_k32(s, n));
            if (cout)
                c = arm_bin(s, IR_SHR, r, arm_k32(s, 31));
        }
        break;
    }
    if (cout)
        *cout = c;
    return r;
}

static IRRef shift_reg(ArmCtx *s, IRRef v, unsigned stype, IRRef rs, IRRef *cout)
{
    IRBlock *b = s->b;
    IRRef amt = arm_bin(s, IR_AND, rs, arm_k32(s, 0xff));
    IRRef big = ir_setcc(b, IR_CC_GTU, amt, arm_k32(s, 32));
    if (!cout) {
        IRRef ge32 = ir_setcc(b, IR_CC_GEU, amt, arm_k32(s, 32));
        switch (stype) {
        case SH_LSL:
            return ir_select(b, IR_I32, ge32, arm_k32(s, 0), arm_bin(s, IR_SHL, v, amt));
        case SH_LSR:
            return ir_select(b, IR_I32, ge32, arm_k32(s, 0), arm_bin(s, IR_SHR, v, amt));
        case SH_ASR:
            return arm_bin(s, IR_SAR, v, ir_select(b, IR_I32, ge32, arm_k32(s, 31), amt));
        default:
            return arm_bin(s, IR_ROTR, v, amt);
        }
    }
    IRRef r, c;
    IRRef a33 = ir_unop(b, IR_EXTU, IR_I64, ir_select(b, IR_I32, big, arm_k32(s, 33), amt));
    IRRef k32 = ir_const64(b, 32);
    switch (stype) {
    case SH_LSL: {
        IRRef w = arm_bin64(s, IR_SHL, ir_unop(b, IR_EXTU, IR_I64, v), a33);
        r = ir_unop(b, IR_TRUNC, IR_I32, w);
        c = arm_bin(s, IR_AND, ir_unop(b, IR_TRUNC, IR_I32, arm_bin64(s, IR_SHR, w, k32)),
                    arm_k32(s, 1));
        break;
    }
    case SH_LSR:
    case SH_ASR: {
        IRRef wide = ir_unop(b, stype == SH_LSR ? IR_EXTU : IR_EXTS, IR_I64, v);
        IRRef w = arm_bin64(s, stype == SH_LSR ? IR_SHR : IR_SAR,
                            arm_bin64(s, IR_SHL, wide, k32), a33);
        r = ir_unop(b, IR_TRUNC, IR_I32, arm_bin64(s, IR_SHR, w, k32));
        c = arm_bin(s, IR_SHR, ir_unop(b, IR_TRUNC, IR_I32, w), arm_k32(s, 31));
        break;
    }
    default:
        r = arm_bin(s, IR_ROTR, v, amt);
        c = arm_bin(s, IR_SHR, r, arm_k32(s, 31));
        break;
    }
    *cout = ir_select(b, IR_I32, ir_setcc(b, IR_CC_EQ, amt, arm_k32(s, 0)), arm_get_c(s), c);
    return r;
}

/* Operand 2 of a data-processing instruction; cout as for arm_shift_imm. */
static IRRef operand2(ArmCtx *s, const ArmArgs *a, IRRef *cout)
{
    switch (a->op2) {
    case OP2_IMM:
        if (cout)
            *cout = a->carry < 0 ? IR_NONE : arm_k32(s, (uint32_t)a->carry);
        return arm_k32(s, (uint32_t)a->imm);
    case OP2_REG:
        return arm_shift_imm(s, arm_reg(s, (unsigned)a->rm), (unsigned)a->stype,
                             (unsigned)a->shift, cout);
    default:
        return shift_reg(s, arm_reg(s, (unsigned)a->rm), (unsigned)a->stype,
                         arm_reg(s, (unsigned)a->rs), cout);
    }
}

/* ---- data processing --------------------------------------------------------- */

enum { DP_AND, DP_EOR, DP_SUB, DP_RSB, DP_ADD, DP_ADC, DP_SBC, DP_RSC,
       DP_TST, DP_TEQ, DP_CMP, DP_CMN, DP_ORR, DP_MOV, DP_BIC, DP_MVN, DP_ORN };

static bool gen_dp(ArmCtx *s, const ArmArgs *a, int op)
{
    bool test = op >= DP_TST && op <= DP_CMN;
    bool logical = op <= DP_EOR || op == DP_TST || op == DP_TEQ || op >= DP_ORR;
    bool setflags = a->s || test;
    bool to_pc = !test && a->rd == 15;

    if (a->op2 == OP2_RSR && (a->rd == 15 || a->rm == 15 || a->rs == 15 || a->rn == 15))
        return false;                        /* UNPREDICTABLE */
    if (to_pc) {
        if (setflags)
            return false;                    /* subs pc, lr: exception return, not in user mode */
        arm_cond_to_exit(s);
    }
    IRRef cout = IR_NONE;
    IRRef y = operand2(s, a, setflags && logical ? &cout : NULL);
    IRRef x = (op == DP_MOV || op == DP_MVN) ? IR_NONE : arm_reg(s, (unsigned)a->rn);
    IRRef r;
    switch (op) {
    case DP_AND: case DP_TST: r = arm_bin(s, IR_AND, x, y); break;
    case DP_EOR: case DP_TEQ: r = arm_bin(s, IR_XOR, x, y); break;
    case DP_ORR: r = arm_bin(s, IR_OR, x, y); break;
    case DP_ORN: r = arm_bin(s, IR_OR, x, arm_un(s, IR_NOT, y)); break;
    case DP_BIC: r = arm_bin(s, IR_AND, x, arm_un(s, IR_NOT, y)); break;
    case DP_MOV: r = y; break;
    case DP_MVN: r = arm_un(s, IR_NOT, y); break;
    case DP_ADD: case DP_CMN: r = arm_add_flags(s, x, y, IR_NONE, setflags); break;
    case DP_ADC: r = arm_add_flags(s, x, y, arm_get_c(s), setflags); break;
    case DP_SUB: case DP_CMP: r = arm_sub_flags(s, x, y, IR_NONE, setflags); break;
    case DP_RSB: r = arm_sub_flags(s, y, x, IR_NONE, setflags); break;
    case DP_SBC: r = arm_sub_flags(s, x, y, arm_get_c(s), setflags); break;
    default:     r = arm_sub_flags(s, y, x, arm_get_c(s), setflags); break;   /* RSC */
    }
    if (logical && setflags) {
        arm_set_nz(s, r);
        if (cout != IR_NONE)
            arm_set_c(s, cout);
        remember(s, FL_LOGIC, IR_NONE, IR_NONE, r);
    }
    if (test)
        return true;
    if (to_pc)
        arm_write_pc(s, r, s->thumb ? PCW_BRANCH : PCW_BX);
    else
        arm_set_reg(s, (unsigned)a->rd, r);
    return true;
}

bool arm_trans_AND(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_AND); }
bool arm_trans_EOR(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_EOR); }
bool arm_trans_SUB(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_SUB); }
bool arm_trans_RSB(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_RSB); }
bool arm_trans_ADD(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_ADD); }
bool arm_trans_ADC(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_ADC); }
bool arm_trans_SBC(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_SBC); }
bool arm_trans_RSC(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_RSC); }
bool arm_trans_TST(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_TST); }
bool arm_trans_TEQ(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_TEQ); }
bool arm_trans_CMP(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_CMP); }
bool arm_trans_CMN(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_CMN); }
bool arm_trans_ORR(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_ORR); }
bool arm_trans_MOV(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_MOV); }
bool arm_trans_BIC(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_BIC); }
bool arm_trans_MVN(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_MVN); }
bool arm_trans_ORN(ArmCtx *s, const ArmArgs *a) { return gen_dp(s, a, DP_ORN); }

/* T16 mov rd, rm (lsl #0 outside IT) and the hi-register mov share MOV. */

bool arm_trans_MOVW(ArmCtx *s, const ArmArgs *a)
{
    if (a->rd == 15)
        return false;
    arm_set_reg(s, (unsigned)a->rd, arm_k32(s, (uint32_t)a->imm));
    return true;
}

bool arm_trans_MOVT(ArmCtx *s, const ArmArgs *a)
{
    if (a->rd == 15)
        return false;
    IRRef lo = arm_bin(s, IR_AND, arm_reg(s, (unsigned)a->rd), arm_k32(s, 0xffff));
    arm_set_reg(s, (unsigned)a->rd, arm_bin(s, IR_OR, lo, arm_k32(s, (uint32_t)a->imm << 16)));
    return true;
}

/* T16 adr: Align(PC, 4) + imm. */
bool arm_trans_ADR(ArmCtx *s, const ArmArgs *a)
{
    arm_set_reg(s, (unsigned)a->rd, arm_k32(s, (arm_pc_read(s) & ~3u) + (uint32_t)a->imm));
    return true;
}

/* T32 addw/subw (and adr when rn is the pc). */
static bool gen_addw(ArmCtx *s, const ArmArgs *a, bool sub)
{
    if (a->rd == 15)
        return false;
    IRRef x = arm_reg_align(s, (unsigned)a->rn);
    IROp op = sub ? IR_SUB : IR_ADD;
    arm_set_reg(s, (unsigned)a->rd, arm_bin(s, op, x, arm_k32(s, (uint32_t)a->imm)));
    return true;
}

bool arm_trans_ADDW(ArmCtx *s, const ArmArgs *a) { return gen_addw(s, a, false); }
bool arm_trans_SUBW(ArmCtx *s, const ArmArgs *a) { return gen_addw(s, a, true); }
