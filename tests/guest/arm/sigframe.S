/* sigframe.S - the Linux ARM signal frames (arch/arm/kernel/signal.c) as a
 * handler sees and edits them:
 *   1. SA_SIGINFO, ARM handler, no SA_RESTORER: r0 = signal, r1 = &info,
 *      r2 = &uc; lr is the kernel's rt_sigreturn code (mov r7, #173; swi),
 *      which the frame's retcode also holds; uc_mcontext holds the
 *      interrupted registers, uc_regspace the VFP record (magic, size, d0-d31,
 *      fpscr).  The handler changes r5, d8, the flags and the pc in the
 *      context; rt_sigreturn resumes there with them.
 *   2. no SA_SIGINFO, Thumb handler (sigframe: uc at sp, uc_flags 0x5ac3c35a,
 *      lr = Thumb sigreturn code, movs r7, #119) interrupting Thumb code.
 *   3. SIGSEGV from a load at 0x10 (ARM, then Thumb): si_addr, si_code,
 *      sigcontext pc = the faulting instruction, fault_address, trap_no 14,
 *      CPSR.T; the handler skips the instruction and sets r0; its Thumb
 *      SA_RESTORER is used as lr.
 * Offsets (ARM EABI): rt_sigframe = siginfo (128) + sigframe; ucontext:
 * uc_mcontext at 20 (trap_no, error_code, oldmask, r0..r10, fp, ip, sp, lr,
 * pc, cpsr, fault_address), uc_sigmask at 104, uc_regspace at 232;
 * sigframe.retcode at 744.
 */
#include "test.h"

#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SA_SIGINFO 4
#define SA_RESTORER 0x04000000
#define MC 20                       /* uc_mcontext */
#define SC_R(n) (MC + 12 + 4 * (n))
#define SC_PC (MC + 72)
#define SC_CPSR (MC + 76)
#define SC_FAULT (MC + 80)
#define REGSPACE 232
#define RETCODE 744

