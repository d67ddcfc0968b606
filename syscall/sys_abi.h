/*
 * sys_abi.h - the inside of the syscall layer: per-ABI data (SysAbi), the
 * constant names of tables/names.def (SysK), guest structure layouts of
 * tables/structs.def (SysLayouts), the syscall descriptor that drives both
 * argument decoding and -strace, and the guest-memory helpers the handlers
 * in sys_*.c share.
 *
 * Conventions every handler follows:
 *   - a handler returns a host-style result: >= 0, or -errno with a HOST
 *     errno; dispatch.c turns it into the guest's errno number;
 *   - guest memory is touched only through sys_copy_in/sys_copy_out/
 *     sys_strin/sys_gbuf, which check the guest page table first (EFAULT,
 *     never a crash of xbt);
 *   - guest structures are built byte by byte from their layout (SysField)
 *     in guest byte order; host structures are never cast onto guest memory;
 *   - flags and command values are translated by name through SysK, never
 *     by a number written in C.
 */
#ifndef XBT_SYS_ABI_H
#define XBT_SYS_ABI_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include "syscall.h"
#include "../runtime/guestmem.h"

/* ---- constants (tables/names.def) ------------------------------------- */

typedef enum KCat {
    KC_ERRNO, KC_SIGNAL, KC_GUEST, KC_OFLAG, KC_FDFLAG, KC_FCNTL, KC_LOCKTYPE,
    KC_ATFD, KC_AT, KC_PROT, KC_MAP, KC_MREMAP, KC_MS, KC_MADV, KC_SA,
    KC_SIGHOW, KC_SS, KC_RLIMIT, KC_CLONE, KC_WAIT, KC_PRCTL, KC_FUTEX,
    KC_GRND, KC_CLOCK, KC_TIMERFL, KC_ITIMER, KC_POLL, KC_TIFLAG, KC_TOFLAG,
    KC_TCFLAG, KC_TLFLAG, KC_TCC, KC_TFLUSH, KC_TFLOW, KC_IOCTL, KC_SOCKTYPE,
    KC_SOCKFL, KC_SOL, KC_SO, KC_SICODE,
    KC_IPC, KC_SEMFL, KC_SHMFL, KC_MSGFL, KC_IPCCMD, KC_SEMCMD, KC_SHMCMD, KC_MSGCMD,
    KC__COUNT
} KCat;

typedef enum SysK {
#define K(cat, name) K_##name,
#define KM(cat, name) K_##name,
#define KV(cat, name) K_##name,
#include "tables/names.def"
#undef K
#undef KM
#undef KV
    K__COUNT
} SysK;

enum { KK_VAL, KK_MASK, KK_FVAL };     /* row forms K, KM, KV */

typedef struct SysKInfo {
    const char *name;
    uint8_t cat, kind;
    int64_t host;                      /* host value (0 for KC_GUEST) */
} SysKInfo;

extern const SysKInfo sys_k[K__COUNT];  /* sys_consts.c */

/* ---- structure layouts (tables/structs.def) ----------------------------- */

typedef struct SysField { uint16_t off, size; } SysField;   /* size 0: absent */

typedef struct SysLayouts {
#define STRUCT(id, type) struct { uint16_t bytes;
#define STRUCT_FOR(abi, id, type) STRUCT(id, type)
#define FIELD(id, field, member) SysField field;
#define END(id) } id;
#include "tables/structs.def"
#undef STRUCT
#undef STRUCT_FOR
#undef FIELD
#undef END
} SysLayouts;

/* ---- syscall descriptors --------------------------------------------------- */

/* Argument kinds: how dispatch decodes a raw argument and strace prints it. */
typedef enum SysArgKind {
    A_END = 0,
    A_INT,      /* signed 32-bit */
    A_UINT,     /* unsigned 32-bit, decimal */
    A_HEX,      /* unsigned, hex */
    A_PTR,      /* guest address */
    A_FD,
    A_ATFD,     /* fd or AT_FDCWD */
    A_STR,      /* NUL-terminated guest string (path) */
    A_IBUF,     /* input bytes, length in the next argument */
    A_OBUF,     /* output bytes, length = result */
    A_SIZE,
    A_OFF64,    /* 64-bit value in a register pair (aligned when the ABI says) */
    A_MODE,     /* octal */
    A_OFLAGS, A_PROT, A_MAPF, A_MREMAPF, A_MADV, A_MSF, A_ATFLAGS, A_SIG,
    A_SIGHOW, A_FCNTL, A_IOCTL, A_CLOCK, A_RLIMIT, A_CLONEF, A_WAITF,
    A_PRCTL, A_FUTEX, A_GRND, A_SOCKTYPE, A_SOL, A_SO,
    A__COUNT
} SysArgKind;

