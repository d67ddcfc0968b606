/*
 * sys_proc.c - processes and identities: exit, ids, uname, sysinfo,
 * resource limits and usage, prctl, scheduling, the thread bookkeeping
 * calls glibc makes at start-up (set_thread_area, set_tid_address,
 * set_robust_list), fork/clone without CLONE_VM, wait, kill to self and
 * others, futex.
 *
 * Identity calls go to the kernel directly (syscall()), not through the
 * host libc: a guest's setuid must change only the calling thread, as the
 * guest libc expects when it broadcasts the change to its threads itself.
 *
 * Resource limits that bound xbt's own memory (RLIMIT_AS, RLIMIT_DATA,
 * RLIMIT_STACK) are kept per guest and not applied to the host process,
 * whose address space holds the 4 GiB guest window and the code cache.
 */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sys_abi.h"
#include "../runtime/binfmt.h"

#define L (sys_cur.L)

/* ---- exit ---------------------------------------------------------------- */

/* exit ends the calling thread; the last thread's exit ends the process. */
int64_t sys_exit(SysCtx *c) { rt_thread_exit(c->t, (int)c->a[0]); }
int64_t sys_exit_group(SysCtx *c) { rt_exit_group((int)c->a[0]); }

/* ---- ids ----------------------------------------------------------------- */

int64_t sys_getpid(SysCtx *c) { return getpid(); }
int64_t sys_getppid(SysCtx *c) { return getppid(); }
int64_t sys_gettid(SysCtx *c) { return gettid(); }
int64_t sys_getuid(SysCtx *c) { return getuid(); }
int64_t sys_geteuid(SysCtx *c) { return geteuid(); }
int64_t sys_getgid(SysCtx *c) { return getgid(); }
int64_t sys_getegid(SysCtx *c) { return getegid(); }

/* Three 32-bit ids out (NYI: ARM's 16-bit getresuid). */
static int64_t put3(SysCtx *c, const unsigned v[3])
{
    for (int i = 0; i < 3; i++) {
        uint8_t img[4];
        st_g32(img, v[i]);
        int r = sys_copy_out((GuestAddr)c->a[i], img, 4);
        if (r < 0)
            return r;
    }
    return 0;
}

int64_t sys_getresuid(SysCtx *c)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0)
        return -errno;
    return put3(c, (unsigned[3]){ r, e, s });
}

int64_t sys_getresgid(SysCtx *c)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0)
        return -errno;
    return put3(c, (unsigned[3]){ r, e, s });
}

int64_t sys_setuid(SysCtx *c) { return sys_ret(syscall(SYS_setuid, (uid_t)c->a[0])); }
int64_t sys_setgid(SysCtx *c) { return sys_ret(syscall(SYS_setgid, (gid_t)c->a[0])); }
int64_t sys_setfsuid(SysCtx *c) { return syscall(SYS_setfsuid, (uid_t)c->a[0]); }
int64_t sys_setfsgid(SysCtx *c) { return syscall(SYS_setfsgid, (gid_t)c->a[0]); }

int64_t sys_setreuid(SysCtx *c)
{
    return sys_ret(syscall(SYS_setreuid, (uid_t)c->a[0], (uid_t)c->a[1]));
}

int64_t sys_setregid(SysCtx *c)
{
    return sys_ret(syscall(SYS_setregid, (gid_t)c->a[0], (gid_t)c->a[1]));
}

int64_t sys_setresuid(SysCtx *c)
{
    return sys_ret(syscall(SYS_setresuid, (uid_t)c->a[0], (uid_t)c->a[1], (uid_t)c->a[2]));
}

int64_t sys_setresgid(SysCtx *c)
{
    return sys_ret(syscall(SYS_setresgid, (gid_t)c->a[0], (gid_t)c->a[1], (gid_t)c->a[2]));
}

int64_t sys_getgroups(SysCtx *c)
{
    int n = (int)c->a[0];
    if (n < 0 || n > 65536)
        return -EINVAL;
    gid_t *g = malloc(((size_t)n + 1) * sizeof *g);
    if (!g)
        return -ENOMEM;
    long r = syscall(SYS_getgroups, n, g);
    int64_t ret = r < 0 ? -errno : r;
    if (r > 0 && n > 0) {
        uint8_t *img = malloc((size_t)r * 4);
        if (!img) {
            free(g);
            return -ENOMEM;
        }
        for (long i = 0; i < r; i++)
            st_g32(img + 4 * i, g[i]);
        int e = sys_copy_out((GuestAddr)c->a[1], img, (uint32_t)r * 4);
        if (e < 0)
            ret = e;
        free(img);
    }
    free(g);
    return ret;
}

int64_t sys_setgroups(SysCtx *c)
{
    int n = (int)c->a[0];
    if (n < 0 || n > 65536)
        return -EINVAL;
    gid_t *g = malloc(((size_t)n + 1) * sizeof *g);
    uint8_t *img = malloc((size_t)n * 4 + 1);
    int64_t ret = -ENOMEM;
    if (g && img && (ret = sys_copy_in(img, (GuestAddr)c->a[1], (uint32_t)n * 4)) == 0) {
        for (int i = 0; i < n; i++)
            g[i] = ld_g32(img + 4 * i);
        ret = sys_ret(syscall(SYS_setgroups, n, g));
    }
    free(g);
    free(img);
    return ret;
}

