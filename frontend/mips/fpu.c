/*
 * fpu.c - the MIPS32 R2 FPU as o32 uses it: Status.FR = 0, legacy NaNs.
 *
 * Registers (cpu.h): 32 single registers; a double lives in an even/odd
 * pair, low word in the even register, and is one host double at
 * &fpr[2n].  A .d operand or a 64-bit move naming an odd register is
 * reserved with FR = 0 and raises SIGILL, as QEMU's 24Kf does.  The .l
 * formats, round/trunc/ceil/floor.l and cvt.l/cvt.*.l need FR = 1 (MIPS32
 * Vol. II: "UNPREDICTABLE in 16 FP registers mode"); they raise SIGILL
 * too, like QEMU.  gcc -mfpxx never emits them.  Paired single (fmt 22)
 * also needs FR = 1 and is not decoded.
 *
 * NaNs: Debian's MIPS uses the legacy encoding (quiet bit clear), so every
 * operation that can make a NaN passes its result through DEFNAN, giving
 * the MIPS default NaN (single 0x7fbfffff, double 0x7ff7ffffffffffff).
 * NYI: a quiet NaN operand is not propagated (the default NaN is returned
 * instead), and abs/neg/c.cond do not raise Invalid exactly as the legacy
 * rules say (the host sees legacy quiet NaNs as signalling).
 *
 * madd/msub/nmadd/nmsub are not fused in R2: multiply, round, add, round.
 *
 * FCSR: the condition codes (bits 23, 25..31), enables, cause and FS are
 * kept in cpu->fcsr; the rounding mode and the sticky flags live in the
 * host floating-point environment (C99 fenv), set by ctc1 and read back by
 * cfc1 through helpers, so host FP arithmetic rounds and flags as the
 * guest asked.  cfc1/ctc1 also reach the fcr25 (FCCR), fcr26 (FEXR) and
 * fcr28 (FENR) views and fcr0 (FIR).
 *
 * FCSR.Cause holds the exceptions of the last FP computational instruction
 * (mov, movcc, abs, neg, loads and moves leave it alone, as in QEMU).  It is
 * derived lazily: each such instruction stores its word and operands in
 * cpu->fp_last_insn/fp_last_op (plain PUTs, mostly merged away inside a
 * block), and reading FCSR re-runs that one operation in a cleared host FP
 * environment to see which exceptions it raises.  ctc1 sets Cause directly
 * and forgets the record.
 *
 * Enabled exceptions trap as on hardware: the instruction raising an
 * exception whose Enable bit is set writes no result and no flag, the
 * kernel clears the enabled Cause bits and sends SIGFPE with the si_code of
 * the highest-priority one (arch/mips/kernel/traps.c, do_fpe and
 * force_fcr31_sig), at the instruction's pc.  A ctc1 that sets an enabled
 * Cause bit traps the same way.  The checks cost a helper call per FP
 * instruction, so they are only translated once some thread has enabled
 * an exception (mips_fp_traps_on, process-wide and sticky): the ctc1 that
 * turns it on ends in a flush exit that drops every translation (the
 * runtime treats a flush exit with address 0 as "everything", as for
 * synci) and runs again, now checked.
 * NYI: FS (flush to zero) has no effect.
 */
#include "translate.h"

#include <fenv.h>
#include <math.h>
#include <string.h>

/* ---- FCSR and the host environment ---------------------------------------- */

#define MIPS_FCSR_WRITABLE 0xff83ffffu   /* bits 18..22 read as zero */

static const int mips_rm_host[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };

static const struct { uint32_t fcsr; int host; } mips_flag_map[] = {
    { 0x04, FE_INEXACT }, { 0x08, FE_UNDERFLOW }, { 0x10, FE_OVERFLOW },
    { 0x20, FE_DIVBYZERO }, { 0x40, FE_INVALID },
};

static uint32_t fcsr_flags_of_host(int host)
{
    uint32_t flags = 0;
    for (unsigned i = 0; i < sizeof mips_flag_map / sizeof mips_flag_map[0]; i++)
        if (host & mips_flag_map[i].host)
            flags |= mips_flag_map[i].fcsr;
    return flags;
}

/* ---- Cause: re-running the last computational instruction ------------------ */

static double last_d(const MIPSCPU *c, int i)
{
    double d;
    memcpy(&d, &c->fp_last_op[i], sizeof d);
    return d;
}

static double last_s(const MIPSCPU *c, int i)   /* a single, widened exactly */
{
    float f;
    memcpy(&f, &c->fp_last_op[i], sizeof f);
    return f;
}

/* Host exceptions of converting x to an int32 with rounding rm (IR_RM_*),
 * as FTOI does: invalid for NaN or out of range, else inexact if not exact. */
