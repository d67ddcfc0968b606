/*
 * x64_enc.h - x86-64 instruction encoders.
 *
 * One core routine (x64_core in x64_enc.c) owns every prefix, REX, VEX,
 * ModRM, SIB and displacement byte; the forms below only choose opcodes and
 * append immediates.  An opcode constant carries its mandatory prefix, its
 * escape map, REX.W and /digit as flag bits, so a constant names one row of
 * the Intel SDM Vol. 2 opcode tables and cannot be emitted with the wrong
 * prefix.  Constants are named as in the SDM (operand order dst, src).
 *
 * The cursor X64Buf never writes past its capacity: bytes beyond it are
 * counted but dropped, and the caller checks x64_overflow() (x64_isel also
 * reserves room for an IR op's largest expansion before it starts one).
 *
 * Registers are numbered as in the ModRM/REX encoding: GPRs rax=0 .. r15=15
 * and XMM0..XMM15 = 0..15 (which file is meant follows from the opcode).
 */
#ifndef XBT_X64_ENC_H
#define XBT_X64_ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    X64_RAX, X64_RCX, X64_RDX, X64_RBX, X64_RSP, X64_RBP, X64_RSI, X64_RDI,
    X64_R8, X64_R9, X64_R10, X64_R11, X64_R12, X64_R13, X64_R14, X64_R15,
};

/* Condition codes (SDM Vol. 1 B.1, the cc field of Jcc/SETcc/CMOVcc). */
typedef enum X64Cond {
    X64_CC_O, X64_CC_NO, X64_CC_B, X64_CC_AE, X64_CC_E, X64_CC_NE, X64_CC_BE, X64_CC_A,
    X64_CC_S, X64_CC_NS, X64_CC_P, X64_CC_NP, X64_CC_L, X64_CC_GE, X64_CC_LE, X64_CC_G,
} X64Cond;
static inline X64Cond x64_cc_not(X64Cond cc) { return (X64Cond)(cc ^ 1); }

/* ---- opcode words ---------------------------------------------------- */
/* bits 0-7 opcode byte; the rest are flags. */
#define X64_P66      (1u << 8)    /* 66 prefix (operand size or mandatory) */
#define X64_PF3      (2u << 8)
#define X64_PF2      (3u << 8)
#define X64_PMASK    (3u << 8)
#define X64_M0F      (1u << 10)   /* 0F escape */
#define X64_M0F38    (2u << 10)
#define X64_M0F3A    (3u << 10)
#define X64_MMASK    (3u << 10)
#define X64_W        (1u << 12)   /* REX.W / VEX.W */
#define X64_BREG     (1u << 13)   /* ModRM.reg is a byte register (spl..dil need REX) */
#define X64_BRM      (1u << 14)   /* ModRM.rm register is a byte register */
#define X64_VEX      (1u << 15)   /* VEX encoded, vvvv = the vreg operand */
#define X64_OREG     (1u << 16)   /* register in the opcode's low 3 bits, no ModRM */
#define X64_NOMODRM  (1u << 17)   /* opcode only (ret, cdq, ...) */
#define X64_LOCK     (1u << 18)
#define X64_DIG(n)   ((((uint32_t)(n)) + 1u) << 20)   /* /n: ModRM.reg = n */
#define X64_DIGMASK  (15u << 20)

/* One-byte and 0F opcodes, SDM Vol. 2 (instruction reference, chapter 3-5). */
enum {
    X64_ADD_RM_R   = 0x01,                  /* ADD r/m32, r32 */
    X64_OR_RM_R    = 0x09,
    X64_AND_RM_R   = 0x21,
    X64_SUB_RM_R   = 0x29,
    X64_XOR_RM_R   = 0x31,
    X64_CMP_RM_R   = 0x39,
    X64_ADD_R_RM   = 0x03,                  /* ADD r32, r/m32 */
    X64_OR_R_RM    = 0x0b,
    X64_AND_R_RM   = 0x23,
    X64_SUB_R_RM   = 0x2b,
    X64_XOR_R_RM   = 0x33,
    X64_CMP_R_RM   = 0x3b,
    X64_TEST_RM_R  = 0x85,
    X64_XCHG_RM_R  = 0x87,
    X64_MOV_RM8_R8 = 0x88 | X64_BREG,      /* MOV r/m8, r8 */
    X64_MOV_RM_R   = 0x89,
    X64_MOV_R_RM   = 0x8b,
    X64_LEA        = 0x8d,
    X64_MOVSXD     = 0x63 | X64_W,          /* MOVSXD r64, r/m32 */
    X64_IMUL_R_RM_I8  = 0x6b,               /* IMUL r32, r/m32, imm8 */
    X64_IMUL_R_RM_I32 = 0x69,
    X64_MOV_RM_I32 = 0xc7 | X64_DIG(0),     /* MOV r/m32, imm32 */
    X64_MOV_RM8_I8 = 0xc6 | X64_DIG(0),
    X64_MOV_R_I    = 0xb8 | X64_OREG,       /* MOV r32, imm32 / r64, imm64 */
    X64_PUSH_R     = 0x50 | X64_OREG,
    X64_POP_R      = 0x58 | X64_OREG,
    X64_RET        = 0xc3 | X64_NOMODRM,
    X64_CDQ        = 0x99 | X64_NOMODRM,    /* CQO with X64_W */
    X64_INT3       = 0xcc | X64_NOMODRM,
    X64_CALL_REL32 = 0xe8 | X64_NOMODRM,
    X64_JMP_REL32  = 0xe9 | X64_NOMODRM,
    X64_JMP_REL8   = 0xeb | X64_NOMODRM,
    X64_JCC_REL8   = 0x70 | X64_NOMODRM,    /* + cc */
    X64_JCC_REL32  = 0x80 | X64_M0F | X64_NOMODRM,  /* 0F 80+cc */
    X64_INC_RM     = 0xff | X64_DIG(0),
    X64_DEC_RM     = 0xff | X64_DIG(1),
    X64_CALL_RM    = 0xff | X64_DIG(2),
    X64_JMP_RM     = 0xff | X64_DIG(4),
    /* group 1: 81 /n imm32, 83 /n imm8 */
    X64_GRP1_I32   = 0x81,
    X64_GRP1_I8    = 0x83,
    /* group 2 shifts: C1 /n imm8, D1 /n (by 1), D3 /n (by CL) */
    X64_GRP2_I8    = 0xc1,
    X64_GRP2_1     = 0xd1,
    X64_GRP2_CL    = 0xd3,
    /* group 3: F7 /n */
    X64_TEST_RM_I32 = 0xf7 | X64_DIG(0),
    X64_NOT_RM     = 0xf7 | X64_DIG(2),
    X64_NEG_RM     = 0xf7 | X64_DIG(3),
    X64_DIV_RM     = 0xf7 | X64_DIG(6),
    X64_IDIV_RM    = 0xf7 | X64_DIG(7),
    /* 0F map */
    X64_CMOVCC     = 0x40 | X64_M0F,        /* + cc */
    X64_SETCC      = 0x90 | X64_M0F | X64_BRM,  /* + cc */
    X64_IMUL_R_RM  = 0xaf | X64_M0F,
    X64_CMPXCHG_RM_R = 0xb1 | X64_M0F,
    X64_CMPXCHG_RM8_R8 = 0xb0 | X64_M0F | X64_BREG,
    X64_MOVZX_R_RM8  = 0xb6 | X64_M0F | X64_BRM,
    X64_MOVZX_R_RM16 = 0xb7 | X64_M0F,
    X64_MOVSX_R_RM8  = 0xbe | X64_M0F | X64_BRM,
    X64_MOVSX_R_RM16 = 0xbf | X64_M0F,
    X64_BSR        = 0xbd | X64_M0F,
    X64_LZCNT      = 0xbd | X64_M0F | X64_PF3,
    X64_BSWAP      = 0xc8 | X64_M0F | X64_OREG,
    X64_NOPL       = 0x1f | X64_M0F | X64_DIG(0),
    X64_MFENCE     = 0xae | X64_M0F | X64_DIG(6),  /* 0F AE F0: /6 with mod=11, rm=0 */
    X64_LDMXCSR    = 0xae | X64_M0F | X64_DIG(2),  /* m32 */
    X64_STMXCSR    = 0xae | X64_M0F | X64_DIG(3),
    X64_AND_RM8_R8 = 0x20 | X64_BREG | X64_BRM,
    X64_OR_RM8_R8  = 0x08 | X64_BREG | X64_BRM,
    X64_XOR_RM8_R8 = 0x30 | X64_BREG | X64_BRM,
    X64_MOVBE_R_M  = 0xf0 | X64_M0F38,
    X64_MOVBE_M_R  = 0xf1 | X64_M0F38,
    /* BMI2 (VEX.LZ.*.0F38 F7 /r, vvvv = count) and RORX (VEX.LZ.F2.0F3A F0 /r ib) */
    X64_SHLX       = 0xf7 | X64_M0F38 | X64_P66 | X64_VEX,
    X64_SARX       = 0xf7 | X64_M0F38 | X64_PF3 | X64_VEX,
    X64_SHRX       = 0xf7 | X64_M0F38 | X64_PF2 | X64_VEX,
    X64_RORX       = 0xf0 | X64_M0F3A | X64_PF2 | X64_VEX,
};

