/* vfp_half.S - vcvtb/vcvtt (VFPv4 half precision): single -> half with
 * rounding by FPSCR.RMode and the Overflow/Underflow/Inexact/Invalid flags,
 * half -> single (exact; a signalling NaN raises Invalid), the top/bottom
 * halves (the other half of Sd kept), FPSCR.AHP (the alternative format),
 * and a skipped conditional conversion.
 */
#include "test.h"

/* s2 = src, s1 = 0xaaaa5555, op s1, s2; r0 = s1, r1 = FPSCR cumulative flags */
#define CONV(insn, src, mode)      \
    ldr r0, =mode;                  \
    vmsr fpscr, r0;                 \
    ldr r0, =src;                   \
    vmov s2, r0;                    \
    ldr r0, =0xaaaa5555;            \
    vmov s1, r0;                    \
    insn s1, s2;                    \
    vmov r0, s1;                    \
    vmrs r1, fpscr;                 \
    and r1, r1, #0x9f

#define T(n, insn, src, mode, want, flags) \
    CONV(insn, src, mode);          \
    CHECK_IMM(n, r0, want);         \
    CHECK_IMM(n, r1, flags)

#define RZ 0x00c00000               /* round toward zero */
#define AHP 0x04000000

TEST_START
    .fpu vfpv4
    .arm
_start:
    T(1, vcvtb.f16.f32, 0x3f800000, 0, 0xaaaa3c00, 0)      /* 1.0 */
    T(2, vcvtt.f16.f32, 0x3f800000, 0, 0x3c005555, 0)
    T(3, vcvtb.f16.f32, 0x477fe000, 0, 0xaaaa7bff, 0)      /* 65504: max */
    T(4, vcvtb.f16.f32, 0x477ff000, 0, 0xaaaa7c00, 0x14)   /* 65520: ties up to inf, OFC IXC */
    T(5, vcvtb.f16.f32, 0x477ff000, RZ, 0xaaaa7bff, 0x10)  /* toward zero: 65504, inexact */
    T(6, vcvtb.f16.f32, 0x3eaaaaab, 0, 0xaaaa3555, 0x10)   /* 1/3, inexact */
    T(7, vcvtb.f16.f32, 0xbeaaaaab, RZ, 0xaaaab555, 0x10)
    T(8, vcvtb.f16.f32, 0x33000000, 0, 0xaaaa0000, 0x18)   /* 2^-25: tie to 0, UFC IXC */
    T(9, vcvtb.f16.f32, 0x35800000, 0, 0xaaaa0010, 0)      /* 2^-20: exact subnormal */
    T(10, vcvtb.f16.f32, 0x387fe000, 0, 0xaaaa0400, 0x18)  /* rounds up to the smallest normal */
    T(11, vcvtb.f16.f32, 0xff800000, 0, 0xaaaafc00, 0)     /* -inf */
    T(12, vcvtb.f16.f32, 0x7f800001, 0, 0xaaaa7e00, 0x01)  /* sNaN: quiet, IOC */
    T(13, vcvtb.f32.f16, 0x00003555, 0, 0x3eaaa000, 0)
    T(14, vcvtt.f32.f16, 0x00010000, 0, 0x33800000, 0)     /* smallest subnormal */
    T(15, vcvtb.f32.f16, 0x0000fc00, 0, 0xff800000, 0)
    T(16, vcvtb.f32.f16, 0x00007c01, 0, 0x7fc02000, 0x01)  /* sNaN */
    T(17, vcvtb.f32.f16, 0x00007c00, AHP, 0x47800000, 0)   /* AHP: 65536 */
    T(18, vcvtb.f16.f32, 0x501502f9, AHP, 0xaaaa7fff, 0x01) /* AHP: 1e10 saturates, IOC */
    /* a conditional conversion that does not run changes nothing */
    mov r0, #0
    vmsr fpscr, r0
    ldr r0, =0x7f800001
    vmov s2, r0
    ldr r0, =0x12345678
    vmov s1, r0
    cmp r0, #0
    vcvtbeq.f16.f32 s1, s2
    vmov r0, s1
    CHECK_IMM(19, r0, 0x12345678)
    vmrs r1, fpscr
    and r1, r1, #0x9f
    CHECK_IMM(20, r1, 0)
    PASS
    .ltorg
