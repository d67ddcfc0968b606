/* fpnan.S - NaN rules and single precision: the default NaN is positive
 * (0x7ff8000000000000); a NaN operand propagates quieted with its sign and
 * payload, FRA before FRB before FRC (fmadd); fnmadd keeps a NaN's sign;
 * lfs/stfs move signalling NaNs unchanged while frsp quiets them; fmadds
 * is fused in single precision; fsel and fcmpu with NaNs.
 */
#include "test.h"

/* HI_LO(n, freg, hi, lo): the double's two words */
#define HI_LO(n, freg, hi, lo)          \
    stfd freg, 0(31);                   \
    lwz 4, 0(31);                       \
    CHECK_IMM(n, 4, hi);                \
    lwz 4, 4(31);                       \
    CHECK_IMM(n, 4, lo)

TEST_START
    CLEAR_CR_XER
    LA(30, vals)
    LA(31, scratch)
    lfd 0, 0(30)                    /* 0.0 */
    lfd 1, 8(30)                    /* +inf */
    lfd 2, 16(30)                   /* QNaN, negative, payload 0x1234 */
    lfd 3, 24(30)                   /* SNaN, payload 5 */
    lfd 4, 32(30)                   /* 1.0 */
    lfd 5, 40(30)                   /* QNaN, payload 7 */

    fdiv 10, 0, 0
    HI_LO(1, 10, 0x7ff80000, 0)
    fsub 10, 1, 1
    HI_LO(2, 10, 0x7ff80000, 0)
    fmul 10, 0, 1
    HI_LO(3, 10, 0x7ff80000, 0)
    fadd 10, 4, 2                   /* NaN operand propagates */
    HI_LO(4, 10, 0xfff80000, 0x1234)
    fadd 10, 3, 4                   /* SNaN quieted */
    HI_LO(5, 10, 0x7ff80000, 5)
    fadd 10, 2, 3                   /* both NaN: FRA wins */
    HI_LO(6, 10, 0xfff80000, 0x1234)
    fadd 10, 3, 2
    HI_LO(7, 10, 0x7ff80000, 5)
    fmadd 10, 4, 5, 2               /* 1*QNaN7 + QNaN: FRA(1) FRB(QNaN-) FRC(QNaN7): FRB */
    HI_LO(8, 10, 0xfff80000, 0x1234)
    fmadd 10, 5, 4, 2               /* FRA is the NaN */
    HI_LO(9, 10, 0x7ff80000, 7)
    fmadd 10, 4, 3, 4               /* only FRC: quieted */
    HI_LO(10, 10, 0x7ff80000, 5)
    fmadd 10, 0, 1, 4               /* 0*inf + 1: default NaN */
    HI_LO(11, 10, 0x7ff80000, 0)
    fnmadd 10, 4, 4, 2              /* -(1*1 + NaN-) keeps the NaN's sign */
    HI_LO(12, 10, 0xfff80000, 0x1234)
    fnmsub 10, 1, 4, 1              /* -(inf*1 - inf): default NaN, positive */
    HI_LO(13, 10, 0x7ff80000, 0)
    fneg 10, 2                      /* sign operations move bits only */
    HI_LO(14, 10, 0x7ff80000, 0x1234)
    fabs 10, 3
    HI_LO(15, 10, 0x7ff00000, 5)

    /* lfs/stfs keep an SNaN; frsp quiets it */
    lfs 11, 48(30)                  /* 0xff800001 */
    HI_LO(16, 11, 0xfff00000, 0x20000000)
    stfs 11, 8(31)
    lwz 4, 8(31)
    CHECK_IMM(17, 4, 0xff800001)
    frsp 12, 11
    stfs 12, 8(31)
    lwz 4, 8(31)
    CHECK_IMM(18, 4, 0xffc00001)
    /* single denormal round trip */
    lfs 11, 52(30)                  /* 0x00000003 */
    HI_LO(19, 11, 0x36b80000, 0)
    stfs 11, 8(31)
    lwz 4, 8(31)
    CHECK_IMM(20, 4, 3)

    /* fmadds is fused: (1+2^-12)^2 - (1+2^-11) = 2^-24 */
    lfs 13, 56(30)                  /* 1 + 2^-12 */
    lfs 14, 60(30)                  /* -(1 + 2^-11) */
    fmadds 15, 13, 13, 14
    HI_LO(21, 15, 0x3e700000, 0)
    fmuls 16, 13, 13                /* unfused: ties to even */
    fadds 16, 16, 14
    HI_LO(22, 16, 0, 0)
    /* fadds rounds to single */
    lfd 17, 64(30)                  /* 1 + 2^-40 */
    fadds 18, 17, 0
    HI_LO(23, 18, 0x3ff00000, 0)

    /* fsel: FRA >= 0 (also -0) picks FRC, NaN picks FRB */
    fneg 19, 0                      /* -0.0 */
    fsel 10, 19, 4, 1
    HI_LO(24, 10, 0x3ff00000, 0)
    fsel 10, 2, 4, 1
    HI_LO(25, 10, 0x7ff00000, 0)
    /* fcmpu: unordered with a NaN, LT/GT/EQ otherwise */
    fcmpu 3, 4, 2
    fcmpu 4, 0, 4
    fcmpu 5, 4, 0
    fcmpu 6, 0, 19
    CHECK_CR(26, 0x00018420)
    PASS
TEST_END

    .data
    .balign 8
vals:
    .double 0.0
    .long 0x7ff00000, 0             /* +inf */
    .long 0xfff80000, 0x1234        /* -QNaN */
    .long 0x7ff00000, 5             /* SNaN */
    .double 1.0
    .long 0x7ff80000, 7             /* QNaN */
    .long 0xff800001                /* 48: single SNaN */
    .long 0x00000003                /* 52: single denormal */
    .long 0x3f800800                /* 56: 1 + 2^-12 */
    .long 0xbf801000                /* 60: -(1 + 2^-11) */
    .long 0x3ff00000, 0x00001000    /* 64: 1 + 2^-40 */
scratch:
    .space 16
