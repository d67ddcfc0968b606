/*
 * sys_fs.c - the file system name space and file metadata: the stat
 * family (stat64 and statx layouts of the guest), statfs64, getdents64,
 * getcwd/chdir, mkdir/unlink/rename/link/symlink/readlink, access,
 * chmod/chown, truncate, sync, utimensat, mknod, extended attributes.
 *
 * Paths that are only looked up (stat, access, readlink, chdir) go through
 * sys_path(lookup): the -L sysroot and /proc/self/exe as the guest program.
 * Paths that are created or changed are taken as the guest gave them.
 *
 * Device numbers reach a 32-bit guest in the kernel's new_encode_dev form
 * (include/linux/kdev_t.h): minor low byte, major, then the minor's high
 * bits - the same as the kernel's cp_new_stat64 and mknod decoding.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "sys_abi.h"

#define L (sys_cur.L)

static uint32_t encode_dev(dev_t d)
{
    uint32_t ma = major(d), mi = minor(d);
    return (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
}

static int atflags(int64_t g)
{
    uint64_t unknown = 0;
    int h = (int)sys_flags_g2h(KC_AT, (uint32_t)g, &unknown);
    return unknown ? -1 : h;
}

/* ---- stat ------------------------------------------------------------------- */

int sys_stat64_out(GuestAddr g, const struct stat *st)
{
    uint8_t img[SYS_IMG_MAX];
    uint32_t size = L->stat64.bytes;
    if (size > sizeof img)
        return -EINVAL;
    memset(img, 0, size);
    if (!ffits_u(L->stat64.ino, st->st_ino) || !ffits_u(L->stat64.size, (uint64_t)st->st_size) ||
        !ffits_u(L->stat64.nlink, st->st_nlink))
        return -EOVERFLOW;
    fput(img, L->stat64.dev, encode_dev(st->st_dev));
    fput(img, L->stat64.ino, st->st_ino);
    fput(img, L->stat64.mode, st->st_mode);
    fput(img, L->stat64.nlink, st->st_nlink);
    fput(img, L->stat64.uid, st->st_uid);
    fput(img, L->stat64.gid, st->st_gid);
    fput(img, L->stat64.rdev, encode_dev(st->st_rdev));
    fput(img, L->stat64.size, (uint64_t)st->st_size);
    fput(img, L->stat64.blksize, (uint64_t)st->st_blksize);
    fput(img, L->stat64.blocks, (uint64_t)st->st_blocks);
    /* 32-bit seconds truncate as in the kernel's cp_new_stat64 */
    fput(img, L->stat64.atime_sec, (uint64_t)st->st_atim.tv_sec);
    fput(img, L->stat64.atime_nsec, (uint64_t)st->st_atim.tv_nsec);
    fput(img, L->stat64.mtime_sec, (uint64_t)st->st_mtim.tv_sec);
    fput(img, L->stat64.mtime_nsec, (uint64_t)st->st_mtim.tv_nsec);
    fput(img, L->stat64.ctime_sec, (uint64_t)st->st_ctim.tv_sec);
    fput(img, L->stat64.ctime_nsec, (uint64_t)st->st_ctim.tv_nsec);
    return sys_copy_out(g, img, size);
}

int64_t sys_stat64(SysCtx *c)
{
    struct stat st;
    char path[2 * PATH_MAX];
    int r;
    GuestAddr out;
    switch (c->sc->variant) {
    case V_FD:
        r = fstat((int)c->a[0], &st);
        out = (GuestAddr)c->a[1];
        break;
    case V_AT: {
        int fl = atflags(c->a[3]);
        if (fl < 0)
            return -EINVAL;
        if ((r = sys_path((GuestAddr)c->a[1], path, sizeof path, true)) < 0)
            return r;
        r = fstatat(sys_atfd(c->a[0]), path, &st, fl);
        out = (GuestAddr)c->a[2];
        break;
    }
    default:
        if ((r = sys_path((GuestAddr)c->a[0], path, sizeof path, true)) < 0)
            return r;
        r = fstatat(AT_FDCWD, path, &st, c->sc->variant == V_LPATH ? AT_SYMLINK_NOFOLLOW : 0);
        out = (GuestAddr)c->a[1];
        break;
    }
    if (r < 0)
        return -errno;
    return sys_stat64_out(out, &st);
}

