/* The guest address space calls with Linux semantics: hints,
 * MAP_FIXED / MAP_FIXED_NOREPLACE, file mappings (private, shared, past
 * EOF), MAP_SHARED between processes, guard pages, mprotect, mremap (grow,
 * shrink, move, MREMAP_FIXED), madvise, msync, brk, memfd_create, and code
 * executed from pages that are unmapped, replaced, moved or rewritten
 * (translated code must not outlive them).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096

static const char *ename(int e)
{
    switch (e) {
    case EINVAL: return "EINVAL";
    case EEXIST: return "EEXIST";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EBADF: return "EBADF";
    default: return "other";
    }
}

/* Is the page at p mapped?  (mincore says ENOMEM for a hole) */
static int mapped(void *p)
{
    unsigned char v;
    return mincore((void *)((uintptr_t)p & ~(uintptr_t)(PG - 1)), PG, &v) == 0;
}

static void *map_anon(void *hint, size_t len, int prot, int extra)
{
    return mmap(hint, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
}

/* Our own 4 pages followed by 12 free ones: nothing else of the process
 * (libraries, the vdso) lies in [a, a + 16 pages). */
static char *arena(void)
{
    char *a = map_anon(NULL, 16 * PG, PROT_READ | PROT_WRITE, 0);
    munmap(a + 4 * PG, 12 * PG);
    return a;
}

static void test_anon(void)
{
    char *a = arena();
    printf("anon: aligned %d zero %d\n", ((uintptr_t)a & (PG - 1)) == 0, a[0] == 0 && a[4 * PG - 1] == 0);
    memset(a, 'x', 4 * PG);
    munmap(a + PG, PG);                 /* a hole in the middle */
    printf("hole: %d %d %d\n", mapped(a), mapped(a + PG), mapped(a + 2 * PG));
    char *b = map_anon(a + PG, PG, PROT_READ | PROT_WRITE, 0);
    printf("hint honoured: %d, fresh %d\n", b == a + PG, b[0] == 0);
    char *c = map_anon(a + PG, PG, PROT_READ, MAP_FIXED_NOREPLACE);
    printf("NOREPLACE on mapped: %s\n", c == MAP_FAILED ? ename(errno) : "mapped");
    munmap(a + PG, PG);
    c = map_anon(a + PG, PG, PROT_READ | PROT_WRITE, MAP_FIXED_NOREPLACE);
    printf("NOREPLACE on hole: %d\n", c == a + PG);
    c = map_anon(a, 2 * PG, PROT_READ | PROT_WRITE, MAP_FIXED);
    printf("FIXED replaces: %d %d %c\n", c == a, a[0] == 0 && a[PG] == 0, a[2 * PG]);
    c = map_anon(a + 1, PG, PROT_READ, MAP_FIXED);
    printf("FIXED misaligned: %s\n", c == MAP_FAILED ? ename(errno) : "mapped");
    c = map_anon(NULL, 0, PROT_READ, 0);
    printf("length 0: %s\n", c == MAP_FAILED ? ename(errno) : "mapped");
    printf("munmap misaligned: %s\n", munmap(a + 1, PG) < 0 ? ename(errno) : "ok");
    printf("munmap hole: %d\n", munmap(a + 8 * PG, PG));

    /* guard page: PROT_NONE in the middle stays mapped but inaccessible */
    int r = mprotect(a + PG, PG, PROT_NONE);
    printf("mprotect NONE: %d, still mapped %d\n", r, mapped(a + PG));
    printf("mprotect hole: %s\n", mprotect(a + 8 * PG, PG, PROT_READ) < 0 ? ename(errno) : "ok");
    mprotect(a + PG, PG, PROT_READ | PROT_WRITE);
    a[PG] = 5;
    printf("after reopen: %d\n", a[PG]);

    strcpy(a + 2 * PG, "dont need");
    r = madvise(a + 2 * PG, PG, MADV_DONTNEED);
    printf("MADV_DONTNEED: %d zero %d\n", r, a[2 * PG] == 0);
    printf("madvise bad advice: %s\n", madvise(a, PG, 12345) < 0 ? ename(errno) : "ok");
    munmap(a, 4 * PG);
    printf("all gone: %d %d\n", mapped(a), mapped(a + 3 * PG));
}

static void test_mremap(void)
{
    char *a = arena();
    munmap(a + 3 * PG, PG);
    strcpy(a, "keep me");
    a[2 * PG - 1] = 'e';
    map_anon(a + 2 * PG, PG, PROT_READ, MAP_FIXED);     /* blocks growth in place */
    char *b = mremap(a, 2 * PG, 8 * PG, 0);
    printf("grow without MAYMOVE: %s\n", b == MAP_FAILED ? ename(errno) : "ok");
    b = mremap(a, 2 * PG, 8 * PG, MREMAP_MAYMOVE);
    printf("grow moved: %d data %s %c, old gone %d\n", b != a, b, b[2 * PG - 1], !mapped(a));
    b[8 * PG - 1] = 1;
    char *c = mremap(b, 8 * PG, PG, 0);
    printf("shrink: %d tail gone %d\n", c == b, !mapped(b + PG));
    char *target = map_anon(NULL, 4 * PG, PROT_READ, 0);
    char *d = mremap(c, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target + PG);
    printf("MREMAP_FIXED: %d data %s, source gone %d, rest of target %d\n", d == target + PG,
           d == MAP_FAILED ? "" : d, !mapped(c), mapped(target) && mapped(target + 3 * PG));
    printf("writable after move: %d\n", d != MAP_FAILED && (d[PG + 10] = 3) == 3);
    munmap(target, 4 * PG);
    munmap(a + 2 * PG, PG);
}

static void test_file(void)
{
    char name[] = "mapfile";
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    char buf[PG + 100];
    for (int i = 0; i < (int)sizeof buf; i++)
        buf[i] = (char)('a' + i % 26);
    write(fd, buf, sizeof buf);
    char *p = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("file private: %.5s ... %c, past EOF zero %d\n", p, p[PG + 99], p[PG + 100] == 0 && p[2 * PG - 1] == 0);
    char *q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
    printf("offset map: %c\n", q[0]);
    q[0] = '#';
    printf("msync: %d\n", msync(q, PG, MS_SYNC));
    char r;
    pread(fd, &r, 1, PG);
    printf("shared write reached the file: %c, private view %c\n", r, p[PG]);
    char *bad = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100);
    printf("misaligned offset: %s\n", bad == MAP_FAILED ? ename(errno) : "mapped");
    bad = mmap(NULL, PG, PROT_READ, MAP_SHARED, 12345, 0);
    printf("bad fd: %s\n", bad == MAP_FAILED ? ename(errno) : "mapped");
    int ro = open(name, O_RDONLY);
    bad = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    printf("shared writable on O_RDONLY: %s\n", bad == MAP_FAILED ? ename(errno) : "mapped");
    close(ro);
    munmap(p, 2 * PG);
    munmap(q, PG);
    close(fd);
    unlink(name);
}

static void test_shared_fork(void)
{
    int *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *priv = map_anon(NULL, PG, PROT_READ | PROT_WRITE, 0);
    s[0] = 1;
    priv[0] = 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        s[0] = 42;
        priv[0] = 42;
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    printf("after fork: shared %d private %d\n", s[0], priv[0]);

    int mfd = memfd_create("xbt-test", MFD_CLOEXEC);
    printf("memfd: %d ftruncate %d\n", mfd >= 0, ftruncate(mfd, 3 * PG));
    char *m1 = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    char *m2 = mmap(NULL, 3 * PG, PROT_READ, MAP_SHARED, mfd, 0);
    strcpy(m1 + PG, "through memfd");
    printf("second view: %s, cloexec %d\n", m2 + PG, (fcntl(mfd, F_GETFD) & FD_CLOEXEC) != 0);
    char rb[8] = "";
    pread(mfd, rb, 7, PG);
    printf("read: %s size %ld\n", rb, (long)lseek(mfd, 0, SEEK_END));
    close(mfd);
    munmap(m1, 3 * PG);
    munmap(m2, 3 * PG);
}

static void test_brk(void)
{
    char *b0 = sbrk(0);
    char *b1 = sbrk(3 * PG + 10);
    printf("sbrk: returns old %d\n", b1 == b0);
    memset(b1, 7, 3 * PG + 10);
    char *b2 = sbrk(0);
    printf("grew by %ld\n", (long)(b2 - b0));
    sbrk(-(3 * PG + 10));
    printf("shrunk back %d\n", sbrk(0) == b0);
    printf("brk below start fails: %d\n", brk((char *)4096) != 0);
}

/* ---- translated code and the pages it came from ---- */

