/*
 * int.c - PowerPC32 fixed-point computation: arithmetic with the carry
 * (CA) and overflow (OV, SO) forms, compares, logical operations, rotates
 * and shifts, count-leading-zeros and sign extension.
 *
 * XER and CR are computed only where an instruction writes them, as plain
 * PUTs of 0/1 words (cpu.h): a later write to the same bit with no reader
 * in between lets ir_opt_state and DCE remove the computation, which is as
 * lazy as a flag can get without a flag-thunk.  Record forms (Rc = 1) set
 * CR0 from the signed comparison of the 32-bit result with zero and copy
 * XER.SO after this instruction's own OV update (Book I 3.3.1).
 *
 * Undefined results: the manual leaves divw/divwu by zero and divw of
 * 0x80000000 by -1 undefined.  They give what the 750 family gives
 * (as reported for Gekko, a 750CL): divw by zero -1 for a negative dividend
 * and 0 otherwise, 0x80000000 / -1 = 0, divwu by zero 0 (QEMU returns the
 * dividend instead).  With Rc = 1, CR0 follows that result.  mulhw/mulhwu
 * ignore OE (the bit is reserved; the row's mask requires it to be zero).
 */
#include "translate.h"

/* ---- XER and CR helpers ----------------------------------------------- */

static IRRef get_ca(PpcCtx *s) { return ppc_get(s, PPC_OFF(xer_ca)); }
static void set_ca(PpcCtx *s, IRRef v) { ppc_put(s, PPC_OFF(xer_ca), v); }

/* OV = ov (0/1); SO |= ov. */
static void set_ov(PpcCtx *s, IRRef ov)
{
    ppc_put(s, PPC_OFF(xer_ov), ov);
    ppc_put(s, PPC_OFF(xer_so), ppc_bin(s, IR_OR, ppc_get(s, PPC_OFF(xer_so)), ov));
}

void ppc_set_crf(PpcCtx *s, unsigned bf, IRRef lt, IRRef gt, IRRef eq, IRRef so)
{
    ppc_set_crbit(s, 4 * bf + PPC_CR_LT, lt);
    ppc_set_crbit(s, 4 * bf + PPC_CR_GT, gt);
    ppc_set_crbit(s, 4 * bf + PPC_CR_EQ, eq);
    ppc_set_crbit(s, 4 * bf + PPC_CR_SO, so);
}

static void set_crf_cmp(PpcCtx *s, unsigned bf, IRRef x, IRRef y, bool sign)
{
    IRBlock *b = s->b;
    ppc_set_crf(s, bf, ir_setcc(b, sign ? IR_CC_LTS : IR_CC_LTU, x, y),
                ir_setcc(b, sign ? IR_CC_GTS : IR_CC_GTU, x, y),
                ir_setcc(b, IR_CC_EQ, x, y), ppc_get(s, PPC_OFF(xer_so)));
}

void ppc_set_cr0(PpcCtx *s, IRRef v)
{
    set_crf_cmp(s, 0, v, ppc_k32(s, 0), true);
}

/* Writes rt and, for Rc = 1, CR0. */
static void set_result(PpcCtx *s, unsigned rt, IRRef v, bool rc)
{
    ppc_set_gpr(s, rt, v);
    if (rc)
        ppc_set_cr0(s, v);
}

/* Signed overflow of r = x + y (+ carry): the operands agree in sign and
 * the result does not.  Gives 0/1. */
static IRRef add_overflow(PpcCtx *s, IRRef x, IRRef y, IRRef r)
{
    IRRef t = ppc_bin(s, IR_AND, ppc_bin(s, IR_XOR, x, r), ppc_bin(s, IR_XOR, y, r));
    return ppc_bin(s, IR_SHR, t, ppc_k32(s, 31));
}

/* ---- add and subtract ------------------------------------------------- */

enum { CA_NONE, CA_SET };

/* rt = x + y + cin (cin an i32 0/1 value or IR_NONE), with CA when
 * set_ca, OV/SO when oe, CR0 when rc.  Every add/subtract-from form is
 * this with x = RA or ~RA. */