int64_t sys_statx(SysCtx *c)
{
    char path[2 * PATH_MAX];
    int fl = atflags(c->a[2]);
    if (fl < 0)
        return -EINVAL;
    int r = sys_path((GuestAddr)c->a[1], path, sizeof path, true);
    if (r < 0)
        return r;
    struct statx sx;
    if (statx(sys_atfd(c->a[0]), path, fl, (unsigned)c->a[3], &sx) < 0)
        return -errno;
    uint8_t img[SYS_IMG_MAX];
    uint32_t size = L->statx.bytes;
    if (size > sizeof img)
        return -EINVAL;
    memset(img, 0, size);
    fput(img, L->statx.mask, sx.stx_mask);
    fput(img, L->statx.blksize, sx.stx_blksize);
    fput(img, L->statx.attributes, sx.stx_attributes);
    fput(img, L->statx.nlink, sx.stx_nlink);
    fput(img, L->statx.uid, sx.stx_uid);
    fput(img, L->statx.gid, sx.stx_gid);
    fput(img, L->statx.mode, sx.stx_mode);
    fput(img, L->statx.ino, sx.stx_ino);
    fput(img, L->statx.size, sx.stx_size);
    fput(img, L->statx.blocks, sx.stx_blocks);
    fput(img, L->statx.attributes_mask, sx.stx_attributes_mask);
    fput(img, L->statx.atime_sec, (uint64_t)sx.stx_atime.tv_sec);
    fput(img, L->statx.atime_nsec, sx.stx_atime.tv_nsec);
    fput(img, L->statx.btime_sec, (uint64_t)sx.stx_btime.tv_sec);
    fput(img, L->statx.btime_nsec, sx.stx_btime.tv_nsec);
    fput(img, L->statx.ctime_sec, (uint64_t)sx.stx_ctime.tv_sec);
    fput(img, L->statx.ctime_nsec, sx.stx_ctime.tv_nsec);
    fput(img, L->statx.mtime_sec, (uint64_t)sx.stx_mtime.tv_sec);
    fput(img, L->statx.mtime_nsec, sx.stx_mtime.tv_nsec);
    fput(img, L->statx.rdev_major, sx.stx_rdev_major);
    fput(img, L->statx.rdev_minor, sx.stx_rdev_minor);
    fput(img, L->statx.dev_major, sx.stx_dev_major);
    fput(img, L->statx.dev_minor, sx.stx_dev_minor);
    fput(img, L->statx.mnt_id, sx.stx_mnt_id);
    /* NYI: stx_dio_mem_align/stx_dio_offset_align (glibc 2.36 has no names) */
    return sys_copy_out((GuestAddr)c->a[4], img, size);
}

int64_t sys_statfs64(SysCtx *c)
{
    struct statfs sf;
    char path[2 * PATH_MAX];
    int r;
    if ((uint32_t)c->a[1] != L->statfs64.bytes)
        return -EINVAL;
    if (c->sc->variant == V_FD) {
        r = fstatfs((int)c->a[0], &sf);
    } else {
        if ((r = sys_path((GuestAddr)c->a[0], path, sizeof path, true)) < 0)
            return r;
        r = statfs(path, &sf);
    }
    if (r < 0)
        return -errno;
    uint8_t img[SYS_IMG_MAX];
    memset(img, 0, L->statfs64.bytes);
    fput(img, L->statfs64.type, (uint64_t)sf.f_type);
    fput(img, L->statfs64.bsize, (uint64_t)sf.f_bsize);
    fput(img, L->statfs64.blocks, sf.f_blocks);
    fput(img, L->statfs64.bfree, sf.f_bfree);
    fput(img, L->statfs64.bavail, sf.f_bavail);
    fput(img, L->statfs64.files, sf.f_files);
    fput(img, L->statfs64.ffree, sf.f_ffree);
    fput(img, L->statfs64.fsid0, (uint32_t)sf.f_fsid.__val[0]);
    fput(img, L->statfs64.fsid1, (uint32_t)sf.f_fsid.__val[1]);
    fput(img, L->statfs64.namelen, (uint64_t)sf.f_namelen);
    fput(img, L->statfs64.frsize, (uint64_t)sf.f_frsize);
    fput(img, L->statfs64.flags, (uint64_t)sf.f_flags);
    return sys_copy_out((GuestAddr)c->a[2], img, L->statfs64.bytes);
}

/* ---- directories ------------------------------------------------------------- */

/* Directory cookies.  A 32-bit process on a real kernel gets 32-bit
 * directory offsets (ext4 folds its hash positions for 32-bit callers);
 * xbt is a 64-bit process and gets 64-bit ones, which glibc's non-LFS
 * readdir refuses with EOVERFLOW.  So a directory whose offsets do not fit
 * gets a table: the guest sees cookie i+1 for the i-th distinct host offset,
 * and lseek on that directory maps cookies back.  A table is tied to the
 * open file (fd, device, inode) and dropped on close/dup2 over the fd.
 * NYI: sharing a table with dup'ed descriptors of the same directory. */
typedef struct DirFold {
    int fd;
    dev_t dev;
    ino_t ino;
    uint32_t n, cap, hcap;
    int64_t *host;            /* cookie - 1 -> host offset */
    uint32_t *hash;           /* open addressing: host offset -> cookie (0 = empty) */
} DirFold;

static DirFold folds[64];
static pthread_mutex_t fold_lock = PTHREAD_MUTEX_INITIALIZER;

static void fold_free(DirFold *f)
{
    free(f->host);
    free(f->hash);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}

/* The table of fd, or a new one (create), or NULL.  Lock held. */
static DirFold *fold_find(int fd, bool create)
{
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode))
        return NULL;
    DirFold *free_slot = NULL;
    for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++) {
        DirFold *f = &folds[i];
        if (f->host && f->fd == fd) {
            if (f->dev == st.st_dev && f->ino == st.st_ino)
                return f;
            fold_free(f);             /* a stale table of a closed fd */
        }
        if (!f->host && !free_slot)
            free_slot = f;
    }
    if (!create)
        return NULL;
    if (!free_slot) {
        free_slot = &folds[(unsigned)fd % (sizeof folds / sizeof folds[0])];
        fold_free(free_slot);
    }
    free_slot->fd = fd;
    free_slot->dev = st.st_dev;
    free_slot->ino = st.st_ino;
    free_slot->cap = 256;
    free_slot->hcap = 512;
    free_slot->host = malloc(free_slot->cap * sizeof *free_slot->host);
    free_slot->hash = calloc(free_slot->hcap, sizeof *free_slot->hash);
    if (!free_slot->host || !free_slot->hash) {
        fold_free(free_slot);
        return NULL;
    }
    return free_slot;
}

static uint32_t fold_slot(const DirFold *f, int64_t off)
{
    uint64_t h = (uint64_t)off * 0x9e3779b97f4a7c15ull;
    uint32_t i = (uint32_t)(h >> 32) & (f->hcap - 1);
    while (f->hash[i] && f->host[f->hash[i] - 1] != off)
        i = (i + 1) & (f->hcap - 1);
    return i;
}

/* The cookie for host offset off; 0 when out of memory. */
static uint32_t fold_cookie(DirFold *f, int64_t off)
{
    uint32_t i = fold_slot(f, off);
    if (f->hash[i])
        return f->hash[i];
    if (f->n + 1 >= f->cap) {
        int64_t *nh = realloc(f->host, 2 * f->cap * sizeof *nh);
        if (!nh)
            return 0;
        f->host = nh;
        f->cap *= 2;
    }
    if (2 * (f->n + 1) > f->hcap) {
        uint32_t *nh = calloc(2 * f->hcap, sizeof *nh);
        if (!nh)
            return 0;
        free(f->hash);
        f->hash = nh;
        f->hcap *= 2;
        for (uint32_t k = 0; k < f->n; k++)
            f->hash[fold_slot(f, f->host[k])] = k + 1;
        i = fold_slot(f, off);
    }
    f->host[f->n++] = off;
    f->hash[i] = f->n;
    return f->n;
}

void sys_dir_drop(int fd)
{
    pthread_mutex_lock(&fold_lock);
    for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++)
        if (folds[i].host && folds[i].fd == fd)
            fold_free(&folds[i]);
    pthread_mutex_unlock(&fold_lock);
}

