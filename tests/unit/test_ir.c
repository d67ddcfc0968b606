/*
 * test_ir.c - unit tests of the IR core: builder + printer (golden text),
 * verifier (one negative case per rule), interpreter (every op, edge cases,
 * FP rounding and flags, memory byte order, helper call shapes, exits),
 * passes (golden text of optimised blocks) and a randomized differential
 * test: random blocks run through ir_interp before and after ir_optimize
 * must leave identical CPU state, memory, exit and FP flags.
 *
 * Output is TAP-like: `ok N - name` / `not ok N - name`, diagnostics on `#`
 * lines; the exit status is non-zero when any test fails.
 * Usage: build/tests/unit/test_ir [random-iterations [seed]]
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ir/backend.h"

/* ---- harness ---------------------------------------------------------- */

static int test_no, test_failed, checks_failed;

static void check_(bool ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void check_(bool ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (ok)
        return;
    checks_failed++;
    printf("#   %s:%d: ", file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}
#define CHECK(ok, ...) check_((ok), __FILE__, __LINE__, __VA_ARGS__)

static void run_test(const char *name, void (*fn)(void))
{
    int before = checks_failed;
    fn();
    test_no++;
    if (checks_failed != before) {
        test_failed++;
        printf("not ok %d - %s\n", test_no, name);
    } else {
        printf("ok %d - %s\n", test_no, name);
    }
    fflush(stdout);
}

/* ---- a fake guest ----------------------------------------------------- */

typedef struct FakeCPU {
    IRCpuHeader h;
    uint64_t slot[16];           /* general state, viewed at any type */
    uint64_t out[4];             /* results of single-op tests */
    uint32_t calls;              /* helpers count their calls here */
} FakeCPU;

#define OFF_SLOT(k) ((uint32_t)(offsetof(FakeCPU, slot) + 8 * (k)))
#define OFF_OUT(k)  ((uint32_t)(offsetof(FakeCPU, out) + 8 * (k)))
#define OFF_CALLS   ((uint32_t)offsetof(FakeCPU, calls))

enum { MEM_SIZE = 512 };
static FakeCPU cpu;
static uint8_t mem[MEM_SIZE];

static char *print_block(const IRBlock *b)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ir_print(b, f);
    fclose(f);
    return buf;
}

static bool golden(const IRBlock *b, const char *want, const char *what)
{
    char *got = print_block(b);
    bool ok = strcmp(got, want) == 0;
    CHECK(ok, "%s: printed block differs\n--- want\n%s--- got\n%s", what, want, got);
    free(got);
    return ok;
}

static uint64_t f64b(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static uint64_t f32b(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }
static double bf64(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }

/* ---- helpers callable from IR ----------------------------------------- */

static uint32_t h_add3(void *c, uint32_t a, uint32_t b, uint32_t d) { (void)c; return a + 2 * b + 3 * d; }
static uint64_t h_mix(void *c, uint64_t a, uint32_t b) { (void)c; return a * 3 + b; }
static double h_scale(void *c, double a, uint64_t k) { (void)c; return a * (double)k; }
static float h_narrow(void *c, double a) { (void)c; return (float)a; }
static uint64_t h_k64(void *c) { (void)c; return 0x123456789abcdef0ull; }
static float h_fsum(void *c, float a, float b) { (void)c; return a + b; }
static void h_bump(void *c) { ((FakeCPU *)c)->calls++; }
static uint32_t h_read(void *c, uint32_t k) { return (uint32_t)((FakeCPU *)c)->slot[k & 15]; }
static void h_write(void *c, uint32_t k, uint32_t v)
{
    memcpy(&((FakeCPU *)c)->slot[k & 15], &v, 4);
    ((FakeCPU *)c)->calls++;
}
static uint32_t h_pure(void *c, uint32_t a, uint32_t b) { (void)c; return a * 31 + (b ^ 0x5a5a); }
static void h_setround(void *c, uint32_t m)
{
    static const int modes[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
    (void)c;
    fesetround(modes[m & 3]);
}

static const IRHelper H_ADD3 = { "add3", (void *)h_add3, IR_I32, 3, { IR_I32, IR_I32, IR_I32 }, IR_HF_PURE };
static const IRHelper H_MIX = { "mix", (void *)h_mix, IR_I64, 2, { IR_I64, IR_I32 }, IR_HF_PURE };
static const IRHelper H_SCALE = { "scale", (void *)h_scale, IR_F64, 2, { IR_F64, IR_I64 }, IR_HF_PURE };
static const IRHelper H_NARROW = { "narrow", (void *)h_narrow, IR_F32, 1, { IR_F64 }, IR_HF_PURE };
static const IRHelper H_K64 = { "k64", (void *)h_k64, IR_I64, 0, { 0 }, IR_HF_PURE };
static const IRHelper H_FSUM = { "fsum", (void *)h_fsum, IR_F32, 2, { IR_F32, IR_F32 }, IR_HF_PURE };
static const IRHelper H_BUMP = { "bump", (void *)h_bump, IR_VOID, 0, { 0 }, IR_HF_READS | IR_HF_WRITES };
static const IRHelper H_READ = { "read", (void *)h_read, IR_I32, 1, { IR_I32 }, IR_HF_READS };
static const IRHelper H_WRITE = { "write", (void *)h_write, IR_VOID, 2, { IR_I32, IR_I32 }, IR_HF_READS | IR_HF_WRITES };
static const IRHelper H_PURE = { "pure", (void *)h_pure, IR_I32, 2, { IR_I32, IR_I32 }, IR_HF_PURE };
static const IRHelper H_SETROUND = { "setround", (void *)h_setround, IR_VOID, 1, { IR_I32 }, IR_HF_PURE | IR_HF_WRITES };

/* ---- builder and printer ---------------------------------------------- */

static void t_builder_printer(void)
{
    IRBlock b;
    ir_block_init(&b, 0x400100);
    ir_insn_mark(&b, 0x400100);
    IRRef g = ir_get(&b, IR_I32, 36);
    IRRef k = ir_const32(&b, 0xfffffffc);
    IRRef s = ir_binop(&b, IR_ADD, IR_I32, g, k);
    ir_put(&b, IR_I32, 32, s);
    IRRef l = ir_load(&b, IR_I32, 4 | IR_MEM_BE, s);
    IRRef h = ir_load(&b, IR_I32, 2 | IR_MEM_SIGNED | IR_MEM_BE, s);
    ir_store(&b, IR_I32, 1, s, h);
    IRRef c = ir_setcc(&b, IR_CC_LTU, l, g);
    ir_exit_if(&b, c, 0x400200);
    IRRef d = ir_constf64(&b, 1.5);
    IRRef f = ir_constf32(&b, -2.0f);
    IRRef q = ir_const64(&b, 0x123456789ull);
    IRRef fc = ir_emit(&b, IR_FCMP, IR_I32, IR_FC_LT | IR_FC_UN, d, d, 0);
    IRRef ft = ir_emit(&b, IR_FTOI, IR_I32, IR_RM_ZERO | IR_FTOI_MAXPOS, f, 0, 0);
    IRRef sel = ir_select(&b, IR_I32, fc, ft, l);
    IRRef call = ir_call(&b, &H_ADD3, sel, g, l);
    ir_call(&b, &H_BUMP, IR_NONE, IR_NONE, IR_NONE);
    IRRef x = ir_emit(&b, IR_CMPXCHG, IR_I64, 8 | IR_MEM_BE, s, q, q);
    ir_unop(&b, IR_TRUNC, IR_I32, x);
    ir_emit(&b, IR_FENCE, IR_VOID, 0, 0, 0, 0);
    ir_trap_if(&b, call, IR_EXIT_SYSCALL, 0x400104, 0);
    ir_trap(&b, IR_EXIT_SIGNAL, 0x400108, 11);

    const char *want =
        "0000 insn   0x400100\n"
        "0001 get    i32 [36]\n"
        "0002 const  i32 0xfffffffc\n"
        "0003 add    i32 %1, %2\n"
        "0004 put    i32 [32], %3\n"
        "0005 load.4be i32 %3\n"
        "0006 load.2sbe i32 %3\n"
        "0007 store.1 i32 %3, %6\n"
        "0008 setcc.ltu i32 %5, %1\n"
        "0009 exit_if %8, 0x400200\n"
        "0010 const  f64 0x3ff8000000000000 ; 1.5\n"
        "0011 const  f32 0xc0000000 ; -2\n"
        "0012 const  i64 0x123456789\n"
        "0013 fcmp.ult i32 %10, %10\n"
        "0014 ftoi.rz.maxpos i32 %11\n"
        "0015 select i32 %13, %14, %5\n"
        "0016 call   i32 add3(%15, %1, %5)\n"
        "0017 call   bump()\n"
        "0018 cmpxchg.8be i64 %3, %12, %12\n"
        "0019 trunc  i32 %18\n"
        "0020 fence\n"
        "0021 trap_if.syscall %16, 0x400104, 0x0\n"
        "0022 trap.signal 0x400108, 0xb\n";
    golden(&b, want, "builder");
    CHECK(ir_verify(&b, stderr), "golden block must verify");
    CHECK(ir_block_terminated(&b), "block is terminated");
    CHECK(b.guest_insns == 1, "insn mark counts guest instructions");
    uint64_t v;
    CHECK(ir_is_const(&b, q, &v) && v == 0x123456789ull, "ir_is_const i64");
    CHECK(!ir_is_const(&b, g, &v), "get is not const");
    CHECK(ir_helper_id(&H_ADD3) == ir_helper_id(&H_ADD3), "helper ids are stable");
    CHECK(ir_helper_get(ir_helper_id(&H_MIX)) == &H_MIX, "helper lookup");
    CHECK(ir_helper_get(0) == NULL, "id 0 names no helper");

    ir_block_reset(&b, 0x500000);
    CHECK(b.n == 0 && b.guest_pc == 0x500000 && b.guest_insns == 0, "reset");
    for (unsigned i = 0; i < 5000; i++)      /* growth */
        ir_const32(&b, i);
    CHECK(b.n == 5000 && b.insn[4999].a == 4999, "growth keeps contents");
    ir_block_free(&b);
}

/* ---- verifier ----------------------------------------------------------- */

/* A valid base block; each negative case breaks one rule in a copy. */
static void verify_base(IRBlock *b)
{
    ir_block_init(b, 0x1000);
    ir_insn_mark(b, 0x1000);                                 /* 0 */
    IRRef g = ir_get(b, IR_I32, OFF_SLOT(0));                /* 1 */
    IRRef k = ir_const32(b, 4);                              /* 2 */
    IRRef s = ir_binop(b, IR_ADD, IR_I32, g, k);             /* 3 */
    ir_put(b, IR_I32, OFF_SLOT(1), s);                       /* 4 */
    IRRef l = ir_load(b, IR_I32, 4, s);                      /* 5 */
    IRRef q = ir_const64(b, 7);                              /* 6 */
    IRRef e = ir_unop(b, IR_EXTU, IR_I64, l);                /* 7 */
    IRRef m = ir_binop(b, IR_MUL, IR_I64, e, q);             /* 8 */
    IRRef f = ir_constf64(b, 2.0);                           /* 9 */
    IRRef fa = ir_binop(b, IR_FADD, IR_F64, f, f);           /* 10 */
    IRRef c = ir_setcc(b, IR_CC_LTS, g, k);                  /* 11 */
    ir_exit_if(b, c, 0x2000);                                /* 12 */
    ir_call(b, &H_ADD3, g, k, l);                            /* 13 */
    ir_put(b, IR_I64, OFF_SLOT(2), m);                       /* 14 */
    ir_put(b, IR_F64, OFF_SLOT(3), fa);                      /* 15 */
    IRRef n = ir_constf64(b, NAN);                           /* 16 */
    ir_emit(b, IR_DEFNAN, IR_F64, 0, fa, n, 0);              /* 17 */
    ir_goto(b, 0x1008);                                      /* 18 */
}

typedef struct VCase {
    const char *name;
    const char *expect;          /* substring of the verifier's message */
    void (*mutate)(IRBlock *b);
} VCase;

static void m_fwdref(IRBlock *b)     { b->insn[3].b = 5; }
static void m_selfref(IRBlock *b)    { b->insn[3].b = 3; }
static void m_novalref(IRBlock *b)   { b->insn[3].b = 4; }
static void m_none(IRBlock *b)       { b->insn[3].b = IR_NONE; }
static void m_badop(IRBlock *b)      { b->insn[3].op = 200; }
static void m_badtype(IRBlock *b)    { b->insn[3].type = 9; }
static void m_mixtypes(IRBlock *b)   { b->insn[8].b = 2; }
static void m_fptype(IRBlock *b)     { b->insn[3].type = IR_F32; }
static void m_intfp(IRBlock *b)      { b->insn[10].type = IR_I64; }
static void m_setcct(IRBlock *b)     { b->insn[11].type = IR_I64; }
static void m_setccmix(IRBlock *b)   { b->insn[11].b = 6; }
static void m_setcccc(IRBlock *b)    { b->insn[11].aux = 99; }
static void m_loadsize(IRBlock *b)   { b->insn[5].aux = 3; }
static void m_loadtype(IRBlock *b)   { b->insn[5].aux = 8; }
static void m_loadsign(IRBlock *b)   { b->insn[5].aux = 4 | IR_MEM_SIGNED; }
static void m_loadaddr(IRBlock *b)   { b->insn[5].a = 6; }
static void m_putty(IRBlock *b)      { b->insn[14].type = IR_I32; }
static void m_extu(IRBlock *b)       { b->insn[7].a = 6; }
static void m_extut(IRBlock *b)      { b->insn[7].type = IR_I32; }
static void m_trunc(IRBlock *b)      { b->insn[7].op = IR_TRUNC; }
static void m_bitcast(IRBlock *b)    { b->insn[7].op = IR_BITCAST; }
static void m_callarg(IRBlock *b)    { b->insn[13].c = 6; }
static void m_callret(IRBlock *b)    { b->insn[13].type = IR_I64; }
static void m_callextra(IRBlock *b)  { b->insn[13].aux = (uint16_t)ir_helper_id(&H_READ); }
static void m_callid(IRBlock *b)     { b->insn[13].aux = 4000; }
static void m_noterm(IRBlock *b)     { b->insn[18] = (IRInsn){ .op = IR_FENCE }; }
static void m_twoterm(IRBlock *b)    { b->insn[12] = (IRInsn){ .op = IR_GOTO, .a = 0x3000 }; }
static void m_exitcond(IRBlock *b)   { b->insn[12].a = 6; }
static void m_novaltype(IRBlock *b)  { b->insn[12].type = IR_I32; }
static void m_auxjunk(IRBlock *b)    { b->insn[3].aux = 1; }
static void m_nslot(IRBlock *b)      { b->insn[7].b = 1; }
static void m_const32(IRBlock *b)    { b->insn[2].b = 1; }
static void m_defnan(IRBlock *b)     { b->insn[17].b = 10; }
static void m_defnannan(IRBlock *b)  { b->insn[16].b = 0x3ff00000; }
static void m_ftoiaux(IRBlock *b)
{
    b->insn[7] = (IRInsn){ .op = IR_FTOI, .type = IR_I64, .aux = 6, .a = 9 };
}
static void m_fcvt(IRBlock *b)
{
    b->insn[7] = (IRInsn){ .op = IR_FCVT, .type = IR_F64, .a = 9 };
}
static void m_fcmpmask(IRBlock *b)
{
    b->insn[11] = (IRInsn){ .op = IR_FCMP, .type = IR_I32, .aux = 0x40, .a = 9, .b = 9 };
}
static void m_select(IRBlock *b)
{
    b->insn[11] = (IRInsn){ .op = IR_SELECT, .type = IR_I32, .a = 6, .b = 1, .c = 2 };
}
static void m_cmpxchg(IRBlock *b)
{
    b->insn[7] = (IRInsn){ .op = IR_CMPXCHG, .type = IR_I64, .aux = 4, .a = 3, .b = 6, .c = 6 };
}
static void m_storesign(IRBlock *b)
{
    b->insn[4] = (IRInsn){ .op = IR_STORE, .type = IR_I32, .aux = 2 | IR_MEM_SIGNED, .a = 3, .b = 3 };
}
static void m_empty(IRBlock *b)      { b->n = 0; }

static const VCase vcases[] = {
    { "forward ref", "earlier instruction", m_fwdref },
    { "self ref", "earlier instruction", m_selfref },
    { "ref to no value", "without a value", m_novalref },
    { "missing operand", "missing", m_none },
    { "unknown op", "unknown op", m_badop },
    { "unknown type", "unknown type", m_badtype },
    { "mixed int types", "must be i64", m_mixtypes },
    { "int op at FP type", "integer op", m_fptype },
    { "FP op at int type", "FP op", m_intfp },
    { "setcc type", "setcc gives i32", m_setcct },
    { "setcc mixed", "must be i32", m_setccmix },
    { "setcc cond", "condition", m_setcccc },
    { "load size", "size", m_loadsize },
    { "load size vs type", "cannot have type", m_loadtype },
    { "signed 4-byte load", "SIGNED", m_loadsign },
    { "load address i64", "address", m_loadaddr },
    { "put type", "must be i32", m_putty },
    { "extu from i64", "must be i32", m_extu },
    { "extu to i32", "give i64", m_extut },
    { "trunc from i32", "trunc", m_trunc },
    { "bitcast i32->i64", "bitcast", m_bitcast },
    { "call arg type", "must be i32", m_callarg },
    { "call ret type", "return type", m_callret },
    { "call extra args", "takes", m_callextra },
    { "call unknown helper", "no registered helper", m_callid },
    { "no terminator", "terminator", m_noterm },
    { "terminator not last", "not the last", m_twoterm },
    { "exit cond type", "condition", m_exitcond },
    { "typed no-value op", "produces no value", m_novaltype },
    { "aux on plain op", "aux", m_auxjunk },
    { "N operand used", "must be empty", m_nslot },
    { "i32 const high word", "high word", m_const32 },
    { "defnan default not const", "must be a const", m_defnan },
    { "defnan default not NaN", "not a NaN", m_defnannan },
    { "ftoi aux", "rounding mode", m_ftoiaux },
    { "fcvt same type", "fcvt", m_fcvt },
    { "fcmp mask", "mask", m_fcmpmask },
    { "select cond type", "condition", m_select },
    { "cmpxchg size", "cmpxchg", m_cmpxchg },
    { "signed store", "SIGNED", m_storesign },
    { "empty block", "empty", m_empty },
};

static void t_verifier(void)
{
    IRBlock b;
    verify_base(&b);
    CHECK(ir_verify(&b, stdout), "base block verifies");
    for (size_t k = 0; k < sizeof vcases / sizeof vcases[0]; k++) {
        IRBlock c;
        verify_base(&c);
        vcases[k].mutate(&c);
        char *msg = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&msg, &len);
        bool ok = ir_verify(&c, f);
        fclose(f);
        CHECK(!ok, "%s: verifier accepted a bad block", vcases[k].name);
        CHECK(!ok || strstr(msg, vcases[k].expect), "%s: message lacks '%s':\n%s",
              vcases[k].name, vcases[k].expect, msg);
        if (k == 0)
            CHECK(strstr(msg, ">> 0003 add    i32 %1, %5") != NULL,
                  "bad instruction is marked:\n%s", msg);
        free(msg);
        ir_block_free(&c);
    }
    ir_block_free(&b);
}

/* ---- interpreter: single ops ------------------------------------------ */

static unsigned last_flags;

/* Runs `op` on constant operands (types ty[], values v[]) with the result
 * PUT to out[0]; also runs the optimised block and compares results and FP
 * flags.  Returns the result bits (32-bit types zero-extended). */
static uint64_t run_op(IROp op, IRType t, unsigned aux, unsigned n, const IRType ty[3],
                       const uint64_t v[3])
{
    IRBlock b;
    IRRef r[3] = { 0, 0, 0 };
    uint64_t res[2];
    unsigned flags[2];

    ir_block_init(&b, 0x100);
    for (unsigned k = 0; k < n; k++) {
        if (ty[k] == IR_I64 || ty[k] == IR_F64)
            r[k] = ir_emit(&b, IR_CONST, ty[k], 0, (uint32_t)v[k], (uint32_t)(v[k] >> 32), 0);
        else
            r[k] = ir_emit(&b, IR_CONST, ty[k], 0, (uint32_t)v[k], 0, 0);
    }
    IRRef x = ir_emit(&b, op, t, (uint16_t)aux, r[0], n > 1 ? r[1] : 0, n > 2 ? r[2] : 0);
    ir_put(&b, t, OFF_OUT(0), x);
    ir_goto(&b, 0x104);
    if (!ir_verify(&b, stdout)) {
        CHECK(false, "op %s: test block does not verify", ir_op_info[op].name);
        ir_block_free(&b);
        return 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            ir_optimize(&b);
        memset(&cpu, 0, sizeof cpu);
        feclearexcept(FE_ALL_EXCEPT);
        unsigned code = ir_interp(&b, &cpu, mem);
        flags[pass] = (unsigned)fetestexcept(FE_ALL_EXCEPT);
        CHECK(code == IR_EXIT_NONE && cpu.h.pc == 0x104, "op %s: bad exit", ir_op_info[op].name);
        res[pass] = cpu.out[0];
        if (t == IR_I32 || t == IR_F32)
            res[pass] &= 0xffffffffu;
    }
    CHECK(res[0] == res[1], "op %s: optimised result 0x%llx != interpreted 0x%llx",
          ir_op_info[op].name, (unsigned long long)res[1], (unsigned long long)res[0]);
    CHECK(flags[0] == flags[1], "op %s: optimised FP flags 0x%x != 0x%x", ir_op_info[op].name,
          flags[1], flags[0]);
    last_flags = flags[0];
    ir_block_free(&b);
    return res[0];
}

static uint64_t op2(IROp op, IRType t, uint64_t x, uint64_t y)
{
    const IRType ty[3] = { t, t, t };
    const uint64_t v[3] = { x, y, 0 };
    return run_op(op, t, 0, 2, ty, v);
}

static uint64_t op1(IROp op, IRType t, IRType ta, unsigned aux, uint64_t x)
{
    const IRType ty[3] = { ta, ta, ta };
    const uint64_t v[3] = { x, 0, 0 };
    return run_op(op, t, aux, 1, ty, v);
}

static uint64_t cmp2(IROp op, IRType ta, unsigned aux, uint64_t x, uint64_t y)
{
    const IRType ty[3] = { ta, ta, ta };
    const uint64_t v[3] = { x, y, 0 };
    return run_op(op, IR_I32, aux, 2, ty, v);
}

#define EQ32(op, x, y, want) do { uint64_t got_ = op2(op, IR_I32, (uint32_t)(x), (uint32_t)(y)); \
    CHECK(got_ == (uint32_t)(want), "%s i32 0x%x, 0x%x = 0x%llx, want 0x%x", #op, \
          (unsigned)(x), (unsigned)(y), (unsigned long long)got_, (unsigned)(want)); } while (0)
#define EQ64(op, x, y, want) do { uint64_t got_ = op2(op, IR_I64, (x), (y)); \
    CHECK(got_ == (uint64_t)(want), "%s i64 0x%llx, 0x%llx = 0x%llx, want 0x%llx", #op, \
          (unsigned long long)(x), (unsigned long long)(y), (unsigned long long)got_, \
          (unsigned long long)(want)); } while (0)
