/* bitops.S - MIPS32r2 bit instructions and ALU corner cases: clz/clo,
 * ext/ins at field edges, wsbh, seb/seh, rotr/rotrv, movn/movz, shifts by
 * register (amount mod 32), slt/sltu/slti/sltiu with sign-extended
 * immediates, zero-extended andi/ori/xori, lui, nor, addu/addiu/subu wrap
 * without trapping, and trap instructions whose condition is false.
 */
#include "test.h"

TEST_START
    li $t0, 0
    clz $t1, $t0
    CHECK_IMM(1, $t1, 32)
    li $t0, 1
    clz $t1, $t0
    CHECK_IMM(2, $t1, 31)
    li $t0, 0x80000000
    clz $t1, $t0
    CHECK_IMM(3, $t1, 0)
    li $t0, 0x00f00000
    clz $t1, $t0
    CHECK_IMM(4, $t1, 8)
    li $t0, 0xffffffff
    clo $t1, $t0
    CHECK_IMM(5, $t1, 32)
    li $t0, 0xf0ffffff
    clo $t1, $t0
    CHECK_IMM(6, $t1, 4)
    clo $t1, $zero
    CHECK_IMM(7, $t1, 0)

    li $t0, 0x12345678
    ext $t1, $t0, 4, 8
    CHECK_IMM(8, $t1, 0x67)
    ext $t1, $t0, 0, 32
    CHECK_IMM(9, $t1, 0x12345678)
    ext $t1, $t0, 28, 4
    CHECK_IMM(10, $t1, 1)
    li $t2, 0x80000000
    ext $t1, $t2, 31, 1
    CHECK_IMM(11, $t1, 1)
    ext $t1, $t0, 0, 1
    CHECK_IMM(12, $t1, 0)
    li $t1, 0xaaaaaaaa
    ins $t1, $t0, 8, 8
    CHECK_IMM(13, $t1, 0xaaaa78aa)
    li $t1, 0xaaaaaaaa
    ins $t1, $t0, 0, 32
    CHECK_IMM(14, $t1, 0x12345678)
    li $t1, 0xaaaaaaaa
    ins $t1, $t0, 31, 1
    CHECK_IMM(15, $t1, 0x2aaaaaaa)
    li $t1, 0
    ins $t1, $t0, 20, 12
    CHECK_IMM(16, $t1, 0x67800000)

    wsbh $t1, $t0
    CHECK_IMM(17, $t1, 0x34127856)
    li $t0, 0x1234ff80
    seb $t1, $t0
    CHECK_IMM(18, $t1, 0xffffff80)
    li $t0, 0x7f
    seb $t1, $t0
    CHECK_IMM(19, $t1, 0x7f)
    li $t0, 0x00018000
    seh $t1, $t0
    CHECK_IMM(20, $t1, 0xffff8000)
    li $t0, 0xffff7fff
    seh $t1, $t0
    CHECK_IMM(21, $t1, 0x7fff)

    li $t0, 0x12345678
    rotr $t1, $t0, 4
    CHECK_IMM(22, $t1, 0x81234567)
    rotr $t1, $t0, 0
    CHECK_IMM(23, $t1, 0x12345678)
    rotr $t1, $t0, 31
    CHECK_IMM(24, $t1, 0x2468acf0)
    li $t2, 36                      /* amount mod 32 = 4 */
    rotrv $t1, $t0, $t2
    CHECK_IMM(25, $t1, 0x81234567)
    li $t2, 32
    rotrv $t1, $t0, $t2
    CHECK_IMM(26, $t1, 0x12345678)

    /* movn / movz */
    li $t1, 111
    li $t2, 222
    movz $t1, $t2, $zero            /* moves */
    CHECK_IMM(27, $t1, 222)
    li $t1, 111
    li $t3, 5
    movz $t1, $t2, $t3              /* does not */
    CHECK_IMM(28, $t1, 111)
    movn $t1, $t2, $t3              /* moves */
    CHECK_IMM(29, $t1, 222)
    li $t1, 111
    movn $t1, $t2, $zero            /* does not */
    CHECK_IMM(30, $t1, 111)
    li $t1, 9
    movn $t1, $t1, $t1              /* rd == rs == rt */
    CHECK_IMM(31, $t1, 9)

    /* shifts */
    li $t0, 0x80000001
    li $t2, 33                      /* amount mod 32 = 1 */
    sllv $t1, $t0, $t2
    CHECK_IMM(32, $t1, 2)
    srlv $t1, $t0, $t2
    CHECK_IMM(33, $t1, 0x40000000)
    srav $t1, $t0, $t2
    CHECK_IMM(34, $t1, 0xc0000000)
    sra $t1, $t0, 31
    CHECK_IMM(35, $t1, 0xffffffff)
    srl $t1, $t0, 31
    CHECK_IMM(36, $t1, 1)
    li $t2, -1                      /* amount 31 */
    srav $t1, $t0, $t2
    CHECK_IMM(37, $t1, 0xffffffff)
    sll $t1, $t0, 0
    CHECK_IMM(38, $t1, 0x80000001)

    /* set-less-than */
    li $t0, -1
    li $t1, 1
    slt $t2, $t0, $t1
    CHECK_IMM(39, $t2, 1)
    sltu $t2, $t0, $t1
    CHECK_IMM(40, $t2, 0)
    slti $t2, $t0, -2
    CHECK_IMM(41, $t2, 0)
    slti $t2, $t0, 0
    CHECK_IMM(42, $t2, 1)
    sltiu $t2, $t1, -1              /* immediate sign-extends to 0xffffffff */
    CHECK_IMM(43, $t2, 1)
    sltiu $t2, $t0, -1
    CHECK_IMM(44, $t2, 0)
    sltiu $t2, $zero, 1
    CHECK_IMM(45, $t2, 1)
    li $t3, 0x80000000
    slt $t2, $t3, $zero
    CHECK_IMM(46, $t2, 1)

    /* logical immediates zero-extend; lui; nor */
    li $t0, 0xffffffff
    andi $t1, $t0, 0x8000
    CHECK_IMM(47, $t1, 0x8000)
    ori $t1, $zero, 0xffff
    CHECK_IMM(48, $t1, 0xffff)
    xori $t1, $t0, 0x8001
    CHECK_IMM(49, $t1, 0xffff7ffe)
    lui $t1, 0x8001
    CHECK_IMM(50, $t1, 0x80010000)
    li $t2, 0x0f0f0f0f
    nor $t1, $t2, $zero
    CHECK_IMM(51, $t1, 0xf0f0f0f0)
    nor $t1, $t2, $t1
    CHECK_IMM(52, $t1, 0)

    /* wrapping adds never trap */
    li $t0, 0x7fffffff
    addiu $t1, $t0, 1
    CHECK_IMM(53, $t1, 0x80000000)
    addu $t1, $t0, $t0
    CHECK_IMM(54, $t1, 0xfffffffe)
    li $t2, 0x80000000
    subu $t1, $t2, 1
    CHECK_IMM(55, $t1, 0x7fffffff)
    addiu $t1, $t2, -1
    CHECK_IMM(56, $t1, 0x7fffffff)
    /* trapping add without overflow */
    li $t0, 100
    add $t1, $t0, $t0
    CHECK_IMM(57, $t1, 200)
    addi $t1, $t0, -200
    CHECK_IMM(58, $t1, -100)
    sub $t1, $t0, $t0
    CHECK_IMM(59, $t1, 0)
    /* writes to $zero are dropped */
    addiu $zero, $zero, 5
    move $t1, $zero
    CHECK_IMM(60, $t1, 0)

    /* conditional traps whose condition is false */
    li $t0, 1
    li $t1, 2
    li $t2, -1
    teq $t0, $t1
    tne $t0, $t0
    tlt $t1, $t0
    tltu $t2, $t0
    tge $t0, $t1
    tgeu $t0, $t2
    teqi $t0, 2
    tnei $t0, 1
    tlti $t0, 0
    tgei $t2, 0
    tltiu $t2, 5
    tgeiu $t0, 3
    PASS
TEST_END
