/*
 * runtime.h - options and entry points shared inside runtime/.
 */
#ifndef XBT_RUNTIME_H
#define XBT_RUNTIME_H

#include <stdbool.h>
#include "thread.h"

typedef enum RtTier { TIER_JIT, TIER_INTERP } RtTier;

typedef struct RtOptions {
    const char *sysroot;      /* -L */
    const char *argv0;        /* -0 */
    RtTier tier;
    bool optimize;            /* IR passes on (default) */
    bool chain;               /* block chaining and jump cache (off with -d exec) */
    FeOptions fe;
    size_t cache_bytes;
} RtOptions;

extern RtOptions rt_opts;

/* Runs the guest thread t until the process exits. */
void rt_run(GuestThread *t) __attribute__((noreturn));
/* Allocates a CPU with its jump cache for a new thread; frees one. */
void *rt_cpu_alloc(const GuestArch *arch);
void rt_cpu_free(void *cpu);
void rt_threads_clear_jump_caches(void);
/* Installs xbt's host signal handlers (faults in translated code). */
void rt_signals_init(void);
/* Sets the exit code etc. for a guest signal at the thread's pc; delivers it. */
void rt_deliver_signal(GuestThread *t, int host_signo, int si_code, uint32_t addr);

void rt_set_current_thread(GuestThread *t);
/* The si_addr of the guest signal being raised at pc: the faulting data
 * address after a memory fault, else pc. */
uint32_t rt_signal_addr(uint32_t pc);
/* Where the fault handler resumes the current thread's dispatcher. */
#include <setjmp.h>
void rt_fault_landing(sigjmp_buf *jb);
/* Per-thread signal setup (alternate stack) for a new host thread. */
void rt_signals_init_thread(void);
/* May guest code at [addr, addr+len) be translated? */
bool rt_fe_executable(GuestAddr addr, uint32_t len);

#endif
