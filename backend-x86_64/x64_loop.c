/*
 * x64_loop.c - self-loop blocks on x86-64: the loop header, back edges and
 * guest-state slots pinned to host registers (ir/loop.h says what may be
 * pinned and why memory stays authoritative).
 *
 * Layout of a self-loop block:
 *
 *         mov  P1, [rbx+off1]           ; pinned registers, once per entry
 *         ...
 *     head:
 *         cmp  dword [rbx+4], 0         ; header.exit_request, every iteration
 *         jne  <leave with pc = block pc>
 *         body                          ; GETs of pinned slots read P directly
 *         cmp  ... ; jcc head           ; back edge (EXIT_IF or final GOTO)
 *         rest of the block
 *
 * The exit_request test at the head is the block-entry test of backend.h
 * and also stops a loop that never leaves (a signal, another thread).
 * Other exits keep their chaining patch sites.
 *
 * Pinned registers: GPRs r14 r13 r12 rbp r10 r9 and xmm14..xmm11 (taken
 * from the end of the allocator's preference order), removed from the
 * allocatable set for the whole block.  Invariant: at every instruction
 * boundary a pinned register equals its slot in memory.  A PUT stores to
 * memory and copies the value into the register; a call reloads the
 * caller-saved pinned registers (the slot did not change) and, when the
 * helper writes state, all of them.  A GET is bound to the register
 * (ra_bind, no code) when no PUT of its slot and no state-writing call
 * comes before its last use; otherwise it copies the register.  The
 * number of pins is limited by an estimate of the block's register
 * pressure so that the body does not start spilling.
 *
 * NYI: loops spanning several blocks get no pinning (the frontend's
 * superblocks make most inner loops one block).  NYI: a loop-carried value
 * is computed in an allocatable register and copied into its pinned one
 * (a mov per PUT, free where the host eliminates moves; coalescing needs
 * the allocator to define a value in a bound register).  NYI: PUTs of
 * pinned slots could be stored only on the way out (exit stubs, calls
 * that read state) if the runtime's fault handler took the pinned values
 * from the host registers; loops whose body is bound by store throughput
 * (three or four state stores per iteration) would gain most, but memory
 * stays authoritative for now.
 */
#include <string.h>

#include "x64_internal.h"

#define GPRS X64_GPR_ALLOC
#define FPRS X64_FPR_ALLOC

static const uint8_t gpr_pool[] = { X64_R14, X64_R13, X64_R12, X64_RBP, X64_R10, X64_R9 };
static const uint8_t fpr_pool[] = { XR(14), XR(13), XR(12), XR(11) };

static bool is_fp(IRType t) { return t == IR_F32 || t == IR_F64; }

static int pin_of(const X64Ctx *x, uint32_t off, unsigned type)
{
    for (unsigned k = 0; k < x->npin; k++)
        if (x->pin[k].off == off && x->pin[k].type == type)
            return (int)k;
    return -1;
}

static void pin_load(X64Ctx *x, const X64Pin *p)
{
    X64Mem m = x64_cpu_mem(p->off);
    switch ((IRType)p->type) {
    case IR_F32: x64_rm(&x->c, X64_MOVSS_X_XM, HW(p->reg), m); break;
    case IR_F64: x64_rm(&x->c, X64_MOVSD_X_XM, HW(p->reg), m); break;
    case IR_I64: x64_rm(&x->c, X64_MOV_R_RM | X64_W, p->reg, m); break;
    default:     x64_rm(&x->c, X64_MOV_R_RM, p->reg, m); break;
    }
}

static void move(X64Ctx *x, unsigned d, unsigned s, IRType t)
{
    if (d == s)
        return;
    if (is_fp(t))
        x64_rr(&x->c, X64_MOVAPS_X_XM, HW(d), HW(s));
    else
        x64_rr(&x->c, X64_MOV_RM_R | (t == IR_I64 ? X64_W : 0), s, d);
}

static void store(X64Ctx *x, unsigned r, X64Mem m, IRType t)
{
    switch (t) {
    case IR_F32: x64_rm(&x->c, X64_MOVSS_XM_X, HW(r), m); break;
    case IR_F64: x64_rm(&x->c, X64_MOVSD_XM_X, HW(r), m); break;
    default:     x64_rm(&x->c, X64_MOV_RM_R | (t == IR_I64 ? X64_W : 0), r, m); break;
    }
}

/* ---- planning ------------------------------------------------------------ */

/* Largest number of values of class cls live at once, leaving out
 * constants, fused compares and GETs of the candidate slots. */
static int pressure(X64Ctx *x, unsigned cls)
{
    const IRBlock *b = x->b;
    int32_t *d = x->scratch;
    memset(d, 0, (b->n + 1) * sizeof *d);
    for (IRRef i = 0; i < b->n; i++) {
        const IRInsn *in = &b->insn[i];
        if (!x->nuse[i] || in->op == IR_CONST || (x->mark[i] & X64_M_FUSED) ||
            in->type == IR_VOID || ra_class_of((IRType)in->type) != cls)
            continue;
        if (in->op == IR_GET) {
            bool cand = false;
            for (uint32_t k = 0; k < x->loop.nslots && !cand; k++)
                cand = x->loop.slot[k].off == in->a && x->loop.slot[k].type == in->type;
            if (cand)
                continue;
        }
        d[i]++;
        d[x->last[i]]--;
    }
    int live = 0, max = 0;
    for (IRRef i = 0; i < b->n; i++) {
        live += d[i];
        if (live > max)
            max = live;
    }
    return max;
}

