/*
 * test_x64_ops.c - differential tests of the x86-64 backend, one op at a
 * time: every value op of ir_ops.def at every type the IR allows, over edge
 * values (0, -1, MIN, MAX, shift counts 31/32/33, NaNs with payloads,
 * signalling NaNs, infinities, denormals, 2^31 +- fractions for FTOI ...),
 * in several shapes:
 *   rr      operands from GET, dying at the op (register reuse paths)
 *   live    operands still used afterwards (lea / mov + op / 3-operand paths)
 *   same    op(x, x)
 *   rk, kr  one operand a CONST (immediate and rematerialisation paths)
 *   fused   SETCC/FCMP consumed by EXIT_IF and SELECT (cmp + jcc / cmov)
 *   reuse   a SETCC also PUT, its EXIT_IF/TRAP_IF branching on the same flags
 *   divrem  DIV and REM of the same operands sharing one x86 div
 * Each shape is compiled once and run on every input combination under
 * ir_interp and natively; registers, exit fields and MXCSR flags must agree.
 * FP ops also run under all four MXCSR rounding modes.  The whole suite runs
 * twice: with the host's features and with every optional feature off
 * (BSWAP, BSR, no BMI2/SSE4.1/FMA/AVX: helper and fallback paths).
 */
#include "x64_harness.h"

static IRRef get(IRBlock *b, IRType t, int k) { return ir_get(b, t, ROFF(k)); }

static const char *feat_name;

/* Runs code over all edge combinations of the types in ts (inputs r0..r2);
 * false (with the failing inputs in why) at the first disagreement. */
static bool sweep_ok(const IRBlock *b, void *code, const IRType *ts, int nin, bool all_modes,
                     char *why, size_t nwhy)
{
    unsigned n[3] = { 1, 1, 1 };
    for (int k = 0; k < nin; k++)
        n[k] = n_edges(ts[k]);
    bool cube = nin < 3;     /* three inputs: a sparse sweep instead of the full cube */
    for (unsigned mode = 0; mode < (all_modes ? 4u : 1u); mode++) {
        h_mxcsr_mode = mode;
        for (unsigned i = 0; i < n[0]; i++)
            for (unsigned j = 0; j < n[1]; j++)
                for (unsigned l = 0; l < (cube ? n[2] : 7u); l++) {
                    FakeCPU c;
                    h_cpu_init(&c);
                    unsigned idx[3] = { i, j, cube ? l : (i * 7 + j * 3 + l) % n[2] };
                    for (int k = 0; k < nin; k++)
                        c.r[k] = edge_val(ts[k], idx[k]);
                    c.r[5] = 0x5555555555555555ull;
                    if (!h_run_both(b, code, &c, NULL, true)) {
                        snprintf(why, nwhy, " [inputs %llx %llx %llx, mxcsr rc %u]",
                                 (unsigned long long)c.r[0], (unsigned long long)c.r[1],
                                 (unsigned long long)c.r[2], mode);
                        h_mxcsr_mode = 0;
                        return false;
                    }
                }
    }
    h_mxcsr_mode = 0;
    return true;
}

static void sweep(const IRBlock *b, void *code, const IRType *ts, int nin, const char *name,
                  bool all_modes)
{
    char why[160] = "";
    bool ok = sweep_ok(b, code, ts, nin, all_modes, why, sizeof why);
    h_result(ok, "%s [%s]%s", name, feat_name, why);
    if (!ok && h_fail <= h_quiet_fail_limit)
        ir_print(b, stdout);
}

static bool is_fp(IRType t) { return t == IR_F32 || t == IR_F64; }

