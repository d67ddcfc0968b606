/*
 * test_x64_mem.c - differential tests of the x86-64 backend: guest memory,
 * guest state, helper calls and register pressure.
 *   - LOAD/STORE of every size, signedness, byte order and type, at constant
 *     low addresses ([r15+disp32]), constant high addresses and register
 *     addresses ([r15+reg]), aligned and not, values dying at the store or
 *     still live (in-place BSWAP vs copy), constant values (pre-swapped);
 *   - CMPXCHG of every size and byte order: success, failure, and narrow
 *     expected values that no load can produce;
 *   - GET/PUT of every type, constants that do and do not fit imm32;
 *   - CALL with every argument class, values of both register files live
 *     across calls, cyclic argument moves;
 *   - blocks with more live values than registers (spill and reload).
 * All of it with the host's features and with MOVBE (and everything
 * optional) off, to cover both the MOVBE and the BSWAP paths.
 */
#include "x64_harness.h"

static const char *feat_name;
static IRRef get(IRBlock *b, IRType t, int k) { return ir_get(b, t, ROFF(k)); }

static const uint32_t addrs[] = {
    0x10000, 0x10001, 0x10003, 0x1fff8, 0x7fff0000u, 0x7ffffff8u, 0x7fff1235u,
    0xfff00000u, 0xfff00007u, 0xfff0fff8u,
};
enum { NADDR = sizeof addrs / sizeof addrs[0] };

/* Runs b over inputs r0 = each address, r1 = edge values of t; reports once. */
static void sweep_addr(const IRBlock *b, void *code, IRType t, bool const_addr, const char *name)
{
    bool ok = code != NULL;
    for (int a = 0; a < NADDR && ok; a++)
        for (unsigned e = 0; e < n_edges(t) && ok; e++) {
            FakeCPU c;
            h_cpu_init(&c);
            c.r[0] = addrs[a];
            c.r[1] = edge_val(t, e);
            c.r[2] = edge_val(t, e + 3);
            if (!h_run_both(b, code, &c, NULL, true)) {
                ok = false;
                printf("#   address %08x value %llx\n", addrs[a], (unsigned long long)c.r[1]);
            }
            if (const_addr)
                break;
        }
    h_result(ok, "%s [%s]", name, feat_name);
    if (!ok)
        ir_print(b, stdout);
}

static bool memop_ok(IRType t, unsigned size)
{
    if (size <= 2)
        return t == IR_I32;
    if (size == 4)
        return t == IR_I32 || t == IR_F32;
    return t == IR_I64 || t == IR_F64;
}

static void test_load_store(void)
{
    static const IRType types[4] = { IR_I32, IR_I64, IR_F32, IR_F64 };
    static const unsigned sizes[4] = { 1, 2, 4, 8 };
    char name[160];
    IRBlock b;
    ir_block_init(&b, 0x1000);

    for (int ti = 0; ti < 4; ti++)
        for (int si = 0; si < 4; si++)
            for (unsigned flags = 0; flags < 4; flags++) {
                IRType t = types[ti];
                unsigned size = sizes[si];
                unsigned memop = size | (flags & 1 ? IR_MEM_BE : 0) | (flags & 2 ? IR_MEM_SIGNED : 0);
                if (!memop_ok(t, size))
                    continue;
                bool sgn = flags & 2;
                /* loads: register address, constant low / high address */
                for (int ak = 0; ak < 3; ak++) {
                    if (sgn && size > 2)
                        continue;
                    ir_block_reset(&b, 0x1000);
                    IRRef addr = ak == 0 ? get(&b, IR_I32, 0)
                               : ir_const32(&b, ak == 1 ? 0x10005 : 0xfff0fff0u);
                    ir_put(&b, t, ROFF(8), ir_load(&b, t, memop, addr));
                    ir_put(&b, IR_I32, ROFF(9), addr);
                    ir_goto(&b, 0x2000);
                    snprintf(name, sizeof name, "load %s size %u%s%s, %s address", tname(t), size,
                             flags & 1 ? " be" : "", sgn ? " signed" : "",
                             ak == 0 ? "register" : ak == 1 ? "constant low" : "constant high");
                    sweep_addr(&b, h_compile(&b, NULL), t, ak != 0, name);
                }
                if (sgn)
                    continue;
                /* stores: value dying / live / constant; register and constant address */
                for (int vk = 0; vk < 3; vk++)
                    for (int ak = 0; ak < 2; ak++) {
                        bool ok = true;
                        unsigned nconst = vk == 2 ? n_edges(t) : 1;
                        for (unsigned e = 0; e < nconst && ok; e++) {
                            ir_block_reset(&b, 0x1000);
                            IRRef addr = ak == 0 ? get(&b, IR_I32, 0) : ir_const32(&b, 0x1fff1);
                            IRRef v = vk == 2 ? h_const(&b, t, edge_val(t, e)) : get(&b, t, 1);
                            ir_store(&b, t, memop, addr, v);
                            if (vk == 1)
                                ir_put(&b, t, ROFF(8), v);
                            ir_put(&b, IR_I32, ROFF(9), ir_load(&b, IR_I32, 1, addr));
                            ir_goto(&b, 0x2000);
                            void *code = h_compile(&b, NULL);
                            int f0 = h_fail, n0 = h_n;
                            sweep_addr(&b, code, t, ak != 0, "store");
                            ok = h_fail == f0;
                            h_n = n0;
                            h_fail = f0;
                        }
                        snprintf(name, sizeof name, "store %s size %u%s, value %s, %s address",
                                 tname(t), size, flags & 1 ? " be" : "",
                                 vk == 0 ? "dying" : vk == 1 ? "live" : "constant",
                                 ak == 0 ? "register" : "constant");
                        h_result(ok, "%s [%s]", name, feat_name);
                    }
            }
    ir_block_free(&b);
}

