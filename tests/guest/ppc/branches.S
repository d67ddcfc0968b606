/* branches.S - the bc family: bdnz/bdz loops, bdnzt/bdzf (CTR and a CR
 * bit together), branches on each CR bit of any field, bclr/bcctr with and
 * without link (bclrl jumps to the old LR), the PIC idiom bcl 20,31,$+4,
 * a jump table through CTR, and conditional returns.
 */
#include "test.h"

TEST_START
    CLEAR_CR_XER
    /* bdnz: 10 iterations */
    li 4, 10
    mtctr 4
    li 5, 0
1:  addi 5, 5, 1
    bdnz 1b
    CHECK_IMM(1, 5, 10)
    mfctr 4
    CHECK_IMM(2, 4, 0)
    /* bdz falls through while CTR != 0 after the decrement */
    li 4, 3
    mtctr 4
    li 5, 0
2:  addi 5, 5, 1
    bdz 3f
    b 2b
3:  CHECK_IMM(3, 5, 3)
    /* bdnzt: loop while CTR != 0 and cr1.eq; stops when eq goes false */
    li 4, 100
    mtctr 4
    li 5, 0
4:  addi 5, 5, 1
    cmpwi 1, 5, 7
    bdnzf 6, 4b                     /* bit 6 = cr1.eq: loop while not equal */
    CHECK_IMM(4, 5, 7)
    mfctr 4
    CHECK_IMM(5, 4, 93)
    /* each bit of a field */
    li 4, -1
    cmpwi 5, 4, 0
    blt 5, 5f
    EXIT(6)
5:  bgt 5, 6f
    bne 5, 7f
6:  EXIT(7)
7:  bns 5, 8f
    EXIT(8)
8:  LOADI(4, XER_SO)
    mtxer 4
    cmpwi 5, 4, 0
    bso 5, 9f
    EXIT(9)
9:  CLEAR_CR_XER
    /* bl/blr, and bclrl jumping to the old LR while setting the new one */
    bl sub1
    CHECK_IMM(10, 5, 0x11)
    LA(4, sub2)
    mtlr 4
    blrl
ret2:
    CHECK_IMM(11, 5, 0x22)
    LA(4, ret2)
    CHECK_EQ(12, 6, 4)
    /* PIC idiom: bcl 20,31,$+4 puts the next address in LR, no jump */
    bcl 20, 31, 10f
10: mflr 4
    LA(5, 10b)
    CHECK_EQ(13, 4, 5)
    /* jump table through CTR */
    li 7, 2
    LA(8, table)
    slwi 9, 7, 2
    lwzx 9, 8, 9
    mtctr 9
    bctr
    EXIT(14)
t0: EXIT(15)
t1: EXIT(16)
t2: li 5, 0x33
    /* bctrl sets LR */
    LA(9, sub3)
    mtctr 9
    bctrl
    CHECK_IMM(17, 5, 0x44)
    /* conditional return: beqlr taken and not taken */
    li 5, 0
    bl sub4
    CHECK_IMM(18, 5, 1)
    PASS

sub1:
    li 5, 0x11
    blr
sub2:
    li 5, 0x22
    mflr 6                          /* blrl set LR to ret2 */
    blr
sub3:
    li 5, 0x44
    blr
sub4:
    cmpwi 0, 5, 1
    beqlr                           /* not taken: r5 is 0 */
    li 5, 1
    cmpwi 0, 5, 1
    beqlr                           /* taken */
    EXIT(19)
TEST_END

    .data
    .balign 4
table: .long t0, t1, t2
