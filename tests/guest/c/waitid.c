/* waitid.c - waitid with the guest's siginfo (CLD_EXITED, CLD_KILLED with
 * the signal number, CLD_STOPPED and CLD_CONTINUED, WNOHANG with nothing
 * ready, WNOWAIT leaving the child waitable, P_ALL and P_PGID), and the
 * SIGCHLD handler's siginfo.
 * TIMEOUT: 30
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *code_name(int c)
{
    return c == CLD_EXITED ? "EXITED" : c == CLD_KILLED ? "KILLED" : c == CLD_DUMPED ? "DUMPED" :
           c == CLD_STOPPED ? "STOPPED" : c == CLD_CONTINUED ? "CONTINUED" : "?";
}

static const char *sig_name(int s)
{
    return s == SIGTERM ? "TERM" : s == SIGSTOP ? "STOP" : s == SIGCONT ? "CONT" :
           s == SIGCHLD ? "CHLD" : s == SIGUSR1 ? "USR1" : "?";
}

static void show(const char *what, int r, const siginfo_t *si, pid_t pid)
{
    printf("%s: r=%d signo=%s code=%s pid ok=%d", what, r, sig_name(si->si_signo),
           code_name(si->si_code), si->si_pid == pid);
    if (si->si_code == CLD_EXITED)
        printf(" status=%d\n", si->si_status);
    else
        printf(" status=%s\n", sig_name(si->si_status));
}

static volatile sig_atomic_t chld_code, chld_status, chld_pid_ok;
static volatile pid_t expect_pid;

static void on_chld(int s, siginfo_t *si, void *uc)
{
    (void)s;
    (void)uc;
    chld_code = si->si_code;
    chld_status = si->si_status;
    chld_pid_ok = si->si_pid == expect_pid;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    siginfo_t si;
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    memset(&si, 0, sizeof si);
    int r = waitid(P_PID, (id_t)pid, &si, WEXITED);
    show("exit", r, &si, pid);

    pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    memset(&si, 0xff, sizeof si);
    r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG);
    printf("nohang: r=%d pid=%d signo=%d\n", r, (int)si.si_pid, si.si_signo);
    kill(pid, SIGTERM);
    memset(&si, 0, sizeof si);
    r = waitid(P_ALL, 0, &si, WEXITED | WNOWAIT);
    show("killed (nowait)", r, &si, pid);
    memset(&si, 0, sizeof si);
    r = waitid(P_PGID, (id_t)getpgrp(), &si, WEXITED);
    show("killed (pgid)", r, &si, pid);

    int go[2];
    if (pipe(go) < 0)
        return 1;
    pid = fork();
    if (pid == 0) {
        char c;
        raise(SIGSTOP);
        if (read(go[0], &c, 1) != 1)    /* exits only once the parent saw it continue */
            _exit(9);
        _exit(5);
    }
    memset(&si, 0, sizeof si);
    r = waitid(P_PID, (id_t)pid, &si, WSTOPPED);
    show("stopped", r, &si, pid);
    kill(pid, SIGCONT);
    memset(&si, 0, sizeof si);
    r = waitid(P_PID, (id_t)pid, &si, WCONTINUED);
    show("continued", r, &si, pid);
    if (write(go[1], "x", 1) != 1)
        return 1;
    memset(&si, 0, sizeof si);
    r = waitid(P_PID, (id_t)pid, &si, WEXITED);
    show("then exit", r, &si, pid);

    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("no children: r=%d %s\n", r, errno == ECHILD ? "ECHILD" : "?");

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t b, old;
    sigemptyset(&b);
    sigaddset(&b, SIGCHLD);
    sigprocmask(SIG_BLOCK, &b, &old);
    pid = fork();
    if (pid == 0) {
        raise(SIGUSR1);
        _exit(1);
    }
    expect_pid = pid;
    sigsuspend(&old);
    printf("SIGCHLD handler: code=%s status=%s pid ok=%d\n", code_name(chld_code),
           sig_name(chld_status), (int)chld_pid_ok);
    sigprocmask(SIG_SETMASK, &old, NULL);
    r = waitid(P_PID, (id_t)pid, &si, WEXITED);
    show("usr1", r, &si, pid);
    return 0;
}
