/*
 * test_x64_exits.c - block exits of the x86-64 backend: the exit_request
 * test, GOTO/EXIT_IF patch sites (alignment, chaining with patch_exit,
 * unchaining with reset_exit), self loops (back edges jump inside the
 * block; exit_request stops them), the inline jump-cache lookup of JUMP (hit, miss,
 * collision), TRAP/TRAP_IF fields, constant conditions, BE_NO_SPACE (no
 * byte written past cap), the BackendPcMap and mapping a host fault in a
 * block back to the guest instruction that caused it.
 */
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>

#include "x64_harness.h"

static IRRef get(IRBlock *b, IRType t, int k) { return ir_get(b, t, ROFF(k)); }

static void add_to(IRBlock *b, int k, uint32_t v)
{
    ir_put(b, IR_I32, ROFF(k), ir_binop(b, IR_ADD, IR_I32, get(b, IR_I32, k), ir_const32(b, v)));
}

static bool site_ok(void *site)
{
    return site && *(uint8_t *)site == 0xe9 && (((uintptr_t)site + 1) & 3) == 0;
}

/* Block B at 0x2000: r1 += 10; trap HALT at 0x2004 with arg 5. */
static void *block_b(IRBlock *b)
{
    ir_block_reset(b, 0x2000);
    ir_insn_mark(b, 0x2000);
    add_to(b, 1, 10);
    ir_trap(b, IR_EXIT_HALT, 0x2004, 5);
    return h_compile(b, NULL);
}

static void test_exit_request(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    add_to(&b, 0, 1);
    ir_goto(&b, 0x2000);
    void *code = h_compile(&b, NULL);
    FakeCPU c;
    h_cpu_init(&c);
    c.h.exit_request = 1;
    c.h.exit_code = 99;
    void *ret = NULL;
    bool same = h_run_both(&b, code, &c, &ret, true);
    h_cpu_init(&c);
    c.h.exit_request = 1;
    backend_x86_64.enter(&c, h_base, code);
    h_result(same && !ret && c.h.pc == 0x1000 && c.h.exit_code == IR_EXIT_NONE && c.r[0] == 0,
             "exit_request set: leaves at once, pc = block pc, not chainable");
    ir_block_free(&b);
}

static void test_chaining(void)
{
    IRBlock a, bb, cb;
    ir_block_init(&a, 0x1000);
    ir_block_init(&bb, 0x2000);
    ir_block_init(&cb, 0x1100);
    void *code_b = block_b(&bb);

    add_to(&a, 0, 1);
    ir_goto(&a, 0x2000);
    void *code_a = h_compile(&a, NULL);
    FakeCPU c;
    h_cpu_init(&c);
    void *site = backend_x86_64.enter(&c, h_base, code_a);
    h_result(site_ok(site) && c.h.pc == 0x2000 && c.h.exit_code == 0 && c.r[0] == 1,
             "goto: returns an aligned patch site, pc = target");
    backend_x86_64.patch_exit(site, code_b);
    h_cpu_init(&c);
    void *ret = backend_x86_64.enter(&c, h_base, code_a);
    h_result(!ret && c.h.pc == 0x2004 && c.h.exit_code == IR_EXIT_HALT && c.h.exit_arg == 5 &&
             c.r[0] == 1 && c.r[1] == 10, "goto chained by patch_exit runs the target");
    backend_x86_64.reset_exit(site);
    h_cpu_init(&c);
    ret = backend_x86_64.enter(&c, h_base, code_a);
    h_result(ret == site && c.h.pc == 0x2000 && c.r[1] == 0, "reset_exit unchains the goto");

    /* exit_if: taken -> its own site; not taken -> the goto's site */
    ir_exit_if(&cb, ir_setcc(&cb, IR_CC_NE, get(&cb, IR_I32, 2), ir_const32(&cb, 0)), 0x2000);
    add_to(&cb, 3, 7);
    ir_goto(&cb, 0x3000);
    void *code_c = h_compile(&cb, NULL);
    h_cpu_init(&c);
    c.r[2] = 1;
    void *s1 = backend_x86_64.enter(&c, h_base, code_c);
    h_result(site_ok(s1) && c.h.pc == 0x2000 && c.r[3] == 0, "exit_if taken: its patch site");
    h_cpu_init(&c);
    void *s2 = backend_x86_64.enter(&c, h_base, code_c);
    h_result(site_ok(s2) && s2 != s1 && c.h.pc == 0x3000 && c.r[3] == 7,
             "exit_if not taken: falls through to the goto");
    backend_x86_64.patch_exit(s1, code_b);
    h_cpu_init(&c);
    c.r[2] = 5;
    ret = backend_x86_64.enter(&c, h_base, code_c);
    h_result(!ret && c.h.exit_code == IR_EXIT_HALT && c.r[1] == 10 && c.r[3] == 0,
             "exit_if chained: taken exit jumps straight into the target");
    h_cpu_init(&c);
    ret = backend_x86_64.enter(&c, h_base, code_c);
    h_result(ret == s2 && c.r[3] == 7, "exit_if chained: fall-through unaffected");
    backend_x86_64.reset_exit(s1);
    h_cpu_init(&c);
    c.r[2] = 5;
    ret = backend_x86_64.enter(&c, h_base, code_c);
    h_result(ret == s1 && c.h.pc == 0x2000 && c.r[1] == 0, "exit_if unchained by reset_exit");
    ir_block_free(&a);
    ir_block_free(&bb);
    ir_block_free(&cb);
}

