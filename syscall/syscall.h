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

/* The calling thread's guest sigaltstack (for building signal frames):
 * false when disabled.  flags are the guest's SS_* bits. */
bool sys_sigaltstack_get(uint32_t *sp, uint32_t *size, int *guest_flags);

#endif
