/*
 * test_x64_codegen.c - golden host-code listings of the x86-64 backend.
 *
 * A handful of typical blocks (MIPS-like self loops with pinned guest
 * registers, a lea and a branch on reused flags, big-endian memory,
 * division and a div/rem pair, floating point with constants, fused
 * compares, an indirect jump, ARM/PowerPC default NaNs, a PowerPC CR
 * field) are compiled with a fixed feature set and disassembled with
 * objdump; each listing must match tests/codegen/x64/<name>.expect.  The
 * listings are the review copy of "what code do we emit": a change in
 * instruction selection or register allocation shows up as a diff here.
 *   test_x64_codegen --update    rewrites the expected files
 * Skips (exit 77) when objdump is missing or the source tree is not found.
 */
#include <unistd.h>

#include "x64_harness.h"

static IRRef get(IRBlock *b, IRType t, int k) { return ir_get(b, t, ROFF(k)); }

static void blk_mips_loop(IRBlock *b)
{
    /* lw t0,8(sp); addiu t0,t0,1; sw t0,8(sp); lbu t2,0(a0); addu v0,v0,t2;
     * addiu a0,a0,1; bne t0,t1,loop */
    IRRef sp = get(b, IR_I32, 29);
    IRRef t0 = ir_load(b, IR_I32, 4 | IR_MEM_BE, ir_binop(b, IR_ADD, IR_I32, sp, ir_const32(b, 8)));
    IRRef t0b = ir_binop(b, IR_ADD, IR_I32, t0, ir_const32(b, 1));
    ir_put(b, IR_I32, ROFF(8), t0b);
    ir_store(b, IR_I32, 4 | IR_MEM_BE, ir_binop(b, IR_ADD, IR_I32, sp, ir_const32(b, 8)), t0b);
    IRRef a0 = get(b, IR_I32, 4);
    IRRef t2 = ir_load(b, IR_I32, 1, a0);
    ir_put(b, IR_I32, ROFF(10), t2);
    ir_put(b, IR_I32, ROFF(2), ir_binop(b, IR_ADD, IR_I32, get(b, IR_I32, 2), t2));
    ir_put(b, IR_I32, ROFF(4), ir_binop(b, IR_ADD, IR_I32, a0, ir_const32(b, 1)));
    ir_exit_if(b, ir_setcc(b, IR_CC_NE, t0b, get(b, IR_I32, 9)), 0x1000);
    ir_goto(b, 0x1020);
}

static void blk_crc_loop(IRBlock *b)
{
    /* loop: lbu v0,0(a0); srl a1,v1,8; addiu a0,a0,1; xor v0,v0,v1;
     * andi v0,v0,0xff; sll v0,v0,2; addu v0,a3,v0; lw v1,0(v0);
     * sltu t0,a0,a2; bnez t0,loop; xor v1,v1,a1 (as ir_optimize leaves it) */
    IRRef a0 = get(b, IR_I32, 4), v1 = get(b, IR_I32, 3);
    IRRef byte = ir_load(b, IR_I32, 1, a0);
    IRRef a1 = ir_binop(b, IR_SHR, IR_I32, v1, ir_const32(b, 8));
    ir_put(b, IR_I32, ROFF(5), a1);
    IRRef a0n = ir_binop(b, IR_ADD, IR_I32, a0, ir_const32(b, 1));
    ir_put(b, IR_I32, ROFF(4), a0n);
    IRRef x = ir_binop(b, IR_AND, IR_I32, ir_binop(b, IR_XOR, IR_I32, byte, v1), ir_const32(b, 0xff));
    IRRef addr = ir_binop(b, IR_ADD, IR_I32, get(b, IR_I32, 7),
                          ir_binop(b, IR_SHL, IR_I32, x, ir_const32(b, 2)));
    ir_put(b, IR_I32, ROFF(2), addr);
    IRRef w = ir_load(b, IR_I32, 4 | IR_MEM_BE, addr);
    IRRef t0 = ir_setcc(b, IR_CC_LTU, a0n, get(b, IR_I32, 6));
    ir_put(b, IR_I32, ROFF(8), t0);
    ir_put(b, IR_I32, ROFF(3), ir_binop(b, IR_XOR, IR_I32, w, a1));
    ir_exit_if(b, t0, 0x1000);
    ir_goto(b, 0x1030);
}

static void blk_divrem(IRBlock *b)
{
    /* divu zero,a0,a1 with a zero-divisor trap; mflo v0; mfhi v1 */
    IRRef x = get(b, IR_I32, 4), y = get(b, IR_I32, 5);
    ir_trap_if(b, ir_setcc(b, IR_CC_EQ, y, ir_const32(b, 0)), IR_EXIT_SIGNAL, 0x1000, 8);
    ir_put(b, IR_I32, ROFF(2), ir_binop(b, IR_DIVU, IR_I32, x, y));
    ir_put(b, IR_I32, ROFF(3), ir_binop(b, IR_REMU, IR_I32, x, y));
    ir_goto(b, 0x1008);
}

