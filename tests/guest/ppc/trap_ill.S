/* trap_ill.S - an unallocated opcode raises SIGILL (signal 4), as does
 * every 64-bit-only encoding on this 32-bit CPU.
 * EXPECT-EXIT: 132
 */
#include "test.h"

TEST_START
    nop
    .long 0x00000000
    EXIT(1)
TEST_END
