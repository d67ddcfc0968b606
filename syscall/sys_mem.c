/*
 * sys_mem.c - the guest address space calls: brk, mmap/mmap2, munmap,
 * mprotect, mremap, madvise, msync, mlock, mincore.
 *
 * The guest window and its page table belong to runtime/guestmem.c; these
 * handlers translate flags and arguments and call gm_*.  Code the guest
 * replaces or stops executing (munmap, MAP_FIXED over it, mprotect of it,
 * mremap, shmat with SHM_REMAP) is reported to the runtime with
 * rt_code_invalidate.  MREMAP_FIXED and MREMAP_DONTUNMAP are built from
 * gm_mmap + the host mremap + gm_munmap (see mremap_fixed).
 *
 * brk follows the kernel: it never fails with an errno, it returns the
 * new break or, when it cannot move, the old one.
 */
#include <sys/mman.h>
#include "sys_abi.h"

/* May [a, a+len) hold translated code?  Every page a frontend has read
 * code from is marked GM_CODE (runtime/cache.c, rt_fe_executable), so a
 * thread stack or data mapping going away flushes nothing. */
static bool range_has_code(GuestAddr a, uint32_t len)
{
    uint64_t end = (uint64_t)a + len;
    for (uint64_t p = a & ~(uint64_t)GUEST_PAGE_MASK; p < end && p < GUEST_WINDOW;
         p += GUEST_PAGE_SIZE) {
        uint8_t f = gm_page_flags((GuestAddr)p);
        if (f & GM_CODE)
            return true;
    }
    return false;
}

static int prot_g2h(int64_t g)
{
    uint64_t unknown = 0;
    int h = (int)sys_flags_g2h(KC_PROT, (uint32_t)g, &unknown);
    return unknown ? -1 : h;
}

static GuestAddr brk_first;

GuestAddr sys_brk_start(void)
{
    return __atomic_load_n(&brk_first, __ATOMIC_RELAXED);
}

int64_t sys_brk(SysCtx *c)
{
    if (!sys_brk_start())
        __atomic_store_n(&brk_first, gm_brk(0), __ATOMIC_RELAXED);   /* 0 is below the start */
    return gm_brk((GuestAddr)c->a[0]);
}

int64_t sys_mmap(SysCtx *c)
{
    GuestAddr addr = (GuestAddr)c->a[0];
    uint32_t len = (uint32_t)c->a[1];
    uint64_t off = (uint32_t)c->a[5];
    if (c->sc->variant == V_PAGES)
        off <<= sys_cur.abi->mmap2_shift;
    else if (off & GUEST_PAGE_MASK)
        return -EINVAL;
    int prot = prot_g2h(c->a[2]);
    if (prot < 0)
        return -EINVAL;
    uint64_t unknown = 0;
    int flags = (int)sys_flags_g2h(KC_MAP, (uint32_t)c->a[3], &unknown);
    if (unknown) {
        if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE)
            return -EOPNOTSUPP;
        sys_warn_once("mmapflags", (uint32_t)unknown, "mmap flags %#llx unknown, ignored",
                      (unsigned long long)unknown);
    }
    if (!len)
        return -EINVAL;
    int fd = (flags & MAP_ANONYMOUS) ? -1 : (int)c->a[4];
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    bool code = fixed && range_has_code(addr, len);
    int r = gm_mmap(&addr, len, prot, flags, fd, (off_t)off);
    if (r < 0)
        return r;
    if (code)
        rt_code_invalidate(addr, len);
    return addr;
}

int64_t sys_munmap(SysCtx *c)
{
    GuestAddr a = (GuestAddr)c->a[0];
    uint32_t len = (uint32_t)c->a[1];
    bool code = !(a & GUEST_PAGE_MASK) && range_has_code(a, len);
    int r = gm_munmap(a, len);
    if (r == 0 && code)
        rt_code_invalidate(a, len);
    return r;
}

int64_t sys_mprotect(SysCtx *c)
{
    GuestAddr addr = (GuestAddr)c->a[0];
    uint32_t len = (uint32_t)c->a[1];
    int prot = prot_g2h(c->a[2]);
    if (prot < 0)
        return -EINVAL;
    /* NYI: PROT_GROWSDOWN/GROWSUP (guest stacks are not host grows-down
     * mappings): the change applies to the given range only. */
    prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
    bool code = range_has_code(addr, len);
    int r = gm_mprotect(addr, len, prot);
    if (r == 0 && code)
        rt_code_invalidate(addr, len);
    return r;
}

/* MREMAP_FIXED (and MREMAP_DONTUNMAP): the target range is first claimed
 * through gm_mmap with the source's protection, so the page table is
 * right, then the host kernel moves the pages over it; the source, now a
 * hole in the window (unless DONTUNMAP kept it), is given back with
 * gm_munmap.  Kernel rules (mm/mremap.c): page-aligned, non-overlapping,
 * MAYMOVE required; DONTUNMAP needs equal lengths and a private anonymous
 * source (the host kernel checks that part). */
