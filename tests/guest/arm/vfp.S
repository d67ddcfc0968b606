/* vfp.S - VFPv4: arithmetic in each FPSCR rounding mode, cumulative
 * exception flags, vcmp/vcmpe with vmrs APSR_nzcv, conversions (integer,
 * fixed point, precision), vmov forms, vldm/vstm/vpush/vpop, fused
 * multiply-add, default NaN.  Results go to `results` and are compared with
 * `expected` (made under qemu-arm with -DGEN, checked against the ARM ARM);
 * the exit status is the index + 1 of the first mismatch.
 */
#include "test.h"

#define R(reg) str reg, [r11], #4
#define RS(sreg) vmov r10, sreg; R(r10)
#define RD(dreg) vmov r9, r10, dreg; R(r9); R(r10)
#define FPSCR vmrs r10, fpscr; R(r10)
#define SETFPSCR(v) ldr r10, =v; vmsr fpscr, r10

TEST_START
    .fpu vfpv4
    .arm
_start:
    ldr r11, =results
    ldr r0, =consts
    vldm r0, {d0-d7}                /* d0..d7 from the table */
    SETFPSCR(0)
    /* rounding modes: 1/3 in each, single and double */
    .irp mode, 0x000000, 0x400000, 0x800000, 0xc00000
    SETFPSCR(\mode)
    vdiv.f64 d8, d0, d1
    RD(d8)
    vdiv.f32 s18, s0, s2
    RS(s18)
    vcvtr.s32.f64 s19, d2
    RS(s19)
    FPSCR
    .endr
    SETFPSCR(0)
    /* flags */
    vdiv.f64 d8, d0, d3             /* 1/0: DZC */
    FPSCR
    SETFPSCR(0)
    vsub.f64 d8, d3, d3
    vdiv.f64 d8, d3, d3             /* 0/0: IOC, default NaN */
    RD(d8)
    FPSCR
    SETFPSCR(0)
    vmul.f64 d8, d4, d4             /* overflow */
    RD(d8)
    FPSCR
    SETFPSCR(0)
    /* compares */
    .irp a, d0, d1, d3, d5
    .irp b, d0, d1, d5
    vcmp.f64 \a, \b
    vmrs APSR_nzcv, fpscr
    mrs r10, apsr
    lsr r10, r10, #28
    R(r10)
    .endr
    .endr
    vcmpe.f32 s0, #0
    vmrs APSR_nzcv, fpscr
    mrs r10, apsr
    lsr r10, r10, #28
    R(r10)
    FPSCR
    SETFPSCR(0)
    /* conversions */
    vcvt.s32.f64 s16, d2;  RS(s16)
    vcvt.u32.f64 s16, d2;  RS(s16)
    vneg.f64 d9, d2
    vcvt.s32.f64 s16, d9;  RS(s16)
    vcvt.u32.f64 s16, d9;  RS(s16)
    vcvt.s32.f64 s16, d4;  RS(s16)
    vcvt.f32.f64 s16, d2;  RS(s16)
    vcvt.f64.f32 d9, s16;  RD(d9)
    mov r0, #-7
    vmov s16, r0
    vcvt.f64.s32 d9, s16;  RD(d9)
    vcvt.f32.u32 s17, s16; RS(s17)
    vmov.f64 d9, d2
    vcvt.s32.f64 d9, d9, #8;   RD(d9)
    vcvt.f64.s32 d9, d9, #4;   RD(d9)
    vmov.f32 s16, s4
    vcvt.u16.f32 s16, s16, #3; RS(s16)
    vcvt.f32.u16 s16, s16, #6; RS(s16)
    FPSCR
    SETFPSCR(0)
    /* vmov immediates and scalars */
    vmov.f64 d10, #-0.125;  RD(d10)
    vmov.f32 s20, #31.0;    RS(s20)
    vmov.32 d10[1], r0;     RD(d10)
    vmov.32 r1, d10[0];     R(r1)
    vmov r1, r2, s20, s21;  R(r1); R(r2)
    /* arithmetic */
    vadd.f64 d11, d0, d2;   RD(d11)
    vsub.f32 s22, s0, s4;   RS(s22)
    vmul.f64 d11, d2, d2;   RD(d11)
    vnmul.f32 s22, s4, s4;  RS(s22)
    vmov.f64 d12, d0
    vmla.f64 d12, d2, d2;   RD(d12)
    vmls.f64 d12, d2, d2;   RD(d12)
    vnmla.f64 d12, d2, d2;  RD(d12)
    vnmls.f64 d12, d2, d2;  RD(d12)
    vfma.f64 d12, d2, d2;   RD(d12)
    vfms.f64 d12, d2, d2;   RD(d12)
    vfnma.f64 d12, d2, d2;  RD(d12)
    vfnms.f64 d12, d2, d2;  RD(d12)
    vsqrt.f64 d13, d2;      RD(d13)
    vsqrt.f64 d13, d9;      RD(d13)
    vabs.f64 d13, d9;       RD(d13)
    vneg.f32 s26, s4;       RS(s26)
    FPSCR
    /* high registers, vpush/vpop */
    vmov.f64 d31, d2
    vmov.f64 d16, d0
    vpush {d16-d31}
    vmov.f64 d31, d0
    vpop {d16-d31}
    RD(d31)
    vpush {s3-s5}
    vpop {s10-s12}
    RS(s11)
    mov r0, sp
    vstmdb r0!, {d0-d1}
    sub r1, sp, r0;  R(r1)
    vldmia r0!, {s20-s23}
    RS(s23)

    ldr r0, =results
    sub r1, r11, r0
#ifdef GEN
    mov r2, r1
    mov r1, r0
    mov r0, #1
    mov r7, #__NR_write
    svc #0
    PASS
#else
    ldr r2, =expected
    ldr r3, =expected_end
    sub r3, r3, r2
    cmp r1, r3
    beq 1f
    EXIT(127)
1:  mov r4, #1
2:  cmp r1, #0
    beq 3f
    ldr r5, [r0], #4
    ldr r6, [r2], #4
    cmp r5, r6
    movne r0, r4
    movne r7, #(__NR_exit_group & 0xff)
    addne r7, r7, #(__NR_exit_group & 0xff00)
    svcne #0
    add r4, r4, #1
    sub r1, r1, #4
    b 2b
3:  PASS
#endif
    .ltorg

    .data
    .balign 8
consts:
    .double 1.0, 3.0, 2.5, 0.0, 1e300, -7.75, 0.1, 123.456
results: .space 2048
expected:
#include "vfp.expected"
expected_end:
