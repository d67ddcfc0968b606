/*
 * dispatch.c - the entry of the syscall layer: picks the guest's syscall
 * ABI (sys_init), builds the number -> handler table and the errno and
 * signal maps from the ABI's generated tables, and runs one guest syscall
 * (sys_dispatch): read number and raw arguments through the frontend's
 * GuestSyscallABI, decode them by the call's argument kinds, run the
 * handler, trace it, turn a host errno into the guest's, write the result.
 *
 * The number table comes from tables/<abi>.h (kernel names); handlers come
 * from calls.def (generic, by kernel name) and the ABI's overrides.  A name
 * the guest has but no handler serves is an unsupported call: -ENOSYS and
 * one line "xbt: unsupported syscall NAME (N)" per number.
 *
 * Register pairs: o32, ARM EABI and PowerPC32 pass a 64-bit argument in two
 * consecutive argument slots starting at an even slot (SysAbi.pair_align),
 * the half at the lower slot being the one at the lower address in guest
 * byte order (high half first on big-endian guests).
 */
#include <elf.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "sys_abi.h"

SysState sys_cur;

/* ---- the generic handlers (calls.def) ---------------------------------- */

#define SC(name, fn, variant, flags, ...) SysFn fn;
#include "calls.def"
#undef SC

static const SysCall generic_calls[] = {
#define SC(name, fn, variant, flags, ...) { #name, fn, variant, flags, { __VA_ARGS__ } },
#include "calls.def"
#undef SC
};

/* ---- number table ------------------------------------------------------------ */

typedef struct SysEntry { const char *name; const SysCall *sc; } SysEntry;

static SysEntry *tab;            /* the dense run of numbers: index nr - tab_base */
static uint32_t tab_base, tab_len;
static SysEntry *far;            /* numbers far above the run (ARM's 0x0f0000 calls) */
static uint32_t *far_nr, n_far;

static const SysCall *find_call(const SysAbi *abi, const char *name)
{
    for (uint32_t i = 0; i < abi->n_overrides; i++)
        if (!strcmp(abi->overrides[i].name, name))
            return &abi->overrides[i].call;
    for (size_t i = 0; i < sizeof generic_calls / sizeof generic_calls[0]; i++)
        if (!strcmp(generic_calls[i].name, name))
            return &generic_calls[i];
    return NULL;
}

static const SysEntry *lookup(uint32_t nr)
{
    if (nr - tab_base < tab_len && tab[nr - tab_base].name)
        return &tab[nr - tab_base];
    for (uint32_t i = 0; i < n_far; i++)
        if (far_nr[i] == nr)
            return &far[i];
    return NULL;
}

/* ---- setup ----------------------------------------------------------------------- */

static int16_t errno_h2g[512];
static int16_t sig_h2g[65];
static int16_t sig_g2h[GUEST_NSIG + 1];

bool sys_setup(const SysAbi *abi, const GuestArch *arch)
{
    sys_cur.abi = abi;
    sys_cur.arch = arch;
    sys_cur.L = abi->L;
    sys_cur.be = arch ? arch->big_endian : false;
    sys_cur.guest_nsig = gk_has(K__NSIG) ? (int)gk(K__NSIG) : 64;
    if (sys_cur.guest_nsig > GUEST_NSIG)
        sys_cur.guest_nsig = GUEST_NSIG;    /* NYI: MIPS signal 128 (thread.h holds 0..127) */
    sys_cur.guest_rtmin = gk_has(K_SIGRTMIN) ? (int)gk(K_SIGRTMIN) : 32;
    /* Host real-time signals from glibc's SIGRTMIN: the two below it belong
     * to xbt's own libc (cancellation, setxid), as the guest's two lowest
     * belong to the guest libc; SIGRTMAX interrupts blocking calls. */
    sys_cur.host_rtmin = SIGRTMIN;
    sys_cur.host_rtmax = RT_SIG_KICK - 1;   /* the last one is xbt's (runtime/signal.c) */

    for (int c = 0; c < KC__COUNT; c++)
        sys_cur.cat_first[c] = -1;
    for (int k = K__COUNT - 1; k >= 0; k--) {
        sys_cur.k_next[k] = sys_cur.cat_first[sys_k[k].cat];
        sys_cur.cat_first[sys_k[k].cat] = (int16_t)k;
    }

    memset(errno_h2g, 0, sizeof errno_h2g);
    for (int k = sys_cur.cat_first[KC_ERRNO]; k >= 0; k = sys_cur.k_next[k]) {
        int64_t h = sys_k[k].host;
        if (gk_has(k) && h > 0 && h < 512 && !errno_h2g[h])
            errno_h2g[h] = (int16_t)gk(k);
    }
    memset(sig_h2g, 0, sizeof sig_h2g);
    memset(sig_g2h, 0, sizeof sig_g2h);
    for (int k = sys_cur.cat_first[KC_SIGNAL]; k >= 0; k = sys_cur.k_next[k]) {
        int64_t h = sys_k[k].host, g = gk_has(k) ? gk(k) : 0;
        if (h > 0 && h < 65 && g > 0 && g <= GUEST_NSIG) {
            if (!sig_h2g[h]) sig_h2g[h] = (int16_t)g;
            if (!sig_g2h[g]) sig_g2h[g] = (int16_t)h;
        }
    }

    /* The table is sorted: the dense run ends at the first gap of more than
     * 1024 numbers; what follows is looked up in a short list. */
    uint32_t lo = abi->n_nrs ? abi->nrs[0].nr : 0, hi = lo, run = 0;
    for (; run < abi->n_nrs && abi->nrs[run].nr - hi <= 1024; run++)
        hi = abi->nrs[run].nr;
    free(tab);
    free(far);
    free(far_nr);
    tab = far = NULL;
    far_nr = NULL;
    tab_base = lo;
    tab_len = run ? hi - lo + 1 : 0;
    n_far = abi->n_nrs - run;
    tab = calloc(tab_len + 1, sizeof *tab);
    far = calloc(n_far + 1, sizeof *far);
    far_nr = calloc(n_far + 1, sizeof *far_nr);
    if (!tab || !far || !far_nr)
        return false;
    for (uint32_t i = 0; i < abi->n_nrs; i++) {
        SysEntry *e = i < run ? &tab[abi->nrs[i].nr - lo] : &far[i - run];
        if (i >= run)
            far_nr[i - run] = abi->nrs[i].nr;
        e->name = abi->nrs[i].name;
        e->sc = find_call(abi, e->name);
    }
    return true;
}