/* lseek on a folded directory: SYS_PASS when fd has no table. */
int64_t sys_dir_lseek(int fd, int64_t off, int whence)
{
    pthread_mutex_lock(&fold_lock);
    DirFold *f = fold_find(fd, false);
    int64_t ret = SYS_PASS;
    if (f) {
        off_t r;
        if (whence == SEEK_SET)
            r = off == 0 ? lseek(fd, 0, SEEK_SET)
                         : off > 0 && off <= f->n ? lseek(fd, f->host[off - 1], SEEK_SET)
                                                  : (errno = EINVAL, -1);
        else
            r = lseek(fd, off, whence);
        ret = r < 0 ? -(int64_t)errno : r == 0 ? 0 : (int64_t)fold_cookie(f, r);
        if (ret == 0 && r != 0)
            ret = -ENOMEM;
    }
    pthread_mutex_unlock(&fold_lock);
    return ret;
}

/* struct linux_dirent64 has one layout on every architecture (u64 ino,
 * s64 off, u16 reclen, u8 type, name): only its byte order changes. */
int64_t sys_getdents64(SysCtx *c)
{
    uint32_t count = (uint32_t)c->a[2];
    if (count > 65536)
        count = 65536;                  /* fewer entries per call is allowed */
    GuestAddr out = (GuestAddr)c->a[1];
    if (!gm_access_ok(out, count, PROT_WRITE))
        return -EFAULT;
    uint8_t *buf = malloc(count ? count : 1);
    if (!buf)
        return -ENOMEM;
    long n = syscall(SYS_getdents64, (int)c->a[0], buf, count);
    if (n < 0) {
        int e = errno;
        free(buf);
        return -e;
    }
    pthread_mutex_lock(&fold_lock);
    DirFold *f = NULL;
    bool big = false;
    for (long off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen)
        big |= ((struct dirent64 *)(buf + off))->d_off > INT32_MAX;
    f = fold_find((int)c->a[0], big);
    for (long off = 0; off < n;) {
        struct dirent64 *d = (struct dirent64 *)(buf + off);
        unsigned short reclen = d->d_reclen;
        int64_t doff = d->d_off;
        if (f && !(doff = fold_cookie(f, d->d_off))) {
            pthread_mutex_unlock(&fold_lock);
            free(buf);
            return -ENOMEM;
        }
        sys_st(&d->d_ino, 8, d->d_ino);
        sys_st(&d->d_off, 8, (uint64_t)doff);
        sys_st(&d->d_reclen, 2, reclen);
        off += reclen;
    }
    pthread_mutex_unlock(&fold_lock);
    int r = sys_copy_out(out, buf, (uint32_t)n);
    free(buf);
    return r < 0 ? r : n;
}

int64_t sys_getcwd(SysCtx *c)
{
    char buf[PATH_MAX];
    uint32_t size = (uint32_t)c->a[1];
    long n = syscall(SYS_getcwd, buf, size < sizeof buf ? size : sizeof buf);
    if (n < 0)
        return -errno;
    int r = sys_copy_out((GuestAddr)c->a[0], buf, (uint32_t)n);
    return r < 0 ? r : n;
}

int64_t sys_chdir(SysCtx *c)
{
    char path[2 * PATH_MAX];
    int r = sys_path((GuestAddr)c->a[0], path, sizeof path, true);
    return r < 0 ? r : sys_ret(chdir(path));
}

int64_t sys_fchdir(SysCtx *c) { return sys_ret(fchdir((int)c->a[0])); }

/* ---- names: create, remove, rename, link ---------------------------------------- */

#define PATH_ARG(var, arg, lookup)                                          \
    char var[2 * PATH_MAX];                                                 \
    do {                                                                    \
        int r_ = sys_path((GuestAddr)(arg), var, sizeof var, lookup);       \
        if (r_ < 0)                                                         \
            return r_;                                                      \
    } while (0)

int64_t sys_mkdir(SysCtx *c)
{
    PATH_ARG(p, c->a[0], false);
    return sys_ret(mkdirat(AT_FDCWD, p, (mode_t)c->a[1]));
}

int64_t sys_mkdirat(SysCtx *c)
{
    PATH_ARG(p, c->a[1], false);
    return sys_ret(mkdirat(sys_atfd(c->a[0]), p, (mode_t)c->a[2]));
}

int64_t sys_rmdir(SysCtx *c)
{
    PATH_ARG(p, c->a[0], false);
    return sys_ret(unlinkat(AT_FDCWD, p, AT_REMOVEDIR));
}

int64_t sys_unlink(SysCtx *c)
{
    PATH_ARG(p, c->a[0], false);
    return sys_ret(unlinkat(AT_FDCWD, p, 0));
}

