/*
 * x64_enc.c - the x86-64 encoder core and its instruction forms.
 *
 * x64_core is the only routine that writes prefixes, REX, VEX, ModRM, SIB and
 * displacements (SDM Vol. 2 chapter 2: 2.1 instruction format, 2.2.1 REX,
 * 2.3 VEX).  Rules it follows:
 *  - prefix order: 66 (operand size), LOCK, F2/F3, REX, then the escape
 *    (the order GNU as uses);
 *  - REX is emitted when W/R/X/B is needed, or for a byte register 4..7
 *    (spl, bpl, sil, dil instead of ah, ch, dh, bh);
 *  - the 2-byte VEX (C5) form is used when map is 0F and X, B, W are clear,
 *    as GNU as does, so encodings compare byte for byte with objdump;
 *  - rbp/r13 as a base always get a displacement, rsp/r12 as a base a SIB;
 *    rsp is never an index.
 * The other forms pick opcodes and append immediates.  Byte-exact tests
 * against GNU as: tests/unit/test_x64_enc.c.
 */
#include <assert.h>
#include <string.h>

#include "x64_enc.h"

void x64_put16(X64Buf *c, uint16_t v)
{
    x64_put8(c, (uint8_t)v);
    x64_put8(c, (uint8_t)(v >> 8));
}

void x64_put32(X64Buf *c, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        x64_put8(c, (uint8_t)(v >> (8 * i)));
}

void x64_put64(X64Buf *c, uint64_t v)
{
    x64_put32(c, (uint32_t)v);
    x64_put32(c, (uint32_t)(v >> 32));
}

void x64_patch32(X64Buf *c, size_t pos, uint32_t v)
{
    if (pos + 4 <= c->cap)
        memcpy(c->base + pos, &v, 4);
}

static inline bool fits8(int64_t v) { return v >= -128 && v <= 127; }

/* ---- the core --------------------------------------------------------- */

enum { REX_B = 1, REX_X = 2, REX_R = 4, REX_W = 8 };

void x64_core(X64Buf *c, uint32_t op, unsigned reg, unsigned vreg, int rm, const X64Mem *m)
{
    unsigned dig = (op & X64_DIGMASK) >> 20;
    unsigned pfx = (op & X64_PMASK) >> 8, map = (op & X64_MMASK) >> 10;
    unsigned rex = (op & X64_W) ? REX_W : 0;
    bool modrm = !(op & (X64_OREG | X64_NOMODRM)), force_rex = false;

    if (dig)
        reg = dig - 1;
    if (op & X64_OREG) {
        rex |= ((unsigned)rm >> 3) & 1 ? REX_B : 0;
    } else if (modrm) {
        rex |= (reg & 8) ? REX_R : 0;
        if (m) {
            assert(m->index != X64_RSP);
            if (m->base >= 0 && (m->base & 8))
                rex |= REX_B;
            if (m->index >= 0 && (m->index & 8))
                rex |= REX_X;
        } else if (rm & 8) {
            rex |= REX_B;
        }
        if ((op & X64_BREG) && reg >= 4 && reg < 8)
            force_rex = true;
        if ((op & X64_BRM) && !m && rm >= 4 && rm < 8)
            force_rex = true;
    }

    if (pfx == 1 && !(op & X64_VEX) && (op & X64_LOCK)) {
        x64_put8(c, 0x66);              /* as orders 66 before LOCK */
        pfx = 0;
    }
    if (op & X64_LOCK)
        x64_put8(c, 0xf0);
    if (op & X64_VEX) {
        assert(map != 0);
        if (map == 1 && !(rex & (REX_X | REX_B | REX_W))) {
            x64_put8(c, 0xc5);
            x64_put8(c, (uint8_t)(((rex & REX_R) ? 0 : 0x80) | ((~vreg & 15) << 3) | pfx));
        } else {
            x64_put8(c, 0xc4);
            x64_put8(c, (uint8_t)(((rex & REX_R) ? 0 : 0x80) | ((rex & REX_X) ? 0 : 0x40) |
                                  ((rex & REX_B) ? 0 : 0x20) | map));
            x64_put8(c, (uint8_t)(((rex & REX_W) ? 0x80 : 0) | ((~vreg & 15) << 3) | pfx));
        }
    } else {
        static const uint8_t pfx_byte[4] = { 0, 0x66, 0xf3, 0xf2 };
        if (pfx)
            x64_put8(c, pfx_byte[pfx]);
        if (rex || force_rex)
            x64_put8(c, (uint8_t)(0x40 | rex));
        if (map) {
            x64_put8(c, 0x0f);
            if (map == 2)
                x64_put8(c, 0x38);
            else if (map == 3)
                x64_put8(c, 0x3a);
        }
    }
    if (op & X64_OREG) {
        x64_put8(c, (uint8_t)((op & 0xff) | ((unsigned)rm & 7)));
        return;
    }
    x64_put8(c, (uint8_t)op);
    if (!modrm)
        return;

    if (!m) {
        x64_put8(c, (uint8_t)(0xc0 | ((reg & 7) << 3) | ((unsigned)rm & 7)));
        return;
    }
    if (m->base == X64_RIP) {
        x64_put8(c, (uint8_t)(0x05 | ((reg & 7) << 3)));
        c->disp_pos = c->pos;
        x64_put32(c, (uint32_t)m->disp);
        return;
    }
    if (m->base == X64_NOREG) {     /* [index*s + disp32] or [disp32] */
        x64_put8(c, (uint8_t)(0x04 | ((reg & 7) << 3)));
        x64_put8(c, (uint8_t)((m->scale << 6) | ((m->index >= 0 ? (unsigned)m->index & 7 : 4) << 3) | 5));
        c->disp_pos = c->pos;
        x64_put32(c, (uint32_t)m->disp);
        return;
    }
    unsigned b = (unsigned)m->base & 7, mod;
    if (m->disp == 0 && b != 5)
        mod = 0;
    else if (fits8(m->disp))
        mod = 1;
    else
        mod = 2;
    if (m->index == X64_NOREG && b != 4) {
        x64_put8(c, (uint8_t)((mod << 6) | ((reg & 7) << 3) | b));
    } else {
        unsigned idx = m->index >= 0 ? (unsigned)m->index & 7 : 4;
        x64_put8(c, (uint8_t)((mod << 6) | ((reg & 7) << 3) | 4));
        x64_put8(c, (uint8_t)((m->scale << 6) | (idx << 3) | b));
    }
    if (mod == 1) {
        x64_put8(c, (uint8_t)m->disp);
    } else if (mod == 2) {
        c->disp_pos = c->pos;
        x64_put32(c, (uint32_t)m->disp);
    }
}

/* ---- forms ------------------------------------------------------------ */

void x64_alu_rr(X64Buf *c, X64Alu a, bool w, unsigned dst, unsigned src)
{
    x64_rr(c, (a * 8u + 1) | (w ? X64_W : 0), src, dst);
}

void x64_alu_rm(X64Buf *c, X64Alu a, bool w, unsigned dst, X64Mem src)
{
    x64_rm(c, (a * 8u + 3) | (w ? X64_W : 0), dst, src);
}

void x64_alu_ri(X64Buf *c, X64Alu a, bool w, unsigned dst, int32_t imm)
{
    uint32_t wf = w ? X64_W : 0;
    if (fits8(imm)) {
        x64_rr(c, X64_GRP1_I8 | X64_DIG(a) | wf, 0, dst);
        x64_put8(c, (uint8_t)imm);
    } else if (dst == X64_RAX) {     /* short form: 05/0D/25/2D/35/3D id */
        x64_core(c, (a * 8u + 5) | X64_NOMODRM | wf, 0, 0, 0, NULL);
        x64_put32(c, (uint32_t)imm);
    } else {
        x64_rr(c, X64_GRP1_I32 | X64_DIG(a) | wf, 0, dst);
        x64_put32(c, (uint32_t)imm);
    }
}

void x64_alu_mi(X64Buf *c, X64Alu a, bool w, X64Mem dst, int32_t imm)
{
    uint32_t wf = w ? X64_W : 0;
    if (fits8(imm)) {
        x64_rm(c, X64_GRP1_I8 | X64_DIG(a) | wf, 0, dst);
        x64_put8(c, (uint8_t)imm);
    } else {
        x64_rm(c, X64_GRP1_I32 | X64_DIG(a) | wf, 0, dst);
        x64_put32(c, (uint32_t)imm);
    }
}

void x64_shift_ri(X64Buf *c, X64Shift s, uint32_t wflags, unsigned dst, uint8_t imm)
{
    if (imm == 1) {
        x64_rr(c, X64_GRP2_1 | X64_DIG(s) | wflags, 0, dst);
    } else {
        x64_rr(c, X64_GRP2_I8 | X64_DIG(s) | wflags, 0, dst);
        x64_put8(c, imm);
    }
}

