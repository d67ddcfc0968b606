/*
 * branch.c - ARM32 control flow and system instructions: b, bl, blx, bx,
 * cbz/cbnz, tbb/tbh, it, svc, bkpt/udf, hints, barriers, mrs/msr (APSR),
 * and the CP15 registers user mode reaches (TPIDRURO/TPIDRURW, the old
 * CP15 barrier operations).
 *
 * Pc writes (ARM ARM A2.3.2): BXWritePC interworks - bit 0 of the value
 * selects Thumb, an ARM target is word aligned - and is used by bx, blx,
 * loads to the pc and A32 data-processing writes; BranchWritePC keeps the
 * state (Thumb data-processing writes to the pc).  In xbt's pc convention
 * (cpu.h) an interworking address is already the block key, so BX is one
 * select.  svc leaves with IR_EXIT_SYSCALL at its own pc; the syscall ABI
 * advances the pc by 2 or 4 from bit 0.
 *
 * bkpt gives SIGTRAP/TRAP_BRKPT; udf SIGILL/ILL_ILLOPC, except the Linux
 * breakpoint words (A32 0xe7f001f0, T16 0xde01), which give SIGTRAP
 * (arch/arm/kernel/ptrace.c).  NYI: svc inside an IT block but not last in
 * it (the syscall's return would lose the IT state) raises SIGILL.
 */
#include "translate.h"

void arm_write_pc(ArmCtx *s, IRRef v, int kind)
{
    IRBlock *b = s->b;
    IRRef t;
    if (kind == PCW_BX) {
        IRRef odd = arm_bin(s, IR_AND, v, arm_k32(s, 1));
        t = ir_select(b, IR_I32, odd, v, arm_bin(s, IR_AND, v, arm_k32(s, ~3u)));
    } else if (s->thumb) {
        t = arm_bin(s, IR_OR, v, arm_k32(s, 1));
    } else {
        t = arm_bin(s, IR_AND, v, arm_k32(s, ~3u));
    }
    ir_jump(b, t);
    s->end = true;
}

/* Unconditional direct exit. */
static void goto_key(ArmCtx *s, uint32_t key)
{
    ir_goto(s->b, key);
    s->end = true;
}

/* Conditional direct branch: exit when taken, else go on. */
static void branch_if(ArmCtx *s, IRRef cond, uint32_t key)
{
    ir_exit_if(s->b, cond, key);
    if (!(s->opt && s->opt->superblocks))
        goto_key(s, arm_next_key(s));
}

/* Return address of a call: the next instruction, Thumb bit set in Thumb. */
static uint32_t link_value(ArmCtx *s) { return arm_next_key(s); }

bool arm_trans_B(ArmCtx *s, const ArmArgs *a)
{
    uint32_t key = (arm_pc_read(s) + (uint32_t)a->imm) | s->thumb;
    if (s->cond != IR_NONE)
        branch_if(s, s->cond, key);
    else
        goto_key(s, key);
    return true;
}

bool arm_trans_BL(ArmCtx *s, const ArmArgs *a)
{
    uint32_t key = (arm_pc_read(s) + (uint32_t)a->imm) | s->thumb;
    arm_cond_to_exit(s);
    arm_set_reg(s, 14, arm_k32(s, link_value(s)));
    goto_key(s, key);
    return true;
}

/* blx <imm>: to the other instruction set. */
bool arm_trans_BLXI(ArmCtx *s, const ArmArgs *a)
{
    uint32_t key;
    if (s->thumb) {
        if (a->imm & 2)
            return false;                     /* H = 1: UNDEFINED */
        key = ((arm_pc_read(s) & ~3u) + (uint32_t)a->imm) & ~3u;
    } else {
        key = (arm_pc_read(s) + (uint32_t)a->imm) | 1;
    }
    arm_cond_to_exit(s);
    arm_set_reg(s, 14, arm_k32(s, link_value(s)));
    goto_key(s, key);
    return true;
}

bool arm_trans_BX(ArmCtx *s, const ArmArgs *a)
{
    arm_cond_to_exit(s);
    arm_write_pc(s, arm_reg(s, (unsigned)a->rm), PCW_BX);
    return true;
}

bool arm_trans_BLX(ArmCtx *s, const ArmArgs *a)
{
    if (a->rm == 15)
        return false;
    arm_cond_to_exit(s);
    IRRef v = arm_reg(s, (unsigned)a->rm);
    arm_set_reg(s, 14, arm_k32(s, link_value(s)));
    arm_write_pc(s, v, PCW_BX);
    return true;
}

static bool gen_cbz(ArmCtx *s, const ArmArgs *a, IRCond cc)
{
    if (s->in_it)
        return false;
    IRRef c = ir_setcc(s->b, cc, arm_reg(s, (unsigned)a->rn), arm_k32(s, 0));
    branch_if(s, c, (arm_pc_read(s) + (uint32_t)a->imm) | 1);
    return true;
}

bool arm_trans_CBZ(ArmCtx *s, const ArmArgs *a) { return gen_cbz(s, a, IR_CC_EQ); }
bool arm_trans_CBNZ(ArmCtx *s, const ArmArgs *a) { return gen_cbz(s, a, IR_CC_NE); }

/* tbb [rn, rm] / tbh [rn, rm, lsl #1] */
bool arm_trans_TBB(ArmCtx *s, const ArmArgs *a)
{
    if (a->rm == 13 || a->rm == 15 || a->rn == 13)
        return false;
    arm_cond_to_exit(s);
    IRRef idx = arm_reg(s, (unsigned)a->rm);
    if (a->op)
        idx = arm_bin(s, IR_SHL, idx, arm_k32(s, 1));
    IRRef addr = arm_bin(s, IR_ADD, arm_reg(s, (unsigned)a->rn), idx);
    IRRef off = ir_load(s->b, IR_I32, arm_memop(a->op ? 2 : 1, false), addr);
    IRRef t = arm_bin(s, IR_ADD, arm_k32(s, arm_pc_read(s) | 1), arm_bin(s, IR_SHL, off, arm_k32(s, 1)));
    ir_jump(s->b, t);
    s->end = true;
    return true;
}

bool arm_trans_IT(ArmCtx *s, const ArmArgs *a)
{
    unsigned first = ((unsigned)a->imm >> 4) & 0xf;
    if (s->in_it || first == 0xf || (first == 0xe && (a->imm & 0xf) != 8))
        return false;
    s->it = (uint32_t)a->imm & 0xff;
    return true;
}

/* ---- traps ------------------------------------------------------------------ */

bool arm_trans_SVC(ArmCtx *s, const ArmArgs *a)
{
    if (s->in_it && !s->it_last)
        return false;                         /* NYI: see the top */
    arm_cond_to_exit(s);
    ir_trap(s->b, IR_EXIT_SYSCALL, s->pc | s->thumb, 0);
    s->end = true;
    return true;
}

/* A trap under a condition (IT block, A32 cond) is a TRAP_IF, so that
 * translation goes on in the same block. */
static void raise_cond(ArmCtx *s, int signo, int si_code)
{
    if (s->cond == IR_NONE)
        arm_raise(s, signo, si_code);
    else
        ir_trap_if(s->b, s->cond, IR_EXIT_SIGNAL, s->pc | s->thumb, arm_sig(signo, si_code));
}

/* setend le / be: xbt keeps guest data little endian only.  SETEND LE is
 * then a no-op; NYI: SETEND BE (CPSR.E, big-endian loads and stores; Linux
 * on ARMv7 allows it) raises SIGILL at the instruction. */
bool arm_trans_SETEND(ArmCtx *s, const ArmArgs *a)
{
    bool be = s->thumb ? (s->insn >> 3 & 1) : (s->insn >> 9 & 1);
    if (be)
        raise_cond(s, SIGILL, ILL_ILLOPC);
    return true;
}

bool arm_trans_BKPT(ArmCtx *s, const ArmArgs *a)
{
    raise_cond(s, SIGTRAP, TRAP_BRKPT);
    return true;
}

bool arm_trans_UDF(ArmCtx *s, const ArmArgs *a)
{
    bool brk = s->thumb ? (s->len == 2 && s->insn == 0xde01) : (s->insn == 0xe7f001f0);
    raise_cond(s, brk ? SIGTRAP : SIGILL, brk ? TRAP_BRKPT : ILL_ILLOPC);
    return true;
}

/* ---- hints and barriers --------------------------------------------------------- */

bool arm_trans_HINT(ArmCtx *s, const ArmArgs *a) { return true; }   /* nop yield wfe wfi sev dbg */
bool arm_trans_PLD(ArmCtx *s, const ArmArgs *a) { return true; }

static bool gen_fence(ArmCtx *s)
{
    ir_emit(s->b, IR_FENCE, IR_VOID, 0, 0, 0, 0);
    return true;
}

bool arm_trans_DMB(ArmCtx *s, const ArmArgs *a) { return gen_fence(s); }
bool arm_trans_DSB(ArmCtx *s, const ArmArgs *a) { return gen_fence(s); }
bool arm_trans_ISB(ArmCtx *s, const ArmArgs *a) { return gen_fence(s); }
bool arm_trans_MCR_BAR(ArmCtx *s, const ArmArgs *a) { return gen_fence(s); }

