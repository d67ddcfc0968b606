/* fcsr.S - FCSR: the rounding mode set with ctc1 drives cvt.w.d, cvt.s.d
 * and arithmetic, while round/trunc/floor/ceil.w.d ignore it; cfc1 reads
 * it back; flag and cause bits after inexact, divide-by-zero, invalid and
 * overflow; out-of-range and NaN conversions give 2^31-1 (legacy MIPS, not
 * x86's 0x80000000) with the invalid flag.
 */
#include "test.h"

#define RM_RN 0
#define RM_RZ 1
#define RM_RP 2
#define RM_RM 3
#define STICKY_CAUSE 0x0003f07c         /* cause and flag fields */

#define SET_RM(m)   li $t0, m; ctc1 $t0, $31
/* CVT(n, insn, src, expect): convert src (an FPR) with insn, check the word */
#define CVT(n, insn, src, expect)       \
    insn $f20, src;                     \
    mfc1 $t1, $f20;                     \
    CHECK_IMM(n, $t1, expect)
#define FCSR_IS(n, expect)              \
    cfc1 $t1, $31;                      \
    li $t2, STICKY_CAUSE;               \
    and $t1, $t1, $t2;                  \
    CHECK_IMM(n, $t1, expect)

TEST_START
    la $s0, vals
    ldc1 $f0, 0($s0)                /* 2.5 */
    ldc1 $f2, 8($s0)                /* -2.5 */
    ldc1 $f4, 16($s0)               /* 3.5 */
    ldc1 $f6, 24($s0)               /* 1.7 */
    ldc1 $f8, 32($s0)               /* -1.7 */
    ldc1 $f10, 40($s0)              /* 0.5 */

    SET_RM(RM_RN)
    cfc1 $t1, $31
    andi $t1, $t1, 3
    CHECK_IMM(1, $t1, RM_RN)
    CVT(2, cvt.w.d, $f0, 2)
    CVT(3, cvt.w.d, $f2, -2)
    CVT(4, cvt.w.d, $f4, 4)
    CVT(5, cvt.w.d, $f6, 2)
    CVT(6, cvt.w.d, $f8, -2)
    CVT(7, cvt.w.d, $f10, 0)
    SET_RM(RM_RZ)
    CVT(8, cvt.w.d, $f0, 2)
    CVT(9, cvt.w.d, $f2, -2)
    CVT(10, cvt.w.d, $f4, 3)
    CVT(11, cvt.w.d, $f6, 1)
    CVT(12, cvt.w.d, $f8, -1)
    CVT(13, cvt.w.d, $f10, 0)
    SET_RM(RM_RP)
    cfc1 $t1, $31
    andi $t1, $t1, 3
    CHECK_IMM(14, $t1, RM_RP)
    CVT(15, cvt.w.d, $f0, 3)
    CVT(16, cvt.w.d, $f2, -2)
    CVT(17, cvt.w.d, $f4, 4)
    CVT(18, cvt.w.d, $f6, 2)
    CVT(19, cvt.w.d, $f8, -1)
    CVT(20, cvt.w.d, $f10, 1)
    SET_RM(RM_RM)
    CVT(21, cvt.w.d, $f0, 2)
    CVT(22, cvt.w.d, $f2, -3)
    CVT(23, cvt.w.d, $f4, 3)
    CVT(24, cvt.w.d, $f6, 1)
    CVT(25, cvt.w.d, $f8, -2)
    CVT(26, cvt.w.d, $f10, 0)

    /* fixed-direction conversions ignore RM (RP set here) */
    SET_RM(RM_RP)
    CVT(27, round.w.d, $f0, 2)
    CVT(28, round.w.d, $f2, -2)
    CVT(29, round.w.d, $f4, 4)
    CVT(30, round.w.d, $f8, -2)
    CVT(31, trunc.w.d, $f4, 3)
    CVT(32, trunc.w.d, $f8, -1)
    CVT(33, floor.w.d, $f4, 3)
    CVT(34, floor.w.d, $f8, -2)
    CVT(35, floor.w.d, $f2, -3)
    CVT(36, ceil.w.d, $f6, 2)
    CVT(37, ceil.w.d, $f8, -1)
    CVT(38, ceil.w.d, $f10, 1)
    SET_RM(RM_RM)
    CVT(39, round.w.d, $f10, 0)
    CVT(40, ceil.w.d, $f2, -2)
    CVT(41, trunc.w.d, $f2, -2)
    /* single precision sources */
    cvt.s.d $f12, $f4               /* 3.5f, exact */
    CVT(42, round.w.s, $f12, 4)
    CVT(43, trunc.w.s, $f12, 3)
    CVT(44, floor.w.s, $f12, 3)
    CVT(45, ceil.w.s, $f12, 4)
    CVT(46, cvt.w.s, $f12, 3)       /* RM: toward -inf */

    /* cvt.s.d of 1 + 2^-24 (a tie between two floats) */
    ldc1 $f14, 48($s0)
    SET_RM(RM_RN)
    CVT(47, cvt.s.d, $f14, 0x3f800000)
    SET_RM(RM_RP)
    CVT(48, cvt.s.d, $f14, 0x3f800001)
    SET_RM(RM_RZ)
    CVT(49, cvt.s.d, $f14, 0x3f800000)
    neg.d $f16, $f14
    SET_RM(RM_RM)
    CVT(50, cvt.s.d, $f16, 0xbf800001)
    SET_RM(RM_RP)
    CVT(51, cvt.s.d, $f16, 0xbf800000)

    /* 1/3 rounds down to nearest, up toward +inf */
    ldc1 $f18, 56($s0)              /* 1.0 */
    ldc1 $f20, 64($s0)              /* 3.0 */
    SET_RM(RM_RN)
    div.d $f22, $f18, $f20
    mfc1 $t1, $f22
    CHECK_IMM(52, $t1, 0x55555555)
    SET_RM(RM_RP)
    div.d $f22, $f18, $f20
    mfc1 $t1, $f22
    CHECK_IMM(53, $t1, 0x55555556)
    SET_RM(RM_RM)
    neg.d $f24, $f18
    div.d $f22, $f24, $f20          /* -1/3 toward -inf: magnitude up */
    mfc1 $t1, $f22
    CHECK_IMM(54, $t1, 0x55555556)

    /* flags (bits 2..6: I U O Z V) and cause (bits 12..17) */
    ctc1 $zero, $31
    FCSR_IS(60, 0)
    div.d $f22, $f18, $f20          /* inexact */
    FCSR_IS(61, 0x00001004)
    add.d $f22, $f18, $f18          /* exact: cause cleared, flag stays */
    FCSR_IS(62, 0x00000004)
    mtc1 $zero, $f26
    mthc1 $zero, $f26               /* f26 = 0.0 */
    div.d $f22, $f18, $f26          /* 1/0 */
    FCSR_IS(63, 0x00008024)
    ctc1 $zero, $31
    div.d $f22, $f26, $f26          /* 0/0 */
    FCSR_IS(64, 0x00010040)
    ctc1 $zero, $31
    ldc1 $f28, 72($s0)              /* 1e308 */
    mul.d $f22, $f28, $f28          /* overflow + inexact */
    FCSR_IS(65, 0x00005014)
    ctc1 $zero, $31
    ldc1 $f28, 80($s0)              /* 1e-300 */
    mul.d $f22, $f28, $f28          /* underflow + inexact */
    FCSR_IS(66, 0x0000300c)

    /* invalid conversions: 2^31-1 and the V flag */
    ctc1 $zero, $31
    ldc1 $f28, 88($s0)              /* 3e9 */
    CVT(67, cvt.w.d, $f28, 0x7fffffff)
    FCSR_IS(68, 0x00010040)
    ctc1 $zero, $31
    neg.d $f28, $f28
    CVT(69, trunc.w.d, $f28, 0x7fffffff)
    div.d $f22, $f26, $f26          /* NaN */
    CVT(70, cvt.w.d, $f22, 0x7fffffff)
    CVT(71, floor.w.d, $f22, 0x7fffffff)
    ctc1 $zero, $31
    PASS
TEST_END

    .data
    .balign 8
vals: .double 2.5, -2.5, 3.5, 1.7, -1.7, 0.5
      .double 1.000000059604644775390625    /* 1 + 2^-24 */
      .double 1.0, 3.0, 1e308, 1e-300, 3e9
