/*
 * ir.h - the xbt intermediate representation, and its manual.
 *
 * A translation block (TB) is translated from guest code into one IRBlock: a
 * flat array of fixed-size instructions (IRInsn, 16 bytes).  A value is the
 * index of the instruction that produced it (an IRRef); every value is
 * defined once, before its uses (SSA without phis: a block has no joins).
 * Control leaves a block only through explicit exits: EXIT_IF and TRAP_IF
 * leave early when their condition holds, and the last instruction is always
 * one terminator (GOTO, JUMP or TRAP).
 *
 * Types.  Values are i32, i64, f32 or f64.  Comparisons produce i32 0 or 1.
 * Narrow sizes exist only in memory ops (IR_MEM_*) and in the SEXT/ZEXT ops.
 *
 * Guest state.  The guest CPU is a C struct owned by the frontend; its first
 * member is an IRCpuHeader (backend.h).  GET and PUT read and write it at a
 * byte offset with the instruction's type.  A PUT is a real store: passes may
 * delete a PUT only when a later PUT to the same offset overwrites it with no
 * instruction in between that can observe guest state (IR_OF_STATE ops, and
 * CALLs whose helper reads state).  GETs may be forwarded from an earlier PUT
 * or GET of the same offset and type while no CALL writing state intervenes.
 * Accesses of different types may overlap (a MIPS f64 over two f32
 * registers): a GET observes every earlier PUT touching its bytes, and a
 * PUT is deleted only when later PUTs cover all of its bytes.  A CALL whose
 * helper may fault (IR_HF_FAULT) observes state like one that reads it.
 *
 * Memory.  LOAD/STORE/CMPXCHG take an i32 guest address; the backend adds
 * guest_base.  aux holds IR_MEM_SIZE (1, 2, 4, 8 bytes), IR_MEM_SIGNED (sign
 * extend a narrow load to the i32 result) and IR_MEM_BE (the guest memory is
 * big endian: bytes are swapped on a little-endian host).  Narrow loads give
 * i32; 8-byte loads give i64 or f64; 4-byte loads may give f32.  Any
 * alignment is allowed.  CMPXCHG is atomic; it loads like LOAD with the same
 * memop (i32 for 1/2/4 bytes, i64 for 8), compares that value with b, stores
 * the low bytes of c if equal, and gives the loaded value.
 *
 * Exits.  Every exit stores the next guest PC into the header's pc field.
 * GOTO and EXIT_IF name a constant PC and can be chained (patched to jump
 * straight into the target's code).  JUMP goes to a PC computed at run time
 * through the per-thread jump cache.  TRAP and TRAP_IF return to the
 * dispatcher with exit_code = aux (IR_EXIT_*) and exit_arg = their literal.
 * GOTO, EXIT_IF and JUMP set exit_code = IR_EXIT_NONE and leave exit_arg
 * unchanged.
 *
 * Floating point.  FP ops round and raise sticky flags in the host FP
 * environment (the guest's FP-control helpers keep it in step), so passes
 * never fold an op whose result or flags depend on it, and DCE keeps such an
 * op even when its value is unused.  FABS, FNEG, BITCAST and DEFNAN only
 * move bits.  DEFNAN's b is a CONST holding the guest's default NaN.
 *
 * Dead instructions.  Passes delete an instruction by rewriting it into an
 * unused `const i32 0`; ir_opt_dce removes those and renumbers the block.
 * docs/ir.md is the long form of this manual (printer format, passes).
 *
 * Example: MIPS `addiu $t0, $t1, -4` at 0x400100, big-endian guest:
 *
 *     0000 insn   0x400100
 *     0001 get    i32 [36]          ; gpr[9] ($t1)
 *     0002 const  i32 0xfffffffc
 *     0003 add    i32 %1, %2
 *     0004 put    i32 [32], %3      ; gpr[8] ($t0)
 *
 * and on x86_64, with the CPU pointer in rbx:
 *
 *     mov  eax, [rbx+36]
 *     add  eax, -4
 *     mov  [rbx+32], eax
 */
#ifndef XBT_IR_H
#define XBT_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint32_t IRRef;
#define IR_NONE ((IRRef)0xffffffffu)

typedef enum IRType {
    IR_VOID, IR_I32, IR_I64, IR_F32, IR_F64,
    IR_NTYPES
} IRType;

enum {  /* op flags, see ir_ops.def */
    IR_OF_COMM  = 1 << 0,
    IR_OF_SIDE  = 1 << 1,
    IR_OF_FAULT = 1 << 2,
    IR_OF_TERM  = 1 << 3,
    IR_OF_STATE = 1 << 4,
    IR_OF_NOVAL = 1 << 5,
};

enum { IR_K_N, IR_K_R, IR_K_L };  /* operand kinds */

