/*
 * x64_mem.c - IR to x86-64: guest state (GET/PUT), guest memory
 * (LOAD/STORE/CMPXCHG) and FENCE.
 *
 * Guest memory is addressed as [r15 + reg], reg holding the zero-extended
 * i32 guest address, or [r15 + disp32] for a constant address below 2^31.
 * An address computation is never folded into the displacement: the guest
 * address must wrap at 32 bits, and [r15 + reg + disp] would not.  (NYI:
 * fold small displacements once the runtime's guard region above the
 * window is large enough and its fault handler emulates the wrap.)
 *
 * Big-endian memory: MOVBE when the CPU has it (x64_features), else
 * BSWAP (ROL r16, 8 for 16-bit) on a copy in r11, or in place when the
 * stored value dies at the store.  Constant stores are byte-swapped at
 * compile time.  FP values cross through r11 (MOVD/MOVQ) when swapped.
 * CMPXCHG is LOCK CMPXCHG with rax holding the expected value in memory
 * byte order; a narrow CMPXCHG whose expected value is not the extension of
 * its own low bits can never succeed (the IR compares the extended loaded
 * value) and only loads.  Code that touches guest memory stays in the main
 * section, so a host fault maps back through the BackendPcMap to the right
 * guest instruction.
 */
#include <stdlib.h>

#include "x64_internal.h"

#define GPRS X64_GPR_ALLOC
#define FPRS X64_FPR_ALLOC

static bool is_fp(IRType t) { return t == IR_F32 || t == IR_F64; }

static X64Mem guest_addr(X64Ctx *x, IRRef a, uint64_t allow)
{
    if (x64_is_const(x, a)) {
        uint32_t v = (uint32_t)x64_cval(x, a);
        if (v < 0x80000000u)
            return x64_mem(X64_BASE_REG, (int32_t)v);
    }
    unsigned r = ra_use(&x->ra, a, allow);
    return x64_mem_idx(X64_BASE_REG, (int)r, 0, 0);
}

static bool movbe(const X64Ctx *x) { return (x->feat & X64F_MOVBE) != 0; }

/* ---- state ---------------------------------------------------------------- */

static void lower_get(X64Ctx *x, IRRef i, const IRInsn *in)
{
    IRType t = (IRType)in->type;
    X64Mem m = x64_cpu_mem(in->a);
    if (is_fp(t)) {
        unsigned d = ra_def(&x->ra, i, FPRS);
        x64_rm(&x->c, t == IR_F32 ? X64_MOVSS_X_XM : X64_MOVSD_X_XM, HW(d), m);
    } else {
        unsigned d = ra_def(&x->ra, i, GPRS);
        x64_rm(&x->c, X64_MOV_R_RM | (t == IR_I64 ? X64_W : 0), d, m);
    }
}

static void lower_put(X64Ctx *x, const IRInsn *in)
{
    IRType t = (IRType)in->type;
    bool wide = t == IR_I64 || t == IR_F64;
    X64Mem m = x64_cpu_mem(in->a);
    if (x64_is_const(x, in->b)) {
        uint64_t v = x64_cval(x, in->b);
        if (!wide || (int64_t)v == (int32_t)v) {
            x64_mov_mi(&x->c, wide, m, (int32_t)(uint32_t)v);
            return;
        }
    }
    if (is_fp(t)) {
        unsigned r = ra_use(&x->ra, in->b, FPRS);
        x64_rm(&x->c, t == IR_F32 ? X64_MOVSS_XM_X : X64_MOVSD_XM_X, HW(r), m);
    } else {
        unsigned r = ra_use(&x->ra, in->b, GPRS);
        x64_rm(&x->c, X64_MOV_RM_R | (wide ? X64_W : 0), r, m);
    }
}

/* ---- loads ------------------------------------------------------------------ */

/* r <- bytes at m as an integer of `size` bytes, byte-swapped if be. */
static void load_int(X64Ctx *x, unsigned d, X64Mem m, unsigned size, bool be, bool sgn)
{
    X64Buf *c = &x->c;
    uint32_t wf = size == 8 ? X64_W : 0;
    switch (size) {
    case 1:
        x64_rm(c, sgn ? X64_MOVSX_R_RM8 : X64_MOVZX_R_RM8, d, m);
        break;
    case 2:
        if (!be) {
            x64_rm(c, sgn ? X64_MOVSX_R_RM16 : X64_MOVZX_R_RM16, d, m);
        } else if (movbe(x)) {
            x64_rm(c, X64_MOVBE_R_M | X64_P66, d, m);
            x64_rr(c, sgn ? X64_MOVSX_R_RM16 : X64_MOVZX_R_RM16, d, d);
        } else {
            x64_rm(c, X64_MOVZX_R_RM16, d, m);
            x64_shift_ri(c, X64_SH_ROL, X64_P66, d, 8);
            if (sgn)
                x64_rr(c, X64_MOVSX_R_RM16, d, d);
        }
        break;
    default:
        if (be && movbe(x)) {
            x64_rm(c, X64_MOVBE_R_M | wf, d, m);
        } else {
            x64_rm(c, X64_MOV_R_RM | wf, d, m);
            if (be)
                x64_oreg(c, X64_BSWAP | wf, d);
        }
        break;
    }
}

static void lower_load(X64Ctx *x, IRRef i, const IRInsn *in)
{
    IRType t = (IRType)in->type;
    unsigned size = in->aux & IR_MEM_SIZE_MASK;
    bool be = in->aux & IR_MEM_BE, sgn = in->aux & IR_MEM_SIGNED;
    X64Mem m = guest_addr(x, in->a, GPRS);

    if (!is_fp(t)) {
        unsigned d = ra_def_reuse(&x->ra, i, in->a, GPRS);
        load_int(x, d, m, size, be, sgn);
        return;
    }
    unsigned d = ra_def(&x->ra, i, FPRS);
    if (!be) {
        x64_rm(&x->c, t == IR_F32 ? X64_MOVSS_X_XM : X64_MOVSD_X_XM, HW(d), m);
        return;
    }
    load_int(x, X64_TMP, m, size, true, false);
    x64_rr(&x->c, t == IR_F32 ? X64_MOVD_X_RM : X64_MOVQ_X_RM, HW(d), X64_TMP);
}

/* ---- stores ------------------------------------------------------------------ */

static uint64_t swap_bytes(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:  return __builtin_bswap16((uint16_t)v);
    case 4:  return __builtin_bswap32((uint32_t)v);
    case 8:  return __builtin_bswap64(v);
    default: return v & 0xff;
    }
}

/* Stores the low `size` bytes of GPR r at m; r may be swapped in place when
 * `clobber` (it dies here and is not the address). */
static void store_int(X64Ctx *x, unsigned r, X64Mem m, unsigned size, bool be, bool clobber)
{
    X64Buf *c = &x->c;
    uint32_t wf = size == 8 ? X64_W : 0;
    if (size == 1) {
        x64_rm(c, X64_MOV_RM8_R8, r, m);
        return;
    }
    uint32_t pf = size == 2 ? X64_P66 : wf;
    if (!be) {
        x64_rm(c, X64_MOV_RM_R | pf, r, m);
        return;
    }
    if (movbe(x)) {
        x64_rm(c, X64_MOVBE_M_R | pf, r, m);
        return;
    }
    unsigned s = clobber ? r : X64_TMP;
    if (s != r)
        x64_rr(c, X64_MOV_RM_R | wf, r, s);
    if (size == 2)
        x64_shift_ri(c, X64_SH_ROL, X64_P66, s, 8);
    else
        x64_oreg(c, X64_BSWAP | wf, s);
    x64_rm(c, X64_MOV_RM_R | pf, s, m);
}

static void lower_store(X64Ctx *x, const IRInsn *in)
{
    IRType t = (IRType)in->type;
    unsigned size = in->aux & IR_MEM_SIZE_MASK;
    bool be = in->aux & IR_MEM_BE;
    X64Buf *c = &x->c;

    if (x64_is_const(x, in->b)) {
        uint64_t v = x64_cval(x, in->b);
        if (be)
            v = swap_bytes(v, size);
        if (size < 8 || (int64_t)v == (int32_t)v) {
            X64Mem m = guest_addr(x, in->a, GPRS);
            switch (size) {
            case 1:
                x64_rm(c, X64_MOV_RM8_I8, 0, m);
                x64_put8(c, (uint8_t)v);
                break;
            case 2:
                x64_rm(c, X64_MOV_RM_I32 | X64_P66, 0, m);
                x64_put16(c, (uint16_t)v);
                break;
            default:
                x64_mov_mi(c, size == 8, m, (int32_t)(uint32_t)v);
                break;
            }
            return;
        }
    }
    X64Mem m = guest_addr(x, in->a, GPRS);
    if (!is_fp(t)) {
        unsigned r = ra_use(&x->ra, in->b, GPRS);
        bool clobber = ra_dies(&x->ra, in->b) && in->b != in->a && !x64_is_const(x, in->b) &&
                       !ra_bound(&x->ra, in->b);
        store_int(x, r, m, size, be, clobber);
        return;
    }
    unsigned r = ra_use(&x->ra, in->b, FPRS);
    if (!be) {
        x64_rm(c, t == IR_F32 ? X64_MOVSS_XM_X : X64_MOVSD_XM_X, HW(r), m);
        return;
    }
    x64_rr(c, t == IR_F32 ? X64_MOVD_RM_X : X64_MOVQ_RM_X, HW(r), X64_TMP);
    store_int(x, X64_TMP, m, size, true, true);
}

