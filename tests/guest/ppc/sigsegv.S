/* sigsegv.S - precise faults: a store to a read-only page (SIGSEGV,
 * SEGV_ACCERR as Linux/powerpc reports it), a load from an unmapped page
 * (SEGV_MAPERR) and a branch to an unmapped page (SEGV_MAPERR at the
 * target).  The SA_SIGINFO handler checks si_signo, si_code, si_addr and
 * the mcontext's nip (the faulting instruction itself), then moves nip on
 * (or to LR for the branch) and returns through rt_sigreturn; the faulting
 * store must not have happened and registers must survive.
 */
#include "test.h"

#define SIGSEGV 11                  /* asm/signal.h */
#define SA_SIGINFO 4                /* asm-generic/signal-defs.h */
#define SEGV_MAPERR 1               /* asm-generic/siginfo.h */
#define SEGV_ACCERR 2
#define SI_CODE 8                   /* siginfo: si_signo, si_errno, si_code, si_addr */
#define SI_ADDR 12
#define UC_REGS 48                  /* struct ucontext */
#define MC_GPR(n) (4 * (n))
#define MC_NIP 128
#define MC_LINK 144

/* EXPECT(code, addr-reg, nip-label): what the next fault must look like */
#define EXPECT(code, areg, label)   \
    li 9, code;                     \
    stw 9, 0(31);                   \
    stw areg, 4(31);                \
    LA(9, label);                   \
    stw 9, 8(31)

TEST_START
    LA(31, expect)
    /* p = mmap(0, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS) */
    li 3, 0
    li 4, 4096
    li 5, 3
    li 6, 0x22
    li 7, -1
    li 8, 0
    li 0, __NR_mmap
    sc
    bns 0, 1f
    EXIT(1)
1:  mr 20, 3
    li 4, 4096
    li 5, 1                         /* PROT_READ */
    li 0, __NR_mprotect
    sc
    bns 0, 1f
    EXIT(2)
1:  LA(3, act)
    LA(4, handler)
    stw 4, 0(3)
    li 4, SA_SIGINFO
    stw 4, 4(3)
    li 3, SIGSEGV
    LA(4, act)
    li 5, 0
    li 6, 8
    li 0, __NR_rt_sigaction
    sc
    bns 0, 1f
    EXIT(3)

    /* a store to the read-only page */
1:  addi 10, 20, 8
    EXPECT(SEGV_ACCERR, 10, fault1)
    li 5, 99
    li 21, 0
fault1:
    stw 5, 8(20)
    CHECK_IMM(4, 21, 1)             /* the handler ran and set r21 */
    CHECK_IMM(5, 5, 99)
    lwz 6, 8(20)
    CHECK_IMM(6, 6, 0)              /* the store did not happen */

    /* a load from an unmapped page */
    li 10, 16
    EXPECT(SEGV_MAPERR, 10, fault2)
    li 21, 0
    li 6, 55
fault2:
    lwz 6, 16(0)
    CHECK_IMM(7, 21, 1)
    CHECK_IMM(8, 6, 55)             /* the load did not write r6 */

    /* a branch to an unmapped page: nip = si_addr = the target */
    LOADI(10, 0x00100000)
    stw 10, 4(31)
    stw 10, 8(31)
    li 9, SEGV_MAPERR
    stw 9, 0(31)
    li 21, 0
    mtctr 10
    bctrl
    CHECK_IMM(9, 21, 2)
    lwz 9, 12(31)
    CHECK_IMM(10, 9, 3)             /* three faults */
    PASS

/* checks against `expect`; failures exit with 40.. */
handler:
    CHECK_IMM(40, 3, SIGSEGV)
    lwz 7, 0(4)
    CHECK_IMM(41, 7, SIGSEGV)
    lwz 7, SI_CODE(4)
    lwz 8, 0(31)
    CHECK_EQ(42, 7, 8)
    lwz 7, SI_ADDR(4)
    lwz 8, 4(31)
    CHECK_EQ(43, 7, 8)
    lwz 7, UC_REGS(5)
    lwz 8, MC_NIP(7)
    lwz 9, 8(31)
    CHECK_EQ(44, 8, 9)
    lwz 9, 12(31)
    addi 9, 9, 1
    stw 9, 12(31)
    lwz 9, 4(31)
    LOADI(10, 0x00100000)
    cmpw 7, 9, 10
    beq 7, 1f
    addi 8, 8, 4                    /* skip the faulting access */
    stw 8, MC_NIP(7)
    li 8, 1
    stw 8, MC_GPR(21)(7)
    blr
1:  lwz 8, MC_LINK(7)               /* the bad branch: return to its caller */
    stw 8, MC_NIP(7)
    li 8, 2
    stw 8, MC_GPR(21)(7)
    blr
TEST_END

    .data
    .align 2
expect:     .long 0, 0, 0, 0        /* si_code, si_addr, nip, faults */
act:        .long 0, 0, 0, 0, 0
