/* neon_q64.S - 64-bit lanes of the Advanced SIMD saturating and rounding
 * shifts: vqshl/vrshl/vqrshl by register (signed count from the low byte,
 * negative = right) and vqshl/vqshlu by immediate, with FPSCR.QC.
 */
#include "test.h"

/* d1 = hi:lo, d2 = count (sign-extended byte), QC cleared; op; check d0 and QC */
#define SETUP(hi, lo, cnt)          \
    mov r0, #0;                     \
    vmsr fpscr, r0;                 \
    ldr r0, =lo;                    \
    ldr r1, =hi;                    \
    vmov d1, r0, r1;                \
    ldr r0, =cnt;                   \
    asr r1, r0, #31;                \
    vmov d2, r0, r1

#define RESULT(n, hi, lo, qc)       \
    vmov r0, r1, d0;                \
    CHECK_IMM(n, r0, lo);           \
    CHECK_IMM(n, r1, hi);           \
    vmrs r0, fpscr;                 \
    lsr r0, r0, #27;                \
    and r0, r0, #1;                 \
    CHECK_IMM(n, r0, qc)

#define REG(n, insn, hi, lo, cnt, rhi, rlo, qc) \
    SETUP(hi, lo, cnt);             \
    insn d0, d1, d2;                \
    RESULT(n, rhi, rlo, qc)

#define IMM(n, insn, hi, lo, sh, rhi, rlo, qc) \
    SETUP(hi, lo, 0);               \
    insn d0, d1, sh;                \
    RESULT(n, rhi, rlo, qc)

TEST_START
    .fpu neon
    .arm
_start:
    REG(1, vqshl.s64, 0x40000000, 0, 1, 0x7fffffff, 0xffffffff, 1)
    REG(2, vqshl.u64, 0x80000000, 0, 1, 0xffffffff, 0xffffffff, 1)
    REG(3, vqshl.s64, 0xffffffff, 0xfffffffd, -1, 0xffffffff, 0xfffffffe, 0)
    REG(4, vrshl.s64, 0xffffffff, 0xfffffffd, -1, 0xffffffff, 0xffffffff, 0)
    REG(5, vqrshl.u64, 0xffffffff, 0xffffffff, -1, 0x80000000, 0, 0)
    REG(6, vqshl.s64, 0xc0000000, 0, 1, 0x80000000, 0, 0)
    REG(7, vqshl.s64, 0xbfffffff, 0xffffffff, 1, 0x80000000, 0, 1)
    REG(8, vrshl.u64, 0x12345678, 0x9abcdef0, 64, 0, 0, 0)
    REG(9, vrshl.u64, 0x80000000, 0, -64, 0, 1, 0)
    REG(10, vqshl.u64, 0, 1, 100, 0xffffffff, 0xffffffff, 1)
    REG(11, vqrshl.s64, 0x00000001, 0x80000000, -1, 0, 0xc0000000, 0)
    REG(12, vqshl.s64, 0, 0, 127, 0, 0, 0)
    IMM(13, vqshl.s64, 0x0fffffff, 0xffffffff, #4, 0x7fffffff, 0xffffffff, 1)
    IMM(14, vqshl.s64, 0x0fffffff, 0xffffffff, #3, 0x7fffffff, 0xfffffff8, 0)
    IMM(15, vqshl.u64, 0x12345678, 0x9abcdef0, #8, 0xffffffff, 0xffffffff, 1)
    IMM(16, vqshlu.s64, 0xffffffff, 0xffffffff, #1, 0, 0, 1)
    IMM(17, vqshlu.s64, 0x40000000, 0, 1, 0x80000000, 0, 0)
    IMM(18, vqshl.s64, 0x00000000, 0x12345678, #0, 0, 0x12345678, 0)
    /* Q form: two lanes */
    SETUP(0x40000000, 0, 1)
    vmov d4, d2                     /* q1 = d2:d3 = value:0, q2 = d4:d5 = count:0 */
    vmov d2, d1
    vmov.i64 d3, #0
    vmov.i64 d5, #0
    vqshl.s64 q0, q1, q2
    RESULT(19, 0x7fffffff, 0xffffffff, 1)
    vmov r0, r1, d1                 /* lane 1: 0 << count 0 */
    CHECK_IMM(20, r0, 0)
    CHECK_IMM(20, r1, 0)
    /* a skipped conditional vqshl (Thumb IT block) sets no QC */
    adr r0, thumb + 1
    bx r0
    .thumb
    .thumb_func
thumb:
    SETUP(0x40000000, 0, 1)
    cmp r0, r0
    it ne
    vqshlne.s64 d0, d1, d2
    vmrs r0, fpscr
    lsr r0, r0, #27
    and r0, r0, #1
    CHECK_IMM(21, r0, 0)
    PASS
    .ltorg
