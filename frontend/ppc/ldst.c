/*
 * ldst.c - PowerPC32 loads and stores: D and X forms with and without
 * update, byte-reversed, load/store multiple and string, lwarx/stwcx., the
 * FP loads and stores, and the data cache block operations.
 *
 * Effective addresses are (RA|0) + D or (RA|0) + RB.  Update forms write EA
 * into RA after the access, so a faulting access leaves RA alone; RA = 0
 * (and, for loads, RA = RT) is an invalid form and raises SIGILL, as QEMU
 * does.  Unaligned accesses are done by the hardware or emulated by the
 * kernel's alignment handler on every 32-bit core Linux runs on, so a plain
 * unaligned IR access gives the same result; lwarx/stwcx. are the
 * exception: unaligned, they raise SIGBUS/BUS_ADRALN (alignment interrupt,
 * which the kernel does not emulate for them).
 *
 * lwarx/stwcx.: lwarx records the address and the loaded value (resv_*);
 * stwcx. succeeds when the reservation is held for the same address and
 * the word still holds the recorded value, atomically (CMPXCHG); otherwise
 * the CMPXCHG is made harmless by storing the recorded value over itself.
 * CR0 = 0b00 || success || XER.SO.  Like every CAS-based emulation it
 * cannot see an A-B-A change between the two.  The runtime should clear
 * resv_valid when it delivers a signal (the kernel's interrupt return
 * clears the reservation with a dummy stwcx.).
 *
 * String instructions (lswi, lswx, stswi, stswx) move bytes big-endian into
 * consecutive registers from RT (wrapping from r31 to r0), the last one
 * padded with zeros.  lswx/stswx take their byte count (XER[25:31]) at run
 * time; a block has no loops, so they are a chain of one EXIT_IF per byte
 * (leave for the next instruction once the count is reached).  Neither gcc
 * nor glibc emit them.
 *
 * Cache blocks are 32 bytes (AT_DCACHEBSIZE): dcbz zeroes the aligned
 * block.  dcbst, dcbf, dcbt and dcbtst have no architectural effect for a
 * program on a coherent host.  NYI: dcbst/dcbf of an unmapped address
 * fault on hardware and are silent here.  icbi ends the block with
 * IR_EXIT_FLUSH (the runtime drops translated code); NYI: the IR trap's
 * argument is a literal, so it carries 0 instead of the block address and
 * the runtime has to flush everything, which it does today anyway.
 */
#include "translate.h"

#define PPC_CACHE_BLOCK 32u

/* ---- effective addresses -------------------------------------------------- */

static IRRef ea_d(PpcCtx *s, unsigned ra, int32_t d)
{
    if (ra == 0)
        return ppc_k32(s, (uint32_t)d);
    IRRef r = ppc_gpr(s, ra);
    return d ? ppc_bin(s, IR_ADD, r, ppc_k32(s, (uint32_t)d)) : r;
}

static IRRef ea_x(PpcCtx *s, unsigned ra, unsigned rb)
{
    IRRef r = ppc_gpr(s, rb);
    return ra ? ppc_bin(s, IR_ADD, ppc_gpr(s, ra), r) : r;
}

/* ---- integer loads and stores -------------------------------------------- */

enum { NOUPD = 0, UPD = 1 };

static bool gen_load(PpcCtx *s, unsigned rt, unsigned ra, IRRef ea, unsigned memop, bool upd)
{
    IRRef v = ir_load(s->b, IR_I32, memop, ea);
    if (upd)
        ppc_set_gpr(s, ra, ea);
    ppc_set_gpr(s, rt, v);
    return true;
}

static bool gen_store(PpcCtx *s, unsigned rs, unsigned ra, IRRef ea, unsigned memop, bool upd)
{
    ir_store(s->b, IR_I32, memop, ea, ppc_gpr(s, rs));
    if (upd)
        ppc_set_gpr(s, ra, ea);
    return true;
}