static bool gen_add(PpcCtx *s, unsigned rt, IRRef x, IRRef y, IRRef cin,
                    bool set_carry, bool oe, bool rc)
{
    IRBlock *b = s->b;
    IRRef t = ppc_bin(s, IR_ADD, x, y), r = t, ca = IR_NONE;
    if (cin != IR_NONE)
        r = ppc_bin(s, IR_ADD, t, cin);
    if (set_carry) {
        ca = ir_setcc(b, IR_CC_LTU, t, x);
        if (cin != IR_NONE)
            ca = ppc_bin(s, IR_OR, ca, ir_setcc(b, IR_CC_LTU, r, t));
    }
    if (set_carry)
        set_ca(s, ca);
    if (oe)
        set_ov(s, add_overflow(s, x, y, r));
    set_result(s, rt, r, rc);
    return true;
}

static IRRef not_ra(PpcCtx *s, const PpcArgs *a) { return ppc_un(s, IR_NOT, ppc_gpr(s, a->ra)); }

bool ppc_trans_ADD(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), IR_NONE, false, a->oe, a->rc);
}

bool ppc_trans_ADDC(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), IR_NONE, true, a->oe, a->rc);
}

bool ppc_trans_ADDE(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), get_ca(s), true, a->oe, a->rc);
}

bool ppc_trans_ADDME(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, ppc_gpr(s, a->ra), ppc_k32(s, ~0u), get_ca(s), true, a->oe, a->rc);
}

bool ppc_trans_ADDZE(PpcCtx *s, const PpcArgs *a)
{
    /* x + 0 + CA: carry out only from the CA add */
    IRBlock *b = s->b;
    IRRef x = ppc_gpr(s, a->ra), r = ppc_bin(s, IR_ADD, x, get_ca(s));
    set_ca(s, ir_setcc(b, IR_CC_LTU, r, x));
    if (a->oe)
        set_ov(s, add_overflow(s, x, ppc_k32(s, 0), r));
    set_result(s, a->rt, r, a->rc);
    return true;
}

bool ppc_trans_SUBFE(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, not_ra(s, a), ppc_gpr(s, a->rb), get_ca(s), true, a->oe, a->rc);
}

bool ppc_trans_SUBFME(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, not_ra(s, a), ppc_k32(s, ~0u), get_ca(s), true, a->oe, a->rc);
}

bool ppc_trans_SUBFZE(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef x = not_ra(s, a), r = ppc_bin(s, IR_ADD, x, get_ca(s));
    set_ca(s, ir_setcc(b, IR_CC_LTU, r, x));
    if (a->oe)
        set_ov(s, add_overflow(s, x, ppc_k32(s, 0), r));
    set_result(s, a->rt, r, a->rc);
    return true;
}

/* rt = y - x, i.e. ~x + y + 1: CA is "no borrow" (y >= x unsigned) and
 * signed overflow is that of ~x + y + 1. */
static bool gen_subf(PpcCtx *s, unsigned rt, IRRef x, IRRef y, bool set_carry, bool oe, bool rc)
{
    IRRef r = ppc_bin(s, IR_SUB, y, x);
    if (set_carry)
        set_ca(s, ir_setcc(s->b, IR_CC_GEU, y, x));
    if (oe)
        set_ov(s, add_overflow(s, ppc_un(s, IR_NOT, x), y, r));
    set_result(s, rt, r, rc);
    return true;
}

bool ppc_trans_SUBF(PpcCtx *s, const PpcArgs *a)
{
    return gen_subf(s, a->rt, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), false, a->oe, a->rc);
}

bool ppc_trans_SUBFC(PpcCtx *s, const PpcArgs *a)
{
    return gen_subf(s, a->rt, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), true, a->oe, a->rc);
}

bool ppc_trans_SUBFIC(PpcCtx *s, const PpcArgs *a)
{
    return gen_subf(s, a->rt, ppc_gpr(s, a->ra), ppc_k32(s, (uint32_t)a->imm), true, false, false);
}

