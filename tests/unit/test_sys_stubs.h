/*
 * test_sys_stubs.h - shared by the tests/unit/test_sys_*.c programs: a
 * tiny "ok N - name" reporter, a fake guest architecture whose syscall ABI
 * is a plain register array, and weak stand-ins for the runtime services
 * the syscall layer calls.
 *
 * The stand-ins are weak: when libxbt.a brings the real runtime (it does
 * once runtime/ is complete) the real functions win and the tests run on
 * them; without it the tests still link.  They implement just the contract
 * of runtime/guestmem.h the tests use: a small guest window at guest
 * address 0 where every mapped page is read/write.
 */
#ifndef TEST_SYS_STUBS_H
#define TEST_SYS_STUBS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ir/backend.h"
#include "syscall/sys_abi.h"

/* ---- reporting ------------------------------------------------------------ */

static int t_n, t_failed;

static void t_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void t_ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%sok %d - ", cond ? "" : "not ", ++t_n);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    if (!cond)
        t_failed++;
}

static inline int t_done(void)
{
    printf("1..%d\n", t_n);
    return t_failed ? 1 : 0;
}

/* ---- weak runtime ----------------------------------------------------------- */

#define STUB_WINDOW (1u << 24)
#define STUB __attribute__((weak))

STUB uint8_t *guest_base;
STUB GuestProcess rt_proc;
static uint8_t stub_pages[STUB_WINDOW / GUEST_PAGE_SIZE];

STUB bool gm_init(void)
{
    void *p = mmap(NULL, STUB_WINDOW, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return false;
    guest_base = p;
    return true;
}

STUB int gm_mmap(GuestAddr *addr, uint32_t len, int prot, int flags, int fd, off_t off)
{
    static GuestAddr next = STUB_WINDOW;
    if (!(flags & MAP_FIXED)) {
        next -= (len + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK;
        *addr = next;
    }
    if (*addr + (uint64_t)len > STUB_WINDOW)
        return -EINVAL;
    for (uint32_t a = *addr; a < *addr + len; a += GUEST_PAGE_SIZE)
        stub_pages[a / GUEST_PAGE_SIZE] = (uint8_t)(GM_MAPPED | (prot & 7));
    return 0;
}

STUB bool gm_access_ok(GuestAddr addr, uint32_t len, int prot)
{
    if (!len)
        return true;
    if ((uint64_t)addr + len > STUB_WINDOW)
        return false;
    for (uint64_t a = addr & ~(uint64_t)GUEST_PAGE_MASK; a < (uint64_t)addr + len; a += GUEST_PAGE_SIZE) {
        uint8_t f = stub_pages[a / GUEST_PAGE_SIZE];
        if (!(f & GM_MAPPED) || (f & prot) != prot)
            return false;
    }
    return true;
}

STUB uint8_t gm_page_flags(GuestAddr addr)
{
    return addr < STUB_WINDOW ? stub_pages[addr / GUEST_PAGE_SIZE] : 0;
}

STUB int gm_munmap(GuestAddr addr, uint32_t len) { return -ENOSYS; }
STUB int gm_mprotect(GuestAddr addr, uint32_t len, int prot)
{
    for (uint32_t a = addr; a < addr + len; a += GUEST_PAGE_SIZE)
        stub_pages[a / GUEST_PAGE_SIZE] = (uint8_t)(GM_MAPPED | (prot & 7));
    return 0;
}
STUB int gm_mremap(GuestAddr old, uint32_t old_len, uint32_t new_len, int flags, GuestAddr *na)
{
    return -ENOSYS;
}
STUB GuestAddr gm_brk(GuestAddr want) { return 0; }
STUB void rt_exit_group(int status) { exit(status); }
STUB void rt_raise_guest_signal(GuestThread *t, int host_signo, int si_code, uint32_t addr) {}
STUB void rt_code_invalidate(uint32_t addr, uint32_t len) {}

/* ---- a fake guest: registers in an array --------------------------------------- */

typedef struct FakeCpu {
    IRCpuHeader h;
    uint32_t nr, args[8];
    int64_t result;
    uint32_t advanced;
} FakeCpu;

static uint32_t fake_nr(const void *cpu) { return ((const FakeCpu *)cpu)->nr; }
static void fake_args(const void *cpu, const uint8_t *gb, uint32_t a[8])
{
    memcpy(a, ((const FakeCpu *)cpu)->args, 8 * sizeof a[0]);
}
static void fake_set_result(void *cpu, int64_t r) { ((FakeCpu *)cpu)->result = r; }
static void fake_advance(void *cpu) { ((FakeCpu *)cpu)->advanced++; }

static const GuestSyscallABI fake_sys = { fake_nr, fake_args, fake_set_result, fake_advance };

static const GuestArch fake_mips = {
    .name = "mips", .uname_machine = "mips", .elf_machine = 8 /* EM_MIPS */,
    .big_endian = true, .cpu_size = sizeof(FakeCpu), .sys = &fake_sys,
};
static const GuestArch fake_mipsel = {
    .name = "mipsel", .uname_machine = "mips", .elf_machine = 8 /* EM_MIPS */,
    .big_endian = false, .cpu_size = sizeof(FakeCpu), .sys = &fake_sys,
};

/* Guest memory for a test: [base, base+len) mapped read/write. */
static inline bool t_guest_mem(GuestAddr base, uint32_t len)
{
    if (!guest_base && !gm_init())
        return false;
    GuestAddr a = base;
    return gm_mmap(&a, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == 0;
}

#endif
