/*
 * translate.c - the ARM32 block engine: fetch in A32 and Thumb, decode
 * through five tables, the condition field, Thumb IT state, block ends.
 *
 * Tables (insns_*.def): a32 (cond 0..14, bucketed by bits 27..20 and
 * 7..4), a32u (cond 1111), t16 (16-bit Thumb, by bits 15..10), t32 (32-bit
 * Thumb as hw1 << 16 | hw2, by hw1 bits 15..4) and cp (coprocessor space:
 * VFP, the CP15 thread registers; bits 27..20 and 11..4).  A T32
 * coprocessor word (111x 11xx ...) is the A32 word of the same instruction
 * (its top nibble reads as cond 1110 or 1111), so Thumb and ARM share the cp
 * rows.  ARM ARM (DDI 0406C) A5 and A6 give the encodings.
 *
 * A block starts at a pc whose bit 0 selects Thumb (see cpu.h) and runs
 * until a pc write, a trap or svc, the length limit, the end of the start's
 * 4 KiB page, or unreadable code.  A conditional direct branch becomes an
 * EXIT_IF and translation goes on (superblock).  A block never ends inside
 * an IT block except by a pc write, which must be the last instruction of
 * one; the length and page limits wait for the IT block to finish (so a
 * block may read a second page, like a 32-bit Thumb instruction across a
 * page end).  Blocks at a pc inside the kuser helper page are made by
 * kuser.c.
 *
 * Exceptions: an undefined word raises SIGILL/ILL_ILLOPC (the kernel's
 * do_undefinstr); unreadable code SIGSEGV/SEGV_MAPERR; an A32 pc that is
 * not word aligned SIGBUS/BUS_ADRALN.  Signals are host numbers.
 */
#include "translate.h"

#include <stddef.h>
#include <string.h>

#define ARM_PAGE_MASK 0xfffu
#define ARM_DEFAULT_MAX_INSNS 512u

/* Engine-handled condition fields. */
#define ARM_F_CONDT16 (DEC_ROW_GUEST << 1)   /* cond in bits 11..8 (T16 b<c>) */
#define ARM_F_CONDT32 (DEC_ROW_GUEST << 2)   /* cond in bits 25..22 (T32 b<c>) */

/* ---- fields and multi-part immediates ------------------------------------ */

#define FLD(name, pos, len, flags, shift) \
    { (pos), (len), (flags), (shift), (uint16_t)offsetof(ArmArgs, name) }
#define FMT(id, post, n, ...) \
    static const ArmFormat arm_fmt_##id = { { #id, n, { __VA_ARGS__ } }, post }

static inline uint32_t bit(uint32_t w, unsigned n) { return (w >> n) & 1; }
static inline uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
    return (w >> lo) & ((2u << (hi - lo)) - 1);
}
static inline uint32_t ror32(uint32_t v, unsigned n) { n &= 31; return n ? v >> n | v << (32 - n) : v; }

/* A32 operand 2 shift amount: LSR/ASR #0 encode 32. */
static int32_t imm_shift_amount(unsigned stype, unsigned n)
{
    return (n == 0 && (stype == SH_LSR || stype == SH_ASR)) ? 32 : (int32_t)n;
}

static void post_dpi(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    unsigned rot = bits(w, 11, 8) * 2;
    a->imm = (int32_t)ror32(w & 0xff, rot);
    a->carry = rot ? (int32_t)bit((uint32_t)a->imm, 31) : -1;
    a->op2 = OP2_IMM;
}
static void post_dpr(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->op2 = OP2_REG;
    a->shift = imm_shift_amount((unsigned)a->stype, (unsigned)a->shift);
}
static void post_rsr(const ArmCtx *s, ArmArgs *a, uint32_t w) { a->op2 = OP2_RSR; }
static void post_imm16(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->imm = (int32_t)(bits(w, 19, 16) << 12 | bits(w, 11, 0));
}
static void post_mul(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->x = (int32_t)bit(w, 5);
    a->y = (int32_t)bit(w, 6);
}
static void post_ls_imm(const ArmCtx *s, ArmArgs *a, uint32_t w) { a->op2 = OP2_IMM; }
static void post_ls_reg(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->op2 = OP2_REG;
    a->stype = (int32_t)bits(w, 6, 5);
    a->shift = imm_shift_amount((unsigned)a->stype, bits(w, 11, 7));
}
static void post_ls_x(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    if (bit(w, 22)) {
        a->op2 = OP2_IMM;
        a->imm = (int32_t)(bits(w, 11, 8) << 4 | bits(w, 3, 0));
    } else {
        a->op2 = OP2_REG;
        a->rm = (int32_t)bits(w, 3, 0);
        a->stype = SH_LSL;
        a->shift = 0;
        if (bits(w, 11, 8))
            a->op = -1;                         /* (0)(0)(0)(0): reserved */
    }
}
static void post_ldm(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->p = (int32_t)bit(w, 24);
    a->u = (int32_t)bit(w, 23);
}
static void post_blxi(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->imm = (int32_t)((uint32_t)a->imm | bit(w, 24) << 1);
}

/* ---- Thumb posts ------------------------------------------------------------ */

static void post_t16_shi(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->s = !s->in_it;
    a->op2 = OP2_REG;
    a->stype = (int32_t)bits(w, 12, 11);
    a->shift = imm_shift_amount((unsigned)a->stype, (unsigned)a->shift);
}
static void post_t16_reg(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->s = !s->in_it;
    a->op2 = OP2_REG;
    a->stype = SH_LSL;
    a->shift = 0;
}
static void post_t16_imm(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->s = !s->in_it;
    a->op2 = OP2_IMM;
    a->carry = -1;
}
static void post_t16_i8(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    post_t16_imm(s, a, w);
    a->rn = a->rd;
}
static void post_t16_dp(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    post_t16_reg(s, a, w);
    a->rn = a->rd;
}
static void post_t16_dpsh(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    static const int8_t st[16] = { -1, -1, SH_LSL, SH_LSR, SH_ASR, -1, -1, SH_ROR };
    a->s = !s->in_it;
    a->op2 = OP2_RSR;
    a->rs = a->rm;
    a->rm = a->rd;
    a->stype = st[bits(w, 9, 6)];
}
static void post_t16_neg(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    post_t16_imm(s, a, w);
    a->imm = 0;
}
static void post_t16_mul(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->s = !s->in_it;
    a->rm = a->rd;
}
static void post_t16_hi(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rd |= (int32_t)bit(w, 7) << 3;
    a->rn = a->rd;
    a->s = 0;
    a->op2 = OP2_REG;
    a->stype = SH_LSL;
    a->shift = 0;
}
static void post_t16_ls(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->p = 1;
    a->u = 1;
    a->w = 0;
    if (a->op2 == OP2_REG) {
        a->stype = SH_LSL;
        a->shift = 0;
    }
}
static void post_t16_lsi(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->op2 = OP2_IMM;
    post_t16_ls(s, a, w);
}
static void post_t16_lsr(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->op2 = OP2_REG;
    post_t16_ls(s, a, w);
}
static void post_t16_lit(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rn = 15;
    post_t16_lsi(s, a, w);
}
static void post_t16_sp(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rn = 13;
    post_t16_lsi(s, a, w);
}
static void post_t16_addsp(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rn = 13;
    a->s = 0;
    a->op2 = OP2_IMM;
    a->carry = -1;
}
static void post_t16_spi7(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rd = 13;
    post_t16_addsp(s, a, w);
}
static void post_t16_cbz(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->imm = (int32_t)(bit(w, 9) << 6 | bits(w, 7, 3) << 1);
}
static void post_t16_ext(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rn = 15;
    a->rot = 0;
}
static void post_t16_push(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rn = 13;
    a->w = 1;
    if (bit(w, 8))
        a->list |= bit(w, 11) ? 1 << 15 : 1 << 14;   /* pop: pc, push: lr */
    a->p = !bit(w, 11);          /* push = stmdb, pop = ldmia */
    a->u = bit(w, 11);
}
static void post_t16_ldm(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->p = 0;
    a->u = 1;
    /* stmia always writes back; ldmia unless rn is in the list */
    a->w = !bit(w, 11) || !(a->list >> a->rn & 1);
}

