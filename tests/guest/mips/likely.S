/* likely.S - branch-likely (beql bnel blezl bgtzl bltzl bgezl bltzall
 * bgezall): the delay slot runs only when the branch is taken; when not
 * taken it is annulled.  Linking forms link in both cases.
 */
#include "test.h"

/* LIKELY_TAKEN(n, branch to 1f): the branch must be taken and its slot run;
 * LIKELY_NOT_TAKEN: not taken and its slot annulled.  Check numbers n, n+1. */
#define LIKELY_TAKEN(n, ...)        \
    move $t9, $zero;                \
    __VA_ARGS__;                    \
    addiu $t9, $t9, 1;              \
    EXIT(n);                        \
1:  CHECK_IMM(n + 1, $t9, 1)

#define LIKELY_NOT_TAKEN(n, ...)    \
    move $t9, $zero;                \
    __VA_ARGS__;                    \
    addiu $t9, $t9, 1;              \
    CHECK_IMM(n, $t9, 0);           \
    b 2f;                           \
    nop;                            \
1:  EXIT(n + 1);                    \
2:

TEST_START
    li $t0, 5
    li $t1, 5
    li $t2, -3
    LIKELY_TAKEN(1, beql $t0, $t1, 1f)
    LIKELY_NOT_TAKEN(3, beql $t0, $t2, 1f)
    LIKELY_TAKEN(5, bnel $t0, $t2, 1f)
    LIKELY_NOT_TAKEN(7, bnel $t0, $t1, 1f)
    LIKELY_TAKEN(9, blezl $t2, 1f)
    LIKELY_TAKEN(11, blezl $zero, 1f)
    LIKELY_NOT_TAKEN(13, blezl $t0, 1f)
    LIKELY_TAKEN(15, bgtzl $t0, 1f)
    LIKELY_NOT_TAKEN(17, bgtzl $zero, 1f)
    LIKELY_NOT_TAKEN(19, bgtzl $t2, 1f)
    LIKELY_TAKEN(21, bltzl $t2, 1f)
    LIKELY_NOT_TAKEN(23, bltzl $zero, 1f)
    LIKELY_TAKEN(25, bgezl $zero, 1f)
    LIKELY_TAKEN(27, bgezl $t0, 1f)
    LIKELY_NOT_TAKEN(29, bgezl $t2, 1f)

    /* bltzall / bgezall link whether taken or not */
    move $ra, $zero
    LIKELY_NOT_TAKEN(31, bltzall $t0, 1f)
    beqz $ra, 3f
    nop
    li $t0, -1
    LIKELY_TAKEN(33, bltzall $t0, 1f)
    li $t0, 0
    LIKELY_TAKEN(35, bgezall $t0, 1f)

    /* annulled slot must not perform its store either */
    la $t3, cell
    sw $zero, 0($t3)
    li $t4, 1
    beql $t4, $zero, 4f
    sw $t4, 0($t3)
    lw $t5, 0($t3)
    CHECK_IMM(37, $t5, 0)

    /* a likely loop: slot runs on taken iterations only */
    li $t0, 6
    move $t1, $zero
5:  addiu $t0, $t0, -1
    bnezl $t0, 5b
    addiu $t1, $t1, 1
    CHECK_IMM(38, $t1, 5)
    PASS
3:  EXIT(39)
4:  EXIT(40)
TEST_END

    .data
    .balign 4
cell: .word 0
