/*
 * sys_file.c - file descriptors: read/write and their vector and
 * positioned forms, open/close/dup/pipe, lseek, fcntl with its lock
 * structures, poll/select, and the small fd makers (eventfd, memfd).
 * Paths and metadata (stat, mkdir, rename, ...) are in sys_fs.c; ioctl in
 * sys_ioctl.c.
 *
 * Guest buffers are handed to the host kernel directly (guest memory is
 * host memory inside the window) after the page-table check; a read or
 * write whose buffer is only partly mapped is shortened to the mapped
 * prefix, the way the kernel stops at the first fault.  Structures
 * (iovec, flock, pollfd, fd_set) are converted field by field.
 */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/file.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "sys_abi.h"

#define L (sys_cur.L)

int sys_atfd(int64_t g)
{
    return gk_is(K_AT_FDCWD, g) ? (int)sys_k[K_AT_FDCWD].host : (int)g;
}

int sys_oflags(int64_t g)
{
    uint64_t unknown = 0;
    int h = (int)sys_flags_g2h(KC_OFLAG, (uint32_t)g, &unknown);
    if (unknown)
        sys_warn_once("oflags", (uint32_t)unknown, "open flags %#llx unknown, ignored",
                      (unsigned long long)unknown);
    return h;
}

/* ---- read and write ------------------------------------------------------ */

/* The mapped prefix of a guest buffer, as a host pointer. */
static void *io_buf(GuestAddr a, uint32_t len, int prot, uint32_t *n, int *err)
{
    *n = sys_span(a, len, prot);
    if (len && !*n) {
        *err = -EFAULT;
        return NULL;
    }
    return sys_gbuf(a, *n, prot, err);
}

int64_t sys_read(SysCtx *c)
{
    uint32_t n;
    int err;
    void *p = io_buf((GuestAddr)c->a[1], (uint32_t)c->a[2], PROT_WRITE, &n, &err);
    if (!p)
        return err;
    int64_t r = sys_ret(read((int)c->a[0], p, n));
    if (r > 0)
        sys_fdkind_fix_read((int)c->a[0], p, r);
    return r;
}

int64_t sys_write(SysCtx *c)
{
    uint32_t n;
    int err;
    void *p = io_buf((GuestAddr)c->a[1], (uint32_t)c->a[2], PROT_READ, &n, &err);
    if (!p)
        return err;
    uint8_t tmp[8];
    const void *fixed = sys_fdkind_fix_write((int)c->a[0], p, n, tmp);
    if (fixed)
        return sys_ret(write((int)c->a[0], fixed, 8));
    return sys_ret(write((int)c->a[0], p, n));
}

int64_t sys_pread64(SysCtx *c)
{
    uint32_t n;
    int err;
    void *p = io_buf((GuestAddr)c->a[1], (uint32_t)c->a[2], PROT_WRITE, &n, &err);
    return p ? sys_ret(pread((int)c->a[0], p, n, c->a[3])) : err;
}

int64_t sys_pwrite64(SysCtx *c)
{
    uint32_t n;
    int err;
    void *p = io_buf((GuestAddr)c->a[1], (uint32_t)c->a[2], PROT_READ, &n, &err);
    return p ? sys_ret(pwrite((int)c->a[0], p, n, c->a[3])) : err;
}

/* Guest iovec array -> host iovecs; 0 or -errno. */
int sys_iov_in(GuestAddr giov, int64_t cnt, int prot, struct iovec *hiov)
{
    if (cnt < 0 || cnt > IOV_MAX)
        return -EINVAL;
    uint32_t esz = L->iovec.bytes;
    uint8_t img[64];
    if (esz > sizeof img)
        return -EINVAL;
    for (int64_t i = 0; i < cnt; i++) {
        int r = sys_copy_in(img, giov + (GuestAddr)(i * esz), esz);
        if (r < 0)
            return r;
        GuestAddr base = (GuestAddr)fget(img, L->iovec.base);
        uint32_t len = (uint32_t)fget(img, L->iovec.len);
        if ((int32_t)len < 0)
            return -EINVAL;
        int err;
        void *p = sys_gbuf(base, len, prot, &err);
        if (!p)
            return err;
        hiov[i].iov_base = p;
        hiov[i].iov_len = len;
    }
    return 0;
}

