/*
 * translate.h - shared by the MIPS32 translator files (not a contract).
 *
 * MipsCtx is the state of one block translation; MipsArgs the decoded
 * fields of one instruction (names as in the MIPS32 manuals, Vol. II).
 * The block engine (translate.c) owns fetching, the decode table, delay
 * slots, block ends and ISA gating; the family files (alu.c, branch.c,
 * mem.c, fpu.c) hold the trans_<MNEMONIC> translators that insns.def names.
 * A translator returns false for "not allocated here", which the engine
 * turns into SIGILL at the exact pc.
 */
#ifndef XBT_MIPS_TRANSLATE_H
#define XBT_MIPS_TRANSLATE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "../frontend.h"
#include "../decode.h"
#include "cpu.h"

/* ISA levels of insns.def rows. */
enum {
    MIPS_I = 1, MIPS_II, MIPS_IV, MIPS32, MIPS32R2,
};

/* Guest row flags. */
enum {
    MIPS_F_CTI    = DEC_ROW_GUEST << 0,   /* branch or jump: has a delay slot */
    MIPS_F_NOSLOT = DEC_ROW_GUEST << 1,   /* not allowed in a delay slot */
};

typedef struct MipsArgs {
    int32_t rs, rt, rd, sa;   /* sa also: ext/ins lsb, sync stype */
    int32_t imm;              /* immediate, branch offset or jump target bits, scaled */
    int32_t code;             /* break/syscall/trap code */
    int32_t fs, ft, fd, fr;   /* FPU registers; COP1X base/index use rs/rt */
    int32_t cc, cond;         /* FPU condition code number, c.cond predicate */
} MipsArgs;

typedef struct MipsCtx {
    IRBlock *b;
    const FeCode *code;
    const FeOptions *opt;
    bool be;                  /* big-endian guest */
    uint32_t isa;             /* highest ISA level accepted */
    uint32_t pc;              /* instruction being translated */
    uint32_t insn;
    const DecRow *row;
    uint32_t exc_pc;          /* pc reported for exceptions: the branch's in a delay slot */
    bool in_slot;
    bool end;                 /* block ended (terminator emitted) */
    uint32_t next_pc;         /* where translation continues when !end */
    uint32_t ninsns;
    uint32_t max_insns;
    uint32_t first_pc;
    uint32_t last_end;        /* one past the last instruction byte translated */
} MipsCtx;

typedef bool (*MipsTransFn)(MipsCtx *s, const MipsArgs *a);

#define INSN(NAME, mnem, mask, match, fmt, isa, flags) \
    bool trans_##NAME(MipsCtx *s, const MipsArgs *a);
#include "insns.def"
#undef INSN

/* ---- engine services (translate.c) ----------------------------------- */

DecTable *mips_decode_table(void);
/* GuestArch.translate for either byte order. */
void mips_translate(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt, bool be);
/* Translates the delay slot of the branch at s->pc into the block.  Returns
 * false if the slot ended the block itself (a trap): the branch then emits
 * no exit. */
bool mips_delay_slot(MipsCtx *s);

/* ---- IR shorthands --------------------------------------------------- */

static inline IRRef mips_k32(MipsCtx *s, uint32_t v) { return ir_const32(s->b, v); }

static inline IRRef mips_gpr(MipsCtx *s, unsigned r)
{
    return r ? ir_get(s->b, IR_I32, MIPS_OFF_GPR(r)) : ir_const32(s->b, 0);
}

static inline void mips_set_gpr(MipsCtx *s, unsigned r, IRRef v)
{
    if (r)                    /* writes to $zero are dropped */
        ir_put(s->b, IR_I32, MIPS_OFF_GPR(r), v);
}

static inline IRRef mips_bin(MipsCtx *s, IROp op, IRRef x, IRRef y)
{
    return ir_binop(s->b, op, IR_I32, x, y);
}

static inline IRRef mips_un(MipsCtx *s, IROp op, IRRef x)
{
    return ir_unop(s->b, op, IR_I32, x);
}

static inline unsigned mips_memop(MipsCtx *s, unsigned size, bool sign)
{
    return size | (sign ? IR_MEM_SIGNED : 0) | (s->be ? IR_MEM_BE : 0);
}

/* base + offset */
static inline IRRef mips_addr(MipsCtx *s, unsigned base, int32_t off)
{
    if (base == 0)
        return mips_k32(s, (uint32_t)off);
    IRRef r = mips_gpr(s, base);
    return off ? mips_bin(s, IR_ADD, r, mips_k32(s, (uint32_t)off)) : r;
}

static inline uint32_t mips_sig(int signo, int si_code)
{
    return (uint32_t)signo | (uint32_t)si_code << 8;
}

/* Leaves with a guest signal when cond (i32) is non-zero. */
static inline void mips_trap_if(MipsCtx *s, IRRef cond, int signo, int si_code)
{
    ir_trap_if(s->b, cond, IR_EXIT_SIGNAL, s->exc_pc, mips_sig(signo, si_code));
}

/* Ends the block with a guest signal. */
static inline void mips_raise(MipsCtx *s, int signo, int si_code)
{
    ir_trap(s->b, IR_EXIT_SIGNAL, s->exc_pc, mips_sig(signo, si_code));
    s->end = true;
}

/* FCSR condition code cc's bit number: cc0 is bit 23, cc1..7 bits 25..31. */
static inline unsigned mips_cc_bit(unsigned cc) { return cc ? 24 + cc : 23; }

/* i32 0/1: FCSR condition code cc. */
IRRef mips_fcc(MipsCtx *s, unsigned cc);

#endif
