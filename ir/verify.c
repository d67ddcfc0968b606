/*
 * verify.c - the IR verifier: every rule of ir.h and ir_ops.def, checked.
 *
 * Rules, in the order they are checked for each instruction:
 *  - the op and type are known; value ops have a type, ops flagged NOVAL
 *    have none (PUT and STORE carry the stored value's type);
 *  - operands follow the kinds in ir_ops.def: an R operand is a ref to an
 *    earlier instruction that produces a value, an N operand is 0 (or
 *    IR_NONE); aux is 0 for ops that give it no meaning;
 *  - type rules per op (see check_types below and docs/ir.md);
 *  - exactly one terminator, and it is the last instruction.
 * The first broken rule stops the check: the whole block is printed with
 * the bad instruction marked and the rule named.
 *
 * ir_verify_enabled starts true in debug builds (XBT_DEBUG) and when the
 * environment has XBT_VERIFY=1 (XBT_VERIFY=0 turns it off); the runtime may
 * set it from its command line as well.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

#ifdef XBT_DEBUG
bool ir_verify_enabled = true;
#else
bool ir_verify_enabled = false;
#endif

__attribute__((constructor)) static void ir_verify_env(void)
{
    const char *e = getenv("XBT_VERIFY");
    if (e && *e)
        ir_verify_enabled = strcmp(e, "0") != 0;
}

typedef struct VCtx {
    const IRBlock *b;
    IRRef r;               /* instruction being checked */
    const char *why;       /* broken rule, NULL while all is well */
    char buf[160];
} VCtx;

static bool fail(VCtx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(VCtx *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->buf, sizeof v->buf, fmt, ap);
    va_end(ap);
    v->why = v->buf;
    return false;
}

static bool is_int(unsigned t) { return t == IR_I32 || t == IR_I64; }
static bool is_fp(unsigned t) { return t == IR_F32 || t == IR_F64; }
static unsigned type_size(unsigned t) { return t == IR_I64 || t == IR_F64 ? 8 : 4; }

/* Type of operand k (a/b/c = 0/1/2) of the current instruction. */
static unsigned opty(const VCtx *v, uint32_t ref)
{
    return v->b->insn[ref].type;
}

static bool want(VCtx *v, const char *what, uint32_t ref, unsigned t)
{
    if (opty(v, ref) != t)
        return fail(v, "%s %%%u must be %s, is %s", what, ref, ir_type_name((IRType)t),
                    ir_type_name((IRType)opty(v, ref)));
    return true;
}

static bool check_ref(VCtx *v, const char *what, uint32_t ref)
{
    if (ref == IR_NONE)
        return fail(v, "%s is missing (IR_NONE)", what);
    if (ref >= v->r)
        return fail(v, "%s %%%u does not refer to an earlier instruction", what, ref);
    const IRInsn *d = &v->b->insn[ref];
    if (d->op >= IR_NOPS || (ir_op_info[d->op].flags & IR_OF_NOVAL) || d->type == IR_VOID)
        return fail(v, "%s %%%u refers to an instruction without a value", what, ref);
    return true;
}

static bool check_mem(VCtx *v, const IRInsn *i, bool store)
{
    unsigned size = i->aux & IR_MEM_SIZE_MASK;
    if (i->aux & ~(IR_MEM_SIZE_MASK | IR_MEM_SIGNED | IR_MEM_BE))
        return fail(v, "memop aux 0x%x has unknown bits", i->aux);
    if (size != 1 && size != 2 && size != 4 && size != 8)
        return fail(v, "memop size %u is not 1, 2, 4 or 8", size);
    if ((i->aux & IR_MEM_SIGNED) && (store || size > 2))
        return fail(v, "IR_MEM_SIGNED only on 1- and 2-byte loads");
    if (i->op == IR_CMPXCHG) {
        if (!(is_int(i->type) && (size == 8) == (i->type == IR_I64)))
            return fail(v, "cmpxchg of %u bytes cannot have type %s", size,
                        ir_type_name((IRType)i->type));
        return true;
    }
    bool ok = size <= 2 ? i->type == IR_I32
            : size == 4 ? i->type == IR_I32 || i->type == IR_F32
            : i->type == IR_I64 || i->type == IR_F64;
    if (!ok)
        return fail(v, "%u-byte %s cannot have type %s", size, store ? "store" : "load",
                    ir_type_name((IRType)i->type));
    return true;
}

static bool uses_aux(unsigned op)
{
    switch (op) {
    case IR_LOAD: case IR_STORE: case IR_CMPXCHG: case IR_SETCC: case IR_FCMP:
    case IR_FTOI: case IR_CALL: case IR_TRAP: case IR_TRAP_IF:
        return true;
    default:
        return false;
    }
}

