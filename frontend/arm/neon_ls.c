/*
 * neon_ls.c - Advanced SIMD element moves for the ARM32 guest: the
 * two-register miscellaneous group, vext, vtbl/vtbx, vdup (scalar and core
 * register), vmov between core registers and scalars, and the element and
 * structure loads and stores (ARM ARM A7.4.5, A7.7).  Same lane model as
 * neon.c.  Alignment hints in loads and stores are ignored (NYI: alignment
 * faults).
 */
#include "neon.h"





/* ---- two registers, miscellaneous --------------------------------------------------- */

/* Lanes of `regs` consecutive D registers from d, as one list. */
static unsigned get_lanes(ArmCtx *s, int d, unsigned regs, unsigned esz, bool sign, IRRef *l)
{
    unsigned n = 64 / esz, k = 0;
    for (unsigned r = 0; r < regs; r++) {
        IRRef v = dget(s, d + (int)r);
        for (unsigned i = 0; i < n; i++)
            l[k++] = lane(s, v, i, esz, sign);
    }
    return k;
}

static void put_lanes(ArmCtx *s, int d, unsigned regs, unsigned esz, const IRRef *l)
{
    unsigned n = 64 / esz;
    IRRef out[2];
    for (unsigned r = 0; r < regs; r++) {
        IRRef acc = IR_NONE;
        for (unsigned i = 0; i < n; i++)
            acc = insert(s, acc, l[r * n + i], i, esz);
        out[r] = acc;
    }
    for (unsigned r = 0; r < regs; r++)
        dput(s, d + (int)r, out[r]);
}

static IRRef popcount64(ArmCtx *s, IRRef v)    /* v < 256 */
{
    IRRef c = k64(s, 0);
    for (unsigned i = 0; i < 8; i++)
        c = b64(s, IR_ADD, c, b64(s, IR_AND, b64(s, IR_SHR, v, k64(s, i)), k64(s, 1)));
    return c;
}

static bool misc_a0(ArmCtx *s, const ArmArgs *a, unsigned B, unsigned esz, unsigned regs)
{
    IRRef l[16], o[16];
    IRBlock *b = s->b;
    unsigned n;
    if (B <= 2) {                                  /* vrev64/32/16 */
        unsigned group = 64u >> B;
        if (esz >= group)
            return false;
        n = get_lanes(s, a->vm, regs, esz, false, l);
        unsigned per = group / esz;
        for (unsigned i = 0; i < n; i++)
            o[i] = l[(i / per) * per + (per - 1 - i % per)];
        put_lanes(s, a->vd, regs, esz, o);
        return true;
    }
    if (B == 4 || B == 5) {                        /* vpaddl */
        if (esz == 64)
            return false;
        n = get_lanes(s, a->vm, regs, esz, B == 4, l);
        for (unsigned i = 0; i < n / 2; i++)
            o[i] = b64(s, IR_ADD, l[2 * i], l[2 * i + 1]);
        put_lanes(s, a->vd, regs, 2 * esz, o);
        return true;
    }
    n = get_lanes(s, a->vm, regs, esz, false, l);
    for (unsigned i = 0; i < n; i++) {
        switch (B) {
        case 9:                                    /* vclz */
            if (esz == 64)
                return false;
            o[i] = b64(s, IR_SUB, ir_unop(b, IR_CLZ, IR_I64, l[i]), k64(s, 64 - esz));
            break;
        case 10:                                   /* vcnt */
            if (esz != 8)
                return false;
            o[i] = popcount64(s, l[i]);
            break;
        case 11:                                   /* vmvn */
            if (esz != 8)
                return false;
            o[i] = ir_unop(b, IR_NOT, IR_I64, l[i]);
            break;
        default:
            return arm_trans_NVMISC2(s, a);        /* vcls, vpadal, vqabs, vqneg */
        }
    }
    put_lanes(s, a->vd, regs, esz, o);
    return true;
}

static bool misc_a1(ArmCtx *s, const ArmArgs *a, unsigned B, unsigned esz, unsigned regs)
{
    IRBlock *b = s->b;
    IRRef l[16], o[16];
    bool f = B >> 3 & 1;
    unsigned op = B & 7;
    if (op == 5 || (f && esz != 32) || esz == 64)
        return false;
    unsigned n = get_lanes(s, a->vm, regs, esz, !f, l);
    IRRef idc = arm_k32(s, 0);
    for (unsigned i = 0; i < n; i++) {
        if (f && op < 5) {                         /* compares flush a denormal input (IDC) */
            IRRef w = ir_unop(b, IR_TRUNC, IR_I32, l[i]);
            IRRef den = arm_bin(s, IR_AND, ir_setcc(b, IR_CC_EQ, arm_bin(s, IR_AND, w, arm_k32(s, 0x7f800000u)), arm_k32(s, 0)),
                                ir_setcc(b, IR_CC_NE, arm_bin(s, IR_AND, w, arm_k32(s, 0x007fffffu)), arm_k32(s, 0)));
            idc = arm_bin(s, IR_OR, idc, den);
            l[i] = ir_unop(b, IR_EXTU, IR_I64, ir_select(b, IR_I32, den, arm_bin(s, IR_AND, w, arm_k32(s, 0x80000000u)), w));
        }
        if (f) {
            IRRef x = ir_unop(b, IR_BITCAST, IR_F32, ir_unop(b, IR_TRUNC, IR_I32, l[i]));
            IRRef z = ir_constf32(b, 0.0f), c;
            switch (op) {
            case 0: c = ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT | IR_FC_SIGNAL, x, z, 0); break;
            case 1: c = ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT | IR_FC_EQ | IR_FC_SIGNAL, x, z, 0); break;
            case 2: c = ir_emit(b, IR_FCMP, IR_I32, IR_FC_EQ, x, z, 0); break;
            case 3: c = ir_emit(b, IR_FCMP, IR_I32, IR_FC_LT | IR_FC_EQ | IR_FC_SIGNAL, x, z, 0); break;
            case 4: c = ir_emit(b, IR_FCMP, IR_I32, IR_FC_LT | IR_FC_SIGNAL, x, z, 0); break;
            default:
                o[i] = b64(s, op == 6 ? IR_AND : IR_XOR, l[i], k64(s, op == 6 ? 0x7fffffff : 0x80000000u));
                continue;
            }
            o[i] = ones_if(s, c);
        } else {
            IRRef z = k64(s, 0);
            switch (op) {
            case 0: o[i] = ones_if(s, ir_setcc(b, IR_CC_GTS, l[i], z)); break;
            case 1: o[i] = ones_if(s, ir_setcc(b, IR_CC_GES, l[i], z)); break;
            case 2: o[i] = ones_if(s, ir_setcc(b, IR_CC_EQ, l[i], z)); break;
            case 3: o[i] = ones_if(s, ir_setcc(b, IR_CC_LES, l[i], z)); break;
            case 4: o[i] = ones_if(s, ir_setcc(b, IR_CC_LTS, l[i], z)); break;
            case 6: o[i] = ir_select(b, IR_I64, ir_setcc(b, IR_CC_LTS, l[i], z), ir_unop(b, IR_NEG, IR_I64, l[i]), l[i]); break;
            default: o[i] = ir_unop(b, IR_NEG, IR_I64, l[i]); break;
            }
        }
    }
    put_lanes(s, a->vd, regs, esz, o);
    if (f && op < 5) {
        IRRef fs = ir_get(b, IR_I32, ARM_OFF(fpscr));
        arm_put(s, IR_I32, ARM_OFF(fpscr), arm_bin(s, IR_OR, fs, ir_select(b, IR_I32, idc, arm_k32(s, ARM_FPSCR_IDC), arm_k32(s, 0))));
    }
    return true;
}