static bool load_d(PpcCtx *s, const PpcArgs *a, unsigned size, bool sign, bool upd)
{
    if (upd && (a->ra == 0 || a->ra == a->rt))
        return false;
    return gen_load(s, a->rt, a->ra, ea_d(s, a->ra, a->imm), ppc_memop(size, sign), upd);
}

static bool load_x(PpcCtx *s, const PpcArgs *a, unsigned memop, bool upd)
{
    if (upd && (a->ra == 0 || a->ra == a->rt))
        return false;
    return gen_load(s, a->rt, a->ra, ea_x(s, a->ra, a->rb), memop, upd);
}

static bool store_d(PpcCtx *s, const PpcArgs *a, unsigned size, bool upd)
{
    if (upd && a->ra == 0)
        return false;
    return gen_store(s, a->rs, a->ra, ea_d(s, a->ra, a->imm), ppc_memop(size, false), upd);
}

static bool store_x(PpcCtx *s, const PpcArgs *a, unsigned memop, bool upd)
{
    if (upd && a->ra == 0)
        return false;
    return gen_store(s, a->rs, a->ra, ea_x(s, a->ra, a->rb), memop, upd);
}

bool ppc_trans_LWZ(PpcCtx *s, const PpcArgs *a)   { return load_d(s, a, 4, false, NOUPD); }
bool ppc_trans_LWZU(PpcCtx *s, const PpcArgs *a)  { return load_d(s, a, 4, false, UPD); }
bool ppc_trans_LBZ(PpcCtx *s, const PpcArgs *a)   { return load_d(s, a, 1, false, NOUPD); }
bool ppc_trans_LBZU(PpcCtx *s, const PpcArgs *a)  { return load_d(s, a, 1, false, UPD); }
bool ppc_trans_LHZ(PpcCtx *s, const PpcArgs *a)   { return load_d(s, a, 2, false, NOUPD); }
bool ppc_trans_LHZU(PpcCtx *s, const PpcArgs *a)  { return load_d(s, a, 2, false, UPD); }
bool ppc_trans_LHA(PpcCtx *s, const PpcArgs *a)   { return load_d(s, a, 2, true, NOUPD); }
bool ppc_trans_LHAU(PpcCtx *s, const PpcArgs *a)  { return load_d(s, a, 2, true, UPD); }
bool ppc_trans_STW(PpcCtx *s, const PpcArgs *a)   { return store_d(s, a, 4, NOUPD); }
bool ppc_trans_STWU(PpcCtx *s, const PpcArgs *a)  { return store_d(s, a, 4, UPD); }
bool ppc_trans_STB(PpcCtx *s, const PpcArgs *a)   { return store_d(s, a, 1, NOUPD); }
bool ppc_trans_STBU(PpcCtx *s, const PpcArgs *a)  { return store_d(s, a, 1, UPD); }
bool ppc_trans_STH(PpcCtx *s, const PpcArgs *a)   { return store_d(s, a, 2, NOUPD); }
bool ppc_trans_STHU(PpcCtx *s, const PpcArgs *a)  { return store_d(s, a, 2, UPD); }