bool ppc_trans_NEG(PpcCtx *s, const PpcArgs *a)
{
    IRRef x = ppc_gpr(s, a->ra);
    if (a->oe)
        set_ov(s, ir_setcc(s->b, IR_CC_EQ, x, ppc_k32(s, 0x80000000u)));
    set_result(s, a->rt, ppc_un(s, IR_NEG, x), a->rc);
    return true;
}

/* addi/addis take (RA|0); addic/addic. take RA and set CA. */
bool ppc_trans_ADDI(PpcCtx *s, const PpcArgs *a)
{
    IRRef v = ppc_k32(s, (uint32_t)a->imm);
    ppc_set_gpr(s, a->rt, a->ra ? ppc_bin(s, IR_ADD, ppc_gpr(s, a->ra), v) : v);
    return true;
}

bool ppc_trans_ADDIS(PpcCtx *s, const PpcArgs *a)
{
    IRRef v = ppc_k32(s, (uint32_t)a->imm << 16);
    ppc_set_gpr(s, a->rt, a->ra ? ppc_bin(s, IR_ADD, ppc_gpr(s, a->ra), v) : v);
    return true;
}

bool ppc_trans_ADDIC(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, ppc_gpr(s, a->ra), ppc_k32(s, (uint32_t)a->imm), IR_NONE, true, false, false);
}

bool ppc_trans_ADDIC_(PpcCtx *s, const PpcArgs *a)
{
    return gen_add(s, a->rt, ppc_gpr(s, a->ra), ppc_k32(s, (uint32_t)a->imm), IR_NONE, true, false, true);
}

/* ---- multiply and divide ----------------------------------------------- */

static IRRef mul64(PpcCtx *s, IRRef x, IRRef y, bool sign)
{
    IRBlock *b = s->b;
    IROp ext = sign ? IR_EXTS : IR_EXTU;
    return ir_binop(b, IR_MUL, IR_I64, ir_unop(b, ext, IR_I64, x), ir_unop(b, ext, IR_I64, y));
}

static IRRef high32(PpcCtx *s, IRRef p)
{
    IRBlock *b = s->b;
    return ir_unop(b, IR_TRUNC, IR_I32, ir_binop(b, IR_SHR, IR_I64, p, ir_const64(b, 32)));
}

bool ppc_trans_MULLI(PpcCtx *s, const PpcArgs *a)
{
    ppc_set_gpr(s, a->rt, ppc_bin(s, IR_MUL, ppc_gpr(s, a->ra), ppc_k32(s, (uint32_t)a->imm)));
    return true;
}

bool ppc_trans_MULLW(PpcCtx *s, const PpcArgs *a)
{
    IRRef x = ppc_gpr(s, a->ra), y = ppc_gpr(s, a->rb);
    IRRef r = ppc_bin(s, IR_MUL, x, y);
    if (a->oe) {                 /* the 64-bit product does not fit 32 signed bits */
        IRBlock *b = s->b;
        IRRef p = mul64(s, x, y, true);
        set_ov(s, ir_setcc(b, IR_CC_NE, p, ir_unop(b, IR_EXTS, IR_I64, r)));
    }
    set_result(s, a->rt, r, a->rc);
    return true;
}

bool ppc_trans_MULHW(PpcCtx *s, const PpcArgs *a)
{
    set_result(s, a->rt, high32(s, mul64(s, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), true)), a->rc);
    return true;
}

bool ppc_trans_MULHWU(PpcCtx *s, const PpcArgs *a)
{
    set_result(s, a->rt, high32(s, mul64(s, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), false)), a->rc);
    return true;
}