/* Raw memory at g decoded as a load with memop would. */
static uint64_t mem_value(uint32_t g, unsigned memop)
{
    uint64_t raw = 0;
    unsigned size = memop & IR_MEM_SIZE_MASK;
    memcpy(&raw, h_base + g, size);
    if (memop & IR_MEM_BE)
        raw = size == 2 ? __builtin_bswap16((uint16_t)raw) : size == 4 ? __builtin_bswap32((uint32_t)raw)
            : size == 8 ? __builtin_bswap64(raw) : raw;
    if (memop & IR_MEM_SIGNED)
        raw = size == 1 ? (uint32_t)(int32_t)(int8_t)raw : (uint32_t)(int32_t)(int16_t)raw;
    return raw;
}

static void test_cmpxchg(void)
{
    static const unsigned sizes[4] = { 1, 2, 4, 8 };
    char name[128];
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int si = 0; si < 4; si++)
        for (unsigned flags = 0; flags < 4; flags++) {
            unsigned size = sizes[si];
            bool sgn = flags & 2;
            if (sgn && size > 2)
                continue;
            unsigned memop = size | (flags & 1 ? IR_MEM_BE : 0) | (sgn ? IR_MEM_SIGNED : 0);
            IRType t = size == 8 ? IR_I64 : IR_I32;
            for (int live = 0; live < 2; live++) {
                ir_block_reset(&b, 0x1000);
                IRRef addr = get(&b, IR_I32, 0), e = get(&b, t, 1), n = get(&b, t, 2);
                IRRef old = ir_emit(&b, IR_CMPXCHG, t, (uint16_t)memop, addr, e, n);
                ir_put(&b, t, ROFF(8), old);
                ir_put(&b, IR_I64, ROFF(9), ir_load(&b, IR_I64, 8, addr));
                if (live) {
                    ir_put(&b, t, ROFF(10), e);
                    ir_put(&b, t, ROFF(11), n);
                }
                ir_goto(&b, 0x2000);
                void *code = h_compile(&b, NULL);
                bool ok = code != NULL;
                for (int a = 0; a < NADDR && ok; a++)
                    for (int kind = 0; kind < 4 && ok; kind++) {
                        FakeCPU c;
                        h_cpu_init(&c);
                        c.r[0] = addrs[a];
                        uint64_t cur = mem_value(addrs[a], memop);
                        c.r[1] = kind == 0 ? cur : kind == 1 ? cur ^ 1
                               : kind == 2 ? (cur ^ 0x10000u) & (t == IR_I32 ? 0xffffffffu : ~0ull)
                               : cur | 0xffffff00u;
                        c.r[2] = rnd() & (t == IR_I32 ? 0xffffffffu : ~0ull);
                        if (!h_run_both(&b, code, &c, NULL, true)) {
                            ok = false;
                            printf("#   address %08x kind %d\n", addrs[a], kind);
                        }
                    }
                snprintf(name, sizeof name, "cmpxchg size %u%s%s%s", size, flags & 1 ? " be" : "",
                         sgn ? " signed" : "", live ? " operands live" : "");
                h_result(ok, "%s [%s]", name, feat_name);
            }
        }
    ir_block_free(&b);
}

