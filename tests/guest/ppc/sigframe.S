/* sigframe.S - the signal frames handlers get (arch/powerpc/kernel/
 * signal_32.c).  SIGUSR1 with SA_SIGINFO: r3 = signal, r4 = &siginfo,
 * r5 = &ucontext, r6 = the frame, r1 = frame - 80 with the back chain to
 * the interrupted r1, LR = an "li r0,__NR_rt_sigreturn; sc" trampoline, FPSCR
 * cleared; the ucontext's uc_regs points at its mcontext, which holds every
 * GPR, nip (after the sc), CTR, LR, XER, CR, the FPRs and the FPSCR.  The
 * handler rewrites r14, CR, f14, the FPSCR and nip; rt_sigreturn must
 * resume there with them and everything else as it was.  SIGUSR2 without
 * SA_SIGINFO: r4 = &sigcontext (signal, handler, oldmask, regs ->
 * mcontext) at r1 + 64, an "li r0,__NR_sigreturn; sc" trampoline; the
 * handler changes r3; sigreturn restores the mask, so a second signal is
 * delivered too.
 */
#include "test.h"

#define SIGUSR1 10                  /* asm/signal.h */
#define SIGUSR2 12
#define SA_SIGINFO 4                /* asm-generic/signal-defs.h */
#define UC_REGS 48                  /* struct ucontext (asm/ucontext.h) */
#define UC_SIGMASK 52
#define UC_MCONTEXT 192
#define MC_GPR(n) (4 * (n))         /* mc_gregs = struct pt_regs words */
#define MC_NIP 128
#define MC_MSR 132
#define MC_CTR 140
#define MC_LINK 144
#define MC_XER 148
#define MC_CCR 152
#define MC_FPR(n) (192 + 8 * (n))   /* mc_fregs */
#define MC_FPSCR (192 + 256 + 4)    /* low word of mc_fregs[32] */

/* sigaction(sig, handler, flags) through rt_sigaction */
#define SIGACTION(sig, handler, flags) \
    LA(3, act);                     \
    LA(4, handler);                 \
    stw 4, 0(3);                    \
    li 4, flags;                    \
    stw 4, 4(3);                    \
    li 3, sig;                      \
    LA(4, act);                     \
    li 5, 0;                        \
    li 6, 8;                        \
    li 0, __NR_rt_sigaction;        \
    sc;                             \
    bns 0, 98f;                     \
    EXIT(1);                        \
98:

TEST_START
    LA(31, saved_sp)
    stw 1, 0(31)
    li 0, __NR_getpid
    sc
    stw 3, 4(31)                    /* pid */
    SIGACTION(SIGUSR1, h_rt, SA_SIGINFO)
    SIGACTION(SIGUSR2, h_old, 0)

    /* ---- rt frame: state before the signal */
    LOADI(14, 0x11111111)
    LOADI(20, 0x20202020)
    LOADI(30, 0x30303030)
    LA(9, pi)
    lfd 14, 0(9)
    mtfsfi 7, 1                     /* RN = toward zero */
    LOADI(9, 0xa0000000)            /* SO, CA */
    mtxer 9
    LOADI(9, 0xcafef00d)
    mtctr 9
    LOADI(9, 0x12345678)
    mtlr 9
    LOADI(9, 0x02345678)
    mtcrf 0xff, 9
    lwz 3, 4(31)
    li 4, SIGUSR1
    li 0, __NR_kill
    sc
after_kill:
    EXIT(2)                         /* the handler moves nip past this */
resume:
    mfcr 9
    mfxer 10
    mfctr 11
    mflr 12
    CHECK_IMM(3, 9, 0x80000000)     /* CR as the handler left it */
    CHECK_IMM(4, 10, 0xa0000000)
    CHECK_IMM(5, 11, 0xcafef00d)
    CHECK_IMM(6, 12, 0x12345678)
    CHECK_IMM(7, 14, 0x22222222)
    CHECK_IMM(8, 20, 0x20202020)
    CHECK_IMM(9, 30, 0x30303030)
    CHECK_IMM(10, 3, 0)             /* kill's result */
    lwz 9, 0(31)
    CHECK_EQ(11, 1, 9)
    LA(9, scratch)
    stfd 14, 0(9)
    lwz 10, 0(9)
    lwz 11, 4(9)
    CHECK_IMM(12, 10, 0x40040000)   /* 2.5 */
    CHECK_IMM(13, 11, 0)
    mffs 0
    stfd 0, 0(9)
    lwz 10, 4(9)
    CHECK_IMM(14, 10, 2)            /* FPSCR from the frame: RN = +inf */
    lwz 10, 8(31)
    CHECK_IMM(15, 10, 1)            /* the handler ran once */

    /* ---- old-style frame, twice: the mask comes back */
    mtfsfi 7, 0
    lwz 3, 4(31)
    li 4, SIGUSR2
    li 0, __NR_kill
    sc
after_kill2:
    CHECK_IMM(16, 3, 77)            /* the handler's r3 */
    lwz 3, 4(31)
    li 4, SIGUSR2
    li 0, __NR_kill
    sc
