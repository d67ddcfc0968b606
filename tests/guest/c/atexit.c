/* atexit.c - return from main runs atexit handlers in reverse order, flushes
 * stdio buffers and gives main's return value as the status.
 * EXPECT-EXIT: 3
 */
#include <stdio.h>
#include <stdlib.h>

static void a(void) { printf("handler a\n"); }
static void b(void) { printf("handler b\n"); }
static void c(void) { printf("handler c, then status 3\n"); }

int main(void)
{
    atexit(a);
    atexit(b);
    atexit(c);
    printf("unflushed line from main");   /* no newline: flushed by exit */
    return 3;
}
