/* smc.S - self-modifying code: instructions written to an RWX mapping are
 * executed, rewritten, flushed with cacheflush(2) and executed again; the
 * second run must see the new code (a stale translation would return the
 * old value).  Also code rewritten in place inside a loop.
 */
#include "test.h"
#include <asm/cachectl.h>

/* "li $v0, imm" = addiu $v0, $zero, imm */
#define LI_V0(imm) (0x24020000 | ((imm) & 0xffff))
#define JR_RA      0x03e00008
#define NOP        0

TEST_START
    /* mmap2(NULL, 4096, RWX, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
    addiu $sp, $sp, -32
    move $a0, $zero
    li $a1, 4096
    li $a2, 7
    li $a3, 0x802                   /* MAP_PRIVATE | MAP_ANONYMOUS (MIPS) */
    li $t0, -1
    sw $t0, 16($sp)
    sw $zero, 20($sp)
    li $v0, __NR_mmap2
    syscall
    CHECK_IMM(1, $a3, 0)
    move $s0, $v0

    li $t0, LI_V0(11)
    sw $t0, 0($s0)
    li $t0, JR_RA
    sw $t0, 4($s0)
    sw $zero, 8($s0)
    jal flush
    nop
    jalr $s0
    nop
    CHECK_IMM(2, $v0, 11)

    /* rewrite the immediate, flush, call again */
    li $t0, LI_V0(22)
    sw $t0, 0($s0)
    jal flush
    nop
    jalr $s0
    nop
    CHECK_IMM(3, $v0, 22)

    /* rewrite without changing length many times in a loop */
    li $s1, 30
    move $s2, $zero
5:  li $t0, LI_V0(0)
    or $t0, $t0, $s1
    sw $t0, 0($s0)
    jal flush
    nop
    jalr $s0
    nop
    addu $s2, $s2, $v0
    addiu $s1, $s1, -1
    bnez $s1, 5b
    nop
    CHECK_IMM(4, $s2, 465)          /* 30 + 29 + ... + 1 */

    /* replace the whole function: now two instructions longer */
    li $t0, LI_V0(5)
    sw $t0, 0($s0)
    li $t0, 0x24420007              /* addiu $v0, $v0, 7 */
    sw $t0, 4($s0)
    li $t0, JR_RA
    sw $t0, 8($s0)
    li $t0, 0x24420100              /* slot: addiu $v0, $v0, 0x100 */
    sw $t0, 12($s0)
    jal flush
    nop
    jalr $s0
    nop
    CHECK_IMM(5, $v0, 0x10c)
    PASS
TEST_END

    .ent flush
flush:                              /* cacheflush(s0, 4096, BCACHE) */
    move $a0, $s0
    li $a1, 4096
    li $a2, BCACHE
    li $v0, __NR_cacheflush
    syscall
    jr $ra
    nop
    .end flush
