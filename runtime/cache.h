/*
 * cache.h - the code cache: translated blocks by guest PC, and the host
 * code region they live in.
 */
#ifndef XBT_CACHE_H
#define XBT_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include "../ir/backend.h"

typedef struct TB {
    uint32_t guest_pc;
    uint32_t guest_end;        /* one past the last guest byte */
    uint8_t *code;
    uint32_t size;
    uint32_t npc;              /* entries in the pc map */
    uint32_t *pc_host;         /* host offsets of guest instruction starts */
    uint32_t *pc_guest;
    struct TB *hash_next;
} TB;

bool rt_cache_init(size_t code_bytes);
/* Looks up a block; NULL on a miss. */
TB *rt_cache_lookup(uint32_t pc);
/* Translates (and inserts) the block at pc. */
TB *rt_cache_translate(void *cpu, uint32_t pc);
/* The block whose host code contains p, or NULL. */
TB *rt_cache_find_host(const void *p);
/* Guest PC of the instruction whose code contains host address p in tb. */
uint32_t rt_cache_guest_pc(const TB *tb, const void *p);
/* Drops every block.  Exit sites returned before this are stale. */
void rt_cache_flush(void);
extern uint64_t rt_cache_generation;
extern const Backend *rt_backend;

#endif
