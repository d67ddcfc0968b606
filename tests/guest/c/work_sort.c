/* work_sort.c - a bigger workload: 100k pseudo-random 32-bit numbers sorted
 * by a hand-written merge sort, an LSD radix sort and qsort; the results
 * must agree, with checksums printed.  Also a 64-bit key sort.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

enum { N = 100000 };

static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
    size_t w, i;
    for (w = 1; w < n; w *= 2) {
        for (i = 0; i < n; i += 2 * w) {
            size_t l = i, m = i + w < n ? i + w : n, r = i + 2 * w < n ? i + 2 * w : n, k = i, j = m;
            while (l < m && j < r) tmp[k++] = a[l] <= a[j] ? a[l++] : a[j++];
            while (l < m) tmp[k++] = a[l++];
            while (j < r) tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

static void radix_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
    int shift;
    for (shift = 0; shift < 32; shift += 8) {
        size_t cnt[257] = {0}, i;
        for (i = 0; i < n; i++) cnt[((a[i] >> shift) & 0xff) + 1]++;
        for (i = 1; i < 257; i++) cnt[i] += cnt[i - 1];
        for (i = 0; i < n; i++) tmp[cnt[(a[i] >> shift) & 0xff]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}
static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

int main(void)
{
    static uint32_t a[N], b[N], c[N], tmp[N];
    static uint64_t q[N];
    uint32_t x = 2463534242u, sum = 0;
    uint64_t qs = 0;
    size_t i;
    for (i = 0; i < N; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        a[i] = b[i] = c[i] = x;
        q[i] = (uint64_t)x << 32 | (x * 2654435761u);
    }
    merge_sort(a, tmp, N);
    radix_sort(b, tmp, N);
    qsort(c, N, sizeof c[0], cmp_u32);
    qsort(q, N, sizeof q[0], cmp_u64);
    for (i = 0; i < N; i++) {
        if (a[i] != b[i] || a[i] != c[i]) { printf("disagree at %zu\n", i); return 1; }
        if (i && a[i - 1] > a[i]) { printf("unsorted at %zu\n", i); return 1; }
        if (i && q[i - 1] > q[i]) { printf("q unsorted at %zu\n", i); return 1; }
        sum = sum * 2654435761u + a[i];
        qs = qs * 6364136223846793005ULL + q[i];
    }
    printf("sorted %d: min %u max %u median %u sum %08x qsum %016llx\n", N, a[0], a[N - 1], a[N / 2], sum,
           (unsigned long long)qs);
    return 0;
}