int64_t sys_readv(SysCtx *c)
{
    static __thread struct iovec hiov[IOV_MAX];
    bool rd = c->sc->variant == V_READ;
    int r = sys_iov_in((GuestAddr)c->a[1], c->a[2], rd ? PROT_WRITE : PROT_READ, hiov);
    if (r < 0)
        return r;
    int fd = (int)c->a[0], cnt = (int)c->a[2];
    return sys_ret(rd ? readv(fd, hiov, cnt) : writev(fd, hiov, cnt));
}

int64_t sys_preadv(SysCtx *c)
{
    static __thread struct iovec hiov[IOV_MAX];
    bool rd = c->sc->variant == V_READ;
    int r = sys_iov_in((GuestAddr)c->a[1], c->a[2], rd ? PROT_WRITE : PROT_READ, hiov);
    if (r < 0)
        return r;
    off_t pos = (off_t)((uint64_t)(uint32_t)c->a[4] << 32 | (uint32_t)c->a[3]);
    int fd = (int)c->a[0], cnt = (int)c->a[2];
    return sys_ret(rd ? preadv(fd, hiov, cnt, pos) : pwritev(fd, hiov, cnt, pos));
}

/* ---- open, close, dup, pipe, lseek ------------------------------------------- */

static int64_t do_openat(SysCtx *c, int64_t gdirfd, GuestAddr gpath, int64_t gflags, int64_t mode)
{
    char path[2 * PATH_MAX];
    int r = sys_path(gpath, path, sizeof path, true);
    if (r < 0)
        return r;
    int hflags = sys_oflags(gflags);
    int dirfd = sys_atfd(gdirfd);
    int64_t p = sys_procfs_open(c, dirfd, path, hflags, (int)mode);
    if (p != SYS_PASS)
        return p;
    return sys_ret(openat(dirfd, path, hflags, (mode_t)mode));
}

int64_t sys_open(SysCtx *c)
{
    return do_openat(c, gk(K_AT_FDCWD), (GuestAddr)c->a[0], c->a[1], c->a[2]);
}

int64_t sys_openat(SysCtx *c)
{
    return do_openat(c, c->a[0], (GuestAddr)c->a[1], c->a[2], c->a[3]);
}

int64_t sys_creat(SysCtx *c)
{
    return do_openat(c, gk(K_AT_FDCWD), (GuestAddr)c->a[0],
                     gk(K_O_CREAT) | gk(K_O_WRONLY) | gk(K_O_TRUNC), c->a[1]);
}

int64_t sys_close(SysCtx *c)
{
    sys_dir_drop((int)c->a[0]);
    sys_fdkind_forget((int)c->a[0]);
    return sys_ret(close((int)c->a[0]));
}

int64_t sys_dup(SysCtx *c) { return sys_ret(dup((int)c->a[0])); }

int64_t sys_dup2(SysCtx *c)
{
    int r = dup2((int)c->a[0], (int)c->a[1]);
    if (r >= 0 && c->a[0] != c->a[1]) {
        sys_dir_drop(r);
        sys_fdkind_forget(r);
    }
    return sys_ret(r);
}

int64_t sys_dup3(SysCtx *c)
{
    int r = dup3((int)c->a[0], (int)c->a[1], sys_oflags(c->a[2]));
    if (r >= 0) {
        sys_dir_drop(r);
        sys_fdkind_forget(r);
    }
    return sys_ret(r);
}

/* pipe(fds) as ARM and PowerPC have it, and pipe2(fds, flags) everywhere. */
int64_t sys_pipe2(SysCtx *c)
{
    int fds[2];
    int flags = c->sc->kinds[1] == A_OFLAGS ? sys_oflags(c->a[1]) : 0;
    if (pipe2(fds, flags) < 0)
        return -errno;
    uint8_t img[8];
    st_g32(img, (uint32_t)fds[0]);
    st_g32(img + 4, (uint32_t)fds[1]);
    int r = sys_copy_out((GuestAddr)c->a[0], img, 8);
    if (r < 0) {
        close(fds[0]);
        close(fds[1]);
    }
    return r < 0 ? r : 0;
}

int64_t sys_lseek(SysCtx *c)
{
    int64_t d = sys_dir_lseek((int)c->a[0], c->a[1], (int)c->a[2]);
    if (d != SYS_PASS)
        return d;
    off_t r = lseek((int)c->a[0], (off_t)c->a[1], (int)c->a[2]);
    if (r < 0)
        return -errno;
    return r > INT32_MAX ? -EOVERFLOW : r;
}

