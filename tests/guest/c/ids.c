/* ids.c - user and group id calls with the process's own ids: chown,
 * lchown, fchown of a temporary file, getgroups/setgroups, the set*id
 * family and setfs*id.  On ARM EABI glibc uses the *32 calls (chown32,
 * setresuid32, getgroups32, ...), on MIPS and PowerPC the plain ones.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHOW(expr) printf("%-36s %s\n", #expr, (expr) ? "ok" : "FAILED")

int main(void)
{
    char path[] = "/tmp/xbt-ids-XXXXXX";
    int fd = mkstemp(path);
    uid_t u = getuid();
    gid_t g = getgid();
    struct stat st;
    gid_t groups[256];
    int n;

    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    SHOW(fchown(fd, u, g) == 0);
    SHOW(chown(path, u, g) == 0);
    SHOW(lchown(path, (uid_t)-1, g) == 0);
    SHOW(fstat(fd, &st) == 0 && st.st_uid == u && st.st_gid == g);
    n = getgroups(256, groups);
    SHOW(n >= 0 && getgroups(0, NULL) == n);
    SHOW(u != 0 || setgroups((size_t)n, groups) == 0);
    SHOW(setuid(u) == 0 && getuid() == u);
    SHOW(setgid(g) == 0 && getgid() == g);
    SHOW(setreuid((uid_t)-1, (uid_t)-1) == 0);
    SHOW(setregid((gid_t)-1, (gid_t)-1) == 0);
    SHOW(setresuid((uid_t)-1, u, (uid_t)-1) == 0 && geteuid() == u);
    SHOW(setresgid((gid_t)-1, g, (gid_t)-1) == 0 && getegid() == g);
    SHOW(setfsuid(u) == (int)u);
    SHOW(setfsgid(g) == (int)g);
    close(fd);
    unlink(path);
    return 0;
}