/* Group 1 (/n of 81, 83; n*8+1 and n*8+3 of the reg forms). */
typedef enum X64Alu {
    X64_ALU_ADD, X64_ALU_OR, X64_ALU_ADC, X64_ALU_SBB,
    X64_ALU_AND, X64_ALU_SUB, X64_ALU_XOR, X64_ALU_CMP,
} X64Alu;
/* Group 2 shifts (/n of C1, D1, D3). */
typedef enum X64Shift {
    X64_SH_ROL = 0, X64_SH_ROR = 1, X64_SH_SHL = 4, X64_SH_SHR = 5, X64_SH_SAR = 7,
} X64Shift;

/* SSE/AVX, SDM Vol. 2 (all XMM operands; 66/F2/F3 mandatory prefixes). */
enum {
    X64_MOVSS_X_XM   = 0x10 | X64_M0F | X64_PF3,
    X64_MOVSS_XM_X   = 0x11 | X64_M0F | X64_PF3,
    X64_MOVSD_X_XM   = 0x10 | X64_M0F | X64_PF2,
    X64_MOVSD_XM_X   = 0x11 | X64_M0F | X64_PF2,
    X64_MOVAPS_X_XM  = 0x28 | X64_M0F,
    X64_MOVD_X_RM    = 0x6e | X64_M0F | X64_P66,           /* MOVD xmm, r/m32 */
    X64_MOVQ_X_RM    = 0x6e | X64_M0F | X64_P66 | X64_W,   /* MOVQ xmm, r/m64 */
    X64_MOVD_RM_X    = 0x7e | X64_M0F | X64_P66,           /* MOVD r/m32, xmm */
    X64_MOVQ_RM_X    = 0x7e | X64_M0F | X64_P66 | X64_W,
    X64_ADDSS = 0x58 | X64_M0F | X64_PF3, X64_ADDSD = 0x58 | X64_M0F | X64_PF2,
    X64_MULSS = 0x59 | X64_M0F | X64_PF3, X64_MULSD = 0x59 | X64_M0F | X64_PF2,
    X64_SUBSS = 0x5c | X64_M0F | X64_PF3, X64_SUBSD = 0x5c | X64_M0F | X64_PF2,
    X64_DIVSS = 0x5e | X64_M0F | X64_PF3, X64_DIVSD = 0x5e | X64_M0F | X64_PF2,
    X64_SQRTSS = 0x51 | X64_M0F | X64_PF3, X64_SQRTSD = 0x51 | X64_M0F | X64_PF2,
    X64_ANDPS  = 0x54 | X64_M0F,
    X64_XORPS  = 0x57 | X64_M0F,
    X64_UCOMISS = 0x2e | X64_M0F, X64_UCOMISD = 0x2e | X64_M0F | X64_P66,
    X64_COMISS  = 0x2f | X64_M0F, X64_COMISD  = 0x2f | X64_M0F | X64_P66,
    X64_CVTSS2SD = 0x5a | X64_M0F | X64_PF3,
    X64_CVTSD2SS = 0x5a | X64_M0F | X64_PF2,
    X64_CVTSI2SS = 0x2a | X64_M0F | X64_PF3,    /* + X64_W for a 64-bit source */
    X64_CVTSI2SD = 0x2a | X64_M0F | X64_PF2,
    X64_CVTTSS2SI = 0x2c | X64_M0F | X64_PF3,   /* + X64_W for a 64-bit result */
    X64_CVTTSD2SI = 0x2c | X64_M0F | X64_PF2,
    X64_CVTSS2SI = 0x2d | X64_M0F | X64_PF3,
    X64_CVTSD2SI = 0x2d | X64_M0F | X64_PF2,
    X64_ROUNDSS  = 0x0a | X64_M0F3A | X64_P66,  /* imm8 follows */
    X64_ROUNDSD  = 0x0b | X64_M0F3A | X64_P66,
    /* FMA: VEX.128.66.0F38.W0 (ss) / W1 (sd) */
    X64_VFMADD132SS = 0x99 | X64_M0F38 | X64_P66 | X64_VEX,
    X64_VFMADD213SS = 0xa9 | X64_M0F38 | X64_P66 | X64_VEX,
    X64_VFMADD231SS = 0xb9 | X64_M0F38 | X64_P66 | X64_VEX,
    X64_VFMADD132SD = 0x99 | X64_M0F38 | X64_P66 | X64_VEX | X64_W,
    X64_VFMADD213SD = 0xa9 | X64_M0F38 | X64_P66 | X64_VEX | X64_W,
    X64_VFMADD231SD = 0xb9 | X64_M0F38 | X64_P66 | X64_VEX | X64_W,
};
/* ROUNDSS/SD imm8 (SDM ROUNDSD): bits 1:0 mode, bit 2 use MXCSR.RC, bit 3 suppress precision. */
enum { X64_ROUND_NEAREST = 0, X64_ROUND_DOWN = 1, X64_ROUND_UP = 2, X64_ROUND_TRUNC = 3,
       X64_ROUND_MXCSR = 4, X64_ROUND_NOPREC = 8 };

