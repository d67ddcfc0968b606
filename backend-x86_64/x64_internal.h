/*
 * x64_internal.h - shared state of the x86-64 backend files.
 *
 * Register conventions (docs: the top of x64_glue.c):
 *   rbx   guest CPU pointer (IRCpuHeader first)      fixed, callee-saved
 *   r15   guest_base                                 fixed, callee-saved
 *   r11   scratch of the lowering, never allocated
 *   xmm15 scratch of the lowering, never allocated
 *   rsp   16-byte aligned inside blocks; spill slot k at [rsp + 8 + 8k]
 *   allocatable: rax rcx rdx rsi rdi r8 r9 r10 (clobbered by helper calls)
 *                rbp r12 r13 r14 (survive calls), xmm0-xmm14
 *   self loops take r14 r13 r12 rbp r10 r9 and xmm14-xmm11 (in that order,
 *   as many as they pin) out of the allocatable set for guest-state slots
 *   (x64_loop.c)
 * The register allocator (ir/regalloc.c) numbers GPRs 0..15 and XMMs 16..31.
 *
 * Code of a block is laid out as [main][cold][pool]: main is written
 * straight into the caller's buffer; cold paths (exit stubs, rare cases) and
 * the constant pool are collected aside and appended at the end, with rel32
 * fixups between the sections resolved once the layout is known.
 */
#ifndef XBT_X64_INTERNAL_H
#define XBT_X64_INTERNAL_H

#include <stddef.h>

#include "../ir/backend.h"
#include "../ir/loop.h"
#include "../ir/regalloc.h"
#include "x64_enc.h"

/* ---- CPU features (x64_cpu.c) ---------------------------------------- */

enum {
    X64F_MOVBE = 1 << 0,
    X64F_LZCNT = 1 << 1,
    X64F_BMI2  = 1 << 2,
    X64F_SSE41 = 1 << 3,
    X64F_FMA   = 1 << 4,
    X64F_AVX   = 1 << 5,
    X64F_ALL   = (1 << 6) - 1,
};
/* Features the code generator uses; set by x64_cpu_init (cpuid, then the
 * XBT_NO_MOVBE=1 and XBT_X64_DISABLE=movbe,lzcnt,bmi2,sse41,fma,avx
 * environment overrides).  Tests may change it between compiles. */
extern unsigned x64_features;
unsigned x64_cpu_detect(void);
void x64_cpu_init(void);
const char *x64_features_string(unsigned f, char *buf, size_t n);

/* ---- registers -------------------------------------------------------- */

#define X64_CPU_REG   X64_RBX
#define X64_BASE_REG  X64_R15
#define X64_TMP       X64_R11
#define X64_XTMP      15
#define XR(n)         (16u + (n))          /* RA number of xmm n */
#define HW(r)         ((r) & 15u)          /* encoder number */
#define BIT(r)        (1ull << (r))

#define X64_GPR_ALLOC (BIT(X64_RAX) | BIT(X64_RCX) | BIT(X64_RDX) | BIT(X64_RSI) | \
                       BIT(X64_RDI) | BIT(X64_R8) | BIT(X64_R9) | BIT(X64_R10) |    \
                       BIT(X64_RBP) | BIT(X64_R12) | BIT(X64_R13) | BIT(X64_R14))
#define X64_FPR_ALLOC (0x7fffull << 16)    /* xmm0..xmm14 */
#define X64_CALLER_SAVED (BIT(X64_RAX) | BIT(X64_RCX) | BIT(X64_RDX) | BIT(X64_RSI) | \
                          BIT(X64_RDI) | BIT(X64_R8) | BIT(X64_R9) | BIT(X64_R10) |   \
                          BIT(X64_R11) | (0xffffull << 16))
#define X64_CALLEE_SAVED (BIT(X64_RBX) | BIT(X64_RBP) | BIT(X64_R12) | BIT(X64_R13) | \
                          BIT(X64_R14) | BIT(X64_R15))

/* Spill slots in the enter() frame.  A block needing more simultaneously
 * spilled values is declined (NYI: split such a block instead). */
enum { X64_NSLOTS = 512 };
#define X64_FRAME (X64_NSLOTS * 8)         /* multiple of 16 */
static inline X64Mem x64_slot_mem(unsigned slot) { return x64_mem(X64_RSP, 8 + 8 * (int32_t)slot); }
static inline X64Mem x64_cpu_mem(uint32_t off) { return x64_mem(X64_CPU_REG, (int32_t)off); }

/* ---- compile context -------------------------------------------------- */

enum { X64_SEC_MAIN, X64_SEC_COLD, X64_SEC_POOL };

enum {
    X64_M_FUSED  = 1,     /* a SETCC/FCMP evaluated by its only user (cmp + jcc/cmov) */
    X64_M_FOLDED = 2,     /* a GET read by its only user as a memory operand */
    X64_M_PINNED = 4,     /* a GET whose uses read its slot's pinned register */
    X64_M_LEA    = 8,     /* a SHL by 1..3 evaluated by its only user, an ADD, as lea */
    X64_M_KEEPFLAGS = 16, /* between a SETCC and an exit reusing its flags: no flag writes */
    X64_M_REUSE  = 32,    /* an EXIT_IF/TRAP_IF branching on the flags its SETCC left */
    X64_M_PAIRED = 64,    /* a DIV/REM computed by the REM/DIV at at[i] (one div) */
    X64_M_NARROW = 128,   /* an XOR/OR of a byte, done by its user AND 0xff on 8 bits */
    X64_M_NANFIX = 256,   /* a SELECT replacing a new NaN by a constant (x64_fp.c) */
    X64_M_CMPREUSE = 512, /* a SETCC reading the flags of an earlier SETCC's compare */
    X64_M_TESTREUSE = 1024, /* a SELECT on the flags of the previous SELECT's test */
};
enum { X64_PAIR_WINDOW = 16 };    /* how far a DIV and its REM may be apart */

/* Self loops (x64_loop.c): guest-state slots held in host registers. */
enum { X64_MAX_PINS = 10 };
typedef struct X64Pin {
    uint32_t off;
    uint8_t type;
    uint8_t reg;          /* RA number */
} X64Pin;

typedef struct X64Fixup {
    uint8_t sec;          /* section of the rel32 field */
    uint8_t to;           /* section of the target */
    uint32_t field;       /* offset of the 4-byte field */
    uint32_t end;         /* offset (same section) the rel32 is relative to */
    uint32_t target;      /* offset in section `to` */
} X64Fixup;

typedef struct X64Ctx {
    X64Buf c;             /* main code: the caller's buffer */
    X64Buf cold;          /* cold code, appended after main */
    uint8_t *cold_mem;
    size_t cold_cap;
    uint8_t *pool;        /* constant pool, 16-byte entries */
    uint32_t npool, pool_cap;
    X64Fixup *fix;
    uint32_t nfix, fix_cap;
    RA ra;
    const IRBlock *b;
    IRRef *at;            /* fused compares: operands read at at[i] */
    uint16_t *mark;       /* X64_M_* per instruction */
    uint32_t *nuse;
    uint32_t *last;       /* per value: last use, at fused positions (x64_loop.c) */
    int32_t *scratch;
    uint32_t cap_n;
    RATarget rat;         /* the allocator's target, minus pinned registers */
    IRLoop loop;          /* loop.last_back != IR_NONE: a self loop */
    size_t loop_head;     /* main offset of the loop header */
    unsigned npin;
    X64Pin pin[X64_MAX_PINS];
    uint64_t pin_mask;    /* RA numbers of the pinned registers */
    unsigned feat;
    bool flags_live;      /* set around code that may remat while flags are live (xor is out) */
    IRRef flags_src;      /* the SETCC whose compare last set the flags ... */
    X64Cond flags_cc;     /* ... and the condition code of its result */
    bool flags_swap;      /* ... whose compare had its operands exchanged */
    bool oom;
    bool pcmap_full;
    uint8_t *buf;         /* final address of main */
    BackendPcMap *pcmap;
} X64Ctx;

/* x64_glue.c: sections, fixups, exits, calls */
void x64_fixup(X64Ctx *x, unsigned sec, size_t field, size_t end, unsigned to, size_t target);
/* A rel32 jump/jcc from main to the cold section's current position ... */
size_t x64_jcc_cold(X64Ctx *x, int cc);          /* cc < 0: jmp; returns field pos */
void x64_bind_cold(X64Ctx *x, size_t field);     /* ... bound to cold's current position */
void x64_jmp_main(X64Ctx *x, size_t main_target); /* in cold: jmp back to main */
void x64_jcc_main(X64Ctx *x, X64Cond cc, size_t main_target);
/* Emits op with a RIP-relative operand naming a pool constant (16 bytes,
 * 16-byte aligned, deduplicated), in main or cold (c). */