void x64_loop_plan(X64Ctx *x, const RATarget *base)
{
    const IRBlock *b = x->b;
    x->rat = *base;
    x->npin = 0;
    x->pin_mask = 0;
    x->loop_head = 0;
    if (!ir_loop_analyze(b, &x->loop))
        return;

    for (IRRef i = 0; i < b->n; i++)
        x->last[i] = i;
    for (IRRef i = 0; i < b->n; i++) {
        const IRInsn *in = &b->insn[i];
        const IROpInfo *oi = &ir_op_info[in->op];
        const uint32_t ops[3] = { in->a, in->b, in->c };
        for (int k = 0; k < 3; k++)
            if (oi->kind[k] == IR_K_R && ops[k] != IR_NONE && x->last[ops[k]] < x->at[i])
                x->last[ops[k]] = x->at[i];
    }

    /* registers left to the allocator: its largest live set, plus one */
    int room[RA_NCLASS];
    room[RA_GPR] = 12 - 1 - pressure(x, RA_GPR);
    room[RA_FPR] = 15 - 1 - pressure(x, RA_FPR);
    unsigned ngpr = 0, nfpr = 0;
    for (uint32_t k = 0; k < x->loop.nslots && x->npin < X64_MAX_PINS; k++) {
        const IRLoopSlot *s = &x->loop.slot[k];
        unsigned reg;
        if (is_fp((IRType)s->type)) {
            if ((int)nfpr >= room[RA_FPR] || nfpr == sizeof fpr_pool)
                continue;
            reg = fpr_pool[nfpr++];
        } else {
            if ((int)ngpr >= room[RA_GPR] || ngpr == sizeof gpr_pool)
                continue;
            reg = gpr_pool[ngpr++];
        }
        x->pin[x->npin++] = (X64Pin){ s->off, s->type, (uint8_t)reg };
        x->pin_mask |= BIT(reg);
    }
    x->rat.regs[RA_GPR] &= ~x->pin_mask;
    x->rat.regs[RA_FPR] &= ~x->pin_mask;

    /* GETs that can read the pinned register at every use: backwards,
     * with the next instruction that changes each slot */
    uint32_t next[X64_MAX_PINS];
    for (unsigned k = 0; k < x->npin; k++)
        next[k] = b->n;
    for (IRRef i = b->n; i-- > 0;) {
        const IRInsn *in = &b->insn[i];
        if (in->op == IR_GET) {
            int k = pin_of(x, in->a, in->type);
            if (k >= 0 && x->last[i] <= next[k])
                x->mark[i] |= X64_M_PINNED;
        }
        for (unsigned k = 0; k < x->npin; k++)
            if (ir_loop_clobbers(b, i, x->pin[k].off))
                next[k] = i;
    }
}

/* ---- code ------------------------------------------------------------------- */

void x64_loop_entry(X64Ctx *x)
{
    if (x64_is_loop(x)) {
        for (unsigned k = 0; k < x->npin; k++)
            pin_load(x, &x->pin[k]);
        x->loop_head = x->c.pos;
    }
    x64_exit_request_check(x, x->b->guest_pc);
}

bool x64_loop_get(X64Ctx *x, IRRef i)
{
    const IRInsn *in = &x->b->insn[i];
    int k = pin_of(x, in->a, in->type);
    if (k < 0)
        return false;
    unsigned p = x->pin[k].reg;
    if (x->mark[i] & X64_M_PINNED) {
        ra_bind(&x->ra, i, p);
        return true;
    }
    IRType t = (IRType)in->type;
    unsigned d = ra_def(&x->ra, i, is_fp(t) ? FPRS : GPRS);
    move(x, d, p, t);
    return true;
}

bool x64_loop_put(X64Ctx *x, IRRef i)
{
    const IRInsn *in = &x->b->insn[i];
    int k = pin_of(x, in->a, in->type);
    if (k < 0)
        return false;
    IRType t = (IRType)in->type;
    unsigned p = x->pin[k].reg;
    X64Mem m = x64_cpu_mem(in->a);
    if (x64_is_const(x, in->b)) {
        uint64_t v = x64_cval(x, in->b);
        if (t == IR_I32) {                   /* two independent moves */
            x64_mov_mi(&x->c, false, m, (int32_t)(uint32_t)v);
            x64_mov_ri(&x->c, false, p, (uint32_t)v);
            return true;
        }
        x64_remat(x, p, in->b);
        store(x, p, m, t);
        return true;
    }
    unsigned r = ra_use(&x->ra, in->b, is_fp(t) ? FPRS : GPRS);
    store(x, r, m, t);                       /* from r: no wait for the copy */
    move(x, p, r, t);
    return true;
}

void x64_loop_after_call(X64Ctx *x, uint64_t regs)
{
    for (unsigned k = 0; k < x->npin; k++)
        if (BIT(x->pin[k].reg) & regs)
            pin_load(x, &x->pin[k]);
}

void x64_loop_back(X64Ctx *x, int cc)
{
    X64Buf *c = &x->c;
    int64_t rel = (int64_t)x->loop_head - (int64_t)(c->pos + 2);
    if (rel >= -128) {
        if (cc < 0)
            x64_jmp8(c, (int8_t)rel);
        else
            x64_jcc8(c, (X64Cond)cc, (int8_t)rel);
    } else if (cc < 0) {
        x64_jmp32(c, (int32_t)((int64_t)x->loop_head - (int64_t)(c->pos + 5)));
    } else {
        x64_jcc32(c, (X64Cond)cc, (int32_t)((int64_t)x->loop_head - (int64_t)(c->pos + 6)));
    }
}
