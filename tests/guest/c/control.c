/* control.c - code shapes a translator must get right: switch jump tables
 * (indirect jr), function pointers, deep and mutual recursion, varargs,
 * structs passed and returned by value (o32 splits them over a0-a3 and the
 * stack), packed unaligned fields (lwl/lwr, swl/swr), computed goto,
 * alloca/VLAs, and a long loop (chained blocks).
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <alloca.h>

struct small { char c; short s; };
struct mid { int a, b, c; };
struct big { double d; int x[9]; char tag; };
struct __attribute__((packed)) pk { char c; int i; short s; long long ll; double d; };

static int sw(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 5;
    case 3: return 71;
    case 4: return -3;
    case 5: return 99;
    case 6: return 1000;
    case 7: return 7;
    case 9: return 9;
    case 12: return 1212;
    case 100: return -100;
    default: return x * 2;
    }
}

static int ack(int m, int n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static long long vsum(int n, ...)
{
    va_list ap;
    long long s = 0;
    int i;
    va_start(ap, n);
    for (i = 0; i < n; i++) {
        switch (va_arg(ap, int)) {
        case 'i': s += va_arg(ap, int); break;
        case 'l': s += va_arg(ap, long long); break;
        case 'd': s += (long long)(va_arg(ap, double) * 1000); break;
        case 's': s += (long long)strlen(va_arg(ap, const char *)); break;
        }
    }
    va_end(ap);
    return s;
}

static struct small mk_small(int i) { struct small r = {(char)('a' + i), (short)(i * 1000)}; return r; }
static struct mid mk_mid(struct mid m, int k) { m.a += k; m.b *= k; m.c -= k; return m; }
static struct big mk_big(struct big b, double f, struct small s, long long l)
{
    int i;
    b.d *= f;
    for (i = 0; i < 9; i++) b.x[i] += s.s + (int)l;
    b.tag = s.c;
    return b;
}
static double mixed(int a, double b, int c, float d, long long e, char f, double g)
{
    return a + b + c + d + (double)e + f + g;
}

typedef int (*binop)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_xor(int a, int b) { return a ^ b; }

static int computed(const unsigned char *prog)
{
    static void *labels[] = {&&l_inc, &&l_dbl, &&l_dec, &&l_end};
    int acc = 1;
    goto *labels[*prog++];
l_inc: acc += 1; goto *labels[*prog++];
l_dbl: acc *= 2; goto *labels[*prog++];
l_dec: acc -= 3; goto *labels[*prog++];
l_end: return acc;
}

static int vla_sum(int n)
{
    int v[n], i, s = 0;
    int *a = alloca((size_t)n * sizeof(int));
    for (i = 0; i < n; i++) { v[i] = i * i; a[i] = v[i] - i; }
    for (i = 0; i < n; i++) s += v[i] + a[i];
    return s;
}

int main(void)
{
    int i;
    uint32_t acc = 0;
    static const binop ops[] = {op_add, op_sub, op_mul, op_xor};
    static struct pk packed[5];
    unsigned char raw[64];

    for (i = -5; i < 120; i++) acc = acc * 7 + (uint32_t)sw(i);
    printf("switch: %08x\n", acc);
    printf("ack(2,3)=%d ack(3,3)=%d even(1001)=%d odd(777)=%d\n", ack(2, 3), ack(3, 3), is_even(1001),
           is_odd(777));
    printf("vsum=%lld\n", vsum(7, 'i', 5, 'l', 1LL << 40, 'd', 2.5, 's', "hello", 'i', -9, 'l', -3LL,
                             'd', -0.001));
    {
        struct small s = mk_small(3);
        struct mid m = {1, 2, 3};
        struct big b;
        memset(&b, 0, sizeof b);
        b.d = 1.5;
        for (i = 0; i < 9; i++) b.x[i] = i;
        m = mk_mid(m, 5);
        b = mk_big(b, 3.0, s, 7);
        printf("small %c %d mid %d %d %d big %g %d %d %c\n", s.c, s.s, m.a, m.b, m.c, b.d, b.x[0], b.x[8],
               b.tag);
        printf("mixed=%.6f\n", mixed(1, 2.5, 3, 4.25f, 5000000000LL, 'A', -0.125));
    }
    for (acc = 0, i = 0; i < 100; i++) acc = acc * 3 + (uint32_t)ops[i & 3](i, (int)acc & 0xffff);
    printf("fnptr: %08x\n", acc);
    {
        static const unsigned char prog[] = {0, 1, 1, 2, 0, 1, 2, 1, 3};
        printf("computed goto: %d\n", computed(prog));
    }
    printf("vla: %d %d\n", vla_sum(10), vla_sum(1000));

    /* packed structs at odd addresses: unaligned loads and stores */
    for (i = 0; i < 5; i++) {
        packed[i].c = (char)i;
        packed[i].i = 0x01020304 * (i + 1);
        packed[i].s = (short)(-i * 300);
        packed[i].ll = 0x0102030405060708LL * (i + 1);
        packed[i].d = i * 1.25;
    }
    for (acc = 0, i = 0; i < 5; i++)
        acc = acc * 31 + (uint32_t)packed[i].i + (uint32_t)packed[i].s + (uint32_t)(packed[i].ll >> 13) +
              (uint32_t)(packed[i].d * 8);
    printf("packed: %08x sizeof %zu\n", acc, sizeof(struct pk));
    for (i = 0; i < 64; i++) raw[i] = (unsigned char)(i * 37);
    for (acc = 0, i = 0; i < 56; i++) {
        uint32_t w;
        uint16_t h;
        uint64_t q;
        memcpy(&w, raw + i, 4);
        memcpy(&h, raw + i, 2);
        memcpy(&q, raw + i, 8);
        w = __builtin_bswap32(w) ^ w;        /* symmetric: byte-order independent */
        acc = acc * 3 + w + (uint32_t)(h >> 8 ^ (h & 0xff)) + (uint32_t)(q ^ __builtin_bswap64(q));
        memcpy(raw + ((i * 5) % 56), &w, 4); /* unaligned store */
    }
    printf("unaligned: %08x\n", acc);

    /* long loop through many small blocks */
    {
        uint32_t x = 1;
        for (i = 0; i < 3000000; i++) {
            if (x & 1) x = x * 3 + 1;
            else x >>= 1;
            if (x == 1) x = (uint32_t)i | 1;
        }
        printf("loop: %u\n", x);
    }
    return 0;
}