#define EQ1(op, t, ta, aux, x, want) do { uint64_t got_ = op1(op, t, ta, aux, (x)); \
    CHECK(got_ == (uint64_t)(want), "%s 0x%llx = 0x%llx, want 0x%llx", #op, \
          (unsigned long long)(x), (unsigned long long)got_, (unsigned long long)(want)); } while (0)

static void t_interp_int(void)
{
    const uint32_t MIN = 0x80000000u;
    const uint64_t MIN64 = 0x8000000000000000ull;
    EQ32(IR_ADD, 0xffffffff, 2, 1);
    EQ32(IR_SUB, 1, 2, 0xffffffff);
    EQ32(IR_MUL, 0x10000, 0x10000, 0);
    EQ32(IR_MUL, 0xfffffffe, 3, 0xfffffffa);
    EQ32(IR_DIVS, -7, 2, -3);
    EQ32(IR_DIVS, 7, 0, 0);
    EQ32(IR_DIVS, MIN, -1, MIN);
    EQ32(IR_DIVU, 0xfffffffe, 2, 0x7fffffff);
    EQ32(IR_DIVU, 5, 0, 0);
    EQ32(IR_REMS, -7, 2, -1);
    EQ32(IR_REMS, 7, 0, 7);
    EQ32(IR_REMS, MIN, -1, 0);
    EQ32(IR_REMU, 0xffffffff, 10, 5);
    EQ32(IR_REMU, 9, 0, 9);
    EQ32(IR_AND, 0xf0f0, 0xff00, 0xf000);
    EQ32(IR_OR, 0xf0f0, 0x0f00, 0xfff0);
    EQ32(IR_XOR, 0xffff, 0x0ff0, 0xf00f);
    EQ32(IR_SHL, 1, 31, MIN);
    EQ32(IR_SHL, 1, 32, 1);            /* count mod 32 */
    EQ32(IR_SHL, 1, 33, 2);
    EQ32(IR_SHR, MIN, 31, 1);
    EQ32(IR_SHR, MIN, 63, 1);
    EQ32(IR_SAR, MIN, 31, 0xffffffff);
    EQ32(IR_SAR, MIN, 32, MIN);
    EQ32(IR_ROTR, 0x12345678, 8, 0x78123456);
    EQ32(IR_ROTR, 0x12345678, 0, 0x12345678);
    EQ32(IR_ROTR, 0x12345678, 36, 0x81234567);
    EQ64(IR_ADD, ~0ull, 2, 1);
    EQ64(IR_MUL, 0x100000000ull, 0x100000000ull, 0);
    EQ64(IR_DIVS, MIN64, ~0ull, MIN64);
    EQ64(IR_DIVS, (uint64_t)-9, 2, (uint64_t)-4);
    EQ64(IR_DIVS, 9, 0, 0);
    EQ64(IR_DIVU, ~0ull, 0, 0);
    EQ64(IR_REMS, MIN64, ~0ull, 0);
    EQ64(IR_REMS, (uint64_t)-9, 0, (uint64_t)-9);
    EQ64(IR_REMU, 10, 0, 10);
    EQ64(IR_SHL, 1, 64, 1);
    EQ64(IR_SHL, 1, 63, MIN64);
    EQ64(IR_SHR, MIN64, 127, 1);
    EQ64(IR_SAR, MIN64, 63, ~0ull);
    EQ64(IR_ROTR, 1, 1, MIN64);
    EQ64(IR_ROTR, 0x0123456789abcdefull, 64, 0x0123456789abcdefull);
    EQ1(IR_NOT, IR_I32, IR_I32, 0, 0x0f0f0f0f, 0xf0f0f0f0);
    EQ1(IR_NEG, IR_I32, IR_I32, 0, 1, 0xffffffff);
    EQ1(IR_NEG, IR_I32, IR_I32, 0, MIN, MIN);
    EQ1(IR_NEG, IR_I64, IR_I64, 0, 1, ~0ull);
    EQ1(IR_CLZ, IR_I32, IR_I32, 0, 0, 32);
    EQ1(IR_CLZ, IR_I32, IR_I32, 0, 1, 31);
    EQ1(IR_CLZ, IR_I32, IR_I32, 0, MIN, 0);
    EQ1(IR_CLZ, IR_I64, IR_I64, 0, 0, 64);
    EQ1(IR_CLZ, IR_I64, IR_I64, 0, 0x100000000ull, 31);
    EQ1(IR_BSWAP, IR_I32, IR_I32, 0, 0x11223344, 0x44332211);
    EQ1(IR_BSWAP, IR_I64, IR_I64, 0, 0x1122334455667788ull, 0x8877665544332211ull);
    EQ1(IR_SEXT8, IR_I32, IR_I32, 0, 0x1280, 0xffffff80);
    EQ1(IR_SEXT8, IR_I32, IR_I32, 0, 0x127f, 0x7f);
    EQ1(IR_SEXT16, IR_I32, IR_I32, 0, 0x18000, 0xffff8000);
    EQ1(IR_ZEXT8, IR_I32, IR_I32, 0, 0xfff1, 0xf1);
    EQ1(IR_ZEXT16, IR_I32, IR_I32, 0, 0xfffff1f1, 0xf1f1);
    EQ1(IR_EXTS, IR_I64, IR_I32, 0, MIN, 0xffffffff80000000ull);
    EQ1(IR_EXTU, IR_I64, IR_I32, 0, MIN, 0x80000000ull);
    EQ1(IR_TRUNC, IR_I32, IR_I64, 0, 0x123456789ull, 0x23456789);

    /* SETCC: every condition, signed/unsigned edges, both widths */
    static const struct { unsigned cc; uint32_t a, b; uint32_t want; } sc[] = {
        { IR_CC_EQ, 5, 5, 1 }, { IR_CC_EQ, 5, 6, 0 }, { IR_CC_NE, 5, 6, 1 },
        { IR_CC_LTS, 0xffffffff, 0, 1 }, { IR_CC_LTU, 0xffffffff, 0, 0 },
        { IR_CC_LES, 3, 3, 1 }, { IR_CC_LEU, 4, 3, 0 },
        { IR_CC_GTS, 0, 0x80000000u, 1 }, { IR_CC_GTU, 0, 0x80000000u, 0 },
        { IR_CC_GES, 0x80000000u, 0x80000000u, 1 }, { IR_CC_GEU, 1, 2, 0 },
    };
    for (size_t k = 0; k < sizeof sc / sizeof sc[0]; k++) {
        uint64_t got = cmp2(IR_SETCC, IR_I32, sc[k].cc, sc[k].a, sc[k].b);
        CHECK(got == sc[k].want, "setcc.%s 0x%x, 0x%x = %llu", ir_cond_name((IRCond)sc[k].cc),
              sc[k].a, sc[k].b, (unsigned long long)got);
    }
    CHECK(cmp2(IR_SETCC, IR_I64, IR_CC_LTS, MIN64, 0) == 1, "setcc.lts i64");
    CHECK(cmp2(IR_SETCC, IR_I64, IR_CC_LTU, MIN64, 0) == 0, "setcc.ltu i64");
    CHECK(cmp2(IR_SETCC, IR_I64, IR_CC_GTU, 0x100000000ull, 0xffffffffull) == 1, "setcc.gtu i64 high");

    const IRType sty[3] = { IR_I32, IR_I64, IR_I64 };
    const uint64_t sv1[3] = { 2, 10, 20 }, sv0[3] = { 0, 10, 20 };
    CHECK(run_op(IR_SELECT, IR_I64, 0, 3, sty, sv1) == 10, "select true");
    CHECK(run_op(IR_SELECT, IR_I64, 0, 3, sty, sv0) == 20, "select false");
}

