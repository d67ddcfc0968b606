/* fpexc.S - enabled FP exceptions (Book I 4.4, Linux traps.c parse_fpe):
 * with prctl(PR_SET_FPEXC, PR_FP_EXC_PRECISE) and FPSCR[ZE], fdiv by zero
 * raises SIGFPE/FPE_FLTDIV at the fdiv itself with FRT unchanged and
 * FPSCR FX ZX FEX set in the frame; with XE, an inexact fdiv traps
 * (FPE_FLTRES) after writing FRT.  The handler checks si_addr and nip,
 * clears the enables in the frame's FPSCR and moves nip past the fdiv.
 * Before prctl (mode disabled) an enabled exception does not trap.
 */
#include "test.h"

#define SIGFPE 8                    /* asm/signal.h */
#define SA_SIGINFO 4
#define FPE_FLTDIV 3                /* asm-generic/siginfo.h */
#define FPE_FLTRES 6
#define PR_SET_FPEXC 12             /* linux/prctl.h */
#define PR_FP_EXC_PRECISE 3
#define UC_REGS 48
#define MC_NIP 128
#define MC_FPSCR (192 + 256 + 4)

TEST_START
    LA(31, state)
    LA(3, act)
    LA(4, handler)
    stw 4, 0(3)
    li 4, SA_SIGINFO
    stw 4, 4(3)
    li 3, SIGFPE
    LA(4, act)
    li 5, 0
    li 6, 8
    li 0, __NR_rt_sigaction
    sc
    LA(9, consts)
    lfd 1, 0(9)                     /* 1.0 */
    lfd 0, 8(9)                     /* 0.0 */
    lfd 2, 16(9)                    /* 3.0 */
    lfd 3, 24(9)                    /* 42.0: the target's old value */

    /* ZE set, mode still disabled: no trap */
    mtfsb1 27
    fdiv 4, 1, 0
    li 3, PR_SET_FPEXC
    li 4, PR_FP_EXC_PRECISE
    li 0, __NR_prctl
    sc
    bns 0, 1f
    EXIT(1)
1:  mtfsfi 1, 0                     /* clear ZX (and OX UX) */
    mtfsb0 0                        /* and FX */
    li 9, FPE_FLTDIV
    stw 9, 0(31)
    LA(9, div0)
    stw 9, 4(31)
div0:
    fdiv 3, 1, 0
    lwz 9, 8(31)
    CHECK_IMM(2, 9, 1)              /* trapped once */
    stfd 3, 0(31)
    lwz 9, 0(31)
    CHECK_IMM(3, 9, 0x40450000)     /* 42.0: FRT untouched */

    mtfsfi 6, 0                     /* clear XX */
    mtfsb1 28                       /* XE */
    li 9, FPE_FLTRES
    stw 9, 0(31)
    LA(9, inexact)
    stw 9, 4(31)
inexact:
    fdiv 3, 1, 2
    lwz 9, 8(31)
    CHECK_IMM(4, 9, 2)
    stfd 3, 0(31)
    lwz 9, 0(31)
    CHECK_IMM(5, 9, 0x3fd55555)     /* 1/3 was written */
    fdiv 3, 1, 2                    /* XE cleared by the handler: no trap */
    lwz 9, 8(31)
    CHECK_IMM(6, 9, 2)
    PASS

handler:
    CHECK_IMM(40, 3, SIGFPE)
    lwz 7, 8(4)
    lwz 8, 0(31)
    CHECK_EQ(41, 7, 8)              /* si_code */
    lwz 7, 12(4)
    lwz 8, 4(31)
    CHECK_EQ(42, 7, 8)              /* si_addr = the fdiv */
    lwz 6, UC_REGS(5)
    lwz 7, MC_NIP(6)
    CHECK_EQ(43, 7, 8)
    addi 7, 7, 4
    stw 7, MC_NIP(6)
    lwz 7, MC_FPSCR(6)
    lwz 8, 0(31)
    cmpwi 7, 8, FPE_FLTDIV
    bne 7, 1f
    rlwinm 8, 7, 0, 0, 5            /* FX FEX VX OX UX ZX */
    CHECK_IMM(44, 8, 0xc4000000)    /* FX FEX ZX */
1:  rlwinm 7, 7, 0, 0, 23           /* drop the enables (and RN) */
    stw 7, MC_FPSCR(6)
    lwz 8, 8(31)
    addi 8, 8, 1
    stw 8, 8(31)
    blr
TEST_END

    .data
    .align 3
consts:     .double 1.0, 0.0, 3.0, 42.0
state:      .long 0, 0, 0, 0        /* si_code, address expected; traps */
act:        .long 0, 0, 0, 0, 0
