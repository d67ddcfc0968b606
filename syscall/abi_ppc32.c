/*
 * abi_ppc32.c - the 32-bit PowerPC syscall ABI (big endian): the facts of
 * tables/ppc32.h and the calls whose ppc32 meaning differs from the generic
 * handler of the same name (arch/powerpc/kernel/syscalls/syscall.tbl,
 * sys_ppc32.c):
 *   - fadvise64(fd, offset64, len32, advice) and
 *     fadvise64_64(fd, advice, offset64, len64).
 * 64-bit arguments use aligned register pairs (r3..r10), high word first;
 * mmap2 counts 4096-byte units.  Errors come back through CR0.SO: the
 * frontend's GuestSyscallABI.set_result.
 *
 * NYI: swapcontext, sys_debug_setcontext, subpage_prot, switch_endian, rtas,
 * spu_*, sync_file_range2, the old select and stat calls.
 */
#include <elf.h>
#include "sys_abi.h"

#define SYS_ABI_TABLE "tables/ppc32.h"
#include "abi_tables.h"

/* fadvise64(fd, offset64, len32, advice): the generic order, a 32-bit len */
static int64_t ppc_fadvise64(SysCtx *c)
{
    return sys_fadvise64(c);
}

/* fadvise64_64(fd, advice, offset64, len64) */
static int64_t ppc_fadvise64_64(SysCtx *c)
{
    int64_t advice = c->a[1];
    c->a[1] = c->a[2];
    c->a[2] = c->a[3];
    c->a[3] = advice;
    return sys_fadvise64(c);
}

static const SysOverride ppc_overrides[] = {
    { "fadvise64", { "fadvise64", ppc_fadvise64, 0, 0, { A_FD, A_OFF64, A_SIZE, A_INT } } },
    { "fadvise64_64", { "fadvise64_64", ppc_fadvise64_64, 0, 0, { A_FD, A_INT, A_OFF64, A_OFF64 } } },
};

const SysAbi sys_abi_ppc32 = {
    .name = "ppc32",
    .elf_machine = EM_PPC,
    ABI_TABLES_INIT,
    .overrides = ppc_overrides,
    .n_overrides = sizeof ppc_overrides / sizeof ppc_overrides[0],
    .pair_align = true,
    .mmap2_shift = 12,
};