static const SysAbi *const all_abis[] = { &sys_abi_mips_o32, &sys_abi_arm_eabi, &sys_abi_ppc32 };

bool sys_abi_known_machine(uint16_t em)
{
    for (size_t i = 0; i < sizeof all_abis / sizeof all_abis[0]; i++)
        if (all_abis[i]->elf_machine == em)
            return true;
    return false;
}

bool sys_init(const GuestArch *arch)
{
    for (size_t i = 0; i < sizeof all_abis / sizeof all_abis[0]; i++)
        if (all_abis[i]->elf_machine == arch->elf_machine)
            return sys_setup(all_abis[i], arch);
    return false;
}

/* ---- errno and signal maps --------------------------------------------------- */

int sys_errno_to_guest(int h)
{
    if (h > 0 && h < 512 && errno_h2g[h])
        return errno_h2g[h];
    sys_warn_once("errno", (uint32_t)h, "host errno %d (%s) has no %s number; passed unchanged",
                  h, strerror(h), sys_cur.abi ? sys_cur.abi->name : "guest");
    return h;
}

int sys_signal_to_guest(int h)
{
    if (h > 0 && h < 65 && sig_h2g[h])
        return sig_h2g[h];
    if (h >= sys_cur.host_rtmin && h <= sys_cur.host_rtmax) {
        int g = sys_cur.guest_rtmin + (h - sys_cur.host_rtmin);
        if (g <= sys_cur.guest_nsig)
            return g;
    }
    return 0;
}

int sys_signal_to_host(int g)
{
    if (g > 0 && g <= GUEST_NSIG && sig_g2h[g])
        return sig_g2h[g];
    if (g >= sys_cur.guest_rtmin && g <= sys_cur.guest_nsig) {
        int h = sys_cur.host_rtmin + (g - sys_cur.guest_rtmin);
        if (h <= sys_cur.host_rtmax)
            return h;
    }
    return 0;
}

const char *sys_errno_name(int g)
{
    for (int k = sys_cur.cat_first[KC_ERRNO]; k >= 0; k = sys_cur.k_next[k])
        if (gk_is(k, g))
            return sys_k[k].name;
    return NULL;
}

const char *sys_signal_name(int g, char *buf, size_t size)
{
    for (int k = sys_cur.cat_first[KC_SIGNAL]; k >= 0; k = sys_cur.k_next[k])
        if (gk_is(k, g))
            return sys_k[k].name;
    if (g >= sys_cur.guest_rtmin && g <= sys_cur.guest_nsig)
        snprintf(buf, size, "SIGRTMIN+%d", g - sys_cur.guest_rtmin);
    else
        snprintf(buf, size, "%d", g);
    return buf;
}

/* ---- constants: by category ---------------------------------------------------- */

int sys_kval_g(KCat cat, int64_t v)
{
    for (int k = sys_cur.cat_first[cat]; k >= 0; k = sys_cur.k_next[k])
        if (sys_k[k].kind == KK_VAL && gk_is(k, v))
            return k;
    return -1;
}

