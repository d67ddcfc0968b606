/*
 * guestmem.h - the guest address space: one 4 GiB window of host address
 * space, reserved PROT_NONE at start-up, in which every guest mapping lives.
 *
 * Guest address g is host address guest_base + g.  The window is followed by
 * a guard region so that an access of up to 8 bytes at 0xfffffffc still
 * faults inside reserved space.  A page table of one byte per 4 KiB guest
 * page records what the guest mapped and with which protection; the
 * syscall layer asks it before touching guest memory on the guest's behalf
 * (giving EFAULT instead of crashing xbt), and the code cache uses it to
 * refuse to translate from non-executable pages.
 *
 * All functions return 0 or a negative host errno.
 */
#ifndef XBT_GUESTMEM_H
#define XBT_GUESTMEM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

typedef uint32_t GuestAddr;

#define GUEST_PAGE_SIZE 4096u
#define GUEST_PAGE_MASK (GUEST_PAGE_SIZE - 1)
#define GUEST_WINDOW    (1ull << 32)

/* Protection bits in the page table (PROT_READ/WRITE/EXEC values) plus: */
#define GM_MAPPED 0x10
#define GM_CODE   0x20     /* holds translated code */

extern uint8_t *guest_base;

static inline void *g2h(GuestAddr a) { return guest_base + a; }
static inline GuestAddr h2g(const void *p) { return (GuestAddr)((const uint8_t *)p - guest_base); }
static inline bool gm_host_in_window(const void *p)
{
    return (const uint8_t *)p >= guest_base && (const uint8_t *)p < guest_base + GUEST_WINDOW;
}

/* Reserves the window; false (with errno) on failure. */
bool gm_init(void);

/* mmap inside the window.  *addr is the hint (or the fixed address with
 * MAP_FIXED / MAP_FIXED_NOREPLACE); on success *addr is the guest address.
 * flags are host MAP_* flags. */
int gm_mmap(GuestAddr *addr, uint32_t len, int prot, int flags, int fd, off_t off);
int gm_munmap(GuestAddr addr, uint32_t len);
int gm_mprotect(GuestAddr addr, uint32_t len, int prot);
int gm_mremap(GuestAddr old, uint32_t old_len, uint32_t new_len, int flags,
              GuestAddr *new_addr);

/* Is every page of [addr, addr+len) mapped with at least prot? */
bool gm_access_ok(GuestAddr addr, uint32_t len, int prot);
/* Page table byte of the page holding addr. */
uint8_t gm_page_flags(GuestAddr addr);
/* Marks the pages of [addr, addr+len) as holding translated code (GM_CODE):
 * unmapping, remapping or mprotecting them invalidates the code cache. */
void gm_mark_code(GuestAddr addr, uint32_t len);
/* Finds a free range of len bytes at or above hint (page aligned), or 0. */
GuestAddr gm_find_free(uint32_t len, GuestAddr hint);

/* Program break. */
void gm_brk_init(GuestAddr start);
GuestAddr gm_brk(GuestAddr want);   /* returns the new (or unchanged) break */

#endif