/* ---- compare and exchange ------------------------------------------------------ */

/* rax (raw memory bytes of `size`) -> the value a load would give. */
static void decode_rax(X64Buf *c, unsigned size, bool be, bool sgn)
{
    switch (size) {
    case 1:
        x64_rr(c, sgn ? X64_MOVSX_R_RM8 : X64_MOVZX_R_RM8, X64_RAX, X64_RAX);
        break;
    case 2:
        if (be)
            x64_shift_ri(c, X64_SH_ROL, X64_P66, X64_RAX, 8);
        x64_rr(c, sgn ? X64_MOVSX_R_RM16 : X64_MOVZX_R_RM16, X64_RAX, X64_RAX);
        break;
    default:
        if (be)
            x64_oreg(c, X64_BSWAP | (size == 8 ? X64_W : 0), X64_RAX);
        break;
    }
}

static void encode(X64Buf *c, unsigned r, unsigned size)
{
    if (size == 2)
        x64_shift_ri(c, X64_SH_ROL, X64_P66, r, 8);
    else if (size >= 4)
        x64_oreg(c, X64_BSWAP | (size == 8 ? X64_W : 0), r);
}

/* Points the rel8 ending at `end` to the current position. */
static void patch8(X64Buf *c, size_t end)
{
    if (end - 1 < c->cap)
        c->base[end - 1] = (uint8_t)(c->pos - end);
}

static void lower_cmpxchg(X64Ctx *x, IRRef i, const IRInsn *in)
{
    unsigned size = in->aux & IR_MEM_SIZE_MASK;
    bool be = in->aux & IR_MEM_BE, sgn = in->aux & IR_MEM_SIGNED;
    uint64_t allow = GPRS & ~BIT(X64_RAX);
    uint32_t wf = size == 8 ? X64_W : 0;
    X64Buf *c = &x->c;

    ra_claim(&x->ra, X64_RAX);
    X64Mem m = guest_addr(x, in->a, allow);
    unsigned re = ra_use(&x->ra, in->b, allow), rn = ra_use(&x->ra, in->c, allow);
    size_t j_fail = 0, j_done = 0;
    if (size < 4) {         /* an expected value no narrow load can give never matches */
        uint32_t ext = size == 1 ? (sgn ? X64_MOVSX_R_RM8 : X64_MOVZX_R_RM8)
                                 : (sgn ? X64_MOVSX_R_RM16 : X64_MOVZX_R_RM16);
        x64_rr(c, ext, X64_TMP, re);
        x64_alu_rr(c, X64_ALU_CMP, false, X64_TMP, re);
        x64_jcc8(c, X64_CC_NE, 0);
        j_fail = c->pos;
    }
    x64_rr(c, X64_MOV_RM_R | wf, re, X64_RAX);
    x64_rr(c, X64_MOV_RM_R | wf, rn, X64_TMP);
    if (be) {
        encode(c, X64_RAX, size);
        encode(c, X64_TMP, size);
    }
    uint32_t op = size == 1 ? X64_CMPXCHG_RM8_R8 : X64_CMPXCHG_RM_R | (size == 2 ? X64_P66 : wf);
    x64_rm(c, op | X64_LOCK, X64_TMP, m);
    if (size < 4) {         /* the failing path loads in line: a fault maps to this insn */
        x64_jmp8(c, 0);
        j_done = c->pos;
        patch8(c, j_fail);
        x64_rm(c, size == 1 ? X64_MOVZX_R_RM8 : X64_MOVZX_R_RM16, X64_RAX, m);
        patch8(c, j_done);
    }
    decode_rax(c, size, be, sgn);
    ra_def_fixed(&x->ra, i, X64_RAX);
}

void x64_lower_mem(X64Ctx *x, IRRef i)
{
    const IRInsn *in = &x->b->insn[i];
    switch ((IROp)in->op) {
    case IR_GET:     lower_get(x, i, in); break;
    case IR_PUT:     lower_put(x, in); break;
    case IR_LOAD:    lower_load(x, i, in); break;
    case IR_STORE:   lower_store(x, in); break;
    case IR_CMPXCHG: lower_cmpxchg(x, i, in); break;
    case IR_FENCE:   x64_mfence(&x->c); break;
    default:         abort();
    }
}
