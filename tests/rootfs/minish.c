/*
 * minish.c - a minimal guest "shell" for the chroot test (Debian's cross
 * sysroots have libraries but no shell).  Runs a script given as argv[1]
 * (so it works as a #! interpreter): each line is a command and its
 * arguments separated by blanks; it forks, execs the command by path in the
 * child and waits, then prints "NAME: status N".  "#" lines are comments;
 * "exit N" ends the script.  Exit status: 0 if every command exited 0, else
 * the status of the last failing one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: minish SCRIPT\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char line[1024];
    int failed = 0;
    while (fgets(line, sizeof line, f)) {
        char *av[64];
        int n = 0;
        for (char *save = NULL, *t = strtok_r(line, " \t\n", &save); t && n < 63;
             t = strtok_r(NULL, " \t\n", &save))
            av[n++] = t;
        av[n] = NULL;
        if (n == 0 || av[0][0] == '#')
            continue;
        if (!strcmp(av[0], "exit"))
            return n > 1 ? atoi(av[1]) : failed;
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) {
            perror("minish: fork");
            return 2;
        }
        if (pid == 0) {
            execv(av[0], av);
            perror(av[0]);
            _exit(127);
        }
        int st;
        if (waitpid(pid, &st, 0) != pid) {
            perror("minish: waitpid");
            return 2;
        }
        int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        printf("%s: status %d\n", av[0], code);
        if (code)
            failed = code;
    }
    return failed;
}