static bool misc_a2(ArmCtx *s, const ArmArgs *a, unsigned B, unsigned esz, unsigned regs)
{
    IRRef d[16], m[16], od[16], om[16];
    if (B == 0) {                                  /* vswp */
        if (esz != 8)
            return false;
        IRRef x[2], y[2];
        for (unsigned r = 0; r < regs; r++) {
            x[r] = dget(s, a->vd + (int)r);
            y[r] = dget(s, a->vm + (int)r);
        }
        for (unsigned r = 0; r < regs; r++) {
            dput(s, a->vd + (int)r, y[r]);
            dput(s, a->vm + (int)r, x[r]);
        }
        return true;
    }
    if (B == 4 || B == 5) {                        /* vmovn, vqmovun, vqmovn Dd, Qm */
        if (esz == 64 || (a->vm & 1))
            return false;
        bool satur = B == 5 || a->q, src_signed = B == 4 || !a->q, dst_unsigned = B == 4 || a->q;
        unsigned n = get_lanes(s, a->vm, 2, 2 * esz, satur && src_signed, m);
        if (satur) {
            IRBlock *b = s->b;
            int64_t lo = dst_unsigned ? 0 : -(int64_t)(1ull << (esz - 1));
            int64_t hi = dst_unsigned ? (int64_t)((1ull << esz) - 1) : (int64_t)((1ull << (esz - 1)) - 1);
            IRRef qc = arm_k32(s, 0);
            for (unsigned i = 0; i < n; i++) {
                IRRef below = src_signed ? ir_setcc(b, IR_CC_LTS, m[i], k64(s, (uint64_t)lo)) : arm_k32(s, 0);
                IRRef above = ir_setcc(b, src_signed ? IR_CC_GTS : IR_CC_GTU, m[i], k64(s, (uint64_t)hi));
                qc = arm_bin(s, IR_OR, qc, arm_bin(s, IR_OR, below, above));
                m[i] = ir_select(b, IR_I64, below, k64(s, (uint64_t)lo),
                                 ir_select(b, IR_I64, above, k64(s, (uint64_t)hi), m[i]));
            }
            IRRef f = ir_get(b, IR_I32, ARM_OFF(fpscr));
            arm_put(s, IR_I32, ARM_OFF(fpscr), arm_bin(s, IR_OR, f, arm_bin(s, IR_SHL, qc, arm_k32(s, 27))));
        }
        put_lanes(s, a->vd, 1, esz, m);
        return true;
    }
    if (B == 6)
        return arm_trans_NVMISC2(s, a);            /* vshll #esize */
    if (B < 1 || B > 3 || esz == 64 || (B != 1 && !a->q && esz == 32) || a->vd == a->vm)
        return false;                              /* NYI: vshll #esize */
    unsigned n = get_lanes(s, a->vd, regs, esz, false, d);
    get_lanes(s, a->vm, regs, esz, false, m);
    for (unsigned i = 0; i < n; i++) {
        if (B == 1) {                              /* vtrn */
            od[i] = (i & 1) ? m[i - 1] : d[i];
            om[i] = (i & 1) ? m[i] : d[i + 1];
        } else if (B == 2) {                       /* vuzp: d:m de-interleaved */
            unsigned e = 2 * i;
            od[i] = e < n ? d[e] : m[e - n];
            om[i] = e + 1 < n ? d[e + 1] : m[e + 1 - n];
        } else {                                   /* vzip: d and m interleaved */
            unsigned e = i / 2;
            od[i] = (i & 1) ? m[e] : d[e];
            unsigned f = (n + i) / 2;
            om[i] = ((n + i) & 1) ? m[f] : d[f];
        }
    }
    put_lanes(s, a->vd, regs, esz, od);
    put_lanes(s, a->vm, regs, esz, om);
    return true;
}

