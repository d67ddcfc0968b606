/*
 * x64_harness.h - shared harness of the x86-64 backend tests: a fake guest
 * CPU (an IRCpuHeader followed by 64-bit register slots), a guest address
 * space like the runtime's (a 4 GiB PROT_NONE window with a few pages
 * mapped), an executable code buffer, and a runner that executes one block
 * under ir_interp and under the compiled code from the same initial state
 * and compares registers, exit fields, guest memory and MXCSR flags.
 *
 * Included by tests/unit/test_x64_*.c (static functions only).
 */
#ifndef XBT_TEST_X64_HARNESS_H
#define XBT_TEST_X64_HARNESS_H

#include <fenv.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xmmintrin.h>

#include "ir/backend.h"
#include "backend-x86_64/x64_internal.h"

enum { NREGS = 48 };

typedef struct FakeCPU {
    IRCpuHeader h;
    uint64_t r[NREGS];
} FakeCPU;

#define ROFF(k) ((uint32_t)(offsetof(FakeCPU, r) + 8 * (k)))

/* guest pages mapped in the window */
typedef struct Region {
    uint32_t guest;
    uint32_t size;
} Region;

static const Region regions[] = {
    { 0x00010000u, 0x10000 },    /* low: constant addresses fold into disp32 */
    { 0x7fff0000u, 0x10000 },    /* just below 2^31 */
    { 0xfff00000u, 0x10000 },    /* high: addresses need a register */
};
enum { NREGIONS = sizeof regions / sizeof regions[0] };

static uint8_t *h_base;
static uint8_t *h_code;
static size_t h_code_cap = 64u << 20, h_code_used;
static IRJumpCacheEntry *h_jc;
static uint8_t *h_snap[NREGIONS], *h_snap_a[NREGIONS];
static int h_n, h_fail, h_quiet_fail_limit = 40;
static uint64_t h_rng = 0x9e3779b97f4a7c15ull;

static __attribute__((unused)) uint64_t rnd(void)
{
    h_rng ^= h_rng << 13;
    h_rng ^= h_rng >> 7;
    h_rng ^= h_rng << 17;
    return h_rng;
}

static __attribute__((unused)) void h_die(const char *what)
{
    perror(what);
    exit(2);
}

