/*
 * branch.c - MIPS32 branches and jumps (all with one delay slot).
 *
 * Every translator here computes its condition and target first, then
 * writes the link register ($31 = pc + 8, or rd for jalr) - so a slot that
 * reads the link register sees the new value - and then lets the engine
 * translate the delay slot (mips_delay_slot) before emitting the exits.
 *
 *   conditional:  [slot] EXIT_IF cond -> target; fall-through continues the
 *                 superblock at pc+8, or GOTO pc+8
 *   likely:       EXIT_IF !cond -> pc+8; [slot]; GOTO target
 *   j, jal, b:    [slot] GOTO target
 *   jr, jalr:     [slot] JUMP target (read before the slot and the link write)
 *
 * Conditions decided by the register numbers alone (beq $x,$x; bgez $zero,
 * which is `b`/`bal`; bne $x,$x) become plain jumps or fall-throughs.  In R2
 * the link forms with rs = 31 are UNPREDICTABLE; the condition is read
 * before the link write.  bc1f/bc1t read the FCSR condition code.
 */
#include "translate.h"

enum { BR_COND, BR_ALWAYS, BR_NEVER };

static uint32_t branch_target(MipsCtx *s, const MipsArgs *a)
{
    return s->pc + 4 + (uint32_t)a->imm;
}

/* kind BR_COND uses cond (i32 0/1).  link: write $31 = pc+8 first. */
static bool gen_branch(MipsCtx *s, int kind, IRRef cond, uint32_t target, bool likely, bool link)
{
    IRBlock *b = s->b;
    uint32_t fall = s->pc + 8;

    if (link)
        mips_set_gpr(s, 31, mips_k32(s, fall));

    if (likely) {
        if (kind == BR_NEVER) {          /* the slot is nullified */
            s->next_pc = fall;
            return true;
        }
        if (kind == BR_COND)
            ir_exit_if(b, ir_setcc(b, IR_CC_EQ, cond, mips_k32(s, 0)), fall);
        if (mips_delay_slot(s)) {
            ir_goto(b, target);
            s->end = true;
        }
        return true;
    }

    if (!mips_delay_slot(s))
        return true;
    switch (kind) {
    case BR_ALWAYS:
        ir_goto(b, target);
        s->end = true;
        break;
    case BR_NEVER:
        s->next_pc = fall;
        break;
    default:
        ir_exit_if(b, cond, target);
        if (s->opt && s->opt->superblocks) {
            s->next_pc = fall;
        } else {
            ir_goto(b, fall);
            s->end = true;
        }
        break;
    }
    return true;
}

/* rs <cc> 0, with the outcome for rs = $zero known: zero_taken. */
static bool gen_bcmpz(MipsCtx *s, const MipsArgs *a, IRCond cc, bool zero_taken,
                      bool likely, bool link)
{
    if (a->rs == 0)
        return gen_branch(s, zero_taken ? BR_ALWAYS : BR_NEVER, IR_NONE,
                          branch_target(s, a), likely, link);
    IRRef cond = ir_setcc(s->b, cc, mips_gpr(s, a->rs), mips_k32(s, 0));
    return gen_branch(s, BR_COND, cond, branch_target(s, a), likely, link);
}

static bool gen_beq(MipsCtx *s, const MipsArgs *a, IRCond cc, bool likely)
{
    if (a->rs == a->rt)
        return gen_branch(s, cc == IR_CC_EQ ? BR_ALWAYS : BR_NEVER, IR_NONE,
                          branch_target(s, a), likely, false);
    IRRef cond = ir_setcc(s->b, cc, mips_gpr(s, a->rs), mips_gpr(s, a->rt));
    return gen_branch(s, BR_COND, cond, branch_target(s, a), likely, false);
}

