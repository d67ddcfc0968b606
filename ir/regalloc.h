/*
 * regalloc.h - host-neutral register allocation for one IR block.
 *
 * A forward, on-the-fly linear scan over the block (the block is a straight
 * line: its only control flow is early exits, which need no register state
 * because every guest-visible value has been PUT to memory).  Values get a
 * register when they are defined or first needed and keep it until their
 * last use; when registers run out the value whose next use is farthest is
 * spilled (a value already spilled, or a constant, needs no store: SSA
 * values never change, so a spill slot stays valid until the value dies).
 *
 * The backend supplies the register set (RATarget: allocatable registers per
 * class, which survive calls, a preference order) and the code for moves,
 * spills, reloads and constant rematerialisation.  It drives the allocator
 * instruction by instruction:
 *
 *     ra_begin(ra, i);
 *     ra_claim(ra, fixed reg)            -- e.g. rax/rdx for a divide (optional)
 *     x = ra_use(ra, in->a, allowed);    -- operands into registers, locked
 *     d = ra_def_reuse(ra, i, in->a, allowed);   -- result, maybe in a's register
 *     ... emit ...
 *     ra_end(ra);                        -- frees values whose last use was i
 *
 * A helper call: ra_call(ra, clobbered) moves values that live past the call
 * out of clobbered registers (into free call-preserved ones, or spill
 * slots); the backend reads the arguments where ra_loc says they are, emits
 * the call, then ra_clobber() forgets the clobbered registers.  Values that
 * cross a call are given call-preserved registers when they are defined, if
 * one is free.
 *
 * Fused compares: ra_init's `at` array (optional) says that the operands of
 * instruction i are read at instruction at[i] (a SETCC evaluated by the
 * EXIT_IF that uses it), which extends their lifetimes accordingly.
 *
 * Registers are numbered 0..63 by the backend; masks are uint64_t.
 */
#ifndef XBT_IR_REGALLOC_H
#define XBT_IR_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "ir.h"

enum { RA_GPR, RA_FPR, RA_NCLASS };
enum { RA_MAX_REGS = 64 };

static inline unsigned ra_class_of(IRType t) { return t == IR_F32 || t == IR_F64 ? RA_FPR : RA_GPR; }

typedef struct RATarget {
    uint64_t regs[RA_NCLASS];       /* allocatable registers of each class */
    uint64_t callee_saved;          /* registers preserved across ra_call */
    const uint8_t *order[RA_NCLASS];  /* preference order, 0xff-terminated */
    uint32_t nslots;                /* spill slots */
    void (*move)(void *ctx, unsigned dst, unsigned src, IRType t);
    void (*spill)(void *ctx, unsigned reg, unsigned slot, IRType t);
    void (*reload)(void *ctx, unsigned reg, unsigned slot, IRType t);
    void (*remat)(void *ctx, unsigned reg, IRRef r);   /* r is a CONST */
    /* Does instruction i clobber the non-callee-saved registers? */
    bool (*is_call)(void *ctx, const IRBlock *b, IRRef i);
} RATarget;

typedef struct RAVal {
    int8_t reg;         /* register holding the value, or -1 */
    int32_t slot;       /* spill slot holding the value, or -1 */
    uint32_t last;      /* last use (its definition if it has none) */
    uint32_t unext;     /* index of the next use in the use list */
} RAVal;

typedef struct RA {
    const RATarget *t;
    void *ctx;
    const IRBlock *b;
    RAVal *v;
    uint32_t *vstart, *vuse;        /* per value: its use positions (CSR) */
    uint32_t *istart, *iuse;        /* per instruction: the values it reads (CSR) */
    uint32_t *next_call;            /* first call at or after i (b->n if none) */
    uint32_t *cursor;               /* scratch for ra_init */
    uint64_t *slot_used;
    uint32_t cap_n, cap_uses, cap_slots;
    IRRef reg_val[RA_MAX_REGS];     /* value in each register, IR_NONE if none */
    uint64_t used, locked, temps;
    uint32_t cur;
    uint32_t max_slot;              /* high-water mark of slots used, for stats */
    const char *fail;               /* set when out of spill slots */
} RA;

/* Prepares for block b; false (with ra->fail set) if memory is short.
 * Storage is kept in ra across blocks; ra_release frees it. */
bool ra_init(RA *ra, const IRBlock *b, const RATarget *t, void *ctx, const IRRef *at);
void ra_release(RA *ra);

void ra_begin(RA *ra, IRRef i);
void ra_end(RA *ra);

/* Puts value r into a register among `allow` (loading it if needed) and
 * locks it for the current instruction. */
unsigned ra_use(RA *ra, IRRef r, uint64_t allow);
/* A register for the result r of the current instruction (locked). */
unsigned ra_def(RA *ra, IRRef r, uint64_t allow);
/* As ra_def, but takes over src's register when src dies here. */
unsigned ra_def_reuse(RA *ra, IRRef r, IRRef src, uint64_t allow);
/* Takes over src's register for r if src dies here (-1 if not possible). */
int ra_reuse(RA *ra, IRRef r, IRRef src, uint64_t allow);
/* Result r in exactly register reg (evicting its occupant). */
void ra_def_fixed(RA *ra, IRRef r, unsigned reg);
/* A scratch register of class cls among allow, locked until ra_end. */
unsigned ra_temp(RA *ra, unsigned cls, uint64_t allow);
/* Exactly register reg (all registers of mask) as scratch until ra_end;
 * values living there move to registers outside the mask, or are spilled. */
void ra_claim(RA *ra, unsigned reg);
void ra_claim_mask(RA *ra, uint64_t mask);
/* Moves live values out of the registers in mask (not locked ones). */
void ra_evict(RA *ra, uint64_t mask);
/* Before a call at the current instruction: values living past it leave
 * the registers in clobber.  After the call: ra_clobber forgets them. */
void ra_call(RA *ra, uint64_t clobber);
void ra_clobber(RA *ra, uint64_t clobber);

/* Binds value r, defined by the current instruction, to register reg,
 * which lies outside the allocatable set (a register the backend reserved
 * for the block, e.g. a pinned guest-state register).  ra_use gives reg (or
 * copies r to an allocatable register when reg is not allowed); the
 * allocator never writes reg, never spills r and never hands reg over to
 * another value (ra_reuse refuses it).  The backend keeps reg unchanged
 * while r lives and must not modify it in place (see ra_bound). */
void ra_bind(RA *ra, IRRef r, unsigned reg);

/* Where value r is now: register (or -1), spill slot (or -1). */
static inline int ra_reg(const RA *ra, IRRef r) { return ra->v[r].reg; }
static inline int ra_slot(const RA *ra, IRRef r) { return ra->v[r].slot; }
/* Is r held in a register bound by ra_bind (outside the allocatable set)? */
static inline bool ra_bound(const RA *ra, IRRef r)
{
    int reg = ra->v[r].reg;
    return reg >= 0 && !(ra->t->regs[ra_class_of((IRType)ra->b->insn[r].type)] & (1ull << reg));
}
/* Does r have no use after the current instruction? */
static inline bool ra_dies(const RA *ra, IRRef r) { return ra->v[r].last <= ra->cur; }
/* Number of uses of r (after fusion remapping). */
static inline uint32_t ra_nuses(const RA *ra, IRRef r) { return ra->vstart[r + 1] - ra->vstart[r]; }

#endif
