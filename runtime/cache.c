/*
 * cache.c - the code cache.
 *
 * One large RWX region filled by bump allocation; translated blocks (TB) sit
 * in a parallel array in allocation order, so the block holding a host
 * address is found by binary search (for mapping host faults back to guest
 * PCs).  Lookup by guest PC is a chained hash.  When the region or the TB
 * array is full, everything is flushed at once and the generation counter
 * moves, which tells the dispatcher that exit sites it holds are stale.
 *
 * Translation is serialised by cache_lock; lookups from the dispatcher take
 * the lock too (cheap: the common path runs chained code and never comes
 * here).  NYI: per-page invalidation; rt_code_invalidate flushes the whole
 * cache, which is correct but slow for JIT-heavy guests.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "cache.h"
#include "disas.h"
#include "guestmem.h"
#include "log.h"
#include "runtime.h"

#define HASH_BITS   16
#define MAX_TBS     (1u << 18)
#define PCMAP_WORDS (1u << 22)
#define BLOCK_PCMAP 4096

const Backend *rt_backend;
uint64_t rt_cache_generation;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *code_buf, *code_ptr, *code_end;
static TB *tbs;
static uint32_t ntbs;
static TB *hash[1u << HASH_BITS];
static uint32_t *pcmap_pool;
static uint32_t pcmap_used;
static IRBlock xlate_block;
static uint32_t scratch_host[BLOCK_PCMAP], scratch_guest[BLOCK_PCMAP];
static FILE *perf_map;

static inline uint32_t hash_pc(uint32_t pc)
{
    return (pc >> 2 ^ pc >> (2 + HASH_BITS)) & ((1u << HASH_BITS) - 1);
}

bool rt_cache_init(size_t code_bytes)
{
    code_buf = mmap(NULL, code_bytes, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (code_buf == MAP_FAILED)
        return false;
    code_ptr = code_buf;
    code_end = code_buf + code_bytes;
    tbs = calloc(MAX_TBS, sizeof *tbs);
    pcmap_pool = malloc(PCMAP_WORDS * sizeof *pcmap_pool);
    if (!tbs || !pcmap_pool)
        return false;
    ir_block_init(&xlate_block, 0);
    if (getenv("XBT_PERFMAP")) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
        perf_map = fopen(path, "w");
    }
    return true;
}

TB *rt_cache_lookup(uint32_t pc)
{
    for (TB *tb = hash[hash_pc(pc)]; tb; tb = tb->hash_next)
        if (tb->guest_pc == pc)
            return tb;
    return NULL;
}

static void flush_locked(void)
{
    if (rt_thread_count() > 1) {
        /* Other threads may be running code in the old region: leave it
         * to them and fill a new one.  NYI: reclaim old regions once every
         * thread has passed through the dispatcher. */
        uint8_t *fresh = mmap(NULL, (size_t)(code_end - code_buf), PROT_READ | PROT_WRITE | PROT_EXEC,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (fresh == MAP_FAILED)
            rt_fatal(NULL, "cannot allocate a new code cache region: %s", strerror(errno));
        code_end = fresh + (code_end - code_buf);
        code_buf = fresh;
    }
    code_ptr = code_buf;
    ntbs = 0;
    pcmap_used = 0;
    memset(hash, 0, sizeof hash);
    rt_threads_clear_jump_caches();
    __atomic_add_fetch(&rt_cache_generation, 1, __ATOMIC_SEQ_CST);
}

void rt_cache_flush(void)
{
    pthread_mutex_lock(&cache_lock);
    flush_locked();
    pthread_mutex_unlock(&cache_lock);
}

void rt_code_invalidate(uint32_t addr, uint32_t len)
{
    (void)addr;
    (void)len;
    rt_cache_flush();
}

bool rt_fe_executable(GuestAddr addr, uint32_t len)
{
    /* Readable is enough: MIPS and ARM kernels treat old binaries as
     * READ_IMPLIES_EXEC.  NYI: honour PROT_EXEC for PT_GNU_STACK binaries.
     * Every page a frontend fetches from is marked before its translation
     * exists, so memory calls know which pages hold translated code. */
    if (!gm_access_ok(addr, len, PROT_READ))
        return false;
    gm_mark_code(addr, len);
    return true;
}

