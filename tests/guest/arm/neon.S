/* neon.S - Advanced SIMD: integer and f32 lane arithmetic, compares,
 * bitwise selects, immediates, shifts (also saturating and rounding),
 * widening/narrowing, doubling and polynomial multiplies, by-scalar forms,
 * permutes,
 * table lookups, dup/scalar moves and structure loads/stores, in ARM and
 * Thumb encodings.  Results go to `results` and are compared with
 * `expected` (made under qemu-arm with -DGEN); the exit status is the
 * index + 1 of the first mismatching word.
 */
#include "test.h"

#define RQ(q) vst1.8 {q}, [r11]!
#define RD(d) vst1.8 {d}, [r11]!

TEST_START
    .fpu neon-vfpv4
    .arm
_start:
    ldr r11, =results
    ldr r0, =vecs
    vld1.8 {d0-d3}, [r0]!           /* q0, q1 */
    vld1.8 {d4-d7}, [r0]            /* q2, q3 */
    vadd.i8 q8, q0, q1;     RQ(q8)
    vsub.i16 q8, q0, q1;    RQ(q8)
    vadd.i64 q8, q0, q1;    RQ(q8)
    vqadd.u8 q8, q0, q1;    RQ(q8)
    vqsub.s16 q8, q0, q1;   RQ(q8)
    vhadd.s8 q8, q0, q1;    RQ(q8)
    vrhadd.u16 q8, q0, q1;  RQ(q8)
    vmax.s32 q8, q0, q1;    RQ(q8)
    vmin.u8 q8, q0, q1;     RQ(q8)
    vabd.s8 q8, q0, q1;     RQ(q8)
    vceq.i16 q8, q0, q0;    RQ(q8)
    vcgt.s8 q8, q0, q1;     RQ(q8)
    vcge.u32 q8, q0, q1;    RQ(q8)
    vtst.8 q8, q0, q1;      RQ(q8)
    vmul.i16 q8, q0, q1;    RQ(q8)
    vmov q8, q2
    vmla.i32 q8, q0, q1;    RQ(q8)
    vbsl q8, q0, q1;        RQ(q8)
    vbif q8, q2, q1;        RQ(q8)
    veor q8, q0, q3;        RQ(q8)
    vorn q8, q0, q3;        RQ(q8)
    vpadd.i16 d16, d0, d1;  RD(d16)
    vpmax.s8 d16, d2, d3;   RD(d16)
    vshl.s8 q8, q0, q3;     RQ(q8)
    vmov.i16 q8, #0xab00;   RQ(q8)
    vmvn.i32 q8, #0x5c;     RQ(q8)
    vorr.i32 q8, #0x3f0000; RQ(q8)
    vmov.f32 q8, #-1.5;     RQ(q8)
    vmov.i64 d16, #0xff00ff0000ff00ff; RD(d16)
    vshr.s16 q8, q0, #5;    RQ(q8)
    vshr.u32 q8, q1, #31;   RQ(q8)
    vmov q8, q2
    vsra.u8 q8, q0, #2;     RQ(q8)
    vshl.i64 q8, q0, #13;   RQ(q8)
    vmov q8, q2
    vsri.16 q8, q0, #4;     RQ(q8)
    vsli.32 q8, q1, #7;     RQ(q8)
    vshrn.i32 d16, q0, #9;  RD(d16)
    vmovl.s16 q8, d2;       RQ(q8)
    vshll.u8 q8, d3, #3;    RQ(q8)
    vaddl.u8 q8, d0, d2;    RQ(q8)
    vsubw.s16 q8, q1, d1;   RQ(q8)
    vmull.s16 q8, d0, d3;   RQ(q8)
    vmov q8, q2
    vmlal.u8 q8, d1, d2;    RQ(q8)
    vabdl.u16 q8, d0, d2;   RQ(q8)
    vrev64.16 q8, q0;       RQ(q8)
    vrev32.8 q8, q1;        RQ(q8)
    vcnt.8 q8, q0;          RQ(q8)
    vclz.i16 q8, q1;        RQ(q8)
    vmvn q8, q0;            RQ(q8)
    vpaddl.s8 q8, q0;       RQ(q8)
    vabs.s32 q8, q1;        RQ(q8)
    vneg.s8 q8, q1;         RQ(q8)
    vcgt.s16 q8, q1, #0;    RQ(q8)
    vclt.s8 q8, q0, #0;     RQ(q8)
    vmovn.i64 d16, q1;      RD(d16)
    vmov q8, q0
    vmov q9, q1
    vzip.16 q8, q9;         RQ(q8); RQ(q9)
    vmov q8, q0
    vmov q9, q1
    vuzp.8 q8, q9;          RQ(q8); RQ(q9)
    vmov q8, q0
    vmov q9, q1
    vtrn.32 q8, q9;         RQ(q8); RQ(q9)
    vmov q8, q0
    vmov q9, q1
    vswp d16, d19;          RQ(q8); RQ(q9)
    vext.8 q8, q0, q1, #11; RQ(q8)
    vext.8 d16, d2, d3, #3; RD(d16)
    vmov.i8 d20, #0x0f
    vand d20, d20, d3
    vtbl.8 d16, {d0, d1}, d20; RD(d16)
    vmov d16, d5
    vtbx.8 d16, {d0}, d3;   RD(d16)
    vdup.16 q8, d1[2];      RQ(q8)
    ldr r1, =0xdeadbeef
    vdup.8 q8, r1;          RQ(q8)
    vdup.32 d16, r1;        RD(d16)
    vmov.8 d16[5], r1;      RD(d16)
    vmov.s16 r2, d0[3];     str r2, [r11], #4
    vmov.u8 r2, d1[7];      str r2, [r11], #4
    /* saturating, rounding, narrowing, doubling, polynomial */
    vqshl.s8 q8, q0, q3;    RQ(q8)
    vqshl.u16 q8, q1, q3;   RQ(q8)
    vrshl.s32 q8, q0, q3;   RQ(q8)
    vqrshl.u8 q8, q1, q3;   RQ(q8)
    vqdmulh.s16 q8, q0, q1; RQ(q8)
    vqrdmulh.s32 q8, q0, q1; RQ(q8)
    vmul.p8 q8, q0, q1;     RQ(q8)
    vqshl.s16 q8, q0, #5;   RQ(q8)
    vqshlu.s8 q8, q1, #3;   RQ(q8)
    vqshl.u32 q8, q1, #9;   RQ(q8)
    vrshrn.i16 d16, q0, #3; RD(d16)
    vqshrn.s32 d16, q1, #7; RD(d16)
    vqrshrn.u16 d16, q0, #2; RD(d16)
    vqshrun.s16 d16, q1, #1; RD(d16)
    vqrshrun.s32 d16, q0, #12; RD(d16)
    vaddhn.i16 d16, q0, q1; RD(d16)
    vraddhn.i32 d16, q0, q1; RD(d16)
    vsubhn.i64 d16, q0, q1; RD(d16)
    vrsubhn.i16 d16, q0, q1; RD(d16)
    vqdmull.s16 q8, d0, d3; RQ(q8)
    vmov q8, q2
    vqdmlal.s32 q8, d1, d2; RQ(q8)
    vmov q8, q2
    vqdmlsl.s16 q8, d0, d2; RQ(q8)
    vmull.p8 q8, d0, d3;    RQ(q8)
    vqdmulh.s16 q8, q1, d0[3]; RQ(q8)
    vqrdmulh.s32 d16, d2, d1[1]; RD(d16)
    vqdmull.s32 q8, d3, d0[0]; RQ(q8)
    vmov q8, q2
    vqdmlal.s16 q8, d2, d1[2]; RQ(q8)
    vmov q8, q2
    vmla.i16 q8, q1, d0[1]; RQ(q8)
    vmull.u16 q8, d2, d1[3]; RQ(q8)
    vmov q8, q2
    vmlsl.s32 q8, d3, d0[1]; RQ(q8)
    vcls.s8 q8, q0;         RQ(q8)
    vcls.s32 q8, q1;        RQ(q8)
    vmov q8, q2
    vpadal.u8 q8, q0;       RQ(q8)
    vmov q8, q2
    vpadal.s16 q8, q1;      RQ(q8)
    vqabs.s8 q8, q0;        RQ(q8)
    vqneg.s16 q8, q1;       RQ(q8)
    vshll.i8 q8, d1, #8;    RQ(q8)
    vqmovn.s32 d16, q1;     RD(d16)
    vqmovn.u16 d16, q0;     RD(d16)
    vqmovun.s16 d16, q1;    RD(d16)
    vmrs r1, fpscr
    str r1, [r11], #4
    /* floating point lanes */
    ldr r0, =fvecs
    vld1.32 {d4-d7}, [r0]
    vadd.f32 q8, q2, q3;    RQ(q8)
    vsub.f32 q8, q2, q3;    RQ(q8)
    vmul.f32 q8, q2, q3;    RQ(q8)
    vmul.f32 q8, q2, d7[1]; RQ(q8)
    vmov q8, q3
    vmls.f32 q8, q2, d6[0]; RQ(q8)
    vmov q8, q3
    vmla.f32 q8, q2, q3;    RQ(q8)
    vmov q8, q3
    vfma.f32 q8, q2, q3;    RQ(q8)
    vmax.f32 q8, q2, q3;    RQ(q8)
    vabd.f32 q8, q2, q3;    RQ(q8)
    vcge.f32 q8, q2, q3;    RQ(q8)
    vceq.f32 q8, q2, q2;    RQ(q8)
    vpadd.f32 d16, d4, d5;  RD(d16)
    vcvt.s32.f32 q8, q2;    RQ(q8)
    vcvt.u32.f32 q8, q3;    RQ(q8)
    vcvt.f32.s32 q8, q0;    RQ(q8)
    vcvt.s32.f32 q8, q2, #8;  RQ(q8)
    vcvt.u32.f32 q8, q3, #3;  RQ(q8)
    vcvt.f32.u32 q8, q0, #16; RQ(q8)
    vcvt.f32.s32 q8, q1, #31; RQ(q8)
    vneg.f32 q8, q2;        RQ(q8)
    vrecpe.f32 q8, q2;      RQ(q8)
    vrecpe.f32 q8, q3;      RQ(q8)
    vrsqrte.f32 q8, q3;     RQ(q8)
    vrsqrte.f32 q8, q2;     RQ(q8)
    vrecpe.u32 q8, q0;      RQ(q8)
    vrsqrte.u32 q8, q1;     RQ(q8)
    vrecps.f32 q8, q2, q3;  RQ(q8)
    vrsqrts.f32 q8, q3, q2; RQ(q8)
    vacge.f32 q8, q2, q3;   RQ(q8)
    vacgt.f32 q8, q3, q2;   RQ(q8)
    vmrs r1, fpscr
    str r1, [r11], #4
    vabs.f32 q8, q2;        RQ(q8)
    /* structure loads and stores */
    ldr r0, =vecs
    vld2.8 {d16, d17}, [r0];        RD(d16); RD(d17)
    vld3.16 {d16, d17, d18}, [r0];  RD(d16); RD(d17); RD(d18)
    vld4.8 {d16, d18, d20, d22}, [r0]; RD(d16); RD(d22)
    vld2.32 {d16-d19}, [r0];        RQ(q8); RQ(q9)
    mov r1, r0
    vld1.16 {d16[2]}, [r1]!;        RD(d16)
    sub r1, r1, r0;  str r1, [r11], #4
    vld1.32 {d16[], d17[]}, [r0];   RQ(q8)
    mov r2, #4
    vst1.8 {d0[3]}, [r11], r2
    vst2.16 {d0, d1}, [r11]!
    vst3.8 {d0, d1, d2}, [r11]!
    vmov q8, q2
    vmov q9, q3
    vld2.16 {d16[1], d17[1]}, [r0];          RQ(q8)
    vld3.8 {d16[], d17[], d18[]}, [r0];      RD(d16); RD(d17); RD(d18)
    vld4.32 {d16[1], d18[1], d20[1], d22[1]}, [r0]; RD(d16); RD(d18); RD(d20); RD(d22)
    vld2.32 {d16[], d18[]}, [r0];            RD(d16); RD(d18)
    vst2.8 {d0[3], d1[3]}, [r11]
    add r11, r11, #4
    vst4.16 {d0[2], d1[2], d2[2], d3[2]}, [r11]!
    /* the same in Thumb */
    adr r0, thumb_part + 1
    bx r0
    .thumb
    .thumb_func