int64_t sys__llseek(SysCtx *c)
{
    off_t off = (off_t)((uint64_t)(uint32_t)c->a[1] << 32 | (uint32_t)c->a[2]);
    int64_t d = sys_dir_lseek((int)c->a[0], off, (int)c->a[4]);
    off_t r = d != SYS_PASS ? (off_t)d : lseek((int)c->a[0], off, (int)c->a[4]);
    if (r < 0)
        return d != SYS_PASS ? d : -errno;
    uint8_t img[8];
    sys_st(img, 8, (uint64_t)r);
    return sys_copy_out((GuestAddr)c->a[3], img, 8);
}

/* ---- fcntl ----------------------------------------------------------------------- */

/* Guest struct flock/flock64 at g -> host struct flock. */
static int flock_in(GuestAddr g, bool is64, struct flock *h)
{
    const SysField *f = is64 ? &L->flock64.type : &L->flock.type;
    uint32_t size = is64 ? L->flock64.bytes : L->flock.bytes;
    uint8_t img[SYS_IMG_MAX];
    int r = sys_copy_in(img, g, size);
    if (r < 0)
        return r;
    /* fields in structs.def order: type, whence, start, len, pid */
    int k = sys_kval_g(KC_LOCKTYPE, fgets64(img, f[0]));
    memset(h, 0, sizeof *h);
    h->l_type = (short)(k >= 0 ? sys_k[k].host : -1);
    h->l_whence = (short)fgets64(img, f[1]);
    h->l_start = fgets64(img, f[2]);
    h->l_len = fgets64(img, f[3]);
    h->l_pid = (pid_t)fgets64(img, f[4]);
    return 0;
}

static int flock_out(GuestAddr g, bool is64, const struct flock *h)
{
    const SysField *f = is64 ? &L->flock64.type : &L->flock.type;
    uint32_t size = is64 ? L->flock64.bytes : L->flock.bytes;
    uint8_t img[SYS_IMG_MAX];
    int r = sys_copy_in(img, g, size);     /* keep the guest's padding */
    if (r < 0)
        return r;
    if (!ffits(f[2], h->l_start) || !ffits(f[3], h->l_len))
        return -EOVERFLOW;
    int k = sys_kval_h(KC_LOCKTYPE, h->l_type);
    fput(img, f[0], (uint64_t)(k >= 0 ? gk(k) : h->l_type));
    fput(img, f[1], (uint64_t)h->l_whence);
    fput(img, f[2], (uint64_t)h->l_start);
    fput(img, f[3], (uint64_t)h->l_len);
    fput(img, f[4], (uint64_t)h->l_pid);
    return sys_copy_out(g, img, size);
}

static int64_t fcntl_lock(int fd, int hcmd, GuestAddr g, bool is64, bool get)
{
    struct flock fl;
    int r = flock_in(g, is64, &fl);
    if (r < 0)
        return r;
    if (fl.l_type < 0)
        return -EINVAL;
    if (fcntl(fd, hcmd, &fl) < 0)
        return -errno;
    return get ? flock_out(g, is64, &fl) : 0;
}