/* sigaction(sig, handler, flags, restorer) through rt_sigaction (clobbers r0-r3, r7) */
#define SIGACTION(n, sig, handler, flags, restorer) \
    ldr r1, =act;                   \
    ldr r0, =handler;               \
    str r0, [r1];                   \
    ldr r0, =flags;                 \
    str r0, [r1, #4];               \
    ldr r0, =restorer;              \
    str r0, [r1, #8];               \
    mov r0, #(sig);                 \
    mov r2, #0;                     \
    mov r3, #8;                     \
    mov r7, #__NR_rt_sigaction;     \
    svc #0;                         \
    CHECK_IMM(n, r0, 0)

/* kill(getpid(), sig) (clobbers r0, r1, r7) */
#define KILL_SELF(sig)              \
    mov r7, #__NR_getpid;           \
    svc #0;                         \
    mov r1, #(sig);                 \
    mov r7, #__NR_kill;             \
    svc #0

/* reg == imm, or 0 where qemu-user (the suite's reference) leaves it 0 */
#define CHECK_IMM_OR0(n, reg, imm)  \
    cmp reg, #0;                    \
    beq 98f;                        \
    CHECK_IMM(n, reg, imm);         \
98:

TEST_START
    .fpu vfpv3-d16
    .arm
_start:
    /* ---- 1: rt frame, ARM handler, the kernel's return code */
    SIGACTION(1, SIGUSR1, h_usr1, SA_SIGINFO, 0)
    ldr r4, =0x44444444
    mov r5, #5
    ldr r0, =0x0badf00d
    ldr r1, =0x0badf00d
    vmov d8, r0, r1
    cmp r0, #0                      /* N Z C V = 0 0 1 0 */
    KILL_SELF(SIGUSR1)
    EXIT(2)                         /* the handler moved the pc past this */
resume1:
    CHECK_FLAGS(3, 0x6)             /* the handler set Z (and left C) */
    ldr ip, =0x55555555
    CHECK_EQ(4, r5, ip)
    CHECK_IMM(5, r4, 0x44444444)
    vmov r0, r1, d8
    CHECK_IMM(6, r0, 0x55667788)
    CHECK_IMM(7, r1, 0x11223344)
    ldr r0, =hits
    ldr r0, [r0]
    CHECK_IMM(8, r0, 1)

    /* ---- 2: sigframe, Thumb handler, from Thumb code */
    SIGACTION(9, SIGUSR2, h_usr2 + 1, 0, 0)
    adr r0, thumb2 + 1
    bx r0
    .thumb
    .thumb_func
thumb2:
    movs r6, #66
    KILL_SELF(SIGUSR2)
    EXIT(10)
    .balign 4
resume2:                            /* Thumb; the handler set r6 */
    CHECK_IMM(11, r6, 0x6666)
    adr r0, arm3
    bx r0

    /* ---- 3: SIGSEGV at the exact pc, ARM then Thumb */
    .arm
    .balign 4
arm3:
    SIGACTION(12, SIGSEGV, h_segv, SA_SIGINFO | SA_RESTORER, restorer + 1)
    ldr r2, =expect_pc
    adr r0, fault1
    str r0, [r2]
    mov r1, #0x10
    mov r0, #0
fault1:
    ldr r0, [r1]
    CHECK_IMM(13, r0, 0x77)
    adr r0, thumb3 + 1
    bx r0
    .thumb
    .thumb_func
thumb3:
    ldr r2, =expect_pc
    adr r0, fault2
    str r0, [r2]
    movs r1, #0x10
    movs r0, #0
    .balign 4
fault2:
    ldr r0, [r1]                    /* 16-bit */
    CHECK_IMM(14, r0, 0x77)
    ldr r0, =hits
    ldr r0, [r0]
    CHECK_IMM(15, r0, 4)
    PASS
    .ltorg

/* a Thumb SA_RESTORER, as glibc's */
    .thumb_func
restorer:
    movs r7, #__NR_rt_sigreturn
    svc #0

/* Thumb, no SA_SIGINFO: uc at sp */
    .thumb_func
h_usr2:
    CHECK_IMM(30, r0, SIGUSR2)
    ldr r1, [sp]                    /* uc_flags of a non-rt frame: the */
    cmp r1, #0                      /* kernel's 0x5ac3c35a (qemu-user 7.2 */
    beq 1f                          /* writes 0) */
    CHECK_IMM(31, r1, 0x5ac3c35a)
1:
    subs r3, lr, #1                 /* lr: Thumb sigreturn code */
    ldrh r1, [r3]
    CHECK_IMM(32, r1, 0x2700 + __NR_sigreturn)
    ldrh r1, [r3, #2]
    CHECK_IMM(33, r1, 0xdf00)
    ldr r1, [sp, #SC_R(6)]
    CHECK_IMM(34, r1, 66)
    ldr r1, [sp, #SC_CPSR]
    tst r1, #0x20                   /* interrupted code was Thumb */
    bne 2f
    EXIT(35)
2:  ldr r1, =0x6666
    str r1, [sp, #SC_R(6)]
    adr r1, resume2
    str r1, [sp, #SC_PC]
    ldr r1, =hits
    ldr r3, [r1]
    adds r3, #1
    str r3, [r1]
    bx lr
    .ltorg

    .arm
    .balign 4
h_usr1:
    CHECK_IMM(20, r0, SIGUSR1)
    ldr r3, [r1]                    /* si_signo */
    CHECK_IMM(21, r3, SIGUSR1)
    ldr r3, [r2, #SC_R(4)]
    CHECK_IMM(22, r3, 0x44444444)
    ldr r3, [r2, #SC_CPSR]
    ldr ip, =0xf000001f
    and r3, r3, ip
    CHECK_IMM(23, r3, 0x20000010)   /* C, user mode, ARM */
    ldr r3, [r2, #REGSPACE]
    CHECK_IMM(24, r3, 0x56465001)   /* VFP_MAGIC */
    ldr r3, [r2, #REGSPACE + 4]
    CHECK_IMM(25, r3, 288)
    ldr r3, [r2, #REGSPACE + 8 + 8 * 8]
    CHECK_IMM(26, r3, 0x0badf00d)
    ldr r3, [lr]                    /* lr: the rt_sigreturn code */
    ldr ip, =(0xe3a07000 + __NR_rt_sigreturn)
    CHECK_EQ(27, r3, ip)
    ldr r3, [r2, #RETCODE]          /* and the frame's retcode */
    CHECK_EQ(28, r3, ip)
    /* edit: r5, d8, Z, pc */
    ldr r3, =0x55555555
    str r3, [r2, #SC_R(5)]
    ldr r3, =0x55667788
    str r3, [r2, #REGSPACE + 8 + 8 * 8]
    ldr r3, =0x11223344
    str r3, [r2, #REGSPACE + 8 + 8 * 8 + 4]
    ldr r3, [r2, #SC_CPSR]
    orr r3, r3, #0x40000000
    str r3, [r2, #SC_CPSR]
    ldr r3, =resume1
    str r3, [r2, #SC_PC]
    ldr r1, =hits
    ldr r3, [r1]
    add r3, r3, #1
    str r3, [r1]
    vmov.f64 d8, #1.0               /* clobbered here, restored from the frame */
    bx lr

h_segv:
    CHECK_IMM(40, r0, SIGSEGV)
    ldr r3, [r1, #8]                /* si_code */
    CHECK_IMM(41, r3, 1)            /* SEGV_MAPERR */
    ldr r3, [r1, #12]               /* si_addr */
    CHECK_IMM(42, r3, 0x10)
    ldr r3, [r2, #SC_FAULT]         /* qemu-user 7.2 leaves these two 0 */
    CHECK_IMM_OR0(43, r3, 0x10)
    ldr r3, [r2, #MC]               /* trap_no: data abort */
    CHECK_IMM_OR0(44, r3, 14)
    ldr r3, =(restorer + 1)
    CHECK_EQ(45, lr, r3)
    ldr r0, =expect_pc
    ldr r0, [r0]
    ldr r3, [r2, #SC_PC]
    CHECK_EQ(46, r3, r0)
    ldr r3, [r2, #SC_CPSR]
    tst r3, #0x20
    addeq r0, r0, #4                /* skip the load */
    addne r0, r0, #2
    str r0, [r2, #SC_PC]
    mov r3, #0x77
    str r3, [r2, #SC_R(0)]
    ldr r1, =hits
    ldr r3, [r1]
    add r3, r3, #1
    str r3, [r1]
    bx lr
    .ltorg

    .data
    .balign 4
act:    .word 0, 0, 0, 0, 0
hits:   .word 0
expect_pc: .word 0
