/*
 * fpu_internal.h - shared by fpu.c (the FP translators) and fpscr.c (the
 * FPSCR and its helpers).  Not a contract.
 */
#ifndef XBT_PPC_FPU_INTERNAL_H
#define XBT_PPC_FPU_INTERNAL_H

#include "../../ir/ir.h"

/* Extended opcodes of opcodes 59/63: the five-bit A-form ones ... */
enum {
    PPC_FXO_DIV = 18, PPC_FXO_SUB = 20, PPC_FXO_ADD = 21, PPC_FXO_SQRT = 22,
    PPC_FXO_SEL = 23, PPC_FXO_RE = 24, PPC_FXO_MUL = 25, PPC_FXO_RSQRTE = 26,
    PPC_FXO_MSUB = 28, PPC_FXO_MADD = 29, PPC_FXO_NMSUB = 30, PPC_FXO_NMADD = 31,
};
/* ... and the ten-bit X-form ones that set FPSCR fields */
enum {
    PPC_FXO_CMPU = 0, PPC_FXO_RSP = 12, PPC_FXO_CTIW = 14, PPC_FXO_CTIWZ = 15,
    PPC_FXO_CMPO = 32,
};

/* ppc_h_fpexc results: the SIGFPE an enabled exception raises */
enum { PPC_FPEXC_NONE, PPC_FPEXC_INV, PPC_FPEXC_OVF, PPC_FPEXC_UND, PPC_FPEXC_DIV, PPC_FPEXC_RES };

extern const IRHelper ppc_h_fpexc;
extern const IRHelper ppc_h_mffs, ppc_h_mtfsf, ppc_h_mtfsfi, ppc_h_mtfsb, ppc_h_mcrfs, ppc_h_fpcr1;

#endif
