/* rotate.S - rlwinm/rlwimi/rlwnm masks (contiguous, wrapping, the shift
 * idioms slwi/srwi/clrlwi/rotlwi), record forms, slw/srw/sraw with counts
 * of 32 and more, cntlzw, extsb/extsh.
 */
#include "test.h"

TEST_START
    CLEAR_CR_XER
    LOADI(4, 0x12345678)
    slwi 6, 4, 3                    /* rlwinm 6,4,3,0,28 */
    CHECK_IMM(1, 6, 0x91a2b3c0)
    srwi 6, 4, 5                    /* rlwinm 6,4,27,5,31 */
    CHECK_IMM(2, 6, 0x0091a2b3)
    rlwinm 6, 4, 0, 28, 3           /* wrapping mask 0xf000000f */
    CHECK_IMM(3, 6, 0x10000008)
    rotlwi 6, 4, 8
    CHECK_IMM(4, 6, 0x34567812)
    clrlwi 6, 4, 16
    CHECK_IMM(5, 6, 0x00005678)
    rlwinm 6, 4, 4, 30, 1           /* rotate 4, mask 0xc0000003 */
    CHECK_IMM(6, 6, 0x00000001)
    rlwinm 6, 4, 28, 0, 31          /* rotate right 4 */
    CHECK_IMM(7, 6, 0x81234567)
    clrrwi 6, 4, 12
    CHECK_IMM(8, 6, 0x12345000)
    rlwinm 6, 4, 16, 8, 15          /* rotate 16, mask 0x00ff0000 */
    CHECK_IMM(9, 6, 0x00780000)
    /* rlwimi inserts under the mask */
    LOADI(6, 0xaaaaaaaa)
    rlwimi 6, 4, 8, 16, 23
    CHECK_IMM(10, 6, 0xaaaa78aa)
    LOADI(6, 0xaaaaaaaa)
    rlwimi 6, 4, 0, 28, 3           /* wrapping insert */
    CHECK_IMM(11, 6, 0x1aaaaaa8)
    /* rlwnm uses rb[27:31] */
    li 5, 36
    rotlw 6, 4, 5
    CHECK_IMM(12, 6, 0x23456781)
    rlwnm 6, 4, 5, 24, 31
    CHECK_IMM(13, 6, 0x00000081)
    /* record form */
    rlwinm. 6, 4, 0, 0, 0
    CHECK_CR(14, 0x20000000)
    LOADI(4, 0x80000000)
    rlwinm. 6, 4, 0, 0, 0
    CHECK_CR(15, 0x80000000)
    /* shifts by register: counts 32..63 give 0 (sraw: the sign) */
    LOADI(4, 0x80000001)
    li 5, 31
    slw 6, 4, 5
    CHECK_IMM(16, 6, 0x80000000)
    li 5, 32
    slw 6, 4, 5
    CHECK_IMM(17, 6, 0)
    li 5, 63
    srw 6, 4, 5
    CHECK_IMM(18, 6, 0)
    li 5, 64                        /* bit 26 clear again: count 0 */
    srw 6, 4, 5
    CHECK_IMM(19, 6, 0x80000001)
    li 5, 40
    sraw 6, 4, 5
    CHECK_IMM(20, 6, 0xffffffff)
    CHECK_XER(21, XER_CA)
    li 5, 0
    sraw 6, 4, 5
    CHECK_IMM(22, 6, 0x80000001)
    CHECK_XER(23, 0)
    li 4, 0x1000
    li 5, 40
    sraw. 6, 4, 5
    CHECK_IMM(24, 6, 0)
    CHECK_XER(25, 0)
    CHECK_CR(26, 0x20000000)
    li 5, 4
    li 4, -32
    sraw 6, 4, 5
    CHECK_IMM(27, 6, -2)
    CHECK_XER(28, 0)
    /* cntlzw, extsb, extsh */
    li 4, 0
    cntlzw 6, 4
    CHECK_IMM(29, 6, 32)
    LOADI(4, 0x00010000)
    cntlzw. 6, 4
    CHECK_IMM(30, 6, 15)
    CHECK_CR(31, 0x40000000)
    li 4, 0x80
    extsb 6, 4
    CHECK_IMM(32, 6, 0xffffff80)
    LOADI(4, 0x12348000)
    extsh 6, 4
    CHECK_IMM(33, 6, 0xffff8000)
    /* logical ops with complement */
    LOADI(4, 0xff00ff00)
    LOADI(5, 0x0ff00ff0)
    andc 6, 4, 5
    CHECK_IMM(34, 6, 0xf000f000)
    orc 6, 4, 5
    CHECK_IMM(35, 6, 0xff0fff0f)
    nand 6, 4, 5
    CHECK_IMM(36, 6, 0xf0fff0ff)
    nor 6, 4, 5
    CHECK_IMM(37, 6, 0x000f000f)
    eqv 6, 4, 5
    CHECK_IMM(38, 6, 0x0f0f0f0f)
    xoris 6, 4, 0xffff
    CHECK_IMM(39, 6, 0x00ffff00)
    andis. 6, 4, 0x00f0
    CHECK_IMM(40, 6, 0)
    CHECK_CR(41, 0x20000000)
    PASS
TEST_END
