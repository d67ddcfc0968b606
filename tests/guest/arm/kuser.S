/* kuser.S - the kernel user helpers armel code calls (kernel_user_helpers:
 * version word, __kuser_get_tls, __kuser_cmpxchg, __kuser_memory_barrier,
 * __kuser_cmpxchg64) and the ARM private syscall set_tls, which both
 * __kuser_get_tls and mrc p15 TPIDRURO must see.  Calls come from ARM and
 * from Thumb code (the helpers return with bx lr).
 */
#include "test.h"

#define KUSER_VERSION  0xffff0ffc
#define KUSER_GET_TLS  0xffff0fe0
#define KUSER_CMPXCHG  0xffff0fc0
#define KUSER_BARRIER  0xffff0fa0
#define KUSER_CMPXCHG64 0xffff0f60

TEST_START
    .arm
_start:
    ldr r0, =KUSER_VERSION
    ldr r0, [r0]
    cmp r0, #5
    bge 1f
    EXIT(1)
1:  /* set_tls(0x12345678) = syscall 0x0f0005 */
    ldr r0, =0x12345678
    ldr r7, =0x000f0005
    svc #0
    CHECK_IMM(2, r0, 0)
    ldr r3, =KUSER_GET_TLS
    blx r3
    CHECK_IMM(3, r0, 0x12345678)
    mrc p15, 0, r1, c13, c0, 3
    CHECK_IMM(4, r1, 0x12345678)
    /* cmpxchg success: r0 = 0, C set */
    ldr r4, =word
    mov r0, #7
    mov r1, #9
    mov r2, r4
    ldr r3, =KUSER_CMPXCHG
    blx r3
    bcs 2f
    EXIT(5)
2:  CHECK_IMM(6, r0, 0)
    ldr r0, [r4]
    CHECK_IMM(7, r0, 9)
    /* cmpxchg failure: r0 != 0, C clear, memory unchanged */
    mov r0, #7
    mov r1, #11
    mov r2, r4
    ldr r3, =KUSER_CMPXCHG
    blx r3
    bcc 3f
    EXIT(8)
3:  cmp r0, #0
    bne 4f
    EXIT(9)
4:  ldr r0, [r4]
    CHECK_IMM(10, r0, 9)
    ldr r3, =KUSER_BARRIER
    blx r3
    /* cmpxchg64 */
    ldr r0, =old64
    ldr r1, =new64
    ldr r2, =dword
    ldr r3, =KUSER_CMPXCHG64
    blx r3
    CHECK_IMM(11, r0, 0)
    ldr r2, =dword
    ldrd r4, r5, [r2]
    CHECK_IMM(12, r4, 0x55556666)
    CHECK_IMM(13, r5, 0x77778888)
    ldr r0, =old64
    ldr r1, =new64
    ldr r3, =KUSER_CMPXCHG64
    blx r3                          /* now fails: memory holds new64 */
    cmp r0, #0
    bne 5f
    EXIT(14)
5:  /* from Thumb code */
    adr r0, thumb_part + 1
    bx r0

    .thumb
    .thumb_func
thumb_part:
    ldr r3, =KUSER_GET_TLS
    blx r3
    CHECK_IMM(15, r0, 0x12345678)
    ldr r4, =word
    movs r0, #9
    movs r1, #3
    mov r2, r4
    ldr r3, =KUSER_CMPXCHG
    blx r3
    CHECK_IMM(16, r0, 0)
    ldr r0, [r4]
    CHECK_IMM(17, r0, 3)
    PASS
    .ltorg

    .data
    .balign 8
word:  .word 7
    .balign 8
dword: .word 0x11112222, 0x33334444
old64: .word 0x11112222, 0x33334444
new64: .word 0x55556666, 0x77778888