/* ---- operands and cursor --------------------------------------------- */

#define X64_NOREG (-1)
#define X64_RIP   (-2)      /* base: RIP-relative disp32 */

typedef struct X64Mem {
    int8_t base;      /* GPR, X64_NOREG or X64_RIP */
    int8_t index;     /* GPR (not rsp) or X64_NOREG */
    uint8_t scale;    /* log2: 0..3 */
    int32_t disp;
} X64Mem;

static inline X64Mem x64_mem(int base, int32_t disp)
{
    return (X64Mem){ .base = (int8_t)base, .index = X64_NOREG, .scale = 0, .disp = disp };
}
static inline X64Mem x64_mem_idx(int base, int index, unsigned scale, int32_t disp)
{
    return (X64Mem){ .base = (int8_t)base, .index = (int8_t)index, .scale = (uint8_t)scale,
                     .disp = disp };
}

typedef struct X64Buf {
    uint8_t *base;
    size_t pos, cap;        /* bytes past cap are dropped; pos keeps counting */
    size_t disp_pos;        /* position of the last disp32 written (RIP fixups) */
} X64Buf;

static inline void x64_buf_init(X64Buf *c, uint8_t *base, size_t cap)
{
    c->base = base;
    c->pos = 0;
    c->cap = cap;
    c->disp_pos = 0;
}
static inline bool x64_overflow(const X64Buf *c) { return c->pos > c->cap; }
static inline void x64_put8(X64Buf *c, uint8_t b)
{
    if (c->pos < c->cap)
        c->base[c->pos] = b;
    c->pos++;
}
void x64_put16(X64Buf *c, uint16_t v);
void x64_put32(X64Buf *c, uint32_t v);
void x64_put64(X64Buf *c, uint64_t v);
/* Overwrites 4 bytes already emitted at pos (fixups); dropped if past cap. */
void x64_patch32(X64Buf *c, size_t pos, uint32_t v);

