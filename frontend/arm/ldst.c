/*
 * ldst.c - ARM32 loads and stores: word/byte/halfword/dual in A32, T16 and
 * T32 with every addressing mode (offset, pre- and post-indexed, register
 * offsets with shifts, literals), ldm/stm (push/pop), and the exclusives
 * ldrex/strex in all sizes with clrex.
 *
 * Addresses are i32 guest addresses; ARMv7 allows unaligned ldr/str/ldrh/
 * strh (SCTLR.A = 0 under Linux), which IR memory ops allow too.  Under a
 * failed condition the access goes to the sink page (translate.h).  A load
 * to the pc interworks (LoadWritePC); the base write-back happens before
 * the loaded register is written, so a load into the base wins.
 *
 * Exclusives: ldrex records the address and the value read in the CPU
 * (excl_*); strex succeeds when the monitor is open for that address and
 * memory still holds the value, by one CMPXCHG (like MIPS ll/sc: an A-B-A
 * change in between is not seen).  A failing strex still runs the
 * CMPXCHG, storing the old value over itself.  strex writes 0 on success,
 * 1 on failure, and always closes the monitor.
 */
#include "translate.h"

static IRRef offset_value(ArmCtx *s, const ArmArgs *a)
{
    if (a->op2 == OP2_IMM)
        return arm_k32(s, (uint32_t)a->imm);
    return arm_shift_imm(s, arm_reg(s, (unsigned)a->rm), (unsigned)a->stype, (unsigned)a->shift, NULL);
}

typedef struct Addr {
    IRRef addr;      /* address accessed (predicated) */
    IRRef wb;        /* write-back value, or IR_NONE */
} Addr;

static bool addr_mode(ArmCtx *s, const ArmArgs *a, Addr *out)
{
    IRRef base = arm_reg_align(s, (unsigned)a->rn);
    IRRef off = offset_value(s, a);
    IRRef oa = arm_bin(s, a->u ? IR_ADD : IR_SUB, base, off);
    bool wb = !a->p || a->w;
    if (wb && a->rn == 15)
        return false;
    out->addr = arm_pred_addr(s, a->p ? oa : base);
    out->wb = wb ? oa : IR_NONE;
    return true;
}

static bool gen_load(ArmCtx *s, const ArmArgs *a, unsigned size, bool sign)
{
    Addr m;
    if (a->op == -1 || (a->op2 == OP2_REG && a->rm == 15))
        return false;
    if (a->rt == 15 && size < 4)
        return s->thumb && s->len == 4;       /* T32 pld/pldw/pli hints; A32 UNPREDICTABLE */
    if (a->rt == 15)
        arm_cond_to_exit(s);
    if (!addr_mode(s, a, &m))
        return false;
    IRRef v = ir_load(s->b, IR_I32, arm_memop(size, sign), m.addr);
    if (m.wb != IR_NONE)
        arm_set_reg(s, (unsigned)a->rn, m.wb);
    if (a->rt == 15)
        arm_write_pc(s, v, PCW_BX);
    else
        arm_set_reg(s, (unsigned)a->rt, v);
    return true;
}

static bool gen_store(ArmCtx *s, const ArmArgs *a, unsigned size)
{
    Addr m;
    if (a->op == -1 || (a->op2 == OP2_REG && a->rm == 15))
        return false;
    if (!addr_mode(s, a, &m))
        return false;
    ir_store(s->b, IR_I32, arm_memop(size, false), m.addr, arm_reg(s, (unsigned)a->rt));
    if (m.wb != IR_NONE)
        arm_set_reg(s, (unsigned)a->rn, m.wb);
    return true;
}

bool arm_trans_LDR(ArmCtx *s, const ArmArgs *a)   { return gen_load(s, a, 4, false); }
bool arm_trans_LDRB(ArmCtx *s, const ArmArgs *a)  { return gen_load(s, a, 1, false); }
bool arm_trans_LDRH(ArmCtx *s, const ArmArgs *a)  { return gen_load(s, a, 2, false); }
bool arm_trans_LDRSB(ArmCtx *s, const ArmArgs *a) { return gen_load(s, a, 1, true); }
bool arm_trans_LDRSH(ArmCtx *s, const ArmArgs *a) { return gen_load(s, a, 2, true); }
bool arm_trans_STR(ArmCtx *s, const ArmArgs *a)   { return gen_store(s, a, 4); }
bool arm_trans_STRB(ArmCtx *s, const ArmArgs *a)  { return gen_store(s, a, 1); }
bool arm_trans_STRH(ArmCtx *s, const ArmArgs *a)  { return gen_store(s, a, 2); }

/* ---- dual ----------------------------------------------------------------------- */

static unsigned rt2_of(ArmCtx *s, const ArmArgs *a)
{
    return s->thumb ? (unsigned)a->rt2 : (unsigned)a->rt + 1;
}

