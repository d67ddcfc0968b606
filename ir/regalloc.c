/*
 * regalloc.c - host-neutral register allocation (see regalloc.h).
 *
 * Liveness: one pass over the block collects, for every value, the sorted
 * list of instructions that read it (with fused-compare remapping), so the
 * last use and the next use at any point are known.  A value whose range
 * contains a call (next_call[] table) prefers a callee-saved register.
 *
 * Victim choice when a class is full: the unlocked value whose next use is
 * farthest (Belady), preferring values that need no store (constants,
 * values already spilled).  Locked registers (operands, result and scratch
 * registers of the instruction being emitted) are never taken.
 *
 * Bound values (ra_bind) sit in a register outside the allocatable set
 * that the backend owns; they appear in neither used nor reg_val, so no
 * victim choice, eviction or call handling ever touches them, and a use
 * that does not allow that register copies the value out.
 *
 * Invariants: used & ~temps registers hold exactly the values of reg_val;
 * a value is in at most one register; a spill slot, once written, holds the
 * value until the value dies.  The allocator emits code only through the
 * target's callbacks and only from ra_use, ra_def, ra_temp, ra_claim,
 * ra_evict and ra_call, so a backend that calls those before its
 * flag-setting sequence never has flags clobbered by a reload (the
 * callbacks must not touch flags).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regalloc.h"

static inline uint64_t bit(unsigned r) { return 1ull << r; }

static void ra_panic(const RA *ra, const char *what)
{
    fprintf(stderr, "xbt: regalloc: %s at insn %04u of block 0x%x\n", what, ra->cur,
            ra->b ? ra->b->guest_pc : 0);
    if (ra->b)
        ir_print(ra->b, stderr);
    abort();
}

static bool grow_to(void **p, uint32_t n, size_t elem)
{
    void *q = realloc(*p, (size_t)n * elem);
    if (!q)
        return false;
    *p = q;
    return true;
}

void ra_release(RA *ra)
{
    free(ra->v);
    free(ra->vstart);
    free(ra->vuse);
    free(ra->istart);
    free(ra->iuse);
    free(ra->next_call);
    free(ra->cursor);
    free(ra->slot_used);
    memset(ra, 0, sizeof *ra);
}

/* Calls fn(ctx, value, when) for every value read by instruction i. */
#define FOR_OPERANDS(b, i, at, BODY)                                          \
    do {                                                                      \
        const IRInsn *in_ = &(b)->insn[i];                                    \
        const IROpInfo *oi_ = &ir_op_info[in_->op];                           \
        const uint32_t ops_[3] = { in_->a, in_->b, in_->c };                  \
        uint32_t when = (at) ? (at)[i] : (i);                                 \
        for (int k_ = 0; k_ < 3; k_++) {                                      \
            if (oi_->kind[k_] != IR_K_R || ops_[k_] == IR_NONE)              \
                continue;                                                     \
            uint32_t val = ops_[k_];                                          \
            BODY;                                                             \
        }                                                                     \
    } while (0)

