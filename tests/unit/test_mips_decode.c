/*
 * test_mips_decode.c - the MIPS32 decode table and translators.
 *
 *  1. dec_table_check: no unintended overlaps, no unreachable rows, match
 *     bits inside masks.
 *  2. Every insns.def row has an example word produced by binutils
 *     (mips-linux-gnu-as -mips32r2 -mfp64; the list below), and that word
 *     decodes to the row's own translator.
 *  3. Every row's match, with its don't-care bits filled at random, still
 *     decodes to that row (rows overlap only where marked DEC_ROW_OVERRIDE).
 *  4. Reserved words decode to nothing; field extraction of a few formats.
 *  5. Every example translates, in both byte orders, into a block that
 *     ir_verify accepts; rows reserved here (privileged, FR=1 only) give the
 *     SIGILL trap, every other row does not.
 *  6. Block engine rules: delay slot before the exit, branch in a delay
 *     slot is SIGILL, page end, undecodable word, unaligned pc.
 *
 * The example words were made by assembling each line with
 *   printf '.set noreorder\n.set noat\n.set mips32r2\n.set fp=64\n%s\n' "$asm"
 *   | mips-linux-gnu-as -mips32r2 -mfp64 and reading the word with objdump -d.
 *
 * Output is TAP-like; the exit status is non-zero when a test fails.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/mips/translate.h"

/* ---- harness ---------------------------------------------------------- */

static int test_no, test_failed, checks_failed;