int64_t sys_getpgid(SysCtx *c) { return sys_ret(getpgid((pid_t)c->a[0])); }
int64_t sys_setpgid(SysCtx *c) { return sys_ret(setpgid((pid_t)c->a[0], (pid_t)c->a[1])); }
int64_t sys_getpgrp(SysCtx *c) { return getpgrp(); }
int64_t sys_setsid(SysCtx *c) { return sys_ret(setsid()); }
int64_t sys_getsid(SysCtx *c) { return sys_ret(getsid((pid_t)c->a[0])); }

/* ---- the system ---------------------------------------------------------- */

static void put_str(uint8_t *img, SysField f, const char *s)
{
    if (!f.size)
        return;
    memset(img + f.off, 0, f.size);
    size_t n = strlen(s);
    memcpy(img + f.off, s, n < f.size ? n : f.size - 1u);
}

int64_t sys_uname(SysCtx *c)
{
    struct utsname u;
    if (uname(&u) < 0)
        return -errno;
    uint8_t img[SYS_IMG_MAX];
    memset(img, 0, L->utsname.bytes);
    put_str(img, L->utsname.sysname, u.sysname);
    put_str(img, L->utsname.nodename, u.nodename);
    put_str(img, L->utsname.release, u.release);
    put_str(img, L->utsname.version, u.version);
    put_str(img, L->utsname.machine, sys_cur.arch->uname_machine);
    put_str(img, L->utsname.domainname, u.domainname);
    return sys_copy_out((GuestAddr)c->a[0], img, L->utsname.bytes);
}

/* Memory sizes that do not fit the guest's longs are given in larger
 * mem_unit, as the kernel's compat sysinfo does. */
int64_t sys_sysinfo(SysCtx *c)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -errno;
    uint64_t unit = si.mem_unit ? si.mem_unit : 1;
    uint64_t v[8] = { si.totalram, si.freeram, si.sharedram, si.bufferram,
                      si.totalswap, si.freeswap, si.totalhigh, si.freehigh };
    SysField f[8] = { L->sysinfo.totalram, L->sysinfo.freeram, L->sysinfo.sharedram,
                      L->sysinfo.bufferram, L->sysinfo.totalswap, L->sysinfo.freeswap,
                      L->sysinfo.totalhigh, L->sysinfo.freehigh };
    for (;;) {
        bool fit = true;
        for (int i = 0; i < 8; i++)
            fit &= ffits_u(f[i], v[i]);
        if (fit || unit >= (1u << 30))
            break;
        for (int i = 0; i < 8; i++)
            v[i] >>= 1;
        unit <<= 1;
    }
    uint8_t img[SYS_IMG_MAX];
    memset(img, 0, L->sysinfo.bytes);
    fput(img, L->sysinfo.uptime, (uint64_t)si.uptime);
    SysField lf = L->sysinfo.loads;
    for (unsigned i = 0; lf.size && i < 3; i++)
        sys_st(img + lf.off + i * (lf.size / 3u), lf.size / 3u, si.loads[i]);
    for (int i = 0; i < 8; i++)
        fput(img, f[i], v[i]);
    fput(img, L->sysinfo.procs, si.procs);
    fput(img, L->sysinfo.mem_unit, unit);
    return sys_copy_out((GuestAddr)c->a[0], img, L->sysinfo.bytes);
}

/* ---- resource limits ------------------------------------------------------- */

/* Limits kept for the guest instead of applied to xbt (see the top). */
static struct { bool set; struct rlimit lim; } kept[RLIM_NLIMITS];

static bool rlimit_kept(int hres)
{
    return hres == RLIMIT_AS || hres == RLIMIT_DATA || hres == RLIMIT_STACK;
}

static int rl_get(int hres, struct rlimit *r)
{
    if (rlimit_kept(hres) && kept[hres].set) {
        *r = kept[hres].lim;
        return 0;
    }
    return getrlimit((__rlimit_resource_t)hres, r) < 0 ? -errno : 0;
}

static int rl_set(int hres, const struct rlimit *r)
{
    if (r->rlim_cur > r->rlim_max)
        return -EINVAL;
    if (rlimit_kept(hres)) {
        struct rlimit now;
        int e = rl_get(hres, &now);
        if (e < 0)
            return e;
        if (r->rlim_max > now.rlim_max && geteuid() != 0)
            return -EPERM;
        kept[hres].set = true;
        kept[hres].lim = *r;
        return 0;
    }
    return setrlimit((__rlimit_resource_t)hres, r) < 0 ? -errno : 0;
}

static int rl_res(int64_t g)
{
    int k = sys_kval_g(KC_RLIMIT, g);
    return k < 0 ? -1 : (int)sys_k[k].host;
}

/* 32-bit struct rlimit: anything at or above the guest's RLIM_INFINITY
 * reads as infinity (o32's infinity is 0x7fffffff). */
static uint64_t rl_to_guest32(rlim_t v)
{
    uint64_t inf = (uint64_t)gk(K_RLIM_INFINITY) & 0xffffffffu;
    return v == RLIM_INFINITY || v >= inf ? inf : v;
}

static rlim_t rl_from_guest32(uint64_t v)
{
    uint64_t inf = (uint64_t)gk(K_RLIM_INFINITY) & 0xffffffffu;
    return v >= inf ? RLIM_INFINITY : (rlim_t)v;
}

int64_t sys_getrlimit(SysCtx *c)
{
    int hres = rl_res(c->a[0]);
    if (hres < 0)
        return -EINVAL;
    struct rlimit r;
    int e = rl_get(hres, &r);
    if (e < 0)
        return e;
    uint8_t img[32];
    memset(img, 0, sizeof img);
    fput(img, L->rlimit.cur, rl_to_guest32(r.rlim_cur));
    fput(img, L->rlimit.max, rl_to_guest32(r.rlim_max));
    return sys_copy_out((GuestAddr)c->a[1], img, L->rlimit.bytes);
}

