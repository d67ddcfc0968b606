/*
 * x64_glue.c - the x86-64 tier-1 backend: entry trampoline, block layout,
 * exits and chaining, helper calls, and the Backend table.
 *
 * Conventions of generated code (ir/backend.h gives the contract):
 *  - enter(cpu, guest_base, code) lives in a page allocated by init().  It
 *    pushes the six callee-saved GPRs, reserves X64_FRAME bytes of spill
 *    slots, puts cpu in rbx and guest_base in r15, and CALLs the block, so
 *    inside blocks rsp is 16-byte aligned (helper calls need no fix-up) and
 *    a block leaves to the dispatcher with a plain RET into the trampoline,
 *    which restores the registers.  rax is the return value: the patch site
 *    of an unchained direct exit, or NULL.  Chained and jump-cache jumps go
 *    block to block in the same frame.
 *  - Each block starts with `cmp dword [rbx+4], 0; jne <exit>`
 *    (header.exit_request).  A self-loop block (an exit back to its own
 *    start) first loads its pinned guest-state registers and puts that
 *    test at its loop header, where its back edges jump (x64_loop.c).
 *  - Direct exits (GOTO, EXIT_IF) own a patch site: a 5-byte `jmp rel32`
 *    whose rel32 is 4-byte aligned (so patching is one atomic aligned store)
 *    followed by `nopl [rax + disp32]` whose disp32 holds the original
 *    rel32, which reset_exit copies back.  Initially the jmp goes to a cold
 *    stub that stores pc and exit_code = IR_EXIT_NONE, loads rax with the
 *    site and returns.  EXIT_IF is `jn<cc> over; jmp site`, so a chained
 *    taken exit costs one jump.
 *  - A block is laid out [main][cold][pool]: see x64_internal.h.  The
 *    buffer given to compile is the block's final place (rel32 calls to
 *    helpers and the patch-site alignment depend on it).
 *  - JUMP looks header.jmp_cache up inline (see x64_jump).
 *  - TRAP / TRAP_IF store pc, exit_code, exit_arg and return NULL.
 *  - Sticky MXCSR flags and its rounding mode are the guest's FP
 *    environment; generated code never changes the rounding mode.
 * flush_icache does nothing: x86 keeps instruction fetch coherent with
 * stores (SDM Vol. 3A 8.1.3); chaining patches are naturally aligned
 * 4-byte stores of a jmp's displacement, which other threads see whole.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "x64_internal.h"

#define OFF_PC        ((int32_t)offsetof(IRCpuHeader, pc))
#define OFF_EXIT_REQ  ((int32_t)offsetof(IRCpuHeader, exit_request))
#define OFF_EXIT_CODE ((int32_t)offsetof(IRCpuHeader, exit_code))
#define OFF_EXIT_ARG  ((int32_t)offsetof(IRCpuHeader, exit_arg))
#define OFF_JC        ((int32_t)offsetof(IRCpuHeader, jmp_cache))

_Static_assert(offsetof(IRCpuHeader, exit_arg) == offsetof(IRCpuHeader, exit_code) + 4,
               "exit_code and exit_arg are stored together");

/* ---- sections and fixups ---------------------------------------------- */

static unsigned sec_of(const X64Ctx *x, const X64Buf *c)
{
    return c == &x->cold ? X64_SEC_COLD : X64_SEC_MAIN;
}

void x64_fixup(X64Ctx *x, unsigned sec, size_t field, size_t end, unsigned to, size_t target)
{
    if (x->nfix == x->fix_cap) {
        uint32_t cap = x->fix_cap ? x->fix_cap * 2 : 256;
        X64Fixup *f = realloc(x->fix, cap * sizeof *f);
        if (!f) {
            x->oom = true;
            return;
        }
        x->fix = f;
        x->fix_cap = cap;
    }
    x->fix[x->nfix++] = (X64Fixup){ .sec = (uint8_t)sec, .to = (uint8_t)to, .field = (uint32_t)field,
                                     .end = (uint32_t)end, .target = (uint32_t)target };
}

size_t x64_jcc_cold(X64Ctx *x, int cc)
{
    if (cc < 0)
        x64_jmp32(&x->c, 0);
    else
        x64_jcc32(&x->c, (X64Cond)cc, 0);
    return x->c.pos - 4;
}

void x64_bind_cold(X64Ctx *x, size_t field)
{
    x64_fixup(x, X64_SEC_MAIN, field, field + 4, X64_SEC_COLD, x->cold.pos);
}

void x64_jmp_main(X64Ctx *x, size_t main_target)
{
    x64_jmp32(&x->cold, 0);
    x64_fixup(x, X64_SEC_COLD, x->cold.pos - 4, x->cold.pos, X64_SEC_MAIN, main_target);
}

void x64_jcc_main(X64Ctx *x, X64Cond cc, size_t main_target)
{
    x64_jcc32(&x->cold, cc, 0);
    x64_fixup(x, X64_SEC_COLD, x->cold.pos - 4, x->cold.pos, X64_SEC_MAIN, main_target);
}

static uint32_t pool_entry(X64Ctx *x, uint64_t lo, uint64_t hi)
{
    for (uint32_t k = 0; k < x->npool; k++) {
        uint64_t e[2];
        memcpy(e, x->pool + 16 * k, 16);
        if (e[0] == lo && e[1] == hi)
            return k;
    }
    if (x->npool == x->pool_cap) {
        uint32_t cap = x->pool_cap ? x->pool_cap * 2 : 32;
        uint8_t *p = realloc(x->pool, (size_t)cap * 16);
        if (!p) {
            x->oom = true;
            return 0;
        }
        x->pool = p;
        x->pool_cap = cap;
    }
    if (!x->pool)
        return 0;
    memcpy(x->pool + 16 * x->npool, &lo, 8);
    memcpy(x->pool + 16 * x->npool + 8, &hi, 8);
    return x->npool++;
}