static void t_interp_fp(void)
{
    const uint64_t qnan = f64b(NAN), snan = 0x7ff0000000000001ull;
    const uint64_t snan32 = 0x7f800001u;
    fesetround(FE_TONEAREST);
    CHECK(bf64(op2(IR_FADD, IR_F64, f64b(1.0), f64b(2.0))) == 3.0, "fadd");
    CHECK(bf64(op2(IR_FSUB, IR_F64, f64b(1.0), f64b(2.0))) == -1.0, "fsub");
    CHECK(bf64(op2(IR_FMUL, IR_F64, f64b(1.5), f64b(2.0))) == 3.0, "fmul");
    CHECK(bf64(op2(IR_FDIV, IR_F64, f64b(1.0), f64b(4.0))) == 0.25, "fdiv");
    op2(IR_FDIV, IR_F64, f64b(1.0), f64b(0.0));
    CHECK(last_flags & FE_DIVBYZERO, "fdiv by zero raises divbyzero");
    op2(IR_FDIV, IR_F64, f64b(1.0), f64b(3.0));
    CHECK(last_flags == FE_INEXACT, "1/3 raises inexact only (flags 0x%x)", last_flags);
    CHECK(op2(IR_FADD, IR_F32, f32b(1.0f), f32b(0.5f)) == f32b(1.5f), "fadd f32");
    CHECK(op1(IR_FSQRT, IR_F64, IR_F64, 0, f64b(2.25)) == f64b(1.5), "fsqrt");
    CHECK(op1(IR_FSQRT, IR_F32, IR_F32, 0, f32b(4.0f)) == f32b(2.0f), "fsqrt f32");
    op1(IR_FSQRT, IR_F64, IR_F64, 0, f64b(-1.0));
    CHECK(last_flags & FE_INVALID, "fsqrt(-1) raises invalid");
    CHECK(op1(IR_FABS, IR_F64, IR_F64, 0, f64b(-2.0)) == f64b(2.0), "fabs");
    CHECK(op1(IR_FABS, IR_F64, IR_F64, 0, snan | (1ull << 63)) == snan && last_flags == 0,
          "fabs of sNaN: bits only, no flag");
    CHECK(op1(IR_FNEG, IR_F32, IR_F32, 0, snan32) == (snan32 | 0x80000000u) && last_flags == 0,
          "fneg of sNaN: bits only, no flag");

    /* rounding follows the host mode; 1 + 2^-60 */
    uint64_t tiny = f64b(ldexp(1.0, -60));
    CHECK(op2(IR_FADD, IR_F64, f64b(1.0), tiny) == f64b(1.0), "fadd rounds to nearest");
    fesetround(FE_UPWARD);
    CHECK(op2(IR_FADD, IR_F64, f64b(1.0), tiny) == f64b(nextafter(1.0, 2.0)), "fadd rounds up");
    fesetround(FE_TONEAREST);

    /* fma: one rounding */
    const IRType fty[3] = { IR_F64, IR_F64, IR_F64 };
    const uint64_t fv[3] = { f64b(1 + ldexp(1, -30)), f64b(1 - ldexp(1, -30)), f64b(-1.0) };
    CHECK(bf64(run_op(IR_FMA, IR_F64, 0, 3, fty, fv)) == -ldexp(1, -60), "fma single rounding");

    /* fcmp masks */
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_LT, f64b(1), f64b(2)) == 1, "fcmp olt true");
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_LT, f64b(2), f64b(1)) == 0, "fcmp olt false");
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_LT | IR_FC_EQ, f64b(2), f64b(2)) == 1, "fcmp ole eq");
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_GT, f64b(-0.0), f64b(0.0)) == 0, "-0 == 0");
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_EQ, f64b(-0.0), f64b(0.0)) == 1, "-0 == 0 eq");
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_LT, qnan, f64b(1)) == 0 && last_flags == 0,
          "fcmp olt qNaN: false, quiet");
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_LT | IR_FC_UN, qnan, f64b(1)) == 1, "fcmp ult qNaN");
    CHECK(cmp2(IR_FCMP, IR_F64, IR_FC_UN, f64b(1), f64b(1)) == 0, "fcmp uno ordered");
    cmp2(IR_FCMP, IR_F64, IR_FC_LT | IR_FC_SIGNAL, qnan, f64b(1));
    CHECK(last_flags & FE_INVALID, "signalling fcmp of qNaN raises invalid");
    cmp2(IR_FCMP, IR_F64, IR_FC_EQ, snan, f64b(1));
    CHECK(last_flags & FE_INVALID, "quiet fcmp of sNaN raises invalid");
    CHECK(cmp2(IR_FCMP, IR_F32, IR_FC_GT | IR_FC_EQ, f32b(3), f32b(2)) == 1, "fcmp oge f32");
    CHECK(cmp2(IR_FCMP, IR_F32, IR_FC_LT | IR_FC_GT | IR_FC_EQ, f32b(NAN), f32b(2)) == 0,
          "fcmp ord f32 NaN");

    /* conversions */
    CHECK(op1(IR_FCVT, IR_F64, IR_F32, 0, f32b(1.5f)) == f64b(1.5), "fcvt f32->f64");
    CHECK(op1(IR_FCVT, IR_F32, IR_F64, 0, f64b(1.0 + ldexp(1, -40))) == f32b(1.0f),
          "fcvt f64->f32 rounds");
    CHECK(last_flags == FE_INEXACT, "fcvt inexact");
    CHECK(op1(IR_ITOF, IR_F64, IR_I32, 0, 0xffffffffu) == f64b(-1.0), "itof signed i32");
    CHECK(op1(IR_ITOF, IR_F64, IR_I64, 0, 0x8000000000000000ull) == f64b(-ldexp(1, 63)),
          "itof i64 min");
    CHECK(op1(IR_ITOF, IR_F32, IR_I32, 0, 16777217) == f32b(16777216.0f), "itof f32 ties-even");
    fesetround(FE_UPWARD);
    CHECK(op1(IR_ITOF, IR_F32, IR_I32, 0, 16777217) == f32b(16777218.0f), "itof f32 rounds up");
    CHECK(op1(IR_ITOF, IR_F32, IR_I64, 0, (1ull << 53) + 1) == f32b(9007199254740992.0f * 1.0f + 1073741824.0f),
          "itof i64->f32 single rounding up");
    fesetround(FE_TONEAREST);
    CHECK(op1(IR_BITCAST, IR_I64, IR_F64, 0, f64b(1.0)) == 0x3ff0000000000000ull, "bitcast");
    CHECK(op1(IR_BITCAST, IR_F32, IR_I32, 0, snan32) == snan32, "bitcast keeps sNaN");

    const IRType dty[3] = { IR_F64, IR_F64, IR_F64 };
    const uint64_t dnan[3] = { snan, 0x7ff8000000000000ull, 0 }, dnum[3] = { f64b(2), 0x7ff8000000000000ull, 0 };
    CHECK(run_op(IR_DEFNAN, IR_F64, 0, 2, dty, dnan) == 0x7ff8000000000000ull, "defnan NaN");
    CHECK(run_op(IR_DEFNAN, IR_F64, 0, 2, dty, dnum) == f64b(2), "defnan number");
    const IRType sty[3] = { IR_F32, IR_F32 };
    const uint64_t snanv[3] = { 0xffc00000u, 0x7fbfffffu };
    CHECK(run_op(IR_DEFNAN, IR_F32, 0, 2, sty, snanv) == 0x7fbfffffu, "defnan f32");
}

