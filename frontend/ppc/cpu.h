/*
 * cpu.h - the PowerPC32 guest register file, as IR GET/PUT offsets see it.
 *
 * The condition register is kept one bit per 32-bit word (cr[4n + k] is
 * field n's LT, GT, EQ, SO for k = 0..3, as the manual numbers CR bits), so
 * a compare is three independent PUTs that the state pass and DCE can drop
 * one by one, and a branch reads the single bit it tests.  mfcr/mtcrf
 * assemble and split the word.  XER is split the same way: SO, OV and CA
 * are 0/1 words, the remaining bits (the string byte count in 25..31) sit
 * in xer_rest as written by mtxer.
 *
 * FPRs are 64-bit doubles in host byte order, read and written as IR f64.
 * FPSCR: the rounding mode and the sticky exception flags OX UX ZX XX (and
 * the VX summary) live in the host FP environment of the thread running the
 * guest (frontend/ppc/fpu.c); everything else is in fpscr.  Code that saves
 * or restores the guest FPSCR (signal frames) goes through ppc_fpscr_read
 * and ppc_fpscr_write.
 */
#ifndef XBT_PPC_CPU_H
#define XBT_PPC_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../../ir/backend.h"

typedef struct PPCCPU {
    IRCpuHeader h;
    uint32_t gpr[32];
    uint32_t lr, ctr;
    uint32_t cr[32];          /* one CR bit per word, 0 or 1 */
    uint32_t xer_so, xer_ov, xer_ca;
    uint32_t xer_rest;        /* XER without SO/OV/CA */
    uint32_t resv_valid;      /* lwarx/stwcx.: reservation held */
    uint32_t resv_addr;       /* reserved address */
    uint32_t resv_val;        /* value loaded by lwarx */
    uint32_t fpscr;           /* FPSCR bits not kept in the host environment */
    uint32_t fpscr_seen;      /* host flags already accounted for in FX */
    uint32_t fp_last_insn;    /* last FPSCR-setting FP instruction, 0 = none */
    uint64_t fp_last_op[3];   /* its operands (f64 bits; i32 in the low word for ints) */
    uint32_t fpexc_mode;      /* prctl(PR_SET_FPEXC): 0 disabled .. 3 precise = MSR[FE0,FE1] */
    uint64_t fpr[32] __attribute__((aligned(8)));
} PPCCPU;

#define PPC_OFF(field)   ((uint32_t)offsetof(PPCCPU, field))
#define PPC_OFF_GPR(n)   ((uint32_t)(offsetof(PPCCPU, gpr) + 4 * (n)))
#define PPC_OFF_CR(n)    ((uint32_t)(offsetof(PPCCPU, cr) + 4 * (n)))
#define PPC_OFF_FPR(n)   ((uint32_t)(offsetof(PPCCPU, fpr) + 8 * (n)))

/* CR bit k of a field */
enum { PPC_CR_LT = 0, PPC_CR_GT = 1, PPC_CR_EQ = 2, PPC_CR_SO = 3 };

/* XER bits (32-bit numbering, bit 31 = the manual's bit 0) */
#define PPC_XER_SO   0x80000000u
#define PPC_XER_OV   0x40000000u
#define PPC_XER_CA   0x20000000u

/* FPSCR bits (bit 31 = the manual's bit 0), Book I 4.2.2 */
#define PPC_FPSCR_FX      0x80000000u
#define PPC_FPSCR_FEX     0x40000000u
#define PPC_FPSCR_VX      0x20000000u
#define PPC_FPSCR_OX      0x10000000u
#define PPC_FPSCR_UX      0x08000000u
#define PPC_FPSCR_ZX      0x04000000u
#define PPC_FPSCR_XX      0x02000000u
#define PPC_FPSCR_VXSNAN  0x01000000u
#define PPC_FPSCR_VXISI   0x00800000u
#define PPC_FPSCR_VXIDI   0x00400000u
#define PPC_FPSCR_VXZDZ   0x00200000u
#define PPC_FPSCR_VXIMZ   0x00100000u
#define PPC_FPSCR_VXVC    0x00080000u
#define PPC_FPSCR_FR      0x00040000u
#define PPC_FPSCR_FI      0x00020000u
#define PPC_FPSCR_FPRF    0x0001f000u   /* C FL FG FE FU */
#define PPC_FPSCR_FPCC    0x0000f000u
#define PPC_FPSCR_VXSOFT  0x00000400u
#define PPC_FPSCR_VXSQRT  0x00000200u
#define PPC_FPSCR_VXCVI   0x00000100u
#define PPC_FPSCR_VE      0x00000080u
#define PPC_FPSCR_OE      0x00000040u
#define PPC_FPSCR_UE      0x00000020u
#define PPC_FPSCR_ZE      0x00000010u
#define PPC_FPSCR_XE      0x00000008u
#define PPC_FPSCR_NI      0x00000004u
#define PPC_FPSCR_RN      0x00000003u
#define PPC_FPSCR_VX_ALL  0x01f80700u   /* every invalid-operation detail bit */

/* The full FPSCR, with the host-held bits merged in (and FX brought up to
 * date), and its inverse: sets the host rounding mode and flags. */
uint32_t ppc_fpscr_read(PPCCPU *c);
void ppc_fpscr_write(PPCCPU *c, uint32_t fpscr);

/* prctl(PR_SET_FPEXC) for this thread.  Returns true the first time any
 * thread turns FP exceptions on: from then on FP instructions are
 * translated with a check (fpu.c), so the caller must drop every
 * translation made before. */
bool ppc_fpexc_set_mode(PPCCPU *c, uint32_t mode);
/* Translate FP instructions with the enabled-exception check (fpscr.c). */
extern bool ppc_fpexc_translate;

/* The full XER and CR words. */
static inline uint32_t ppc_xer_read(const PPCCPU *c)
{
    return c->xer_so << 31 | c->xer_ov << 30 | c->xer_ca << 29 | c->xer_rest;
}

static inline uint32_t ppc_cr_read(const PPCCPU *c)
{
    uint32_t v = 0;
    for (int i = 0; i < 32; i++)
        v |= (c->cr[i] & 1) << (31 - i);
    return v;
}

static inline void ppc_cr_write(PPCCPU *c, uint32_t v)
{
    for (int i = 0; i < 32; i++)
        c->cr[i] = (v >> (31 - i)) & 1;
}

#endif