void x64_rr_pool(X64Ctx *x, X64Buf *c, uint32_t op, unsigned reg, uint64_t lo, uint64_t hi)
{
    uint32_t k = pool_entry(x, lo, hi);
    x64_rm(c, op, reg, x64_mem(X64_RIP, 0));
    x64_fixup(x, sec_of(x, c), c->disp_pos, c->pos, X64_SEC_POOL, 16 * k);
}

void x64_vrr_pool(X64Ctx *x, X64Buf *c, uint32_t op, unsigned reg, unsigned v, uint64_t lo, uint64_t hi)
{
    uint32_t k = pool_entry(x, lo, hi);
    x64_vrm(c, op, reg, v, x64_mem(X64_RIP, 0));
    x64_fixup(x, sec_of(x, c), c->disp_pos, c->pos, X64_SEC_POOL, 16 * k);
}

/* ---- exits -------------------------------------------------------------- */

/* Stores exit_code (and exit_arg when given) in as few stores as fit. */
static void store_exit(X64Buf *c, uint32_t pc, unsigned code, bool with_arg, uint32_t arg)
{
    x64_mov_mi(c, false, x64_cpu_mem(OFF_PC), (int32_t)pc);
    uint64_t both = (uint64_t)arg << 32 | code;
    if (with_arg && (int64_t)both == (int32_t)both) {
        x64_mov_mi(c, true, x64_cpu_mem(OFF_EXIT_CODE), (int32_t)both);
    } else {
        x64_mov_mi(c, false, x64_cpu_mem(OFF_EXIT_CODE), (int32_t)code);
        if (with_arg)
            x64_mov_mi(c, false, x64_cpu_mem(OFF_EXIT_ARG), (int32_t)arg);
    }
}

static void ret_null(X64Buf *c)
{
    x64_alu_rr(c, X64_ALU_XOR, false, X64_RAX, X64_RAX);
    x64_op(c, X64_RET);
}

enum { SITE_ORIG = 8, SITE_SIZE = 12 };   /* jmp rel32 ; nopl [rax+orig32] */

/* The patch site at main's current position (aligned by the caller). */
static void chain_site(X64Ctx *x, uint32_t pc)
{
    size_t site = x->c.pos;
    assert((((uintptr_t)x->buf + site + 1) & 3) == 0 || x64_overflow(&x->c));
    x64_jmp32(&x->c, 0);
    /* the original rel32, for reset_exit, as the disp32 of a NOP so that
     * disassemblers (and the decoders) see instructions throughout */
    x64_rm(&x->c, X64_NOPL, 0, x64_mem(X64_RAX, 0x7fffffff));
    x64_fixup(x, X64_SEC_MAIN, site + 1, site + 5, X64_SEC_COLD, x->cold.pos);
    x64_fixup(x, X64_SEC_MAIN, site + SITE_ORIG, site + 5, X64_SEC_COLD, x->cold.pos);

    X64Buf *k = &x->cold;
    store_exit(k, pc, IR_EXIT_NONE, false, 0);
    x64_rm(k, X64_LEA | X64_W, X64_RAX, x64_mem(X64_RIP, 0));
    x64_fixup(x, X64_SEC_COLD, k->disp_pos, k->pos, X64_SEC_MAIN, site);
    x64_op(k, X64_RET);
}

static unsigned pad_for(const X64Ctx *x, size_t before_rel)
{
    return (unsigned)((4 - (((uintptr_t)x->buf + x->c.pos + before_rel) & 3)) & 3);
}

void x64_goto(X64Ctx *x, uint32_t pc)
{
    x64_nop(&x->c, pad_for(x, 1));
    chain_site(x, pc);
}

void x64_exit_if(X64Ctx *x, X64Cond cc, uint32_t pc)
{
    x64_nop(&x->c, pad_for(x, 3));                /* jcc8 (2) + E9 (1) */
    x64_jcc8(&x->c, x64_cc_not(cc), SITE_SIZE);
    chain_site(x, pc);
}

void x64_trap(X64Ctx *x, int cc, unsigned code, uint32_t pc, uint32_t arg)
{
    X64Buf *k = &x->c;
    if (cc >= 0) {
        x64_bind_cold(x, x64_jcc_cold(x, cc));
        k = &x->cold;
    }
    store_exit(k, pc, code, true, arg);
    ret_null(k);
}

void x64_exit_request_check(X64Ctx *x, uint32_t pc)
{
    x64_alu_mi(&x->c, X64_ALU_CMP, false, x64_cpu_mem(OFF_EXIT_REQ), 0);
    x64_bind_cold(x, x64_jcc_cold(x, X64_CC_NE));
    store_exit(&x->cold, pc, IR_EXIT_NONE, false, 0);
    ret_null(&x->cold);
}

/* JUMP: entry = jmp_cache[(pc >> 2) & MASK], 16 bytes each, so its offset
 * is (pc & (MASK << 2)) * 4:
 *     mov  t, pc ; and t, MASK<<2 ; mov r11, [rbx+jc]
 *     cmp  [r11+t*4], pc64 ; jne miss ; jmp [r11+t*4+8]
 * The block is over, so every register but pc's is free for t. */
