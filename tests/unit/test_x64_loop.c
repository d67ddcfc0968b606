/*
 * test_x64_loop.c - self-loop blocks of the x86-64 backend (x64_loop.c):
 * back edges that jump inside the block, guest-state slots pinned to host
 * registers, and everything that must still see memory.
 *
 * The oracle runs the block under ir_interp again and again while it
 * leaves for its own start (as the dispatcher would); the compiled code
 * runs once and loops inside.  Both must end with the same registers, exit
 * fields, guest memory and FP flags.  Random loops have a counter in r0
 * that nothing else writes, so they end; their bodies mix GETs and PUTs of
 * a few dozen slots (some with overlapping views, which must not be
 * pinned), arithmetic of every type, loads and stores, helper calls (pure,
 * reading, writing pinned slots, raising exit_request after a few calls),
 * rare side exits and traps; the back edge is an EXIT_IF, the final GOTO,
 * or two EXIT_IFs.  Half of the blocks go through ir_optimize first.
 * Directed cases: a helper changing a pinned slot, exit_request mid-way,
 * and a fault in the middle of a loop (state in memory and the guest PC
 * of the faulting instruction).
 *   XBT_LOOP_BLOCKS=n, XBT_LOOP_SEED=s change the amount and the seed.
 */
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include "x64_harness.h"

enum { LOOP_PC = 0x1000, MAX_ITER = 100000 };

static unsigned r_(unsigned n) { return (unsigned)(rnd() % n); }
static IRRef get(IRBlock *b, IRType t, int k) { return ir_get(b, t, ROFF(k)); }

/* ---- helpers ------------------------------------------------------------ */

static int req_left;        /* hl_req raises exit_request when it reaches 0 */

static uint64_t hl_pure(void *cpu, uint32_t a, uint64_t b) { (void)cpu; return a * 7ull + (b >> 3); }
static uint32_t hl_reads(void *cpu, uint32_t a) { return a ^ (uint32_t)((FakeCPU *)cpu)->r[3]; }
static void hl_writes(void *cpu, uint32_t a)
{
    FakeCPU *c = cpu;
    c->r[3] = (uint32_t)(c->r[3] + (a | 1));
    c->r[9] ^= (uint64_t)a << 20;
    double d;
    memcpy(&d, &c->r[11], 8);
    d = d * 0.5 + 1.0;
    memcpy(&c->r[11], &d, 8);
}
static void hl_req(void *cpu)
{
    if (req_left > 0 && --req_left == 0)
        ((FakeCPU *)cpu)->h.exit_request = 1;
}
static double hl_fp(void *cpu, double a, float b) { (void)cpu; return a * 0.25 + b; }

static const IRHelper HL[5] = {
    { "hl_pure", (void *)hl_pure, IR_I64, 2, { IR_I32, IR_I64 }, 0 },
    { "hl_reads", (void *)hl_reads, IR_I32, 1, { IR_I32 }, IR_HF_READS },
    { "hl_writes", (void *)hl_writes, IR_VOID, 1, { IR_I32 }, IR_HF_READS | IR_HF_WRITES },
    { "hl_req", (void *)hl_req, IR_VOID, 0, { 0 }, IR_HF_WRITES },
    { "hl_fp", (void *)hl_fp, IR_F64, 2, { IR_F64, IR_F32 }, 0 },
};

/* ---- the oracle: interpret until the loop is left ------------------------- */

