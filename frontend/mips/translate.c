/*
 * translate.c - the MIPS32 block engine: fetch, decode, delay slots, block
 * ends.
 *
 * A block starts at a guest pc and runs until a jump, an unconditional
 * branch, a trap or syscall, the length limit (FeOptions.max_insns), the end
 * of the start's 4 KiB page, or code that is not executable.  With
 * FeOptions.superblocks a conditional (not likely) branch becomes an EXIT_IF
 * to its target and translation goes on at the fall-through.
 *
 * Delay slots.  A branch translator computes its condition and target as IR
 * values first, writes the link register, and then asks the engine
 * (mips_delay_slot) to translate the slot instruction into the same block
 * before it emits its exits; so the condition is the one before the slot
 * ran, and the slot sees the new link register, as the manual says.
 * Branch-likely leaves for pc+8 first when not taken, so the slot only runs
 * when taken.  A branch or jump in a delay slot is UNPREDICTABLE and raises
 * SIGILL here.  The slot's instruction is marked with its branch's pc and
 * exceptions it raises report the branch's pc: the Linux kernel does the
 * same (EPC = branch, Cause.BD), so a signal handler that returns re-runs
 * the branch and its slot.  A branch in the last word of a page takes its
 * slot from the next page: guest_end then lies past the page end, the only
 * case where a block reads a second page (the runtime must watch both).
 *
 * Exceptions: undecodable or reserved words raise SIGILL with si_code
 * SI_KERNEL as the kernel's do_ri does (force_sig); an unaligned pc SIGBUS
 * (do_ade on an instruction fetch); an unexecutable pc SIGSEGV.  Signals are
 * host signal numbers; the runtime converts them.
 */
#include "translate.h"

#include <stddef.h>
#include <string.h>

#define MIPS_PAGE_MASK 0xfffu
#define MIPS_DEFAULT_MAX_INSNS 512u

/* ---- field formats ---------------------------------------------------- */

#define FLD(name, pos, len, flags, shift) \
    { (pos), (len), (flags), (shift), (uint16_t)offsetof(MipsArgs, name) }

#define F_RS     FLD(rs, 21, 5, 0, 0)
#define F_RT     FLD(rt, 16, 5, 0, 0)
#define F_RD     FLD(rd, 11, 5, 0, 0)
#define F_SA     FLD(sa, 6, 5, 0, 0)
#define F_SIMM   FLD(imm, 0, 16, DEC_F_SIGNED, 0)
#define F_UIMM   FLD(imm, 0, 16, 0, 0)
#define F_BOFF   FLD(imm, 0, 16, DEC_F_SIGNED, 2)
#define F_INDEX  FLD(imm, 0, 26, 0, 2)
#define F_CODE20 FLD(code, 6, 20, 0, 0)
#define F_CODE10 FLD(code, 6, 10, 0, 0)
#define F_FR     FLD(fr, 21, 5, 0, 0)
#define F_FT     FLD(ft, 16, 5, 0, 0)
#define F_FS     FLD(fs, 11, 5, 0, 0)
#define F_FD     FLD(fd, 6, 5, 0, 0)
#define F_CC_HI  FLD(cc, 18, 3, 0, 0)
#define F_CC_LO  FLD(cc, 8, 3, 0, 0)
#define F_COND   FLD(cond, 0, 4, 0, 0)

static const DecFormat mips_fmt_NONE  = { "none", 0, { { 0 } } };
static const DecFormat mips_fmt_R     = { "R", 4, { F_RS, F_RT, F_RD, F_SA } };
static const DecFormat mips_fmt_I     = { "I", 3, { F_RS, F_RT, F_SIMM } };
static const DecFormat mips_fmt_IU    = { "IU", 3, { F_RS, F_RT, F_UIMM } };
static const DecFormat mips_fmt_B     = { "B", 3, { F_RS, F_RT, F_BOFF } };
static const DecFormat mips_fmt_J     = { "J", 1, { F_INDEX } };
static const DecFormat mips_fmt_CODE  = { "CODE", 1, { F_CODE20 } };
static const DecFormat mips_fmt_TCODE = { "TCODE", 3, { F_RS, F_RT, F_CODE10 } };
static const DecFormat mips_fmt_MOVCI = { "MOVCI", 3, { F_RS, F_RD, F_CC_HI } };
static const DecFormat mips_fmt_C1M   = { "C1M", 3, { F_RS, F_FT, F_SIMM } };
/* COP1 and COP1X: rs/fr, rt/ft, fs, fd at the four register positions */
static const DecFormat mips_fmt_FR    = { "FR", 6, { F_RS, F_FR, F_RT, F_FT, F_FS, F_FD } };
static const DecFormat mips_fmt_BC1   = { "BC1", 2, { F_CC_HI, F_BOFF } };
static const DecFormat mips_fmt_FMOVC = { "FMOVC", 3, { F_CC_HI, F_FS, F_FD } };
static const DecFormat mips_fmt_FCMP  = { "FCMP", 4, { F_FT, F_FS, F_CC_LO, F_COND } };