void x64_jump(X64Ctx *x, IRRef target)
{
    X64Buf *c = &x->c;
    unsigned rt = ra_use(&x->ra, target, X64_GPR_ALLOC);
    unsigned t = ra_temp(&x->ra, RA_GPR, X64_GPR_ALLOC);
    x64_rr(c, X64_MOV_RM_R, rt, t);
    x64_alu_ri(c, X64_ALU_AND, false, t, (int32_t)(IR_JC_MASK << 2));
    x64_rm(c, X64_MOV_R_RM | X64_W, X64_TMP, x64_cpu_mem(OFF_JC));
    x64_rm(c, X64_CMP_RM_R | X64_W, rt, x64_mem_idx(X64_TMP, (int)t, 2, 0));
    x64_bind_cold(x, x64_jcc_cold(x, X64_CC_NE));
    x64_rm(c, X64_JMP_RM, 0, x64_mem_idx(X64_TMP, (int)t, 2, 8));

    X64Buf *k = &x->cold;
    x64_rm(k, X64_MOV_RM_R, rt, x64_cpu_mem(OFF_PC));
    x64_mov_mi(k, false, x64_cpu_mem(OFF_EXIT_CODE), IR_EXIT_NONE);
    ret_null(k);
}

/* ---- helper calls -------------------------------------------------------- */

typedef struct Move {
    int dst, src;
    IRType t;
} Move;

static void emit_move(X64Buf *c, unsigned dst, unsigned src, IRType t)
{
    if (dst == src)
        return;
    if (dst >= 16)
        x64_rr(c, X64_MOVAPS_X_XM, HW(dst), HW(src));
    else
        x64_rr(c, X64_MOV_RM_R | (t == IR_I32 ? 0 : X64_W), src, dst);
}

/* Parallel move: no destination is written while another move still reads it;
 * cycles are broken through the scratch register of the class. */
static void par_move(X64Buf *c, Move *mv, int n)
{
    while (n > 0) {
        int pick = -1;
        for (int i = 0; i < n && pick < 0; i++) {
            bool blocked = false;
            for (int j = 0; j < n; j++)
                if (j != i && mv[j].src == mv[i].dst)
                    blocked = true;
            if (!blocked)
                pick = i;
        }
        if (pick < 0) {
            int d = mv[0].dst;
            unsigned tmp = d >= 16 ? XR(X64_XTMP) : X64_TMP;
            emit_move(c, tmp, (unsigned)d, d >= 16 ? IR_F64 : IR_I64);
            for (int j = 0; j < n; j++)
                if (mv[j].src == d)
                    mv[j].src = (int)tmp;
            continue;
        }
        emit_move(c, (unsigned)mv[pick].dst, (unsigned)mv[pick].src, mv[pick].t);
        mv[pick] = mv[--n];
    }
}

static void reload_to(X64Ctx *x, unsigned reg, const X64Arg *a)
{
    X64Buf *c = &x->c;
    if (a->r == IR_NONE) {
        x64_mov_ri(c, a->t == IR_I64, reg, a->imm);
    } else if (x64_is_const(x, a->r)) {
        x64_remat(x, reg, a->r);
    } else {
        int s = ra_slot(&x->ra, a->r);
        assert(s >= 0);
        if (reg >= 16)
            x64_rm(c, X64_MOVSD_X_XM, HW(reg), x64_slot_mem((unsigned)s));
        else
            x64_rm(c, X64_MOV_R_RM | X64_W, reg, x64_slot_mem((unsigned)s));
    }
}

void x64_call(X64Ctx *x, const void *fn, IRType ret, unsigned nargs, const X64Arg *args, IRRef r)
{
    static const uint8_t int_regs[3] = { X64_RSI, X64_RDX, X64_RCX };
    X64Buf *c = &x->c;
    Move mv[3];
    int nmv = 0;
    unsigned dst[3], ni = 0, nf = 0;

    ra_call(&x->ra, X64_CALLER_SAVED);
    for (unsigned k = 0; k < nargs; k++) {
        bool fp = args[k].t == IR_F32 || args[k].t == IR_F64;
        dst[k] = fp ? XR(nf++) : int_regs[ni++];
        if (args[k].r != IR_NONE && ra_reg(&x->ra, args[k].r) >= 0)
            mv[nmv++] = (Move){ (int)dst[k], ra_reg(&x->ra, args[k].r), args[k].t };
    }
    par_move(c, mv, nmv);
    for (unsigned k = 0; k < nargs; k++)
        if (args[k].r == IR_NONE || ra_reg(&x->ra, args[k].r) < 0)
            reload_to(x, dst[k], &args[k]);
    x64_rr(c, X64_MOV_RM_R | X64_W, X64_CPU_REG, X64_RDI);

    int64_t rel = (int64_t)((uintptr_t)fn - ((uintptr_t)x->buf + c->pos + 5));
    if (rel == (int32_t)rel) {
        x64_call32(c, (int32_t)rel);
    } else {
        x64_mov_ri(c, true, X64_TMP, (uint64_t)(uintptr_t)fn);
        x64_rr(c, X64_CALL_RM, 0, X64_TMP);
    }
    x64_loop_after_call(x, X64_CALLER_SAVED);
    ra_clobber(&x->ra, X64_CALLER_SAVED);
    if (r == IR_NONE || ret == IR_VOID)
        return;
    IRType t = ir_type(x->b, r);
    if (t == IR_F32 || t == IR_F64) {
        ra_def_fixed(&x->ra, r, XR(0));
    } else {
        ra_def_fixed(&x->ra, r, X64_RAX);
        if (t == IR_I32)        /* SysV leaves bits 63:32 of an int return undefined */
            x64_rr(c, X64_MOV_RM_R, X64_RAX, X64_RAX);
    }
}