/* ThumbExpandImm_C (A6.3.2) */
static void post_t32_dpi(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    uint32_t imm12 = bit(w, 26) << 11 | bits(w, 14, 12) << 8 | bits(w, 7, 0);
    uint32_t imm8 = imm12 & 0xff, v;
    a->op2 = OP2_IMM;
    a->carry = -1;
    if ((imm12 >> 10) == 0) {
        switch ((imm12 >> 8) & 3) {
        case 0: v = imm8; break;
        case 1: v = imm8 << 16 | imm8; break;
        case 2: v = imm8 << 24 | imm8 << 8; break;
        default: v = imm8 * 0x01010101u; break;
        }
    } else {
        v = ror32(0x80 | (imm12 & 0x7f), imm12 >> 7);
        a->carry = (int32_t)(v >> 31);
    }
    a->imm = (int32_t)v;
}
static void post_t32_dpr(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->op2 = OP2_REG;
    a->shift = imm_shift_amount((unsigned)a->stype, bits(w, 14, 12) << 2 | bits(w, 7, 6));
}
static void post_t32_imm12(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->imm = (int32_t)(bit(w, 26) << 11 | bits(w, 14, 12) << 8 | bits(w, 7, 0));
    a->op2 = OP2_IMM;
    a->carry = -1;
    a->s = 0;
}
static void post_t32_imm16(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->imm = (int32_t)(bits(w, 19, 16) << 12 | bit(w, 26) << 11 | bits(w, 14, 12) << 8 | bits(w, 7, 0));
}
static void post_t32_sat(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->shift = (int32_t)(bits(w, 14, 12) << 2 | bits(w, 7, 6));
    a->stype = bit(w, 21) ? SH_ASR : SH_LSL;
}
static void post_t32_bf(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->lsb = (int32_t)(bits(w, 14, 12) << 2 | bits(w, 7, 6));
}
static void post_t32_rsr(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->rs = a->rm;
    a->rm = a->rn;
    a->op2 = OP2_RSR;
}
static void post_t32_ext(const ArmCtx *s, ArmArgs *a, uint32_t w) { a->rot *= 8; }
static void post_t32_mul(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->x = (int32_t)bit(w, 5);
    a->y = (int32_t)bit(w, 4);
}
static void post_t32_smlad(const ArmCtx *s, ArmArgs *a, uint32_t w) { a->x = (int32_t)bit(w, 4); }
static void post_t32_ls(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->op2 = OP2_IMM;
    a->p = 1;
    a->u = 1;
    a->w = 0;
    a->op = 0;
    if (bit(w, 23) || a->rn == 15) {            /* imm12, or literal with U */
        a->imm = (int32_t)(w & 0xfff);
        a->u = a->rn == 15 ? (int32_t)bit(w, 23) : 1;
    } else if (bit(w, 11)) {                    /* imm8 with P U W (and ...T) */
        a->imm = (int32_t)(w & 0xff);
        a->p = (int32_t)bit(w, 10);
        a->u = (int32_t)bit(w, 9);
        a->w = (int32_t)bit(w, 8);
        if (!a->p && !a->w)
            a->op = -1;                         /* undefined */
    } else if (bits(w, 10, 6) == 0) {           /* register, LSL #0..3 */
        a->op2 = OP2_REG;
        a->rm = (int32_t)bits(w, 3, 0);
        a->stype = SH_LSL;
        a->shift = (int32_t)bits(w, 5, 4);
    } else {
        a->op = -1;
    }
}
static void post_t32_ldrd(const ArmCtx *s, ArmArgs *a, uint32_t w) { a->w = (int32_t)bit(w, 21); }
static void post_t32_ldm(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->p = (int32_t)bit(w, 24);
    a->u = (int32_t)bit(w, 23);
}
static void post_t32_b(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    uint32_t S = bit(w, 26), i1 = !(bit(w, 13) ^ S), i2 = !(bit(w, 11) ^ S);
    uint32_t v = S << 24 | i1 << 23 | i2 << 22 | bits(w, 25, 16) << 12 | bits(w, 10, 0) << 1;
    a->imm = (int32_t)(v << 7) >> 7;
}
static void post_t32_bc(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    uint32_t v = bit(w, 26) << 20 | bit(w, 11) << 19 | bit(w, 13) << 18 |
                 bits(w, 21, 16) << 12 | bits(w, 10, 0) << 1;
    a->imm = (int32_t)(v << 11) >> 11;
}
static void post_t32_pkh(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->shift = (int32_t)(bits(w, 14, 12) << 2 | bits(w, 7, 6));
}

/* ---- formats ------------------------------------------------------------- */

#define F_RN   FLD(rn, 16, 4, 0, 0)
#define F_RD   FLD(rd, 12, 4, 0, 0)
#define F_RM   FLD(rm, 0, 4, 0, 0)
#define F_RS   FLD(rs, 8, 4, 0, 0)
#define F_S    FLD(s, 20, 1, 0, 0)
#define F_RT   FLD(rt, 12, 4, 0, 0)

