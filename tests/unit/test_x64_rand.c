/*
 * test_x64_rand.c - random differential testing of the x86-64 backend.
 *
 * Generates random valid blocks (every op, every type, memory of all
 * sizes/orders at register and constant addresses, CMPXCHG, helper calls,
 * early exits, traps, PUTs, all three terminators) with long and short value
 * lifetimes, runs each on several random CPU states under ir_interp and
 * natively, and compares registers, exit fields, guest memory and FP flags.
 * Every exit has its own PC, so the comparison of pc also checks which exit
 * was taken.  Runs with the host's features, with all optional features
 * off, and with a few subsets.  XBT_RAND_BLOCKS=n and XBT_RAND_SEED=s change the amount and seed.
 */
#include "x64_harness.h"

typedef struct Gen {
    IRBlock *b;
    IRRef v[4][1024];
    int nv[4];
    uint32_t next_exit;
    int calls;
} Gen;

static const IRType TY[4] = { IR_I32, IR_I64, IR_F32, IR_F64 };
static int tix(IRType t) { return t - IR_I32; }
static unsigned r_(unsigned n) { return (unsigned)(rnd() % n); }

static uint64_t rnd_val(IRType t)
{
    switch (r_(4)) {
    case 0:
        return edge_val(t, r_(n_edges(t)));
    case 1:
        return t == IR_I32 ? r_(64) : t == IR_I64 ? r_(200) : t == IR_F32 ? f32_bits((float)r_(9) - 4)
             : f64_bits((double)r_(9) - 4.5);
    default: {
        uint64_t x = rnd();
        if (t == IR_F32)
            return f32_bits((float)(int32_t)x / (float)(1 + r_(1000)));
        if (t == IR_F64)
            return f64_bits((double)(int64_t)x / (double)(1 + r_(100000)));
        return t == IR_I32 ? (uint32_t)x : x;
    }
    }
}

static void add(Gen *g, IRType t, IRRef r)
{
    int k = tix(t);
    if (g->nv[k] < 1024)
        g->v[k][g->nv[k]++] = r;
}

static IRRef pick(Gen *g, IRType t)
{
    int k = tix(t);
    if (g->nv[k] > 0 && r_(6) != 0) {
        int n = g->nv[k];
        /* mostly recent values, sometimes old ones (long lifetimes) */
        return r_(3) ? g->v[k][n - 1 - (int)r_(n < 8 ? (unsigned)n : 8u)] : g->v[k][r_((unsigned)n)];
    }
    IRRef r = r_(2) ? h_const(g->b, t, rnd_val(t)) : ir_get(g->b, t, ROFF(r_(NREGS)));
    add(g, t, r);
    return r;
}

static IRType rtype(void) { return TY[r_(4)]; }
static IRType itype(void) { return r_(2) ? IR_I32 : IR_I64; }
static IRType ftype(void) { return r_(2) ? IR_F32 : IR_F64; }

static IRRef make_addr(Gen *g)
{
    const Region *rg = &regions[r_(NREGIONS)];
    if (r_(4) == 0)
        return ir_const32(g->b, rg->guest + r_(rg->size - 16));
    IRRef off = ir_binop(g->b, IR_AND, IR_I32, pick(g, IR_I32), ir_const32(g->b, 0xffe0));
    return ir_binop(g->b, IR_ADD, IR_I32, off, ir_const32(g->b, rg->guest + r_(16)));
}

static unsigned rnd_memop(IRType t, bool load)
{
    unsigned size;
    switch (t) {
    case IR_I32: size = 1u << r_(3); break;
    case IR_F32: size = 4; break;
    default:     size = 8; break;
    }
    unsigned m = size | (r_(2) ? IR_MEM_BE : 0);
    if (load && size <= 2 && r_(2))
        m |= IR_MEM_SIGNED;
    return m;
}

/* ---- helpers ----------------------------------------------------------------- */

