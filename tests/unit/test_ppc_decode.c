/*
 * test_ppc_decode.c - the PowerPC32 decode table and block engine.
 *
 *  1. dec_table_check: no unintended overlaps, no unreachable rows, match
 *     bits inside masks.
 *  2. Every insns.def row has an example word produced by binutils (the
 *     list below) and that word decodes to the row's own translator.
 *  3. Every row's match, with its don't-care bits filled at random, still
 *     decodes to that row.
 *  4. Reserved and 64-bit-only words decode to nothing; field extraction,
 *     including the split SPR field.
 *  5. Every example translates into a block that ir_verify accepts;
 *     privileged rows raise SIGILL/ILL_PRVOPC, invalid forms ILL_ILLOPC,
 *     every other row neither.
 *  6. Block engine: branch shapes, superblocks, page end, faults, sc.
 *
 * The example words were made by assembling each line with
 *   powerpc-linux-gnu-as -mppc -many and reading the word with objdump -d.
 *
 * Built only with the PowerPC frontend (XBT_GUEST_PPC); otherwise it skips.
 * Output is TAP-like; the exit status is non-zero when a test fails.
 */
#include <stdio.h>

#ifndef XBT_GUEST_PPC
int main(void)
{
    printf("1..0 # SKIP PowerPC frontend not built (XBT_GUEST_PPC)\n");
    return 77;
}
#else
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/ppc/translate.h"

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
#define INSN(NAME, mnem, mask, match, fmt, isa, flags) { #NAME, (DecFn)ppc_trans_##NAME },
#include "frontend/ppc/insns.def"
#undef INSN
};
#define NROWS (sizeof rows / sizeof rows[0])

typedef struct Example {
    const char *name;
    uint32_t word;
    const char *asm_text;
} Example;

static const Example examples[] = {
    { "TWI", 0x0c83fffb, "twi 4,3,-5" },
    { "MULLI", 0x1c64fff9, "mulli 3,4,-7" },
    { "SUBFIC", 0x20640064, "subfic 3,4,100" },
    { "CMPLI", 0x2b84ffff, "cmplwi 7,4,0xffff" },
    { "CMPI", 0x2c84ffff, "cmpwi 1,4,-1" },
    { "ADDIC", 0x3064ffff, "addic 3,4,-1" },
    { "ADDIC_", 0x34640001, "addic. 3,4,1" },
    { "ADDI", 0x38648000, "addi 3,4,-32768" },
    { "ADDIS", 0x3c641234, "addis 3,4,0x1234" },
    { "ORI", 0x6083ffff, "ori 3,4,0xffff" },
    { "ORIS", 0x64838000, "oris 3,4,0x8000" },
    { "XORI", 0x68830001, "xori 3,4,1" },
    { "XORIS", 0x6c838000, "xoris 3,4,0x8000" },
    { "ANDI_", 0x708300ff, "andi. 3,4,0xff" },
    { "ANDIS_", 0x7483f000, "andis. 3,4,0xf000" },
    { "BC", 0x4220fff8, "bdnz- .-8" },
    { "SC", 0x44000002, "sc" },
    { "B", 0x48000101, "bl .+0x100" },
    { "MCRF", 0x4d1c0000, "mcrf 2,7" },
    { "BCLR", 0x4c9a0020, "bnelr 6" },
    { "CRNOR", 0x4c221842, "crnor 1,2,3" },
    { "RFI", 0x4c000064, "rfi" },
    { "CRANDC", 0x4c853102, "crandc 4,5,6" },
    { "ISYNC", 0x4c00012c, "isync" },
    { "CRXOR", 0x4cc63182, "crclr 6" },
    { "CRNAND", 0x4ce849c2, "crnand 7,8,9" },
    { "CRAND", 0x4d4b6202, "crand 10,11,12" },
    { "CREQV", 0x4dad6a42, "crset 13" },
    { "CRORC", 0x4dcf8342, "crorc 14,15,16" },
    { "CROR", 0x4e329b82, "cror 17,18,19" },
    { "BCCTR", 0x4e800421, "bctrl" },
    { "RLWIMI", 0x5083442e, "rlwimi 3,4,8,16,23" },
    { "RLWINM", 0x5483103b, "rlwinm. 3,4,2,0,29" },
    { "RLWNM", 0x5c83283e, "rlwnm 3,4,5,0,31" },
    { "CMP", 0x7f832000, "cmpw 7,3,4" },
    { "TW", 0x7c832008, "tweq 3,4" },
    { "SUBFC", 0x7c642c11, "subfco. 3,4,5" },
    { "ADDC", 0x7c642814, "addc 3,4,5" },
    { "MULHWU", 0x7c642817, "mulhwu. 3,4,5" },
    { "MFCR", 0x7d800026, "mfcr 12" },
    { "MFOCRF", 0x7d920026, "mfocrf 12,0x20" },
    { "LWARX", 0x7c602028, "lwarx 3,0,4" },
    { "LWZX", 0x7c64282e, "lwzx 3,4,5" },
    { "SLW", 0x7c832831, "slw. 3,4,5" },
    { "CNTLZW", 0x7c830034, "cntlzw 3,4" },
    { "AND", 0x7c832838, "and 3,4,5" },
    { "CMPL", 0x7c032040, "cmplw 3,4" },
    { "SUBF", 0x7c642850, "subf 3,4,5" },
    { "DCBST", 0x7c00206c, "dcbst 0,4" },
    { "LWZUX", 0x7c64286e, "lwzux 3,4,5" },
    { "ANDC", 0x7c832878, "andc 3,4,5" },
    { "MULHW", 0x7c642896, "mulhw 3,4,5" },
    { "MFMSR", 0x7c6000a6, "mfmsr 3" },
    { "DCBF", 0x7c0320ac, "dcbf 3,4" },
    { "LBZX", 0x7c6428ae, "lbzx 3,4,5" },
    { "NEG", 0x7c6404d0, "nego 3,4" },
    { "LBZUX", 0x7c6428ee, "lbzux 3,4,5" },
    { "NOR", 0x7c8320f8, "not 3,4" },
    { "SUBFE", 0x7c642910, "subfe 3,4,5" },
    { "ADDE", 0x7c642d15, "addeo. 3,4,5" },
    { "MTCRF", 0x7d838120, "mtcrf 0x38,12" },
    { "MTOCRF", 0x7d901120, "mtocrf 0x01,12" },
    { "MTMSR", 0x7c600124, "mtmsr 3" },
    { "STWCX_", 0x7c60212d, "stwcx. 3,0,4" },
    { "STWX", 0x7c64292e, "stwx 3,4,5" },
    { "STWUX", 0x7c64296e, "stwux 3,4,5" },
    { "SUBFZE", 0x7c640190, "subfze 3,4" },
    { "ADDZE", 0x7c640195, "addze. 3,4" },
    { "MTSR", 0x7c6201a4, "mtsr 2,3" },
    { "STBX", 0x7c6429ae, "stbx 3,4,5" },
    { "SUBFME", 0x7c6401d0, "subfme 3,4" },
    { "ADDME", 0x7c6401d4, "addme 3,4" },
    { "MULLW", 0x7c642dd6, "mullwo 3,4,5" },
    { "MTSRIN", 0x7c6021e4, "mtsrin 3,4" },
    { "DCBTST", 0x7c0321ec, "dcbtst 3,4" },
    { "STBUX", 0x7c6429ee, "stbux 3,4,5" },
    { "ADD", 0x7c642a15, "add. 3,4,5" },
    { "DCBT", 0x7c03222c, "dcbt 3,4" },
    { "LHZX", 0x7c642a2e, "lhzx 3,4,5" },
    { "EQV", 0x7c832a38, "eqv 3,4,5" },
    { "TLBIE", 0x7c002264, "tlbie 4" },
    { "LHZUX", 0x7c642a6e, "lhzux 3,4,5" },
    { "XOR", 0x7c832a79, "xor. 3,4,5" },
    { "MFSPR", 0x7c0802a6, "mflr 0" },
    { "LHAX", 0x7c642aae, "lhax 3,4,5" },
    { "MFTB", 0x7c6d42e6, "mftbu 3" },
    { "LHAUX", 0x7c642aee, "lhaux 3,4,5" },
    { "STHX", 0x7c642b2e, "sthx 3,4,5" },
    { "ORC", 0x7c832b38, "orc 3,4,5" },
    { "STHUX", 0x7c642b6e, "sthux 3,4,5" },
    { "OR", 0x7c832378, "mr 3,4" },
    { "DIVWU", 0x7c642b96, "divwu 3,4,5" },
    { "MTSPR", 0x7c6903a6, "mtctr 3" },
    { "DCBI", 0x7c0323ac, "dcbi 3,4" },
    { "NAND", 0x7c832bb8, "nand 3,4,5" },
    { "DIVW", 0x7c642fd7, "divwo. 3,4,5" },
    { "MCRXR", 0x7d800400, "mcrxr 3" },
    { "LSWX", 0x7cc42c2a, "lswx 6,4,5" },
    { "LWBRX", 0x7c642c2c, "lwbrx 3,4,5" },
    { "LFSX", 0x7c242c2e, "lfsx 1,4,5" },
    { "SRW", 0x7c832c30, "srw 3,4,5" },
    { "TLBSYNC", 0x7c00046c, "tlbsync" },
    { "LFSUX", 0x7c242c6e, "lfsux 1,4,5" },
    { "MFSR", 0x7c6204a6, "mfsr 3,2" },
    { "LSWI", 0x7ca464aa, "lswi 5,4,12" },
    { "SYNC", 0x7c2004ac, "lwsync" },
    { "LFDX", 0x7c242cae, "lfdx 1,4,5" },
    { "LFDUX", 0x7c242cee, "lfdux 1,4,5" },
    { "MFSRIN", 0x7c602526, "mfsrin 3,4" },
    { "STSWX", 0x7c642d2a, "stswx 3,4,5" },
    { "STWBRX", 0x7c642d2c, "stwbrx 3,4,5" },
    { "STFSX", 0x7c242d2e, "stfsx 1,4,5" },
    { "STFSUX", 0x7c242d6e, "stfsux 1,4,5" },
    { "STSWI", 0x7c643daa, "stswi 3,4,7" },
    { "STFDX", 0x7c242dae, "stfdx 1,4,5" },
    { "STFDUX", 0x7c242dee, "stfdux 1,4,5" },
    { "LHBRX", 0x7c642e2c, "lhbrx 3,4,5" },
    { "SRAW", 0x7c832e30, "sraw 3,4,5" },
    { "SRAWI", 0x7c83fe71, "srawi. 3,4,31" },
    { "EIEIO", 0x7c0006ac, "eieio" },
    { "STHBRX", 0x7c642f2c, "sthbrx 3,4,5" },
    { "EXTSH", 0x7c830734, "extsh 3,4" },
    { "EXTSB", 0x7c830775, "extsb. 3,4" },
    { "ICBI", 0x7c0327ac, "icbi 3,4" },
    { "STFIWX", 0x7c242fae, "stfiwx 1,4,5" },
    { "DCBZ", 0x7c0327ec, "dcbz 3,4" },
    { "LWZ", 0x8061fffc, "lwz 3,-4(1)" },
    { "LWZU", 0x84650004, "lwzu 3,4(5)" },
    { "LBZ", 0x88640001, "lbz 3,1(4)" },
    { "LBZU", 0x8c640001, "lbzu 3,1(4)" },
    { "STW", 0x90610008, "stw 3,8(1)" },
    { "STWU", 0x9421fff0, "stwu 1,-16(1)" },
    { "STB", 0x98640000, "stb 3,0(4)" },
    { "STBU", 0x9c640001, "stbu 3,1(4)" },
    { "LHZ", 0xa0640002, "lhz 3,2(4)" },
    { "LHZU", 0xa4640002, "lhzu 3,2(4)" },
    { "LHA", 0xa864fffe, "lha 3,-2(4)" },
    { "LHAU", 0xac640002, "lhau 3,2(4)" },
    { "STH", 0xb0640002, "sth 3,2(4)" },
    { "STHU", 0xb4640002, "sthu 3,2(4)" },
    { "LMW", 0xbba1fff4, "lmw 29,-12(1)" },
    { "STMW", 0xbfa1fff4, "stmw 29,-12(1)" },
    { "LFS", 0xc0230004, "lfs 1,4(3)" },
    { "LFSU", 0xc4230004, "lfsu 1,4(3)" },
    { "LFD", 0xc8230008, "lfd 1,8(3)" },
    { "LFDU", 0xcc230008, "lfdu 1,8(3)" },
    { "STFS", 0xd0230004, "stfs 1,4(3)" },
    { "STFSU", 0xd4230004, "stfsu 1,4(3)" },
    { "STFD", 0xd8230008, "stfd 1,8(3)" },
    { "STFDU", 0xdc21fff8, "stfdu 1,-8(1)" },
    { "FDIVS", 0xec221824, "fdivs 1,2,3" },
    { "FSUBS", 0xec221828, "fsubs 1,2,3" },
    { "FADDS", 0xec22182b, "fadds. 1,2,3" },
    { "FSQRTS", 0xec20102c, "fsqrts 1,2" },
    { "FRES", 0xec201030, "fres 1,2" },
    { "FMULS", 0xec2200f2, "fmuls 1,2,3" },
    { "FRSQRTES", 0xec201034, "frsqrtes 1,2" },
    { "FMSUBS", 0xec2220f8, "fmsubs 1,2,3,4" },
    { "FMADDS", 0xec2220fa, "fmadds 1,2,3,4" },
    { "FNMSUBS", 0xec2220fc, "fnmsubs 1,2,3,4" },
    { "FNMADDS", 0xec2220fe, "fnmadds 1,2,3,4" },
    { "FCMPU", 0xff811000, "fcmpu 7,1,2" },
    { "FRSP", 0xfc201018, "frsp 1,2" },
    { "FCTIW", 0xfc20101c, "fctiw 1,2" },
    { "FCTIWZ", 0xfc20101e, "fctiwz 1,2" },
    { "FDIV", 0xfc221824, "fdiv 1,2,3" },
    { "FSUB", 0xfc221828, "fsub 1,2,3" },
    { "FADD", 0xfc22182a, "fadd 1,2,3" },
    { "FSQRT", 0xfc20102c, "fsqrt 1,2" },
    { "FSEL", 0xfc2220ee, "fsel 1,2,3,4" },
    { "FRE", 0xfc201030, "fre 1,2" },
    { "FMUL", 0xfc2200f2, "fmul 1,2,3" },
    { "FRSQRTE", 0xfc201034, "frsqrte 1,2" },
    { "FMSUB", 0xfc2220f8, "fmsub 1,2,3,4" },
    { "FMADD", 0xfc2220fa, "fmadd 1,2,3,4" },
    { "FNMSUB", 0xfc2220fc, "fnmsub 1,2,3,4" },
    { "FNMADD", 0xfc2220ff, "fnmadd. 1,2,3,4" },
    { "FCMPO", 0xfc811040, "fcmpo 1,1,2" },
    { "MTFSB1", 0xffe0004c, "mtfsb1 31" },
    { "FNEG", 0xfc201050, "fneg 1,2" },
    { "MCRFS", 0xfc8c0080, "mcrfs 1,3" },
    { "MTFSB0", 0xffc0008d, "mtfsb0. 30" },
    { "FMR", 0xfc201090, "fmr 1,2" },
    { "MTFSFI", 0xff80310c, "mtfsfi 7,3" },
    { "FNABS", 0xfc201110, "fnabs 1,2" },
    { "FABS", 0xfc201210, "fabs 1,2" },
    { "MFFS", 0xfc00048e, "mffs 0" },
    { "MTFSF", 0xfdfe058e, "mtfsf 0xff,0" },
};
#define NEXAMPLES (sizeof examples / sizeof examples[0])

/* Rows whose translator raises SIGILL/ILL_PRVOPC (supervisor only). */
static const char *const privileged_rows[] = {
    "RFI", "MFMSR", "MTMSR", "MTSR", "MTSRIN", "MFSR", "MFSRIN", "TLBIE", "TLBSYNC", "DCBI",
};

static bool is_privileged_row(const char *name)
{
    for (size_t i = 0; i < sizeof privileged_rows / sizeof privileged_rows[0]; i++)
        if (!strcmp(privileged_rows[i], name))
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
    DecTable *t = ppc_decode_table();
    unsigned intended = 0;
    unsigned errors = dec_table_check(t, stdout, &intended);
    CHECK(errors == 0, "%u table errors", errors);
    CHECK(t->nrows == NROWS, "table has %u rows, insns.def %zu", t->nrows, NROWS);
    printf("# %u rows, %u intended overlaps\n", t->nrows, intended);
    test_end("decode table: no unintended overlap, no unreachable row");
}

static void test_examples(void)
{
    DecTable *t = ppc_decode_table();
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
    DecTable *t = ppc_decode_table();
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
        0x00000000,   /* opcode 0 */
        0x08000000,   /* tdi: 64-bit */
        0x10000000,   /* AltiVec vaddubm */
        0x2c200000,   /* cmpdi (L = 1) */
        0x7c200000,   /* cmpd (L = 1) */
        0x44000022,   /* sc 1 (hypervisor) */
        0x78000000,   /* rldicl */
        0x7c00002a,   /* ldx */
        0x7c0001d2,   /* mulld */
        0x7c00001e,   /* isel (not on a 750) */
        0x7c0000f4,   /* popcntb */
        0x7c00002f,   /* lwzx with Rc = 1 */
        0x7c000826,   /* mfcr with bit 11 set */
        0xe8000000,   /* ld */
        0xf8000000,   /* std */
        0xfc00069c,   /* fcfid */
        0xfc00065c,   /* fctid */
        0xfc00006a,   /* fadd with FRC != 0 */
        0x4c000021 | (1u << 14),  /* bclr with reserved bit 14 */
    };
    DecTable *t = ppc_decode_table();
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const DecRow *r = dec_lookup(t, words[i]);
        CHECK(r == NULL, "%08x decodes to %s", words[i], r ? r->name : "");
    }
    /* pre-v3.0 CPUs run mffsl/mffscrn as mffs, and glibc relies on it */
    const DecRow *r = dec_lookup(t, 0xfc18048e);    /* mffsl f0 */
    CHECK(r && r->trans == (DecFn)ppc_trans_MFFS, "mffsl decodes as mffs");
    test_end("reserved and 64-bit words decode to nothing");
}

static void extract(const char *name, PpcArgs *a)
{
    const Example *e = example_of(name);
    const DecRow *r = dec_lookup(ppc_decode_table(), e->word);
    ppc_decode_args(r, e->word, a);
}

static void test_fields(void)
{
    PpcArgs a;
    extract("ADDI", &a);            /* addi 3,4,-32768 */
    CHECK(a.rt == 3 && a.ra == 4 && a.imm == -32768, "addi rt %d ra %d imm %d", a.rt, a.ra, a.imm);
    extract("ORI", &a);             /* ori 3,4,0xffff */
    CHECK(a.ra == 3 && a.rs == 4 && a.imm == 0xffff, "ori imm %x", a.imm);
    extract("CMPLI", &a);           /* cmplwi 7,4,0xffff */
    CHECK(a.bf == 7 && a.ra == 4 && a.imm == 0xffff && a.l == 0, "cmplwi bf %d imm %x", a.bf, a.imm);
    extract("BC", &a);              /* bdnz- .-8 */
    CHECK(a.bo == 17 && a.bi == 0 && a.imm == -8 && !a.aa && !a.lk, "bdnz bo %d off %d", a.bo, a.imm);
    extract("B", &a);               /* bl .+0x100 */
    CHECK(a.imm == 0x100 && a.lk == 1 && a.aa == 0, "bl off %x lk %d", a.imm, a.lk);
    extract("BCLR", &a);            /* bnelr 6 */
    CHECK(a.bo == 4 && a.bi == 26 && a.lk == 0, "bnelr bo %d bi %d", a.bo, a.bi);
    extract("RLWIMI", &a);          /* rlwimi 3,4,8,16,23 */
    CHECK(a.ra == 3 && a.rs == 4 && a.sh == 8 && a.mb == 16 && a.me == 23 && !a.rc,
          "rlwimi sh %d mb %d me %d", a.sh, a.mb, a.me);
    extract("RLWINM", &a);          /* rlwinm. 3,4,2,0,29 */
    CHECK(a.sh == 2 && a.mb == 0 && a.me == 29 && a.rc == 1, "rlwinm. rc %d", a.rc);
    extract("SUBFC", &a);           /* subfco. 3,4,5 */
    CHECK(a.rt == 3 && a.ra == 4 && a.rb == 5 && a.oe == 1 && a.rc == 1, "subfco. oe %d rc %d", a.oe, a.rc);
    extract("MFSPR", &a);           /* mflr 0 */
    CHECK(a.rt == 0 && a.spr == 8, "mflr spr %d", a.spr);
    extract("MTSPR", &a);           /* mtctr 3 */
    CHECK(a.rs == 3 && a.spr == 9, "mtctr spr %d", a.spr);
    extract("MFTB", &a);            /* mftbu 3 */
    CHECK(a.rt == 3 && a.spr == 269, "mftbu tbr %d", a.spr);
    extract("MTCRF", &a);           /* mtcrf 0x38,12 */
    CHECK(a.rs == 12 && a.fxm == 0x38 && a.one == 0, "mtcrf fxm %x", a.fxm);
    extract("MFOCRF", &a);          /* mfocrf 12,0x20 */
    CHECK(a.rt == 12 && a.fxm == 0x20 && a.one == 1, "mfocrf fxm %x", a.fxm);
    extract("CROR", &a);            /* cror 17,18,19 */
    CHECK(a.bt == 17 && a.ba == 18 && a.bb == 19, "cror %d %d %d", a.bt, a.ba, a.bb);
    extract("MCRF", &a);            /* mcrf 2,7 */
    CHECK(a.bf == 2 && a.bfa == 7, "mcrf %d %d", a.bf, a.bfa);
    extract("FMADD", &a);           /* fmadd 1,2,3,4 */
    CHECK(a.frt == 1 && a.fra == 2 && a.frc == 3 && a.frb == 4, "fmadd %d %d %d %d",
          a.frt, a.fra, a.frc, a.frb);
    extract("MTFSF", &a);           /* mtfsf 0xff,0 */
    CHECK(a.flm == 0xff && a.frb == 0, "mtfsf flm %x", a.flm);
    extract("MTFSFI", &a);          /* mtfsfi 7,3 */
    CHECK(a.bf == 7 && a.u == 3, "mtfsfi bf %d u %d", a.bf, a.u);
    extract("LSWI", &a);            /* lswi 5,4,12 */
    CHECK(a.rt == 5 && a.ra == 4 && a.nb == 12, "lswi nb %d", a.nb);
    extract("TWI", &a);             /* twi 4,3,-5 */
    CHECK(a.to == 4 && a.ra == 3 && a.imm == -5, "twi to %d imm %d", a.to, a.imm);
    extract("SYNC", &a);            /* lwsync */
    CHECK(a.l == 1, "lwsync l %d", a.l);
    test_end("field formats extract the manual's fields");
}

/* ---- 5-6: translation ----------------------------------------------------------- */

static uint8_t mem[0x4000];

static bool code_ok(GuestAddr addr, uint32_t len)
{
    return addr >= 0x1000 && addr + len <= 0x3000;
}

static void put_word(uint32_t addr, uint32_t w)
{
    for (int i = 0; i < 4; i++)
        mem[addr + i] = (uint8_t)(w >> (24 - 8 * i));
}

/* fills [from, to) with nops (ori 0,0,0) */
static void fill_nops(uint32_t from, uint32_t to)
{
    for (uint32_t a = from; a < to; a += 4)
        put_word(a, 0x60000000);
}

static FeCode code = { mem, code_ok };

/* Translates the words at pc; returns the exit-signal arg of a trailing
 * TRAP (0 if the block ends otherwise). */
static uint32_t translate_at(IRBlock *b, uint32_t pc, bool superblocks)
{
    FeOptions opt = { 64, superblocks };
    ir_block_reset(b, pc);
    ppc_translate(b, pc, &code, &opt);
    bool ok = ir_verify(b, stdout);
    CHECK(ok, "block at %08x does not verify", pc);
    CHECK(ir_block_terminated(b), "block at %08x has no terminator", pc);
    const IRInsn *last = &b->insn[b->n - 1];
    return last->op == IR_TRAP && last->aux == IR_EXIT_SIGNAL ? last->b : 0;
}

static const uint32_t SIGILL_ARG = SIGILL | ILL_ILLOPC << 8;
static const uint32_t SIGPRV_ARG = SIGILL | ILL_PRVOPC << 8;

static void test_translate_examples(void)
{
    IRBlock b;
    ir_block_init(&b, 0);
    for (size_t i = 0; i < NEXAMPLES; i++) {
        const Example *e = &examples[i];
        fill_nops(0x1000, 0x3000);
        put_word(0x1000, e->word);
        uint32_t arg = translate_at(&b, 0x1000, false);
        bool at_pc = b.insn[b.n - 1].a == 0x1000;
        if (is_privileged_row(e->name))
            CHECK(arg == SIGPRV_ARG && at_pc, "%s (%s) should raise SIGILL/ILL_PRVOPC", e->name, e->asm_text);
        else
            CHECK(!(arg == SIGILL_ARG && at_pc) && arg != SIGPRV_ARG, "%s (%s) raised SIGILL",
                  e->name, e->asm_text);
        ir_optimize(&b);
    }
    /* invalid forms (Book I: update with RA = 0 or RA = RT, lmw over RA) */
    static const uint32_t invalid[] = {
        0x84630004,   /* lwzu 3,4(3) */
        0x84600004,   /* lwzu 3,4(0) */
        0x94000004,   /* stwu 0,4(0) */
        0xbba30000,   /* lmw 29,0(3) with RA=3 < 29: valid, see below */
        0xbbbe0000,   /* lmw 29,0(30): RA in range */
        0x4e800420 & ~(4u << 21),  /* bcctr with CTR decrement */
        0x7c0004ac | (3u << 21),   /* sync L=3 */
        0x7c0802a6 | (5u << 16),   /* mfspr with an unimplemented user SPR (5) */
    };
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        fill_nops(0x1000, 0x3000);
        put_word(0x1000, invalid[i]);
        uint32_t arg = translate_at(&b, 0x1000, false);
        bool sigill = arg == SIGILL_ARG && b.insn[b.n - 1].a == 0x1000;
        CHECK(sigill == (i != 3), "%08x: SIGILL %d", invalid[i], sigill);
    }
    /* privileged SPRs: SIGILL/ILL_PRVOPC */
    fill_nops(0x1000, 0x3000);
    put_word(0x1000, 0x7c7043a6);    /* mtsprg 0,3 */
    CHECK(translate_at(&b, 0x1000, false) == SIGPRV_ARG, "mtsprg is privileged");
    ir_block_free(&b);
    test_end("every example translates to verified IR; invalid forms raise SIGILL");
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
    IRInsn *last;

    /* beq cr0,.+8: EXIT_IF then GOTO the fall-through */
    fill_nops(0x1000, 0x3000);
    put_word(0x1000, 0x41820008);
    translate_at(&b, 0x1000, false);
    last = &b.insn[b.n - 1];
    CHECK(count_op(&b, IR_EXIT_IF) == 1 && last->op == IR_GOTO && last->a == 0x1004,
          "conditional branch shape");
    CHECK(b.guest_insns == 1 && b.guest_end == 0x1004, "branch block covers %u insns to %08x",
          b.guest_insns, b.guest_end);
    /* superblock: continues after the branch up to the length limit */
    translate_at(&b, 0x1000, true);
    CHECK(b.guest_insns == 64, "superblock stops at the limit (%u insns)", b.guest_insns);

    /* b .+0x40: GOTO; bl: LR written first */
    put_word(0x1000, 0x48000041);
    translate_at(&b, 0x1000, true);
    last = &b.insn[b.n - 1];
    CHECK(last->op == IR_GOTO && last->a == 0x1040, "bl is a goto");
    CHECK(b.insn[b.n - 2].op == IR_PUT && b.insn[b.n - 2].a == PPC_OFF(lr), "bl writes LR");

    /* bcl 20,31,$+4 (pc-reading idiom) continues the block */
    put_word(0x1000, 0x429f0005);
    translate_at(&b, 0x1000, false);
    CHECK(b.guest_insns > 1, "bcl 20,31,$+4 continues (%u insns)", b.guest_insns);

    /* blr: JUMP; beqlr: EXIT_IF to the fall-through, then JUMP */
    put_word(0x1000, 0x4e800020);
    translate_at(&b, 0x1000, true);
    CHECK(b.insn[b.n - 1].op == IR_JUMP && b.guest_insns == 1, "blr is a jump");
    put_word(0x1000, 0x4d820020);
    translate_at(&b, 0x1000, true);
    CHECK(b.insn[b.n - 1].op == IR_JUMP && count_op(&b, IR_EXIT_IF) == 1, "beqlr shape");

    /* undecodable word: SIGILL at its pc */
    fill_nops(0x1000, 0x3000);
    put_word(0x1008, 0x00000000);
    uint32_t arg = translate_at(&b, 0x1000, false);
    CHECK(arg == SIGILL_ARG && b.insn[b.n - 1].a == 0x1008, "reserved word raises SIGILL at its pc");

    /* page end: a straight line stops at 0x2000 */
    fill_nops(0x1000, 0x3000);
    translate_at(&b, 0x1f00, false);
    CHECK(b.insn[b.n - 1].op == IR_GOTO && b.insn[b.n - 1].a == 0x2000 && b.guest_end == 0x2000,
          "block stops at the page end");

    /* unexecutable code, unaligned pc */
    arg = translate_at(&b, 0x3000, false);
    CHECK(arg == (SIGSEGV | SEGV_MAPERR << 8), "unexecutable pc gives SIGSEGV");
    arg = translate_at(&b, 0x1002, false);
    CHECK(arg == (SIGBUS | BUS_ADRALN << 8), "unaligned pc gives SIGBUS");

    /* sc ends the block at its own pc; trap is SIGTRAP/TRAP_BRKPT at its pc */
    put_word(0x1004, 0x44000002);
    translate_at(&b, 0x1000, false);
    last = &b.insn[b.n - 1];
    CHECK(last->op == IR_TRAP && last->aux == IR_EXIT_SYSCALL && last->a == 0x1004, "sc exit");
    put_word(0x1004, 0x7fe00008);       /* trap */
    arg = translate_at(&b, 0x1000, false);
    CHECK(arg == (SIGTRAP | TRAP_BRKPT << 8) && b.insn[b.n - 1].a == 0x1004, "trap raises SIGTRAP");
    put_word(0x1004, 0x7c832008);       /* tweq 3,4 */
    translate_at(&b, 0x1000, false);
    CHECK(count_op(&b, IR_TRAP_IF) == 1, "tweq is a conditional trap");
    /* icbi: flush exit to the next instruction */
    put_word(0x1004, 0x7c0327ac);
    translate_at(&b, 0x1000, false);
    last = &b.insn[b.n - 1];
    CHECK(last->op == IR_TRAP && last->aux == IR_EXIT_FLUSH && last->a == 0x1008, "icbi flush exit");
    ir_block_free(&b);
    test_end("block engine: branches, superblocks, page end, faults, sc");
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
#endif
