/* delay.S - branch delay slots: the slot runs on both paths, a slot that
 * overwrites the branch's own source register does not change the
 * decision or target, link values of jal/jalr/bal/bltzal (written even when
 * bltzal is not taken), jalr with rd != 31, a taken branch whose target is
 * its own delay slot (slot runs twice), and a branch in the last word of a
 * page whose slot is the first word of the next page.
 */
#include "test.h"

TEST_START
    /* 1-3: not taken, slot writes the compared register */
    li $t0, 1
    beq $t0, $zero, 91f
    li $t0, 0                       /* slot: runs, t0 = 0 */
    CHECK_IMM(1, $t0, 0)
    li $t0, 0
    beq $t0, $zero, 1f              /* taken on the old t0 */
    li $t0, 5                       /* slot: runs before the target */
    EXIT(2)
1:  CHECK_IMM(3, $t0, 5)

    /* 4-5: bne with the slot changing the other operand */
    li $t1, 7
    li $t2, 7
    bne $t1, $t2, 92f
    addiu $t2, $t2, 1
    CHECK_IMM(4, $t2, 8)
    bne $t1, $t2, 1f                /* now taken */
    addiu $t1, $t1, 1               /* t1 = 8 after the branch was decided */
    EXIT(5)
1:  CHECK_IMM(6, $t1, 8)

    /* 7-8: jal link value is the address after the slot */
    jal sub_ret_ra
    li $t3, 33                      /* slot runs before sub_ret_ra */
jal_after:
    la $t4, jal_after
    CHECK_EQ(7, $v0, $t4)
    CHECK_IMM(8, $v1, 33)

    /* 9-10: jalr with rd != 31; slot modifies the jump register */
    la $t5, sub_ret_t9
    li $t3, 44
    jalr $s0, $t5                   /* link into s0, target is old t5 */
    addiu $t5, $t5, 64              /* slot: must not redirect the jump */
jalr_after:
    la $t4, jalr_after
    CHECK_EQ(9, $v0, $t4)
    CHECK_EQ(10, $s0, $t4)

    /* 11: jr with the slot changing the target register */
    la $t6, 1f
    jr $t6
    addiu $t6, $t6, 16
    EXIT(11)
1:  la $t4, 1b
    addiu $t4, $t4, 16
    CHECK_EQ(12, $t6, $t4)

    /* 13-14: bal links; bltzal links even when not taken */
    bal 1f
    nop
bal_after:
    EXIT(13)
1:  la $t4, bal_after
    CHECK_EQ(13, $ra, $t4)
    li $t0, 5
    move $ra, $zero
    bltzal $t0, 93f                 /* not taken, still links */
    nop
bltzal_after:
    la $t4, bltzal_after
    CHECK_EQ(14, $ra, $t4)
    li $t0, -5
    bltzal $t0, 1f
    nop
    EXIT(15)
1:  move $t0, $zero
    bgezal $t0, 1f
    nop
    EXIT(16)
1:
    /* 17: backward loop, the slot runs on every iteration incl. the last */
    li $t0, 10
    move $t1, $zero
1:  addiu $t0, $t0, -1
    bnez $t0, 1b
    addiu $t1, $t1, 1
    CHECK_IMM(17, $t1, 10)

    /* 18: taken branch to its own delay slot: the slot runs twice */
    move $t1, $zero
    b 1f
1:  addiu $t1, $t1, 1
    CHECK_IMM(18, $t1, 2)

    /* 19: branch in the last word of a page, slot on the next page */
    move $t1, $zero
    j page_branch
    nop
page_back:
    CHECK_IMM(19, $t1, 77)
    /* 20: same with a not-taken branch: fall through to the next page */
    li $t1, 1
    j page_branch2
    nop
page_back2:
    CHECK_IMM(20, $t1, 78)

    /* 21: jal whose slot is a load from a just-computed address */
    la $t7, word_data
    jal sub_ret_ra
    lw $t3, 0($t7)
    CHECK_IMM(21, $v1, 0x5a5a1234)
    PASS
91: EXIT(91)
92: EXIT(92)
93: EXIT(93)
TEST_END

    /* return ra in v0 and t3 in v1 */
    .ent sub_ret_ra
sub_ret_ra:
    move $v0, $ra
    jr $ra
    move $v1, $t3
    .end sub_ret_ra

    .ent sub_ret_t9
sub_ret_t9:
    move $v0, $s0
    jr $s0
    move $v1, $t3
    .end sub_ret_t9

    .balign 4096
    .space 4096 - 8
page_branch:                        /* offset 4088 */
    li $t1, 77                      /* 4088 */
    beq $zero, $zero, page_back     /* 4092: last word of the page */
    nop                             /* slot: first word of the next page */
page_branch2:                       /* page offset 4: 1021 nops follow */
    .space 4096 - 12
    addiu $t1, $t1, 76              /* 4088 */
    bnez $zero, 1f                  /* 4092, last word: never taken */
    nop                             /* slot: first word of the next page */
    beq $t1, $t1, page_back2
    addiu $t1, $t1, 1
1:  EXIT(22)

    .data
    .balign 4
word_data: .word 0x5a5a1234