static void t_interp_ftoi(void)
{
    static const struct {
        double x; unsigned aux; IRType t; uint64_t want; unsigned flags;
    } c[] = {
        { 2.5, IR_RM_NEAREST, IR_I32, 2, FE_INEXACT },
        { 3.5, IR_RM_NEAREST, IR_I32, 4, FE_INEXACT },
        { -2.5, IR_RM_NEAREST, IR_I32, (uint32_t)-2, FE_INEXACT },
        { 2.6, IR_RM_NEAREST, IR_I32, 3, FE_INEXACT },
        { -2.7, IR_RM_ZERO, IR_I32, (uint32_t)-2, FE_INEXACT },
        { 2.1, IR_RM_UP, IR_I32, 3, FE_INEXACT },
        { -2.1, IR_RM_UP, IR_I32, (uint32_t)-2, FE_INEXACT },
        { 2.9, IR_RM_DOWN, IR_I32, 2, FE_INEXACT },
        { -2.1, IR_RM_DOWN, IR_I32, (uint32_t)-3, FE_INEXACT },
        { 7.0, IR_RM_DOWN, IR_I32, 7, 0 },
        { 3e9, IR_RM_ZERO | IR_FTOI_SAT, IR_I32, 0x7fffffff, FE_INVALID },
        { -3e9, IR_RM_ZERO | IR_FTOI_SAT, IR_I32, 0x80000000u, FE_INVALID },
        { -3e9, IR_RM_ZERO | IR_FTOI_MAXPOS, IR_I32, 0x7fffffff, FE_INVALID },
        { NAN, IR_RM_ZERO | IR_FTOI_SAT, IR_I32, 0, FE_INVALID },
        { NAN, IR_RM_ZERO | IR_FTOI_MAXPOS, IR_I32, 0x7fffffff, FE_INVALID },
        { INFINITY, IR_RM_NEAREST, IR_I32, 0x7fffffff, FE_INVALID },
        { -INFINITY, IR_RM_NEAREST, IR_I32, 0x80000000u, FE_INVALID },
        { 2147483647.5, IR_RM_NEAREST, IR_I32, 0x7fffffff, FE_INVALID },
        { 2147483647.5, IR_RM_ZERO, IR_I32, 0x7fffffff, FE_INEXACT },
        { -2147483648.9, IR_RM_ZERO, IR_I32, 0x80000000u, FE_INEXACT },
        { -2147483648.9, IR_RM_DOWN, IR_I32, 0x80000000u, FE_INVALID },
        { 1e19, IR_RM_ZERO, IR_I64, 0x7fffffffffffffffull, FE_INVALID },
        { -1e19, IR_RM_ZERO, IR_I64, 0x8000000000000000ull, FE_INVALID },
        { -1e19, IR_RM_ZERO | IR_FTOI_MAXPOS, IR_I64, 0x7fffffffffffffffull, FE_INVALID },
        { -9223372036854775808.0, IR_RM_ZERO, IR_I64, 0x8000000000000000ull, 0 },
        { 4503599627370497.0, IR_RM_NEAREST, IR_I64, 4503599627370497ull, 0 },
        { -0.5, IR_RM_NEAREST, IR_I64, 0, FE_INEXACT },
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        uint64_t got = op1(IR_FTOI, c[k].t, IR_F64, c[k].aux, f64b(c[k].x));
        CHECK(got == c[k].want && last_flags == c[k].flags,
              "ftoi %d: %.17g aux 0x%x -> 0x%llx flags 0x%x, want 0x%llx flags 0x%x", (int)k,
              c[k].x, c[k].aux, (unsigned long long)got, last_flags,
              (unsigned long long)c[k].want, c[k].flags);
    }
    CHECK(op1(IR_FTOI, IR_I32, IR_F32, IR_RM_NEAREST, f32b(-1.5f)) == (uint32_t)-2, "ftoi f32");
    static const int modes[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
    static const uint32_t want[4] = { 2, 2, 3, 2 };
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        uint64_t got = op1(IR_FTOI, IR_I32, IR_F64, IR_RM_DYNAMIC, f64b(2.5));
        CHECK(got == want[m], "ftoi dynamic mode %d: %llu", m, (unsigned long long)got);
    }
    fesetround(FE_TONEAREST);
}

