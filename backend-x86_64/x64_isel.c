/*
 * x64_isel.c - IR to x86-64: integer ops, compares and selects.
 *
 * Invariant kept for every i32 value: its 64-bit host register holds it
 * zero-extended (32-bit x86 ops and loads do this; TRUNC and helper
 * results are re-zero-extended explicitly).  So an i32 can index memory as
 * [r15 + reg] and EXTU costs nothing.
 *
 * Shape of each lowering: first every register-allocator call (operands,
 * result, scratch registers), then the instruction sequence, so that a
 * reload never lands between a compare and its jcc/setcc/cmov.  Two-address
 * x86 ops take over the first operand's register when it dies here, else
 * use lea (add) or a 3-operand form (imul imm, shlx, movzx) where one
 * exists, else mov + op.  Immediates: any CONST for 32-bit ops, a CONST
 * that sign-extends from 32 bits for 64-bit ops.  Values bound to a pinned
 * guest-state register (ra_bind, x64_loop.c) are read, never reused.
 *
 * Combined forms chosen by x64_glue.c before lowering: ADD x, SHL y, 1..3
 * is one lea (a 32-bit lea wraps like the guest's address arithmetic); an
 * exit on a SETCC that is also PUT branches on the flags of the SETCC's
 * compare when only GETs, PUTs and ADDs (then lowered as lea, which writes
 * no flags) lie between.  In the same way, SETCCs of the same operands in
 * a row (PowerPC CR fields) share the first one's compare, and so does an
 * exit whose fused compare has those operands; SELECTs on the same
 * computed condition (a run of ARM conditional instructions) share one
 * test.  TRUNC of a value whose high half is known zero (SHR by 32 or more,
 * EXTU) costs nothing.
 *
 * Division never traps: x/0 and MIN/-1 go to cold paths that produce the
 * IR's results (x/0 = 0, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0).  A DIV and a
 * REM of the same operands share one div; a divisor that an earlier exit
 * already tested against zero (the guest's divide-by-zero trap) is not
 * tested again.  NYI: division
 * by a constant through a multiply by its reciprocal (guest compilers
 * mostly do that already).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "x64_internal.h"

/* ---- constants ---------------------------------------------------------- */

uint64_t x64_cval(const X64Ctx *x, IRRef r)
{
    const IRInsn *in = &x->b->insn[r];
    return (uint64_t)in->a | (uint64_t)in->b << 32;
}

bool x64_is_const(const X64Ctx *x, IRRef r)
{
    return x->b->insn[r].op == IR_CONST;
}

bool x64_is_byte(const X64Ctx *x, IRRef r)
{
    const IRInsn *in = &x->b->insn[r];
    if (in->type != IR_I32)
        return false;
    switch (in->op) {
    case IR_LOAD:
        return (in->aux & IR_MEM_SIZE_MASK) == 1 && !(in->aux & IR_MEM_SIGNED);
    case IR_ZEXT8: case IR_SETCC: case IR_FCMP:
        return !(x->mark[r] & X64_M_FUSED);
    case IR_CONST:
        return x64_cval(x, r) <= 0xff;
    case IR_AND:
        return x64_is_const(x, in->b) && (uint32_t)x64_cval(x, in->b) <= 0xff;
    default:
        return false;
    }
}

/* Is r a CONST usable as an imm32 of a w-bit op? */
static bool imm_of(const X64Ctx *x, IRRef r, bool w, int32_t *imm)
{
    if (!x64_is_const(x, r))
        return false;
    uint64_t v = x64_cval(x, r);
    if (w && (int64_t)v != (int32_t)v)
        return false;
    *imm = (int32_t)(uint32_t)v;
    return true;
}