FMT(NONE, NULL, 0, { 0 });
FMT(DPI, post_dpi, 3, F_RN, F_RD, F_S);
FMT(DPR, post_dpr, 6, F_RN, F_RD, F_S, F_RM, FLD(stype, 5, 2, 0, 0), FLD(shift, 7, 5, 0, 0));
FMT(RSR, post_rsr, 6, F_RN, F_RD, F_S, F_RM, FLD(stype, 5, 2, 0, 0), F_RS);
FMT(IMM16, post_imm16, 1, F_RD);
FMT(MUL, post_mul, 5, FLD(rd, 16, 4, 0, 0), FLD(ra, 12, 4, 0, 0), FLD(rm, 8, 4, 0, 0),
    FLD(rn, 0, 4, 0, 0), F_S);
FMT(LSI, post_ls_imm, 6, F_RN, F_RT, FLD(imm, 0, 12, 0, 0), FLD(p, 24, 1, 0, 0),
    FLD(u, 23, 1, 0, 0), FLD(w, 21, 1, 0, 0));
FMT(LSR, post_ls_reg, 6, F_RN, F_RT, F_RM, FLD(p, 24, 1, 0, 0), FLD(u, 23, 1, 0, 0),
    FLD(w, 21, 1, 0, 0));
FMT(LSX, post_ls_x, 5, F_RN, F_RT, FLD(p, 24, 1, 0, 0), FLD(u, 23, 1, 0, 0), FLD(w, 21, 1, 0, 0));
FMT(LDM, post_ldm, 3, F_RN, FLD(list, 0, 16, 0, 0), FLD(w, 21, 1, 0, 0));
FMT(BR, NULL, 1, FLD(imm, 0, 24, DEC_F_SIGNED, 2));
FMT(BLXI, post_blxi, 1, FLD(imm, 0, 24, DEC_F_SIGNED, 2));
FMT(BX, NULL, 1, F_RM);
FMT(R2, NULL, 2, F_RD, F_RM);
FMT(R3, NULL, 3, F_RN, F_RD, F_RM);
FMT(EXT, NULL, 4, F_RN, F_RD, F_RM, FLD(rot, 10, 2, 0, 3));
FMT(SAT, NULL, 5, F_RD, F_RM, FLD(width, 16, 5, 0, 0), FLD(shift, 7, 5, 0, 0),
    FLD(stype, 5, 2, 0, 0));
FMT(SAT16, NULL, 3, F_RD, F_RM, FLD(width, 16, 4, 0, 0));
FMT(BF, NULL, 4, F_RD, F_RM, FLD(lsb, 7, 5, 0, 0), FLD(width, 16, 5, 0, 0));
FMT(PKH, NULL, 5, F_RN, F_RD, F_RM, FLD(shift, 7, 5, 0, 0), FLD(op, 6, 1, 0, 0));
FMT(MSR, NULL, 2, F_RM, FLD(op, 18, 2, 0, 0));
FMT(MRS, NULL, 1, F_RD);
FMT(LDREX, NULL, 2, F_RN, F_RT);
FMT(STREX, NULL, 3, F_RN, F_RD, FLD(rt, 0, 4, 0, 0));
FMT(SWP, NULL, 4, F_RN, F_RT, FLD(rt2, 0, 4, 0, 0), FLD(op, 22, 1, 0, 0));
FMT(SVC, NULL, 1, FLD(imm, 0, 24, 0, 0));
FMT(BAR, NULL, 1, FLD(op, 0, 4, 0, 0));
FMT(CP, NULL, 6, F_RT, FLD(opc1, 21, 3, 0, 0), FLD(crn, 16, 4, 0, 0), FLD(cp, 8, 4, 0, 0),
    FLD(opc2, 5, 3, 0, 0), FLD(crm, 0, 4, 0, 0));
FMT(DIV, NULL, 3, FLD(rd, 16, 4, 0, 0), FLD(rm, 8, 4, 0, 0), FLD(rn, 0, 4, 0, 0));
FMT(SMLAD, NULL, 5, FLD(rd, 16, 4, 0, 0), FLD(ra, 12, 4, 0, 0), FLD(rm, 8, 4, 0, 0),
    FLD(rn, 0, 4, 0, 0), FLD(x, 5, 1, 0, 0));

/* T16 */
#define T_RD  FLD(rd, 0, 3, 0, 0)
#define T_RN3 FLD(rn, 3, 3, 0, 0)
#define T_RM3 FLD(rm, 3, 3, 0, 0)
#define T_RM6 FLD(rm, 6, 3, 0, 0)
#define T_RT  FLD(rt, 0, 3, 0, 0)
#define T_RD8 FLD(rd, 8, 3, 0, 0)
FMT(T_SHI, post_t16_shi, 3, T_RD, T_RM3, FLD(shift, 6, 5, 0, 0));
FMT(T_ADD3, post_t16_reg, 3, T_RD, T_RN3, T_RM6);
FMT(T_ADDI3, post_t16_imm, 3, T_RD, T_RN3, FLD(imm, 6, 3, 0, 0));
FMT(T_I8, post_t16_i8, 2, T_RD8, FLD(imm, 0, 8, 0, 0));
FMT(T_DP, post_t16_dp, 2, T_RD, T_RM3);
FMT(T_DPSH, post_t16_dpsh, 2, T_RD, T_RM3);
FMT(T_NEG, post_t16_neg, 2, T_RD, T_RN3);
FMT(T_MUL, post_t16_mul, 2, T_RD, T_RN3);
FMT(T_HI, post_t16_hi, 2, T_RD, FLD(rm, 3, 4, 0, 0));
FMT(T_BX, NULL, 1, FLD(rm, 3, 4, 0, 0));
FMT(T_LIT, post_t16_lit, 2, FLD(rt, 8, 3, 0, 0), FLD(imm, 0, 8, 0, 2));
FMT(T_LSR, post_t16_lsr, 3, T_RT, T_RN3, T_RM6);
FMT(T_LSW, post_t16_lsi, 3, T_RT, T_RN3, FLD(imm, 6, 5, 0, 2));
FMT(T_LSH, post_t16_lsi, 3, T_RT, T_RN3, FLD(imm, 6, 5, 0, 1));
FMT(T_LSB, post_t16_lsi, 3, T_RT, T_RN3, FLD(imm, 6, 5, 0, 0));
FMT(T_LSSP, post_t16_sp, 2, FLD(rt, 8, 3, 0, 0), FLD(imm, 0, 8, 0, 2));
FMT(T_ADR, NULL, 2, T_RD8, FLD(imm, 0, 8, 0, 2));
FMT(T_ADDSP, post_t16_addsp, 2, T_RD8, FLD(imm, 0, 8, 0, 2));
FMT(T_SPI7, post_t16_spi7, 1, FLD(imm, 0, 7, 0, 2));
FMT(T_CBZ, post_t16_cbz, 1, FLD(rn, 0, 3, 0, 0));
FMT(T_EXT, post_t16_ext, 2, T_RD, T_RM3);
FMT(T_R2, NULL, 2, T_RD, T_RM3);
FMT(T_PUSH, post_t16_push, 1, FLD(list, 0, 8, 0, 0));
FMT(T_LDM, post_t16_ldm, 2, FLD(rn, 8, 3, 0, 0), FLD(list, 0, 8, 0, 0));
FMT(T_BC, NULL, 1, FLD(imm, 0, 8, DEC_F_SIGNED, 1));
FMT(T_B, NULL, 1, FLD(imm, 0, 11, DEC_F_SIGNED, 1));
FMT(T_I8U, NULL, 1, FLD(imm, 0, 8, 0, 0));

/* T32 (word = hw1 << 16 | hw2) */
#define U_RN  FLD(rn, 16, 4, 0, 0)
#define U_RD  FLD(rd, 8, 4, 0, 0)
#define U_RM  FLD(rm, 0, 4, 0, 0)
#define U_RT  FLD(rt, 12, 4, 0, 0)
FMT(U_DPI, post_t32_dpi, 3, U_RN, U_RD, F_S);
FMT(U_DPR, post_t32_dpr, 5, U_RN, U_RD, F_S, U_RM, FLD(stype, 4, 2, 0, 0));
FMT(U_IMM12, post_t32_imm12, 2, U_RN, U_RD);
FMT(U_IMM16, post_t32_imm16, 1, U_RD);
FMT(U_SAT, post_t32_sat, 3, FLD(rm, 16, 4, 0, 0), U_RD, FLD(width, 0, 5, 0, 0));
FMT(U_SAT16, NULL, 3, FLD(rm, 16, 4, 0, 0), U_RD, FLD(width, 0, 4, 0, 0));
FMT(U_BF, post_t32_bf, 3, FLD(rm, 16, 4, 0, 0), U_RD, FLD(width, 0, 5, 0, 0));
FMT(U_RSR, post_t32_rsr, 5, U_RN, U_RD, U_RM, F_S, FLD(stype, 21, 2, 0, 0));
FMT(U_EXT, post_t32_ext, 4, U_RN, U_RD, U_RM, FLD(rot, 4, 2, 0, 0));
FMT(U_R3, NULL, 3, U_RN, U_RD, U_RM);
FMT(U_MUL, post_t32_mul, 4, U_RN, FLD(ra, 12, 4, 0, 0), U_RD, U_RM);
FMT(U_SMLAD, post_t32_smlad, 4, U_RN, FLD(ra, 12, 4, 0, 0), U_RD, U_RM);
FMT(U_MULL, NULL, 4, U_RN, FLD(ra, 12, 4, 0, 0), FLD(rd, 8, 4, 0, 0), U_RM);
FMT(U_MULLXY, post_t32_mul, 4, U_RN, FLD(ra, 12, 4, 0, 0), FLD(rd, 8, 4, 0, 0), U_RM);
FMT(U_LS, post_t32_ls, 2, U_RN, U_RT);
FMT(U_LDRD, post_t32_ldrd, 6, U_RN, U_RT, FLD(rt2, 8, 4, 0, 0), FLD(imm, 0, 8, 0, 2),
    FLD(p, 24, 1, 0, 0), FLD(u, 23, 1, 0, 0));