bool ppc_trans_DIVW(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef x = ppc_gpr(s, a->ra), y = ppc_gpr(s, a->rb);
    /* the 750's results for the undefined cases (see the file comment) */
    IRRef zero = ppc_k32(s, 0);
    IRRef by0 = ir_setcc(b, IR_CC_EQ, y, zero);
    IRRef ovf = ppc_bin(s, IR_AND, ir_setcc(b, IR_CC_EQ, x, ppc_k32(s, 0x80000000u)),
                        ir_setcc(b, IR_CC_EQ, y, ppc_k32(s, ~0u)));
    IRRef q = ir_select(b, IR_I32, ovf, zero, ppc_bin(s, IR_DIVS, x, y));
    q = ir_select(b, IR_I32, by0, ppc_bin(s, IR_SAR, x, ppc_k32(s, 31)), q);
    if (a->oe)
        set_ov(s, ppc_bin(s, IR_OR, by0, ovf));
    set_result(s, a->rt, q, a->rc);
    return true;
}

bool ppc_trans_DIVWU(PpcCtx *s, const PpcArgs *a)
{
    IRRef x = ppc_gpr(s, a->ra), y = ppc_gpr(s, a->rb);
    if (a->oe)
        set_ov(s, ir_setcc(s->b, IR_CC_EQ, y, ppc_k32(s, 0)));
    set_result(s, a->rt, ppc_bin(s, IR_DIVU, x, y), a->rc);
    return true;
}

/* ---- compares ---------------------------------------------------------- */

bool ppc_trans_CMP(PpcCtx *s, const PpcArgs *a)
{
    set_crf_cmp(s, a->bf, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), true);
    return true;
}

bool ppc_trans_CMPL(PpcCtx *s, const PpcArgs *a)
{
    set_crf_cmp(s, a->bf, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), false);
    return true;
}

bool ppc_trans_CMPI(PpcCtx *s, const PpcArgs *a)
{
    set_crf_cmp(s, a->bf, ppc_gpr(s, a->ra), ppc_k32(s, (uint32_t)a->imm), true);
    return true;
}

bool ppc_trans_CMPLI(PpcCtx *s, const PpcArgs *a)
{
    set_crf_cmp(s, a->bf, ppc_gpr(s, a->ra), ppc_k32(s, (uint32_t)a->imm), false);
    return true;
}

/* ---- logical ----------------------------------------------------------------- */

/* ra = op(rs, y), with CR0 when rc.  inv: complement the result. */
static bool gen_logic(PpcCtx *s, const PpcArgs *a, IROp op, IRRef y, bool inv, bool rc)
{
    IRRef r = ppc_bin(s, op, ppc_gpr(s, a->rs), y);
    if (inv)
        r = ppc_un(s, IR_NOT, r);
    set_result(s, a->ra, r, rc);
    return true;
}

bool ppc_trans_AND(PpcCtx *s, const PpcArgs *a)  { return gen_logic(s, a, IR_AND, ppc_gpr(s, a->rb), false, a->rc); }
bool ppc_trans_OR(PpcCtx *s, const PpcArgs *a)   { return gen_logic(s, a, IR_OR, ppc_gpr(s, a->rb), false, a->rc); }
bool ppc_trans_XOR(PpcCtx *s, const PpcArgs *a)  { return gen_logic(s, a, IR_XOR, ppc_gpr(s, a->rb), false, a->rc); }
bool ppc_trans_NAND(PpcCtx *s, const PpcArgs *a) { return gen_logic(s, a, IR_AND, ppc_gpr(s, a->rb), true, a->rc); }
bool ppc_trans_NOR(PpcCtx *s, const PpcArgs *a)  { return gen_logic(s, a, IR_OR, ppc_gpr(s, a->rb), true, a->rc); }
bool ppc_trans_EQV(PpcCtx *s, const PpcArgs *a)  { return gen_logic(s, a, IR_XOR, ppc_gpr(s, a->rb), true, a->rc); }

bool ppc_trans_ANDC(PpcCtx *s, const PpcArgs *a)
{
    return gen_logic(s, a, IR_AND, ppc_un(s, IR_NOT, ppc_gpr(s, a->rb)), false, a->rc);
}

bool ppc_trans_ORC(PpcCtx *s, const PpcArgs *a)
{
    return gen_logic(s, a, IR_OR, ppc_un(s, IR_NOT, ppc_gpr(s, a->rb)), false, a->rc);
}

