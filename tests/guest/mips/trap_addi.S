/* trap_addi.S - addi overflowing downward raises SIGFPE; rt unchanged.
 * EXPECT-EXIT: 136
 */
#include "test.h"
TEST_START
    li $t0, 0x80000000
    addi $t0, $t0, -1
    EXIT(1)
TEST_END
