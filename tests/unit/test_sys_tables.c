/*
 * test_sys_tables.c - sanity of the generated syscall ABI tables and of
 * their join with the generic handlers (syscall/calls.def):
 *   - numbers sorted and unique, names unique;
 *   - every call a static glibc 2.36 program makes at start-up and in
 *     common use is in the table and has a handler;
 *   - every generic handler name exists in some ABI table (catches typos);
 *   - the layouts the handlers need are present and plausible;
 *   - a few facts of the MIPS o32 headers the brief calls out.
 */
#include <stdarg.h>
#include "test_sys_stubs.h"

static const SysAbi *const abis[] = { &sys_abi_mips_o32, &sys_abi_arm_eabi, &sys_abi_ppc32 };

static const SysCall generic[] = {
#define SC(name, fn, variant, flags, ...) { #name, NULL, variant, flags, { __VA_ARGS__ } },
#include "syscall/calls.def"
#undef SC
};

static int64_t nr_of(const SysAbi *abi, const char *name)
{
    for (uint32_t i = 0; i < abi->n_nrs; i++)
        if (!strcmp(abi->nrs[i].name, name))
            return abi->nrs[i].nr;
    return -1;
}

static bool has_handler(const SysAbi *abi, const char *name)
{
    for (uint32_t i = 0; i < abi->n_overrides; i++)
        if (!strcmp(abi->overrides[i].name, name))
            return true;
    for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++)
        if (!strcmp(generic[i].name, name))
            return true;
    return false;
}

/* What static glibc 2.36 programs call (start-up, stdio, malloc, time,
 * abort, fork/wait, sockets) on every 32-bit target ... */
static const char *const glibc_calls[] = {
    "brk", "set_tid_address", "set_robust_list", "rseq", "prlimit64", "readlink",
    "getrandom", "mmap2", "munmap", "mprotect", "mremap", "madvise", "ioctl", "statx",
    "fstat64", "stat64", "lstat64", "fstatat64", "openat", "open", "close", "read",
    "write", "readv", "writev", "pread64", "pwrite64", "_llseek", "lseek", "fcntl64",
    "getdents64", "getcwd", "exit_group", "exit", "rt_sigaction", "rt_sigprocmask",
    "sigaltstack", "tgkill", "kill", "getpid", "gettid", "clock_gettime64",
    "clock_gettime", "clock_nanosleep_time64", "nanosleep", "gettimeofday", "uname",
    "clone", "wait4", "pipe", "pipe2", "dup2", "dup3", "unlink", "unlinkat", "mkdir",
    "rename", "access", "faccessat", "umask", "futex", "futex_time64",
    "sched_getaffinity", "sysinfo", "times", "utimensat_time64", "ftruncate64",
    "socket", "connect", "sendto", "recvfrom", "sendmmsg", "setsockopt", "getsockopt",
    "poll", "ppoll_time64", "epoll_pwait", "prctl", "execve",
};

/* ... plus what each ABI has of its own. */
static const char *const mips_calls[] = { "set_thread_area", "getrlimit", "getuid", "geteuid",
                                          "cacheflush", "sysmips", "mmap", "waitpid" };
static const char *const arm_calls[] = { "set_tls", "cacheflush", "ugetrlimit", "getuid32",
                                         "geteuid32", "arm_fadvise64_64" };
static const char *const ppc_calls[] = { "ugetrlimit", "getuid", "mmap", "fadvise64_64" };

