/*
 * opt_fold.c - constant folding, algebraic identities and copy propagation.
 *
 * One forward sweep.  Each instruction's operands are first redirected
 * through repl[] (repl[r] = the value r turned out to equal), then the
 * instruction is simplified:
 *   - all operands constant: evaluated by ir_eval (the interpreter's own
 *     semantics) and rewritten in place into a CONST;
 *   - identities that give one of the operands (x+0, x|0, x&-1, x*1, x/1,
 *     shift or rotate by 0 mod width, select of equal arms or of a constant
 *     condition, not(not x), trunc(ext x), bitcast(bitcast x), extension of
 *     an already extended value, ...): repl[r] = that operand, so every later
 *     use is redirected and r becomes dead (DCE removes it);
 *   - identities that give a constant or a cheaper op (x&0, x*0, x-x, x^x,
 *     setcc x,x, x/-1 -> neg x, 0-x -> neg x, setcc.eq (setcc ...), 0 ->
 *     inverted setcc) rewrite r in place;
 *   - value numbering: a CONST, or a pure op that does not touch the FP
 *     environment, equal to an earlier one is replaced by it;
 *   - canonical forms for backends: a constant operand of a commutative
 *     integer op or of SETCC goes to the right (SETCC's condition is
 *     swapped); two refs of a commutative op are ordered lower first;
 *   - exits with a constant condition: never taken -> removed, always taken
 *     -> becomes GOTO/TRAP and the rest of the block is cut off; a JUMP to a
 *     constant becomes a (chainable) GOTO.
 * ir_opt_copy runs only the identities that give an operand: it never
 * rewrites an instruction, it only redirects uses.
 *
 * No FP operation that depends on or changes the FP environment is folded
 * (ir_eval refuses those).  An instruction removed here is rewritten as a
 * dead `const i32 0`, which ir_opt_dce deletes.
 *
 * NYI: reassociation of constants ((x+c1)+c2) and multiplication by a power
 * of two -> shift; both need a new CONST inserted before the instruction.
 */
#include <stdlib.h>
#include <string.h>

#include "ir.h"

static __thread uint32_t *fold_buf;
static __thread size_t fold_cap;

static uint32_t *fold_scratch(size_t n)
{
    if (n > fold_cap) {
        size_t cap = n < 1024 ? 1024 : n * 2;
        uint32_t *p = realloc(fold_buf, cap * sizeof *p);
        if (!p) {
            fprintf(stderr, "xbt: out of memory in ir_opt_fold\n");
            abort();
        }
        fold_buf = p;
        fold_cap = cap;
    }
    return fold_buf;
}

enum { R_CUT = 0xfffffffeu };   /* fold result: block cut after this insn */

static void set_const(IRInsn *i, IRType t, uint64_t v)
{
    i->op = IR_CONST;
    i->type = (uint8_t)t;
    i->aux = 0;
    i->a = (uint32_t)v;
    i->b = (t == IR_I64 || t == IR_F64) ? (uint32_t)(v >> 32) : 0;
    i->c = 0;
}

static void set_dead(IRInsn *i)
{
    set_const(i, IR_I32, 0);
}

static inline bool kconst(const IRBlock *b, IRRef r, uint64_t *v)
{
    const IRInsn *d = &b->insn[r];      /* r is a valid ref here */
    if (d->op != IR_CONST)
        return false;
    *v = (uint64_t)d->b << 32 | d->a;
    return true;
}

/* Is r's value always 0 or 1 (a comparison)? */
static bool is_bool(const IRBlock *b, IRRef r)
{
    unsigned op = b->insn[r].op;
    return op == IR_SETCC || op == IR_FCMP;
}

static const uint8_t cc_swap[IR_NCC] = {      /* a cc b  ==  b swap(cc) a */
    [IR_CC_EQ] = IR_CC_EQ, [IR_CC_NE] = IR_CC_NE,
    [IR_CC_LTS] = IR_CC_GTS, [IR_CC_LES] = IR_CC_GES,
    [IR_CC_GTS] = IR_CC_LTS, [IR_CC_GES] = IR_CC_LES,
    [IR_CC_LTU] = IR_CC_GTU, [IR_CC_LEU] = IR_CC_GEU,
    [IR_CC_GTU] = IR_CC_LTU, [IR_CC_GEU] = IR_CC_LEU,
};