static int to_w_exceptions(double x, unsigned rm)
{
    double r;
    if (isnan(x))
        return FE_INVALID;
    switch (rm) {
    case IR_RM_ZERO: r = trunc(x); break;
    case IR_RM_UP:   r = ceil(x); break;
    case IR_RM_DOWN: r = floor(x); break;
    case IR_RM_NEAREST: {
        int saved = fegetround();
        fesetround(FE_TONEAREST);
        r = nearbyint(x);
        fesetround(saved);
        break;
    }
    default:         r = nearbyint(x); break;
    }
    if (r < -2147483648.0 || r > 2147483647.0)
        return FE_INVALID;
    return r != x ? FE_INEXACT : 0;
}

/* Runs the recorded instruction again on its recorded operands and returns
 * the host exceptions it raises.  Operands go through volatiles so the
 * compiler can move no FP operation across the fenv calls. */
static int last_op_exceptions(const MIPSCPU *c)
{
    uint32_t w = c->fp_last_insn;
    unsigned funct = w & 63, fmt = (w >> 21) & 31;
    bool cop1x = (w >> 26) == 0x13;
    bool dbl = cop1x ? (funct & 7) == 1 : fmt == 17;
    fenv_t env;
    int ex = 0;

    feholdexcept(&env);              /* saves flags and clears them */
    volatile double a = dbl ? last_d(c, 0) : last_s(c, 0);
    volatile double b = dbl ? last_d(c, 1) : last_s(c, 1);
    volatile double r;
    volatile float rs;
    if (cop1x) {                     /* madd family: fs * ft +- fr */
        volatile double z = dbl ? last_d(c, 2) : last_s(c, 2);
        if (dbl) {
            r = a * b;
            r = (funct & 8) ? r - z : r + z;
        } else {
            rs = (float)a * (float)b;
            rs = (funct & 8) ? rs - (float)z : rs + (float)z;
        }
    } else if (funct >= 0x30) {      /* c.cond: signalling forms trap on any NaN */
        volatile int t = (funct & 8) ? a < b : __builtin_isunordered(a, b);
        (void)t;
    } else if (funct >= 0x0c && funct <= 0x0f) {
        static const unsigned rm[4] = { IR_RM_NEAREST, IR_RM_ZERO, IR_RM_UP, IR_RM_DOWN };
        ex = to_w_exceptions(a, rm[funct - 0x0c]);
    } else if (funct == 0x24) {
        ex = to_w_exceptions(a, IR_RM_DYNAMIC);
    } else if (funct == 0x20 || funct == 0x21) {  /* cvt.s / cvt.d */
        if (fmt == 20) {             /* from a word */
            volatile int32_t i = (int32_t)c->fp_last_op[0];
            if (funct == 0x20)
                rs = (float)i;
            else
                r = (double)i;
        } else if (funct == 0x20) {
            rs = (float)a;
        } else {
            float f;                 /* cvt.d.s: only a signalling NaN raises */
            memcpy(&f, &c->fp_last_op[0], sizeof f);
            volatile float vf = f;
            r = (double)vf;
        }
    } else if (dbl) {
        switch (funct) {
        case 0: r = a + b; break;
        case 1: r = a - b; break;
        case 2: r = a * b; break;
        case 3: r = a / b; break;
        case 4: r = sqrt(a); break;
        case 0x15: r = 1.0 / a; break;
        case 0x16: r = sqrt(a); r = 1.0 / r; break;
        }
    } else {
        volatile float x = (float)a, y = (float)b;
        switch (funct) {
        case 0: rs = x + y; break;
        case 1: rs = x - y; break;
        case 2: rs = x * y; break;
        case 3: rs = x / y; break;
        case 4: rs = sqrtf(x); break;
        case 0x15: rs = 1.0f / x; break;
        case 0x16: rs = sqrtf(x); rs = 1.0f / rs; break;
        }
    }
    ex |= fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&env);                  /* flags and rounding as they were */
    return ex;
}

uint32_t mips_fcsr_read(const MIPSCPU *c)
{
    uint32_t f = (c->fcsr & ~MIPS_FCSR_FLAGS) | fcsr_flags_of_host(fetestexcept(FE_ALL_EXCEPT));
    if (c->fp_last_insn)
        f = (f & ~MIPS_FCSR_CAUSE) | fcsr_flags_of_host(last_op_exceptions(c)) << 10;
    return f;
}

void mips_fcsr_write(MIPSCPU *c, uint32_t v)
{
    int host = 0;
    v &= MIPS_FCSR_WRITABLE;
    c->fcsr = v;
    c->fp_last_insn = 0;      /* Cause is now what was written */
    fesetround(mips_rm_host[v & MIPS_FCSR_RM]);
    for (unsigned i = 0; i < sizeof mips_flag_map / sizeof mips_flag_map[0]; i++)
        if (v & mips_flag_map[i].fcsr)
            host |= mips_flag_map[i].host;
    feclearexcept(FE_ALL_EXCEPT);
    if (host)
        feraiseexcept(host);   /* host traps are masked: this only sets flags */
}

