/* memory.c - the guest address space: anonymous mmap/munmap, mprotect
 * (the fault a write to a read-only page raises is tested in signals.c),
 * mremap growth, MAP_FIXED replacement, brk/sbrk, and a large stack
 * (deep recursion, a big alloca).  No addresses are printed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <alloca.h>
#include <sys/mman.h>
#include <sys/resource.h>

static int deep(int n) { volatile unsigned char pad[32]; pad[0] = (unsigned char)n; return n == 0 ? 0 : deep(n - 1) + pad[0] % 3; }

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *p, *q;
    size_t i;
    uint32_t sum = 0;

    printf("page size is a power of two >= 4096: %d\n", pg >= 4096 && (pg & (pg - 1)) == 0);
    p = mmap(NULL, 16 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { printf("mmap failed\n"); return 1; }
    for (i = 0; i < 16 * (size_t)pg; i++) sum += p[i];
    printf("fresh anonymous memory is zero: %d\n", sum == 0);
    memset(p, 0x5a, 16 * (size_t)pg);
    printf("munmap middle: %d\n", munmap(p + 4 * pg, 4 * (size_t)pg));
    printf("mprotect read-only: %d\n", mprotect(p, (size_t)pg, PROT_READ));

    printf("read-only page still reads: %d\n", p[10] == 0x5a);
    mprotect(p, (size_t)pg, PROT_READ | PROT_WRITE);
    p[10] = 3;
    printf("writable again: %d\n", p[10] == 3);

    /* mremap: grow a mapping, contents move with it */
    q = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (i = 0; i < 2 * (size_t)pg; i++) q[i] = (unsigned char)(i * 7);
    q = mremap(q, 2 * (size_t)pg, 64 * (size_t)pg, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) { printf("mremap failed\n"); return 1; }
    for (sum = 0, i = 0; i < 2 * (size_t)pg; i++) sum += q[i] == (unsigned char)(i * 7);
    printf("mremap kept contents: %d, new tail zero: %d\n", sum == 2 * pg, q[64 * pg - 1] == 0);
    q[64 * pg - 1] = 1;

    /* MAP_FIXED over part of an existing mapping */
    {
        unsigned char *r;
        q[8 * pg - 1] = 9;
        r = mmap(q + 8 * pg, (size_t)pg, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        printf("MAP_FIXED at the asked address: %d, zeroed: %d, neighbour kept: %d\n",
               r == q + 8 * pg, r[0] == 0, q[8 * pg - 1] == 9);
    }
    munmap(q, 64 * (size_t)pg);
    munmap(p, 16 * (size_t)pg);

    /* brk */
    {
        char *b0 = sbrk(0), *b1;
        b1 = sbrk(100000);
        memset(b1, 1, 100000);
        printf("sbrk grows: %d, returns old break: %d\n", (char *)sbrk(0) == b0 + 100000, b1 == b0);
        sbrk(-100000);
        printf("sbrk shrinks: %d\n", sbrk(0) == b0);
    }

    /* stack */
    {
        struct rlimit rl;
        char *big;
        getrlimit(RLIMIT_STACK, &rl);
        printf("stack limit >= 1 MB or unlimited: %d\n", rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= (1 << 20));
        printf("deep recursion: %d\n", deep(20000));
        big = alloca(1 << 20);
        memset(big, 7, 1 << 20);
        printf("1 MB alloca ok: %d\n", big[(1 << 20) - 1] == 7);
    }
    return 0;
}