int64_t sys_setrlimit(SysCtx *c)
{
    int hres = rl_res(c->a[0]);
    if (hres < 0)
        return -EINVAL;
    uint8_t img[32];
    int e = sys_copy_in(img, (GuestAddr)c->a[1], L->rlimit.bytes);
    if (e < 0)
        return e;
    struct rlimit r = { rl_from_guest32(fget(img, L->rlimit.cur)),
                        rl_from_guest32(fget(img, L->rlimit.max)) };
    return rl_set(hres, &r);
}

/* struct rlimit64: RLIM64_INFINITY is all ones, as the host's RLIM_INFINITY. */
int64_t sys_prlimit64(SysCtx *c)
{
    pid_t pid = (pid_t)c->a[0];
    int hres = rl_res(c->a[1]);
    if (hres < 0)
        return -EINVAL;
    GuestAddr gnew = (GuestAddr)c->a[2], gold = (GuestAddr)c->a[3];
    uint8_t img[32];
    struct rlimit nr, orl;
    int e;
    if (gnew) {
        if ((e = sys_copy_in(img, gnew, L->rlimit64.bytes)) < 0)
            return e;
        nr.rlim_cur = fget(img, L->rlimit64.cur);
        nr.rlim_max = fget(img, L->rlimit64.max);
    }
    if (pid == 0 || pid == getpid()) {
        if (gold && (e = rl_get(hres, &orl)) < 0)
            return e;
        if (gnew && (e = rl_set(hres, &nr)) < 0)
            return e;
    } else if (prlimit(pid, (__rlimit_resource_t)hres, gnew ? &nr : NULL, &orl) < 0) {
        return -errno;
    }
    if (gold) {
        memset(img, 0, sizeof img);
        fput(img, L->rlimit64.cur, orl.rlim_cur);
        fput(img, L->rlimit64.max, orl.rlim_max);
        return sys_copy_out(gold, img, L->rlimit64.bytes);
    }
    return 0;
}

int sys_rusage_out(GuestAddr g, const struct rusage *ru)
{
    uint8_t img[SYS_IMG_MAX];
    memset(img, 0, L->rusage.bytes);
    fput(img, L->rusage.utime_sec, (uint64_t)ru->ru_utime.tv_sec);
    fput(img, L->rusage.utime_usec, (uint64_t)ru->ru_utime.tv_usec);
    fput(img, L->rusage.stime_sec, (uint64_t)ru->ru_stime.tv_sec);
    fput(img, L->rusage.stime_usec, (uint64_t)ru->ru_stime.tv_usec);
    fput(img, L->rusage.maxrss, (uint64_t)ru->ru_maxrss);
    fput(img, L->rusage.ixrss, (uint64_t)ru->ru_ixrss);
    fput(img, L->rusage.idrss, (uint64_t)ru->ru_idrss);
    fput(img, L->rusage.isrss, (uint64_t)ru->ru_isrss);
    fput(img, L->rusage.minflt, (uint64_t)ru->ru_minflt);
    fput(img, L->rusage.majflt, (uint64_t)ru->ru_majflt);
    fput(img, L->rusage.nswap, (uint64_t)ru->ru_nswap);
    fput(img, L->rusage.inblock, (uint64_t)ru->ru_inblock);
    fput(img, L->rusage.oublock, (uint64_t)ru->ru_oublock);
    fput(img, L->rusage.msgsnd, (uint64_t)ru->ru_msgsnd);
    fput(img, L->rusage.msgrcv, (uint64_t)ru->ru_msgrcv);
    fput(img, L->rusage.nsignals, (uint64_t)ru->ru_nsignals);
    fput(img, L->rusage.nvcsw, (uint64_t)ru->ru_nvcsw);
    fput(img, L->rusage.nivcsw, (uint64_t)ru->ru_nivcsw);
    return sys_copy_out(g, img, L->rusage.bytes);
}

/* RUSAGE_SELF/CHILDREN/THREAD are the same everywhere. */
int64_t sys_getrusage(SysCtx *c)
{
    struct rusage ru;
    if (getrusage((int)c->a[0], &ru) < 0)
        return -errno;
    return sys_rusage_out((GuestAddr)c->a[1], &ru);
}

/* ---- prctl, personality, scheduling ---------------------------------------------- */

int64_t sys_prctl(SysCtx *c)
{
    int k = sys_kval_g(KC_PRCTL, c->a[0]);
    int hopt = k >= 0 ? (int)sys_k[k].host : 0;
    uint32_t a2 = (uint32_t)c->a[1];
    switch (k) {
    case K_PR_SET_NAME: {
        char name[16];
        memset(name, 0, sizeof name);
        uint32_t n = sys_span(a2, 16, PROT_READ);
        if (!n)
            return -EFAULT;
        int r = sys_copy_in(name, a2, n);
        if (r < 0)
            return r;
        name[15] = 0;
        return sys_ret(prctl(hopt, name));
    }
    case K_PR_GET_NAME: {
        char name[16];
        if (prctl(hopt, name) < 0)
            return -errno;
        return sys_copy_out(a2, name, 16);
    }
    case K_PR_SET_PDEATHSIG: {
        int h = a2 ? sys_signal_to_host((int)a2) : 0;
        if (a2 && !h)
            return -EINVAL;
        return sys_ret(prctl(hopt, h));
    }
    case K_PR_GET_PDEATHSIG: case K_PR_GET_CHILD_SUBREAPER: {
        int v;
        if (prctl(hopt, &v) < 0)
            return -errno;
        if (k == K_PR_GET_PDEATHSIG)
            v = v ? sys_signal_to_guest(v) : 0;
        uint8_t img[4];
        st_g32(img, (uint32_t)v);
        return sys_copy_out(a2, img, 4);
    }
    case K_PR_GET_DUMPABLE: case K_PR_SET_DUMPABLE: case K_PR_SET_NO_NEW_PRIVS:
    case K_PR_GET_NO_NEW_PRIVS: case K_PR_SET_CHILD_SUBREAPER: case K_PR_SET_TIMERSLACK:
    case K_PR_GET_TIMERSLACK: case K_PR_CAPBSET_READ: case K_PR_GET_SECCOMP:
        return sys_ret(prctl(hopt, (unsigned long)a2, (unsigned long)(uint32_t)c->a[2],
                             (unsigned long)(uint32_t)c->a[3], (unsigned long)(uint32_t)c->a[4]));
    }
    sys_warn_once("prctl", (uint32_t)c->a[0], "unsupported prctl option %lld", (long long)c->a[0]);
    return -EINVAL;
}