/* ---- enabled exceptions -------------------------------------------------------- */

/* Set once any thread enables an FP exception; translations made before
 * carry no trap checks (see the file comment). */
static volatile int mips_fp_traps_on;

/* ctc1's helper result when the translations must be redone (see trans_CTC1). */
#define MIPS_FP_RETRANSLATE 0x100u

/* The SIGFPE si_code for the enabled exceptions in Cause, 0 if none, in the
 * kernel's priority order; the kernel clears those Cause bits before it
 * delivers the signal, and so does this. */
static uint32_t mips_fp_trap(MIPSCPU *c)
{
    static const struct { uint32_t cause; uint32_t code; } prio[] = {
        { 0x10000, FPE_FLTINV }, { 0x08000, FPE_FLTDIV }, { 0x04000, FPE_FLTOVF },
        { 0x02000, FPE_FLTUND }, { 0x01000, FPE_FLTRES },
    };
    uint32_t pending = c->fcsr & MIPS_FCSR_CAUSE & ((c->fcsr & MIPS_FCSR_ENABLES) << 5);
    if (!pending)
        return 0;
    c->fcsr &= ~pending;
    for (unsigned i = 0; i < sizeof prio / sizeof prio[0]; i++)
        if (pending & prio[i].cause)
            return prio[i].code;
    return FPE_FLTUNK;
}

/* After an FP computational instruction recorded by fp_record, before its
 * result is written: the si_code if it raises an enabled exception. */
static uint32_t mips_helper_fp_check(void *cpu)
{
    MIPSCPU *c = cpu;
    if (!(c->fcsr & MIPS_FCSR_ENABLES))
        return 0;
    c->fcsr = (c->fcsr & ~MIPS_FCSR_CAUSE) | fcsr_flags_of_host(last_op_exceptions(c)) << 10;
    c->fp_last_insn = 0;
    return mips_fp_trap(c);
}

static const IRHelper mips_h_fp_check = {
    "mips_fp_check", (void *)mips_helper_fp_check, IR_I32, 0, { 0 }, IR_HF_READS | IR_HF_WRITES,
};

/* SIGFPE exits for a helper result r (0 or the si_code of mips_fp_trap). */
static void fp_trap_exits(MipsCtx *s, IRRef r)
{
    static const uint32_t codes[] = { FPE_FLTINV, FPE_FLTDIV, FPE_FLTOVF, FPE_FLTUND, FPE_FLTRES };
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++)
        mips_trap_if(s, ir_setcc(s->b, IR_CC_EQ, r, mips_k32(s, codes[i])), SIGFPE, (int)codes[i]);
}

static bool mips_fcr_valid(unsigned fs)
{
    return fs == 0 || fs == 25 || fs == 26 || fs == 28 || fs == 31;
}

static uint32_t mips_helper_cfc1(void *cpu, uint32_t fs)
{
    MIPSCPU *c = cpu;
    uint32_t f = mips_fcsr_read(c);
    switch (fs) {
    case 0:  return c->fir;
    case 25: return ((f >> 24) & 0xfe) | ((f >> 23) & 1);              /* FCCR */
    case 26: return f & (MIPS_FCSR_CAUSE | MIPS_FCSR_FLAGS);           /* FEXR */
    case 28: return (f & (MIPS_FCSR_ENABLES | MIPS_FCSR_RM)) | ((f >> 22) & 4); /* FENR */
    default: return f;
    }
}

/* Returns MIPS_FP_RETRANSLATE when this write is the first to enable an
 * exception, else the si_code of an enabled Cause bit it sets, or 0. */
static uint32_t mips_helper_ctc1(void *cpu, uint32_t fs, uint32_t v)
{
    MIPSCPU *c = cpu;
    uint32_t f = mips_fcsr_read(c);
    switch (fs) {
    case 25:
        f = (f & ~(MIPS_FCSR_CC0 | MIPS_FCSR_CC1_7)) | (v & 1) << 23 | (v & 0xfe) << 24;
        break;
    case 26:
        f = (f & ~(MIPS_FCSR_CAUSE | MIPS_FCSR_FLAGS)) | (v & (MIPS_FCSR_CAUSE | MIPS_FCSR_FLAGS));
        break;
    case 28:
        f = (f & ~(MIPS_FCSR_ENABLES | MIPS_FCSR_FS | MIPS_FCSR_RM)) |
            (v & (MIPS_FCSR_ENABLES | MIPS_FCSR_RM)) | (v & 4) << 22;
        break;
    case 31:
        f = v;
        break;
    default:
        return 0;               /* FIR is read-only */
    }
    mips_fcsr_write(c, f);
    if ((f & MIPS_FCSR_ENABLES) && !mips_fp_traps_on) {
        mips_fp_traps_on = 1;
        return MIPS_FP_RETRANSLATE;
    }
    return mips_fp_trap(c);
}

static const IRHelper mips_h_cfc1 = {
    "mips_cfc1", (void *)mips_helper_cfc1, IR_I32, 1, { IR_I32 }, IR_HF_READS,
};
static const IRHelper mips_h_ctc1 = {
    "mips_ctc1", (void *)mips_helper_ctc1, IR_I32, 2, { IR_I32, IR_I32 },
    IR_HF_READS | IR_HF_WRITES,
};

IRRef mips_fcc(MipsCtx *s, unsigned cc)
{
    IRRef f = ir_get(s->b, IR_I32, MIPS_OFF(fcsr));
    return mips_bin(s, IR_AND, mips_bin(s, IR_SHR, f, mips_k32(s, mips_cc_bit(cc))), mips_k32(s, 1));
}

static void set_fcc(MipsCtx *s, unsigned cc, IRRef bit)
{
    unsigned n = mips_cc_bit(cc);
    IRRef f = ir_get(s->b, IR_I32, MIPS_OFF(fcsr));
    f = mips_bin(s, IR_AND, f, mips_k32(s, ~(1u << n)));
    f = mips_bin(s, IR_OR, f, mips_bin(s, IR_SHL, bit, mips_k32(s, n)));
    ir_put(s->b, IR_I32, MIPS_OFF(fcsr), f);
}

/* ---- register access --------------------------------------------------------- */

static IRType ftype(bool dbl) { return dbl ? IR_F64 : IR_F32; }
static IRType itype(bool dbl) { return dbl ? IR_I64 : IR_I32; }

/* FR = 0: a double names an even register. */
static bool dregs_ok(bool dbl, int r1, int r2, int r3)
{
    return !dbl || ((r1 | r2 | r3) & 1) == 0;
}

static IRRef fget(MipsCtx *s, bool dbl, int n)
{
    return ir_get(s->b, ftype(dbl), MIPS_OFF_FPR(n));
}

static void fput(MipsCtx *s, bool dbl, int n, IRRef v)
{
    ir_put(s->b, ftype(dbl), MIPS_OFF_FPR(n), v);
}

static IRRef defnan(MipsCtx *s, bool dbl, IRRef v)
{
    IRRef nan;
    if (dbl) {
        uint64_t bits = 0x7ff7ffffffffffffull;
        double d;
        memcpy(&d, &bits, sizeof d);
        nan = ir_constf64(s->b, d);
    } else {
        uint32_t bits = 0x7fbfffffu;
        float f;
        memcpy(&f, &bits, sizeof f);
        nan = ir_constf32(s->b, f);
    }
    return ir_emit(s->b, IR_DEFNAN, ftype(dbl), 0, v, nan, 0);
}

/* Records a computational instruction for Cause (see the file comment). */
static void fp_record(MipsCtx *s, IRType t, IRRef x, IRRef y, IRRef z)
{
    IRRef ops[3] = { x, y, z };
    ir_put(s->b, IR_I32, MIPS_OFF(fp_last_insn), mips_k32(s, s->insn));
    for (int i = 0; i < 3; i++)
        if (ops[i] != IR_NONE)
            ir_put(s->b, t, MIPS_OFF(fp_last_op) + 8 * i, ops[i]);
    if (mips_fp_traps_on)
        fp_trap_exits(s, ir_call(s->b, &mips_h_fp_check, IR_NONE, IR_NONE, IR_NONE));
}

/* ---- moves between register files ------------------------------------------- */

bool trans_MFC1(MipsCtx *s, const MipsArgs *a)
{
    mips_set_gpr(s, a->rt, ir_get(s->b, IR_I32, MIPS_OFF_FPR(a->fs)));
    return true;
}

bool trans_MTC1(MipsCtx *s, const MipsArgs *a)
{
    ir_put(s->b, IR_I32, MIPS_OFF_FPR(a->fs), mips_gpr(s, a->rt));
    return true;
}

bool trans_MFHC1(MipsCtx *s, const MipsArgs *a)
{
    if (a->fs & 1)
        return false;
    mips_set_gpr(s, a->rt, ir_get(s->b, IR_I32, MIPS_OFF_FPR(a->fs + 1)));
    return true;
}

bool trans_MTHC1(MipsCtx *s, const MipsArgs *a)
{
    if (a->fs & 1)
        return false;
    ir_put(s->b, IR_I32, MIPS_OFF_FPR(a->fs + 1), mips_gpr(s, a->rt));
    return true;
}

