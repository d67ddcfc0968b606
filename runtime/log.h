/*
 * log.h - diagnostics: the -d categories, the -D log file, and the one-line
 * user-facing error convention `xbt: <file>: <reason>`.
 */
#ifndef XBT_LOG_H
#define XBT_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

enum {
    LOG_IN_ASM  = 1 << 0,   /* guest code of each new block */
    LOG_OP      = 1 << 1,   /* IR as translated */
    LOG_OP_OPT  = 1 << 2,   /* IR after optimisation */
    LOG_OUT_ASM = 1 << 3,   /* host code */
    LOG_EXEC    = 1 << 4,   /* every block entered from the dispatcher (disables chaining) */
    LOG_CPU     = 1 << 5,   /* guest registers at every dispatcher entry */
    LOG_PAGE    = 1 << 6,   /* guest mappings */
};

extern unsigned rt_log_mask;
extern FILE *rt_log_file;       /* stderr unless -D */

/* Parses "in_asm,op,out_asm"; returns false and names the bad item. */
bool rt_log_parse(const char *spec, const char **bad);
bool rt_log_open(const char *path);
void rt_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *rt_log_help(void);

/* `xbt: what: reason` on stderr */
void rt_error(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rt_fatal(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
/* Internal invariant broken: message, then abort(). */
void rt_bug(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
