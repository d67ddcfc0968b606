/*
 * sys_net.c - sockets: socket/socketpair, bind/connect/listen/accept,
 * names, send/recv in their plain, addressed and message forms (with
 * SCM_RIGHTS and SCM_CREDENTIALS control messages), shutdown, and socket
 * options.
 *
 * What differs between a guest and the host here:
 *   - SOCK_* types (MIPS swaps SOCK_STREAM and SOCK_DGRAM) and the
 *     SOCK_NONBLOCK/SOCK_CLOEXEC flags in the type argument;
 *   - SOL_SOCKET and the SO_* option names (MIPS numbers them its own way);
 *   - byte order of the host-order fields: sa_family, sin6_scope_id,
 *     nl_pid/nl_groups, option values, control message headers and data;
 *   - struct msghdr/cmsghdr sizes and alignment (32-bit guest longs).
 * Address families, MSG_* flags, SCM_* types, IPPROTO_* levels and their
 * options are the same numbers on every Linux architecture and pass as is.
 *
 * NYI: control messages other than SCM_RIGHTS/SCM_CREDENTIALS (they pass
 * unconverted, with a warning), recvmmsg, socketcall, options whose value
 * is a structure other than linger, timeval and ucred.
 */
#include <limits.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <unistd.h>
#include "sys_abi.h"

#define L (sys_cur.L)

/* ---- types and addresses ------------------------------------------------- */

static int type_g2h(int64_t g)
{
    uint32_t fl = (uint32_t)(gk(K_SOCK_NONBLOCK) | gk(K_SOCK_CLOEXEC));
    int k = sys_kval_g(KC_SOCKTYPE, (uint32_t)g & ~fl);
    if (k < 0)
        return -1;
    return (int)sys_k[k].host | (int)sys_flags_g2h(KC_SOCKFL, (uint32_t)g & fl, NULL);
}

static int flags_g2h(int64_t g)
{
    uint64_t unknown = 0;
    int h = (int)sys_flags_g2h(KC_SOCKFL, (uint32_t)g, &unknown);
    return unknown ? -1 : h;
}

static int addr_in(GuestAddr g, uint32_t len, struct sockaddr_storage *h)
{
    if (len > sizeof *h)
        return -EINVAL;
    memset(h, 0, sizeof *h);
    int r = sys_copy_in(h, g, len);
    if (r < 0)
        return r;
    if (sys_cur.be && len >= 2) {
        /* the guest's sa_family is big-endian: make it host order */
        uint8_t *a = (uint8_t *)h;
        uint16_t fam = (uint16_t)(a[0] << 8 | a[1]);
        a[0] = (uint8_t)fam;
        a[1] = (uint8_t)(fam >> 8);
        if (fam == AF_INET6 && len >= offsetof(struct sockaddr_in6, sin6_scope_id) + 4) {
            struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)h;
            s6->sin6_scope_id = __builtin_bswap32(s6->sin6_scope_id);
        } else if (fam == AF_NETLINK && len >= sizeof(struct sockaddr_nl)) {
            struct sockaddr_nl *nl = (struct sockaddr_nl *)h;
            nl->nl_pid = __builtin_bswap32(nl->nl_pid);
            nl->nl_groups = __builtin_bswap32(nl->nl_groups);
        }
    }
    return 0;
}

/* Host address -> guest buffer of *glen bytes (truncated as the kernel
 * does), then *glen = the full length. */
static int addr_out(GuestAddr g, GuestAddr glenp, const struct sockaddr_storage *h, socklen_t hl)
{
    if (!g)
        return 0;
    uint8_t img[4];
    int r = sys_copy_in(img, glenp, 4);
    if (r < 0)
        return r;
    int32_t glen = (int32_t)ld_g32(img);
    if (glen < 0)
        return -EINVAL;
    struct sockaddr_storage tmp = *h;
    uint8_t *a = (uint8_t *)&tmp;
    if (sys_cur.be && hl >= 2) {
        uint16_t fam = tmp.ss_family;
        if (fam == AF_INET6 && hl >= offsetof(struct sockaddr_in6, sin6_scope_id) + 4) {
            struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&tmp;
            s6->sin6_scope_id = __builtin_bswap32(s6->sin6_scope_id);
        } else if (fam == AF_NETLINK && hl >= sizeof(struct sockaddr_nl)) {
            struct sockaddr_nl *nl = (struct sockaddr_nl *)&tmp;
            nl->nl_pid = __builtin_bswap32(nl->nl_pid);
            nl->nl_groups = __builtin_bswap32(nl->nl_groups);
        }
        a[0] = (uint8_t)(fam >> 8);
        a[1] = (uint8_t)fam;
    }
    uint32_t n = (uint32_t)glen < hl ? (uint32_t)glen : hl;
    if ((r = sys_copy_out(g, a, n)) < 0)
        return r;
    st_g32(img, hl);
    return sys_copy_out(glenp, img, 4);
}

