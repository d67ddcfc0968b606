/*
 * binfmt.h - xbt and the kernel's binfmt_misc: the `xbt --binfmt ...`
 * commands (register, unregister, status, print) and the detection, at
 * start-up, of a run started by binfmt_misc (flags P, O, C).
 */
#ifndef XBT_BINFMT_H
#define XBT_BINFMT_H

#include <stdbool.h>

/* How this xbt process was started, read from argv and the host auxv. */
typedef struct RtBinfmtStart {
    bool active;          /* the kernel's binfmt_misc ran us for a guest program */
    bool preserve_argv0;  /* flag P: argv = xbt, path, original argv[0], args... */
    int execfd;           /* flags O/C: the program, opened by the kernel; -1 if none */
    bool secure;          /* AT_SECURE: credentials changed (flag C on a set-id program) */
    const char *execfn;   /* AT_EXECFN: the name the program was executed by, or NULL */
} RtBinfmtStart;

/* Fills s from argv and getauxval(); see the rules in binfmt.c. */
void rt_binfmt_detect(int argc, char **argv, RtBinfmtStart *s);

/* Did binfmt_misc start this process (as rt_binfmt_detect found)?  Then
 * the kernel has an xbt entry for this guest, and a guest execve of a guest
 * program may go straight to the kernel (execve(path)), which applies the
 * entry's flags (P, O, C) again and needs no /proc in a chroot. */
bool rt_binfmt_started(void);

/* `xbt --binfmt CMD [options]`: argv[0] is "--binfmt".  Returns the exit
 * status: 0 done, 1 failure (message printed), 2 usage error. */
int rt_binfmt_main(int argc, char **argv);

#endif