bool trans_CFC1(MipsCtx *s, const MipsArgs *a)
{
    if (!mips_fcr_valid((unsigned)a->fs))
        return false;
    IRRef v = a->fs == 0 ? ir_get(s->b, IR_I32, MIPS_OFF(fir))
                         : ir_call(s->b, &mips_h_cfc1, mips_k32(s, (uint32_t)a->fs), IR_NONE, IR_NONE);
    mips_set_gpr(s, a->rt, v);
    return true;
}

bool trans_CTC1(MipsCtx *s, const MipsArgs *a)
{
    if (!mips_fcr_valid((unsigned)a->fs))
        return false;
    if (a->fs == 0)
        return true;
    IRRef r = ir_call(s->b, &mips_h_ctc1, mips_k32(s, (uint32_t)a->fs), mips_gpr(s, a->rt), IR_NONE);
    /* First enable: drop every translation and run this ctc1 again (from the
     * branch when in a delay slot), now with checks; then its own trap. */
    ir_trap_if(s->b, ir_setcc(s->b, IR_CC_EQ, r, mips_k32(s, MIPS_FP_RETRANSLATE)),
               IR_EXIT_FLUSH, s->exc_pc, 0);
    fp_trap_exits(s, r);
    return true;
}

/* ---- loads and stores ------------------------------------------------------------ */

static bool gen_fload(MipsCtx *s, int ft, IRRef addr, bool dbl)
{
    fput(s, dbl, ft, ir_load(s->b, ftype(dbl), mips_memop(s, dbl ? 8 : 4, false), addr));
    return true;
}

static bool gen_fstore(MipsCtx *s, int ft, IRRef addr, bool dbl)
{
    ir_store(s->b, ftype(dbl), mips_memop(s, dbl ? 8 : 4, false), addr, fget(s, dbl, ft));
    return true;
}

static IRRef xaddr(MipsCtx *s, const MipsArgs *a, bool unaligned)
{
    IRRef addr = mips_bin(s, IR_ADD, mips_gpr(s, a->rs), mips_gpr(s, a->rt));
    return unaligned ? mips_bin(s, IR_AND, addr, mips_k32(s, ~7u)) : addr;
}

bool trans_LWC1(MipsCtx *s, const MipsArgs *a)
{
    return gen_fload(s, a->ft, mips_addr(s, a->rs, a->imm), false);
}

bool trans_SWC1(MipsCtx *s, const MipsArgs *a)
{
    return gen_fstore(s, a->ft, mips_addr(s, a->rs, a->imm), false);
}

bool trans_LDC1(MipsCtx *s, const MipsArgs *a)
{
    return (a->ft & 1) == 0 && gen_fload(s, a->ft, mips_addr(s, a->rs, a->imm), true);
}

bool trans_SDC1(MipsCtx *s, const MipsArgs *a)
{
    return (a->ft & 1) == 0 && gen_fstore(s, a->ft, mips_addr(s, a->rs, a->imm), true);
}

bool trans_LWXC1(MipsCtx *s, const MipsArgs *a) { return gen_fload(s, a->fd, xaddr(s, a, false), false); }
bool trans_SWXC1(MipsCtx *s, const MipsArgs *a) { return gen_fstore(s, a->fs, xaddr(s, a, false), false); }

bool trans_LDXC1(MipsCtx *s, const MipsArgs *a)
{
    return (a->fd & 1) == 0 && gen_fload(s, a->fd, xaddr(s, a, false), true);
}

bool trans_SDXC1(MipsCtx *s, const MipsArgs *a)
{
    return (a->fs & 1) == 0 && gen_fstore(s, a->fs, xaddr(s, a, false), true);
}

bool trans_LUXC1(MipsCtx *s, const MipsArgs *a)
{
    return (a->fd & 1) == 0 && gen_fload(s, a->fd, xaddr(s, a, true), true);
}

bool trans_SUXC1(MipsCtx *s, const MipsArgs *a)
{
    return (a->fs & 1) == 0 && gen_fstore(s, a->fs, xaddr(s, a, true), true);
}

bool trans_PREFX(MipsCtx *s, const MipsArgs *a) { return true; }

/* ---- arithmetic ------------------------------------------------------------------ */

static bool gen_farith(MipsCtx *s, const MipsArgs *a, IROp op, bool dbl)
{
    if (!dregs_ok(dbl, a->fs, a->ft, a->fd))
        return false;
    IRRef x = fget(s, dbl, a->fs), y = fget(s, dbl, a->ft);
    fp_record(s, ftype(dbl), x, y, IR_NONE);
    fput(s, dbl, a->fd, defnan(s, dbl, ir_binop(s->b, op, ftype(dbl), x, y)));
    return true;
}

bool trans_ADD_S(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FADD, false); }
bool trans_ADD_D(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FADD, true); }
bool trans_SUB_S(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FSUB, false); }
bool trans_SUB_D(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FSUB, true); }
bool trans_MUL_S(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FMUL, false); }
bool trans_MUL_D(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FMUL, true); }
bool trans_DIV_S(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FDIV, false); }
bool trans_DIV_D(MipsCtx *s, const MipsArgs *a) { return gen_farith(s, a, IR_FDIV, true); }

