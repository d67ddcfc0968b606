/* abort.c - abort() kills the program with SIGABRT (6 on MIPS and x86)
 * after stdout was flushed by hand; atexit handlers must not run.
 * EXPECT-EXIT: 134
 */
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit ran (wrong)\n"); }

int main(void)
{
    atexit(bye);
    printf("about to abort\n");
    fflush(stdout);
    abort();
}