static void blk_be_memory(IRBlock *b)
{
    IRRef a = get(b, IR_I32, 0);
    IRRef h = ir_load(b, IR_I32, 2 | IR_MEM_BE | IR_MEM_SIGNED, a);
    IRRef d = ir_load(b, IR_F64, 8 | IR_MEM_BE, ir_binop(b, IR_ADD, IR_I32, a, ir_const32(b, 8)));
    ir_store(b, IR_I32, 2 | IR_MEM_BE, a, h);
    ir_store(b, IR_I32, 4 | IR_MEM_BE, ir_const32(b, 0x10000), ir_const32(b, 0x11223344));
    ir_store(b, IR_F64, 8 | IR_MEM_BE, ir_const32(b, 0xfff00000u), d);
    ir_put(b, IR_I32, ROFF(1), h);
    ir_goto(b, 0x2000);
}

static void blk_divide(IRBlock *b)
{
    IRRef x = get(b, IR_I32, 0), y = get(b, IR_I32, 1);
    ir_put(b, IR_I32, ROFF(2), ir_binop(b, IR_DIVS, IR_I32, x, y));
    ir_put(b, IR_I32, ROFF(3), ir_binop(b, IR_REMU, IR_I32, x, y));
    ir_put(b, IR_I64, ROFF(4), ir_binop(b, IR_DIVU, IR_I64, get(b, IR_I64, 5), ir_const64(b, 10)));
    ir_goto(b, 0x2000);
}

static void blk_float(IRBlock *b)
{
    IRRef x = get(b, IR_F64, 0), y = get(b, IR_F64, 1);
    IRRef s = ir_binop(b, IR_FADD, IR_F64, ir_binop(b, IR_FMUL, IR_F64, x, y), ir_constf64(b, 0.5));
    IRRef c = ir_emit(b, IR_FCMP, IR_I32, IR_FC_LT, s, x, 0);
    IRRef m = ir_select(b, IR_F64, c, s, ir_unop(b, IR_FNEG, IR_F64, x));
    ir_put(b, IR_F64, ROFF(2), m);
    ir_put(b, IR_I32, ROFF(3), ir_emit(b, IR_FTOI, IR_I32, IR_RM_ZERO, m, 0, 0));
    ir_put(b, IR_F32, ROFF(4), ir_unop(b, IR_FCVT, IR_F32, s));
    ir_goto(b, 0x2000);
}

static void blk_jump(IRBlock *b)
{
    IRRef ra = get(b, IR_I32, 31);
    ir_put(b, IR_I32, ROFF(29), ir_binop(b, IR_ADD, IR_I32, get(b, IR_I32, 29), ir_const32(b, 32)));
    ir_trap_if(b, ir_setcc(b, IR_CC_EQ, ra, ir_const32(b, 0)), IR_EXIT_SIGNAL, 0x3000, 11);
    ir_jump(b, ra);
}

static void blk_select_i64(IRBlock *b)
{
    IRRef x = get(b, IR_I64, 0), y = get(b, IR_I64, 1);
    IRRef lt = ir_setcc(b, IR_CC_LTS, x, y);
    ir_put(b, IR_I64, ROFF(2), ir_select(b, IR_I64, lt, x, y));
    ir_put(b, IR_I32, ROFF(3), ir_unop(b, IR_CLZ, IR_I32, ir_unop(b, IR_TRUNC, IR_I32, x)));
    ir_put(b, IR_I64, ROFF(4), ir_binop(b, IR_ROTR, IR_I64, y, ir_const64(b, 13)));
    ir_goto(b, 0x2000);
}

static void blk_default_nan(IRBlock *b)
{
    /* ARM vsub.f64 d0, d1, d2 and PowerPC fmul f0, f1, f2 with the guest's
     * default NaN, as the frontends emit them: one ucomisd + jp each */
    IRRef p = get(b, IR_F64, 1), q = get(b, IR_F64, 2);
    IRRef nan = h_const(b, IR_F64, 0x7ff8000000000000ull);
    IRRef r = ir_binop(b, IR_FSUB, IR_F64, p, q);
    IRRef u = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, r, r, 0);
    IRRef v = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, p, q, 0);
    IRRef c = ir_binop(b, IR_AND, IR_I32, u, ir_binop(b, IR_XOR, IR_I32, v, ir_const32(b, 1)));
    ir_put(b, IR_F64, ROFF(0), ir_select(b, IR_F64, c, nan, r));
    IRRef m = ir_binop(b, IR_FMUL, IR_F64, p, q);
    IRRef d = ir_binop(b, IR_DEFNAN, IR_F64, m, nan);
    IRRef w = ir_emit(b, IR_FCMP, IR_I32, IR_FC_UN, p, q, 0);
    ir_put(b, IR_F64, ROFF(3), ir_select(b, IR_F64, w, m, d));
    ir_goto(b, 0x2000);
}

static void blk_cr_field(IRBlock *b)
{
    /* PowerPC addi r5,r5,-1; cmpwi cr0,r5,-81: LT, GT, EQ from one cmp */
    IRRef r5 = ir_binop(b, IR_ADD, IR_I32, get(b, IR_I32, 5), ir_const32(b, 0xffffffff));
    ir_put(b, IR_I32, ROFF(5), r5);
    IRRef k = ir_const32(b, 0xffffffaf);
    IRRef eq = ir_setcc(b, IR_CC_EQ, r5, k), gt = ir_setcc(b, IR_CC_GTS, r5, k);
    IRRef lt = ir_setcc(b, IR_CC_LTS, r5, k);
    ir_put(b, IR_I32, ROFF(10), lt);
    ir_put(b, IR_I32, ROFF(11), gt);
    ir_put(b, IR_I32, ROFF(12), eq);
    ir_exit_if(b, ir_setcc(b, IR_CC_NE, r5, k), 0x1000);
    ir_goto(b, 0x2000);
}

static const struct {
    const char *name;
    void (*build)(IRBlock *b);
} blocks[] = {
    { "mips_loop", blk_mips_loop },
    { "crc_loop", blk_crc_loop },
    { "divrem", blk_divrem },
    { "be_memory", blk_be_memory },
    { "divide", blk_divide },
    { "float", blk_float },
    { "jump", blk_jump },
    { "select_i64", blk_select_i64 },
    { "default_nan", blk_default_nan },
    { "cr_field", blk_cr_field },
};

static bool read_file(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    size_t k;
    while ((k = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (n + 1 == cap)
            s = realloc(s, cap *= 2);
    }
    fclose(f);
    s[n] = 0;
    *out = s;
    return true;
}

int main(int argc, char **argv)
{
    bool update = argc > 1 && !strcmp(argv[1], "--update");
    const char *dir = "tests/codegen/x64", *tmpdir = getenv("TMPDIR"), *top = getenv("TOP");
    char path[700], cmd[1400], topdir[512], bin[300], lst[300];
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    snprintf(bin, sizeof bin, "%s/xbt_codegen_%d.bin", tmpdir, (int)getpid());
    snprintf(lst, sizeof lst, "%s/xbt_codegen_%d.lst", tmpdir, (int)getpid());
    if (top && *top) {
        snprintf(topdir, sizeof topdir, "%s/tests/codegen/x64", top);
        dir = topdir;
    }
    if (system("objdump --version >/dev/null 2>&1") != 0) {
        printf("# SKIP objdump not available\n");
        return 77;
    }
    if (access(dir, F_OK) != 0) {
        dir = "../../../tests/codegen/x64";
        if (access(dir, F_OK) != 0) {
            printf("# SKIP run from the source tree (tests/codegen/x64 not found)\n");
            return 77;
        }
    }
    h_init();
    /* fixed features: listings must not depend on the host (never run here) */
    x64_features = X64F_MOVBE | X64F_LZCNT | X64F_BMI2 | X64F_SSE41 | X64F_FMA | X64F_AVX;
    IRBlock b;
    ir_block_init(&b, 0x1000);
    for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++) {
        ir_block_reset(&b, 0x1000);
        blocks[k].build(&b);
        BackendResult res;
        uint8_t *code = (uint8_t *)(((uintptr_t)h_code + 4095) & ~(uintptr_t)4095);
        bool ok = backend_x86_64.compile(&b, code, 1 << 20, NULL, &res) == BE_OK;
        FILE *f = fopen(bin, "wb");
        if (!f || !ok) {
            h_result(false, "%s: compile", blocks[k].name);
            continue;
        }
        fwrite(code, 1, res.size, f);
        fclose(f);
        snprintf(path, sizeof path, "%s/%s.expect", dir, blocks[k].name);
        /* IR print, then the listing without the raw bytes */
        f = fopen(lst, "w");
        ir_print(&b, f);
        fprintf(f, "----\n");
        fclose(f);
        snprintf(cmd, sizeof cmd,
                 "objdump -D -b binary -mi386:x86-64 -Mintel --no-show-raw-insn "
                 "%s | sed -n 's/^ *\\([0-9a-f]*\\):\\t/\\1  /p' >> %s", bin, lst);
        if (system(cmd) != 0) {
            h_result(false, "%s: objdump", blocks[k].name);
            continue;
        }
        char *got = NULL, *want = NULL;
        read_file(lst, &got);
        if (update) {
            f = fopen(path, "w");
            if (f) {
                fputs(got ? got : "", f);
                fclose(f);
            }
            h_result(f != NULL, "%s: written %s", blocks[k].name, path);
        } else if (!read_file(path, &want)) {
            h_result(false, "%s: missing %s (run with --update)", blocks[k].name, path);
        } else {
            bool same = got && !strcmp(got, want);
            h_result(same, "%s listing matches %s", blocks[k].name, path);
            if (!same) {
                snprintf(cmd, sizeof cmd, "diff -u %s %s | sed 's/^/#   /'", path, lst);
                if (system(cmd) < 0)
                    printf("#   (diff failed)\n");
            }
        }
        free(got);
        free(want);
    }
    ir_block_free(&b);
    remove(bin);
    remove(lst);
    return h_done();
}
