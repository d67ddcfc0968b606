/* trap_teq.S - teq whose condition holds, trap code 0: SIGTRAP.
 * EXPECT-EXIT: 133
 */
#include "test.h"
TEST_START
    li $t0, 3
    li $t1, 3
    tne $t0, $t1                    /* false: no trap */
    teq $t0, $t1
    EXIT(1)
TEST_END
