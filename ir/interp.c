/*
 * interp.c - the reference interpreter: runs any IRBlock on a guest CPU
 * struct and guest memory.  It is the oracle every backend is tested
 * against, so it follows ir.h and ir_ops.def to the letter and is written
 * for clarity first, speed second.
 *
 * Semantics fixed here (and in docs/ir.md):
 *  - i32 values live zero-extended in 64-bit slots, f32 values as their bits.
 *  - Division: x/0 = 0, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0.  Shift and rotate
 *    counts are taken modulo the width; clz(0) is the width.
 *  - FP ops use the host FP environment as it stands (rounding mode, sticky
 *    flags): operands are read through volatile temporaries so that -O2 can
 *    neither fold nor move an FP operation across a helper call that changes
 *    the environment.  FABS/FNEG/BITCAST/DEFNAN only move bits.
 *  - FCMP: the relation of a to b (lt, eq, gt, or unordered) is tested
 *    against the mask; a signalling NaN always raises invalid, a quiet NaN
 *    only with IR_FC_SIGNAL.
 *  - FTOI: rounds by the mode in aux (IR_RM_DYNAMIC: the host's current
 *    mode), raises inexact when the integer differs from the input, and
 *    invalid for NaN or out-of-range, which give: SAT - the nearest of
 *    MIN/MAX, NaN -> 0; MAXPOS - MAX in every invalid case.
 *  - Memory: guest_base + (uint32_t)addr, any alignment; IR_MEM_BE swaps
 *    bytes (the host is little-endian).  CMPXCHG is atomic (host CAS) and
 *    compares the loaded value, extended to the result type as a load would,
 *    with the expected value.
 *  - Helpers are called with the C types of their IRHelper signature (i32
 *    uint32_t, i64 uint64_t, f32 float, f64 double), the CPU pointer first.
 *  - A block entered with header.exit_request set leaves at once with
 *    pc = b->guest_pc and exit_code IR_EXIT_NONE, as compiled code does.
 *  - Exits: GOTO, EXIT_IF and JUMP store pc and exit_code = IR_EXIT_NONE;
 *    TRAP and TRAP_IF store pc, exit_code = aux and exit_arg.  Ordinary
 *    exits leave exit_arg alone.
 */
#include <fenv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ir/interp.c assumes a little-endian host"
#endif

__thread uint32_t ir_interp_guest_pc;

/* ---- bit views -------------------------------------------------------- */