int64_t sys_unlinkat(SysCtx *c)
{
    PATH_ARG(p, c->a[1], false);
    int fl = atflags(c->a[2]);
    return fl < 0 ? -EINVAL : sys_ret(unlinkat(sys_atfd(c->a[0]), p, fl));
}

int64_t sys_rename(SysCtx *c)
{
    PATH_ARG(a, c->a[0], false);
    PATH_ARG(b, c->a[1], false);
    return sys_ret(renameat(AT_FDCWD, a, AT_FDCWD, b));
}

int64_t sys_renameat(SysCtx *c)
{
    PATH_ARG(a, c->a[1], false);
    PATH_ARG(b, c->a[3], false);
    return sys_ret(renameat(sys_atfd(c->a[0]), a, sys_atfd(c->a[2]), b));
}

/* RENAME_* flags are the same on every architecture (linux/fs.h). */
int64_t sys_renameat2(SysCtx *c)
{
    PATH_ARG(a, c->a[1], false);
    PATH_ARG(b, c->a[3], false);
    return sys_ret(syscall(SYS_renameat2, sys_atfd(c->a[0]), a, sys_atfd(c->a[2]), b,
                           (unsigned)c->a[4]));
}

int64_t sys_link(SysCtx *c)
{
    PATH_ARG(a, c->a[0], false);
    PATH_ARG(b, c->a[1], false);
    return sys_ret(linkat(AT_FDCWD, a, AT_FDCWD, b, 0));
}

int64_t sys_linkat(SysCtx *c)
{
    PATH_ARG(a, c->a[1], false);
    PATH_ARG(b, c->a[3], false);
    int fl = atflags(c->a[4]);
    return fl < 0 ? -EINVAL : sys_ret(linkat(sys_atfd(c->a[0]), a, sys_atfd(c->a[2]), b, fl));
}

int64_t sys_symlink(SysCtx *c)
{
    char target[PATH_MAX];
    int r = sys_strin((GuestAddr)c->a[0], target, sizeof target);
    if (r < 0)
        return r;
    PATH_ARG(p, c->a[1], false);
    return sys_ret(symlinkat(target, AT_FDCWD, p));
}

int64_t sys_symlinkat(SysCtx *c)
{
    char target[PATH_MAX];
    int r = sys_strin((GuestAddr)c->a[0], target, sizeof target);
    if (r < 0)
        return r;
    PATH_ARG(p, c->a[2], false);
    return sys_ret(symlinkat(target, sys_atfd(c->a[1]), p));
}

static int64_t do_readlinkat(int dirfd, GuestAddr gpath, GuestAddr gbuf, uint32_t size)
{
    char path[PATH_MAX], buf[2 * PATH_MAX];
    int r = sys_strin(gpath, path, sizeof path);
    if (r < 0)
        return r;
    if ((int32_t)size <= 0)
        return -EINVAL;
    ssize_t n;
    if (rt_proc.exe_path && sys_is_proc_exe(path)) {
        n = (ssize_t)strlen(rt_proc.exe_path);
        memcpy(buf, rt_proc.exe_path, (size_t)n);
    } else {
        char hpath[2 * PATH_MAX];
        if ((r = sys_path(gpath, hpath, sizeof hpath, true)) < 0)
            return r;
        n = readlinkat(dirfd, hpath, buf, sizeof buf);
        if (n < 0)
            return -errno;
    }
    if ((uint32_t)n > size)
        n = size;
    r = sys_copy_out(gbuf, buf, (uint32_t)n);
    return r < 0 ? r : n;
}

int64_t sys_readlink(SysCtx *c)
{
    return do_readlinkat(AT_FDCWD, (GuestAddr)c->a[0], (GuestAddr)c->a[1], (uint32_t)c->a[2]);
}

int64_t sys_readlinkat(SysCtx *c)
{
    return do_readlinkat(sys_atfd(c->a[0]), (GuestAddr)c->a[1], (GuestAddr)c->a[2],
                         (uint32_t)c->a[3]);
}

/* ---- access, modes, owners -------------------------------------------------------- */

/* F_OK/R_OK/W_OK/X_OK are the same everywhere (POSIX values in linux). */
int64_t sys_access(SysCtx *c)
{
    PATH_ARG(p, c->a[0], true);
    return sys_ret(syscall(SYS_faccessat, AT_FDCWD, p, (int)c->a[1]));
}