/* result = op(inputs) in a few shapes; aux for SETCC/FCMP/FTOI. */
static void test_shapes(IROp op, IRType rt, const IRType *ts, int nin, unsigned aux)
{
    char name[128];
    bool modes = is_fp(rt) || is_fp(ts[0]);
    IRBlock b;
    ir_block_init(&b, 0x1000);

    for (int shape = 0; shape < 3; shape++) {
        if (shape == 2 && (nin < 2 || ts[0] != ts[nin - 1]))
            continue;
        ir_block_reset(&b, 0x1000);
        IRRef in[3];
        for (int k = 0; k < nin; k++)
            in[k] = shape == 2 ? (k == 0 ? get(&b, ts[0], 0) : in[0]) : get(&b, ts[k], k);
        IRRef r = ir_emit(&b, op, rt, (uint16_t)aux, in[0], nin > 1 ? in[1] : 0, nin > 2 ? in[2] : 0);
        ir_put(&b, rt, ROFF(8), r);
        if (shape == 1)
            for (int k = 0; k < nin; k++)
                ir_put(&b, ts[k], ROFF(9 + k), in[k]);
        ir_goto(&b, 0x2000);
        void *code = h_compile(&b, NULL);
        snprintf(name, sizeof name, "%s %s aux %#x %s", ir_op_info[op].name, tname(rt), aux,
                 shape == 0 ? "rr" : shape == 1 ? "live" : "same");
        if (code)
            sweep(&b, code, ts, shape == 2 ? 1 : nin, name, modes);
        else
            h_result(false, "%s: compile", name);
    }
    /* one operand a constant: each edge value of operand k as a CONST */
    for (int k = 0; k < nin; k++) {
        bool ok = true;
        for (unsigned e = 0; e < n_edges(ts[k]) && ok; e++) {
            ir_block_reset(&b, 0x1000);
            IRRef in[3];
            IRType tv[3];
            int nv = 0;
            for (int m = 0; m < nin; m++) {
                if (m == k) {
                    in[m] = h_const(&b, ts[m], edge_val(ts[m], e));
                } else {
                    tv[nv] = ts[m];
                    in[m] = get(&b, ts[m], nv++);
                }
            }
            IRRef r = ir_emit(&b, op, rt, (uint16_t)aux, in[0], nin > 1 ? in[1] : 0,
                              nin > 2 ? in[2] : 0);
            ir_put(&b, rt, ROFF(8), r);
            ir_goto(&b, 0x2000);
            void *code = h_compile(&b, NULL);
            if (!code) {
                ok = false;
                break;
            }
            char why[160] = "";
            snprintf(name, sizeof name, "%s %s aux %#x const operand %d = %llx",
                     ir_op_info[op].name, tname(rt), aux, k,
                     (unsigned long long)edge_val(ts[k], e));
            if (nv == 0) {
                FakeCPU c;
                h_cpu_init(&c);
                for (unsigned mode = 0; mode < (modes ? 4u : 1u); mode++) {
                    h_mxcsr_mode = mode;
                    if (!h_run_both(&b, code, &c, NULL, true))
                        ok = false;
                }
                h_mxcsr_mode = 0;
            } else {
                ok = sweep_ok(&b, code, tv, nv, modes, why, sizeof why);
            }
            if (!ok) {
                printf("#   failing: %s%s\n", name, why);
                ir_print(&b, stdout);
            }
        }
        snprintf(name, sizeof name, "%s %s aux %#x const operand %d", ir_op_info[op].name,
                 tname(rt), aux, k);
        h_result(ok, "%s [%s]", name, feat_name);
    }
    ir_block_free(&b);
}

/* SETCC/FCMP consumed by EXIT_IF, TRAP_IF and SELECT (the fused forms). */
static void test_fused(IROp op, IRType ot, unsigned aux)
{
    IRType ts[3] = { ot, ot, IR_I64 };
    char name[128];
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int user = 0; user < 4; user++) {
        ir_block_reset(&b, 0x1000);
        IRRef x = get(&b, ot, 0), y = get(&b, ot, 1);
        IRRef c = ir_emit(&b, op, IR_I32, (uint16_t)aux, x, y, 0);
        IRRef z = get(&b, IR_I64, 2);
        IRRef w = ir_binop(&b, IR_ADD, IR_I64, z, z);    /* flags-clobbering code between */
        ir_put(&b, IR_I64, ROFF(10), w);
        switch (user) {
        case 0:
            ir_exit_if(&b, c, 0x3000);
            break;
        case 1:
            ir_trap_if(&b, c, IR_EXIT_SYSCALL, 0x3004, 77);
            break;
        case 2:
            ir_put(&b, IR_I64, ROFF(8), ir_select(&b, IR_I64, c, z, w));
            break;
        default: {
            IRRef f = get(&b, IR_F64, 3);
            ir_put(&b, IR_F64, ROFF(8), ir_select(&b, IR_F64, c, f, ir_constf64(&b, 2.5)));
            break;
        }
        }
        ir_goto(&b, 0x2000);
        void *code = h_compile(&b, NULL);
        snprintf(name, sizeof name, "%s %s aux %#x fused into %s", ir_op_info[op].name,
                 tname(ot), aux, user == 0 ? "exit_if" : user == 1 ? "trap_if" :
                 user == 2 ? "select i64" : "select f64");
        if (code)
            sweep(&b, code, ts, 3, name, false);
    }
    ir_block_free(&b);
}

/* A SETCC that is also PUT (a guest register, as MIPS sltu + bnez),
 * then only flag-preserving code (GET, PUT, ADD as lea), then EXIT_IF or
 * TRAP_IF on it: the exit branches on the flags of the SETCC's compare. */