/* ---- APSR ------------------------------------------------------------------------ */

IRRef arm_apsr_value(ArmCtx *s);

IRRef arm_apsr_value(ArmCtx *s)
{
    IRBlock *b = s->b;
    IRRef z = arm_k32(s, 0);
    IRRef n = arm_bin(s, IR_AND, ir_get(b, IR_I32, ARM_OFF(nf)), arm_k32(s, 0x80000000u));
    IRRef zz = arm_bin(s, IR_SHL, ir_setcc(b, IR_CC_EQ, ir_get(b, IR_I32, ARM_OFF(zf)), z), arm_k32(s, 30));
    IRRef c = arm_bin(s, IR_SHL, arm_get_c(s), arm_k32(s, 29));
    IRRef v = arm_bin(s, IR_SHL, arm_bin(s, IR_SHR, arm_get_v(s), arm_k32(s, 31)),
                      arm_k32(s, 28));
    IRRef q = arm_bin(s, IR_SHL, ir_setcc(b, IR_CC_NE, ir_get(b, IR_I32, ARM_OFF(qf)), z), arm_k32(s, 27));
    IRRef ge = arm_bin(s, IR_SHL, ir_get(b, IR_I32, ARM_OFF(ge)), arm_k32(s, 16));
    IRRef r = arm_bin(s, IR_OR, arm_bin(s, IR_OR, n, zz), arm_bin(s, IR_OR, c, v));
    r = arm_bin(s, IR_OR, r, arm_bin(s, IR_OR, q, ge));
    return arm_bin(s, IR_OR, r, arm_k32(s, 0x10));    /* user mode */
}

/* Writes the NZCVQ and/or GE fields from v (mask bits: 2 = nzcvq, 1 = g). */
static void apsr_write(ArmCtx *s, IRRef v, unsigned mask)
{
    if (mask & 2) {
        arm_put(s, IR_I32, ARM_OFF(nf), v);
        arm_put(s, IR_I32, ARM_OFF(zf), arm_bin(s, IR_XOR, arm_bin(s, IR_AND, v, arm_k32(s, 1u << 30)),
                                                arm_k32(s, 1u << 30)));
        arm_set_cv(s, arm_bin(s, IR_AND, arm_bin(s, IR_SHR, v, arm_k32(s, 29)), arm_k32(s, 1)),
                   arm_bin(s, IR_SHL, v, arm_k32(s, 3)));
        arm_put(s, IR_I32, ARM_OFF(qf), arm_bin(s, IR_AND, v, arm_k32(s, 1u << 27)));
    }
    if (mask & 1)
        arm_put(s, IR_I32, ARM_OFF(ge), arm_bin(s, IR_AND, arm_bin(s, IR_SHR, v, arm_k32(s, 16)),
                                                arm_k32(s, 0xf)));
    s->fl_kind = FL_NONE;
}

bool arm_trans_MRS(ArmCtx *s, const ArmArgs *a)
{
    if (a->rd == 15)
        return false;
    arm_set_reg(s, (unsigned)a->rd, arm_apsr_value(s));
    return true;
}

bool arm_trans_MSR(ArmCtx *s, const ArmArgs *a)
{
    if (a->rm == 15 || a->op == 0)
        return false;
    apsr_write(s, arm_reg(s, (unsigned)a->rm), (unsigned)a->op);
    return true;
}

bool arm_trans_MSRI(ArmCtx *s, const ArmArgs *a)
{
    unsigned mask = (s->insn >> 18) & 3;
    if (mask == 0)
        return false;
    apsr_write(s, arm_k32(s, (uint32_t)a->imm), mask);
    return true;
}

/* ---- CP15 thread registers ----------------------------------------------------------- */

bool arm_trans_MRC_TLS(ArmCtx *s, const ArmArgs *a)
{
    if (a->rt == 15)
        return false;
    uint32_t off = a->opc2 == 3 ? ARM_OFF(tpidruro) : ARM_OFF(tpidrurw);
    arm_set_reg(s, (unsigned)a->rt, ir_get(s->b, IR_I32, off));
    return true;
}

bool arm_trans_MCR_TLS(ArmCtx *s, const ArmArgs *a)
{
    if (a->rt == 15)
        return false;
    arm_put(s, IR_I32, ARM_OFF(tpidrurw), arm_reg(s, (unsigned)a->rt));
    return true;
}
