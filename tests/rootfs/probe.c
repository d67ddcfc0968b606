/*
 * probe.c - guest program for the binfmt_misc and chroot tests: prints
 * what a program sees of how it was started, one "key=value" per line.
 *
 *   probe [args...]                  print argv, /proc/self/exe, AT_EXECFN,
 *                                    credentials, AT_SECURE, whether fd 3 is open
 *   probe exec PATH ARGV0 [ARGS...]  execv(PATH, {ARGV0, ARGS...})
 *   probe spawn PATH [ARGS...]       fork, execv(PATH, {PATH, ARGS...}) in the
 *                                    child, wait; print the child's status
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 3 && !strcmp(argv[1], "exec")) {
        execv(argv[2], argv + 3);
        perror("probe: execv");
        return 127;
    }
    if (argc > 2 && !strcmp(argv[1], "spawn")) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            execv(argv[2], argv + 2);
            perror("probe: execv");
            _exit(127);
        }
        int st = 0;
        if (pid < 0 || waitpid(pid, &st, 0) != pid) {
            perror("probe: fork/wait");
            return 126;
        }
        printf("child=%d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
        return 0;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    const char *fn = (const char *)getauxval(AT_EXECFN);
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv%d=%s\n", i, argv[i]);
    printf("exe=%s\n", exe);
    printf("execfn=%s\n", fn ? fn : "(none)");
    printf("uid=%d euid=%d secure=%lu\n", (int)getuid(), (int)geteuid(), getauxval(AT_SECURE));
    printf("fd3=%s\n", fcntl(3, F_GETFD) >= 0 ? "open" : "closed");
    return 0;
}