static bool run_loop_both(const IRBlock *b, void *code, const FakeCPU *init, int req,
                          unsigned *iters, bool verbose)
{
    FakeCPU A = *init, B = *init;
    bool mem = h_touches_memory(b), ok = true;
    unsigned n = 0;

    if (mem)
        h_mem_save(h_snap);
    feclearexcept(FE_ALL_EXCEPT);
    req_left = req;
    do {
        ir_interp(b, &A, h_base);
        n++;
    } while (A.h.pc == b->guest_pc && A.h.exit_code == IR_EXIT_NONE && !A.h.exit_request &&
             n < MAX_ITER);
    unsigned fa = (unsigned)fetestexcept(FE_ALL_EXCEPT);
    if (mem) {
        h_mem_save(h_snap_a);
        h_mem_restore(h_snap);
    }
    feclearexcept(FE_ALL_EXCEPT);
    req_left = req;
    void *ret = backend_x86_64.enter(&B, h_base, code);
    unsigned fb = (unsigned)fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    if (iters)
        *iters = n;

    if (A.h.pc != B.h.pc || A.h.exit_code != B.h.exit_code || A.h.exit_arg != B.h.exit_arg ||
        A.h.exit_request != B.h.exit_request || !regs_equal(&A, &B) || fa != fb)
        ok = false;
    if (mem) {
        for (int k = 0; k < NREGIONS; k++)
            if (memcmp(h_snap_a[k], h_base + regions[k].guest, regions[k].size))
                ok = false;
        h_mem_restore(h_snap_a);
    }
    if (ret && *(uint8_t *)ret != 0xe9)
        ok = false;
    if (!ok && verbose) {
        printf("#   %u iterations; flags interp %02x native %02x; exit_request %u/%u\n", n, fa, fb,
               A.h.exit_request, B.h.exit_request);
        dump_diff(&A, &B);
    }
    return ok;
}

/* ---- random loops ------------------------------------------------------------ */

typedef struct Slot {
    uint32_t off;
    IRType t;
} Slot;

/* r0 is the counter; r13 and r14 are seen through overlapping views */
static const Slot SLOTS[] = {
    { ROFF(1), IR_I32 }, { ROFF(2), IR_I32 }, { ROFF(3), IR_I32 }, { ROFF(4), IR_I32 },
    { ROFF(5), IR_I32 }, { ROFF(6), IR_I32 }, { ROFF(7), IR_I32 }, { ROFF(8), IR_I32 },
    { ROFF(9), IR_I64 }, { ROFF(10), IR_I64 }, { ROFF(11), IR_F64 }, { ROFF(12), IR_F32 },
    { ROFF(13), IR_F64 }, { ROFF(13), IR_I32 }, { ROFF(14), IR_I64 }, { ROFF(14) + 4, IR_I32 },
    { ROFF(15), IR_I32 }, { ROFF(16), IR_I32 }, { ROFF(17), IR_I32 }, { ROFF(18), IR_F64 },
    { ROFF(19), IR_I32 }, { ROFF(20), IR_I32 },
};
enum { NSLOTS = sizeof SLOTS / sizeof SLOTS[0] };

static const IRType TY[4] = { IR_I32, IR_I64, IR_F32, IR_F64 };

typedef struct Gen {
    IRBlock *b;
    IRRef v[4][512];
    int nv[4];
    uint32_t next_exit;
    int calls;
    unsigned nslots;        /* slots this block uses: a prefix of SLOTS */
} Gen;

static void add(Gen *g, IRType t, IRRef r)
{
    int k = t - IR_I32;
    if (g->nv[k] < 512)
        g->v[k][g->nv[k]++] = r;
}

static IRRef slot_get(Gen *g, IRType t)
{
    for (int tries = 0; tries < 8; tries++) {
        const Slot *s = &SLOTS[r_(g->nslots)];
        if (s->t == t) {
            IRRef r = ir_get(g->b, t, s->off);
            add(g, t, r);
            return r;
        }
    }
    IRRef r = h_const(g->b, t, edge_val(t, r_(n_edges(t))));
    add(g, t, r);
    return r;
}

static IRRef pick(Gen *g, IRType t)
{
    int k = t - IR_I32, n = g->nv[k];
    if (n > 0 && r_(4) != 0)
        return r_(3) ? g->v[k][n - 1 - (int)r_(n < 6 ? (unsigned)n : 6u)] : g->v[k][r_((unsigned)n)];
    if (r_(3) == 0) {
        IRRef r = h_const(g->b, t, edge_val(t, r_(n_edges(t))));
        add(g, t, r);
        return r;
    }
    return slot_get(g, t);
}

static IRRef make_addr(Gen *g)
{
    const Region *rg = &regions[r_(NREGIONS)];
    IRRef off = ir_binop(g->b, IR_AND, IR_I32, pick(g, IR_I32), ir_const32(g->b, 0xffe0));
    return ir_binop(g->b, IR_ADD, IR_I32, off, ir_const32(g->b, rg->guest + r_(16)));
}

/* Half of the exit conditions are also PUT to a slot and followed by a few
 * GETs, PUTs and ADDs, as a MIPS branch on an sltu result with a delay
 * slot: the backend may branch on the flags its compare left. */
