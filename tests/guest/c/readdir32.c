/* readdir32.c - readdir() of a program built without _FILE_OFFSET_BITS=64:
 * glibc's 32-bit struct dirent has a 32-bit d_off and readdir fails with
 * EOVERFLOW when the kernel hands out a larger directory cookie.  A 32-bit
 * process on a real MIPS kernel (or a compat task on a 64-bit kernel) gets
 * 32-bit cookies from ext4's hashed directories; an emulator that forwards
 * getdents64 from a 64-bit host process gets 64-bit ones and must fold
 * them to keep such programs working.
 * qemu-user fails this (known-failures).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>

static int cmpstr(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(void)
{
    char name[32], *names[300];
    int i, n = 0;
    DIR *d;
    struct dirent *e;
    long pos = -2;

    for (i = 0; i < 200; i++) {
        FILE *f;
        snprintf(name, sizeof name, "file%03d", i);
        f = fopen(name, "w");
        fclose(f);
    }
    mkdir("dir", 0755);
    d = opendir(".");
    errno = 0;
    while ((e = readdir(d)) && n < 300) {
        names[n++] = strdup(e->d_name);
        if (n == 100) pos = telldir(d);
    }
    printf("readdir: %d entries, errno %s\n", n, errno == 0 ? "0" : errno == EOVERFLOW ? "EOVERFLOW" : "other");
    qsort(names, (size_t)n, sizeof names[0], cmpstr);
    for (i = 0; i < n; i += 25) printf(" %s", names[i]);
    printf("\n");
    if (pos != -2) {
        int m = 0;
        seekdir(d, pos);
        while (readdir(d)) m++;
        printf("after seekdir: %d more\n", m);
    }
    rewinddir(d);
    e = readdir(d);
    printf("rewind ok: %d\n", e != NULL);
    closedir(d);
    return 0;
}
