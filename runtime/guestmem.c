/*
 * guestmem.c - the guest address space (see guestmem.h).
 *
 * The window is never unmapped piecemeal: a guest munmap replaces the range
 * with a fresh PROT_NONE reservation so that no host allocation can land
 * inside the window.  The page table (one byte per guest page) is the truth
 * about what the guest has mapped; host mmap/mprotect calls mirror it.
 *
 * Layout (all below 2 GiB, where MIPS and ARM user space live):
 *   program and brk heap growing up from the ELF image,
 *   mmap area allocated top-down from GM_MMAP_TOP,
 *   the stack below GM_STACK_TOP (laid out by the loader).
 * Guest page size and host page size are both 4 KiB (x86_64 and 4K-page
 * aarch64 hosts); NYI: 16K/64K host pages.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "guestmem.h"
#include "log.h"
#include "thread.h"

#define GM_GUARD      (1u << 20)          /* beyond the window */
#define GM_NPAGES     (1u << 20)          /* 4 GiB / 4 KiB */
#define GM_MMAP_TOP   0x77000000u
#define GM_MMAP_FLOOR 0x00010000u
#define GM_HUGE_MIN   (2u << 20)

uint8_t *guest_base;
static uint8_t gm_pages[GM_NPAGES];
static pthread_mutex_t gm_lock = PTHREAD_MUTEX_INITIALIZER;
static GuestAddr brk_start, brk_cur, brk_mapped;

