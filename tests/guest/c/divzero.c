/* divzero.c - integer division by zero kills the program with SIGFPE.
 * On MIPS gcc guards div with "teq rt, $0, 7" and Linux turns trap code 7
 * (BRK_DIVZERO) into SIGFPE; x86 raises #DE, also SIGFPE.
 * qemu-user 7.2 is wrong here: it sends SIGTRAP whatever the trap code (known-failures).
 * NOT-ON: arm armhf ppc: integer division by zero does not trap there
 * EXPECT-EXIT: 136
 */
#include <stdio.h>

int main(int argc, char **argv)
{
    volatile int a = 1000, b = argc - 1;   /* b == 0: no arguments */
    (void)argv;
    printf("before\n");
    fflush(stdout);
    a = a / b;
    printf("not reached %d\n", a);
    return 0;
}