thumb_part:
    vadd.i32 q8, q0, q1;    RQ(q8)
    vbic q8, q1, q0;        RQ(q8)
    vqsub.u8 d16, d1, d2;   RD(d16)
    vshr.u64 q8, q1, #40;   RQ(q8)
    vcvt.f32.u32 q8, q1;    RQ(q8)
    vld1.8 {d16-d18}, [r0]; RD(d18)

    ldr r0, =results
    sub r1, r11, r0
#ifdef GEN
    mov r2, r1
    mov r1, r0
    movs r0, #1
    movs r7, #__NR_write
    svc #0
    PASS
#else
    ldr r2, =expected
    ldr r3, =expected_end
    subs r3, r3, r2
    cmp r1, r3
    beq 1f
    EXIT(127)
1:  movs r4, #1
2:  cmp r1, #0
    beq 3f
    ldr r5, [r0], #4
    ldr r6, [r2], #4
    cmp r5, r6
    beq 4f
    mov r0, r4
    movs r7, #(__NR_exit_group & 0xff)
    adds r7, #(__NR_exit_group & 0xff00)
    svc #0
4:  adds r4, #1
    subs r1, #4
    b 2b
3:  PASS
#endif
    .ltorg

    .data
    .balign 16
vecs:
    .byte 0x00, 0x7f, 0x80, 0xff, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x81, 0x40, 0xc0
    .byte 0xff, 0x01, 0x7f, 0x80, 0x21, 0x43, 0x65, 0x87, 0xa9, 0xcb, 0xed, 0x0f, 0x10, 0x18, 0xfe, 0x02
    .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00
    .byte 0x01, 0xfe, 0x07, 0xf9, 0x20, 0xe0, 0x03, 0x80, 0x0c, 0x1f, 0x02, 0xfd, 0x09, 0x41, 0x00, 0x05
fvecs:
    .float 1.5, -2.25, 3.0e9, -0.0
    .float 0.1, 7.75, 5.0e9, 1.0
    .balign 16
results: .space 4096
expected:
#include "neon.expected"
expected_end:
