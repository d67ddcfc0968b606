/*
 * test_ppc_exec.c - PowerPC32 instruction semantics, run through the IR
 * interpreter (the oracle every backend is checked against).
 *
 * Each check assembles a few instructions by hand into a private guest
 * memory, ends them with `sc`, runs the blocks with ir_interp until the
 * syscall exit - once as translated and once after ir_optimize, which must
 * agree - and compares registers, CR, XER and memory with a C reference:
 *
 *  1. rotates: rlwinm/rlwimi/rlwnm with random shifts and masks
 *  2. add/subtract family: CA, OV, SO and CR0 for random operands
 *  3. shifts: slw/srw/sraw/srawi including counts >= 32 and CA
 *  4. compares, multiply, divide (the 750's undefined-case values)
 *  5. CR and XER moves: mtcrf/mfcr, mcrf, CR logical ops, mcrxr, mtxer
 *  6. memory: byte-reversed, lmw/stmw, strings, dcbz, lwarx/stwcx.
 *  7. branches: bdnz loops, bclr/bcctr with link
 *  8. FPU: fctiw/fctiwz and rounding modes, NaN rules, lfs/stfs of
 *     signalling NaNs, fsel, fcmpu, FPSCR bits (FX, XX, VXISI, FPRF, FI)
 *
 * Built only with the PowerPC frontend (XBT_GUEST_PPC); otherwise it skips.
 */
#include <stdio.h>

#ifndef XBT_GUEST_PPC
int main(void)
{
    printf("1..0 # SKIP PowerPC frontend not built (XBT_GUEST_PPC)\n");
    return 77;
}
#else
#include <fenv.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/ppc/translate.h"

/* ---- harness ---------------------------------------------------------- */

static int test_no, test_failed, checks_failed;

