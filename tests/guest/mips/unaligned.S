/* unaligned.S - lwl/lwr/swl/swr at every byte offset in both byte orders,
 * the lwl+lwr and swl+swr pairs that make unaligned words, and the sign or
 * zero extension of lb/lbu/lh/lhu.  Expected values follow the MIPS32
 * manual's LWL/LWR/SWL/SWR tables; memory is checked byte by byte (BYTES
 * reads 4 bytes as b0<<24|b1<<16|b2<<8|b3 so one constant fits both orders).
 */
#include "test.h"

/* BYTES(dst, base, off): dst = bytes base+off .. +3 in address order */
#define BYTES(dst, base, off)       \
    lbu dst, off(base);             \
    lbu $k0, off+1(base);           \
    sll dst, dst, 8;                \
    or dst, dst, $k0;               \
    lbu $k0, off+2(base);           \
    sll dst, dst, 8;                \
    or dst, dst, $k0;               \
    lbu $k0, off+3(base);           \
    sll dst, dst, 8;                \
    or dst, dst, $k0

/* reset 8 bytes at buf to aa bb cc dd ee ff 00 99 */
#ifdef __MIPSEB__
#define E(be, le) be
#else
#define E(be, le) le
#endif

#define RESET_BUF                   \
    la $s1, buf;                    \
    li $k1, E(0xaabbccdd, 0xddccbbaa); \
    sw $k1, 0($s1);                 \
    li $k1, E(0xeeff0099, 0x9900ffee); \
    sw $k1, 4($s1)

#define LWL_AT(n, k, be, le)        \
    li $t0, 0xa0b0c0d0;             \
    lwl $t0, k($s0);                \
    CHECK_IMM(n, $t0, E(be, le))
#define LWR_AT(n, k, be, le)        \
    li $t0, 0xa0b0c0d0;             \
    lwr $t0, k($s0);                \
    CHECK_IMM(n, $t0, E(be, le))

#define SWL_AT(n, k, be, le)        \
    RESET_BUF;                      \
    li $t0, 0x11223344;             \
    swl $t0, k($s1);                \
    BYTES($t1, $s1, 0);             \
    CHECK_IMM(n, $t1, E(be, le))
#define SWR_AT(n, k, be, le)        \
    RESET_BUF;                      \
    li $t0, 0x11223344;             \
    swr $t0, k($s1);                \
    BYTES($t1, $s1, 0);             \
    CHECK_IMM(n, $t1, E(be, le))

/* unaligned word load at byte offset k: value as the guest sees it */
#ifdef __MIPSEB__
#define ULW(dst, k, base) lwl dst, k(base); lwr dst, k+3(base)
#define USW(src, k, base) swl src, k(base); swr src, k+3(base)
#else
#define ULW(dst, k, base) lwr dst, k(base); lwl dst, k+3(base)
#define USW(src, k, base) swr src, k(base); swl src, k+3(base)
#endif

TEST_START
    la $s0, src                     /* 11 22 33 44 55 66 77 88 */

    LWL_AT(1, 0, 0x11223344, 0x11b0c0d0)
    LWL_AT(2, 1, 0x223344d0, 0x2211c0d0)
    LWL_AT(3, 2, 0x3344c0d0, 0x332211d0)
    LWL_AT(4, 3, 0x44b0c0d0, 0x44332211)
    LWR_AT(5, 0, 0xa0b0c011, 0x44332211)
    LWR_AT(6, 1, 0xa0b01122, 0xa0443322)
    LWR_AT(7, 2, 0xa0112233, 0xa0b04433)
    LWR_AT(8, 3, 0x11223344, 0xa0b0c044)
    /* second word: the offset is taken from the effective address */
    LWL_AT(9, 5, 0x667788d0, 0x6655c0d0)
    LWR_AT(10, 6, 0xa0556677, 0xa0b08877)

    SWL_AT(11, 0, 0x11223344, 0x11bbccdd)
    SWL_AT(12, 1, 0xaa112233, 0x2211ccdd)
    SWL_AT(13, 2, 0xaabb1122, 0x332211dd)
    SWL_AT(14, 3, 0xaabbcc11, 0x44332211)
    SWR_AT(15, 0, 0x44bbccdd, 0x44332211)
    SWR_AT(16, 1, 0x3344ccdd, 0xaa443322)
    SWR_AT(17, 2, 0x223344dd, 0xaabb4433)
    SWR_AT(18, 3, 0x11223344, 0xaabbcc44)

    /* 20-23: ulw at each offset: the guest-order word of bytes k..k+3 */
    ULW($t0, 0, $s0)
    CHECK_IMM(20, $t0, E(0x11223344, 0x44332211))
    ULW($t0, 1, $s0)
    CHECK_IMM(21, $t0, E(0x22334455, 0x55443322))
    ULW($t0, 2, $s0)
    CHECK_IMM(22, $t0, E(0x33445566, 0x66554433))
    ULW($t0, 3, $s0)
    CHECK_IMM(23, $t0, E(0x44556677, 0x77665544))

    /* 24-31: usw at each offset leaves the neighbours alone */
    li $t2, E(0x01020304, 0x04030201)   /* bytes 01 02 03 04 in memory */
    RESET_BUF
    USW($t2, 0, $s1)
    BYTES($t1, $s1, 0)
    CHECK_IMM(24, $t1, 0x01020304)
    BYTES($t1, $s1, 4)
    CHECK_IMM(25, $t1, 0xeeff0099)
    RESET_BUF
    USW($t2, 1, $s1)
    BYTES($t1, $s1, 0)
    CHECK_IMM(26, $t1, 0xaa010203)
    BYTES($t1, $s1, 4)
    CHECK_IMM(27, $t1, 0x04ff0099)
    RESET_BUF
    USW($t2, 2, $s1)
    BYTES($t1, $s1, 0)
    CHECK_IMM(28, $t1, 0xaabb0102)
    BYTES($t1, $s1, 4)
    CHECK_IMM(29, $t1, 0x03040099)
    RESET_BUF
    USW($t2, 3, $s1)
    BYTES($t1, $s1, 0)
    CHECK_IMM(30, $t1, 0xaabbcc01)
    BYTES($t1, $s1, 4)
    CHECK_IMM(31, $t1, 0x02030499)

    /* 40-47: byte and halfword loads: extension and byte order */
    la $s2, ext
    lb $t0, 0($s2)
    CHECK_IMM(40, $t0, 0xffffff80)
    lbu $t0, 0($s2)
    CHECK_IMM(41, $t0, 0x80)
    lb $t0, 1($s2)
    CHECK_IMM(42, $t0, 0x7f)
    lh $t0, 0($s2)
    CHECK_IMM(43, $t0, E(0xffff807f, 0x7f80))
    lhu $t0, 2($s2)
    CHECK_IMM(44, $t0, E(0xff01, 0x01ff))
    lh $t0, 2($s2)
    CHECK_IMM(45, $t0, E(0xffffff01, 0x01ff))
    lw $t0, 0($s2)
    CHECK_IMM(46, $t0, E(0x807fff01, 0x01ff7f80))
    /* sh/sb store the low bits only */
    li $t0, 0x12345678
    sh $t0, 4($s2)
    sb $t0, 6($s2)
    sb $zero, 7($s2)
    BYTES($t1, $s2, 4)
    CHECK_IMM(47, $t1, E(0x56787800, 0x78567800))
    /* 48: a negative offset */
    addiu $s3, $s2, 8
    lbu $t0, -8($s3)
    CHECK_IMM(48, $t0, 0x80)
    PASS
TEST_END

    .data
    .balign 8
src: .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88
buf: .space 8
ext: .byte 0x80, 0x7f, 0xff, 0x01, 0, 0, 0, 0