int64_t sys_fcntl(SysCtx *c)
{
    int fd = (int)c->a[0];
    uint32_t arg = (uint32_t)c->a[2];
    int k = sys_kval_g(KC_FCNTL, c->a[1]);
    if (k < 0) {
        sys_warn_once("fcntl", (uint32_t)c->a[1], "unsupported fcntl command %lld",
                      (long long)c->a[1]);
        return -EINVAL;
    }
    int hcmd = (int)sys_k[k].host;
    bool f64 = c->sc->variant == V_64;
    switch (k) {
    case K_F_DUPFD: case K_F_DUPFD_CLOEXEC: case K_F_SETOWN: case K_F_GETOWN:
    case K_F_GETPIPE_SZ: case K_F_SETPIPE_SZ: case K_F_ADD_SEALS: case K_F_GET_SEALS:
    case K_F_NOTIFY:
        return sys_ret(fcntl(fd, hcmd, (int)arg));
    case K_F_GETFD: {
        int r = fcntl(fd, hcmd);
        return r < 0 ? -errno : (int64_t)sys_flags_h2g(KC_FDFLAG, (uint32_t)r, NULL);
    }
    case K_F_SETFD:
        return sys_ret(fcntl(fd, hcmd, (int)sys_flags_g2h(KC_FDFLAG, arg, NULL)));
    case K_F_GETFL: {
        int r = fcntl(fd, hcmd);
        return r < 0 ? -errno : (int64_t)sys_flags_h2g(KC_OFLAG, (uint32_t)r, NULL);
    }
    case K_F_SETFL:
        return sys_ret(fcntl(fd, hcmd, sys_oflags(arg)));
    case K_F_SETSIG: {
        int h = arg ? sys_signal_to_host((int)arg) : 0;
        if (arg && !h)
            return -EINVAL;
        return sys_ret(fcntl(fd, hcmd, h));
    }
    case K_F_GETSIG: {
        int r = fcntl(fd, hcmd);
        return r <= 0 ? sys_ret(r) : sys_signal_to_guest(r);
    }
    case K_F_SETLEASE: {
        int lk = sys_kval_g(KC_LOCKTYPE, arg);
        return lk < 0 ? -EINVAL : sys_ret(fcntl(fd, hcmd, (int)sys_k[lk].host));
    }
    case K_F_GETLEASE: {
        int r = fcntl(fd, hcmd);
        int lk = r < 0 ? -1 : sys_kval_h(KC_LOCKTYPE, r);
        return r < 0 ? -errno : (lk >= 0 ? gk(lk) : r);
    }
    case K_F_GETLK: case K_F_SETLK: case K_F_SETLKW:
        return fcntl_lock(fd, hcmd, arg, false, k == K_F_GETLK);
    case K_F_GETLK64: case K_F_SETLK64: case K_F_SETLKW64:
        return fcntl_lock(fd, hcmd, arg, true, k == K_F_GETLK64);
    case K_F_OFD_GETLK: case K_F_OFD_SETLK: case K_F_OFD_SETLKW:
        return fcntl_lock(fd, hcmd, arg, f64, k == K_F_OFD_GETLK);
    case K_F_GETOWN_EX: case K_F_SETOWN_EX: {
        struct f_owner_ex ox;
        uint8_t img[8];
        if (k == K_F_SETOWN_EX) {
            int r = sys_copy_in(img, arg, 8);
            if (r < 0)
                return r;
            ox.type = (enum __pid_type)ld_g32(img);
            ox.pid = (pid_t)ld_g32(img + 4);
            return sys_ret(fcntl(fd, hcmd, &ox));
        }
        if (fcntl(fd, hcmd, &ox) < 0)
            return -errno;
        st_g32(img, (uint32_t)ox.type);
        st_g32(img + 4, (uint32_t)ox.pid);
        return sys_copy_out(arg, img, 8);
    }
    }
    sys_warn_once("fcntl", (uint32_t)c->a[1], "unsupported fcntl command %s", sys_k[k].name);
    return -EINVAL;
}

/* ---- poll and select ----------------------------------------------------------- */

/* Guest timespec (ts32 or ts64 layout) at g -> host; 0 or -errno. */
int sys_timespec_in(GuestAddr g, bool ts64, struct timespec *ts)
{
    const SysField *f = ts64 ? &L->timespec64.sec : &L->timespec.sec;
    uint32_t size = ts64 ? L->timespec64.bytes : L->timespec.bytes;
    uint8_t img[32];
    int r = sys_copy_in(img, g, size);
    if (r < 0)
        return r;
    ts->tv_sec = fgets64(img, f[0]);
    /* the kernel ignores the upper half of tv_nsec for 32-bit callers */
    ts->tv_nsec = (int32_t)fget(img, f[1]);
    return 0;
}

int sys_timespec_out(GuestAddr g, bool ts64, const struct timespec *ts)
{
    const SysField *f = ts64 ? &L->timespec64.sec : &L->timespec.sec;
    uint32_t size = ts64 ? L->timespec64.bytes : L->timespec.bytes;
    uint8_t img[32];
    memset(img, 0, sizeof img);
    fput(img, f[0], (uint64_t)ts->tv_sec);
    fput(img, f[1], (uint64_t)ts->tv_nsec);
    return sys_copy_out(g, img, size);
}

