/*
 * alu.c - MIPS32 integer computation: arithmetic, logic, shifts, compares,
 * HI/LO multiply and divide, SPECIAL2/SPECIAL3 bit operations, conditional
 * moves, and the instructions that trap or talk to the kernel (traps,
 * break, syscall, sync, rdhwr, privileged encodings).
 *
 * Overflow: add/addi/sub raise SIGFPE/FPE_INTOVF (the kernel's do_ov) and
 * leave rd unchanged.  Division by zero is UNPREDICTABLE in hardware; the
 * IR's DIVS/REMS rules give the values (x/0 = 0, x%0 = x); gcc guards
 * divisions with `teq rt, $zero, 7`, which traps as below.
 *
 * Trap and break codes follow arch/mips/kernel/traps.c (do_bp, do_tr,
 * do_trap_or_bp): code 6 (BRK_OVERFLOW) gives SIGFPE/FPE_INTOVF, code 7
 * (BRK_DIVZERO) SIGFPE/FPE_INTDIV; break otherwise SIGTRAP/TRAP_BRKPT except
 * codes 12 (BRK_BUG) and 514 (BRK_MEMU), which like every other trap
 * instruction give SIGTRAP with si_code SI_KERNEL (force_sig).  Immediate
 * trap forms carry no code (0).  The break code is taken from bits 25..6
 * and, when >= 1024, its two 10-bit halves are swapped (the kernel's
 * assembler-bug heuristic).
 *
 * rdhwr: $0 CPUNum, $1 SYNCI_Step, $2 CC, $3 CCRes and $29 UserLocal are
 * readable from user mode on a Linux R2 system (the kernel sets HWREna and
 * emulates ULR); any other register traps to the kernel, whose
 * simulate_rdhwr_normal then returns without changing rt and without a
 * signal, so it is a no-op here too.
 */
#include "translate.h"

#include <time.h>

/* ---- three-register and immediate ALU ------------------------------------ */

static bool gen_alu3(MipsCtx *s, const MipsArgs *a, IROp op)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, mips_bin(s, op, mips_gpr(s, a->rs), mips_gpr(s, a->rt)));
    return true;
}

static bool gen_alui(MipsCtx *s, const MipsArgs *a, IROp op)
{
    if (a->rt)
        mips_set_gpr(s, a->rt, mips_bin(s, op, mips_gpr(s, a->rs), mips_k32(s, (uint32_t)a->imm)));
    return true;
}

static bool gen_setcc3(MipsCtx *s, const MipsArgs *a, IRCond cc)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, ir_setcc(s->b, cc, mips_gpr(s, a->rs), mips_gpr(s, a->rt)));
    return true;
}

static bool gen_setcci(MipsCtx *s, const MipsArgs *a, IRCond cc)
{
    if (a->rt)
        mips_set_gpr(s, a->rt, ir_setcc(s->b, cc, mips_gpr(s, a->rs), mips_k32(s, (uint32_t)a->imm)));
    return true;
}

/* x + y or x - y, trapping on signed overflow before rd is written. */
static bool gen_add_ov(MipsCtx *s, unsigned rd, IRRef x, IRRef y, bool sub)
{
    IRRef r = mips_bin(s, sub ? IR_SUB : IR_ADD, x, y);
    IRRef t = sub ? mips_bin(s, IR_AND, mips_bin(s, IR_XOR, x, y), mips_bin(s, IR_XOR, x, r))
                  : mips_bin(s, IR_AND, mips_bin(s, IR_XOR, x, r), mips_bin(s, IR_XOR, y, r));
    mips_trap_if(s, ir_setcc(s->b, IR_CC_LTS, t, mips_k32(s, 0)), SIGFPE, FPE_INTOVF);
    mips_set_gpr(s, rd, r);
    return true;
}

bool trans_ADD(MipsCtx *s, const MipsArgs *a)
{
    return gen_add_ov(s, a->rd, mips_gpr(s, a->rs), mips_gpr(s, a->rt), false);
}

bool trans_SUB(MipsCtx *s, const MipsArgs *a)
{
    return gen_add_ov(s, a->rd, mips_gpr(s, a->rs), mips_gpr(s, a->rt), true);
}

bool trans_ADDI(MipsCtx *s, const MipsArgs *a)
{
    return gen_add_ov(s, a->rt, mips_gpr(s, a->rs), mips_k32(s, (uint32_t)a->imm), false);
}