typedef enum IROp {
#define OP(name, a, b, c, flags) IR_##name,
#include "ir_ops.def"
#undef OP
    IR_NOPS
} IROp;

/* Memory op aux bits. */
enum {
    IR_MEM_SIZE_MASK = 0x0f,     /* 1, 2, 4 or 8 */
    IR_MEM_SIGNED    = 0x10,
    IR_MEM_BE        = 0x20,
};

/* SETCC conditions (aux). */
typedef enum IRCond {
    IR_CC_EQ, IR_CC_NE,
    IR_CC_LTS, IR_CC_LES, IR_CC_GTS, IR_CC_GES,
    IR_CC_LTU, IR_CC_LEU, IR_CC_GTU, IR_CC_GEU,
    IR_NCC
} IRCond;

/* FCMP aux: the result is 1 when the relation of a to b is in the mask. */
enum {
    IR_FC_LT  = 1 << 0,
    IR_FC_EQ  = 1 << 1,
    IR_FC_GT  = 1 << 2,
    IR_FC_UN  = 1 << 3,   /* either operand is NaN */
    IR_FC_SIGNAL = 1 << 4 /* raise invalid on quiet NaNs too (not only signalling) */
};

/* FTOI aux: rounding mode in the low bits, out-of-range policy above. */
enum {
    IR_RM_NEAREST = 0, IR_RM_ZERO = 1, IR_RM_UP = 2, IR_RM_DOWN = 3,
    IR_RM_DYNAMIC = 4,          /* the current (guest-set) rounding mode */
    IR_RM_MASK = 7,
    IR_FTOI_SAT    = 0 << 3,    /* saturate to the integer range, NaN -> 0 */
    IR_FTOI_MAXPOS = 1 << 3,    /* every invalid case -> the largest positive integer */
    IR_FTOI_POLICY_MASK = 1 << 3,
};

/* Exit codes left in IRCpuHeader.exit_code by TRAP / TRAP_IF. */
enum {
    IR_EXIT_NONE = 0,     /* ordinary exit: continue at pc */
    IR_EXIT_SYSCALL,      /* pc = the syscall instruction */
    IR_EXIT_SIGNAL,       /* pc = faulting instruction; arg = signo | si_code << 8 */
    IR_EXIT_FLUSH,        /* code at arg may have changed: flush, continue at pc */
    IR_EXIT_HALT,         /* stop the thread (internal) */
};

typedef struct IRInsn {
    uint8_t op;       /* IROp */
    uint8_t type;     /* IRType of the result; for PUT/STORE the value's type */
    uint16_t aux;     /* op-specific */
    uint32_t a, b, c; /* operands: refs or literals as ir_ops.def says */
} IRInsn;

typedef struct IROpInfo {
    const char *name;     /* the enum name without IR_, upper case ("ADD") */
    uint8_t kind[3];
    uint8_t flags;
} IROpInfo;
extern const IROpInfo ir_op_info[IR_NOPS];

/* ---- helpers callable from IR ---------------------------------------- */

enum {  /* helper effects */
    IR_HF_PURE   = 0,
    IR_HF_READS  = 1 << 0,  /* reads guest state through the CPU pointer */
    IR_HF_WRITES = 1 << 1,  /* writes guest state */
    IR_HF_FAULT  = 1 << 2,  /* may raise a guest fault (never returns then) */
};

typedef struct IRHelper {
    const char *name;
    void *fn;          /* ret fn(void *cpu, arg0, arg1, arg2) with C types per IRType */
    uint8_t ret;       /* IRType, IR_VOID for none */
    uint8_t nargs;
    uint8_t arg[3];    /* IRType of each argument */
    uint8_t flags;     /* IR_HF_* */
} IRHelper;

/* Registers h (idempotent) and returns its id for CALL's aux. */
unsigned ir_helper_id(const IRHelper *h);
const IRHelper *ir_helper_get(unsigned id);

/* ---- blocks ---------------------------------------------------------- */

typedef struct IRBlock {
    IRInsn *insn;
    uint32_t n, cap;
    uint32_t guest_pc;      /* first guest instruction */
    uint32_t guest_end;     /* one past the last guest byte translated */
    uint32_t guest_insns;   /* number of guest instructions */
} IRBlock;

void ir_block_init(IRBlock *b, uint32_t guest_pc);
void ir_block_reset(IRBlock *b, uint32_t guest_pc);
void ir_block_free(IRBlock *b);

/* ---- builder (ir/build.c) -------------------------------------------- */
/* Every builder call appends one instruction and returns its ref. */

