/* /proc as the guest sees it: maps and smaps list the guest's own
 * mappings (its program, [heap], [stack], a mapped file by name), cmdline
 * its argv, stat and comm its name, cpuinfo a CPU of its architecture,
 * /proc/<own pid>/ is /proc/self/.  String checks only: addresses differ.
 * ARGS: first second third
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    ssize_t r;
    while ((r = read(fd, b + n, cap - n)) > 0) {
        n += (size_t)r;
        if (n == cap)
            b = realloc(b, (cap *= 2) + 1);
    }
    close(fd);
    b[n] = 0;
    if (len)
        *len = n;
    return b;
}

/* The maps line whose range holds address a, or NULL. */
static char *line_for(char *maps, uintptr_t a)
{
    static char line[512];
    for (char *p = maps; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        unsigned long lo, hi;
        if (sscanf(p, "%lx-%lx", &lo, &hi) == 2 && a >= lo && a < hi) {
            snprintf(line, sizeof line, "%.*s", (int)n, p);
            return line;
        }
        p += n + (nl != NULL);
    }
    return NULL;
}

static const char *perms(const char *line)
{
    static char pm[5];
    const char *sp = line ? strchr(line, ' ') : NULL;
    snprintf(pm, sizeof pm, "%.4s", sp ? sp + 1 : "????");
    return pm;
}

static int ends_with(const char *line, const char *what)
{
    size_t n = line ? strlen(line) : 0, m = strlen(what);
    return n >= m && !strcmp(line + n - m, what);
}

static int code_marker(int x) { return x + 1; }
int global_data = 5;

int main(int argc, char **argv)
{
    size_t n;
    char *maps = slurp("/proc/self/maps", &n);
    if (!maps) {
        printf("cannot open maps\n");
        return 1;
    }
    int local;
    char *heap = malloc(100);
    const char *prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

    char *l = line_for(maps, (uintptr_t)code_marker);
    printf("code: %s%s named %d\n", perms(l), "", l && strstr(l, prog) != NULL);
    l = line_for(maps, (uintptr_t)&global_data);
    printf("data: %.2s named %d\n", perms(l), l && strstr(l, prog) != NULL);
    l = line_for(maps, (uintptr_t)&local);
    printf("stack: %s %d\n", perms(l), ends_with(l, "[stack]"));
    l = line_for(maps, (uintptr_t)heap);
    printf("heap: %s %d\n", perms(l), ends_with(l, "[heap]"));
    printf("libc mapped: %d\n", strstr(maps, "libc.so") != NULL || strstr(maps, "libc-") != NULL ||
                                  line_for(maps, (uintptr_t)printf) != NULL);

    /* a file mapping and a guard page inside an anonymous one */
    int fd = open("mapped.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, 8192);
    char *fm = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    char *an = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(an + 4096, 4096, PROT_NONE);
    free(maps);
    maps = slurp("/proc/self/maps", &n);
    l = line_for(maps, (uintptr_t)fm);
    printf("file mapping: %s named %d\n", perms(l), ends_with(l, "/mapped.dat"));
    printf("guard:");
    for (int i = 0; i < 3; i++)
        printf(" %s", perms(line_for(maps, (uintptr_t)an + 4096 * i)));
    printf("\n");
    munmap(fm, 8192);
    free(maps);
    maps = slurp("/proc/self/maps", &n);
    printf("unmapped gone: %d\n", line_for(maps, (uintptr_t)fm) == NULL || !ends_with(line_for(maps, (uintptr_t)fm), "/mapped.dat"));

    char own[64];
    snprintf(own, sizeof own, "/proc/%d/maps", (int)getpid());
    char *maps2 = slurp(own, NULL);
    printf("/proc/<pid>/maps: %d\n", maps2 && line_for(maps2, (uintptr_t)&local) &&
                                     ends_with(line_for(maps2, (uintptr_t)&local), "[stack]"));
    free(maps2);

    char *sm = slurp("/proc/self/smaps", NULL);
    printf("smaps: Size %d Rss %d VmFlags %d stack %d\n", sm && strstr(sm, "\nSize:") != NULL,
           sm && strstr(sm, "\nRss:") != NULL, sm && strstr(sm, "\nVmFlags:") != NULL,
           sm && strstr(sm, "[stack]\n") != NULL);
    free(sm);

    char *cl = slurp("/proc/self/cmdline", &n);
    printf("cmdline:");
    for (size_t i = 0, k = 0; cl && i < n; i += strlen(cl + i) + 1, k++)
        printf(" [%s]", k == 0 ? (strstr(cl, prog) ? "prog" : cl) : cl + i);
    printf(" (argc %d)\n", argc);
    free(cl);

    char *st = slurp("/proc/self/stat", NULL);
    char want[64];
    snprintf(want, sizeof want, "%d (%.15s) R ", (int)getpid(), prog);
    printf("stat starts with pid (comm) R: %d\n", st && !strncmp(st, want, strlen(want)));
    free(st);
    char *cm = slurp("/proc/self/comm", NULL);
    snprintf(want, sizeof want, "%.15s\n", prog);
    printf("comm: %d\n", cm && !strcmp(cm, want));
    free(cm);
    char *ss = slurp("/proc/self/status", NULL);
    snprintf(want, sizeof want, "Name:\t%.15s\n", prog);
    printf("status: name %d pid %d\n", ss && !strncmp(ss, want, strlen(want)),
           ss && strstr(ss, "\nPid:\t") != NULL);
    free(ss);

    char *ci = slurp("/proc/cpuinfo", NULL);
    if (!ci) {
        printf("no cpuinfo\n");
        return 1;
    }
    int ok;
#if defined(__mips__)
    ok = strstr(ci, "cpu model\t\t: MIPS") && strstr(ci, "isa\t\t\t: mips1");
#elif defined(__arm__)
    /* Features must be those of AT_HWCAP: thumb and vfp for every ARMv7 xbt runs */
    ok = strstr(ci, "model name\t: ARMv7 Processor") && strstr(ci, "CPU architecture: 7") &&
         strstr(ci, "Features\t:") && strstr(ci, " thumb") && strstr(ci, " vfp");
#elif defined(__powerpc__)
    ok = strstr(ci, "cpu\t\t: ") && strstr(ci, "revision\t: ");
#else
    ok = strstr(ci, "processor") != NULL;
#endif
    printf("cpuinfo describes this architecture: %d\n", ok);
    printf("processor 0: %d\n", strstr(ci, "processor") != NULL);
    free(ci);
    return 0;
}