static int64_t do_poll(GuestAddr gfds, uint32_t nfds, const struct timespec *ts,
                       const sigset_t *mask, int timeout_ms, bool use_ppoll)
{
    if (nfds > 65536)
        return -EINVAL;
    struct pollfd *h = nfds ? calloc(nfds, sizeof *h) : NULL;
    uint8_t *img = nfds ? malloc((size_t)nfds * L->pollfd.bytes) : NULL;
    int64_t ret;
    if (nfds && (!h || !img)) {
        ret = -ENOMEM;
        goto out;
    }
    uint32_t bytes = nfds * L->pollfd.bytes;
    ret = sys_copy_in(img, gfds, bytes);
    if (ret < 0)
        goto out;
    for (uint32_t i = 0; i < nfds; i++) {
        uint8_t *e = img + i * L->pollfd.bytes;
        h[i].fd = (int)fgets64(e, L->pollfd.fd);
        h[i].events = (short)sys_flags_g2h(KC_POLL, fget(e, L->pollfd.events), NULL);
    }
    int r = use_ppoll ? ppoll(h, nfds, ts, mask) : poll(h, nfds, timeout_ms);
    if (r < 0) {
        ret = -errno;
        goto out;
    }
    for (uint32_t i = 0; i < nfds; i++)
        fput(img + i * L->pollfd.bytes, L->pollfd.revents,
             sys_flags_h2g(KC_POLL, (uint16_t)h[i].revents, NULL));
    ret = sys_copy_out(gfds, img, bytes);
    if (ret == 0)
        ret = r;
out:
    free(h);
    free(img);
    return ret;
}

int64_t sys_poll(SysCtx *c)
{
    return do_poll((GuestAddr)c->a[0], (uint32_t)c->a[1], NULL, NULL, (int)c->a[2], false);
}

/* Reads a guest sigset of size bytes (must be the guest's sigset size). */
static int sigmask_in(GuestAddr g, uint32_t size, sigset_t *h)
{
    uint32_t words[GUEST_NSIG / 32];
    if (size != L->sigaction.mask.size || size > sizeof words)
        return -EINVAL;
    uint8_t img[sizeof words];
    int r = sys_copy_in(img, g, size);
    if (r < 0)
        return r;
    for (uint32_t i = 0; i < size / 4; i++)
        words[i] = ld_g32(img + 4 * i);
    sys_sigset_g2h(words, size / 4, h);
    return 0;
}

int64_t sys_ppoll(SysCtx *c)
{
    bool ts64 = c->sc->variant == V_TS64;
    struct timespec ts, *tsp = NULL;
    sigset_t mask, *maskp = NULL;
    GuestAddr gts = (GuestAddr)c->a[2];
    int r;
    if (gts) {
        if ((r = sys_timespec_in(gts, ts64, &ts)) < 0)
            return r;
        tsp = &ts;
    }
    if (c->a[3]) {
        if ((r = sigmask_in((GuestAddr)c->a[3], (uint32_t)c->a[4], &mask)) < 0)
            return r;
        maskp = &mask;
    }
    int64_t ret = do_poll((GuestAddr)c->a[0], (uint32_t)c->a[1], tsp, maskp, 0, true);
    if (tsp && (ret >= 0 || ret == -EINTR)) {
        /* the kernel writes back the time left */
        if ((r = sys_timespec_out(gts, ts64, &ts)) < 0 && ret >= 0)
            return r;
    }
    return ret;
}

/* fd_set: bit n lives in guest word n / 32 (32-bit longs, guest byte order). */
static int fdset_in(GuestAddr g, int n, fd_set *h)
{
    FD_ZERO(h);
    if (!g)
        return 0;
    uint32_t words = (uint32_t)(n + 31) / 32;
    uint8_t img[FD_SETSIZE / 8];
    int r = sys_copy_in(img, g, words * 4);
    if (r < 0)
        return r;
    for (int fd = 0; fd < n; fd++)
        if (ld_g32(img + 4 * (fd / 32)) & (1u << (fd % 32)))
            FD_SET(fd, h);
    return 0;
}

static int fdset_out(GuestAddr g, int n, const fd_set *h)
{
    if (!g)
        return 0;
    uint32_t words = (uint32_t)(n + 31) / 32;
    uint8_t img[FD_SETSIZE / 8];
    memset(img, 0, sizeof img);
    for (int fd = 0; fd < n; fd++)
        if (FD_ISSET(fd, h))
            st_g32(img + 4 * (fd / 32), ld_g32(img + 4 * (fd / 32)) | (1u << (fd % 32)));
    return sys_copy_out(g, img, words * 4);
}