int sys_kval_h(KCat cat, int64_t v)
{
    for (int k = sys_cur.cat_first[cat]; k >= 0; k = sys_cur.k_next[k])
        if (sys_k[k].kind == KK_VAL && gk_has(k) && sys_k[k].host == v)
            return k;
    return -1;
}

/* One direction of a flag word: to_host selects which side is "from". */
static uint64_t flags_map(KCat cat, uint64_t in, uint64_t *unknown, bool to_host)
{
    uint64_t out = 0, rest = in, covered = 0;
#define FROM(k) (to_host ? (uint64_t)gk(k) : (uint64_t)sys_k[k].host)
#define TO(k) (to_host ? (uint64_t)sys_k[k].host : (uint64_t)gk(k))
    for (int m = sys_cur.cat_first[cat]; m >= 0; m = sys_cur.k_next[m]) {
        if (sys_k[m].kind != KK_MASK || !gk_has(m))
            continue;
        uint64_t fm = FROM(m), tm = TO(m), field = in & fm;
        bool found = field == 0;
        for (int v = sys_cur.cat_first[cat]; v >= 0 && !found; v = sys_cur.k_next[v]) {
            if (sys_k[v].kind != KK_FVAL || !gk_has(v))
                continue;
            if ((FROM(v) & ~fm) || (TO(v) & ~tm) || FROM(v) != field)
                continue;
            out |= TO(v);
            found = true;
        }
        rest &= ~fm;
        if (!found && unknown)
            *unknown |= field;
    }
    for (int k = sys_cur.cat_first[cat]; k >= 0; k = sys_cur.k_next[k]) {
        if (sys_k[k].kind != KK_VAL || !gk_has(k))
            continue;
        uint64_t f = FROM(k);
        if (f && (rest & f) == f) {
            out |= TO(k);
            covered |= f;
        }
    }
#undef FROM
#undef TO
    if (unknown)
        *unknown |= rest & ~covered;
    return out;
}

uint64_t sys_flags_g2h(KCat cat, uint64_t g, uint64_t *unknown)
{
    return flags_map(cat, g, unknown, true);
}

uint64_t sys_flags_h2g(KCat cat, uint64_t h, uint64_t *unknown)
{
    return flags_map(cat, h, unknown, false);
}

/* ---- warnings ---------------------------------------------------------------------- */

void sys_warn_once(const char *what, uint32_t key, const char *fmt, ...)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static struct { const char *what; uint32_t key; } seen[1024];
    static unsigned nseen;
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < nseen; i++)
        if (seen[i].key == key && !strcmp(seen[i].what, what)) {
            pthread_mutex_unlock(&lock);
            return;
        }
    if (nseen < sizeof seen / sizeof seen[0]) {
        seen[nseen].what = what;
        seen[nseen].key = key;
        nseen++;
    }
    pthread_mutex_unlock(&lock);
    va_list ap;
    va_start(ap, fmt);
    char line[512];
    int n = snprintf(line, sizeof line, "xbt: ");
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", line);
}

/* ---- running one call ------------------------------------------------------------- */

static bool kind_signed(uint8_t k)
{
    return k == A_INT || k == A_FD || k == A_ATFD || k == A_SIG || k == A_CLOCK;
}

static void decode_args(SysCtx *c)
{
    unsigned slot = 0;
    for (int i = 0; i < SYS_MAXARGS; i++) {
        uint8_t k = c->sc->kinds[i];
        if (k == A_END)
            break;
        if (k == A_OFF64) {
            if (sys_cur.abi->pair_align && (slot & 1))
                slot++;
            uint32_t w0 = slot < 8 ? c->raw[slot] : 0, w1 = slot + 1 < 8 ? c->raw[slot + 1] : 0;
            uint64_t hi = sys_cur.be ? w0 : w1, lo = sys_cur.be ? w1 : w0;
            c->a[i] = (int64_t)(hi << 32 | lo);
            slot += 2;
        } else {
            uint32_t w = slot < 8 ? c->raw[slot] : 0;
            c->a[i] = kind_signed(k) ? (int64_t)(int32_t)w : (int64_t)w;
            slot++;
        }
    }
}

/* sys_timer.c: signalfd records are converted after a read. */
extern bool sys_fd_kinds_used;
void sys_fd_fixup_read(SysCtx *c, int64_t ret);
void sys_fd_note_dup(SysCtx *c, int64_t ret);

