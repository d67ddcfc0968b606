/* fileio.c - file I/O in the (empty, private) current directory: stdio
 * fopen/fwrite/fread/fseek/ftell, unistd open/read/write/lseek/pread/pwrite,
 * stat/fstat/lstat, rename, unlink, mkdir/rmdir, symlink/readlink,
 * opendir/readdir (sorted), ftruncate, dup/dup2, mmap of a file, and errno
 * values of failing calls (printed by name: MIPS errno numbers differ).
 * Built with 64-bit file offsets (as most distributions build); the
 * 32-bit readdir is tested alone in readdir32.c.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/mman.h>

static const char *ename(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EBADF: return "EBADF";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EINVAL: return "EINVAL";
    case ESPIPE: return "ESPIPE";
    case EACCES: return "EACCES";
    default: return "other";
    }
}
#define TRY(expr) do { errno = 0; long r_ = (long)(expr); \
    printf("%-40s -> %ld %s\n", #expr, r_, r_ < 0 ? ename(errno) : ""); } while (0)

static int cmpstr(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

static void listdir(const char *d)
{
    DIR *dp = opendir(d);
    struct dirent *e;
    char *names[64];
    int n = 0, i;
    if (!dp) { printf("opendir %s: %s\n", d, ename(errno)); return; }
    while ((e = readdir(dp)) && n < 64)
        names[n++] = strdup(e->d_name);
    closedir(dp);
    qsort(names, (size_t)n, sizeof names[0], cmpstr);
    printf("%s:", d);
    for (i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

int main(void)
{
    FILE *f;
    char buf[4096];
    int fd, fd2, i;
    size_t n;
    struct stat st;
    long sum = 0;

    f = fopen("data.bin", "wb");
    for (i = 0; i < 1000; i++) {
        unsigned char rec[7] = {(unsigned char)i, (unsigned char)(i >> 8), 1, 2, 3, 4, 5};
        fwrite(rec, 1, sizeof rec, f);
    }
    printf("ftell after write %ld\n", ftell(f));
    fclose(f);
    stat("data.bin", &st);
    printf("size %lld reg %d dir %d mode %o\n", (long long)st.st_size, S_ISREG(st.st_mode),
           S_ISDIR(st.st_mode), (unsigned)(st.st_mode & 0777 & ~0022));

    f = fopen("data.bin", "r+b");
    fseek(f, 7 * 500, SEEK_SET);
    n = fread(buf, 1, 7, f);
    printf("read %zu: %d %d %d\n", n, buf[0] & 0xff, buf[1] & 0xff, buf[6]);
    fseek(f, -7, SEEK_END);
    n = fread(buf, 1, 100, f);
    printf("tail read %zu eof %d pos %ld\n", n, feof(f), ftell(f));
    fseek(f, 3, SEEK_SET);
    fputc('X', f);
    fseek(f, 0, SEEK_CUR);
    printf("after putc pos %ld\n", ftell(f));
    rewind(f);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (i = 0; i < (int)n; i++) sum += (unsigned char)buf[i] * (i % 13 + 1);
    printf("sum %ld\n", sum);
    fclose(f);

    /* text lines with fgets / fprintf / fscanf */
    f = fopen("lines.txt", "w");
    for (i = 0; i < 50; i++) fprintf(f, "line %d value %.2f\n", i, i * 0.5);
    fclose(f);
    f = fopen("lines.txt", "r");
    n = 0;
    while (fgets(buf, sizeof buf, f)) n++;
    printf("lines %zu\n", n);
    rewind(f);
    {
        int a; double d;
        for (i = 0; i < 3; i++)
            if (fscanf(f, "line %d value %lf\n", &a, &d) == 2) printf("scanned %d %.2f\n", a, d);
    }
    fclose(f);
    f = fopen("lines.txt", "a");
    fputs("appended\n", f);
    fclose(f);
    stat("lines.txt", &st);
    printf("appended size %lld\n", (long long)st.st_size);

    /* unistd layer */
    fd = open("raw.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
    printf("write %zd\n", write(fd, "0123456789abcdef", 16));
    printf("lseek end %lld\n", (long long)lseek(fd, 0, SEEK_END));
    printf("pwrite %zd\n", pwrite(fd, "XY", 2, 4));
    memset(buf, 0, 32);
    printf("pread %zd %s\n", pread(fd, buf, 10, 2), buf);
    printf("lseek hole %lld\n", (long long)lseek(fd, 100000, SEEK_SET));
    printf("write at hole %zd\n", write(fd, "Z", 1));
    fstat(fd, &st);
    printf("fstat size %lld\n", (long long)st.st_size);
    printf("ftruncate %d\n", ftruncate(fd, 20));
    fstat(fd, &st);
    printf("truncated size %lld\n", (long long)st.st_size);
    fd2 = dup(fd);
    lseek(fd2, 0, SEEK_SET);
    printf("dup shares offset: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("dup2 %d\n", dup2(fd, 100));
    memset(buf, 0, 32);
    printf("read via 100: %zd %.6s\n", read(100, buf, 6), buf);
    close(100);
    close(fd2);

    /* mmap the file, change it through the mapping, read it back */
    {
        char *m = mmap(NULL, 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (m == MAP_FAILED) {
            printf("mmap failed\n");
        } else {
            printf("mapped: %.8s\n", m);
            memcpy(m, "MAPPED", 6);
            msync(m, 20, MS_SYNC);
            munmap(m, 20);
            memset(buf, 0, 32);
            pread(fd, buf, 10, 0);
            printf("after mmap write: %s\n", buf);
        }
    }
    close(fd);

    /* directories, rename, links */
    TRY(mkdir("sub", 0755));
    TRY(mkdir("sub", 0755));
    TRY(mkdir("sub/deeper", 0755));
    TRY(rename("raw.dat", "sub/moved.dat"));
    TRY(rename("nonexistent", "x"));
    TRY(symlink("sub/moved.dat", "link"));
    memset(buf, 0, sizeof buf);
    TRY(readlink("link", buf, sizeof buf));
    printf("readlink: %s\n", buf);
    TRY(lstat("link", &st));
    printf("lstat link: %d, stat follows: ", S_ISLNK(st.st_mode));
    stat("link", &st);
    printf("%d size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    TRY(link("lines.txt", "hard.txt"));
    stat("lines.txt", &st);
    printf("nlink %d\n", (int)st.st_nlink);
    TRY(access("lines.txt", R_OK | W_OK));
    TRY(access("missing", F_OK));
    TRY(open("missing", O_RDONLY));
    TRY(open("sub", O_WRONLY));
    TRY(open("data.bin/x", O_RDONLY));
    TRY(rmdir("sub"));
    TRY(read(-1, buf, 1));
    TRY(lseek(0, 0, SEEK_CUR) >= 0 ? 0 : -1);
    TRY(chdir("sub"));
    listdir(".");
    TRY(chdir(".."));
    listdir(".");
    TRY(unlink("sub/moved.dat"));
    TRY(rmdir("sub/deeper"));
    TRY(rmdir("sub"));
    TRY(unlink("link"));
    TRY(unlink("hard.txt"));
    TRY(unlink("data.bin"));
    TRY(unlink("lines.txt"));
    TRY(unlink("lines.txt"));
    listdir(".");

    /* a pipe and stdin at EOF (/dev/null) */
    {
        int pfd[2];
        TRY(pipe(pfd));
        printf("pipe write %zd\n", write(pfd[1], "through the pipe", 16));
        close(pfd[1]);
        memset(buf, 0, 32);
        {
            ssize_t r1 = read(pfd[0], buf, 31), r2 = read(pfd[0], buf + 20, 8);
            printf("pipe read %zd %s, then %zd\n", r1, buf, r2);
        }
        close(pfd[0]);
        printf("getchar at EOF: %d\n", getchar());
    }
    return 0;
}