enum { FU_SQRT, FU_ABS, FU_NEG, FU_MOV, FU_RECIP, FU_RSQRT };

static bool gen_funary(MipsCtx *s, const MipsArgs *a, int kind, bool dbl)
{
    if (!dregs_ok(dbl, a->fs, a->fd, 0))
        return false;
    IRBlock *b = s->b;
    IRType t = ftype(dbl);
    if (kind == FU_MOV) {       /* a bit copy */
        ir_put(b, itype(dbl), MIPS_OFF_FPR(a->fd), ir_get(b, itype(dbl), MIPS_OFF_FPR(a->fs)));
        return true;
    }
    IRRef x = fget(s, dbl, a->fs), r;
    IRRef one = dbl ? ir_constf64(b, 1.0) : ir_constf32(b, 1.0f);
    if (kind != FU_ABS && kind != FU_NEG)
        fp_record(s, t, x, IR_NONE, IR_NONE);
    switch (kind) {
    case FU_SQRT:  r = defnan(s, dbl, ir_unop(b, IR_FSQRT, t, x)); break;
    case FU_ABS:   r = ir_unop(b, IR_FABS, t, x); break;
    case FU_NEG:   r = ir_unop(b, IR_FNEG, t, x); break;
    case FU_RECIP: r = defnan(s, dbl, ir_binop(b, IR_FDIV, t, one, x)); break;
    default:       r = defnan(s, dbl, ir_binop(b, IR_FDIV, t, one, ir_unop(b, IR_FSQRT, t, x))); break;
    }
    fput(s, dbl, a->fd, r);
    return true;
}

bool trans_SQRT_S(MipsCtx *s, const MipsArgs *a)  { return gen_funary(s, a, FU_SQRT, false); }
bool trans_SQRT_D(MipsCtx *s, const MipsArgs *a)  { return gen_funary(s, a, FU_SQRT, true); }
bool trans_ABS_S(MipsCtx *s, const MipsArgs *a)   { return gen_funary(s, a, FU_ABS, false); }
bool trans_ABS_D(MipsCtx *s, const MipsArgs *a)   { return gen_funary(s, a, FU_ABS, true); }
bool trans_NEG_S(MipsCtx *s, const MipsArgs *a)   { return gen_funary(s, a, FU_NEG, false); }
bool trans_NEG_D(MipsCtx *s, const MipsArgs *a)   { return gen_funary(s, a, FU_NEG, true); }
bool trans_MOV_S(MipsCtx *s, const MipsArgs *a)   { return gen_funary(s, a, FU_MOV, false); }
bool trans_MOV_D(MipsCtx *s, const MipsArgs *a)   { return gen_funary(s, a, FU_MOV, true); }
bool trans_RECIP_S(MipsCtx *s, const MipsArgs *a) { return gen_funary(s, a, FU_RECIP, false); }
bool trans_RECIP_D(MipsCtx *s, const MipsArgs *a) { return gen_funary(s, a, FU_RECIP, true); }
bool trans_RSQRT_S(MipsCtx *s, const MipsArgs *a) { return gen_funary(s, a, FU_RSQRT, false); }
bool trans_RSQRT_D(MipsCtx *s, const MipsArgs *a) { return gen_funary(s, a, FU_RSQRT, true); }

/* fd = ±(fs * ft ± fr), two roundings (COP1X, fr at bits 25..21) */
static bool gen_fmadd(MipsCtx *s, const MipsArgs *a, bool dbl, bool sub, bool neg)
{
    if (!dregs_ok(dbl, a->fr | a->ft, a->fs, a->fd))
        return false;
    IRBlock *b = s->b;
    IRType t = ftype(dbl);
    IRRef x = fget(s, dbl, a->fs), y = fget(s, dbl, a->ft), z = fget(s, dbl, a->fr);
    fp_record(s, t, x, y, z);
    IRRef p = ir_binop(b, IR_FMUL, t, x, y);
    IRRef r = defnan(s, dbl, ir_binop(b, sub ? IR_FSUB : IR_FADD, t, p, z));
    if (neg)                   /* negates the default NaN too, as the manual's pseudo-code */
        r = ir_unop(b, IR_FNEG, t, r);
    fput(s, dbl, a->fd, r);
    return true;
}

