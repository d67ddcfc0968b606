/*
 * sys_uaccess.c - touching guest memory on the guest's behalf.
 *
 * Every guest pointer a syscall takes is checked against the guest page
 * table (runtime/guestmem.h) before xbt reads or writes through it, so a bad
 * pointer is EFAULT for the guest and never a fault inside xbt.  Writes to
 * pages holding translated code first tell the runtime (rt_code_invalidate),
 * which keeps the code cache right and, once the runtime write-protects
 * such pages, makes them writable again.
 *
 * Also here: guest paths (with the -L sysroot and /proc/self/exe seen as
 * the guest program) and guest signal sets.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "sys_abi.h"

static void code_check(GuestAddr a, uint32_t len)
{
    uint64_t end = (uint64_t)a + len;
    for (uint64_t p = a & ~(uint64_t)GUEST_PAGE_MASK; p < end; p += GUEST_PAGE_SIZE)
        if (gm_page_flags((GuestAddr)p) & GM_CODE) {
            rt_code_invalidate(a, len);
            return;
        }
}

int sys_copy_in(void *dst, GuestAddr src, uint32_t len)
{
    if (len == 0)
        return 0;
    if (!gm_access_ok(src, len, PROT_READ))
        return -EFAULT;
    memcpy(dst, g2h(src), len);
    return 0;
}

int sys_copy_out(GuestAddr dst, const void *src, uint32_t len)
{
    if (len == 0)
        return 0;
    if (!gm_access_ok(dst, len, PROT_WRITE))
        return -EFAULT;
    code_check(dst, len);
    memcpy(g2h(dst), src, len);
    return 0;
}

uint32_t sys_span(GuestAddr a, uint32_t len, int prot)
{
    uint64_t end = (uint64_t)a + len, p = a;
    if (end > GUEST_WINDOW)
        end = GUEST_WINDOW;
    while (p < end) {
        uint64_t next = (p & ~(uint64_t)GUEST_PAGE_MASK) + GUEST_PAGE_SIZE;
        if (!gm_access_ok((GuestAddr)p, 1, prot))
            break;
        p = next < end ? next : end;
    }
    return (uint32_t)(p - a);
}

void *sys_gbuf(GuestAddr a, uint32_t len, int prot, int *err)
{
    if (len && !gm_access_ok(a, len, prot)) {
        *err = -EFAULT;
        return NULL;
    }
    if (len && (prot & PROT_WRITE))
        code_check(a, len);
    *err = 0;
    return g2h(a);
}

int sys_strin(GuestAddr a, char *buf, size_t size)
{
    size_t n = 0;
    uint64_t p = a;
    while (p < GUEST_WINDOW) {
        if (!gm_access_ok((GuestAddr)p, 1, PROT_READ))
            return -EFAULT;
        uint64_t page_end = (p & ~(uint64_t)GUEST_PAGE_MASK) + GUEST_PAGE_SIZE;
        const char *s = g2h((GuestAddr)p);
        for (; p < page_end; p++, s++) {
            if (n + 1 >= size)
                return -ENAMETOOLONG;
            buf[n++] = *s;
            if (*s == 0)
                return 0;
        }
    }
    return -EFAULT;
}

/* Is path /proc/self/exe or /proc/<our pid>/exe? */
bool sys_is_proc_exe(const char *path)
{
    char own[64];
    if (!strcmp(path, "/proc/self/exe") || !strcmp(path, "/proc/thread-self/exe"))
        return true;
    snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
    return !strcmp(path, own);
}

int sys_path(GuestAddr a, char *buf, size_t size, bool lookup)
{
    char tmp[PATH_MAX];
    int r = sys_strin(a, tmp, sizeof tmp);
    if (r < 0)
        return r;
    if (lookup && rt_proc.exe_path && sys_is_proc_exe(tmp)) {
        snprintf(buf, size, "%s", rt_proc.exe_path);
        return 0;
    }
    /* -L: an absolute path that exists under the sysroot is taken from
     * there (how the dynamic loader finds the guest's libraries). */
    if (lookup && tmp[0] == '/' && rt_proc.interp_prefix && rt_proc.interp_prefix[0]) {
        int n = snprintf(buf, size, "%s%s", rt_proc.interp_prefix, tmp);
        if (n > 0 && (size_t)n < size && faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
            return 0;
    }
    if (strlen(tmp) + 1 > size)
        return -ENAMETOOLONG;
    memcpy(buf, tmp, strlen(tmp) + 1);
    return 0;
}

/* ---- signal sets ---------------------------------------------------------- */

void sys_sigset_g2h(const uint32_t *gw, unsigned nwords, void *host_sigset)
{
    sigset_t *s = host_sigset;
    sigemptyset(s);
    for (unsigned g = 1; g <= nwords * 32 && (int)g <= sys_cur.guest_nsig; g++)
        if (gw[(g - 1) / 32] & (1u << ((g - 1) % 32))) {
            int h = sys_signal_to_host((int)g);
            if (h > 0)
                sigaddset(s, h);
        }
}

void sys_sigset_h2g(const void *host_sigset, uint32_t *gw, unsigned nwords)
{
    const sigset_t *s = host_sigset;
    memset(gw, 0, nwords * 4);
    for (int h = 1; h < 65; h++)
        if (sigismember(s, h) == 1) {
            int g = sys_signal_to_guest(h);
            if (g > 0 && (unsigned)g <= nwords * 32)
                gw[(g - 1) / 32] |= 1u << ((g - 1) % 32);
        }
}