static void lower_call(X64Ctx *x, IRRef i)
{
    const IRInsn *in = &x->b->insn[i];
    const IRHelper *h = ir_helper_get(in->aux);
    X64Arg a[3];
    const IRRef refs[3] = { in->a, in->b, in->c };
    if (!h) {
        fprintf(stderr, "xbt: x64: call of unknown helper %u\n", in->aux);
        abort();
    }
    for (unsigned k = 0; k < h->nargs; k++)
        a[k] = (X64Arg){ (IRType)h->arg[k], refs[k], 0 };
    x64_call(x, h->fn, (IRType)h->ret, h->nargs, a, i);
    if (h->flags & IR_HF_WRITES)              /* pinned slots may have changed */
        x64_loop_after_call(x, ~(uint64_t)X64_CALLER_SAVED);
}

/* ---- register allocator hooks -------------------------------------------- */

static void ra_move_cb(void *ctx, unsigned dst, unsigned src, IRType t)
{
    emit_move(&((X64Ctx *)ctx)->c, dst, src, t);
}

static void ra_spill_cb(void *ctx, unsigned reg, unsigned slot, IRType t)
{
    X64Ctx *x = ctx;
    if (reg >= 16)
        x64_rm(&x->c, X64_MOVSD_XM_X, HW(reg), x64_slot_mem(slot));
    else
        x64_rm(&x->c, X64_MOV_RM_R | X64_W, reg, x64_slot_mem(slot));
}

static void ra_reload_cb(void *ctx, unsigned reg, unsigned slot, IRType t)
{
    X64Ctx *x = ctx;
    if (reg >= 16)
        x64_rm(&x->c, X64_MOVSD_X_XM, HW(reg), x64_slot_mem(slot));
    else
        x64_rm(&x->c, X64_MOV_R_RM | (t == IR_I32 ? 0 : X64_W), reg, x64_slot_mem(slot));
}

static bool ra_is_call_cb(void *ctx, const IRBlock *b, IRRef i)
{
    const IRInsn *in = &b->insn[i];
    return in->op == IR_CALL || x64_fp_needs_call(ctx, in);
}

static const uint8_t gpr_order[] = {
    X64_RAX, X64_RCX, X64_RDX, X64_RSI, X64_RDI, X64_R8, X64_R9, X64_R10,
    X64_RBP, X64_R12, X64_R13, X64_R14, 0xff,
};
static const uint8_t fpr_order[] = {
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 0xff,
};

static const RATarget x64_ra_target = {
    .regs = { X64_GPR_ALLOC, X64_FPR_ALLOC },
    .callee_saved = X64_CALLEE_SAVED,
    .order = { gpr_order, fpr_order },
    .nslots = X64_NSLOTS,
    .move = ra_move_cb,
    .spill = ra_spill_cb,
    .reload = ra_reload_cb,
    .remat = x64_remat,
    .is_call = ra_is_call_cb,
};

/* ---- the block driver ------------------------------------------------------ */

enum {
    X64_COLD_RESERVE = 1024,  /* room for any single IR op's cold code */
};

static __thread X64Ctx *tls_ctx;

static X64Ctx *ctx_get(uint32_t n)
{
    X64Ctx *x = tls_ctx;
    if (!x) {
        x = calloc(1, sizeof *x);
        if (!x)
            return NULL;
        tls_ctx = x;
    }
    if (n > x->cap_n) {
        uint32_t cap = x->cap_n ? x->cap_n : 256;
        while (cap < n)
            cap *= 2;
        IRRef *at = realloc(x->at, cap * sizeof *at);
        if (at)
            x->at = at;
        uint16_t *f = realloc(x->mark, cap * sizeof *f);
        if (f)
            x->mark = f;
        uint32_t *u = realloc(x->nuse, cap * sizeof *u);
        if (u)
            x->nuse = u;
        uint32_t *l = realloc(x->last, cap * sizeof *l);
        if (l)
            x->last = l;
        int32_t *s = realloc(x->scratch, (cap + 1) * sizeof *s);
        if (s)
            x->scratch = s;
        if (!at || !f || !u || !l || !s)
            return NULL;
        x->cap_n = cap;
    }
    return x;
}

static bool cold_reserve(X64Ctx *x)
{
    if (x->cold_cap - x->cold.pos >= X64_COLD_RESERVE)
        return true;
    size_t cap = x->cold_cap ? x->cold_cap * 2 : 16384;
    uint8_t *p = realloc(x->cold_mem, cap);
    if (!p)
        return false;
    x->cold_mem = p;
    x->cold_cap = cap;
    x->cold.base = p;
    x->cold.cap = cap;
    return true;
}

/* An FCMP raises FP flags: it may only be evaluated later, at its user u,
 * when nothing in between can leave the block or look at the flags. */
static bool fcmp_movable(const IRBlock *b, IRRef c, IRRef u)
{
    for (IRRef i = c + 1; i < u; i++) {
        switch (b->insn[i].op) {
        case IR_EXIT_IF: case IR_TRAP_IF: case IR_CALL:
        case IR_LOAD: case IR_STORE: case IR_CMPXCHG:
            return false;
        default:
            break;
        }
    }
    return true;
}

