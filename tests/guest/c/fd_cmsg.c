/* Ancillary data over a Unix socket pair: SCM_RIGHTS (descriptors that
 * work in the receiver, several in one message, to a forked child),
 * SCM_CREDENTIALS with SO_PASSCRED, MSG_CTRUNC when the buffer is small,
 * and FIONREAD on sockets and pipes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static int send_fds(int s, const int *fds, int n, const char *text)
{
    char cbuf[CMSG_SPACE(4 * sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = { (void *)text, strlen(text) };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                        .msg_controllen = CMSG_SPACE(n * sizeof(int)) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    return (int)sendmsg(s, &m, 0);
}

/* Receives a message; returns the fds in out[] (count), prints the rest. */
static int recv_fds(int s, int *out, size_t cspace)
{
    char cbuf[256], text[64] = "";
    struct iovec iov = { text, sizeof text - 1 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = cspace };
    ssize_t n = recvmsg(s, &m, MSG_CMSG_CLOEXEC);
    int k = 0;
    printf("  recvmsg: %ld '%s' ctrunc %d\n", (long)n, text, (m.msg_flags & MSG_CTRUNC) != 0);
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int cnt = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            memcpy(out + k, CMSG_DATA(c), cnt * sizeof(int));
            k += cnt;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            struct ucred u;
            memcpy(&u, CMSG_DATA(c), sizeof u);
            printf("  credentials: pid ok %d uid ok %d gid ok %d\n", u.pid == getpid() || u.pid == getppid(),
                   u.uid == getuid(), u.gid == getgid());
        }
    }
    return k;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int p[2];
    pipe(p);
    int f = open("passed.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(f, "file contents", 13);

    int fds[2] = { p[1], f };
    printf("sendmsg: %d\n", send_fds(sv[0], fds, 2, "two fds"));
    int got[8];
    int k = recv_fds(sv[1], got, sizeof(char[CMSG_SPACE(2 * sizeof(int))]));
    printf("received %d fds, new numbers %d, cloexec %d\n", k, k == 2 && got[0] != p[1] && got[1] != f,
           k == 2 && (fcntl(got[0], F_GETFD) & FD_CLOEXEC));
    if (k == 2) {
        write(got[0], "via passed pipe", 15);
        char b[32] = "";
        read(p[0], b, sizeof b - 1);
        printf("pipe end works: %s\n", b);
        memset(b, 0, sizeof b);
        pread(got[1], b, 4, 5);
        printf("file works: %s, shared offset %ld\n", b, (long)lseek(got[1], 0, SEEK_CUR));
        close(got[0]);
        close(got[1]);
    }

    /* too small a control buffer: the kernel truncates and closes the rest */
    send_fds(sv[0], fds, 2, "trunc");
    k = recv_fds(sv[1], got, CMSG_LEN(sizeof(int)));
    printf("kept %d\n", k);
    for (int i = 0; i < k; i++)
        close(got[i]);

    /* to a forked child, which reads the file through it */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int g[4];
        int n = recv_fds(sv[1], g, 64);
        char b[16] = "";
        if (n == 1)
            pread(g[0], b, 4, 0);
        printf("  child read: %s\n", b);
        _exit(n == 1 ? 0 : 1);
    }
    send_fds(sv[0], &f, 1, "to child");
    int st;
    waitpid(pid, &st, 0);
    printf("child status %d\n", WEXITSTATUS(st));

    /* credentials */
    int one = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    write(sv[0], "cred", 4);
    k = recv_fds(sv[1], got, 64);

    /* FIONREAD */
    write(sv[0], "12345", 5);
    int avail = -1;
    ioctl(sv[1], FIONREAD, &avail);
    printf("FIONREAD socket: %d\n", avail);
    char b[8];
    recv(sv[1], b, 2, MSG_PEEK);
    ioctl(sv[1], FIONREAD, &avail);
    printf("after peek: %d\n", avail);
    read(sv[1], b, 5);
    write(p[1], "abc", 3);
    ioctl(p[0], FIONREAD, &avail);
    printf("FIONREAD pipe: %d\n", avail);
    printf("FIONREAD file: %d", ioctl(f, FIONREAD, &avail));
    printf(" %d\n", avail);
    unlink("passed.txt");
    return 0;
}
