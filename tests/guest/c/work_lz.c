/* work_lz.c - a bigger workload: an LZ77-style compressor (hash chains,
 * greedy matching, byte-oriented tokens) and its decompressor, round trip
 * over generated text and binary data, with CRC-32 checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t crc_table[256];
static void crc_init(void)
{
    uint32_t i, j, c;
    for (i = 0; i < 256; i++) {
        for (c = i, j = 0; j < 8; j++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

enum { WIN = 65535, MINM = 4, MAXM = 255 + MINM, HBITS = 14 };

/* token stream: literal run: 0LLLLLLL (len 1..128) + bytes;
 * match: 1LLLLLLL? no: match = 0x80|len-MINM(0..127) + offset(2 bytes) */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out)
{
    static int32_t head[1 << HBITS], prev[1 << 20];
    size_t i = 0, o = 0, lit = 0;
    memset(head, -1, sizeof head);
    while (i < n) {
        size_t best = 0, boff = 0;
        if (i + MINM <= n) {
            uint32_t h = ((uint32_t)in[i] << 16 ^ (uint32_t)in[i + 1] << 8 ^ in[i + 2] ^ (uint32_t)in[i + 3] << 4) * 2654435761u >> (32 - HBITS);
            int32_t cand = head[h];
            int chain = 32;
            while (cand >= 0 && i - (size_t)cand <= WIN && chain--) {
                size_t l = 0;
                while (l < 127 + MINM && i + l < n && in[cand + l] == in[i + l]) l++;
                if (l > best) { best = l; boff = i - (size_t)cand; }
                cand = prev[cand];
            }
            prev[i] = head[h];
            head[h] = (int32_t)i;
        }
        if (best >= MINM) {
            size_t k;
            if (lit) { out[o++] = (uint8_t)(lit - 1); memcpy(out + o, in + i - lit, lit); o += lit; lit = 0; }
            out[o++] = (uint8_t)(0x80 | (best - MINM));
            out[o++] = (uint8_t)(boff >> 8);
            out[o++] = (uint8_t)boff;
            for (k = 1; k < best && i + k + MINM <= n; k++) {
                uint32_t h = ((uint32_t)in[i + k] << 16 ^ (uint32_t)in[i + k + 1] << 8 ^ in[i + k + 2] ^ (uint32_t)in[i + k + 3] << 4) * 2654435761u >> (32 - HBITS);
                prev[i + k] = head[h];
                head[h] = (int32_t)(i + k);
            }
            i += best;
        } else {
            i++;
            if (++lit == 128) { out[o++] = 127; memcpy(out + o, in + i - lit, lit); o += lit; lit = 0; }
        }
    }
    if (lit) { out[o++] = (uint8_t)(lit - 1); memcpy(out + o, in + i - lit, lit); o += lit; }
    return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        uint8_t t = in[i++];
        if (t & 0x80) {
            size_t len = (size_t)(t & 0x7f) + MINM, off = (size_t)in[i] << 8 | in[i + 1];
            i += 2;
            while (len--) { out[o] = out[o - off]; o++; }   /* overlapping copy */
        } else {
            memcpy(out + o, in + i, (size_t)t + 1);
            o += (size_t)t + 1;
            i += (size_t)t + 1;
        }
    }
    return o;
}

int main(void)
{
    static const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
                                  "translator", "binary", "guest", "host", "block", "cache", "mips"};
    enum { N = 600000 };
    uint8_t *text = malloc(N + 32), *comp = malloc(N + N / 64 + 16), *back = malloc(N);
    uint32_t r = 1;
    size_t n = 0, c, d;
    int pass;
    crc_init();
    while (n < N - 16) {
        const char *w;
        r = r * 1103515245u + 12345u;
        w = words[(r >> 16) % 15];
        while (*w && n < N) text[n++] = (uint8_t)*w++;
        text[n++] = (r >> 8) % 11 == 0 ? '\n' : ' ';
    }
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1)     /* less compressible: noise in the low bits */
            for (c = 0; c < n; c++) { r = r * 1103515245u + 12345u; text[c] ^= (uint8_t)((r >> 20) & 3); }
        c = compress(text, n, comp);
        d = decompress(comp, c, back);
        printf("pass %d: %zu -> %zu bytes, back %zu, crc %08x %08x %s\n", pass, n, c, d, crc32(text, n),
               crc32(back, d), d == n && memcmp(text, back, n) == 0 ? "ok" : "MISMATCH");
    }
    printf("comp crc %08x\n", crc32(comp, c));
    free(text); free(comp); free(back);
    return 0;
}
