/* int_arith.c - 32-bit integer arithmetic: wrapping, shifts, division
 * signs, comparisons, bit tricks the compiler turns into clz/wsbh/seb/rotr.
 * Signed overflow (UB in C) is done in unsigned arithmetic; INT_MIN / -1
 * is avoided.  Output must not depend on byte order. */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static volatile int32_t vals[] = {
    0, 1, -1, 2, -2, 3, 7, -7, 100, -100, 0x7fff, -0x8000, 0xffff,
    123456789, -123456789, INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1,
    0x55555555, (int32_t)0xaaaaaaaau, 0x00ff00ff, 0x12345678,
};
#define N (int)(sizeof vals / sizeof vals[0])

static uint32_t hash = 2166136261u;
static void mix(uint32_t v) { hash = (hash ^ v) * 16777619u; }

static int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static int32_t wrap_sub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
static int32_t wrap_mul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
static uint32_t rotl(uint32_t x, unsigned n) { n &= 31; return n ? (x << n) | (x >> (32 - n)) : x; }
static uint32_t rotr(uint32_t x, unsigned n) { n &= 31; return n ? (x >> n) | (x << (32 - n)) : x; }

int main(void)
{
    int i, j;
    for (i = 0; i < N; i++) {
        int32_t a = vals[i];
        uint32_t ua = (uint32_t)a;
        printf("a=%d u=%u x=%08x neg=%d not=%d\n", a, ua, ua, wrap_sub(0, a), ~a);
        printf("  clz=%d ctz=%d pop=%d par=%d bswap=%08x\n",
               ua ? __builtin_clz(ua) : 32, ua ? __builtin_ctz(ua) : 32,
               __builtin_popcount(ua), __builtin_parity(ua), __builtin_bswap32(ua));
        printf("  sb=%d sh=%d ub=%u uh=%u rotl7=%08x rotr13=%08x\n",
               (int8_t)a, (int16_t)a, (uint8_t)a, (uint16_t)a, rotl(ua, 7), rotr(ua, 13));
        for (j = 0; j < 32; j += 5)
            printf("  s%d: shl=%08x sar=%d shr=%u\n", j, ua << j, a >> j, ua >> j);
        for (j = 0; j < N; j++) {
            int32_t b = vals[j];
            uint32_t ub = (uint32_t)b;
            mix(wrap_add(a, b)); mix(wrap_sub(a, b)); mix(wrap_mul(a, b));
            mix(a < b); mix(ua < ub); mix(a == b); mix(a & b); mix(a | b); mix(a ^ b);
            if (b != 0 && !(a == INT_MIN && b == -1)) {
                mix(a / b); mix(a % b);
            }
            if (ub != 0) { mix(ua / ub); mix(ua % ub); }
            mix(ua << (ub & 31)); mix(a >> (ub & 31)); mix(ua >> (ub & 31));
        }
    }
    printf("hash=%08x\n", hash);

    /* division signs (C99 truncates toward zero) */
    {
        volatile int d[] = {7, -7, 13, -13};
        for (i = 0; i < 4; i++)
            for (j = 0; j < 4; j++)
                printf("%d/%d=%d %d%%%d=%d\n", d[i], d[j] % 5 ? d[j] % 5 : 3,
                       d[i] / (d[j] % 5 ? d[j] % 5 : 3), d[i], d[j] % 5 ? d[j] % 5 : 3,
                       d[i] % (d[j] % 5 ? d[j] % 5 : 3));
    }
    /* constant divisors become multiply-high sequences */
    {
        uint32_t acc = 0;
        int32_t k;
        for (k = -100000; k < 100000; k += 7) {
            acc = acc * 31 + (uint32_t)(k / 3) + (uint32_t)(k % 10) + (uint32_t)(k / 1000);
            acc ^= (uint32_t)k / 7u + (uint32_t)k % 60u;
        }
        printf("constdiv=%08x\n", acc);
    }
    /* unsigned wrap and saturation idioms */
    {
        volatile uint32_t m = UINT32_MAX, z = 0;
        volatile uint16_t h = 65535;
        volatile uint8_t c = 255;
        printf("umax+1=%u 0-1=%u h+1=%u c+1=%u (uint16)(h+1)=%u\n", m + 1, z - 1, h + 1, c + 1,
               (uint16_t)(h + 1));
        printf("sat=%u\n", (m + 5 < m) ? UINT32_MAX : m + 5);
        printf("int-promo: %d %d\n", (uint8_t)200 + (uint8_t)100, (int8_t)-100 - 100);
    }
    /* bit-field and multiply-overflow checks */
    {
        struct { unsigned a : 3; signed b : 5; unsigned c : 24; } bf = {0, 0, 0};
        int32_t r;
        for (i = 0; i < 40; i++) {
            bf.a += 3; bf.b -= 7; bf.c = bf.c * 3 + 1;
            printf("%u/%d/%u ", bf.a, bf.b, bf.c);
        }
        printf("\n");
        printf("ovf: mul=%d", __builtin_mul_overflow(65536, 65536, &r));
        printf(" r=%d", r);
        printf(" add=%d", __builtin_add_overflow(INT_MAX, 1, &r));
        printf(" r=%d", r);
        printf(" sub=%d", __builtin_sub_overflow(-5, 3, &r));
        printf(" r=%d\n", r);
    }
    return 0;
}