FMT(U_LDM, post_t32_ldm, 3, U_RN, FLD(list, 0, 16, 0, 0), FLD(w, 21, 1, 0, 0));
FMT(U_REX, NULL, 4, U_RN, U_RT, FLD(rd, 8, 4, 0, 0), FLD(imm, 0, 8, 0, 2));
FMT(U_REXB, NULL, 4, U_RN, U_RT, FLD(rt2, 8, 4, 0, 0), FLD(rd, 0, 4, 0, 0));
FMT(U_TB, NULL, 3, U_RN, U_RM, FLD(op, 4, 1, 0, 0));
FMT(U_B, post_t32_b, 0, { 0 });
FMT(U_BC, post_t32_bc, 0, { 0 });
FMT(U_MSR, NULL, 2, FLD(rm, 16, 4, 0, 0), FLD(op, 10, 2, 0, 0));
FMT(U_MRS, NULL, 1, U_RD);
FMT(U_PKH, post_t32_pkh, 4, U_RN, U_RD, U_RM, FLD(op, 5, 1, 0, 0));
FMT(U_DIV, NULL, 3, U_RN, U_RD, U_RM);

/* ---- the tables ------------------------------------------------------------ */

#define INSN(NAME, mnem, mask, match, fmt, isa, flags) \
    { mnem, mask, match, &arm_fmt_##fmt.f, (DecFn)arm_trans_##NAME, isa, flags },

#include "vfp_formats.h"
static const DecRow arm_rows_a32[] = {
#define A32_COND
#include "insns_a32.def"
#undef A32_COND
};
static const DecRow arm_rows_a32u[] = {
#define A32_UNCOND
#include "insns_a32.def"
#undef A32_UNCOND
};
static const DecRow arm_rows_t16[] = {
#include "insns_t16.def"
};
static const DecRow arm_rows_t32[] = {
#include "insns_t32.def"
};
static const DecRow arm_rows_cp[] = {
#include "insns_cp.def"
};
#undef INSN

#define NROWS(r) (uint32_t)(sizeof r / sizeof r[0])
static DecTable arm_tab_a32 = { "a32", arm_rows_a32, NROWS(arm_rows_a32), { { 20, 8 }, { 4, 4 } } };
static DecTable arm_tab_a32u = { "a32u", arm_rows_a32u, NROWS(arm_rows_a32u), { { 20, 8 }, { 4, 4 } } };
static DecTable arm_tab_t16 = { "t16", arm_rows_t16, NROWS(arm_rows_t16), { { 8, 8 }, { 0, 0 } } };
static DecTable arm_tab_t32 = { "t32", arm_rows_t32, NROWS(arm_rows_t32), { { 20, 12 }, { 0, 0 } } };
static DecTable arm_tab_cp = { "cp", arm_rows_cp, NROWS(arm_rows_cp), { { 20, 8 }, { 4, 8 } } };

DecTable *arm_table_a32(void) { return &arm_tab_a32; }
DecTable *arm_table_a32u(void) { return &arm_tab_a32u; }
DecTable *arm_table_t16(void) { return &arm_tab_t16; }
DecTable *arm_table_t32(void) { return &arm_tab_t32; }
DecTable *arm_table_cp(void) { return &arm_tab_cp; }

/* ---- conditions ------------------------------------------------------------ */

static IRRef not01(ArmCtx *s, IRRef x) { return arm_bin(s, IR_XOR, x, arm_k32(s, 1)); }

static IRRef flag(ArmCtx *s, uint32_t off) { return ir_get(s->b, IR_I32, off); }

static IRRef cond_base(ArmCtx *s, unsigned base)   /* base = cc >> 1 */
{
    IRBlock *b = s->b;
    IRRef z = arm_k32(s, 0);
    if (s->fl_kind == FL_SUB) {
        static const int8_t sub_cc[7] = { IR_CC_EQ, IR_CC_GEU, -1, -1, IR_CC_GTU, IR_CC_GES, IR_CC_GTS };
        if (sub_cc[base] >= 0)
            return ir_setcc(b, (IRCond)sub_cc[base], s->fl_x, s->fl_y);
    }
    if (s->fl_kind != FL_NONE && base == 0)
        return ir_setcc(b, IR_CC_EQ, s->fl_res, z);
    if (s->fl_kind != FL_NONE && base == 2)
        return ir_setcc(b, IR_CC_LTS, s->fl_res, z);
    switch (base) {
    case 0: return ir_setcc(b, IR_CC_EQ, flag(s, ARM_OFF(zf)), z);
    case 1: return arm_get_c(s);
    case 2: return ir_setcc(b, IR_CC_LTS, flag(s, ARM_OFF(nf)), z);
    case 3: return ir_setcc(b, IR_CC_LTS, arm_get_v(s), z);
    case 4: return arm_bin(s, IR_AND, arm_get_c(s),
                           ir_setcc(b, IR_CC_NE, flag(s, ARM_OFF(zf)), z));
    case 5: return ir_setcc(b, IR_CC_GES, arm_bin(s, IR_XOR, flag(s, ARM_OFF(nf)),
                                                  arm_get_v(s)), z);
    default:
        return arm_bin(s, IR_AND, ir_setcc(b, IR_CC_NE, flag(s, ARM_OFF(zf)), z),
                       ir_setcc(b, IR_CC_GES, arm_bin(s, IR_XOR, flag(s, ARM_OFF(nf)),
                                                      arm_get_v(s)), z));
    }
}

IRRef arm_cond_eval(ArmCtx *s, unsigned cc)
{
    IRRef r = cond_base(s, cc >> 1);
    if (cc & 1) {
        IRInsn *i = &s->b->insn[r];
        if (i->op == IR_SETCC) {             /* invert the comparison instead */
            static const uint8_t inv[IR_NCC] = {
                IR_CC_NE, IR_CC_EQ, IR_CC_GES, IR_CC_GTS, IR_CC_LES, IR_CC_LTS,
                IR_CC_GEU, IR_CC_GTU, IR_CC_LEU, IR_CC_LTU,
            };
            return ir_setcc(s->b, (IRCond)inv[i->aux], i->a, i->b);
        }
        r = not01(s, r);
    }
    return r;
}

void arm_cond_to_exit(ArmCtx *s)
{
    if (s->cond == IR_NONE)
        return;
    ir_exit_if(s->b, not01(s, s->cond), arm_next_key(s));
    s->cond = IR_NONE;
}

/* ---- fetch ------------------------------------------------------------------ */

static bool fetch16(ArmCtx *s, uint32_t addr, uint32_t *hw)
{
    if (s->code->executable && !s->code->executable(addr, 2))
        return false;
    const uint8_t *p = s->code->guest_base + addr;
    *hw = (uint32_t)p[0] | (uint32_t)p[1] << 8;
    return true;
}

static bool fetch32(ArmCtx *s, uint32_t addr, uint32_t *w)
{
    uint32_t lo, hi;
    if (!fetch16(s, addr, &lo) || !fetch16(s, addr + 2, &hi))
        return false;
    *w = hi << 16 | lo;
    return true;
}

/* ---- one instruction --------------------------------------------------------- */

static void undefined(ArmCtx *s)
{
    arm_raise(s, SIGILL, ILL_ILLOPC);
}

static void run_row(ArmCtx *s, DecTable *t, uint32_t insn, unsigned cc)
{
    const DecRow *r = dec_lookup(t, insn);
    s->insn = insn;
    s->row = r;
    if (!r) {
        undefined(s);
        return;
    }
    ArmArgs a;
    memset(&a, 0, sizeof a);
    a.carry = -1;
    dec_extract(r->fmt, insn, &a);
    const ArmFormat *f = (const ArmFormat *)(const void *)r->fmt;
    if (f->post)
        f->post(s, &a, insn);
    if (r->flags & ARM_F_CONDT16)
        cc = bits(insn, 11, 8);
    else if (r->flags & ARM_F_CONDT32)
        cc = bits(insn, 25, 22);
    s->condcode = cc;
    s->cond = cc < 14 ? arm_cond_eval(s, cc) : IR_NONE;
    if (!((ArmTransFn)r->trans)(s, &a))
        undefined(s);
}

static DecTable *a32_table_for(uint32_t insn)
{
    if ((insn >> 28) == 0xf)
        return &arm_tab_a32u;
    if (bits(insn, 27, 26) == 3 && bits(insn, 27, 24) != 0xf)
        return &arm_tab_cp;
    return &arm_tab_a32;
}

/* Routes a T32 word: coprocessor space is A32's; NEON is rewritten to A32. */
static DecTable *t32_table_for(uint32_t *w)
{
    uint32_t hw1 = *w >> 16;
    if ((hw1 & 0xef00) == 0xef00) {          /* NEON data: 111U 1111 -> 1111 001U */
        *w = 0xf2000000u | bit(hw1, 12) << 24 | (*w & 0x00ffffffu);
        return &arm_tab_a32u;
    }
    if ((hw1 & 0xff10) == 0xf900) {          /* NEON ld/st: 1111 1001 -> 1111 0100 */
        *w = 0xf4000000u | (*w & 0x00ffffffu);
        return &arm_tab_a32u;
    }
    if ((hw1 & 0xec00) == 0xec00)
        return &arm_tab_cp;
    return &arm_tab_t32;
}

static void translate_one(ArmCtx *s)
{
    uint32_t w;
    unsigned cc = 14;
    s->in_it = s->it != 0;
    s->it_last = s->in_it && (s->it & 0xf) == 0x8;
    if (s->in_it)
        cc = s->it >> 4;
    if (!s->thumb) {
        if (!fetch32(s, s->pc, &w))
            goto fault;
        s->len = 4;
        ir_insn_mark(s->b, s->pc);
        uint32_t c = w >> 28;
        run_row(s, a32_table_for(w), w, c == 15 ? 14 : c);
    } else {
        uint32_t hw1;
        if (!fetch16(s, s->pc, &hw1))
            goto fault;
        if ((hw1 >> 11) >= 0x1d) {
            uint32_t hw2;
            if (!fetch16(s, s->pc + 2, &hw2))
                goto fault;
            w = hw1 << 16 | hw2;
            s->len = 4;
            ir_insn_mark(s->b, s->pc | 1);
            DecTable *t = t32_table_for(&w);
            run_row(s, t, w, cc);
        } else {
            s->len = 2;
            ir_insn_mark(s->b, s->pc | 1);
            run_row(s, &arm_tab_t16, hw1, cc);
        }
        if (s->in_it) {                      /* ITAdvance */
            if ((s->it & 7) == 0)
                s->it = 0;
            else
                s->it = (s->it & 0xe0) | ((s->it << 1) & 0x1f);
        }
    }
    if (s->pc + s->len > s->last_end)
        s->last_end = s->pc + s->len;
    return;
fault:
    ir_insn_mark(s->b, s->pc | s->thumb);
    ir_trap(s->b, IR_EXIT_SIGNAL, s->pc | s->thumb, arm_sig(SIGSEGV, SEGV_MAPERR));
    s->end = true;
}

/* ---- the block --------------------------------------------------------------- */

void arm_translate(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt)
{
    ArmCtx s;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.code = code;
    s.opt = opt;
    s.thumb = pc & 1;
    s.pc = pc & ~1u;
    s.first_pc = s.pc;
    s.last_end = s.pc;
    s.cond = IR_NONE;
    s.cvop = -1;
    s.max_insns = opt && opt->max_insns ? opt->max_insns : ARM_DEFAULT_MAX_INSNS;

    if (!s.thumb && (s.pc & 3)) {
        ir_insn_mark(b, s.pc);
        ir_trap(b, IR_EXIT_SIGNAL, s.pc, arm_sig(SIGBUS, BUS_ADRALN));
        s.end = true;
    } else if (!s.thumb && (s.pc & ~ARM_PAGE_MASK) == ARM_KUSER_PAGE) {
        arm_kuser_translate(&s);
    }
    while (!s.end) {
        s.ninsns++;
        translate_one(&s);
        if (s.end)
            break;
        s.pc += s.len;
        if (s.it == 0 && (s.ninsns >= s.max_insns || ((s.pc ^ s.first_pc) & ~ARM_PAGE_MASK))) {
            ir_goto(b, s.pc | s.thumb);
            break;
        }
    }
    b->guest_pc = pc;
    b->guest_end = s.last_end > s.first_pc ? s.last_end : s.first_pc + 2;
    b->guest_insns = s.ninsns;
}
