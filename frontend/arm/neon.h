/*
 * neon.h - lane helpers shared by the Advanced SIMD translators (neon.c,
 * neon_ls.c, neon2.c); not a contract.  A D register is one i64; lane i of
 * esz bits is taken out with shifts, computed on as i64 (or f32), and put
 * back with insert().
 */
#ifndef XBT_ARM_NEON_H
#define XBT_ARM_NEON_H

#include <string.h>
#include "translate.h"

static inline IRRef k64(ArmCtx *s, uint64_t v) { return ir_const64(s->b, v); }
static inline IRRef b64(ArmCtx *s, IROp op, IRRef x, IRRef y) { return arm_bin64(s, op, x, y); }
static inline IRRef dget(ArmCtx *s, int d) { return ir_get(s->b, IR_I64, ARM_OFF_D(d & 31)); }
static inline void dput(ArmCtx *s, int d, IRRef v) { arm_put(s, IR_I64, ARM_OFF_D(d & 31), v); }
/* neon.c: v (an i64 lane value) saturated to esz bits, signed or unsigned;
 * *qc ORs in 1 when it clamps (FPSCR.QC). */
IRRef neon_sat(ArmCtx *s, IRRef v, unsigned esz, bool u, IRRef *qc);
static inline uint64_t lmask(unsigned esz) { return esz == 64 ? ~0ull : (1ull << esz) - 1; }
/* lane i of v (esz bits), extended to i64 */
static inline IRRef lane(ArmCtx *s, IRRef v, unsigned i, unsigned esz, bool sign)
{
    if (esz == 64)
        return v;
    if (sign) {
        IRRef t = b64(s, IR_SHL, v, k64(s, 64 - (i + 1) * esz));
        return b64(s, IR_SAR, t, k64(s, 64 - esz));
    }
    IRRef t = i ? b64(s, IR_SHR, v, k64(s, i * esz)) : v;
    return b64(s, IR_AND, t, k64(s, lmask(esz)));
}
static inline IRRef insert(ArmCtx *s, IRRef acc, IRRef r, unsigned i, unsigned esz)
{
    if (esz == 64)
        return r;
    r = b64(s, IR_AND, r, k64(s, lmask(esz)));
    if (i)
        r = b64(s, IR_SHL, r, k64(s, i * esz));
    return acc == IR_NONE ? r : b64(s, IR_OR, acc, r);
}
static inline IRRef ones_if(ArmCtx *s, IRRef c32)          /* i32 0/1 -> i64 0 or all ones */
{
    return ir_unop(s->b, IR_NEG, IR_I64, ir_unop(s->b, IR_EXTU, IR_I64, c32));
}
static inline IRRef f32_of(ArmCtx *s, IRRef l64)
{
    return ir_unop(s->b, IR_BITCAST, IR_F32, ir_unop(s->b, IR_TRUNC, IR_I32, l64));
}
static inline IRRef i64_of(ArmCtx *s, IRRef f)
{
    return ir_unop(s->b, IR_EXTU, IR_I64, ir_unop(s->b, IR_BITCAST, IR_I32, f));
}
static inline IRRef defnan32(ArmCtx *s, IRRef f)
{
    uint32_t bits = 0x7fc00000u;
    float nan;
    memcpy(&nan, &bits, sizeof nan);
    return ir_emit(s->b, IR_DEFNAN, IR_F32, 0, f, ir_constf32(s->b, nan), 0);
}
/* Flush to zero (NEON's standard FPSCR value has FZ = 1): a denormal lane
 * (exponent 0, fraction non-zero) becomes a zero of its sign; *hit ORs in
 * 1 when it was one.  in_bits/out are the f32 bits zero-extended in i64. */
static inline IRRef flush(ArmCtx *s, IRRef bits, IRRef *hit)
{
    IRBlock *b = s->b;
    IRRef denorm = arm_bin(s, IR_AND,
                           ir_setcc(b, IR_CC_EQ, b64(s, IR_AND, bits, k64(s, 0x7f800000u)), k64(s, 0)),
                           ir_setcc(b, IR_CC_NE, b64(s, IR_AND, bits, k64(s, 0x007fffffu)), k64(s, 0)));
    *hit = arm_bin(s, IR_OR, *hit, denorm);
    return ir_select(b, IR_I64, denorm, b64(s, IR_AND, bits, k64(s, 0x80000000u)), bits);
}
static inline void or_fpscr(ArmCtx *s, IRRef c32, uint32_t flag)
{
    IRRef f = ir_get(s->b, IR_I32, ARM_OFF(fpscr));
    IRRef bit = ir_select(s->b, IR_I32, c32, arm_k32(s, flag), arm_k32(s, 0));
    arm_put(s, IR_I32, ARM_OFF(fpscr), arm_bin(s, IR_OR, f, bit));
}
static inline void set_qc(ArmCtx *s, IRRef c32)
{
    IRRef f = ir_get(s->b, IR_I32, ARM_OFF(fpscr));
    arm_put(s, IR_I32, ARM_OFF(fpscr), arm_bin(s, IR_OR, f, arm_bin(s, IR_SHL, c32, arm_k32(s, 27))));
}

/* neon2.c entry points reached through other rows' translators */
bool arm_trans_NVQDSCALAR(ArmCtx *s, const ArmArgs *a);
bool arm_trans_NVMISC2(ArmCtx *s, const ArmArgs *a);

#endif