void x64_rr_pool(X64Ctx *x, X64Buf *c, uint32_t op, unsigned reg, uint64_t lo, uint64_t hi);
void x64_vrr_pool(X64Ctx *x, X64Buf *c, uint32_t op, unsigned reg, unsigned v, uint64_t lo, uint64_t hi);
void x64_exit_if(X64Ctx *x, X64Cond cc, uint32_t pc);
void x64_goto(X64Ctx *x, uint32_t pc);
void x64_jump(X64Ctx *x, IRRef target);
void x64_trap(X64Ctx *x, int cc, unsigned code, uint32_t pc, uint32_t arg);
void x64_exit_request_check(X64Ctx *x, uint32_t pc);

typedef struct X64Arg {
    IRType t;
    IRRef r;              /* IR_NONE: the immediate below */
    uint64_t imm;
} X64Arg;
/* Calls fn(cpu, args...) and defines result r (IR_NONE: none) of type ret. */
void x64_call(X64Ctx *x, const void *fn, IRType ret, unsigned nargs, const X64Arg *args, IRRef r);

/* x64_isel.c */
static inline bool x64_folded(const X64Ctx *x, IRRef r) { return x->mark[r] & X64_M_FOLDED; }
static inline X64Mem x64_folded_mem(const X64Ctx *x, IRRef r)
{
    return x64_cpu_mem(x->b->insn[r].a);
}
uint64_t x64_cval(const X64Ctx *x, IRRef r);
bool x64_is_const(const X64Ctx *x, IRRef r);
/* Is the i32 value r known to be below 256 (a zero-extended byte)? */
bool x64_is_byte(const X64Ctx *x, IRRef r);
void x64_remat(void *ctx, unsigned reg, IRRef r);
void x64_lower_int(X64Ctx *x, IRRef i);
/* The condition code of SETCC c on the flags left by the last SETCC's
 * compare (same operands: find_cmp_reuse in x64_glue.c). */
X64Cond x64_flags_cc(const X64Ctx *x, IRRef c);
/* A condition (an i32 value, or a SETCC/FCMP fused into its user):
 * prepare puts the operands in registers (before any flag-setting code),
 * emit sets the flags and returns the condition code true when cond != 0. */
typedef struct X64Cmp {
    IRRef cond;
    bool fused, fp, use_imm, swap;
    int ra, rb;
    int32_t imm;
    int mem_side;         /* 1: b is a folded GET, 2: a is */
    X64Mem mem;
} X64Cmp;
void x64_cmp_prepare(X64Ctx *x, IRRef cond, X64Cmp *k);
X64Cond x64_cmp_emit(X64Ctx *x, const X64Cmp *k);

/* x64_loop.c: self loops.  plan runs after the fusions are known and
 * before find_folds; entry emits the block entry (pinned loads, loop
 * header, exit_request test); get/put lower GET/PUT of a pinned slot
 * (false: not pinned); after_call reloads the pinned registers among regs
 * after a call; back jumps to the loop header (cc < 0: always). */
void x64_loop_plan(X64Ctx *x, const RATarget *base);
void x64_loop_entry(X64Ctx *x);
bool x64_loop_get(X64Ctx *x, IRRef i);
bool x64_loop_put(X64Ctx *x, IRRef i);
void x64_loop_after_call(X64Ctx *x, uint64_t regs);
void x64_loop_back(X64Ctx *x, int cc);
static inline bool x64_is_loop(const X64Ctx *x) { return x->loop.last_back != IR_NONE; }
static inline bool x64_pinned_slot(const X64Ctx *x, uint32_t off, IRType t)
{
    for (unsigned k = 0; k < x->npin; k++)
        if (x->pin[k].off == off && x->pin[k].type == t)
            return true;
    return false;
}

/* x64_mem.c */
void x64_lower_mem(X64Ctx *x, IRRef i);

/* x64_fp.c */
void x64_lower_fp(X64Ctx *x, IRRef i);
bool x64_fp_needs_call(const X64Ctx *x, const IRInsn *in);
bool x64_fcmp_fusable(unsigned mask);
/* SELECTs of the default-NaN shapes (x64_fp.c): find marks them (after
 * the compare fusions), lower emits one. */
void x64_find_nanfix(X64Ctx *x);
void x64_lower_nanfix(X64Ctx *x, IRRef s);
void x64_fcmp_prepare(X64Ctx *x, IRRef cmp, X64Cmp *k);
X64Cond x64_fcmp_emit(X64Ctx *x, const X64Cmp *k);

#endif