IRRef ir_emit(IRBlock *b, IROp op, IRType t, uint16_t aux, uint32_t a, uint32_t c1, uint32_t c2);
IRRef ir_const32(IRBlock *b, uint32_t v);
IRRef ir_const64(IRBlock *b, uint64_t v);
IRRef ir_constf32(IRBlock *b, float v);
IRRef ir_constf64(IRBlock *b, double v);
IRRef ir_get(IRBlock *b, IRType t, uint32_t off);
void  ir_put(IRBlock *b, IRType t, uint32_t off, IRRef v);
IRRef ir_load(IRBlock *b, IRType t, unsigned memop, IRRef addr);
void  ir_store(IRBlock *b, IRType t, unsigned memop, IRRef addr, IRRef v);
IRRef ir_binop(IRBlock *b, IROp op, IRType t, IRRef x, IRRef y);
IRRef ir_unop(IRBlock *b, IROp op, IRType t, IRRef x);
IRRef ir_setcc(IRBlock *b, IRCond cc, IRRef x, IRRef y);
IRRef ir_select(IRBlock *b, IRType t, IRRef c, IRRef x, IRRef y);
IRRef ir_call(IRBlock *b, const IRHelper *h, IRRef x, IRRef y, IRRef z);
void  ir_insn_mark(IRBlock *b, uint32_t pc);   /* also counts b->guest_insns */
void  ir_exit_if(IRBlock *b, IRRef cond, uint32_t pc);
void  ir_trap_if(IRBlock *b, IRRef cond, unsigned code, uint32_t pc, uint32_t arg);
void  ir_goto(IRBlock *b, uint32_t pc);
void  ir_jump(IRBlock *b, IRRef target);
void  ir_trap(IRBlock *b, unsigned code, uint32_t pc, uint32_t arg);

/* Type of a value: b->insn[r].type.  Constant value of r, if it is a CONST. */
static inline IRType ir_type(const IRBlock *b, IRRef r) { return (IRType)b->insn[r].type; }
bool ir_is_const(const IRBlock *b, IRRef r, uint64_t *v);
bool ir_block_terminated(const IRBlock *b);

/* ---- checking, printing, running ------------------------------------- */

/* Returns true if b obeys every rule; otherwise prints the block with the
 * bad instruction marked and the rule to f (if non-NULL) and returns false. */
bool ir_verify(const IRBlock *b, FILE *f);
/* Verifies in debug and test builds (ir_verify_enabled) and aborts on failure. */
void ir_check(const IRBlock *b, const char *after_pass);
extern bool ir_verify_enabled;

void ir_print(const IRBlock *b, FILE *f);
const char *ir_type_name(IRType t);
/* Added (IR core): one instruction, as ir_print shows it.  ir_format_insn
 * writes the line without newline into buf (truncated to cap) and returns
 * its length; ir_cond_name gives SETCC condition names ("ltu"). */
void ir_print_insn(const IRBlock *b, IRRef r, FILE *f);
size_t ir_format_insn(const IRBlock *b, IRRef r, char *buf, size_t cap);
const char *ir_cond_name(IRCond cc);

/* Runs b on cpu (a guest CPU struct starting with an IRCpuHeader) with guest
 * memory at guest_base.  Fills the header's pc/exit_code/exit_arg as the
 * compiled code would, and returns the exit code.  GOTO, EXIT_IF and JUMP
 * set exit_code IR_EXIT_NONE and leave exit_arg alone; TRAP/TRAP_IF set
 * both.  Like compiled code it leaves at once (pc = b->guest_pc) when
 * header.exit_request is set on entry. */
unsigned ir_interp(const IRBlock *b, void *cpu, uint8_t *guest_base);
/* Added (IR core): guest PC of the INSN mark the interpreter last passed in
 * this thread (b->guest_pc before the first), for mapping a host fault
 * inside ir_interp back to the guest instruction. */
extern __thread uint32_t ir_interp_guest_pc;

/* Added (IR core): evaluates a value op on constant operand bits exactly as
 * ir_interp does (ta = type of operand a; i32/f32 bits zero-extended).
 * Returns false when the result could depend on, or change, the FP
 * environment (rounding, flags) or the op is not a pure value op. */
bool ir_eval(IROp op, IRType t, IRType ta, unsigned aux, uint64_t x, uint64_t y,
             uint64_t z, uint64_t *res);

/* ---- passes ---------------------------------------------------------- */
/* Passes rewrite in place; dead instructions become NOPs by being compacted
 * away by ir_compact, which renumbers refs. */

void ir_opt_fold(IRBlock *b);     /* constant folding and algebraic identities */
void ir_opt_copy(IRBlock *b);     /* copy propagation */
void ir_opt_state(IRBlock *b);    /* redundant GET/PUT removal */
void ir_opt_dce(IRBlock *b);      /* dead-code elimination + compaction */
void ir_optimize(IRBlock *b);     /* all of the above in order, verified between */

#endif
