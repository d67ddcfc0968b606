/*
 * strace.c - -strace output: one line per guest syscall on stderr, in the
 * shape strace(1) prints,
 *     openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3
 *     read(3, "vm\n", 4096) = 3
 *     open("/nope", O_RDONLY) = -1 ENOENT (No such file or directory)
 * driven by the argument kinds of the call's descriptor (calls.def).
 * Flags and command values print with the GUEST's names and values (the
 * same names.def tables the translation uses), signals and errnos with the
 * guest's numbering.  A line is written after the call returns (output
 * buffers are shown with what the call put there), except for calls that
 * do not return (exit, execve), which print "= ?" first.  Lines of forked
 * children carry "[pid N] ".
 */
#include <stdarg.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "sys_abi.h"

typedef struct Buf { char s[2048]; size_t n; } Buf;

static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Buf *b, const char *fmt, ...)
{
    if (b->n >= sizeof b->s - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->n = b->n + (size_t)n < sizeof b->s ? b->n + (size_t)n : sizeof b->s - 1;
}

static void put_quoted(Buf *b, const uint8_t *p, size_t n, bool more)
{
    put(b, "\"");
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = p[i];
        switch (ch) {
        case '\n': put(b, "\\n"); break;
        case '\t': put(b, "\\t"); break;
        case '\r': put(b, "\\r"); break;
        case '"': put(b, "\\\""); break;
        case '\\': put(b, "\\\\"); break;
        default:
            if (ch >= 0x20 && ch < 0x7f)
                put(b, "%c", ch);
            else
                put(b, "\\%o", ch);
        }
    }
    put(b, more ? "\"..." : "\"");
}

static void put_ptr(Buf *b, uint32_t a)
{
    if (a)
        put(b, "%#x", a);
    else
        put(b, "NULL");
}

/* Guest bytes [a, a+len), at most max shown. */
static void put_bytes(Buf *b, uint32_t a, uint32_t len, uint32_t max)
{
    uint8_t tmp[64];
    uint32_t n = len < max ? len : max;
    if (n > sizeof tmp)
        n = sizeof tmp;
    if (!a || sys_copy_in(tmp, a, n) < 0) {
        put_ptr(b, a);
        return;
    }
    put_quoted(b, tmp, n, len > n);
}

static void put_string(Buf *b, uint32_t a)
{
    char tmp[256];
    int r = a ? sys_strin(a, tmp, sizeof tmp) : -EFAULT;
    if (r == -ENAMETOOLONG) {
        put_quoted(b, (const uint8_t *)tmp, sizeof tmp - 1, true);
        return;
    }
    if (r < 0) {
        put_ptr(b, a);
        return;
    }
    put_quoted(b, (const uint8_t *)tmp, strlen(tmp), false);
}

/* A value of a category by its guest name. */
static void put_val(Buf *b, KCat cat, int64_t v)
{
    int k = sys_kval_g(cat, v);
    if (k >= 0)
        put(b, "%s", sys_k[k].name);
    else
        put(b, "%lld", (long long)v);
}

static unsigned popcount64(uint64_t v) { return (unsigned)__builtin_popcountll(v); }

/* A flag word by its guest names: fields first, composites before bits. */
static void put_flags(Buf *b, KCat cat, uint64_t v)
{
    uint64_t rest = v;
    bool any = false;
    for (int m = sys_cur.cat_first[cat]; m >= 0; m = sys_cur.k_next[m]) {
        if (sys_k[m].kind != KK_MASK || !gk_has(m))
            continue;
        uint64_t mask = (uint64_t)gk(m), field = v & mask;
        for (int k = sys_cur.cat_first[cat]; k >= 0; k = sys_cur.k_next[k]) {
            if (sys_k[k].kind != KK_FVAL || !gk_has(k) || ((uint64_t)gk(k) & ~mask) ||
                (uint64_t)gk(k) != field)
                continue;
            put(b, "%s%s", any ? "|" : "", sys_k[k].name);
            any = true;
            rest &= ~mask;
            break;
        }
    }
    for (int pass = 0; pass < 2; pass++)
        for (int k = sys_cur.cat_first[cat]; k >= 0; k = sys_cur.k_next[k]) {
            if (sys_k[k].kind != KK_VAL || !gk_has(k))
                continue;
            uint64_t f = (uint64_t)gk(k);
            if (!f || (pass == 0) != (popcount64(f) > 1) || (rest & f) != f)
                continue;
            put(b, "%s%s", any ? "|" : "", sys_k[k].name);
            any = true;
            rest &= ~f;
        }
    if (rest || !any)
        put(b, "%s%#llx", any ? "|" : "", (unsigned long long)rest);
}