void x64_shift_rcl(X64Buf *c, X64Shift s, bool w, unsigned dst)
{
    x64_rr(c, X64_GRP2_CL | X64_DIG(s) | (w ? X64_W : 0), 0, dst);
}

void x64_mov_ri(X64Buf *c, bool w, unsigned dst, uint64_t imm)
{
    if (!w || imm <= 0xffffffffu) {          /* mov r32, imm32 zero-extends */
        x64_oreg(c, X64_MOV_R_I, dst);
        x64_put32(c, (uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) {
        x64_rr(c, X64_MOV_RM_I32 | X64_W, 0, dst);
        x64_put32(c, (uint32_t)imm);
    } else {
        x64_oreg(c, X64_MOV_R_I | X64_W, dst);
        x64_put64(c, imm);
    }
}

void x64_mov_mi(X64Buf *c, bool w, X64Mem dst, int32_t imm)
{
    x64_rm(c, X64_MOV_RM_I32 | (w ? X64_W : 0), 0, dst);
    x64_put32(c, (uint32_t)imm);
}

void x64_imul_rri(X64Buf *c, bool w, unsigned dst, unsigned src, int32_t imm)
{
    uint32_t wf = w ? X64_W : 0;
    if (fits8(imm)) {
        x64_rr(c, X64_IMUL_R_RM_I8 | wf, dst, src);
        x64_put8(c, (uint8_t)imm);
    } else {
        x64_rr(c, X64_IMUL_R_RM_I32 | wf, dst, src);
        x64_put32(c, (uint32_t)imm);
    }
}

void x64_test_ri(X64Buf *c, bool w, unsigned dst, int32_t imm)
{
    if (dst == X64_RAX)             /* short form A9 id */
        x64_op(c, 0xa9 | X64_NOMODRM | (w ? X64_W : 0));
    else
        x64_rr(c, X64_TEST_RM_I32 | (w ? X64_W : 0), 0, dst);
    x64_put32(c, (uint32_t)imm);
}

void x64_jcc8(X64Buf *c, X64Cond cc, int8_t rel)
{
    x64_op(c, X64_JCC_REL8 + cc);
    x64_put8(c, (uint8_t)rel);
}

void x64_jcc32(X64Buf *c, X64Cond cc, int32_t rel)
{
    x64_op(c, X64_JCC_REL32 + cc);
    x64_put32(c, (uint32_t)rel);
}

void x64_jmp8(X64Buf *c, int8_t rel)
{
    x64_op(c, X64_JMP_REL8);
    x64_put8(c, (uint8_t)rel);
}

void x64_jmp32(X64Buf *c, int32_t rel)
{
    x64_op(c, X64_JMP_REL32);
    x64_put32(c, (uint32_t)rel);
}

void x64_call32(X64Buf *c, int32_t rel)
{
    x64_op(c, X64_CALL_REL32);
    x64_put32(c, (uint32_t)rel);
}

void x64_setcc(X64Buf *c, X64Cond cc, unsigned dst)
{
    x64_rr(c, X64_SETCC + cc, 0, dst);
}

void x64_cmov(X64Buf *c, X64Cond cc, bool w, unsigned dst, unsigned src)
{
    x64_rr(c, (X64_CMOVCC + cc) | (w ? X64_W : 0), dst, src);
}

void x64_rri8(X64Buf *c, uint32_t op, unsigned reg, unsigned rm, uint8_t imm)
{
    x64_rr(c, op, reg, rm);
    x64_put8(c, imm);
}

void x64_rmi8(X64Buf *c, uint32_t op, unsigned reg, X64Mem m, uint8_t imm)
{
    x64_rm(c, op, reg, m);
    x64_put8(c, imm);
}

void x64_nop(X64Buf *c, unsigned n)
{
    /* SDM Vol. 2B, NOP: recommended multi-byte sequences */
    static const uint8_t seq[9][9] = {
        { 0x90 },
        { 0x66, 0x90 },
        { 0x0f, 0x1f, 0x00 },
        { 0x0f, 0x1f, 0x40, 0x00 },
        { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    };
    while (n > 0) {
        unsigned k = n > 9 ? 9 : n;
        for (unsigned i = 0; i < k; i++)
            x64_put8(c, seq[k - 1][i]);
        n -= k;
    }
}

void x64_mfence(X64Buf *c)
{
    x64_rr(c, X64_MFENCE, 0, 0);
}
