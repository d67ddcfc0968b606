/* excl.S - ldrex/strex in all sizes (A32 and Thumb), clrex, barriers: an
 * atomic increment loop, strex success and failure (after clrex, and to a
 * different address), ldrexd/strexd pairs, byte/halfword widths, swp/swpb.
 */
#include "test.h"

TEST_START
    .arm
_start:
    ldr r4, =data
    mov r5, #1000
1:  ldrex r0, [r4]
    add r0, r0, #3
    strex r1, r0, [r4]
    cmp r1, #0
    bne 1b
    subs r5, r5, #1
    bne 1b
    dmb ish
    ldr r0, [r4]
    CHECK_IMM(1, r0, 3000)
    /* clrex makes strex fail and not store */
    ldrex r0, [r4]
    clrex
    mov r2, #5
    strex r1, r2, [r4]
    CHECK_IMM(2, r1, 1)
    ldr r0, [r4]
    CHECK_IMM(3, r0, 3000)
    /* strex without a prior ldrex to that address fails */
    ldrex r0, [r4]
    strex r1, r2, [r4, #0]          /* same address: succeeds */
    CHECK_IMM(4, r1, 0)
    add r6, r4, #8
    ldrex r0, [r4]
    strex r1, r2, [r6]              /* other address: fails */
    CHECK_IMM(5, r1, 1)
    /* doubleword */
    add r6, r4, #16
    ldr r2, =0x11112222
    ldr r3, =0x33334444
    ldrexd r0, r1, [r6]
    strexd r7, r2, r3, [r6]
    CHECK_IMM(6, r7, 0)
    ldrd r8, r9, [r6]
    CHECK_IMM(7, r8, 0x11112222)
    CHECK_IMM(8, r9, 0x33334444)
    /* byte and halfword */
    add r6, r4, #24
    mvn r2, #0
    str r2, [r6]
    ldrexb r0, [r6]
    CHECK_IMM(9, r0, 0xff)
    mov r2, #0x12
    strexb r1, r2, [r6]
    CHECK_IMM(10, r1, 0)
    ldrexh r0, [r6]
    CHECK_IMM(11, r0, 0xff12)
    movw r2, #0xabcd
    strexh r1, r2, [r6]
    CHECK_IMM(12, r1, 0)
    ldr r0, [r6]
    CHECK_IMM(13, r0, 0xffffabcd)
    /* swp, swpb (deprecated but still in ARMv7) */
    add r6, r4, #28
    ldr r2, =0xcafef00d
    str r2, [r6]
    mov r3, #0x42
    swp r0, r3, [r6]
    CHECK_IMM(17, r0, 0xcafef00d)
    ldr r1, [r6]
    CHECK_IMM(18, r1, 0x42)
    mov r3, #0x99
    swpb r0, r3, [r6]
    CHECK_IMM(19, r0, 0x42)
    ldr r1, [r6]
    CHECK_IMM(20, r1, 0x99)
    /* Thumb ldrex with an offset */
    adr r0, thumb_part + 1
    bx r0

    .thumb
    .thumb_func
thumb_part:
    ldr r4, =data
2:  ldrex r0, [r4, #8]
    adds r0, #1
    strex r1, r0, [r4, #8]
    cmp r1, #0
    bne 2b
    ldr r0, [r4, #8]
    CHECK_IMM(14, r0, 1)
    /* conditional strex skipped: no store, status unchanged */
    movs r2, #7
    ldrex r0, [r4, #8]
    adds r0, #1
    cmp r2, #0
    it eq
    strexeq r2, r0, [r4, #8]
    CHECK_IMM(15, r2, 7)
    ldr r0, [r4, #8]
    CHECK_IMM(16, r0, 1)
    PASS
    .ltorg

    .data
    .balign 8
data: .word 0, 0, 0, 0, 0, 0, 0, 0