bool trans_MADD_S(MipsCtx *s, const MipsArgs *a)  { return gen_fmadd(s, a, false, false, false); }
bool trans_MADD_D(MipsCtx *s, const MipsArgs *a)  { return gen_fmadd(s, a, true, false, false); }
bool trans_MSUB_S(MipsCtx *s, const MipsArgs *a)  { return gen_fmadd(s, a, false, true, false); }
bool trans_MSUB_D(MipsCtx *s, const MipsArgs *a)  { return gen_fmadd(s, a, true, true, false); }
bool trans_NMADD_S(MipsCtx *s, const MipsArgs *a) { return gen_fmadd(s, a, false, false, true); }
bool trans_NMADD_D(MipsCtx *s, const MipsArgs *a) { return gen_fmadd(s, a, true, false, true); }
bool trans_NMSUB_S(MipsCtx *s, const MipsArgs *a) { return gen_fmadd(s, a, false, true, true); }
bool trans_NMSUB_D(MipsCtx *s, const MipsArgs *a) { return gen_fmadd(s, a, true, true, true); }

/* ---- conversions --------------------------------------------------------------- */

bool trans_CVT_S_D(MipsCtx *s, const MipsArgs *a)
{
    if (!dregs_ok(true, a->fs, 0, 0))
        return false;
    IRRef x = fget(s, true, a->fs);
    fp_record(s, IR_F64, x, IR_NONE, IR_NONE);
    fput(s, false, a->fd, defnan(s, false, ir_unop(s->b, IR_FCVT, IR_F32, x)));
    return true;
}

bool trans_CVT_D_S(MipsCtx *s, const MipsArgs *a)
{
    if (!dregs_ok(true, a->fd, 0, 0))
        return false;
    IRRef x = fget(s, false, a->fs);
    fp_record(s, IR_F32, x, IR_NONE, IR_NONE);
    fput(s, true, a->fd, defnan(s, true, ir_unop(s->b, IR_FCVT, IR_F64, x)));
    return true;
}

static bool gen_cvt_from_w(MipsCtx *s, const MipsArgs *a, bool dbl)
{
    if (!dregs_ok(dbl, a->fd, 0, 0))
        return false;
    IRRef w = ir_get(s->b, IR_I32, MIPS_OFF_FPR(a->fs));
    fp_record(s, IR_I32, w, IR_NONE, IR_NONE);
    fput(s, dbl, a->fd, ir_unop(s->b, IR_ITOF, ftype(dbl), w));
    return true;
}

bool trans_CVT_S_W(MipsCtx *s, const MipsArgs *a) { return gen_cvt_from_w(s, a, false); }
bool trans_CVT_D_W(MipsCtx *s, const MipsArgs *a) { return gen_cvt_from_w(s, a, true); }

/* Legacy MIPS returns 2^31 - 1 for every invalid conversion (Invalid not
 * enabled): IR_FTOI_MAXPOS. */
static bool gen_cvt_to_w(MipsCtx *s, const MipsArgs *a, bool dbl, unsigned rm)
{
    if (!dregs_ok(dbl, a->fs, 0, 0))
        return false;
    IRRef x = fget(s, dbl, a->fs);
    fp_record(s, ftype(dbl), x, IR_NONE, IR_NONE);
    IRRef w = ir_emit(s->b, IR_FTOI, IR_I32, (uint16_t)(rm | IR_FTOI_MAXPOS), x, 0, 0);
    ir_put(s->b, IR_I32, MIPS_OFF_FPR(a->fd), w);
    return true;
}

bool trans_CVT_W_S(MipsCtx *s, const MipsArgs *a)   { return gen_cvt_to_w(s, a, false, IR_RM_DYNAMIC); }
bool trans_CVT_W_D(MipsCtx *s, const MipsArgs *a)   { return gen_cvt_to_w(s, a, true, IR_RM_DYNAMIC); }
bool trans_ROUND_W_S(MipsCtx *s, const MipsArgs *a) { return gen_cvt_to_w(s, a, false, IR_RM_NEAREST); }
bool trans_ROUND_W_D(MipsCtx *s, const MipsArgs *a) { return gen_cvt_to_w(s, a, true, IR_RM_NEAREST); }
bool trans_TRUNC_W_S(MipsCtx *s, const MipsArgs *a) { return gen_cvt_to_w(s, a, false, IR_RM_ZERO); }
bool trans_TRUNC_W_D(MipsCtx *s, const MipsArgs *a) { return gen_cvt_to_w(s, a, true, IR_RM_ZERO); }
bool trans_CEIL_W_S(MipsCtx *s, const MipsArgs *a)  { return gen_cvt_to_w(s, a, false, IR_RM_UP); }
bool trans_CEIL_W_D(MipsCtx *s, const MipsArgs *a)  { return gen_cvt_to_w(s, a, true, IR_RM_UP); }
bool trans_FLOOR_W_S(MipsCtx *s, const MipsArgs *a) { return gen_cvt_to_w(s, a, false, IR_RM_DOWN); }
bool trans_FLOOR_W_D(MipsCtx *s, const MipsArgs *a) { return gen_cvt_to_w(s, a, true, IR_RM_DOWN); }