static __attribute__((unused)) void h_init(void)
{
    h_base = mmap(NULL, (1ull << 32) + (1u << 16), PROT_NONE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (h_base == MAP_FAILED)
        h_die("mmap window");
    for (int k = 0; k < NREGIONS; k++) {
        if (mmap(h_base + regions[k].guest, regions[k].size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            h_die("mmap region");
        h_snap[k] = malloc(regions[k].size);
        h_snap_a[k] = malloc(regions[k].size);
        for (uint32_t i = 0; i < regions[k].size; i++)
            h_base[regions[k].guest + i] = (uint8_t)rnd();
    }
    h_code = mmap(NULL, h_code_cap, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (h_code == MAP_FAILED)
        h_die("mmap code");
    h_jc = malloc(IR_JC_SIZE * sizeof *h_jc);
    for (unsigned k = 0; k < IR_JC_SIZE; k++)
        h_jc[k] = (IRJumpCacheEntry){ IR_JC_EMPTY, NULL };
    if (!backend_x86_64.init()) {
        fprintf(stderr, "backend init failed\n");
        exit(2);
    }
}

static __attribute__((unused)) void h_result(bool ok, const char *fmt, ...)
{
    va_list ap;
    h_n++;
    if (!ok)
        h_fail++;
    if (ok && getenv("XBT_TEST_QUIET"))
        return;
    if (!ok && h_fail > h_quiet_fail_limit)
        return;
    printf("%s %d - ", ok ? "ok" : "not ok", h_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static __attribute__((unused)) int h_done(void)
{
    printf("# %d tests, %d failed\n", h_n, h_fail);
    return h_fail ? 1 : 0;
}

/* Compiles b into the code buffer (16-byte aligned); NULL on failure. */
static __attribute__((unused)) void *h_compile(const IRBlock *b, BackendPcMap *pcmap)
{
    BackendResult res;
    h_code_used = (h_code_used + 15) & ~(size_t)15;
    if (h_code_used + (1u << 20) > h_code_cap)
        h_code_used = 0;     /* wrap: old blocks are dead by now */
    if (!ir_verify(b, stderr)) {
        fprintf(stderr, "test built an invalid block\n");
        exit(2);
    }
    BackendStatus st = backend_x86_64.compile(b, h_code + h_code_used, h_code_cap - h_code_used,
                                              pcmap, &res);
    if (st != BE_OK) {
        fprintf(stderr, "compile failed: %d %s\n", st, res.why ? res.why : "");
        ir_print(b, stderr);
        return NULL;
    }
    void *p = h_code + h_code_used;
    h_code_used += res.size;
    return p;
}

/* Prints the host code of [p, p+n) with objdump (debugging aid). */
static __attribute__((unused)) void h_disasm(const void *p, size_t n)
{
    FILE *f = fopen("/tmp/xbt_x64_code.bin", "wb");
    if (!f)
        return;
    fwrite(p, 1, n, f);
    fclose(f);
    fflush(stdout);
    if (system("objdump -D -b binary -mi386:x86-64 -Mintel /tmp/xbt_x64_code.bin | tail -n +8") != 0)
        printf("# (objdump not available)\n");
}

static __attribute__((unused)) bool h_touches_memory(const IRBlock *b)
{
    for (IRRef i = 0; i < b->n; i++) {
        unsigned op = b->insn[i].op;
        if (op == IR_STORE || op == IR_CMPXCHG || op == IR_CALL)
            return true;
    }
    return false;
}

static __attribute__((unused)) void h_mem_save(uint8_t **dst)
{
    for (int k = 0; k < NREGIONS; k++)
        memcpy(dst[k], h_base + regions[k].guest, regions[k].size);
}

static __attribute__((unused)) void h_mem_restore(uint8_t **src)
{
    for (int k = 0; k < NREGIONS; k++)
        memcpy(h_base + regions[k].guest, src[k], regions[k].size);
}

static __attribute__((unused)) void h_cpu_init(FakeCPU *c)
{
    memset(c, 0, sizeof *c);
    c->h.jmp_cache = h_jc;
    c->h.exit_arg = 0xdeadbeef;
}

static unsigned h_mxcsr_mode = 0;   /* rounding mode of the next runs: MXCSR.RC 0..3 */

/* When set, register slots where both runs hold a NaN (as f32 or f64) are
 * equal: which input NaN an op propagates is left open by IEEE 754 for
 * FMA, and GCC even commutes fmaf's first two arguments in the oracle. */
static bool h_nan_loose;

static __attribute__((unused)) bool slot_nan(uint64_t v)
{
    uint32_t lo = (uint32_t)v;
    bool n32 = (v >> 32) == 0 && (lo & 0x7f800000u) == 0x7f800000u && (lo & 0x7fffffu);
    bool n64 = (v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (v & 0xfffffffffffffull);
    return n32 || n64;
}

static __attribute__((unused)) bool regs_equal(const FakeCPU *a, const FakeCPU *b)
{
    for (int k = 0; k < NREGS; k++)
        if (a->r[k] != b->r[k] && !(h_nan_loose && slot_nan(a->r[k]) && slot_nan(b->r[k])))
            return false;
    return true;
}

typedef struct RunOut {
    FakeCPU cpu;
    unsigned flags;
    void *ret;
} RunOut;

static __attribute__((unused)) void dump_diff(const FakeCPU *a, const FakeCPU *b)
{
    if (a->h.pc != b->h.pc || a->h.exit_code != b->h.exit_code || a->h.exit_arg != b->h.exit_arg)
        printf("#   exit: interp pc %08x code %u arg %08x, native pc %08x code %u arg %08x\n",
               a->h.pc, a->h.exit_code, a->h.exit_arg, b->h.pc, b->h.exit_code, b->h.exit_arg);
    for (int k = 0; k < NREGS; k++)
        if (a->r[k] != b->r[k])
            printf("#   r[%d] (off %u): interp %016llx native %016llx\n", k, ROFF(k),
                   (unsigned long long)a->r[k], (unsigned long long)b->r[k]);
}

/* Runs b both ways from init; returns true if everything agrees.  *ret_out
 * gets what enter() returned; verbose_fail prints the differences. */
static __attribute__((unused)) bool h_run_both(const IRBlock *b, void *code,
                                               const FakeCPU *init, void **ret_out,
                                               bool verbose_fail)
{
    bool mem = h_touches_memory(b), ok = true;
    FakeCPU A = *init, B = *init;
    static const int modes[4] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };

    /* flags are compared as fetestexcept sees them (x87 and SSE merged):
     * glibc raises some exceptions through the x87 unit */
    if (mem)
        h_mem_save(h_snap);
    fesetround(modes[h_mxcsr_mode]);
    feclearexcept(FE_ALL_EXCEPT);
    ir_interp(b, &A, h_base);
    unsigned fa = (unsigned)fetestexcept(FE_ALL_EXCEPT);
    if (mem) {
        h_mem_save(h_snap_a);
        h_mem_restore(h_snap);
    }
    feclearexcept(FE_ALL_EXCEPT);
    void *ret = backend_x86_64.enter(&B, h_base, code);
    unsigned fb = (unsigned)fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    if (ret_out)
        *ret_out = ret;

    if (A.h.pc != B.h.pc || A.h.exit_code != B.h.exit_code || A.h.exit_arg != B.h.exit_arg ||
        !regs_equal(&A, &B))
        ok = false;
    if (fa != fb) {
        ok = false;
        if (verbose_fail && h_fail < h_quiet_fail_limit)
            printf("#   FP flags: interp %02x native %02x\n", fa, fb);
    }
    if (mem) {
        for (int k = 0; k < NREGIONS; k++) {
            if (memcmp(h_snap_a[k], h_base + regions[k].guest, regions[k].size)) {
                ok = false;
                if (verbose_fail && h_fail < h_quiet_fail_limit)
                    for (uint32_t i = 0; i < regions[k].size; i++)
                        if (h_snap_a[k][i] != h_base[regions[k].guest + i]) {
                            printf("#   memory %08x: interp %02x native %02x\n",
                                   regions[k].guest + i, h_snap_a[k][i],
                                   h_base[regions[k].guest + i]);
                            break;
                        }
            }
        }
        /* keep memory as the interpreter left it: both agree when ok */
        h_mem_restore(h_snap_a);
    }
    /* the ret value: a patch site (jmp rel32) for chainable exits */
    if (ret && *(uint8_t *)ret != 0xe9)
        ok = false;
    if (!ok && verbose_fail && h_fail < h_quiet_fail_limit)
        dump_diff(&A, &B);
    return ok;
}

/* ---- values ------------------------------------------------------------- */

static const uint32_t edge32[] = {
    0, 1, 2, 3, 7, 31, 32, 33, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
    0x12345678, 0x7fffffff, 0x80000000u, 0x80000001u, 0xfffffffeu, 0xffffffffu, 0xdeadbeefu,
};
static const uint64_t edge64[] = {
    0, 1, 2, 63, 64, 65, 0xff, 0x80, 0xffffffffull, 0x100000000ull, 0x7fffffffull,
    0x80000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0x123456789abcdef0ull, 0xffffffff80000000ull,
};
static const double edgef[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.7, -3.7, 1e-310, -1e-310,
    4.9e-324, 1e300, -1e300, 2147483647.0, 2147483647.5, 2147483648.0, -2147483648.0,
    -2147483648.5, -2147483649.0, -2147483648.9, 4294967296.0, 9223372036854775807.0,
    -9223372036854775808.0, 9223372036854775808.0, -9223372036854777856.0,
    4503599627370497.0, 1e20, -1e20, 1.0e38, 3.4e38, 1e-40, INFINITY, -INFINITY, NAN, -NAN,
};
#define NEDGE32 ((int)(sizeof edge32 / sizeof edge32[0]))
#define NEDGE64 ((int)(sizeof edge64 / sizeof edge64[0]))
#define NEDGEF ((int)(sizeof edgef / sizeof edgef[0]))

static __attribute__((unused)) uint64_t f64_bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static __attribute__((unused)) uint64_t f32_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static const uint64_t snan64 = 0x7ff4000000000001ull, snan32 = 0x7fa00001u;
static const uint64_t qnan64_payload = 0xfff8000000012345ull, qnan32_payload = 0xffc01234u;

/* Edge value k of type t (as register bits); k wraps. */
static __attribute__((unused)) uint64_t edge_val(IRType t, unsigned k)
{
    switch (t) {
    case IR_I32: return edge32[k % NEDGE32];
    case IR_I64: return edge64[k % NEDGE64];
    case IR_F32:
        k %= NEDGEF + 2;
        if (k == (unsigned)NEDGEF) return snan32;
        if (k == (unsigned)NEDGEF + 1) return qnan32_payload;
        return f32_bits((float)edgef[k]);
    default:
        k %= NEDGEF + 2;
        if (k == (unsigned)NEDGEF) return snan64;
        if (k == (unsigned)NEDGEF + 1) return qnan64_payload;
        return f64_bits(edgef[k]);
    }
}

static __attribute__((unused)) unsigned n_edges(IRType t)
{
    switch (t) {
    case IR_I32: return NEDGE32;
    case IR_I64: return NEDGE64;
    default:     return NEDGEF + 2;
    }
}

static __attribute__((unused)) IRRef h_const(IRBlock *b, IRType t, uint64_t v)
{
    switch (t) {
    case IR_I32: return ir_const32(b, (uint32_t)v);
    case IR_I64: return ir_const64(b, v);
    case IR_F32: return ir_emit(b, IR_CONST, IR_F32, 0, (uint32_t)v, 0, 0);
    default:     return ir_emit(b, IR_CONST, IR_F64, 0, (uint32_t)v, (uint32_t)(v >> 32), 0);
    }
}

static __attribute__((unused)) const char *tname(IRType t) { return ir_type_name(t); }

#endif
