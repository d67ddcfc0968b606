/* trap_tw.S - tw/twi: conditions that do not hold fall through (including
 * TO = 0 and a register compared with itself for "less than"); "tweq r,r"
 * raises SIGTRAP, so the program dies by signal 5.
 * EXPECT-EXIT: 133
 */
#include "test.h"

TEST_START
    li 4, 5
    li 5, 6
    twgt 4, 5
    twlgt 4, 5
    tweq 4, 5
    twi 0, 4, 5
    twlti 4, 5
    twllti 4, 5
    tw 16, 4, 4                     /* "less than" of a register with itself */
    twgti 5, 5                      /* 6 > 5 holds: this one traps */
    EXIT(1)
TEST_END