bool ra_init(RA *ra, const IRBlock *b, const RATarget *t, void *ctx, const IRRef *at)
{
    uint32_t n = b->n, nuse = 0;
    bool remapped = false;

    ra->t = t;
    ra->ctx = ctx;
    ra->b = b;
    ra->fail = NULL;
    ra->cur = 0;
    ra->max_slot = 0;

    uint32_t words = (t->nslots + 63) / 64 + 1;
    if (n + 2 > ra->cap_n) {
        uint32_t cap = ra->cap_n ? ra->cap_n : 256;
        while (cap < n + 2)
            cap *= 2;
        if (!grow_to((void **)&ra->v, cap, sizeof *ra->v) ||
            !grow_to((void **)&ra->vstart, cap, sizeof *ra->vstart) ||
            !grow_to((void **)&ra->istart, cap, sizeof *ra->istart) ||
            !grow_to((void **)&ra->next_call, cap, sizeof *ra->next_call) ||
            !grow_to((void **)&ra->cursor, cap, sizeof *ra->cursor))
            goto oom;
        ra->cap_n = cap;
    }
    if (words > ra->cap_slots) {
        if (!grow_to((void **)&ra->slot_used, words, sizeof *ra->slot_used))
            goto oom;
        ra->cap_slots = words;
    }
    memset(ra->slot_used, 0, words * sizeof *ra->slot_used);

    /* counts, then prefix sums, then fill (CSR both ways) */
    memset(ra->vstart, 0, (n + 2) * sizeof *ra->vstart);
    memset(ra->istart, 0, (n + 2) * sizeof *ra->istart);
    for (IRRef i = 0; i < n; i++) {
        FOR_OPERANDS(b, i, at, { ra->vstart[val + 1]++; ra->istart[when + 1]++; nuse++; });
        if (at && at[i] != i)
            remapped = true;
    }
    if (nuse + 1 > ra->cap_uses) {
        uint32_t cap = ra->cap_uses ? ra->cap_uses : 512;
        while (cap < nuse + 1)
            cap *= 2;
        if (!grow_to((void **)&ra->vuse, cap, sizeof *ra->vuse) ||
            !grow_to((void **)&ra->iuse, cap, sizeof *ra->iuse))
            goto oom;
        ra->cap_uses = cap;
    }
    for (uint32_t i = 0; i < n; i++) {
        ra->vstart[i + 1] += ra->vstart[i];
        ra->istart[i + 1] += ra->istart[i];
    }
    uint32_t *vfill = ra->next_call, *ifill = ra->cursor;   /* next_call doubles as a cursor */
    memcpy(vfill, ra->vstart, (n + 1) * sizeof *vfill);
    memcpy(ifill, ra->istart, (n + 1) * sizeof *ifill);
    for (IRRef i = 0; i < n; i++)
        FOR_OPERANDS(b, i, at, { ra->vuse[vfill[val]++] = when; ra->iuse[ifill[when]++] = val; });

    for (IRRef r = 0; r < n; r++) {
        RAVal *v = &ra->v[r];
        uint32_t s = ra->vstart[r], e = ra->vstart[r + 1];
        /* fused uses can be out of order: insertion sort (lists are short) */
        for (uint32_t k = s + 1; remapped && k < e; k++) {
            uint32_t x = ra->vuse[k], j = k;
            while (j > s && ra->vuse[j - 1] > x) {
                ra->vuse[j] = ra->vuse[j - 1];
                j--;
            }
            ra->vuse[j] = x;
        }
        v->reg = -1;
        v->slot = -1;
        v->last = e > s ? ra->vuse[e - 1] : r;
        v->unext = s;
    }

    ra->next_call[n] = n;
    ra->next_call[n + 1] = n;
    for (IRRef i = n; i-- > 0;)
        ra->next_call[i] = t->is_call && t->is_call(ctx, b, i) ? i : ra->next_call[i + 1];

    for (unsigned k = 0; k < RA_MAX_REGS; k++)
        ra->reg_val[k] = IR_NONE;
    ra->used = ra->locked = ra->temps = 0;
    return true;
oom:
    ra->fail = "out of memory";
    return false;
}

/* ---- slots ------------------------------------------------------------ */

static int slot_alloc(RA *ra)
{
    uint32_t words = (ra->t->nslots + 63) / 64;
    for (uint32_t w = 0; w < words; w++) {
        uint64_t free_bits = ~ra->slot_used[w];
        if (!free_bits)
            continue;
        unsigned k = (unsigned)__builtin_ctzll(free_bits);
        uint32_t s = w * 64 + k;
        if (s >= ra->t->nslots)
            break;
        ra->slot_used[w] |= bit(k);
        if (s + 1 > ra->max_slot)
            ra->max_slot = s + 1;
        return (int)s;
    }
    ra->fail = "out of spill slots";
    return 0;     /* keep going; the backend declines the block */
}

