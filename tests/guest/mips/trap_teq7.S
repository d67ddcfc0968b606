/* trap_teq7.S - "teq rt, $0, 7" is gcc's division-by-zero check; Linux
 * decodes the trap code and sends SIGFPE for BRK_DIVZERO (7).
 * qemu-user 7.2 is wrong here: it sends SIGTRAP whatever the trap code (known-failures).
 * EXPECT-EXIT: 136
 */
#include "test.h"
TEST_START
    li $t0, 10
    move $t1, $zero
    div $zero, $t0, $t1
    teq $t1, $zero, 7
    EXIT(1)
TEST_END