/* A helper that raises exit_request when r0 reaches 5. */
static void hx_req(void *cpu)
{
    FakeCPU *c = cpu;
    if (c->r[0] == 5)
        c->h.exit_request = 1;
}
static const IRHelper HX_REQ = { "hx_req", (void *)hx_req, IR_VOID, 0, { 0 }, IR_HF_READS | IR_HF_WRITES };

/* Self loops: an exit back to the block's own start jumps to the loop
 * header inside the block (x64_loop.c), so the loop runs natively without
 * chaining, and exit_request still stops it at the header. */
static void test_self_loop(void)
{
    IRBlock b;
    ir_block_init(&b, 0x4000);
    add_to(&b, 0, 1);
    ir_call(&b, &HX_REQ, IR_NONE, IR_NONE, IR_NONE);
    ir_exit_if(&b, ir_setcc(&b, IR_CC_LTU, get(&b, IR_I32, 0), get(&b, IR_I32, 1)), 0x4000);
    ir_goto(&b, 0x5000);
    void *code = h_compile(&b, NULL);
    FakeCPU c;
    h_cpu_init(&c);
    c.r[0] = 100;           /* not taken, no request */
    c.r[1] = 3;
    void *site = backend_x86_64.enter(&c, h_base, code);
    bool ok = site_ok(site) && c.h.pc == 0x5000 && c.r[0] == 101;
    h_cpu_init(&c);
    c.r[1] = 3;
    void *ret = backend_x86_64.enter(&c, h_base, code);  /* 1, 2, 3: loops in the block */
    h_result(ok && ret == site && c.h.pc == 0x5000 && c.r[0] == 3,
             "self loop (exit_if) runs natively to its end");
    h_cpu_init(&c);
    c.r[1] = 1000;
    ret = backend_x86_64.enter(&c, h_base, code);
    h_result(!ret && c.h.pc == 0x4000 && c.h.exit_code == 0 && c.r[0] == 5 && c.h.exit_request,
             "exit_request stops a self loop at its header");
    h_cpu_init(&c);
    c.h.exit_request = 1;
    ret = backend_x86_64.enter(&c, h_base, code);
    h_result(!ret && c.h.pc == 0x4000 && c.h.exit_code == 0 && c.r[0] == 0,
             "exit_request on entry: a self loop leaves before its body");

    /* the back edge as the final GOTO */
    ir_block_reset(&b, 0x4100);
    add_to(&b, 0, 1);
    ir_exit_if(&b, ir_setcc(&b, IR_CC_GEU, get(&b, IR_I32, 0), get(&b, IR_I32, 1)), 0x5100);
    add_to(&b, 2, 3);
    ir_goto(&b, 0x4100);
    code = h_compile(&b, NULL);
    h_cpu_init(&c);
    c.r[1] = 50;
    ret = backend_x86_64.enter(&c, h_base, code);
    h_result(site_ok(ret) && c.h.pc == 0x5100 && c.r[0] == 50 && c.r[2] == 49 * 3,
             "self loop (goto) runs natively to its end");
    ir_block_free(&b);
}