static int64_t do_select(SysCtx *c, struct timespec *ts, const sigset_t *mask)
{
    int n = (int)c->a[0];
    fd_set in, out, ex;
    if (n < 0)
        return -EINVAL;
    if (n > FD_SETSIZE)
        n = FD_SETSIZE;   /* NYI: more than FD_SETSIZE descriptors */
    int r;
    if ((r = fdset_in((GuestAddr)c->a[1], n, &in)) < 0 ||
        (r = fdset_in((GuestAddr)c->a[2], n, &out)) < 0 ||
        (r = fdset_in((GuestAddr)c->a[3], n, &ex)) < 0)
        return r;
    int ret = pselect(n, &in, &out, &ex, ts, mask);
    if (ret < 0)
        return -errno;
    if ((r = fdset_out((GuestAddr)c->a[1], n, &in)) < 0 ||
        (r = fdset_out((GuestAddr)c->a[2], n, &out)) < 0 ||
        (r = fdset_out((GuestAddr)c->a[3], n, &ex)) < 0)
        return r;
    return ret;
}

/* _newselect(n, in, out, ex, struct timeval *) */
int64_t sys_select(SysCtx *c)
{
    GuestAddr gtv = (GuestAddr)c->a[4];
    struct timespec ts, *tsp = NULL;
    uint8_t img[32];
    if (gtv) {
        int r = sys_copy_in(img, gtv, L->timeval.bytes);
        if (r < 0)
            return r;
        int64_t usec = fgets64(img, L->timeval.usec);
        ts.tv_sec = fgets64(img, L->timeval.sec);
        if (ts.tv_sec < 0 || usec < 0)
            return -EINVAL;
        ts.tv_sec += usec / 1000000;
        ts.tv_nsec = (usec % 1000000) * 1000;
        tsp = &ts;
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int64_t ret = do_select(c, tsp, NULL);
    if (tsp) {
        /* Linux writes back the time left */
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        int64_t left = (tsp->tv_sec - (now.tv_sec - start.tv_sec)) * 1000000 +
                       (tsp->tv_nsec - (now.tv_nsec - start.tv_nsec)) / 1000;
        if (left < 0)
            left = 0;
        fput(img, L->timeval.sec, (uint64_t)(left / 1000000));
        fput(img, L->timeval.usec, (uint64_t)(left % 1000000));
        sys_copy_out(gtv, img, L->timeval.bytes);
    }
    return ret;
}

/* pselect6(n, in, out, ex, timespec *, { sigset *, size } *) */
int64_t sys_pselect6(SysCtx *c)
{
    bool ts64 = c->sc->variant == V_TS64;
    GuestAddr gts = (GuestAddr)c->a[4];
    struct timespec ts, *tsp = NULL;
    sigset_t mask, *maskp = NULL;
    int r;
    if (gts) {
        if ((r = sys_timespec_in(gts, ts64, &ts)) < 0)
            return r;
        tsp = &ts;
    }
    if (c->a[5]) {
        uint8_t img[8];
        if ((r = sys_copy_in(img, (GuestAddr)c->a[5], 8)) < 0)
            return r;
        GuestAddr gss = ld_g32(img);
        if (gss) {
            if ((r = sigmask_in(gss, ld_g32(img + 4), &mask)) < 0)
                return r;
            maskp = &mask;
        }
    }
    int64_t ret = do_select(c, tsp, maskp);
    if (tsp)
        sys_timespec_out(gts, ts64, &ts);
    return ret;
}

/* ---- epoll -------------------------------------------------------------------------- */

/* EPOLL* event bits, EPOLL_CTL_* and EPOLL_CLOEXEC (= O_CLOEXEC) are the same
 * on every architecture (linux/eventpoll.h); struct epoll_event is packed
 * only on x86_64, so a 32-bit guest's has padding before the 64-bit data. */
int64_t sys_epoll_create(SysCtx *c)
{
    return c->a[0] <= 0 ? -EINVAL : sys_ret(epoll_create1(0));
}

int64_t sys_epoll_create1(SysCtx *c)
{
    return sys_ret(epoll_create1(sys_oflags(c->a[0])));
}

int64_t sys_epoll_ctl(SysCtx *c)
{
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    if (c->a[3]) {
        uint8_t img[32];
        int r = sys_copy_in(img, (GuestAddr)c->a[3], L->epoll_event.bytes);
        if (r < 0)
            return r;
        ev.events = (uint32_t)fget(img, L->epoll_event.events);
        ev.data.u64 = fget(img, L->epoll_event.data);
    }
    return sys_ret(epoll_ctl((int)c->a[0], (int)c->a[1], (int)c->a[2], c->a[3] ? &ev : NULL));
}

/* epoll_wait(epfd, events, max, ms); epoll_pwait(..., ms, sigmask, size);
 * epoll_pwait2(..., struct __kernel_timespec *, sigmask, size) */
int64_t sys_epoll_wait(SysCtx *c)
{
    int max = (int)c->a[2];
    if (max <= 0 || max > 65536)
        return -EINVAL;
    uint32_t esz = L->epoll_event.bytes;
    GuestAddr out = (GuestAddr)c->a[1];
    if (!gm_access_ok(out, (uint32_t)max * esz, PROT_WRITE))
        return -EFAULT;
    sigset_t mask, *maskp = NULL;
    int r;
    if (c->sc->variant != V_NONE && c->a[4]) {
        if ((r = sigmask_in((GuestAddr)c->a[4], (uint32_t)c->a[5], &mask)) < 0)
            return r;
        maskp = &mask;
    }
    int ms = (int)c->a[3];
    struct timespec ts;
    if (c->sc->variant == V_TS64) {
        ms = -1;
        if (c->a[3]) {
            if ((r = sys_timespec_in((GuestAddr)c->a[3], true, &ts)) < 0)
                return r;
            ms = (int)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);   /* NYI: sub-millisecond */
        }
    }
    struct epoll_event *ev = malloc((size_t)max * sizeof *ev);
    uint8_t *img = malloc((size_t)max * esz);
    if (!ev || !img) {
        free(ev);
        free(img);
        return -ENOMEM;
    }
    int n = epoll_pwait((int)c->a[0], ev, max, ms, maskp);
    int64_t ret = n < 0 ? -errno : n;
    if (n > 0) {
        memset(img, 0, (size_t)n * esz);
        for (int i = 0; i < n; i++) {
            fput(img + i * esz, L->epoll_event.events, ev[i].events);
            fput(img + i * esz, L->epoll_event.data, ev[i].data.u64);
        }
        if ((r = sys_copy_out(out, img, (uint32_t)n * esz)) < 0)
            ret = r;
    }
    free(ev);
    free(img);
    return ret;
}