int64_t sys_faccessat(SysCtx *c)
{
    PATH_ARG(p, c->a[1], true);
    return sys_ret(syscall(SYS_faccessat, sys_atfd(c->a[0]), p, (int)c->a[2]));
}

int64_t sys_faccessat2(SysCtx *c)
{
    PATH_ARG(p, c->a[1], true);
    int fl = atflags(c->a[3]);
    return fl < 0 ? -EINVAL
                  : sys_ret(syscall(SYS_faccessat2, sys_atfd(c->a[0]), p, (int)c->a[2], fl));
}

int64_t sys_chmod(SysCtx *c)
{
    PATH_ARG(p, c->a[0], false);
    return sys_ret(fchmodat(AT_FDCWD, p, (mode_t)c->a[1], 0));
}

int64_t sys_fchmod(SysCtx *c) { return sys_ret(fchmod((int)c->a[0], (mode_t)c->a[1])); }

int64_t sys_fchmodat(SysCtx *c)
{
    PATH_ARG(p, c->a[1], false);
    return sys_ret(syscall(SYS_fchmodat, sys_atfd(c->a[0]), p, (mode_t)c->a[2]));
}

int64_t sys_chown(SysCtx *c)
{
    PATH_ARG(p, c->a[0], false);
    int fl = c->sc->variant == V_LPATH ? AT_SYMLINK_NOFOLLOW : 0;
    return sys_ret(fchownat(AT_FDCWD, p, (uid_t)c->a[1], (gid_t)c->a[2], fl));
}

int64_t sys_fchown(SysCtx *c)
{
    return sys_ret(fchown((int)c->a[0], (uid_t)c->a[1], (gid_t)c->a[2]));
}

int64_t sys_fchownat(SysCtx *c)
{
    PATH_ARG(p, c->a[1], false);
    int fl = atflags(c->a[4]);
    return fl < 0 ? -EINVAL
                  : sys_ret(fchownat(sys_atfd(c->a[0]), p, (uid_t)c->a[2], (gid_t)c->a[3], fl));
}

int64_t sys_umask(SysCtx *c) { return umask((mode_t)c->a[0]); }

/* ---- sizes, sync, times, nodes ---------------------------------------------------- */

int64_t sys_truncate(SysCtx *c)
{
    PATH_ARG(p, c->a[0], false);
    return sys_ret(truncate(p, c->a[1]));
}

int64_t sys_ftruncate(SysCtx *c) { return sys_ret(ftruncate((int)c->a[0], c->a[1])); }
int64_t sys_fsync(SysCtx *c) { return sys_ret(fsync((int)c->a[0])); }
int64_t sys_fdatasync(SysCtx *c) { return sys_ret(fdatasync((int)c->a[0])); }
int64_t sys_syncfs(SysCtx *c) { return sys_ret(syncfs((int)c->a[0])); }

int64_t sys_sync(SysCtx *c)
{
    sync();
    return 0;
}

/* utimensat(dirfd, path or NULL, times[2] or NULL, flags); UTIME_NOW and
 * UTIME_OMIT travel in tv_nsec and are the same everywhere. */
int64_t sys_utimensat(SysCtx *c)
{
    bool ts64 = c->sc->variant == V_TS64;
    char path[2 * PATH_MAX];
    const char *pp = NULL;
    int r;
    if (c->a[1]) {
        if ((r = sys_path((GuestAddr)c->a[1], path, sizeof path, false)) < 0)
            return r;
        pp = path;
    }
    struct timespec ts[2], *tsp = NULL;
    if (c->a[2]) {
        uint32_t size = ts64 ? L->timespec64.bytes : L->timespec.bytes;
        if ((r = sys_timespec_in((GuestAddr)c->a[2], ts64, &ts[0])) < 0 ||
            (r = sys_timespec_in((GuestAddr)c->a[2] + size, ts64, &ts[1])) < 0)
            return r;
        tsp = ts;
    }
    int fl = atflags(c->a[3]);
    if (fl < 0)
        return -EINVAL;
    return sys_ret(syscall(SYS_utimensat, sys_atfd(c->a[0]), pp, tsp, fl));
}

