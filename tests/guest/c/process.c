/* process.c - processes: fork, waitpid status decoding (exit codes and
 * death by signal), a pipe between parent and child, dup2 of stdout in the
 * child and getpid/getppid relations (exec: exec.c).  Signals are printed
 * by name, not number.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>

int main(void)
{
    int pfd[2], st, i;
    pid_t pid, me = getpid();
    char buf[128];

    /* exit codes and signals through waitpid */
    for (i = 0; i < 4; i++) {
        fflush(stdout);             /* else the child inherits and repeats our buffer */
        pid = fork();
        if (pid == 0) {
            if (i == 0) _exit(0);
            if (i == 1) _exit(42);
            if (i == 2) raise(SIGTERM);
            if (i == 3) abort();
            _exit(99);
        }
        waitpid(pid, &st, 0);
        if (WIFEXITED(st))
            printf("child %d: exited %d\n", i, WEXITSTATUS(st));
        else if (WIFSIGNALED(st))
            printf("child %d: killed by %s\n", i, WTERMSIG(st) == SIGTERM ? "SIGTERM" :
                   WTERMSIG(st) == SIGABRT ? "SIGABRT" : "other");
    }

    /* pipe: child writes, parent reads */
    if (pipe(pfd) != 0) return 1;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(pfd[0]);
        dup2(pfd[1], 1);
        printf("hello through a pipe from pid-is-child=%d\n", getpid() != me);
        fflush(stdout);
        _exit(getppid() == me ? 5 : 6);
    }
    close(pfd[1]);
    memset(buf, 0, sizeof buf);
    for (i = 0; i < (int)sizeof buf - 1;) {
        ssize_t n = read(pfd[0], buf + i, sizeof buf - 1 - (size_t)i);
        if (n <= 0) break;
        i += (int)n;
    }
    close(pfd[0]);
    waitpid(pid, &st, 0);
    printf("parent read: %s", buf);
    printf("child status %d\n", WEXITSTATUS(st));

    /* wait with no children */
    printf("wait without children: %d\n", (int)wait(&st));
    return 0;
}