bool trans_ADDU(MipsCtx *s, const MipsArgs *a)  { return gen_alu3(s, a, IR_ADD); }
bool trans_SUBU(MipsCtx *s, const MipsArgs *a)  { return gen_alu3(s, a, IR_SUB); }
bool trans_AND(MipsCtx *s, const MipsArgs *a)   { return gen_alu3(s, a, IR_AND); }
bool trans_OR(MipsCtx *s, const MipsArgs *a)    { return gen_alu3(s, a, IR_OR); }
bool trans_XOR(MipsCtx *s, const MipsArgs *a)   { return gen_alu3(s, a, IR_XOR); }
bool trans_SLT(MipsCtx *s, const MipsArgs *a)   { return gen_setcc3(s, a, IR_CC_LTS); }
bool trans_SLTU(MipsCtx *s, const MipsArgs *a)  { return gen_setcc3(s, a, IR_CC_LTU); }
bool trans_ADDIU(MipsCtx *s, const MipsArgs *a) { return gen_alui(s, a, IR_ADD); }
bool trans_ANDI(MipsCtx *s, const MipsArgs *a)  { return gen_alui(s, a, IR_AND); }
bool trans_ORI(MipsCtx *s, const MipsArgs *a)   { return gen_alui(s, a, IR_OR); }
bool trans_XORI(MipsCtx *s, const MipsArgs *a)  { return gen_alui(s, a, IR_XOR); }
bool trans_SLTI(MipsCtx *s, const MipsArgs *a)  { return gen_setcci(s, a, IR_CC_LTS); }
bool trans_SLTIU(MipsCtx *s, const MipsArgs *a) { return gen_setcci(s, a, IR_CC_LTU); }

bool trans_NOR(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, mips_un(s, IR_NOT, mips_bin(s, IR_OR, mips_gpr(s, a->rs),
                                                          mips_gpr(s, a->rt))));
    return true;
}

bool trans_LUI(MipsCtx *s, const MipsArgs *a)
{
    mips_set_gpr(s, a->rt, mips_k32(s, (uint32_t)a->imm << 16));
    return true;
}

/* ---- shifts -------------------------------------------------------------- */

static bool gen_shift(MipsCtx *s, const MipsArgs *a, IROp op)
{
    if (a->rd)      /* covers nop, ssnop, ehb, pause: sll $0, $0, n */
        mips_set_gpr(s, a->rd, mips_bin(s, op, mips_gpr(s, a->rt), mips_k32(s, (uint32_t)a->sa)));
    return true;
}

/* The IR takes shift counts modulo 32, as MIPS uses rs[4:0]. */
static bool gen_shiftv(MipsCtx *s, const MipsArgs *a, IROp op)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, mips_bin(s, op, mips_gpr(s, a->rt), mips_gpr(s, a->rs)));
    return true;
}

bool trans_SLL(MipsCtx *s, const MipsArgs *a)   { return gen_shift(s, a, IR_SHL); }
bool trans_SRL(MipsCtx *s, const MipsArgs *a)   { return gen_shift(s, a, IR_SHR); }
bool trans_SRA(MipsCtx *s, const MipsArgs *a)   { return gen_shift(s, a, IR_SAR); }
bool trans_ROTR(MipsCtx *s, const MipsArgs *a)  { return gen_shift(s, a, IR_ROTR); }
bool trans_SLLV(MipsCtx *s, const MipsArgs *a)  { return gen_shiftv(s, a, IR_SHL); }
bool trans_SRLV(MipsCtx *s, const MipsArgs *a)  { return gen_shiftv(s, a, IR_SHR); }
bool trans_SRAV(MipsCtx *s, const MipsArgs *a)  { return gen_shiftv(s, a, IR_SAR); }
bool trans_ROTRV(MipsCtx *s, const MipsArgs *a) { return gen_shiftv(s, a, IR_ROTR); }

/* ---- HI/LO ----------------------------------------------------------------- */

static IRRef get_hilo(MipsCtx *s)
{
    IRBlock *b = s->b;
    IRRef hi = ir_unop(b, IR_EXTU, IR_I64, ir_get(b, IR_I32, MIPS_OFF(hi)));
    IRRef lo = ir_unop(b, IR_EXTU, IR_I64, ir_get(b, IR_I32, MIPS_OFF(lo)));
    return ir_binop(b, IR_OR, IR_I64, ir_binop(b, IR_SHL, IR_I64, hi, ir_const64(b, 32)), lo);
}

