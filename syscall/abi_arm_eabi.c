/*
 * abi_arm_eabi.c - the ARM EABI syscall ABI (little endian): the facts of
 * tables/arm_eabi.h and the calls whose EABI meaning differs from the
 * generic handler of the same name (arch/arm/kernel/calls.S, sys_arm.c,
 * traps.c):
 *   - the legacy 16-bit uid/gid calls (getuid, chown, ...; glibc uses the
 *     *32 ones, which are the generic handlers);
 *   - arm_fadvise64_64(fd, advice, offset, len), ordered to avoid padding;
 *   - the private calls at 0x0f0000: cacheflush(start, end, flags) takes an
 *     end address, set_tls sets TPIDRURO, breakpoint raises SIGTRAP.
 * Numbers come in r7, 64-bit arguments in even/odd register pairs: the
 * frontend's GuestSyscallABI and SysAbi.pair_align.
 *
 * NYI: get_tls (needs a GuestArch hook to read the thread pointer),
 * usr26/usr32, arm_sync_file_range, the 16-bit getresuid/getresgid/
 * getgroups/setgroups.
 */
#include <elf.h>
#include <signal.h>
#include "sys_abi.h"

#define SYS_ABI_TABLE "tables/arm_eabi.h"
#include "abi_tables.h"

/* ---- 16-bit ids: high2lowuid / low2highuid (include/linux/highuid.h) ---- */

static int64_t id16_out(int64_t v) { return v >= 0 && v > 0xffff ? 65534 : v; }

static void id16_in(SysCtx *c, int from, int to)
{
    for (int i = from; i <= to; i++)
        if ((c->a[i] & 0xffff) == 0xffff)
            c->a[i] = -1;
        else
            c->a[i] &= 0xffff;
}

static int64_t arm_getuid16(SysCtx *c) { return id16_out(sys_getuid(c)); }
static int64_t arm_geteuid16(SysCtx *c) { return id16_out(sys_geteuid(c)); }
static int64_t arm_getgid16(SysCtx *c) { return id16_out(sys_getgid(c)); }
static int64_t arm_getegid16(SysCtx *c) { return id16_out(sys_getegid(c)); }

static int64_t arm_setid16(SysCtx *c)
{
    int n = 0;
    while (n < SYS_MAXARGS && c->sc->kinds[n] != A_END)
        n++;
    id16_in(c, 0, n - 1);
    SysFn *fn = c->sc->variant == 1 ? sys_setuid : c->sc->variant == 2 ? sys_setgid :
                c->sc->variant == 3 ? sys_setreuid : c->sc->variant == 4 ? sys_setregid :
                c->sc->variant == 5 ? sys_setresuid : c->sc->variant == 6 ? sys_setresgid :
                c->sc->variant == 7 ? sys_setfsuid : sys_setfsgid;
    int64_t r = fn(c);
    return c->sc->variant >= 7 ? id16_out(r) : r;
}

static int64_t arm_chown16(SysCtx *c)
{
    id16_in(c, 1, 2);
    return c->sc->variant == V_FD ? sys_fchown(c) : sys_chown(c);
}

static int64_t arm_nyi(SysCtx *c)
{
    sys_warn_once("syscall", c->nr, "NYI: syscall %s (%u)", c->name, c->nr);
    return -ENOSYS;
}

/* ---- others ---------------------------------------------------------------- */

static int64_t arm_fadvise64_64(SysCtx *c)
{
    int64_t advice = c->a[1];
    c->a[1] = c->a[2];
    c->a[2] = c->a[3];
    c->a[3] = advice;
    return sys_fadvise64(c);
}

static int64_t arm_cacheflush(SysCtx *c)
{
    uint32_t start = (uint32_t)c->a[0], end = (uint32_t)c->a[1];
    if (end < start)
        return -EINVAL;
    rt_code_invalidate(start, end - start);
    return 0;
}

static int64_t arm_set_tls(SysCtx *c)
{
    if (!sys_cur.arch->set_tls)
        return -ENOSYS;
    sys_cur.arch->set_tls(c->t->cpu, (uint32_t)c->a[0]);
    return 0;
}

static int64_t arm_breakpoint(SysCtx *c)
{
    c->raise_host_sig = SIGTRAP;
    c->raise_si_code = TRAP_BRKPT;
    return 0;
}

#define ID16(name, v, ...) { name, { name, arm_setid16, v, 0, { __VA_ARGS__ } } }
static const SysOverride arm_overrides[] = {
    { "getuid", { "getuid", arm_getuid16, 0, 0, { A_END } } },
    { "geteuid", { "geteuid", arm_geteuid16, 0, 0, { A_END } } },
    { "getgid", { "getgid", arm_getgid16, 0, 0, { A_END } } },
    { "getegid", { "getegid", arm_getegid16, 0, 0, { A_END } } },
    ID16("setuid", 1, A_HEX),
    ID16("setgid", 2, A_HEX),
    ID16("setreuid", 3, A_HEX, A_HEX),
    ID16("setregid", 4, A_HEX, A_HEX),
    ID16("setresuid", 5, A_HEX, A_HEX, A_HEX),
    ID16("setresgid", 6, A_HEX, A_HEX, A_HEX),
    ID16("setfsuid", 7, A_HEX),
    ID16("setfsgid", 8, A_HEX),
    { "chown", { "chown", arm_chown16, V_PATH, 0, { A_STR, A_HEX, A_HEX } } },
    { "lchown", { "lchown", arm_chown16, V_LPATH, 0, { A_STR, A_HEX, A_HEX } } },
    { "fchown", { "fchown", arm_chown16, V_FD, 0, { A_FD, A_HEX, A_HEX } } },
    { "getresuid", { "getresuid", arm_nyi, 0, 0, { A_PTR, A_PTR, A_PTR } } },
    { "getresgid", { "getresgid", arm_nyi, 0, 0, { A_PTR, A_PTR, A_PTR } } },
    { "getgroups", { "getgroups", arm_nyi, 0, 0, { A_INT, A_PTR } } },
    { "setgroups", { "setgroups", arm_nyi, 0, 0, { A_INT, A_PTR } } },
    { "arm_fadvise64_64", { "arm_fadvise64_64", arm_fadvise64_64, 0, 0, { A_FD, A_INT, A_OFF64, A_OFF64 } } },
    { "cacheflush", { "cacheflush", arm_cacheflush, 0, 0, { A_PTR, A_PTR, A_HEX } } },
    { "set_tls", { "set_tls", arm_set_tls, 0, 0, { A_PTR } } },
    { "breakpoint", { "breakpoint", arm_breakpoint, 0, 0, { A_END } } },
};

const SysAbi sys_abi_arm_eabi = {
    .name = "arm_eabi",
    .elf_machine = EM_ARM,
    ABI_TABLES_INIT,
    .overrides = arm_overrides,
    .n_overrides = sizeof arm_overrides / sizeof arm_overrides[0],
    .pair_align = true,
    .mmap2_shift = 12,
};
