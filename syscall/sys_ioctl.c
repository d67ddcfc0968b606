/*
 * sys_ioctl.c - ioctl requests, terminals first.
 *
 * A guest request number is matched by name (names.def category IOCTL: the
 * guest's asm/ioctls.h value against the host's), then converted by what
 * the request carries: a struct termios, a struct winsize, an int in or
 * out, a plain value, or nothing.  glibc's isatty() is TCGETS: on a pipe
 * or file the host kernel answers ENOTTY and so does the guest.
 *
 * struct termios is converted field by field: the c_iflag/c_oflag/c_cflag/
 * c_lflag bits by name (MIPS moves several c_lflag bits, PowerPC most of
 * c_cflag), and c_cc by the V* index names (MIPS puts VMIN at 4 and VEOF at
 * 16, the host at 6 and 4).  The host side is the kernel's own struct
 * termios (asm/termbits.h), handed to the raw ioctl.
 *
 * An unknown request answers ENOTTY, reported once per request number.
 * NYI: CIBAUD (a separate input speed) is not carried over; the host then
 * uses the output speed, as for a CIBAUD of 0.
 */
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sys_abi.h"

#define L (sys_cur.L)

static long host_ioctl(int fd, int k, void *arg)
{
    return syscall(SYS_ioctl, fd, (unsigned long)sys_k[k].host, arg);
}

static int termios_in(GuestAddr g, struct termios *h)
{
    uint8_t img[SYS_IMG_MAX];
    int r = sys_copy_in(img, g, L->termios.bytes);
    if (r < 0)
        return r;
    memset(h, 0, sizeof *h);
    h->c_iflag = (tcflag_t)sys_flags_g2h(KC_TIFLAG, fget(img, L->termios.iflag), NULL);
    h->c_oflag = (tcflag_t)sys_flags_g2h(KC_TOFLAG, fget(img, L->termios.oflag), NULL);
    h->c_cflag = (tcflag_t)sys_flags_g2h(KC_TCFLAG, fget(img, L->termios.cflag), NULL);
    h->c_lflag = (tcflag_t)sys_flags_g2h(KC_TLFLAG, fget(img, L->termios.lflag), NULL);
    h->c_line = (cc_t)fget(img, L->termios.line);
    const uint8_t *gcc = img + L->termios.cc.off;
    for (int k = sys_cur.cat_first[KC_TCC]; k >= 0; k = sys_cur.k_next[k]) {
        int64_t gi = gk(k), hi = sys_k[k].host;
        if (gk_has(k) && gi >= 0 && gi < L->termios.cc.size && hi >= 0 && hi < NCCS)
            h->c_cc[hi] = gcc[gi];
    }
    return 0;
}

static int termios_out(GuestAddr g, const struct termios *h)
{
    uint8_t img[SYS_IMG_MAX];
    memset(img, 0, L->termios.bytes);
    fput(img, L->termios.iflag, sys_flags_h2g(KC_TIFLAG, h->c_iflag, NULL));
    fput(img, L->termios.oflag, sys_flags_h2g(KC_TOFLAG, h->c_oflag, NULL));
    fput(img, L->termios.cflag, sys_flags_h2g(KC_TCFLAG, h->c_cflag, NULL));
    fput(img, L->termios.lflag, sys_flags_h2g(KC_TLFLAG, h->c_lflag, NULL));
    fput(img, L->termios.line, h->c_line);
    uint8_t *gcc = img + L->termios.cc.off;
    for (int k = sys_cur.cat_first[KC_TCC]; k >= 0; k = sys_cur.k_next[k]) {
        int64_t gi = gk(k), hi = sys_k[k].host;
        if (gk_has(k) && gi >= 0 && gi < L->termios.cc.size && hi >= 0 && hi < NCCS)
            gcc[gi] = h->c_cc[hi];
    }
    return sys_copy_out(g, img, L->termios.bytes);
}

static int64_t int_out(int fd, int k, GuestAddr g)
{
    int v;
    if (host_ioctl(fd, k, &v) < 0)
        return -errno;
    uint8_t img[4];
    st_g32(img, (uint32_t)v);
    return sys_copy_out(g, img, 4);
}