static bool misc_a3(ArmCtx *s, const ArmArgs *a, unsigned B, unsigned esz, unsigned regs)
{
    IRBlock *b = s->b;
    IRRef l[4], o[4];
    if ((B & 0xc) != 0xc || esz != 32)
        return false;                              /* NYI: vrecpe, vrsqrte */
    unsigned op = B & 3, n = get_lanes(s, a->vm, regs, 32, false, l);
    IRRef idc = arm_k32(s, 0);
    for (unsigned i = 0; i < n; i++) {
        IRRef w = ir_unop(b, IR_TRUNC, IR_I32, l[i]);
        if (op < 2) {
            IRRef src = op == 0 ? w : ir_unop(b, IR_EXTU, IR_I64, w);
            IRRef f = ir_emit(b, IR_ITOF, IR_F32, 0, src, 0, 0);
            o[i] = ir_unop(b, IR_EXTU, IR_I64, ir_unop(b, IR_BITCAST, IR_I32, f));
        } else {
            /* flush a denormal input (IDC); out of range raises Invalid only */
            IRRef den = arm_bin(s, IR_AND, ir_setcc(b, IR_CC_EQ, arm_bin(s, IR_AND, w, arm_k32(s, 0x7f800000u)), arm_k32(s, 0)),
                                ir_setcc(b, IR_CC_NE, arm_bin(s, IR_AND, w, arm_k32(s, 0x007fffffu)), arm_k32(s, 0)));
            idc = arm_bin(s, IR_OR, idc, den);
            IRRef f = ir_unop(b, IR_BITCAST, IR_F32, ir_select(b, IR_I32, den, arm_k32(s, 0), w));
            if (op == 2) {
                o[i] = ir_unop(b, IR_EXTU, IR_I64, ir_emit(b, IR_FTOI, IR_I32, IR_RM_ZERO | IR_FTOI_SAT, f, 0, 0));
            } else {
                IRRef zero = ir_constf32(b, 0.0f), nanc;
                uint32_t nb = 0x7fc00000u;
                float nan;
                memcpy(&nan, &nb, sizeof nan);
                nanc = ir_constf32(b, nan);
                IRRef bad = arm_bin(s, IR_OR,
                                    ir_emit(b, IR_FCMP, IR_I32, IR_FC_LT | IR_FC_EQ | IR_FC_UN, f, ir_constf32(b, -1.0f), 0),
                                    ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT | IR_FC_EQ, f, ir_constf32(b, 4294967296.0f), 0));
                ir_emit(b, IR_FTOI, IR_I32, IR_RM_ZERO | IR_FTOI_SAT, ir_select(b, IR_F32, bad, nanc, zero), 0, 0);
                IRRef v = ir_emit(b, IR_FTOI, IR_I64, IR_RM_ZERO | IR_FTOI_SAT, ir_select(b, IR_F32, bad, zero, f), 0, 0);
                IRRef pos = ir_emit(b, IR_FCMP, IR_I32, IR_FC_GT, f, zero, 0);
                o[i] = ir_select(b, IR_I64, bad, ir_select(b, IR_I64, pos, k64(s, 0xffffffffull), k64(s, 0)), v);
            }
        }
    }
    put_lanes(s, a->vd, regs, 32, o);
    if (op >= 2) {
        IRRef f = ir_get(b, IR_I32, ARM_OFF(fpscr));
        arm_put(s, IR_I32, ARM_OFF(fpscr), arm_bin(s, IR_OR, f, ir_select(b, IR_I32, idc, arm_k32(s, ARM_FPSCR_IDC), arm_k32(s, 0))));
    }
    return true;
}

bool arm_trans_NVMISC(ArmCtx *s, const ArmArgs *a)
{
    uint32_t w = s->insn;
    unsigned A = (w >> 16) & 3, B = (w >> 7) & 15, esz = 8u << ((w >> 18) & 3), regs = a->q ? 2 : 1;
    if (a->q && ((a->vd | a->vm) & 1))
        return false;
    switch (A) {
    case 0: return misc_a0(s, a, B, esz, regs);
    case 1: return misc_a1(s, a, B, esz, regs);
    case 2: return misc_a2(s, a, B, esz, regs);
    default: return misc_a3(s, a, B, esz, regs);
    }
}

/* ---- vext, vtbl, vdup ------------------------------------------------------------------ */

bool arm_trans_NVEXT(ArmCtx *s, const ArmArgs *a)
{
    unsigned imm = (s->insn >> 8) & 15, regs = a->q ? 2 : 1;
    if ((!a->q && imm > 7) || (a->q && ((a->vd | a->vn | a->vm) & 1)))
        return false;
    IRRef c[4];
    for (unsigned r = 0; r < regs; r++) {
        c[r] = dget(s, a->vn + (int)r);
        c[regs + r] = dget(s, a->vm + (int)r);
    }
    IRRef out[2];
    for (unsigned k = 0; k < regs; k++) {
        unsigned j = imm / 8 + k, off = imm % 8;
        out[k] = off ? b64(s, IR_OR, b64(s, IR_SHR, c[j], k64(s, 8 * off)), b64(s, IR_SHL, c[j + 1], k64(s, 64 - 8 * off)))
                     : c[j];
    }
    for (unsigned k = 0; k < regs; k++)
        dput(s, a->vd + (int)k, out[k]);
    return true;
}

bool arm_trans_NVTBL(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    unsigned len = ((s->insn >> 8) & 3) + 1;
    bool tbx = s->insn >> 6 & 1;
    if (a->vn + (int)len > 32)
        return false;
    IRRef t[4];
    for (unsigned r = 0; r < len; r++)
        t[r] = dget(s, a->vn + (int)r);
    IRRef idx = dget(s, a->vm), d = dget(s, a->vd), acc = IR_NONE;
    for (unsigned i = 0; i < 8; i++) {
        IRRef x = lane(s, idx, i, 8, false);
        IRRef sel = t[0];
        IRRef reg = b64(s, IR_SHR, x, k64(s, 3));
        for (unsigned r = 1; r < len; r++)
            sel = ir_select(b, IR_I64, ir_setcc(b, IR_CC_EQ, reg, k64(s, r)), t[r], sel);
        IRRef byte = b64(s, IR_SHR, sel, b64(s, IR_SHL, b64(s, IR_AND, x, k64(s, 7)), k64(s, 3)));
        IRRef out = ir_setcc(b, IR_CC_GEU, x, k64(s, 8 * len));
        IRRef r = ir_select(b, IR_I64, out, tbx ? lane(s, d, i, 8, false) : k64(s, 0), byte);
        acc = insert(s, acc, r, i, 8);
    }
    dput(s, a->vd, acc);
    return true;
}

static IRRef replicate(ArmCtx *s, IRRef x, unsigned esz)      /* x zero-extended to i64 */
{
    static const uint64_t mul[4] = { 0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1 };
    unsigned k = esz == 8 ? 0 : esz == 16 ? 1 : esz == 32 ? 2 : 3;
    return b64(s, IR_MUL, x, k64(s, mul[k]));
}

bool arm_trans_NVDUP_S(ArmCtx *s, const ArmArgs *a)
{
    unsigned imm4 = (s->insn >> 16) & 15, esz, idx;
    if (imm4 & 1) { esz = 8; idx = imm4 >> 1; }
    else if (imm4 & 2) { esz = 16; idx = imm4 >> 2; }
    else if (imm4 & 4) { esz = 32; idx = imm4 >> 3; }
    else return false;
    if (a->q && (a->vd & 1))
        return false;
    IRRef v = replicate(s, lane(s, dget(s, a->vm), idx, esz, false), esz);
    dput(s, a->vd, v);
    if (a->q)
        dput(s, a->vd + 1, v);
    return true;
}

/* vdup.<size> Dd/Qd, rt (cp space; B = bit 22, Q = bit 21, E = bit 5) */
bool arm_trans_NVDUP_R(ArmCtx *s, const ArmArgs *a)
{
    uint32_t w = s->insn;
    unsigned be = (w >> 21 & 2) | (w >> 5 & 1), q = w >> 21 & 1;
    unsigned esz = be == 0 ? 32 : be == 1 ? 16 : be == 2 ? 8 : 0;
    if (!esz || a->rt == 15 || (q && (a->vd & 1)))
        return false;
    IRRef x = ir_unop(s->b, IR_EXTU, IR_I64, arm_reg(s, (unsigned)a->rt));
    if (esz < 32)
        x = b64(s, IR_AND, x, k64(s, lmask(esz)));
    IRRef v = replicate(s, x, esz);
    dput(s, a->vd, v);
    if (q)
        dput(s, a->vd + 1, v);
    return true;
}

