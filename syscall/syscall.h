/*
 * syscall.h - entry from the dispatcher into the guest syscall layer.
 *
 * sys_dispatch runs the syscall whose instruction left the block (cpu pc
 * points at it): it reads the number and arguments through the guest's
 * GuestSyscallABI, looks the number up in that ABI's table, converts
 * arguments, structures, flags and errno between guest and host, writes the
 * result and advances pc.  An unknown number returns ENOSYS and is reported
 * once per number (always under -strace).
 */
#ifndef XBT_SYSCALL_H
#define XBT_SYSCALL_H

#include "../runtime/thread.h"

/* Sets up the tables for a guest; false if xbt has no syscall ABI for it. */
bool sys_init(const GuestArch *arch);
void sys_dispatch(GuestThread *t);
/* Host errno -> guest errno number for the current guest. */
int sys_errno_to_guest(int host_errno);
/* Host signal number <-> guest signal number for the current guest. */
int sys_signal_to_guest(int host_sig);
int sys_signal_to_host(int guest_sig);

/* Delivers host signal host_sig to guest thread t if the guest has a
 * handler for it: builds the guest's signal frame (siginfo with si_code and
 * the fault address addr) and points t's CPU at the handler, with the
 * guest's signal mask updated as the kernel does.  Returns false when the
 * guest has no handler (SIG_DFL/SIG_IGN), the signal is blocked, or the ABI
 * cannot build a frame: the caller then takes the default action.  Call it
 * at a block boundary (the CPU state is the guest's), never from inside
 * generated code. */
bool sys_signal_deliver(GuestThread *t, int host_sig, int si_code, uint32_t addr);

/* The calling thread's guest sigaltstack (for building signal frames):
 * false when disabled.  flags are the guest's SS_* bits. */
bool sys_sigaltstack_get(uint32_t *sp, uint32_t *size, int *guest_flags);

/* Delivers the signals runtime/signal.c queued for t (the dispatcher calls
 * it when exit_request is set, at a block boundary). */
void sys_signal_deliver_pending(GuestThread *t);

#endif