#define SYS_MAXARGS 6

/* Variants: one handler serving look-alike calls (SysCall.variant). */
enum {
    V_NONE, V_TS32, V_TS64,            /* struct timespec vs __kernel_timespec */
    V_PATH, V_LPATH, V_FD, V_AT,       /* stat family: by path, no-follow, fd, *at */
    V_BYTES, V_PAGES,                  /* mmap offset unit */
    V_32, V_64,                        /* fcntl vs fcntl64, getrlimit vs old */
    V_READ, V_WRITE,
};

/* Handler flags */
#define SCF_NORETURN 0x01   /* never returns on success (exit, execve): strace first */
#define SCF_NORESULT 0x02   /* the handler sets guest registers itself (sigreturn) */
#define SCF_RETPTR   0x04   /* result is an address: strace prints it in hex */

typedef struct SysCtx SysCtx;
typedef int64_t SysFn(SysCtx *c);

typedef struct SysCall {
    const char *name;
    SysFn *fn;
    uint16_t variant;   /* handler-specific: which of several look-alike calls */
    uint8_t flags;
    uint8_t kinds[SYS_MAXARGS];
} SysCall;

struct SysCtx {
    GuestThread *t;
    const SysCall *sc;
    const char *name;
    uint32_t nr;
    uint32_t raw[8];          /* as the guest passed them */
    int64_t a[SYS_MAXARGS];   /* decoded by kinds */
    int raise_host_sig;       /* set by a handler: deliver after the result is written */
    int raise_si_code;
    bool no_restart;          /* set by a handler: -EINTR is never restarted (timeouts) */
};

/* An ABI-specific handler replacing the generic one of the same name. */
typedef struct SysOverride { const char *name; SysCall call; } SysOverride;

typedef struct SysNr { uint32_t nr; const char *name; } SysNr;

typedef struct SysAbi {
    const char *name;               /* "mips_o32" */
    uint16_t elf_machine;
    const SysNr *nrs;               /* the generated table, sorted by number */
    uint32_t n_nrs;
    const int64_t *k;               /* guest value of each SysK ... */
    const uint8_t *k_has;           /* ... if the guest headers define it */
    const SysLayouts *L;
    const SysOverride *overrides;
    uint32_t n_overrides;
    bool pair_align;                /* 64-bit arguments start at an even slot */
    uint32_t mmap2_shift;           /* mmap2's offset unit, log2 bytes */
    /* Builds the guest's signal frame for guest signal gsig (siginfo image
     * `info`, the mask to restore `oldmask`) on t's stack and points the
     * CPU at the handler; false if the frame cannot be written.  NULL: the
     * ABI has no signal frames yet (NYI). */
    bool (*setup_frame)(GuestThread *t, int gsig, const GuestSigAction *a, const uint8_t *info,
                        const uint32_t *oldmask);
    /* The guest stack pointer (for SS_ONSTACK); NULL: unknown. */
    uint32_t (*get_sp)(const void *cpu);
} SysAbi;

extern const SysAbi sys_abi_mips_o32;   /* abi_mips_o32.c */
extern const SysAbi sys_abi_arm_eabi;   /* abi_arm_eabi.c */
extern const SysAbi sys_abi_ppc32;      /* abi_ppc32.c */

/* The running guest (dispatch.c); read-only after sys_init. */
typedef struct SysState {
    const SysAbi *abi;
    const GuestArch *arch;
    const SysLayouts *L;
    bool be;                        /* guest is big endian */
    int guest_nsig;                 /* highest guest signal number */
    int guest_rtmin;
    int host_rtmin, host_rtmax;
    int16_t cat_first[KC__COUNT];   /* chains of SysK per category */
    int16_t k_next[K__COUNT];
} SysState;

extern SysState sys_cur;

/* Does xbt have a syscall ABI for ELF machine em? */
bool sys_abi_known_machine(uint16_t em);

/* Selects an ABI and builds the maps; used by sys_init and the unit tests. */
bool sys_setup(const SysAbi *abi, const GuestArch *arch);

/* ---- constants: guest values and translation ----------------------------- */

static inline bool gk_has(SysK k) { return sys_cur.abi->k_has[k]; }
static inline int64_t gk(SysK k) { return sys_cur.abi->k[k]; }
/* Is guest value v the guest's constant k? */
static inline bool gk_is(SysK k, int64_t v) { return gk_has(k) && gk(k) == v; }

