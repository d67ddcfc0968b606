/* alu.S - A32 data processing: shifter operands and their carries, flags of
 * add/sub/adc/sbc/rsc, conditional execution, movw/movt, clz, mul.
 */
#include "test.h"

TEST_START
    .arm
_start:
    mov r0, #5
    add r1, r0, r0, lsl #2          /* 25 */
    CHECK_IMM(1, r1, 25)
    mvn r2, #0
    adds r3, r2, #1                 /* 0, C=1 Z=1 */
    CHECK_FLAGS(2, 0x6)
    CHECK_IMM(3, r3, 0)
    mov r4, #0x80000000
    subs r5, r4, #1                 /* 0x7fffffff: N=0 Z=0 C=1 V=1 */
    CHECK_FLAGS(4, 0x3)
    cmp r0, #6                      /* 5-6: N=1 C=0 */
    movlt r6, #1
    movge r6, #2
    CHECK_FLAGS(5, 0x8)
    CHECK_IMM(6, r6, 1)
    /* shifter carry out */
    mov r0, #3
    movs r1, r0, lsr #1             /* C = 1 */
    CHECK_FLAGS(7, 0x2)
    movs r1, r0, lsl #31            /* 0x80000000, C = bit 1 = 1, N */
    CHECK_FLAGS(8, 0xa)
    mov r2, #33
    movs r1, r0, lsl r2             /* 0, C = 0, Z */
    CHECK_FLAGS(9, 0x4)
    mov r2, #32
    movs r1, r0, lsl r2             /* 0, C = bit 0 = 1 */
    CHECK_FLAGS(10, 0x6)
    mov r2, #0x80000000
    movs r1, r2, asr #32            /* all ones, C = 1 */
    CHECK_FLAGS(12, 0xa)
    CHECK_IMM(11, r1, 0xffffffff)
    /* rrx */
    movs r0, #1
    lsrs r0, r0, #1                 /* C = 1 */
    mov r1, #2
    rrx r1, r1                      /* 0x80000001 */
    CHECK_IMM(13, r1, 0x80000001)
    /* 64-bit add/sub with carry */
    mvn r0, #0
    mov r1, #0
    adds r2, r0, #2
    adc r3, r1, #0
    CHECK_IMM(14, r2, 1)
    CHECK_IMM(15, r3, 1)
    subs r2, r1, #1
    sbc r3, r1, #0
    CHECK_IMM(16, r3, 0xffffffff)
    mov r0, #10
    rsbs r1, r0, #3                 /* -7 */
    CHECK_IMM(17, r1, 0xfffffff9)
    movw r0, #0x5678
    movt r0, #0x1234
    CHECK_IMM(18, r0, 0x12345678)
    clz r1, r0
    CHECK_IMM(19, r1, 3)
    mov r2, #7
    mul r3, r0, r2
    CHECK_IMM(20, r3, 0x7f6e5d48)
    umull r4, r5, r0, r0
    CHECK_IMM(21, r5, 0x014b66dc)
    CHECK_IMM(22, r4, 0x1df4d840)
    /* conditional compare chain */
    mov r0, #0
    mov r1, #3
    cmp r0, #0
    cmpne r1, #3
    moveq r2, #9
    CHECK_IMM(23, r2, 9)
    /* tst/teq */
    mov r0, #0xf0
    tst r0, #0x0f
    CHECK_FLAGS(24, 0x6)             /* C unchanged from the cmp of check 23 */
    teq r0, #0xf0
    moveq r3, #1
    movne r3, #2
    CHECK_IMM(25, r3, 1)
    PASS
