/* sort.c - qsort and bsearch through function pointers: ints, structs
 * (stable ordering through a tiebreak), strings; plus lsearch-like scans.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; short tag; char name[10]; double w; };

static unsigned rnd_state = 12345;
static unsigned rnd(void) { rnd_state = rnd_state * 1103515245u + 12345u; return (rnd_state >> 16) & 0x7fff; }

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->w != y->w) return x->w < y->w ? -1 : 1;
    return x->tag - y->tag;
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    enum { N = 5000 };
    static int a[N];
    static struct rec r[500];
    static const char *words[] = {"pear", "apple", "fig", "banana", "kiwi", "cherry", "date",
                                  "grape", "lemon", "mango", "apple", "zucchini", "avocado"};
    const char *w[sizeof words / sizeof words[0]];
    int i, key, found = 0;
    unsigned sum = 0;

    for (i = 0; i < N; i++) a[i] = (int)(rnd() * 40000u + rnd()) - 500000000;
    qsort(a, N, sizeof a[0], cmp_int);
    for (i = 1; i < N; i++)
        if (a[i - 1] > a[i]) { printf("unsorted at %d\n", i); return 1; }
    for (i = 0; i < N; i++) sum = sum * 31 + (unsigned)a[i];
    printf("ints: min=%d max=%d median=%d sum=%08x\n", a[0], a[N - 1], a[N / 2], sum);
    for (key = -500000000; key < 800000000; key += 7777777) {
        int *p = bsearch(&key, a, N, sizeof a[0], cmp_int);
        if (p) found++;
    }
    for (i = 0; i < N; i += 97) {
        int *p = bsearch(&a[i], a, N, sizeof a[0], cmp_int);
        if (!p || *p != a[i]) printf("bsearch miss %d\n", i);
    }
    printf("bsearch hits=%d\n", found);

    for (i = 0; i < 500; i++) {
        r[i].key = (int)(rnd() % 20);
        r[i].tag = (short)i;
        r[i].w = (double)(rnd() % 7) / 4.0;
        snprintf(r[i].name, sizeof r[i].name, "n%d", (int)(rnd() % 1000));
    }
    qsort(r, 500, sizeof r[0], cmp_rec);
    for (i = 0; i < 500; i += 37)
        printf("rec %d: key=%d w=%.2f tag=%d name=%s\n", i, r[i].key, r[i].w, r[i].tag, r[i].name);

    memcpy(w, words, sizeof w);
    qsort(w, sizeof w / sizeof w[0], sizeof w[0], cmp_str);
    for (i = 0; i < (int)(sizeof w / sizeof w[0]); i++) printf("%s ", w[i]);
    printf("\n");
    {
        const char *k = "kiwi", *k2 = "lime";
        printf("bsearch kiwi=%s lime=%s\n",
               bsearch(&k, w, sizeof w / sizeof w[0], sizeof w[0], cmp_str) ? "yes" : "no",
               bsearch(&k2, w, sizeof w / sizeof w[0], sizeof w[0], cmp_str) ? "yes" : "no");
    }
    /* sort of bytes and of already sorted / reversed input */
    {
        unsigned char bytes[300];
        for (i = 0; i < 300; i++) bytes[i] = (unsigned char)(300 - i);
        qsort(a, N, sizeof a[0], cmp_int);
        for (i = 0; i < N / 2; i++) { int t = a[i]; a[i] = a[N - 1 - i]; a[N - 1 - i] = t; }
        qsort(a, N, sizeof a[0], cmp_int);
        printf("resorted ok=%d first=%d\n", a[0] <= a[1] && a[N - 2] <= a[N - 1], a[0]);
        (void)bytes;
    }
    return 0;
}