bool arm_trans_LDRD(ArmCtx *s, const ArmArgs *a)
{
    Addr m;
    unsigned rt2 = rt2_of(s, a);
    if (a->op == -1 || (!s->thumb && (a->rt & 1)) || a->rt == 15 || rt2 == 15 || a->rt == (int)rt2)
        return false;
    if (s->thumb ? (!a->p && !a->w) : (!a->p && a->w))
        return false;
    if (!addr_mode(s, a, &m))
        return false;
    IRBlock *b = s->b;
    IRRef v = ir_load(b, IR_I64, arm_memop(8, false), m.addr);
    if (m.wb != IR_NONE)
        arm_set_reg(s, (unsigned)a->rn, m.wb);
    arm_set_reg(s, (unsigned)a->rt, ir_unop(b, IR_TRUNC, IR_I32, v));
    arm_set_reg(s, rt2, ir_unop(b, IR_TRUNC, IR_I32, arm_bin64(s, IR_SHR, v, ir_const64(b, 32))));
    return true;
}

static IRRef pair64(ArmCtx *s, IRRef lo, IRRef hi)
{
    IRBlock *b = s->b;
    return arm_bin64(s, IR_OR, ir_unop(b, IR_EXTU, IR_I64, lo),
                     arm_bin64(s, IR_SHL, ir_unop(b, IR_EXTU, IR_I64, hi), ir_const64(b, 32)));
}

bool arm_trans_STRD(ArmCtx *s, const ArmArgs *a)
{
    Addr m;
    unsigned rt2 = rt2_of(s, a);
    if (a->op == -1 || (!s->thumb && (a->rt & 1)) || rt2 == 15)
        return false;
    if (s->thumb ? (!a->p && !a->w) : (!a->p && a->w))
        return false;
    if (!addr_mode(s, a, &m))
        return false;
    IRRef v = pair64(s, arm_reg(s, (unsigned)a->rt), arm_reg(s, rt2));
    ir_store(s->b, IR_I64, arm_memop(8, false), m.addr, v);
    if (m.wb != IR_NONE)
        arm_set_reg(s, (unsigned)a->rn, m.wb);
    return true;
}

/* ---- multiple ---------------------------------------------------------------------- */

static bool gen_ldstm(ArmCtx *s, const ArmArgs *a, bool load)
{
    unsigned list = (unsigned)a->list & 0xffff, n = (unsigned)__builtin_popcount(list);
    if (n == 0 || a->rn == 15 || (s->thumb && load && (list & 0xc000) == 0xc000))
        return false;
    if (load && (list & 0x8000))
        arm_cond_to_exit(s);
    IRBlock *b = s->b;
    IRRef base = arm_reg(s, (unsigned)a->rn);
    uint32_t start;                            /* offset of the lowest word from base */
    if (a->u)
        start = a->p ? 4 : 0;
    else
        start = a->p ? -4u * n : -4u * n + 4;
    IRRef addr0 = arm_pred_addr(s, arm_bin(s, IR_ADD, base, arm_k32(s, start)));
    IRRef vals[16];
    unsigned k = 0;
    for (unsigned r = 0; r < 16; r++) {
        if (!(list >> r & 1))
            continue;
        IRRef addr = k ? arm_bin(s, IR_ADD, addr0, arm_k32(s, 4 * k)) : addr0;
        if (load)
            vals[r] = ir_load(b, IR_I32, arm_memop(4, false), addr);
        else
            ir_store(b, IR_I32, arm_memop(4, false), addr, arm_reg(s, r));
        k++;
    }
    if (a->w)
        arm_set_reg(s, (unsigned)a->rn, arm_bin(s, a->u ? IR_ADD : IR_SUB, base, arm_k32(s, 4 * n)));
    if (load) {
        for (unsigned r = 0; r < 15; r++)
            if (list >> r & 1)
                arm_set_reg(s, r, vals[r]);
        if (list & 0x8000)
            arm_write_pc(s, vals[15], PCW_BX);
    }
    return true;
}

bool arm_trans_LDM(ArmCtx *s, const ArmArgs *a) { return gen_ldstm(s, a, true); }
bool arm_trans_STM(ArmCtx *s, const ArmArgs *a) { return gen_ldstm(s, a, false); }

/* ---- exclusives --------------------------------------------------------------------- */

static IRRef excl_addr(ArmCtx *s, const ArmArgs *a, bool with_imm)
{
    IRRef base = arm_reg(s, (unsigned)a->rn);
    if (with_imm && a->imm)
        base = arm_bin(s, IR_ADD, base, arm_k32(s, (uint32_t)a->imm));
    return base;
}

static bool gen_ldrex(ArmCtx *s, const ArmArgs *a, unsigned size)
{
    IRBlock *b = s->b;
    unsigned rt2 = rt2_of(s, a);
    if (a->rt == 15 || a->rn == 15 || (size == 8 && (rt2 == 15 || (!s->thumb && (a->rt & 1)))))
        return false;
    IRRef addr = excl_addr(s, a, size == 4);
    IRRef pa = arm_pred_addr(s, addr);
    IRRef v64;
    if (size == 8) {
        v64 = ir_load(b, IR_I64, arm_memop(8, false), pa);
        arm_set_reg(s, (unsigned)a->rt, ir_unop(b, IR_TRUNC, IR_I32, v64));
        arm_set_reg(s, rt2, ir_unop(b, IR_TRUNC, IR_I32, arm_bin64(s, IR_SHR, v64, ir_const64(b, 32))));
    } else {
        IRRef v = ir_load(b, IR_I32, arm_memop(size, false), pa);
        v64 = ir_unop(b, IR_EXTU, IR_I64, v);
        arm_set_reg(s, (unsigned)a->rt, v);
    }
    arm_put(s, IR_I32, ARM_OFF(excl_addr), addr);
    arm_put(s, IR_I64, ARM_OFF(excl_val), v64);
    arm_put(s, IR_I32, ARM_OFF(excl_valid), arm_k32(s, 1));
    return true;
}

