/*
 * test_sys_stat.c - structures in guest memory, in both byte orders:
 * struct stat64 as MIPS o32 lays it out, and whole syscalls run through
 * sys_dispatch with a fake register file (fstat64, uname, rt_sigaction,
 * clock_gettime64, _llseek, pipe2, an unknown number).
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "test_sys_stubs.h"

int sys_stat64_out(GuestAddr g, const struct stat *st);

#define GMEM 0x10000u

static uint64_t be_ld(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

static uint64_t le_ld(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n; i-- > 0;) v = v << 8 | p[i];
    return v;
}

static uint64_t g_ld(const void *p, int n, bool be) { return be ? be_ld(p, n) : le_ld(p, n); }

static FakeCpu cpu;
static GuestThread thr = { .cpu = &cpu };

static int64_t call(const char *name, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                    uint32_t a4, uint32_t a5)
{
    const SysAbi *abi = sys_cur.abi;
    memset(&cpu, 0, sizeof cpu);
    cpu.nr = 0xffffffffu;
    for (uint32_t i = 0; i < abi->n_nrs; i++)
        if (!strcmp(abi->nrs[i].name, name))
            cpu.nr = abi->nrs[i].nr;
    uint32_t a[8] = { a0, a1, a2, a3, a4, a5, 0, 0 };
    memcpy(cpu.args, a, sizeof a);
    sys_dispatch(&thr);
    return cpu.result;
}

static void stat_layout(bool be)
{
    const char *bo = be ? "BE" : "LE";
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = makedev(8, 0x123);
    st.st_ino = 0x1122334455667788ull;
    st.st_mode = 0100644;
    st.st_nlink = 3;
    st.st_uid = 1000;
    st.st_gid = 100;
    st.st_rdev = makedev(4, 1);
    st.st_size = 0x0000000180000000ll;
    st.st_blksize = 4096;
    st.st_blocks = 0x10203;
    st.st_atim.tv_sec = 0x61000000;
    st.st_atim.tv_nsec = 123456789;
    st.st_mtim.tv_sec = 0x62000000;
    st.st_ctim.tv_nsec = 5;
    uint8_t *p = g2h(GMEM);
    memset(p, 0xee, 128);
    t_ok(sys_stat64_out(GMEM, &st) == 0, "%s: stat64 written", bo);
    /* offsets from the kernel's arch/mips/include/uapi/asm/stat.h (o32 stat64) */
    t_ok(g_ld(p + 0, 4, be) == (0x23 | 8 << 8 | 0x100 << 12), "%s: st_dev new_encode_dev at 0", bo);
    t_ok(g_ld(p + 16, 8, be) == 0x1122334455667788ull, "%s: st_ino 64-bit at 16", bo);
    t_ok(g_ld(p + 24, 4, be) == 0100644, "%s: st_mode at 24", bo);
    t_ok(g_ld(p + 28, 4, be) == 3, "%s: st_nlink at 28", bo);
    t_ok(g_ld(p + 32, 4, be) == 1000 && g_ld(p + 36, 4, be) == 100, "%s: st_uid/st_gid at 32/36", bo);
    t_ok(g_ld(p + 40, 4, be) == (1 | 4 << 8), "%s: st_rdev at 40", bo);
    t_ok(g_ld(p + 56, 8, be) == 0x180000000ull, "%s: st_size 64-bit at 56", bo);
    t_ok(g_ld(p + 64, 4, be) == 0x61000000 && g_ld(p + 68, 4, be) == 123456789, "%s: st_atime/nsec at 64/68", bo);
    t_ok(g_ld(p + 72, 4, be) == 0x62000000 && g_ld(p + 84, 4, be) == 5, "%s: st_mtime 72, st_ctime_nsec 84", bo);
    t_ok(g_ld(p + 88, 4, be) == 4096 && g_ld(p + 96, 8, be) == 0x10203, "%s: st_blksize 88, st_blocks 96", bo);
    t_ok(p[4] == 0 && p[44] == 0 && p[92] == 0, "%s: padding zeroed", bo);
    t_ok(p[104] == 0xee, "%s: nothing written past 104 bytes", bo);
}