static uint64_t hr_a(void *cpu, uint32_t a, uint64_t b) { return a * 5ull ^ b ^ ((FakeCPU *)cpu)->r[7]; }
static double hr_b(void *cpu, double a, float b) { (void)cpu; return a * 0.5 - b; }
static uint32_t hr_c(void *cpu, uint64_t a, uint32_t b, double c)
{
    ((FakeCPU *)cpu)->r[47] += a;
    return b + (uint32_t)(c > 0);
}
static float hr_d(void *cpu) { return (float)(((FakeCPU *)cpu)->r[3] & 0xffff); }
static void hr_e(void *cpu, float a, uint32_t b, uint32_t c)
{
    uint32_t u;
    memcpy(&u, &a, 4);
    ((FakeCPU *)cpu)->r[46] = u ^ b ^ ((uint64_t)c << 32);
}

static const IRHelper HR[5] = {
    { "hr_a", (void *)hr_a, IR_I64, 2, { IR_I32, IR_I64 }, IR_HF_READS },
    { "hr_b", (void *)hr_b, IR_F64, 2, { IR_F64, IR_F32 }, 0 },
    { "hr_c", (void *)hr_c, IR_I32, 3, { IR_I64, IR_I32, IR_F64 }, IR_HF_WRITES },
    { "hr_d", (void *)hr_d, IR_F32, 0, { 0 }, IR_HF_READS },
    { "hr_e", (void *)hr_e, IR_VOID, 3, { IR_F32, IR_I32, IR_I32 }, IR_HF_WRITES },
};

/* ---- the generator ----------------------------------------------------------- */

static void gen_op(Gen *g);

/* An ARM-style default NaN: r = fop p, q, and a NaN made up by the op
 * (not carried from p or q) replaced by a constant (x64_fp.c fuses it). */
static void gen_nanfix(Gen *g)
{
    static const IROp ops[] = { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT, IR_FCVT };
    IRBlock *b = g->b;
    IRType t = ftype();
    IROp op = ops[r_(6)];
    IRRef p = pick(g, op == IR_FCVT ? (t == IR_F32 ? IR_F64 : IR_F32) : t), q = p, r;
    if (op == IR_FSQRT || op == IR_FCVT) {
        r = ir_unop(b, op, t, p);
    } else {
        q = pick(g, t);
        r = ir_binop(b, op, t, p, q);
    }
    IRRef nan = h_const(b, t, t == IR_F32 ? 0x7fc00000u : 0x7ff8000000000000ull);
    if (r_(2)) {                  /* PowerPC's shape: select v, r, defnan r */
        IRRef d = ir_binop(b, IR_DEFNAN, t, r, nan);
        if (r_(4) == 0)
            gen_op(g);
        IRRef v = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, p, q, 0);
        add(g, t, ir_select(b, t, v, r, d));
        return;
    }
    IRRef u = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, r, r, 0);
    IRRef v = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, p, q, 0);
    if (r_(4) == 0)
        gen_op(g);
    IRRef n = ir_binop(b, IR_XOR, IR_I32, v, ir_const32(b, 1));
    IRRef c = r_(2) ? ir_binop(b, IR_AND, IR_I32, u, n) : ir_binop(b, IR_AND, IR_I32, n, u);
    add(g, t, ir_select(b, t, c, nan, r));
}

/* Compares of the same operands in a row (PowerPC CR fields). */
static void gen_setcc_run(Gen *g)
{
    IRType t = itype();
    IRRef x = pick(g, t), y = r_(3) ? pick(g, t) : h_const(g->b, t, rnd_val(t));
    if (r_(4) == 0) {
        IRRef s = x;
        x = y;
        y = s;
    }
    for (unsigned n = 2 + r_(3); n > 0; n--) {
        IRRef c = ir_setcc(g->b, (IRCond)r_(IR_NCC), x, y);
        add(g, IR_I32, c);
        if (r_(3) == 0)
            ir_put(g->b, IR_I32, ROFF(r_(NREGS)), c);
        if (r_(5) == 0)
            pick(g, t);
    }
    if (r_(2)) {                  /* and a branch on the same compare */
        uint32_t pc = 0xc0de0000u + 4 * g->next_exit++;
        IRRef c = ir_setcc(g->b, (IRCond)r_(IR_NCC), x, y);
        if (r_(3))
            ir_exit_if(g->b, c, pc);
        else
            ir_trap_if(g->b, c, 1 + r_(4), pc | 0x10000, (uint32_t)rnd());
    }
}