after_kill3:
    CHECK_IMM(17, 3, 77)
    lwz 10, 12(31)
    CHECK_IMM(18, 10, 2)
    PASS

/* ---- handlers: failures exit with 40.. / 60.. */

h_rt:
    CHECK_IMM(40, 3, SIGUSR1)
    lwz 7, 0(4)
    CHECK_IMM(41, 7, SIGUSR1)       /* si_signo */
    CHECK_EQ(42, 4, 6)              /* siginfo first in the frame */
    addi 7, 6, 128
    CHECK_EQ(43, 5, 7)              /* then the ucontext */
    addi 7, 1, 80
    CHECK_EQ(44, 6, 7)              /* r1 = frame - __SIGNAL_FRAMESIZE - 16 */
    LA(8, saved_sp)
    lwz 8, 0(8)
    lwz 7, 0(1)
    CHECK_EQ(45, 7, 8)              /* back chain */
    mflr 7
    lwz 8, 0(7)
    CHECK_IMM(46, 8, 0x38000000 + __NR_rt_sigreturn)
    lwz 8, 4(7)
    CHECK_IMM(47, 8, 0x44000002)
    lwz 7, UC_REGS(5)
    addi 8, 5, UC_MCONTEXT
    CHECK_EQ(48, 7, 8)
    lwz 8, UC_SIGMASK(5)
    CHECK_IMM(49, 8, 0)
    lwz 8, MC_GPR(14)(7)
    CHECK_IMM(50, 8, 0x11111111)
    lwz 8, MC_GPR(1)(7)
    LA(9, saved_sp)
    lwz 9, 0(9)
    CHECK_EQ(51, 8, 9)
    lwz 8, MC_NIP(7)
    CHECK_IMM(52, 8, after_kill)
    lwz 8, MC_CTR(7)
    CHECK_IMM(53, 8, 0xcafef00d)
    lwz 8, MC_LINK(7)
    CHECK_IMM(54, 8, 0x12345678)
    lwz 8, MC_XER(7)
    CHECK_IMM(55, 8, 0xa0000000)
    lwz 8, MC_CCR(7)
    CHECK_IMM(56, 8, 0x02345678)    /* CR0.SO clear: kill succeeded */
    lwz 8, MC_FPR(14)(7)
    CHECK_IMM(57, 8, 0x40091eb8)
    lwz 8, MC_FPSCR(7)
    CHECK_IMM(58, 8, 1)
    lwz 8, MC_MSR(7)
    andi. 8, 8, 0x6000              /* PR and FP */
    CHECK_IMM(59, 8, 0x6000)
    LA(9, scratch)
    mffs 0
    stfd 0, 0(9)
    lwz 8, 4(9)
    CHECK_IMM(60, 8, 0)             /* the handler runs with FPSCR = 0 */
    /* edit the context */
    LOADI(8, 0x22222222)
    stw 8, MC_GPR(14)(7)
    LOADI(8, 0x80000000)
    stw 8, MC_CCR(7)
    LOADI(8, 0x40040000)
    stw 8, MC_FPR(14)(7)
    li 8, 0
    stw 8, MC_FPR(14)+4(7)
    li 8, 2
    stw 8, MC_FPSCR(7)
    LA(8, resume)
    stw 8, MC_NIP(7)
    LA(9, saved_sp)
    lwz 8, 8(9)
    addi 8, 8, 1
    stw 8, 8(9)
    li 14, 0                        /* clobbered: the frame has the old values */
    li 20, 0
    mtctr 14
    blr

h_old:
    CHECK_IMM(61, 3, SIGUSR2)
    addi 7, 1, 64
    CHECK_EQ(62, 4, 7)              /* &sigcontext = r1 + __SIGNAL_FRAMESIZE */
    lwz 8, 16(4)
    CHECK_IMM(63, 8, SIGUSR2)       /* sigcontext.signal */
    lwz 8, 20(4)
    CHECK_IMM(64, 8, h_old)         /* .handler */
    lwz 8, 24(4)
    CHECK_IMM(65, 8, 0)             /* .oldmask */
    lwz 7, 28(4)
    addi 8, 4, 32
    CHECK_EQ(66, 7, 8)              /* .regs -> the mcontext after it */
    lwz 8, MC_NIP(7)                /* nip is after one of the two sc */
    LOADI(9, after_kill2)
    cmpw 7, 8, 9
    beq 7, 1f
    CHECK_IMM(67, 8, after_kill3)
1:
    mflr 9
    lwz 8, 0(9)
    CHECK_IMM(68, 8, 0x38000000 + __NR_sigreturn)
    li 8, 77
    stw 8, MC_GPR(3)(7)
    LA(9, saved_sp)
    lwz 8, 12(9)
    addi 8, 8, 1
    stw 8, 12(9)
    blr
TEST_END

    .data
    .align 3
pi:         .long 0x40091eb8, 0x51eb851f
scratch:    .long 0, 0
saved_sp:   .long 0, 0, 0, 0    /* r1, pid, rt hits, old-style hits */
act:        .long 0, 0, 0, 0, 0 /* handler, flags, restorer, mask[2] */