static void test_state(void)
{
    static const IRType types[4] = { IR_I32, IR_I64, IR_F32, IR_F64 };
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int ti = 0; ti < 4; ti++) {
        IRType t = types[ti];
        bool ok = true;
        for (unsigned e = 0; e < n_edges(t) && ok; e++) {
            ir_block_reset(&b, 0x1000);
            ir_put(&b, t, ROFF(8), h_const(&b, t, edge_val(t, e)));
            IRRef g = get(&b, t, 0);
            ir_put(&b, t, ROFF(9), g);
            ir_emit(&b, IR_FENCE, IR_VOID, 0, 0, 0, 0);
            ir_put(&b, t, ROFF(10), g);
            ir_goto(&b, 0x2000);
            FakeCPU c;
            h_cpu_init(&c);
            for (int k = 0; k < NREGS; k++)
                c.r[k] = rnd();
            void *code = h_compile(&b, NULL);
            ok = code && h_run_both(&b, code, &c, NULL, true);
        }
        h_result(ok, "get/put/fence %s, constants and registers [%s]", tname(t), feat_name);
    }
    ir_block_free(&b);
}

/* ---- helper calls ---------------------------------------------------------- */

static uint64_t hc_i64(void *cpu, uint32_t a, uint64_t b)
{
    return a * 3ull + b + ((FakeCPU *)cpu)->r[5];
}
static double hc_f64(void *cpu, double a, uint32_t b, float c)
{
    (void)cpu;
    return a * 2 + b + c;
}
static void hc_void(void *cpu, uint32_t a)
{
    ((FakeCPU *)cpu)->r[20] = a + 1ull;
}
static uint32_t hc_reads(void *cpu)
{
    return (uint32_t)((FakeCPU *)cpu)->r[5] ^ 0xa5a5a5a5u;
}
static float hc_f32(void *cpu, float a, float b, float c)
{
    (void)cpu;
    return a - b * c;
}
static uint64_t hc_3(void *cpu, uint64_t a, uint64_t b, uint64_t c)
{
    (void)cpu;
    return a ^ (b << 1) ^ (c << 2);
}
static uint32_t hc_mixed(void *cpu, double a, uint32_t b, uint64_t c)
{
    (void)cpu;
    return (uint32_t)(int64_t)a + b * 7 + (uint32_t)(c >> 3);
}

static const IRHelper H_I64 = { "hc_i64", (void *)hc_i64, IR_I64, 2, { IR_I32, IR_I64 }, IR_HF_READS };
static const IRHelper H_F64 = { "hc_f64", (void *)hc_f64, IR_F64, 3, { IR_F64, IR_I32, IR_F32 }, 0 };
static const IRHelper H_VOID = { "hc_void", (void *)hc_void, IR_VOID, 1, { IR_I32 }, IR_HF_WRITES };
static const IRHelper H_READS = { "hc_reads", (void *)hc_reads, IR_I32, 0, { 0 }, IR_HF_READS };
static const IRHelper H_F32 = { "hc_f32", (void *)hc_f32, IR_F32, 3, { IR_F32, IR_F32, IR_F32 }, 0 };
static const IRHelper H_3 = { "hc_3", (void *)hc_3, IR_I64, 3, { IR_I64, IR_I64, IR_I64 }, 0 };
static const IRHelper H_MIX = { "hc_mixed", (void *)hc_mixed, IR_I32, 3, { IR_F64, IR_I32, IR_I64 }, 0 };