static void test_jump_cache(void)
{
    IRBlock j, bb;
    ir_block_init(&j, 0x1200);
    ir_block_init(&bb, 0x2000);
    void *code_b = block_b(&bb);
    add_to(&j, 0, 1);
    ir_jump(&j, get(&j, IR_I32, 3));
    void *code_j = h_compile(&j, NULL);
    FakeCPU c;

    for (unsigned k = 0; k < IR_JC_SIZE; k++)
        h_jc[k] = (IRJumpCacheEntry){ IR_JC_EMPTY, NULL };
    h_cpu_init(&c);
    c.r[3] = 0x2000;
    void *ret = NULL;
    bool same = h_run_both(&j, code_j, &c, &ret, true);
    h_result(same && !ret && c.h.pc == 0 && c.r[0] == 0, "jump, empty cache: miss like interp");
    h_cpu_init(&c);
    c.r[3] = 0x2000;
    ret = backend_x86_64.enter(&c, h_base, code_j);
    h_result(!ret && c.h.pc == 0x2000 && c.h.exit_code == 0 && c.r[0] == 1,
             "jump miss: pc stored, NULL returned");
    h_jc[(0x2000 >> 2) & IR_JC_MASK] = (IRJumpCacheEntry){ 0x2000, code_b };
    h_cpu_init(&c);
    c.r[3] = 0x2000;
    ret = backend_x86_64.enter(&c, h_base, code_j);
    h_result(!ret && c.h.exit_code == IR_EXIT_HALT && c.r[0] == 1 && c.r[1] == 10,
             "jump hit: goes straight to the cached block");
    uint32_t alias = 0x2000 + (IR_JC_SIZE << 2);
    h_cpu_init(&c);
    c.r[3] = alias;
    ret = backend_x86_64.enter(&c, h_base, code_j);
    h_result(!ret && c.h.pc == alias && c.h.exit_code == 0 && c.r[1] == 0,
             "jump to a pc sharing the cache slot: miss");
    h_cpu_init(&c);
    c.r[3] = 0xfffffffcu;
    ret = backend_x86_64.enter(&c, h_base, code_j);
    h_result(!ret && c.h.pc == 0xfffffffcu, "jump to 0xfffffffc: miss, pc kept whole");
    h_jc[(0x2000 >> 2) & IR_JC_MASK] = (IRJumpCacheEntry){ IR_JC_EMPTY, NULL };
    ir_block_free(&j);
    ir_block_free(&bb);
}

