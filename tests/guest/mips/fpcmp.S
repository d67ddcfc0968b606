/* fpcmp.S - FP compares into condition codes 0..7 (c.cond.fmt with
 * cc != 0), bc1t/bc1f (and likely forms) on a chosen cc, movt/movf of GPRs
 * and FPRs, movn.d/movz.d, unordered compares with NaN, a false compare
 * clearing its cc, and where the ccs sit in FCSR (cc0 bit 23, cc1..7 bits
 * 25..31) and FCCR ($25).
 */
#include "test.h"

#define CC_SET(n, cc)   bc1t cc, 1f; nop; EXIT(n); 1:
#define CC_CLEAR(n, cc) bc1f cc, 1f; nop; EXIT(n); 1:

TEST_START
    ctc1 $zero, $31
    la $s0, vals
    ldc1 $f0, 0($s0)                /* 1.0 */
    ldc1 $f2, 8($s0)                /* 2.0 */
    ldc1 $f4, 16($s0)               /* 1.0 */
    lwc1 $f6, 24($s0)               /* 1.5f */
    lwc1 $f8, 28($s0)               /* -3.0f */
    mtc1 $zero, $f10
    mthc1 $zero, $f10
    div.d $f10, $f10, $f10          /* NaN */
    ctc1 $zero, $31                 /* drop the flags 0/0 raised */

    c.eq.d $fcc1, $f0, $f4
    CC_SET(1, $fcc1)
    CC_CLEAR(2, $fcc0)
    c.lt.d $fcc2, $f2, $f0
    CC_CLEAR(3, $fcc2)
    CC_SET(4, $fcc1)                /* untouched */
    c.le.d $fcc3, $f0, $f4
    CC_SET(5, $fcc3)
    c.lt.s $fcc7, $f8, $f6
    CC_SET(6, $fcc7)
    c.eq.d $f0, $f2                 /* cc0, false */
    CC_CLEAR(7, $fcc0)
    c.eq.d $f0, $f4                 /* cc0, true: plain bc1t */
    bc1t 1f
    nop
    EXIT(8)
1:
    /* FCSR bits: cc0=23, cc1=25, cc3=27, cc7=31; cc2 clear */
    cfc1 $t0, $31
    li $t1, 0xfe800000
    and $t0, $t0, $t1
    CHECK_IMM(9, $t0, 0x8a800000)
    cfc1 $t0, $25                   /* FCCR: cc7..cc0 in bits 7..0 */
    CHECK_IMM(10, $t0, 0x8b)

    /* a false compare clears a set cc */
    c.lt.d $fcc3, $f2, $f0
    CC_CLEAR(11, $fcc3)
    c.eq.s $fcc7, $f6, $f8
    CC_CLEAR(12, $fcc7)

    /* NaN: unordered */
    c.un.d $fcc4, $f10, $f0
    CC_SET(13, $fcc4)
    c.eq.d $fcc4, $f10, $f10
    CC_CLEAR(14, $fcc4)
    c.ueq.d $fcc5, $f10, $f0
    CC_SET(15, $fcc5)
    c.olt.d $fcc5, $f10, $f0
    CC_CLEAR(16, $fcc5)
    c.ult.d $fcc6, $f0, $f10
    CC_SET(17, $fcc6)
    c.ole.d $fcc6, $f10, $f10
    CC_CLEAR(18, $fcc6)
    c.ule.d $fcc2, $f2, $f0         /* ordered, 2 <= 1 false */
    CC_CLEAR(19, $fcc2)
    c.f.d $fcc1, $f0, $f0           /* always false */
    CC_CLEAR(20, $fcc1)
    c.un.d $fcc1, $f0, $f2          /* ordered */
    CC_CLEAR(21, $fcc1)
    ctc1 $zero, $31

    /* movt / movf on GPRs */
    c.lt.d $fcc5, $f0, $f2          /* true */
    c.lt.d $fcc6, $f2, $f0          /* false */
    li $t0, 1
    li $t1, 2
    movt $t0, $t1, $fcc5
    CHECK_IMM(22, $t0, 2)
    li $t0, 1
    movf $t0, $t1, $fcc5
    CHECK_IMM(23, $t0, 1)
    movf $t0, $t1, $fcc6
    CHECK_IMM(24, $t0, 2)
    li $t0, 1
    movt $t0, $t1, $fcc6
    CHECK_IMM(25, $t0, 1)

    /* movt.d / movf.d / movt.s / movn.d / movz.d */
    mov.d $f12, $f0
    movt.d $f12, $f2, $fcc5         /* moves 2.0 */
    c.eq.d $f12, $f2
    bc1f 91f
    nop
    mov.d $f12, $f0
    movf.d $f12, $f2, $fcc5         /* stays 1.0 */
    c.eq.d $f12, $f0
    bc1f 92f
    nop
    mov.s $f14, $f6
    movf.s $f14, $f8, $fcc6         /* moves -3.0f */
    c.eq.s $f14, $f8
    bc1f 93f
    nop
    mov.d $f12, $f0
    li $t2, 5
    movn.d $f12, $f2, $t2           /* moves */
    c.eq.d $f12, $f2
    bc1f 94f
    nop
    movz.d $f12, $f0, $t2           /* does not */
    c.eq.d $f12, $f2
    bc1f 95f
    nop
    movz.d $f12, $f0, $zero         /* moves */
    c.eq.d $f12, $f0
    bc1f 96f
    nop

    /* bc1tl / bc1fl: slot annulled when not taken */
    move $t3, $zero
    bc1tl $fcc6, 97f                /* cc6 false: not taken */
    addiu $t3, $t3, 1
    CHECK_IMM(30, $t3, 0)
    bc1fl $fcc6, 1f                 /* taken */
    addiu $t3, $t3, 1
    EXIT(31)
1:  CHECK_IMM(32, $t3, 1)
    PASS
91: EXIT(91)
92: EXIT(92)
93: EXIT(93)
94: EXIT(94)
95: EXIT(95)
96: EXIT(96)
97: EXIT(97)
TEST_END

    .data
    .balign 8
vals: .double 1.0, 2.0, 1.0
      .float 1.5, -3.0
