/*
 * opt_dce.c - dead-code elimination with compaction, and the pass driver.
 *
 * DCE walks the block backwards (refs point backwards, so one walk finds
 * every live value): an instruction is live when it has an effect or a live
 * user.  Effects: ops flagged SIDE or NOVAL (INSN marks stay: backends map
 * host faults to guest PCs through them), CALLs of helpers that write state
 * or may fault, and FP ops that may raise a sticky FP flag (the guest's FP
 * status helpers read the host flags, so such an op is kept even when its
 * value is unused).  A forward walk then compacts the survivors and
 * renumbers their refs.  Both walks are linear.
 */
#include <stdlib.h>
#include <string.h>

#include "ir.h"

static __thread uint32_t *dce_buf;
static __thread size_t dce_cap;

static uint32_t *dce_scratch(size_t n)
{
    if (n > dce_cap) {
        size_t cap = n < 1024 ? 1024 : n * 2;
        uint32_t *p = realloc(dce_buf, cap * sizeof *p);
        if (!p) {
            fprintf(stderr, "xbt: out of memory in ir_opt_dce\n");
            abort();
        }
        dce_buf = p;
        dce_cap = cap;
    }
    return dce_buf;
}

static bool has_effect(const IRBlock *b, const IRInsn *i)
{
    if (ir_op_info[i->op].flags & (IR_OF_SIDE | IR_OF_NOVAL))
        return true;
    switch (i->op) {
    case IR_CALL: {
        const IRHelper *h = ir_helper_get(i->aux);
        return !h || (h->flags & (IR_HF_WRITES | IR_HF_FAULT));
    }
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT:
    case IR_FMA: case IR_FCMP: case IR_FCVT: case IR_FTOI:
        return true;
    case IR_ITOF:      /* i32 -> f64 is exact; everything else may be inexact */
        return !(i->type == IR_F64 && b->insn[i->a].type == IR_I32);
    default:
        return false;
    }
}

#define DCE_DEAD 0xffffffffu

void ir_opt_dce(IRBlock *b)
{
    uint32_t *map = dce_scratch(b->n);
    uint32_t w = 0;

    memset(map, 0, (size_t)b->n * sizeof *map);
    for (IRRef r = b->n; r-- > 0;) {
        const IRInsn *i = &b->insn[r];
        const IROpInfo *oi = &ir_op_info[i->op];
        if (!map[r] && !has_effect(b, i))
            continue;
        map[r] = 1;
        if (oi->kind[0] == IR_K_R && i->a != IR_NONE)
            map[i->a] = 1;
        if (oi->kind[1] == IR_K_R && i->b != IR_NONE)
            map[i->b] = 1;
        if (oi->kind[2] == IR_K_R && i->c != IR_NONE)
            map[i->c] = 1;
    }
    for (IRRef r = 0; r < b->n; r++) {
        if (!map[r]) {
            map[r] = DCE_DEAD;
            continue;
        }
        IRInsn i = b->insn[r];
        const IROpInfo *oi = &ir_op_info[i.op];
        if (oi->kind[0] == IR_K_R && i.a != IR_NONE)
            i.a = map[i.a];
        if (oi->kind[1] == IR_K_R && i.b != IR_NONE)
            i.b = map[i.b];
        if (oi->kind[2] == IR_K_R && i.c != IR_NONE)
            i.c = map[i.c];
        map[r] = w;
        b->insn[w++] = i;
    }
    b->n = w;
}

/* ---- the driver ------------------------------------------------------- */

void ir_optimize(IRBlock *b)
{
    ir_check(b, "the frontend");
    ir_opt_state(b);
    ir_check(b, "ir_opt_state");
    ir_opt_fold(b);
    ir_check(b, "ir_opt_fold");
    ir_opt_copy(b);
    ir_check(b, "ir_opt_copy");
    ir_opt_dce(b);
    ir_check(b, "ir_opt_dce");
}