/* ---- plain calls -------------------------------------------------------------- */

int64_t sys_socket(SysCtx *c)
{
    int t = type_g2h(c->a[1]);
    return t < 0 ? -EINVAL : sys_ret(socket((int)c->a[0], t, (int)c->a[2]));
}

int64_t sys_socketpair(SysCtx *c)
{
    int t = type_g2h(c->a[1]), sv[2];
    if (t < 0)
        return -EINVAL;
    if (socketpair((int)c->a[0], t, (int)c->a[2], sv) < 0)
        return -errno;
    uint8_t img[8];
    st_g32(img, (uint32_t)sv[0]);
    st_g32(img + 4, (uint32_t)sv[1]);
    int r = sys_copy_out((GuestAddr)c->a[3], img, 8);
    if (r < 0) {
        close(sv[0]);
        close(sv[1]);
    }
    return r;
}

static int64_t with_addr(SysCtx *c, int (*fn)(int, const struct sockaddr *, socklen_t))
{
    struct sockaddr_storage a;
    int r = addr_in((GuestAddr)c->a[1], (uint32_t)c->a[2], &a);
    return r < 0 ? r : sys_ret(fn((int)c->a[0], (struct sockaddr *)&a, (socklen_t)c->a[2]));
}

int64_t sys_bind(SysCtx *c) { return with_addr(c, bind); }
int64_t sys_connect(SysCtx *c) { return with_addr(c, connect); }
int64_t sys_listen(SysCtx *c) { return sys_ret(listen((int)c->a[0], (int)c->a[1])); }
int64_t sys_shutdown(SysCtx *c) { return sys_ret(shutdown((int)c->a[0], (int)c->a[1])); }

int64_t sys_accept4(SysCtx *c)
{
    int fl = c->sc->kinds[3] == A_END ? 0 : flags_g2h(c->a[3]);
    if (fl < 0)
        return -EINVAL;
    struct sockaddr_storage a;
    socklen_t al = sizeof a;
    GuestAddr ga = (GuestAddr)c->a[1];
    int fd = accept4((int)c->a[0], ga ? (struct sockaddr *)&a : NULL, ga ? &al : NULL, fl);
    if (fd < 0)
        return -errno;
    int r = addr_out(ga, (GuestAddr)c->a[2], &a, al);
    if (r < 0) {
        close(fd);
        return r;
    }
    return fd;
}

static int64_t name_of(SysCtx *c, int (*fn)(int, struct sockaddr *, socklen_t *))
{
    struct sockaddr_storage a;
    socklen_t al = sizeof a;
    if (fn((int)c->a[0], (struct sockaddr *)&a, &al) < 0)
        return -errno;
    return addr_out((GuestAddr)c->a[1], (GuestAddr)c->a[2], &a, al);
}

int64_t sys_getsockname(SysCtx *c) { return name_of(c, getsockname); }
int64_t sys_getpeername(SysCtx *c) { return name_of(c, getpeername); }

/* send(fd, buf, len, flags) and sendto(..., addr, alen) */
int64_t sys_sendto(SysCtx *c)
{
    int err;
    void *buf = sys_gbuf((GuestAddr)c->a[1], (uint32_t)c->a[2], PROT_READ, &err);
    if (!buf)
        return err;
    struct sockaddr_storage a;
    GuestAddr ga = c->sc->kinds[4] == A_END ? 0 : (GuestAddr)c->a[4];
    socklen_t al = ga ? (socklen_t)c->a[5] : 0;
    if (ga && (err = addr_in(ga, al, &a)) < 0)
        return err;
    return sys_ret(sendto((int)c->a[0], buf, (uint32_t)c->a[2], (int)c->a[3],
                          ga ? (struct sockaddr *)&a : NULL, al));
}

