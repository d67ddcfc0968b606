/*
 * mem.c - MIPS32 integer loads and stores, lwl/lwr/swl/swr, ll/sc, pref.
 *
 * Addresses are base + sign-extended offset.  Guest byte order is an IR
 * memory-op flag (IR_MEM_BE).  Unaligned lh/lw/sh/sw trap to the Linux
 * kernel, which emulates them, so a plain (host-unaligned) access gives the
 * same result.
 *
 * lwl/lwr/swl/swr read the aligned word holding the address and merge with
 * shifts and masks (MIPS32 Vol. II, LWL/LWR/SWL/SWR tables).  Written for
 * big-endian byte numbering k = addr & 3; a little-endian guest uses 3 - k.
 *   lwl: rt = word << 8k        | rt & (1 << 8k) - 1
 *   lwr: rt = word >> 8(3-k)    | rt & ~(~0 >> 8(3-k))
 *   swl: mem = rt >> 8k         | mem & ~(~0 >> 8k)
 *   swr: mem = rt << 8(3-k)     | mem & (1 << 8(3-k)) - 1
 * Every shift count is 0..24.  NYI: swl/swr store the whole aligned word,
 * so a concurrent store by another thread to the word's other bytes can be
 * lost (hardware writes only the selected bytes).
 *
 * ll/sc: ll records the address and the loaded value in the CPU
 * (lladdr/llval/llbit).  sc succeeds when llbit is set, the address matches
 * and the word still holds llval, atomically (CMPXCHG llval -> rt); when
 * llbit or the address do not match the CMPXCHG is made harmless by
 * storing llval back over llval.  Like every CAS-based ll/sc it cannot see
 * an A-B-A change between the two.  The runtime should clear llbit when it
 * delivers a signal (the kernel's eret does).
 */
#include "translate.h"

static bool gen_load(MipsCtx *s, const MipsArgs *a, unsigned size, bool sign)
{
    IRRef v = ir_load(s->b, IR_I32, mips_memop(s, size, sign), mips_addr(s, a->rs, a->imm));
    mips_set_gpr(s, a->rt, v);     /* a load to $zero still faults */
    return true;
}

static bool gen_store(MipsCtx *s, const MipsArgs *a, unsigned size)
{
    IRRef addr = mips_addr(s, a->rs, a->imm);
    ir_store(s->b, IR_I32, mips_memop(s, size, false), addr, mips_gpr(s, a->rt));
    return true;
}

bool trans_LB(MipsCtx *s, const MipsArgs *a)  { return gen_load(s, a, 1, true); }
bool trans_LBU(MipsCtx *s, const MipsArgs *a) { return gen_load(s, a, 1, false); }
bool trans_LH(MipsCtx *s, const MipsArgs *a)  { return gen_load(s, a, 2, true); }
bool trans_LHU(MipsCtx *s, const MipsArgs *a) { return gen_load(s, a, 2, false); }
bool trans_LW(MipsCtx *s, const MipsArgs *a)  { return gen_load(s, a, 4, false); }
bool trans_SB(MipsCtx *s, const MipsArgs *a)  { return gen_store(s, a, 1); }
bool trans_SH(MipsCtx *s, const MipsArgs *a)  { return gen_store(s, a, 2); }
bool trans_SW(MipsCtx *s, const MipsArgs *a)  { return gen_store(s, a, 4); }

/* ---- unaligned word pieces ---------------------------------------------- */

typedef struct Unal {
    IRRef aligned;    /* addr & ~3 */
    IRRef sh_k;       /* 8k, k the big-endian byte number */
    IRRef sh_3k;      /* 8(3-k) */
} Unal;

static Unal unal_setup(MipsCtx *s, const MipsArgs *a)
{
    Unal u;
    IRRef addr = mips_addr(s, a->rs, a->imm);
    IRRef k = mips_bin(s, IR_AND, addr, mips_k32(s, 3));
    IRRef k3 = mips_bin(s, IR_XOR, k, mips_k32(s, 3));
    if (!s->be) {
        IRRef t = k;
        k = k3;
        k3 = t;
    }
    u.aligned = mips_bin(s, IR_AND, addr, mips_k32(s, ~3u));
    u.sh_k = mips_bin(s, IR_SHL, k, mips_k32(s, 3));
    u.sh_3k = mips_bin(s, IR_SHL, k3, mips_k32(s, 3));
    return u;
}

/* (1 << sh) - 1 */
static IRRef low_bits(MipsCtx *s, IRRef sh)
{
    return mips_bin(s, IR_SUB, mips_bin(s, IR_SHL, mips_k32(s, 1), sh), mips_k32(s, 1));
}

/* ~(~0 >> sh) */
static IRRef high_bits(MipsCtx *s, IRRef sh)
{
    return mips_un(s, IR_NOT, mips_bin(s, IR_SHR, mips_k32(s, ~0u), sh));
}

static bool gen_lwlr(MipsCtx *s, const MipsArgs *a, bool left)
{
    Unal u = unal_setup(s, a);
    IRRef word = ir_load(s->b, IR_I32, mips_memop(s, 4, false), u.aligned);
    IRRef rt = mips_gpr(s, a->rt), v;
    if (left)
        v = mips_bin(s, IR_OR, mips_bin(s, IR_SHL, word, u.sh_k),
                     mips_bin(s, IR_AND, rt, low_bits(s, u.sh_k)));
    else
        v = mips_bin(s, IR_OR, mips_bin(s, IR_SHR, word, u.sh_3k),
                     mips_bin(s, IR_AND, rt, high_bits(s, u.sh_3k)));
    mips_set_gpr(s, a->rt, v);
    return true;
}

static bool gen_swlr(MipsCtx *s, const MipsArgs *a, bool left)
{
    Unal u = unal_setup(s, a);
    unsigned op = mips_memop(s, 4, false);
    IRRef mem = ir_load(s->b, IR_I32, op, u.aligned);
    IRRef rt = mips_gpr(s, a->rt), v;
    if (left)
        v = mips_bin(s, IR_OR, mips_bin(s, IR_SHR, rt, u.sh_k),
                     mips_bin(s, IR_AND, mem, high_bits(s, u.sh_k)));
    else
        v = mips_bin(s, IR_OR, mips_bin(s, IR_SHL, rt, u.sh_3k),
                     mips_bin(s, IR_AND, mem, low_bits(s, u.sh_3k)));
    ir_store(s->b, IR_I32, op, u.aligned, v);
    return true;
}

bool trans_LWL(MipsCtx *s, const MipsArgs *a) { return gen_lwlr(s, a, true); }
bool trans_LWR(MipsCtx *s, const MipsArgs *a) { return gen_lwlr(s, a, false); }
bool trans_SWL(MipsCtx *s, const MipsArgs *a) { return gen_swlr(s, a, true); }
bool trans_SWR(MipsCtx *s, const MipsArgs *a) { return gen_swlr(s, a, false); }

/* ---- ll/sc ------------------------------------------------------------------ */

bool trans_LL(MipsCtx *s, const MipsArgs *a)
{
    IRBlock *b = s->b;
    IRRef addr = mips_addr(s, a->rs, a->imm);
    IRRef v = ir_load(b, IR_I32, mips_memop(s, 4, false), addr);
    ir_put(b, IR_I32, MIPS_OFF(lladdr), addr);
    ir_put(b, IR_I32, MIPS_OFF(llval), v);
    ir_put(b, IR_I32, MIPS_OFF(llbit), mips_k32(s, 1));
    mips_set_gpr(s, a->rt, v);
    return true;
}

bool trans_SC(MipsCtx *s, const MipsArgs *a)
{
    IRBlock *b = s->b;
    IRRef addr = mips_addr(s, a->rs, a->imm);
    IRRef nv = mips_gpr(s, a->rt);
    IRRef llval = ir_get(b, IR_I32, MIPS_OFF(llval));
    IRRef ok = mips_bin(s, IR_AND, ir_get(b, IR_I32, MIPS_OFF(llbit)),
                        ir_setcc(b, IR_CC_EQ, ir_get(b, IR_I32, MIPS_OFF(lladdr)), addr));
    IRRef store = ir_select(b, IR_I32, ok, nv, llval);
    IRRef old = ir_emit(b, IR_CMPXCHG, IR_I32, (uint16_t)mips_memop(s, 4, false),
                        addr, llval, store);
    IRRef done = mips_bin(s, IR_AND, ok, ir_setcc(b, IR_CC_EQ, old, llval));
    ir_put(b, IR_I32, MIPS_OFF(llbit), mips_k32(s, 0));
    mips_set_gpr(s, a->rt, done);
    return true;
}

/* ---- hints ------------------------------------------------------------------ */

bool trans_PREF(MipsCtx *s, const MipsArgs *a) { return true; }