static void gen_op(Gen *g)
{
    IRBlock *b = g->b;
    unsigned k = r_(104);
    if (k >= 100) {
        if (k < 102)
            gen_nanfix(g);
        else
            gen_setcc_run(g);
    } else if (k < 20) {
        static const IROp ops[] = { IR_ADD, IR_SUB, IR_MUL, IR_DIVS, IR_DIVU, IR_REMS, IR_REMU,
                                    IR_AND, IR_OR, IR_XOR, IR_SHL, IR_SHR, IR_SAR, IR_ROTR };
        IRType t = itype();
        IROp op = ops[r_(sizeof ops / sizeof ops[0])];
        add(g, t, ir_binop(b, op, t, pick(g, t), pick(g, t)));
    } else if (k < 22) {          /* DIV and REM of the same operands (one div) */
        IRType t = itype();
        bool sgn = r_(2), rem_first = r_(2);
        IRRef x = pick(g, t), y = pick(g, t);
        add(g, t, ir_binop(b, rem_first ? (sgn ? IR_REMS : IR_REMU) : (sgn ? IR_DIVS : IR_DIVU), t, x, y));
        for (unsigned n = r_(4); n > 0; n--)
            gen_op(g);
        add(g, t, ir_binop(b, rem_first ? (sgn ? IR_DIVS : IR_DIVU) : (sgn ? IR_REMS : IR_REMU), t, x, y));
    } else if (k < 24) {          /* (byte ^ x) & 0xff, (byte | x) & 0xff: a byte op */
        IRRef by;
        switch (r_(4)) {
        case 0:  by = ir_load(b, IR_I32, 1, make_addr(g)); break;
        case 1:  by = ir_unop(b, IR_ZEXT8, IR_I32, pick(g, IR_I32)); break;
        case 2:  by = ir_setcc(b, (IRCond)r_(IR_NCC), pick(g, IR_I32), pick(g, IR_I32)); break;
        default: by = ir_binop(b, IR_AND, IR_I32, pick(g, IR_I32), ir_const32(b, r_(256))); break;
        }
        IRRef o = pick(g, IR_I32);
        IRRef v = r_(2) ? ir_binop(b, IR_XOR, IR_I32, by, o) : ir_binop(b, IR_OR, IR_I32, o, by);
        add(g, IR_I32, ir_binop(b, IR_AND, IR_I32, v, ir_const32(b, 0xff)));
    } else if (k < 25) {          /* address arithmetic: base + index << 1..3 (lea) */
        IRType t = itype();
        IRRef sh = ir_binop(b, IR_SHL, t, pick(g, t), h_const(b, t, 1 + r_(3)));
        add(g, t, r_(2) ? ir_binop(b, IR_ADD, t, pick(g, t), sh) : ir_binop(b, IR_ADD, t, sh, pick(g, t)));
    } else if (k < 28) {
        static const IROp ops[] = { IR_NOT, IR_NEG, IR_CLZ, IR_BSWAP };
        IRType t = itype();
        add(g, t, ir_unop(b, ops[r_(4)], t, pick(g, t)));
    } else if (k < 32) {
        static const IROp ops[] = { IR_SEXT8, IR_SEXT16, IR_ZEXT8, IR_ZEXT16 };
        add(g, IR_I32, ir_unop(b, ops[r_(4)], IR_I32, pick(g, IR_I32)));
    } else if (k < 35) {
        unsigned w = r_(3);
        if (w < 2)
            add(g, IR_I64, ir_unop(b, w ? IR_EXTS : IR_EXTU, IR_I64, pick(g, IR_I32)));
        else
            add(g, IR_I32, ir_unop(b, IR_TRUNC, IR_I32, pick(g, IR_I64)));
    } else if (k < 41) {
        IRType t = itype();
        add(g, IR_I32, ir_setcc(b, (IRCond)r_(IR_NCC), pick(g, t), pick(g, t)));
    } else if (k < 45) {
        IRType t = rtype();
        add(g, t, ir_select(b, t, pick(g, IR_I32), pick(g, t), pick(g, t)));
    } else if (k < 53) {
        static const IROp ops[] = { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV };
        IRType t = ftype();
        add(g, t, ir_binop(b, ops[r_(4)], t, pick(g, t), pick(g, t)));
    } else if (k < 56) {
        static const IROp ops[] = { IR_FSQRT, IR_FABS, IR_FNEG };
        IRType t = ftype();
        add(g, t, ir_unop(b, ops[r_(3)], t, pick(g, t)));
    } else if (k < 58) {
        /* FMA's NaN choice is open (see x64_harness.h): canonicalise it */
        IRType t = ftype();
        IRRef f = ir_emit(b, IR_FMA, t, 0, pick(g, t), pick(g, t), pick(g, t));
        IRRef nan = h_const(b, t, t == IR_F32 ? 0x7fc00000u : 0x7ff8000000000000ull);
        add(g, t, ir_binop(b, IR_DEFNAN, t, f, nan));
    } else if (k < 62) {
        IRType t = ftype();
        add(g, IR_I32, ir_emit(b, IR_FCMP, IR_I32, (uint16_t)r_(32), pick(g, t), pick(g, t), 0));
    } else if (k < 64) {
        IRType t = ftype();
        add(g, t, ir_unop(b, IR_FCVT, t, pick(g, t == IR_F32 ? IR_F64 : IR_F32)));
    } else if (k < 66) {
        IRType t = ftype();
        add(g, t, ir_unop(b, IR_ITOF, t, pick(g, itype())));
    } else if (k < 69) {
        IRType t = itype();
        unsigned aux = r_(5) | (r_(2) ? IR_FTOI_MAXPOS : 0);
        add(g, t, ir_emit(b, IR_FTOI, t, (uint16_t)aux, pick(g, ftype()), 0, 0));
    } else if (k < 71) {
        IRType t = rtype();
        IRType from = t == IR_I32 ? IR_F32 : t == IR_I64 ? IR_F64 : t == IR_F32 ? IR_I32 : IR_I64;
        add(g, t, ir_unop(b, IR_BITCAST, t, pick(g, from)));
    } else if (k < 72) {
        IRType t = ftype();
        IRRef nan = h_const(b, t, t == IR_F32 ? 0x7fc00001u : 0xfff8000000000003ull);
        add(g, t, ir_binop(b, IR_DEFNAN, t, pick(g, t), nan));
    } else if (k < 80) {
        IRType t = rtype();
        IRRef a = make_addr(g);
        add(g, t, ir_load(b, t, rnd_memop(t, true), a));
    } else if (k < 86) {
        IRType t = rtype();
        IRRef a = make_addr(g);
        ir_store(b, t, rnd_memop(t, false), a, pick(g, t));
    } else if (k < 88) {
        IRType t = itype();
        unsigned size = t == IR_I64 ? 8 : 1u << r_(3);
        unsigned memop = size | (r_(2) ? IR_MEM_BE : 0) | (size <= 2 && r_(2) ? IR_MEM_SIGNED : 0);
        IRRef a = make_addr(g);
        IRRef e = r_(2) ? ir_load(b, t, memop, a) : pick(g, t);
        add(g, t, ir_emit(b, IR_CMPXCHG, t, (uint16_t)memop, a, e, pick(g, t)));
    } else if (k < 90 && g->calls < 6) {
        const IRHelper *h = &HR[r_(5)];
        IRRef args[3] = { IR_NONE, IR_NONE, IR_NONE };
        for (unsigned i = 0; i < h->nargs; i++)
            args[i] = pick(g, (IRType)h->arg[i]);
        IRRef r = ir_call(b, h, args[0], args[1], args[2]);
        if (h->ret != IR_VOID)
            add(g, (IRType)h->ret, r);
        g->calls++;
    } else if (k < 97) {
        IRType t = rtype();
        ir_put(b, t, ROFF(r_(NREGS)), pick(g, t));
    } else if (k < 99) {
        ir_insn_mark(b, 0xc0000000u + g->next_exit);
    } else {
        IRRef c;
        if (r_(2)) {
            IRType t = itype();
            c = ir_setcc(b, (IRCond)r_(IR_NCC), pick(g, t), pick(g, t));
        } else {
            c = pick(g, IR_I32);
        }
        uint32_t pc = 0xc0de0000u + 4 * g->next_exit++;
        if (r_(4))
            ir_exit_if(b, c, pc);
        else
            ir_trap_if(b, c, 1 + r_(4), pc | 0x10000, (uint32_t)rnd());
    }
}

