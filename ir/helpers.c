/*
 * helpers.c - the registry of C helpers that IR CALLs name by id.
 *
 * A CALL's aux is a 16-bit helper id.  ir_helper_id() registers an IRHelper
 * (by address: registering the same struct twice gives the same id) and
 * ir_helper_get() maps an id back.  Ids start at 1 so that aux 0 never names
 * a helper and the verifier catches a CALL built by hand without one.
 *
 * Thread safety: translation may run in several threads (guest threads and
 * the background LLVM tier).  Registration takes a mutex; ir_helper_get is
 * lock-free: a slot of the id table is written before the id is handed out
 * (release store), so any thread that holds an id reads a complete entry.
 * IRHelper structs must outlive the process's use of their ids (in practice
 * they are static const data).
 */
#include <pthread.h>
#include <stdlib.h>

#include "ir.h"

enum {
    IR_HELPER_MAX = 4096,             /* ids 1 .. IR_HELPER_MAX-1 */
    IR_HELPER_HASH = 2 * IR_HELPER_MAX,  /* power of two, load <= 1/2 */
};

static const IRHelper *helper_by_id[IR_HELPER_MAX];
static const IRHelper *helper_hash[IR_HELPER_HASH];  /* guarded by helper_lock */
static uint16_t helper_hash_id[IR_HELPER_HASH];
static unsigned helper_count = 1;                     /* next id */
static pthread_mutex_t helper_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned helper_slot(const IRHelper *h)
{
    uint64_t x = (uint64_t)(uintptr_t)h;
    x ^= x >> 29;
    x *= 0x9e3779b97f4a7c15ull;
    return (unsigned)(x >> 40) & (IR_HELPER_HASH - 1);
}

unsigned ir_helper_id(const IRHelper *h)
{
    unsigned s = helper_slot(h), id;

    pthread_mutex_lock(&helper_lock);
    while (helper_hash[s] && helper_hash[s] != h)
        s = (s + 1) & (IR_HELPER_HASH - 1);
    if (helper_hash[s]) {
        id = helper_hash_id[s];
    } else {
        if (helper_count >= IR_HELPER_MAX) {
            fprintf(stderr, "xbt: too many IR helpers (%u) registering %s\n",
                    helper_count, h->name ? h->name : "?");
            abort();
        }
        if (h->nargs > 3 || h->ret >= IR_NTYPES) {
            fprintf(stderr, "xbt: IR helper %s: bad signature\n", h->name ? h->name : "?");
            abort();
        }
        id = helper_count++;
        __atomic_store_n(&helper_by_id[id], h, __ATOMIC_RELEASE);
        helper_hash[s] = h;
        helper_hash_id[s] = (uint16_t)id;
    }
    pthread_mutex_unlock(&helper_lock);
    return id;
}

const IRHelper *ir_helper_get(unsigned id)
{
    if (id == 0 || id >= IR_HELPER_MAX)
        return NULL;
    return __atomic_load_n(&helper_by_id[id], __ATOMIC_ACQUIRE);
}
