/* hilo.S - HI/LO: mult/multu/div/divu signs and widths, madd/maddu/msub/
 * msubu carries between LO and HI, mthi/mtlo/mfhi/mflo, mul (GPR result),
 * division by zero does not crash (its result is UNPREDICTABLE: not
 * checked), and INT_MIN / -1 gives LO = INT_MIN, HI = 0 with no exception
 * (a translator using x86 idiv must not fault here).
 */
#include "test.h"

#define HILO(n, hi, lo)             \
    mfhi $t8;                       \
    mflo $t9;                       \
    CHECK_IMM(n, $t8, hi);          \
    CHECK_IMM(n + 1, $t9, lo)

TEST_START
    li $t0, 0x7fffffff
    mult $t0, $t0
    HILO(1, 0x3fffffff, 0x00000001)
    li $t0, -1
    li $t1, 1
    mult $t0, $t1
    HILO(3, 0xffffffff, 0xffffffff)
    multu $t0, $t0                  /* 0xffffffff^2 = 0xfffffffe00000001 */
    HILO(5, 0xfffffffe, 0x00000001)
    li $t0, 0x80000000
    mult $t0, $t0
    HILO(7, 0x40000000, 0)
    multu $t0, $t0
    HILO(9, 0x40000000, 0)
    li $t1, 3
    mult $t0, $t1                   /* -2^31 * 3 */
    HILO(11, 0xfffffffe, 0x80000000)
    multu $t0, $t1
    HILO(13, 0x00000001, 0x80000000)
    li $t0, -123456
    li $t1, 654321
    mult $t0, $t1                   /* -80779853376 = 0xffffffed_312541c0 */
    HILO(15, 0xffffffed, 0x312541c0)

    /* division: quotient in LO, remainder in HI, C-like signs */
    li $t0, 7
    li $t1, -2
    div $zero, $t0, $t1
    HILO(17, 1, 0xfffffffd)
    li $t0, -7
    li $t1, 2
    div $zero, $t0, $t1
    HILO(19, 0xffffffff, 0xfffffffd)
    li $t0, -7
    li $t1, -2
    div $zero, $t0, $t1
    HILO(21, 0xffffffff, 3)
    li $t0, 0xffffffff
    li $t1, 2
    divu $zero, $t0, $t1
    HILO(23, 1, 0x7fffffff)
    li $t1, 0x80000000
    divu $zero, $t0, $t1
    HILO(25, 0x7fffffff, 1)
    li $t0, 0x80000000
    li $t1, -1
    div $zero, $t0, $t1             /* overflow: no trap */
    HILO(27, 0, 0x80000000)
    li $t0, 12345
    div $zero, $t0, $zero           /* by zero: no trap, any result */
    divu $zero, $t0, $zero
    li $t0, 0x80000000
    div $zero, $t0, $zero
    mfhi $t8
    mflo $t9

    /* mthi/mtlo round trip */
    li $t0, 0xdeadbeef
    li $t1, 0x01234567
    mthi $t0
    mtlo $t1
    HILO(29, 0xdeadbeef, 0x01234567)

    /* madd: signed multiply-accumulate into HI:LO */
    li $t0, 1
    mthi $t0
    mtlo $zero
    li $t0, 3
    li $t1, 4
    madd $t0, $t1
    HILO(31, 1, 12)
    li $t0, 0xffffffff              /* carry from LO into HI */
    mthi $zero
    mtlo $t0
    li $t1, 1
    madd $t1, $t1
    HILO(33, 1, 0)
    mthi $zero
    mtlo $zero
    li $t0, -2
    li $t1, 3
    madd $t0, $t1                   /* 0 + (-6) */
    HILO(35, 0xffffffff, 0xfffffffa)
    li $t0, 1
    mthi $t0
    mtlo $t0
    li $t0, 0xffffffff
    maddu $t0, $t0                  /* 0x1_00000001 + 0xfffffffe_00000001 */
    HILO(37, 0xffffffff, 2)
    mthi $zero
    mtlo $zero
    li $t0, 2
    li $t1, 3
    msub $t0, $t1                   /* 0 - 6 */
    HILO(39, 0xffffffff, 0xfffffffa)
    li $t0, 1
    mthi $t0
    mtlo $zero
    msubu $t0, $t0                  /* 0x1_00000000 - 1 */
    HILO(41, 0, 0xffffffff)
    li $t0, -1
    mthi $zero
    mtlo $zero
    msub $t0, $t0                   /* 0 - 1 */
    HILO(43, 0xffffffff, 0xffffffff)
    li $t0, 0x7fffffff              /* signed max product, accumulated twice */
    mthi $zero
    mtlo $zero
    madd $t0, $t0
    madd $t0, $t0
    HILO(45, 0x7ffffffe, 2)

    /* mul: low 32 bits into a GPR */
    li $t0, 0x12345
    li $t1, 0x6789a
    mul $t2, $t0, $t1               /* 0x7_5cd58f82 -> low 0x5cd58f82 */
    CHECK_IMM(47, $t2, 0x5cd58f82)
    li $t0, -7
    li $t1, 6
    mul $t2, $t0, $t1
    CHECK_IMM(48, $t2, 0xffffffd6)
    PASS
TEST_END
