/* sc_errno.S - the syscall convention: number in r0, arguments in r3..r8,
 * result in r3; failure sets CR0.SO with r3 = the positive errno, success
 * clears it; other CR fields are preserved.
 */
#include "test.h"

TEST_START
    CLEAR_CR_XER
    cmpwi 2, 3, 0x7fff              /* something in cr2 to preserve */
    mfcr 20
    /* close(-1) -> EBADF (9) */
    li 3, -1
    li 0, __NR_close
    sc
    mfcr 21
    CHECK_IMM(1, 3, 9)
    rlwinm 4, 21, 0, 3, 3           /* CR0.SO */
    CHECK_IMM(2, 4, 0x10000000)
    rlwinm 4, 21, 0, 8, 11          /* cr2 unchanged */
    rlwinm 5, 20, 0, 8, 11
    CHECK_EQ(3, 4, 5)
    /* getpid succeeds: SO clear, r3 > 0 */
    li 0, __NR_getpid
    sc
    mfcr 21
    rlwinm 4, 21, 0, 3, 3
    CHECK_IMM(4, 4, 0)
    cmpwi 3, 0
    bgt 1f
    EXIT(5)
    /* write(1, msg, 0) = 0 with six argument registers in use */
1:  li 3, 1
    LA(4, msg)
    li 5, 0
    li 6, -1
    li 7, -1
    li 8, -1
    li 0, __NR_write
    sc
    CHECK_IMM(6, 3, 0)
    PASS
TEST_END

    .data
msg: .asciz "x"
