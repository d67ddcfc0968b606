/*
 * abi_mips_o32.c - the MIPS o32 syscall ABI (big- and little-endian): the
 * generated facts of tables/mips_o32.h turned into SysAbi data, and the few
 * calls whose o32 meaning differs from the generic handler of that name.
 *
 * o32 specifics (arch/mips/kernel/scall32-o32.S, syscalls.c):
 *   - numbers start at 4000; arguments 5..8 are on the guest stack (the
 *     frontend's GuestSyscallABI.args reads them);
 *   - pipe() returns the read end in $v0 and the write end in $v1;
 *   - syscall(4000) is an indirect call: number in $a0, arguments shifted;
 *   - cacheflush(addr, nbytes, cache) and sysmips(cmd, ...) are MIPS-only;
 *   - 64-bit arguments use aligned register pairs; mmap2 counts 4096-byte units.
 * The byte order is not part of this data: it comes from GuestArch.
 */
#include <elf.h>
#include <sys/mman.h>
#include <unistd.h>
#include "sys_abi.h"
#include "../frontend/mips/cpu.h"

static const SysNr mips_o32_nrs[] = {
#define SYSNR(nr, name) { nr, #name },
#include "tables/mips_o32.h"
};

static const int64_t mips_o32_k[K__COUNT] = {
#define GK(name, value) [K_##name] = (int64_t)(value),
#include "tables/mips_o32.h"
};

static const uint8_t mips_o32_k_has[K__COUNT] = {
#define GK(name, value) [K_##name] = 1,
#include "tables/mips_o32.h"
};

static const SysLayouts mips_o32_layouts = {
#define GSIZE(id, n) .id.bytes = n,
#define GFIELD(id, field, off, size) .id.field = { off, size },
#include "tables/mips_o32.h"
};

/* ---- o32-only calls ---------------------------------------------------- */

/* pipe(): fds come back in $v0 and $v1, not through memory.
 * NYI: contract: a GuestSyscallABI hook for a second result register would
 * keep MIPSCPU out of syscall/; until then this file writes $v1 itself. */
static int64_t mips_pipe(SysCtx *c)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -errno;
    ((MIPSCPU *)c->t->cpu)->gpr[3] = (uint32_t)fds[1];
    return fds[0];
}

/* syscall(nr, a0..a6): the kernel shifts the arguments down by one. */
static int64_t mips_syscall(SysCtx *c)
{
    uint32_t nr = c->raw[0];
    if (nr == c->nr)
        return -EINVAL;               /* the kernel refuses syscall(syscall) too */
    uint32_t raw[8] = { 0 };
    for (int i = 0; i < 7; i++)
        raw[i] = c->raw[i + 1];
    return sys_call_nr(c, nr, raw);
}

/* cacheflush(addr, nbytes, cache): all caches are coherent for xbt except
 * its own translations. */
static int64_t mips_cacheflush(SysCtx *c)
{
    uint32_t addr = (uint32_t)c->a[0], len = (uint32_t)c->a[1];
    int64_t which = c->a[2];
    if (!gk_is(K_ICACHE, which) && !gk_is(K_DCACHE, which) && !gk_is(K_BCACHE, which))
        return -EINVAL;
    if (!gm_access_ok(addr, len, 0))
        return -EFAULT;
    if (!gk_is(K_DCACHE, which))
        rt_code_invalidate(addr, len);
    return 0;
}

static int64_t mips_sysmips(SysCtx *c)
{
    int64_t cmd = c->a[0];
    if (gk_is(K_FLUSH_CACHE, cmd)) {
        rt_code_invalidate(0, 0xffffffffu);
        return 0;
    }
    if (gk_is(K_MIPS_FIXADE, cmd))
        return 0;                     /* unaligned accesses: xbt never traps them */
    if (gk_is(K_MIPS_ATOMIC_SET, cmd)) {
        int err;
        uint32_t *p = sys_gbuf((uint32_t)c->a[1], 4, PROT_READ | PROT_WRITE, &err);
        if (!p)
            return err;
        uint32_t nv = (uint32_t)c->a[2];
        if (sys_cur.be)
            nv = __builtin_bswap32(nv);
        uint32_t old = __atomic_exchange_n(p, nv, __ATOMIC_SEQ_CST);
        return sys_cur.be ? __builtin_bswap32(old) : old;
    }
    if (gk_is(K_SETNAME, cmd)) {
        char name[65];
        int r = sys_strin((uint32_t)c->a[1], name, sizeof name);
        if (r < 0)
            return r == -ENAMETOOLONG ? -EINVAL : r;
        return sys_ret(sethostname(name, strlen(name)));
    }
    if (gk_is(K_MIPS_RDNVRAM, cmd))
        return -EIO;                  /* what the kernel answers */
    return -EINVAL;
}

/* prctl(PR_GET/SET_FP_MODE): xbt runs o32 with Status.FR = 0 only
 * (frontend/mips/cpu.h), so the mode is 0 and nothing else can be set -
 * the kernel's answer on a CPU without FR=1 support. */
static int64_t mips_prctl(SysCtx *c)
{
    if (gk_is(K_PR_GET_FP_MODE, c->a[0]))
        return 0;
    if (gk_is(K_PR_SET_FP_MODE, c->a[0]))
        return c->a[1] == 0 ? 0 : -EOPNOTSUPP;
    return sys_prctl(c);
}

static const SysOverride mips_o32_overrides[] = {
    { "pipe", { "pipe", mips_pipe, 0, 0, { A_END } } },
    { "syscall", { "syscall", mips_syscall, 0, 0, { A_UINT, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX } } },
    { "cacheflush", { "cacheflush", mips_cacheflush, 0, 0, { A_PTR, A_SIZE, A_INT } } },
    { "sysmips", { "sysmips", mips_sysmips, 0, 0, { A_INT, A_HEX, A_HEX } } },
    { "prctl", { "prctl", mips_prctl, 0, 0, { A_PRCTL, A_HEX, A_HEX, A_HEX, A_HEX } } },
};

const SysAbi sys_abi_mips_o32 = {
    .name = "mips_o32",
    .elf_machine = EM_MIPS,
    .nrs = mips_o32_nrs,
    .n_nrs = sizeof mips_o32_nrs / sizeof mips_o32_nrs[0],
    .k = mips_o32_k,
    .k_has = mips_o32_k_has,
    .L = &mips_o32_layouts,
    .overrides = mips_o32_overrides,
    .n_overrides = sizeof mips_o32_overrides / sizeof mips_o32_overrides[0],
    .pair_align = true,
    .mmap2_shift = 12,
};
