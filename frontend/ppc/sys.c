/*
 * sys.c - PowerPC32 instructions that talk to the kernel or the machine:
 * sc, tw/twi, the barriers, the special-purpose registers a program may
 * use (XER, LR, CTR, the time base, and the PVR the kernel emulates), and
 * the supervisor-only encodings.
 *
 * sc leaves with IR_EXIT_SYSCALL at its own pc; the syscall layer advances
 * pc by 4 (the kernel returns to SRR0 = sc + 4).  Only `sc` with LEV = 0 is
 * decoded: other levels are hypervisor calls (SIGILL in user mode).
 *
 * Traps (arch/powerpc/kernel/traps.c program_check_exception): a trap
 * instruction whose condition holds raises SIGTRAP with si_code TRAP_BRKPT
 * at the trap's pc.  TO bits: 16 signed less, 8 signed greater, 4 equal,
 * 2 unsigned less, 1 unsigned greater.
 *
 * Privileged instructions and privileged SPRs (SPR number bit 4 set) raise
 * SIGILL/ILL_PRVOPC; unimplemented user SPRs SIGILL/ILL_ILLOPC.  The kernel
 * emulates mfspr of the PVR (emulate_instruction), which glibc's
 * _dl_aux_init uses: it reads as a PowerPC 750 (0x00080301, what QEMU's
 * 750 reports; the CPU AT_PLATFORM names).
 *
 * Time base: a 512 MHz counter derived from the host's CLOCK_MONOTONIC, read
 * through a helper (a guest reading TBU, TBL, TBU sees a consistent 64-bit
 * value because the clock is monotonic).  /proc/cpuinfo's "timebase" line
 * should say 512000000 (PPC_TB_FREQ).
 *
 * Barriers: sync (every L: hwsync, lwsync, ptesync), isync and eieio are
 * full IR FENCEs; isync also orders the acquire side of lwarx/stwcx. locks.
 */
#include "translate.h"

#include <time.h>

#define PPC_PVR_750   0x00080301u
#define PPC_TB_FREQ   512000000u

enum { SPR_XER = 1, SPR_LR = 8, SPR_CTR = 9, SPR_TBL = 268, SPR_TBU = 269, SPR_PVR = 287 };

/* ---- system call and traps ---------------------------------------------------- */

bool ppc_trans_SC(PpcCtx *s, const PpcArgs *a)
{
    ir_trap(s->b, IR_EXIT_SYSCALL, s->pc, 0);
    s->end = true;
    return true;
}

enum { TO_LT = 16, TO_GT = 8, TO_EQ = 4, TO_LTU = 2, TO_GTU = 1 };

static bool gen_trap(PpcCtx *s, unsigned to, IRRef x, IRRef y, bool same)
{
    static const struct { unsigned bit; IRCond cc; } conds[] = {
        { TO_LT, IR_CC_LTS }, { TO_GT, IR_CC_GTS }, { TO_EQ, IR_CC_EQ },
        { TO_LTU, IR_CC_LTU }, { TO_GTU, IR_CC_GTU },
    };
    /* Always taken: every outcome of a comparison is selected, or both
     * operands are the same register and "equal" is. */
    if ((to & (TO_LT | TO_GT | TO_EQ)) == (TO_LT | TO_GT | TO_EQ) ||
        (to & (TO_LTU | TO_GTU | TO_EQ)) == (TO_LTU | TO_GTU | TO_EQ) || (same && (to & TO_EQ))) {
        ppc_raise(s, SIGTRAP, TRAP_BRKPT);
        return true;
    }
    if (same || to == 0)                /* never taken */
        return true;
    IRRef cond = IR_NONE;
    for (unsigned i = 0; i < sizeof conds / sizeof conds[0]; i++) {
        if (!(to & conds[i].bit))
            continue;
        IRRef c = ir_setcc(s->b, conds[i].cc, x, y);
        cond = cond == IR_NONE ? c : ppc_bin(s, IR_OR, cond, c);
    }
    ppc_trap_if(s, cond, SIGTRAP, TRAP_BRKPT);
    return true;
}

bool ppc_trans_TW(PpcCtx *s, const PpcArgs *a)
{
    bool same = a->ra == a->rb;
    return gen_trap(s, (unsigned)a->to, ppc_gpr(s, a->ra), ppc_gpr(s, a->rb), same);
}

bool ppc_trans_TWI(PpcCtx *s, const PpcArgs *a)
{
    return gen_trap(s, (unsigned)a->to, ppc_gpr(s, a->ra), ppc_k32(s, (uint32_t)a->imm), false);
}

/* ---- barriers -------------------------------------------------------------------- */

static bool gen_fence(PpcCtx *s)
{
    ir_emit(s->b, IR_FENCE, IR_VOID, 0, 0, 0, 0);
    return true;
}

/* L = 3 is reserved (SIGILL in QEMU). */
bool ppc_trans_SYNC(PpcCtx *s, const PpcArgs *a)  { return a->l != 3 && gen_fence(s); }
bool ppc_trans_ISYNC(PpcCtx *s, const PpcArgs *a) { return gen_fence(s); }
bool ppc_trans_EIEIO(PpcCtx *s, const PpcArgs *a) { return gen_fence(s); }

/* ---- special-purpose registers --------------------------------------------------- */

static uint64_t ppc_timebase(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return (uint64_t)((unsigned __int128)ns * (PPC_TB_FREQ / 1000000u) / 1000u);
}

