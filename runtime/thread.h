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

typedef struct GuestThread {
    void *cpu;                    /* arch->cpu_size bytes, starts with IRCpuHeader */
    GuestProcess *proc;
    int tid;
    uint32_t clear_child_tid;     /* set_tid_address */
    uint32_t robust_list;
    uint32_t sigmask[4];          /* guest blocked set */
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
/* Code in [addr, addr+len) may have changed (cacheflush, synci, munmap). */
void rt_code_invalidate(uint32_t addr, uint32_t len);

#endif