static void put_arg(Buf *b, SysCtx *c, int i, int64_t ret, bool done)
{
    int64_t v = c->a[i];
    uint32_t u = (uint32_t)v;
    char tmp[32];
    switch (c->sc->kinds[i]) {
    case A_INT: case A_FD: put(b, "%d", (int)v); break;
    case A_UINT: case A_SIZE: put(b, "%u", u); break;
    case A_HEX: put(b, "%#x", u); break;
    case A_PTR: put_ptr(b, u); break;
    case A_ATFD:
        if (gk_is(K_AT_FDCWD, v))
            put(b, "AT_FDCWD");
        else
            put(b, "%d", (int)v);
        break;
    case A_STR: put_string(b, u); break;
    case A_IBUF:
        put_bytes(b, u, i + 1 < SYS_MAXARGS ? (uint32_t)c->a[i + 1] : 0, 32);
        break;
    case A_OBUF:
        if (done && ret > 0)
            put_bytes(b, u, (uint32_t)ret, 32);
        else
            put_ptr(b, u);
        break;
    case A_OFF64: put(b, "%lld", (long long)v); break;
    case A_MODE: put(b, "%#o", u); break;
    case A_OFLAGS: put_flags(b, KC_OFLAG, u); break;
    case A_PROT: put_flags(b, KC_PROT, u); break;
    case A_MAPF: put_flags(b, KC_MAP, u); break;
    case A_MREMAPF: put_flags(b, KC_MREMAP, u); break;
    case A_MSF: put_flags(b, KC_MS, u); break;
    case A_ATFLAGS: put_flags(b, KC_AT, u); break;
    case A_CLONEF: {
        uint32_t sigmask = gk_has(K_CSIGNAL) ? (uint32_t)gk(K_CSIGNAL) : 0;
        if (u & ~sigmask)
            put_flags(b, KC_CLONE, u & ~sigmask);
        if ((u & sigmask) || !(u & ~sigmask))
            put(b, "%s%s", (u & ~sigmask) ? "|" : "",
                (u & sigmask) ? sys_signal_name((int)(u & sigmask), tmp, sizeof tmp) : "0");
        break;
    }
    case A_WAITF: put_flags(b, KC_WAIT, u); break;
    case A_GRND: put_flags(b, KC_GRND, u); break;
    case A_FUTEX: put_flags(b, KC_FUTEX, u); break;
    case A_MADV: put_val(b, KC_MADV, v); break;
    case A_SIGHOW: put_val(b, KC_SIGHOW, v); break;
    case A_FCNTL: put_val(b, KC_FCNTL, v); break;
    case A_IOCTL: put_val(b, KC_IOCTL, u); if (sys_kval_g(KC_IOCTL, u) < 0) put(b, " /* %#x */", u); break;
    case A_CLOCK: put_val(b, KC_CLOCK, v); break;
    case A_RLIMIT: put_val(b, KC_RLIMIT, v); break;
    case A_PRCTL: put_val(b, KC_PRCTL, v); break;
    case A_SOCKTYPE: {
        uint32_t fl = (uint32_t)(gk_has(K_SOCK_NONBLOCK) ? gk(K_SOCK_NONBLOCK) : 0) |
                      (uint32_t)(gk_has(K_SOCK_CLOEXEC) ? gk(K_SOCK_CLOEXEC) : 0);
        put_val(b, KC_SOCKTYPE, u & ~fl);
        if (u & fl) {
            put(b, "|");
            put_flags(b, KC_SOCKFL, u & fl);
        }
        break;
    }
    case A_SOL: put_val(b, KC_SOL, v); break;
    case A_SO:
        if (i > 0 && gk_is(K_SOL_SOCKET, c->a[i - 1]))
            put_val(b, KC_SO, v);
        else
            put(b, "%d", (int)v);
        break;
    case A_SIG: put(b, "%s", v ? sys_signal_name((int)v, tmp, sizeof tmp) : "0"); break;
    default: put(b, "%#x", u); break;
    }
}

static pid_t first_pid;

void sys_strace_call(SysCtx *c, int64_t ret, bool done)
{
    Buf b;
    b.n = 0;
    b.s[0] = 0;
    if (!first_pid)
        first_pid = getpid();
    if (getpid() != first_pid)
        put(&b, "[pid %d] ", (int)getpid());
    if (c->name)
        put(&b, "%s(", c->name);
    else
        put(&b, "syscall_%u(", c->nr);
    if (c->sc) {
        for (int i = 0; i < SYS_MAXARGS && c->sc->kinds[i] != A_END; i++) {
            if (i)
                put(&b, ", ");
            put_arg(&b, c, i, ret, done);
        }
    } else {
        for (int i = 0; i < 6; i++)
            put(&b, "%s%#x", i ? ", " : "", c->raw[i]);
    }
    put(&b, ")");
    if (!done) {
        put(&b, " = ?\n");
    } else if (ret < 0 && ret >= -4095) {
        int g = sys_errno_to_guest((int)-ret);
        const char *name = sys_errno_name(g);
        if (name)
            put(&b, " = -1 %s (%s)\n", name, strerror((int)-ret));
        else
            put(&b, " = -1 errno %d (%s)\n", g, strerror((int)-ret));
    } else if (c->sc && (c->sc->flags & SCF_RETPTR)) {
        put(&b, " = %#llx\n", (unsigned long long)ret);
    } else {
        put(&b, " = %lld\n", (long long)ret);
    }
    fputs(b.s, stderr);
}
