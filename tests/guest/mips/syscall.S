/* syscall.S - raw o32 syscall conventions: v0 = number, a0..a3 args,
 * result in v0 with a3 = 0, or a3 = 1 and v0 = positive errno.
 */
#include "test.h"
#include <asm/errno.h>

    .data
msg: .ascii "syscall test output\n"
msgend:
    .text
TEST_START
    /* write(1, msg, len) returns len, a3 = 0 */
    li $a0, 1
    la $a1, msg
    li $a2, msgend - msg
    li $v0, __NR_write
    syscall
    CHECK_IMM(1, $v0, msgend - msg)
    CHECK_IMM(2, $a3, 0)
    /* close(-1) fails: a3 = 1, v0 = EBADF (9) */
    li $a0, -1
    li $v0, __NR_close
    syscall
    CHECK_IMM(3, $a3, 1)
    CHECK_IMM(4, $v0, EBADF)
    /* getpid() > 0 and getppid() differs from it */
    li $v0, __NR_getpid
    syscall
    CHECK_IMM(5, $a3, 0)
    blez $v0, 9f
    move $s0, $v0
    li $v0, __NR_getppid
    syscall
    CHECK_IMM(7, $a3, 0)
    beq $v0, $s0, 8f
    nop
    /* saved registers survive a syscall */
    li $s1, 0x12345678
    li $t8, 0x0badf00d
    li $v0, __NR_getpid
    syscall
    CHECK_IMM(10, $s1, 0x12345678)
    CHECK_EQ(11, $v0, $s0)
    PASS
8:  EXIT(8)
9:  EXIT(6)
TEST_END