static void test_calls(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int variant = 0; variant < 4; variant++) {
        ir_block_reset(&b, 0x1000);
        /* many values of both files live across the calls */
        IRRef gi[10], gf[8];
        for (int k = 0; k < 10; k++)
            gi[k] = get(&b, k & 1 ? IR_I64 : IR_I32, k);
        for (int k = 0; k < 8; k++)
            gf[k] = get(&b, k & 1 ? IR_F64 : IR_F32, 10 + k);
        IRRef s = ir_binop(&b, IR_ADD, IR_I32, gi[0], gi[2]);
        IRRef r1 = ir_call(&b, &H_I64, variant & 1 ? gi[4] : s, gi[1], IR_NONE);
        IRRef r2 = ir_call(&b, &H_F64, gf[1], gi[2], gf[0]);
        ir_call(&b, &H_VOID, gi[6], IR_NONE, IR_NONE);
        IRRef r3 = ir_call(&b, &H_READS, IR_NONE, IR_NONE, IR_NONE);
        IRRef r4 = ir_call(&b, &H_F32, gf[2], gf[4], gf[6]);
        /* argument cycles: (a, b, c) then (c, a, b) */
        IRRef r5 = ir_call(&b, &H_3, gi[1], gi[3], gi[5]);
        IRRef r6 = ir_call(&b, &H_3, variant & 2 ? gi[5] : r5, gi[1], gi[3]);
        IRRef r7 = ir_call(&b, &H_MIX, gf[3], r3, r6);
        IRRef acc = r1;
        for (int k = 0; k < 10; k++)
            acc = ir_binop(&b, IR_XOR, IR_I64, acc,
                           k & 1 ? gi[k] : ir_unop(&b, IR_EXTU, IR_I64, gi[k]));
        ir_put(&b, IR_I64, ROFF(30), acc);
        IRRef facc = r2;
        for (int k = 0; k < 8; k++)
            facc = ir_binop(&b, IR_FADD, IR_F64, facc,
                            k & 1 ? gf[k] : ir_unop(&b, IR_FCVT, IR_F64, gf[k]));
        ir_put(&b, IR_F64, ROFF(31), facc);
        ir_put(&b, IR_F32, ROFF(32), r4);
        ir_put(&b, IR_I64, ROFF(33), r5);
        ir_put(&b, IR_I32, ROFF(34), r7);
        ir_goto(&b, 0x2000);
        void *code = h_compile(&b, NULL);
        bool ok = code != NULL;
        for (int run = 0; run < 200 && ok; run++) {
            FakeCPU c;
            h_cpu_init(&c);
            for (int k = 0; k < 10; k++)
                c.r[k] = rnd() & (k & 1 ? ~0ull : 0xffffffffull);
            for (int k = 10; k < 18; k++)
                c.r[k] = (k & 1) ? f64_bits((double)(int32_t)rnd() / 7) : f32_bits((float)(int16_t)rnd() / 3);
            ok = h_run_both(&b, code, &c, NULL, true);
        }
        h_result(ok, "helper calls, values live across them, variant %d [%s]", variant, feat_name);
        if (!ok)
            ir_print(&b, stdout);
    }
    ir_block_free(&b);
}

/* More live values than registers: every value is needed at the end. */
static void test_pressure(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int n = 8; n <= 96; n *= 2) {
        ir_block_reset(&b, 0x1000);
        IRRef v[200], f[200];
        for (int k = 0; k < n; k++) {
            v[k] = ir_binop(&b, IR_MUL, IR_I64, get(&b, IR_I64, k % 16), ir_const64(&b, 2 * k + 1));
            f[k] = ir_binop(&b, IR_FMUL, IR_F64, get(&b, IR_F64, 16 + k % 8), ir_constf64(&b, k + 0.5));
        }
        IRRef acc = v[n - 1], facc = f[n - 1];
        for (int k = n - 2; k >= 0; k--) {
            acc = ir_binop(&b, IR_SUB, IR_I64, v[k], acc);
            facc = ir_binop(&b, IR_FSUB, IR_F64, f[k], facc);
        }
        ir_put(&b, IR_I64, ROFF(40), acc);
        ir_put(&b, IR_F64, ROFF(41), facc);
        ir_goto(&b, 0x2000);
        void *code = h_compile(&b, NULL);
        bool ok = code != NULL;
        for (int run = 0; run < 50 && ok; run++) {
            FakeCPU c;
            h_cpu_init(&c);
            for (int k = 0; k < 16; k++)
                c.r[k] = rnd();
            for (int k = 16; k < 24; k++)
                c.r[k] = f64_bits((double)(int32_t)rnd() / 1024);
            ok = h_run_both(&b, code, &c, NULL, true);
        }
        h_result(ok, "%d live i64 and %d live f64 values (spills) [%s]", n, n, feat_name);
    }
    ir_block_free(&b);
}

int main(void)
{
    char fb[64];
    h_init();
    unsigned host = x64_features;
    unsigned variants[3] = { host, host & ~(unsigned)X64F_MOVBE, 0 };
    const char *names[3] = { NULL, "no movbe", "no optional features" };
    for (int v = 0; v < 3; v++) {
        x64_features = variants[v];
        feat_name = names[v] ? names[v] : x64_features_string(host, fb, sizeof fb);
        printf("# features: %s\n", feat_name);
        test_load_store();
        test_cmpxchg();
        test_state();
        test_calls();
        test_pressure();
    }
    x64_features = host;
    return h_done();
}
