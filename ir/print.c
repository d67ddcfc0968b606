/*
 * print.c - the IR printer.  Its format is stable: golden tests and -d op
 * output depend on it, so change it only together with tests/unit/test_ir.c
 * and docs/ir.md.
 *
 * One line per instruction:  `NNNN name   type operands`
 *   NNNN      the ref, %04u
 *   name      the op name in lower case with op-specific suffixes
 *             (load.4be, setcc.ltu, fcmp.ult, ftoi.rz.sat, trap.syscall),
 *             padded to 6 columns and followed by one space
 *   type      the result type (for PUT/STORE the stored value's type);
 *             omitted for ops without one (insn, exits, fence, void calls)
 *   operands  %N for refs, [off] for state offsets, 0x.. for PCs, literals
 *             and constants; calls print helper(args)
 * Nothing is printed after the last operand (no trailing blanks).
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "ir.h"

static const char *const type_names[IR_NTYPES] = { "void", "i32", "i64", "f32", "f64" };

const char *ir_type_name(IRType t)
{
    return (unsigned)t < IR_NTYPES ? type_names[t] : "type?";
}

static const char *const cond_names[IR_NCC] = {
    "eq", "ne", "lts", "les", "gts", "ges", "ltu", "leu", "gtu", "geu",
};

const char *ir_cond_name(IRCond cc)
{
    return (unsigned)cc < IR_NCC ? cond_names[cc] : "cc?";
}

/* FCMP masks under LLVM-style predicate names (o = ordered, u = or unordered). */
static const char *const fcmp_names[16] = {
    "false", "olt", "oeq", "ole", "ogt", "one", "oge", "ord",
    "uno", "ult", "ueq", "ule", "ugt", "une", "uge", "true",
};

static const char *const rm_names[8] = { "rn", "rz", "ru", "rd", "dyn", "rm5", "rm6", "rm7" };

static const char *const exit_names[] = { "none", "syscall", "signal", "flush", "halt" };

static const char *exit_name(unsigned code, char *tmp, size_t n)
{
    if (code < sizeof exit_names / sizeof exit_names[0])
        return exit_names[code];
    snprintf(tmp, n, "exit%u", code);
    return tmp;
}

/* Bounded appender: never overflows, always NUL-terminated. */
typedef struct Out { char *p; size_t n, cap; } Out;