/* ---- small fd makers and the rest ------------------------------------------------ */

int64_t sys_memfd_create(SysCtx *c)
{
    char name[256];
    int r = sys_strin((GuestAddr)c->a[0], name, sizeof name);
    if (r < 0)
        return r == -ENAMETOOLONG ? -EINVAL : r;
    return sys_ret(syscall(SYS_memfd_create, name, (unsigned)c->a[1]));
}

int64_t sys_getrandom(SysCtx *c)
{
    uint32_t n;
    int err;
    void *p = io_buf((GuestAddr)c->a[0], (uint32_t)c->a[1], PROT_WRITE, &n, &err);
    if (!p)
        return err;
    uint64_t unknown = 0;
    unsigned flags = (unsigned)sys_flags_g2h(KC_GRND, (uint32_t)c->a[2], &unknown);
    if (unknown)
        return -EINVAL;
    return sys_ret(getrandom(p, n, flags));
}

int64_t sys_sendfile64(SysCtx *c)
{
    GuestAddr goff = (GuestAddr)c->a[2];
    off_t off;
    uint8_t img[8];
    if (goff) {
        int r = sys_copy_in(img, goff, 8);
        if (r < 0)
            return r;
        off = (off_t)sys_ld(img, 8);
    }
    ssize_t n = sendfile((int)c->a[0], (int)c->a[1], goff ? &off : NULL, (size_t)(uint32_t)c->a[3]);
    if (n < 0)
        return -errno;
    if (goff) {
        sys_st(img, 8, (uint64_t)off);
        int r = sys_copy_out(goff, img, 8);
        if (r < 0)
            return r;
    }
    return n;
}

