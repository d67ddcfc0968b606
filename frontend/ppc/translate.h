/*
 * translate.h - shared by the PowerPC32 translator files (not a contract).
 *
 * PpcCtx is the state of one block translation; PpcArgs the decoded fields
 * of one instruction, named as in the Power ISA Book I instruction formats
 * (RT, RS, RA, RB, FRT, BO, BI, ...).  A format fills only the fields it
 * names; the rest stay zero.  The block engine (translate.c) owns fetching,
 * the decode table and block ends; the family files hold the ppc_trans_<NAME>
 * translators that insns.def names:
 *   int.c    integer arithmetic, logic, rotates, shifts, compares
 *   cr.c     branches, CR logical ops, mfcr/mtcrf/mcrf/mcrxr
 *   ldst.c   loads and stores, string and multiple forms, lwarx/stwcx.
 *   sys.c    sc, traps, barriers, cache control, SPRs and the time base
 *   fpu.c    the FPU and FPSCR
 * A translator returns false for "not allocated here", which the engine
 * turns into SIGILL (ILL_ILLOPC) at the exact pc.  It decides that before
 * emitting IR.
 */
#ifndef XBT_PPC_TRANSLATE_H
#define XBT_PPC_TRANSLATE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "../frontend.h"
#include "../decode.h"
#include "cpu.h"

/* ISA groups of insns.def rows (documentation; all are accepted). */
enum {
    PPC_BASE = 1,     /* PowerPC 32-bit base (UISA/VEA) */
    PPC_GFX,          /* optional graphics group: fsel, fres, frsqrte, stfiwx */
    PPC_GP,           /* optional general-purpose group: fsqrt, fsqrts */
    PPC_V202,         /* later additions: mfocrf/mtocrf, fre, frsqrtes */
};

typedef struct PpcArgs {
    int32_t rt, rs, ra, rb;
    int32_t frt, frs, fra, frb, frc;
    int32_t imm;              /* D, SI, UI, or a branch displacement (scaled) */
    int32_t bo, bi, bh;       /* branch fields */
    int32_t bt, ba, bb;       /* CR bit numbers */
    int32_t bf, bfa;          /* CR field numbers */
    int32_t to;               /* trap conditions */
    int32_t sh, mb, me, nb;
    int32_t l, oe, rc, aa, lk;
    int32_t spr_lo, spr_hi;   /* the two halves of the split SPR field */
    int32_t spr;              /* spr_lo | spr_hi, filled by the engine */
    int32_t fxm, flm, u, one; /* one: the mfocrf/mtocrf bit 20 */
} PpcArgs;

typedef struct PpcCtx {
    IRBlock *b;
    const FeCode *code;
    const FeOptions *opt;
    uint32_t pc;              /* instruction being translated */
    uint32_t insn;
    const DecRow *row;
    bool end;                 /* block ended (terminator emitted) */
    uint32_t next_pc;         /* where translation continues when !end */
    uint32_t ninsns;
    uint32_t max_insns;
    uint32_t first_pc;
    uint32_t last_end;        /* one past the last instruction byte translated */
} PpcCtx;

typedef bool (*PpcTransFn)(PpcCtx *s, const PpcArgs *a);

#define INSN(NAME, mnem, mask, match, fmt, isa, flags) \
    bool ppc_trans_##NAME(PpcCtx *s, const PpcArgs *a);
#include "insns.def"
#undef INSN

/* ---- engine services (translate.c) ----------------------------------- */

DecTable *ppc_decode_table(void);
/* GuestArch.translate */
void ppc_translate(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt);
/* Fills a from insn as row r's format says (and the derived fields). */
void ppc_decode_args(const DecRow *r, uint32_t insn, PpcArgs *a);

/* ---- IR shorthands --------------------------------------------------- */

static inline IRRef ppc_k32(PpcCtx *s, uint32_t v) { return ir_const32(s->b, v); }

static inline IRRef ppc_gpr(PpcCtx *s, unsigned r)
{
    return ir_get(s->b, IR_I32, PPC_OFF_GPR(r));
}

static inline void ppc_set_gpr(PpcCtx *s, unsigned r, IRRef v)
{
    ir_put(s->b, IR_I32, PPC_OFF_GPR(r), v);
}

/* (RA|0): register RA, or 0 when the field is 0 */
static inline IRRef ppc_gpr0(PpcCtx *s, unsigned r)
{
    return r ? ppc_gpr(s, r) : ppc_k32(s, 0);
}

static inline IRRef ppc_bin(PpcCtx *s, IROp op, IRRef x, IRRef y)
{
    return ir_binop(s->b, op, IR_I32, x, y);
}

static inline IRRef ppc_un(PpcCtx *s, IROp op, IRRef x)
{
    return ir_unop(s->b, op, IR_I32, x);
}

static inline IRRef ppc_get(PpcCtx *s, uint32_t off) { return ir_get(s->b, IR_I32, off); }
static inline void ppc_put(PpcCtx *s, uint32_t off, IRRef v) { ir_put(s->b, IR_I32, off, v); }

static inline IRRef ppc_crbit(PpcCtx *s, unsigned n) { return ppc_get(s, PPC_OFF_CR(n)); }
static inline void ppc_set_crbit(PpcCtx *s, unsigned n, IRRef v) { ppc_put(s, PPC_OFF_CR(n), v); }

static inline unsigned ppc_memop(unsigned size, bool sign)
{
    return size | (sign ? IR_MEM_SIGNED : 0) | IR_MEM_BE;
}

static inline uint32_t ppc_sig(int signo, int si_code)
{
    return (uint32_t)signo | (uint32_t)si_code << 8;
}

/* Ends the block with a guest signal at the current instruction. */
static inline void ppc_raise(PpcCtx *s, int signo, int si_code)
{
    ir_trap(s->b, IR_EXIT_SIGNAL, s->pc, ppc_sig(signo, si_code));
    s->end = true;
}

/* Leaves with a guest signal at the current instruction when cond != 0. */
static inline void ppc_trap_if(PpcCtx *s, IRRef cond, int signo, int si_code)
{
    ir_trap_if(s->b, cond, IR_EXIT_SIGNAL, s->pc, ppc_sig(signo, si_code));
}

/* ---- shared by the family files --------------------------------------- */

/* CR field bf = LT GT EQ of the signed comparison of v with 0, SO = XER.SO
 * (the record form of a fixed-point instruction for bf = 0). */
void ppc_set_cr0(PpcCtx *s, IRRef v);
/* CR field bf from three 0/1 values and XER.SO. */
void ppc_set_crf(PpcCtx *s, unsigned bf, IRRef lt, IRRef gt, IRRef eq, IRRef so);
/* MASK(mb, me) of the rotate instructions (int.c). */
uint32_t ppc_rot_mask(unsigned mb, unsigned me);

/* Record-form CR1 update after an FP instruction with Rc = 1 (fpu.c). */
void ppc_fp_set_cr1(PpcCtx *s);
/* lfs/stfs conversions between the single format in memory (i32 bits) and
 * the double format of FPRs (f64), bit-exact as Book I 4.6 says (fpu.c). */
IRRef ppc_fp_single_to_double(PpcCtx *s, IRRef bits);
IRRef ppc_fp_double_to_single(PpcCtx *s, IRRef v);

#endif
