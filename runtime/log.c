/*
 * log.c - -d categories, -D file, and error reporting helpers.
 */
#include <stdlib.h>
#include <string.h>
#include "log.h"

unsigned rt_log_mask;
FILE *rt_log_file;

static const struct { const char *name; unsigned bit; const char *help; } log_items[] = {
    { "in_asm",  LOG_IN_ASM,  "guest code of each translated block" },
    { "op",      LOG_OP,      "IR as translated" },
    { "op_opt",  LOG_OP_OPT,  "IR after optimisation" },
    { "out_asm", LOG_OUT_ASM, "host code of each block" },
    { "exec",    LOG_EXEC,    "each block run (disables chaining)" },
    { "cpu",     LOG_CPU,     "guest registers before each block (with exec)" },
    { "page",    LOG_PAGE,    "guest memory mappings" },
};

bool rt_log_parse(const char *spec, const char **bad)
{
    static char badbuf[64];
    const char *p = spec;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++) {
            if (strlen(log_items[i].name) == n && !strncmp(p, log_items[i].name, n)) {
                rt_log_mask |= log_items[i].bit;
                found = true;
            }
        }
        if (!found) {
            snprintf(badbuf, sizeof badbuf, "%.*s", (int)n, p);
            *bad = badbuf;
            return false;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return true;
}

const char *rt_log_help(void)
{
    static char buf[1024];
    size_t off = 0;
    for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
        off += snprintf(buf + off, sizeof buf - off, "    %-8s %s\n",
                        log_items[i].name, log_items[i].help);
    return buf;
}

bool rt_log_open(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    setvbuf(f, NULL, _IOLBF, 0);
    rt_log_file = f;
    return true;
}

void rt_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(rt_log_file ? rt_log_file : stderr, fmt, ap);
    va_end(ap);
}

static void verror(const char *what, const char *fmt, va_list ap)
{
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (what)
        fprintf(stderr, "xbt: %s: %s\n", what, buf);
    else
        fprintf(stderr, "xbt: %s\n", buf);
}

void rt_error(const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(what, fmt, ap);
    va_end(ap);
}

void rt_fatal(const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(what, fmt, ap);
    va_end(ap);
    exit(1);
}

void rt_bug(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("xbt: internal error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}