static void set_hilo(MipsCtx *s, IRRef v)
{
    IRBlock *b = s->b;
    ir_put(b, IR_I32, MIPS_OFF(lo), ir_unop(b, IR_TRUNC, IR_I32, v));
    ir_put(b, IR_I32, MIPS_OFF(hi),
           ir_unop(b, IR_TRUNC, IR_I32, ir_binop(b, IR_SHR, IR_I64, v, ir_const64(b, 32))));
}

static IRRef gen_mul64(MipsCtx *s, const MipsArgs *a, bool sign)
{
    IRBlock *b = s->b;
    IROp ext = sign ? IR_EXTS : IR_EXTU;
    return ir_binop(b, IR_MUL, IR_I64, ir_unop(b, ext, IR_I64, mips_gpr(s, a->rs)),
                    ir_unop(b, ext, IR_I64, mips_gpr(s, a->rt)));
}

/* mult/multu (acc 0), madd/maddu (+1), msub/msubu (-1) */
static bool gen_mult(MipsCtx *s, const MipsArgs *a, bool sign, int acc)
{
    IRRef p = gen_mul64(s, a, sign);
    if (acc)
        p = ir_binop(s->b, acc > 0 ? IR_ADD : IR_SUB, IR_I64, get_hilo(s), p);
    set_hilo(s, p);
    return true;
}

bool trans_MULT(MipsCtx *s, const MipsArgs *a)  { return gen_mult(s, a, true, 0); }
bool trans_MULTU(MipsCtx *s, const MipsArgs *a) { return gen_mult(s, a, false, 0); }
bool trans_MADD(MipsCtx *s, const MipsArgs *a)  { return gen_mult(s, a, true, 1); }
bool trans_MADDU(MipsCtx *s, const MipsArgs *a) { return gen_mult(s, a, false, 1); }
bool trans_MSUB(MipsCtx *s, const MipsArgs *a)  { return gen_mult(s, a, true, -1); }
bool trans_MSUBU(MipsCtx *s, const MipsArgs *a) { return gen_mult(s, a, false, -1); }

static bool gen_div(MipsCtx *s, const MipsArgs *a, IROp div, IROp rem)
{
    IRRef x = mips_gpr(s, a->rs), y = mips_gpr(s, a->rt);
    ir_put(s->b, IR_I32, MIPS_OFF(lo), mips_bin(s, div, x, y));
    ir_put(s->b, IR_I32, MIPS_OFF(hi), mips_bin(s, rem, x, y));
    return true;
}

bool trans_DIV(MipsCtx *s, const MipsArgs *a)  { return gen_div(s, a, IR_DIVS, IR_REMS); }
bool trans_DIVU(MipsCtx *s, const MipsArgs *a) { return gen_div(s, a, IR_DIVU, IR_REMU); }

bool trans_MUL(MipsCtx *s, const MipsArgs *a)
{
    /* HI and LO are UNPREDICTABLE afterwards in R2; they are left alone. */
    return gen_alu3(s, a, IR_MUL);
}

bool trans_MFHI(MipsCtx *s, const MipsArgs *a)
{
    mips_set_gpr(s, a->rd, ir_get(s->b, IR_I32, MIPS_OFF(hi)));
    return true;
}

bool trans_MFLO(MipsCtx *s, const MipsArgs *a)
{
    mips_set_gpr(s, a->rd, ir_get(s->b, IR_I32, MIPS_OFF(lo)));
    return true;
}

bool trans_MTHI(MipsCtx *s, const MipsArgs *a)
{
    ir_put(s->b, IR_I32, MIPS_OFF(hi), mips_gpr(s, a->rs));
    return true;
}

bool trans_MTLO(MipsCtx *s, const MipsArgs *a)
{
    ir_put(s->b, IR_I32, MIPS_OFF(lo), mips_gpr(s, a->rs));
    return true;
}

/* ---- bit operations ------------------------------------------------------ */

bool trans_CLZ(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, mips_un(s, IR_CLZ, mips_gpr(s, a->rs)));
    return true;
}

bool trans_CLO(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, mips_un(s, IR_CLZ, mips_un(s, IR_NOT, mips_gpr(s, a->rs))));
    return true;
}

static uint32_t low_mask(unsigned size)
{
    return size >= 32 ? 0xffffffffu : (1u << size) - 1;
}

/* ext rt, rs, pos=sa, size=rd+1 */
bool trans_EXT(MipsCtx *s, const MipsArgs *a)
{
    unsigned lsb = (unsigned)a->sa, size = (unsigned)a->rd + 1;
    if (lsb + size > 32)          /* UNPREDICTABLE: reserved here */
        return false;
    if (a->rt) {
        IRRef v = mips_gpr(s, a->rs);
        if (lsb)
            v = mips_bin(s, IR_SHR, v, mips_k32(s, lsb));
        if (size < 32)
            v = mips_bin(s, IR_AND, v, mips_k32(s, low_mask(size)));
        mips_set_gpr(s, a->rt, v);
    }
    return true;
}

