/* fpmisc.S - FPU odds and ends with Status.FR = 0 (module fp=32): a double
 * lives in an even/odd pair, low word in the even register; mfhc1/mthc1
 * reach the high word; ldc1/sdc1/lwc1 byte order; madd.d and friends round
 * the product before adding (not fused, MIPS32r2 COP1X); legacy-NaN
 * default results 0x7ff7ffff_ffffffff (double) and 0x7fbfffff (single);
 * neg of zero; conversions between word, single and double.
 */
#include "test.h"
    .module fp=32

#ifdef __MIPSEB__
#define E(be, le) be
#else
#define E(be, le) le
#endif

TEST_START
    ctc1 $zero, $31
    la $s0, vals

    /* 1-4: register pairs and mfhc1 */
    ldc1 $f0, 0($s0)                /* bits 0x0123456789abcdef */
    mfc1 $t0, $f0
    CHECK_IMM(1, $t0, 0x89abcdef)
    mfc1 $t0, $f1
    CHECK_IMM(2, $t0, 0x01234567)
    mfhc1 $t0, $f0
    CHECK_IMM(3, $t0, 0x01234567)
    lwc1 $f4, 0($s0)                /* the word at the lower address */
    mfc1 $t0, $f4
    CHECK_IMM(4, $t0, E(0x01234567, 0x89abcdef))

    /* 5-8: mthc1/mtc1 build a double; sdc1 stores it in memory order */
    li $t1, 0x3ff80000              /* 1.5 */
    mtc1 $zero, $f2
    mthc1 $t1, $f2
    la $s1, out
    sdc1 $f2, 0($s1)
    lw $t0, 0($s1)
    CHECK_IMM(5, $t0, E(0x3ff80000, 0))
    mfc1 $t0, $f3                   /* mthc1 wrote the odd register */
    CHECK_IMM(6, $t0, 0x3ff80000)
    ldc1 $f6, 8($s0)                /* 1.5 */
    c.eq.d $f2, $f6
    bc1f 91f
    nop
    swc1 $f3, 8($s1)
    lw $t0, 8($s1)
    CHECK_IMM(7, $t0, 0x3ff80000)

    /* 10-12: madd.d = round(round(fs*ft) + fr), not fused */
    ldc1 $f8, 16($s0)               /* a = 1 + 2^-30 */
    ldc1 $f10, 24($s0)              /* c = -(1 + 2^-29) */
    madd.d $f12, $f10, $f8, $f8     /* a*a + c: 0 unfused, 2^-60 fused */
    mfc1 $t0, $f12
    mfc1 $t1, $f13
    or $t0, $t0, $t1
    CHECK_IMM(10, $t0, 0)
    neg.d $f14, $f10                /* 1 + 2^-29 */
    msub.d $f12, $f14, $f8, $f8     /* a*a - (1+2^-29): 0 unfused */
    mfc1 $t0, $f12
    mfc1 $t1, $f13
    sll $t1, $t1, 1                 /* ignore the sign of zero */
    or $t0, $t0, $t1
    CHECK_IMM(11, $t0, 0)
    ldc1 $f16, 8($s0)               /* 1.5 */
    ldc1 $f18, 32($s0)              /* 2.0 */
    nmadd.d $f12, $f16, $f18, $f18  /* -(2*2 + 1.5) = -5.5 */
    ldc1 $f20, 40($s0)
    c.eq.d $f12, $f20
    bc1f 92f
    nop
    nmsub.d $f12, $f16, $f18, $f18  /* -(2*2 - 1.5) = -2.5 */
    ldc1 $f20, 48($s0)
    c.eq.d $f12, $f20
    bc1f 93f
    nop
    lwc1 $f22, 56($s0)              /* 1 + 2^-12 (single) */
    lwc1 $f23, 60($s0)              /* -(1 + 2^-11) */
    madd.s $f24, $f23, $f22, $f22   /* 0 unfused, 2^-24 fused */
    mfc1 $t0, $f24
    CHECK_IMM(12, $t0, 0)

    /* 20-25: default NaNs (legacy encoding: quiet bit clear) */
    mtc1 $zero, $f0
    mthc1 $zero, $f0
    div.d $f2, $f0, $f0
    mfc1 $t0, $f2
    CHECK_IMM(20, $t0, 0xffffffff)
    mfhc1 $t0, $f2
    CHECK_IMM(21, $t0, 0x7ff7ffff)
    mtc1 $zero, $f4
    div.s $f6, $f4, $f4
    mfc1 $t0, $f6
    CHECK_IMM(22, $t0, 0x7fbfffff)
    ldc1 $f8, 64($s0)               /* -1.0 */
    sqrt.d $f2, $f8
    mfhc1 $t0, $f2
    CHECK_IMM(23, $t0, 0x7ff7ffff)
    ldc1 $f8, 72($s0)               /* +inf */
    sub.d $f2, $f8, $f8             /* inf - inf */
    mfhc1 $t0, $f2
    CHECK_IMM(24, $t0, 0x7ff7ffff)
    mul.d $f2, $f8, $f0             /* inf * 0 */
    mfc1 $t0, $f2
    CHECK_IMM(25, $t0, 0xffffffff)
    ctc1 $zero, $31

    /* 30-31: neg/abs of zero */
    neg.d $f2, $f0
    mfhc1 $t0, $f2
    CHECK_IMM(30, $t0, 0x80000000)
    abs.d $f4, $f2
    mfhc1 $t0, $f4
    CHECK_IMM(31, $t0, 0)

    /* 32-38: conversions */
    li $t0, -7
    mtc1 $t0, $f0
    cvt.d.w $f2, $f0
    mfhc1 $t1, $f2
    CHECK_IMM(32, $t1, 0xc01c0000)  /* -7.0 */
    cvt.s.w $f4, $f0
    mfc1 $t1, $f4
    CHECK_IMM(33, $t1, 0xc0e00000)
    cvt.d.s $f6, $f4
    c.eq.d $f6, $f2
    bc1f 94f
    nop
    li $t0, 16777217                /* 2^24 + 1: not a float */
    mtc1 $t0, $f0
    cvt.s.w $f4, $f0                /* rounds to even: 2^24 */
    mfc1 $t1, $f4
    CHECK_IMM(34, $t1, 0x4b800000)
    cvt.d.w $f2, $f0                /* exact in double */
    cvt.w.d $f8, $f2
    mfc1 $t1, $f8
    CHECK_IMM(35, $t1, 16777217)
    li $t0, 0x3fb504f3              /* sqrtf(2) */
    lwc1 $f0, 80($s0)               /* 2.0f */
    sqrt.s $f2, $f0
    mfc1 $t1, $f2
    CHECK_EQ(36, $t1, $t0)
    ldc1 $f0, 32($s0)               /* 2.0 */
    sqrt.d $f2, $f0
    mfc1 $t1, $f2
    CHECK_IMM(37, $t1, 0x667f3bcd)  /* sqrt(2) = 0x3ff6a09e_667f3bcd */
    mfhc1 $t1, $f2
    CHECK_IMM(38, $t1, 0x3ff6a09e)
    PASS
91: EXIT(91)
92: EXIT(92)
93: EXIT(93)
94: EXIT(94)
TEST_END

    .data
    .balign 8
vals:
    .word E(0x01234567, 0x89abcdef), E(0x89abcdef, 0x01234567)   /* 0 */
    .double 1.5                                 /* 8 */
    .double 1.000000000931322574615478515625    /* 16: 1 + 2^-30 */
    .double -1.00000000186264514923095703125    /* 24: -(1 + 2^-29) */
    .double 2.0, -5.5, -2.5                     /* 32, 40, 48 */
    .float 1.000244140625, -1.00048828125       /* 56: 1 + 2^-12, -(1 + 2^-11) */
    .double -1.0                                /* 64 */
    .word E(0x7ff00000, 0), E(0, 0x7ff00000)    /* 72: +inf */
    .float 2.0                                  /* 80 */
    .balign 8
out: .space 16