bool ppc_trans_LWZX(PpcCtx *s, const PpcArgs *a)  { return load_x(s, a, ppc_memop(4, false), NOUPD); }
bool ppc_trans_LWZUX(PpcCtx *s, const PpcArgs *a) { return load_x(s, a, ppc_memop(4, false), UPD); }
bool ppc_trans_LBZX(PpcCtx *s, const PpcArgs *a)  { return load_x(s, a, ppc_memop(1, false), NOUPD); }
bool ppc_trans_LBZUX(PpcCtx *s, const PpcArgs *a) { return load_x(s, a, ppc_memop(1, false), UPD); }
bool ppc_trans_LHZX(PpcCtx *s, const PpcArgs *a)  { return load_x(s, a, ppc_memop(2, false), NOUPD); }
bool ppc_trans_LHZUX(PpcCtx *s, const PpcArgs *a) { return load_x(s, a, ppc_memop(2, false), UPD); }
bool ppc_trans_LHAX(PpcCtx *s, const PpcArgs *a)  { return load_x(s, a, ppc_memop(2, true), NOUPD); }
bool ppc_trans_LHAUX(PpcCtx *s, const PpcArgs *a) { return load_x(s, a, ppc_memop(2, true), UPD); }
bool ppc_trans_STWX(PpcCtx *s, const PpcArgs *a)  { return store_x(s, a, ppc_memop(4, false), NOUPD); }
bool ppc_trans_STWUX(PpcCtx *s, const PpcArgs *a) { return store_x(s, a, ppc_memop(4, false), UPD); }
bool ppc_trans_STBX(PpcCtx *s, const PpcArgs *a)  { return store_x(s, a, ppc_memop(1, false), NOUPD); }
bool ppc_trans_STBUX(PpcCtx *s, const PpcArgs *a) { return store_x(s, a, ppc_memop(1, false), UPD); }
bool ppc_trans_STHX(PpcCtx *s, const PpcArgs *a)  { return store_x(s, a, ppc_memop(2, false), NOUPD); }
bool ppc_trans_STHUX(PpcCtx *s, const PpcArgs *a) { return store_x(s, a, ppc_memop(2, false), UPD); }

/* byte-reversed: the guest's big-endian memory read as little-endian */
bool ppc_trans_LWBRX(PpcCtx *s, const PpcArgs *a)  { return load_x(s, a, 4, NOUPD); }
bool ppc_trans_LHBRX(PpcCtx *s, const PpcArgs *a)  { return load_x(s, a, 2, NOUPD); }
bool ppc_trans_STWBRX(PpcCtx *s, const PpcArgs *a) { return store_x(s, a, 4, NOUPD); }
bool ppc_trans_STHBRX(PpcCtx *s, const PpcArgs *a) { return store_x(s, a, 2, NOUPD); }

/* ---- multiple ------------------------------------------------------------------ */

/* lmw: RA in the range RT..31 (RA = 0 included when RT = 0) is invalid. */
bool ppc_trans_LMW(PpcCtx *s, const PpcArgs *a)
{
    if (a->ra >= a->rt)
        return false;
    IRRef ea = ea_d(s, a->ra, a->imm);
    for (int r = a->rt; r < 32; r++) {
        IRRef addr = r == a->rt ? ea : ppc_bin(s, IR_ADD, ea, ppc_k32(s, 4u * (uint32_t)(r - a->rt)));
        ppc_set_gpr(s, r, ir_load(s->b, IR_I32, ppc_memop(4, false), addr));
    }
    return true;
}

bool ppc_trans_STMW(PpcCtx *s, const PpcArgs *a)
{
    IRRef ea = ea_d(s, a->ra, a->imm);
    for (int r = a->rs; r < 32; r++) {
        IRRef addr = r == a->rs ? ea : ppc_bin(s, IR_ADD, ea, ppc_k32(s, 4u * (uint32_t)(r - a->rs)));
        ir_store(s->b, IR_I32, ppc_memop(4, false), addr, ppc_gpr(s, r));
    }
    return true;
}

/* ---- strings ------------------------------------------------------------------- */

static IRRef ea_plus(PpcCtx *s, IRRef ea, uint32_t i)
{
    return i ? ppc_bin(s, IR_ADD, ea, ppc_k32(s, i)) : ea;
}

/* Is register r among the n registers filled from rt (with wrap)? */
static bool in_string_range(unsigned rt, unsigned nregs, unsigned r)
{
    return ((r - rt) & 31) < nregs;
}