static void test_traps_and_consts(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    static const uint32_t args[3] = { 0, 0xffffffffu, 0x12345678u };
    for (int k = 0; k < 3; k++) {
        ir_block_reset(&b, 0x1000);
        add_to(&b, 0, 3);
        ir_trap_if(&b, get(&b, IR_I32, 1), IR_EXIT_SIGNAL, 0x1004, args[k]);
        add_to(&b, 0, 5);
        ir_trap(&b, IR_EXIT_SYSCALL, 0x1008, args[(k + 1) % 3]);
        void *code = h_compile(&b, NULL);
        bool ok = code != NULL;
        for (uint32_t v = 0; v < 3 && ok; v++) {
            FakeCPU c;
            h_cpu_init(&c);
            c.r[1] = v;
            void *ret = (void *)1;
            ok = h_run_both(&b, code, &c, &ret, true) && ret == NULL;
        }
        h_result(ok, "trap_if / trap store pc, code, arg %#x and return NULL", args[k]);
    }
    for (int k = 0; k < 4; k++) {
        ir_block_reset(&b, 0x1000);
        add_to(&b, 0, 3);
        if (k < 2)
            ir_exit_if(&b, ir_const32(&b, (uint32_t)k), 0x1100);
        else
            ir_trap_if(&b, ir_const32(&b, (uint32_t)k - 2), IR_EXIT_FLUSH, 0x1104, 9);
        add_to(&b, 0, 5);
        ir_goto(&b, 0x1200);
        void *code = h_compile(&b, NULL);
        FakeCPU c;
        h_cpu_init(&c);
        void *ret = NULL;
        bool ok = code && h_run_both(&b, code, &c, &ret, true);
        ok = ok && (k == 3 ? ret == NULL : site_ok(ret));
        h_result(ok, "%s with constant condition %d", k < 2 ? "exit_if" : "trap_if", k & 1);
    }
    ir_block_free(&b);
}

/* A block with plenty of code and cold paths. */
/* loop: a self loop (back edges in the middle and at the end, pinned slots) */
static void big_block(IRBlock *b, int n, bool loop)
{
    ir_block_reset(b, 0x1000);
    for (int k = 0; k < n; k++) {
        ir_insn_mark(b, 0x1000 + 4 * (uint32_t)k);
        IRRef x = get(b, IR_I32, k % 8);
        IRRef d = ir_binop(b, IR_DIVS, IR_I32, x, get(b, IR_I32, 8 + k % 4));
        ir_put(b, IR_I32, ROFF(k % 8), d);
        uint32_t to = loop && k == n / 2 ? 0x1000 : 0x9000 + 4 * (uint32_t)k;
        ir_exit_if(b, ir_setcc(b, IR_CC_EQ, d, ir_const32(b, 12345)), to);
        ir_put(b, IR_F64, ROFF(30), ir_unop(b, IR_FABS, IR_F64, get(b, IR_F64, 31)));
    }
    ir_goto(b, loop ? 0x1000 : 0x8000);
}

static void test_no_space(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (int loop = 0; loop < 2; loop++) {
        const char *kind = loop ? "self-loop block" : "big block";
        big_block(&b, 20, loop);
        BackendResult res;
        static uint32_t ph[64], pg[64];
        BackendPcMap pm = { ph, pg, 0, 64 };
        uint8_t *buf = h_code;
        BackendStatus st = backend_x86_64.compile(&b, buf, 1 << 20, &pm, &res);
        size_t need = res.size;
        h_result(st == BE_OK && pm.n == 20, "%s compiles (%zu bytes)", kind, need);
        bool ok = true;
        for (size_t cap = 0; cap < need && ok; cap += cap < 64 ? 1 : 37) {
            memset(buf, 0xab, need + 64);
            pm.n = 3;
            st = backend_x86_64.compile(&b, buf, cap, &pm, &res);
            for (size_t i = cap; i < need + 64; i++)
                if (buf[i] != 0xab)
                    ok = false;
            if (st != BE_NO_SPACE || pm.n != 3)
                ok = false;
            if (!ok)
                printf("#   cap %zu: status %d, pcmap n %u\n", cap, st, pm.n);
        }
        h_result(ok, "%s: every cap below the size: BE_NO_SPACE, nothing written past cap", kind);
        pm.n = 0;
        st = backend_x86_64.compile(&b, buf, need, &pm, &res);
        h_result(st == BE_OK && res.size == need, "%s: cap == size: fits exactly", kind);
        pm.n = 2;
        pm.cap = 15;
        st = backend_x86_64.compile(&b, buf, 1 << 20, &pm, &res);
        h_result(st == BE_DECLINED && pm.n == 2 && res.why,
                 "%s: a full pc map declines, n unchanged (%s)", kind, res.why ? res.why : "-");
    }
    ir_block_free(&b);
}

/* ---- fault mapping -------------------------------------------------------- */

