/* unaligned_fixup.S - lw/sw/lh/lhu/sh at misaligned addresses.  Linux/MIPS
 * emulates these for user processes by default (Address Error exception ->
 * emulate_load_store_insn in arch/mips/kernel/unaligned.c) so the program
 * sees the right values and no signal.
 * qemu-user is wrong here: it raises SIGBUS (known-failures).
 */
#include "test.h"

#ifdef __MIPSEB__
#define E(be, le) be
#else
#define E(be, le) le
#endif

TEST_START
    la $s0, data                    /* 11 22 33 44 55 66 77 88 */
    lw $t0, 1($s0)
    CHECK_IMM(1, $t0, E(0x22334455, 0x55443322))
    lw $t0, 3($s0)
    CHECK_IMM(2, $t0, E(0x44556677, 0x77665544))
    lh $t0, 1($s0)
    CHECK_IMM(3, $t0, E(0x2233, 0x3322))
    lhu $t0, 7($s0)
    CHECK_IMM(4, $t0, E(0x8899, 0x9988))
    lh $t0, 7($s0)
    CHECK_IMM(5, $t0, E(0xffff8899, 0xffff9988))
    li $t1, E(0xa1b2c3d4, 0xd4c3b2a1)
    sw $t1, 2($s0)
    lbu $t0, 2($s0)
    CHECK_IMM(6, $t0, 0xa1)
    lbu $t0, 5($s0)
    CHECK_IMM(7, $t0, 0xd4)
    lbu $t0, 6($s0)
    CHECK_IMM(8, $t0, 0x77)
    li $t1, E(0xe1e2, 0xe2e1)
    sh $t1, 9($s0)
    lbu $t0, 9($s0)
    CHECK_IMM(9, $t0, 0xe1)
    lbu $t0, 10($s0)
    CHECK_IMM(10, $t0, 0xe2)
    PASS
TEST_END

    .data
    .balign 8
data: .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc
