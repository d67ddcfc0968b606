/* int.c - integer benchmark: CRC-32 (table driven) over a buffer, a sieve
 * of Eratosthenes, and an FNV/xorshift hash mix: loads, shifts, xors,
 * compares and short loops.  Prints a checksum. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t table[256];
static uint8_t data[1 << 20];
static uint8_t composite[4 << 20];

int main(void)
{
    uint32_t i, j, c, crc = 0, x = 2463534242u, h = 2166136261u;
    unsigned primes = 0, round;

    for (i = 0; i < 256; i++) {
        for (c = i, j = 0; j < 8; j++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    for (i = 0; i < sizeof data; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        data[i] = (uint8_t)x;
    }
    for (round = 0; round < 80; round++) {
        c = 0xffffffffu ^ round;
        for (i = 0; i < sizeof data; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >> 8);
        crc = crc * 31 + c;
    }
    for (round = 0; round < 6; round++) {
        memset(composite, 0, sizeof composite);
        primes = 0;
        for (i = 2; i < sizeof composite; i++) {
            if (composite[i]) continue;
            primes++;
            for (j = i * 2; j < sizeof composite; j += i) composite[j] = 1;
        }
    }
    for (i = 0; i < 100000000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        h = (h ^ (x & 0xffff)) * 16777619u;
        h += h >> 7;
    }
    printf("crc %08x primes %u hash %08x\n", crc, primes, h);
    return 0;
}