static sigjmp_buf fault_jmp;
static volatile uintptr_t fault_rip;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    (void)sig;
    (void)si;
    fault_rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    siglongjmp(fault_jmp, 1);
}

static void test_pcmap_fault(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    static uint32_t ph[16], pg[16];
    BackendPcMap pm = { ph, pg, 0, 16 };
    for (int k = 0; k < 6; k++) {
        ir_insn_mark(&b, 0x1000 + 4 * (uint32_t)k);
        IRRef a = get(&b, IR_I32, 0);
        IRRef v = ir_load(&b, IR_I32, 4 | IR_MEM_BE, k == 4 ? get(&b, IR_I32, 1) : a);
        ir_put(&b, IR_I32, ROFF(2 + k), v);
    }
    ir_goto(&b, 0x2000);
    uint8_t *code = h_compile(&b, &pm);
    bool ok = code && pm.n == 6;
    for (uint32_t k = 0; ok && k < pm.n; k++)
        ok = pm.guest_pc[k] == 0x1000 + 4 * k && (k == 0 || pm.host_off[k] > pm.host_off[k - 1]);
    h_result(ok, "pcmap: one entry per guest instruction, in order");

    struct sigaction sa = { 0 }, old;
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, &old);
    FakeCPU c;
    h_cpu_init(&c);
    c.r[0] = 0x10000;
    c.r[1] = 0x40000000;      /* unmapped */
    uint32_t guest = 0;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        backend_x86_64.enter(&c, h_base, code);
    } else {
        uint32_t off = (uint32_t)(fault_rip - (uintptr_t)code);
        for (uint32_t k = 0; k < pm.n; k++)
            if (pm.host_off[k] <= off)
                guest = pm.guest_pc[k];
    }
    sigaction(SIGSEGV, &old, NULL);
    h_result(guest == 0x1010 && c.r[2] != 0 && c.r[6] == 0,
             "a fault in a block maps back to its guest instruction (got %#x)", guest);
    ir_block_free(&b);
}

/* More simultaneously live values than spill slots: declined, not wrong. */
static void test_spill_limit(void)
{
    IRBlock b;
    ir_block_init(&b, 0x1000);
    IRRef v[700];
    for (int k = 0; k < 700; k++)
        v[k] = ir_binop(&b, IR_ADD, IR_I64, get(&b, IR_I64, k % NREGS), ir_const64(&b, (uint64_t)k));
    IRRef acc = v[0];
    for (int k = 1; k < 700; k++)
        acc = ir_binop(&b, IR_XOR, IR_I64, acc, v[k]);
    ir_put(&b, IR_I64, ROFF(0), acc);
    ir_goto(&b, 0x2000);
    BackendResult res;
    BackendStatus st = backend_x86_64.compile(&b, h_code, 1 << 20, NULL, &res);
    h_result(st == BE_DECLINED && res.why, "700 live values: declined (%s)", res.why ? res.why : "-");
    ir_block_reset(&b, 0x1000);
    for (int k = 0; k < 400; k++)
        v[k] = ir_binop(&b, IR_ADD, IR_I64, get(&b, IR_I64, k % NREGS), ir_const64(&b, (uint64_t)k));
    acc = v[0];
    for (int k = 1; k < 400; k++)
        acc = ir_binop(&b, IR_XOR, IR_I64, acc, v[k]);
    ir_put(&b, IR_I64, ROFF(0), acc);
    ir_goto(&b, 0x2000);
    void *code = h_compile(&b, NULL);
    FakeCPU c;
    h_cpu_init(&c);
    for (int k = 0; k < NREGS; k++)
        c.r[k] = rnd();
    h_result(code && h_run_both(&b, code, &c, NULL, true), "400 live values: spilled and correct");
    ir_block_free(&b);
}

int main(void)
{
    h_init();
    test_exit_request();
    test_chaining();
    test_self_loop();
    test_jump_cache();
    test_traps_and_consts();
    test_no_space();
    test_pcmap_fault();
    test_spill_limit();
    return h_done();
}