/* ADD x, (SHL y, 1..3) with the SHL used only there: one lea. */
static void find_leas(X64Ctx *x)
{
    const IRBlock *b = x->b;
    for (IRRef u = 0; u < b->n; u++) {
        const IRInsn *in = &b->insn[u];
        if (in->op != IR_ADD)
            continue;
        const IRRef ops[2] = { in->b, in->a };
        for (int k = 0; k < 2; k++) {
            IRRef s = ops[k];
            const IRInsn *si = &b->insn[s];
            if (si->op != IR_SHL || si->type != in->type || x->nuse[s] != 1 || x->mark[s] ||
                !x64_is_const(x, si->b))
                continue;
            uint64_t n = x64_cval(x, si->b) & (in->type == IR_I64 ? 63 : 31);
            if (n < 1 || n > 3)
                continue;
            x->mark[s] = X64_M_LEA;
            x->at[s] = u;
            break;
        }
    }
}

/* AND (XOR/OR p, q), 0xff with p a zero-extended byte and the XOR/OR used
 * only there: `mov d, p; xor d8, q8` (the byte op leaves bits 31:8 of d
 * zero), one instruction shorter on the path through q. */
static void find_narrow(X64Ctx *x)
{
    const IRBlock *b = x->b;
    for (IRRef u = 0; u < b->n; u++) {
        const IRInsn *in = &b->insn[u];
        if (in->op != IR_AND || in->type != IR_I32)
            continue;
        IRRef s = x64_is_const(x, in->b) ? in->a : x64_is_const(x, in->a) ? in->b : IR_NONE;
        IRRef k = s == in->a ? in->b : in->a;
        if (s == IR_NONE || (uint32_t)x64_cval(x, k) != 0xff)
            continue;
        const IRInsn *si = &b->insn[s];
        if ((si->op != IR_XOR && si->op != IR_OR) || si->type != IR_I32 || x->nuse[s] != 1 ||
            x->mark[s] || x64_is_const(x, s) || !(x64_is_byte(x, si->a) || x64_is_byte(x, si->b)))
            continue;
        x->mark[s] = X64_M_NARROW;
        x->at[s] = u;
    }
}

/* Lowerings that write no flags when marked X64_M_KEEPFLAGS. */
static bool flag_safe(const X64Ctx *x, IRRef g)
{
    const IRInsn *in = &x->b->insn[g];
    switch (in->op) {
    case IR_INSN: case IR_CONST: case IR_GET: case IR_PUT:
        return true;
    case IR_ADD:
        return true;                      /* as lea */
    default:
        return (x->mark[g] & (X64_M_LEA | X64_M_FUSED)) != 0;   /* no code of their own */
    }
}

/* An exit on a SETCC that has other uses (a guest register PUT, typically)
 * branches on the flags the SETCC's compare left when nothing in between
 * writes flags: `cmp; setcc; movzx; mov [..]; jcc` without a test. */
static void find_flag_reuse(X64Ctx *x)
{
    const IRBlock *b = x->b;
    for (IRRef u = 0; u < b->n; u++) {
        const IRInsn *in = &b->insn[u];
        if (in->op != IR_EXIT_IF && in->op != IR_TRAP_IF)
            continue;
        IRRef c = in->a;
        if (b->insn[c].op != IR_SETCC || (x->mark[c] & X64_M_FUSED))
            continue;
        IRRef g;
        for (g = c + 1; g < u && flag_safe(x, g); g++)
            ;
        if (g < u)
            continue;
        x->mark[u] |= X64_M_REUSE;
        for (g = c + 1; g < u; g++)
            x->mark[g] |= X64_M_KEEPFLAGS;
    }
}

/* SETCCs of the same operands one after the other (PowerPC's LT/GT/EQ
 * bits of a CR field, a flag and its inverse): the later ones set their
 * result from the flags of the first one's compare when nothing in
 * between writes flags. */
static void find_cmp_reuse(X64Ctx *x)
{
    const IRBlock *b = x->b;
    IRRef prev = IR_NONE;
    for (IRRef j = 0; j < b->n; j++) {
        const IRInsn *in = &b->insn[j];
        if (in->op == IR_SETCC && (x->mark[j] & X64_M_FUSED) && prev != IR_NONE &&
            b->insn[prev].a == in->a && b->insn[prev].b == in->b &&
            ir_type(b, in->a) == ir_type(b, b->insn[prev].a)) {
            /* an exit's fused compare of the same operands: branch on prev's flags */
            IRRef u = x->at[j], g;
            if ((b->insn[u].op == IR_EXIT_IF || b->insn[u].op == IR_TRAP_IF) && b->insn[u].a == j) {
                for (g = prev + 1; g < u && flag_safe(x, g); g++)
                    ;
                if (g == u) {
                    x->mark[u] |= X64_M_REUSE;
                    x->at[j] = prev;
                    for (g = prev + 1; g < u; g++)
                        x->mark[g] |= X64_M_KEEPFLAGS;
                }
            }
        }
        if (in->op != IR_SETCC || (x->mark[j] & X64_M_FUSED)) {
            if (!flag_safe(x, j))
                prev = IR_NONE;
            continue;
        }
        if (prev != IR_NONE && b->insn[prev].a == in->a && b->insn[prev].b == in->b &&
            ir_type(b, in->a) == ir_type(b, b->insn[prev].a)) {
            x->mark[j] |= X64_M_CMPREUSE;
            x->at[j] = prev;              /* operands are read by prev's compare */
            for (IRRef g = prev + 1; g < j; g++)
                x->mark[g] |= X64_M_KEEPFLAGS;
        }
        prev = j;
    }
}