/* The host kernel decodes the 32-bit dev argument as the guest's does. */
int64_t sys_mknod(SysCtx *c)
{
    PATH_ARG(p, c->a[0], false);
    return sys_ret(syscall(SYS_mknodat, AT_FDCWD, p, (mode_t)c->a[1], (unsigned)c->a[2]));
}

int64_t sys_mknodat(SysCtx *c)
{
    PATH_ARG(p, c->a[1], false);
    return sys_ret(syscall(SYS_mknodat, sys_atfd(c->a[0]), p, (mode_t)c->a[2], (unsigned)c->a[3]));
}

/* ---- extended attributes ---------------------------------------------------------- */

/* Values are bytes the kernel never interprets per architecture (POSIX
 * ACLs are little-endian on every CPU); XATTR_CREATE/XATTR_REPLACE are
 * generic.  Variants: V_PATH (follows links), V_LPATH, V_FD. */

static int xattr_target(SysCtx *c, char *path, size_t size)
{
    return c->sc->variant == V_FD ? 0 : sys_path((GuestAddr)c->a[0], path, size, true);
}

static int xattr_name(GuestAddr g, char *name)
{
    int r = sys_strin(g, name, XATTR_NAME_MAX + 1);
    return r == -ENAMETOOLONG ? -ERANGE : r;
}

/* getxattr(target, name, value, size) */
int64_t sys_getxattr(SysCtx *c)
{
    char path[PATH_MAX + 256], name[XATTR_NAME_MAX + 1];
    int r, fd = (int)c->a[0];
    if ((r = xattr_target(c, path, sizeof path)) < 0 || (r = xattr_name((GuestAddr)c->a[1], name)) < 0)
        return r;
    uint32_t size = (uint32_t)c->a[3];
    void *buf = NULL;
    if (size && !(buf = sys_gbuf((GuestAddr)c->a[2], size, PROT_WRITE, &r)))
        return r;
    switch (c->sc->variant) {
    case V_FD: return sys_ret(fgetxattr(fd, name, buf, size));
    case V_LPATH: return sys_ret(lgetxattr(path, name, buf, size));
    default: return sys_ret(getxattr(path, name, buf, size));
    }
}

/* setxattr(target, name, value, size, flags) */
int64_t sys_setxattr(SysCtx *c)
{
    char path[PATH_MAX + 256], name[XATTR_NAME_MAX + 1];
    int r, fd = (int)c->a[0];
    if ((r = xattr_target(c, path, sizeof path)) < 0 || (r = xattr_name((GuestAddr)c->a[1], name)) < 0)
        return r;
    uint32_t size = (uint32_t)c->a[3];
    int flags = (int)c->a[4];
    const void *buf = NULL;
    if (size && !(buf = sys_gbuf((GuestAddr)c->a[2], size, PROT_READ, &r)))
        return r;
    switch (c->sc->variant) {
    case V_FD: return sys_ret(fsetxattr(fd, name, buf, size, flags));
    case V_LPATH: return sys_ret(lsetxattr(path, name, buf, size, flags));
    default: return sys_ret(setxattr(path, name, buf, size, flags));
    }
}

/* listxattr(target, list, size) */
int64_t sys_listxattr(SysCtx *c)
{
    char path[PATH_MAX + 256];
    int r, fd = (int)c->a[0];
    if ((r = xattr_target(c, path, sizeof path)) < 0)
        return r;
    uint32_t size = (uint32_t)c->a[2];
    char *buf = NULL;
    if (size && !(buf = sys_gbuf((GuestAddr)c->a[1], size, PROT_WRITE, &r)))
        return r;
    switch (c->sc->variant) {
    case V_FD: return sys_ret(flistxattr(fd, buf, size));
    case V_LPATH: return sys_ret(llistxattr(path, buf, size));
    default: return sys_ret(listxattr(path, buf, size));
    }
}

/* removexattr(target, name) */
int64_t sys_removexattr(SysCtx *c)
{
    char path[PATH_MAX + 256], name[XATTR_NAME_MAX + 1];
    int r, fd = (int)c->a[0];
    if ((r = xattr_target(c, path, sizeof path)) < 0 || (r = xattr_name((GuestAddr)c->a[1], name)) < 0)
        return r;
    switch (c->sc->variant) {
    case V_FD: return sys_ret(fremovexattr(fd, name));
    case V_LPATH: return sys_ret(lremovexattr(path, name));
    default: return sys_ret(removexattr(path, name));
    }
}