/* vmov.<size> Dd[x], rt and vmov.<dt> rt, Dn[x] for 8- and 16-bit lanes */
bool arm_trans_NVMOV_SC(ArmCtx *s, const ArmArgs *a)
{
    uint32_t w = s->insn;
    unsigned opc = (w >> 21 & 3) << 2 | (w >> 5 & 3), esz, idx;
    bool to_core = w >> 20 & 1, u = w >> 23 & 1;
    if (opc & 8) { esz = 8; idx = opc & 7; }
    else if (opc & 1) { esz = 16; idx = opc >> 1; }
    else return false;                             /* 32-bit lanes: the VFP rows */
    if (a->rt == 15)
        return false;
    IRRef d = dget(s, a->vd);
    if (to_core) {
        IRRef l = lane(s, d, idx, esz, !u);
        arm_set_reg(s, (unsigned)a->rt, ir_unop(s->b, IR_TRUNC, IR_I32, l));
    } else {
        uint64_t m = lmask(esz) << (idx * esz);
        IRRef x = ir_unop(s->b, IR_EXTU, IR_I64, arm_reg(s, (unsigned)a->rt));
        IRRef v = b64(s, IR_OR, b64(s, IR_AND, d, k64(s, ~m)),
                      b64(s, IR_AND, b64(s, IR_SHL, x, k64(s, idx * esz)), k64(s, m)));
        dput(s, a->vd, v);
    }
    return true;
}

/* ---- element and structure loads and stores ----------------------------------------------- */

static void writeback(ArmCtx *s, const ArmArgs *a, IRRef base, unsigned bytes)
{
    if (a->rm == 15)
        return;
    IRRef inc = a->rm == 13 ? arm_k32(s, bytes) : arm_reg(s, (unsigned)a->rm);
    arm_set_reg(s, (unsigned)a->rn, arm_bin(s, IR_ADD, base, inc));
}

bool arm_trans_NVLDST(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    bool load = s->insn >> 21 & 1;
    unsigned type = (unsigned)a->op1, esz = 8u << a->size, eb = esz / 8;
    unsigned nst, regs, inc;
    switch (type) {
    case 7: nst = 1; regs = 1; inc = 1; break;
    case 10: nst = 1; regs = 2; inc = 1; break;
    case 6: nst = 1; regs = 3; inc = 1; break;
    case 2: nst = 1; regs = 4; inc = 1; break;
    case 8: nst = 2; regs = 1; inc = 1; break;
    case 9: nst = 2; regs = 1; inc = 2; break;
    case 3: nst = 2; regs = 2; inc = 2; break;
    case 4: nst = 3; regs = 1; inc = 1; break;
    case 5: nst = 3; regs = 1; inc = 2; break;
    case 0: nst = 4; regs = 1; inc = 1; break;
    case 1: nst = 4; regs = 1; inc = 2; break;
    default: return false;
    }
    if (a->rn == 15 || (nst > 1 && esz == 64))
        return false;
    unsigned total = nst == 1 ? regs : nst * regs;
    if (a->vd + (int)((nst - 1) * inc + regs) > 32 && !(nst == 2 && type == 3 && a->vd + 4 <= 32))
        return false;
    IRRef base = arm_reg(s, (unsigned)a->rn);
    IRRef addr0 = arm_pred_addr(s, base);
    if (nst == 1) {                                /* vld1/vst1: a straight copy */
        for (unsigned r = 0; r < regs; r++) {
            IRRef ad = r ? arm_bin(s, IR_ADD, addr0, arm_k32(s, 8 * r)) : addr0;
            if (load)
                dput(s, a->vd + (int)r, ir_load(b, IR_I64, 8, ad));
            else
                ir_store(b, IR_I64, 8, ad, dget(s, a->vd + (int)r));
        }
    } else {
        unsigned n = 64 / esz, off = 0;
        IRRef acc[8], cur[8];
        int dreg[8];
        unsigned nd = 0;
        /* dreg[r * nst + j]: register of member j in pass r (vld2 of four
         * registers: passes d/d+2 and d+1/d+3) */
        if (type == 3) {
            dreg[0] = a->vd; dreg[1] = a->vd + 2; dreg[2] = a->vd + 1; dreg[3] = a->vd + 3;
            nd = 4;
        } else {
            for (unsigned j = 0; j < nst; j++)
                dreg[j] = a->vd + (int)(j * inc);
            nd = nst;
        }
        for (unsigned k = 0; k < nd; k++) {
            acc[k] = IR_NONE;
            cur[k] = load ? IR_NONE : dget(s, dreg[k]);
        }
        for (unsigned r = 0; r < regs; r++)
            for (unsigned e = 0; e < n; e++)
                for (unsigned j = 0; j < nst; j++, off += eb) {
                    unsigned k = r * nst + j;
                    IRRef ad = off ? arm_bin(s, IR_ADD, addr0, arm_k32(s, off)) : addr0;
                    if (load) {
                        IRRef v = ir_unop(b, IR_EXTU, IR_I64, ir_load(b, IR_I32, eb, ad));
                        acc[k] = insert(s, acc[k], v, e, esz);
                    } else {
                        IRRef v = ir_unop(b, IR_TRUNC, IR_I32, lane(s, cur[k], e, esz, false));
                        ir_store(b, IR_I32, eb, ad, v);
                    }
                }
        if (load)
            for (unsigned k = 0; k < nd; k++)
                dput(s, dreg[k], acc[k]);
    }
    writeback(s, a, base, 8 * total);
    return true;
}

