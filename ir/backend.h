/*
 * backend.h - the contract between the IR and a host code generator.
 *
 * A backend turns one optimised IRBlock into host code in a buffer the
 * runtime gives it.  It knows nothing of the guest: the guest CPU struct is
 * opaque apart from the IRCpuHeader at its start, which generated code uses
 * for exits, the exit request flag and the indirect-jump cache.
 *
 * Calling convention of generated code.  The runtime enters translated code
 * only through backend->enter(cpu, guest_base, code).  Inside, the CPU
 * pointer and guest_base live in fixed callee-saved host registers.  Every
 * block begins by testing header.exit_request; when it is non-zero the block
 * leaves at once with pc = its own guest PC and exit_code = IR_EXIT_NONE.
 * enter() returns when a block leaves to the dispatcher: it returns the
 * address of the exit's patch site when that exit is a chainable direct exit
 * (GOTO / EXIT_IF) not yet chained, and NULL otherwise.  header.pc holds the
 * next guest PC, header.exit_code and exit_arg say why.
 *
 * Chaining.  patch_exit(site, target) redirects a chainable exit to jump
 * straight to the target block's code; reset_exit(site) undoes it.  Patches
 * are single aligned atomic stores, safe while other threads run the code.
 *
 * Indirect jumps.  JUMP looks up header.jmp_cache[(pc >> 2) & IR_JC_MASK]
 * inline; on a hit (entry.pc == pc) it jumps to entry.code, otherwise it
 * leaves to the dispatcher (which fills the entry).  The runtime clears the
 * whole cache (pc = IR_JC_EMPTY) whenever it flushes code.
 */
#ifndef XBT_BACKEND_H
#define XBT_BACKEND_H

#include "ir.h"

#define IR_JC_BITS 12
#define IR_JC_SIZE (1u << IR_JC_BITS)
#define IR_JC_MASK (IR_JC_SIZE - 1)
#define IR_JC_EMPTY 0xffffffffffffffffull  /* never a 32-bit guest PC */

typedef struct IRJumpCacheEntry {
    uint64_t pc;
    const void *code;
} IRJumpCacheEntry;

typedef struct IRCpuHeader {
    uint32_t pc;                 /* guest PC of the next instruction to run */
    volatile uint32_t exit_request;  /* set by signal handlers / other threads */
    uint32_t exit_code;          /* IR_EXIT_* of the last exit */
    uint32_t exit_arg;
    IRJumpCacheEntry *jmp_cache; /* IR_JC_SIZE entries */
    uint64_t host_scratch[4];    /* backend-private (spill area for helpers) */
} IRCpuHeader;

typedef enum BackendStatus {
    BE_OK,
    BE_NO_SPACE,     /* buffer too small: flush the cache and retry */
    BE_DECLINED,     /* this backend will not take the block */
} BackendStatus;

typedef struct BackendResult {
    size_t size;           /* bytes of code written */
    const char *why;       /* set when declined */
} BackendResult;

/* Records the host-code location of guest instruction starts, for mapping a
 * host fault back to a guest PC.  The caller owns the arrays (cap entries
 * each); compile appends at n, in increasing host_off order, and never
 * grows them: a block with more guest instructions than room makes compile
 * return BE_DECLINED.  On any status but BE_OK, n is left as it was. */
typedef struct BackendPcMap {
    uint32_t *host_off;    /* offsets into the block's code */
    uint32_t *guest_pc;
    uint32_t n, cap;
} BackendPcMap;

typedef struct Backend {
    const char *name;
    const char *llvm_triple;         /* for -d out_asm through LLVM's disassembler */
    /* one-time setup (CPU feature detection); returns false if unusable */
    bool (*init)(void);
    /* Does the backend take op at type t?  Ops it refuses are expanded by
     * ir_lower_generic before selection. */
    bool (*supports)(IROp op, IRType t);
    BackendStatus (*compile)(const IRBlock *b, uint8_t *buf, size_t cap,
                             BackendPcMap *pcmap, BackendResult *out);
    void (*patch_exit)(void *site, const void *target);
    void (*reset_exit)(void *site);
    void (*flush_icache)(void *p, size_t n);
    /* Enters code with cpu and guest_base installed; see above. */
    void *(*enter)(void *cpu, uint8_t *guest_base, const void *code);
} Backend;

extern const Backend backend_x86_64;

#endif