bool gm_init(void)
{
    void *p = mmap(NULL, GUEST_WINDOW + GM_GUARD, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return false;
    guest_base = p;
    return true;
}

static inline uint32_t page_of(GuestAddr a) { return a / GUEST_PAGE_SIZE; }

static void pages_set(GuestAddr addr, uint64_t len, uint8_t v, uint8_t keep)
{
    for (uint64_t a = addr; a < (uint64_t)addr + len; a += GUEST_PAGE_SIZE)
        gm_pages[page_of((GuestAddr)a)] = (uint8_t)((gm_pages[page_of((GuestAddr)a)] & keep) | v);
}

static bool range_free(GuestAddr addr, uint64_t len)
{
    for (uint64_t a = addr; a < (uint64_t)addr + len; a += GUEST_PAGE_SIZE)
        if (gm_pages[page_of((GuestAddr)a)] & GM_MAPPED)
            return false;
    return true;
}

static bool range_ok(GuestAddr addr, uint64_t len)
{
    return (addr & GUEST_PAGE_MASK) == 0 && len > 0 && (uint64_t)addr + len <= GUEST_WINDOW;
}

uint8_t gm_page_flags(GuestAddr addr)
{
    return gm_pages[page_of(addr)];
}

void gm_mark_code(GuestAddr addr, uint32_t len)
{
    uint64_t end = (uint64_t)addr + len;
    for (uint64_t a = addr & ~(uint64_t)GUEST_PAGE_MASK; a < end && a < GUEST_WINDOW;
         a += GUEST_PAGE_SIZE)
        if (!(gm_pages[page_of((GuestAddr)a)] & GM_CODE))
            __atomic_or_fetch(&gm_pages[page_of((GuestAddr)a)], GM_CODE, __ATOMIC_RELAXED);
}

bool gm_access_ok(GuestAddr addr, uint32_t len, int prot)
{
    if (len == 0)
        return true;
    uint64_t end = (uint64_t)addr + len;
    if (end > GUEST_WINDOW)
        return false;
    for (uint64_t a = addr & ~(uint64_t)GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        uint8_t f = gm_pages[page_of((GuestAddr)a)];
        if (!(f & GM_MAPPED) || (f & prot) != prot)
            return false;
    }
    return true;
}

static GuestAddr find_free_locked(uint32_t len, GuestAddr hint)
{
    uint64_t n = ((uint64_t)len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    if (n == 0 || n > GM_MMAP_TOP)
        return 0;
    if (hint) {
        hint &= ~GUEST_PAGE_MASK;
        if (hint >= GM_MMAP_FLOOR && (uint64_t)hint + n <= GM_MMAP_TOP && range_free(hint, n))
            return hint;
    }
    /* top-down first fit, as Linux lays out mmap on 32-bit */
    uint64_t top = GM_MMAP_TOP;
    while (top >= GM_MMAP_FLOOR + n) {
        GuestAddr cand = (GuestAddr)(top - n);
        uint64_t a = top;
        while (a > cand && !(gm_pages[page_of((GuestAddr)(a - GUEST_PAGE_SIZE))] & GM_MAPPED))
            a -= GUEST_PAGE_SIZE;
        if (a == cand)
            return cand;
        top = a - GUEST_PAGE_SIZE;      /* skip below the mapped page */
    }
    return 0;
}

GuestAddr gm_find_free(uint32_t len, GuestAddr hint)
{
    pthread_mutex_lock(&gm_lock);
    GuestAddr a = find_free_locked(len, hint);
    pthread_mutex_unlock(&gm_lock);
    return a;
}

static int host_map(GuestAddr addr, uint64_t len, int prot, int flags, int fd, off_t off)
{
    flags &= ~(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN);
    void *p = mmap(g2h(addr), len, prot, flags | MAP_FIXED, fd, off);
    if (p == MAP_FAILED)
        return -errno;
    /* Large anonymous memory gets transparent huge pages where the host
     * leaves them to madvise: guest data structures are TLB-hungry. */
    if ((flags & MAP_ANONYMOUS) && len >= GM_HUGE_MIN)
        madvise(p, len, MADV_HUGEPAGE);
    return 0;
}

static void host_reserve(GuestAddr addr, uint64_t len)
{
    void *p = mmap(g2h(addr), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED)
        rt_bug("cannot re-reserve guest range %#x+%#llx: %s", addr,
               (unsigned long long)len, strerror(errno));
}

int gm_mmap(GuestAddr *addr, uint32_t len, int prot, int flags, int fd, off_t off)
{
    if (len == 0)
        return -EINVAL;
    uint64_t n = ((uint64_t)len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    int ret = 0;
    pthread_mutex_lock(&gm_lock);
    GuestAddr a = *addr;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (!range_ok(a, n)) {
            ret = (a & GUEST_PAGE_MASK) ? -EINVAL : -ENOMEM;
            goto out;
        }
        if ((flags & MAP_FIXED_NOREPLACE) && !range_free(a, n)) {
            ret = -EEXIST;
            goto out;
        }
    } else {
        a = find_free_locked((uint32_t)n, a);
        if (!a) {
            ret = -ENOMEM;
            goto out;
        }
    }
    ret = host_map(a, n, prot, flags, fd, off);
    if (ret == 0) {
        pages_set(a, n, (uint8_t)(GM_MAPPED | (prot & 7)), 0);
        *addr = a;
        if (rt_log_mask & LOG_PAGE)
            rt_log("page: mmap %08x-%08llx prot %d flags %#x fd %d\n", a,
                   (unsigned long long)(a + n), prot, flags, fd);
    }
out:
    pthread_mutex_unlock(&gm_lock);
    return ret;
}

int gm_munmap(GuestAddr addr, uint32_t len)
{
    if ((addr & GUEST_PAGE_MASK) || len == 0)
        return -EINVAL;
    uint64_t n = ((uint64_t)len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    if ((uint64_t)addr + n > GUEST_WINDOW)
        return -EINVAL;
    pthread_mutex_lock(&gm_lock);
    bool code = false;
    for (uint64_t a = addr; a < (uint64_t)addr + n; a += GUEST_PAGE_SIZE)
        code |= (gm_pages[page_of((GuestAddr)a)] & GM_CODE) != 0;
    host_reserve(addr, n);
    pages_set(addr, n, 0, 0);
    pthread_mutex_unlock(&gm_lock);
    if (code)
        rt_code_invalidate(addr, (uint32_t)n);
    return 0;
}

int gm_mprotect(GuestAddr addr, uint32_t len, int prot)
{
    if (addr & GUEST_PAGE_MASK)
        return -EINVAL;
    if (len == 0)
        return 0;
    uint64_t n = ((uint64_t)len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    if ((uint64_t)addr + n > GUEST_WINDOW)
        return -ENOMEM;
    pthread_mutex_lock(&gm_lock);
    int ret = 0;
    for (uint64_t a = addr; a < (uint64_t)addr + n; a += GUEST_PAGE_SIZE)
        if (!(gm_pages[page_of((GuestAddr)a)] & GM_MAPPED))
            ret = -ENOMEM;
    if (ret == 0 && mprotect(g2h(addr), n, prot) != 0)
        ret = -errno;
    if (ret == 0)
        pages_set(addr, n, (uint8_t)(prot & 7), (uint8_t)~7);
    pthread_mutex_unlock(&gm_lock);
    return ret;
}

int gm_mremap(GuestAddr old, uint32_t old_len, uint32_t new_len, int flags, GuestAddr *new_addr)
{
    if ((old & GUEST_PAGE_MASK) || new_len == 0)
        return -EINVAL;
    uint64_t on = ((uint64_t)old_len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    uint64_t nn = ((uint64_t)new_len + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    if ((uint64_t)old + on > GUEST_WINDOW || !gm_access_ok(old, (uint32_t)on, 0))
        return -EFAULT;
    int ret = 0;
    pthread_mutex_lock(&gm_lock);
    uint8_t prot = gm_pages[page_of(old)] & 7;
    GuestAddr dst = old;
    if (nn <= on) {
        if (nn < on) {
            host_reserve(old + (GuestAddr)nn, on - nn);
            pages_set(old + (GuestAddr)nn, on - nn, 0, 0);
        }
    } else if ((uint64_t)old + nn <= GUEST_WINDOW && range_free(old + (GuestAddr)on, nn - on)) {
        /* Grow in place: open a hole in the reservation after the mapping
         * for the kernel to grow into, and close it again on failure. */
        uint8_t *tail = g2h(old + (GuestAddr)on);
        if (munmap(tail, nn - on) != 0) {
            ret = -errno;
        } else {
            void *p = mremap(g2h(old), on, nn, 0);
            if (p == MAP_FAILED) {
                ret = -errno;
                host_reserve(old + (GuestAddr)on, nn - on);
            } else {
                pages_set(old + (GuestAddr)on, nn - on, (uint8_t)(GM_MAPPED | prot), 0);
            }
        }
    } else if (flags & MREMAP_MAYMOVE) {
        dst = find_free_locked((uint32_t)nn, 0);
        if (!dst) {
            ret = -ENOMEM;
        } else {
            void *p = mremap(g2h(old), on, nn, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dst));
            if (p == MAP_FAILED) {
                ret = -errno;
            } else {
                host_reserve(old, on);  /* the old range became a hole */
                pages_set(old, on, 0, 0);
                pages_set(dst, nn, (uint8_t)(GM_MAPPED | prot), 0);
            }
        }
    } else {
        ret = -ENOMEM;
    }
    pthread_mutex_unlock(&gm_lock);
    if (ret == 0)
        *new_addr = dst;
    return ret;
}

/* ---- brk ----------------------------------------------------------------- */

void gm_brk_init(GuestAddr start)
{
    brk_start = brk_cur = start;
    brk_mapped = (start + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK;
}

GuestAddr gm_brk(GuestAddr want)
{
    pthread_mutex_lock(&gm_lock);
    if (want < brk_start || want >= GM_MMAP_TOP)
        goto out;
    GuestAddr need = (want + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK;
    if (need > brk_mapped) {
        if (!range_free(brk_mapped, need - brk_mapped))
            goto out;
        if (host_map(brk_mapped, need - brk_mapped, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != 0)
            goto out;
        pages_set(brk_mapped, need - brk_mapped, GM_MAPPED | PROT_READ | PROT_WRITE, 0);
    } else if (need < brk_mapped) {
        host_reserve(need, brk_mapped - need);
        pages_set(need, brk_mapped - need, 0, 0);
    }
    brk_mapped = need;
    brk_cur = want;
out:
    want = brk_cur;
    pthread_mutex_unlock(&gm_lock);
    return want;
}
