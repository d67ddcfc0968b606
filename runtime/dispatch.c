/*
 * dispatch.c - the dispatcher loop: find or translate the block at the guest
 * PC, chain the exit that brought us here, run, and handle what made the
 * code return (syscalls, guest signals, code flushes, exit requests).
 *
 * Chaining: enter() returns the patch site of an unchained direct exit.  The
 * site is patched to the block we find next, unless the cache was flushed
 * in between (generation check).  Indirect exits come back with no site; the
 * block found for them goes into the thread's jump cache so the next
 * indirect jump to that PC stays in generated code.
 *
 * The interpreter tier (-tier interp) runs the same IR through ir_interp: it
 * is the oracle for differential testing, not a fast path.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "cache.h"
#include "guestmem.h"
#include "log.h"
#include "runtime.h"
#include "../syscall/syscall.h"

GuestProcess rt_proc;
RtOptions rt_opts = {
    .tier = TIER_JIT,
    .optimize = true,
    .chain = true,
    .fe = { .max_insns = 256, .superblocks = true },
    .cache_bytes = 256u << 20,
};

/* ---- threads' jump caches ---------------------------------------------- */

#define MAX_THREADS 4096
static IRJumpCacheEntry *jump_caches[MAX_THREADS];
static pthread_mutex_t jc_lock = PTHREAD_MUTEX_INITIALIZER;

/* Only the pc is cleared: another thread may be reading the entry, and the
 * code it points to stays valid until no thread can run it (cache.c). */
static void jc_clear(IRJumpCacheEntry *jc)
{
    for (uint32_t i = 0; i < IR_JC_SIZE; i++)
        __atomic_store_n(&jc[i].pc, IR_JC_EMPTY, __ATOMIC_RELEASE);
}

void *rt_cpu_alloc(const GuestArch *arch)
{
    size_t sz = (arch->cpu_size + 63) & ~(size_t)63;
    void *cpu = aligned_alloc(64, sz);
    IRJumpCacheEntry *jc = aligned_alloc(64, IR_JC_SIZE * sizeof *jc);
    if (!cpu || !jc)
        rt_fatal(NULL, "out of memory");
    memset(cpu, 0, sz);
    jc_clear(jc);
    ((IRCpuHeader *)cpu)->jmp_cache = jc;
    pthread_mutex_lock(&jc_lock);
    for (int i = 0; i < MAX_THREADS; i++)
        if (!jump_caches[i]) {
            jump_caches[i] = jc;
            break;
        }
    pthread_mutex_unlock(&jc_lock);
    return cpu;
}

/* The jump cache is unregistered first, under the lock, so a flush never
 * touches freed memory. */
void rt_cpu_free(void *cpu)
{
    if (!cpu)
        return;
    IRJumpCacheEntry *jc = ((IRCpuHeader *)cpu)->jmp_cache;
    pthread_mutex_lock(&jc_lock);
    for (int i = 0; i < MAX_THREADS; i++)
        if (jump_caches[i] == jc)
            jump_caches[i] = NULL;
    pthread_mutex_unlock(&jc_lock);
    free(jc);
    free(cpu);
}

/* Called with the cache lock held, from translation or flush.  NYI: with
 * several threads a flush must also stop them before the code is reused. */
void rt_threads_clear_jump_caches(void)
{
    pthread_mutex_lock(&jc_lock);
    for (int i = 0; i < MAX_THREADS; i++)
        if (jump_caches[i])
            jc_clear(jump_caches[i]);
    pthread_mutex_unlock(&jc_lock);
}

/* ---- the interpreter tier ------------------------------------------------ */

typedef struct IBlock {
    uint32_t pc;
    IRBlock b;
    struct IBlock *next;
} IBlock;

static IBlock *ihash[4096];

/* Drops the interpreter's blocks when the code cache was flushed (code
 * invalidated by cacheflush, synci, munmap). */
static void interp_sync(void)
{
    static uint64_t gen;
    uint64_t now = __atomic_load_n(&rt_cache_generation, __ATOMIC_ACQUIRE);
    if (gen == now)
        return;
    gen = now;
    for (unsigned i = 0; i < 4096; i++) {
        while (ihash[i]) {
            IBlock *ib = ihash[i];
            ihash[i] = ib->next;
            ir_block_free(&ib->b);
            free(ib);
        }
    }
}

