/*
 * translate.h - shared by the ARM32 translator files (not a contract).
 *
 * ArmCtx is the state of one block translation, ArmArgs the decoded fields
 * of one instruction (names as in the ARM ARM: rd rn rm rs rt rt2 ra, imm,
 * stype/shift for the shifter, p u w for addressing).  The engine
 * (translate.c) owns fetching in both instruction sets, the decode tables,
 * the condition field and Thumb IT state, and block ends; family files
 * (dp.c, media.c, ldst.c, branch.c, vfp.c, kuser.c) hold the arm_trans_<NAME>
 * translators that the insns_*.def tables name.  A translator returns false
 * for "not allocated here" (SIGILL at the exact pc) and decides so before
 * emitting any IR.
 *
 * Conditional execution is predication: for an instruction whose condition
 * is not AL the engine evaluates it once into s->cond (IR i32 0/1) and every
 * guest-state write made through arm_set_reg / arm_put / the flag setters
 * becomes select(cond, new, old); memory accesses go to the sink page when
 * the condition fails (arm_pred_addr).  So IT blocks and A32 conditional
 * code need no block splits.  A translator that writes the pc or enters
 * the kernel (svc) first calls arm_cond_to_exit, which turns the predicate
 * into an early exit to the next instruction (such an instruction is always
 * last in its IT block, so the exit never lands in the middle of one);
 * traps use TRAP_IF, and vmsr writes the old value back when false.
 */
#ifndef XBT_ARM_TRANSLATE_H
#define XBT_ARM_TRANSLATE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "../frontend.h"
#include "../decode.h"
#include "cpu.h"

/* ISA levels / features of rows. */
enum {
    ARM_V5TE = 1, ARM_V6, ARM_V6K, ARM_V6T2, ARM_V7, ARM_V7VE, /* v7 + idiv */
    ARM_VFP, ARM_VFP4, ARM_NEON,
};

/* Guest row flags. */
enum {
    ARM_F_T16 = DEC_ROW_GUEST << 0,   /* informational: 16-bit Thumb row */
};

/* Operand-2 kinds (ArmArgs.op2). */
enum { OP2_IMM, OP2_REG, OP2_RSR };

/* Shift types (stype), as encoded. */
enum { SH_LSL, SH_LSR, SH_ASR, SH_ROR };

typedef struct ArmArgs {
    int32_t rd, rn, rm, rs, rt, rt2, ra;
    int32_t s;                /* sets flags */
    int32_t op2;              /* OP2_* */
    int32_t imm;              /* immediate, expanded and scaled */
    int32_t carry;            /* modified immediate's carry out: -1 = C unchanged */
    int32_t stype, shift;     /* shift type and constant amount (0..32, RRX = ROR 0) */
    int32_t p, u, w;          /* pre-index, add, write back */
    int32_t list;             /* register list */
    int32_t lsb, width;       /* bitfields; sat: width = saturate bits */
    int32_t rot;              /* extend rotation in bits */
    int32_t x, y;             /* halfword selects (top = 1) */
    int32_t op, op1, op2b;    /* sub-opcodes */
    int32_t vd, vn, vm;       /* VFP/NEON double-register numbers D:Vd, N:Vn, M:Vm */
    int32_t sd, sn, sm;       /* VFP single-register numbers Vd:D, Vn:N, Vm:M */
    int32_t sz, q, size;      /* VFP double, NEON Q, element size */
    int32_t cp, crn, crm, opc1, opc2;  /* coprocessor fields */
} ArmArgs;

typedef struct ArmCtx {
    IRBlock *b;
    const FeCode *code;
    const FeOptions *opt;
    bool thumb;
    uint32_t pc;              /* address of this instruction (no Thumb bit) */
    uint32_t len;             /* its length: 2 or 4 */
    uint32_t insn;
    const DecRow *row;
    bool end;                 /* terminator emitted */
    /* condition of this instruction */
    unsigned condcode;        /* 0..14; 14 = always */
    IRRef cond;               /* IR_NONE when unconditional */
    /* Thumb IT state (ITSTATE[7:0]) of this instruction and after it */
    uint32_t it;
    bool in_it, it_last;
    /* last flag setter in this block, for direct condition tests */
    int fl_kind;              /* FL_NONE, FL_SUB (x - y), FL_ADD, FL_LOGIC */
    IRRef fl_x, fl_y, fl_res;
    /* cpu->cvop as this block left it so far: -1 unknown (block entry, a
     * predicated write), else its value, with the operands cv_x, cv_y */
    int cvop;
    IRRef cv_x, cv_y;
    uint32_t ninsns, max_insns, first_pc, last_end;
} ArmCtx;

enum { FL_NONE, FL_SUB, FL_ADD, FL_LOGIC };

/* Field formats carry a post-decode hook for multi-part fields. */
typedef struct ArmFormat {
    DecFormat f;                  /* first: rows point here */
    void (*post)(const ArmCtx *s, ArmArgs *a, uint32_t insn);
} ArmFormat;

typedef bool (*ArmTransFn)(ArmCtx *s, const ArmArgs *a);

#define INSN(NAME, mnem, mask, match, fmt, isa, flags) \
    bool arm_trans_##NAME(ArmCtx *s, const ArmArgs *a);
#include "insns_a32.def"
#include "insns_t16.def"
#include "insns_t32.def"
#include "insns_cp.def"
#undef INSN

/* ---- engine services (translate.c) ----------------------------------- */

DecTable *arm_table_a32(void);
DecTable *arm_table_a32u(void);
DecTable *arm_table_t16(void);
DecTable *arm_table_t32(void);
DecTable *arm_table_cp(void);
void arm_translate(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt);
/* Condition code cc (0..13) of the current flags, i32 0/1. */
IRRef arm_cond_eval(ArmCtx *s, unsigned cc);
/* Turns a predicated instruction into an exit-if-false (see the top). */
void arm_cond_to_exit(ArmCtx *s);

/* kuser.c: translates a block at a pc inside the kuser helper page. */
void arm_kuser_translate(ArmCtx *s);

/* ---- IR shorthands ----------------------------------------------------- */

static inline IRRef arm_k32(ArmCtx *s, uint32_t v) { return ir_const32(s->b, v); }
static inline IRRef arm_bin(ArmCtx *s, IROp op, IRRef x, IRRef y)
{
    return ir_binop(s->b, op, IR_I32, x, y);
}
static inline IRRef arm_un(ArmCtx *s, IROp op, IRRef x) { return ir_unop(s->b, op, IR_I32, x); }
static inline IRRef arm_bin64(ArmCtx *s, IROp op, IRRef x, IRRef y)
{
    return ir_binop(s->b, op, IR_I64, x, y);
}

/* Value the pc reads as: A32 pc+8, Thumb pc+4. */
static inline uint32_t arm_pc_read(const ArmCtx *s) { return s->pc + (s->thumb ? 4 : 8); }
/* Key of the next instruction (Thumb bit included). */
static inline uint32_t arm_next_key(const ArmCtx *s) { return (s->pc + s->len) | s->thumb; }

static inline IRRef arm_reg(ArmCtx *s, unsigned r)
{
    return r == 15 ? arm_k32(s, arm_pc_read(s)) : ir_get(s->b, IR_I32, ARM_OFF_R(r));
}
/* pc read word-aligned (Thumb literal and ADR base). */
static inline IRRef arm_reg_align(ArmCtx *s, unsigned r)
{
    return r == 15 ? arm_k32(s, arm_pc_read(s) & ~3u) : arm_reg(s, r);
}

/* Predicated state write (see the top of this file). */
static inline void arm_put(ArmCtx *s, IRType t, uint32_t off, IRRef v)
{
    if (s->cond != IR_NONE)
        v = ir_select(s->b, t, s->cond, v, ir_get(s->b, t, off));
    ir_put(s->b, t, off, v);
}

/* Writes r0..r14; r15 must go through arm_write_pc. */
static inline void arm_set_reg(ArmCtx *s, unsigned r, IRRef v)
{
    arm_put(s, IR_I32, ARM_OFF_R(r), v);
}

/* Address of a predicated memory access: the sink page when cond fails. */
static inline IRRef arm_pred_addr(ArmCtx *s, IRRef addr)
{
    if (s->cond == IR_NONE)
        return addr;
    return ir_select(s->b, IR_I32, s->cond, addr, arm_k32(s, ARM_SINK_PAGE));
}

static inline unsigned arm_memop(unsigned size, bool sign)
{
    return size | (sign ? IR_MEM_SIGNED : 0);
}

static inline uint32_t arm_sig(int signo, int si_code)
{
    return (uint32_t)signo | (uint32_t)si_code << 8;
}

/* Ends the block with a guest signal at this instruction. */
static inline void arm_raise(ArmCtx *s, int signo, int si_code)
{
    ir_trap(s->b, IR_EXIT_SIGNAL, s->pc | s->thumb, arm_sig(signo, si_code));
    s->end = true;
}

/* ---- flags (dp.c) --------------------------------------------------------- */

void arm_set_nz(ArmCtx *s, IRRef res);
void arm_set_c(ArmCtx *s, IRRef c01);             /* C alone (V unchanged) */
void arm_set_cv(ArmCtx *s, IRRef c01, IRRef vsign);
IRRef arm_get_c(ArmCtx *s);          /* i32 0/1 */
IRRef arm_get_v(ArmCtx *s);          /* i32, V in bit 31 */
/* Flags of x + y + cin (cin IR_NONE for 0) / x - y - !cin; returns the result. */
IRRef arm_add_flags(ArmCtx *s, IRRef x, IRRef y, IRRef cin, bool setflags);
IRRef arm_sub_flags(ArmCtx *s, IRRef x, IRRef y, IRRef cin, bool setflags);
/* Register-shift by constant, with the carry out in *cout when non-NULL. */
IRRef arm_shift_imm(ArmCtx *s, IRRef v, unsigned stype, unsigned amount, IRRef *cout);

/* ---- pc writes (branch.c) ------------------------------------------------- */

enum { PCW_BX, PCW_BRANCH };   /* interworking (bit 0 selects Thumb) / same state */
/* Ends the block jumping to v. */
void arm_write_pc(ArmCtx *s, IRRef v, int kind);

#endif