/* PER_* values are the same everywhere. */
int64_t sys_personality(SysCtx *c) { return sys_ret(personality((unsigned long)(uint32_t)c->a[0])); }

int64_t sys_sched_yield(SysCtx *c) { return sys_ret(sched_yield()); }

/* CPU masks are arrays of guest longs: bit n in word n / 32, guest order. */
int64_t sys_sched_getaffinity(SysCtx *c)
{
    uint32_t len = (uint32_t)c->a[1];
    if (len & 3)
        return -EINVAL;
    uint32_t hlen = (len + 7) & ~7u;
    if (hlen > 8192)
        hlen = 8192;
    uint64_t *hm = calloc(hlen / 8, 8);
    if (!hm)
        return -ENOMEM;
    long n = syscall(SYS_sched_getaffinity, (pid_t)c->a[0], hlen, hm);
    if (n < 0) {
        int e = errno;
        free(hm);
        return -e;
    }
    uint32_t out = (uint32_t)n < len ? (uint32_t)n : len;
    uint8_t *img = calloc(out ? out : 1, 1);
    if (!img) {
        free(hm);
        return -ENOMEM;
    }
    for (uint32_t bit = 0; bit < out * 8; bit++)
        if (hm[bit / 64] >> (bit % 64) & 1)
            st_g32(img + 4 * (bit / 32), ld_g32(img + 4 * (bit / 32)) | 1u << (bit % 32));
    int r = sys_copy_out((GuestAddr)c->a[2], img, out);
    free(hm);
    free(img);
    return r < 0 ? (int64_t)r : (int64_t)out;
}

int64_t sys_sched_setaffinity(SysCtx *c)
{
    uint32_t len = (uint32_t)c->a[1] & ~3u;
    if (len > 8192)
        len = 8192;
    uint8_t *img = malloc(len ? len : 1);
    uint64_t *hm = calloc((len + 7) / 8 + 1, 8);
    int64_t ret = -ENOMEM;
    if (img && hm && (ret = sys_copy_in(img, (GuestAddr)c->a[2], len)) == 0) {
        for (uint32_t bit = 0; bit < len * 8; bit++)
            if (ld_g32(img + 4 * (bit / 32)) >> (bit % 32) & 1)
                hm[bit / 64] |= 1ull << (bit % 64);
        ret = sys_ret(syscall(SYS_sched_setaffinity, (pid_t)c->a[0], ((len + 7) / 8) * 8, hm));
    }
    free(img);
    free(hm);
    return ret;
}

/* SCHED_* policies are the same everywhere. */
int64_t sys_sched_getscheduler(SysCtx *c) { return sys_ret(sched_getscheduler((pid_t)c->a[0])); }
int64_t sys_sched_get_priority_max(SysCtx *c) { return sys_ret(sched_get_priority_max((int)c->a[0])); }
int64_t sys_sched_get_priority_min(SysCtx *c) { return sys_ret(sched_get_priority_min((int)c->a[0])); }

int64_t sys_sched_getparam(SysCtx *c)
{
    struct sched_param sp;
    if (sched_getparam((pid_t)c->a[0], &sp) < 0)
        return -errno;
    uint8_t img[16];
    memset(img, 0, sizeof img);
    fput(img, L->sched_param.priority, (uint64_t)sp.sched_priority);
    return sys_copy_out((GuestAddr)c->a[1], img, L->sched_param.bytes);
}

/* Reads the guest's struct sched_param at g. */
static int sched_param_in(GuestAddr g, struct sched_param *sp)
{
    uint8_t img[16];
    memset(sp, 0, sizeof *sp);
    if (L->sched_param.bytes > sizeof img)
        return -EINVAL;
    int r = sys_copy_in(img, g, L->sched_param.bytes);
    if (r < 0)
        return r;
    sp->sched_priority = (int)fget(img, L->sched_param.priority);
    return 0;
}

/* Policies (SCHED_OTHER ... SCHED_IDLE, SCHED_RESET_ON_FORK) have the same
 * values on every Linux architecture. */
int64_t sys_sched_setscheduler(SysCtx *c)
{
    struct sched_param sp;
    int r = sched_param_in((GuestAddr)c->a[2], &sp);
    if (r < 0)
        return r;
    return sys_ret(syscall(SYS_sched_setscheduler, (pid_t)c->a[0], (int)c->a[1], &sp));
}

int64_t sys_sched_setparam(SysCtx *c)
{
    struct sched_param sp;
    int r = sched_param_in((GuestAddr)c->a[1], &sp);
    if (r < 0)
        return r;
    return sys_ret(syscall(SYS_sched_setparam, (pid_t)c->a[0], &sp));
}