bool ppc_trans_LSWI(PpcCtx *s, const PpcArgs *a)
{
    unsigned n = a->nb ? (unsigned)a->nb : 32, nregs = (n + 3) / 4;
    if (in_string_range((unsigned)a->rt, nregs, (unsigned)a->ra))
        return false;
    IRRef ea = ppc_gpr0(s, (unsigned)a->ra);
    for (unsigned i = 0; i < n; i += 4) {
        unsigned r = ((unsigned)a->rt + i / 4) & 31, k = n - i < 4 ? n - i : 4;
        IRRef v;
        if (k == 4) {
            v = ir_load(s->b, IR_I32, ppc_memop(4, false), ea_plus(s, ea, i));
        } else {
            v = IR_NONE;
            for (unsigned j = 0; j < k; j++) {
                IRRef byte = ir_load(s->b, IR_I32, ppc_memop(1, false), ea_plus(s, ea, i + j));
                byte = ppc_bin(s, IR_SHL, byte, ppc_k32(s, 24 - 8 * j));
                v = v == IR_NONE ? byte : ppc_bin(s, IR_OR, v, byte);
            }
        }
        ppc_set_gpr(s, r, v);
    }
    return true;
}

bool ppc_trans_STSWI(PpcCtx *s, const PpcArgs *a)
{
    unsigned n = a->nb ? (unsigned)a->nb : 32;
    IRRef ea = ppc_gpr0(s, (unsigned)a->ra);
    for (unsigned i = 0; i < n; i += 4) {
        unsigned r = ((unsigned)a->rs + i / 4) & 31, k = n - i < 4 ? n - i : 4;
        IRRef v = ppc_gpr(s, r);
        if (k == 4) {
            ir_store(s->b, IR_I32, ppc_memop(4, false), ea_plus(s, ea, i), v);
            continue;
        }
        for (unsigned j = 0; j < k; j++) {
            IRRef byte = j == 3 ? v : ppc_bin(s, IR_SHR, v, ppc_k32(s, 24 - 8 * j));
            ir_store(s->b, IR_I32, ppc_memop(1, false), ea_plus(s, ea, i + j), byte);
        }
    }
    return true;
}

#define PPC_STRING_MAX 128u      /* XER[25:31] */

/* NYI: RA or RB among the registers lswx fills is an invalid form that
 * depends on the run-time count; it is not detected. */
bool ppc_trans_LSWX(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef n = ppc_bin(s, IR_AND, ppc_get(s, PPC_OFF(xer_rest)), ppc_k32(s, 0x7f));
    IRRef ea = ea_x(s, (unsigned)a->ra, (unsigned)a->rb);
    for (uint32_t i = 0; i < PPC_STRING_MAX; i++) {
        unsigned r = ((unsigned)a->rt + i / 4) & 31, sh = 24 - 8 * (i & 3);
        ir_exit_if(b, ir_setcc(b, IR_CC_EQ, n, ppc_k32(s, i)), s->pc + 4);
        IRRef byte = ir_load(b, IR_I32, ppc_memop(1, false), ea_plus(s, ea, i));
        if (sh)
            byte = ppc_bin(s, IR_SHL, byte, ppc_k32(s, sh));
        ppc_set_gpr(s, r, (i & 3) ? ppc_bin(s, IR_OR, ppc_gpr(s, r), byte) : byte);
    }
    return true;
}

bool ppc_trans_STSWX(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef n = ppc_bin(s, IR_AND, ppc_get(s, PPC_OFF(xer_rest)), ppc_k32(s, 0x7f));
    IRRef ea = ea_x(s, (unsigned)a->ra, (unsigned)a->rb);
    for (uint32_t i = 0; i < PPC_STRING_MAX; i++) {
        unsigned r = ((unsigned)a->rs + i / 4) & 31, sh = 24 - 8 * (i & 3);
        ir_exit_if(b, ir_setcc(b, IR_CC_EQ, n, ppc_k32(s, i)), s->pc + 4);
        IRRef v = ppc_gpr(s, r);
        if (sh)
            v = ppc_bin(s, IR_SHR, v, ppc_k32(s, sh));
        ir_store(b, IR_I32, ppc_memop(1, false), ea_plus(s, ea, i), v);
    }
    return true;
}

