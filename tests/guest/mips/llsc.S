/* llsc.S - ll/sc: an atomic increment loop, sc's success flag in rt and the
 * value it stores, ll as a plain load, and a compare-and-swap that does not
 * store.  When an sc may fail is implementation-specific: only the
 * architecturally certain outcomes are checked.
 */
#include "test.h"

TEST_START
    la $s0, counter
    li $s1, 1000
1:  ll $t0, 0($s0)
    addiu $t1, $t0, 3
    sc $t1, 0($s0)
    beqz $t1, 1b                    /* retry on failure */
    nop
    addiu $s1, $s1, -1
    bnez $s1, 1b
    nop
    lw $t0, 0($s0)
    CHECK_IMM(1, $t0, 3000)

    /* sc writes 1 on success and stores the old rt value */
    ll $t0, 4($s0)
    li $t2, 0x55aa55aa
    move $t3, $t2
    sc $t3, 4($s0)
    beqz $t3, 1f                    /* nothing between ll and sc: must succeed */
    nop
    CHECK_IMM(2, $t3, 1)
    lw $t4, 4($s0)
    CHECK_EQ(3, $t4, $t2)
    b 2f
    nop
1:  EXIT(4)
2:
    /* ll is a normal load: sign and value */
    li $t0, 0x80000001
    sw $t0, 8($s0)
    ll $t1, 8($s0)
    CHECK_IMM(5, $t1, 0x80000001)
    /* compare-and-swap idiom that does not swap */
    li $t5, 42
3:  ll $t0, 8($s0)
    bne $t0, $t5, 4f                /* not equal: no sc */
    nop
    EXIT(6)
4:  lw $t1, 8($s0)
    CHECK_IMM(7, $t1, 0x80000001)
    PASS
TEST_END

    .data
    .balign 8
counter: .word 0, 0, 0, 0
