/* eventfd (its 8-byte counter is in the CPU's byte order: a big-endian
 * guest must read 1 as 00..01), eventfd semaphores and non-blocking mode,
 * and inotify events read as struct inotify_event records.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_eventfd(void)
{
    int fd = eventfd(5, EFD_CLOEXEC);
    uint64_t v = 0;
    printf("eventfd: %d cloexec %d\n", fd >= 0, (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    long got = (long)read(fd, &v, 8);
    printf("read: %ld value %llu\n", got, (unsigned long long)v);
    v = 0x0102030405060708ULL;
    printf("write: %ld\n", (long)write(fd, &v, 8));
    v = 3;
    write(fd, &v, 8);
    read(fd, &v, 8);
    printf("sum: %#llx\n", (unsigned long long)v);
    unsigned char raw[8];
    v = 1;
    write(fd, &v, 8);
    read(fd, raw, 8);
    uint64_t back;
    memcpy(&back, raw, 8);
    printf("raw bytes are a native u64: %d\n", back == 1);
    printf("short read: %s\n", read(fd, raw, 4) < 0 && errno == EINVAL ? "EINVAL" : "?");
    /* dup'd descriptor: the same counter and the same byte order */
    int d = dup(fd);
    v = 7;
    write(d, &v, 8);
    eventfd_t ev;
    int er = eventfd_read(fd, &ev);
    printf("eventfd_read via dup: %d %llu\n", er, (unsigned long long)ev);
    close(d);
    close(fd);

    fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    read(fd, &v, 8);
    printf("semaphore: %llu", (unsigned long long)v);
    read(fd, &v, 8);
    printf(" %llu", (unsigned long long)v);
    printf(" then %s\n", read(fd, &v, 8) < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    struct pollfd p = { fd, POLLIN | POLLOUT, 0 };
    poll(&p, 1, 0);
    printf("poll: in %d out %d\n", !!(p.revents & POLLIN), !!(p.revents & POLLOUT));
    eventfd_write(fd, 4);
    poll(&p, 1, 0);
    printf("poll after write: in %d\n", !!(p.revents & POLLIN));
    close(fd);
}

static void show_events(int fd)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n = read(fd, buf, sizeof buf);
    for (char *p = buf; n > 0 && p < buf + n;) {
        struct inotify_event *e = (struct inotify_event *)p;
        printf("  event:");
        if (e->mask & IN_CREATE) printf(" CREATE");
        if (e->mask & IN_MODIFY) printf(" MODIFY");
        if (e->mask & IN_CLOSE_WRITE) printf(" CLOSE_WRITE");
        if (e->mask & IN_DELETE) printf(" DELETE");
        if (e->mask & IN_MOVED_FROM) printf(" MOVED_FROM");
        if (e->mask & IN_MOVED_TO) printf(" MOVED_TO");
        if (e->mask & IN_ATTRIB) printf(" ATTRIB");
        if (e->mask & IN_IGNORED) printf(" IGNORED");
        if (e->mask & IN_ISDIR) printf(" ISDIR");
        printf(" name '%s' cookie %s\n", e->len ? e->name : "", e->cookie ? "set" : "0");
        p += sizeof *e + e->len;
    }
}

static void test_inotify(void)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    mkdir("watched", 0700);
    int wd = inotify_add_watch(fd, "watched", IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MOVE | IN_ATTRIB);
    printf("inotify: %d wd %d nonblock %d\n", fd >= 0, wd > 0, (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    printf("empty: %s\n", read(fd, &wd + 0, 0) <= 0 ? "ok" : "?");
    char b[64];
    printf("nothing yet: %s\n", read(fd, b, sizeof b) < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    int f = open("watched/a-file-with-a-long-name", O_WRONLY | O_CREAT, 0600);
    write(f, "x", 1);
    close(f);
    rename("watched/a-file-with-a-long-name", "watched/b");
    chmod("watched/b", 0644);
    mkdir("watched/sub", 0700);
    unlink("watched/b");
    show_events(fd);
    int wd2 = inotify_add_watch(fd, "watched", IN_DELETE_SELF | IN_MASK_ADD);
    printf("same watch again: %d\n", wd2 == wd);
    printf("rm_watch: %d\n", inotify_rm_watch(fd, wd));
    show_events(fd);
    printf("rm_watch again: %s\n", inotify_rm_watch(fd, wd) < 0 && errno == EINVAL ? "EINVAL" : "?");
    printf("bad path: %s\n", inotify_add_watch(fd, "no/such", IN_CREATE) < 0 && errno == ENOENT ? "ENOENT" : "?");
    rmdir("watched/sub");
    rmdir("watched");
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_eventfd();
    test_inotify();
    return 0;
}
