/*
 * cpu.h - the ARM32 (ARMv7-A, A32 + Thumb-2, VFPv4-D32) guest register file,
 * as IR GET/PUT offsets see it.
 *
 * PC and the Thumb state.  IRCpuHeader.pc holds the guest pc with bit 0 set
 * when the code there runs in Thumb state - the interworking address
 * convention (BX to an odd address enters Thumb).  Blocks are keyed by that
 * value, so one address translated in both states gives two blocks.  The
 * signal-frame code must map bit 0 to CPSR.T and back.  r[15] is not used
 * by generated code (a read of the pc is a constant); dumps fill it.
 *
 * Flags are kept apart and lazily, so that IR passes delete the
 * computations a later flag-setting instruction overwrites in the block:
 *   N = nf bit 31, Z = (zf == 0), Q = (qf != 0), GE[3:0] = ge bits 3..0;
 *   C and V by cvop: bits 1..0 say where V comes from - ARM_CV_EXPL: vf
 *   bit 31; ARM_CV_SUB / ARM_CV_ADD: the overflow of cvx - cvy / cvx + cvy
 *   (an add/subtract without carry in records its operands instead of
 *   computing C and V); C comes from the same operation, except that with
 *   ARM_CV_COVR set or ARM_CV_EXPL it is cf (0 or 1).  A write of C alone
 *   (shifter carry) sets cf and ARM_CV_COVR, so V stays lazy.
 * arm_cpsr_read/arm_cpsr_write give the architectural CPSR (user bits).
 *
 * VFP/NEON: d[32] with S(2n) the low and S(2n+1) the high word of D(n) and
 * Q(n) = D(2n):D(2n+1), in host (little-endian) order.  FPSCR's rounding
 * mode and cumulative exception flags live in the host FP environment
 * (vfp.c); fpscr keeps the other bits (NZCV, DN, FZ, Len/Stride, enables)
 * and cumulative flags raised outside the host environment (IDC, and UFC
 * of NEON's flush to zero): a flag reads as set if either place has it.
 */
#ifndef XBT_ARM_CPU_H
#define XBT_ARM_CPU_H

#include <stddef.h>
#include <stdint.h>
#include "../../ir/backend.h"

typedef struct ARMCPU {
    IRCpuHeader h;
    uint32_t r[16];
    uint32_t nf, zf, cf, vf;   /* lazy N Z C V, see above */
    uint32_t qf;               /* sticky saturation flag Q */
    uint32_t ge;               /* GE[3:0] */
    uint32_t cvop;             /* lazy C, V: ARM_CV_* (see above) */
    uint32_t cvx, cvy;         /* their operands */
    uint32_t condexec;         /* IT state (CPSR.IT) at a block boundary: always 0 now */
    uint32_t tpidruro;         /* TLS register, mrc p15, 0, rt, c13, c0, 3 */
    uint32_t tpidrurw;         /* user read/write thread id, c13, c0, 2 */
    uint32_t excl_valid;       /* ldrex/strex: monitor open */
    uint32_t excl_addr;        /* monitored address */
    uint32_t excl_pad;
    uint64_t excl_val;         /* value ldrex read (both words for ldrexd) */
    uint32_t fpscr;            /* FPSCR except RMode and the cumulative flags */
    uint32_t fpexc;
    uint64_t d[32] __attribute__((aligned(16)));
} ARMCPU;

#define ARM_OFF(field)  ((uint32_t)offsetof(ARMCPU, field))
#define ARM_OFF_R(n)    ((uint32_t)(offsetof(ARMCPU, r) + 4 * (n)))
#define ARM_OFF_D(n)    ((uint32_t)(offsetof(ARMCPU, d) + 8 * (n)))
#define ARM_OFF_S(n)    ((uint32_t)(offsetof(ARMCPU, d) + 4 * (n)))

/* cvop */
#define ARM_CV_EXPL  0u
#define ARM_CV_SUB   1u
#define ARM_CV_ADD   2u
#define ARM_CV_COVR  4u

/* FPSCR fields (ARM ARM B6.1.46 / A2.7.3) */
#define ARM_FPSCR_NZCV   0xf0000000u
#define ARM_FPSCR_QC     0x08000000u
#define ARM_FPSCR_DN     0x02000000u
#define ARM_FPSCR_FZ     0x01000000u
#define ARM_FPSCR_RMODE  0x00c00000u
#define ARM_FPSCR_CUMUL  0x0000009fu   /* IDC, IXC, UFC, OFC, DZC, IOC */
#define ARM_FPSCR_HOST   0x0000001fu   /* the flags the host FP environment keeps */
#define ARM_FPSCR_IDC    0x00000080u
#define ARM_FPSCR_UFC    0x00000008u

/* Kernel-provided pages (arch/arm/kernel/entry-armv.S, kuser helpers). */
#define ARM_KUSER_PAGE   0xffff0000u
#define ARM_SINK_PAGE    0xffff1000u   /* xbt-private: target of predicated-off memory ops */

/* The user-visible CPSR (N Z C V Q GE, T from pc bit 0). */
uint32_t arm_cpsr_read(const ARMCPU *c);
void arm_cpsr_write(ARMCPU *c, uint32_t cpsr);   /* flags only; pc/T unchanged */
/* FPSCR with the host's rounding mode and flags; writing sets them. */
uint32_t arm_fpscr_read(const ARMCPU *c);
void arm_fpscr_write(ARMCPU *c, uint32_t v);

#endif
