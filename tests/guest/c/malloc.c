/* malloc.c - heavy allocator use: many small blocks freed in scrambled
 * order, realloc growth and shrink, calloc zeroing, big blocks that glibc
 * serves with mmap/mremap/munmap, and a chained hash table of strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t rs = 88172645u;
static uint32_t xr(void) { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }

struct ent { struct ent *next; char *key; int count; };
struct table { struct ent **b; size_t nb, n; };

static uint32_t hstr(const char *s)
{
    uint32_t h = 5381;
    while (*s) h = h * 33 ^ (unsigned char)*s++;
    return h;
}

static void grow(struct table *t)
{
    size_t nb = t->nb ? t->nb * 2 : 8, i;
    struct ent **b = calloc(nb, sizeof *b);
    for (i = 0; i < t->nb; i++) {
        struct ent *e = t->b[i], *nx;
        for (; e; e = nx) {
            nx = e->next;
            e->next = b[hstr(e->key) & (nb - 1)];
            b[hstr(e->key) & (nb - 1)] = e;
        }
    }
    free(t->b);
    t->b = b;
    t->nb = nb;
}

static void add(struct table *t, const char *k)
{
    struct ent *e;
    if (t->n >= t->nb) grow(t);
    for (e = t->b[hstr(k) & (t->nb - 1)]; e; e = e->next)
        if (strcmp(e->key, k) == 0) { e->count++; return; }
    e = malloc(sizeof *e);
    e->key = strdup(k);
    e->count = 1;
    e->next = t->b[hstr(k) & (t->nb - 1)];
    t->b[hstr(k) & (t->nb - 1)] = e;
    t->n++;
}

int main(void)
{
    enum { N = 20000 };
    static void *p[N];
    static size_t sz[N];
    size_t i, j;
    uint32_t sum = 0;

    for (i = 0; i < N; i++) {
        sz[i] = 1 + xr() % 200;
        p[i] = malloc(sz[i]);
        memset(p[i], (int)(i & 0xff), sz[i]);
    }
    for (j = 0; j < 3 * N; j++) {
        i = xr() % N;
        if (((unsigned char *)p[i])[sz[i] - 1] != (unsigned char)(i & 0xff)) {
            printf("corruption at %zu\n", i);
            return 1;
        }
        free(p[i]);
        sz[i] = 1 + xr() % 500;
        p[i] = malloc(sz[i]);
        memset(p[i], (int)(i & 0xff), sz[i]);
    }
    for (i = 0; i < N; i++) {
        sum += ((unsigned char *)p[i])[0] + (uint32_t)sz[i];
        free(p[i]);
    }
    printf("small blocks ok sum=%u\n", sum);

    /* realloc growth keeps contents */
    {
        char *s = NULL;
        size_t len = 0, cap = 0;
        for (i = 0; i < 100000; i++) {
            if (len + 1 >= cap) {
                cap = cap ? cap * 3 / 2 + 1 : 4;
                s = realloc(s, cap);
            }
            s[len++] = (char)('a' + i % 26);
        }
        s[len] = 0;
        sum = 0;
        for (i = 0; i < len; i++) sum = sum * 131 + (unsigned char)s[i];
        printf("realloc grow len=%zu sum=%08x\n", len, sum);
        s = realloc(s, 10);
        s[9] = 0;
        printf("shrunk: %s\n", s);
        free(s);
    }
    /* calloc zeroes, big blocks via mmap */
    {
        int bad = 0;
        for (i = 0; i < 20; i++) {
            size_t n = (i + 1) * 50000;
            unsigned char *c = calloc(n, 1);
            for (j = 0; j < n; j += 997) bad += c[j] != 0;
            memset(c, 0xab, n);
            c = realloc(c, n * 3);
            for (j = 0; j < n; j += 991) bad += c[j] != 0xab;
            free(c);
        }
        printf("big blocks bad=%d\n", bad);
    }
    /* word counting hash table */
    {
        struct table t = {0, 0, 0};
        char w[16];
        int maxc = 0;
        const char *maxk = "";
        for (i = 0; i < 60000; i++) {
            unsigned r = xr();
            int len = 1 + (int)(r % 4), k;
            for (k = 0; k < len; k++) w[k] = (char)('a' + (r >> (8 + 3 * k)) % 7);
            w[len] = 0;
            add(&t, w);
        }
        for (i = 0; i < t.nb; i++) {
            struct ent *e;
            for (e = t.b[i]; e; e = e->next)
                if (e->count > maxc || (e->count == maxc && strcmp(e->key, maxk) < 0)) {
                    maxc = e->count;
                    maxk = e->key;
                }
        }
        printf("hash: %zu distinct, %zu buckets, top \"%s\" x%d\n", t.n, t.nb, maxk, maxc);
        for (i = 0; i < t.nb; i++) {
            struct ent *e = t.b[i], *nx;
            for (; e; e = nx) { nx = e->next; free(e->key); free(e); }
        }
        free(t.b);
    }
    /* posix_memalign alignment */
    {
        void *a;
        int ok = 1;
        for (i = 3; i < 13; i++) {
            if (posix_memalign(&a, (size_t)1 << i, 100) != 0 || ((uintptr_t)a & (((size_t)1 << i) - 1)))
                ok = 0;
            free(a);
        }
        printf("posix_memalign ok=%d\n", ok);
    }
    return 0;
}
