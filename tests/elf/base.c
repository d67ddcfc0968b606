/* base.c - the valid guest program the ELF tests start from (built static
 * for big-endian MIPS, and natively for the wrong-machine case). */
#include <stdio.h>

int main(void)
{
    puts("ok");
    return 0;
}
