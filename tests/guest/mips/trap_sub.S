/* trap_sub.S - sub overflow (0 - INT_MIN) raises SIGFPE.
 * EXPECT-EXIT: 136
 */
#include "test.h"
TEST_START
    li $t0, 0x80000000
    sub $t1, $zero, $t0
    EXIT(1)
TEST_END
