/*
 * opt_state.c - redundant GET/PUT removal within a block, under the rules
 * of ir.h:
 *   - a GET is replaced by the value last PUT to, or GOT from, the same
 *     offset with the same type, unless a CALL of a helper that writes state
 *     (IR_HF_WRITES) or an overlapping PUT came in between; with the other
 *     type of the same size (i32/f32, i64/f64) it becomes a BITCAST of it;
 *   - a PUT is deleted when a later PUT covers its bytes with nothing in
 *     between that can observe guest state: IR_OF_STATE ops (memory ops,
 *     exits), CALLs whose helper reads state or may fault, and GETs of
 *     overlapping bytes that could not be forwarded;
 *   - a PUT of the value the slot is known to hold already is deleted.
 *
 * Slots are keyed by byte offset in a small open-addressed table sized from
 * the block; an access [off, off+size) is checked against every slot that
 * could overlap it (starts in (off-8, off+size), only multiples of 4 when
 * every access of the block is 4-aligned), so mixed views of the same bytes
 * (a MIPS f64 over two f32 registers) are handled exactly.  "Observe all"
 * and "forget all" are generation bumps, so the pass is linear.
 * A deleted instruction is rewritten as a dead `const i32 0` for DCE.
 */
#include <stdlib.h>
#include <string.h>

#include "ir.h"

typedef struct Slot {
    uint32_t off;
    uint32_t known;         /* value held by [off, off+size(ktype)) */
    uint32_t pend;          /* unobserved PUT at off */
    uint32_t kgen, pgen;    /* valid while equal to the current generation */
    uint8_t ktype, ptype;
    uint8_t used;
} Slot;

typedef struct StateCtx {
    IRBlock *b;
    uint32_t *repl;
    Slot *slot;
    uint32_t mask;          /* table size - 1 */
    uint32_t kgen, pgen;
    uint32_t step;          /* 4 if every access is 4-aligned, else 1 */
} StateCtx;

static __thread void *state_buf;
static __thread size_t state_cap;

static void *state_scratch(size_t bytes)
{
    if (bytes > state_cap) {
        size_t cap = bytes < 65536 ? 65536 : bytes * 2;
        void *p = realloc(state_buf, cap);
        if (!p) {
            fprintf(stderr, "xbt: out of memory in ir_opt_state\n");
            abort();
        }
        state_buf = p;
        state_cap = cap;
    }
    return state_buf;
}

static unsigned tsize(unsigned t)
{
    return t == IR_I64 || t == IR_F64 ? 8 : 4;
}

static Slot *slot_find(StateCtx *s, uint32_t off)
{
    uint32_t h = (off * 0x9e3779b1u) >> 7 & s->mask;
    while (s->slot[h].used) {
        if (s->slot[h].off == off)
            return &s->slot[h];
        h = (h + 1) & s->mask;
    }
    return NULL;
}

static Slot *slot_get(StateCtx *s, uint32_t off)
{
    uint32_t h = (off * 0x9e3779b1u) >> 7 & s->mask;
    while (s->slot[h].used) {
        if (s->slot[h].off == off)
            return &s->slot[h];
        h = (h + 1) & s->mask;
    }
    Slot *e = &s->slot[h];
    memset(e, 0, sizeof *e);
    e->used = 1;
    e->off = off;
    return e;
}

static bool overlaps(uint32_t a, unsigned an, uint32_t b, unsigned bn)
{
    return a < b + bn && b < a + an;
}

static void kill(IRInsn *i)
{
    *i = (IRInsn){ .op = IR_CONST, .type = IR_I32 };
}

/* Visits slots whose start could overlap [off, off+n). */
#define FOR_NEAR_SLOTS(s, off, n, e)                                           \
    for (uint32_t at_ = (off) >= 7 ? (off) - 7 : 0; at_ < (off) + (n); at_++)  \
        if ((s)->step == 1 || at_ % 4 == 0)                                    \
            for (Slot *e = slot_find((s), at_); e; e = NULL)