static void test_flag_reuse(IRType ot, unsigned cc)
{
    IRType ts[3] = { ot, ot, IR_I64 };
    char name[128];
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int user = 0; user < 4; user++) {
        ir_block_reset(&b, 0x1000);
        IRRef x = get(&b, ot, 0), y = user == 3 ? h_const(&b, ot, 0) : get(&b, ot, 1);
        IRRef c = ir_setcc(&b, (IRCond)cc, x, y);
        ir_put(&b, IR_I32, ROFF(9), c);
        IRRef z = get(&b, IR_I64, 2);
        ir_insn_mark(&b, 0x1004);
        IRRef w = ir_binop(&b, IR_ADD, IR_I64, z, user & 1 ? h_const(&b, IR_I64, 5) : z);
        ir_put(&b, IR_I64, ROFF(10), w);
        ir_put(&b, IR_I32, ROFF(11), h_const(&b, IR_I32, 0));   /* no xor-zeroing here */
        if (user == 1)
            ir_trap_if(&b, c, IR_EXIT_SYSCALL, 0x3004, 77);
        else
            ir_exit_if(&b, c, 0x3000);
        ir_put(&b, IR_I64, ROFF(12), ir_binop(&b, IR_ADD, IR_I64, w, z));
        ir_goto(&b, 0x2000);
        void *code = h_compile(&b, NULL);
        snprintf(name, sizeof name, "SETCC %s cc %u also PUT, flags reused by %s", tname(ot), cc,
                 user == 1 ? "trap_if" : user == 3 ? "exit_if (test)" : "exit_if");
        if (code)
            sweep(&b, code, ts, 3, name, false);
    }
    ir_block_free(&b);
}

/* DIV and REM of the same operands share one x86 div (either order, with
 * other code between, operands dying or not, a constant divisor, after a
 * trap or exit on a zero divisor). */
static void test_divrem(IRType t, bool sgn)
{
    IRType ts[3] = { t, t, IR_I64 };
    IROp dv = sgn ? IR_DIVS : IR_DIVU, rm = sgn ? IR_REMS : IR_REMU;
    char name[128];
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int shape = 0; shape < 8; shape++) {
        ir_block_reset(&b, 0x1000);
        IRRef x = get(&b, t, 0);
        IRRef y = shape == 4 ? h_const(&b, t, 7) : shape == 5 ? h_const(&b, t, ~0ull) : get(&b, t, 1);
        if (shape >= 6) {           /* a divide-by-zero trap first: no zero check left */
            IRRef z0 = ir_setcc(&b, IR_CC_EQ, y, h_const(&b, t, 0));
            if (shape == 6)
                ir_trap_if(&b, z0, IR_EXIT_SIGNAL, 0x1000, 8);
            else
                ir_exit_if(&b, z0, 0x1100);
        }
        IRRef first = ir_binop(&b, shape & 1 ? rm : dv, t, x, y);
        IRRef z = get(&b, IR_I64, 2);
        if (shape >= 2)             /* code between, and a divide claiming rax/rdx itself */
            ir_put(&b, IR_I64, ROFF(10), ir_binop(&b, IR_DIVU, IR_I64, z, h_const(&b, IR_I64, 3)));
        IRRef second = ir_binop(&b, shape & 1 ? dv : rm, t, x, y);
        ir_put(&b, t, ROFF(8), first);
        ir_put(&b, t, ROFF(9), second);
        if (shape == 3)
            ir_put(&b, t, ROFF(11), ir_binop(&b, IR_ADD, t, x, y));   /* operands live on */
        ir_goto(&b, 0x2000);
        void *code = h_compile(&b, NULL);
        snprintf(name, sizeof name, "%s + %s %s shape %d (one div)",
                 ir_op_info[shape & 1 ? rm : dv].name, ir_op_info[shape & 1 ? dv : rm].name,
                 tname(t), shape);
        if (code)
            sweep(&b, code, ts, 3, name, false);
    }
    ir_block_free(&b);
}