static bool gen_strex(ArmCtx *s, const ArmArgs *a, unsigned size)
{
    IRBlock *b = s->b;
    unsigned rt2 = rt2_of(s, a);
    if (a->rd == 15 || a->rt == 15 || a->rn == 15 || a->rd == a->rn || a->rd == a->rt ||
        (size == 8 && (rt2 == 15 || a->rd == (int)rt2 || (!s->thumb && (a->rt & 1)))))
        return false;
    IRRef addr = excl_addr(s, a, size == 4);
    IRRef ok = arm_bin(s, IR_AND, ir_get(b, IR_I32, ARM_OFF(excl_valid)),
                       ir_setcc(b, IR_CC_EQ, ir_get(b, IR_I32, ARM_OFF(excl_addr)), addr));
    IRRef expect64 = ir_get(b, IR_I64, ARM_OFF(excl_val));
    IRRef done;
    if (size == 8) {
        IRRef nv = pair64(s, arm_reg(s, (unsigned)a->rt), arm_reg(s, rt2));
        IRRef st = ir_select(b, IR_I64, ok, nv, expect64);
        IRRef old = ir_emit(b, IR_CMPXCHG, IR_I64, (uint16_t)arm_memop(8, false),
                            arm_pred_addr(s, addr), expect64, st);
        done = arm_bin(s, IR_AND, ok, ir_setcc(b, IR_CC_EQ, old, expect64));
    } else {
        IRRef expect = ir_unop(b, IR_TRUNC, IR_I32, expect64);
        IRRef st = ir_select(b, IR_I32, ok, arm_reg(s, (unsigned)a->rt), expect);
        IRRef old = ir_emit(b, IR_CMPXCHG, IR_I32, (uint16_t)arm_memop(size, false),
                            arm_pred_addr(s, addr), expect, st);
        done = arm_bin(s, IR_AND, ok, ir_setcc(b, IR_CC_EQ, old, expect));
    }
    arm_put(s, IR_I32, ARM_OFF(excl_valid), arm_k32(s, 0));
    arm_set_reg(s, (unsigned)a->rd, arm_bin(s, IR_XOR, done, arm_k32(s, 1)));
    return true;
}

bool arm_trans_LDREX(ArmCtx *s, const ArmArgs *a)  { return gen_ldrex(s, a, 4); }
bool arm_trans_LDREXB(ArmCtx *s, const ArmArgs *a) { return gen_ldrex(s, a, 1); }
bool arm_trans_LDREXH(ArmCtx *s, const ArmArgs *a) { return gen_ldrex(s, a, 2); }
bool arm_trans_LDREXD(ArmCtx *s, const ArmArgs *a) { return gen_ldrex(s, a, 8); }
bool arm_trans_STREX(ArmCtx *s, const ArmArgs *a)  { return gen_strex(s, a, 4); }
bool arm_trans_STREXB(ArmCtx *s, const ArmArgs *a) { return gen_strex(s, a, 1); }
bool arm_trans_STREXH(ArmCtx *s, const ArmArgs *a) { return gen_strex(s, a, 2); }
bool arm_trans_STREXD(ArmCtx *s, const ArmArgs *a) { return gen_strex(s, a, 8); }

bool arm_trans_CLREX(ArmCtx *s, const ArmArgs *a)
{
    arm_put(s, IR_I32, ARM_OFF(excl_valid), arm_k32(s, 0));
    return true;
}

/* ---- swp/swpb (deprecated; ARMv7 keeps them, Linux lists HWCAP_SWP) ------------------ */

/* rt = [rn]; [rn] = rt2, atomically: a CMPXCHG from the value just read,
 * retried by leaving for this same instruction when another thread got in
 * between (nothing has been written yet then). */
bool arm_trans_SWP(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    unsigned size = a->op ? 1 : 4;
    if (a->rt == 15 || a->rt2 == 15 || a->rn == 15 || a->rn == a->rt || a->rn == a->rt2)
        return false;
    IRRef addr = arm_pred_addr(s, arm_reg(s, (unsigned)a->rn));
    IRRef old = ir_load(b, IR_I32, arm_memop(size, false), addr);
    IRRef nv = arm_reg(s, (unsigned)a->rt2);
    IRRef prev = ir_emit(b, IR_CMPXCHG, IR_I32, (uint16_t)arm_memop(size, false), addr, old, nv);
    ir_exit_if(b, ir_setcc(b, IR_CC_NE, prev, old), s->pc | s->thumb);
    arm_set_reg(s, (unsigned)a->rt, old);
    return true;
}