static void slot_free(RA *ra, int s)
{
    if (s >= 0)
        ra->slot_used[s / 64] &= ~bit((unsigned)s % 64);
}

/* ---- helpers ---------------------------------------------------------- */

static inline bool is_const(const RA *ra, IRRef r) { return ra->b->insn[r].op == IR_CONST; }
static inline IRType vtype(const RA *ra, IRRef r) { return (IRType)ra->b->insn[r].type; }

static uint32_t next_use(RA *ra, IRRef r)
{
    RAVal *v = &ra->v[r];
    uint32_t e = ra->vstart[r + 1];
    while (v->unext < e && ra->vuse[v->unext] < ra->cur)
        v->unext++;
    return v->unext < e ? ra->vuse[v->unext] : UINT32_MAX;
}

/* Does value r (live from position `from`) have to survive a call? */
static inline bool crosses_call(const RA *ra, IRRef r, uint32_t from)
{
    return ra->next_call[from] < ra->v[r].last;
}

static unsigned first_in_order(const RA *ra, unsigned cls, uint64_t m)
{
    const uint8_t *o = ra->t->order[cls];
    if (o) {
        for (; *o != 0xff; o++)
            if (m & bit(*o))
                return *o;
    }
    return (unsigned)__builtin_ctzll(m);
}

/* Makes sure value r is somewhere other than its register (spill or drop). */
static void park(RA *ra, IRRef r, unsigned reg)
{
    RAVal *v = &ra->v[r];
    if (v->last >= ra->cur && !is_const(ra, r) && v->slot < 0) {
        v->slot = slot_alloc(ra);
        ra->t->spill(ra->ctx, reg, (unsigned)v->slot, vtype(ra, r));
    }
    v->reg = -1;
    ra->reg_val[reg] = IR_NONE;
    ra->used &= ~bit(reg);
}

static unsigned choose_victim(RA *ra, uint64_t cand)
{
    unsigned best = 0;
    uint64_t best_score = 0;
    bool any = false;
    for (uint64_t m = cand; m; m &= m - 1) {
        unsigned reg = (unsigned)__builtin_ctzll(m);
        IRRef r = ra->reg_val[reg];
        uint64_t nu = next_use(ra, r);
        bool clean = is_const(ra, r) || ra->v[r].slot >= 0;
        uint64_t score = (nu == UINT32_MAX ? (1ull << 33) : nu) * 2 + (clean ? 1 : 0);
        if (!any || score > best_score) {
            best = reg;
            best_score = score;
            any = true;
        }
    }
    return best;
}

/* A free register of class cls within allow, evicting if needed. */
static unsigned pick(RA *ra, unsigned cls, uint64_t allow, bool cross)
{
    uint64_t set = allow & ra->t->regs[cls];
    uint64_t avail = set & ~ra->used;
    if (avail) {
        uint64_t pref = cross ? avail & ra->t->callee_saved : avail & ~ra->t->callee_saved;
        return first_in_order(ra, cls, pref ? pref : avail);
    }
    uint64_t cand = set & ra->used & ~ra->locked & ~ra->temps;
    if (!cand)
        ra_panic(ra, "no register left (all locked)");
    unsigned reg = choose_victim(ra, cand);
    park(ra, ra->reg_val[reg], reg);
    return reg;
}

static void assign(RA *ra, IRRef r, unsigned reg)
{
    ra->v[r].reg = (int8_t)reg;
    ra->reg_val[reg] = r;
    ra->used |= bit(reg);
    ra->locked |= bit(reg);
}

/* ---- the interface ---------------------------------------------------- */

void ra_begin(RA *ra, IRRef i)
{
    ra->cur = i;
    ra->locked = 0;
}