static bool check_call(VCtx *v, const IRInsn *i)
{
    const IRHelper *h = ir_helper_get(i->aux);
    const uint32_t args[3] = { i->a, i->b, i->c };
    static const char *const names[3] = { "argument 0", "argument 1", "argument 2" };
    if (!h)
        return fail(v, "call names no registered helper (id %u)", i->aux);
    if (i->type != h->ret)
        return fail(v, "call type %s differs from helper %s's return type %s",
                    ir_type_name((IRType)i->type), h->name, ir_type_name((IRType)h->ret));
    for (unsigned k = 0; k < 3; k++) {
        if (k >= h->nargs) {
            if (args[k] != IR_NONE)
                return fail(v, "%s given to helper %s, which takes %u", names[k], h->name, h->nargs);
            continue;
        }
        if (!check_ref(v, names[k], args[k]) || !want(v, names[k], args[k], h->arg[k]))
            return false;
    }
    return true;
}

/* Type rules; operands are known to be valid refs here. */
static bool check_types(VCtx *v, const IRInsn *i)
{
    unsigned t = i->type, ta = 0;
    if (ir_op_info[i->op].kind[0] == IR_K_R && i->op != IR_CALL)
        ta = opty(v, i->a);

    switch (i->op) {
    case IR_CONST:
        if (t == IR_VOID)
            return fail(v, "const needs a type");
        if ((t == IR_I32 || t == IR_F32) && i->b != 0)
            return fail(v, "32-bit const with non-zero high word");
        return true;
    case IR_GET:
        return t != IR_VOID || fail(v, "get needs a type");
    case IR_PUT:
        if (t == IR_VOID)
            return fail(v, "put needs the value's type");
        return want(v, "value", i->b, t);
    case IR_LOAD:
        return want(v, "address", i->a, IR_I32) && check_mem(v, i, false);
    case IR_STORE:
        return want(v, "address", i->a, IR_I32) && want(v, "value", i->b, t) &&
               check_mem(v, i, true);
    case IR_CMPXCHG:
        return want(v, "address", i->a, IR_I32) && check_mem(v, i, false) &&
               want(v, "expected value", i->b, t) && want(v, "new value", i->c, t);
    case IR_FENCE: case IR_INSN: case IR_GOTO: case IR_TRAP:
        return true;
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_DIVS: case IR_DIVU: case IR_REMS:
    case IR_REMU: case IR_AND: case IR_OR: case IR_XOR: case IR_SHL: case IR_SHR:
    case IR_SAR: case IR_ROTR:
        if (!is_int(t))
            return fail(v, "integer op with type %s", ir_type_name((IRType)t));
        return want(v, "operand a", i->a, t) && want(v, "operand b", i->b, t);
    case IR_NOT: case IR_NEG: case IR_CLZ: case IR_BSWAP:
        if (!is_int(t))
            return fail(v, "integer op with type %s", ir_type_name((IRType)t));
        return want(v, "operand", i->a, t);
    case IR_SEXT8: case IR_SEXT16: case IR_ZEXT8: case IR_ZEXT16:
        return (t == IR_I32 || fail(v, "narrow extension must be i32")) &&
               want(v, "operand", i->a, IR_I32);
    case IR_EXTS: case IR_EXTU:
        return (t == IR_I64 || fail(v, "exts/extu give i64")) && want(v, "operand", i->a, IR_I32);
    case IR_TRUNC:
        return (t == IR_I32 || fail(v, "trunc gives i32")) && want(v, "operand", i->a, IR_I64);
    case IR_SETCC:
        if (t != IR_I32)
            return fail(v, "setcc gives i32");
        if (i->aux >= IR_NCC)
            return fail(v, "setcc condition %u unknown", i->aux);
        if (!is_int(ta))
            return fail(v, "setcc compares i32 or i64, not %s", ir_type_name((IRType)ta));
        return want(v, "operand b", i->b, ta);
    case IR_SELECT:
        if (t == IR_VOID)
            return fail(v, "select needs a type");
        return want(v, "condition", i->a, IR_I32) && want(v, "operand b", i->b, t) &&
               want(v, "operand c", i->c, t);
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV:
        if (!is_fp(t))
            return fail(v, "FP op with type %s", ir_type_name((IRType)t));
        return want(v, "operand a", i->a, t) && want(v, "operand b", i->b, t);
    case IR_FSQRT: case IR_FABS: case IR_FNEG:
        if (!is_fp(t))
            return fail(v, "FP op with type %s", ir_type_name((IRType)t));
        return want(v, "operand", i->a, t);
    case IR_FMA:
        if (!is_fp(t))
            return fail(v, "FP op with type %s", ir_type_name((IRType)t));
        return want(v, "operand a", i->a, t) && want(v, "operand b", i->b, t) &&
               want(v, "operand c", i->c, t);
    case IR_FCMP:
        if (t != IR_I32)
            return fail(v, "fcmp gives i32");
        if (i->aux & ~0x1fu)
            return fail(v, "fcmp mask 0x%x has unknown bits", i->aux);
        if (!is_fp(ta))
            return fail(v, "fcmp compares f32 or f64, not %s", ir_type_name((IRType)ta));
        return want(v, "operand b", i->b, ta);
    case IR_FCVT:
        if (!is_fp(t) || !is_fp(ta) || t == ta)
            return fail(v, "fcvt converts f32 <-> f64, not %s -> %s",
                        ir_type_name((IRType)ta), ir_type_name((IRType)t));
        return true;
    case IR_ITOF:
        if (!is_fp(t) || !is_int(ta))
            return fail(v, "itof converts i32/i64 -> f32/f64, not %s -> %s",
                        ir_type_name((IRType)ta), ir_type_name((IRType)t));
        return true;
    case IR_FTOI:
        if (!is_int(t) || !is_fp(ta))
            return fail(v, "ftoi converts f32/f64 -> i32/i64, not %s -> %s",
                        ir_type_name((IRType)ta), ir_type_name((IRType)t));
        if ((i->aux & IR_RM_MASK) > IR_RM_DYNAMIC ||
            (i->aux & ~(IR_RM_MASK | IR_FTOI_POLICY_MASK)))
            return fail(v, "ftoi aux 0x%x is not a rounding mode and policy", i->aux);
        return true;
    case IR_BITCAST:
        if (t == IR_VOID || is_int(t) == is_int(ta) || type_size(t) != type_size(ta))
            return fail(v, "bitcast is i32 <-> f32 or i64 <-> f64, not %s -> %s",
                        ir_type_name((IRType)ta), ir_type_name((IRType)t));
        return true;
    case IR_DEFNAN: {
        uint64_t nan;
        if (!is_fp(t))
            return fail(v, "defnan with type %s", ir_type_name((IRType)t));
        if (!want(v, "operand", i->a, t) || !want(v, "default NaN", i->b, t))
            return false;
        if (!ir_is_const(v->b, i->b, &nan))
            return fail(v, "default NaN %%%u must be a const", i->b);
        bool isnan = t == IR_F32 ? (nan & 0x7f800000u) == 0x7f800000u && (nan & 0x7fffffu)
                                 : (nan & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
                                   (nan & 0xfffffffffffffull);
        return isnan || fail(v, "default NaN %%%u is not a NaN", i->b);
    }
    case IR_CALL:
        return check_call(v, i);
    case IR_EXIT_IF: case IR_TRAP_IF:
        return want(v, "condition", i->a, IR_I32);
    case IR_JUMP:
        return want(v, "target", i->a, IR_I32);
    }
    return fail(v, "op %u has no type rule", i->op);
}

static bool check_insn(VCtx *v, const IRInsn *i)
{
    static const char *const names[3] = { "operand a", "operand b", "operand c" };
    const uint32_t ops[3] = { i->a, i->b, i->c };

    if (i->op >= IR_NOPS)
        return fail(v, "unknown op %u", i->op);
    const IROpInfo *oi = &ir_op_info[i->op];
    if (i->type >= IR_NTYPES)
        return fail(v, "unknown type %u", i->type);
    if ((oi->flags & IR_OF_NOVAL) && i->type != IR_VOID && i->op != IR_PUT && i->op != IR_STORE)
        return fail(v, "%s produces no value but has type %s", oi->name,
                    ir_type_name((IRType)i->type));
    if (!uses_aux(i->op) && i->aux != 0)
        return fail(v, "%s has aux 0x%x but gives aux no meaning", oi->name, i->aux);
    if (i->op != IR_CALL) {
        for (int k = 0; k < 3; k++) {
            if (oi->kind[k] == IR_K_R && !check_ref(v, names[k], ops[k]))
                return false;
            if (oi->kind[k] == IR_K_N && ops[k] != 0 && ops[k] != IR_NONE)
                return fail(v, "%s must be empty for %s", names[k], oi->name);
        }
    }
    if (!check_types(v, i))
        return false;
    if ((oi->flags & IR_OF_TERM) && v->r != v->b->n - 1)
        return fail(v, "terminator %s is not the last instruction", oi->name);
    if (!(oi->flags & IR_OF_TERM) && v->r == v->b->n - 1)
        return fail(v, "the block does not end with a terminator (goto, jump, trap)");
    return true;
}

static void report(const VCtx *v, FILE *f)
{
    char line[256];
    fprintf(f, "IR verify: block 0x%x: %04u: %s\n", v->b->guest_pc, v->r, v->why);
    for (IRRef r = 0; r < v->b->n; r++) {
        ir_format_insn(v->b, r, line, sizeof line);
        if (r == v->r)
            fprintf(f, ">> %s    <-- %s\n", line, v->why);
        else
            fprintf(f, "   %s\n", line);
    }
}

bool ir_verify(const IRBlock *b, FILE *f)
{
    VCtx v = { .b = b };
    if (b->n == 0) {
        if (f)
            fprintf(f, "IR verify: block 0x%x: empty block (no terminator)\n", b->guest_pc);
        return false;
    }
    for (v.r = 0; v.r < b->n; v.r++) {
        if (!check_insn(&v, &b->insn[v.r])) {
            if (f)
                report(&v, f);
            return false;
        }
    }
    return true;
}

void ir_check(const IRBlock *b, const char *after_pass)
{
    if (!ir_verify_enabled)
        return;
    if (!ir_verify(b, stderr)) {
        fprintf(stderr, "xbt: IR verification failed after %s\n", after_pass ? after_pass : "?");
        abort();
    }
}
