/*
 * sys_procfs.c - /proc files that must show the guest's view instead of
 * xbt's: the content is generated into an anonymous memory file whose fd
 * the guest gets.  /proc/self/exe is handled by sys_path and readlink.
 *
 *   /proc/self/auxv   the auxiliary vector xbt built on the guest stack
 *   /proc/self/maps   the guest's mappings, from the guest page table
 *
 * NYI: names in maps (files, [heap], [stack]), /proc/self/smaps,
 * /proc/cpuinfo (needs a per-guest description), /proc/self/stat fields.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "sys_abi.h"

/* Does path name file `what` of our own process? */
static bool is_self(const char *path, const char *what)
{
    char own[64];
    const char *rest = NULL;
    if (!strncmp(path, "/proc/self/", 11))
        rest = path + 11;
    else if (!strncmp(path, "/proc/thread-self/", 18))
        rest = path + 18;
    else {
        int n = snprintf(own, sizeof own, "/proc/%d/", (int)getpid());
        if (!strncmp(path, own, (size_t)n))
            rest = path + n;
    }
    return rest && !strcmp(rest, what);
}

static int64_t memfile(const void *data, size_t len, int hflags)
{
    int fd = memfd_create("xbt-proc", (hflags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0)
        return -errno;
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            return -e;
        }
        p += n;
        len -= (size_t)n;
    }
    lseek(fd, 0, SEEK_SET);
    return fd;
}

static int64_t open_auxv(int hflags)
{
    uint32_t len = rt_proc.auxv_len;
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf)
        return -ENOMEM;
    int r = sys_copy_in(buf, rt_proc.auxv_guest, len);
    int64_t ret = r < 0 ? r : memfile(buf, len, hflags);
    free(buf);
    return ret;
}

static int64_t open_maps(int hflags)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -ENOMEM;
    uint64_t start = 0;
    uint8_t cur = 0;
    for (uint64_t a = 0; a <= GUEST_WINDOW; a += GUEST_PAGE_SIZE) {
        uint8_t f = a < GUEST_WINDOW ? gm_page_flags((GuestAddr)a) & (GM_MAPPED | 7) : 0;
        if (!(f & GM_MAPPED))
            f = 0;
        if (f == cur)
            continue;
        if (cur) {
            if (len + 128 > cap) {
                char *nb = realloc(buf, cap *= 2);
                if (!nb) {
                    free(buf);
                    return -ENOMEM;
                }
                buf = nb;
            }
            len += (size_t)snprintf(buf + len, cap - len, "%08llx-%08llx %c%c%cp 00000000 00:00 0\n",
                                    (unsigned long long)start, (unsigned long long)a,
                                    cur & PROT_READ ? 'r' : '-', cur & PROT_WRITE ? 'w' : '-',
                                    cur & PROT_EXEC ? 'x' : '-');
        }
        cur = f;
        start = a;
    }
    int64_t ret = memfile(buf, len, hflags);
    free(buf);
    return ret;
}

int64_t sys_procfs_open(SysCtx *c, int dirfd, const char *path, int hflags, int mode)
{
    if (path[0] != '/' || strncmp(path, "/proc/", 6))
        return SYS_PASS;
    if (is_self(path, "auxv"))
        return open_auxv(hflags);
    if (is_self(path, "maps"))
        return open_maps(hflags);
    return SYS_PASS;
}
