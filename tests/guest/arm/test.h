/* test.h - shared macros for the self-checking ARM32 assembly tests.
 *
 * Each test is a static -nostdlib EABI program whose entry is _start, built
 * with arm-linux-gnueabihf-gcc -nostdlib -static (ARMv7-A; the armel
 * compiler's default v5TE cannot assemble most of them).  A
 * check that fails exits with its own number (1..127) through exit_group,
 * so the driver can name it; success exits 0.  Numbers come from the
 * kernel's asm/unistd.h (EABI).  Tests choose .arm or .thumb themselves;
 * the macros assemble in both (unified syntax).  They clobber r0, r7 and
 * ip (r12) only when a check fails or where they say so.
 */
#include <asm/unistd.h>

#define TEST_START          \
    .syntax unified;        \
    .text;                  \
    .globl _start;          \
    .type _start, %function;

/* exit_group(code) */
#define EXIT(code)                  \
    mov r0, #(code);                \
    mov r7, #(__NR_exit_group & 0xff); \
    add r7, r7, #(__NR_exit_group & 0xff00); \
    svc #0

#define PASS EXIT(0)

/* CHECK_EQ(n, ra, rb): exit with status n unless ra == rb (uses label 99). */
#define CHECK_EQ(n, ra, rb)         \
    cmp ra, rb;                     \
    beq 99f;                        \
    EXIT(n);                        \
99:

/* Compare a register with a 32-bit constant (clobbers ip). */
#define CHECK_IMM(n, reg, imm)      \
    ldr ip, =imm;                   \
    CHECK_EQ(n, reg, ip)

/* Check the APSR flags N Z C V (a 4-bit value NZCV) (clobbers ip). */
#define CHECK_FLAGS(n, nzcv)        \
    mrs ip, apsr;                   \
    lsr ip, ip, #28;                \
    cmp ip, #(nzcv);                \
    beq 99f;                        \
    EXIT(n);                        \
99:
