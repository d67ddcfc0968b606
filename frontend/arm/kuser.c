/*
 * kuser.c - the kernel's user helpers at the top of the vector page
 * (Documentation/arm/kernel_user_helpers.rst), which armel code calls with
 * blx: a block at one of their addresses is translated here into IR that
 * does the helper's work and returns to lr (interworking, as the kernel's
 * `bx lr`).  The page itself (abi.c) holds only the version word and
 * undefined instructions, so a jump anywhere else in it gives SIGILL.
 *
 *   0xffff0fe0 __kuser_get_tls        r0 = TLS
 *   0xffff0fc0 __kuser_cmpxchg        r0 = 0 and C set iff *r2 was r0 and became r1
 *   0xffff0fa0 __kuser_memory_barrier
 *   0xffff0f60 __kuser_cmpxchg64      *r2 (64 bit) from *r0 to *r1; r0 = 0 and C set on success
 *
 * Flags: the helpers may clobber them; cmpxchg leaves C = success and Z =
 * success (r0 == 0), as the kernel's implementation does.
 */
#include "translate.h"

static void ret_lr(ArmCtx *s)
{
    arm_write_pc(s, ir_get(s->b, IR_I32, ARM_OFF_R(14)), PCW_BX);
}

static void set_result(ArmCtx *s, IRRef ok)
{
    IRRef r0 = arm_bin(s, IR_XOR, ok, arm_k32(s, 1));
    arm_set_reg(s, 0, r0);
    arm_set_nz(s, r0);
    arm_set_c(s, ok);
}

void arm_kuser_translate(ArmCtx *s)
{
    IRBlock *b = s->b;
    uint32_t pc = s->pc;
    s->len = 4;
    switch (pc) {
    case 0xffff0fe0:
        ir_insn_mark(b, pc);
        arm_set_reg(s, 0, ir_get(b, IR_I32, ARM_OFF(tpidruro)));
        break;
    case 0xffff0fc0: {
        ir_insn_mark(b, pc);
        IRRef oldv = arm_reg(s, 0);
        IRRef prev = ir_emit(b, IR_CMPXCHG, IR_I32, 4, arm_reg(s, 2), oldv, arm_reg(s, 1));
        set_result(s, ir_setcc(b, IR_CC_EQ, prev, oldv));
        break;
    }
    case 0xffff0fa0:
        ir_insn_mark(b, pc);
        ir_emit(b, IR_FENCE, IR_VOID, 0, 0, 0, 0);
        break;
    case 0xffff0f60: {
        ir_insn_mark(b, pc);
        IRRef oldv = ir_load(b, IR_I64, 8, arm_reg(s, 0));
        IRRef newv = ir_load(b, IR_I64, 8, arm_reg(s, 1));
        IRRef prev = ir_emit(b, IR_CMPXCHG, IR_I64, 8, arm_reg(s, 2), oldv, newv);
        set_result(s, ir_setcc(b, IR_CC_EQ, prev, oldv));
        break;
    }
    default:
        return;                    /* decode the poison: SIGILL */
    }
    s->ninsns = 1;
    s->last_end = pc + 4;
    ret_lr(s);
}