static void calls(bool be)
{
    const char *bo = be ? "BE" : "LE";
    uint8_t *p = g2h(GMEM);

    /* fstat64 of a file we know */
    char path[] = "/tmp/xbt-test-sys-stat.XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0 && write(fd, "hello", 5) != 5)
        fd = -1;
    int64_t r = call("fstat64", (uint32_t)fd, GMEM, 0, 0, 0, 0);
    t_ok(fd >= 0 && r == 0 && g_ld(p + 56, 8, be) == 5, "%s: fstat64 size 5", bo);
    t_ok(cpu.advanced == 1, "%s: pc advanced once", bo);

    /* _llseek(fd, hi, lo, &result, SEEK_SET) writes a 64-bit result */
    r = call("_llseek", (uint32_t)fd, 0, 3, GMEM + 0x100, SEEK_SET, 0);
    t_ok(r == 0 && g_ld(p + 0x100, 8, be) == 3, "%s: _llseek result in guest order", bo);
    r = call("pread64", (uint32_t)fd, GMEM + 0x200, 4, 0, be ? 0 : 1, be ? 1 : 0);
    t_ok(r == 4 && !memcmp(p + 0x200, "ello", 4), "%s: pread64 with the offset in an aligned pair", bo);
    close(fd);
    unlink(path);

    /* bad pointer: EFAULT in guest numbering */
    r = call("fstat64", 0, 0x00ff0000u, 0, 0, 0, 0);
    t_ok(r == -14, "%s: unmapped buffer gives -EFAULT", bo);

    /* unknown number: ENOSYS (89 on MIPS) */
    cpu.nr = 4999;
    memset(cpu.args, 0, sizeof cpu.args);
    sys_dispatch(&thr);
    t_ok(cpu.result == -89, "%s: unknown syscall -> -ENOSYS (89)", bo);

    /* uname: machine from GuestArch */
    r = call("uname", GMEM, 0, 0, 0, 0, 0);
    t_ok(r == 0 && !strcmp((char *)p + sys_cur.L->utsname.machine.off, "mips") &&
         !strcmp((char *)p, "Linux"), "%s: uname sysname Linux, machine mips", bo);

    /* rt_sigaction: MIPS layout flags, handler, mask[4] */
    memset(p, 0, 64);
    uint32_t sa_restart = (uint32_t)gk(K_SA_RESTART);
    sys_st(p + 0, 4, sa_restart);
    sys_st(p + 4, 4, 0x400500);
    sys_st(p + 8, 4, 0x80000001u);
    sys_st(p + 20, 4, 0x12345678u);
    r = call("rt_sigaction", 16 /* SIGUSR1 on MIPS */, GMEM, GMEM + 32, 16, 0, 0);
    t_ok(r == 0 && rt_proc.sigact[16].handler == 0x400500 && rt_proc.sigact[16].flags == sa_restart &&
         rt_proc.sigact[16].mask[0] == 0x80000001u && rt_proc.sigact[16].mask[3] == 0x12345678u,
         "%s: rt_sigaction recorded", bo);
    r = call("rt_sigaction", 16, 0, GMEM + 32, 16, 0, 0);
    t_ok(r == 0 && g_ld(p + 32, 4, be) == sa_restart && g_ld(p + 36, 4, be) == 0x400500 &&
         g_ld(p + 52, 4, be) == 0x12345678u, "%s: rt_sigaction returns the old action", bo);
    r = call("rt_sigaction", 9 /* SIGKILL */, GMEM, 0, 16, 0, 0);
    t_ok(r == -22, "%s: SIGKILL cannot be caught (EINVAL)", bo);
    r = call("rt_sigaction", 16, 0, GMEM + 32, 8, 0, 0);
    t_ok(r == -22, "%s: wrong sigsetsize is EINVAL", bo);
    memset(&rt_proc.sigact[16], 0, sizeof rt_proc.sigact[16]);
    signal(SIGUSR1, SIG_DFL);

    /* rt_sigprocmask(SIG_BLOCK=1, {SIGUSR2}) then read it back */
    memset(p, 0, 64);
    sys_st(p, 4, 1u << (17 - 1));
    r = call("rt_sigprocmask", (uint32_t)gk(K_SIG_BLOCK), GMEM, 0, 16, 0, 0);
    r |= call("rt_sigprocmask", (uint32_t)gk(K_SIG_SETMASK), 0, GMEM + 16, 16, 0, 0);
    sigset_t hs;
    sigprocmask(SIG_SETMASK, NULL, &hs);
    t_ok(r == 0 && g_ld(p + 16, 4, be) == 1u << 16 && sigismember(&hs, SIGUSR2) == 1,
         "%s: rt_sigprocmask blocks guest SIGUSR2 (host too)", bo);
    memset(p, 0, 16);
    call("rt_sigprocmask", (uint32_t)gk(K_SIG_SETMASK), GMEM, 0, 16, 0, 0);

    /* clock_gettime64: __kernel_timespec, 64-bit seconds */
    r = call("clock_gettime64", 0, GMEM, 0, 0, 0, 0);
    uint64_t sec = g_ld(p, 8, be), nsec = g_ld(p + 8, 8, be);
    t_ok(r == 0 && sec > 1500000000u && sec < 1u << 31 && nsec < 1000000000u,
         "%s: clock_gettime64 sec %llu", bo, (unsigned long long)sec);
    r = call("clock_gettime", 0, GMEM, 0, 0, 0, 0);
    t_ok(r == 0 && g_ld(p, 4, be) >= sec, "%s: clock_gettime (32-bit timespec)", bo);

    /* pipe2: two guest ints */
    r = call("pipe2", GMEM, 0, 0, 0, 0, 0);
    int f0 = (int)g_ld(p, 4, be), f1 = (int)g_ld(p + 4, 4, be);
    t_ok(r == 0 && write(f1, "x", 1) == 1 && f0 > 2, "%s: pipe2 fds %d %d", bo, f0, f1);
    r = call("ioctl", (uint32_t)f0, (uint32_t)gk(K_TCGETS), GMEM, 0, 0, 0);
    t_ok(r == -25, "%s: TCGETS on a pipe is ENOTTY (25)", bo);
    r = call("ioctl", (uint32_t)f0, (uint32_t)gk(K_FIONREAD), GMEM, 0, 0, 0);
    t_ok(r == 0 && g_ld(p, 4, be) == 1, "%s: FIONREAD 1", bo);
    close(f0);
    close(f1);

    /* socket(AF_INET, SOCK_DGRAM (1 on MIPS), 0), bind to 127.0.0.1:0,
     * getsockname: sa_family comes back in guest byte order */
    int s = (int)call("socket", 2, (uint32_t)gk(K_SOCK_DGRAM), 0, 0, 0, 0);
    memset(p, 0, 64);
    sys_st(p, 2, 2);                                  /* AF_INET, guest order */
    p[4] = 127; p[7] = 1;
    r = call("bind", (uint32_t)s, GMEM, 16, 0, 0, 0);
    memset(p + 32, 0xee, 16);
    sys_st(p + 60, 4, 16);
    int64_t r2 = call("getsockname", (uint32_t)s, GMEM + 32, GMEM + 60, 0, 0, 0);
    t_ok(s > 2 && r == 0 && r2 == 0 && g_ld(p + 32, 2, be) == 2 && p[36] == 127 && p[39] == 1 &&
         g_ld(p + 60, 4, be) == 16, "%s: socket/bind/getsockname, sa_family in guest order", bo);
    sys_st(p + 60, 4, 4);
    r = call("getsockopt", (uint32_t)s, (uint32_t)gk(K_SOL_SOCKET), (uint32_t)gk(K_SO_TYPE), GMEM + 56, GMEM + 60, 0);
    t_ok(r == 0 && g_ld(p + 56, 4, be) == (uint64_t)gk(K_SOCK_DGRAM), "%s: SO_TYPE answers the guest's SOCK_DGRAM", bo);
    close(s);
}

