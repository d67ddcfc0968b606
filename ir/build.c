/*
 * build.c - IR blocks and the builder: the op table generated from
 * ir_ops.def, block storage, and one append function per instruction shape.
 *
 * The builder checks nothing beyond "the block has room": type and operand
 * rules are ir/verify.c's job, run after the frontend and after every pass
 * when ir_verify_enabled.  Storage grows by doubling and is kept across
 * ir_block_reset, so a translator that reuses one IRBlock allocates only
 * while its blocks keep getting bigger (no per-instruction malloc).
 *
 * Invariants kept here: refs are indexes into b->insn, a new instruction's
 * ref is b->n before the append; CONST keeps the low 32 bits of its value in
 * `a` and the high 32 bits in `b` (0 for 32-bit types); ir_insn_mark counts
 * guest instructions in b->guest_insns.
 */
#include <stdlib.h>
#include <string.h>

#include "ir.h"

#define K_N IR_K_N
#define K_R IR_K_R
#define K_L IR_K_L

const IROpInfo ir_op_info[IR_NOPS] = {
#define OP(name, a, b, c, flags) [IR_##name] = { #name, { K_##a, K_##b, K_##c }, (flags) },
#include "ir_ops.def"
#undef OP
};

/* ---- block storage ---------------------------------------------------- */

enum { IR_INITIAL_CAP = 256 };

void ir_block_init(IRBlock *b, uint32_t guest_pc)
{
    memset(b, 0, sizeof *b);
    b->guest_pc = guest_pc;
    b->guest_end = guest_pc;
}

void ir_block_reset(IRBlock *b, uint32_t guest_pc)
{
    b->n = 0;
    b->guest_pc = guest_pc;
    b->guest_end = guest_pc;
    b->guest_insns = 0;
}

void ir_block_free(IRBlock *b)
{
    free(b->insn);
    b->insn = NULL;
    b->n = b->cap = 0;
}

static void ir_block_grow(IRBlock *b)
{
    uint32_t cap = b->cap ? b->cap * 2 : IR_INITIAL_CAP;
    IRInsn *p = realloc(b->insn, (size_t)cap * sizeof *p);
    if (!p) {
        fprintf(stderr, "xbt: out of memory growing an IR block to %u insns\n", cap);
        abort();
    }
    b->insn = p;
    b->cap = cap;
}

/* ---- the builder ------------------------------------------------------ */

IRRef ir_emit(IRBlock *b, IROp op, IRType t, uint16_t aux, uint32_t a, uint32_t c1, uint32_t c2)
{
    if (__builtin_expect(b->n == b->cap, 0))
        ir_block_grow(b);
    IRInsn *i = &b->insn[b->n];
    i->op = (uint8_t)op;
    i->type = (uint8_t)t;
    i->aux = aux;
    i->a = a;
    i->b = c1;
    i->c = c2;
    return b->n++;
}

IRRef ir_const32(IRBlock *b, uint32_t v)
{
    return ir_emit(b, IR_CONST, IR_I32, 0, v, 0, 0);
}

IRRef ir_const64(IRBlock *b, uint64_t v)
{
    return ir_emit(b, IR_CONST, IR_I64, 0, (uint32_t)v, (uint32_t)(v >> 32), 0);
}

IRRef ir_constf32(IRBlock *b, float v)
{
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    return ir_emit(b, IR_CONST, IR_F32, 0, bits, 0, 0);
}

IRRef ir_constf64(IRBlock *b, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return ir_emit(b, IR_CONST, IR_F64, 0, (uint32_t)bits, (uint32_t)(bits >> 32), 0);
}

IRRef ir_get(IRBlock *b, IRType t, uint32_t off)
{
    return ir_emit(b, IR_GET, t, 0, off, 0, 0);
}

void ir_put(IRBlock *b, IRType t, uint32_t off, IRRef v)
{
    ir_emit(b, IR_PUT, t, 0, off, v, 0);
}

IRRef ir_load(IRBlock *b, IRType t, unsigned memop, IRRef addr)
{
    return ir_emit(b, IR_LOAD, t, (uint16_t)memop, addr, 0, 0);
}

void ir_store(IRBlock *b, IRType t, unsigned memop, IRRef addr, IRRef v)
{
    ir_emit(b, IR_STORE, t, (uint16_t)memop, addr, v, 0);
}

IRRef ir_binop(IRBlock *b, IROp op, IRType t, IRRef x, IRRef y)
{
    return ir_emit(b, op, t, 0, x, y, 0);
}

IRRef ir_unop(IRBlock *b, IROp op, IRType t, IRRef x)
{
    return ir_emit(b, op, t, 0, x, 0, 0);
}

IRRef ir_setcc(IRBlock *b, IRCond cc, IRRef x, IRRef y)
{
    return ir_emit(b, IR_SETCC, IR_I32, (uint16_t)cc, x, y, 0);
}

IRRef ir_select(IRBlock *b, IRType t, IRRef c, IRRef x, IRRef y)
{
    return ir_emit(b, IR_SELECT, t, 0, c, x, y);
}

IRRef ir_call(IRBlock *b, const IRHelper *h, IRRef x, IRRef y, IRRef z)
{
    unsigned id = ir_helper_id(h);
    return ir_emit(b, IR_CALL, (IRType)h->ret, (uint16_t)id, x, y, z);
}

void ir_insn_mark(IRBlock *b, uint32_t pc)
{
    ir_emit(b, IR_INSN, IR_VOID, 0, pc, 0, 0);
    b->guest_insns++;
}

void ir_exit_if(IRBlock *b, IRRef cond, uint32_t pc)
{
    ir_emit(b, IR_EXIT_IF, IR_VOID, 0, cond, pc, 0);
}

void ir_trap_if(IRBlock *b, IRRef cond, unsigned code, uint32_t pc, uint32_t arg)
{
    ir_emit(b, IR_TRAP_IF, IR_VOID, (uint16_t)code, cond, pc, arg);
}

void ir_goto(IRBlock *b, uint32_t pc)
{
    ir_emit(b, IR_GOTO, IR_VOID, 0, pc, 0, 0);
}

void ir_jump(IRBlock *b, IRRef target)
{
    ir_emit(b, IR_JUMP, IR_VOID, 0, target, 0, 0);
}

void ir_trap(IRBlock *b, unsigned code, uint32_t pc, uint32_t arg)
{
    ir_emit(b, IR_TRAP, IR_VOID, (uint16_t)code, pc, arg, 0);
}

/* ---- queries ---------------------------------------------------------- */

bool ir_is_const(const IRBlock *b, IRRef r, uint64_t *v)
{
    if (r >= b->n || b->insn[r].op != IR_CONST)
        return false;
    if (v)
        *v = (uint64_t)b->insn[r].a | (uint64_t)b->insn[r].b << 32;
    return true;
}

bool ir_block_terminated(const IRBlock *b)
{
    return b->n > 0 && (ir_op_info[b->insn[b->n - 1].op].flags & IR_OF_TERM);
}