static void check_(bool ok, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check_(bool ok, int line, const char *fmt, ...)
{
    va_list ap;
    if (ok)
        return;
    checks_failed++;
    printf("#   line %d: ", line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}
#define CHECK(ok, ...) check_((ok), __LINE__, __VA_ARGS__)

static void test_end(const char *name)
{
    test_no++;
    if (checks_failed) {
        test_failed++;
        printf("not ok %d - %s\n", test_no, name);
    } else {
        printf("ok %d - %s\n", test_no, name);
    }
    checks_failed = 0;
}

/* ---- the rows and their examples ------------------------------------------ */

typedef struct RowRef {
    const char *name;
    DecFn trans;
} RowRef;

static const RowRef rows[] = {
#define INSN(NAME, mnem, mask, match, fmt, isa, flags) { #NAME, (DecFn)trans_##NAME },
#include "frontend/mips/insns.def"
#undef INSN
};
#define NROWS (sizeof rows / sizeof rows[0])

typedef struct Example {
    const char *name;
    uint32_t word;
    const char *asm_text;
} Example;

static const Example examples[] = {
    { "SLL", 0x00031140, "sll $2,$3,5" },
    { "MOVF", 0x00641001, "movf $2,$3,$fcc1" },
    { "MOVT", 0x007d1001, "movt $2,$3,$fcc7" },
    { "SRL", 0x000317c2, "srl $2,$3,31" },
    { "ROTR", 0x002311c2, "rotr $2,$3,7" },
    { "SRA", 0x00031043, "sra $2,$3,1" },
    { "SLLV", 0x00831004, "sllv $2,$3,$4" },
    { "SRLV", 0x00831006, "srlv $2,$3,$4" },
    { "ROTRV", 0x00831046, "rotrv $2,$3,$4" },
    { "SRAV", 0x00831007, "srav $2,$3,$4" },
    { "JR", 0x03e00008, "jr $31" },
    { "JR_HB", 0x03200408, "jr.hb $25" },
    { "JALR", 0x0320f809, "jalr $25" },
    { "JALR_HB", 0x03201c09, "jalr.hb $3,$25" },
    { "MOVZ", 0x0064100a, "movz $2,$3,$4" },
    { "MOVN", 0x0064100b, "movn $2,$3,$4" },
    { "SYSCALL", 0x0000000c, "syscall" },
    { "BREAK", 0x0007000d, "break 7" },
    { "SYNC", 0x0000000f, "sync" },
    { "MFHI", 0x00001010, "mfhi $2" },
    { "MTHI", 0x00400011, "mthi $2" },
    { "MFLO", 0x00001012, "mflo $2" },
    { "MTLO", 0x00400013, "mtlo $2" },
    { "MULT", 0x00430018, "mult $2,$3" },
    { "MULTU", 0x00430019, "multu $2,$3" },
    { "DIV", 0x0043001a, "div $0,$2,$3" },
    { "DIVU", 0x0043001b, "divu $0,$2,$3" },
    { "ADD", 0x00641020, "add $2,$3,$4" },
    { "ADDU", 0x00641021, "addu $2,$3,$4" },
    { "SUB", 0x00641022, "sub $2,$3,$4" },
    { "SUBU", 0x00641023, "subu $2,$3,$4" },
    { "AND", 0x00641024, "and $2,$3,$4" },
    { "OR", 0x00641025, "or $2,$3,$4" },
    { "XOR", 0x00641026, "xor $2,$3,$4" },
    { "NOR", 0x00641027, "nor $2,$3,$4" },
    { "SLT", 0x0064102a, "slt $2,$3,$4" },
    { "SLTU", 0x0064102b, "sltu $2,$3,$4" },
    { "TGE", 0x00430170, "tge $2,$3,5" },
    { "TGEU", 0x00430031, "tgeu $2,$3" },
    { "TLT", 0x00430032, "tlt $2,$3" },
    { "TLTU", 0x00430033, "tltu $2,$3" },
    { "TEQ", 0x004001f4, "teq $2,$0,7" },
    { "TNE", 0x00430036, "tne $2,$3" },
    { "BLTZ", 0x04400003, "bltz $2,.+16" },
    { "BGEZ", 0x0441fffb, "bgez $2,.-16" },
    { "BLTZL", 0x04420001, "bltzl $2,.+8" },
    { "BGEZL", 0x04430001, "bgezl $2,.+8" },
    { "TGEI", 0x04480005, "tgei $2,5" },
    { "TGEIU", 0x04490005, "tgeiu $2,5" },
    { "TLTI", 0x044afffb, "tlti $2,-5" },
    { "TLTIU", 0x044b0005, "tltiu $2,5" },
    { "TEQI", 0x044c0005, "teqi $2,5" },
    { "TNEI", 0x044e0005, "tnei $2,5" },
    { "BLTZAL", 0x04500001, "bltzal $2,.+8" },
    { "BGEZAL", 0x04110001, "bal .+8" },
    { "BLTZALL", 0x04520001, "bltzall $2,.+8" },
    { "BGEZALL", 0x04530001, "bgezall $2,.+8" },
    { "SYNCI", 0x049f0010, "synci 16($4)" },
    { "J", 0x08100000, "j 0x400000" },
    { "JAL", 0x0c100040, "jal 0x400100" },
    { "BEQ", 0x10430001, "beq $2,$3,.+8" },
    { "BNE", 0x1443fffd, "bne $2,$3,.-8" },
    { "BLEZ", 0x18400001, "blez $2,.+8" },
    { "BGTZ", 0x1c400001, "bgtz $2,.+8" },
    { "ADDI", 0x2062ffff, "addi $2,$3,-1" },
    { "ADDIU", 0x2462ffff, "addiu $2,$3,-1" },
    { "SLTI", 0x28620005, "slti $2,$3,5" },
    { "SLTIU", 0x2c62fffb, "sltiu $2,$3,-5" },
    { "ANDI", 0x3062ff00, "andi $2,$3,0xff00" },
    { "ORI", 0x3462ffff, "ori $2,$3,0xffff" },
    { "XORI", 0x38620001, "xori $2,$3,1" },
    { "LUI", 0x3c028000, "lui $2,0x8000" },
    { "COP0", 0x42000018, "eret" },
    { "BEQL", 0x50430001, "beql $2,$3,.+8" },
    { "BNEL", 0x54430001, "bnel $2,$3,.+8" },
    { "BLEZL", 0x58400001, "blezl $2,.+8" },
    { "BGTZL", 0x5c400001, "bgtzl $2,.+8" },
    { "MADD", 0x70430000, "madd $2,$3" },
    { "MADDU", 0x70430001, "maddu $2,$3" },
    { "MUL", 0x70641002, "mul $2,$3,$4" },
    { "MSUB", 0x70430004, "msub $2,$3" },
    { "MSUBU", 0x70430005, "msubu $2,$3" },
    { "CLZ", 0x70621020, "clz $2,$3" },
    { "CLO", 0x70621021, "clo $2,$3" },
    { "EXT", 0x7c623900, "ext $2,$3,4,8" },
    { "INS", 0x7c625904, "ins $2,$3,4,8" },
    { "WSBH", 0x7c0310a0, "wsbh $2,$3" },
    { "SEB", 0x7c031420, "seb $2,$3" },
    { "SEH", 0x7c031620, "seh $2,$3" },
    { "RDHWR", 0x7c03e83b, "rdhwr $3,$29" },
    { "LB", 0x8062fffc, "lb $2,-4($3)" },
    { "LH", 0x84620002, "lh $2,2($3)" },
    { "LWL", 0x88620001, "lwl $2,1($3)" },
    { "LW", 0x8fa20004, "lw $2,4($29)" },
    { "LBU", 0x90620001, "lbu $2,1($3)" },
    { "LHU", 0x94620002, "lhu $2,2($3)" },
    { "LWR", 0x98620004, "lwr $2,4($3)" },
    { "SB", 0xa0620001, "sb $2,1($3)" },
    { "SH", 0xa4620002, "sh $2,2($3)" },
    { "SWL", 0xa8620001, "swl $2,1($3)" },
    { "SW", 0xac620004, "sw $2,4($3)" },
    { "SWR", 0xb8620004, "swr $2,4($3)" },
    { "CACHE", 0xbc940000, "cache 0x14,0($4)" },
    { "LL", 0xc0820000, "ll $2,0($4)" },
    { "LWC1", 0xc4820004, "lwc1 $f2,4($4)" },
    { "PREF", 0xcc800010, "pref 0,16($4)" },
    { "LDC1", 0xd4820008, "ldc1 $f2,8($4)" },
    { "SC", 0xe0820000, "sc $2,0($4)" },
    { "SWC1", 0xe4830004, "swc1 $f3,4($4)" },
    { "SDC1", 0xf4840008, "sdc1 $f4,8($4)" },
    { "MFC1", 0x44021800, "mfc1 $2,$f3" },
    { "CFC1", 0x4442f800, "cfc1 $2,$31" },
    { "MFHC1", 0x44621000, "mfhc1 $2,$f2" },
    { "MTC1", 0x44821800, "mtc1 $2,$f3" },
    { "CTC1", 0x44c2f800, "ctc1 $2,$31" },
    { "MTHC1", 0x44e21000, "mthc1 $2,$f2" },
    { "BC1F", 0x45000001, "bc1f .+8" },
    { "BC1T", 0x45090001, "bc1t $fcc2,.+8" },
    { "BC1FL", 0x45020001, "bc1fl .+8" },
    { "BC1TL", 0x45030001, "bc1tl .+8" },
    { "ADD_S", 0x46041000, "add.s $f0,$f2,$f4" },
    { "ADD_D", 0x46241000, "add.d $f0,$f2,$f4" },
    { "SUB_S", 0x46041001, "sub.s $f0,$f2,$f4" },
    { "SUB_D", 0x46241001, "sub.d $f0,$f2,$f4" },
    { "MUL_S", 0x46041002, "mul.s $f0,$f2,$f4" },
    { "MUL_D", 0x46241002, "mul.d $f0,$f2,$f4" },
    { "DIV_S", 0x46041003, "div.s $f0,$f2,$f4" },
    { "DIV_D", 0x46241003, "div.d $f0,$f2,$f4" },
    { "SQRT_S", 0x46001004, "sqrt.s $f0,$f2" },
    { "SQRT_D", 0x46201004, "sqrt.d $f0,$f2" },
    { "ABS_S", 0x46001005, "abs.s $f0,$f2" },
    { "ABS_D", 0x46201005, "abs.d $f0,$f2" },
    { "MOV_S", 0x46001846, "mov.s $f1,$f3" },
    { "MOV_D", 0x46201006, "mov.d $f0,$f2" },
    { "NEG_S", 0x46001007, "neg.s $f0,$f2" },
    { "NEG_D", 0x46201007, "neg.d $f0,$f2" },
    { "ROUND_L_S", 0x46001008, "round.l.s $f0,$f2" },
    { "ROUND_L_D", 0x46201008, "round.l.d $f0,$f2" },
    { "TRUNC_L_S", 0x46001009, "trunc.l.s $f0,$f2" },
    { "TRUNC_L_D", 0x46201009, "trunc.l.d $f0,$f2" },
    { "CEIL_L_S", 0x4600100a, "ceil.l.s $f0,$f2" },
    { "CEIL_L_D", 0x4620100a, "ceil.l.d $f0,$f2" },
    { "FLOOR_L_S", 0x4600100b, "floor.l.s $f0,$f2" },
    { "FLOOR_L_D", 0x4620100b, "floor.l.d $f0,$f2" },
    { "ROUND_W_S", 0x4600100c, "round.w.s $f0,$f2" },
    { "ROUND_W_D", 0x4620100c, "round.w.d $f0,$f2" },
    { "TRUNC_W_S", 0x4600100d, "trunc.w.s $f0,$f2" },
    { "TRUNC_W_D", 0x4620100d, "trunc.w.d $f0,$f2" },
    { "CEIL_W_S", 0x4600100e, "ceil.w.s $f0,$f2" },
    { "CEIL_W_D", 0x4620100e, "ceil.w.d $f0,$f2" },
    { "FLOOR_W_S", 0x4600100f, "floor.w.s $f0,$f2" },
    { "FLOOR_W_D", 0x4620100f, "floor.w.d $f0,$f2" },
    { "MOVF_S", 0x46041011, "movf.s $f0,$f2,$fcc1" },
    { "MOVF_D", 0x46201011, "movf.d $f0,$f2,$fcc0" },
    { "MOVT_S", 0x460d1011, "movt.s $f0,$f2,$fcc3" },
    { "MOVT_D", 0x46211011, "movt.d $f0,$f2,$fcc0" },
    { "MOVZ_S", 0x46031012, "movz.s $f0,$f2,$3" },
    { "MOVZ_D", 0x46231012, "movz.d $f0,$f2,$3" },
    { "MOVN_S", 0x46031013, "movn.s $f0,$f2,$3" },
    { "MOVN_D", 0x46231013, "movn.d $f0,$f2,$3" },
    { "RECIP_S", 0x46001015, "recip.s $f0,$f2" },
    { "RECIP_D", 0x46201015, "recip.d $f0,$f2" },
    { "RSQRT_S", 0x46001016, "rsqrt.s $f0,$f2" },
    { "RSQRT_D", 0x46201016, "rsqrt.d $f0,$f2" },
    { "CVT_S_D", 0x46201020, "cvt.s.d $f0,$f2" },
    { "CVT_S_W", 0x46801020, "cvt.s.w $f0,$f2" },
    { "CVT_S_L", 0x46a01020, "cvt.s.l $f0,$f2" },
    { "CVT_D_S", 0x46001021, "cvt.d.s $f0,$f2" },
    { "CVT_D_W", 0x46801021, "cvt.d.w $f0,$f2" },
    { "CVT_D_L", 0x46a01021, "cvt.d.l $f0,$f2" },
    { "CVT_W_S", 0x46001024, "cvt.w.s $f0,$f2" },
    { "CVT_W_D", 0x46201024, "cvt.w.d $f0,$f2" },
    { "CVT_L_S", 0x46001025, "cvt.l.s $f0,$f2" },
    { "CVT_L_D", 0x46201025, "cvt.l.d $f0,$f2" },
    { "C_COND_S", 0x46020134, "c.olt.s $fcc1,$f0,$f2" },
    { "C_COND_D", 0x46220037, "c.ule.d $f0,$f2" },
    { "LWXC1", 0x4ca40000, "lwxc1 $f0,$4($5)" },
    { "LDXC1", 0x4ca40001, "ldxc1 $f0,$4($5)" },
    { "LUXC1", 0x4ca40005, "luxc1 $f0,$4($5)" },
    { "SWXC1", 0x4ca40008, "swxc1 $f0,$4($5)" },
    { "SDXC1", 0x4ca40009, "sdxc1 $f0,$4($5)" },
    { "SUXC1", 0x4ca4000d, "suxc1 $f0,$4($5)" },
    { "PREFX", 0x4ca4000f, "prefx 0,$4($5)" },
    { "MADD_S", 0x4c462020, "madd.s $f0,$f2,$f4,$f6" },
    { "MADD_D", 0x4c462021, "madd.d $f0,$f2,$f4,$f6" },
    { "MSUB_S", 0x4c462028, "msub.s $f0,$f2,$f4,$f6" },
    { "MSUB_D", 0x4c462029, "msub.d $f0,$f2,$f4,$f6" },
    { "NMADD_S", 0x4c462030, "nmadd.s $f0,$f2,$f4,$f6" },
    { "NMADD_D", 0x4c462031, "nmadd.d $f0,$f2,$f4,$f6" },
    { "NMSUB_S", 0x4c462038, "nmsub.s $f0,$f2,$f4,$f6" },
    { "NMSUB_D", 0x4c462039, "nmsub.d $f0,$f2,$f4,$f6" },
};
#define NEXAMPLES (sizeof examples / sizeof examples[0])

/* Rows whose translator reserves the encoding here (SIGILL). */
static const char *const reserved_rows[] = {
    "COP0", "CACHE",
    "ROUND_L_S", "ROUND_L_D", "TRUNC_L_S", "TRUNC_L_D", "CEIL_L_S", "CEIL_L_D",
    "FLOOR_L_S", "FLOOR_L_D", "CVT_S_L", "CVT_D_L", "CVT_L_S", "CVT_L_D",
};

static bool is_reserved_row(const char *name)
{
    for (size_t i = 0; i < sizeof reserved_rows / sizeof reserved_rows[0]; i++)
        if (!strcmp(reserved_rows[i], name))
            return true;
    return false;
}

static const Example *example_of(const char *name)
{
    for (size_t i = 0; i < NEXAMPLES; i++)
        if (!strcmp(examples[i].name, name))
            return &examples[i];
    return NULL;
}

/* ---- 1-4: the table --------------------------------------------------------- */

static void test_table_check(void)
{
    DecTable *t = mips_decode_table();
    unsigned intended = 0;
    unsigned errors = dec_table_check(t, stdout, &intended);
    CHECK(errors == 0, "%u table errors", errors);
    CHECK(t->nrows == NROWS, "table has %u rows, insns.def %zu", t->nrows, NROWS);
    printf("# %u rows, %u intended overlaps\n", t->nrows, intended);
    test_end("decode table: no unintended overlap, no unreachable row");
}

static void test_examples(void)
{
    DecTable *t = mips_decode_table();
    CHECK(NEXAMPLES == NROWS, "%zu examples for %zu rows", NEXAMPLES, NROWS);
    for (size_t i = 0; i < NROWS; i++) {
        const Example *e = example_of(rows[i].name);
        CHECK(e != NULL, "row %s has no example", rows[i].name);
        if (!e)
            continue;
        const DecRow *r = dec_lookup(t, e->word);
        CHECK(r && r->trans == rows[i].trans, "%08x (%s) decodes to %s, not %s",
              e->word, e->asm_text, r ? r->name : "nothing", rows[i].name);
        CHECK((e->word & t->rows[i].mask) == t->rows[i].match, "%08x (%s) misses row %s",
              e->word, e->asm_text, rows[i].name);
    }
    test_end("every row decodes its binutils example to its own translator");
}

static uint32_t rng_state = 0x12345678u;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void test_random_fill(void)
{
    DecTable *t = mips_decode_table();
    for (uint32_t i = 0; i < t->nrows; i++) {
        const DecRow *row = &t->rows[i];
        for (int k = 0; k < 200; k++) {
            uint32_t w = row->match | (k ? rng() & ~row->mask : 0);
            const DecRow *r = dec_lookup(t, w);
            bool shadowed = false;
            for (uint32_t j = 0; j < i; j++)
                if ((t->rows[j].flags & DEC_ROW_OVERRIDE) && (w & t->rows[j].mask) == t->rows[j].match)
                    shadowed = true;
            CHECK(r == row || shadowed, "%08x should decode to %s, got %s", w, row->name,
                  r ? r->name : "nothing");
            if (r != row && !shadowed)
                break;
        }
    }
    test_end("don't-care bits never change the row");
}

static void test_reserved_words(void)
{
    static const uint32_t words[] = {
        0x0000000e,   /* SPECIAL funct 14 */
        0x00200000,   /* sll with rs != 0 */
        0x0000002c,   /* dadd: 64-bit */
        0x48000000,   /* COP2 */
        0x46c00000,   /* add.ps (FR=1 only) */
        0x74000000,   /* jalx */
        0x7000003f,   /* sdbbp */
        0xdc000000,   /* ld */
        0x00000048,   /* jr with hint 1 */
        0x0000000f | (1u << 11),  /* sync with rd != 0 */
        0x7c00003b | (1u << 6),   /* rdhwr with sel (R6) */
        0x04050000,   /* REGIMM rt 5 */
    };
    DecTable *t = mips_decode_table();
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const DecRow *r = dec_lookup(t, words[i]);
        CHECK(r == NULL, "%08x decodes to %s", words[i], r ? r->name : "");
    }
    test_end("reserved words decode to nothing");
}

static void extract(const char *name, MipsArgs *a)
{
    const Example *e = example_of(name);
    DecTable *t = mips_decode_table();
    const DecRow *r = dec_lookup(t, e->word);
    memset(a, 0x55, sizeof *a);
    dec_extract(r->fmt, e->word, a);
}

static void test_fields(void)
{
    MipsArgs a;
    extract("ADDIU", &a);           /* addiu $2,$3,-1 */
    CHECK(a.rs == 3 && a.rt == 2 && a.imm == -1, "addiu rs %d rt %d imm %d", a.rs, a.rt, a.imm);
    extract("ANDI", &a);            /* andi $2,$3,0xff00 */
    CHECK(a.imm == 0xff00, "andi imm %x", a.imm);
    extract("BNE", &a);             /* bne $2,$3,.-8 */
    CHECK(a.rs == 2 && a.rt == 3 && a.imm == -12, "bne offset %d", a.imm);
    extract("J", &a);               /* j 0x400000 */
    CHECK(a.imm == 0x400000, "j target %x", a.imm);
    extract("EXT", &a);             /* ext $2,$3,4,8 */
    CHECK(a.rt == 2 && a.rs == 3 && a.sa == 4 && a.rd == 7, "ext pos %d size-1 %d", a.sa, a.rd);
    extract("INS", &a);             /* ins $2,$3,4,8 */
    CHECK(a.sa == 4 && a.rd == 11, "ins lsb %d msb %d", a.sa, a.rd);
    extract("C_COND_S", &a);        /* c.olt.s $fcc1,$f0,$f2 */
    CHECK(a.cc == 1 && a.cond == 4 && a.fs == 0 && a.ft == 2, "c.olt cc %d cond %d", a.cc, a.cond);
    extract("BC1T", &a);            /* bc1t $fcc2,.+8 */
    CHECK(a.cc == 2 && a.imm == 4, "bc1t cc %d off %d", a.cc, a.imm);
    extract("MADD_S", &a);          /* madd.s $f0,$f2,$f4,$f6 */
    CHECK(a.fd == 0 && a.fr == 2 && a.fs == 4 && a.ft == 6, "madd.s fd %d fr %d fs %d ft %d",
          a.fd, a.fr, a.fs, a.ft);
    extract("LWXC1", &a);           /* lwxc1 $f0,$4($5) */
    CHECK(a.fd == 0 && a.rt == 4 && a.rs == 5, "lwxc1 fd %d index %d base %d", a.fd, a.rt, a.rs);
    extract("MOVT", &a);            /* movt $2,$3,$fcc7 */
    CHECK(a.rd == 2 && a.rs == 3 && a.cc == 7, "movt rd %d rs %d cc %d", a.rd, a.rs, a.cc);
    extract("TGE", &a);             /* tge $2,$3,5 */
    CHECK(a.code == 5, "tge code %d", a.code);
    extract("BREAK", &a);           /* break 7 */
    CHECK(a.code == 7 << 10, "break code %x", a.code);
    test_end("field formats extract the manual's fields");
}

/* ---- 5-6: translation ----------------------------------------------------------- */

static uint8_t mem[0x4000];

static bool code_ok(GuestAddr addr, uint32_t len)
{
    return addr >= 0x1000 && addr + len <= 0x3000;
}

static void put_word(uint32_t addr, uint32_t w, bool be)
{
    for (int i = 0; i < 4; i++)
        mem[addr + i] = (uint8_t)(be ? w >> (24 - 8 * i) : w >> (8 * i));
}

static FeCode code = { mem, code_ok };

/* Translates the words at pc; returns the exit-signal arg of a trailing
 * TRAP (0 if the block ends otherwise). */
static uint32_t translate_at(IRBlock *b, uint32_t pc, bool be, bool superblocks)
{
    FeOptions opt = { 64, superblocks };
    ir_block_reset(b, pc);
    mips_translate(b, pc, &code, &opt, be);
    bool ok = ir_verify(b, stdout);
    CHECK(ok, "block at %08x does not verify", pc);
    CHECK(ir_block_terminated(b), "block at %08x has no terminator", pc);
    const IRInsn *last = &b->insn[b->n - 1];
    return last->op == IR_TRAP && last->aux == IR_EXIT_SIGNAL ? last->b : 0;
}

static const uint32_t SIGILL_ARG = SIGILL | SI_KERNEL << 8;

static void test_translate_examples(void)
{
    IRBlock b;
    ir_block_init(&b, 0);
    for (int be = 0; be < 2; be++) {
        for (size_t i = 0; i < NEXAMPLES; i++) {
            const Example *e = &examples[i];
            memset(mem, 0, sizeof mem);      /* nops after the word */
            put_word(0x1000, e->word, be);
            uint32_t arg = translate_at(&b, 0x1000, be, false);
            bool sigill = arg == SIGILL_ARG && b.insn[b.n - 1].a == 0x1000;
            if (is_reserved_row(e->name))
                CHECK(sigill, "%s (%s) should raise SIGILL", e->name, e->asm_text);
            else
                CHECK(!sigill, "%s (%s) raised SIGILL", e->name, e->asm_text);
        }
    }
    ir_block_free(&b);
    test_end("every example translates to verified IR in both byte orders");
}

static size_t count_op(const IRBlock *b, IROp op)
{
    size_t n = 0;
    for (uint32_t i = 0; i < b->n; i++)
        n += b->insn[i].op == op;
    return n;
}

static void test_engine(void)
{
    IRBlock b;
    ir_block_init(&b, 0);
    for (int be = 0; be < 2; be++) {
        /* beq $2,$3,.+8 ; addiu $4,$4,1 ; nop... : slot before exit */
        memset(mem, 0, sizeof mem);
        put_word(0x1000, 0x10430001, be);
        put_word(0x1004, 0x24840001, be);
        translate_at(&b, 0x1000, be, false);
        CHECK(count_op(&b, IR_EXIT_IF) == 1 && b.insn[b.n - 1].op == IR_GOTO &&
              b.insn[b.n - 1].a == 0x1008, "conditional branch shape");
        CHECK(b.guest_insns == 2 && b.guest_end == 0x1008, "branch block covers %u insns to %08x",
              b.guest_insns, b.guest_end);
        uint32_t put_at = 0, exit_at = 0;
        for (uint32_t i = 0; i < b.n; i++) {
            if (b.insn[i].op == IR_PUT && b.insn[i].a == MIPS_OFF_GPR(4))
                put_at = i;
            if (b.insn[i].op == IR_EXIT_IF)
                exit_at = i;
        }
        CHECK(put_at && put_at < exit_at, "delay slot runs before the branch exit");

        /* superblock: continues after the branch up to the length limit */
        translate_at(&b, 0x1000, be, true);
        CHECK(b.guest_insns == 64, "superblock stops at the limit (%u insns)", b.guest_insns);

        /* branch in a delay slot: SIGILL at the branch */
        put_word(0x1004, 0x10430001, be);
        uint32_t arg = translate_at(&b, 0x1000, be, false);
        CHECK(arg == SIGILL_ARG && b.insn[b.n - 1].a == 0x1000, "branch in delay slot");

        /* undecodable word: SIGILL at its pc */
        memset(mem, 0, sizeof mem);
        put_word(0x1008, 0x0000000e, be);
        arg = translate_at(&b, 0x1000, be, false);
        CHECK(arg == SIGILL_ARG && b.insn[b.n - 1].a == 0x1008, "reserved word raises SIGILL at its pc");

        /* page end: a straight line stops at 0x2000 */
        memset(mem, 0, sizeof mem);
        translate_at(&b, 0x1f00, be, false);
        CHECK(b.insn[b.n - 1].op == IR_GOTO && b.insn[b.n - 1].a == 0x2000 && b.guest_end == 0x2000,
              "block stops at the page end");
        /* but a branch in the page's last word takes its slot along */
        put_word(0x1ffc, 0x10000010, be);   /* b .+0x44 */
        translate_at(&b, 0x1ff8, be, false);
        CHECK(b.insn[b.n - 1].op == IR_GOTO && b.insn[b.n - 1].a == 0x2040 && b.guest_end == 0x2004,
              "delay slot from the next page");

        /* unexecutable code, unaligned pc */
        arg = translate_at(&b, 0x3000, be, false);
        CHECK(arg == (SIGSEGV | SEGV_MAPERR << 8), "unexecutable pc gives SIGSEGV");
        arg = translate_at(&b, 0x1002, be, false);
        CHECK(arg == (SIGBUS | SI_KERNEL << 8), "unaligned pc gives SIGBUS");

        /* syscall ends the block at its own pc; teq carries code 7 -> SIGFPE */
        memset(mem, 0, sizeof mem);
        put_word(0x1004, 0x0000000c, be);
        translate_at(&b, 0x1000, be, false);
        CHECK(b.insn[b.n - 1].op == IR_TRAP && b.insn[b.n - 1].aux == IR_EXIT_SYSCALL &&
              b.insn[b.n - 1].a == 0x1004, "syscall exit");
        put_word(0x1004, 0x004001f4, be);   /* teq $2,$0,7 */
        translate_at(&b, 0x1004, be, false);
        bool found = false;
        for (uint32_t i = 0; i < b.n; i++)
            if (b.insn[i].op == IR_TRAP_IF && b.insn[i].c == (SIGFPE | FPE_INTDIV << 8))
                found = true;
        CHECK(found, "teq code 7 raises SIGFPE/FPE_INTDIV");
    }
    ir_block_free(&b);
    test_end("block engine: slots, superblocks, page end, faults");
}

int main(void)
{
    ir_verify_enabled = true;
    test_table_check();
    test_examples();
    test_random_fill();
    test_reserved_words();
    test_fields();
    test_translate_examples();
    test_engine();
    printf("%d passed, %d failed\n", test_no - test_failed, test_failed);
    return test_failed != 0;
}