static const uint8_t cc_invert[IR_NCC] = {    /* !(a cc b)  ==  a inv(cc) b */
    [IR_CC_EQ] = IR_CC_NE, [IR_CC_NE] = IR_CC_EQ,
    [IR_CC_LTS] = IR_CC_GES, [IR_CC_LES] = IR_CC_GTS,
    [IR_CC_GTS] = IR_CC_LES, [IR_CC_GES] = IR_CC_LTS,
    [IR_CC_LTU] = IR_CC_GEU, [IR_CC_LEU] = IR_CC_GTU,
    [IR_CC_GTU] = IR_CC_LEU, [IR_CC_GEU] = IR_CC_LTU,
};

/* Value of `a cc a`. */
static bool cc_reflexive(unsigned cc)
{
    return cc == IR_CC_EQ || cc == IR_CC_LES || cc == IR_CC_GES ||
           cc == IR_CC_LEU || cc == IR_CC_GEU;
}

/* ---- identities giving an operand (used by fold and copy) ------------- */

/* Returns the ref r equals, or r itself. */
static IRRef copy_of(const IRBlock *b, IRRef r)
{
    const IRInsn *i = &b->insn[r];
    IRType t = (IRType)i->type;
    uint64_t ones = t == IR_I64 ? ~0ull : 0xffffffffull;
    unsigned width = t == IR_I64 ? 64 : 32;
    uint64_t x, y = 0;
    bool ky = false;

    if (i->op >= IR_ADD && i->op <= IR_ROTR)
        ky = kconst(b, i->b, &y);

    switch (i->op) {
    case IR_ADD: case IR_SUB: case IR_OR: case IR_XOR:
        if (ky && y == 0)
            return i->a;
        if (i->op == IR_ADD && kconst(b, i->a, &x) && x == 0)
            return i->b;
        if (i->op == IR_OR && i->a == i->b)
            return i->a;
        break;
    case IR_AND:
        if ((ky && y == ones) || i->a == i->b)
            return i->a;
        break;
    case IR_MUL: case IR_DIVS: case IR_DIVU:
        if (ky && y == 1)
            return i->a;
        break;
    case IR_REMS: case IR_REMU:
        if (ky && y == 0)       /* x % 0 = x */
            return i->a;
        break;
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTR:
        if (ky && (y & (width - 1)) == 0)
            return i->a;
        break;
    case IR_NOT: case IR_NEG: case IR_BSWAP: case IR_FNEG: {
        const IRInsn *d = &b->insn[i->a];
        if (d->op == i->op)
            return d->a;
        break;
    }
    case IR_FABS:
        if (b->insn[i->a].op == IR_FABS)
            return i->a;
        break;
    case IR_TRUNC: {
        const IRInsn *d = &b->insn[i->a];
        if (d->op == IR_EXTS || d->op == IR_EXTU)
            return d->a;
        break;
    }
    case IR_BITCAST: {
        const IRInsn *d = &b->insn[i->a];
        if (d->op == IR_BITCAST)
            return d->a;
        break;
    }
    case IR_SEXT8: case IR_SEXT16: case IR_ZEXT8: case IR_ZEXT16: {
        const IRInsn *d = &b->insn[i->a];
        unsigned size = d->aux & IR_MEM_SIZE_MASK;
        bool sgn = (d->aux & IR_MEM_SIGNED) != 0;
        switch (i->op) {
        case IR_SEXT8:
            if (d->op == IR_SEXT8 || (d->op == IR_LOAD && size == 1 && sgn))
                return i->a;
            break;
        case IR_SEXT16:
            if (d->op == IR_SEXT8 || d->op == IR_SEXT16 ||
                (d->op == IR_LOAD && size <= 2 && sgn))
                return i->a;
            break;
        case IR_ZEXT8:
            if (d->op == IR_ZEXT8 || (d->op == IR_LOAD && size == 1 && !sgn))
                return i->a;
            break;
        default:
            if (d->op == IR_ZEXT8 || d->op == IR_ZEXT16 || is_bool(b, i->a) ||
                (d->op == IR_LOAD && size <= 2 && !sgn))
                return i->a;
            break;
        }
        if (i->op == IR_ZEXT8 && is_bool(b, i->a))
            return i->a;
        break;
    }
    case IR_SELECT:
        if (i->b == i->c)
            return i->b;
        if (kconst(b, i->a, &x))
            return (uint32_t)x ? i->b : i->c;
        break;
    case IR_SETCC:
        /* (bool != 0) is the bool itself */
        if (i->aux == IR_CC_NE && kconst(b, i->b, &y) && y == 0 && is_bool(b, i->a))
            return i->a;
        break;
    case IR_DEFNAN: {
        const IRInsn *d = &b->insn[i->a];
        if (d->op == IR_DEFNAN && d->b == i->b)
            return i->a;
        break;
    }
    default:
        break;
    }
    return r;
}

/* ---- in-place rewrites (fold only) ------------------------------------ */

static bool is_pure_value(const IRInsn *i)
{
    unsigned f = ir_op_info[i->op].flags;
    return !(f & (IR_OF_SIDE | IR_OF_NOVAL)) && i->op != IR_CALL && i->op != IR_CONST &&
           i->op != IR_GET;
}

static bool try_const(IRBlock *b, IRInsn *i)
{
    uint64_t v[3] = { 0, 0, 0 }, res;
    const IROpInfo *oi = &ir_op_info[i->op];
    const uint32_t ops[3] = { i->a, i->b, i->c };
    IRType ta = IR_VOID;

    if (!is_pure_value(i))
        return false;
    for (int k = 0; k < 3; k++)
        if (oi->kind[k] == IR_K_R && !kconst(b, ops[k], &v[k]))
            return false;
    if (oi->kind[0] == IR_K_R)
        ta = (IRType)b->insn[i->a].type;
    if (!ir_eval((IROp)i->op, (IRType)i->type, ta, i->aux, v[0], v[1], v[2], &res))
        return false;
    set_const(i, (IRType)i->type, res);
    return true;
}

/* Returns true if i was rewritten into a CONST. */
static bool fold_algebra(IRBlock *b, IRInsn *i)
{
    IRType t = (IRType)i->type;
    uint64_t ones = t == IR_I64 ? ~0ull : 0xffffffffull;
    uint64_t x = 0, y = 0;
    bool kx, ky;

    /* Integer ops only: swapping FP operands can change which NaN wins. */
    if ((ir_op_info[i->op].flags & IR_OF_COMM) && i->op >= IR_ADD && i->op <= IR_ROTR) {
        bool ka = kconst(b, i->a, &x), kb = kconst(b, i->b, &y);
        if ((ka && !kb) || (ka == kb && i->a > i->b)) {   /* constant right, else by ref */
            uint32_t tmp = i->a;
            i->a = i->b;
            i->b = tmp;
        }
    }
    if (i->op == IR_SETCC && kconst(b, i->a, &x) && !kconst(b, i->b, &y)) {
        uint32_t tmp = i->a;
        i->a = i->b;
        i->b = tmp;
        i->aux = cc_swap[i->aux];
    }
    if (!(i->op >= IR_ADD && i->op <= IR_ROTR) && i->op != IR_SETCC)
        return false;

    kx = kconst(b, i->a, &x);
    ky = kconst(b, i->b, &y);
    switch (i->op) {
    case IR_SUB:
        if (i->a == i->b)
            return set_const(i, t, 0), true;
        if (kx && x == 0) {             /* 0 - y = neg y */
            i->op = IR_NEG;
            i->a = i->b;
            i->b = 0;
        }
        return false;
    case IR_XOR:
        if (i->a == i->b)
            return set_const(i, t, 0), true;
        return false;
    case IR_AND: case IR_MUL:
        if (ky && y == 0)
            return set_const(i, t, 0), true;
        return false;
    case IR_OR:
        if (ky && y == ones)
            return set_const(i, t, ones), true;
        return false;
    case IR_DIVS:
        if (ky && y == 0)               /* x / 0 = 0 */
            return set_const(i, t, 0), true;
        if (ky && y == ones) {          /* x / -1 = -x, MIN / -1 = MIN */
            i->op = IR_NEG;
            i->b = 0;
        }
        return false;
    case IR_DIVU:
        if (ky && y == 0)
            return set_const(i, t, 0), true;
        return false;
    case IR_REMS:
        if (ky && (y == 1 || y == ones))
            return set_const(i, t, 0), true;
        return false;
    case IR_REMU:
        if (ky && y == 1)
            return set_const(i, t, 0), true;
        return false;
    case IR_SHL: case IR_SHR: case IR_ROTR:
        if (kx && x == 0)
            return set_const(i, t, 0), true;
        return false;
    case IR_SAR:
        if (kx && (x == 0 || x == ones))
            return set_const(i, t, x), true;
        return false;
    case IR_SETCC:
        if (i->a == i->b)
            return set_const(i, IR_I32, cc_reflexive(i->aux)), true;
        if (ky && y == 0 && (i->aux == IR_CC_LTU || i->aux == IR_CC_GEU))
            return set_const(i, IR_I32, i->aux == IR_CC_GEU), true;
        if (ky && y == 0 && i->aux == IR_CC_EQ && is_bool(b, i->a)) {
            const IRInsn *d = &b->insn[i->a];   /* !(cmp) = inverted cmp */
            *i = *d;
            if (d->op == IR_SETCC)
                i->aux = cc_invert[d->aux];
            else
                i->aux = (uint16_t)(d->aux ^ (IR_FC_LT | IR_FC_EQ | IR_FC_GT | IR_FC_UN));
        }
        return false;
    default:
        return false;
    }
}