/* The raw call: the kernel answers 20 - nice, glibc would convert. */
int64_t sys_getpriority(SysCtx *c)
{
    return sys_ret(syscall(SYS_getpriority, (int)c->a[0], (id_t)c->a[1]));
}

int64_t sys_setpriority(SysCtx *c)
{
    return sys_ret(syscall(SYS_setpriority, (int)c->a[0], (id_t)c->a[1], (int)c->a[2]));
}

/* ---- thread bookkeeping ------------------------------------------------------- */

int64_t sys_set_thread_area(SysCtx *c)
{
    if (!sys_cur.arch->set_tls)
        return -ENOSYS;
    sys_cur.arch->set_tls(c->t->cpu, (uint32_t)c->a[0]);
    return 0;
}

int64_t sys_set_tid_address(SysCtx *c)
{
    c->t->clear_child_tid = (uint32_t)c->a[0];
    return gettid();
}

/* Recorded for the exit of threads (NYI with threads). */
int64_t sys_set_robust_list(SysCtx *c)
{
    if ((uint32_t)c->a[1] != L->robust_list_head.bytes)
        return -EINVAL;
    c->t->robust_list = (uint32_t)c->a[0];
    return 0;
}

/* NYI: rseq.  Declining it is what a kernel without CONFIG_RSEQ does, and
 * glibc then runs without it, so this is not reported as unsupported. */
int64_t sys_rseq(SysCtx *c) { return -ENOSYS; }

/* ---- fork, wait, exec ---------------------------------------------------------- */

