/*
 * thread.c - guest threads are host threads.
 *
 * clone(CLONE_VM | CLONE_THREAD ...) from the guest creates a host pthread
 * running its own dispatcher loop on a copy of the parent's CPU state, with
 * the child's stack pointer, thread pointer and a zero syscall result.  The
 * parent waits until the child has published its tid, so that
 * CLONE_PARENT_SETTID, CLONE_CHILD_SETTID and the returned tid are right
 * before either side runs guest code.
 *
 * A thread's exit frees its CPU state, writes 0 to its clear_child_tid
 * word and wakes futex waiters there (what the kernel does for
 * CLONE_CHILD_CLEARTID, which pthread_join relies on), then ends the host
 * thread.  The last thread's exit ends the process.  A new host thread
 * starts with every signal blocked and takes the guest mask once it is
 * known as the current guest thread (runtime/signal.c).
 */
#include <errno.h>
#include <fenv.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../ir/backend.h"
#include "guestmem.h"
#include "log.h"
#include "runtime.h"

static int live_threads = 1;

int rt_thread_count(void)
{
    return __atomic_load_n(&live_threads, __ATOMIC_ACQUIRE);
}

typedef struct ThreadStart {
    GuestThread *t;
    sem_t ready;
    unsigned flags;
    uint32_t ptid, ctid;
    int tid;                 /* the child's, for the parent (t may be gone) */
    fenv_t fenv;             /* the parent's FP environment (guest rounding mode, flags) */
} ThreadStart;

static void put_guest32(uint32_t addr, uint32_t v)
{
    if (rt_proc.arch->big_endian)
        v = __builtin_bswap32(v);
    if (gm_access_ok(addr, 4, PROT_WRITE))
        __atomic_store_n((uint32_t *)g2h(addr), v, __ATOMIC_SEQ_CST);
}

static void *thread_main(void *arg)
{
    ThreadStart *st = arg;
    GuestThread *t = st->t;
    t->tid = (int)gettid();
    /* Guests keep their FP control state in the host FP environment,
     * which a new host thread does not inherit. */
    fesetenv(&st->fenv);
    /* Both tid words are written before either side runs guest code, as
     * the kernel does: a child that exits at once must not have its
     * CLEARTID zero overwritten by a late PARENT_SETTID. */
    if (st->flags & RT_CLONE_PARENT_SETTID)
        put_guest32(st->ptid, (uint32_t)t->tid);
    if (st->flags & RT_CLONE_CHILD_SETTID)
        put_guest32(st->ctid, (uint32_t)t->tid);
    rt_signals_init_thread();
    rt_set_current_thread(t);
    st->tid = t->tid;
    sem_post(&st->ready);               /* st belongs to the parent from here */
    rt_sig_apply_mask(t);               /* started with every signal blocked */
    rt_run(t);
}

int rt_thread_create(GuestThread *parent, unsigned flags, uint32_t newsp, uint32_t tls,
                     uint32_t ptid, uint32_t ctid)
{
    const GuestArch *arch = parent->proc->arch;
    GuestThread *t = calloc(1, sizeof *t);
    if (!t)
        return -ENOMEM;
    t->proc = parent->proc;
    t->cpu = rt_cpu_alloc(arch);
    IRJumpCacheEntry *jc = ((IRCpuHeader *)t->cpu)->jmp_cache;
    memcpy((uint8_t *)t->cpu + sizeof(IRCpuHeader), (uint8_t *)parent->cpu + sizeof(IRCpuHeader),
           arch->cpu_size - sizeof(IRCpuHeader));
    IRCpuHeader *h = t->cpu;
    h->pc = ((IRCpuHeader *)parent->cpu)->pc;
    h->jmp_cache = jc;
    memcpy(t->sigmask, parent->sigmask, sizeof t->sigmask);
    if (flags & RT_CLONE_SETTLS)
        arch->set_tls(t->cpu, tls);
    arch->clone_child(t->cpu, newsp);
    arch->sys->advance(t->cpu);         /* the child resumes after its clone */
    if (flags & RT_CLONE_CHILD_CLEARTID)
        t->clear_child_tid = ctid;

    ThreadStart st = { .t = t, .flags = flags, .ptid = ptid, .ctid = ctid };
    sem_init(&st.ready, 0, 0);
    fegetenv(&st.fenv);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
    /* The child starts with every signal blocked: none may reach it before
     * it runs as a guest thread (runtime/signal.c routes them by mask). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t th;
    int err = pthread_create(&th, &attr, thread_main, &st);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err) {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
        rt_cpu_free(t->cpu);
        free(t);
        return -err;
    }
    while (sem_wait(&st.ready) != 0 && errno == EINTR)
        ;
    sem_destroy(&st.ready);
    return st.tid;
}

/* The thread's CPU, jump cache and GuestThread are freed here: nothing
 * else refers to them once its signals are blocked and current_thread is
 * cleared (the main thread's GuestThread is static and stays). */
void rt_thread_exit(GuestThread *t, int status)
{
    if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0)
        rt_exit_group(status);
    rt_sig_thread_exit(t);
    uint32_t ctid = t->clear_child_tid;
    rt_cpu_free(t->cpu);
    t->cpu = NULL;
    if (t->tid != (int)getpid())
        free(t);
    if (ctid) {
        put_guest32(ctid, 0);
        syscall(SYS_futex, g2h(ctid), FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    }
    pthread_exit(NULL);
}