/* SELECTs on the same computed condition one after the other (a run of
 * conditionally executed ARM instructions): the later ones use the flags
 * of the first one's `test` when nothing in between writes flags. */
static void find_test_reuse(X64Ctx *x)
{
    const IRBlock *b = x->b;
    IRRef prev = IR_NONE;
    for (IRRef j = 0; j < b->n; j++) {
        const IRInsn *in = &b->insn[j];
        if (in->op != IR_SELECT || (x->mark[in->a] & X64_M_FUSED) || (x->mark[j] & X64_M_NANFIX)) {
            if (!flag_safe(x, j))
                prev = IR_NONE;
            continue;
        }
        if (prev != IR_NONE && b->insn[prev].a == in->a) {
            x->mark[j] |= X64_M_TESTREUSE;
            for (IRRef g = prev + 1; g < j; g++)
                x->mark[g] |= X64_M_KEEPFLAGS;
        }
        prev = j;
    }
}

/* A DIVU and a REMU (DIVS and REMS) of the same operands close together:
 * one x86 div gives both (quotient rax, remainder rdx).  The later one is
 * marked X64_M_PAIRED and reads its operands at the earlier one. */
static bool div_partner(unsigned op, unsigned op2)
{
    return (op == IR_DIVU && op2 == IR_REMU) || (op == IR_REMU && op2 == IR_DIVU) ||
           (op == IR_DIVS && op2 == IR_REMS) || (op == IR_REMS && op2 == IR_DIVS);
}

static void find_div_pairs(X64Ctx *x)
{
    const IRBlock *b = x->b;
    for (IRRef i = 0; i < b->n; i++) {
        const IRInsn *in = &b->insn[i];
        if ((in->op != IR_DIVU && in->op != IR_REMU && in->op != IR_DIVS && in->op != IR_REMS) ||
            x->mark[i])
            continue;
        for (IRRef j = i + 1; j < b->n && j <= i + X64_PAIR_WINDOW; j++) {
            const IRInsn *jn = &b->insn[j];
            if (div_partner(in->op, jn->op) && jn->type == in->type && jn->a == in->a &&
                jn->b == in->b && !x->mark[j]) {
                x->mark[j] = X64_M_PAIRED;
                x->at[j] = i;
                break;
            }
        }
    }
}

/* Finds compares that their only user can evaluate itself (cmp + jcc/cmov). */
static void find_fusions(X64Ctx *x)
{
    const IRBlock *b = x->b;
    for (IRRef i = 0; i < b->n; i++) {
        x->at[i] = i;
        x->mark[i] = 0;
        x->nuse[i] = 0;
    }
    for (IRRef i = 0; i < b->n; i++) {
        const IRInsn *in = &b->insn[i];
        const IROpInfo *oi = &ir_op_info[in->op];
        const uint32_t ops[3] = { in->a, in->b, in->c };
        for (int k = 0; k < 3; k++)
            if (oi->kind[k] == IR_K_R && ops[k] != IR_NONE)
                x->nuse[ops[k]]++;
    }
    for (IRRef u = 0; u < b->n; u++) {
        const IRInsn *in = &b->insn[u];
        if (in->op != IR_EXIT_IF && in->op != IR_TRAP_IF && in->op != IR_SELECT)
            continue;
        IRRef c = in->a;
        const IRInsn *ci = &b->insn[c];
        if (x->nuse[c] != 1)
            continue;
        if (ci->op == IR_FCMP && !(x64_fcmp_fusable(ci->aux) && fcmp_movable(b, c, u)))
            continue;
        if (ci->op == IR_SETCC || ci->op == IR_FCMP) {
            x->at[c] = u;
            x->mark[c] = X64_M_FUSED;
        }
    }
    find_leas(x);
    x64_find_nanfix(x);
    find_narrow(x);
    find_flag_reuse(x);
    find_cmp_reuse(x);
    find_test_reuse(x);
    find_div_pairs(x);
}

/* Can GET g be read as a memory operand at instruction `when` instead?
 * It must have no other use and no guest-state write may come between. */
static bool get_foldable(const X64Ctx *x, IRRef g, IRRef when)
{
    const IRBlock *b = x->b;
    if (b->insn[g].op != IR_GET || x->nuse[g] != 1 ||
        x64_pinned_slot(x, b->insn[g].a, (IRType)b->insn[g].type))
        return false;
    for (IRRef i = g + 1; i < when; i++) {
        const IRInsn *in = &b->insn[i];
        if (in->op == IR_PUT)
            return false;
        if (in->op == IR_CALL) {
            const IRHelper *h = ir_helper_get(in->aux);
            if (!h || (h->flags & IR_HF_WRITES))
                return false;
        }
    }
    return true;
}

/* Marks GETs that their user reads straight from the CPU struct
 * (`add eax, [rbx+off]`, `cmp ecx, [rbx+off]`, `addsd xmm0, [rbx+off]`).
 * The rules mirror the lowerings: constants take the immediate paths. */