/* ---- interpreter: memory, calls, exits -------------------------------- */

static unsigned run_block(IRBlock *b)
{
    CHECK(ir_verify(b, stdout), "test block must verify");
    return ir_interp(b, &cpu, mem);
}

static void t_interp_mem(void)
{
    IRBlock b;
    memset(mem, 0, sizeof mem);
    memset(&cpu, 0, sizeof cpu);
    ir_block_init(&b, 0x100);
    IRRef a8 = ir_const32(&b, 8), a16 = ir_const32(&b, 16), a33 = ir_const32(&b, 33);
    IRRef v = ir_const32(&b, 0x81828384);
    ir_store(&b, IR_I32, 4 | IR_MEM_BE, a8, v);
    ir_store(&b, IR_I32, 4, a16, v);
    ir_store(&b, IR_I32, 2 | IR_MEM_BE, a33, v);          /* unaligned */
    ir_put(&b, IR_I32, OFF_OUT(0), ir_load(&b, IR_I32, 2 | IR_MEM_SIGNED | IR_MEM_BE, a8));
    ir_put(&b, IR_I32, OFF_OUT(0) + 4, ir_load(&b, IR_I32, 2, a8));
    ir_put(&b, IR_I32, OFF_OUT(1), ir_load(&b, IR_I32, 1 | IR_MEM_SIGNED, a16));
    ir_put(&b, IR_I32, OFF_OUT(1) + 4, ir_load(&b, IR_I32, 1, a16));
    ir_put(&b, IR_I64, OFF_OUT(2), ir_load(&b, IR_I64, 8 | IR_MEM_BE, a8));
    IRRef d = ir_constf64(&b, 1.0);
    IRRef a24 = ir_const32(&b, 24);
    ir_store(&b, IR_F64, 8 | IR_MEM_BE, a24, d);
    ir_put(&b, IR_F32, OFF_OUT(3), ir_load(&b, IR_F32, 4 | IR_MEM_BE, a24));
    ir_goto(&b, 0x200);
    run_block(&b);
    static const uint8_t want8[4] = { 0x81, 0x82, 0x83, 0x84 }, want16[4] = { 0x84, 0x83, 0x82, 0x81 };
    CHECK(memcmp(mem + 8, want8, 4) == 0, "store.4be byte order");
    CHECK(memcmp(mem + 16, want16, 4) == 0, "store.4 byte order");
    CHECK(mem[33] == 0x83 && mem[34] == 0x84, "unaligned store.2be");
    CHECK((uint32_t)cpu.out[0] == 0xffff8182u, "load.2sbe: 0x%x", (uint32_t)cpu.out[0]);
    CHECK((uint32_t)(cpu.out[0] >> 32) == 0x8281u, "load.2 LE");
    CHECK((uint32_t)cpu.out[1] == 0xffffff84u, "load.1s");
    CHECK((uint32_t)(cpu.out[1] >> 32) == 0x84u, "load.1");
    CHECK(cpu.out[2] == 0x8182838400000000ull, "load.8be: 0x%llx", (unsigned long long)cpu.out[2]);
    CHECK(mem[24] == 0x3f && mem[25] == 0xf0, "store.8be f64");
    CHECK((uint32_t)cpu.out[3] == 0x3ff00000u, "load.4be f32 view");
    ir_block_free(&b);

    /* cmpxchg: success, failure, BE, narrow */
    memset(mem, 0, sizeof mem);
    memset(&cpu, 0, sizeof cpu);
    mem[40] = 0x12; mem[41] = 0x34; mem[42] = 0x56; mem[43] = 0x78;
    mem[48] = 0xfe;
    ir_block_init(&b, 0x100);
    IRRef a40 = ir_const32(&b, 40), a48 = ir_const32(&b, 48);
    IRRef good = ir_const32(&b, 0x12345678), bad = ir_const32(&b, 1), nv = ir_const32(&b, 0xaabbccdd);
    ir_put(&b, IR_I32, OFF_OUT(0), ir_emit(&b, IR_CMPXCHG, IR_I32, 4 | IR_MEM_BE, a40, bad, nv));
    ir_put(&b, IR_I32, OFF_OUT(1), ir_emit(&b, IR_CMPXCHG, IR_I32, 4 | IR_MEM_BE, a40, good, nv));
    IRRef m2 = ir_const32(&b, 0xfffffffe), n1 = ir_const32(&b, 0x177);
    ir_put(&b, IR_I32, OFF_OUT(2), ir_emit(&b, IR_CMPXCHG, IR_I32, 1 | IR_MEM_SIGNED, a48, m2, n1));
    IRRef q = ir_const64(&b, 0), q2 = ir_const64(&b, 0x0102030405060708ull);
    IRRef a56 = ir_const32(&b, 56);
    ir_put(&b, IR_I64, OFF_OUT(3), ir_emit(&b, IR_CMPXCHG, IR_I64, 8, a56, q, q2));
    ir_goto(&b, 0x200);
    run_block(&b);
    CHECK((uint32_t)cpu.out[0] == 0x12345678u && (uint32_t)cpu.out[1] == 0x12345678u,
          "cmpxchg returns old value");
    CHECK(mem[40] == 0xaa && mem[43] == 0xdd, "cmpxchg.4be stored new value after success only");
    CHECK((uint32_t)cpu.out[2] == 0xfffffffeu && mem[48] == 0x77, "cmpxchg.1s");
    CHECK(cpu.out[3] == 0 && mem[56] == 0x08, "cmpxchg.8");
    ir_block_free(&b);
}

static void t_interp_calls(void)
{
    IRBlock b;
    memset(&cpu, 0, sizeof cpu);
    ir_block_init(&b, 0x100);
    IRRef c1 = ir_const32(&b, 1), c2 = ir_const32(&b, 2), c3 = ir_const32(&b, 3);
    IRRef q = ir_const64(&b, 0x100000000ull);
    IRRef d = ir_constf64(&b, 1.25);
    IRRef f = ir_constf32(&b, 0.5f);
    ir_put(&b, IR_I32, OFF_OUT(0), ir_call(&b, &H_ADD3, c1, c2, c3));
    ir_put(&b, IR_I64, OFF_OUT(1), ir_call(&b, &H_MIX, q, c2, IR_NONE));
    ir_put(&b, IR_F64, OFF_OUT(2), ir_call(&b, &H_SCALE, d, q, IR_NONE));
    ir_put(&b, IR_F32, OFF_OUT(3), ir_call(&b, &H_NARROW, d, IR_NONE, IR_NONE));
    ir_put(&b, IR_F32, OFF_OUT(3) + 4, ir_call(&b, &H_FSUM, f, f, IR_NONE));
    ir_put(&b, IR_I64, OFF_SLOT(0), ir_call(&b, &H_K64, IR_NONE, IR_NONE, IR_NONE));
    ir_call(&b, &H_BUMP, IR_NONE, IR_NONE, IR_NONE);
    ir_call(&b, &H_BUMP, IR_NONE, IR_NONE, IR_NONE);
    ir_goto(&b, 0x200);
    run_block(&b);
    CHECK((uint32_t)cpu.out[0] == 14, "i32(i32,i32,i32)");
    CHECK(cpu.out[1] == 0x300000002ull, "i64(i64,i32)");
    CHECK(bf64(cpu.out[2]) == 1.25 * 4294967296.0, "f64(f64,i64)");
    CHECK((uint32_t)cpu.out[3] == f32b(1.25f), "f32(f64)");
    CHECK((uint32_t)(cpu.out[3] >> 32) == f32b(1.0f), "f32(f32,f32)");
    CHECK(cpu.slot[0] == 0x123456789abcdef0ull, "i64()");
    CHECK(cpu.calls == 2, "void() called twice");
    ir_block_free(&b);
}

static void t_interp_exits(void)
{
    IRBlock b;
    unsigned code;

    for (int taken = 0; taken < 2; taken++) {
        memset(&cpu, 0, sizeof cpu);
        cpu.h.exit_arg = 77;
        ir_block_init(&b, 0x100);
        IRRef c = ir_const32(&b, (uint32_t)taken * 2);
        ir_exit_if(&b, c, 0x300);
        ir_put(&b, IR_I32, OFF_OUT(0), ir_const32(&b, 1));
        ir_goto(&b, 0x200);
        code = run_block(&b);
        CHECK(code == IR_EXIT_NONE && cpu.h.exit_code == IR_EXIT_NONE && cpu.h.exit_arg == 77,
              "exit_if/goto: exit code none, arg untouched");
        CHECK(cpu.h.pc == (taken ? 0x300u : 0x200u), "exit_if taken=%d pc 0x%x", taken, cpu.h.pc);
        CHECK((cpu.out[0] != 0) == !taken, "nothing after a taken exit runs");
        ir_block_free(&b);
    }

    memset(&cpu, 0, sizeof cpu);
    ir_block_init(&b, 0x100);
    ir_trap_if(&b, ir_const32(&b, 0), IR_EXIT_SIGNAL, 0x104, 11);
    ir_trap_if(&b, ir_const32(&b, 1), IR_EXIT_SYSCALL, 0x108, 5);
    ir_goto(&b, 0x200);
    code = run_block(&b);
    CHECK(code == IR_EXIT_SYSCALL && cpu.h.exit_code == IR_EXIT_SYSCALL && cpu.h.pc == 0x108 &&
          cpu.h.exit_arg == 5, "trap_if");
    ir_block_free(&b);

    memset(&cpu, 0, sizeof cpu);
    ir_block_init(&b, 0x100);
    ir_trap(&b, IR_EXIT_SIGNAL, 0x10c, 4 | 1 << 8);
    code = run_block(&b);
    CHECK(code == IR_EXIT_SIGNAL && cpu.h.pc == 0x10c && cpu.h.exit_arg == (4 | 1 << 8), "trap");
    ir_block_free(&b);

    memset(&cpu, 0, sizeof cpu);
    cpu.h.exit_code = 9;
    cpu.slot[0] = 0x4444;
    ir_block_init(&b, 0x100);
    ir_jump(&b, ir_get(&b, IR_I32, OFF_SLOT(0)));
    code = run_block(&b);
    CHECK(code == IR_EXIT_NONE && cpu.h.pc == 0x4444 && cpu.h.exit_code == IR_EXIT_NONE, "jump");

    cpu.h.exit_request = 1;
    cpu.h.pc = 0;
    code = ir_interp(&b, &cpu, mem);
    CHECK(code == IR_EXIT_NONE && cpu.h.pc == 0x100, "exit_request leaves at block start");
    ir_block_free(&b);
}

