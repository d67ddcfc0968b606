/* trap_ri.S - a reserved encoding (SPECIAL, function 0x28) raises Reserved
 * Instruction: SIGILL.
 * EXPECT-EXIT: 132
 */
#include "test.h"
TEST_START
    nop
    .word 0x00000028
    EXIT(1)
TEST_END
