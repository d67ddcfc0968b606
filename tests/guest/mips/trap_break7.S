/* trap_break7.S - break 7 (BRK_DIVZERO, what old compilers emit after div)
 * is turned into SIGFPE by Linux (arch/mips/kernel/traps.c, do_bp).
 * qemu-user 7.2 is wrong here: it sends SIGTRAP (known-failures).
 * EXPECT-EXIT: 136
 */
#include "test.h"
TEST_START
    break 7
    EXIT(1)
TEST_END