static void check_(bool ok, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check_(bool ok, int line, const char *fmt, ...)
{
    va_list ap;
    if (ok)
        return;
    if (++checks_failed > 20)
        return;
    printf("#   line %d: ", line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}
#define CHECK(ok, ...) check_((ok), __LINE__, __VA_ARGS__)

static void test_end(const char *name)
{
    test_no++;
    if (checks_failed) {
        test_failed++;
        printf("not ok %d - %s\n", test_no, name);
    } else {
        printf("ok %d - %s\n", test_no, name);
    }
    checks_failed = 0;
}

static uint32_t rng_state = 0x2545f491u;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* an interesting 32-bit value: edges more often than uniform */
static uint32_t rval(void)
{
    static const uint32_t edge[] = { 0, 1, 2, 0x7fffffff, 0x80000000u, 0x80000001u,
                                      0xffffffffu, 0xfffffffeu, 0x10000, 0xffff };
    uint32_t r = rng();
    return (r & 3) == 0 ? edge[(r >> 2) % 10] : rng();
}

/* ---- guest memory and running ---------------------------------------------- */

#define CODE 0x1000u
#define DATA 0x8000u
static uint8_t mem[0x10000];

static bool code_ok(GuestAddr addr, uint32_t len) { return addr >= CODE && addr + len <= 0x4000; }
static FeCode code = { mem, code_ok };

static void wr32(uint32_t a, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        mem[a + i] = (uint8_t)(v >> (24 - 8 * i));
}

static uint32_t rd32(uint32_t a)
{
    return (uint32_t)mem[a] << 24 | (uint32_t)mem[a + 1] << 16 | (uint32_t)mem[a + 2] << 8 | mem[a + 3];
}


static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

/* Runs n words at CODE (then sc) on c; returns false on an unexpected exit.
 * opt: optimise the blocks first. */
static bool run_words(PPCCPU *c, const uint32_t *w, unsigned n, bool opt)
{
    static IRBlock b;
    static bool init;
    static IRJumpCacheEntry jc[IR_JC_SIZE];
    if (!init) {
        ir_block_init(&b, 0);
        init = true;
    }
    for (unsigned i = 0; i < n; i++)
        wr32(CODE + 4 * i, w[i]);
    wr32(CODE + 4 * n, 0x44000002);
    c->h.pc = CODE;
    c->h.jmp_cache = jc;
    FeOptions fo = { 64, true };
    for (int steps = 0; steps < 10000; steps++) {
        ir_block_reset(&b, c->h.pc);
        ppc_translate(&b, c->h.pc, &code, &fo);
        if (opt)
            ir_optimize(&b);
        unsigned ex = ir_interp(&b, c, mem);
        if (ex == IR_EXIT_SYSCALL)
            return c->h.pc == CODE + 4 * n;
        if (ex != IR_EXIT_NONE)
            return false;
    }
    return false;
}

/* Runs on a copy with and without optimisation; both must agree.  The
 * FPSCR is compared through ppc_fpscr_read (host flags included). */
static PPCCPU run(const PPCCPU *in, const uint32_t *w, unsigned n)
{
    static uint8_t save[sizeof mem], after[sizeof mem];
    PPCCPU a = *in, b = *in;
    memcpy(save, mem, sizeof mem);
    ppc_fpscr_write(&a, in->fpscr);
    bool ok = run_words(&a, w, n, false);
    uint32_t fa = ppc_fpscr_read(&a);
    memcpy(after, mem, sizeof mem);
    memcpy(mem, save, sizeof mem);
    ppc_fpscr_write(&b, in->fpscr);
    bool okb = run_words(&b, w, n, true);
    uint32_t fb = ppc_fpscr_read(&b);
    CHECK(ok && okb, "run stopped early at %08x (%08x)", a.h.pc, w[0]);
    a.h.jmp_cache = b.h.jmp_cache = NULL;
    a.fp_last_insn = b.fp_last_insn = 0;
    memset(a.fp_last_op, 0, sizeof a.fp_last_op);
    memset(b.fp_last_op, 0, sizeof b.fp_last_op);
    a.fpscr = fa;
    b.fpscr = fb;
    CHECK(!memcmp(&a, &b, sizeof a) && !memcmp(after, mem, sizeof mem),
          "optimised run differs (%08x)", w[0]);
    return a;
}

static PPCCPU fresh(void)
{
    PPCCPU c;
    memset(&c, 0, sizeof c);
    return c;
}

static uint32_t cr_field(const PPCCPU *c, unsigned bf)
{
    return c->cr[4 * bf] << 3 | c->cr[4 * bf + 1] << 2 | c->cr[4 * bf + 2] << 1 | c->cr[4 * bf + 3];
}

/* ---- encoders (Book I formats) --------------------------------------------- */

static uint32_t D(unsigned op, unsigned rt, unsigned ra, uint32_t d)
{
    return op << 26 | rt << 21 | ra << 16 | (d & 0xffff);
}

static uint32_t X(unsigned op, unsigned rt, unsigned ra, unsigned rb, unsigned xo, unsigned rc)
{
    return op << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1 | rc;
}

static uint32_t XO(unsigned rt, unsigned ra, unsigned rb, unsigned oe, unsigned xo, unsigned rc)
{
    return 31u << 26 | rt << 21 | ra << 16 | rb << 11 | oe << 10 | xo << 1 | rc;
}

static uint32_t M(unsigned op, unsigned rs, unsigned ra, unsigned sh, unsigned mb, unsigned me, unsigned rc)
{
    return op << 26 | rs << 21 | ra << 16 | sh << 11 | mb << 6 | me << 1 | rc;
}

static uint32_t A(unsigned op, unsigned frt, unsigned fra, unsigned frb, unsigned frc, unsigned xo)
{
    return op << 26 | frt << 21 | fra << 16 | frb << 11 | frc << 6 | xo << 1;
}

/* ---- 1: rotates ------------------------------------------------------------- */

static uint32_t ref_mask(unsigned mb, unsigned me)
{
    uint32_t m = 0;
    for (unsigned i = mb;; i = (i + 1) & 31) {
        m |= 0x80000000u >> i;
        if (i == me)
            break;
    }
    return m;
}

static uint32_t rotl(uint32_t x, unsigned n) { n &= 31; return n ? x << n | x >> (32 - n) : x; }

static void test_rotates(void)
{
    for (int k = 0; k < 3000; k++) {
        PPCCPU c = fresh();
        unsigned sh = rng() & 31, mb = rng() & 31, me = rng() & 31, which = k % 3;
        if (k % 7 == 0) { mb = 0; me = 31 - sh; }          /* slwi */
        if (k % 7 == 1) { mb = (32 - sh) & 31; me = 31; }   /* srwi */
        uint32_t rs = rval(), ra = rval(), rb = rval(), m = ref_mask(mb, me), want;
        c.gpr[4] = rs;
        c.gpr[3] = ra;
        c.gpr[5] = rb;
        uint32_t w;
        if (which == 0) {
            w = M(21, 4, 3, sh, mb, me, 1);
            want = rotl(rs, sh) & m;
        } else if (which == 1) {
            w = M(20, 4, 3, sh, mb, me, 0);
            want = (rotl(rs, sh) & m) | (ra & ~m);
        } else {
            w = M(23, 4, 3, 5, mb, me, 0);
            want = rotl(rs, rb & 31) & m;
        }
        PPCCPU o = run(&c, &w, 1);
        CHECK(o.gpr[3] == want, "%08x: rs %08x sh %u mb %u me %u -> %08x, want %08x",
              w, rs, sh, mb, me, o.gpr[3], want);
        if (which == 0) {
            uint32_t cr0 = (int32_t)want < 0 ? 8 : want ? 4 : 2;
            CHECK(cr_field(&o, 0) == cr0, "rlwinm. cr0 %x want %x", cr_field(&o, 0), cr0);
        }
    }
    test_end("rlwinm/rlwimi/rlwnm match MASK(mb, me) and rotl");
}

/* ---- 2: add/subtract --------------------------------------------------------- */

typedef struct AddOp {
    const char *name;
    unsigned xo;
    int kind;           /* 0 ra+rb, 1 ~ra+rb+1, 2 ra+rb+ca, 3 ~ra+rb+ca, 4 ra+ca-1, 5 ra+ca, 6 ~ra+ca-1, 7 ~ra+ca, 8 -ra */
    bool sets_ca;
} AddOp;

static const AddOp add_ops[] = {
    { "add", 266, 0, false }, { "addc", 10, 0, true }, { "subf", 40, 1, false },
    { "subfc", 8, 1, true }, { "adde", 138, 2, true }, { "subfe", 136, 3, true },
    { "addme", 234, 4, true }, { "addze", 202, 5, true }, { "subfme", 232, 6, true },
    { "subfze", 200, 7, true }, { "neg", 104, 8, false },
};

static void ref_add(int kind, uint32_t ra, uint32_t rb, uint32_t ca, uint32_t *r, uint32_t *co, uint32_t *ov)
{
    uint64_t x = ra, y = rb, cin = 0;
    switch (kind) {
    case 0: break;
    case 1: x = (uint32_t)~ra; cin = 1; break;
    case 2: cin = ca; break;
    case 3: x = (uint32_t)~ra; cin = ca; break;
    case 4: y = 0xffffffffu; cin = ca; break;
    case 5: y = 0; cin = ca; break;
    case 6: x = (uint32_t)~ra; y = 0xffffffffu; cin = ca; break;
    case 7: x = (uint32_t)~ra; y = 0; cin = ca; break;
    case 8: x = (uint32_t)~ra; y = 0; cin = 1; break;
    }
    uint64_t s = x + y + cin;
    *r = (uint32_t)s;
    *co = (uint32_t)(s >> 32);
    int64_t ss = (int64_t)(int32_t)x + (int64_t)(int32_t)y + (int64_t)cin;
    *ov = ss != (int32_t)ss;
}

static void test_add_family(void)
{
    for (int k = 0; k < 4000; k++) {
        const AddOp *op = &add_ops[k % (sizeof add_ops / sizeof add_ops[0])];
        PPCCPU c = fresh();
        uint32_t ra = rval(), rb = rval(), ca = rng() & 1, so = rng() & 1, ov0 = rng() & 1;
        unsigned oe = rng() & 1, rc = rng() & 1;
        c.gpr[4] = ra;
        c.gpr[5] = rb;
        c.xer_ca = ca;
        c.xer_so = so;
        c.xer_ov = ov0;
        bool no_rb = op->kind >= 4;
        uint32_t w = XO(3, 4, no_rb ? 0 : 5, oe, op->xo, rc);
        uint32_t r, co, ov;
        ref_add(op->kind, ra, rb, ca, &r, &co, &ov);
        PPCCPU o = run(&c, &w, 1);
        CHECK(o.gpr[3] == r, "%s %08x,%08x ca %u -> %08x want %08x", op->name, ra, rb, ca, o.gpr[3], r);
        CHECK(o.xer_ca == (op->sets_ca ? co : ca), "%s %08x,%08x CA %u want %u", op->name, ra, rb,
              o.xer_ca, op->sets_ca ? co : ca);
        uint32_t want_ov = oe ? ov : ov0, want_so = so | (oe ? ov : 0);
        CHECK(o.xer_ov == want_ov && o.xer_so == want_so, "%s%s %08x,%08x OV %u SO %u want %u %u",
              op->name, oe ? "o" : "", ra, rb, o.xer_ov, o.xer_so, want_ov, want_so);
        if (rc) {
            uint32_t cr0 = ((int32_t)r < 0 ? 8 : (int32_t)r > 0 ? 4 : 2) | want_so;
            CHECK(cr_field(&o, 0) == cr0, "%s. cr0 %x want %x", op->name, cr_field(&o, 0), cr0);
        }
    }
    /* immediate forms: addic, addic., subfic */
    for (int k = 0; k < 500; k++) {
        PPCCPU c = fresh();
        uint32_t ra = rval();
        int16_t si = (int16_t)rng();
        c.gpr[4] = ra;
        uint32_t w = D(12 + (k & 1), 3, 4, (uint16_t)si);
        PPCCPU o = run(&c, &w, 1);
        uint64_t s = (uint64_t)ra + (uint32_t)(int32_t)si;
        CHECK(o.gpr[3] == (uint32_t)s && o.xer_ca == (uint32_t)(s >> 32), "addic %08x %d", ra, si);
        if (k & 1)
            CHECK(cr_field(&o, 0) == ((int32_t)s < 0 ? 8u : (uint32_t)s ? 4u : 2u), "addic. cr0");
        w = D(8, 3, 4, (uint16_t)si);
        o = run(&c, &w, 1);
        s = (uint64_t)(uint32_t)~ra + (uint32_t)(int32_t)si + 1;
        CHECK(o.gpr[3] == (uint32_t)s && o.xer_ca == (uint32_t)(s >> 32), "subfic %08x %d", ra, si);
    }
    test_end("add/subtract family: result, CA, OV, SO, CR0");
}

/* ---- 3: shifts ----------------------------------------------------------------- */

static void test_shifts(void)
{
    for (int k = 0; k < 3000; k++) {
        PPCCPU c = fresh();
        uint32_t rs = rval(), rb = rng() & 0x7f, sh = rb & 31;
        if (k & 8)
            rb |= rng() & ~0x3fu;         /* high bits are ignored */
        c.gpr[4] = rs;
        c.gpr[5] = rb;
        unsigned n = rb & 63, kind = k % 4;
        uint32_t w, want, wca = 0;
        switch (kind) {
        case 0: w = X(31, 4, 3, 5, 24, 1); want = n >= 32 ? 0 : rs << n; break;
        case 1: w = X(31, 4, 3, 5, 536, 0); want = n >= 32 ? 0 : rs >> n; break;
        case 2:
            w = X(31, 4, 3, 5, 792, 1);
            want = n >= 32 ? (uint32_t)((int32_t)rs >> 31) : (uint32_t)((int32_t)rs >> n);
            wca = (int32_t)rs < 0 && (n >= 32 || (rs & ((1u << n) - 1)) != 0);
            break;
        default:
            w = X(31, 4, 3, sh, 824, 0);
            want = (uint32_t)((int32_t)rs >> sh);
            wca = (int32_t)rs < 0 && (rs & ((1u << sh) - 1)) != 0;
            break;
        }
        c.xer_ca = kind < 2 ? rng() & 1 : !wca;
        PPCCPU o = run(&c, &w, 1);
        CHECK(o.gpr[3] == want, "%08x rs %08x rb %x -> %08x want %08x", w, rs, rb, o.gpr[3], want);
        if (kind >= 2)
            CHECK(o.xer_ca == wca, "%08x rs %08x n %u CA %u want %u", w, rs, kind == 2 ? n : sh, o.xer_ca, wca);
        else
            CHECK(o.xer_ca == c.xer_ca, "slw/srw changed CA");
    }
    test_end("slw/srw/sraw/srawi: counts 0..63, CA");
}

/* ---- 4: compares, multiply, divide ------------------------------------------------- */

static void test_cmp_mul_div(void)
{
    for (int k = 0; k < 2000; k++) {
        PPCCPU c = fresh();
        uint32_t x = rval(), y = rval();
        if (k % 5 == 0)
            y = x;
        c.gpr[4] = x;
        c.gpr[5] = y;
        c.xer_so = k & 1;
        uint32_t w[] = { X(31, 3u << 2, 4, 5, 0, 0), X(31, 6u << 2, 4, 5, 32, 0),
                         D(11, 1u << 2, 4, y), D(10, 2u << 2, 4, y) };
        PPCCPU o = run(&c, w, 4);
        int32_t sy16 = (int16_t)y;
        uint32_t f3 = ((int32_t)x < (int32_t)y ? 8 : (int32_t)x > (int32_t)y ? 4 : 2) | c.xer_so;
        uint32_t f6 = (x < y ? 8 : x > y ? 4 : 2) | c.xer_so;
        uint32_t f1 = ((int32_t)x < sy16 ? 8 : (int32_t)x > sy16 ? 4 : 2) | c.xer_so;
        uint32_t f2 = (x < (y & 0xffff) ? 8 : x > (y & 0xffff) ? 4 : 2) | c.xer_so;
        CHECK(cr_field(&o, 3) == f3 && cr_field(&o, 6) == f6 && cr_field(&o, 1) == f1 &&
              cr_field(&o, 2) == f2, "cmp %08x %08x: %x %x %x %x", x, y,
              cr_field(&o, 3), cr_field(&o, 6), cr_field(&o, 1), cr_field(&o, 2));

        uint32_t m[] = { XO(6, 4, 5, 1, 235, 0), XO(7, 4, 5, 0, 75, 0), XO(8, 4, 5, 0, 11, 0),
                         XO(9, 4, 5, 0, 491, 0), XO(10, 4, 5, 0, 459, 0), D(7, 11, 4, y) };
        c.xer_so = 0;
        o = run(&c, m, 6);
        int64_t p = (int64_t)(int32_t)x * (int32_t)y;
        uint64_t pu = (uint64_t)x * y;
        CHECK(o.gpr[6] == (uint32_t)p && o.xer_ov == (p != (int32_t)p) && o.xer_so == o.xer_ov,
              "mullwo %08x %08x ov %u", x, y, o.xer_ov);
        CHECK(o.gpr[7] == (uint32_t)(p >> 32) && o.gpr[8] == (uint32_t)(pu >> 32), "mulhw/mulhwu");
        uint32_t dq = y == 0 ? ((int32_t)x < 0 ? 0xffffffffu : 0)
                    : (x == 0x80000000u && y == 0xffffffffu) ? 0 : (uint32_t)((int32_t)x / (int32_t)y);
        CHECK(o.gpr[9] == dq, "divw %08x %08x -> %08x want %08x", x, y, o.gpr[9], dq);
        CHECK(o.gpr[10] == (y ? x / y : 0), "divwu %08x %08x", x, y);
        CHECK(o.gpr[11] == x * (uint32_t)sy16, "mulli");
    }
    test_end("compares, multiplies, divides (750 values for x/0)");
}

/* ---- 5: CR and XER --------------------------------------------------------------------- */

static void test_cr_xer(void)
{
    for (int k = 0; k < 500; k++) {
        PPCCPU c = fresh();
        uint32_t v = rng(), fxm = rng() & 0xff, old = rng();
        ppc_cr_write(&c, old);
        c.gpr[4] = v;
        uint32_t w[] = { 0x7c000120u | 4u << 21 | fxm << 12,    /* mtcrf fxm,4 */
                         0x7c600026u };                          /* mfcr 3 */
        PPCCPU o = run(&c, w, 2);
        uint32_t mask = 0;
        for (int i = 0; i < 8; i++)
            if (fxm & (0x80u >> i))
                mask |= 0xf0000000u >> (4 * i);
        uint32_t want = (old & ~mask) | (v & mask);
        CHECK(o.gpr[3] == want && ppc_cr_read(&o) == want, "mtcrf %02x: %08x want %08x", fxm, o.gpr[3], want);

        /* mcrf 5,2; crxor 1,2,3 ; creqv 9,9,9 ; crandc 10,11,12 ; cror 13,14,14 */
        unsigned a = rng() & 31, b = rng() & 31, t = rng() & 31;
        ppc_cr_write(&c, old);
        uint32_t w2[] = { 0x4e880000u, X(19, t, a, b, 193, 0) };
        o = run(&c, w2, 2);
        uint32_t cr = (old & ~0x00000f00u) | ((old >> 20) & 0xf) << 8;
        uint32_t ba = (cr >> (31 - a)) & 1, bb = (cr >> (31 - b)) & 1;
        cr = (cr & ~(0x80000000u >> t)) | (ba ^ bb) << (31 - t);
        CHECK(ppc_cr_read(&o) == cr, "mcrf+crxor %u %u %u: %08x want %08x", t, a, b, ppc_cr_read(&o), cr);

        /* mtxer 4; mcrxr 7; mfxer 5 */
        uint32_t w3[] = { 0x7c8103a6u, 0x7f800400u, 0x7ca102a6u };
        c.gpr[4] = v;
        o = run(&c, w3, 3);
        CHECK(cr_field(&o, 7) == (v >> 28 & 0xe) && o.gpr[5] == (v & 0x1fffffffu),
              "mtxer/mcrxr/mfxer %08x: cr7 %x xer %08x", v, cr_field(&o, 7), o.gpr[5]);
    }
    test_end("mtcrf/mfcr, mcrf, CR logical, mtxer/mcrxr/mfxer");
}

/* ---- 6: memory -------------------------------------------------------------------------- */

static void test_memory(void)
{
    PPCCPU c = fresh(), o;
    memset(mem + DATA, 0, 0x1000);
    for (int i = 0; i < 64; i++)
        mem[DATA + i] = (uint8_t)(0x10 + i);
    c.gpr[4] = DATA;
    c.gpr[5] = 4;
    c.gpr[6] = 0x11223344;
    /* lwbrx 3,4,5 ; lhbrx 7,4,5 ; stwbrx 6,4,5 (at DATA+4) ; lha 8,0(4) */
    uint32_t w[] = { X(31, 3, 4, 5, 534, 0), X(31, 7, 4, 5, 790, 0), X(31, 6, 4, 5, 662, 0), D(42, 8, 4, 0x80) };
    mem[DATA + 0x80] = 0x80;
    o = run(&c, w, 4);
    CHECK(o.gpr[3] == 0x17161514 && o.gpr[7] == 0x1514, "lwbrx %08x lhbrx %08x", o.gpr[3], o.gpr[7]);
    CHECK(rd32(DATA + 4) == 0x44332211, "stwbrx %08x", rd32(DATA + 4));
    CHECK(o.gpr[8] == 0xffff8000, "lha sign extension %08x", o.gpr[8]);

    /* lmw 28,0(4) ; stmw 28,0x100(4) ; lwzu 9,8(4) */
    c = fresh();
    c.gpr[4] = DATA;
    uint32_t w2[] = { D(46, 28, 4, 0), D(47, 28, 4, 0x100), D(33, 9, 4, 8) };
    o = run(&c, w2, 3);
    CHECK(o.gpr[28] == 0x10111213 && o.gpr[31] == 0x1c1d1e1f && rd32(DATA + 0x10c) == 0x1c1d1e1f,
          "lmw/stmw %08x %08x", o.gpr[28], o.gpr[31]);
    CHECK(o.gpr[9] == 0x18191a1b && o.gpr[4] == DATA + 8, "lwzu %08x ra %08x", o.gpr[9], o.gpr[4]);

    /* lswi 30,4,7 (r30, r31 with padding) ; stswi 30,10,7 */
    for (int i = 0; i < 64; i++)
        mem[DATA + i] = (uint8_t)(0x10 + i);
    c = fresh();
    c.gpr[4] = DATA + 1;
    c.gpr[10] = DATA + 0x200;
    uint32_t w3[] = { X(31, 30, 4, 7, 597, 0), X(31, 30, 10, 7, 725, 0) };
    o = run(&c, w3, 2);
    CHECK(o.gpr[30] == 0x11121314 && o.gpr[31] == 0x15161700, "lswi %08x %08x", o.gpr[30], o.gpr[31]);
    CHECK(!memcmp(mem + DATA + 0x200, mem + DATA + 1, 7) && mem[DATA + 0x207] == 0, "stswi");

    /* lswx/stswx with XER byte counts 0..9, wrapping from r31 to r0 */
    for (uint32_t n = 0; n <= 9; n++) {
        c = fresh();
        c.gpr[4] = DATA;
        c.gpr[5] = 0x20;
        c.gpr[10] = DATA + 0x300;
        c.gpr[31] = c.gpr[0] = c.gpr[1] = 0xdeadbeef;
        c.xer_rest = n;
        memset(mem + DATA + 0x300, 0xee, 16);
        uint32_t w4[] = { X(31, 31, 4, 5, 533, 0), X(31, 31, 10, 11, 661, 0) };
        o = run(&c, w4, 2);
        uint8_t want[12] = { 0 };
        memcpy(want, mem + DATA + 0x20, n);
        uint32_t r31 = n ? (uint32_t)want[0] << 24 | want[1] << 16 | want[2] << 8 | want[3] : 0xdeadbeef;
        uint32_t r0 = n > 4 ? (uint32_t)want[4] << 24 | want[5] << 16 | want[6] << 8 | want[7] : 0xdeadbeef;
        uint32_t r1 = n > 8 ? (uint32_t)want[8] << 24 : 0xdeadbeef;
        CHECK(o.gpr[31] == r31 && o.gpr[0] == r0 && o.gpr[1] == r1, "lswx n=%u: %08x %08x %08x",
              n, o.gpr[31], o.gpr[0], o.gpr[1]);
        CHECK(!memcmp(mem + DATA + 0x300, want, n) && mem[DATA + 0x300 + n] == 0xee, "stswx n=%u", n);
    }

    /* dcbz clears the aligned 32-byte block */
    memset(mem + DATA + 0x400, 0xaa, 0x60);
    c = fresh();
    c.gpr[4] = DATA + 0x400;
    c.gpr[5] = 0x2b;
    uint32_t w5 = X(31, 0, 4, 5, 1014, 0);
    o = run(&c, &w5, 1);
    CHECK(mem[DATA + 0x41f] == 0xaa && mem[DATA + 0x420] == 0 && mem[DATA + 0x43f] == 0 &&
          mem[DATA + 0x440] == 0xaa, "dcbz block");

    /* lwarx/stwcx.: success, then failure without a reservation */
    wr32(DATA + 0x500, 41);
    c = fresh();
    c.gpr[4] = DATA + 0x500;
    uint32_t w6[] = { X(31, 3, 0, 4, 20, 0), D(14, 3, 3, 1), X(31, 3, 0, 4, 150, 1),
                      0x7c000026u | 5u << 21,                  /* mfcr 5 */
                      X(31, 3, 0, 4, 150, 1), 0x7c000026u | 6u << 21 };
    o = run(&c, w6, 6);
    CHECK(rd32(DATA + 0x500) == 42 && (o.gpr[5] >> 28) == 2 && (o.gpr[6] >> 28) == 0,
          "lwarx/stwcx.: mem %u cr0 %x then %x", rd32(DATA + 0x500), o.gpr[5] >> 28, o.gpr[6] >> 28);
    /* failure when the word changed in between */
    c = fresh();
    c.gpr[4] = DATA + 0x500;
    c.gpr[7] = 99;
    uint32_t w7[] = { X(31, 3, 0, 4, 20, 0), D(36, 7, 4, 0), D(14, 3, 3, 1), X(31, 3, 0, 4, 150, 1) };
    o = run(&c, w7, 4);
    CHECK(rd32(DATA + 0x500) == 99 && o.cr[2] == 0, "stwcx. after a store must fail");
    test_end("loads/stores: byte-reversed, multiple, strings, dcbz, lwarx/stwcx.");
}

/* ---- 7: branches ------------------------------------------------------------------------- */

static void test_branches(void)
{
    PPCCPU c = fresh();
    c.gpr[3] = 10;
    c.gpr[4] = 0;
    /* mtctr 3 ; loop: addi 4,4,3 ; bdnz loop ; bl f ; b end ; f: mflr 5 ; blr ; end: */
    uint32_t w[] = { 0x7c6903a6, D(14, 4, 4, 3), 0x4200fffc, 0x48000009, 0x4800000c,
                     0x7ca802a6, 0x4e800020 };
    PPCCPU o = run(&c, w, 7);
    CHECK(o.gpr[4] == 30 && o.ctr == 0 && o.gpr[5] == CODE + 16, "bdnz loop %u, lr %08x", o.gpr[4], o.gpr[5]);

    /* bcctrl through CTR; beq taken/not taken on cr7 */
    c = fresh();
    c.gpr[6] = CODE + 12;
    c.cr[4 * 7 + 2] = 1;
    /* mtctr 6 ; bctrl ; b +12 ; (12:) li 7,1 ; blr ; (20:) beq 7,+8 ; li 8,5 ; */
    uint32_t w2[] = { 0x7cc903a6, 0x4e800421, 0x4800000c, D(14, 7, 0, 1), 0x4e800020,
                      0x419e0008, D(14, 8, 0, 5) };
    o = run(&c, w2, 7);
    CHECK(o.gpr[7] == 1 && o.gpr[8] == 0 && o.lr == CODE + 8, "bctrl/beq: r7 %u r8 %u lr %08x",
          o.gpr[7], o.gpr[8], o.lr);
    test_end("bdnz, bl/blr, bctrl, conditional branches");
}

/* ---- 8: FPU ------------------------------------------------------------------------------ */

static PPCCPU fp_run(uint64_t f1, uint64_t f2, uint64_t f3, uint32_t fpscr, const uint32_t *w, unsigned n)
{
    PPCCPU c = fresh();
    c.fpr[1] = f1;
    c.fpr[2] = f2;
    c.fpr[3] = f3;
    c.fpscr = fpscr;
    return run(&c, w, n);
}

static void test_fpu(void)
{
    static const struct { double x; uint32_t rn[4]; } cvt[] = {
        { 2.5, { 2, 2, 3, 2 } }, { -2.5, { 0xfffffffe, 0xfffffffe, 0xfffffffe, 0xfffffffd } },
        { 3.5, { 4, 3, 4, 3 } }, { 1e10, { 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff } },
        { -1e10, { 0x80000000, 0x80000000, 0x80000000, 0x80000000 } },
        { NAN, { 0x80000000, 0x80000000, 0x80000000, 0x80000000 } },
    };
    for (size_t i = 0; i < sizeof cvt / sizeof cvt[0]; i++) {
        for (uint32_t rn = 0; rn < 4; rn++) {
            uint32_t w[] = { X(63, 4, 0, 1, 14, 0), X(63, 5, 0, 1, 15, 0) };   /* fctiw 4,1 ; fctiwz 5,1 */
            PPCCPU o = fp_run(dbits(cvt[i].x), 0, 0, rn, w, 2);
            CHECK((uint32_t)o.fpr[4] == cvt[i].rn[rn], "fctiw %g rn %u -> %08x", cvt[i].x, rn, (uint32_t)o.fpr[4]);
            uint32_t tz = isnan(cvt[i].x) || cvt[i].x < -2147483648.0 ? 0x80000000u
                        : cvt[i].x > 2147483647.0 ? 0x7fffffffu : (uint32_t)(int32_t)cvt[i].x;
            CHECK((uint32_t)o.fpr[5] == tz, "fctiwz %g -> %08x", cvt[i].x, (uint32_t)o.fpr[5]);
            bool inval = isnan(cvt[i].x) || fabs(cvt[i].x) > 3e9;
            CHECK(!!(o.fpscr & PPC_FPSCR_VXCVI) == inval && !!(o.fpscr & PPC_FPSCR_VX) == inval,
                  "fctiw %g VXCVI fpscr %08x", cvt[i].x, o.fpscr);
            CHECK((o.fpscr & 3) == rn, "rounding mode kept");
        }
    }

    /* default NaN: inf - inf is +0x7ff8..., VXISI, FX; fadd of a NaN keeps it */
    uint32_t wsub = A(63, 4, 1, 2, 0, 20);                               /* fsub 4,1,2 */
    PPCCPU o = fp_run(dbits(INFINITY), dbits(INFINITY), 0, 0, &wsub, 1);
    CHECK(o.fpr[4] == 0x7ff8000000000000ull, "inf-inf %016llx", (unsigned long long)o.fpr[4]);
    CHECK((o.fpscr & (PPC_FPSCR_VXISI | PPC_FPSCR_VX | PPC_FPSCR_FX)) ==
          (PPC_FPSCR_VXISI | PPC_FPSCR_VX | PPC_FPSCR_FX) && (o.fpscr & PPC_FPSCR_FPRF) == 0x11000,
          "inf-inf fpscr %08x", o.fpscr);
    o = fp_run(0xfff8000000001234ull, dbits(1.0), 0, 0, &wsub, 1);
    CHECK(o.fpr[4] == 0xfff8000000001234ull && !(o.fpscr & PPC_FPSCR_VX), "NaN propagates with sign");
    o = fp_run(dbits(1.0), 0x7ff0000000000001ull, 0, 0, &wsub, 1);
    CHECK(o.fpr[4] == 0x7ff8000000000001ull && (o.fpscr & PPC_FPSCR_VXSNAN), "SNaN quieted, VXSNAN");

    /* fmadd NaN priority: A, then B (addend), then C */
    uint32_t wfma = A(63, 4, 1, 2, 3, 29);                               /* fmadd 4,1,3,2 */
    o = fp_run(0x7ff8000000000001ull, 0x7ff8000000000002ull, 0x7ff8000000000003ull, 0, &wfma, 1);
    CHECK(o.fpr[4] == 0x7ff8000000000001ull, "fmadd NaN A %016llx", (unsigned long long)o.fpr[4]);
    o = fp_run(dbits(1.0), 0x7ff8000000000002ull, 0x7ff0000000000003ull, 0, &wfma, 1);
    CHECK(o.fpr[4] == 0x7ff8000000000002ull, "fmadd NaN B %016llx", (unsigned long long)o.fpr[4]);
    o = fp_run(dbits(1.0), dbits(2.0), 0x7ff0000000000003ull, 0, &wfma, 1);
    CHECK(o.fpr[4] == 0x7ff8000000000003ull, "fmadd NaN C quieted %016llx", (unsigned long long)o.fpr[4]);
    o = fp_run(dbits(0.0), dbits(1.0), dbits(INFINITY), 0, &wfma, 1);
    CHECK(o.fpr[4] == 0x7ff8000000000000ull && (o.fpscr & PPC_FPSCR_VXIMZ), "0*inf+1 VXIMZ %08x", o.fpscr);
    /* fused: 1 + 2^-30 squared minus 1 keeps the 2^-60 term */
    uint32_t wfms = A(63, 4, 1, 2, 1, 28);                               /* fmsub 4,1,1,2 */
    double e = 1.0 + 0x1p-30;
    o = fp_run(dbits(e), dbits(1.0), 0, 0, &wfms, 1);
    CHECK(bitsd(o.fpr[4]) == 0x1p-29 + 0x1p-60, "fmsub is fused: %a", bitsd(o.fpr[4]));
    uint32_t wfnm = A(63, 4, 1, 2, 3, 31);                               /* fnmadd 4,1,3,2 */
    o = fp_run(dbits(INFINITY), dbits(-INFINITY), dbits(1.0), 0, &wfnm, 1);
    CHECK(o.fpr[4] == 0x7ff8000000000000ull && (o.fpscr & PPC_FPSCR_VXISI), "fnmadd default NaN is positive");

    /* single precision: fadds rounds to single; FPRF of a single denormal */
    uint32_t wadds = A(59, 4, 1, 2, 0, 21);
    o = fp_run(dbits(1.0), dbits(0x1p-30), 0, 0, &wadds, 1);
    CHECK(bitsd(o.fpr[4]) == 1.0 && (o.fpscr & (PPC_FPSCR_XX | PPC_FPSCR_FI)) == (PPC_FPSCR_XX | PPC_FPSCR_FI),
          "fadds rounds: %a fpscr %08x", bitsd(o.fpr[4]), o.fpscr);
    uint32_t wmuls = A(59, 4, 1, 0, 2, 25);
    o = fp_run(dbits(0x1p-100), dbits(0x1p-40), 0, 0, &wmuls, 1);
    CHECK(bitsd(o.fpr[4]) == 0x1p-140 && (o.fpscr & PPC_FPSCR_FPRF) == 0x14000, "fmuls denormal FPRF %08x",
          o.fpscr);

    /* lfs/stfs keep a signalling NaN; frsp quiets it */
    wr32(DATA, 0xff800001u);
    PPCCPU c = fresh();
    c.gpr[4] = DATA;
    uint32_t wls[] = { D(48, 1, 4, 0), D(52, 1, 4, 4), X(63, 2, 0, 1, 12, 0), D(52, 2, 4, 8) };
    o = run(&c, wls, 4);
    CHECK(o.fpr[1] == 0xfff0000020000000ull && rd32(DATA + 4) == 0xff800001u && rd32(DATA + 8) == 0xffc00001u,
          "lfs/stfs SNaN %016llx %08x, frsp %08x", (unsigned long long)o.fpr[1], rd32(DATA + 4), rd32(DATA + 8));
    CHECK((o.fpscr & PPC_FPSCR_VXSNAN) && (o.fpscr & PPC_FPSCR_VX), "frsp of SNaN sets VXSNAN %08x", o.fpscr);
    o = run(&c, wls, 2);
    CHECK(isnan(bitsd(o.fpr[1])) && rd32(DATA + 4) == 0xff800001u && o.fpscr == 0,
          "lfs/stfs raise nothing: %08x", o.fpscr);

    /* fsel: -0 >= 0 picks C; NaN picks B */
    uint32_t wsel = A(63, 4, 1, 2, 3, 23);
    o = fp_run(dbits(-0.0), dbits(2.0), dbits(3.0), 0, &wsel, 1);
    CHECK(bitsd(o.fpr[4]) == 3.0, "fsel -0");
    o = fp_run(0x7ff8000000000000ull, dbits(2.0), dbits(3.0), 0, &wsel, 1);
    CHECK(bitsd(o.fpr[4]) == 2.0, "fsel NaN");

    /* fcmpu into cr6; fcmpo with a QNaN raises VXVC */
    uint32_t wcmp[] = { X(63, 6u << 2, 1, 2, 0, 0), X(63, 5u << 2, 1, 3, 32, 0) };
    o = fp_run(dbits(1.0), dbits(2.0), 0x7ff8000000000000ull, 0, wcmp, 2);
    CHECK(cr_field(&o, 6) == 8 && cr_field(&o, 5) == 1 && (o.fpscr & PPC_FPSCR_VXVC) &&
          !(o.fpscr & PPC_FPSCR_VXSNAN), "fcmpu/fcmpo cr6 %x cr5 %x fpscr %08x", cr_field(&o, 6),
          cr_field(&o, 5), o.fpscr);

    /* mtfsfi 7,2 ; mtfsb1 29 (NI) ; mffs 4 ; mtfsb0 30 ; mcrfs 2,7 ; fdiv by zero ; fadd. */
    uint32_t wfs[] = { 0xff80210c, 0xffa0004c, 0xfc80048e, 0xffc0008c, 0xfd1c0080,
                       A(63, 5, 1, 2, 0, 18), A(63, 6, 1, 1, 0, 21) | 1 };
    o = fp_run(dbits(1.0), dbits(0.0), 0, 0, wfs, 7);
    CHECK((uint32_t)o.fpr[4] == (2 | PPC_FPSCR_NI), "mffs after mtfsfi/mtfsb1: %08x", (uint32_t)o.fpr[4]);
    CHECK(cr_field(&o, 2) == 4, "mcrfs 2,7: %x", cr_field(&o, 2));
    CHECK(bitsd(o.fpr[5]) == INFINITY && (o.fpscr & (PPC_FPSCR_ZX | PPC_FPSCR_FX)) == (PPC_FPSCR_ZX | PPC_FPSCR_FX),
          "fdiv by zero ZX %08x", o.fpscr);
    CHECK((o.fpscr & 3) == 0 && cr_field(&o, 1) == 8, "rounding now %u, CR1 %x", o.fpscr & 3, cr_field(&o, 1));
    test_end("FPU: conversions, NaNs, fused ops, single precision, lfs/stfs, fsel, compares, FPSCR");
}

int main(void)
{
    ir_verify_enabled = true;
    test_rotates();
    test_add_family();
    test_shifts();
    test_cmp_mul_div();
    test_cr_xer();
    test_memory();
    test_branches();
    test_fpu();
    fesetround(FE_TONEAREST);
    printf("%d passed, %d failed\n", test_no - test_failed, test_failed);
    return test_failed != 0;
}
#endif
