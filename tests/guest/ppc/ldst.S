/* ldst.S - loads and stores: update forms (RA gets EA), sign extension of
 * lha/lhau, byte-reversed forms, lmw/stmw, lswi/stswi and lswx/stswx with
 * the XER byte count (wrapping from r31 to r0 with zero padding), dcbz on
 * the 32-byte block, and the cache hints as no-ops.
 */
#include "test.h"

TEST_START
    CLEAR_CR_XER
    LA(20, buf)
    /* update forms */
    mr 21, 20
    lwzu 4, 4(21)
    CHECK_IMM(1, 4, 0x04050607)
    addi 5, 20, 4
    CHECK_EQ(2, 21, 5)
    lbzu 4, 1(21)
    CHECK_IMM(3, 4, 0x05)
    lhau 4, 3(21)                   /* 0x8081 at buf+8 */
    CHECK_IMM(4, 4, 0xffff8081)
    addi 5, 20, 8
    CHECK_EQ(5, 21, 5)
    li 6, 4
    lwzux 4, 21, 6
    CHECK_IMM(6, 4, 0x0c0d0e0f)
    li 4, 0x55
    stbu 4, 1(21)
    addi 5, 20, 13
    CHECK_EQ(7, 21, 5)
    lbz 4, 13(20)
    CHECK_IMM(8, 4, 0x55)
    stwu 1, -16(1)                  /* the usual frame push */
    lwz 4, 0(1)
    addi 5, 1, 16
    CHECK_EQ(9, 4, 5)
    addi 1, 1, 16
    /* byte-reversed */
    li 6, 16
    lwbrx 4, 20, 6
    CHECK_IMM(10, 4, 0x13121110)
    lhbrx 4, 20, 6
    CHECK_IMM(11, 4, 0x1110)
    LOADI(4, 0xa1b2c3d4)
    li 6, 20
    stwbrx 4, 20, 6
    lwz 5, 20(20)
    CHECK_IMM(12, 5, 0xd4c3b2a1)
    sthbrx 4, 20, 6
    lhz 5, 20(20)
    CHECK_IMM(13, 5, 0xd4c3)
    /* lmw/stmw */
    lmw 28, 0(20)
    CHECK_IMM(14, 28, 0x00010203)
    CHECK_IMM(15, 31, 0x0c550e0f)
    stmw 28, 64(20)
    lwz 4, 76(20)
    CHECK_IMM(16, 4, 0x0c550e0f)
    /* lswi/stswi: 7 bytes into r24, r25 (zero padded) */
    addi 21, 20, 1
    lswi 24, 21, 7
    CHECK_IMM(17, 24, 0x01020304)
    CHECK_IMM(18, 25, 0x05060700)
    addi 21, 20, 96
    stswi 24, 21, 7
    lwz 4, 96(20)
    CHECK_IMM(19, 4, 0x01020304)
    lwz 4, 100(20)
    CHECK_IMM(20, 4, 0x050607ee)
    /* lswx/stswx: 6 bytes from XER, r31 then r0 */
    li 4, 6
    mtxer 4
    li 6, 16
    LOADI(0, 0xdeadbeef)
    lswx 31, 20, 6
    mr 5, 0
    CHECK_IMM(21, 31, 0x10111213)
    CHECK_IMM(22, 5, 0xd4c30000)
    mr 0, 5
    li 6, 104
    stswx 31, 20, 6
    lwz 4, 104(20)
    CHECK_IMM(23, 4, 0x10111213)
    lwz 4, 108(20)
    CHECK_IMM(24, 4, 0xd4c3eeee)
    /* a zero count moves nothing */
    li 4, 0
    mtxer 4
    li 7, 0x77
    li 6, 16
    lswx 7, 20, 6
    CHECK_IMM(25, 7, 0x77)
    /* dcbz clears the aligned 32-byte block holding EA */
    li 6, 0x8b
    dcbz 20, 6
    lbz 4, 0x7f(20)
    CHECK_IMM(26, 4, 0xee)
    lwz 4, 0x80(20)
    CHECK_IMM(27, 4, 0)
    lwz 4, 0x9c(20)
    CHECK_IMM(28, 4, 0)
    lbz 4, 0xa0(20)
    CHECK_IMM(29, 4, 0xee)
    /* hints do nothing */
    dcbt 0, 20
    dcbtst 0, 20
    dcbst 0, 20
    dcbf 0, 20
    lwz 4, 0(20)
    CHECK_IMM(30, 4, 0x00010203)
    PASS
TEST_END

    .data
    .balign 32
buf:
    .byte 0, 1, 2, 3, 4, 5, 6, 7, 0x80, 0x81, 10, 11, 12, 13, 14, 15
    .byte 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17
    .fill 232, 1, 0xee