/* vldN/vstN (N = 1..4) of one lane, vldN to all lanes (N = bits 9..8 + 1):
 * element j of the structure is lane idx of D(d + j * inc). */
bool arm_trans_NVLDST1(ArmCtx *s, const ArmArgs *a)
{
    IRBlock *b = s->b;
    uint32_t w = s->insn;
    bool load = w >> 21 & 1;
    unsigned size = (w >> 10) & 3, nst = ((w >> 8) & 3) + 1, ia = (w >> 4) & 15;
    if (a->rn == 15)
        return false;
    IRRef base = arm_reg(s, (unsigned)a->rn);
    IRRef ad = arm_pred_addr(s, base);
    if (size == 3) {                               /* to all lanes */
        unsigned sz = (w >> 6) & 3, esz = 8u << sz, t = w >> 5 & 1;
        unsigned regs = nst == 1 ? t + 1 : nst, inc = nst == 1 ? 1 : t + 1;
        if (!load || sz == 3 || a->vd + (int)((regs - 1) * inc) > 31)
            return false;
        IRRef v[4];
        for (unsigned j = 0; j < nst; j++) {
            IRRef aj = j ? arm_bin(s, IR_ADD, ad, arm_k32(s, j * esz / 8)) : ad;
            v[j] = replicate(s, ir_unop(b, IR_EXTU, IR_I64, ir_load(b, IR_I32, esz / 8, aj)), esz);
        }
        for (unsigned r = 0; r < regs; r++)
            dput(s, a->vd + (int)(r * inc), v[nst == 1 ? 0 : r]);
        writeback(s, a, base, nst * esz / 8);
        return true;
    }
    unsigned esz = 8u << size, idx = ia >> (size + 1);
    unsigned inc = size == 0 ? 1 : size == 1 ? ((ia >> 1) & 1) + 1 : ((ia >> 2) & 1) + 1;
    if (nst == 1)
        inc = 1;
    if (a->vd + (int)((nst - 1) * inc) > 31)
        return false;
    IRRef val[4];
    for (unsigned j = 0; j < nst; j++) {
        IRRef aj = j ? arm_bin(s, IR_ADD, ad, arm_k32(s, j * esz / 8)) : ad;
        int dr = a->vd + (int)(j * inc);
        IRRef d = dget(s, dr);
        if (load) {
            uint64_t m = lmask(esz) << (idx * esz);
            IRRef v = ir_unop(b, IR_EXTU, IR_I64, ir_load(b, IR_I32, esz / 8, aj));
            val[j] = b64(s, IR_OR, b64(s, IR_AND, d, k64(s, ~m)), b64(s, IR_SHL, v, k64(s, idx * esz)));
        } else {
            ir_store(b, IR_I32, esz / 8, aj, ir_unop(b, IR_TRUNC, IR_I32, lane(s, d, idx, esz, false)));
        }
    }
    if (load)
        for (unsigned j = 0; j < nst; j++)
            dput(s, a->vd + (int)(j * inc), val[j]);
    writeback(s, a, base, nst * esz / 8);
    return true;
}