void x64_remat(void *ctx, unsigned reg, IRRef r)
{
    X64Ctx *x = ctx;
    uint64_t v = x64_cval(x, r);
    IRType t = ir_type(x->b, r);
    if (reg >= 16) {
        if (v == 0)
            x64_rr(&x->c, X64_XORPS, HW(reg), HW(reg));
        else
            x64_rr_pool(x, &x->c, t == IR_F32 ? X64_MOVSS_X_XM : X64_MOVSD_X_XM, HW(reg), v, 0);
    } else if (v == 0 && !x->flags_live) {
        x64_alu_rr(&x->c, X64_ALU_XOR, false, reg, reg);
    } else {
        x64_mov_ri(&x->c, t == IR_I64, reg, v);
    }
}

#define GPRS X64_GPR_ALLOC

/* ---- compares -------------------------------------------------------------- */

static X64Cond cc_of(unsigned irc)
{
    static const X64Cond map[IR_NCC] = {
        [IR_CC_EQ] = X64_CC_E, [IR_CC_NE] = X64_CC_NE,
        [IR_CC_LTS] = X64_CC_L, [IR_CC_LES] = X64_CC_LE,
        [IR_CC_GTS] = X64_CC_G, [IR_CC_GES] = X64_CC_GE,
        [IR_CC_LTU] = X64_CC_B, [IR_CC_LEU] = X64_CC_BE,
        [IR_CC_GTU] = X64_CC_A, [IR_CC_GEU] = X64_CC_AE,
    };
    return map[irc];
}

/* The condition with the operands exchanged (a < b == b > a). */
static X64Cond cc_swap(X64Cond cc)
{
    switch (cc) {
    case X64_CC_L:  return X64_CC_G;
    case X64_CC_G:  return X64_CC_L;
    case X64_CC_LE: return X64_CC_GE;
    case X64_CC_GE: return X64_CC_LE;
    case X64_CC_B:  return X64_CC_A;
    case X64_CC_A:  return X64_CC_B;
    case X64_CC_BE: return X64_CC_AE;
    case X64_CC_AE: return X64_CC_BE;
    default:        return cc;
    }
}

static void int_cmp_prepare(X64Ctx *x, IRRef c, X64Cmp *k)
{
    const IRInsn *in = &x->b->insn[c];
    bool w = ir_type(x->b, in->a) == IR_I64;
    IRRef a = in->a, b = in->b;
    int32_t imm;

    k->cond = c;
    k->fp = false;
    k->swap = false;
    k->use_imm = false;
    k->mem_side = 0;
    if (x64_folded(x, b) || x64_folded(x, a)) {     /* cmp r, [m] / cmp [m], r */
        k->mem_side = x64_folded(x, b) ? 1 : 2;
        k->mem = x64_folded_mem(x, k->mem_side == 1 ? b : a);
        if (k->mem_side == 1)
            k->ra = (int)ra_use(&x->ra, a, GPRS);
        else
            k->rb = (int)ra_use(&x->ra, b, GPRS);
        return;
    }
    if (!imm_of(x, b, w, &imm) && imm_of(x, a, w, &imm)) {
        IRRef t = a;
        a = b;
        b = t;
        k->swap = true;
    }
    k->ra = (int)ra_use(&x->ra, a, GPRS);
    if (imm_of(x, b, w, &imm)) {
        k->use_imm = true;
        k->imm = imm;
        k->rb = -1;
    } else {
        k->rb = (int)ra_use(&x->ra, b, GPRS);
    }
}

static X64Cond int_cmp_emit(X64Ctx *x, const X64Cmp *k)
{
    const IRInsn *in = &x->b->insn[k->cond];
    bool w = ir_type(x->b, in->a) == IR_I64;
    uint32_t wf = w ? X64_W : 0;

    if (k->mem_side == 1)
        x64_alu_rm(&x->c, X64_ALU_CMP, w, (unsigned)k->ra, k->mem);
    else if (k->mem_side == 2)
        x64_rm(&x->c, X64_CMP_RM_R | wf, (unsigned)k->rb, k->mem);
    else if (k->use_imm && k->imm == 0) /* test sets ZF/SF and clears CF/OF: same answers */
        x64_rr(&x->c, X64_TEST_RM_R | wf, (unsigned)k->ra, (unsigned)k->ra);
    else if (k->use_imm)
        x64_alu_ri(&x->c, X64_ALU_CMP, w, (unsigned)k->ra, k->imm);
    else
        x64_alu_rr(&x->c, X64_ALU_CMP, w, (unsigned)k->ra, (unsigned)k->rb);
    X64Cond cc = cc_of(in->aux);
    return k->swap ? cc_swap(cc) : cc;
}

