/*
 * thread.h - a guest process and its threads, as the runtime and the
 * syscall layer share them.
 */
#ifndef XBT_THREAD_H
#define XBT_THREAD_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "../frontend/frontend.h"

#define GUEST_NSIG 129            /* MIPS signals are 1..128; others fewer */

typedef struct GuestSigAction {
    uint32_t handler;             /* guest address, or 0 = SIG_DFL, 1 = SIG_IGN */
    uint32_t flags;               /* guest SA_* bits as the guest gave them */
    uint32_t restorer;
    uint32_t mask[4];             /* guest sigset words */
} GuestSigAction;

typedef struct GuestProcess {
    const GuestArch *arch;
    const char *exe_path;         /* absolute path of the guest program */
    const char *interp_prefix;    /* -L sysroot, or NULL */
    int argc;
    char **argv;                  /* guest argv as given */
    uint32_t auxv_guest;          /* guest address of the auxv on the stack */
    uint32_t auxv_len;            /* its length in bytes */
    GuestSigAction sigact[GUEST_NSIG];
    bool strace;
} GuestProcess;

/* A host signal taken by xbt's handler for a guest thread, waiting to be
 * delivered through the guest's frame (runtime/signal.c). */
typedef struct RtSigQueued {
    int host_sig;
    bool in_syscall;              /* arrived during a guest syscall (see rt_sig_syscall_end) */
    siginfo_t si;
} RtSigQueued;

#define RT_SIGQ_MAX 64

typedef struct GuestThread {
    void *cpu;                    /* arch->cpu_size bytes, starts with IRCpuHeader */
    GuestProcess *proc;
    int tid;
    uint32_t clear_child_tid;     /* set_tid_address */
    uint32_t robust_list;
    uint32_t sigmask[4];          /* guest blocked set */
    /* Asynchronous signals (runtime/signal.c).  The queue is written by
     * the thread's own host signal handler and read by the thread with
     * those signals blocked. */
    volatile int sig_pending;     /* a queued signal may be deliverable now */
    volatile int in_syscall;      /* inside a guest syscall handler */
    int sigq_n;
    RtSigQueued sigq[RT_SIGQ_MAX];
    bool restore_mask;            /* sigsuspend: sigmask is temporary, ... */
    uint32_t saved_mask[4];       /* ... this goes into the next frame */
    int kick_timer;               /* host POSIX timer id + 1, or 0 */
    volatile int kick_armed;
} GuestThread;

extern GuestProcess rt_proc;

/* Ends the whole process with status (exit_group); flushes logs. */
void rt_exit_group(int status) __attribute__((noreturn));
/* Delivers a synchronous guest signal raised by the guest's own code at
 * its current pc (trap, break, undefined instruction, fault). */
void rt_raise_guest_signal(GuestThread *t, int host_signo, int si_code, uint32_t addr);
/* Threads (runtime/thread.c).  Flags say which clone side effects to do. */
enum {
    RT_CLONE_SETTLS = 1, RT_CLONE_PARENT_SETTID = 2, RT_CLONE_CHILD_SETTID = 4,
    RT_CLONE_CHILD_CLEARTID = 8,
};
/* Starts a guest thread that resumes after parent's clone syscall with
 * stack newsp; returns its tid or -errno. */
int rt_thread_create(GuestThread *parent, unsigned flags, uint32_t newsp, uint32_t tls,
                     uint32_t ptid, uint32_t ctid);
/* Ends the calling guest thread (exit); the last one ends the process. */
void rt_thread_exit(GuestThread *t, int status) __attribute__((noreturn));
int rt_thread_count(void);
/* ---- asynchronous signals (runtime/signal.c) ----
 * Host signals the guest has a handler for are caught by xbt, queued on
 * the thread that the host kernel picked, and delivered at the next block
 * boundary.  A guest syscall interrupted by one returns -EINTR to the
 * syscall layer, which restarts it or not as the kernel would. */
/* Host signal that interrupts blocking host calls (kept from the guest). */
#define RT_SIG_KICK (SIGRTMAX)
/* Host disposition for host signal h: RT_SIGACT_CATCH installs xbt's
 * queueing handler (flags: SA_NOCLDSTOP/SA_NOCLDWAIT, host values). */
enum { RT_SIGACT_DFL, RT_SIGACT_IGN, RT_SIGACT_CATCH };
void rt_sig_set_action(int host_sig, int action, int host_flags);
/* Blocks/unblocks the thread's own handler around queue work. */
void rt_sig_lock(sigset_t *old);
void rt_sig_unlock(const sigset_t *old);
/* Recomputes t->sig_pending from the queue and t->sigmask; requests an
 * exit from translated code when something is deliverable.  Call after
 * any change of t->sigmask. */
void rt_sig_recheck(GuestThread *t);
/* Removes and returns (in *out) the queued entry delivery would take next
 * among signals not blocked by mask (guest words; NULL: t->sigmask), or
 * with in `only` (host sigset, may be NULL); false if none. */
bool rt_sig_take(GuestThread *t, const uint32_t *mask, const sigset_t *only, RtSigQueued *out);
/* Guest number of the signal delivery would take next, or 0. */
int rt_sig_next(GuestThread *t);
/* Queued host signals (for sigpending). */
void rt_sig_queued_set(GuestThread *t, sigset_t *set);
/* Brackets a guest syscall: arms the interrupting of blocking host calls. */
void rt_sig_syscall_begin(GuestThread *t);
void rt_sig_syscall_end(GuestThread *t, bool interrupted);
/* A host syscall that returns -EINTR, without entering the kernel, when a
 * signal for t is already queued: no lost wake-up between the check and
 * the call.  Result: >= 0 or -host_errno. */
long rt_safe_syscall(GuestThread *t, long nr, long a1, long a2, long a3, long a4, long a5,
                     long a6);
/* Sets the host thread's blocked set from t->sigmask (then rechecks). */
void rt_sig_apply_mask(GuestThread *t);
/* The calling thread ends: block everything, hand process-directed queued
 * signals back to the process, free the thread's signal resources. */
void rt_sig_thread_exit(GuestThread *t);
/* Takes the default action of host signal h for the process (terminate,
 * stop, or nothing). */
void rt_sig_default_action(int host_sig);
/* Code in [addr, addr+len) may have changed (cacheflush, synci, munmap). */
void rt_code_invalidate(uint32_t addr, uint32_t len);

#endif