/* recv(fd, buf, len, flags) and recvfrom(..., addr, alenp) */
int64_t sys_recvfrom(SysCtx *c)
{
    int err;
    void *buf = sys_gbuf((GuestAddr)c->a[1], (uint32_t)c->a[2], PROT_WRITE, &err);
    if (!buf)
        return err;
    struct sockaddr_storage a;
    socklen_t al = sizeof a;
    GuestAddr ga = c->sc->kinds[4] == A_END ? 0 : (GuestAddr)c->a[4];
    ssize_t n = recvfrom((int)c->a[0], buf, (uint32_t)c->a[2], (int)c->a[3],
                         ga ? (struct sockaddr *)&a : NULL, ga ? &al : NULL);
    if (n < 0)
        return -errno;
    if (ga && (err = addr_out(ga, (GuestAddr)c->a[5], &a, al)) < 0)
        return err;
    return n;
}

/* ---- socket options --------------------------------------------------------------- */

/* How an option's value is shaped. */
enum { OV_INT, OV_BYTES, OV_LINGER, OV_TV32, OV_TV64, OV_UCRED, OV_TYPE };

/* Host level/option for a guest one; the value shape. */
static int opt_map(int64_t glevel, int64_t gopt, int *hlevel, int *hopt)
{
    if (!gk_is(K_SOL_SOCKET, glevel)) {
        *hlevel = (int)glevel;
        *hopt = (int)gopt;
        return OV_INT;           /* IPPROTO_*: same numbers; int unless longer */
    }
    *hlevel = SOL_SOCKET;
    int k = sys_kval_g(KC_SO, gopt);
    if (k < 0)
        return -1;
    *hopt = (int)sys_k[k].host;
    switch (k) {
    case K_SO_LINGER: return OV_LINGER;
    case K_SO_RCVTIMEO_OLD: case K_SO_SNDTIMEO_OLD: return OV_TV32;
    case K_SO_RCVTIMEO_NEW: case K_SO_SNDTIMEO_NEW: return OV_TV64;
    case K_SO_PEERCRED: return OV_UCRED;
    case K_SO_TYPE: return OV_TYPE;
    case K_SO_BINDTODEVICE: return OV_BYTES;
    }
    return OV_INT;
}

int64_t sys_setsockopt(SysCtx *c)
{
    int hl, ho;
    int shape = opt_map(c->a[1], c->a[2], &hl, &ho);
    GuestAddr gv = (GuestAddr)c->a[3];
    uint32_t len = (uint32_t)c->a[4];
    if (shape < 0) {
        sys_warn_once("sockopt", (uint32_t)c->a[2], "unsupported SOL_SOCKET option %lld",
                      (long long)c->a[2]);
        return -ENOPROTOOPT;
    }
    uint8_t img[256];
    if (len > sizeof img)
        return -EINVAL;
    int r = sys_copy_in(img, gv, len);
    if (r < 0)
        return r;
    switch (shape) {
    case OV_INT:
        if (len == 4) {
            int v = (int)ld_g32(img);
            return sys_ret(setsockopt((int)c->a[0], hl, ho, &v, 4));
        }
        break;                   /* bytes as given (ip_mreq etc. are network order) */
    case OV_LINGER: {
        if (len < L->linger.bytes)
            return -EINVAL;
        struct linger lg = { (int)fgets64(img, L->linger.onoff), (int)fgets64(img, L->linger.linger) };
        return sys_ret(setsockopt((int)c->a[0], hl, ho, &lg, sizeof lg));
    }
    case OV_TV32: case OV_TV64: {
        bool t64 = shape == OV_TV64;
        const SysField *f = t64 ? &L->sock_timeval.sec : &L->timeval.sec;
        if (len < (t64 ? L->sock_timeval.bytes : L->timeval.bytes))
            return -EINVAL;
        struct timeval tv = { fgets64(img, f[0]), fgets64(img, f[1]) };
        return sys_ret(setsockopt((int)c->a[0], hl, ho, &tv, sizeof tv));
    }
    }
    return sys_ret(setsockopt((int)c->a[0], hl, ho, img, len));
}