/* ---- lwarx / stwcx. ------------------------------------------------------------ */

static void align_check(PpcCtx *s, IRRef ea)
{
    ppc_trap_if(s, ppc_bin(s, IR_AND, ea, ppc_k32(s, 3)), SIGBUS, BUS_ADRALN);
}

bool ppc_trans_LWARX(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef ea = ea_x(s, (unsigned)a->ra, (unsigned)a->rb);
    align_check(s, ea);
    IRRef v = ir_load(b, IR_I32, ppc_memop(4, false), ea);
    ppc_put(s, PPC_OFF(resv_addr), ea);
    ppc_put(s, PPC_OFF(resv_val), v);
    ppc_put(s, PPC_OFF(resv_valid), ppc_k32(s, 1));
    ppc_set_gpr(s, (unsigned)a->rt, v);
    return true;
}

bool ppc_trans_STWCX_(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef ea = ea_x(s, (unsigned)a->ra, (unsigned)a->rb);
    align_check(s, ea);
    IRRef nv = ppc_gpr(s, (unsigned)a->rs);
    IRRef old = ppc_get(s, PPC_OFF(resv_val));
    IRRef ok = ppc_bin(s, IR_AND, ppc_get(s, PPC_OFF(resv_valid)),
                       ir_setcc(b, IR_CC_EQ, ppc_get(s, PPC_OFF(resv_addr)), ea));
    IRRef store = ir_select(b, IR_I32, ok, nv, old);
    IRRef seen = ir_emit(b, IR_CMPXCHG, IR_I32, (uint16_t)ppc_memop(4, false), ea, old, store);
    IRRef done = ppc_bin(s, IR_AND, ok, ir_setcc(b, IR_CC_EQ, seen, old));
    ppc_put(s, PPC_OFF(resv_valid), ppc_k32(s, 0));
    IRRef zero = ppc_k32(s, 0);
    ppc_set_crf(s, 0, zero, zero, done, ppc_get(s, PPC_OFF(xer_so)));
    return true;
}

/* ---- cache blocks ------------------------------------------------------------------ */

bool ppc_trans_DCBZ(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef ea = ppc_bin(s, IR_AND, ea_x(s, (unsigned)a->ra, (unsigned)a->rb),
                       ppc_k32(s, ~(PPC_CACHE_BLOCK - 1)));
    IRRef zero = ir_const64(b, 0);
    for (uint32_t i = 0; i < PPC_CACHE_BLOCK; i += 8)
        ir_store(b, IR_I64, ppc_memop(8, false), ea_plus(s, ea, i), zero);
    return true;
}

bool ppc_trans_DCBST(PpcCtx *s, const PpcArgs *a)  { return true; }
bool ppc_trans_DCBF(PpcCtx *s, const PpcArgs *a)   { return true; }
bool ppc_trans_DCBT(PpcCtx *s, const PpcArgs *a)   { return true; }
bool ppc_trans_DCBTST(PpcCtx *s, const PpcArgs *a) { return true; }

bool ppc_trans_ICBI(PpcCtx *s, const PpcArgs *a)
{
    ir_trap(s->b, IR_EXIT_FLUSH, s->pc + 4, 0);
    s->end = true;
    return true;
}

/* ---- floating-point loads and stores -------------------------------------------- */

static bool fload(PpcCtx *s, const PpcArgs *a, IRRef ea, bool dbl, bool upd)
{
    if (upd && a->ra == 0)
        return false;
    IRRef v;
    if (dbl)
        v = ir_load(s->b, IR_F64, ppc_memop(8, false), ea);
    else
        v = ppc_fp_single_to_double(s, ir_load(s->b, IR_I32, ppc_memop(4, false), ea));
    if (upd)
        ppc_set_gpr(s, (unsigned)a->ra, ea);
    ir_put(s->b, IR_F64, PPC_OFF_FPR(a->frt), v);
    return true;
}

