/*
 * cr.c - PowerPC32 branches and the condition register: b, bc, bclr,
 * bcctr, the CR logical operations, mcrf, mfcr/mfocrf, mtcrf/mtocrf and
 * mcrxr.
 *
 * bc family (Book I 2.4): BO bit 16 ignores the condition, bit 8 is the
 * value CR[BI] must have, bit 4 leaves CTR alone (otherwise CTR is
 * decremented first and bit 2 selects "branch if CTR == 0"), bit 1 and the
 * "at" hint bits are ignored.  bclr reads LR before an LK = 1 form writes
 * it, so bclrl jumps to the old LR.  bcctr with BO bit 4 clear (decrement
 * CTR) is an invalid form and raises SIGILL, as QEMU does.  Branch targets
 * drop their low two bits.
 *
 * Block ends: a conditional branch to a constant target becomes an EXIT_IF
 * and, with superblocks, translation goes on at the fall-through; an
 * unconditional one ends the block with a chainable GOTO, except that a
 * branch to the next instruction (`bcl 20,31,$+4`, the PIC idiom for
 * reading the pc) simply continues.  A branch to LR/CTR leaves through JUMP
 * (the per-thread jump cache); when it is conditional an EXIT_IF to the
 * fall-through comes first.
 *
 * The CR is one word per bit (cpu.h): mfcr assembles all 32, mtcrf writes
 * the bits of the selected fields.
 */
#include "translate.h"

/* ---- branches ----------------------------------------------------------- */

enum { BO_NOCOND = 16, BO_TRUE = 8, BO_NOCTR = 4, BO_CTRZERO = 2 };

/* The branch condition (i32 0/1), or IR_NONE when the branch is always
 * taken.  Decrements CTR when BO says so. */
static IRRef branch_cond(PpcCtx *s, unsigned bo, unsigned bi)
{
    IRBlock *b = s->b;
    IRRef cond = IR_NONE;
    if (!(bo & BO_NOCTR)) {
        IRRef ctr = ppc_bin(s, IR_SUB, ppc_get(s, PPC_OFF(ctr)), ppc_k32(s, 1));
        ppc_put(s, PPC_OFF(ctr), ctr);
        cond = ir_setcc(b, (bo & BO_CTRZERO) ? IR_CC_EQ : IR_CC_NE, ctr, ppc_k32(s, 0));
    }
    if (!(bo & BO_NOCOND)) {
        IRRef c = ppc_crbit(s, bi);
        if (!(bo & BO_TRUE))      /* (cmp) == 0 folds to the inverted compare */
            c = ir_setcc(b, IR_CC_EQ, c, ppc_k32(s, 0));
        cond = cond == IR_NONE ? c : ppc_bin(s, IR_AND, cond, c);
    }
    return cond;
}

static void set_link(PpcCtx *s, bool lk)
{
    if (lk)
        ppc_put(s, PPC_OFF(lr), ppc_k32(s, s->pc + 4));
}

/* Exits for a branch to a constant target. */
static bool branch_to(PpcCtx *s, IRRef cond, uint32_t target)
{
    IRBlock *b = s->b;
    uint32_t fall = s->pc + 4;
    if (cond == IR_NONE) {
        if (target == fall) {           /* continue: same path either way */
            s->next_pc = fall;
            return true;
        }
        ir_goto(b, target);
        s->end = true;
        return true;
    }
    ir_exit_if(b, cond, target);
    if (s->opt && s->opt->superblocks) {
        s->next_pc = fall;
    } else {
        ir_goto(b, fall);
        s->end = true;
    }
    return true;
}

/* Exits for a branch to a register value (LR or CTR, low bits cleared). */
static bool branch_reg(PpcCtx *s, IRRef cond, IRRef target)
{
    IRBlock *b = s->b;
    if (cond != IR_NONE)
        ir_exit_if(b, ir_setcc(b, IR_CC_EQ, cond, ppc_k32(s, 0)), s->pc + 4);
    ir_jump(b, target);
    s->end = true;
    return true;
}

bool ppc_trans_B(PpcCtx *s, const PpcArgs *a)
{
    uint32_t target = (a->aa ? 0 : s->pc) + (uint32_t)a->imm;
    set_link(s, a->lk);
    return branch_to(s, IR_NONE, target);
}

bool ppc_trans_BC(PpcCtx *s, const PpcArgs *a)
{
    uint32_t target = (a->aa ? 0 : s->pc) + (uint32_t)a->imm;
    IRRef cond = branch_cond(s, (unsigned)a->bo, (unsigned)a->bi);
    set_link(s, a->lk);
    return branch_to(s, cond, target);
}

bool ppc_trans_BCLR(PpcCtx *s, const PpcArgs *a)
{
    IRRef target = ppc_bin(s, IR_AND, ppc_get(s, PPC_OFF(lr)), ppc_k32(s, ~3u));
    IRRef cond = branch_cond(s, (unsigned)a->bo, (unsigned)a->bi);
    set_link(s, a->lk);
    return branch_reg(s, cond, target);
}

bool ppc_trans_BCCTR(PpcCtx *s, const PpcArgs *a)
{
    if (!(a->bo & BO_NOCTR))            /* invalid form */
        return false;
    IRRef target = ppc_bin(s, IR_AND, ppc_get(s, PPC_OFF(ctr)), ppc_k32(s, ~3u));
    IRRef cond = branch_cond(s, (unsigned)a->bo, (unsigned)a->bi);
    set_link(s, a->lk);
    return branch_reg(s, cond, target);
}

/* ---- CR logical ------------------------------------------------------------ */

/* cr[bt] = op(cr[ba], cr[bb]) with inv_b: complement cr[bb] first, inv:
 * complement the result. */
static bool gen_crlogic(PpcCtx *s, const PpcArgs *a, IROp op, bool inv_b, bool inv)
{
    IRRef one = ppc_k32(s, 1);
    IRRef x = ppc_crbit(s, (unsigned)a->ba), y = ppc_crbit(s, (unsigned)a->bb);
    if (inv_b)
        y = ppc_bin(s, IR_XOR, y, one);
    IRRef r = ppc_bin(s, op, x, y);
    if (inv)
        r = ppc_bin(s, IR_XOR, r, one);
    ppc_set_crbit(s, (unsigned)a->bt, r);
    return true;
}

bool ppc_trans_CRAND(PpcCtx *s, const PpcArgs *a)  { return gen_crlogic(s, a, IR_AND, false, false); }
bool ppc_trans_CROR(PpcCtx *s, const PpcArgs *a)   { return gen_crlogic(s, a, IR_OR, false, false); }
bool ppc_trans_CRXOR(PpcCtx *s, const PpcArgs *a)  { return gen_crlogic(s, a, IR_XOR, false, false); }
bool ppc_trans_CRNAND(PpcCtx *s, const PpcArgs *a) { return gen_crlogic(s, a, IR_AND, false, true); }
bool ppc_trans_CRNOR(PpcCtx *s, const PpcArgs *a)  { return gen_crlogic(s, a, IR_OR, false, true); }
bool ppc_trans_CREQV(PpcCtx *s, const PpcArgs *a)  { return gen_crlogic(s, a, IR_XOR, false, true); }
bool ppc_trans_CRANDC(PpcCtx *s, const PpcArgs *a) { return gen_crlogic(s, a, IR_AND, true, false); }
bool ppc_trans_CRORC(PpcCtx *s, const PpcArgs *a)  { return gen_crlogic(s, a, IR_OR, true, false); }

bool ppc_trans_MCRF(PpcCtx *s, const PpcArgs *a)
{
    IRRef v[4];
    for (unsigned k = 0; k < 4; k++)
        v[k] = ppc_crbit(s, 4 * (unsigned)a->bfa + k);
    for (unsigned k = 0; k < 4; k++)
        ppc_set_crbit(s, 4 * (unsigned)a->bf + k, v[k]);
    return true;
}

/* CR field bf = SO OV CA 0, then SO = OV = CA = 0 (32-bit implementations;
 * removed from the architecture in v3.0). */
bool ppc_trans_MCRXR(PpcCtx *s, const PpcArgs *a)
{
    IRRef zero = ppc_k32(s, 0);
    ppc_set_crf(s, (unsigned)a->bf, ppc_get(s, PPC_OFF(xer_so)), ppc_get(s, PPC_OFF(xer_ov)),
                ppc_get(s, PPC_OFF(xer_ca)), zero);
    ppc_put(s, PPC_OFF(xer_so), zero);
    ppc_put(s, PPC_OFF(xer_ov), zero);
    ppc_put(s, PPC_OFF(xer_ca), zero);
    return true;
}

/* ---- moves to and from the whole CR ------------------------------------------ */

/* The bits of the fields in mask (bit 7 - n selects field n) as a CR word. */
static IRRef cr_assemble(PpcCtx *s, unsigned fields)
{
    IRRef v = IR_NONE;
    for (unsigned i = 0; i < 32; i++) {
        if (!(fields & (0x80u >> (i / 4))))
            continue;
        IRRef bit = ppc_crbit(s, i);
        if (i != 31)
            bit = ppc_bin(s, IR_SHL, bit, ppc_k32(s, 31 - i));
        v = v == IR_NONE ? bit : ppc_bin(s, IR_OR, v, bit);
    }
    return v == IR_NONE ? ppc_k32(s, 0) : v;
}

bool ppc_trans_MFCR(PpcCtx *s, const PpcArgs *a)
{
    ppc_set_gpr(s, (unsigned)a->rt, cr_assemble(s, 0xff));
    return true;
}

/* With exactly one FXM bit the field is copied and the rest of RT is
 * zero (as QEMU and POWER4+ do); any other FXM is undefined: zero here. */
bool ppc_trans_MFOCRF(PpcCtx *s, const PpcArgs *a)
{
    unsigned fxm = (unsigned)a->fxm;
    bool one = fxm && !(fxm & (fxm - 1));
    ppc_set_gpr(s, (unsigned)a->rt, one ? cr_assemble(s, fxm) : ppc_k32(s, 0));
    return true;
}

static bool gen_mtcrf(PpcCtx *s, unsigned fields, unsigned rs)
{
    IRRef v = IR_NONE;
    for (unsigned i = 0; i < 32; i++) {
        if (!(fields & (0x80u >> (i / 4))))
            continue;
        if (v == IR_NONE)
            v = ppc_gpr(s, rs);
        IRRef bit = i == 31 ? v : ppc_bin(s, IR_SHR, v, ppc_k32(s, 31 - i));
        if (i != 0)
            bit = ppc_bin(s, IR_AND, bit, ppc_k32(s, 1));
        ppc_set_crbit(s, i, bit);
    }
    return true;
}

bool ppc_trans_MTCRF(PpcCtx *s, const PpcArgs *a)  { return gen_mtcrf(s, (unsigned)a->fxm, (unsigned)a->rs); }
/* NYI: an FXM with several bits is undefined for mtocrf; it acts as mtcrf. */
bool ppc_trans_MTOCRF(PpcCtx *s, const PpcArgs *a) { return gen_mtcrf(s, (unsigned)a->fxm, (unsigned)a->rs); }