int64_t sys_getsockopt(SysCtx *c)
{
    int hl, ho;
    int shape = opt_map(c->a[1], c->a[2], &hl, &ho);
    GuestAddr gv = (GuestAddr)c->a[3], glenp = (GuestAddr)c->a[4];
    if (shape < 0) {
        sys_warn_once("sockopt", (uint32_t)c->a[2], "unsupported SOL_SOCKET option %lld",
                      (long long)c->a[2]);
        return -ENOPROTOOPT;
    }
    uint8_t img[256], lbuf[4];
    int r = sys_copy_in(lbuf, glenp, 4);
    if (r < 0)
        return r;
    int32_t glen = (int32_t)ld_g32(lbuf);
    if (glen < 0)
        return -EINVAL;
    union { int i; struct linger lg; struct timeval tv; struct ucred uc; uint8_t b[256]; } v;
    socklen_t vl = sizeof v;
    if ((shape == OV_INT || shape == OV_BYTES) && (uint32_t)glen < vl)
        vl = (socklen_t)glen;
    if (getsockopt((int)c->a[0], hl, ho, &v, &vl) < 0)
        return -errno;
    uint32_t out = vl;
    memset(img, 0, sizeof img);
    switch (shape) {
    case OV_TYPE: case OV_INT:
        if (vl == 4) {
            int x = v.i;
            if (shape == OV_TYPE) {
                int k = sys_kval_h(KC_SOCKTYPE, x);
                x = k >= 0 ? (int)gk(k) : x;
            }
            st_g32(img, (uint32_t)x);
        } else {
            memcpy(img, v.b, vl);
        }
        break;
    case OV_LINGER:
        fput(img, L->linger.onoff, (uint64_t)v.lg.l_onoff);
        fput(img, L->linger.linger, (uint64_t)v.lg.l_linger);
        out = L->linger.bytes;
        break;
    case OV_TV32: case OV_TV64: {
        bool t64 = shape == OV_TV64;
        const SysField *f = t64 ? &L->sock_timeval.sec : &L->timeval.sec;
        fput(img, f[0], (uint64_t)v.tv.tv_sec);
        fput(img, f[1], (uint64_t)v.tv.tv_usec);
        out = t64 ? L->sock_timeval.bytes : L->timeval.bytes;
        break;
    }
    case OV_UCRED:
        fput(img, L->ucred.pid, (uint32_t)v.uc.pid);
        fput(img, L->ucred.uid, v.uc.uid);
        fput(img, L->ucred.gid, v.uc.gid);
        out = L->ucred.bytes;
        break;
    default:
        memcpy(img, v.b, vl);
        break;
    }
    if (out > (uint32_t)glen)
        out = (uint32_t)glen;
    if ((r = sys_copy_out(gv, img, out)) < 0)
        return r;
    st_g32(lbuf, out);
    return sys_copy_out(glenp, lbuf, 4);
}

/* ---- messages ------------------------------------------------------------------------ */

typedef struct HostMsg {
    struct msghdr m;
    struct sockaddr_storage name;
    struct iovec iov[IOV_MAX];
    uint8_t control[4096] __attribute__((aligned(8)));
    uint8_t gimg[64];            /* the guest msghdr */
} HostMsg;

static uint32_t galign(uint32_t n)
{
    uint32_t a = L->cmsghdr.len.size;    /* the guest's long */
    return (n + a - 1) & ~(a - 1);
}

/* Guest control messages -> host; 0 or -errno. */
static int cmsg_in(GuestAddr g, uint32_t glen, HostMsg *hm)
{
    uint8_t *buf = malloc(glen ? glen : 1);
    if (!buf)
        return -ENOMEM;
    int r = sys_copy_in(buf, g, glen);
    uint32_t hdr = L->cmsghdr.bytes, off = 0, hoff = 0;
    while (r == 0 && off + hdr <= glen) {
        uint32_t len = (uint32_t)fget(buf + off, L->cmsghdr.len);
        int64_t level = fgets64(buf + off, L->cmsghdr.level), type = fgets64(buf + off, L->cmsghdr.type);
        if (len < hdr || off + len > glen) {
            r = -EINVAL;
            break;
        }
        uint32_t dlen = len - hdr;
        if (hoff + CMSG_SPACE(dlen) > sizeof hm->control) {
            r = -ENOBUFS;
            break;
        }
        struct cmsghdr *h = (struct cmsghdr *)(hm->control + hoff);
        h->cmsg_len = CMSG_LEN(dlen);
        h->cmsg_level = gk_is(K_SOL_SOCKET, level) ? SOL_SOCKET : (int)level;
        h->cmsg_type = (int)type;
        const uint8_t *d = buf + off + hdr;
        uint8_t *hd = CMSG_DATA(h);
        if (h->cmsg_level == SOL_SOCKET && (type == SCM_RIGHTS || type == SCM_CREDENTIALS)) {
            for (uint32_t i = 0; i + 4 <= dlen; i += 4) {
                uint32_t w = ld_g32(d + i);
                memcpy(hd + i, &w, 4);
            }
        } else {
            sys_warn_once("cmsg", (uint32_t)type, "NYI: control message level %lld type %lld passed unconverted",
                          (long long)level, (long long)type);
            memcpy(hd, d, dlen);
        }
        hoff += (uint32_t)CMSG_SPACE(dlen);
        off += galign(len);
    }
    free(buf);
    hm->m.msg_control = hoff ? hm->control : NULL;
    hm->m.msg_controllen = hoff;
    return r;
}