/* ---- passes: golden output -------------------------------------------- */

static void opt_golden(IRBlock *b, const char *want, const char *what)
{
    CHECK(ir_verify(b, stdout), "%s: input must verify", what);
    ir_optimize(b);
    golden(b, want, what);
}

static void t_pass_fold(void)
{
    IRBlock b;
    CHECK(OFF_SLOT(0) == 56, "fake CPU layout: slot[0] at %u", OFF_SLOT(0));

    ir_block_init(&b, 0x100);
    ir_insn_mark(&b, 0x100);
    IRRef g = ir_get(&b, IR_I32, OFF_SLOT(0));
    IRRef z = ir_const32(&b, 0), one = ir_const32(&b, 1);
    IRRef s = ir_binop(&b, IR_ADD, IR_I32, g, z);                   /* g */
    IRRef m = ir_binop(&b, IR_MUL, IR_I32, s, one);                 /* g */
    IRRef k = ir_binop(&b, IR_SHL, IR_I32, one, ir_const32(&b, 4)); /* 16 */
    IRRef a = ir_binop(&b, IR_ADD, IR_I32, k, m);                   /* g + 16 */
    IRRef x = ir_binop(&b, IR_XOR, IR_I32, a, a);                   /* 0 */
    IRRef o = ir_binop(&b, IR_OR, IR_I32, a, x);                    /* a */
    ir_put(&b, IR_I32, OFF_SLOT(1), o);
    IRRef c = ir_setcc(&b, IR_CC_LTS, one, g);                      /* g >s 1 */
    IRRef nc = ir_setcc(&b, IR_CC_EQ, c, z);                        /* g <=s 1 */
    ir_exit_if(&b, nc, 0x300);
    ir_exit_if(&b, ir_setcc(&b, IR_CC_LTU, g, z), 0x400);           /* never */
    IRRef sel = ir_select(&b, IR_I32, one, g, a);                   /* g */
    ir_put(&b, IR_I32, OFF_SLOT(2), ir_unop(&b, IR_TRUNC, IR_I32, ir_unop(&b, IR_EXTS, IR_I64, sel)));
    ir_jump(&b, ir_binop(&b, IR_ADD, IR_I32, k, ir_const32(&b, 0x1f0)));
    opt_golden(&b,
        "0000 insn   0x100\n"
        "0001 get    i32 [56]\n"
        "0002 const  i32 0x1\n"
        "0003 const  i32 0x10\n"
        "0004 add    i32 %1, %3\n"
        "0005 put    i32 [64], %4\n"
        "0006 setcc.les i32 %1, %2\n"
        "0007 exit_if %6, 0x300\n"
        "0008 put    i32 [72], %1\n"
        "0009 goto   0x200\n", "fold");
    ir_block_free(&b);

    /* a taken constant exit cuts the block; div/rem rules fold exactly */
    ir_block_init(&b, 0x100);
    IRRef q = ir_const32(&b, 0x80000000u), mo = ir_const32(&b, 0xffffffffu);
    ir_put(&b, IR_I32, OFF_SLOT(0), ir_binop(&b, IR_DIVS, IR_I32, q, mo));
    ir_put(&b, IR_I32, OFF_SLOT(1), ir_binop(&b, IR_REMU, IR_I32, q, ir_const32(&b, 0)));
    IRRef gg = ir_get(&b, IR_I32, OFF_SLOT(3));
    ir_put(&b, IR_I32, OFF_SLOT(2), ir_binop(&b, IR_DIVS, IR_I32, gg, mo));
    ir_trap_if(&b, ir_setcc(&b, IR_CC_NE, q, mo), IR_EXIT_SYSCALL, 0x104, 0);
    ir_put(&b, IR_I32, OFF_SLOT(4), gg);
    ir_goto(&b, 0x108);
    opt_golden(&b,
        "0000 const  i32 0x80000000\n"
        "0001 put    i32 [56], %0\n"
        "0002 put    i32 [64], %0\n"
        "0003 get    i32 [80]\n"
        "0004 neg    i32 %3\n"
        "0005 put    i32 [72], %4\n"
        "0006 trap.syscall 0x104, 0x0\n", "fold exits");
    ir_block_free(&b);

    /* FP: env-dependent ops stay, even when dead; bit ops fold */
    ir_block_init(&b, 0x100);
    IRRef d1 = ir_constf64(&b, 1.0), d3 = ir_constf64(&b, 3.0);
    ir_binop(&b, IR_FDIV, IR_F64, d1, d3);                          /* dead but inexact */
    ir_put(&b, IR_F64, OFF_SLOT(0), ir_unop(&b, IR_FNEG, IR_F64, d1));
    ir_put(&b, IR_I32, OFF_SLOT(1), ir_emit(&b, IR_FCMP, IR_I32, IR_FC_LT, d1, d3, 0));
    ir_unop(&b, IR_FABS, IR_F64, d3);                               /* dead, exact */
    ir_goto(&b, 0x104);
    opt_golden(&b,
        "0000 const  f64 0x3ff0000000000000 ; 1\n"
        "0001 const  f64 0x4008000000000000 ; 3\n"
        "0002 fdiv   f64 %0, %1\n"
        "0003 const  f64 0xbff0000000000000 ; -1\n"
        "0004 put    f64 [56], %3\n"
        "0005 const  i32 0x1\n"
        "0006 put    i32 [64], %5\n"
        "0007 goto   0x104\n", "fold FP");
    ir_block_free(&b);
}

/* Passes must not swap FP operands: with two NaNs the first one wins. */
static void t_pass_fp_nan_order(void)
{
    IRBlock b;
    FakeCPU c0;
    memset(&c0, 0, sizeof c0);
    c0.slot[0] = 0x7ff8000000000bbbull;
    ir_block_init(&b, 0x100);
    IRRef x = ir_get(&b, IR_F64, OFF_SLOT(0));
    IRRef k = ir_emit(&b, IR_CONST, IR_F64, 0, 0xaaa, 0x7ff80000, 0);
    ir_put(&b, IR_F64, OFF_SLOT(1), ir_binop(&b, IR_FADD, IR_F64, k, x));
    ir_put(&b, IR_F64, OFF_SLOT(2), ir_binop(&b, IR_FMUL, IR_F64, k, x));
    ir_goto(&b, 0x104);
    cpu = c0;
    ir_interp(&b, &cpu, mem);
    uint64_t add = cpu.slot[1], mul = cpu.slot[2];
    ir_optimize(&b);
    cpu = c0;
    ir_interp(&b, &cpu, mem);
    CHECK(cpu.slot[1] == add && cpu.slot[2] == mul, "NaN operand order changed: 0x%llx/0x%llx",
          (unsigned long long)cpu.slot[1], (unsigned long long)add);
    ir_block_free(&b);
}

static void t_pass_state(void)
{
    IRBlock b;
    ir_block_init(&b, 0x100);
    ir_insn_mark(&b, 0x100);                                        /* 0 */
    IRRef c5 = ir_const32(&b, 5);                                   /* 1 */
    ir_put(&b, IR_I32, 56, c5);                                     /* 2 dead: overwritten by 6 */
    IRRef g = ir_get(&b, IR_I32, 56);                               /* 3 -> %1 */
    IRRef s = ir_binop(&b, IR_ADD, IR_I32, g, c5);                  /* 4 -> 10 */
    IRRef g64 = ir_get(&b, IR_I32, 64);                             /* 5 */
    ir_put(&b, IR_I32, 56, s);                                      /* 6 observed by the load */
    ir_put(&b, IR_I32, 64, g64);                                    /* 7 same value: gone */
    IRRef l = ir_load(&b, IR_I32, 4, g64);                          /* 8 */
    ir_put(&b, IR_I32, 56, l);                                      /* 9 observed by 10 */
    ir_get(&b, IR_F64, 56);                                         /* 10 overlapping read */
    ir_put(&b, IR_I32, 60, c5);                                     /* 11 clobbers half of 10 */
    IRRef d2 = ir_get(&b, IR_F64, 56);                              /* 12 not forwarded */
    ir_put(&b, IR_F64, 72, d2);                                     /* 13 */
    ir_call(&b, &H_WRITE, c5, c5, IR_NONE);                         /* 14 reads+writes state */
    IRRef g2 = ir_get(&b, IR_I32, 64);                              /* 15 not forwarded */
    ir_put(&b, IR_I32, 80, g2);                                     /* 16 dead: overwritten by 17 */
    ir_put(&b, IR_I32, 80, c5);                                     /* 17 */
    IRRef g3 = ir_get(&b, IR_I32, 80);                              /* -> %1 */
    ir_put(&b, IR_I32, 84, g3);
    ir_put(&b, IR_I64, 80, ir_const64(&b, 9));                      /* kills 17 and 84 */
    ir_goto(&b, 0x104);
    opt_golden(&b,
        "0000 insn   0x100\n"
        "0001 const  i32 0x5\n"
        "0002 const  i32 0xa\n"
        "0003 get    i32 [64]\n"
        "0004 put    i32 [56], %2\n"
        "0005 load.4 i32 %3\n"
        "0006 put    i32 [56], %5\n"        /* kept: the dead f64 get observed it */
        "0007 put    i32 [60], %1\n"
        "0008 get    f64 [56]\n"
        "0009 put    f64 [72], %8\n"
        "0010 call   write(%1, %1)\n"
        "0011 const  i64 0x9\n"
        "0012 put    i64 [80], %11\n"
        "0013 goto   0x104\n", "state");
    ir_block_free(&b);

    /* pure and read-only calls: GETs forward across them; PUTs survive reads */
    ir_block_init(&b, 0x100);
    IRRef a = ir_get(&b, IR_I32, 56);
    ir_put(&b, IR_I32, 64, a);
    ir_call(&b, &H_PURE, a, a, IR_NONE);                            /* dead pure call */
    IRRef r = ir_call(&b, &H_READ, a, IR_NONE, IR_NONE);            /* observes the PUT */
    ir_put(&b, IR_I32, 64, r);
    ir_put(&b, IR_I32, 68, ir_get(&b, IR_I32, 56));                 /* forwarded */
    ir_goto(&b, 0x104);
    opt_golden(&b,
        "0000 get    i32 [56]\n"
        "0001 put    i32 [64], %0\n"
        "0002 call   i32 read(%0)\n"
        "0003 put    i32 [64], %2\n"
        "0004 put    i32 [68], %0\n"
        "0005 goto   0x104\n", "state and calls");
    ir_block_free(&b);

    /* unaligned offsets (byte-granular overlap checks) */
    ir_block_init(&b, 0x100);
    IRRef u = ir_get(&b, IR_I32, 57);
    ir_put(&b, IR_I32, 59, u);                                      /* observed by the get at 61 */
    ir_put(&b, IR_I32, 61, ir_get(&b, IR_I32, 61));                 /* same value: gone */
    ir_put(&b, IR_I32, 59, u);                                      /* same value: gone */
    IRRef v = ir_get(&b, IR_I32, 62);                               /* observes [59] */
    ir_put(&b, IR_I32, 60, ir_binop(&b, IR_ADD, IR_I32, v, ir_const32(&b, 1)));
    ir_put(&b, IR_I32, 59, u);                                      /* [60] changed byte 60-62 */
    ir_put(&b, IR_I32, 56, u);                                      /* [59] stays: partial */
    ir_goto(&b, 0x104);
    opt_golden(&b,
        "0000 get    i32 [57]\n"
        "0001 put    i32 [59], %0\n"
        "0002 get    i32 [62]\n"
        "0003 const  i32 0x1\n"
        "0004 add    i32 %2, %3\n"
        "0005 put    i32 [60], %4\n"
        "0006 put    i32 [59], %0\n"
        "0007 put    i32 [56], %0\n"
        "0008 goto   0x104\n", "state unaligned");
    ir_block_free(&b);
}

