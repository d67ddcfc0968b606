/* fptiny.S - underflow is detected before rounding on PowerPC (Book I
 * 4.4.4): a product whose exact value lies just below the smallest normal
 * and rounds up to it sets UX (with XX and FI) in double and in single
 * precision; x86 hosts detect tininess after rounding and would not.  An
 * exact smallest normal sets nothing.
 */
#include "test.h"

/* FPSCR after one instruction (mffs low word, from FPSCR = 0), without
 * FR: whether rounding a denormalized fraction up to the smallest normal
 * "incremented the fraction" is not what this test is about (xbt says
 * yes, qemu-ppc 7.2 no) */
#define FPSCR_IS(n, val)            \
    mffs 0;                         \
    stfd 0, 0(31);                  \
    lwz 9, 4(31);                   \
    rlwinm 9, 9, 0, 14, 12;         \
    CHECK_IMM(n, 9, val)

#define FPSCR_CLEAR                 \
    lfd 0, 8(31);                   \
    mtfsf 0xff, 0

TEST_START
    LA(31, scratch)
    LA(30, consts)
    FPSCR_CLEAR
    lfd 1, 0(30)                    /* 1 - 2^-30 */
    lfd 2, 8(30)                    /* (1 + 2^-30) * 2^-1022 */
    fmul 3, 1, 2
    FPSCR_IS(1, 0x8a024000)         /* FX UX XX FI, +normal */
    stfd 3, 0(31)
    lwz 9, 0(31)
    CHECK_IMM(2, 9, 0x00100000)     /* 2^-1022 */
    lwz 9, 4(31)
    CHECK_IMM(3, 9, 0)

    FPSCR_CLEAR
    lfs 1, 16(30)                   /* 1 - 2^-20 */
    lfs 2, 20(30)                   /* (1 + 2^-20) * 2^-126 */
    fmuls 3, 1, 2
    FPSCR_IS(4, 0x8a024000)
    stfs 3, 0(31)
    lwz 9, 0(31)
    CHECK_IMM(5, 9, 0x00800000)     /* 2^-126 */

    FPSCR_CLEAR                     /* exact: nothing */
    lfd 1, 24(30)                   /* 1.0 */
    lfd 2, 32(30)                   /* 2^-1022 */
    fmul 3, 1, 2
    FPSCR_IS(6, 0x00004000)
    PASS
TEST_END

    .data
    .align 3
consts:     .long 0x3fefffff, 0xff800000, 0x00100000, 0x00400000
            .long 0x3f7ffff0, 0x00800008
            .long 0x3ff00000, 0, 0x00100000, 0
scratch:    .long 0, 0, 0, 0