static int64_t mremap_fixed(GuestAddr old, uint32_t old_len, uint32_t new_len, int flags,
                            GuestAddr dst)
{
    uint64_t on = ((uint64_t)old_len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    uint64_t nn = ((uint64_t)new_len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    bool dontunmap = flags & MREMAP_DONTUNMAP;
    if (!(flags & MREMAP_MAYMOVE) || (old & GUEST_PAGE_MASK) || !nn)
        return -EINVAL;
    if (!(flags & MREMAP_FIXED))
        dst = gm_find_free((uint32_t)nn, 0);       /* DONTUNMAP alone: anywhere */
    if (!dst && !(flags & MREMAP_FIXED))
        return -ENOMEM;
    if ((dst & GUEST_PAGE_MASK) || (uint64_t)dst + nn > GUEST_WINDOW)
        return -EINVAL;
    if (dontunmap && on != nn)
        return -EINVAL;
    if ((uint64_t)dst < (uint64_t)old + on && (uint64_t)old < (uint64_t)dst + nn)
        return -EINVAL;
    if (!on || !gm_access_ok(old, (uint32_t)on, 0))
        return -EFAULT;
    int prot = gm_page_flags(old) & 7;
    bool code = range_has_code(old, (uint32_t)on) || range_has_code(dst, (uint32_t)nn);
    GuestAddr a = dst;
    int r = gm_mmap(&a, (uint32_t)nn, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (r < 0)
        return r;
    int hflags = MREMAP_MAYMOVE | MREMAP_FIXED | (dontunmap ? MREMAP_DONTUNMAP : 0);
    if (mremap(g2h(old), on, nn, hflags, g2h(dst)) == MAP_FAILED) {
        r = -errno;
        gm_munmap(dst, (uint32_t)nn);
        return r;
    }
    if (!dontunmap)
        gm_munmap(old, (uint32_t)on);
    if (code) {
        rt_code_invalidate(old, (uint32_t)on);
        rt_code_invalidate(dst, (uint32_t)nn);
    }
    return dst;
}

int64_t sys_mremap(SysCtx *c)
{
    GuestAddr old = (GuestAddr)c->a[0];
    uint32_t old_len = (uint32_t)c->a[1], new_len = (uint32_t)c->a[2];
    uint64_t unknown = 0;
    int flags = (int)sys_flags_g2h(KC_MREMAP, (uint32_t)c->a[3], &unknown);
    if (unknown)
        return -EINVAL;
    if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
        return mremap_fixed(old, old_len, new_len, flags, (GuestAddr)c->a[4]);
    bool code = range_has_code(old, old_len);
    GuestAddr na = 0;
    int r = gm_mremap(old, old_len, new_len, flags, &na);
    if (r < 0)
        return r;
    if (code)
        rt_code_invalidate(old, old_len);
    return na;
}

int64_t sys_madvise(SysCtx *c)
{
    GuestAddr addr = (GuestAddr)c->a[0];
    uint32_t len = (uint32_t)c->a[1];
    int k = sys_kval_g(KC_MADV, c->a[2]);
    if (k < 0)
        return -EINVAL;
    if (addr & GUEST_PAGE_MASK)
        return -EINVAL;
    if (!len)
        return 0;
    if (!gm_access_ok(addr, len, 0))
        return -ENOMEM;
    return sys_ret(madvise(g2h(addr), len, (int)sys_k[k].host));
}

int64_t sys_msync(SysCtx *c)
{
    GuestAddr addr = (GuestAddr)c->a[0];
    uint32_t len = (uint32_t)c->a[1];
    uint64_t unknown = 0;
    int flags = (int)sys_flags_g2h(KC_MS, (uint32_t)c->a[2], &unknown);
    if (unknown || (addr & GUEST_PAGE_MASK))
        return -EINVAL;
    if (!gm_access_ok(addr, len, 0))
        return -ENOMEM;
    return sys_ret(msync(g2h(addr), len, flags));
}

int64_t sys_mlock(SysCtx *c)
{
    if (!gm_access_ok((GuestAddr)c->a[0], (uint32_t)c->a[1], 0))
        return -ENOMEM;
    return sys_ret(mlock(g2h((GuestAddr)c->a[0]), (uint32_t)c->a[1]));
}

int64_t sys_munlock(SysCtx *c)
{
    if (!gm_access_ok((GuestAddr)c->a[0], (uint32_t)c->a[1], 0))
        return -ENOMEM;
    return sys_ret(munlock(g2h((GuestAddr)c->a[0]), (uint32_t)c->a[1]));
}

/* MCL_* are the same everywhere; NYI: this locks xbt's own memory too. */
int64_t sys_mlockall(SysCtx *c) { return sys_ret(mlockall((int)c->a[0])); }
int64_t sys_munlockall(SysCtx *c) { return sys_ret(munlockall()); }

int64_t sys_mincore(SysCtx *c)
{
    GuestAddr addr = (GuestAddr)c->a[0];
    uint32_t len = (uint32_t)c->a[1];
    if (addr & GUEST_PAGE_MASK)
        return -EINVAL;
    if (!gm_access_ok(addr, len, 0))
        return -ENOMEM;
    uint32_t pages = (uint32_t)(((uint64_t)len + GUEST_PAGE_MASK) / GUEST_PAGE_SIZE);
    int err;
    unsigned char *vec = sys_gbuf((GuestAddr)c->a[2], pages, PROT_WRITE, &err);
    if (!vec)
        return err;
    return sys_ret(mincore(g2h(addr), len, vec));
}