/* ---- the table -------------------------------------------------------- */

static const DecRow mips_rows[] = {
#define INSN(NAME, mnem, mask, match, fmt, isa, flags) \
    { mnem, mask, match, &mips_fmt_##fmt, (DecFn)trans_##NAME, isa, flags },
#include "insns.def"
#undef INSN
};

static DecTable mips_table = {
    .name = "mips32r2",
    .rows = mips_rows,
    .nrows = sizeof mips_rows / sizeof mips_rows[0],
    .key = { { 26, 6 }, { 0, 6 } },   /* primary opcode, function field */
};

DecTable *mips_decode_table(void) { return &mips_table; }

/* ---- fetch -------------------------------------------------------------- */

static bool mips_fetch(MipsCtx *s, uint32_t pc, uint32_t *word)
{
    if (s->code->executable && !s->code->executable(pc, 4))
        return false;
    const uint8_t *p = s->code->guest_base + pc;
    if (s->be)
        *word = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    else
        *word = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
    return true;
}

/* ---- one instruction ------------------------------------------------------ */

static void mips_translate_insn(MipsCtx *s, uint32_t insn)
{
    const DecRow *r = dec_lookup(&mips_table, insn);
    s->insn = insn;
    s->row = r;
    if (!r || r->isa > s->isa || (s->in_slot && (r->flags & (MIPS_F_CTI | MIPS_F_NOSLOT)))) {
        mips_raise(s, SIGILL, SI_KERNEL);
        return;
    }
    MipsArgs a;
    memset(&a, 0, sizeof a);
    dec_extract(r->fmt, insn, &a);
    /* A translator decides before emitting anything whether it takes the
     * word, so "false" never leaves half an instruction behind. */
    if (!((MipsTransFn)r->trans)(s, &a))
        mips_raise(s, SIGILL, SI_KERNEL);
}

static void mips_fetch_fault(MipsCtx *s, uint32_t pc)
{
    ir_trap(s->b, IR_EXIT_SIGNAL, pc, mips_sig(SIGSEGV, SEGV_MAPERR));
    s->end = true;
}

bool mips_delay_slot(MipsCtx *s)
{
    uint32_t bpc = s->pc, slot = bpc + 4;
    uint32_t insn_save = s->insn;
    const DecRow *row_save = s->row;
    uint32_t word;

    if (!mips_fetch(s, slot, &word)) {
        ir_insn_mark(s->b, bpc);
        mips_fetch_fault(s, slot);
        return false;
    }
    s->ninsns++;
    if (slot + 4 > s->last_end)
        s->last_end = slot + 4;
    ir_insn_mark(s->b, bpc);
    s->in_slot = true;
    s->pc = slot;
    s->exc_pc = bpc;
    mips_translate_insn(s, word);
    s->in_slot = false;
    s->pc = bpc;
    s->insn = insn_save;
    s->row = row_save;
    return !s->end;
}

/* ---- the block ------------------------------------------------------------ */

void mips_translate(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt, bool be)
{
    MipsCtx s;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.code = code;
    s.opt = opt;
    s.be = be;
    s.isa = MIPS32R2;
    s.first_pc = pc;
    s.pc = pc;
    s.last_end = pc;
    s.max_insns = opt && opt->max_insns ? opt->max_insns : MIPS_DEFAULT_MAX_INSNS;

    if (pc & 3) {                       /* do_ade: instruction fetch */
        ir_insn_mark(b, pc);
        ir_trap(b, IR_EXIT_SIGNAL, pc, mips_sig(SIGBUS, SI_KERNEL));
        s.end = true;
    }
    while (!s.end) {
        uint32_t word;
        if (!mips_fetch(&s, s.pc, &word)) {
            ir_insn_mark(b, s.pc);
            mips_fetch_fault(&s, s.pc);
            break;
        }
        s.ninsns++;
        if (s.pc + 4 > s.last_end)
            s.last_end = s.pc + 4;
        ir_insn_mark(b, s.pc);
        s.exc_pc = s.pc;
        s.next_pc = s.pc + 4;
        mips_translate_insn(&s, word);
        if (s.end)
            break;
        s.pc = s.next_pc;
        if (s.ninsns >= s.max_insns || ((s.pc ^ s.first_pc) & ~MIPS_PAGE_MASK)) {
            ir_goto(b, s.pc);
            break;
        }
    }
    b->guest_pc = pc;
    b->guest_end = s.last_end > pc ? s.last_end : pc + 4;
    b->guest_insns = s.ninsns;
}