/* The constant of category cat whose guest (host) value is v, or -1. */
int sys_kval_g(KCat cat, int64_t v);
int sys_kval_h(KCat cat, int64_t v);
/* Flag words, bit by bit and field by field; bits nobody names land in
 * *unknown (may be NULL). */
uint64_t sys_flags_g2h(KCat cat, uint64_t g, uint64_t *unknown);
uint64_t sys_flags_h2g(KCat cat, uint64_t h, uint64_t *unknown);

const char *sys_errno_name(int guest_errno);
/* Guest signal number or 0; host signal number or 0. */
const char *sys_signal_name(int guest_sig, char *buf, size_t size);

/* ---- guest memory ------------------------------------------------------------ */

static inline uint16_t sys_bswap16(uint16_t v) { return __builtin_bswap16(v); }

/* Integer of size 1, 2, 4 or 8 bytes at p in guest byte order. */
static inline uint64_t sys_ld(const void *p, unsigned size)
{
    const uint8_t *b = p;
    uint64_t v = 0;
    if (sys_cur.be)
        for (unsigned i = 0; i < size; i++) v = (v << 8) | b[i];
    else
        for (unsigned i = size; i-- > 0;) v = (v << 8) | b[i];
    return v;
}

static inline void sys_st(void *p, unsigned size, uint64_t v)
{
    uint8_t *b = p;
    if (sys_cur.be)
        for (unsigned i = size; i-- > 0; v >>= 8) b[i] = (uint8_t)v;
    else
        for (unsigned i = 0; i < size; i++, v >>= 8) b[i] = (uint8_t)v;
}

static inline uint32_t ld_g32(const void *p) { return (uint32_t)sys_ld(p, 4); }
static inline void st_g32(void *p, uint32_t v) { sys_st(p, 4, v); }
static inline uint16_t ld_g16(const void *p) { return (uint16_t)sys_ld(p, 2); }
static inline void st_g16(void *p, uint16_t v) { sys_st(p, 2, v); }

/* A field of a guest structure image (absent fields read 0, ignore stores). */
static inline void fput(uint8_t *img, SysField f, uint64_t v)
{
    if (f.size == 1 || f.size == 2 || f.size == 4 || f.size == 8)
        sys_st(img + f.off, f.size, v);
}
static inline uint64_t fget(const uint8_t *img, SysField f)
{
    return (f.size == 1 || f.size == 2 || f.size == 4 || f.size == 8) ? sys_ld(img + f.off, f.size) : 0;
}
/* Sign-extended read. */
static inline int64_t fgets64(const uint8_t *img, SysField f)
{
    uint64_t v = fget(img, f);
    unsigned sh = 64 - 8u * (f.size ? f.size : 8);
    return f.size && f.size < 8 ? (int64_t)(v << sh) >> sh : (int64_t)v;
}
/* Does value v (signed) fit the field? */
static inline bool ffits(SysField f, int64_t v)
{
    if (f.size >= 8 || f.size == 0) return true;
    int64_t lim = (int64_t)1 << (8 * f.size - 1);
    return v >= -lim && v < lim;
}
static inline bool ffits_u(SysField f, uint64_t v)
{
    return f.size >= 8 || f.size == 0 || v < ((uint64_t)1 << (8 * f.size));
}

/* Largest structure image any handler builds on its stack. */
#define SYS_IMG_MAX 512

/* 0 or -EFAULT.  len 0 always succeeds.  sys_copy_out invalidates
 * translated code on the pages it writes. */
int sys_copy_in(void *dst, GuestAddr src, uint32_t len);
int sys_copy_out(GuestAddr dst, const void *src, uint32_t len);
/* How many bytes from a, up to len, are mapped with prot (a prefix). */
uint32_t sys_span(GuestAddr a, uint32_t len, int prot);
/* Host pointer for [a, a+len) after the checks, for host calls that read or
 * write guest bytes directly; NULL with *err = -EFAULT. */
void *sys_gbuf(GuestAddr a, uint32_t len, int prot, int *err);
/* Copies a guest string; 0, -EFAULT or -ENAMETOOLONG. */
int sys_strin(GuestAddr a, char *buf, size_t size);
/* A guest path, with the -L prefix and /proc/self/exe applied for lookups.
 * buf must hold PATH_MAX + prefix; returns 0 or -errno. */
int sys_path(GuestAddr a, char *buf, size_t size, bool lookup);

