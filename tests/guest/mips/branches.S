/* branches.S - every conditional branch at its boundary values (0, -1, 1,
 * INT_MIN, INT_MAX), signed vs unsigned sense, j/jal within the 256 MB
 * region, and b (beq $0,$0) as an unconditional branch.
 */
#include "test.h"

/* T: branch to 1f must be taken; N: must not be */
#define T(n, ...)  __VA_ARGS__; nop; EXIT(n); 1:
#define N(n, ...)  __VA_ARGS__; nop; b 2f; nop; 1: EXIT(n); 2:

TEST_START
    li $s0, 0x80000000              /* INT_MIN */
    li $s1, 0x7fffffff              /* INT_MAX */
    li $s2, -1
    li $s3, 1
    T(1, beq $zero, $zero, 1f)
    N(2, beq $s0, $s1, 1f)
    T(3, beq $s2, $s2, 1f)
    T(4, bne $s0, $s1, 1f)
    N(5, bne $s3, $s3, 1f)
    T(6, blez $zero, 1f)
    T(7, blez $s2, 1f)
    T(8, blez $s0, 1f)
    N(9, blez $s3, 1f)
    N(10, blez $s1, 1f)
    T(11, bgtz $s3, 1f)
    T(12, bgtz $s1, 1f)
    N(13, bgtz $zero, 1f)
    N(14, bgtz $s0, 1f)
    N(15, bgtz $s2, 1f)
    T(16, bltz $s2, 1f)
    T(17, bltz $s0, 1f)
    N(18, bltz $zero, 1f)
    N(19, bltz $s1, 1f)
    T(20, bgez $zero, 1f)
    T(21, bgez $s1, 1f)
    N(22, bgez $s0, 1f)
    N(23, bgez $s2, 1f)
    T(24, b 1f)
    T(25, j 1f)
    /* far targets within the region */
    jal far_func
    li $v0, 0
    CHECK_IMM(26, $v0, 0x1234)
    j far_label
    nop
far_back:
    /* a long chain of taken branches (block chaining) */
    li $t0, 200
    move $t1, $zero
3:  b 4f
    addiu $t1, $t1, 1
4:  addiu $t0, $t0, -1
    bgtz $t0, 3b
    nop
    CHECK_IMM(27, $t1, 200)
    PASS
TEST_END

    .text
    .space 0x10000                  /* 64 KB further on */
    .ent far_func
far_func:
    jr $ra
    li $v0, 0x1234
    .end far_func
far_label:
    j far_back
    nop