static void state_get(StateCtx *s, IRRef r)
{
    IRInsn *i = &s->b->insn[r];
    unsigned n = tsize(i->type);
    Slot *e = slot_find(s, i->a);

    if (e && e->kgen == s->kgen && e->ktype == i->type) {
        s->repl[r] = e->known;
        return;
    }
    if (e && e->kgen == s->kgen && tsize(e->ktype) == n && e->ktype != i->type) {
        /* the same bytes under the other type of their size (an i64 PUT
         * read back as f64): the known value's bits, moved across */
        i->op = IR_BITCAST;
        i->a = e->known;
        return;
    }
    FOR_NEAR_SLOTS(s, i->a, n, x) {
        if (x->pgen == s->pgen && overlaps(x->off, tsize(x->ptype), i->a, n))
            x->pgen = 0;     /* observed */
    }
    e = slot_get(s, i->a);
    e->known = r;
    e->ktype = i->type;
    e->kgen = s->kgen;
}

static void state_put(StateCtx *s, IRRef r)
{
    IRInsn *i = &s->b->insn[r];
    unsigned n = tsize(i->type);
    Slot *e = slot_find(s, i->a);

    if (e && e->kgen == s->kgen && e->ktype == i->type && e->known == i->b) {
        kill(i);             /* the slot holds this value already */
        return;
    }
    FOR_NEAR_SLOTS(s, i->a, n, x) {
        if (x->kgen == s->kgen && overlaps(x->off, tsize(x->ktype), i->a, n))
            x->kgen = 0;
        if (x->pgen == s->pgen) {
            unsigned pn = tsize(x->ptype);
            if (x->off >= i->a && x->off + pn <= i->a + n) {
                kill(&s->b->insn[x->pend]);   /* fully overwritten, never observed */
                x->pgen = 0;
            } else if (x->off == i->a) {
                x->pgen = 0;  /* partly overwritten: keep it, stop tracking */
            }
        }
    }
    e = slot_get(s, i->a);
    e->known = i->b;
    e->ktype = i->type;
    e->kgen = s->kgen;
    e->pend = r;
    e->ptype = i->type;
    e->pgen = s->pgen;
}

void ir_opt_state(IRBlock *b)
{
    StateCtx s = { .b = b, .kgen = 1, .pgen = 1, .step = 4 };
    uint32_t nstate = 0, size = 16;

    for (IRRef r = 0; r < b->n; r++) {
        const IRInsn *i = &b->insn[r];
        if (i->op == IR_GET || i->op == IR_PUT) {
            nstate++;
            if (i->a % 4)
                s.step = 1;
        }
    }
    if (nstate == 0)
        return;
    while (size < 2 * nstate + 2)
        size *= 2;
    uint8_t *mem = state_scratch((size_t)b->n * sizeof(uint32_t) + (size_t)size * sizeof(Slot) + 8);
    s.slot = (Slot *)mem;
    s.repl = (uint32_t *)(mem + (size_t)size * sizeof(Slot));
    s.mask = size - 1;
    memset(s.slot, 0, (size_t)size * sizeof(Slot));

    for (IRRef r = 0; r < b->n; r++) {
        IRInsn *i = &b->insn[r];
        const IROpInfo *oi = &ir_op_info[i->op];

        s.repl[r] = r;
        if (oi->kind[0] == IR_K_R && i->a != IR_NONE)
            i->a = s.repl[i->a];
        if (oi->kind[1] == IR_K_R && i->b != IR_NONE)
            i->b = s.repl[i->b];
        if (oi->kind[2] == IR_K_R && i->c != IR_NONE)
            i->c = s.repl[i->c];

        switch (i->op) {
        case IR_GET:
            state_get(&s, r);
            break;
        case IR_PUT:
            state_put(&s, r);
            break;
        case IR_CALL: {
            const IRHelper *h = ir_helper_get(i->aux);
            unsigned f = h ? h->flags : IR_HF_READS | IR_HF_WRITES | IR_HF_FAULT;
            if (f & (IR_HF_READS | IR_HF_FAULT))
                s.pgen++;
            if (f & IR_HF_WRITES)
                s.kgen++;
            break;
        }
        default:
            if (oi->flags & IR_OF_STATE)
                s.pgen++;
            break;
        }
    }
}