static void find_folds(X64Ctx *x)
{
    const IRBlock *b = x->b;
    for (IRRef i = 0; i < b->n; i++) {
        const IRInsn *in = &b->insn[i];
        IRRef when = x->at[i];
        switch (in->op) {
        case IR_ADD: case IR_SUB: case IR_MUL: case IR_AND: case IR_OR: case IR_XOR:
        case IR_SETCC:
            if (x64_is_const(x, in->a) || x64_is_const(x, in->b) || in->a == in->b)
                break;
            if ((x->mark[i] & (X64_M_KEEPFLAGS | X64_M_NARROW)) ||
                ((x->mark[in->a] | x->mark[in->b]) & X64_M_LEA))
                break;                    /* lea and byte ops need registers */
            if (get_foldable(x, in->b, when))
                x->mark[in->b] |= X64_M_FOLDED;
            else if ((in->op == IR_SETCC || (ir_op_info[in->op].flags & IR_OF_COMM)) &&
                     get_foldable(x, in->a, when))
                x->mark[in->a] |= X64_M_FOLDED;
            break;
        case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV:
            if (!x64_is_const(x, in->b) && in->a != in->b && get_foldable(x, in->b, when))
                x->mark[in->b] |= X64_M_FOLDED;
            break;
        default:
            break;
        }
    }
}

/* The caller owns the map's arrays (backend.h): a full map declines. */
static bool pcmap_add(BackendPcMap *m, uint32_t off, uint32_t pc)
{
    if (m->n >= m->cap)
        return false;
    m->host_off[m->n] = off;
    m->guest_pc[m->n] = pc;
    m->n++;
    return true;
}

static void lower(X64Ctx *x, IRRef i)
{
    const IRInsn *in = &x->b->insn[i];
    switch ((IROp)in->op) {
    case IR_CONST:
        break;
    case IR_INSN:
        if (x->pcmap && !pcmap_add(x->pcmap, (uint32_t)x->c.pos, in->a))
            x->pcmap_full = true;
        break;
    case IR_GET:
        if (!(x->mark[i] & X64_M_FOLDED) && !x64_loop_get(x, i))
            x64_lower_mem(x, i);
        break;
    case IR_PUT:
        if (!x64_loop_put(x, i))
            x64_lower_mem(x, i);
        break;
    case IR_LOAD: case IR_STORE: case IR_CMPXCHG: case IR_FENCE:
        x64_lower_mem(x, i);
        break;
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT: case IR_FABS:
    case IR_FNEG: case IR_FMA: case IR_FCMP: case IR_FCVT: case IR_ITOF: case IR_FTOI:
    case IR_BITCAST: case IR_DEFNAN:
        if (!(x->mark[i] & X64_M_FUSED))
            x64_lower_fp(x, i);
        break;
    case IR_CALL:
        lower_call(x, i);
        break;
    case IR_EXIT_IF: case IR_TRAP_IF: {
        uint64_t v;
        bool back = x64_is_loop(x) && ir_loop_is_back_edge(x->b, i);
        if (x64_is_const(x, in->a)) {
            v = x64_cval(x, in->a);
            if ((uint32_t)v == 0)
                break;
            if (in->op == IR_EXIT_IF && back)
                x64_loop_back(x, -1);
            else if (in->op == IR_EXIT_IF)
                x64_goto(x, in->b);
            else
                x64_trap(x, -1, in->aux, in->b, in->c);
            break;
        }
        X64Cond cc;
        if (x->mark[i] & X64_M_REUSE) {
            bool fused = x->mark[in->a] & X64_M_FUSED;       /* find_cmp_reuse */
            IRRef src = fused ? x->at[in->a] : in->a;
            if (x->flags_src != src) {
                fprintf(stderr, "xbt: x64: flags of %u expected at %u\n", src, i);
                abort();
            }
            cc = fused ? x64_flags_cc(x, in->a) : x->flags_cc;
        } else {
            X64Cmp k;
            x64_cmp_prepare(x, in->a, &k);
            cc = x64_cmp_emit(x, &k);
        }
        if (in->op == IR_EXIT_IF && back)
            x64_loop_back(x, (int)cc);
        else if (in->op == IR_EXIT_IF)
            x64_exit_if(x, cc, in->b);
        else
            x64_trap(x, (int)cc, in->aux, in->b, in->c);
        break;
    }
    case IR_GOTO:
        if (x64_is_loop(x) && ir_loop_is_back_edge(x->b, i))
            x64_loop_back(x, -1);
        else
            x64_goto(x, in->a);
        break;
    case IR_JUMP:
        x64_jump(x, in->a);
        break;
    case IR_TRAP:
        x64_trap(x, -1, in->aux, in->a, in->b);
        break;
    default:
        if (!(x->mark[i] & (X64_M_FUSED | X64_M_LEA | X64_M_PAIRED | X64_M_NARROW)))
            x64_lower_int(x, i);
        break;
    }
}