static const GuestArch fake_arm = {
    .name = "arm", .uname_machine = "armv7l", .elf_machine = 40 /* EM_ARM */,
    .big_endian = false, .cpu_size = sizeof(FakeCpu), .sys = &fake_sys,
};

static void arm_calls(void)
{
    uint8_t *p = g2h(GMEM);
    t_ok(sys_setup(&sys_abi_arm_eabi, &fake_arm), "arm_eabi");
    int64_t r = call("cacheflush", GMEM, GMEM + 64, 0, 0, 0, 0);
    t_ok(cpu.nr == 0x0f0002 && r == 0, "ARM cacheflush (a number far above the table) = 0");
    r = call("getuid", 0, 0, 0, 0, 0, 0);
    t_ok(r >= 0 && r <= 0xffff && r == (getuid() > 0xffff ? 65534 : (int64_t)getuid()), "ARM 16-bit getuid");
    r = call("getuid32", 0, 0, 0, 0, 0, 0);
    t_ok(r == getuid(), "ARM getuid32");
    /* rt_sigaction: handler, flags, restorer, mask[2] */
    memset(p, 0, 64);
    sys_st(p + 0, 4, 1);                             /* SIG_IGN */
    sys_st(p + 4, 4, (uint32_t)gk(K_SA_RESTORER));
    sys_st(p + 8, 4, 0x8000);
    sys_st(p + 16, 4, 0xabcd);
    r = call("rt_sigaction", 10 /* SIGUSR1 on ARM */, GMEM, 0, 8, 0, 0);
    t_ok(r == 0 && rt_proc.sigact[10].handler == 1 && rt_proc.sigact[10].restorer == 0x8000 &&
         rt_proc.sigact[10].mask[1] == 0xabcd, "ARM rt_sigaction layout");
    r = call("rt_sigaction", 10, 0, GMEM, 16, 0, 0);
    t_ok(r == -22, "ARM sigsetsize 16 is EINVAL (8 expected)");
    memset(&rt_proc.sigact[10], 0, sizeof rt_proc.sigact[10]);
    signal(SIGUSR1, SIG_DFL);
    r = call("uname", GMEM, 0, 0, 0, 0, 0);
    t_ok(r == 0 && !strcmp((char *)p + sys_cur.L->utsname.machine.off, "armv7l"), "ARM uname machine");
}

int main(void)
{
    t_ok(t_guest_mem(GMEM, 0x4000), "guest memory");
    t_ok(sys_setup(&sys_abi_mips_o32, &fake_mips), "mips (big endian)");
    stat_layout(true);
    calls(true);
    t_ok(sys_setup(&sys_abi_mips_o32, &fake_mipsel), "mipsel (little endian)");
    stat_layout(false);
    calls(false);
    arm_calls();
    return t_done();
}