static void gen_block(Gen *g, IRBlock *b, unsigned n)
{
    memset(g, 0, sizeof *g);
    g->b = b;
    ir_block_reset(b, 0x1000);
    while (b->n < n)
        gen_op(g);
    /* keep some values observable */
    for (int k = 0; k < 4; k++)
        if (g->nv[k])
            ir_put(b, TY[k], ROFF(40 + k), g->v[k][g->nv[k] - 1]);
    unsigned t = r_(10);
    if (t < 7)
        ir_goto(b, 0xc0de8000u);
    else if (t < 9)
        ir_jump(b, ir_binop(b, IR_OR, IR_I32, pick(g, IR_I32), ir_const32(b, 3)));
    else
        ir_trap(b, IR_EXIT_SYSCALL, 0xc0df8000u, (uint32_t)rnd());
}

int main(void)
{
    char fb[64];
    const char *e = getenv("XBT_RAND_BLOCKS");
    unsigned nblocks = e ? (unsigned)atoi(e) : 1500;
    e = getenv("XBT_RAND_SEED");
    uint64_t seed = e ? strtoull(e, NULL, 0) : 0x1234567887654321ull;
    h_init();
    unsigned host = x64_features;
    unsigned variants[5] = { host, 0, host & ~(unsigned)X64F_AVX,
                             host & ~(unsigned)(X64F_BMI2 | X64F_LZCNT | X64F_MOVBE),
                             host & ~(unsigned)(X64F_SSE41 | X64F_FMA) };
    IRBlock b;
    ir_block_init(&b, 0x1000);
    Gen *g = malloc(sizeof *g);

    for (int v = 0; v < 5; v++) {
        x64_features = variants[v];
        const char *fname = v == 1 ? "no optional features"
                          : x64_features_string(variants[v], fb, sizeof fb);
        h_rng = seed;
        unsigned bad = 0, runs = 0;
        for (unsigned i = 0; i < nblocks; i++) {
            uint64_t bseed = h_rng;
            unsigned n = 8 + r_(i % 10 == 9 ? 600 : 120);
            gen_block(g, &b, n);
            void *code = h_compile(&b, NULL);
            bool ok = code != NULL;
            for (int run = 0; run < 4 && ok; run++) {
                FakeCPU c;
                h_cpu_init(&c);
                for (int k = 0; k < NREGS; k++)
                    c.r[k] = rnd_val(TY[k % 4]);
                h_mxcsr_mode = r_(8) == 0 ? r_(4) : 0;
                ok = h_run_both(&b, code, &c, NULL, bad < 3);
                runs++;
            }
            h_mxcsr_mode = 0;
            if (!ok) {
                if (bad++ < 3) {
                    printf("# block %u (seed %#llx) failed:\n", i, (unsigned long long)bseed);
                    ir_print(&b, stdout);
                }
            }
        }
        h_result(bad == 0, "%u random blocks, %u runs, %u disagreeing [%s]", nblocks, runs, bad,
                 fname);
    }
    x64_features = host;
    free(g);
    ir_block_free(&b);
    return h_done();
}