int main(void)
{
    for (size_t a = 0; a < sizeof abis / sizeof abis[0]; a++) {
        const SysAbi *abi = abis[a];
        bool sorted = true, unique_names = true;
        for (uint32_t i = 1; i < abi->n_nrs; i++)
            sorted &= abi->nrs[i].nr > abi->nrs[i - 1].nr;
        for (uint32_t i = 0; i < abi->n_nrs; i++)
            for (uint32_t j = i + 1; j < abi->n_nrs; j++)
                unique_names &= strcmp(abi->nrs[i].name, abi->nrs[j].name) != 0;
        t_ok(abi->n_nrs > 300, "%s: %u syscalls in the table", abi->name, abi->n_nrs);
        t_ok(sorted, "%s: numbers sorted and unique", abi->name);
        t_ok(unique_names, "%s: names unique", abi->name);
        const char *const *own = a == 0 ? mips_calls : a == 1 ? arm_calls : ppc_calls;
        size_t nown = a == 0 ? sizeof mips_calls / sizeof *own : a == 1 ? sizeof arm_calls / sizeof *own
                                                                        : sizeof ppc_calls / sizeof *own;
        for (size_t i = 0; i < sizeof glibc_calls / sizeof glibc_calls[0] + nown; i++) {
            size_t ng = sizeof glibc_calls / sizeof glibc_calls[0];
            const char *n = i < ng ? glibc_calls[i] : own[i - ng];
            t_ok(nr_of(abi, n) >= 0 && has_handler(abi, n), "%s: %s in table (%lld) with a handler",
                 abi->name, n, (long long)nr_of(abi, n));
        }
        for (uint32_t i = 0; i < abi->n_overrides; i++)
            t_ok(nr_of(abi, abi->overrides[i].name) >= 0, "%s: override %s is in the table",
                 abi->name, abi->overrides[i].name);
        const SysLayouts *L = abi->L;
        t_ok(L->stat64.bytes && L->stat64.size.size == 8 && L->stat64.ino.size == 8,
             "%s: stat64 layout present", abi->name);
        t_ok(L->sigaction.bytes && L->sigaction.handler.size == 4 &&
             L->sigaction.mask.size >= 8 && L->sigaction.mask.size <= 16,
             "%s: sigaction layout present", abi->name);
        t_ok(L->termios.cc.size > 0 && L->termios.cc.size <= 32, "%s: termios c_cc present", abi->name);
        t_ok(L->timespec.bytes == 8 && L->timespec64.bytes == 16, "%s: timespec 8, __kernel_timespec 16",
             abi->name);
        t_ok(L->statx.bytes == 256, "%s: statx is 256 bytes", abi->name);
    }

    /* every generic handler is some ABI's syscall */
    for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++) {
        bool found = false;
        for (size_t a = 0; a < sizeof abis / sizeof abis[0]; a++)
            found |= nr_of(abis[a], generic[i].name) >= 0;
        t_ok(found, "handler %s names a syscall of some ABI", generic[i].name);
    }

    /* o32 facts from the brief, checked against the generated tables */
    t_ok(nr_of(&sys_abi_mips_o32, "read") == 4003, "o32 read is 4003");
    t_ok(nr_of(&sys_abi_mips_o32, "clock_gettime64") == 4403, "o32 clock_gettime64 is 4403");
    sys_setup(&sys_abi_mips_o32, &fake_mips);
    t_ok(gk(K_EDEADLK) == 45 && gk(K_ENOSYS) == 89, "o32 EDEADLK 45, ENOSYS 89");
    t_ok(gk(K_MAP_ANONYMOUS) == 0x800, "o32 MAP_ANONYMOUS 0x800");
    t_ok(gk(K_SIG_BLOCK) == 1 && gk(K_SIG_SETMASK) == 3, "o32 SIG_BLOCK 1, SIG_SETMASK 3");
    t_ok(gk(K__NSIG) == 128 && gk(K_SIGRTMIN) == 32, "o32 _NSIG 128, SIGRTMIN 32");
    t_ok(gk(K_RLIM_INFINITY) == 0x7fffffff, "o32 RLIM_INFINITY 0x7fffffff");
    t_ok(gk(K_TCGETS) == 0x540d, "o32 TCGETS 0x540d");
    t_ok(sys_abi_mips_o32.L->sigaction.flags.off == 0 && sys_abi_mips_o32.L->sigaction.handler.off == 4 &&
         sys_abi_mips_o32.L->sigaction.mask.off == 8 && sys_abi_mips_o32.L->sigaction.restorer.size == 0,
         "o32 sigaction: flags, handler, mask[4], no restorer");
    t_ok(sys_abi_mips_o32.L->stat64.bytes == 104 && sys_abi_mips_o32.L->stat64.size.off == 56,
         "o32 stat64: 104 bytes, st_size at 56");

    /* ARM EABI and PowerPC32 facts */
    t_ok(nr_of(&sys_abi_arm_eabi, "cacheflush") == 0x0f0002 && nr_of(&sys_abi_arm_eabi, "set_tls") == 0x0f0005,
         "ARM private calls at 0x0f0000");
    t_ok(sys_abi_arm_eabi.L->sigaction.mask.size == 8 && sys_abi_arm_eabi.L->sigaction.restorer.size == 4 &&
         sys_abi_arm_eabi.L->sigaction.handler.off == 0, "ARM rt_sigaction: handler, flags, restorer, 64-bit mask");
    t_ok(sys_abi_ppc32.L->termios.cc.off == 16 && sys_abi_ppc32.L->termios.line.off == 35,
         "PowerPC termios: c_cc before c_line");
    t_ok(nr_of(&sys_abi_ppc32, "read") == 3 && nr_of(&sys_abi_arm_eabi, "read") == 3, "read is 3 on ARM and PowerPC");
    return t_done();
}