static void run_suite(void)
{
    static const IRType ints[2] = { IR_I32, IR_I64 }, fps[2] = { IR_F32, IR_F64 };
    static const IROp ibin[] = { IR_ADD, IR_SUB, IR_MUL, IR_DIVS, IR_DIVU, IR_REMS, IR_REMU,
                                 IR_AND, IR_OR, IR_XOR, IR_SHL, IR_SHR, IR_SAR, IR_ROTR };
    static const IROp iun[] = { IR_NOT, IR_NEG, IR_CLZ, IR_BSWAP };
    static const IROp fbin[] = { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV };
    static const IROp fun[] = { IR_FSQRT, IR_FABS, IR_FNEG };

    for (int ti = 0; ti < 2; ti++) {
        IRType t = ints[ti], ts[2] = { t, t };
        for (size_t k = 0; k < sizeof ibin / sizeof ibin[0]; k++)
            test_shapes(ibin[k], t, ts, 2, 0);
        for (size_t k = 0; k < sizeof iun / sizeof iun[0]; k++)
            test_shapes(iun[k], t, ts, 1, 0);
        for (unsigned cc = 0; cc < IR_NCC; cc++) {
            test_shapes(IR_SETCC, IR_I32, ts, 2, cc);
            test_fused(IR_SETCC, t, cc);
            test_flag_reuse(t, cc);
        }
        test_divrem(t, false);
        test_divrem(t, true);
    }
    {
        IRType t32[1] = { IR_I32 }, t64[1] = { IR_I64 };
        test_shapes(IR_SEXT8, IR_I32, t32, 1, 0);
        test_shapes(IR_SEXT16, IR_I32, t32, 1, 0);
        test_shapes(IR_ZEXT8, IR_I32, t32, 1, 0);
        test_shapes(IR_ZEXT16, IR_I32, t32, 1, 0);
        test_shapes(IR_EXTS, IR_I64, t32, 1, 0);
        test_shapes(IR_EXTU, IR_I64, t32, 1, 0);
        test_shapes(IR_TRUNC, IR_I32, t64, 1, 0);
    }
    {
        static const IRType all[4] = { IR_I32, IR_I64, IR_F32, IR_F64 };
        for (int k = 0; k < 4; k++) {
            IRType ts[3] = { IR_I32, all[k], all[k] };
            test_shapes(IR_SELECT, all[k], ts, 3, 0);
        }
    }
    for (int ti = 0; ti < 2; ti++) {
        IRType t = fps[ti], ts[3] = { t, t, t };
        for (size_t k = 0; k < sizeof fbin / sizeof fbin[0]; k++)
            test_shapes(fbin[k], t, ts, 2, 0);
        for (size_t k = 0; k < sizeof fun / sizeof fun[0]; k++)
            test_shapes(fun[k], t, ts, 1, 0);
        h_nan_loose = true;
        test_shapes(IR_FMA, t, ts, 3, 0);
        h_nan_loose = false;
        for (unsigned m = 0; m < 32; m++) {
            test_shapes(IR_FCMP, IR_I32, ts, 2, m);
            test_fused(IR_FCMP, t, m);
        }
        IRType other[1] = { ti ? IR_F32 : IR_F64 };
        test_shapes(IR_FCVT, t, other, 1, 0);
        for (int ii = 0; ii < 2; ii++) {
            IRType src[1] = { ints[ii] };
            test_shapes(IR_ITOF, t, src, 1, 0);
            for (unsigned rm = 0; rm <= IR_RM_DYNAMIC; rm++)
                for (unsigned pol = 0; pol < 2; pol++)
                    test_shapes(IR_FTOI, ints[ii], ts, 1, rm | (pol ? IR_FTOI_MAXPOS : 0));
        }
        IRType bi[1] = { ti ? IR_I64 : IR_I32 };
        test_shapes(IR_BITCAST, t, bi, 1, 0);
        test_shapes(IR_BITCAST, bi[0], ts, 1, 0);
    }
    /* DEFNAN: b must be a CONST NaN */
    for (int ti = 0; ti < 2; ti++) {
        IRType t = fps[ti];
        IRBlock b;
        ir_block_init(&b, 0x1000);
        IRRef a = get(&b, t, 0);
        IRRef nan = h_const(&b, t, t == IR_F32 ? 0x7fbfffffu : 0x7ff7ffffffffffffull);
        ir_put(&b, t, ROFF(8), ir_binop(&b, IR_DEFNAN, t, a, nan));
        ir_put(&b, t, ROFF(9), a);
        ir_goto(&b, 0x2000);
        IRType ts[1] = { t };
        void *code = h_compile(&b, NULL);
        if (code)
            sweep(&b, code, ts, 1, t == IR_F32 ? "DEFNAN f32" : "DEFNAN f64", false);
        ir_block_free(&b);
    }
}

int main(void)
{
    char fb[64];
    h_init();
    unsigned host = x64_features;
    unsigned variants[2] = { host, 0 };
    for (int v = 0; v < 2; v++) {
        x64_features = variants[v];
        feat_name = v ? "no optional features" : x64_features_string(host, fb, sizeof fb);
        printf("# features: %s\n", feat_name);
        run_suite();
    }
    x64_features = host;
    return h_done();
}
