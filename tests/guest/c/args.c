/* args.c - argv, environment and exit status through the runner.
 * ARGS: alpha beta-2 -x --long=value 42
 * ENV: XBT_T1=hello XBT_T2=with=equals XBT_EMPTY=
 * EXPECT-EXIT: 42
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/');
    int i, n = 0, sum = 0;
    printf("argc=%d argv0=%s\n", argc, base ? base + 1 : argv[0]);
    for (i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\" len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]=%s\n", argv[argc] ? "non-null" : "NULL");
    printf("XBT_T1=%s\n", getenv("XBT_T1"));
    printf("XBT_T2=%s\n", getenv("XBT_T2"));
    printf("XBT_EMPTY=[%s]\n", getenv("XBT_EMPTY"));
    printf("XBT_NOPE=%s\n", getenv("XBT_NOPE") ? "set" : "unset");
    for (i = 0; environ[i]; i++)
        if (strncmp(environ[i], "XBT_T", 5) == 0)
            n++;
    printf("XBT_T* in environ: %d\n", n);
    setenv("XBT_NEW", "v1", 0);
    setenv("XBT_T1", "changed", 1);
    unsetenv("XBT_T2");
    printf("after: %s %s %s\n", getenv("XBT_NEW"), getenv("XBT_T1"), getenv("XBT_T2") ? "set" : "unset");
    sum = atoi(argv[argc - 1]);
    fflush(stdout);
    exit(sum);
}