void x64_cmp_prepare(X64Ctx *x, IRRef cond, X64Cmp *k)
{
    k->fused = (x->mark[cond] & X64_M_FUSED) != 0;
    if (!k->fused) {
        k->cond = cond;
        k->fp = false;
        k->ra = (int)ra_use(&x->ra, cond, GPRS);
    } else if (x->b->insn[cond].op == IR_FCMP) {
        x64_fcmp_prepare(x, cond, k);
        k->fp = true;
    } else {
        int_cmp_prepare(x, cond, k);
    }
}

X64Cond x64_cmp_emit(X64Ctx *x, const X64Cmp *k)
{
    if (!k->fused) {
        x64_rr(&x->c, X64_TEST_RM_R, (unsigned)k->ra, (unsigned)k->ra);
        return X64_CC_NE;
    }
    return k->fp ? x64_fcmp_emit(x, k) : int_cmp_emit(x, k);
}

X64Cond x64_flags_cc(const X64Ctx *x, IRRef c)
{
    X64Cond cc = cc_of(x->b->insn[c].aux);
    return x->flags_swap ? cc_swap(cc) : cc;
}

static void lower_setcc(X64Ctx *x, IRRef i, const IRInsn *in)
{
    X64Cmp k;
    if (x->mark[i] & X64_M_CMPREUSE) {      /* the flags of at[i]'s compare */
        if (x->flags_src != x->at[i]) {
            fprintf(stderr, "xbt: x64: flags of %u expected at %u\n", x->at[i], i);
            abort();
        }
        X64Cond cc = x64_flags_cc(x, i);
        unsigned d = ra_def(&x->ra, i, GPRS);
        x64_setcc(&x->c, cc, d);
        x64_rr(&x->c, X64_MOVZX_R_RM8, d, d);
        x->flags_src = i;
        x->flags_cc = cc;
        return;
    }
    int_cmp_prepare(x, i, &k);
    int d = x64_folded(x, in->a) ? -1 : ra_reuse(&x->ra, i, in->a, GPRS);
    if (d < 0 && !x64_folded(x, in->b))
        d = ra_reuse(&x->ra, i, in->b, GPRS);
    if (d < 0)
        d = (int)ra_def(&x->ra, i, GPRS);
    X64Cond cc = int_cmp_emit(x, &k);
    x64_setcc(&x->c, cc, (unsigned)d);
    x64_rr(&x->c, X64_MOVZX_R_RM8, (unsigned)d, (unsigned)d);
    x->flags_src = i;                       /* an exit may branch on these flags */
    x->flags_cc = cc;
    x->flags_swap = k.swap;
}

static void lower_select(X64Ctx *x, IRRef i, const IRInsn *in)
{
    IRType t = (IRType)in->type;
    bool fp = t == IR_F32 || t == IR_F64;
    uint64_t set = fp ? X64_FPR_ALLOC : GPRS;
    X64Cmp k;

    x64_cmp_prepare(x, in->a, &k);
    unsigned rx = ra_use(&x->ra, in->b, set);
    unsigned ry = ra_use(&x->ra, in->c, set);
    int d = ra_reuse(&x->ra, i, in->c, set);
    if (d < 0)
        d = (int)ra_def(&x->ra, i, set);
    bool reuse = x->mark[i] & X64_M_TESTREUSE;      /* the flags of the last test of a */
    if (fp) {
        if ((unsigned)d != ry)
            x64_rr(&x->c, X64_MOVAPS_X_XM, HW(d), HW(ry));
        X64Cond cc = reuse ? X64_CC_NE : x64_cmp_emit(x, &k);
        x64_jcc8(&x->c, x64_cc_not(cc), 0);
        size_t at = x->c.pos;
        x64_rr(&x->c, X64_MOVAPS_X_XM, HW(d), HW(rx));
        if (at - 1 < x->c.cap)
            x->c.base[at - 1] = (uint8_t)(x->c.pos - at);
        return;
    }
    if ((unsigned)d != ry)
        x64_rr(&x->c, X64_MOV_RM_R | (t == IR_I64 ? X64_W : 0), ry, (unsigned)d);
    X64Cond cc = reuse ? X64_CC_NE : x64_cmp_emit(x, &k);
    x64_cmov(&x->c, cc, t == IR_I64, (unsigned)d, rx);
}

/* ---- arithmetic --------------------------------------------------------------- */

static X64Alu alu_of(unsigned op)
{
    switch (op) {
    case IR_ADD: return X64_ALU_ADD;
    case IR_SUB: return X64_ALU_SUB;
    case IR_AND: return X64_ALU_AND;
    case IR_OR:  return X64_ALU_OR;
    default:     return X64_ALU_XOR;
    }
}

/* d <- d op s (register forms). */
static void op_rr(X64Ctx *x, unsigned op, bool w, unsigned d, unsigned s)
{
    if (op == IR_MUL)
        x64_rr(&x->c, X64_IMUL_R_RM | (w ? X64_W : 0), d, s);
    else
        x64_alu_rr(&x->c, alu_of(op), w, d, s);
}

static void mov_rr(X64Ctx *x, bool w, unsigned d, unsigned s)
{
    if (d != s)
        x64_rr(&x->c, X64_MOV_RM_R | (w ? X64_W : 0), s, d);
}

static void lower_binop_imm(X64Ctx *x, IRRef i, unsigned op, bool w, IRRef a, int32_t imm)
{
    unsigned ra_ = ra_use(&x->ra, a, GPRS);
    if (op == IR_ADD || (op == IR_SUB && imm != INT32_MIN)) {
        int32_t add = op == IR_ADD ? imm : -imm;
        int d = ra_reuse(&x->ra, i, a, GPRS);
        if (d >= 0 && (x->mark[i] & X64_M_KEEPFLAGS)) {
            x64_rm(&x->c, X64_LEA | (w ? X64_W : 0), (unsigned)d, x64_mem((int)ra_, add));
        } else if (d >= 0) {
            if (add != 0)
                x64_alu_ri(&x->c, op == IR_ADD ? X64_ALU_ADD : X64_ALU_SUB, w, (unsigned)d, imm);
        } else {
            d = (int)ra_def(&x->ra, i, GPRS);
            x64_rm(&x->c, X64_LEA | (w ? X64_W : 0), (unsigned)d, x64_mem((int)ra_, add));
        }
        return;
    }
    unsigned d = ra_def_reuse(&x->ra, i, a, GPRS);
    if (op == IR_MUL) {
        x64_imul_rri(&x->c, w, d, ra_, imm);
    } else if (op == IR_AND && (imm == 0xff || imm == 0xffff)) {
        x64_rr(&x->c, imm == 0xff ? X64_MOVZX_R_RM8 : X64_MOVZX_R_RM16, d, ra_);
    } else if (op == IR_AND && !w && imm == -1) {
        mov_rr(x, w, d, ra_);
    } else {
        mov_rr(x, w, d, ra_);
        x64_alu_ri(&x->c, alu_of(op), w, d, imm);
    }
}

/* d = o + (y << n), n = 1..3: the SHL s was left to this ADD (X64_M_LEA). */
static void lower_lea(X64Ctx *x, IRRef i, bool w, IRRef o, IRRef s)
{
    const IRInsn *si = &x->b->insn[s];
    unsigned n = (unsigned)(x64_cval(x, si->b) & (w ? 63 : 31));
    uint32_t wf = w ? X64_W : 0;
    int32_t imm;
    unsigned ry = ra_use(&x->ra, si->a, GPRS);
    if (imm_of(x, o, w, &imm)) {
        unsigned d = ra_def_reuse(&x->ra, i, si->a, GPRS);
        x64_rm(&x->c, X64_LEA | wf, d, x64_mem_idx(X64_NOREG, (int)ry, n, imm));
        return;
    }
    unsigned ro = ra_use(&x->ra, o, GPRS);
    int d = ra_reuse(&x->ra, i, o, GPRS);
    if (d < 0)
        d = (int)ra_def_reuse(&x->ra, i, si->a, GPRS);
    x64_rm(&x->c, X64_LEA | wf, (unsigned)d, x64_mem_idx((int)ro, (int)ry, n, 0));
}

/* d = (p ^ q) & 0xff (or |) with p a zero-extended byte: the XOR/OR s
 * was left to this AND (X64_M_NARROW). */
static void lower_narrow(X64Ctx *x, IRRef i, IRRef s)
{
    const IRInsn *si = &x->b->insn[s];
    IRRef p = x64_is_byte(x, si->a) ? si->a : si->b, q = p == si->a ? si->b : si->a;
    unsigned rp = ra_use(&x->ra, p, GPRS), rq = ra_use(&x->ra, q, GPRS);
    unsigned d = ra_def_reuse(&x->ra, i, p, GPRS);
    mov_rr(x, false, d, rp);
    x64_rr(&x->c, si->op == IR_XOR ? X64_XOR_RM8_R8 : X64_OR_RM8_R8, rq, d);
}

static void lower_binop(X64Ctx *x, IRRef i, const IRInsn *in)
{
    unsigned op = in->op;
    bool w = in->type == IR_I64, comm = ir_op_info[op].flags & IR_OF_COMM;
    IRRef a = in->a, b = in->b;
    int32_t imm;

    if (op == IR_ADD && (x->mark[b] & X64_M_LEA)) {
        lower_lea(x, i, w, a, b);
        return;
    }
    if (op == IR_AND && ((x->mark[a] | x->mark[b]) & X64_M_NARROW)) {
        lower_narrow(x, i, x->mark[a] & X64_M_NARROW ? a : b);
        return;
    }
    if (op == IR_ADD && (x->mark[a] & X64_M_LEA)) {
        lower_lea(x, i, w, b, a);
        return;
    }
    if (x64_folded(x, a) || x64_folded(x, b)) {     /* op d, [rbx+off] */
        if (x64_folded(x, a)) {                    /* commutative: fold b instead */
            IRRef t = a;
            a = b;
            b = t;
        }
        unsigned ra_ = ra_use(&x->ra, a, GPRS);
        unsigned d = ra_def_reuse(&x->ra, i, a, GPRS);
        X64Mem m = x64_folded_mem(x, b);
        mov_rr(x, w, d, ra_);
        if (op == IR_MUL)
            x64_rm(&x->c, X64_IMUL_R_RM | (w ? X64_W : 0), d, m);
        else
            x64_alu_rm(&x->c, alu_of(op), w, d, m);
        return;
    }
    if (imm_of(x, b, w, &imm)) {
        lower_binop_imm(x, i, op, w, a, imm);
        return;
    }
    if (comm && imm_of(x, a, w, &imm)) {
        lower_binop_imm(x, i, op, w, b, imm);
        return;
    }
    unsigned ra_ = ra_use(&x->ra, a, GPRS), rb = ra_use(&x->ra, b, GPRS);
    if (op == IR_ADD && (x->mark[i] & X64_M_KEEPFLAGS)) {      /* no flags written */
        unsigned d = ra_def_reuse(&x->ra, i, a, GPRS);
        x64_rm(&x->c, X64_LEA | (w ? X64_W : 0), d, x64_mem_idx((int)ra_, (int)rb, 0, 0));
        return;
    }
    int d = ra_reuse(&x->ra, i, a, GPRS);
    if (d >= 0) {
        op_rr(x, op, w, (unsigned)d, rb);
        return;
    }
    if (comm && (d = ra_reuse(&x->ra, i, b, GPRS)) >= 0) {
        op_rr(x, op, w, (unsigned)d, ra_);
        return;
    }
    d = (int)ra_def(&x->ra, i, GPRS);
    if (op == IR_ADD) {
        x64_rm(&x->c, X64_LEA | (w ? X64_W : 0), (unsigned)d, x64_mem_idx((int)ra_, (int)rb, 0, 0));
        return;
    }
    mov_rr(x, w, (unsigned)d, ra_);
    op_rr(x, op, w, (unsigned)d, rb);
}

/* Is v known to be nonzero at instruction i: did an earlier exit leave
 * when v == 0 (a guest's divide-by-zero trap)? */
static bool known_nonzero(const X64Ctx *x, IRRef v, IRRef i)
{
    for (IRRef u = 0; u < i; u++) {
        const IRInsn *in = &x->b->insn[u];
        if (in->op != IR_TRAP_IF && in->op != IR_EXIT_IF)
            continue;
        const IRInsn *c = &x->b->insn[in->a];
        if (c->op == IR_SETCC && c->aux == IR_CC_EQ && x64_is_const(x, c->b) &&
            x64_cval(x, c->b) == 0 && c->a == v)
            return true;
    }
    return false;
}

/* DIVS/DIVU/REMS/REMU: rax:rdx are claimed; cold paths give the IR's
 * results for a zero divisor and for MIN / -1 (which would trap).  A
 * paired DIV/REM (X64_M_PAIRED, at[j] == i) is defined here too, from the
 * other half of the same div. */
static void lower_div(X64Ctx *x, IRRef i, const IRInsn *in)
{
    unsigned op = in->op;
    bool w = in->type == IR_I64, sgn = op == IR_DIVS || op == IR_REMS;
    bool rem = op == IR_REMS || op == IR_REMU;
    uint64_t allow = GPRS & ~(BIT(X64_RAX) | BIT(X64_RDX));
    uint32_t wf = w ? X64_W : 0;
    X64Buf *c = &x->c;

    IRRef pair = IR_NONE;
    for (IRRef j = i + 1; j < x->b->n && j <= i + X64_PAIR_WINDOW; j++)
        if ((x->mark[j] & X64_M_PAIRED) && x->at[j] == i)
            pair = j;
    bool want_q = !rem || pair != IR_NONE, want_r = rem || pair != IR_NONE;
    /* a dividend already in rax that dies here stays there */
    bool a_in_rax = ra_reg(&x->ra, in->a) == X64_RAX && ra_dies(&x->ra, in->a) && in->a != in->b;
    unsigned ra_;
    if (a_in_rax) {
        ra_claim(&x->ra, X64_RDX);
        ra_ = ra_use(&x->ra, in->a, BIT(X64_RAX));
    } else {
        ra_claim_mask(&x->ra, BIT(X64_RAX) | BIT(X64_RDX));
        ra_ = ra_use(&x->ra, in->a, allow);
    }
    unsigned rb = ra_use(&x->ra, in->b, allow);
    uint64_t bv = 0;
    bool known = x64_is_const(x, in->b);
    if (known) {
        bv = x64_cval(x, in->b);
        if (!w)
            bv = (uint64_t)(int64_t)(int32_t)bv;
    }
    size_t j_zero = 0, j_m1 = 0;
    bool chk_zero = (!known || bv == 0) && !known_nonzero(x, in->b, i);
    bool chk_m1 = sgn && (!known || bv == ~0ull);
    if (chk_zero) {
        x64_rr(c, X64_TEST_RM_R | wf, rb, rb);
        j_zero = x64_jcc_cold(x, X64_CC_E);
    }
    if (chk_m1) {
        x64_alu_ri(c, X64_ALU_CMP, w, rb, -1);
        j_m1 = x64_jcc_cold(x, X64_CC_E);
    }
    mov_rr(x, w, X64_RAX, ra_);
    if (sgn) {
        x64_op(c, X64_CDQ | wf);
        x64_rr(c, X64_IDIV_RM | wf, 0, rb);
    } else {
        x64_alu_rr(c, X64_ALU_XOR, false, X64_RDX, X64_RDX);
        x64_rr(c, X64_DIV_RM | wf, 0, rb);
    }
    size_t back = c->pos;
    if (chk_zero) {                 /* x/0 = 0, x%0 = x */
        x64_bind_cold(x, j_zero);
        if (want_r)
            x64_rr(&x->cold, X64_MOV_RM_R | wf, ra_, X64_RDX);
        if (want_q)
            x64_alu_rr(&x->cold, X64_ALU_XOR, false, X64_RAX, X64_RAX);
        x64_jmp_main(x, back);
    }
    if (chk_m1) {                   /* x/-1 = -x (MIN stays MIN), x%-1 = 0 */
        x64_bind_cold(x, j_m1);
        if (want_r)
            x64_alu_rr(&x->cold, X64_ALU_XOR, false, X64_RDX, X64_RDX);
        if (want_q) {
            x64_rr(&x->cold, X64_MOV_RM_R | wf, ra_, X64_RAX);
            x64_rr(&x->cold, X64_NEG_RM | wf, 0, X64_RAX);
        }
        x64_jmp_main(x, back);
    }
    /* results: the quotient in rax (taking over a's register when a sat
     * there), the remainder in rdx; both scratch registers claimed above */
    IRRef q = rem ? pair : i, r = rem ? i : pair;
    if (q != IR_NONE && a_in_rax)
        ra_reuse(&x->ra, q, in->a, BIT(X64_RAX));
    else if (q != IR_NONE)
        ra_def_fixed(&x->ra, q, X64_RAX);
    if (r != IR_NONE)
        ra_def_fixed(&x->ra, r, X64_RDX);
}