static IRRef exit_cond(Gen *g, IRRef c)
{
    IRBlock *b = g->b;
    if (r_(2))
        return c;
    ir_put(b, IR_I32, SLOTS[r_(8)].off, c);
    for (unsigned k = r_(4); k > 0; k--) {
        const Slot *s = &SLOTS[r_(g->nslots)];
        switch (r_(4)) {
        case 0:
            slot_get(g, s->t);
            break;
        case 1:
            ir_put(b, s->t, s->off, pick(g, s->t));
            break;
        default: {
            IRType t = r_(3) ? IR_I32 : IR_I64;
            add(g, t, ir_binop(b, IR_ADD, t, pick(g, t), pick(g, t)));
            break;
        }
        }
    }
    return c;
}

/* A condition that holds rarely (about 1 in 64). */
static IRRef rare(Gen *g)
{
    IRRef m = ir_binop(g->b, IR_AND, IR_I32, pick(g, IR_I32), ir_const32(g->b, 63));
    return exit_cond(g, ir_setcc(g->b, IR_CC_EQ, m, ir_const32(g->b, r_(64))));
}

static void gen_op(Gen *g)
{
    IRBlock *b = g->b;
    unsigned k = r_(100);
    if (k < 25) {
        static const IROp ops[] = { IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR, IR_SHL,
                                    IR_SHR, IR_SAR, IR_ROTR, IR_DIVU, IR_REMS };
        IRType t = r_(3) ? IR_I32 : IR_I64;
        add(g, t, ir_binop(b, ops[r_(sizeof ops / sizeof ops[0])], t, pick(g, t), pick(g, t)));
    } else if (k < 27) {          /* (byte ^ x) & 0xff, (byte | x) & 0xff: a byte op */
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
    } else if (k < 28) {          /* address arithmetic: base + index << 1..3 */
        IRType t = r_(3) ? IR_I32 : IR_I64;
        IRRef sh = ir_binop(b, IR_SHL, t, pick(g, t), h_const(b, t, 1 + r_(3)));
        add(g, t, r_(2) ? ir_binop(b, IR_ADD, t, pick(g, t), sh) : ir_binop(b, IR_ADD, t, sh, pick(g, t)));
    } else if (k < 30) {
        static const IROp ops[] = { IR_NOT, IR_NEG, IR_CLZ, IR_BSWAP, IR_SEXT8, IR_ZEXT16 };
        IROp op = ops[r_(6)];
        IRType t = op >= IR_SEXT8 || r_(2) ? IR_I32 : IR_I64;
        add(g, t, ir_unop(b, op, t, pick(g, t)));
    } else if (k < 33) {
        if (r_(2))
            add(g, IR_I64, ir_unop(b, r_(2) ? IR_EXTS : IR_EXTU, IR_I64, pick(g, IR_I32)));
        else
            add(g, IR_I32, ir_unop(b, IR_TRUNC, IR_I32, pick(g, IR_I64)));
    } else if (k < 38) {
        IRType t = r_(3) ? IR_I32 : IR_I64;
        add(g, IR_I32, ir_setcc(b, (IRCond)r_(IR_NCC), pick(g, t), pick(g, t)));
    } else if (k < 41) {
        IRType t = TY[r_(4)];
        add(g, t, ir_select(b, t, pick(g, IR_I32), pick(g, t), pick(g, t)));
    } else if (k < 47) {
        static const IROp ops[] = { IR_FADD, IR_FSUB, IR_FMUL };
        IRType t = r_(2) ? IR_F32 : IR_F64;
        add(g, t, ir_binop(b, ops[r_(3)], t, pick(g, t), pick(g, t)));
    } else if (k < 49) {
        IRType t = r_(2) ? IR_F32 : IR_F64;
        add(g, IR_I32, ir_emit(b, IR_FCMP, IR_I32, (uint16_t)(1 + r_(14)), pick(g, t), pick(g, t), 0));
    } else if (k < 51) {
        IRType t = r_(2) ? IR_F32 : IR_F64;
        if (r_(2))
            add(g, t, ir_unop(b, IR_ITOF, t, pick(g, IR_I32)));
        else
            add(g, IR_I32, ir_emit(b, IR_FTOI, IR_I32, IR_RM_ZERO, pick(g, t), 0, 0));
    } else if (k < 53) {
        if (r_(2))
            add(g, IR_F64, ir_unop(b, IR_BITCAST, IR_F64, pick(g, IR_I64)));
        else
            add(g, IR_I32, ir_unop(b, IR_BITCAST, IR_I32, pick(g, IR_F32)));
    } else if (k < 60) {
        IRType t = TY[r_(4)];
        unsigned size = t == IR_I32 ? 1u << r_(3) : t == IR_F32 ? 4 : 8;
        add(g, t, ir_load(b, t, size | (r_(2) ? IR_MEM_BE : 0), make_addr(g)));
    } else if (k < 64) {
        IRType t = TY[r_(4)];
        unsigned size = t == IR_I32 ? 1u << r_(3) : t == IR_F32 ? 4 : 8;
        ir_store(b, t, size | (r_(2) ? IR_MEM_BE : 0), make_addr(g), pick(g, t));
    } else if (k < 67 && g->calls < 4) {
        const IRHelper *h = &HL[r_(5)];
        IRRef args[3] = { IR_NONE, IR_NONE, IR_NONE };
        for (unsigned i = 0; i < h->nargs; i++)
            args[i] = pick(g, (IRType)h->arg[i]);
        IRRef r = ir_call(b, h, args[0], args[1], args[2]);
        if (h->ret != IR_VOID)
            add(g, (IRType)h->ret, r);
        g->calls++;
    } else if (k < 80) {
        slot_get(g, TY[r_(4)]);
    } else if (k < 96) {
        const Slot *s = &SLOTS[r_(g->nslots)];
        ir_put(b, s->t, s->off, pick(g, s->t));
    } else if (k < 97) {
        ir_insn_mark(b, 0xc0000000u + g->next_exit);
    } else if (k < 99) {
        ir_exit_if(b, rare(g), 0xc0de0000u + 4 * g->next_exit++);
    } else {
        ir_trap_if(b, rare(g), 1 + r_(3), 0xc0df0000u + 4 * g->next_exit++, (uint32_t)rnd());
    }
}

static void gen_loop(Gen *g, IRBlock *b, unsigned n)
{
    memset(g, 0, sizeof *g);
    g->b = b;
    g->nslots = 4 + r_(NSLOTS - 3);
    ir_block_reset(b, LOOP_PC);
    ir_insn_mark(b, LOOP_PC);
    unsigned at = r_(n);
    IRRef c1 = IR_NONE;
    for (unsigned k = 0; k < n || c1 == IR_NONE; k++) {
        if (k == at || (k >= n && c1 == IR_NONE)) {
            c1 = ir_binop(b, IR_SUB, IR_I32, get(b, IR_I32, 0), ir_const32(b, 1));
            ir_put(b, IR_I32, ROFF(0), c1);
            add(g, IR_I32, c1);
        }
        gen_op(g);
    }
    IRRef zero = ir_const32(b, 0);
    switch (r_(3)) {
    case 0:         /* exit_if back; a tail; goto out */
        ir_exit_if(b, exit_cond(g, ir_setcc(b, IR_CC_NE, c1, zero)), LOOP_PC);
        for (unsigned k = r_(6); k > 0; k--)
            gen_op(g);
        ir_goto(b, 0xc0de8000u);
        break;
    case 1:         /* exit_if out; more body; goto back */
        ir_exit_if(b, exit_cond(g, ir_setcc(b, IR_CC_EQ, c1, zero)), 0xc0de9000u);
        for (unsigned k = r_(10); k > 0; k--)
            gen_op(g);
        ir_goto(b, LOOP_PC);
        break;
    default: {      /* two back edges */
        IRRef low = ir_binop(b, IR_AND, IR_I32, c1, ir_const32(b, 3));
        ir_exit_if(b, ir_setcc(b, IR_CC_EQ, low, ir_const32(b, 1)), LOOP_PC);
        for (unsigned k = r_(10); k > 0; k--)
            gen_op(g);
        ir_exit_if(b, exit_cond(g, ir_setcc(b, IR_CC_NE, c1, zero)), LOOP_PC);
        ir_goto(b, 0xc0dea000u);
        break;
    }
    }
}

