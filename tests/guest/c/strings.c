/* strings.c - string.h functions (glibc's MIPS versions use unaligned
 * loads and word tricks), printf/snprintf formatting, sscanf and strto*.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <errno.h>

static void show_mem(const char *tag, const unsigned char *p, size_t n)
{
    size_t i;
    printf("%s:", tag);
    for (i = 0; i < n; i++)
        printf(" %02x", p[i]);
    printf("\n");
}

int main(void)
{
    char buf[256], big[600];
    unsigned char m[64];
    int i, n, off;

    /* lengths and comparisons at every alignment */
    for (off = 0; off < 8; off++) {
        memset(big, 0, sizeof big);
        for (i = 0; i < 40; i++) {
            memset(big + off, 'a' + (i % 26), (size_t)i);
            big[off + i] = 0;
            if (strlen(big + off) != (size_t)i) printf("strlen off=%d len=%d wrong\n", off, i);
        }
        strcpy(buf + off, "hello, world");
        printf("off %d: %zu %d %d %d %s\n", off, strlen(buf + off), strcmp(buf + off, "hello, world"),
               strcmp(buf + off, "hello, worle") < 0, strncmp(buf + off, "help", 3) == 0,
               strchr(buf + off, 'w'));
    }
    printf("strcmp sign: %d %d %d\n", strcmp("a", "b") < 0, strcmp("b", "a") > 0,
           strcmp("\x80", "\x01") > 0);
    printf("memcmp sign: %d %d\n", memcmp("\x80", "\x7f", 1) > 0, memcmp("abc", "abd", 3) < 0);
    printf("strstr: %s | %s | %p\n", strstr("the quick brown fox", "brown"),
           strstr("aaaaab", "aab"), (void *)strstr("abc", "abd"));
    printf("strrchr: %s strpbrk: %s strspn: %zu strcspn: %zu\n", strrchr("a/b/c", '/'),
           strpbrk("hello world", "ow"), strspn("abcabcxyz", "abc"), strcspn("hello", "l"));

    /* memmove overlap in both directions, memset, memcpy odd sizes */
    for (i = 0; i < 64; i++) m[i] = (unsigned char)i;
    memmove(m + 3, m, 20);
    show_mem("memmove up", m, 26);
    memmove(m, m + 5, 17);
    show_mem("memmove down", m, 26);
    memset(m + 1, 0xee, 13);
    show_mem("memset", m, 16);
    for (n = 0; n < 20; n++) {
        unsigned char src[32], dst[40];
        for (i = 0; i < 32; i++) src[i] = (unsigned char)(i * 7 + n);
        memset(dst, 0, sizeof dst);
        memcpy(dst + (n % 4), src + (n % 3), (size_t)n);
        if (memcmp(dst + (n % 4), src + (n % 3), (size_t)n) != 0) printf("memcpy %d bad\n", n);
    }

    /* snprintf: truncation and return values */
    n = snprintf(buf, 8, "%s", "truncate me please");
    printf("snprintf ret=%d buf=\"%s\"\n", n, buf);
    n = snprintf(NULL, 0, "%d-%s-%x", 12345, "abc", 255);
    printf("snprintf(NULL) ret=%d\n", n);
    n = snprintf(buf, sizeof buf, "[%5d][%-5d][%05d][%+d][% d][%x][%X][%#x][%o][%#o][%c][%%]",
                 42, 42, 42, 42, 42, 0xbeef, 0xbeef, 0xbeef, 8, 8, 'Z');
    printf("%s (%d)\n", buf, n);
    printf("[%hhd][%hhu][%hd][%hu][%ld][%lu][%lld][%llu][%zu][%zd][%jd]\n", (signed char)-1,
           (unsigned char)255, (short)-32768, (unsigned short)65535, -2147483647L - 1, 4294967295UL,
           LLONG_MIN, ULLONG_MAX, (size_t)123, (ssize_t)-5, (intmax_t)-77);
    printf("[%.3s][%10.2s][%-10s][%*d][%-*d][%.*f]\n", "abcdef", "xyz", "left", 6, 7, 6, 7, 2, 3.14159);
    printf("[%s][%5s][%.0s]\n", "", "", "gone");
    {
        int cnt1, cnt2;
        printf("abc%nde%n\n", &cnt1, &cnt2);
        printf("%%n: %d %d\n", cnt1, cnt2);
    }

    /* sscanf */
    {
        int a, b, r;
        unsigned u;
        long long ll;
        double d;
        float f;
        char w1[32], w2[32];
        r = sscanf("  42 -17 0x1F 123456789012 3.25e2 -0.5 word1 word2", "%d %d %x %lld %lf %f %31s %31s",
                   &a, &b, &u, &ll, &d, &f, w1, w2);
        printf("sscanf r=%d %d %d %u %lld %g %g %s %s\n", r, a, b, u, ll, d, f, w1, w2);
        r = sscanf("key=value;x", "%31[^=]=%31[^;];", w1, w2);
        printf("scanset r=%d %s %s\n", r, w1, w2);
        r = sscanf("12abc", "%d%n", &a, &b);
        printf("partial r=%d a=%d n=%d\n", r, a, b);
        r = sscanf("", "%d", &a);
        printf("empty r=%d\n", r);
        r = sscanf("2024-02-29T13:45:07", "%4d-%2d-%2dT%2d:%2d:%2d", &a, &b, &a, &b, &a, &b);
        printf("date r=%d\n", r);
    }

    /* strtol family: bases, errno, end pointers */
    {
        const char *tests[] = {"123", "-123", "0x7fffffff", "0x80000000", "-2147483649",
                               "077", "0b101", "  +9z", "zzz", "4294967295", "99999999999999999999"};
        for (i = 0; i < (int)(sizeof tests / sizeof tests[0]); i++) {
            char *end;
            long long l;
            unsigned long long ul;
            long long ll;
            errno = 0;
            l = strtoll(tests[i], &end, 0);
            printf("strtoll(%s)=%lld end=%td erange=%d", tests[i], l, end - tests[i], errno == ERANGE);
            errno = 0;
            ul = strtoull(tests[i], &end, 10);
            printf(" strtoull=%llu erange=%d", ul, errno == ERANGE);
            errno = 0;
            ll = strtoll(tests[i], &end, 36);
            printf(" strtoll36=%lld erange=%d\n", ll, errno == ERANGE);
        }
        printf("strtod: %g %g %g %g %.17g\n", strtod("1e-5", NULL), strtod("-inf", NULL),
               strtod("0x1.8p1", NULL), strtod("1e400", NULL), strtod("0.1", NULL));
        printf("atoi=%d atol=%ld atof=%g\n", atoi("  -77x"), atol("123456"), atof("2.5e1"));
    }

    /* strtok_r, strdup, ctype, case */
    {
        char text[] = "alpha, beta;gamma  delta,,epsilon";
        char *save, *tok, *dup;
        for (tok = strtok_r(text, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save))
            printf("tok<%s> ", tok);
        printf("\n");
        dup = strdup("MiXeD CaSe 123!");
        for (i = 0; dup[i]; i++)
            dup[i] = (char)(isupper((unsigned char)dup[i]) ? tolower((unsigned char)dup[i])
                                                          : toupper((unsigned char)dup[i]));
        printf("swapcase: %s\n", dup);
        printf("ctype:");
        for (i = 32; i < 128; i += 7)
            printf(" %c%d%d%d%d", i, !!isalpha(i), !!isdigit(i), !!isspace(i), !!ispunct(i));
        printf("\n");
        printf("strndup: %s strcasecmp: %d strncasecmp: %d\n", strndup("abcdef", 3),
               strcasecmp("HeLLo", "hello"), strncasecmp("ABCx", "abcy", 3));
        free(dup);
    }
    {
        char dst[16] = "xx";
        strncat(dst, "abcdefgh", 4);
        printf("strncat: %s ", dst);
        memset(dst, 'q', sizeof dst);
        strncpy(dst, "ab", 6);
        show_mem("strncpy", (unsigned char *)dst, 8);
        printf("stpcpy: %td memchr: %s memrchr: %s\n", stpcpy(dst, "four") - dst,
               (char *)memchr("find the x here", 'x', 15), (char *)memrchr("a.b.c", '.', 5));
    }
    return 0;
}