static BackendStatus x64_compile(const IRBlock *b, uint8_t *buf, size_t cap,
                                 BackendPcMap *pcmap, BackendResult *out)
{
    X64Ctx *x = ctx_get(b->n);
    uint32_t pc_n0 = pcmap ? pcmap->n : 0;

    out->size = 0;
    out->why = NULL;
    if (!x) {
        out->why = "x64: out of memory";
        return BE_DECLINED;
    }
    x->b = b;
    x->feat = x64_features;
    x->buf = buf;
    x->pcmap = pcmap;
    x->npool = 0;
    x->nfix = 0;
    x->flags_live = false;
    x->flags_src = IR_NONE;
    x->oom = false;
    x->pcmap_full = false;
    x64_buf_init(&x->c, buf, cap);
    x->cold.pos = 0;
    if (!cold_reserve(x)) {
        out->why = "x64: out of memory";
        return BE_DECLINED;
    }
    find_fusions(x);
    x64_loop_plan(x, &x64_ra_target);
    find_folds(x);
    if (!ra_init(&x->ra, b, &x->rat, x, x->at)) {
        out->why = "x64: out of memory";
        return BE_DECLINED;
    }

    x64_loop_entry(x);
    for (IRRef i = 0; i < b->n; i++) {
        if (x64_overflow(&x->c))      /* the cursor drops bytes past cap: stop early */
            goto no_space;
        if (!cold_reserve(x)) {
            x->oom = true;
            break;
        }
        ra_begin(&x->ra, i);
        x->flags_live = (x->mark[i] & (X64_M_KEEPFLAGS | X64_M_REUSE | X64_M_CMPREUSE |
                                       X64_M_TESTREUSE)) != 0;
        lower(x, i);
        ra_end(&x->ra);
        if (x->ra.fail || x->oom || x->pcmap_full)
            break;
    }
    if (x->ra.fail || x->oom || x->pcmap_full) {
        if (pcmap)
            pcmap->n = pc_n0;
        out->why = x->ra.fail ? x->ra.fail : x->oom ? "x64: out of memory" : "x64: pc map full";
        return BE_DECLINED;
    }

    /* layout: [main][cold][pad][pool (16-byte aligned)] */
    size_t main_size = x->c.pos, cold_off = main_size;
    size_t pool_off = cold_off + x->cold.pos;
    pool_off += (16 - (((uintptr_t)buf + pool_off) & 15)) & 15;
    size_t total = pool_off + (size_t)x->npool * 16;
    if (x64_overflow(&x->c) || total > cap)
        goto no_space;
    memcpy(buf + cold_off, x->cold_mem, x->cold.pos);
    memset(buf + cold_off + x->cold.pos, 0xcc, pool_off - cold_off - x->cold.pos);
    if (x->npool)
        memcpy(buf + pool_off, x->pool, (size_t)x->npool * 16);
    const size_t base[3] = { 0, cold_off, pool_off };
    for (uint32_t k = 0; k < x->nfix; k++) {
        const X64Fixup *f = &x->fix[k];
        int64_t rel = (int64_t)(base[f->to] + f->target) - (int64_t)(base[f->sec] + f->end);
        int32_t r32 = (int32_t)rel;
        memcpy(buf + base[f->sec] + f->field, &r32, 4);
    }
    out->size = total;
    return BE_OK;

no_space:
    if (pcmap)
        pcmap->n = pc_n0;
    return BE_NO_SPACE;
}

/* ---- entry trampoline, patching, the table ----------------------------------- */

static void *(*enter_fn)(void *cpu, uint8_t *guest_base, const void *code);

static bool x64_init(void)
{
    static const uint8_t saved[6] = { X64_RBP, X64_RBX, X64_R12, X64_R13, X64_R14, X64_R15 };
    if (enter_fn)
        return true;
    x64_cpu_init();
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return false;
    X64Buf c;
    x64_buf_init(&c, page, 4096);
    for (int k = 0; k < 6; k++)
        x64_oreg(&c, X64_PUSH_R, saved[k]);
    x64_alu_ri(&c, X64_ALU_SUB, true, X64_RSP, X64_FRAME);
    x64_rr(&c, X64_MOV_RM_R | X64_W, X64_RDI, X64_CPU_REG);
    x64_rr(&c, X64_MOV_RM_R | X64_W, X64_RSI, X64_BASE_REG);
    x64_rr(&c, X64_CALL_RM, 0, X64_RDX);
    x64_alu_ri(&c, X64_ALU_ADD, true, X64_RSP, X64_FRAME);
    for (int k = 5; k >= 0; k--)
        x64_oreg(&c, X64_POP_R, saved[k]);
    x64_op(&c, X64_RET);
    if (x64_overflow(&c) || mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0) {
        munmap(page, 4096);
        return false;
    }
    enter_fn = (void *(*)(void *, uint8_t *, const void *))(void *)page;
    return true;
}

static void *x64_enter(void *cpu, uint8_t *guest_base, const void *code)
{
    return enter_fn(cpu, guest_base, code);
}

static bool x64_supports(IROp op, IRType t)
{
    (void)op;
    (void)t;
    return true;              /* every op at every type the verifier allows */
}

static void x64_patch_exit(void *site, const void *target)
{
    uint8_t *s = site;
    int64_t rel = (const uint8_t *)target - (s + 5);
    if (rel != (int32_t)rel) {
        fprintf(stderr, "xbt: x64: chain target %p out of rel32 range of %p\n", target, site);
        abort();
    }
    __atomic_store_n((int32_t *)(void *)(s + 1), (int32_t)rel, __ATOMIC_RELEASE);
}

static void x64_reset_exit(void *site)
{
    uint8_t *s = site;
    int32_t orig;
    memcpy(&orig, s + SITE_ORIG, 4);
    __atomic_store_n((int32_t *)(void *)(s + 1), orig, __ATOMIC_RELEASE);
}

static void x64_flush_icache(void *p, size_t n)
{
    (void)p;                  /* coherent on x86 (see the top of this file) */
    (void)n;
}

const Backend backend_x86_64 = {
    .name = "x86_64",
    .llvm_triple = "x86_64-unknown-linux-gnu",
    .init = x64_init,
    .supports = x64_supports,
    .compile = x64_compile,
    .patch_exit = x64_patch_exit,
    .reset_exit = x64_reset_exit,
    .flush_icache = x64_flush_icache,
    .enter = x64_enter,
};