/* Exits with a constant condition.  Returns R_CUT when the block ends here. */
static IRRef fold_exit(IRBlock *b, IRRef r)
{
    IRInsn *i = &b->insn[r];
    uint64_t c;
    if (!kconst(b, i->a, &c))
        return r;
    switch (i->op) {
    case IR_EXIT_IF:
        if (!(uint32_t)c) {
            set_dead(i);
            return r;
        }
        *i = (IRInsn){ .op = IR_GOTO, .type = IR_VOID, .a = i->b };
        return R_CUT;
    case IR_TRAP_IF:
        if (!(uint32_t)c) {
            set_dead(i);
            return r;
        }
        *i = (IRInsn){ .op = IR_TRAP, .type = IR_VOID, .aux = i->aux, .a = i->b, .b = i->c };
        return R_CUT;
    case IR_JUMP:
        *i = (IRInsn){ .op = IR_GOTO, .type = IR_VOID, .a = (uint32_t)c };
        return r;
    default:
        return r;
    }
}

/* ---- the sweep -------------------------------------------------------- */

/* Value numbering: a CONST, or a pure op that does not touch the FP
 * environment, equal (op, type, aux, operands) to an earlier instruction is
 * replaced by it.  tab holds refs (IR_NONE = empty), open addressing. */
static bool shareable(const IRInsn *i)
{
    switch (i->op) {
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT: case IR_FMA:
    case IR_FCMP: case IR_FCVT: case IR_ITOF: case IR_FTOI:
        return false;     /* rounding and flags may change in between */
    default:
        return i->op == IR_CONST || is_pure_value(i);
    }
}

static IRRef value_share(const IRBlock *b, uint32_t *tab, uint32_t mask, IRRef r)
{
    const IRInsn *i = &b->insn[r];
    uint32_t h = (i->a * 0x9e3779b1u ^ i->b * 0x85ebca6bu ^ i->c * 0xc2b2ae35u ^
                  (uint32_t)i->op << 24 ^ (uint32_t)i->type << 16 ^ i->aux) * 0x27d4eb2fu;
    h = (h ^ h >> 15) & mask;
    while (tab[h] != IR_NONE) {
        const IRInsn *o = &b->insn[tab[h]];
        if (o->op == i->op && o->type == i->type && o->aux == i->aux && o->a == i->a &&
            o->b == i->b && o->c == i->c)
            return tab[h];
        h = (h + 1) & mask;
    }
    tab[h] = r;
    return r;
}

static void simplify(IRBlock *b, bool fold)
{
    uint32_t size = 64;
    while (size < 2 * b->n)
        size *= 2;
    uint32_t *repl = fold_scratch((size_t)b->n + size);
    uint32_t *tab = repl + b->n;
    if (fold)
        memset(tab, 0xff, (size_t)size * sizeof *tab);

    for (IRRef r = 0; r < b->n; r++) {
        IRInsn *i = &b->insn[r];
        const IROpInfo *oi = &ir_op_info[i->op];
        IRRef s = r;

        repl[r] = r;
        if (oi->kind[0] == IR_K_R && i->a != IR_NONE)
            i->a = repl[i->a];
        if (oi->kind[1] == IR_K_R && i->b != IR_NONE)
            i->b = repl[i->b];
        if (oi->kind[2] == IR_K_R && i->c != IR_NONE)
            i->c = repl[i->c];

        if (fold) {
            if (i->op == IR_EXIT_IF || i->op == IR_TRAP_IF || i->op == IR_JUMP) {
                if (fold_exit(b, r) == R_CUT) {
                    b->n = r + 1;
                    break;
                }
                continue;
            }
            if (i->op != IR_CONST && !try_const(b, i))
                fold_algebra(b, i);
        }
        if (i->type != IR_VOID && is_pure_value(i))
            s = copy_of(b, r);
        if (fold && s == r && shareable(i))
            s = value_share(b, tab, size - 1, r);
        repl[r] = s;
    }
}

void ir_opt_fold(IRBlock *b)
{
    simplify(b, true);
}

void ir_opt_copy(IRBlock *b)
{
    simplify(b, false);
}