static void out_fmt(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_fmt(Out *o, const char *fmt, ...)
{
    va_list ap;
    if (o->n >= o->cap)
        return;
    va_start(ap, fmt);
    int k = vsnprintf(o->p + o->n, o->cap - o->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        o->n = o->n + (size_t)k < o->cap ? o->n + (size_t)k : o->cap - 1;
}

static void out_ref(Out *o, uint32_t r)
{
    if (r == IR_NONE)
        out_fmt(o, "none");
    else
        out_fmt(o, "%%%u", r);
}

static void op_name(const IRInsn *i, char *buf, size_t n)
{
    char tmp[16];
    size_t k = 0;
    if (i->op >= IR_NOPS) {
        snprintf(buf, n, "op%u?", i->op);
        return;
    }
    for (const char *s = ir_op_info[i->op].name; *s && k + 1 < n; s++)
        buf[k++] = (char)tolower((unsigned char)*s);
    buf[k] = 0;
    switch (i->op) {
    case IR_LOAD: case IR_STORE: case IR_CMPXCHG:
        snprintf(buf + k, n - k, ".%u%s%s", i->aux & IR_MEM_SIZE_MASK,
                 i->aux & IR_MEM_SIGNED ? "s" : "", i->aux & IR_MEM_BE ? "be" : "");
        break;
    case IR_SETCC:
        snprintf(buf + k, n - k, ".%s", ir_cond_name((IRCond)i->aux));
        break;
    case IR_FCMP:
        snprintf(buf + k, n - k, ".%s%s", fcmp_names[i->aux & 15],
                 i->aux & IR_FC_SIGNAL ? ".sig" : "");
        break;
    case IR_FTOI:
        snprintf(buf + k, n - k, ".%s.%s", rm_names[i->aux & IR_RM_MASK],
                 (i->aux & IR_FTOI_POLICY_MASK) == IR_FTOI_MAXPOS ? "maxpos" : "sat");
        break;
    case IR_TRAP: case IR_TRAP_IF:
        snprintf(buf + k, n - k, ".%s", exit_name(i->aux, tmp, sizeof tmp));
        break;
    default:
        break;
    }
}

size_t ir_format_insn(const IRBlock *b, IRRef r, char *buf, size_t cap)
{
    Out o = { buf, 0, cap };
    char name[48];
    const IRInsn *i = &b->insn[r];

    if (cap == 0)
        return 0;
    buf[0] = 0;
    op_name(i, name, sizeof name);
    out_fmt(&o, "%04u %-6s", r, name);
    if (i->type != IR_VOID)
        out_fmt(&o, " %s", ir_type_name((IRType)i->type));

    switch (i->op) {
    case IR_CONST:
        switch (i->type) {
        case IR_I32:
            out_fmt(&o, " 0x%x", i->a);
            break;
        case IR_F32: {
            float f;
            memcpy(&f, &i->a, sizeof f);
            out_fmt(&o, " 0x%08x ; %.9g", i->a, (double)f);
            break;
        }
        case IR_F64: {
            uint64_t bits = (uint64_t)i->b << 32 | i->a;
            double d;
            memcpy(&d, &bits, sizeof d);
            out_fmt(&o, " 0x%016llx ; %.17g", (unsigned long long)bits, d);
            break;
        }
        default:
            out_fmt(&o, " 0x%llx", (unsigned long long)((uint64_t)i->b << 32 | i->a));
            break;
        }
        break;
    case IR_GET:
        out_fmt(&o, " [%u]", i->a);
        break;
    case IR_PUT:
        out_fmt(&o, " [%u], ", i->a);
        out_ref(&o, i->b);
        break;
    case IR_INSN:
    case IR_GOTO:
        out_fmt(&o, " 0x%x", i->a);
        break;
    case IR_EXIT_IF:
        out_fmt(&o, " ");
        out_ref(&o, i->a);
        out_fmt(&o, ", 0x%x", i->b);
        break;
    case IR_TRAP_IF:
        out_fmt(&o, " ");
        out_ref(&o, i->a);
        out_fmt(&o, ", 0x%x, 0x%x", i->b, i->c);
        break;
    case IR_TRAP:
        out_fmt(&o, " 0x%x, 0x%x", i->a, i->b);
        break;
    case IR_CALL: {
        const IRHelper *h = ir_helper_get(i->aux);
        if (h && h->name)
            out_fmt(&o, " %s(", h->name);
        else
            out_fmt(&o, " helper%u(", i->aux);
        const uint32_t args[3] = { i->a, i->b, i->c };
        unsigned nargs = h ? h->nargs : 3;
        for (unsigned k = 0; k < nargs && k < 3; k++) {
            if (k)
                out_fmt(&o, ", ");
            out_ref(&o, args[k]);
        }
        out_fmt(&o, ")");
        break;
    }
    default: {
        const uint32_t ops[3] = { i->a, i->b, i->c };
        bool first = true;
        if (i->op >= IR_NOPS)
            break;
        for (int k = 0; k < 3; k++) {
            unsigned kind = ir_op_info[i->op].kind[k];
            if (kind == IR_K_N)
                continue;
            out_fmt(&o, first ? " " : ", ");
            first = false;
            if (kind == IR_K_R)
                out_ref(&o, ops[k]);
            else
                out_fmt(&o, "0x%x", ops[k]);
        }
        break;
    }
    }
    while (o.n > 0 && buf[o.n - 1] == ' ')
        buf[--o.n] = 0;
    return o.n;
}

void ir_print_insn(const IRBlock *b, IRRef r, FILE *f)
{
    char line[256];
    ir_format_insn(b, r, line, sizeof line);
    fprintf(f, "%s\n", line);
}

void ir_print(const IRBlock *b, FILE *f)
{
    for (IRRef r = 0; r < b->n; r++)
        ir_print_insn(b, r, f);
}