int64_t sys_flock(SysCtx *c) { return sys_ret(flock((int)c->a[0], (int)c->a[1])); }

int64_t sys_fallocate(SysCtx *c)
{
    return sys_ret(fallocate((int)c->a[0], (int)c->a[1], c->a[2], c->a[3]));
}

int64_t sys_fadvise64(SysCtx *c)
{
    int r = posix_fadvise((int)c->a[0], c->a[1], c->a[2], (int)c->a[3]);
    return r ? -(int64_t)r : 0;
}

/* ---- moving data between descriptors in the kernel -------------------------------- */

/* A guest loff_t (64-bit, guest order) pointer: in, and back out after. */
static int off64_in(GuestAddr g, loff_t *v)
{
    uint8_t img[8];
    int r = g ? sys_copy_in(img, g, 8) : 0;
    if (r == 0 && g)
        *v = (loff_t)sys_ld(img, 8);
    return r;
}

static int off64_out(GuestAddr g, loff_t v)
{
    uint8_t img[8];
    if (!g)
        return 0;
    sys_st(img, 8, (uint64_t)v);
    return sys_copy_out(g, img, 8);
}

/* sendfile with a 32-bit off_t (sendfile64 above takes loff_t). */
int64_t sys_sendfile(SysCtx *c)
{
    GuestAddr goff = (GuestAddr)c->a[2];
    off_t off = 0;
    uint8_t img[4];
    if (goff) {
        int r = sys_copy_in(img, goff, 4);
        if (r < 0)
            return r;
        off = (off_t)(int32_t)ld_g32(img);
    }
    ssize_t n = sendfile((int)c->a[0], (int)c->a[1], goff ? &off : NULL, (size_t)(uint32_t)c->a[3]);
    if (n < 0)
        return -errno;
    if (goff) {
        if (off > INT32_MAX)
            return -EOVERFLOW;
        st_g32(img, (uint32_t)off);
        int r = sys_copy_out(goff, img, 4);
        if (r < 0)
            return r;
    }
    return n;
}

/* splice(fd_in, off_in, fd_out, off_out, len, flags) and
 * copy_file_range(fd_in, off_in, fd_out, off_out, len, flags): SPLICE_F_*
 * are the same on every architecture (linux/splice.h). */
int64_t sys_splice(SysCtx *c)
{
    GuestAddr gin = (GuestAddr)c->a[1], gout = (GuestAddr)c->a[3];
    loff_t oin = 0, oout = 0;
    int r;
    if ((r = off64_in(gin, &oin)) < 0 || (r = off64_in(gout, &oout)) < 0)
        return r;
    size_t len = (size_t)(uint32_t)c->a[4];
    unsigned flags = (unsigned)c->a[5];
    ssize_t n = c->sc->variant == V_WRITE
        ? copy_file_range((int)c->a[0], gin ? &oin : NULL, (int)c->a[2], gout ? &oout : NULL, len, flags)
        : splice((int)c->a[0], gin ? &oin : NULL, (int)c->a[2], gout ? &oout : NULL, len, flags);
    if (n < 0)
        return -errno;
    if ((r = off64_out(gin, oin)) < 0 || (r = off64_out(gout, oout)) < 0)
        return r;
    return n;
}

int64_t sys_tee(SysCtx *c)
{
    return sys_ret(tee((int)c->a[0], (int)c->a[1], (size_t)(uint32_t)c->a[2], (unsigned)c->a[3]));
}

int64_t sys_vmsplice(SysCtx *c)
{
    int64_t cnt = c->a[2];
    if (cnt < 0 || cnt > IOV_MAX)
        return -EINVAL;
    struct iovec *iov = calloc((size_t)cnt + 1, sizeof *iov);
    if (!iov)
        return -ENOMEM;
    /* the pipe's direction decides whether the buffers are read or written */
    int fl = fcntl((int)c->a[0], F_GETFL);
    int prot = fl >= 0 && (fl & O_ACCMODE) == O_RDONLY ? PROT_WRITE : PROT_READ;
    int r = sys_iov_in((GuestAddr)c->a[1], cnt, prot, iov);
    int64_t ret = r < 0 ? r : sys_ret(vmsplice((int)c->a[0], iov, (unsigned long)cnt, (unsigned)c->a[3]));
    free(iov);
    return ret;
}
