/* int64.c - 64-bit integer arithmetic on a 32-bit guest: add/sub carry
 * chains, mul (inline), div/mod (libgcc __divdi3, __udivdi3, __moddi3,
 * __umoddi3), shifts by variable amounts (__ashldi3 & co at -O0 or inline),
 * comparisons, conversions to and from 32-bit and double.
 */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static volatile int64_t v[] = {
    0, 1, -1, 2, -2, 10, -10, 0x7fffffffLL, -0x80000000LL, 0x80000000LL,
    0xffffffffLL, 0x100000000LL, -0x100000000LL, 0x123456789abcdefLL,
    -0x123456789abcdefLL, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
    1000000007LL, 999999999999LL, -999999999999LL, 0x5555555555555555LL,
};
#define N (int)(sizeof v / sizeof v[0])

static uint64_t h = 14695981039346656037ULL;
static void mix(uint64_t x) { h = (h ^ x) * 1099511628211ULL; }

int main(void)
{
    int i, j, s;
    for (i = 0; i < N; i++) {
        int64_t a = v[i];
        uint64_t ua = (uint64_t)a;
        printf("a=%" PRId64 " u=%" PRIu64 " x=%016" PRIx64 " lo=%d hi=%d\n",
               a, ua, ua, (int32_t)a, (int32_t)(a >> 32));
        printf("  clzll=%d ctzll=%d popll=%d bswap=%016" PRIx64 "\n",
               ua ? __builtin_clzll(ua) : 64, ua ? __builtin_ctzll(ua) : 64,
               __builtin_popcountll(ua), __builtin_bswap64(ua));
        for (s = 0; s < 64; s += 9)
            printf("  s%d: shl=%016" PRIx64 " sar=%" PRId64 " shr=%" PRIx64 "\n",
                   s, ua << s, a >> s, ua >> s);
        for (j = 0; j < N; j++) {
            int64_t b = v[j];
            uint64_t ub = (uint64_t)b;
            mix(ua + ub); mix(ua - ub); mix(ua * ub);
            mix(a < b); mix(ua < ub); mix(a <= b); mix(ua >= ub);
            if (b != 0 && !(a == INT64_MIN && b == -1)) {
                mix((uint64_t)(a / b)); mix((uint64_t)(a % b));
            }
            if (ub != 0) { mix(ua / ub); mix(ua % ub); }
            mix(ua << (ub & 63)); mix((uint64_t)(a >> (ub & 63))); mix(ua >> (ub & 63));
            /* 32x32->64 widening multiplies (mult/multu) */
            mix((uint64_t)((int64_t)(int32_t)a * (int32_t)b));
            mix((uint64_t)(uint32_t)a * (uint32_t)b);
        }
    }
    printf("hash=%016" PRIx64 "\n", h);

    for (i = 0; i < N; i++) {
        int64_t a = v[i];
        if (a == INT64_MIN || a == INT64_MAX || a == INT64_MAX - 1 || a == INT64_MIN + 1 ||
            a == 0x5555555555555555LL)
            continue;   /* not exactly representable: rounding tested elsewhere */
        printf("%" PRId64 " -> %.1f %.1f ; /7=%" PRId64 " %%7=%" PRId64 " /-3=%" PRId64
               " %%-3=%" PRId64 "\n", a, (double)a, (double)(uint64_t)(a & 0xfffffffffffffLL),
               a / 7, a % 7, a / -3, a % -3);
    }
    {
        volatile double d[] = {0.0, 1.5, -1.5, 4294967296.0, -4294967297.0, 1e15, -1e18, 9.2e18};
        for (i = 0; i < 8; i++)
            printf("d=%g -> %" PRId64 " u=%" PRIu64 "\n", d[i], (int64_t)d[i],
                   d[i] >= 0 ? (uint64_t)d[i] : 0);
        printf("u64max->double %.17g, 2^63 -> %" PRIu64 "\n", (double)UINT64_MAX,
               (uint64_t)9223372036854775808.0);
    }
    /* fibonacci and factorial modulo with 64-bit wrap */
    {
        uint64_t a = 0, b = 1, f = 1;
        for (i = 0; i < 200; i++) {
            uint64_t t = a + b;
            a = b; b = t;
            f *= (uint64_t)(i + 1);
        }
        printf("fib200 wrap=%" PRIu64 " fact200 wrap=%" PRIu64 "\n", a, f);
    }
    /* modular exponentiation with 64-bit mod */
    {
        uint64_t base = 123456789, e = 1000000006, m = 1000000007, r = 1;
        while (e) {
            if (e & 1) r = r * base % m;
            base = base * base % m;
            e >>= 1;
        }
        printf("powmod=%" PRIu64 "\n", r);
    }
    return 0;
}
