/*
 * vfp.c - VFPv4-D32 for the ARM32 guest: FPSCR, register moves, loads and
 * stores, arithmetic, fused multiply-add, compares, conversions.
 *
 * FPSCR (ARM ARM A2.7.3/B6.1.46): RMode (bits 23..22) and the cumulative
 * exception flags (IOC DZC OFC UFC IXC, IDC) live in the host FP
 * environment of the thread (C99 fenv), like the MIPS FCSR, so IR FP ops
 * round and raise flags as the guest asked; cpu->fpscr keeps the other
 * bits.  vmrs/vmsr go through helpers.  NYI: FZ (flush to zero), trapped
 * exceptions (enable bits have no effect), IDC (input denormal) is never
 * set, Len/Stride short vectors (Len != 0 is UNDEFINED here as on
 * Cortex-A cores without short-vector support).
 */
#include "translate.h"

#include <fenv.h>
#include <string.h>

static const int arm_rm_host[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

static const struct { uint32_t fpscr; int host; } arm_flag_map[] = {
    { 0x01, FE_INVALID }, { 0x02, FE_DIVBYZERO }, { 0x04, FE_OVERFLOW },
    { 0x08, FE_UNDERFLOW }, { 0x10, FE_INEXACT },
};

uint32_t arm_fpscr_read(const ARMCPU *c)
{
    uint32_t v = c->fpscr & ~(ARM_FPSCR_RMODE | ARM_FPSCR_CUMUL);
    int ex = fetestexcept(FE_ALL_EXCEPT), rm = fegetround();
    for (unsigned i = 0; i < sizeof arm_flag_map / sizeof arm_flag_map[0]; i++)
        if (ex & arm_flag_map[i].host)
            v |= arm_flag_map[i].fpscr;
    for (unsigned i = 0; i < 4; i++)
        if (arm_rm_host[i] == rm)
            v |= i << 22;
    return v;
}

void arm_fpscr_write(ARMCPU *c, uint32_t v)
{
    int host = 0;
    c->fpscr = v & ~(ARM_FPSCR_RMODE | ARM_FPSCR_CUMUL);
    fesetround(arm_rm_host[(v >> 22) & 3]);
    for (unsigned i = 0; i < sizeof arm_flag_map / sizeof arm_flag_map[0]; i++)
        if (v & arm_flag_map[i].fpscr)
            host |= arm_flag_map[i].host;
    feclearexcept(FE_ALL_EXCEPT);
    if (host)
        feraiseexcept(host);
}
