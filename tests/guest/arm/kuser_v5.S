/* kuser_v5.S - the kernel user helpers as armel (ARMv5TE) code uses them,
 * each called the pre-BLX way (mov lr, pc; mov pc, rN) as
 * Documentation/arm/kernel_user_helpers.rst shows: the version word,
 * __kuser_get_tls, __kuser_memory_barrier, an atomic add built on
 * __kuser_cmpxchg as libgcc's __sync_fetch_and_add is, and
 * __kuser_cmpxchg64 success and failure.  Then the page is read-only, as
 * on hardware: a store to it raises SIGSEGV (SEGV_ACCERR) at the exact pc
 * with si_addr, a syscall writing there fails with EFAULT, and the helpers
 * still work afterwards.
 */
#include "test.h"

#define KUSER_VERSION   0xffff0ffc
#define KUSER_GET_TLS   0xffff0fe0
#define KUSER_CMPXCHG   0xffff0fc0
#define KUSER_BARRIER   0xffff0fa0
#define KUSER_CMPXCHG64 0xffff0f60
#define SIGSEGV 11
#define SA_SIGINFO 4
#define SEGV_ACCERR 2
#define EFAULT 14

/* call the helper at address addr (clobbers r3, lr) */
#define KCALL(addr)     \
    ldr r3, =addr;      \
    mov lr, pc;         \
    mov pc, r3

TEST_START
    .arch armv5te
    .arm
_start:
    ldr r0, =KUSER_VERSION
    ldr r0, [r0]
    cmp r0, #3                      /* cmpxchg64 needs version >= 5 */
    bge 1f
    EXIT(1)
1:  ldr r0, =0xcafe0001             /* set_tls (ARM private syscall 0x0f0005) */
    ldr r7, =0x000f0005
    svc #0
    CHECK_IMM(2, r0, 0)
    KCALL(KUSER_GET_TLS)
    CHECK_IMM(3, r0, 0xcafe0001)
    ldr r7, =0x000f0006             /* get_tls syscall agrees */
    svc #0
    CHECK_IMM(4, r0, 0xcafe0001)
    KCALL(KUSER_BARRIER)

    /* atomic add: 100 times counter += 3 through cmpxchg */
    mov r6, #100
2:  ldr r4, =counter
3:  ldr r0, [r4]                    /* oldval */
    add r1, r0, #3                  /* newval */
    mov r2, r4                      /* ptr */
    KCALL(KUSER_CMPXCHG)
    bcc 3b                          /* C clear: lost a race, retry */
    CHECK_IMM(5, r0, 0)
    subs r6, r6, #1
    bne 2b
    ldr r0, [r4]
    CHECK_IMM(6, r0, 300)
    /* cmpxchg failure leaves memory alone, r0 != 0, C clear */
    mov r0, #1
    mov r1, #2
    mov r2, r4
    KCALL(KUSER_CMPXCHG)
    bcc 4f
    EXIT(7)
4:  cmp r0, #0
    bne 5f
    EXIT(8)
5:  ldr r0, [r4]
    CHECK_IMM(9, r0, 300)

    /* cmpxchg64: success (r0 = 0, C set), then failure */
    ldr r0, =old64
    ldr r1, =new64
    ldr r2, =dword
    KCALL(KUSER_CMPXCHG64)
    bcs 6f
    EXIT(10)
6:  CHECK_IMM(11, r0, 0)
    ldr r2, =dword
    ldr r4, [r2]
    ldr r5, [r2, #4]
    CHECK_IMM(12, r4, 0x89abcdef)
    CHECK_IMM(13, r5, 0x01234567)
    ldr r0, =old64
    ldr r1, =new64
    ldr r2, =dword
    KCALL(KUSER_CMPXCHG64)
    bcc 7f
    EXIT(14)
7:  cmp r0, #0
    bne 8f
    EXIT(15)

8:  /* the page is read-only: SIGSEGV at the store */
    ldr r1, =act
    ldr r0, =h_segv
    str r0, [r1]
    mov r0, #SA_SIGINFO
    str r0, [r1, #4]
    mov r0, #SIGSEGV
    mov r2, #0
    mov r3, #8
    mov r7, #__NR_rt_sigaction
    svc #0
    CHECK_IMM(16, r0, 0)
    ldr r1, =KUSER_GET_TLS
    mov r0, #0
fault:
    str r0, [r1]
    ldr r0, =hits
    ldr r0, [r0]
    CHECK_IMM(17, r0, 1)
    /* clock_gettime(CLOCK_REALTIME, page): EFAULT */
    mov r0, #0
    ldr r1, =0xffff0f00
    ldr r7, =__NR_clock_gettime
    svc #0
    CHECK_IMM(18, r0, -EFAULT)
    ldr r0, =KUSER_VERSION          /* unchanged, helpers still work */
    ldr r0, [r0]
    cmp r0, #3
    bge 9f
    EXIT(19)
9:  KCALL(KUSER_GET_TLS)
    CHECK_IMM(20, r0, 0xcafe0001)
    PASS

h_segv:
    ldr r3, [r1, #8]                /* si_code */
    CHECK_IMM(30, r3, SEGV_ACCERR)
    ldr r3, [r1, #12]               /* si_addr */
    CHECK_IMM(31, r3, KUSER_GET_TLS)
    ldr r3, [r2, #20 + 72]          /* uc_mcontext.arm_pc */
    ldr ip, =fault
    CHECK_EQ(32, r3, ip)
    add r3, r3, #4
    str r3, [r2, #20 + 72]
    ldr r1, =hits
    ldr r3, [r1]
    add r3, r3, #1
    str r3, [r1]
    bx lr
    .ltorg

    .data
    .balign 8
counter: .word 0
act:   .word 0, 0, 0, 0, 0
hits:  .word 0
    .balign 8
dword: .word 0x11112222, 0x33334444
old64: .word 0x11112222, 0x33334444
new64: .word 0x89abcdef, 0x01234567
