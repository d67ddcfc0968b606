/* thumb_it.S - Thumb-2: IT blocks (flag setting of 16-bit ops inside and
 * outside them, predicated loads/stores/branches), cbz/cbnz, tbb/tbh,
 * interworking with bx/blx/ldr pc between ARM and Thumb code, modified
 * immediates, and 32-bit encodings.
 */
#include "test.h"

TEST_START
    .arch armv7ve
    .arm
_start:
    adr r0, thumb_code + 1
    bx r0                           /* to Thumb */

    .thumb
    .thumb_func
thumb_code:
    movs r0, #0
    adds r0, r0, #1                 /* outside IT: sets flags (Z=0) */
    cmp r0, #1
    ite eq
    addeq r1, r0, #5                /* inside IT: adds without s */
    movne r1, #0
    CHECK_IMM(1, r1, 6)
    /* 16-bit add inside IT must not change flags */
    cmp r0, #1                      /* Z=1 */
    it eq
    addeq r2, r0, r0                /* encoding "adds" T16 but no flags in IT */
    beq 1f
    EXIT(2)
1:  CHECK_IMM(3, r2, 2)
    /* itttt with loads/stores on a false condition must not fault */
    movs r3, #0
    cmp r3, #1
    itttt eq
    ldreq r4, [r3]                  /* r3 = 0: would fault */
    streq r4, [r3]
    ldmeq r3!, {r4, r5}
    moveq r3, #9
    CHECK_IMM(4, r3, 0)
    /* ite with a taken predicated store */
    ldr r5, =scratch
    movs r6, #77
    cmp r6, #77
    ite ne
    strne r6, [r5, #4]
    streq r6, [r5]
    ldr r7, [r5]
    CHECK_IMM(5, r7, 77)
    ldr r7, [r5, #4]
    CHECK_IMM(6, r7, 0)
    /* cbz / cbnz */
    movs r0, #0
    cbz r0, 2f
    EXIT(7)
2:  movs r0, #1
    cbnz r0, 3f
    EXIT(8)
3:  /* tbb */
    movs r0, #2
    tbb [pc, r0]
tbl:
    .byte (c0 - tbl) / 2, (c1 - tbl) / 2, (c2 - tbl) / 2, 0
c0: EXIT(9)
c1: EXIT(10)
c2: movs r0, #1
    tbh [pc, r0, lsl #1]
tbl2:
    .hword (d0 - tbl2) / 2, (d1 - tbl2) / 2
d0: EXIT(11)
d1: /* modified immediates and 32-bit ops */
    mov.w r0, #0x00ff00ff
    CHECK_IMM(12, r0, 0x00ff00ff)
    mvn r1, #0xff000000
    CHECK_IMM(13, r1, 0x00ffffff)
    orr r2, r0, #0xab00ab00
    CHECK_IMM(14, r2, 0xabffabff)
    movw r3, #0xbeef
    movt r3, #0xdead
    lsr.w r4, r3, #16
    CHECK_IMM(15, r4, 0xdead)
    adds.w r5, r3, r3, lsl #1       /* 3 * r3 */
    CHECK_IMM(16, r5, 0x9c093ccd)
    /* call ARM code and come back with bx lr */
    blx arm_func
    CHECK_IMM(17, r0, 42)
    ldr r1, =arm_func
    blx r1
    CHECK_IMM(18, r0, 42)
    /* return through pop {pc} from a Thumb function */
    bl thumb_func
    CHECK_IMM(19, r0, 43)
    /* ldr pc with a Thumb address */
    ldr r1, =thumb_back + 1
    push {r1}
    pop {pc}
    EXIT(20)
thumb_back:
    /* ite with a conditional branch at the end of an it block */
    movs r0, #5
    cmp r0, #5
    it eq
    beq.w 4f
    EXIT(21)
4:  /* conditional return: popeq {pc} */
    bl cond_ret
    CHECK_IMM(22, r0, 1)
    /* clz, rbit, rev, ubfx, bfi in T32 */
    movw r0, #0x1234
    rbit r1, r0
    CHECK_IMM(23, r1, 0x2c480000)
    rev r2, r0
    CHECK_IMM(24, r2, 0x34120000)
    ubfx r3, r0, #4, #8
    CHECK_IMM(25, r3, 0x23)
    movs r4, #0
    bfi r4, r0, #8, #12
    CHECK_IMM(26, r4, 0x23400)
    sbfx r5, r0, #8, #5
    CHECK_IMM(27, r5, 0xfffffff2)
    udiv r6, r0, r3
    CHECK_IMM(28, r6, 0x85)
    mvn r7, #3
    sdiv r6, r5, r7                 /* -14 / -4 */
    CHECK_IMM(29, r6, 3)
    PASS

    .thumb_func
thumb_func:
    push {r4, lr}
    movs r0, #43
    pop {r4, pc}

    .thumb_func
cond_ret:
    push {lr}
    movs r0, #1
    cmp r0, #1
    it eq
    popeq {pc}
    movs r0, #2
    pop {pc}

    .arm
arm_func:
    mov r0, #42
    bx lr

    .ltorg
    .data
    .balign 8
scratch: .word 0, 0, 0, 0
