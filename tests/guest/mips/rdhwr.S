/* rdhwr.S - rdhwr $29 (UserLocal) returns the TLS pointer set by
 * set_thread_area; the kernel emulates it when the CPU lacks it.
 */
#include "test.h"
TEST_START
    li $a0, 0x7ff01234
    li $v0, __NR_set_thread_area
    syscall
    CHECK_IMM(1, $a3, 0)
    rdhwr $v1, $29                  /* v1: the register glibc uses */
    CHECK_IMM(2, $v1, 0x7ff01234)
    .set push
    .set mips32r2
    rdhwr $t5, $29                  /* any destination register */
    .set pop
    CHECK_IMM(3, $t5, 0x7ff01234)
    li $a0, 0x12345678
    li $v0, __NR_set_thread_area
    syscall
    rdhwr $v1, $29
    CHECK_IMM(4, $v1, 0x12345678)
    PASS
TEST_END