/* Host control messages -> guest buffer; returns the bytes used, sets
 * MSG_CTRUNC in *flags when they do not fit. */
static int64_t cmsg_out(GuestAddr g, uint32_t glen, HostMsg *hm, int *flags)
{
    uint8_t *buf = calloc(1, glen ? glen : 1);
    if (!buf)
        return -ENOMEM;
    uint32_t hdr = L->cmsghdr.bytes, off = 0;
    for (struct cmsghdr *h = CMSG_FIRSTHDR(&hm->m); h; h = CMSG_NXTHDR(&hm->m, h)) {
        uint32_t dlen = (uint32_t)(h->cmsg_len - CMSG_LEN(0));
        bool rights = h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS;
        if (off + hdr + dlen > glen) {
            /* net/core/scm.c scm_detach_fds: as many descriptors as fit,
             * the others closed; other messages are cut off whole */
            *flags |= MSG_CTRUNC;
            uint32_t fit = rights && off + hdr < glen ? (glen - off - hdr) / 4 * 4 : 0;
            if (rights) {
                for (uint32_t i = fit; i + 4 <= dlen; i += 4) {
                    int fd;
                    memcpy(&fd, CMSG_DATA(h) + i, 4);
                    close(fd);
                }
            }
            if (!fit) {
                /* close the descriptors of every later message too */
                for (h = CMSG_NXTHDR(&hm->m, h); h; h = CMSG_NXTHDR(&hm->m, h))
                    if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS)
                        for (uint32_t i = 0; i + 4 <= h->cmsg_len - CMSG_LEN(0); i += 4) {
                            int fd;
                            memcpy(&fd, CMSG_DATA(h) + i, 4);
                            close(fd);
                        }
                break;
            }
            dlen = fit;
        }
        fput(buf + off, L->cmsghdr.len, hdr + dlen);
        fput(buf + off, L->cmsghdr.level,
             (uint64_t)(h->cmsg_level == SOL_SOCKET ? gk(K_SOL_SOCKET) : h->cmsg_level));
        fput(buf + off, L->cmsghdr.type, (uint64_t)h->cmsg_type);
        const uint8_t *hd = CMSG_DATA(h);
        uint8_t *d = buf + off + hdr;
        if (h->cmsg_level == SOL_SOCKET && (h->cmsg_type == SCM_RIGHTS || h->cmsg_type == SCM_CREDENTIALS)) {
            for (uint32_t i = 0; i + 4 <= dlen; i += 4) {
                uint32_t w;
                memcpy(&w, hd + i, 4);
                st_g32(d + i, w);
            }
        } else {
            memcpy(d, hd, dlen);
        }
        off += galign(hdr + dlen);
        if (off > glen)
            off = glen;
    }
    int r = sys_copy_out(g, buf, off);
    free(buf);
    return r < 0 ? (int64_t)r : (int64_t)off;
}

