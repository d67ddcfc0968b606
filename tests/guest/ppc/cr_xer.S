/* cr_xer.S - CR0 of record forms, XER.SO/OV/CA of the overflow and carry
 * forms, SO copied into compares and record forms, carry chains (addc/adde,
 * subfc/subfe), addze/addme/subfze/subfme, srawi's CA, mcrxr, mtcrf/mfcr,
 * mtocrf/mfocrf, mcrf and the CR logical operations.
 */
#include "test.h"

TEST_START
    CLEAR_CR_XER
    /* record forms: LT, GT, EQ in CR0 */
    li 4, 5
    li 5, -7
    add. 6, 4, 5
    CHECK_CR(1, 0x80000000)
    CHECK_IMM(2, 6, -2)
    add. 6, 4, 4
    CHECK_CR(3, 0x40000000)
    subf. 6, 4, 4
    CHECK_CR(4, 0x20000000)
    /* addo. overflow: OV and SO, CR0 = LT|SO */
    LOADI(4, 0x7fffffff)
    li 5, 1
    addo. 6, 4, 5
    CHECK_CR(5, 0x90000000)
    CHECK_XER(6, XER_SO | XER_OV)
    /* a later o-form without overflow clears OV, SO stays; plain forms leave both */
    addo 6, 5, 5
    CHECK_XER(7, XER_SO)
    add 6, 4, 5
    CHECK_XER(8, XER_SO)
    /* compares copy SO */
    cmpwi 2, 5, 1
    CHECK_CR(9, 0x90300000)
    cmplw 3, 4, 5
    CHECK_CR(10, 0x90350000)
    CLEAR_CR_XER

    /* 64-bit add: 0x00000001_ffffffff + 1 */
    LOADI(4, 0xffffffff)
    li 5, 1
    li 6, 1
    li 7, 0
    addc 8, 4, 5
    CHECK_XER(11, XER_CA)
    adde 9, 6, 7
    CHECK_IMM(12, 8, 0)
    CHECK_IMM(13, 9, 2)
    CHECK_XER(14, 0)
    /* 64-bit subtract: 0x00000001_00000000 - 1 */
    li 4, 0
    li 5, 1
    li 6, 1
    li 7, 0
    subfc 8, 6, 4
    CHECK_XER(15, 0)
    subfe 9, 7, 5
    CHECK_IMM(16, 8, 0xffffffff)
    CHECK_IMM(17, 9, 0)
    CHECK_XER(18, XER_CA)
    /* subfic: 5 - 7 borrows, 7 - 5 does not */
    li 4, 7
    subfic 6, 4, 5
    CHECK_IMM(19, 6, -2)
    CHECK_XER(20, 0)
    li 4, 5
    subfic 6, 4, 7
    CHECK_XER(21, XER_CA)
    /* addze with CA = 1; addme with CA = 0 is x - 1 with carry out unless x == 0 */
    li 4, 5
    addze 6, 4
    CHECK_IMM(22, 6, 6)
    CHECK_XER(23, 0)
    li 4, 0
    addme 6, 4
    CHECK_IMM(24, 6, -1)
    CHECK_XER(25, 0)
    li 4, 3
    addme 6, 4
    CHECK_IMM(26, 6, 2)
    CHECK_XER(27, XER_CA)
    /* subfze: ~x + CA; subfme: ~x + CA - 1 */
    li 4, 0
    subfze 6, 4                     /* ~0 + 1 = 0, carry */
    CHECK_IMM(28, 6, 0)
    CHECK_XER(29, XER_CA)
    li 4, 1
    subfme 6, 4                     /* ~1 + 1 - 1 = -2, carry */
    CHECK_IMM(30, 6, -2)
    CHECK_XER(31, XER_CA)
    /* addic. sets CA and CR0 */
    li 4, -1
    addic. 6, 4, 1
    CHECK_CR(32, 0x20000000)
    CHECK_XER(33, XER_CA)
    /* neg: overflow only for 0x80000000 */
    LOADI(4, 0x80000000)
    nego. 6, 4
    CHECK_IMM(34, 6, 0x80000000)
    CHECK_XER(35, XER_SO | XER_OV | XER_CA)
    CHECK_CR(36, 0x90000000)
    CLEAR_CR_XER
    /* srawi: CA when a negative value loses 1 bits */
    li 4, -5
    srawi 6, 4, 1
    CHECK_IMM(37, 6, -3)
    CHECK_XER(38, XER_CA)
    li 4, -4
    srawi. 6, 4, 1
    CHECK_IMM(39, 6, -2)
    CHECK_XER(40, 0)
    CHECK_CR(41, 0x80000000)
    /* mullwo, divwo by zero, divwuo */
    LOADI(4, 0x10000)
    mullwo 6, 4, 4
    CHECK_IMM(42, 6, 0)
    CHECK_XER(43, XER_SO | XER_OV)
    mtxer 7                         /* r7 = 0 */
    li 5, 0
    divwo 6, 4, 5
    CHECK_XER(44, XER_SO | XER_OV)
    mtxer 7
    li 5, 3
    divwuo. 6, 4, 5
    CHECK_IMM(45, 6, 21845)
    CHECK_XER(46, 0)
    /* mcrxr moves SO OV CA into a field and clears them */
    LOADI(4, XER_SO | XER_CA | 0x45)
    mtxer 4
    mcrxr 3
    CHECK_XER(47, 0x45)
    CHECK_CR(48, 0x400a0000)
    /* mtcrf/mfcr, mtocrf/mfocrf, mcrf */
    LOADI(4, 0x12345678)
    mtcrf 0xff, 4
    CHECK_CR(49, 0x12345678)
    LOADI(4, 0xffffffff)
    mtcrf 0x81, 4
    CHECK_CR(50, 0xf2345678)
    li 4, 0
    mtocrf 0x20, 4
    CHECK_CR(51, 0xf2045678)
    mfocrf 6, 0x08
    CHECK_IMM(52, 6, 0x00005000)
    mcrf 1, 0
    CHECK_CR(53, 0xff045678)
    /* CR logical: crclr, crset, crxor, crand, cror, crnand, crnor, creqv, crandc, crorc */
    li 4, 0
    mtcrf 0xff, 4
    crset 0
    crset 3
    crxor 1, 0, 3                   /* 1 ^ 1 = 0 */
    cror 2, 0, 1                    /* 1 */
    crand 4, 0, 2                   /* 1 */
    crnand 5, 0, 2                  /* 0 */
    crnor 6, 1, 5                   /* 1 */
    creqv 7, 1, 5                   /* 1 */
    crandc 8, 0, 1                  /* 1 */
    crorc 9, 1, 0                   /* 0 */
    crclr 3
    CHECK_CR(54, 0xab800000)
    PASS
TEST_END