static const IRBlock *interp_block(uint32_t pc)
{
    interp_sync();
    IBlock **slot = &ihash[(pc >> 2) & 4095];
    for (IBlock *ib = *slot; ib; ib = ib->next)
        if (ib->pc == pc)
            return &ib->b;
    IBlock *ib = calloc(1, sizeof *ib);
    if (!ib)
        rt_fatal(NULL, "out of memory");
    ib->pc = pc;
    ir_block_init(&ib->b, pc);
    FeCode fc = { guest_base, rt_fe_executable };
    rt_proc.arch->translate(&ib->b, pc, &fc, &rt_opts.fe);
    ir_check(&ib->b, "translate");
    if (rt_opts.optimize)
        ir_optimize(&ib->b);
    ib->next = *slot;
    *slot = ib;
    return &ib->b;
}

/* ---- the loop -------------------------------------------------------------- */

static void handle_exit(GuestThread *t, IRCpuHeader *h)
{
    uint32_t code = h->exit_code;
    h->exit_code = IR_EXIT_NONE;
    switch (code) {
    case IR_EXIT_NONE:
        break;
    case IR_EXIT_SYSCALL:
        sys_dispatch(t);
        break;
    case IR_EXIT_SIGNAL:
        rt_deliver_signal(t, (int)(h->exit_arg & 0xff), (int)(h->exit_arg >> 8),
                          rt_signal_addr(h->pc));
        break;
    case IR_EXIT_FLUSH:
        rt_code_invalidate(h->exit_arg, 4);
        break;
    case IR_EXIT_HALT:
        rt_exit_group(0);
    default:
        rt_bug("unknown exit code %u at guest pc %#x", code, h->pc);
    }
}

/* The loop proper.  A fault in generated code longjmps back to rt_run,
 * which calls this again with the exit (IR_EXIT_SIGNAL) still to handle. */
static void __attribute__((noinline, noreturn)) run_loop(GuestThread *t)
{
    IRCpuHeader *h = t->cpu;
    void *site = NULL;
    uint64_t site_gen = 0;
    bool chain = rt_opts.chain && !(rt_log_mask & LOG_EXEC);
    if (h->exit_code != IR_EXIT_NONE)
        handle_exit(t, h);
    for (;;) {
        if (h->exit_request) {
            h->exit_request = 0;
            sys_signal_deliver_pending(t);   /* queued by runtime/signal.c */
        }
        uint32_t pc = h->pc;
        if (rt_log_mask & LOG_EXEC)
            rt_log("exec %08x\n", pc);
        if (rt_log_mask & LOG_CPU)
            rt_proc.arch->dump(t->cpu, rt_log_file ? rt_log_file : stderr);
        if (rt_opts.tier == TIER_INTERP) {
            const IRBlock *b = interp_block(pc);
            ir_interp(b, t->cpu, guest_base);
            handle_exit(t, h);
            continue;
        }
        TB *tb = rt_cache_lookup(pc);
        if (!tb)
            tb = rt_cache_translate(t->cpu, pc);
        if (chain) {
            if (site && site_gen == __atomic_load_n(&rt_cache_generation, __ATOMIC_ACQUIRE))
                rt_backend->patch_exit(site, tb->code);
            else {
                IRJumpCacheEntry *e = &h->jmp_cache[(pc >> 2) & IR_JC_MASK];
                e->code = tb->code;
                __atomic_store_n(&e->pc, pc, __ATOMIC_RELEASE);
            }
        }
        site_gen = __atomic_load_n(&rt_cache_generation, __ATOMIC_ACQUIRE);
        site = rt_backend->enter(t->cpu, guest_base, tb->code);
        if (h->exit_code != IR_EXIT_NONE) {
            site = NULL;
            handle_exit(t, h);
        }
    }
}

void rt_run(GuestThread *t)
{
    static __thread sigjmp_buf landing;
    /* No mask saved: the syscall layer keeps the host mask in step with the
     * guest's, and the fault handlers run with SA_NODEFER. */
    sigsetjmp(landing, 0);
    rt_fault_landing(&landing);
    run_loop(t);
}
