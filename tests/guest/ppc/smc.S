/* smc.S - self-modifying code: a routine in a writable, executable page is
 * run, rewritten (li 3,1 -> li 3,2), flushed with the usual
 * dcbst/sync/icbi/isync sequence, and run again; the new instruction must
 * be seen.  Also reads the time base twice (mftbu/mftb/mftbu loop) and
 * checks that it moves forward.
 * CFLAGS: -Wl,--no-warn-rwx-segments
 */
#include "test.h"

TEST_START
    LA(20, code)
    /* copy the template routine (li 3,1 ; blr) into the page */
    LA(21, tmpl)
    lwz 4, 0(21)
    stw 4, 0(20)
    lwz 4, 4(21)
    stw 4, 4(20)
    dcbst 0, 20
    sync
    icbi 0, 20
    isync
    mtctr 20
    bctrl
    CHECK_IMM(1, 3, 1)
    /* patch the immediate and flush */
    LOADI(4, 0x38600002)            /* li 3,2 */
    stw 4, 0(20)
    dcbst 0, 20
    sync
    icbi 0, 20
    isync
    mtctr 20
    bctrl
    CHECK_IMM(2, 3, 2)

    /* time base: a consistent 64-bit read, twice, increasing */
1:  mftbu 5
    mftb 6
    mftbu 7
    cmpw 5, 7
    bne 1b
    li 9, 2000
2:  addic. 9, 9, -1
    bne 2b
3:  mftbu 10
    mftb 11
    mftbu 12
    cmpw 10, 12
    bne 3b
    subfc 13, 6, 11                 /* (10:11) - (5:6) */
    subfe. 14, 5, 10
    blt 4f
    or. 13, 13, 14
    beq 4f
    PASS
4:  EXIT(3)
TEST_END

tmpl:
    li 3, 1
    blr

    .section .smc, "awx", @progbits
    .balign 32
code: .long 0, 0, 0, 0, 0, 0, 0, 0