#define CODE(name, val) \
    __attribute__((noinline, section("xbt_" #name))) int name(int x) { return x * 3 + val; }
CODE(f_one, 1)
CODE(f_two, 2)
extern char __start_xbt_f_one[], __stop_xbt_f_one[], __start_xbt_f_two[], __stop_xbt_f_two[];

typedef int (*fn)(int);

/* fn pointer for code copied to p (Thumb keeps its low bit) */
static fn at(void *p, fn orig, const char *start)
{
    return (fn)((char *)p + ((uintptr_t)orig - (uintptr_t)start));
}

/* Make written code visible to instruction fetch.  GCC's
 * __builtin___clear_cache does nothing on PowerPC: do what the ISA asks
 * (dcbst, sync, icbi, isync per 32-byte block). */
static void flush_code(char *p, size_t len)
{
#if defined(__powerpc__)
    for (size_t i = 0; i < len; i += 32)
        __asm__ volatile("dcbst 0,%0" :: "r"(p + i) : "memory");
    __asm__ volatile("sync" ::: "memory");
    for (size_t i = 0; i < len; i += 32)
        __asm__ volatile("icbi 0,%0" :: "r"(p + i) : "memory");
    __asm__ volatile("isync" ::: "memory");
#else
    __builtin___clear_cache(p, p + len);
#endif
}

static int code_file(const char *name, const char *start, const char *stop)
{
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0700);
    write(fd, start, (size_t)(stop - start));
    ftruncate(fd, PG);
    return fd;
}

static void test_code(void)
{
    int f1 = code_file("code1", __start_xbt_f_one, __stop_xbt_f_one);
    int f2 = code_file("code2", __start_xbt_f_two, __stop_xbt_f_two);
    char *p = mmap(NULL, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE, f1, 0);
    fn g = at(p, f_one, __start_xbt_f_one);
    printf("code 1: %d\n", g(10));
    /* dlclose/dlopen: the same address, other code */
    munmap(p, PG);
    char *p2 = mmap(p, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, f2, 0);
    g = at(p2, f_two, __start_xbt_f_two);
    printf("code 2 at the same address: %d %d\n", p2 == p, g(10));
    /* MAP_FIXED straight over code */
    mmap(p, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, f1, 0);
    g = at(p, f_one, __start_xbt_f_one);
    printf("code 1 over code 2: %d\n", g(10));
    /* mremap moves it; the old address gets other code */
    char *spot = map_anon(NULL, PG, PROT_NONE, 0);
    char *moved = mremap(p, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, spot);
    if (moved == MAP_FAILED) {
        printf("mremap: %s\n", ename(errno));
    } else {
        printf("moved: %d\n", at(moved, f_one, __start_xbt_f_one)(10));
        mmap(p, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, f2, 0);
        printf("old place: %d\n", at(p, f_two, __start_xbt_f_two)(10));
        munmap(moved, PG);
    }
    munmap(p, PG);
    /* rewritten in place with the cache flushed (a JIT) */
    char *w = map_anon(NULL, PG, PROT_READ | PROT_WRITE | PROT_EXEC, 0);
    memcpy(w, __start_xbt_f_one, (size_t)(__stop_xbt_f_one - __start_xbt_f_one));
    flush_code(w, PG);
    printf("jit 1: %d\n", at(w, f_one, __start_xbt_f_one)(5));
    memcpy(w, __start_xbt_f_two, (size_t)(__stop_xbt_f_two - __start_xbt_f_two));
    flush_code(w, PG);
    printf("jit 2: %d\n", at(w, f_two, __start_xbt_f_two)(5));
    /* made read-only-executable, then writable and written again */
    mprotect(w, PG, PROT_READ | PROT_EXEC);
    printf("rx: %d\n", at(w, f_two, __start_xbt_f_two)(6));
    mprotect(w, PG, PROT_READ | PROT_WRITE);
    memcpy(w, __start_xbt_f_one, (size_t)(__stop_xbt_f_one - __start_xbt_f_one));
    mprotect(w, PG, PROT_READ | PROT_EXEC);
    flush_code(w, PG);
    printf("rewritten: %d\n", at(w, f_one, __start_xbt_f_one)(6));
    munmap(w, PG);
    close(f1);
    close(f2);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_anon();
    test_mremap();
    test_file();
    test_shared_fork();
    test_brk();
    test_code();
    return 0;
}