static uint64_t rnd_val(IRType t)
{
    if (r_(3) == 0)
        return edge_val(t, r_(n_edges(t)));
    uint64_t x = rnd();
    switch (t) {
    case IR_I32: return (uint32_t)x;
    case IR_F32: return f32_bits((float)(int32_t)x / 65536.0f);
    case IR_F64: return f64_bits((double)(int64_t)x / 1e12);
    default:     return x;
    }
}

static void test_random(unsigned nblocks, uint64_t seed)
{
    char fb[64];
    unsigned host = x64_features;
    unsigned variants[3] = { host, 0, host & ~(unsigned)(X64F_BMI2 | X64F_MOVBE) };
    IRBlock b;
    ir_block_init(&b, LOOP_PC);
    Gen *g = malloc(sizeof *g);

    for (int v = 0; v < 3; v++) {
        x64_features = variants[v];
        const char *fname = v == 1 ? "no optional features"
                          : x64_features_string(variants[v], fb, sizeof fb);
        h_rng = seed;
        unsigned bad = 0, runs = 0, loops = 0, iters_total = 0;
        for (unsigned i = 0; i < nblocks; i++) {
            uint64_t bseed = h_rng;
            gen_loop(g, &b, 4 + r_(i % 8 == 7 ? 250 : 40));
            if (r_(2))
                ir_optimize(&b);
            void *code = h_compile(&b, NULL);
            bool ok = code != NULL;
            for (int run = 0; run < 3 && ok; run++) {
                FakeCPU c;
                h_cpu_init(&c);
                for (int k = 1; k < NREGS; k++)
                    c.r[k] = rnd_val(TY[k % 4]);
                for (unsigned k = 0; k < NSLOTS; k++)      /* slot-typed values */
                    if (SLOTS[k].t == IR_I32)
                        memcpy((uint8_t *)&c + SLOTS[k].off, &(uint32_t){ (uint32_t)rnd() }, 4);
                c.r[0] = 1 + r_(40);
                int req = r_(4) == 0 ? 1 + (int)r_(8) : 0;
                unsigned it;
                ok = run_loop_both(&b, code, &c, req, &it, bad < 3);
                runs++;
                iters_total += it;
                loops += it > 1;
            }
            if (!ok && bad++ < 3) {
                printf("# block %u (seed %#llx) failed:\n", i, (unsigned long long)bseed);
                ir_print(&b, stdout);
            }
        }
        h_result(bad == 0, "%u random loops, %u runs (%u looped, %u iterations), %u disagreeing [%s]",
                 nblocks, runs, loops, iters_total, bad, fname);
    }
    x64_features = host;
    free(g);
    ir_block_free(&b);
}

/* ---- directed cases ------------------------------------------------------------ */

/* r1 += r2 (pinned, carried); a helper writing r3 every iteration; r3 is
 * read after the call; the counter in r0. */
static void test_helper_writes(void)
{
    IRBlock b;
    ir_block_init(&b, LOOP_PC);
    IRRef r3 = get(&b, IR_I32, 3);
    ir_put(&b, IR_I32, ROFF(1), ir_binop(&b, IR_ADD, IR_I32, get(&b, IR_I32, 1), r3));
    ir_call(&b, &HL[2], get(&b, IR_I32, 2), IR_NONE, IR_NONE);
    IRRef r3b = get(&b, IR_I32, 3);
    ir_put(&b, IR_I32, ROFF(4), ir_binop(&b, IR_XOR, IR_I32, r3, r3b));   /* old and new r3 */
    IRRef c1 = ir_binop(&b, IR_SUB, IR_I32, get(&b, IR_I32, 0), ir_const32(&b, 1));
    ir_put(&b, IR_I32, ROFF(0), c1);
    ir_exit_if(&b, ir_setcc(&b, IR_CC_NE, c1, ir_const32(&b, 0)), LOOP_PC);
    ir_goto(&b, 0x2000);
    ir_optimize(&b);
    void *code = h_compile(&b, NULL);
    FakeCPU c;
    h_cpu_init(&c);
    c.r[0] = 20;
    c.r[2] = 6;
    c.r[3] = 100;
    unsigned it = 0;
    bool ok = code && run_loop_both(&b, code, &c, 0, &it, true);
    h_result(ok && it == 20, "a helper writing a pinned slot: reloaded after the call");
    ir_block_free(&b);
}

