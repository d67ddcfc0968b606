/* test.h - shared macros for the self-checking MIPS assembly tests.
 *
 * Each test is a static -nostdlib o32 program whose entry is __start.  A
 * check that fails exits with its own number (1..127) through exit_group,
 * so the driver (tests/run.sh) can name it; success exits 0.  Numbers come
 * from the kernel's asm/unistd.h (o32 by default for this compiler).
 * Code is assembled with .set noreorder: every delay slot is explicit.
 * Macros clobber $at and $k0/$k1 only where they say so.
 */
#include <asm/unistd.h>

#define TEST_START      \
    .text;              \
    .set noreorder;     \
    .set noat;          \
    .globl __start;     \
    .ent __start;       \
__start:

#define TEST_END        \
    .end __start

/* exit_group(code) */
#define EXIT(code)                  \
    li $a0, code;                   \
    li $v0, __NR_exit_group;        \
    syscall;                        \
    nop

#define PASS EXIT(0)

/* CHECK_EQ(n, ra, rb): exit with status n unless ra == rb.  Uses local
 * label 99, which tests must not use themselves.
 * The driver greps CHECK_xx(n, / EXIT(n) to name a failed check. */
#define CHECK_EQ(n, ra, rb)         \
    beq ra, rb, 99f;                \
    nop;                            \
    EXIT(n);                        \
99:

/* Compare register with a 32-bit constant (uses $at). */
#define CHECK_IMM(n, reg, imm)      \
    li $at, imm;                    \
    CHECK_EQ(n, reg, $at)