/* ---- randomized differential test ------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

typedef struct Gen {
    IRBlock *b;
    IRRef pool[IR_NTYPES][256];
    unsigned npool[IR_NTYPES];
    bool unaligned;
} Gen;

static void pool_add(Gen *g, IRType t, IRRef r)
{
    if (g->npool[t] < 256)
        g->pool[t][g->npool[t]++] = r;
    else
        g->pool[t][rn(256)] = r;
}

static uint64_t interesting(IRType t)
{
    static const uint64_t iv[] = { 0, 1, 2, 3, 4, 7, 8, 16, 31, 32, 33, 63, 64, 0xff, 0x80,
        0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x8000000000000000ull,
        0x7fffffffffffffffull, ~0ull, 0x100000000ull };
    static const double dv[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 3.0, 1e10, -1e10,
        1e300, 3e9, -3e9, 1e19, 0.1, INFINITY, -INFINITY, NAN, 1.0000001, 4294967296.0 };
    switch (t) {
    case IR_I32: case IR_I64: {
        uint64_t v = rn(3) ? iv[rn(sizeof iv / sizeof iv[0])] : rnd();
        return t == IR_I32 ? (uint32_t)v : v;
    }
    case IR_F32: {
        if (rn(10) == 0)
            return rn(2) ? 0x7f800001u : 0xffc00000u;   /* sNaN, qNaN */
        return f32b((float)dv[rn(sizeof dv / sizeof dv[0])]);
    }
    default:
        if (rn(10) == 0)
            return rn(2) ? 0x7ff0000000000001ull : 0xfff8000000000000ull;
        return f64b(dv[rn(sizeof dv / sizeof dv[0])]);
    }
}

static IRRef gen_const(Gen *g, IRType t)
{
    uint64_t v = interesting(t);
    IRRef r = ir_emit(g->b, IR_CONST, t, 0, (uint32_t)v,
                      t == IR_I64 || t == IR_F64 ? (uint32_t)(v >> 32) : 0, 0);
    pool_add(g, t, r);
    return r;
}

static uint32_t gen_off(Gen *g, IRType t)
{
    unsigned n = t == IR_I64 || t == IR_F64 ? 8 : 4;
    if (g->unaligned && rn(3) == 0)
        return OFF_SLOT(0) + rn(128 - n + 1);
    return OFF_SLOT(0) + 4 * rn((128 - n) / 4 + 1);
}

static IRRef gen_get(Gen *g, IRType t)
{
    IRRef r = ir_get(g->b, t, gen_off(g, t));
    pool_add(g, t, r);
    return r;
}

static IRRef val(Gen *g, IRType t)
{
    if (g->npool[t] == 0 || rn(8) == 0)
        return rn(2) ? gen_const(g, t) : gen_get(g, t);
    return g->pool[t][g->npool[t] - 1 - rn(g->npool[t] < 6 ? g->npool[t] : 6)];
}

static IRType rtype(void) { return (IRType)(IR_I32 + rn(4)); }
static IRType itype(void) { return rn(3) ? IR_I32 : IR_I64; }
static IRType ftype(void) { return rn(2) ? IR_F32 : IR_F64; }

static IRRef gen_addr(Gen *g)
{
    IRRef v = val(g, IR_I32);
    return ir_binop(g->b, IR_AND, IR_I32, v, ir_const32(g->b, ((MEM_SIZE - 16) & ~7u) | rn(8)));
}

static void gen_insn(Gen *g)
{
    IRBlock *b = g->b;
    IRType t;
    IRRef r;
    static const IROp ibin[] = { IR_ADD, IR_SUB, IR_MUL, IR_DIVS, IR_DIVU, IR_REMS, IR_REMU,
        IR_AND, IR_OR, IR_XOR, IR_SHL, IR_SHR, IR_SAR, IR_ROTR };
    static const IROp iun[] = { IR_NOT, IR_NEG, IR_CLZ, IR_BSWAP };
    static const IROp nar[] = { IR_SEXT8, IR_SEXT16, IR_ZEXT8, IR_ZEXT16 };
    static const IROp fbin[] = { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV };
    static const IROp fun[] = { IR_FSQRT, IR_FABS, IR_FNEG };

    switch (rn(24)) {
    case 0: gen_const(g, rtype()); break;
    case 1: case 2: gen_get(g, rtype()); break;
    case 3: case 4:
        t = rtype();
        ir_put(b, t, gen_off(g, t), val(g, t));
        break;
    case 5: case 6: case 7:
        t = itype();
        r = ir_binop(b, ibin[rn(14)], t, val(g, t), rn(3) ? val(g, t) : gen_const(g, t));
        pool_add(g, t, r);
        break;
    case 8:
        t = itype();
        pool_add(g, t, ir_unop(b, iun[rn(4)], t, val(g, t)));
        break;
    case 9:
        if (rn(2)) {
            pool_add(g, IR_I32, ir_unop(b, nar[rn(4)], IR_I32, val(g, IR_I32)));
        } else if (rn(2)) {
            pool_add(g, IR_I64, ir_unop(b, rn(2) ? IR_EXTS : IR_EXTU, IR_I64, val(g, IR_I32)));
        } else {
            pool_add(g, IR_I32, ir_unop(b, IR_TRUNC, IR_I32, val(g, IR_I64)));
        }
        break;
    case 10: {
        t = itype();
        IRRef x = val(g, t), y;
        switch (rn(4)) {
        case 0: y = x; break;
        case 1: y = gen_const(g, t); break;
        default: y = val(g, t); break;
        }
        if (rn(2))
            pool_add(g, IR_I32, ir_setcc(b, (IRCond)rn(IR_NCC), x, y));
        else          /* the bool patterns: (cmp) ==/!= 0 */
            pool_add(g, IR_I32, ir_setcc(b, rn(2) ? IR_CC_EQ : IR_CC_NE,
                                         ir_setcc(b, (IRCond)rn(IR_NCC), x, y),
                                         ir_const32(b, 0)));
        break;
    }
    case 11:
        t = rtype();
        pool_add(g, t, ir_select(b, t, val(g, IR_I32), val(g, t), val(g, t)));
        break;
    case 12:
        t = ftype();
        pool_add(g, t, ir_binop(b, fbin[rn(4)], t, val(g, t), val(g, t)));
        break;
    case 13:
        t = ftype();
        if (rn(3))
            pool_add(g, t, ir_unop(b, fun[rn(3)], t, val(g, t)));
        else
            pool_add(g, t, ir_emit(b, IR_FMA, t, 0, val(g, t), val(g, t), val(g, t)));
        break;
    case 14: {
        t = ftype();
        static const unsigned masks[] = { IR_FC_LT, IR_FC_EQ, IR_FC_LT | IR_FC_EQ, IR_FC_UN,
            IR_FC_LT | IR_FC_UN, IR_FC_GT | IR_FC_EQ | IR_FC_UN, IR_FC_LT | IR_FC_SIGNAL };
        IRRef c = ir_emit(b, IR_FCMP, IR_I32, masks[rn(7)], val(g, t), val(g, t), 0);
        if (rn(2))
            c = ir_setcc(b, rn(2) ? IR_CC_EQ : IR_CC_NE, c, ir_const32(b, 0));
        pool_add(g, IR_I32, c);
        break;
    }
    case 15:
        switch (rn(4)) {
        case 0:
            t = ftype();
            pool_add(g, t, ir_unop(b, IR_FCVT, t, val(g, t == IR_F32 ? IR_F64 : IR_F32)));
            break;
        case 1:
            t = ftype();
            pool_add(g, t, ir_unop(b, IR_ITOF, t, val(g, itype())));
            break;
        case 2:
            t = itype();
            pool_add(g, t, ir_emit(b, IR_FTOI, t, (uint16_t)(rn(5) | (rn(2) << 3)), val(g, ftype()), 0, 0));
            break;
        default:
            t = rtype();
            pool_add(g, t, ir_unop(b, IR_BITCAST, t,
                                   val(g, t == IR_I32 ? IR_F32 : t == IR_I64 ? IR_F64 :
                                          t == IR_F32 ? IR_I32 : IR_I64)));
            break;
        }
        break;
    case 16: {
        t = ftype();
        IRRef n = ir_emit(b, IR_CONST, t, 0, t == IR_F32 ? 0x7fc00000u : 0,
                          t == IR_F32 ? 0 : 0x7ff80000u, 0);
        pool_add(g, t, ir_emit(b, IR_DEFNAN, t, 0, val(g, t), n, 0));
        break;
    }
    case 17: case 18: {
        static const unsigned sizes[] = { 1, 2, 4, 8 };
        unsigned size = sizes[rn(4)];
        t = size <= 2 ? IR_I32 : size == 4 ? (rn(2) ? IR_I32 : IR_F32) : (rn(2) ? IR_I64 : IR_F64);
        unsigned memop = size | (rn(2) ? IR_MEM_BE : 0);
        IRRef a = gen_addr(g);
        if (rn(2)) {
            if (size <= 2 && rn(2))
                memop |= IR_MEM_SIGNED;
            pool_add(g, t, ir_load(b, t, memop, a));
        } else {
            ir_store(b, t, memop, a, val(g, t));
        }
        break;
    }
    case 19: {
        t = itype();
        unsigned memop = (t == IR_I64 ? 8 : 4) | (rn(2) ? IR_MEM_BE : 0);
        IRRef a = ir_binop(b, IR_AND, IR_I32, val(g, IR_I32), ir_const32(b, 0x1f8));
        pool_add(g, t, ir_emit(b, IR_CMPXCHG, t, (uint16_t)memop, a, val(g, t), val(g, t)));
        break;
    }
    case 20:
        switch (rn(5)) {
        case 0: pool_add(g, IR_I32, ir_call(b, &H_PURE, val(g, IR_I32), val(g, IR_I32), IR_NONE)); break;
        case 1: pool_add(g, IR_I32, ir_call(b, &H_READ, val(g, IR_I32), IR_NONE, IR_NONE)); break;
        case 2: ir_call(b, &H_WRITE, val(g, IR_I32), val(g, IR_I32), IR_NONE); break;
        case 3: ir_call(b, &H_BUMP, IR_NONE, IR_NONE, IR_NONE); break;
        default: ir_call(b, &H_SETROUND, val(g, IR_I32), IR_NONE, IR_NONE); break;
        }
        break;
    case 21: {
        /* mostly-false conditions, so that blocks usually run to the end */
        IRRef c = val(g, IR_I32);
        if (rn(4))
            c = ir_setcc(b, IR_CC_EQ, c, ir_const32(b, (uint32_t)rnd()));
        if (rn(4) == 0)
            ir_trap_if(b, c, IR_EXIT_SIGNAL, 0x1000 + 4 * rn(16), rn(64));
        else
            ir_exit_if(b, c, 0x2000 + 4 * rn(16));
        break;
    }
    case 22:
        ir_insn_mark(b, 0x1000 + 4 * rn(64));
        break;
    default:
        if (rn(4) == 0)
            ir_emit(b, IR_FENCE, IR_VOID, 0, 0, 0, 0);
        else
            gen_get(g, rtype());
        break;
    }
}