/* 64-bit fixed point needs FR = 1: reserved here (see the file comment). */
bool trans_CVT_S_L(MipsCtx *s, const MipsArgs *a)   { return false; }
bool trans_CVT_D_L(MipsCtx *s, const MipsArgs *a)   { return false; }
bool trans_CVT_L_S(MipsCtx *s, const MipsArgs *a)   { return false; }
bool trans_CVT_L_D(MipsCtx *s, const MipsArgs *a)   { return false; }
bool trans_ROUND_L_S(MipsCtx *s, const MipsArgs *a) { return false; }
bool trans_ROUND_L_D(MipsCtx *s, const MipsArgs *a) { return false; }
bool trans_TRUNC_L_S(MipsCtx *s, const MipsArgs *a) { return false; }
bool trans_TRUNC_L_D(MipsCtx *s, const MipsArgs *a) { return false; }
bool trans_CEIL_L_S(MipsCtx *s, const MipsArgs *a)  { return false; }
bool trans_CEIL_L_D(MipsCtx *s, const MipsArgs *a)  { return false; }
bool trans_FLOOR_L_S(MipsCtx *s, const MipsArgs *a) { return false; }
bool trans_FLOOR_L_D(MipsCtx *s, const MipsArgs *a) { return false; }

/* ---- compare and conditional moves ----------------------------------------- */

/* c.cond.fmt: cond bit 0 unordered, 1 equal, 2 less, 3 signal on quiet NaNs. */
static bool gen_fcmp(MipsCtx *s, const MipsArgs *a, bool dbl)
{
    if (!dregs_ok(dbl, a->fs, a->ft, 0))
        return false;
    unsigned c = (unsigned)a->cond, mask = 0;
    if (c & 1) mask |= IR_FC_UN;
    if (c & 2) mask |= IR_FC_EQ;
    if (c & 4) mask |= IR_FC_LT;
    if (c & 8) mask |= IR_FC_SIGNAL;
    IRRef x = fget(s, dbl, a->fs), y = fget(s, dbl, a->ft);
    fp_record(s, ftype(dbl), x, y, IR_NONE);
    IRRef r = ir_emit(s->b, IR_FCMP, IR_I32, (uint16_t)mask, x, y, 0);
    set_fcc(s, (unsigned)a->cc, r);
    return true;
}

bool trans_C_COND_S(MipsCtx *s, const MipsArgs *a) { return gen_fcmp(s, a, false); }
bool trans_C_COND_D(MipsCtx *s, const MipsArgs *a) { return gen_fcmp(s, a, true); }

/* fd = cond ? fs : fd, as a bit copy */
static bool gen_fmovcond(MipsCtx *s, const MipsArgs *a, IRRef cond, bool dbl, bool invert)
{
    IRBlock *b = s->b;
    IRType t = itype(dbl);
    IRRef x = ir_get(b, t, MIPS_OFF_FPR(a->fs)), old = ir_get(b, t, MIPS_OFF_FPR(a->fd));
    ir_put(b, t, MIPS_OFF_FPR(a->fd), invert ? ir_select(b, t, cond, old, x)
                                             : ir_select(b, t, cond, x, old));
    return true;
}

static bool gen_fmovcf(MipsCtx *s, const MipsArgs *a, bool dbl, bool tf)
{
    if (!dregs_ok(dbl, a->fs, a->fd, 0))
        return false;
    return gen_fmovcond(s, a, mips_fcc(s, (unsigned)a->cc), dbl, !tf);
}

static bool gen_fmovzn(MipsCtx *s, const MipsArgs *a, bool dbl, bool movn)
{
    if (!dregs_ok(dbl, a->fs, a->fd, 0))
        return false;
    return gen_fmovcond(s, a, mips_gpr(s, a->rt), dbl, !movn);
}

bool trans_MOVF_S(MipsCtx *s, const MipsArgs *a) { return gen_fmovcf(s, a, false, false); }
bool trans_MOVF_D(MipsCtx *s, const MipsArgs *a) { return gen_fmovcf(s, a, true, false); }
bool trans_MOVT_S(MipsCtx *s, const MipsArgs *a) { return gen_fmovcf(s, a, false, true); }
bool trans_MOVT_D(MipsCtx *s, const MipsArgs *a) { return gen_fmovcf(s, a, true, true); }
bool trans_MOVZ_S(MipsCtx *s, const MipsArgs *a) { return gen_fmovzn(s, a, false, false); }
bool trans_MOVZ_D(MipsCtx *s, const MipsArgs *a) { return gen_fmovzn(s, a, true, false); }
bool trans_MOVN_S(MipsCtx *s, const MipsArgs *a) { return gen_fmovzn(s, a, false, true); }
bool trans_MOVN_D(MipsCtx *s, const MipsArgs *a) { return gen_fmovzn(s, a, true, true); }
