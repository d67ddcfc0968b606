/* llsc.S - lwarx/stwcx.: an atomic increment loop, CR0 of stwcx. (EQ on
 * success, SO copied from XER), stwcx. without a reservation fails and
 * stores nothing, a compare-and-swap that does not swap, and the
 * acquire/release barriers around them (isync, lwsync, sync, eieio).
 * When a reservation may be lost is implementation-specific: only the
 * architecturally certain outcomes are checked.
 */
#include "test.h"

TEST_START
    CLEAR_CR_XER
    LA(20, counter)
    li 21, 1000
1:  lwarx 4, 0, 20
    addi 4, 4, 3
    stwcx. 4, 0, 20
    bne- 1b                         /* retry on failure */
    addic. 21, 21, -1
    bne 1b
    lwz 4, 0(20)
    CHECK_IMM(1, 4, 3000)

    /* success sets CR0 = 0b0010 | SO */
    LOADI(5, XER_SO)
    mtxer 5
    addi 22, 20, 4
    lwarx 4, 0, 22
    LOADI(6, 0x55aa55aa)
    stwcx. 6, 0, 22
    CHECK_CR(2, 0x30000000)
    lwz 7, 4(20)
    CHECK_EQ(3, 7, 6)
    /* no reservation any more: stwcx. fails, CR0 = SO only, memory unchanged */
    li 6, 77
    stwcx. 6, 0, 22
    CHECK_CR(4, 0x10000000)
    lwz 7, 4(20)
    CHECK_IMM(5, 7, 0x55aa55aa)
    CLEAR_CR_XER

    /* lwarx is a plain load; a compare-and-swap idiom that does not swap */
    addi 23, 20, 8
    LOADI(4, 0x80000001)
    stw 4, 0(23)
    sync
    li 8, 42
2:  lwarx 4, 0, 23
    cmpw 4, 8
    bne- 3f
    stwcx. 9, 0, 23
    bne- 2b
    EXIT(6)
3:  CHECK_IMM(7, 4, 0x80000001)
    lwz 4, 0(23)
    CHECK_IMM(8, 4, 0x80000001)
    /* exchange loop with barriers, as glibc's atomics do */
    lwsync
    li 9, 5
4:  lwarx 4, 0, 23
    stwcx. 9, 0, 23
    bne- 4b
    isync
    CHECK_IMM(9, 4, 0x80000001)
    lwz 4, 0(23)
    CHECK_IMM(10, 4, 5)
    eieio
    PASS
TEST_END

    .data
    .balign 16
counter: .long 0, 0, 0, 0