/* ---- the core and its forms ------------------------------------------ */

/* Emits op with ModRM.reg = reg (ignored for /n ops), VEX.vvvv = vreg (VEX
 * ops only) and r/m = register rm (m == NULL) or memory *m. */
void x64_core(X64Buf *c, uint32_t op, unsigned reg, unsigned vreg, int rm, const X64Mem *m);

static inline void x64_rr(X64Buf *c, uint32_t op, unsigned reg, unsigned rm)
{
    x64_core(c, op, reg, 0, (int)rm, NULL);
}
static inline void x64_rm(X64Buf *c, uint32_t op, unsigned reg, X64Mem m)
{
    x64_core(c, op, reg, 0, 0, &m);
}
static inline void x64_vrr(X64Buf *c, uint32_t op, unsigned reg, unsigned v, unsigned rm)
{
    x64_core(c, op, reg, v, (int)rm, NULL);
}
static inline void x64_vrm(X64Buf *c, uint32_t op, unsigned reg, unsigned v, X64Mem m)
{
    x64_core(c, op, reg, v, 0, &m);
}
/* Opcode-only and opcode+register forms. */
static inline void x64_op(X64Buf *c, uint32_t op) { x64_core(c, op, 0, 0, 0, NULL); }
static inline void x64_oreg(X64Buf *c, uint32_t op, unsigned reg)
{
    x64_core(c, op, 0, 0, (int)reg, NULL);
}

/* ALU group 1: op r/m, r  /  op r, r/m  /  op r/m, imm (imm8 form when it fits). */
void x64_alu_rr(X64Buf *c, X64Alu a, bool w, unsigned dst, unsigned src);
void x64_alu_rm(X64Buf *c, X64Alu a, bool w, unsigned dst, X64Mem src);
void x64_alu_ri(X64Buf *c, X64Alu a, bool w, unsigned dst, int32_t imm);
void x64_alu_mi(X64Buf *c, X64Alu a, bool w, X64Mem dst, int32_t imm);
/* Shifts by an immediate, by 1, or by CL. */
void x64_shift_ri(X64Buf *c, X64Shift s, uint32_t wflags, unsigned dst, uint8_t imm);
void x64_shift_rcl(X64Buf *c, X64Shift s, bool w, unsigned dst);
/* MOV reg, imm: the shortest of mov r32,imm32 / mov r/m64,simm32 / movabs. */
void x64_mov_ri(X64Buf *c, bool w, unsigned dst, uint64_t imm);
void x64_mov_mi(X64Buf *c, bool w, X64Mem dst, int32_t imm);
void x64_imul_rri(X64Buf *c, bool w, unsigned dst, unsigned src, int32_t imm);
void x64_test_ri(X64Buf *c, bool w, unsigned dst, int32_t imm);
/* Jumps and calls: rel is relative to the end of the instruction. */
void x64_jcc8(X64Buf *c, X64Cond cc, int8_t rel);
void x64_jcc32(X64Buf *c, X64Cond cc, int32_t rel);
void x64_jmp8(X64Buf *c, int8_t rel);
void x64_jmp32(X64Buf *c, int32_t rel);
void x64_call32(X64Buf *c, int32_t rel);
void x64_setcc(X64Buf *c, X64Cond cc, unsigned dst);
void x64_cmov(X64Buf *c, X64Cond cc, bool w, unsigned dst, unsigned src);
/* SSE with an imm8 (ROUNDSS/SD), RORX. */
void x64_rri8(X64Buf *c, uint32_t op, unsigned reg, unsigned rm, uint8_t imm);
void x64_rmi8(X64Buf *c, uint32_t op, unsigned reg, X64Mem m, uint8_t imm);
/* NOP padding of n bytes (0..15) with the SDM's recommended multi-byte NOPs. */
void x64_nop(X64Buf *c, unsigned n);
void x64_mfence(X64Buf *c);

#endif