/* Guest msghdr at g -> hm; send: name and control are inputs. */
static int msg_in(GuestAddr g, HostMsg *hm, bool send)
{
    uint8_t *img = hm->gimg;
    if (L->msghdr.bytes > sizeof hm->gimg)
        return -EINVAL;
    int r = sys_copy_in(img, g, L->msghdr.bytes);
    if (r < 0)
        return r;
    memset(&hm->m, 0, sizeof hm->m);
    GuestAddr name = (GuestAddr)fget(img, L->msghdr.name);
    uint32_t namelen = (uint32_t)fget(img, L->msghdr.namelen);
    if (name) {
        if (send) {
            if ((r = addr_in(name, namelen, &hm->name)) < 0)
                return r;
            hm->m.msg_namelen = namelen;
        } else {
            hm->m.msg_namelen = sizeof hm->name;
        }
        hm->m.msg_name = &hm->name;
    }
    int64_t iovlen = (int64_t)fget(img, L->msghdr.iovlen);
    if ((r = sys_iov_in((GuestAddr)fget(img, L->msghdr.iov), iovlen, send ? PROT_READ : PROT_WRITE,
                        hm->iov)) < 0)
        return r;
    hm->m.msg_iov = hm->iov;
    hm->m.msg_iovlen = (size_t)iovlen;
    GuestAddr ctl = (GuestAddr)fget(img, L->msghdr.control);
    uint32_t ctllen = (uint32_t)fget(img, L->msghdr.controllen);
    if (send && ctl && ctllen)
        return cmsg_in(ctl, ctllen, hm);
    if (!send && ctl && ctllen) {
        hm->m.msg_control = hm->control;
        hm->m.msg_controllen = sizeof hm->control;
    }
    return 0;
}

static __thread HostMsg tls_msg;

int64_t sys_sendmsg(SysCtx *c)
{
    HostMsg *hm = &tls_msg;
    int r = msg_in((GuestAddr)c->a[1], hm, true);
    return r < 0 ? r : sys_ret(sendmsg((int)c->a[0], &hm->m, (int)c->a[2]));
}

int64_t sys_recvmsg(SysCtx *c)
{
    HostMsg *hm = &tls_msg;
    GuestAddr g = (GuestAddr)c->a[1];
    int r = msg_in(g, hm, false);
    if (r < 0)
        return r;
    ssize_t n = recvmsg((int)c->a[0], &hm->m, (int)c->a[2]);
    if (n < 0)
        return -errno;
    uint8_t *img = hm->gimg;
    int flags = hm->m.msg_flags;
    GuestAddr name = (GuestAddr)fget(img, L->msghdr.name);
    if (name) {
        /* the name's length field is inside the guest msghdr */
        uint8_t lb[4];
        st_g32(lb, (uint32_t)fget(img, L->msghdr.namelen));
        GuestAddr lenp = g + L->msghdr.namelen.off;
        if ((r = sys_copy_out(lenp, lb, 4)) < 0 ||
            (r = addr_out(name, lenp, &hm->name, hm->m.msg_namelen)) < 0)
            return r;
        fput(img, L->msghdr.namelen, hm->m.msg_namelen);
    }
    GuestAddr ctl = (GuestAddr)fget(img, L->msghdr.control);
    uint32_t ctllen = (uint32_t)fget(img, L->msghdr.controllen);
    int64_t used = 0;
    if (ctl && ctllen && (used = cmsg_out(ctl, ctllen, hm, &flags)) < 0)
        return used;
    fput(img, L->msghdr.controllen, (uint64_t)used);
    fput(img, L->msghdr.flags, (uint32_t)flags);
    if ((r = sys_copy_out(g, img, L->msghdr.bytes)) < 0)
        return r;
    return n;
}

/* sendmmsg: one sendmsg per entry, as the kernel does, stopping at the
 * first error after at least one was sent. */
int64_t sys_sendmmsg(SysCtx *c)
{
    uint32_t vlen = (uint32_t)c->a[2];
    if (vlen > 1024)
        vlen = 1024;
    GuestAddr v = (GuestAddr)c->a[1];
    uint32_t i;
    for (i = 0; i < vlen; i++) {
        GuestAddr e = v + i * L->mmsghdr.bytes;
        HostMsg *hm = &tls_msg;
        int r = msg_in(e, hm, true);
        ssize_t n = r < 0 ? r : sendmsg((int)c->a[0], &hm->m, (int)c->a[3]);
        if (r == 0 && n < 0)
            r = -errno;
        if (r < 0)
            return i ? (int64_t)i : r;
        uint8_t lb[4];
        st_g32(lb, (uint32_t)n);
        if ((r = sys_copy_out(e + L->mmsghdr.len.off, lb, 4)) < 0)
            return i ? (int64_t)i : r;
    }
    return i;
}