/* ori 0,0,0 is the preferred nop: with rs == ra and imm 0 nothing changes. */
bool ppc_trans_ORI(PpcCtx *s, const PpcArgs *a)
{
    if (a->imm == 0 && a->rs == a->ra)
        return true;
    return gen_logic(s, a, IR_OR, ppc_k32(s, (uint32_t)a->imm), false, false);
}

bool ppc_trans_ORIS(PpcCtx *s, const PpcArgs *a)
{
    return gen_logic(s, a, IR_OR, ppc_k32(s, (uint32_t)a->imm << 16), false, false);
}

bool ppc_trans_XORI(PpcCtx *s, const PpcArgs *a)
{
    return gen_logic(s, a, IR_XOR, ppc_k32(s, (uint32_t)a->imm), false, false);
}

bool ppc_trans_XORIS(PpcCtx *s, const PpcArgs *a)
{
    return gen_logic(s, a, IR_XOR, ppc_k32(s, (uint32_t)a->imm << 16), false, false);
}

bool ppc_trans_ANDI_(PpcCtx *s, const PpcArgs *a)
{
    return gen_logic(s, a, IR_AND, ppc_k32(s, (uint32_t)a->imm), false, true);
}

bool ppc_trans_ANDIS_(PpcCtx *s, const PpcArgs *a)
{
    return gen_logic(s, a, IR_AND, ppc_k32(s, (uint32_t)a->imm << 16), false, true);
}

bool ppc_trans_CNTLZW(PpcCtx *s, const PpcArgs *a)
{
    set_result(s, a->ra, ppc_un(s, IR_CLZ, ppc_gpr(s, a->rs)), a->rc);
    return true;
}

bool ppc_trans_EXTSB(PpcCtx *s, const PpcArgs *a)
{
    set_result(s, a->ra, ppc_un(s, IR_SEXT8, ppc_gpr(s, a->rs)), a->rc);
    return true;
}

bool ppc_trans_EXTSH(PpcCtx *s, const PpcArgs *a)
{
    set_result(s, a->ra, ppc_un(s, IR_SEXT16, ppc_gpr(s, a->rs)), a->rc);
    return true;
}

/* ---- rotates ------------------------------------------------------------------ */

/* MASK(mb, me) of Book I 3.3.13: ones from bit mb to bit me (bit 0 the most
 * significant), wrapping around when mb > me. */
uint32_t ppc_rot_mask(unsigned mb, unsigned me)
{
    uint32_t from = 0xffffffffu >> mb, to = 0xffffffffu << (31 - me);
    return mb <= me ? from & to : from | to;
}

/* rotl(v, sh) & m, as a plain shift when the mask hides the wrapped bits. */
static IRRef rotl_mask(PpcCtx *s, IRRef v, unsigned sh, uint32_t m)
{
    if (sh == 0) {
        /* nothing to rotate */
    } else if ((m & ((1u << sh) - 1)) == 0) {
        v = ppc_bin(s, IR_SHL, v, ppc_k32(s, sh));
        if (m == 0xffffffffu << sh)
            return v;
    } else if ((m >> sh) == 0) {
        /* the mask keeps only the low sh bits: the part that wrapped around */
        v = ppc_bin(s, IR_SHR, v, ppc_k32(s, 32 - sh));
        if (m == (1u << sh) - 1)
            return v;
    } else {
        v = ppc_bin(s, IR_ROTR, v, ppc_k32(s, 32 - sh));
    }
    return m == 0xffffffffu ? v : ppc_bin(s, IR_AND, v, ppc_k32(s, m));
}

bool ppc_trans_RLWINM(PpcCtx *s, const PpcArgs *a)
{
    uint32_t m = ppc_rot_mask((unsigned)a->mb, (unsigned)a->me);
    set_result(s, a->ra, rotl_mask(s, ppc_gpr(s, a->rs), (unsigned)a->sh, m), a->rc);
    return true;
}

