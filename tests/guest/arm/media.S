/* media.S - A32 media, saturating and DSP multiply instructions: each
 * result (and GE/Q where they matter) is stored into `results`, which is
 * compared word by word with `expected`; the exit status is the index + 1
 * of the first mismatch.  The expected words were produced under qemu-arm
 * (build with -DGEN to print them) and spot-checked against the ARM ARM
 * pseudo-code.
 */
#include "test.h"

#define R(reg) str reg, [r11], #4
/* store GE (bits 19..16 of APSR) and Q (bit 27) */
#define GEQ mrs r10, apsr; bic r10, r10, #0xf0000000; bic r10, r10, #0xff; R(r10)

TEST_START
    .arch armv7ve
    .arm
_start:
    ldr r11, =results
    ldr r0, =0x7fff8001
    ldr r1, =0x00027fff
    ldr r2, =0x80ff017f
    ldr r3, =0xfe0280ff
    /* clear Q and GE */
    mov r10, #0
    msr APSR_nzcvqg, r10
    sadd16 r4, r0, r1;  R(r4); GEQ
    ssub16 r4, r0, r1;  R(r4); GEQ
    sasx r4, r0, r1;    R(r4); GEQ
    ssax r4, r0, r1;    R(r4); GEQ
    uadd16 r4, r0, r1;  R(r4); GEQ
    usub16 r4, r1, r0;  R(r4); GEQ
    uasx r4, r0, r1;    R(r4); GEQ
    usax r4, r0, r1;    R(r4); GEQ
    sadd8 r4, r2, r3;   R(r4); GEQ
    ssub8 r4, r2, r3;   R(r4); GEQ
    uadd8 r4, r2, r3;   R(r4); GEQ
    usub8 r4, r2, r3;   R(r4); GEQ
    sel r4, r2, r3;     R(r4)
    qadd16 r4, r0, r1;  R(r4)
    qsub16 r4, r0, r1;  R(r4)
    qasx r4, r0, r1;    R(r4)
    qsax r4, r0, r1;    R(r4)
    qadd8 r4, r2, r3;   R(r4)
    qsub8 r4, r2, r3;   R(r4)
    uqadd16 r4, r0, r1; R(r4)
    uqsub16 r4, r0, r1; R(r4)
    uqadd8 r4, r2, r3;  R(r4)
    uqsub8 r4, r2, r3;  R(r4)
    shadd16 r4, r0, r1; R(r4)
    shsub8 r4, r2, r3;  R(r4)
    uhadd8 r4, r2, r3;  R(r4)
    uhsub16 r4, r0, r1; R(r4)
    GEQ
    /* saturation */
    ssat r4, #8, r2;    R(r4); GEQ
    mov r10, #0
    msr APSR_nzcvq, r10
    usat r4, #8, r2, asr #4; R(r4); GEQ
    ssat16 r4, #4, r0;  R(r4)
    usat16 r4, #4, r3;  R(r4)
    msr APSR_nzcvq, r10
    qadd r4, r0, r0;    R(r4); GEQ
    msr APSR_nzcvq, r10
    qsub r4, r2, r0;    R(r4); GEQ
    qdadd r4, r1, r1;   R(r4)
    qdsub r4, r1, r2;   R(r4)
    /* packing and extension */
    pkhbt r4, r0, r1, lsl #8;  R(r4)
    pkhtb r4, r0, r1, asr #12; R(r4)
    pkhtb r4, r0, r2, asr #32; R(r4)
    sxtab16 r4, r0, r3, ror #8; R(r4)
    uxtab16 r4, r0, r3;        R(r4)
    uxtb16 r4, r2, ror #16;    R(r4)
    sxtah r4, r1, r2;          R(r4)
    uxtab r4, r1, r3, ror #24; R(r4)
    sxtb r4, r2;               R(r4)
    uxth r4, r2, ror #8;       R(r4)
    rev16 r4, r2;              R(r4)
    revsh r4, r2;              R(r4)
    rbit r4, r3;               R(r4)
    /* DSP multiplies */
    msr APSR_nzcvq, r10
    smulbb r4, r0, r1;  R(r4)
    smultt r4, r0, r1;  R(r4)
    smlabt r4, r0, r1, r2; R(r4); GEQ
    smulwb r4, r2, r3;  R(r4)
    smlawt r4, r2, r3, r1; R(r4)
    mov r5, r0
    mov r6, r1
    smlalbb r5, r6, r2, r3; R(r5); R(r6)
    smuad r4, r0, r1;   R(r4)
    smusdx r4, r0, r1;  R(r4)
    smlad r4, r2, r3, r1; R(r4)
    mov r5, r0
    mov r6, r1
    smlald r5, r6, r2, r3; R(r5); R(r6)
    smlsldx r5, r6, r2, r3; R(r5); R(r6)
    smmul r4, r2, r3;   R(r4)
    smmulr r4, r2, r3;  R(r4)
    smmla r4, r2, r3, r0; R(r4)
    smmls r4, r2, r3, r0; R(r4)
    usad8 r4, r2, r3;   R(r4)
    usada8 r4, r2, r3, r1; R(r4)
    mov r5, r0
    mov r6, r1
    umaal r5, r6, r2, r3; R(r5); R(r6)
    mls r4, r2, r3, r1; R(r4)
    smull r5, r6, r2, r3; R(r5); R(r6)
    smlal r5, r6, r2, r3; R(r5); R(r6)
    umlal r5, r6, r2, r3; R(r5); R(r6)
    smulls r5, r6, r2, r10; R(r5); R(r6)
    mrs r4, apsr; and r4, r4, #0xf0000000; R(r4)
    /* bitfields, clz */
    bfc r4, #4, #20;    R(r4)
    ubfx r4, r3, #7, #9; R(r4)
    sbfx r4, r3, #7, #9; R(r4)
    clz r4, r1;         R(r4)
    sdiv r4, r2, r1;    R(r4)
    udiv r4, r2, r1;    R(r4)
    mov r5, #0
    udiv r4, r2, r5;    R(r4)
    mov r5, #0x80000000
    mvn r6, #0
    sdiv r4, r5, r6;    R(r4)

    ldr r0, =results
    sub r1, r11, r0                 /* bytes written */
#ifdef GEN
    mov r2, r1
    mov r1, r0
    mov r0, #1
    mov r7, #__NR_write
    svc #0
    PASS
#else
    ldr r2, =expected
    ldr r3, =expected_end
    sub r3, r3, r2
    cmp r1, r3
    beq 1f
    EXIT(127)
1:  mov r4, #1
2:  cmp r1, #0
    beq 3f
    ldr r5, [r0], #4
    ldr r6, [r2], #4
    cmp r5, r6
    movne r0, r4
    movne r7, #(__NR_exit_group & 0xff)
    addne r7, r7, #(__NR_exit_group & 0xff00)
    svcne #0
    add r4, r4, #1
    sub r1, r1, #4
    b 2b
3:  PASS
#endif
    .ltorg

    .data
    .balign 4
results: .space 1024
expected:
#include "media.expected"
expected_end:
