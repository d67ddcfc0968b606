/* trap_fpe.S - with the divide-by-zero enable bit set in FCSR, div.d by
 * zero raises a floating-point exception: SIGFPE.
 * EXPECT-EXIT: 136
 */
#include "test.h"
TEST_START
    li $t0, 0x400                   /* FCSR enable Z (bit 10) */
    ctc1 $t0, $31
    li $t1, 0x3ff00000
    mtc1 $zero, $f0
    mthc1 $t1, $f0                  /* 1.0 */
    mtc1 $zero, $f2
    mthc1 $zero, $f2                /* 0.0 */
    div.d $f4, $f0, $f2
    EXIT(1)
TEST_END