static void log_block(const IRBlock *b, const char *what)
{
    rt_log("---- %s %08x\n", what, b->guest_pc);
    ir_print(b, rt_log_file ? rt_log_file : stderr);
}

TB *rt_cache_translate(void *cpu, uint32_t pc)
{
    (void)cpu;
    pthread_mutex_lock(&cache_lock);
    TB *tb = rt_cache_lookup(pc);       /* another thread may have won */
    if (tb)
        goto out;
    IRBlock *b = &xlate_block;
    ir_block_reset(b, pc);
    FeCode fc = { guest_base, rt_fe_executable };
    rt_proc.arch->translate(b, pc, &fc, &rt_opts.fe);
    if (rt_log_mask & LOG_OP)
        log_block(b, "IR");
    ir_check(b, "translate");
    if (rt_opts.optimize) {
        ir_optimize(b);
        if (rt_log_mask & LOG_OP_OPT)
            log_block(b, "IR after optimisation");
    }
    for (int attempt = 0;; attempt++) {
        if (ntbs == MAX_TBS || pcmap_used + 2 * BLOCK_PCMAP > PCMAP_WORDS)
            flush_locked();
        BackendPcMap pm = { scratch_host, scratch_guest, 0, BLOCK_PCMAP };
        BackendResult res = { 0, NULL };
        uint8_t *start = (uint8_t *)(((uintptr_t)code_ptr + 15) & ~(uintptr_t)15);
        size_t room = start < code_end ? (size_t)(code_end - start) : 0;
        BackendStatus st = rt_backend->compile(b, start, room, &pm, &res);
        if (st == BE_NO_SPACE) {
            if (attempt > 0)
                rt_bug("block at %#x does not fit in an empty code cache", pc);
            flush_locked();
            continue;
        }
        if (st != BE_OK)
            rt_bug("backend %s declined block at %#x: %s", rt_backend->name, pc,
                   res.why ? res.why : "?");
        tb = &tbs[ntbs++];
        memset(tb, 0, sizeof *tb);
        tb->guest_pc = pc;
        tb->guest_end = b->guest_end;
        tb->code = start;
        tb->size = (uint32_t)res.size;
        tb->npc = pm.n;
        tb->pc_host = pcmap_pool + pcmap_used;
        memcpy(tb->pc_host, pm.host_off, pm.n * sizeof(uint32_t));
        tb->pc_guest = tb->pc_host + pm.n;
        memcpy(tb->pc_guest, pm.guest_pc, pm.n * sizeof(uint32_t));
        pcmap_used += 2 * pm.n;
        code_ptr = start + res.size;
        rt_backend->flush_icache(start, res.size);
        break;
    }
    tb->hash_next = hash[hash_pc(pc)];
    __atomic_store_n(&hash[hash_pc(pc)], tb, __ATOMIC_RELEASE);   /* lookups take no lock */
    if (rt_log_mask & LOG_IN_ASM)
        rt_disas_guest(pc, tb->guest_end);
    if (rt_log_mask & LOG_OUT_ASM)
        rt_disas_host(tb->code, tb->size);
    if (perf_map) {
        fprintf(perf_map, "%lx %x guest_%08x\n", (unsigned long)tb->code, tb->size, pc);
        fflush(perf_map);
    }
out:
    pthread_mutex_unlock(&cache_lock);
    return tb;
}

TB *rt_cache_find_host(const void *p)
{
    const uint8_t *q = p;
    if (q < code_buf || q >= code_ptr || ntbs == 0)
        return NULL;
    uint32_t lo = 0, hi = ntbs;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (tbs[mid].code <= q)
            lo = mid;
        else
            hi = mid;
    }
    TB *tb = &tbs[lo];
    return q >= tb->code && q < tb->code + tb->size ? tb : NULL;
}

uint32_t rt_cache_guest_pc(const TB *tb, const void *p)
{
    uint32_t off = (uint32_t)((const uint8_t *)p - tb->code);
    uint32_t pc = tb->guest_pc;
    for (uint32_t i = 0; i < tb->npc && tb->pc_host[i] <= off; i++)
        pc = tb->pc_guest[i];
    return pc;
}
