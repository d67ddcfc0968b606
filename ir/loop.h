/*
 * loop.h - host-neutral analysis of self-loop blocks, for backends that
 * keep guest state in host registers across the iterations of a loop.
 *
 * A block is a self loop when one of its direct exits (EXIT_IF, or the
 * final GOTO) goes back to the block's own guest_pc: the guest's loop body
 * is then one block, and the backend may turn that exit into a jump to a
 * loop header inside the block's own code.  The "body" is the part of the
 * block up to its last back edge; what follows is only run on the way out.
 *
 * Pinnable state slots.  A backend may hold a guest-state slot (byte offset
 * + type) in a dedicated host register for the whole block, as a cache of
 * the memory copy, which stays authoritative: every PUT still stores to
 * memory and also updates the register, and after a CALL whose helper may
 * write state (IR_HF_WRITES) the register is reloaded.  So the register
 * equals the slot's memory at every instruction boundary, and exits,
 * faults, helpers and the dispatcher need to know nothing about it.  For
 * that to be exact, every GET and PUT of the block touching the slot's
 * bytes must use the same offset and type (no overlapping views such as a
 * MIPS f64 over two f32 registers), and no slot may overlap the
 * IRCpuHeader (the exit_request flag changes behind the code's back).
 * The analysis lists such slots that the body reads, best first: slots the
 * body both reads and writes (loop-carried values, whose round trip
 * through memory costs a store-to-load forwarding latency per iteration)
 * before read-only ones, then by number of GETs.  The backend picks as
 * many as it has registers for.
 */
#ifndef XBT_IR_LOOP_H
#define XBT_IR_LOOP_H

#include "ir.h"

enum { IR_LOOP_MAX_SLOTS = 16 };

typedef struct IRLoopSlot {
    uint32_t off;           /* byte offset in the guest CPU struct */
    uint8_t type;           /* IRType of every access */
    uint16_t gets;          /* GETs in the body */
    uint16_t puts;          /* PUTs in the body */
} IRLoopSlot;

typedef struct IRLoop {
    IRRef last_back;        /* the last back edge; IR_NONE when b is no self loop */
    uint32_t nback;         /* number of back edges */
    uint32_t nslots;
    IRLoopSlot slot[IR_LOOP_MAX_SLOTS];   /* pinnable slots, best first */
} IRLoop;

/* Is instruction i a direct exit to the block's own start? */
bool ir_loop_is_back_edge(const IRBlock *b, IRRef i);

/* Fills lp for block b; returns false (lp->last_back = IR_NONE, no slots)
 * when b has no back edge. */
bool ir_loop_analyze(const IRBlock *b, IRLoop *lp);

/* May instruction i change the guest-state slot at `off` (a PUT there, or
 * a CALL of a helper that writes state)?  For a pinnable slot (every access
 * has the same offset and type) a GET's value stays equal to the slot's
 * content until the next such instruction. */
bool ir_loop_clobbers(const IRBlock *b, IRRef i, uint32_t off);

#endif