/* ins rt, rs, pos=sa, size=rd-sa+1 */
bool trans_INS(MipsCtx *s, const MipsArgs *a)
{
    unsigned lsb = (unsigned)a->sa, msb = (unsigned)a->rd;
    if (msb < lsb)                /* UNPREDICTABLE: reserved here */
        return false;
    if (a->rt) {
        uint32_t mask = low_mask(msb - lsb + 1) << lsb;
        IRRef v = mips_gpr(s, a->rs);
        if (lsb)
            v = mips_bin(s, IR_SHL, v, mips_k32(s, lsb));
        v = mips_bin(s, IR_AND, v, mips_k32(s, mask));
        IRRef old = mips_bin(s, IR_AND, mips_gpr(s, a->rt), mips_k32(s, ~mask));
        mips_set_gpr(s, a->rt, mips_bin(s, IR_OR, old, v));
    }
    return true;
}

bool trans_WSBH(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd) {
        IRRef v = mips_gpr(s, a->rt), m = mips_k32(s, 0x00ff00ffu), eight = mips_k32(s, 8);
        IRRef hi = mips_bin(s, IR_SHL, mips_bin(s, IR_AND, v, m), eight);
        IRRef lo = mips_bin(s, IR_AND, mips_bin(s, IR_SHR, v, eight), m);
        mips_set_gpr(s, a->rd, mips_bin(s, IR_OR, hi, lo));
    }
    return true;
}

bool trans_SEB(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, mips_un(s, IR_SEXT8, mips_gpr(s, a->rt)));
    return true;
}

bool trans_SEH(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        mips_set_gpr(s, a->rd, mips_un(s, IR_SEXT16, mips_gpr(s, a->rt)));
    return true;
}

/* ---- conditional moves --------------------------------------------------- */

static bool gen_movcond(MipsCtx *s, unsigned rd, IRRef cond, IRRef if_true, bool invert)
{
    IRRef old = mips_gpr(s, rd);
    mips_set_gpr(s, rd, invert ? ir_select(s->b, IR_I32, cond, old, if_true)
                               : ir_select(s->b, IR_I32, cond, if_true, old));
    return true;
}

bool trans_MOVN(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        gen_movcond(s, a->rd, mips_gpr(s, a->rt), mips_gpr(s, a->rs), false);
    return true;
}

bool trans_MOVZ(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        gen_movcond(s, a->rd, mips_gpr(s, a->rt), mips_gpr(s, a->rs), true);
    return true;
}

bool trans_MOVF(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        gen_movcond(s, a->rd, mips_fcc(s, (unsigned)a->cc), mips_gpr(s, a->rs), true);
    return true;
}

bool trans_MOVT(MipsCtx *s, const MipsArgs *a)
{
    if (a->rd)
        gen_movcond(s, a->rd, mips_fcc(s, (unsigned)a->cc), mips_gpr(s, a->rs), false);
    return true;
}

/* ---- traps, break, syscall --------------------------------------------- */

/* The signal do_trap_or_bp raises for a trap or break code. */
static uint32_t trap_signal(unsigned code, int default_si_code)
{
    switch (code) {
    case 6:   return mips_sig(SIGFPE, FPE_INTOVF);     /* BRK_OVERFLOW */
    case 7:   return mips_sig(SIGFPE, FPE_INTDIV);     /* BRK_DIVZERO */
    case 12:                                           /* BRK_BUG */
    case 514: return mips_sig(SIGTRAP, SI_KERNEL);     /* BRK_MEMU */
    default:  return mips_sig(SIGTRAP, default_si_code);
    }
}

static bool gen_trap(MipsCtx *s, IRCond cc, IRRef x, IRRef y, unsigned code)
{
    ir_trap_if(s->b, ir_setcc(s->b, cc, x, y), IR_EXIT_SIGNAL, s->exc_pc,
               trap_signal(code, SI_KERNEL));
    return true;
}

static bool gen_trap_r(MipsCtx *s, const MipsArgs *a, IRCond cc)
{
    return gen_trap(s, cc, mips_gpr(s, a->rs), mips_gpr(s, a->rt), (unsigned)a->code);
}

static bool gen_trap_i(MipsCtx *s, const MipsArgs *a, IRCond cc)
{
    return gen_trap(s, cc, mips_gpr(s, a->rs), mips_k32(s, (uint32_t)a->imm), 0);
}