static inline float f32_of(uint64_t v)
{
    uint32_t bits = (uint32_t)v;
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline double f64_of(uint64_t v)
{
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

static inline uint64_t bits_f32(float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return bits;
}

static inline uint64_t bits_f64(double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return bits;
}

static bool is_nan_bits(IRType t, uint64_t v)
{
    if (t == IR_F32)
        return (v & 0x7f800000u) == 0x7f800000u && (v & 0x007fffffu);
    return (v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (v & 0x000fffffffffffffull);
}

/* ---- integer ops ------------------------------------------------------ */

static uint64_t int_op32(IROp op, uint32_t a, uint32_t b)
{
    switch (op) {
    case IR_ADD:  return a + b;
    case IR_SUB:  return a - b;
    case IR_MUL:  return a * b;
    case IR_DIVS:
        if (b == 0)
            return 0;
        if (a == 0x80000000u && b == 0xffffffffu)
            return a;
        return (uint32_t)((int32_t)a / (int32_t)b);
    case IR_DIVU: return b ? a / b : 0;
    case IR_REMS:
        if (b == 0)
            return a;
        if (a == 0x80000000u && b == 0xffffffffu)
            return 0;
        return (uint32_t)((int32_t)a % (int32_t)b);
    case IR_REMU: return b ? a % b : a;
    case IR_AND:  return a & b;
    case IR_OR:   return a | b;
    case IR_XOR:  return a ^ b;
    case IR_SHL:  return a << (b & 31);
    case IR_SHR:  return a >> (b & 31);
    case IR_SAR:  return (uint32_t)((int32_t)a >> (b & 31));
    case IR_ROTR: b &= 31; return b ? (a >> b | a << (32 - b)) : a;
    case IR_NOT:  return ~a;
    case IR_NEG:  return 0u - a;
    case IR_CLZ:  return a ? (uint32_t)__builtin_clz(a) : 32;
    case IR_BSWAP: return __builtin_bswap32(a);
    case IR_SEXT8:  return (uint32_t)(int32_t)(int8_t)a;
    case IR_SEXT16: return (uint32_t)(int32_t)(int16_t)a;
    case IR_ZEXT8:  return a & 0xff;
    case IR_ZEXT16: return a & 0xffff;
    default: abort();
    }
}

static uint64_t int_op64(IROp op, uint64_t a, uint64_t b)
{
    switch (op) {
    case IR_ADD:  return a + b;
    case IR_SUB:  return a - b;
    case IR_MUL:  return a * b;
    case IR_DIVS:
        if (b == 0)
            return 0;
        if (a == 0x8000000000000000ull && b == ~0ull)
            return a;
        return (uint64_t)((int64_t)a / (int64_t)b);
    case IR_DIVU: return b ? a / b : 0;
    case IR_REMS:
        if (b == 0)
            return a;
        if (a == 0x8000000000000000ull && b == ~0ull)
            return 0;
        return (uint64_t)((int64_t)a % (int64_t)b);
    case IR_REMU: return b ? a % b : a;
    case IR_AND:  return a & b;
    case IR_OR:   return a | b;
    case IR_XOR:  return a ^ b;
    case IR_SHL:  return a << (b & 63);
    case IR_SHR:  return a >> (b & 63);
    case IR_SAR:  return (uint64_t)((int64_t)a >> (b & 63));
    case IR_ROTR: b &= 63; return b ? (a >> b | a << (64 - b)) : a;
    case IR_NOT:  return ~a;
    case IR_NEG:  return 0ull - a;
    case IR_CLZ:  return a ? (uint64_t)__builtin_clzll(a) : 64;
    case IR_BSWAP: return __builtin_bswap64(a);
    default: abort();
    }
}

static bool setcc(unsigned cc, IRType t, uint64_t a, uint64_t b)
{
    int64_t sa = t == IR_I32 ? (int64_t)(int32_t)a : (int64_t)a;
    int64_t sb = t == IR_I32 ? (int64_t)(int32_t)b : (int64_t)b;
    switch (cc) {
    case IR_CC_EQ:  return a == b;
    case IR_CC_NE:  return a != b;
    case IR_CC_LTS: return sa < sb;
    case IR_CC_LES: return sa <= sb;
    case IR_CC_GTS: return sa > sb;
    case IR_CC_GES: return sa >= sb;
    case IR_CC_LTU: return a < b;
    case IR_CC_LEU: return a <= b;
    case IR_CC_GTU: return a > b;
    case IR_CC_GEU: return a >= b;
    default: abort();
    }
}

/* ---- floating point --------------------------------------------------- */

static uint64_t fp_op32(IROp op, uint64_t va, uint64_t vb, uint64_t vc)
{
    volatile float a = f32_of(va), b = f32_of(vb), c = f32_of(vc);
    volatile float r;
    switch (op) {
    case IR_FADD:  r = a + b; break;
    case IR_FSUB:  r = a - b; break;
    case IR_FMUL:  r = a * b; break;
    case IR_FDIV:  r = a / b; break;
    case IR_FSQRT: r = sqrtf(a); break;
    case IR_FMA:   r = fmaf(a, b, c); break;
    default: abort();
    }
    return bits_f32(r);
}

static uint64_t fp_op64(IROp op, uint64_t va, uint64_t vb, uint64_t vc)
{
    volatile double a = f64_of(va), b = f64_of(vb), c = f64_of(vc);
    volatile double r;
    switch (op) {
    case IR_FADD:  r = a + b; break;
    case IR_FSUB:  r = a - b; break;
    case IR_FMUL:  r = a * b; break;
    case IR_FDIV:  r = a / b; break;
    case IR_FSQRT: r = sqrt(a); break;
    case IR_FMA:   r = fma(a, b, c); break;
    default: abort();
    }
    return bits_f64(r);
}

static uint32_t fp_cmp(unsigned mask, IRType t, uint64_t va, uint64_t vb)
{
    unsigned rel;
    /* The quiet unordered test raises invalid for a signalling NaN only. */
    if (t == IR_F32) {
        volatile float a = f32_of(va), b = f32_of(vb);
        if (__builtin_isunordered(a, b))
            rel = IR_FC_UN;
        else
            rel = __builtin_isless(a, b) ? IR_FC_LT : __builtin_isgreater(a, b) ? IR_FC_GT : IR_FC_EQ;
    } else {
        volatile double a = f64_of(va), b = f64_of(vb);
        if (__builtin_isunordered(a, b))
            rel = IR_FC_UN;
        else
            rel = __builtin_isless(a, b) ? IR_FC_LT : __builtin_isgreater(a, b) ? IR_FC_GT : IR_FC_EQ;
    }
    if (rel == IR_FC_UN && (mask & IR_FC_SIGNAL))
        feraiseexcept(FE_INVALID);
    return (mask & rel) != 0;
}

static uint64_t fp_cvt(IRType to, uint64_t v)
{
    if (to == IR_F64) {
        volatile float a = f32_of(v);
        volatile double r = a;
        return bits_f64(r);
    }
    volatile double a = f64_of(v);
    volatile float r = (float)a;
    return bits_f32(r);
}

static uint64_t fp_itof(IRType to, IRType from, uint64_t v)
{
    volatile int64_t x = from == IR_I32 ? (int64_t)(int32_t)v : (int64_t)v;
    if (to == IR_F32) {
        volatile float r;
        if (from == IR_I32) {
            volatile int32_t x32 = (int32_t)x;
            r = (float)x32;
        } else {
            r = (float)x;
        }
        return bits_f32(r);
    }
    volatile double r = (double)x;   /* exact for i32 sources */
    return bits_f64(r);
}

/* trunc() without touching the FP flags (glibc's may raise inexact). */
static double trunc_quiet(double x)
{
    uint64_t bits = bits_f64(x);
    int e = (int)((bits >> 52) & 0x7ff) - 1023;
    if (e < 0)
        bits &= 0x8000000000000000ull;              /* |x| < 1: signed zero */
    else if (e < 52)
        bits &= ~((1ull << (52 - e)) - 1);          /* clear the fraction bits */
    return f64_of(bits);
}

/* Rounds x (not NaN, not infinite) to an integral double in mode rm, using
 * only exact operations so that no FP flag is raised here. */
static double round_integral(double x, unsigned rm)
{
    if (rm == IR_RM_DYNAMIC) {
        switch (fegetround()) {
        case FE_TOWARDZERO: rm = IR_RM_ZERO; break;
        case FE_UPWARD:     rm = IR_RM_UP; break;
        case FE_DOWNWARD:   rm = IR_RM_DOWN; break;
        default:            rm = IR_RM_NEAREST; break;
        }
    }
    if (!(fabs(x) < 4503599627370496.0))   /* 2^52: already integral */
        return x;
    double t = trunc_quiet(x);
    double d = x - t;                       /* exact */
    switch (rm) {
    case IR_RM_ZERO: return t;
    case IR_RM_UP:   return d > 0 ? t + 1 : t;
    case IR_RM_DOWN: return d < 0 ? t - 1 : t;
    default: {
        double ad = fabs(d), step = x < 0 ? -1 : 1;
        if (ad > 0.5 || (ad == 0.5 && ((int64_t)t & 1)))
            return t + step;
        return t;
    }
    }
}

static uint64_t fp_ftoi(IRType to, IRType from, unsigned aux, uint64_t v)
{
    bool maxpos = (aux & IR_FTOI_POLICY_MASK) == IR_FTOI_MAXPOS;
    uint64_t max = to == IR_I32 ? 0x7fffffffu : 0x7fffffffffffffffull;
    uint64_t min = to == IR_I32 ? 0x80000000u : 0x8000000000000000ull;
    if (is_nan_bits(from, v)) {
        feraiseexcept(FE_INVALID);
        return maxpos ? max : 0;
    }
    double x = from == IR_F32 ? (double)f32_of(v) : f64_of(v);   /* exact */
    double r = round_integral(x, aux & IR_RM_MASK);
    bool in_range = to == IR_I32 ? (r >= -2147483648.0 && r <= 2147483647.0)
                                 : (r >= -9223372036854775808.0 && r < 9223372036854775808.0);
    if (!in_range) {
        feraiseexcept(FE_INVALID);
        return maxpos || r > 0 ? max : min;
    }
    if (r != x)
        feraiseexcept(FE_INEXACT);
    if (to == IR_I32)
        return (uint32_t)(int32_t)r;
    return (uint64_t)(int64_t)r;
}

/* ---- constant evaluation (shared with ir/opt_fold.c) ------------------- */

bool ir_eval(IROp op, IRType t, IRType ta, unsigned aux, uint64_t x, uint64_t y,
             uint64_t z, uint64_t *res)
{
    switch (op) {
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_DIVS: case IR_DIVU:
    case IR_REMS: case IR_REMU: case IR_AND: case IR_OR: case IR_XOR:
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTR:
    case IR_NOT: case IR_NEG: case IR_CLZ: case IR_BSWAP:
    case IR_SEXT8: case IR_SEXT16: case IR_ZEXT8: case IR_ZEXT16:
        *res = t == IR_I64 ? int_op64(op, x, y) : int_op32(op, (uint32_t)x, (uint32_t)y);
        return true;
    case IR_EXTS:  *res = (uint64_t)(int64_t)(int32_t)x; return true;
    case IR_EXTU:
    case IR_TRUNC: *res = (uint32_t)x; return true;
    case IR_SETCC: *res = setcc(aux, ta, x, y); return true;
    case IR_SELECT: *res = (uint32_t)x ? y : z; return true;
    case IR_FABS:
        *res = t == IR_F32 ? x & 0x7fffffffu : x & 0x7fffffffffffffffull;
        return true;
    case IR_FNEG:
        *res = t == IR_F32 ? x ^ 0x80000000u : x ^ 0x8000000000000000ull;
        return true;
    case IR_BITCAST: *res = x; return true;
    case IR_DEFNAN: *res = is_nan_bits(t, x) ? y : x; return true;
    case IR_FCMP:      /* no NaN: no exception, the answer is fixed */
        if (is_nan_bits(ta, x) || is_nan_bits(ta, y))
            return false;
        *res = fp_cmp(aux, ta, x, y);
        return true;
    case IR_FCVT:      /* widening a non-NaN is exact */
        if (t != IR_F64 || is_nan_bits(ta, x))
            return false;
        *res = fp_cvt(t, x);
        return true;
    case IR_ITOF: {    /* exact conversions only */
        int64_t v = ta == IR_I32 ? (int64_t)(int32_t)x : (int64_t)x;
        int64_t lim = t == IR_F32 ? (1ll << 24) : (1ll << 53);
        if (v < -lim || v > lim)
            return false;
        *res = fp_itof(t, ta, x);
        return true;
    }
    case IR_FTOI: {    /* integral, in-range inputs only: no rounding, no flags */
        if (is_nan_bits(ta, x))
            return false;
        double d = ta == IR_F32 ? (double)f32_of(x) : f64_of(x);
        bool in_range = t == IR_I32 ? (d >= -2147483648.0 && d <= 2147483647.0)
                                    : (d >= -9223372036854775808.0 && d < 9223372036854775808.0);
        if (!in_range || trunc_quiet(d) != d)
            return false;
        *res = t == IR_I32 ? (uint64_t)(uint32_t)(int32_t)d : (uint64_t)(int64_t)d;
        return true;
    }
    default:
        return false;
    }
}

/* ---- memory ----------------------------------------------------------- */

static inline uint8_t *gaddr(uint8_t *guest_base, uint64_t addr)
{
    return guest_base + (uint32_t)addr;
}

/* Raw bytes in memory order -> value bits, per memop (size, sign, BE). */
static uint64_t mem_decode(unsigned memop, uint64_t raw)
{
    switch (memop & IR_MEM_SIZE_MASK) {
    case 1:
        return memop & IR_MEM_SIGNED ? (uint32_t)(int32_t)(int8_t)raw : (uint8_t)raw;
    case 2: {
        uint16_t x = (uint16_t)raw;
        if (memop & IR_MEM_BE)
            x = __builtin_bswap16(x);
        return memop & IR_MEM_SIGNED ? (uint32_t)(int32_t)(int16_t)x : x;
    }
    case 4: {
        uint32_t x = (uint32_t)raw;
        return memop & IR_MEM_BE ? __builtin_bswap32(x) : x;
    }
    default:
        return memop & IR_MEM_BE ? __builtin_bswap64(raw) : raw;
    }
}

/* Value bits -> raw bytes in memory order (the low `size` bytes). */
static uint64_t mem_encode(unsigned memop, uint64_t v)
{
    switch (memop & IR_MEM_SIZE_MASK) {
    case 1:
        return (uint8_t)v;
    case 2:
        return memop & IR_MEM_BE ? __builtin_bswap16((uint16_t)v) : (uint16_t)v;
    case 4:
        return memop & IR_MEM_BE ? __builtin_bswap32((uint32_t)v) : (uint32_t)v;
    default:
        return memop & IR_MEM_BE ? __builtin_bswap64(v) : v;
    }
}

static uint64_t mem_load(uint8_t *p, unsigned memop)
{
    uint64_t raw = 0;
    memcpy(&raw, p, memop & IR_MEM_SIZE_MASK);   /* LE host: low bytes first */
    return mem_decode(memop, raw);
}

static void mem_store(uint8_t *p, unsigned memop, uint64_t v)
{
    uint64_t raw = mem_encode(memop, v);
    memcpy(p, &raw, memop & IR_MEM_SIZE_MASK);
}

#define CAS_LOOP(T)                                                           \
    do {                                                                      \
        T *q = (T *)p, cur = __atomic_load_n(q, __ATOMIC_SEQ_CST);            \
        for (;;) {                                                            \
            uint64_t old = mem_decode(memop, cur);                            \
            if (old != expected)                                              \
                return old;                                                   \
            if (__atomic_compare_exchange_n(q, &cur, (T)mem_encode(memop, nv), \
                                            false, __ATOMIC_SEQ_CST,          \
                                            __ATOMIC_SEQ_CST))                \
                return old;                                                   \
        }                                                                     \
    } while (0)

static uint64_t mem_cmpxchg(uint8_t *p, unsigned memop, uint64_t expected, uint64_t nv)
{
    switch (memop & IR_MEM_SIZE_MASK) {
    case 1: CAS_LOOP(uint8_t);
    case 2: CAS_LOOP(uint16_t);
    case 4: CAS_LOOP(uint32_t);
    default: CAS_LOOP(uint64_t);
    }
}

/* ---- helper calls ----------------------------------------------------- */

/* Argument k of the call as the C type of its class. */
#define W(k) ((uint32_t)av[k])
#define X(k) (av[k])
#define S(k) (f32_of(av[k]))
#define D(k) (f64_of(av[k]))

#define CALL_SHAPE(ptypes, ...)                                               \
    switch (h->ret) {                                                         \
    case IR_VOID: ((void (*) ptypes)h->fn)(__VA_ARGS__); return 0;            \
    case IR_I32:  return ((uint32_t (*) ptypes)h->fn)(__VA_ARGS__);           \
    case IR_I64:  return ((uint64_t (*) ptypes)h->fn)(__VA_ARGS__);           \
    case IR_F32:  return bits_f32(((float (*) ptypes)h->fn)(__VA_ARGS__));    \
    default:      return bits_f64(((double (*) ptypes)h->fn)(__VA_ARGS__));   \
    }

/* Shape key: 0 for no argument, then per argument count a base-4 number of
 * the argument classes (i32 0, i64 1, f32 2, f64 3) offset by 1, 5 or 21. */
static uint64_t call_helper(const IRHelper *h, void *cpu, const uint64_t av[3])
{
    static const unsigned base[4] = { 0, 1, 5, 21 };
    unsigned key = 0;
    for (unsigned k = 0; k < h->nargs; k++)
        key = key * 4 + (h->arg[k] - IR_I32);
    key += base[h->nargs];

    switch (key) {
    case 0: CALL_SHAPE((void *), cpu);
    case 1: CALL_SHAPE((void *, uint32_t), cpu, W(0));
    case 2: CALL_SHAPE((void *, uint64_t), cpu, X(0));
    case 3: CALL_SHAPE((void *, float), cpu, S(0));
    case 4: CALL_SHAPE((void *, double), cpu, D(0));
    case 5: CALL_SHAPE((void *, uint32_t, uint32_t), cpu, W(0), W(1));
    case 6: CALL_SHAPE((void *, uint32_t, uint64_t), cpu, W(0), X(1));
    case 7: CALL_SHAPE((void *, uint32_t, float), cpu, W(0), S(1));
    case 8: CALL_SHAPE((void *, uint32_t, double), cpu, W(0), D(1));
    case 9: CALL_SHAPE((void *, uint64_t, uint32_t), cpu, X(0), W(1));
    case 10: CALL_SHAPE((void *, uint64_t, uint64_t), cpu, X(0), X(1));
    case 11: CALL_SHAPE((void *, uint64_t, float), cpu, X(0), S(1));
    case 12: CALL_SHAPE((void *, uint64_t, double), cpu, X(0), D(1));
    case 13: CALL_SHAPE((void *, float, uint32_t), cpu, S(0), W(1));
    case 14: CALL_SHAPE((void *, float, uint64_t), cpu, S(0), X(1));
    case 15: CALL_SHAPE((void *, float, float), cpu, S(0), S(1));
    case 16: CALL_SHAPE((void *, float, double), cpu, S(0), D(1));
    case 17: CALL_SHAPE((void *, double, uint32_t), cpu, D(0), W(1));
    case 18: CALL_SHAPE((void *, double, uint64_t), cpu, D(0), X(1));
    case 19: CALL_SHAPE((void *, double, float), cpu, D(0), S(1));
    case 20: CALL_SHAPE((void *, double, double), cpu, D(0), D(1));
    case 21: CALL_SHAPE((void *, uint32_t, uint32_t, uint32_t), cpu, W(0), W(1), W(2));
    case 22: CALL_SHAPE((void *, uint32_t, uint32_t, uint64_t), cpu, W(0), W(1), X(2));
    case 23: CALL_SHAPE((void *, uint32_t, uint32_t, float), cpu, W(0), W(1), S(2));
    case 24: CALL_SHAPE((void *, uint32_t, uint32_t, double), cpu, W(0), W(1), D(2));
    case 25: CALL_SHAPE((void *, uint32_t, uint64_t, uint32_t), cpu, W(0), X(1), W(2));
    case 26: CALL_SHAPE((void *, uint32_t, uint64_t, uint64_t), cpu, W(0), X(1), X(2));
    case 27: CALL_SHAPE((void *, uint32_t, uint64_t, float), cpu, W(0), X(1), S(2));
    case 28: CALL_SHAPE((void *, uint32_t, uint64_t, double), cpu, W(0), X(1), D(2));
    case 29: CALL_SHAPE((void *, uint32_t, float, uint32_t), cpu, W(0), S(1), W(2));
    case 30: CALL_SHAPE((void *, uint32_t, float, uint64_t), cpu, W(0), S(1), X(2));
    case 31: CALL_SHAPE((void *, uint32_t, float, float), cpu, W(0), S(1), S(2));
    case 32: CALL_SHAPE((void *, uint32_t, float, double), cpu, W(0), S(1), D(2));
    case 33: CALL_SHAPE((void *, uint32_t, double, uint32_t), cpu, W(0), D(1), W(2));
    case 34: CALL_SHAPE((void *, uint32_t, double, uint64_t), cpu, W(0), D(1), X(2));
    case 35: CALL_SHAPE((void *, uint32_t, double, float), cpu, W(0), D(1), S(2));
    case 36: CALL_SHAPE((void *, uint32_t, double, double), cpu, W(0), D(1), D(2));
    case 37: CALL_SHAPE((void *, uint64_t, uint32_t, uint32_t), cpu, X(0), W(1), W(2));
    case 38: CALL_SHAPE((void *, uint64_t, uint32_t, uint64_t), cpu, X(0), W(1), X(2));
    case 39: CALL_SHAPE((void *, uint64_t, uint32_t, float), cpu, X(0), W(1), S(2));
    case 40: CALL_SHAPE((void *, uint64_t, uint32_t, double), cpu, X(0), W(1), D(2));
    case 41: CALL_SHAPE((void *, uint64_t, uint64_t, uint32_t), cpu, X(0), X(1), W(2));
    case 42: CALL_SHAPE((void *, uint64_t, uint64_t, uint64_t), cpu, X(0), X(1), X(2));
    case 43: CALL_SHAPE((void *, uint64_t, uint64_t, float), cpu, X(0), X(1), S(2));
    case 44: CALL_SHAPE((void *, uint64_t, uint64_t, double), cpu, X(0), X(1), D(2));
    case 45: CALL_SHAPE((void *, uint64_t, float, uint32_t), cpu, X(0), S(1), W(2));
    case 46: CALL_SHAPE((void *, uint64_t, float, uint64_t), cpu, X(0), S(1), X(2));
    case 47: CALL_SHAPE((void *, uint64_t, float, float), cpu, X(0), S(1), S(2));
    case 48: CALL_SHAPE((void *, uint64_t, float, double), cpu, X(0), S(1), D(2));
    case 49: CALL_SHAPE((void *, uint64_t, double, uint32_t), cpu, X(0), D(1), W(2));
    case 50: CALL_SHAPE((void *, uint64_t, double, uint64_t), cpu, X(0), D(1), X(2));
    case 51: CALL_SHAPE((void *, uint64_t, double, float), cpu, X(0), D(1), S(2));
    case 52: CALL_SHAPE((void *, uint64_t, double, double), cpu, X(0), D(1), D(2));
    case 53: CALL_SHAPE((void *, float, uint32_t, uint32_t), cpu, S(0), W(1), W(2));
    case 54: CALL_SHAPE((void *, float, uint32_t, uint64_t), cpu, S(0), W(1), X(2));
    case 55: CALL_SHAPE((void *, float, uint32_t, float), cpu, S(0), W(1), S(2));
    case 56: CALL_SHAPE((void *, float, uint32_t, double), cpu, S(0), W(1), D(2));
    case 57: CALL_SHAPE((void *, float, uint64_t, uint32_t), cpu, S(0), X(1), W(2));
    case 58: CALL_SHAPE((void *, float, uint64_t, uint64_t), cpu, S(0), X(1), X(2));
    case 59: CALL_SHAPE((void *, float, uint64_t, float), cpu, S(0), X(1), S(2));
    case 60: CALL_SHAPE((void *, float, uint64_t, double), cpu, S(0), X(1), D(2));
    case 61: CALL_SHAPE((void *, float, float, uint32_t), cpu, S(0), S(1), W(2));
    case 62: CALL_SHAPE((void *, float, float, uint64_t), cpu, S(0), S(1), X(2));
    case 63: CALL_SHAPE((void *, float, float, float), cpu, S(0), S(1), S(2));
    case 64: CALL_SHAPE((void *, float, float, double), cpu, S(0), S(1), D(2));
    case 65: CALL_SHAPE((void *, float, double, uint32_t), cpu, S(0), D(1), W(2));
    case 66: CALL_SHAPE((void *, float, double, uint64_t), cpu, S(0), D(1), X(2));
    case 67: CALL_SHAPE((void *, float, double, float), cpu, S(0), D(1), S(2));
    case 68: CALL_SHAPE((void *, float, double, double), cpu, S(0), D(1), D(2));
    case 69: CALL_SHAPE((void *, double, uint32_t, uint32_t), cpu, D(0), W(1), W(2));
    case 70: CALL_SHAPE((void *, double, uint32_t, uint64_t), cpu, D(0), W(1), X(2));
    case 71: CALL_SHAPE((void *, double, uint32_t, float), cpu, D(0), W(1), S(2));
    case 72: CALL_SHAPE((void *, double, uint32_t, double), cpu, D(0), W(1), D(2));
    case 73: CALL_SHAPE((void *, double, uint64_t, uint32_t), cpu, D(0), X(1), W(2));
    case 74: CALL_SHAPE((void *, double, uint64_t, uint64_t), cpu, D(0), X(1), X(2));
    case 75: CALL_SHAPE((void *, double, uint64_t, float), cpu, D(0), X(1), S(2));
    case 76: CALL_SHAPE((void *, double, uint64_t, double), cpu, D(0), X(1), D(2));
    case 77: CALL_SHAPE((void *, double, float, uint32_t), cpu, D(0), S(1), W(2));
    case 78: CALL_SHAPE((void *, double, float, uint64_t), cpu, D(0), S(1), X(2));
    case 79: CALL_SHAPE((void *, double, float, float), cpu, D(0), S(1), S(2));
    case 80: CALL_SHAPE((void *, double, float, double), cpu, D(0), S(1), D(2));
    case 81: CALL_SHAPE((void *, double, double, uint32_t), cpu, D(0), D(1), W(2));
    case 82: CALL_SHAPE((void *, double, double, uint64_t), cpu, D(0), D(1), X(2));
    case 83: CALL_SHAPE((void *, double, double, float), cpu, D(0), D(1), S(2));
    case 84: CALL_SHAPE((void *, double, double, double), cpu, D(0), D(1), D(2));
    default:
        fprintf(stderr, "xbt: helper %s: no call shape for its signature\n", h->name);
        abort();
    }
}

#undef W
#undef X
#undef S
#undef D
#undef CALL_SHAPE

/* ---- the interpreter -------------------------------------------------- */

enum { INTERP_STACK_VALUES = 1024 };

/* Values of blocks too big for the stack array.  Per thread and never freed,
 * so that a helper that leaves by longjmp (a guest fault) leaks nothing. */
static __thread uint64_t *interp_big;
static __thread size_t interp_big_cap;

static uint64_t *interp_values(const IRBlock *b)
{
    if (b->n > interp_big_cap) {
        size_t cap = (size_t)b->n * 2;
        uint64_t *p = realloc(interp_big, cap * sizeof *p);
        if (!p) {
            fprintf(stderr, "xbt: out of memory interpreting block 0x%x\n", b->guest_pc);
            abort();
        }
        interp_big = p;
        interp_big_cap = cap;
    }
    return interp_big;
}

unsigned ir_interp(const IRBlock *b, void *cpu, uint8_t *guest_base)
{
    IRCpuHeader *hdr = cpu;
    uint8_t *state = cpu;
    uint64_t stack_v[INTERP_STACK_VALUES], *v = stack_v;
    unsigned code = IR_EXIT_NONE;

    if (hdr->exit_request) {
        hdr->pc = b->guest_pc;
        hdr->exit_code = IR_EXIT_NONE;
        return IR_EXIT_NONE;
    }
    if (b->n > INTERP_STACK_VALUES)
        v = interp_values(b);
    ir_interp_guest_pc = b->guest_pc;

    for (IRRef r = 0; r < b->n; r++) {
        const IRInsn *i = &b->insn[r];
        IRType t = (IRType)i->type;
        IRType ta = IR_VOID;
        uint64_t x = 0, y = 0, z = 0, res = 0;
        const IROpInfo *oi = &ir_op_info[i->op];

        if (oi->kind[0] == IR_K_R && i->a != IR_NONE) {
            x = v[i->a];
            ta = (IRType)b->insn[i->a].type;
        }
        if (oi->kind[1] == IR_K_R && i->b != IR_NONE)
            y = v[i->b];
        if (oi->kind[2] == IR_K_R && i->c != IR_NONE)
            z = v[i->c];

        switch ((IROp)i->op) {
        case IR_CONST:
            res = (uint64_t)i->b << 32 | i->a;
            break;
        case IR_GET:
            if (t == IR_I64 || t == IR_F64)
                memcpy(&res, state + i->a, 8);
            else
                memcpy(&res, state + i->a, 4);
            break;
        case IR_PUT:
            memcpy(state + i->a, &y, t == IR_I64 || t == IR_F64 ? 8 : 4);
            break;
        case IR_LOAD:
            res = mem_load(gaddr(guest_base, x), i->aux);
            break;
        case IR_STORE:
            mem_store(gaddr(guest_base, x), i->aux, y);
            break;
        case IR_CMPXCHG:
            res = mem_cmpxchg(gaddr(guest_base, x), i->aux, y, z);
            break;
        case IR_FENCE:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            break;
        case IR_ADD: case IR_SUB: case IR_MUL: case IR_DIVS: case IR_DIVU:
        case IR_REMS: case IR_REMU: case IR_AND: case IR_OR: case IR_XOR:
        case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTR:
        case IR_NOT: case IR_NEG: case IR_CLZ: case IR_BSWAP:
        case IR_SEXT8: case IR_SEXT16: case IR_ZEXT8: case IR_ZEXT16:
            res = t == IR_I64 ? int_op64((IROp)i->op, x, y)
                              : int_op32((IROp)i->op, (uint32_t)x, (uint32_t)y);
            break;
        case IR_EXTS:
            res = (uint64_t)(int64_t)(int32_t)x;
            break;
        case IR_EXTU:
            res = (uint32_t)x;
            break;
        case IR_TRUNC:
            res = (uint32_t)x;
            break;
        case IR_SETCC:
            res = setcc(i->aux, ta, x, y);
            break;
        case IR_SELECT:
            res = (uint32_t)x ? y : z;
            break;
        case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT: case IR_FMA:
            res = t == IR_F32 ? fp_op32((IROp)i->op, x, y, z) : fp_op64((IROp)i->op, x, y, z);
            break;
        case IR_FABS:
            res = t == IR_F32 ? x & 0x7fffffffu : x & 0x7fffffffffffffffull;
            break;
        case IR_FNEG:
            res = t == IR_F32 ? x ^ 0x80000000u : x ^ 0x8000000000000000ull;
            break;
        case IR_FCMP:
            res = fp_cmp(i->aux, ta, x, y);
            break;
        case IR_FCVT:
            res = fp_cvt(t, x);
            break;
        case IR_ITOF:
            res = fp_itof(t, ta, x);
            break;
        case IR_FTOI:
            res = fp_ftoi(t, ta, i->aux, x);
            break;
        case IR_BITCAST:
            res = x;
            break;
        case IR_DEFNAN:
            res = is_nan_bits(t, x) ? y : x;
            break;
        case IR_CALL: {
            const IRHelper *h = ir_helper_get(i->aux);
            const uint64_t av[3] = { x, y, z };
            if (!h) {
                fprintf(stderr, "xbt: interp: call of unknown helper %u\n", i->aux);
                abort();
            }
            res = call_helper(h, cpu, av);
            if (t == IR_I32 || t == IR_F32)
                res = (uint32_t)res;
            break;
        }
        case IR_INSN:
            ir_interp_guest_pc = i->a;
            break;
        case IR_EXIT_IF:
            if ((uint32_t)x) {
                hdr->pc = i->b;
                hdr->exit_code = code = IR_EXIT_NONE;
                goto out;
            }
            break;
        case IR_TRAP_IF:
            if ((uint32_t)x) {
                hdr->pc = i->b;
                hdr->exit_code = code = i->aux;
                hdr->exit_arg = i->c;
                goto out;
            }
            break;
        case IR_GOTO:
            hdr->pc = i->a;
            hdr->exit_code = code = IR_EXIT_NONE;
            goto out;
        case IR_JUMP:
            hdr->pc = (uint32_t)x;
            hdr->exit_code = code = IR_EXIT_NONE;
            goto out;
        case IR_TRAP:
            hdr->pc = i->a;
            hdr->exit_code = code = i->aux;
            hdr->exit_arg = i->b;
            goto out;
        default:
            fprintf(stderr, "xbt: interp: unknown op %u at %04u\n", i->op, r);
            abort();
        }
        v[r] = res;
    }
    fprintf(stderr, "xbt: interp: block 0x%x runs off its end (no terminator)\n", b->guest_pc);
    abort();
out:
    return code;
}
