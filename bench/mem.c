/* mem.c - memory-bound benchmark: random pointer chasing through a
 * shuffled cyclic list of 4M nodes (cache and TLB misses), then an
 * in-place heap sort of a 2M-element array.  Prints a checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

enum { NODES = 1 << 21, SORTN = 3 << 18 };

static uint32_t rs = 88172645u;
static uint32_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }

static void sift(uint32_t *a, size_t start, size_t end)
{
    size_t root = start;
    while (2 * root + 1 <= end) {
        size_t child = 2 * root + 1, sw = root;
        if (a[sw] < a[child]) sw = child;
        if (child + 1 <= end && a[sw] < a[child + 1]) sw = child + 1;
        if (sw == root) return;
        { uint32_t t = a[root]; a[root] = a[sw]; a[sw] = t; }
        root = sw;
    }
}

int main(void)
{
    uint32_t *next = malloc(NODES * sizeof *next), *perm = malloc(NODES * sizeof *perm);
    uint32_t *a = malloc(SORTN * sizeof *a), p = 0, sum = 0;
    size_t i, end;
    if (!next || !perm || !a) return 1;
    for (i = 0; i < NODES; i++) perm[i] = (uint32_t)i;
    for (i = NODES - 1; i > 0; i--) {          /* Fisher-Yates */
        size_t j = rnd() % (i + 1);
        uint32_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    for (i = 0; i < NODES; i++) next[perm[i]] = perm[(i + 1) % NODES];
    for (i = 0; i < 2u * NODES; i++) {
        p = next[p];
        sum = sum * 33 + p;
    }
    for (i = 0; i < SORTN; i++) a[i] = rnd();
    for (i = SORTN / 2; i-- > 0;) sift(a, i, SORTN - 1);
    for (end = SORTN - 1; end > 0; end--) {
        uint32_t t = a[0]; a[0] = a[end]; a[end] = t;
        sift(a, 0, end - 1);
    }
    for (i = 1; i < SORTN; i++)
        if (a[i - 1] > a[i]) { printf("unsorted\n"); return 1; }
    printf("chase %08x p %u sorted min %u mid %u max %u\n", sum, p, a[0], a[SORTN / 2], a[SORTN - 1]);
    free(next); free(perm); free(a);
    return 0;
}
