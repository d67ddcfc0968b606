/*
 * loader.h - loading a guest ELF executable (and its interpreter) into the
 * guest window, and building the initial stack as Linux does.
 */
#ifndef XBT_LOADER_H
#define XBT_LOADER_H

#include "thread.h"

typedef struct LoadInfo {
    const GuestArch *arch;
    GuestAddr entry;         /* where execution starts (interpreter's entry if any) */
    GuestAddr prog_entry;    /* AT_ENTRY */
    GuestAddr phdr;          /* AT_PHDR */
    uint32_t phent, phnum;
    GuestAddr load_bias;
    GuestAddr interp_base;   /* AT_BASE, 0 without interpreter */
    GuestAddr brk;           /* end of the highest segment */
    GuestAddr sp;            /* initial stack pointer */
    GuestAddr auxv;          /* guest address of the auxv */
    uint32_t auxv_len;
    /* The sysroot the interpreter came from (-L, XBT_LD_PREFIX or the
     * guest's Debian cross sysroot); NULL when none was used.  Guest paths
     * are looked up under it as well (rt_proc.interp_prefix). */
    const char *sysroot;
} LoadInfo;

/* Identifies the guest of path without loading it; NULL + message if none.
 * (Used by binfmt and execve.) */
const GuestArch *rt_elf_identify(const char *path, char *why, size_t whylen);

/* Loads path (the program) into the window; on failure prints
 * `xbt: path: reason` and returns false. */
bool rt_load_program(const char *path, const char *sysroot, LoadInfo *li);
/* The same from an open file (binfmt_misc's AT_EXECFD), which it closes;
 * path names the program in messages.  fd < 0: open path. */
bool rt_load_program_fd(int fd, const char *path, const char *sysroot, LoadInfo *li);

/* Builds argv/envp/auxv on a fresh stack; fills li->sp, auxv. */
bool rt_build_stack(LoadInfo *li, int argc, char **argv, char **envp, const char *execfn);

#endif