unsigned ra_use(RA *ra, IRRef r, uint64_t allow)
{
    RAVal *v = &ra->v[r];
    unsigned cls = ra_class_of(vtype(ra, r));
    if (v->reg >= 0) {
        unsigned reg = (unsigned)v->reg;
        if (allow & bit(reg)) {
            ra->locked |= bit(reg);
            return reg;
        }
        ra->locked |= bit(reg);              /* keep it while we pick */
        unsigned d = pick(ra, cls, allow, crosses_call(ra, r, ra->cur));
        ra->t->move(ra->ctx, d, reg, vtype(ra, r));
        ra->reg_val[reg] = IR_NONE;
        ra->used &= ~bit(reg);
        ra->locked &= ~bit(reg);
        assign(ra, r, d);
        return d;
    }
    unsigned d = pick(ra, cls, allow, crosses_call(ra, r, ra->cur));
    if (is_const(ra, r))
        ra->t->remat(ra->ctx, d, r);
    else if (v->slot >= 0)
        ra->t->reload(ra->ctx, d, (unsigned)v->slot, vtype(ra, r));
    else
        ra_panic(ra, "use of a value that is nowhere");
    assign(ra, r, d);
    return d;
}

unsigned ra_def(RA *ra, IRRef r, uint64_t allow)
{
    unsigned cls = ra_class_of(vtype(ra, r));
    unsigned d = pick(ra, cls, allow, crosses_call(ra, r, ra->cur + 1));
    assign(ra, r, d);
    return d;
}

int ra_reuse(RA *ra, IRRef r, IRRef src, uint64_t allow)
{
    RAVal *s = &ra->v[src];
    if (s->reg < 0 || s->last > ra->cur || !(allow & bit((unsigned)s->reg)) || ra_bound(ra, src) ||
        ra_class_of(vtype(ra, r)) != ra_class_of(vtype(ra, src)))
        return -1;
    unsigned reg = (unsigned)s->reg;
    /* a callee-saved register is wasted on a short value, but moving costs more */
    s->reg = -1;
    assign(ra, r, reg);
    return (int)reg;
}

unsigned ra_def_reuse(RA *ra, IRRef r, IRRef src, uint64_t allow)
{
    int reg = ra_reuse(ra, r, src, allow);
    return reg >= 0 ? (unsigned)reg : ra_def(ra, r, allow);
}

void ra_bind(RA *ra, IRRef r, unsigned reg)
{
    if (ra->t->regs[ra_class_of(vtype(ra, r))] & bit(reg))
        ra_panic(ra, "binding a value to an allocatable register");
    ra->v[r].reg = (int8_t)reg;     /* not in used/reg_val: nothing else may take it */
}

/* Moves the value in reg elsewhere (not into `avoid`), or parks it. */
static void vacate(RA *ra, unsigned reg, uint64_t avoid)
{
    if (!(ra->used & bit(reg)))
        return;
    if (ra->locked & bit(reg))
        ra_panic(ra, "evicting a locked register");
    IRRef r = ra->reg_val[reg];
    RAVal *v = &ra->v[r];
    unsigned cls = ra_class_of(vtype(ra, r));
    /* a value still needed, not recoverable for free: try a free register first */
    if (v->last >= ra->cur && !is_const(ra, r) && v->slot < 0) {
        uint64_t avail = ra->t->regs[cls] & ~ra->used & ~bit(reg) & ~avoid;
        if (avail) {
            uint64_t pref = avail & ra->t->callee_saved;
            if (!crosses_call(ra, r, ra->cur) || !pref)
                pref = avail;
            {
                unsigned d = first_in_order(ra, cls, pref);
                ra->t->move(ra->ctx, d, reg, vtype(ra, r));
                ra->reg_val[reg] = IR_NONE;
                ra->used &= ~bit(reg);
                v->reg = (int8_t)d;
                ra->reg_val[d] = r;
                ra->used |= bit(d);
                return;
            }
        }
    }
    park(ra, r, reg);
}

void ra_def_fixed(RA *ra, IRRef r, unsigned reg)
{
    if (ra->temps & bit(reg)) {
        ra->temps &= ~bit(reg);
        ra->used &= ~bit(reg);
    } else {
        vacate(ra, reg, 0);
    }
    assign(ra, r, reg);
}

