/* ipc.c - descriptors that are not files: socketpair (AF_UNIX stream and
 * datagram), send/recv with flags, poll and select readiness, eventfd-like
 * pipes with O_NONBLOCK and EAGAIN, fcntl flags, and shutdown.  errno
 * values are printed by name.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/socket.h>

static const char *ename(int e)
{
    return e == EAGAIN ? "EAGAIN" : e == EPIPE ? "EPIPE" : e == EBADF ? "EBADF" : e == 0 ? "0" : "other";
}

int main(void)
{
    int sv[2], pfd[2], r, fl;
    char buf[64];
    struct pollfd pf[2];
    fd_set rs;
    struct timeval tv;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) { printf("socketpair failed\n"); return 1; }
    printf("send %zd\n", send(sv[0], "ping", 4, 0));
    memset(buf, 0, sizeof buf);
    printf("recv peek %zd %s\n", recv(sv[1], buf, sizeof buf, MSG_PEEK), buf);
    memset(buf, 0, sizeof buf);
    printf("recv %zd %s\n", recv(sv[1], buf, sizeof buf, 0), buf);
    errno = 0;
    r = (int)recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
    printf("recv empty nonblocking %d %s\n", r, ename(errno));

    pf[0].fd = sv[0]; pf[0].events = POLLIN | POLLOUT;
    pf[1].fd = sv[1]; pf[1].events = POLLIN;
    r = poll(pf, 2, 0);
    printf("poll %d: [0] in=%d out=%d [1] in=%d\n", r, !!(pf[0].revents & POLLIN), !!(pf[0].revents & POLLOUT),
           !!(pf[1].revents & POLLIN));
    write(sv[0], "x", 1);
    r = poll(pf, 2, 1000);
    printf("poll after write %d: [1] in=%d\n", r, !!(pf[1].revents & POLLIN));
    FD_ZERO(&rs);
    FD_SET(sv[1], &rs);
    tv.tv_sec = 1; tv.tv_usec = 0;
    r = select(sv[1] + 1, &rs, NULL, NULL, &tv);
    printf("select %d isset=%d\n", r, FD_ISSET(sv[1], &rs));
    read(sv[1], buf, 1);
    shutdown(sv[0], SHUT_WR);
    printf("read after peer shutdown %zd\n", read(sv[1], buf, sizeof buf));
    close(sv[0]);
    close(sv[1]);

    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0) { printf("dgram socketpair failed\n"); return 1; }
    send(sv[0], "one", 3, 0);
    send(sv[0], "two!", 4, 0);
    printf("dgram %zd", recv(sv[1], buf, sizeof buf, 0));
    printf(" %zd\n", recv(sv[1], buf, sizeof buf, 0));
    close(sv[0]);
    close(sv[1]);

    /* non-blocking pipe */
    pipe(pfd);
    fl = fcntl(pfd[0], F_GETFL);
    fcntl(pfd[0], F_SETFL, fl | O_NONBLOCK);
    printf("O_NONBLOCK set: %d\n", (fcntl(pfd[0], F_GETFL) & O_NONBLOCK) != 0);
    errno = 0;
    r = (int)read(pfd[0], buf, 1);
    printf("empty pipe read %d %s\n", r, ename(errno));
    printf("FD_CLOEXEC: %d", fcntl(pfd[1], F_GETFD) & FD_CLOEXEC);
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    printf(" -> %d\n", fcntl(pfd[1], F_GETFD) & FD_CLOEXEC);
    close(pfd[0]);
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    r = (int)write(pfd[1], "x", 1);
    printf("write to closed pipe %d %s\n", r, ename(errno));
    close(pfd[1]);
    errno = 0;
    r = close(pfd[1]);
    printf("double close %d %s\n", r, ename(errno));
    return 0;
}