static void gen_block(IRBlock *b, unsigned len)
{
    Gen g = { .b = b, .unaligned = rn(4) == 0 };
    ir_block_reset(b, 0x1000);
    while (b->n < len)
        gen_insn(&g);
    switch (rn(3)) {
    case 0: ir_goto(b, 0x3000); break;
    case 1: ir_jump(b, rn(2) ? ir_const32(b, 0x4000) : val(&g, IR_I32)); break;
    default: ir_trap(b, IR_EXIT_SYSCALL, 0x1004, rn(100)); break;
    }
}

typedef struct Outcome {
    FakeCPU cpu;
    uint8_t mem[MEM_SIZE];
    unsigned code, flags;
} Outcome;

static void run_outcome(const IRBlock *b, const FakeCPU *c0, const uint8_t *m0, Outcome *o)
{
    memcpy(&o->cpu, c0, sizeof *c0);
    memcpy(o->mem, m0, MEM_SIZE);
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    o->code = ir_interp(b, &o->cpu, o->mem);
    o->flags = (unsigned)fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
}

static bool same_outcome(const Outcome *a, const Outcome *b)
{
    return a->code == b->code && a->flags == b->flags &&
           memcmp(&a->cpu, &b->cpu, sizeof a->cpu) == 0 && memcmp(a->mem, b->mem, MEM_SIZE) == 0;
}

static void report_diff(const char *what, uint64_t seed, const IRBlock *orig, const IRBlock *opt,
                        const Outcome *a, const Outcome *o)
{
    printf("# differential failure (%s), block seed 0x%llx: code %u/%u flags 0x%x/0x%x pc 0x%x/0x%x\n",
           what, (unsigned long long)seed, a->code, o->code, a->flags, o->flags, a->cpu.h.pc,
           o->cpu.h.pc);
    for (unsigned k = 0; k < 16; k++)
        if (a->cpu.slot[k] != o->cpu.slot[k])
            printf("#   slot[%u] 0x%llx / 0x%llx\n", k, (unsigned long long)a->cpu.slot[k],
                   (unsigned long long)o->cpu.slot[k]);
    for (unsigned k = 0; k < MEM_SIZE; k++)
        if (a->mem[k] != o->mem[k])
            printf("#   mem[%u] 0x%02x / 0x%02x\n", k, a->mem[k], o->mem[k]);
    printf("# --- before\n");
    ir_print(orig, stdout);
    printf("# --- after\n");
    ir_print(opt, stdout);
}

static unsigned random_iters = 20000;
static uint64_t random_seed = 0x9e3779b97f4a7c15ull;

static void t_random_differential(void)
{
    IRBlock orig, work;
    static FakeCPU c0;
    static uint8_t m0[MEM_SIZE];
    static Outcome ref, got;
    static void (*const passes[])(IRBlock *) = { ir_optimize, ir_opt_state, ir_opt_fold,
                                                  ir_opt_copy, ir_opt_dce };
    static const char *const names[] = { "ir_optimize", "ir_opt_state", "ir_opt_fold",
                                         "ir_opt_copy", "ir_opt_dce" };
    unsigned failures = 0, to_end = 0;
    size_t before = 0, after = 0;

    ir_block_init(&orig, 0x1000);
    ir_block_init(&work, 0x1000);
    rng_state = random_seed;
    for (unsigned it = 0; it < random_iters && failures < 3; it++) {
        uint64_t seed = rng_state;
        gen_block(&orig, 4 + rn(rn(10) == 0 ? 400 : 60));
        if (!ir_verify(&orig, stdout)) {
            CHECK(false, "generator made an invalid block (seed 0x%llx)", (unsigned long long)seed);
            break;
        }
        memset(&c0, 0, sizeof c0);
        for (unsigned k = 0; k < 16; k++) {
            IRType t = (IRType)(IR_I32 + rn(4));
            c0.slot[k] = interesting(t == IR_I32 || t == IR_F32 ? IR_I64 : t);
        }
        for (unsigned k = 0; k < MEM_SIZE; k++)
            m0[k] = (uint8_t)rnd();
        run_outcome(&orig, &c0, m0, &ref);
        to_end += ref.cpu.h.pc < 0x2000 || ref.cpu.h.pc >= 0x2040;
        for (unsigned p = 0; p < 5; p++) {
            work.n = 0;
            for (IRRef r = 0; r < orig.n; r++)
                ir_emit(&work, (IROp)orig.insn[r].op, (IRType)orig.insn[r].type, orig.insn[r].aux,
                        orig.insn[r].a, orig.insn[r].b, orig.insn[r].c);
            passes[p](&work);
            if (!ir_verify(&work, stdout)) {
                CHECK(false, "%s produced an invalid block (seed 0x%llx)", names[p],
                      (unsigned long long)seed);
                failures++;
                break;
            }
            if (p == 0) {
                before += orig.n;
                after += work.n;
            }
            run_outcome(&work, &c0, m0, &got);
            if (!same_outcome(&ref, &got)) {
                CHECK(false, "%s changed the block's behaviour (iteration %u)", names[p], it);
                report_diff(names[p], seed, &orig, &work, &ref, &got);
                failures++;
                break;
            }
        }
    }
    printf("# %u random blocks (%u ran to their terminator or a trap), %zu insns before "
           "ir_optimize, %zu after\n", random_iters, to_end, before, after);
    ir_block_free(&orig);
    ir_block_free(&work);
}

/* A large block: passes must be (near) linear and storage must grow. */
static void t_large_block(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    IRRef acc = ir_get(&b, IR_I32, OFF_SLOT(0));
    for (unsigned k = 0; k < 200000; k++) {
        IRRef g = ir_get(&b, IR_I32, OFF_SLOT(k % 16));
        acc = ir_binop(&b, IR_ADD, IR_I32, acc, g);
        ir_put(&b, IR_I32, OFF_SLOT((k * 7) % 16), acc);
        if (k % 64 == 0)
            ir_insn_mark(&b, 0x1000 + 4 * k);
    }
    ir_goto(&b, 0x2000);
    memset(&cpu, 0, sizeof cpu);
    for (unsigned k = 0; k < 16; k++)
        cpu.slot[k] = k * 3;
    ir_interp(&b, &cpu, mem);
    FakeCPU want = cpu;
    ir_optimize(&b);
    memset(&cpu, 0, sizeof cpu);
    for (unsigned k = 0; k < 16; k++)
        cpu.slot[k] = k * 3;
    ir_interp(&b, &cpu, mem);
    CHECK(memcmp(&want, &cpu, sizeof cpu) == 0, "large block: same result after ir_optimize");
    CHECK(b.n < 200000 * 3, "large block shrank (%u insns)", b.n);
    ir_block_free(&b);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        random_iters = (unsigned)strtoul(argv[1], NULL, 0);
    if (argc > 2)
        random_seed = strtoull(argv[2], NULL, 0);
    ir_verify_enabled = true;

    run_test("builder and printer", t_builder_printer);
    run_test("verifier rules", t_verifier);
    run_test("interpreter: integer ops", t_interp_int);
    run_test("interpreter: FP ops", t_interp_fp);
    run_test("interpreter: ftoi rounding and policies", t_interp_ftoi);
    run_test("interpreter: memory", t_interp_mem);
    run_test("interpreter: helper calls", t_interp_calls);
    run_test("interpreter: exits", t_interp_exits);
    run_test("passes: fold, copy, dce", t_pass_fold);
    run_test("passes: FP operand order", t_pass_fp_nan_order);
    run_test("passes: guest state", t_pass_state);
    run_test("passes: large block", t_large_block);
    run_test("passes: random differential", t_random_differential);

    printf("# %d tests, %d failed\n", test_no, test_failed);
    return test_failed ? 1 : 0;
}