/* Is path /proc/self/exe (or /proc/<pid>/exe, ours)? */
bool sys_is_proc_exe(const char *path);

/* Host-style result of a libc call that returns -1/errno. */
static inline int64_t sys_ret(long r) { return r < 0 ? -(int64_t)errno : r; }

/* Guest signal mask words <-> host sigset (mapped signals only). */
void sys_sigset_g2h(const uint32_t *gw, unsigned nwords, void *host_sigset);
void sys_sigset_h2g(const void *host_sigset, uint32_t *gw, unsigned nwords);

/* Guest sigaltstack of the calling thread (sys_signal.c). */
typedef struct SysAltStack { uint32_t sp, size; int flags; } SysAltStack;

/* Shared converters (sys_file.c): guest dirfd (AT_FDCWD), open flags,
 * struct timespec (ts64: __kernel_timespec) in guest memory. */
int sys_atfd(int64_t g);
int sys_oflags(int64_t g);
int sys_timespec_in(GuestAddr g, bool ts64, struct timespec *ts);
int sys_timespec_out(GuestAddr g, bool ts64, const struct timespec *ts);
/* Guest iovec array -> host struct iovec[cnt] (buffers checked for prot). */
struct iovec;
int sys_iov_in(GuestAddr giov, int64_t cnt, int prot, struct iovec *hiov);

/* sys_notify.c: descriptors whose data the kernel writes in CPU byte
 * order (eventfd, timerfd, inotify): fix-ups for read and write, and
 * forgetting a number's kind when it is closed or reused. */
void sys_fdkind_fix_read(int fd, void *buf, int64_t n);
const void *sys_fdkind_fix_write(int fd, const void *buf, uint32_t n, uint8_t tmp[8]);
void sys_fdkind_forget(int fd);

/* sys_fs.c: 32-bit directory cookies (see there). */
void sys_dir_drop(int fd);
int64_t sys_dir_lseek(int fd, int64_t off, int whence);

/* Generic handlers an ABI override may fall back to. */
SysFn sys_prctl, sys_fadvise64, sys_getuid, sys_geteuid, sys_getgid, sys_getegid, sys_setuid,
    sys_setgid, sys_setreuid, sys_setregid, sys_setresuid, sys_setresgid, sys_setfsuid,
    sys_setfsgid, sys_chown, sys_fchown;

/* "Not handled here, carry on" from a helper that may take over a call. */
#define SYS_PASS INT64_MIN
/* sys_procfs.c: opens of /proc files that must show the guest's view;
 * SYS_PASS for every other path. */
int64_t sys_procfs_open(SysCtx *c, int dirfd, const char *path, int hflags, int mode);
/* sys_mem.c: the program break as the guest first saw it (0 before its
 * first brk call), for [heap] in /proc/self/maps. */
GuestAddr sys_brk_start(void);

/* sys_signal.c: the guest siginfo (L->siginfo.bytes at info) of a host
 * siginfo for guest signal g. */
void sys_siginfo_to_guest(const siginfo_t *si, int guest_sig, uint8_t *info);
/* sys_signal.c: a call with a temporary signal mask (ppoll, pselect6,
 * epoll_pwait): m (guest words) is the thread's mask until the call
 * returns, then the old one comes back (or goes into a handler's frame);
 * *host gets m for the host call.  Use with rt_safe_syscall. */
void sys_signal_temp_mask(GuestThread *t, const uint32_t *m, sigset_t *host);
/* sys_signal.c, for the ABIs' frame code: the alternate stack the frame
 * goes on (sp is the interrupted stack pointer; returns sp unchanged when
 * the altstack is off or already in use), the guest ss_flags for uc_stack,
 * and restoring the mask and altstack on sigreturn. */
uint32_t sys_sigframe_sp(const GuestSigAction *a, uint32_t sp);
int sys_altstack_flags(uint32_t sp);
void sys_sigreturn_mask(GuestThread *t, const uint32_t *gmask);
void sys_sigreturn_altstack(uint32_t sp, uint32_t size, int flags);
/* After a syscall: deliver a parked host signal the guest now accepts. */
void sys_signal_poll(GuestThread *t);

/* Warn once per key (stderr, "xbt: ..."). */
void sys_warn_once(const char *what, uint32_t key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* strace.c */
void sys_strace_call(SysCtx *c, int64_t ret, bool done);

/* dispatch.c: run syscall nr with raw args (MIPS indirect syscall). */
int64_t sys_call_nr(SysCtx *c, uint32_t nr, const uint32_t raw[8]);

#endif