static X64Shift shift_of(unsigned op)
{
    switch (op) {
    case IR_SHL: return X64_SH_SHL;
    case IR_SHR: return X64_SH_SHR;
    case IR_SAR: return X64_SH_SAR;
    default:     return X64_SH_ROR;
    }
}

static void lower_shift(X64Ctx *x, IRRef i, const IRInsn *in)
{
    unsigned op = in->op;
    bool w = in->type == IR_I64;
    uint32_t wf = w ? X64_W : 0;
    X64Shift sh = shift_of(op);

    if (x64_is_const(x, in->b)) {
        uint8_t n = (uint8_t)(x64_cval(x, in->b) & (w ? 63 : 31));
        unsigned ra_ = ra_use(&x->ra, in->a, GPRS);
        unsigned d = ra_def_reuse(&x->ra, i, in->a, GPRS);
        if (op == IR_ROTR && n && d != ra_ && (x->feat & X64F_BMI2)) {
            x64_rri8(&x->c, X64_RORX | wf, d, ra_, n);
            return;
        }
        mov_rr(x, w, d, ra_);
        if (n)
            x64_shift_ri(&x->c, sh, wf, d, n);
        return;
    }
    if ((x->feat & X64F_BMI2) && op != IR_ROTR) {
        static const uint32_t bmi[3] = { X64_SHLX, X64_SHRX, X64_SARX };
        unsigned ra_ = ra_use(&x->ra, in->a, GPRS), rb = ra_use(&x->ra, in->b, GPRS);
        unsigned d = ra_def_reuse(&x->ra, i, in->a, GPRS);
        x64_vrr(&x->c, bmi[op - IR_SHL] | wf, d, rb, ra_);
        return;
    }
    uint64_t allow = GPRS & ~BIT(X64_RCX);
    ra_claim(&x->ra, X64_RCX);
    unsigned ra_ = ra_use(&x->ra, in->a, allow), rb = ra_use(&x->ra, in->b, allow);
    unsigned d = ra_def_reuse(&x->ra, i, in->a, allow);
    mov_rr(x, false, X64_RCX, rb);
    mov_rr(x, w, d, ra_);
    x64_shift_rcl(&x->c, sh, w, d);
}