static int64_t do_fork(SysCtx *c, int64_t gflags, GuestAddr newsp, GuestAddr ptid,
                       uint32_t tls, GuestAddr ctid)
{
    uint64_t unknown = 0;
    uint64_t f = sys_flags_g2h(KC_CLONE, (uint32_t)gflags & ~(uint32_t)gk(K_CSIGNAL), &unknown);
    int gsig = (int)((uint32_t)gflags & (uint32_t)gk(K_CSIGNAL));
    int hsig = gsig ? sys_signal_to_host(gsig) : 0;
    if (unknown || (gsig && !hsig))
        return -EINVAL;
    /* vfork and posix_spawn (CLONE_VM | CLONE_VFORK) run as a fork: the
     * child gets a copy of the guest memory instead of sharing it. */
    if ((f & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK))
        f &= ~(uint64_t)(CLONE_VM | CLONE_VFORK);
    /* A thread: what glibc's pthread_create asks for. */
    const uint64_t thread_flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
                                  CLONE_THREAD | CLONE_SYSVSEM;
    if (f & CLONE_VM) {
        if ((f & thread_flags) != thread_flags || gsig) {
            sys_warn_once("clone", (uint32_t)f, "NYI: clone flags %#llx (CLONE_VM without a whole thread)",
                          (unsigned long long)f);
            return -EINVAL;
        }
        unsigned rf = ((f & CLONE_SETTLS) ? RT_CLONE_SETTLS : 0) |
                      ((f & CLONE_PARENT_SETTID) ? RT_CLONE_PARENT_SETTID : 0) |
                      ((f & CLONE_CHILD_SETTID) ? RT_CLONE_CHILD_SETTID : 0) |
                      ((f & CLONE_CHILD_CLEARTID) ? RT_CLONE_CHILD_CLEARTID : 0);
        return rt_thread_create(c->t, rf, newsp, tls, ptid, ctid);
    }
    const uint64_t handled = CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
                             CLONE_CHILD_CLEARTID | CLONE_DETACHED;
    if (f & ~handled) {
        sys_warn_once("clone", (uint32_t)f, "NYI: clone flags %#llx (threads are NYI)",
                      (unsigned long long)(f & ~handled));
        return -ENOSYS;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = hsig == SIGCHLD ? fork() : (pid_t)syscall(SYS_clone, (unsigned long)hsig, 0, 0, 0, 0);
    if (pid < 0)
        return -errno;
    uint8_t img[4];
    if (pid == 0) {
        c->t->tid = gettid();
        /* the child starts with no pending signals and no timers */
        c->t->sigq_n = 0;
        c->t->sig_pending = 0;
        c->t->kick_timer = 0;
        c->t->kick_armed = 0;
        if (f & CLONE_CHILD_SETTID) {
            st_g32(img, (uint32_t)c->t->tid);
            sys_copy_out(ctid, img, 4);
        }
        if (f & CLONE_CHILD_CLEARTID)
            c->t->clear_child_tid = ctid;
        if ((f & CLONE_SETTLS) && sys_cur.arch->set_tls)
            sys_cur.arch->set_tls(c->t->cpu, tls);
        if (sys_cur.arch->clone_child)
            sys_cur.arch->clone_child(c->t->cpu, newsp);
        return 0;
    }
    if (f & CLONE_PARENT_SETTID) {
        st_g32(img, (uint32_t)pid);
        sys_copy_out(ptid, img, 4);
    }
    return pid;
}

/* clone(flags, newsp, parent_tid, tls, child_tid): the CLONE_BACKWARDS
 * order MIPS, ARM and PowerPC share. */
int64_t sys_clone(SysCtx *c)
{
    return do_fork(c, c->a[0], (GuestAddr)c->a[1], (GuestAddr)c->a[2], (uint32_t)c->a[3],
                   (GuestAddr)c->a[4]);
}

int64_t sys_fork(SysCtx *c)
{
    return do_fork(c, gk(K_SIGCHLD), 0, 0, 0, 0);
}

/* A wait status carries a signal number in its low bits. */
static uint32_t status_h2g(int st)
{
    if (WIFSIGNALED(st))
        return (uint32_t)(sys_signal_to_guest(WTERMSIG(st)) & 0x7f) | (uint32_t)(st & 0x80);
    if (WIFSTOPPED(st))
        return (uint32_t)(sys_signal_to_guest(WSTOPSIG(st)) & 0xff) << 8 | 0x7f |
               ((uint32_t)st & 0xffff0000u);
    return (uint32_t)st;
}

static int64_t do_wait4(SysCtx *c, pid_t pid, GuestAddr gst, int64_t gopt, GuestAddr gru)
{
    uint64_t unknown = 0;
    int opt = (int)sys_flags_g2h(KC_WAIT, (uint32_t)gopt, &unknown);
    if (unknown)
        return -EINVAL;
    int st = 0;
    struct rusage ru;
    long r = rt_safe_syscall(c->t, SYS_wait4, pid, (long)&st, opt, (long)(gru ? &ru : NULL), 0, 0);
    if (r < 0)
        return r;
    if (r > 0 && gst) {
        uint8_t img[4];
        st_g32(img, status_h2g(st));
        int e = sys_copy_out(gst, img, 4);
        if (e < 0)
            return e;
    }
    if (r > 0 && gru) {
        int e = sys_rusage_out(gru, &ru);
        if (e < 0)
            return e;
    }
    return r;
}

int64_t sys_wait4(SysCtx *c)
{
    return do_wait4(c, (pid_t)c->a[0], (GuestAddr)c->a[1], c->a[2], (GuestAddr)c->a[3]);
}

int64_t sys_waitpid(SysCtx *c)
{
    return do_wait4(c, (pid_t)c->a[0], (GuestAddr)c->a[1], c->a[2], 0);
}

/* waitid(idtype, id, infop, options, rusage): P_* and CLD_* are the same
 * everywhere; the siginfo is the guest's, with a guest signal number in
 * si_status unless the child exited.  With WNOHANG and no child ready the
 * kernel clears si_signo and si_pid, as the zeroed host siginfo does. */
int64_t sys_waitid(SysCtx *c)
{
    uint64_t unknown = 0;
    int opt = (int)sys_flags_g2h(KC_WAIT, (uint32_t)c->a[3], &unknown);
    if (unknown)
        return -EINVAL;
    siginfo_t si;
    memset(&si, 0, sizeof si);
    struct rusage ru;
    GuestAddr ginfo = (GuestAddr)c->a[2], gru = (GuestAddr)c->a[4];
    long r = rt_safe_syscall(c->t, SYS_waitid, (long)c->a[0], (long)(pid_t)c->a[1], (long)&si, opt,
                             (long)(gru ? &ru : NULL), 0);
    if (r < 0)
        return r;
    if (ginfo) {
        uint8_t img[256];
        if (si.si_pid)
            sys_siginfo_to_guest(&si, sys_signal_to_guest(si.si_signo), img);
        else
            memset(img, 0, L->siginfo.bytes);
        int e = sys_copy_out(ginfo, img, L->siginfo.bytes);
        if (e < 0)
            return e;
    }
    if (gru) {
        int e = sys_rusage_out(gru, &ru);
        if (e < 0)
            return e;
    }
    return r;
}

/* ---- execve ---------------------------------------------------------------------- */

/* A NULL-terminated guest array of strings -> malloc'd host array (with
 * room for `extra` more entries in front); 0 or -errno. */
static int strv_in(GuestAddr g, char ***out, int extra, int *count)
{
    size_t cap = 16, n = 0, total = 0;
    char **v = calloc(cap + (size_t)extra + 1, sizeof *v);
    if (!v)
        return -ENOMEM;
    int r = 0;
    for (; g; n++) {
        uint8_t w[4];
        if ((r = sys_copy_in(w, g + (GuestAddr)(4 * n), 4)) < 0)
            break;
        GuestAddr s = ld_g32(w);
        if (!s)
            break;
        if (n + 1 >= cap) {
            char **nv = realloc(v, (2 * cap + (size_t)extra + 1) * sizeof *v);
            if (!nv) {
                r = -ENOMEM;
                break;
            }
            v = nv;
            cap *= 2;
        }
        static __thread char tmp[PATH_MAX * 32];   /* MAX_ARG_STRLEN */
        if ((r = sys_strin(s, tmp, sizeof tmp)) < 0 || (total += strlen(tmp) + 1) > (32u << 20)) {
            r = r < 0 ? (r == -ENAMETOOLONG ? -E2BIG : r) : -E2BIG;
            break;
        }
        if (!(v[extra + n] = strdup(tmp))) {
            r = -ENOMEM;
            break;
        }
    }
    v[extra + n] = NULL;
    *out = v;
    *count = (int)n;
    return r;
}

static void strv_free(char **v, int from)
{
    if (!v)
        return;
    for (int i = from; v[i]; i++)
        free(v[i]);
    free(v);
}

/* Is the file at path an ELF program for a guest xbt runs? */
static bool is_guest_elf(const char *path)
{
    uint8_t h[20];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    if (n < (ssize_t)sizeof h || memcmp(h, ELFMAG, SELFMAG) || h[EI_CLASS] != ELFCLASS32)
        return false;
    uint16_t em = h[EI_DATA] == ELFDATA2MSB ? (uint16_t)(h[18] << 8 | h[19]) : (uint16_t)(h[19] << 8 | h[18]);
    return sys_abi_known_machine(em);
}

/* The interpreter of a "#!" script, with the -L sysroot applied; or "". */
static void script_interp(const char *path, char *interp, size_t isize, char *arg, size_t asize)
{
    char line[256];
    interp[0] = arg[0] = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t n = read(fd, line, sizeof line - 1);
    close(fd);
    if (n < 3 || line[0] != '#' || line[1] != '!')
        return;
    line[n] = 0;
    char *p = line + 2, *e;
    p += strspn(p, " \t");
    e = p + strcspn(p, " \t\n");
    char *a = e + strspn(e, " \t");
    char *ae = a + strcspn(a, "\n");
    while (ae > a && (ae[-1] == ' ' || ae[-1] == '\t'))
        ae--;
    *ae = 0;
    *e = 0;
    if (*p == '/' && rt_proc.interp_prefix && rt_proc.interp_prefix[0]) {
        snprintf(interp, isize, "%s%s", rt_proc.interp_prefix, p);
        if (access(interp, F_OK) == 0)
            goto got;
    }
    snprintf(interp, isize, "%s", p);
got:
    snprintf(arg, asize, "%s", a);
}

/* execve: a guest program (directly or as the interpreter of a script)
 * re-enters xbt through the host's /proc/self/exe (else, without /proc,
 * through binfmt_misc when xbt was started by it) with the same -L and
 * -strace and its argv[0] kept (-0); anything else - a host program, a
 * script for a host interpreter - is executed by the host kernel. */
int64_t sys_execve(SysCtx *c)
{
    char path[2 * PATH_MAX], interp[2 * PATH_MAX], iarg[256];
    int r = sys_path((GuestAddr)c->a[0], path, sizeof path, true);
    if (r < 0)
        return r;
    struct stat st;
    if (stat(path, &st) < 0)
        return -errno;
    if (S_ISDIR(st.st_mode) || faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0)
        return errno && !S_ISDIR(st.st_mode) ? -errno : -EACCES;
    enum { XTRA = 10 };
    char **argv = NULL, **envp = NULL;
    int argc = 0, envc = 0;
    if ((r = strv_in((GuestAddr)c->a[1], &argv, XTRA, &argc)) < 0 ||
        (r = strv_in((GuestAddr)c->a[2], &envp, 0, &envc)) < 0) {
        strv_free(argv, XTRA);
        strv_free(envp, 0);
        return r;
    }
    const char *prog = NULL;
    bool guest = is_guest_elf(path);
    if (guest) {
        prog = path;
    } else {
        script_interp(path, interp, sizeof interp, iarg, sizeof iarg);
        if (interp[0] && is_guest_elf(interp))
            prog = interp;
    }
    if (!prog) {
        execve(path, argv + XTRA, envp);
        r = -errno;
    } else {
        /* xbt [-L dir] [-strace] -0 argv0 -- prog [iarg] [script] args... */
        char **v = argv;
        int i = 0, first = XTRA;
        const char *argv0 = argc ? argv[XTRA] : path;
        /* shift the guest args right for the script's interpreter */
        int shift = prog == interp ? 1 + (iarg[0] != 0) : 0;
        char **nv = calloc((size_t)(XTRA + argc + shift + 2), sizeof *nv);
        if (!nv) {
            r = -ENOMEM;
            goto out;
        }
        nv[i++] = "xbt";
        if (rt_proc.interp_prefix && rt_proc.interp_prefix[0]) {
            nv[i++] = "-L";
            nv[i++] = (char *)rt_proc.interp_prefix;
        }
        if (rt_proc.strace)
            nv[i++] = "-strace";
        nv[i++] = "-0";
        nv[i++] = (char *)(prog == interp ? interp : argv0);
        nv[i++] = "--";
        nv[i++] = (char *)prog;
        if (prog == interp) {
            if (iarg[0])
                nv[i++] = iarg;
            nv[i++] = path;                  /* the script, as the kernel passes it */
        }
        for (int k = 1; k < argc; k++)
            nv[i++] = v[first + k];
        nv[i] = NULL;
        fflush(stderr);
        execve("/proc/self/exe", nv, envp);
        r = -errno;
        /* No /proc (a fresh chroot): when binfmt_misc started xbt, the
         * kernel can run the guest through it again, with the registered
         * flags (argv[0] is then kept only with P). */
        if (rt_binfmt_started() && (execve(path, argv + XTRA, envp), errno != ENOEXEC))
            r = -errno;
        free(nv);
    }
out:
    strv_free(argv, XTRA);
    strv_free(envp, 0);
    return r;
}

/* ---- signals to processes ----------------------------------------------------- */

/* Signals go through the host kernel, which picks the receiving thread;
 * one the guest handles reaches xbt's handler there (runtime/signal.c) and
 * is delivered with the host's siginfo (sender, si_code), also when the
 * guest sends it to itself. */
static int64_t kill_common(SysCtx *c, int64_t gsig, long (*send)(SysCtx *, int))
{
    int h = 0;
    if (gsig) {
        h = sys_signal_to_host((int)gsig);
        if (!h)
            return -EINVAL;
    }
    return sys_ret(send(c, h));
}

static long send_kill(SysCtx *c, int h) { return kill((pid_t)c->a[0], h); }
static long send_tkill(SysCtx *c, int h) { return syscall(SYS_tkill, (pid_t)c->a[0], h); }
static long send_tgkill(SysCtx *c, int h)
{
    return syscall(SYS_tgkill, (pid_t)c->a[0], (pid_t)c->a[1], h);
}

int64_t sys_kill(SysCtx *c)
{
    return kill_common(c, c->a[1], send_kill);
}

int64_t sys_tkill(SysCtx *c)
{
    return kill_common(c, c->a[1], send_tkill);
}

int64_t sys_tgkill(SysCtx *c)
{
    return kill_common(c, c->a[2], send_tgkill);
}

/* ---- futex ---------------------------------------------------------------------- */

/* FUTEX_WAKE_OP for a big-endian guest: the kernel would do the operation
 * on the word in host order, so xbt does it (atomically, on the guest's
 * bytes) and then the two wakes.  Operation encoding: linux/futex.h
 * (FUTEX_OP), the same everywhere. */
static int64_t wake_op_swapped(int op, uint32_t *h1, uint32_t *h2, uint32_t val, uint32_t val2,
                               uint32_t val3)
{
    int fop = (int)(val3 >> 28) & 0xf, cmp = (int)(val3 >> 24) & 0xf;
    int32_t oparg = (int32_t)(val3 << 8) >> 20, cmparg = (int32_t)(val3 << 20) >> 20;
    if (fop & FUTEX_OP_OPARG_SHIFT) {
        if (oparg < 0 || oparg > 31)
            return -EINVAL;
        oparg = (int32_t)(1u << oparg);
        fop &= ~FUTEX_OP_OPARG_SHIFT;
    }
    uint32_t oldw = __atomic_load_n(h2, __ATOMIC_RELAXED), old, nv;
    do {
        old = __builtin_bswap32(oldw);
        switch (fop) {
        case FUTEX_OP_SET: nv = (uint32_t)oparg; break;
        case FUTEX_OP_ADD: nv = old + (uint32_t)oparg; break;
        case FUTEX_OP_OR: nv = old | (uint32_t)oparg; break;
        case FUTEX_OP_ANDN: nv = old & ~(uint32_t)oparg; break;
        case FUTEX_OP_XOR: nv = old ^ (uint32_t)oparg; break;
        default: return -ENOSYS;
        }
    } while (!__atomic_compare_exchange_n(h2, &oldw, __builtin_bswap32(nv), false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
    bool hit;
    int32_t o = (int32_t)old;
    switch (cmp) {
    case FUTEX_OP_CMP_EQ: hit = o == cmparg; break;
    case FUTEX_OP_CMP_NE: hit = o != cmparg; break;
    case FUTEX_OP_CMP_LT: hit = o < cmparg; break;
    case FUTEX_OP_CMP_LE: hit = o <= cmparg; break;
    case FUTEX_OP_CMP_GT: hit = o > cmparg; break;
    case FUTEX_OP_CMP_GE: hit = o >= cmparg; break;
    default: return -ENOSYS;
    }
    int wake = FUTEX_WAKE | (op & FUTEX_PRIVATE_FLAG);
    long n = syscall(SYS_futex, h1, wake, val, NULL, NULL, 0);
    if (n < 0)
        return -errno;
    if (hit) {
        long m = syscall(SYS_futex, h2, wake, val2, NULL, NULL, 0);
        if (m > 0)
            n += m;
    }
    return n;
}

/* The futex word is compared by the host kernel in host byte order, so
 * values for big-endian guests are swapped.  Waits go through the safe
 * syscall stub: a signal interrupts them (restarted with SA_RESTART, never
 * when a timeout was given, as the kernel's restart block).
 * NYI: the PI operations (LOCK_PI, UNLOCK_PI, TRYLOCK_PI, WAIT_REQUEUE_PI). */
int64_t sys_futex(SysCtx *c)
{
    bool ts64 = c->sc->variant == V_TS64;
    GuestAddr uaddr = (GuestAddr)c->a[0], uaddr2 = (GuestAddr)c->a[4];
    uint64_t unknown = 0;
    int op = (int)sys_flags_g2h(KC_FUTEX, (uint32_t)c->a[1], &unknown);
    if (unknown)
        return -ENOSYS;
    int cmd = op & FUTEX_CMD_MASK;
    uint32_t val = (uint32_t)c->a[2], val3 = (uint32_t)c->a[5];
    int err;
    void *h1 = sys_gbuf(uaddr & ~3u, 4, PROT_READ, &err);
    if (!h1 || (uaddr & 3))
        return h1 ? -EINVAL : err;
    void *h2 = NULL;
    struct timespec ts, *tsp = NULL;
    uintptr_t val2 = 0;
    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET:
        if (sys_cur.be)
            val = __builtin_bswap32(val);
        if (c->a[3]) {
            int r = sys_timespec_in((GuestAddr)c->a[3], ts64, &ts);
            if (r < 0)
                return r;
            tsp = &ts;
            c->no_restart = true;
        }
        return rt_safe_syscall(c->t, SYS_futex, (long)h1, op, val, (long)tsp, 0, (long)val3);
    case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
        break;
    case FUTEX_CMP_REQUEUE:
        if (sys_cur.be)
            val3 = __builtin_bswap32(val3);
        /* fall through */
    case FUTEX_REQUEUE:
        val2 = (uint32_t)c->a[3];
        if (!(h2 = sys_gbuf(uaddr2, 4, PROT_READ, &err)))
            return err;
        break;
    case FUTEX_WAKE_OP:
        val2 = (uint32_t)c->a[3];
        if (!(h2 = sys_gbuf(uaddr2, 4, PROT_READ | PROT_WRITE, &err)))
            return err;
        if (uaddr2 & 3)
            return -EINVAL;
        if (sys_cur.be)
            return wake_op_swapped(op, h1, h2, val, (uint32_t)val2, val3);
        break;
    default:
        sys_warn_once("futex", (uint32_t)cmd, "NYI: futex command %d", cmd);
        return -ENOSYS;
    }
    return sys_ret(syscall(SYS_futex, h1, op, val, (void *)val2, h2, val3));
}
