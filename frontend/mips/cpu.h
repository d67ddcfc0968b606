/*
 * cpu.h - the MIPS32 guest register file, as IR GET/PUT offsets see it.
 *
 * Floating point registers follow o32 with Status.FR = 0: 32 single
 * registers, and a double occupies the even/odd pair with its low word in
 * the even register.  fpr[] is kept in host (little-endian) word order, so
 * the pair f(2n), f(2n+1) read as one host double at &fpr[2n] is the double
 * value; frontends and backends rely on an LE host here (both x86_64 and
 * aarch64 are).
 */
#ifndef XBT_MIPS_CPU_H
#define XBT_MIPS_CPU_H

#include <stddef.h>
#include <stdint.h>
#include "../../ir/backend.h"

typedef struct MIPSCPU {
    IRCpuHeader h;
    uint32_t gpr[32];        /* gpr[0] reads as zero; writes are dropped by the frontend */
    uint32_t hi, lo;
    uint32_t fpr[32] __attribute__((aligned(8)));
    uint32_t fcsr;           /* FCSR (fcr31): cc, cause, enables, flags, rm */
    uint32_t fir;            /* FIR (fcr0) */
    uint32_t ulr;            /* UserLocal, read by rdhwr $29 (TLS) */
    uint32_t llbit;          /* ll/sc: reservation valid */
    uint32_t lladdr;         /* reservation address */
    uint32_t llval;          /* value loaded by ll */
    /* Added by the MIPS frontend: the last FP computational instruction and
     * its operands, from which cfc1 derives FCSR.Cause (fpu.c); 0 = none
     * since the last ctc1. */
    uint32_t fp_last_insn;
    uint32_t fp_pad;
    uint64_t fp_last_op[3];
} MIPSCPU;

#define MIPS_OFF_GPR(n)  ((uint32_t)(offsetof(MIPSCPU, gpr) + 4 * (n)))
#define MIPS_OFF_FPR(n)  ((uint32_t)(offsetof(MIPSCPU, fpr) + 4 * (n)))
#define MIPS_OFF(field)  ((uint32_t)offsetof(MIPSCPU, field))

/* FCSR fields (MIPS32 Vol. I-A, FCSR register) */
#define MIPS_FCSR_RM       0x00000003u
#define MIPS_FCSR_FLAGS    0x0000007cu   /* I U O Z V, bits 2..6 */
#define MIPS_FCSR_ENABLES  0x00000f80u
#define MIPS_FCSR_CAUSE    0x0003f000u
#define MIPS_FCSR_CC0      0x00800000u   /* bit 23 */
#define MIPS_FCSR_FS       0x01000000u
#define MIPS_FCSR_CC1_7    0xfe000000u   /* bits 25..31 */

/* ---- additions by the MIPS frontend ---------------------------------- */

/* FIR of an R2 core with a 64-bit-capable FPU (24Kf-like): F64, L, W, D, S,
 * ProcessorID 0x93, legacy NaNs (Has2008 = 0). */
#define MIPS_FIR_DEFAULT   0x00739300u

/* The full FCSR: the rounding mode and the sticky flags live in the host
 * FP environment of the thread running the guest (frontend/mips/fpu.c).
 * The signal-frame code must save and restore FCSR through these. */
uint32_t mips_fcsr_read(const MIPSCPU *c);
void mips_fcsr_write(MIPSCPU *c, uint32_t fcsr);

#endif
