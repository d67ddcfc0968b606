/*
 * translate.c - the PowerPC32 block engine: fetch, decode, block ends.
 *
 * A block starts at a guest pc and runs until an unconditional branch, a
 * trap or system call, the length limit (FeOptions.max_insns), the end of
 * the start's 4 KiB page, or code that is not executable.  With
 * FeOptions.superblocks a conditional branch becomes an EXIT_IF to its
 * target and translation goes on at the fall-through.  PowerPC has no delay
 * slots; instructions are always big-endian words.
 *
 * Exceptions: an undecodable word raises SIGILL/ILL_ILLOPC, a privileged
 * one SIGILL/ILL_PRVOPC (arch/powerpc/kernel/traps.c program_check_exception);
 * a pc that is not executable SIGSEGV/SEGV_MAPERR.  Signals are host signal
 * numbers; the runtime converts them.  The pc reported is always the
 * faulting instruction's (SRR0), never the next one.
 *
 * Decoding: one DecTable keyed by the primary opcode (bits 31..26) and the
 * ten-bit extended opcode (bits 10..1).  The split SPR field of mfspr/mtspr
 * is put together here (ppc_decode_args), not in translators.
 */
#include "translate.h"

#include <stddef.h>
#include <string.h>

#define PPC_PAGE_MASK 0xfffu
#define PPC_DEFAULT_MAX_INSNS 512u

/* ---- field formats ---------------------------------------------------- */

#define FLD(name, pos, len, flags, shift) \
    { (pos), (len), (flags), (shift), (uint16_t)offsetof(PpcArgs, name) }

#define F_RT     FLD(rt, 21, 5, 0, 0)
#define F_RS     FLD(rs, 21, 5, 0, 0)
#define F_RA     FLD(ra, 16, 5, 0, 0)
#define F_RB     FLD(rb, 11, 5, 0, 0)
#define F_FRT    FLD(frt, 21, 5, 0, 0)
#define F_FRS    FLD(frs, 21, 5, 0, 0)
#define F_FRA    FLD(fra, 16, 5, 0, 0)
#define F_FRB    FLD(frb, 11, 5, 0, 0)
#define F_FRC    FLD(frc, 6, 5, 0, 0)
#define F_SIMM   FLD(imm, 0, 16, DEC_F_SIGNED, 0)
#define F_UIMM   FLD(imm, 0, 16, 0, 0)
#define F_BD     FLD(imm, 2, 14, DEC_F_SIGNED, 2)
#define F_LI     FLD(imm, 2, 24, DEC_F_SIGNED, 2)
#define F_BO     FLD(bo, 21, 5, 0, 0)
#define F_BI     FLD(bi, 16, 5, 0, 0)
#define F_BH     FLD(bh, 11, 2, 0, 0)
#define F_BT     FLD(bt, 21, 5, 0, 0)
#define F_BA     FLD(ba, 16, 5, 0, 0)
#define F_BB     FLD(bb, 11, 5, 0, 0)
#define F_BF     FLD(bf, 23, 3, 0, 0)
#define F_BFA    FLD(bfa, 18, 3, 0, 0)
#define F_L      FLD(l, 21, 1, 0, 0)
#define F_L2     FLD(l, 21, 2, 0, 0)
#define F_TO     FLD(to, 21, 5, 0, 0)
#define F_SH     FLD(sh, 11, 5, 0, 0)
#define F_MB     FLD(mb, 6, 5, 0, 0)
#define F_ME     FLD(me, 1, 5, 0, 0)
#define F_NB     FLD(nb, 11, 5, 0, 0)
#define F_OE     FLD(oe, 10, 1, 0, 0)
#define F_RC     FLD(rc, 0, 1, 0, 0)
#define F_AA     FLD(aa, 1, 1, 0, 0)
#define F_LK     FLD(lk, 0, 1, 0, 0)
#define F_SPRLO  FLD(spr_lo, 16, 5, 0, 0)
#define F_SPRHI  FLD(spr_hi, 11, 5, 0, 5)
#define F_FXM    FLD(fxm, 12, 8, 0, 0)
#define F_ONE    FLD(one, 20, 1, 0, 0)
#define F_FLM    FLD(flm, 17, 8, 0, 0)
#define F_U      FLD(u, 12, 4, 0, 0)

static const DecFormat ppc_fmt_NONE   = { "none", 0, { { 0 } } };
static const DecFormat ppc_fmt_D      = { "D", 4, { F_RT, F_RS, F_RA, F_SIMM } };
static const DecFormat ppc_fmt_DU     = { "DU", 3, { F_RS, F_RA, F_UIMM } };
static const DecFormat ppc_fmt_DCMP   = { "DCMP", 4, { F_BF, F_L, F_RA, F_SIMM } };
static const DecFormat ppc_fmt_DCMPU  = { "DCMPU", 4, { F_BF, F_L, F_RA, F_UIMM } };
static const DecFormat ppc_fmt_DTO    = { "DTO", 3, { F_TO, F_RA, F_SIMM } };
static const DecFormat ppc_fmt_DF     = { "DF", 4, { F_FRT, F_FRS, F_RA, F_SIMM } };
static const DecFormat ppc_fmt_B      = { "B", 5, { F_BO, F_BI, F_BD, F_AA, F_LK } };
static const DecFormat ppc_fmt_I      = { "I", 3, { F_LI, F_AA, F_LK } };
static const DecFormat ppc_fmt_XL     = { "XL", 4, { F_BO, F_BI, F_BH, F_LK } };
static const DecFormat ppc_fmt_XLCR   = { "XLCR", 3, { F_BT, F_BA, F_BB } };
static const DecFormat ppc_fmt_MCRF   = { "MCRF", 2, { F_BF, F_BFA } };
static const DecFormat ppc_fmt_M      = { "M", 6, { F_RS, F_RA, F_SH, F_MB, F_ME, F_RC } };
static const DecFormat ppc_fmt_MR     = { "MR", 6, { F_RS, F_RA, F_RB, F_MB, F_ME, F_RC } };
static const DecFormat ppc_fmt_X      = { "X", 5, { F_RT, F_RS, F_RA, F_RB, F_RC } };
static const DecFormat ppc_fmt_XO     = { "XO", 5, { F_RT, F_RA, F_RB, F_OE, F_RC } };
static const DecFormat ppc_fmt_XCMP   = { "XCMP", 4, { F_BF, F_L, F_RA, F_RB } };
static const DecFormat ppc_fmt_XTO    = { "XTO", 3, { F_TO, F_RA, F_RB } };
static const DecFormat ppc_fmt_XFX    = { "XFX", 4, { F_RT, F_RS, F_SPRLO, F_SPRHI } };
static const DecFormat ppc_fmt_XFXM   = { "XFXM", 4, { F_RT, F_RS, F_FXM, F_ONE } };
static const DecFormat ppc_fmt_XF     = { "XF", 4, { F_FRT, F_FRS, F_RA, F_RB } };
static const DecFormat ppc_fmt_LSW    = { "LSW", 4, { F_RT, F_RS, F_RA, F_NB } };
static const DecFormat ppc_fmt_SRAWI  = { "SRAWI", 4, { F_RS, F_RA, F_SH, F_RC } };
static const DecFormat ppc_fmt_SYNC   = { "SYNC", 1, { F_L2 } };
static const DecFormat ppc_fmt_A      = { "A", 5, { F_FRT, F_FRA, F_FRB, F_FRC, F_RC } };
static const DecFormat ppc_fmt_FCMP   = { "FCMP", 3, { F_BF, F_FRA, F_FRB } };
static const DecFormat ppc_fmt_MTFSB  = { "MTFSB", 2, { F_BT, F_RC } };
static const DecFormat ppc_fmt_MTFSFI = { "MTFSFI", 3, { F_BF, F_U, F_RC } };
static const DecFormat ppc_fmt_MTFSF  = { "MTFSF", 3, { F_FLM, F_FRB, F_RC } };

/* ---- the table -------------------------------------------------------- */

static const DecRow ppc_rows[] = {
#define INSN(NAME, mnem, mask, match, fmt, isa, flags) \
    { mnem, mask, match, &ppc_fmt_##fmt, (DecFn)ppc_trans_##NAME, isa, flags },
#include "insns.def"
#undef INSN
};

static DecTable ppc_table = {
    .name = "ppc32",
    .rows = ppc_rows,
    .nrows = sizeof ppc_rows / sizeof ppc_rows[0],
    .key = { { 26, 6 }, { 1, 10 } },   /* primary opcode, extended opcode */
};

DecTable *ppc_decode_table(void) { return &ppc_table; }

void ppc_decode_args(const DecRow *r, uint32_t insn, PpcArgs *a)
{
    memset(a, 0, sizeof *a);
    dec_extract(r->fmt, insn, a);
    a->spr = a->spr_lo | a->spr_hi;
}

/* ---- fetch -------------------------------------------------------------- */

static bool ppc_fetch(PpcCtx *s, uint32_t pc, uint32_t *word)
{
    if (s->code->executable && !s->code->executable(pc, 4))
        return false;
    const uint8_t *p = s->code->guest_base + pc;
    *word = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return true;
}

/* ---- one instruction ------------------------------------------------------ */

static void ppc_translate_insn(PpcCtx *s, uint32_t insn)
{
    const DecRow *r = dec_lookup(&ppc_table, insn);
    s->insn = insn;
    s->row = r;
    if (!r) {
        ppc_raise(s, SIGILL, ILL_ILLOPC);
        return;
    }
    PpcArgs a;
    ppc_decode_args(r, insn, &a);
    if (!((PpcTransFn)r->trans)(s, &a))
        ppc_raise(s, SIGILL, ILL_ILLOPC);
}

/* ---- the block ------------------------------------------------------------ */

void ppc_translate(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt)
{
    PpcCtx s;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.code = code;
    s.opt = opt;
    s.first_pc = pc;
    s.pc = pc;
    s.last_end = pc;
    s.max_insns = opt && opt->max_insns ? opt->max_insns : PPC_DEFAULT_MAX_INSNS;

    /* The low two bits of a branch target are ignored by hardware, so a
     * misaligned pc can only come from the runtime: treat it as a bad fetch. */
    if (pc & 3) {
        ir_insn_mark(b, pc);
        ir_trap(b, IR_EXIT_SIGNAL, pc, ppc_sig(SIGBUS, BUS_ADRALN));
        s.end = true;
    }
    while (!s.end) {
        uint32_t word;
        if (!ppc_fetch(&s, s.pc, &word)) {
            ir_insn_mark(b, s.pc);
            ir_trap(b, IR_EXIT_SIGNAL, s.pc, ppc_sig(SIGSEGV, SEGV_MAPERR));
            break;
        }
        s.ninsns++;
        s.last_end = s.pc + 4;
        ir_insn_mark(b, s.pc);
        s.next_pc = s.pc + 4;
        ppc_translate_insn(&s, word);
        if (s.end)
            break;
        s.pc = s.next_pc;
        if (s.ninsns >= s.max_insns || ((s.pc ^ s.first_pc) & ~PPC_PAGE_MASK)) {
            ir_goto(b, s.pc);
            break;
        }
    }
    b->guest_pc = pc;
    b->guest_end = s.last_end > pc ? s.last_end : pc + 4;
    b->guest_insns = s.ninsns;
}