static int64_t run(SysCtx *c)
{
    const SysEntry *e = lookup(c->nr);
    c->name = e ? e->name : NULL;
    c->sc = e ? e->sc : NULL;
    if (!c->sc) {
        if (e)
            sys_warn_once("syscall", c->nr, "unsupported syscall %s (%u)", e->name, c->nr);
        else
            sys_warn_once("syscall", c->nr, "unknown syscall %u", c->nr);
        if (rt_proc.strace)
            sys_strace_call(c, -ENOSYS, true);
        return -ENOSYS;
    }
    decode_args(c);
    if (rt_proc.strace && (c->sc->flags & SCF_NORETURN))
        sys_strace_call(c, 0, false);
    int64_t ret = c->sc->fn(c);
    if (sys_fd_kinds_used) {
        if (c->sc->fn == sys_read)
            sys_fd_fixup_read(c, ret);
        else if (c->sc->fn == sys_dup || c->sc->fn == sys_dup2 || c->sc->fn == sys_dup3)
            sys_fd_note_dup(c, ret);
    }
    if (rt_proc.strace)
        sys_strace_call(c, ret, true);
    return ret;
}

/* Calls that the kernel never restarts after a handler ran, whatever
 * SA_RESTART says (signal(7), "Interruption of system calls"): they return
 * -ERESTARTNOHAND or use a restart block.  Every other call interrupted by
 * a signal is -ERESTARTSYS: restarted when the handler has SA_RESTART.  A
 * handler can add a case with SysCtx.no_restart (a futex wait with a
 * timeout).  NYI: sockets with SO_RCVTIMEO/SO_SNDTIMEO, inotify reads. */
static const char *const no_restart_calls[] = {
    "poll", "ppoll", "ppoll_time64", "select", "_newselect", "pselect6", "pselect6_time64",
    "epoll_wait", "epoll_pwait", "epoll_pwait2", "nanosleep", "clock_nanosleep",
    "clock_nanosleep_time64", "rt_sigsuspend", "sigsuspend", "pause", "rt_sigtimedwait",
    "rt_sigtimedwait_time64", "msgrcv", "msgsnd", "semop", "semtimedop", "semtimedop_time64",
    "io_getevents", "io_pgetevents", "io_pgetevents_time64", "recvmmsg", "recvmmsg_time64",
};

static bool never_restarts(const SysCtx *c)
{
    if (c->no_restart)
        return true;
    for (size_t i = 0; c->name && i < sizeof no_restart_calls / sizeof no_restart_calls[0]; i++)
        if (!strcmp(c->name, no_restart_calls[i]))
            return true;
    return false;
}

int64_t sys_call_nr(SysCtx *outer, uint32_t nr, const uint32_t raw[8])
{
    SysCtx c = { .t = outer->t, .nr = nr };
    memcpy(c.raw, raw, sizeof c.raw);
    int64_t ret = run(&c);
    outer->raise_host_sig = c.raise_host_sig;
    outer->raise_si_code = c.raise_si_code;
    outer->no_restart = never_restarts(&c);
    return ret;
}

/* A call interrupted by a signal (-EINTR): restart it - leave the pc on the
 * syscall instruction, registers untouched, so that it runs again after
 * the handler - or let it fail with EINTR, as the kernel's
 * handle_signal/do_signal decide (arch/<arch>/kernel/signal.c). */
static bool restart_call(GuestThread *t, const SysCtx *c)
{
    int g = rt_sig_next(t);
    const GuestSigAction *a = g ? &rt_proc.sigact[g] : NULL;
    if (!a || a->handler <= 1)
        return true;                      /* no handler runs: always restarted */
    if (never_restarts(c))
        return false;
    return (a->flags & (uint32_t)gk(K_SA_RESTART)) != 0;
}

void sys_dispatch(GuestThread *t)
{
    const GuestSyscallABI *sa = sys_cur.arch->sys;
    SysCtx c = { .t = t };
    /* A signal that arrived before the syscall instruction is delivered
     * first; the syscall runs when its handler returns (pc unchanged). */
    rt_sig_syscall_begin(t);
    if (t->sig_pending && rt_sig_next(t)) {
        rt_sig_syscall_end(t, false);
        return;
    }
    c.nr = sa->nr(t->cpu);
    sa->args(t->cpu, guest_base, c.raw);
    int64_t ret = run(&c);
    bool intr = ret == -EINTR && !(c.sc && (c.sc->flags & SCF_NORESULT));
    rt_sig_syscall_end(t, intr);
    if (intr && restart_call(t, &c))
        return;
    if (!(c.sc && (c.sc->flags & SCF_NORESULT) && ret == 0)) {
        sa->advance(t->cpu);
        if (ret < 0 && ret >= -4095)
            ret = -(int64_t)sys_errno_to_guest((int)-ret);
        sa->set_result(t->cpu, ret);
    }
    if (c.raise_host_sig)
        rt_raise_guest_signal(t, c.raise_host_sig, c.raise_si_code, 0);
    else
        sys_signal_poll(t);
}
