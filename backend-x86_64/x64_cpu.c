/*
 * x64_cpu.c - host CPU feature detection for the x86-64 backend.
 *
 * CPUID (SDM Vol. 2A, CPUID): leaf 1 ECX bit 22 MOVBE, 19 SSE4.1, 12 FMA,
 * 27 OSXSAVE, 28 AVX; leaf 7 EBX bit 8 BMI2; leaf 0x80000001 ECX bit 5
 * LZCNT (ABM).  AVX and FMA also need the OS to save YMM state: XGETBV(0)
 * bits 1 and 2 (SDM Vol. 1, 14.3).
 *
 * Every feature has a fallback in the code generator, so the features can
 * be switched off for testing: XBT_NO_MOVBE=1 forces the BSWAP path, and
 * XBT_X64_DISABLE=movbe,lzcnt,bmi2,sse41,fma,avx (or "all") removes any.
 */
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x64_internal.h"

unsigned x64_features;

static const struct {
    const char *name;
    unsigned bit;
} feature_names[] = {
    { "movbe", X64F_MOVBE }, { "lzcnt", X64F_LZCNT }, { "bmi2", X64F_BMI2 },
    { "sse41", X64F_SSE41 }, { "fma", X64F_FMA }, { "avx", X64F_AVX },
};

unsigned x64_cpu_detect(void)
{
    unsigned a, b, c, d, f = 0, max;

    max = __get_cpuid_max(0, NULL);
    if (max < 1 || !__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (c & (1u << 22))
        f |= X64F_MOVBE;
    if (c & (1u << 19))
        f |= X64F_SSE41;
    if ((c & (1u << 27)) && (c & (1u << 28))) {
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        if ((lo & 6) == 6) {
            f |= X64F_AVX;
            if (c & (1u << 12))
                f |= X64F_FMA;
        }
    }
    if (max >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if (b & (1u << 8))
            f |= X64F_BMI2;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5)))
        f |= X64F_LZCNT;
    return f;
}

void x64_cpu_init(void)
{
    unsigned f = x64_cpu_detect();
    const char *e = getenv("XBT_NO_MOVBE");

    if (e && *e && strcmp(e, "0") != 0)
        f &= ~(unsigned)X64F_MOVBE;
    e = getenv("XBT_X64_DISABLE");
    if (e) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", e);
        for (char *save = NULL, *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
            if (!strcmp(t, "all"))
                f = 0;
            for (size_t k = 0; k < sizeof feature_names / sizeof feature_names[0]; k++)
                if (!strcmp(t, feature_names[k].name))
                    f &= ~feature_names[k].bit;
        }
    }
    x64_features = f;
}

const char *x64_features_string(unsigned f, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (size_t k = 0; k < sizeof feature_names / sizeof feature_names[0]; k++) {
        if (!(f & feature_names[k].bit))
            continue;
        int w = snprintf(buf + len, n - len, "%s%s", len ? "," : "", feature_names[k].name);
        if (w < 0 || (size_t)w >= n - len)
            break;
        len += (size_t)w;
    }
    return buf;
}
