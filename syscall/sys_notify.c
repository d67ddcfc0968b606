/*
 * sys_notify.c - file descriptors whose data has a kernel-defined binary
 * layout: eventfd (a u64 counter), timerfd (a u64 expiry count), inotify
 * (struct inotify_event records).  The kernel reads and writes them in the
 * CPU's byte order, so a big-endian guest on a little-endian host needs
 * them swapped in read/write; little-endian guests need nothing.
 *
 * Which descriptor is which: the creating calls here record it, and any
 * other descriptor (dup'd, inherited across execve, received by
 * SCM_RIGHTS) is classified once on its first 8-byte-or-more read by its
 * /proc/self/fd link ("anon_inode:[eventfd]", "anon_inode:inotify", ...).
 * close, dup2 and dup3 forget the old kind of the number they reuse.
 *
 * inotify's event masks and IN_* watch flags are the same on every Linux
 * architecture (include/uapi/linux/inotify.h has no asm/ part);
 * IN_CLOEXEC/IN_NONBLOCK and EFD_CLOEXEC/EFD_NONBLOCK are O_CLOEXEC and
 * O_NONBLOCK, which do differ (MIPS), and go through sys_oflags.
 *
 * NYI: readv/preadv on these descriptors (not swapped); signalfd records
 * (sys_signal.c).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sys_abi.h"

enum { FK_UNKNOWN, FK_PLAIN, FK_COUNTER, FK_INOTIFY };

#define FK_MAX 4096
static uint8_t fd_kind[FK_MAX];

static void kind_set(int fd, int kind)
{
    if (fd >= 0 && fd < FK_MAX)
        __atomic_store_n(&fd_kind[fd], (uint8_t)kind, __ATOMIC_RELAXED);
}

void sys_fdkind_forget(int fd)
{
    kind_set(fd, FK_UNKNOWN);
}

static int classify(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return FK_UNKNOWN;
    /* anon inodes have no file type bits (some kernels may report S_IFREG:
     * they have no links either); anything else is an ordinary file */
    unsigned type = st.st_mode & S_IFMT;
    if (type != 0 && !(type == S_IFREG && st.st_nlink == 0))
        return FK_PLAIN;
    char link[64], target[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return FK_PLAIN;
    target[n] = 0;
    if (!strcmp(target, "anon_inode:[eventfd]") || !strcmp(target, "anon_inode:[timerfd]"))
        return FK_COUNTER;
    if (!strcmp(target, "anon_inode:inotify"))
        return FK_INOTIFY;
    return FK_PLAIN;
}

static int kind_of(int fd)
{
    if (fd < 0 || fd >= FK_MAX)
        return classify(fd);
    int k = __atomic_load_n(&fd_kind[fd], __ATOMIC_RELAXED);
    if (k == FK_UNKNOWN) {
        k = classify(fd);
        kind_set(fd, k);
    }
    return k;
}

static void swap_bytes(uint8_t *p, unsigned n)
{
    for (unsigned i = 0; i < n / 2; i++) {
        uint8_t t = p[i];
        p[i] = p[n - 1 - i];
        p[n - 1 - i] = t;
    }
}

/* After read(fd) put n > 0 bytes at host address buf (guest memory). */
void sys_fdkind_fix_read(int fd, void *buf, int64_t n)
{
    if (!sys_cur.be || n < 8)
        return;
    uint8_t *p = buf;
    switch (kind_of(fd)) {
    case FK_COUNTER:
        if (n == 8)
            swap_bytes(p, 8);
        break;
    case FK_INOTIFY:
        /* struct inotify_event: wd, mask, cookie, len (4 x 32-bit), name[len] */
        for (int64_t off = 0; off + 16 <= n;) {
            uint32_t len;
            memcpy(&len, p + off + 12, 4);
            for (int i = 0; i < 4; i++)
                swap_bytes(p + off + 4 * i, 4);
            off += 16 + (int64_t)len;
        }
        break;
    }
}

/* write(fd, buf, n) of a guest buffer: the host-order copy to write
 * instead (eventfd counters), or NULL to write buf as it is. */
const void *sys_fdkind_fix_write(int fd, const void *buf, uint32_t n, uint8_t tmp[8])
{
    if (!sys_cur.be || n < 8 || kind_of(fd) != FK_COUNTER)
        return NULL;
    memcpy(tmp, buf, 8);
    swap_bytes(tmp, 8);
    return tmp;
}

/* ---- eventfd ----------------------------------------------------------------- */

int64_t sys_eventfd2(SysCtx *c)
{
    int flags = c->sc->kinds[1] == A_OFLAGS ? sys_oflags(c->a[1]) : 0;
    int64_t r = sys_ret(syscall(SYS_eventfd2, (unsigned)c->a[0], flags));
    if (r >= 0)
        kind_set((int)r, FK_COUNTER);
    return r;
}

/* ---- inotify --------------------------------------------------------------------- */

int64_t sys_inotify_init1(SysCtx *c)
{
    int flags = c->sc->kinds[0] == A_OFLAGS ? sys_oflags(c->a[0]) : 0;
    int64_t r = sys_ret(inotify_init1(flags));
    if (r >= 0)
        kind_set((int)r, FK_INOTIFY);
    return r;
}

int64_t sys_inotify_add_watch(SysCtx *c)
{
    char path[PATH_MAX + 256];
    int r = sys_path((GuestAddr)c->a[1], path, sizeof path, true);
    if (r < 0)
        return r;
    return sys_ret(inotify_add_watch((int)c->a[0], path, (uint32_t)c->a[2]));
}

int64_t sys_inotify_rm_watch(SysCtx *c)
{
    return sys_ret(inotify_rm_watch((int)c->a[0], (int)c->a[1]));
}
