/* test.h - shared macros for the self-checking PowerPC32 assembly tests.
 *
 * Each test is a static -nostdlib program whose entry is _start.  A check
 * that fails exits with its own number (1..127) through exit_group, so the
 * driver (tests/run.sh) can name it; success exits 0.  Syscall numbers come
 * from the kernel's asm/unistd.h.  The macros use r0 and r3 as scratch and
 * compare in cr7; tests keep their own values elsewhere.  Registers are
 * written as plain numbers (binutils' default for powerpc-linux).
 */
#include <asm/unistd.h>

#define TEST_START      \
    .text;              \
    .globl _start;      \
    .type _start, @function; \
_start:

#define TEST_END

/* exit_group(code) */
#define EXIT(code)                  \
    li 3, code;                     \
    li 0, __NR_exit_group;          \
    sc

#define PASS EXIT(0)

/* LOADI(reg, imm32): a 32-bit constant */
#define LOADI(reg, imm)             \
    lis reg, (imm)@h;               \
    ori reg, reg, (imm)@l

/* LA(reg, sym): an absolute address (static, non-PIC) */
#define LA(reg, sym)                \
    lis reg, sym@ha;                \
    addi reg, reg, sym@l

/* CHECK_EQ(n, ra, rb): exit with status n unless ra == rb.  Uses local
 * label 99, which tests must not use themselves.
 * The driver greps CHECK_xx(n, / EXIT(n) to name a failed check. */
#define CHECK_EQ(n, ra, rb)         \
    cmpw 7, ra, rb;                 \
    beq 7, 99f;                     \
    EXIT(n);                        \
99:

/* Compare a register with a 32-bit constant (uses r0). */
#define CHECK_IMM(n, reg, imm)      \
    LOADI(0, imm);                  \
    CHECK_EQ(n, reg, 0)

/* CHECK_CR(n, imm): CR fields 0..6 equal imm's (cr7 belongs to the checks;
 * uses r0, r3, reading CR before the check's own compare) */
#define CHECK_CR(n, imm)            \
    mfcr 3;                         \
    rlwinm 3, 3, 0, 0, 27;          \
    CHECK_IMM(n, 3, (imm) & 0xfffffff0)

/* CHECK_XER(n, imm): XER SO/OV/CA and the byte count (uses r0, r3) */
#define CHECK_XER(n, imm)           \
    mfxer 3;                        \
    CHECK_IMM(n, 3, imm)

#define XER_SO 0x80000000
#define XER_OV 0x40000000
#define XER_CA 0x20000000

/* clear CR and XER */
#define CLEAR_CR_XER                \
    li 0, 0;                        \
    mtcrf 0xff, 0;                  \
    mtxer 0
