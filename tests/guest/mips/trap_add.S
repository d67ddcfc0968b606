/* trap_add.S - add overflowing 32 bits raises Integer Overflow: SIGFPE.
 * EXPECT-EXIT: 136
 */
#include "test.h"
TEST_START
    li $t0, 0x7fffffff
    li $t1, 1
    add $t2, $t0, $t1
    EXIT(1)                         /* not reached */
TEST_END
