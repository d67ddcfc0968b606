/* sig_exec.c - what execve keeps of signal state: the blocked mask, a
 * blocked signal still pending, ignored dispositions; handlers go back to
 * the default.  The program execs itself (/proc/self/exe) with an argument.
 * TIMEOUT: 30
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_usr2(int s) { (void)s; }

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1) {
        sigset_t now, pend;
        sigprocmask(SIG_SETMASK, NULL, &now);
        sigpending(&pend);
        struct sigaction hup, usr2;
        sigaction(SIGHUP, NULL, &hup);
        sigaction(SIGUSR2, NULL, &usr2);
        printf("after exec: USR1 blocked=%d pending=%d, TERM blocked=%d, HUP ignored=%d, "
               "USR2 default=%d\n", sigismember(&now, SIGUSR1), sigismember(&pend, SIGUSR1),
               sigismember(&now, SIGTERM), hup.sa_handler == SIG_IGN, usr2.sa_handler == SIG_DFL);
        sigset_t u;
        sigemptyset(&u);
        sigaddset(&u, SIGUSR1);
        signal(SIGUSR1, SIG_IGN);       /* the pending one is discarded, not fatal */
        sigprocmask(SIG_UNBLOCK, &u, NULL);
        printf("unblocked an ignored pending signal: still alive\n");
        return 0;
    }
    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, NULL);
    raise(SIGUSR1);
    signal(SIGHUP, SIG_IGN);
    signal(SIGUSR2, on_usr2);
    char *args[] = { argv[0], "child", NULL };
    execv("/proc/self/exe", args);
    perror("execv");
    return 1;
}