bool trans_TGE(MipsCtx *s, const MipsArgs *a)   { return gen_trap_r(s, a, IR_CC_GES); }
bool trans_TGEU(MipsCtx *s, const MipsArgs *a)  { return gen_trap_r(s, a, IR_CC_GEU); }
bool trans_TLT(MipsCtx *s, const MipsArgs *a)   { return gen_trap_r(s, a, IR_CC_LTS); }
bool trans_TLTU(MipsCtx *s, const MipsArgs *a)  { return gen_trap_r(s, a, IR_CC_LTU); }
bool trans_TEQ(MipsCtx *s, const MipsArgs *a)   { return gen_trap_r(s, a, IR_CC_EQ); }
bool trans_TNE(MipsCtx *s, const MipsArgs *a)   { return gen_trap_r(s, a, IR_CC_NE); }
bool trans_TGEI(MipsCtx *s, const MipsArgs *a)  { return gen_trap_i(s, a, IR_CC_GES); }
bool trans_TGEIU(MipsCtx *s, const MipsArgs *a) { return gen_trap_i(s, a, IR_CC_GEU); }
bool trans_TLTI(MipsCtx *s, const MipsArgs *a)  { return gen_trap_i(s, a, IR_CC_LTS); }
bool trans_TLTIU(MipsCtx *s, const MipsArgs *a) { return gen_trap_i(s, a, IR_CC_LTU); }
bool trans_TEQI(MipsCtx *s, const MipsArgs *a)  { return gen_trap_i(s, a, IR_CC_EQ); }
bool trans_TNEI(MipsCtx *s, const MipsArgs *a)  { return gen_trap_i(s, a, IR_CC_NE); }

bool trans_BREAK(MipsCtx *s, const MipsArgs *a)
{
    unsigned code = (unsigned)a->code;
    if (code >= 1u << 10)
        code = ((code & 0x3ff) << 10) | (code >> 10);
    ir_trap(s->b, IR_EXIT_SIGNAL, s->exc_pc, trap_signal(code, TRAP_BRKPT));
    s->end = true;
    return true;
}

bool trans_SYSCALL(MipsCtx *s, const MipsArgs *a)
{
    ir_trap(s->b, IR_EXIT_SYSCALL, s->pc, 0);
    s->end = true;
    return true;
}

bool trans_SYNC(MipsCtx *s, const MipsArgs *a)
{
    ir_emit(s->b, IR_FENCE, IR_VOID, 0, 0, 0, 0);   /* every stype is a full barrier */
    return true;
}

/* synci: the code at the address may have changed.  The block ends with a
 * flush exit and the next instruction comes from a fresh lookup.  The
 * runtime drops all translated code for it, so the address is not passed.
 * NYI: invalidating only the line's page. */
bool trans_SYNCI(MipsCtx *s, const MipsArgs *a)
{
    ir_trap(s->b, IR_EXIT_FLUSH, s->pc + 4, 0);
    s->end = true;
    return true;
}

/* Privileged: coprocessor 0 and cache give Coprocessor Unusable in user
 * mode, which the kernel turns into SIGILL. */
bool trans_COP0(MipsCtx *s, const MipsArgs *a)  { return false; }
bool trans_CACHE(MipsCtx *s, const MipsArgs *a) { return false; }

/* ---- rdhwr ---------------------------------------------------------------- */

/* The CP0 Count register runs at half the pipeline clock (CCRes = 2); this
 * models a 200 MHz core from the host's monotonic clock. */
static uint32_t mips_helper_count(void *cpu)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)(((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) / 10u);
}

static const IRHelper mips_h_count = {
    "mips_count", (void *)mips_helper_count, IR_I32, 0, { 0 }, IR_HF_READS,
};

bool trans_RDHWR(MipsCtx *s, const MipsArgs *a)
{
    IRRef v;
    switch (a->rd) {
    case 0:  v = mips_k32(s, 0); break;                 /* CPUNum */
    case 1:  v = mips_k32(s, 32); break;                /* SYNCI_Step: cache line */
    case 2:  v = ir_call(s->b, &mips_h_count, IR_NONE, IR_NONE, IR_NONE); break;
    case 3:  v = mips_k32(s, 2); break;                 /* CCRes */
    case 29: v = ir_get(s->b, IR_I32, MIPS_OFF(ulr)); break;
    default: return true;                               /* kernel: silent no-op */
    }
    mips_set_gpr(s, a->rt, v);
    return true;
}
