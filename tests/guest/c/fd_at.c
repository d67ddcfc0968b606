/* The *at calls relative to a directory descriptor, statx, and extended
 * attributes (user.* on the test's directory; a file system without them
 * answers the same for the guest and the native oracle).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

static const char *ename(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENODATA: return "ENODATA";
    case ERANGE: return "ERANGE";
    case ENOTSUP: return "ENOTSUP";
    case EPERM: return "EPERM";
    case ENOTDIR: return "ENOTDIR";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EACCES: return "EACCES";
    case EISDIR: return "EISDIR";
    default: return "other";
    }
}

#define R(x) ((x) < 0 ? ename(errno) : "ok")

static void test_at(void)
{
    mkdir("d", 0755);
    int dfd = open("d", O_RDONLY | O_DIRECTORY);
    printf("mkdirat: %s\n", R(mkdirat(dfd, "sub", 0700)));
    int fd = openat(dfd, "sub/f", O_WRONLY | O_CREAT | O_EXCL, 0640);
    printf("openat: %d\n", fd >= 0);
    write(fd, "hello", 5);
    close(fd);
    printf("openat excl again: %s\n", R(openat(dfd, "sub/f", O_WRONLY | O_CREAT | O_EXCL, 0640)));
    struct stat st;
    int r = fstatat(dfd, "sub/f", &st, 0);
    printf("fstatat: %s size %lld mode %o\n", R(r), (long long)st.st_size, st.st_mode & 07777);
    printf("symlinkat: %s\n", R(symlinkat("sub/f", dfd, "link")));
    char buf[64] = "";
    ssize_t n = readlinkat(dfd, "link", buf, sizeof buf);
    printf("readlinkat: %ld '%.*s'\n", (long)n, n > 0 ? (int)n : 0, buf);
    printf("fstatat nofollow is link: %d\n", fstatat(dfd, "link", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
    printf("linkat: %s\n", R(linkat(dfd, "sub/f", dfd, "hard", 0)));
    fstatat(dfd, "hard", &st, 0);
    printf("nlink: %ld\n", (long)st.st_nlink);
    printf("renameat: %s\n", R(renameat(dfd, "hard", dfd, "sub/g")));
    printf("renameat2 noreplace: %s\n", R(renameat2(dfd, "sub/g", dfd, "sub/f", RENAME_NOREPLACE)));
    printf("fchmodat: %s\n", R(fchmodat(dfd, "sub/g", 0600, 0)));
    printf("faccessat W: %s X: %s\n", R(faccessat(dfd, "sub/g", W_OK, 0)), R(faccessat(dfd, "sub/g", X_OK, AT_EACCESS)));
    struct timespec ts[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
    printf("utimensat: %s\n", R(utimensat(dfd, "sub/g", ts, 0)));
    fstatat(dfd, "sub/g", &st, 0);
    printf("mtime: %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    printf("fchownat to self: %s\n", R(fchownat(dfd, "sub/g", getuid(), getgid(), 0)));
    printf("mknodat fifo: %s\n", R(mknodat(dfd, "fifo", S_IFIFO | 0600, 0)));
    printf("unlinkat dir without flag: %s\n", R(unlinkat(dfd, "sub", 0)));
    printf("unlinkat files: %s %s %s %s\n", R(unlinkat(dfd, "sub/f", 0)), R(unlinkat(dfd, "sub/g", 0)),
           R(unlinkat(dfd, "link", 0)), R(unlinkat(dfd, "fifo", 0)));
    printf("unlinkat dir: %s\n", R(unlinkat(dfd, "sub", AT_REMOVEDIR)));
    printf("openat on file fd: %s\n", R(openat(0, "x", O_RDONLY)));
    close(dfd);
}

static void test_statx(void)
{
    int fd = open("sx", O_WRONLY | O_CREAT | O_TRUNC, 0604);
    write(fd, "0123456789", 10);
    struct statx sx;
    memset(&sx, 0, sizeof sx);
    printf("statx: %s\n", R(statx(AT_FDCWD, "sx", 0, STATX_BASIC_STATS | STATX_BTIME, &sx)));
    printf("  mask has basic %d size %llu mode %o nlink %u uid ok %d blocks ok %d\n",
           (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, (unsigned long long)sx.stx_size,
           sx.stx_mode & 07777, sx.stx_nlink, sx.stx_uid == getuid(), sx.stx_blocks > 0 || sx.stx_size > 0);
    struct stat st;
    fstat(fd, &st);
    printf("  same as fstat: ino %d mtime %d dev %d\n", sx.stx_ino == st.st_ino,
           (long long)sx.stx_mtime.tv_sec == (long long)st.st_mtim.tv_sec &&
           sx.stx_mtime.tv_nsec == st.st_mtim.tv_nsec,
           makedev(sx.stx_dev_major, sx.stx_dev_minor) == st.st_dev);
    memset(&sx, 0, sizeof sx);
    int r = statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &sx);
    printf("statx AT_EMPTY_PATH: %s size %llu\n", R(r), (unsigned long long)sx.stx_size);
    printf("statx missing: %s\n", R(statx(AT_FDCWD, "nope", 0, STATX_ALL, &sx)));
    close(fd);
    unlink("sx");
}

static void test_xattr(void)
{
    int fd = open("xa", O_RDWR | O_CREAT | O_TRUNC, 0600);
    int r = setxattr("xa", "user.one", "value-1", 7, XATTR_CREATE);
    printf("setxattr: %s\n", R(r));
    if (r < 0) {
        close(fd);
        unlink("xa");
        return;
    }
    printf("create again: %s\n", R(setxattr("xa", "user.one", "x", 1, XATTR_CREATE)));
    printf("replace missing: %s\n", R(setxattr("xa", "user.two", "x", 1, XATTR_REPLACE)));
    printf("fsetxattr: %s\n", R(fsetxattr(fd, "user.two", "\x01\x02\x03\x04", 4, 0)));
    char v[64];
    ssize_t n = getxattr("xa", "user.one", v, sizeof v);
    printf("getxattr: %ld '%.*s'\n", (long)n, n > 0 ? (int)n : 0, v);
    printf("size query: %ld\n", (long)fgetxattr(fd, "user.two", NULL, 0));
    n = fgetxattr(fd, "user.two", v, sizeof v);
    printf("fgetxattr: %ld %02x%02x%02x%02x\n", (long)n, v[0], v[1], v[2], v[3]);
    printf("too small: %s\n", R(getxattr("xa", "user.one", v, 3)));
    printf("missing: %s\n", R(lgetxattr("xa", "user.none", v, sizeof v)));
    char list[256];
    n = listxattr("xa", list, sizeof list);
    int ones = 0, twos = 0;
    for (char *p = list; n > 0 && p < list + n; p += strlen(p) + 1) {
        ones += !strcmp(p, "user.one");
        twos += !strcmp(p, "user.two");
    }
    printf("listxattr: one %d two %d size-query-ok %d\n", ones, twos, flistxattr(fd, NULL, 0) == n);
    printf("removexattr: %s %s\n", R(removexattr("xa", "user.one")), R(fremovexattr(fd, "user.two")));
    printf("after remove: %ld\n", (long)llistxattr("xa", list, sizeof list));
    printf("bad namespace: %s\n", R(setxattr("xa", "nonsense.x", "x", 1, 0)));
    close(fd);
    unlink("xa");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_at();
    test_statx();
    test_xattr();
    return 0;
}
