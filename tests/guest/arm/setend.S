/* setend.S - SETEND in A32 and Thumb.  SETEND LE (the state Linux starts
 * in) runs as a no-op.  SETEND BE either works as on an ARMv7 CPU (loads
 * then read big-endian; qemu-user) or - xbt, NYI - raises SIGILL at the
 * exact instruction (si_addr = pc, ILL_ILLOPC), after which execution goes
 * on little-endian.  Either way no wrong data is read.
 */
#include "test.h"

#define SIGILL 4
#define SA_SIGINFO 4
#define ILL_ILLOPC 1

/* after setend be: r0 = word 0x11223344 at [r4] read either way, then
 * setend le (no literal pool loads while big-endian) */
#define CHECK_BE_LOAD(n, len)           \
    ldr r0, [r4];                       \
    setend le;                          \
    ldr r1, =hits;                      \
    ldr r1, [r1];                       \
    cmp r1, #(len);                     \
    beq 97f;                            \
    CHECK_IMM(n, r0, 0x44332211);       \
    b 96f;                              \
97: CHECK_IMM(n, r0, 0x11223344);       \
96:

TEST_START
    .arm
_start:
    setend le
    ldr r0, =word
    ldr r0, [r0]
    CHECK_IMM(1, r0, 0x11223344)
    ldr r1, =act                        /* SIGILL handler */
    ldr r0, =h_ill
    str r0, [r1]
    mov r0, #SA_SIGINFO
    str r0, [r1, #4]
    mov r0, #SIGILL
    mov r2, #0
    mov r3, #8
    mov r7, #__NR_rt_sigaction
    svc #0
    CHECK_IMM(2, r0, 0)
    ldr r0, =expect
    adr r1, be1
    str r1, [r0]
    ldr r4, =word
be1:
    setend be
    CHECK_BE_LOAD(3, 4)
    adr r0, thumb + 1
    bx r0

    .thumb
    .thumb_func
thumb:
    setend le
    ldr r0, =expect
    adr r1, be2
    str r1, [r0]
    ldr r4, =word
    .balign 4
be2:
    setend be
    CHECK_BE_LOAD(4, 2)
    PASS
    .ltorg

    .arm
/* SIGILL: at the recorded pc; skip the instruction (4 in ARM, 2 in Thumb),
 * remember the step in hits */
h_ill:
    ldr r3, [r1, #8]                    /* si_code */
    CHECK_IMM(10, r3, ILL_ILLOPC)
    ldr r3, [r1, #12]                   /* si_addr */
    ldr ip, =expect
    ldr ip, [ip]
    CHECK_EQ(11, r3, ip)
    ldr r3, [r2, #20 + 72]              /* uc_mcontext.arm_pc */
    CHECK_EQ(12, r3, ip)
    ldr r0, [r2, #20 + 76]              /* arm_cpsr: T */
    tst r0, #0x20
    moveq r0, #4
    movne r0, #2
    add r3, r3, r0
    str r3, [r2, #20 + 72]
    ldr r1, =hits
    str r0, [r1]
    bx lr
    .ltorg

    .data
    .balign 4
word:   .word 0x11223344
act:    .word 0, 0, 0, 0, 0
hits:   .word 0
expect: .word 0