unsigned ra_temp(RA *ra, unsigned cls, uint64_t allow)
{
    unsigned d = pick(ra, cls, allow, false);
    ra->used |= bit(d);
    ra->locked |= bit(d);
    ra->temps |= bit(d);
    ra->reg_val[d] = IR_NONE;
    return d;
}

void ra_claim_mask(RA *ra, uint64_t mask)
{
    for (uint64_t m = mask & ~ra->temps; m; m &= m - 1) {
        unsigned reg = (unsigned)__builtin_ctzll(m);
        vacate(ra, reg, mask);
        ra->used |= bit(reg);
        ra->locked |= bit(reg);
        ra->temps |= bit(reg);
        ra->reg_val[reg] = IR_NONE;
    }
}

void ra_claim(RA *ra, unsigned reg)
{
    ra_claim_mask(ra, bit(reg));
}

void ra_evict(RA *ra, uint64_t mask)
{
    for (uint64_t m = mask & ra->used & ~ra->temps; m; m &= m - 1)
        vacate(ra, (unsigned)__builtin_ctzll(m), mask);
}

void ra_call(RA *ra, uint64_t clobber)
{
    for (uint64_t m = clobber & ra->used & ~ra->temps; m; m &= m - 1) {
        unsigned reg = (unsigned)__builtin_ctzll(m);
        IRRef r = ra->reg_val[reg];
        if (ra->v[r].last <= ra->cur)
            continue;                     /* an argument dying here: stays put */
        RAVal *v = &ra->v[r];
        unsigned cls = ra_class_of(vtype(ra, r));
        uint64_t avail = ra->t->regs[cls] & ra->t->callee_saved & ~ra->used;
        if (avail && !is_const(ra, r) && v->slot < 0) {
            unsigned d = first_in_order(ra, cls, avail);
            ra->t->move(ra->ctx, d, reg, vtype(ra, r));
            v->reg = (int8_t)d;
            ra->reg_val[d] = r;
            ra->used |= bit(d);
            ra->locked |= ra->locked & bit(reg) ? bit(d) : 0;
        } else {
            park(ra, r, reg);
        }
        ra->reg_val[reg] = IR_NONE;
        ra->used &= ~bit(reg);
        ra->locked &= ~bit(reg);
    }
}

void ra_clobber(RA *ra, uint64_t clobber)
{
    for (uint64_t m = clobber & ra->used; m; m &= m - 1) {
        unsigned reg = (unsigned)__builtin_ctzll(m);
        IRRef r = ra->reg_val[reg];
        if (r != IR_NONE) {
            if (ra->v[r].last > ra->cur)
                ra_panic(ra, "a live value in a clobbered register");
            ra->v[r].reg = -1;
        }
        ra->reg_val[reg] = IR_NONE;
    }
    ra->used &= ~clobber;
    ra->locked &= ~clobber;
    ra->temps &= ~clobber;
}

static void kill(RA *ra, IRRef r)
{
    RAVal *v = &ra->v[r];
    if (v->reg >= 0) {
        if (!ra_bound(ra, r)) {
            ra->reg_val[v->reg] = IR_NONE;
            ra->used &= ~bit((unsigned)v->reg);
        }
        v->reg = -1;
    }
    slot_free(ra, v->slot);
    v->slot = -1;
}

void ra_end(RA *ra)
{
    uint32_t i = ra->cur;
    for (uint32_t k = ra->istart[i]; k < ra->istart[i + 1]; k++) {
        IRRef r = ra->iuse[k];
        if (ra->v[r].last <= i)
            kill(ra, r);
    }
    if (ra->v[i].last <= i && ra->vstart[i + 1] == ra->vstart[i])
        kill(ra, i);                      /* a result nobody reads */
    for (uint64_t m = ra->temps; m; m &= m - 1)
        ra->reg_val[__builtin_ctzll(m)] = IR_NONE;
    ra->used &= ~ra->temps;
    ra->temps = 0;
    ra->locked = 0;
}