static bool fstore(PpcCtx *s, const PpcArgs *a, IRRef ea, bool dbl, bool upd)
{
    if (upd && a->ra == 0)
        return false;
    IRRef v = ir_get(s->b, IR_F64, PPC_OFF_FPR(a->frs));
    if (dbl)
        ir_store(s->b, IR_F64, ppc_memop(8, false), ea, v);
    else
        ir_store(s->b, IR_I32, ppc_memop(4, false), ea, ppc_fp_double_to_single(s, v));
    if (upd)
        ppc_set_gpr(s, (unsigned)a->ra, ea);
    return true;
}

bool ppc_trans_LFS(PpcCtx *s, const PpcArgs *a)    { return fload(s, a, ea_d(s, a->ra, a->imm), false, false); }
bool ppc_trans_LFSU(PpcCtx *s, const PpcArgs *a)   { return fload(s, a, ea_d(s, a->ra, a->imm), false, true); }
bool ppc_trans_LFD(PpcCtx *s, const PpcArgs *a)    { return fload(s, a, ea_d(s, a->ra, a->imm), true, false); }
bool ppc_trans_LFDU(PpcCtx *s, const PpcArgs *a)   { return fload(s, a, ea_d(s, a->ra, a->imm), true, true); }
bool ppc_trans_LFSX(PpcCtx *s, const PpcArgs *a)   { return fload(s, a, ea_x(s, a->ra, a->rb), false, false); }
bool ppc_trans_LFSUX(PpcCtx *s, const PpcArgs *a)  { return fload(s, a, ea_x(s, a->ra, a->rb), false, true); }
bool ppc_trans_LFDX(PpcCtx *s, const PpcArgs *a)   { return fload(s, a, ea_x(s, a->ra, a->rb), true, false); }
bool ppc_trans_LFDUX(PpcCtx *s, const PpcArgs *a)  { return fload(s, a, ea_x(s, a->ra, a->rb), true, true); }
bool ppc_trans_STFS(PpcCtx *s, const PpcArgs *a)   { return fstore(s, a, ea_d(s, a->ra, a->imm), false, false); }
bool ppc_trans_STFSU(PpcCtx *s, const PpcArgs *a)  { return fstore(s, a, ea_d(s, a->ra, a->imm), false, true); }
bool ppc_trans_STFD(PpcCtx *s, const PpcArgs *a)   { return fstore(s, a, ea_d(s, a->ra, a->imm), true, false); }
bool ppc_trans_STFDU(PpcCtx *s, const PpcArgs *a)  { return fstore(s, a, ea_d(s, a->ra, a->imm), true, true); }
bool ppc_trans_STFSX(PpcCtx *s, const PpcArgs *a)  { return fstore(s, a, ea_x(s, a->ra, a->rb), false, false); }
bool ppc_trans_STFSUX(PpcCtx *s, const PpcArgs *a) { return fstore(s, a, ea_x(s, a->ra, a->rb), false, true); }
bool ppc_trans_STFDX(PpcCtx *s, const PpcArgs *a)  { return fstore(s, a, ea_x(s, a->ra, a->rb), true, false); }
bool ppc_trans_STFDUX(PpcCtx *s, const PpcArgs *a) { return fstore(s, a, ea_x(s, a->ra, a->rb), true, true); }

/* stfiwx: the low word of FRS, as an integer */
bool ppc_trans_STFIWX(PpcCtx *s, const PpcArgs *a)
{
    IRBlock *b = s->b;
    IRRef v = ir_unop(b, IR_TRUNC, IR_I32, ir_get(b, IR_I64, PPC_OFF_FPR(a->frs)));
    ir_store(b, IR_I32, ppc_memop(4, false), ea_x(s, a->ra, a->rb), v);
    return true;
}
