/* trap_segv.S - a load from an unmapped page raises SIGSEGV.
 * EXPECT-EXIT: 139
 */
#include "test.h"
TEST_START
    li $t0, 0x10
    lw $t1, 0($t0)
    EXIT(1)
TEST_END
