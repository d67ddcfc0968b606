/* Moving data inside the kernel: splice (with and without 64-bit offsets
 * passed by pointer), tee, vmsplice, sendfile (offset updated, file
 * position untouched) and copy_file_range.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, int fd, int n)
{
    char b[128];
    ssize_t r = read(fd, b, (size_t)n);
    printf("%s: %ld '%.*s'\n", what, (long)r, r > 0 ? (int)r : 0, b);
}

int main(void)
{
    int f = open("src.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    const char *text = "0123456789abcdefghijklmnopqrstuvwxyz";
    write(f, text, strlen(text));

    int p[2], q[2];
    pipe(p);
    pipe(q);
    loff_t off = 10;
    ssize_t n = splice(f, &off, p[1], NULL, 6, 0);
    printf("splice file->pipe: %ld off now %lld pos %ld\n", (long)n, (long long)off, (long)lseek(f, 0, SEEK_CUR));
    n = tee(p[0], q[1], 100, SPLICE_F_NONBLOCK);
    printf("tee: %ld\n", (long)n);
    show("tee copy", q[0], 100);
    int out = open("dst.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    loff_t oo = 4;
    n = splice(p[0], NULL, out, &oo, 100, 0);
    printf("splice pipe->file: %ld out off %lld\n", (long)n, (long long)oo);
    char b[64] = "";
    pread(out, b, sizeof b, 0);
    printf("dst: %ld bytes, from 4: '%s'\n", (long)lseek(out, 0, SEEK_END), b + 4);
    lseek(f, 0, SEEK_SET);
    n = splice(f, NULL, p[1], NULL, 3, 0);
    printf("splice at file position: %ld pos %ld\n", (long)n, (long)lseek(f, 0, SEEK_CUR));
    show("pipe", p[0], 3);
    n = splice(f, NULL, out, NULL, 3, 0);
    printf("splice file->file: %s\n", n < 0 && errno == EINVAL ? "EINVAL" : "?");

    struct iovec iov[2] = { { "vm", 2 }, { "splice", 6 } };
    n = vmsplice(p[1], iov, 2, 0);
    printf("vmsplice: %ld\n", (long)n);
    show("pipe", p[0], 100);

    off_t so = 20;
    lseek(f, 5, SEEK_SET);
    n = sendfile(p[1], f, &so, 4);
    printf("sendfile with offset: %ld off %ld pos %ld\n", (long)n, (long)so, (long)lseek(f, 0, SEEK_CUR));
    show("pipe", p[0], 100);
    n = sendfile(p[1], f, NULL, 4);
    printf("sendfile at position: %ld pos %ld\n", (long)n, (long)lseek(f, 0, SEEK_CUR));
    show("pipe", p[0], 100);

    int c = open("copy.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    loff_t in_off = 30, out_off = 2;
    n = copy_file_range(f, &in_off, c, &out_off, 100, 0);
    printf("copy_file_range: %ld in %lld out %lld\n", (long)n, (long long)in_off, (long long)out_off);
    memset(b, 0, sizeof b);
    pread(c, b, sizeof b, 2);
    printf("copy: '%s'\n", b);
    n = copy_file_range(f, NULL, c, NULL, 5, 0);
    printf("copy at positions: %ld pos %ld\n", (long)n, (long)lseek(f, 0, SEEK_CUR));
    n = copy_file_range(f, NULL, c, NULL, 5, 1);
    printf("bad flags: %s\n", n < 0 && errno == EINVAL ? "EINVAL" : "?");
    unlink("src.txt");
    unlink("dst.txt");
    unlink("copy.txt");
    return 0;
}
