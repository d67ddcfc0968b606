/* fpscr.S - FPSCR: the rounding mode set with mtfsfi/mtfsb0/mtfsb1 drives
 * fctiw and arithmetic while fctiwz always truncates; mffs reads it back;
 * sticky flags XX, ZX, OX, UX, VX and FX after inexact, divide by zero,
 * overflow, underflow and invalid operations; fctiw of NaN and out-of-range
 * values (0x80000000 / 0x7fffffff, VXCVI); mtfsf clears; mcrfs; record
 * forms copy FX FEX VX OX into CR1.
 */
#include "test.h"

#define RN_NEAR 0
#define RN_ZERO 1
#define RN_UP   2
#define RN_DOWN 3

/* CVT(n, insn, fsrc, expect): convert with insn, check the integer word */
#define CVT(n, insn, fsrc, expect)      \
    insn 20, fsrc;                      \
    stfd 20, 0(31);                     \
    lwz 4, 4(31);                       \
    CHECK_IMM(n, 4, expect)
/* FPSCR_IS(n, mask, expect): (FPSCR & mask) == expect */
#define FPSCR_IS(n, mask, expect)       \
    mffs 21;                            \
    stfd 21, 0(31);                     \
    lwz 4, 4(31);                       \
    LOADI(5, mask);                     \
    and 4, 4, 5;                        \
    CHECK_IMM(n, 4, expect)
/* FADD_IS(n, fa, fb, hi, lo): fa + fb has the bits hi:lo */
#define FADD_IS(n, fa, fb, hi, lo)      \
    fadd 20, fa, fb;                    \
    stfd 20, 0(31);                     \
    lwz 4, 0(31);                       \
    CHECK_IMM(n, 4, hi);                \
    lwz 4, 4(31);                       \
    CHECK_IMM(n, 4, lo)

#define FX    0x80000000
#define VX    0x20000000
#define OX    0x10000000
#define UX    0x08000000
#define ZX    0x04000000
#define XX    0x02000000
#define VXCVI 0x00000100
#define VXZDZ 0x00200000
#define STICKY 0xbff80700

TEST_START
    CLEAR_CR_XER
    LA(30, vals)
    LA(31, scratch)
    lfd 0, 0(30)                    /* 2.5 */
    lfd 1, 8(30)                    /* -2.5 */
    lfd 2, 16(30)                   /* 1.7 */
    lfd 3, 24(30)                   /* -1.7 */
    lfd 4, 32(30)                   /* 1.0 */
    lfd 5, 40(30)                   /* 2^-60 */
    lfd 6, 48(30)                   /* NaN */
    lfd 7, 56(30)                   /* 1e10 */
    lfd 8, 64(30)                   /* 0.0 */
    lfd 9, 72(30)                   /* 1e308 */
    lfd 10, 80(30)                  /* 1e-308 */
    lfd 11, 88(30)                  /* -1.0 */

    mtfsfi 7, RN_NEAR
    FPSCR_IS(1, 0xff, RN_NEAR)
    CVT(2, fctiw, 0, 2)
    CVT(3, fctiw, 1, -2)
    CVT(4, fctiw, 2, 2)
    CVT(5, fctiw, 3, -2)
    FADD_IS(6, 4, 5, 0x3ff00000, 0)
    mtfsfi 7, RN_ZERO
    CVT(7, fctiw, 0, 2)
    CVT(8, fctiw, 1, -2)
    CVT(9, fctiw, 2, 1)
    CVT(10, fctiw, 3, -1)
    FADD_IS(11, 4, 5, 0x3ff00000, 0)
    mtfsfi 7, RN_UP
    FPSCR_IS(12, 0x3, RN_UP)
    CVT(13, fctiw, 0, 3)
    CVT(14, fctiw, 1, -2)
    CVT(15, fctiw, 2, 2)
    CVT(16, fctiw, 3, -1)
    FADD_IS(17, 4, 5, 0x3ff00000, 1)
    /* mtfsb1 31 then mtfsb0 30 on RN = up (10): down is 11, then 01 */
    mtfsb1 31
    FPSCR_IS(18, 0x3, RN_DOWN)
    CVT(19, fctiw, 0, 2)
    CVT(20, fctiw, 1, -3)
    CVT(21, fctiw, 2, 1)
    CVT(22, fctiw, 3, -2)
    fneg 12, 5
    fsub 20, 12, 4                  /* -2^-60 - 1 rounds down */
    stfd 20, 0(31)
    lwz 4, 4(31)
    CHECK_IMM(23, 4, 1)
    mtfsb0 30
    FPSCR_IS(24, 0x3, RN_ZERO)
    /* fctiwz ignores the mode */
    mtfsfi 7, RN_UP
    CVT(25, fctiwz, 0, 2)
    CVT(26, fctiwz, 1, -2)
    CVT(27, fctiwz, 3, -1)
    mtfsfi 7, RN_NEAR

    /* clear everything, then inexact */
    mtfsf 0xff, 8                   /* f8 = +0.0: FPSCR = 0 */
    FPSCR_IS(28, 0xffffffff, 0)
    fadd 20, 2, 2
    FPSCR_IS(29, STICKY, 0)
    fdiv 20, 4, 2                   /* 1/1.7 */
    FPSCR_IS(30, STICKY, FX | XX)
    /* FX is sticky until cleared; flags accumulate */
    fdiv 20, 4, 8                   /* 1/0 */
    FPSCR_IS(31, STICKY, FX | ZX | XX)
    fmul 20, 9, 9                   /* overflow (and inexact) */
    FPSCR_IS(32, STICKY, FX | OX | ZX | XX)
    mtfsf 0xff, 8
    fmul 20, 10, 10                 /* underflow */
    FPSCR_IS(33, STICKY, FX | UX | XX)
    mtfsf 0xff, 8
    fdiv 20, 8, 8                   /* 0/0: VXZDZ */
    FPSCR_IS(34, STICKY, FX | VX | VXZDZ)
    /* fctiw: NaN and out of range give 0x80000000 / 0x7fffffff and VXCVI */
    mtfsf 0xff, 8
    CVT(35, fctiw, 6, 0x80000000)
    CVT(36, fctiwz, 7, 0x7fffffff)
    fneg 12, 7
    CVT(37, fctiw, 12, 0x80000000)
    FPSCR_IS(38, STICKY, FX | VX | VXCVI)
    /* mtfsb0 of a detail bit leaves VX set while another remains; mcrfs
     * copies and clears the exception field it reads */
    mtfsb1 10                       /* VXZDZ */
    mtfsb0 23                       /* VXCVI */
    FPSCR_IS(39, STICKY, FX | VX | VXZDZ)
    mcrfs 2, 0                      /* FX FEX VX OX -> cr2, clears FX and OX */
    mfcr 4
    rlwinm 4, 4, 12, 28, 31
    CHECK_IMM(40, 4, 0xa)
    FPSCR_IS(41, STICKY, VX | VXZDZ)
    mtfsb0 10
    FPSCR_IS(42, STICKY, 0)
    /* record form: CR1 = FX FEX VX OX */
    fdiv. 20, 4, 8
    mfcr 4
    rlwinm 4, 4, 8, 28, 31
    CHECK_IMM(43, 4, 0x8)
    PASS
TEST_END

    .data
    .balign 8
vals:
    .double 2.5, -2.5, 1.7, -1.7, 1.0
    .long 0x3c300000, 0             /* 2^-60 */
    .long 0x7ff80000, 0             /* NaN */
    .double 1e10, 0.0, 1e308, 1e-308, -1.0
scratch:
    .space 16
