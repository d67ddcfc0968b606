/* exec.c - execve of a guest program from a guest: the program re-executes
 * itself through /proc/self/exe (which must name the guest program, not
 * the translator) and through argv[0]'s path, passing arguments and an
 * environment; the exec'd image replaces the process (same pid) and its
 * exit status reaches the parent.
 * qemu-user without binfmt_misc cannot do this (known-failures).
 * ENV: XBT_EXEC_TEST=parent
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
    int st;
    pid_t pid;
    char pidbuf[16];

    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("child: argv[0]=%s argv[2]=%s env=%s same-pid=%d\n", argv[0], argc > 2 ? argv[2] : "-",
               getenv("XBT_EXEC_TEST") ? getenv("XBT_EXEC_TEST") : "unset",
               argc > 3 && getpid() == (pid_t)atoi(argv[3]));
        return 17;
    }
    if (argc > 1 && strcmp(argv[1], "again") == 0) {
        printf("re-exec via argv[0] ok\n");
        return 3;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *envp[] = {"XBT_EXEC_TEST=child", "PATH=/usr/bin:/bin", NULL};
        snprintf(pidbuf, sizeof pidbuf, "%d", (int)getpid());
        char *args[] = {"renamed", "child", "second", pidbuf, NULL};
        execve("/proc/self/exe", args, envp);
        printf("execve /proc/self/exe failed\n");
        fflush(stdout);
        _exit(1);
    }
    waitpid(pid, &st, 0);
    printf("exec child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        execl(argv[0], "again", "again", (char *)NULL);
        printf("execl argv[0] failed\n");
        fflush(stdout);
        _exit(1);
    }
    waitpid(pid, &st, 0);
    printf("second exec status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    /* a failing execve returns -1 and the process goes on */
    printf("execve of a missing file: %d\n", execl("/nonexistent/prog", "x", (char *)NULL));
    return 0;
}
