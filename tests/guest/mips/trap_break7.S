/* trap_break7.S - break 7 (BRK_DIVZERO, what old compilers emit after div)
 * is turned into SIGFPE by Linux (arch/mips/kernel/traps.c, do_bp).
 * EXPECT-EXIT: 136
 */
#include "test.h"
TEST_START
    break 7
    EXIT(1)
TEST_END
