/* trap_break.S - break (code 0) raises SIGTRAP.
 * EXPECT-EXIT: 133
 */
#include "test.h"
TEST_START
    nop
    break
    EXIT(1)
TEST_END