static uint32_t ppc_helper_tb(void *cpu, uint32_t upper)
{
    (void)cpu;
    uint64_t tb = ppc_timebase();
    return upper ? (uint32_t)(tb >> 32) : (uint32_t)tb;
}

static const IRHelper ppc_h_tb = {
    "ppc_tb", (void *)ppc_helper_tb, IR_I32, 1, { IR_I32 }, IR_HF_READS,
};

static IRRef read_tb(PpcCtx *s, bool upper)
{
    return ir_call(s->b, &ppc_h_tb, ppc_k32(s, upper), IR_NONE, IR_NONE);
}

static IRRef read_xer(PpcCtx *s)
{
    IRRef so = ppc_bin(s, IR_SHL, ppc_get(s, PPC_OFF(xer_so)), ppc_k32(s, 31));
    IRRef ov = ppc_bin(s, IR_SHL, ppc_get(s, PPC_OFF(xer_ov)), ppc_k32(s, 30));
    IRRef ca = ppc_bin(s, IR_SHL, ppc_get(s, PPC_OFF(xer_ca)), ppc_k32(s, 29));
    return ppc_bin(s, IR_OR, ppc_bin(s, IR_OR, so, ov),
                   ppc_bin(s, IR_OR, ca, ppc_get(s, PPC_OFF(xer_rest))));
}

static void write_xer(PpcCtx *s, IRRef v)
{
    IRRef one = ppc_k32(s, 1);
    ppc_put(s, PPC_OFF(xer_so), ppc_bin(s, IR_SHR, v, ppc_k32(s, 31)));
    ppc_put(s, PPC_OFF(xer_ov), ppc_bin(s, IR_AND, ppc_bin(s, IR_SHR, v, ppc_k32(s, 30)), one));
    ppc_put(s, PPC_OFF(xer_ca), ppc_bin(s, IR_AND, ppc_bin(s, IR_SHR, v, ppc_k32(s, 29)), one));
    ppc_put(s, PPC_OFF(xer_rest), ppc_bin(s, IR_AND, v, ppc_k32(s, ~(PPC_XER_SO | PPC_XER_OV | PPC_XER_CA))));
}

/* SIGILL for an SPR user mode cannot reach. */
static bool bad_spr(PpcCtx *s, unsigned spr)
{
    ppc_raise(s, SIGILL, (spr & 0x10) ? ILL_PRVOPC : ILL_ILLOPC);
    return true;
}

bool ppc_trans_MFSPR(PpcCtx *s, const PpcArgs *a)
{
    IRRef v;
    switch (a->spr) {
    case SPR_XER: v = read_xer(s); break;
    case SPR_LR:  v = ppc_get(s, PPC_OFF(lr)); break;
    case SPR_CTR: v = ppc_get(s, PPC_OFF(ctr)); break;
    case SPR_TBL: v = read_tb(s, false); break;
    case SPR_TBU: v = read_tb(s, true); break;
    case SPR_PVR: v = ppc_k32(s, PPC_PVR_750); break;
    default:      return bad_spr(s, (unsigned)a->spr);
    }
    ppc_set_gpr(s, (unsigned)a->rt, v);
    return true;
}

bool ppc_trans_MTSPR(PpcCtx *s, const PpcArgs *a)
{
    IRRef v = ppc_gpr(s, (unsigned)a->rs);
    switch (a->spr) {
    case SPR_XER: write_xer(s, v); break;
    case SPR_LR:  ppc_put(s, PPC_OFF(lr), v); break;
    case SPR_CTR: ppc_put(s, PPC_OFF(ctr), v); break;
    default:      return bad_spr(s, (unsigned)a->spr);
    }
    return true;
}

bool ppc_trans_MFTB(PpcCtx *s, const PpcArgs *a)
{
    if (a->spr != SPR_TBL && a->spr != SPR_TBU)
        return false;
    ppc_set_gpr(s, (unsigned)a->rt, read_tb(s, a->spr == SPR_TBU));
    return true;
}

/* ---- supervisor-only -------------------------------------------------------------- */

static bool privileged(PpcCtx *s)
{
    ppc_raise(s, SIGILL, ILL_PRVOPC);
    return true;
}

bool ppc_trans_RFI(PpcCtx *s, const PpcArgs *a)     { return privileged(s); }
bool ppc_trans_MFMSR(PpcCtx *s, const PpcArgs *a)   { return privileged(s); }
bool ppc_trans_MTMSR(PpcCtx *s, const PpcArgs *a)   { return privileged(s); }
bool ppc_trans_MFSR(PpcCtx *s, const PpcArgs *a)    { return privileged(s); }
bool ppc_trans_MTSR(PpcCtx *s, const PpcArgs *a)    { return privileged(s); }
bool ppc_trans_MFSRIN(PpcCtx *s, const PpcArgs *a)  { return privileged(s); }
bool ppc_trans_MTSRIN(PpcCtx *s, const PpcArgs *a)  { return privileged(s); }
bool ppc_trans_TLBIE(PpcCtx *s, const PpcArgs *a)   { return privileged(s); }
bool ppc_trans_TLBSYNC(PpcCtx *s, const PpcArgs *a) { return privileged(s); }
bool ppc_trans_DCBI(PpcCtx *s, const PpcArgs *a)    { return privileged(s); }