bool ppc_trans_RLWIMI(PpcCtx *s, const PpcArgs *a)
{
    uint32_t m = ppc_rot_mask((unsigned)a->mb, (unsigned)a->me);
    IRRef ins = rotl_mask(s, ppc_gpr(s, a->rs), (unsigned)a->sh, m);
    IRRef keep = ppc_bin(s, IR_AND, ppc_gpr(s, a->ra), ppc_k32(s, ~m));
    set_result(s, a->ra, ppc_bin(s, IR_OR, ins, keep), a->rc);
    return true;
}

/* rotl by rb[27:31] is rotr by its negation modulo 32. */
bool ppc_trans_RLWNM(PpcCtx *s, const PpcArgs *a)
{
    uint32_t m = ppc_rot_mask((unsigned)a->mb, (unsigned)a->me);
    IRRef v = ppc_bin(s, IR_ROTR, ppc_gpr(s, a->rs), ppc_un(s, IR_NEG, ppc_gpr(s, a->rb)));
    if (m != 0xffffffffu)
        v = ppc_bin(s, IR_AND, v, ppc_k32(s, m));
    set_result(s, a->ra, v, a->rc);
    return true;
}

/* ---- shifts --------------------------------------------------------------------- */

/* slw/srw: counts 32..63 (rb bit 26 set) give 0; the IR takes the count
 * modulo 32, which is rb[27:31]. */
static bool gen_shiftv(PpcCtx *s, const PpcArgs *a, IROp op)
{
    IRRef n = ppc_gpr(s, a->rb);
    IRRef big = ppc_bin(s, IR_AND, n, ppc_k32(s, 0x20));
    IRRef v = ppc_bin(s, op, ppc_gpr(s, a->rs), n);
    set_result(s, a->ra, ir_select(s->b, IR_I32, big, ppc_k32(s, 0), v), a->rc);
    return true;
}

bool ppc_trans_SLW(PpcCtx *s, const PpcArgs *a) { return gen_shiftv(s, a, IR_SHL); }
bool ppc_trans_SRW(PpcCtx *s, const PpcArgs *a) { return gen_shiftv(s, a, IR_SHR); }

/* CA = rs negative and a 1 bit shifted out (lost = rs & mask). */
static void set_sra_ca(PpcCtx *s, IRRef rs, IRRef lost_mask)
{
    IRBlock *b = s->b;
    IRRef neg = ir_setcc(b, IR_CC_LTS, rs, ppc_k32(s, 0));
    IRRef lost = ir_setcc(b, IR_CC_NE, ppc_bin(s, IR_AND, rs, lost_mask), ppc_k32(s, 0));
    set_ca(s, ppc_bin(s, IR_AND, neg, lost));
}

bool ppc_trans_SRAW(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef rs = ppc_gpr(s, a->rs), n = ppc_gpr(s, a->rb);
    IRRef big = ppc_bin(s, IR_AND, n, ppc_k32(s, 0x20));
    IRRef v = ir_select(b, IR_I32, big, ppc_bin(s, IR_SAR, rs, ppc_k32(s, 31)),
                        ppc_bin(s, IR_SAR, rs, n));
    IRRef low = ppc_bin(s, IR_SUB, ppc_bin(s, IR_SHL, ppc_k32(s, 1), n), ppc_k32(s, 1));
    set_sra_ca(s, rs, ir_select(b, IR_I32, big, ppc_k32(s, ~0u), low));
    set_result(s, a->ra, v, a->rc);
    return true;
}

bool ppc_trans_SRAWI(PpcCtx *s, const PpcArgs *a)
{
    IRRef rs = ppc_gpr(s, a->rs);
    unsigned sh = (unsigned)a->sh;
    if (sh == 0)
        set_ca(s, ppc_k32(s, 0));
    else
        set_sra_ca(s, rs, ppc_k32(s, (1u << sh) - 1));
    set_result(s, a->ra, sh ? ppc_bin(s, IR_SAR, rs, ppc_k32(s, sh)) : rs, a->rc);
    return true;
}