static void lower_unop(X64Ctx *x, IRRef i, const IRInsn *in)
{
    bool w = in->type == IR_I64;
    uint32_t wf = w ? X64_W : 0;
    X64Buf *c = &x->c;
    unsigned ra_ = ra_use(&x->ra, in->a, GPRS);

    switch (in->op) {
    case IR_EXTU: {
        int d = ra_reuse(&x->ra, i, in->a, GPRS);   /* already zero-extended: free */
        if (d < 0)
            mov_rr(x, false, ra_def(&x->ra, i, GPRS), ra_);
        return;
    }
    case IR_TRUNC: {
        const IRInsn *ai = &x->b->insn[in->a];
        bool high_zero = (ai->op == IR_SHR && x64_is_const(x, ai->b) && (x64_cval(x, ai->b) & 63) >= 32) ||
                         ai->op == IR_EXTU;
        int d = ra_reuse(&x->ra, i, in->a, GPRS);
        if (d >= 0 && high_zero)                    /* bits 63:32 are zero already */
            return;
        if (d < 0)
            d = (int)ra_def(&x->ra, i, GPRS);
        x64_rr(c, X64_MOV_RM_R, ra_, (unsigned)d);  /* also when d == ra_: clears 63:32 */
        return;
    }
    default:
        break;
    }
    unsigned d = ra_def_reuse(&x->ra, i, in->a, GPRS);
    switch (in->op) {
    case IR_NOT:
    case IR_NEG:
        mov_rr(x, w, d, ra_);
        x64_rr(c, (in->op == IR_NOT ? X64_NOT_RM : X64_NEG_RM) | wf, 0, d);
        break;
    case IR_BSWAP:
        mov_rr(x, w, d, ra_);
        x64_oreg(c, X64_BSWAP | wf, d);
        break;
    case IR_CLZ:
        if (x->feat & X64F_LZCNT) {
            x64_rr(c, X64_LZCNT | wf, d, ra_);
        } else {            /* width-1 - bsr(a), with bsr(0) taken as -1 */
            x64_mov_ri(c, w, X64_TMP, w ? ~0ull : 0xffffffffu);
            x64_rr(c, X64_BSR | wf, d, ra_);
            x64_cmov(c, X64_CC_E, w, d, X64_TMP);
            x64_rr(c, X64_NEG_RM | wf, 0, d);
            x64_alu_ri(c, X64_ALU_ADD, w, d, w ? 63 : 31);
        }
        break;
    case IR_SEXT8:
        x64_rr(c, X64_MOVSX_R_RM8, d, ra_);
        break;
    case IR_SEXT16:
        x64_rr(c, X64_MOVSX_R_RM16, d, ra_);
        break;
    case IR_ZEXT8:
        x64_rr(c, X64_MOVZX_R_RM8, d, ra_);
        break;
    case IR_ZEXT16:
        x64_rr(c, X64_MOVZX_R_RM16, d, ra_);
        break;
    case IR_EXTS:
        x64_rr(c, X64_MOVSXD, d, ra_);
        break;
    default:
        abort();
    }
}

void x64_lower_int(X64Ctx *x, IRRef i)
{
    const IRInsn *in = &x->b->insn[i];
    switch ((IROp)in->op) {
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_AND: case IR_OR: case IR_XOR:
        lower_binop(x, i, in);
        break;
    case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
        lower_div(x, i, in);
        break;
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTR:
        lower_shift(x, i, in);
        break;
    case IR_NOT: case IR_NEG: case IR_CLZ: case IR_BSWAP: case IR_SEXT8: case IR_SEXT16:
    case IR_ZEXT8: case IR_ZEXT16: case IR_EXTS: case IR_EXTU: case IR_TRUNC:
        lower_unop(x, i, in);
        break;
    case IR_SETCC:
        lower_setcc(x, i, in);
        break;
    case IR_SELECT:
        if (x->mark[i] & X64_M_NANFIX)
            x64_lower_nanfix(x, i);
        else
            lower_select(x, i, in);
        break;
    default:
        fprintf(stderr, "xbt: x64: no lowering for op %s\n", ir_op_info[in->op].name);
        abort();
    }
}