/* exit_request raised mid-way stops the loop at its header. */
static void test_exit_request(void)
{
    IRBlock b;
    ir_block_init(&b, LOOP_PC);
    ir_put(&b, IR_I32, ROFF(1), ir_binop(&b, IR_ADD, IR_I32, get(&b, IR_I32, 1), ir_const32(&b, 3)));
    ir_call(&b, &HL[3], IR_NONE, IR_NONE, IR_NONE);
    ir_put(&b, IR_I32, ROFF(2), ir_binop(&b, IR_MUL, IR_I32, get(&b, IR_I32, 2), get(&b, IR_I32, 1)));
    ir_goto(&b, LOOP_PC);              /* never ends by itself */
    void *code = h_compile(&b, NULL);
    FakeCPU c;
    h_cpu_init(&c);
    c.r[2] = 1;
    unsigned it = 0;
    bool ok = code && run_loop_both(&b, code, &c, 37, &it, true);
    h_result(ok && it == 37, "exit_request raised in iteration 37 stops an endless loop");
}

/* A load walking off the end of a region: the fault maps to the load's
 * guest instruction and memory holds the state of that iteration. */
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

static void test_fault(void)
{
    IRBlock b;
    static uint32_t ph[16], pg[16];
    BackendPcMap pm = { ph, pg, 0, 16 };
    ir_block_init(&b, LOOP_PC);
    ir_insn_mark(&b, LOOP_PC);
    IRRef p = get(&b, IR_I32, 1);
    ir_put(&b, IR_I32, ROFF(0), ir_binop(&b, IR_ADD, IR_I32, get(&b, IR_I32, 0), ir_const32(&b, 1)));
    ir_insn_mark(&b, LOOP_PC + 4);
    IRRef v = ir_load(&b, IR_I32, 4, p);
    ir_insn_mark(&b, LOOP_PC + 8);
    ir_put(&b, IR_I32, ROFF(2), ir_binop(&b, IR_ADD, IR_I32, get(&b, IR_I32, 2), v));
    ir_put(&b, IR_I32, ROFF(1), ir_binop(&b, IR_ADD, IR_I32, p, ir_const32(&b, 0x1000)));
    ir_goto(&b, LOOP_PC);
    ir_optimize(&b);
    uint8_t *code = h_compile(&b, &pm);

    struct sigaction sa = { 0 }, old;
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, &old);
    FakeCPU c;
    h_cpu_init(&c);
    c.r[1] = regions[0].guest + 0x10;
    uint32_t sum = 0, guest = 0;
    for (uint32_t a = regions[0].guest + 0x10; a < regions[0].guest + regions[0].size; a += 0x1000) {
        uint32_t w;
        memcpy(&w, h_base + a, 4);
        sum += w;
    }
    if (code && sigsetjmp(fault_jmp, 1) == 0) {
        backend_x86_64.enter(&c, h_base, code);
    } else {
        uint32_t off = (uint32_t)(fault_rip - (uintptr_t)code);
        for (uint32_t k = 0; k < pm.n; k++)
            if (pm.host_off[k] <= off)
                guest = pm.guest_pc[k];
    }
    sigaction(SIGSEGV, &old, NULL);
    uint32_t iters = regions[0].size / 0x1000 + 1;
    h_result(guest == LOOP_PC + 4 && (uint32_t)c.r[0] == iters && (uint32_t)c.r[2] == sum &&
             (uint32_t)c.r[1] == regions[0].guest + regions[0].size + 0x10,
             "a fault in iteration %u maps to its guest insn (%#x) with the state in memory",
             iters, guest);
    ir_block_free(&b);
}

/* A broken back edge may loop for ever: fail instead of hanging. */
static void on_alarm(int sig)
{
    static const char msg[] = "not ok - timed out: a compiled loop did not end\n";
    (void)sig;
    if (write(1, msg, sizeof msg - 1) < 0)
        _exit(1);
    _exit(1);
}

int main(void)
{
    const char *e = getenv("XBT_LOOP_BLOCKS");
    unsigned nblocks = e ? (unsigned)atoi(e) : 1500;
    e = getenv("XBT_LOOP_SEED");
    uint64_t seed = e ? strtoull(e, NULL, 0) : 0x5eed10095eed1009ull;
    signal(SIGALRM, on_alarm);
    alarm(120);
    h_init();
    test_helper_writes();
    test_exit_request();
    test_fault();
    test_random(nblocks, seed);
    return h_done();
}