static int64_t int_in(int fd, int k, GuestAddr g)
{
    uint8_t img[4];
    int r = sys_copy_in(img, g, 4);
    if (r < 0)
        return r;
    int v = (int)ld_g32(img);
    return sys_ret(host_ioctl(fd, k, &v));
}

static int64_t val_in(int fd, int k, KCat cat, int64_t g)
{
    int v = (int)g;
    if (cat != KC__COUNT) {
        int kv = sys_kval_g(cat, g);
        if (kv < 0)
            return -EINVAL;
        v = (int)sys_k[kv].host;
    }
    return sys_ret(syscall(SYS_ioctl, fd, (unsigned long)sys_k[k].host, (unsigned long)v));
}

int64_t sys_ioctl(SysCtx *c)
{
    int fd = (int)c->a[0];
    GuestAddr arg = (GuestAddr)c->a[2];
    int k = sys_kval_g(KC_IOCTL, c->a[1]);
    switch (k) {
    case K_TCGETS: {
        struct termios t;
        if (host_ioctl(fd, k, &t) < 0)
            return -errno;
        return termios_out(arg, &t);
    }
    case K_TCSETS: case K_TCSETSW: case K_TCSETSF: {
        struct termios t;
        int r = termios_in(arg, &t);
        return r < 0 ? r : sys_ret(host_ioctl(fd, k, &t));
    }
    case K_TIOCGWINSZ: {
        struct winsize w;
        if (host_ioctl(fd, k, &w) < 0)
            return -errno;
        uint8_t img[32];
        memset(img, 0, sizeof img);
        fput(img, L->winsize.row, w.ws_row);
        fput(img, L->winsize.col, w.ws_col);
        fput(img, L->winsize.xpixel, w.ws_xpixel);
        fput(img, L->winsize.ypixel, w.ws_ypixel);
        return sys_copy_out(arg, img, L->winsize.bytes);
    }
    case K_TIOCSWINSZ: {
        uint8_t img[32];
        int r = sys_copy_in(img, arg, L->winsize.bytes);
        if (r < 0)
            return r;
        struct winsize w = {
            (unsigned short)fget(img, L->winsize.row), (unsigned short)fget(img, L->winsize.col),
            (unsigned short)fget(img, L->winsize.xpixel), (unsigned short)fget(img, L->winsize.ypixel),
        };
        return sys_ret(host_ioctl(fd, k, &w));
    }
    case K_FIONREAD: case K_TIOCOUTQ: case K_TIOCGPGRP: case K_TIOCGSID: case K_TIOCGPTN:
    case K_TIOCMGET:
        return int_out(fd, k, arg);
    case K_TIOCSPGRP: case K_TIOCSPTLCK: case K_TIOCMBIS: case K_TIOCMBIC: case K_TIOCMSET:
    case K_FIONBIO: case K_FIOASYNC:
        return int_in(fd, k, arg);
    case K_TIOCSCTTY: case K_TCSBRK:
        return val_in(fd, k, KC__COUNT, c->a[2]);
    case K_TCXONC:
        return val_in(fd, k, KC_TFLOW, c->a[2]);
    case K_TCFLSH:
        return val_in(fd, k, KC_TFLUSH, c->a[2]);
    case K_TIOCNOTTY: case K_TIOCEXCL: case K_TIOCNXCL: case K_FIOCLEX: case K_FIONCLEX:
    case K_TIOCSBRK: case K_TIOCCBRK:
        return sys_ret(host_ioctl(fd, k, NULL));
    case K_TIOCSTI: {
        char ch;
        int r = sys_copy_in(&ch, arg, 1);
        return r < 0 ? r : sys_ret(host_ioctl(fd, k, &ch));
    }
    }
    sys_warn_once("ioctl", (uint32_t)c->a[1], "unsupported ioctl %#x (%s) on fd %d",
                  (unsigned)c->a[1], k >= 0 ? sys_k[k].name : "unknown", fd);
    return -ENOTTY;
}