bool trans_BEQ(MipsCtx *s, const MipsArgs *a)     { return gen_beq(s, a, IR_CC_EQ, false); }
bool trans_BNE(MipsCtx *s, const MipsArgs *a)     { return gen_beq(s, a, IR_CC_NE, false); }
bool trans_BEQL(MipsCtx *s, const MipsArgs *a)    { return gen_beq(s, a, IR_CC_EQ, true); }
bool trans_BNEL(MipsCtx *s, const MipsArgs *a)    { return gen_beq(s, a, IR_CC_NE, true); }
bool trans_BLEZ(MipsCtx *s, const MipsArgs *a)    { return gen_bcmpz(s, a, IR_CC_LES, true, false, false); }
bool trans_BGTZ(MipsCtx *s, const MipsArgs *a)    { return gen_bcmpz(s, a, IR_CC_GTS, false, false, false); }
bool trans_BLEZL(MipsCtx *s, const MipsArgs *a)   { return gen_bcmpz(s, a, IR_CC_LES, true, true, false); }
bool trans_BGTZL(MipsCtx *s, const MipsArgs *a)   { return gen_bcmpz(s, a, IR_CC_GTS, false, true, false); }
bool trans_BLTZ(MipsCtx *s, const MipsArgs *a)    { return gen_bcmpz(s, a, IR_CC_LTS, false, false, false); }
bool trans_BGEZ(MipsCtx *s, const MipsArgs *a)    { return gen_bcmpz(s, a, IR_CC_GES, true, false, false); }
bool trans_BLTZL(MipsCtx *s, const MipsArgs *a)   { return gen_bcmpz(s, a, IR_CC_LTS, false, true, false); }
bool trans_BGEZL(MipsCtx *s, const MipsArgs *a)   { return gen_bcmpz(s, a, IR_CC_GES, true, true, false); }
bool trans_BLTZAL(MipsCtx *s, const MipsArgs *a)  { return gen_bcmpz(s, a, IR_CC_LTS, false, false, true); }
bool trans_BGEZAL(MipsCtx *s, const MipsArgs *a)  { return gen_bcmpz(s, a, IR_CC_GES, true, false, true); }
bool trans_BLTZALL(MipsCtx *s, const MipsArgs *a) { return gen_bcmpz(s, a, IR_CC_LTS, false, true, true); }
bool trans_BGEZALL(MipsCtx *s, const MipsArgs *a) { return gen_bcmpz(s, a, IR_CC_GES, true, true, true); }

static bool gen_bc1(MipsCtx *s, const MipsArgs *a, bool tf, bool likely)
{
    IRRef cond = mips_fcc(s, (unsigned)a->cc);
    if (!tf)
        cond = ir_setcc(s->b, IR_CC_EQ, cond, mips_k32(s, 0));
    return gen_branch(s, BR_COND, cond, branch_target(s, a), likely, false);
}

bool trans_BC1F(MipsCtx *s, const MipsArgs *a)  { return gen_bc1(s, a, false, false); }
bool trans_BC1T(MipsCtx *s, const MipsArgs *a)  { return gen_bc1(s, a, true, false); }
bool trans_BC1FL(MipsCtx *s, const MipsArgs *a) { return gen_bc1(s, a, false, true); }
bool trans_BC1TL(MipsCtx *s, const MipsArgs *a) { return gen_bc1(s, a, true, true); }

/* ---- jumps ------------------------------------------------------------------ */

static bool gen_j(MipsCtx *s, const MipsArgs *a, bool link)
{
    uint32_t target = ((s->pc + 4) & 0xf0000000u) | (uint32_t)a->imm;
    return gen_branch(s, BR_ALWAYS, IR_NONE, target, false, link);
}

bool trans_J(MipsCtx *s, const MipsArgs *a)   { return gen_j(s, a, false); }
bool trans_JAL(MipsCtx *s, const MipsArgs *a) { return gen_j(s, a, true); }

/* jr/jalr (and the .hb forms: hazard barriers need nothing here).  A
 * target with bit 0 set would switch to MIPS16/microMIPS, which this CPU
 * lacks: the fetch at the odd pc then raises SIGBUS, as do_ade does. */
static bool gen_jr(MipsCtx *s, const MipsArgs *a, unsigned link_reg)
{
    IRRef target = mips_gpr(s, a->rs);
    mips_set_gpr(s, link_reg, mips_k32(s, s->pc + 8));
    if (mips_delay_slot(s)) {
        ir_jump(s->b, target);
        s->end = true;
    }
    return true;
}

bool trans_JR(MipsCtx *s, const MipsArgs *a)      { return gen_jr(s, a, 0); }
bool trans_JR_HB(MipsCtx *s, const MipsArgs *a)   { return gen_jr(s, a, 0); }
bool trans_JALR(MipsCtx *s, const MipsArgs *a)    { return gen_jr(s, a, (unsigned)a->rd); }
bool trans_JALR_HB(MipsCtx *s, const MipsArgs *a) { return gen_jr(s, a, (unsigned)a->rd); }
