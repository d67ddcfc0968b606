/*
 * main.c - the xbt command line.
 *
 *   xbt [options] program [args...]
 *
 *   xbt --binfmt register|unregister|status|print [options]
 *
 * Loads the guest program, builds its stack and runs it.  Options follow
 * qemu-user's where they mean the same thing (-L, -E, -U, -0, -strace, -d,
 * -D), so that people who know qemu-user find their way.
 *
 * Started by binfmt_misc (rt_binfmt_detect in binfmt.c says how that is
 * recognised), argv is the kernel's: argv[1] is the program, never an
 * option; with flag P argv[2] is the program's own argv[0]; with O or C the
 * program is read from the kernel's AT_EXECFD.  With changed credentials
 * (AT_SECURE: flag C on a set-id program) the XBT_* environment variables
 * are ignored: they could make a privileged xbt load other code.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "config.h"
#include "binfmt.h"
#include "cache.h"
#include "guestmem.h"
#include "loader.h"
#include "log.h"
#include "runtime.h"
#include "../syscall/syscall.h"

extern char **environ;

static void usage(FILE *f)
{
    fprintf(f,
        "usage: xbt [options] program [args...]\n"
        "       xbt --binfmt register|unregister|status|print [options]\n"
        "Runs a Linux MIPS32 (o32), ARM32 or PowerPC32 ELF program on this host.\n"
        "\n"
        "options:\n"
        "  -L DIR          sysroot for the program's interpreter and libraries\n"
        "                  (also XBT_LD_PREFIX; default /usr/<triplet> of the guest)\n"
        "  -E VAR=VALUE    set VAR in the guest environment\n"
        "  -U VAR          remove VAR from the guest environment\n"
        "  -0 ARGV0        argv[0] for the guest (default: program as given)\n"
        "  -strace         log guest system calls on stderr (also XBT_STRACE=1)\n"
        "  -d ITEMS        log items, comma separated:\n%s"
        "  -D FILE         write -d logs to FILE instead of stderr\n"
        "  -tier T         jit (default) or interp (the IR interpreter, for testing)\n"
        "  -no-opt         skip the IR optimisation passes\n"
        "  -nochain        do not chain blocks (every block returns to the dispatcher)\n"
        "  --binfmt CMD    binfmt_misc registration (xbt --binfmt help)\n"
        "  --version       print the version and exit\n"
        "  --help          print this help and exit\n",
        rt_log_help());
}

typedef struct EnvEdit {
    const char *text;   /* VAR=VALUE for -E, VAR for -U */
    bool unset;
} EnvEdit;

static char **build_env(const EnvEdit *ed, int ned)
{
    int n = 0;
    while (environ[n])
        n++;
    char **env = calloc((size_t)(n + ned + 1), sizeof *env);
    if (!env)
        rt_fatal(NULL, "out of memory");
    int m = 0;
    for (int i = 0; i < n; i++)
        env[m++] = environ[i];
    for (int e = 0; e < ned; e++) {
        size_t klen = strcspn(ed[e].text, "=");
        for (int i = 0; i < m; i++) {
            if (!strncmp(env[i], ed[e].text, klen) && env[i][klen] == '=') {
                env[i] = env[--m];
                i--;
            }
        }
        if (!ed[e].unset)
            env[m++] = (char *)ed[e].text;
    }
    env[m] = NULL;
    return env;
}

/* For GuestArch.setup_memory: anonymous zero pages at a fixed address. */
static int map_fixed_zero(uint32_t addr, uint32_t len, int prot)
{
    GuestAddr a = addr;
    return gm_mmap(&a, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

static const char *need_arg(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        rt_error(NULL, "option %s needs an argument (see xbt --help)", argv[*i]);
        exit(2);
    }
    return argv[++*i];
}

/* The guest's /proc/self/exe: the program's absolute path, or what the
 * kernel's AT_EXECFD points at when the path cannot be resolved. */
static const char *exe_path_of(const char *path, int execfd)
{
    char real[PATH_MAX];
    if (realpath(path, real))
        return strdup(real);
    if (execfd >= 0) {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", execfd);
        ssize_t n = readlink(link, real, sizeof real - 1);
        if (n > 0) {
            real[n] = 0;
            return strdup(real);
        }
    }
    return path;
}

/* With changed credentials (binfmt flag C on a set-id program) no XBT_*
 * variable may steer xbt (a sysroot, log files): remove them all, for every
 * getenv in xbt and from the guest's environment. */
static void drop_xbt_env(void)
{
    for (int i = 0; environ[i];) {
        if (!strncmp(environ[i], "XBT_", 4)) {
            for (int j = i; environ[j]; j++)
                environ[j] = environ[j + 1];
        } else {
            i++;
        }
    }
}

int main(int argc, char **argv)
{
    RtBinfmtStart bs;
    rt_binfmt_detect(argc, argv, &bs);
    if (!bs.active && argc > 1 && !strcmp(argv[1], "--binfmt"))
        return rt_binfmt_main(argc - 1, argv + 1);
    if (bs.secure && !bs.active) {
        rt_error(NULL, "refusing to run set-id: install xbt without the set-id bit "
                 "(binfmt_misc flag C gives guest programs their own credentials)");
        return 1;
    }
    EnvEdit *edits = calloc((size_t)argc, sizeof *edits);
    int nedits = 0;
    if (!edits)
        rt_fatal(NULL, "out of memory");
    if (bs.secure)
        drop_xbt_env();
    rt_opts.sysroot = getenv("XBT_LD_PREFIX");
    if (getenv("XBT_STRACE"))
        rt_proc.strace = true;
    if (getenv("XBT_VERIFY"))
        ir_verify_enabled = true;
    const char *tier = getenv("XBT_TIER");
    int i = 1;
    for (; !bs.active && i < argc && argv[i][0] == '-'; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--")) {
            i++;
            break;
        } else if (!strcmp(o, "-L")) {
            rt_opts.sysroot = need_arg(argc, argv, &i);
        } else if (!strcmp(o, "-E")) {
            const char *v = need_arg(argc, argv, &i);
            if (!strchr(v, '=')) {
                rt_error(NULL, "-E needs VAR=VALUE, got '%s'", v);
                return 2;
            }
            edits[nedits++] = (EnvEdit){ v, false };
        } else if (!strcmp(o, "-U")) {
            edits[nedits++] = (EnvEdit){ need_arg(argc, argv, &i), true };
        } else if (!strcmp(o, "-0")) {
            rt_opts.argv0 = need_arg(argc, argv, &i);
        } else if (!strcmp(o, "-strace")) {
            rt_proc.strace = true;
        } else if (!strcmp(o, "-d")) {
            const char *bad;
            if (!rt_log_parse(need_arg(argc, argv, &i), &bad)) {
                rt_error(NULL, "unknown -d item '%s'; items are:\n%s", bad, rt_log_help());
                return 2;
            }
        } else if (!strcmp(o, "-D")) {
            const char *f = need_arg(argc, argv, &i);
            if (!rt_log_open(f))
                rt_fatal(f, "%s", strerror(errno));
        } else if (!strcmp(o, "-tier")) {
            tier = need_arg(argc, argv, &i);
        } else if (!strcmp(o, "-no-opt")) {
            rt_opts.optimize = false;
        } else if (!strcmp(o, "-nochain")) {
            rt_opts.chain = false;
        } else if (!strcmp(o, "--version") || !strcmp(o, "-version")) {
            printf("xbt %s (host %s)\n", XBT_VERSION, XBT_HOST_ARCH);
            return 0;
        } else if (!strcmp(o, "--help") || !strcmp(o, "-h") || !strcmp(o, "-help")) {
            usage(stdout);
            return 0;
        } else {
            rt_error(NULL, "unknown option %s (see xbt --help)", o);
            return 2;
        }
    }
    if (tier) {
        if (!strcmp(tier, "interp"))
            rt_opts.tier = TIER_INTERP;
        else if (strcmp(tier, "jit")) {
            rt_error(NULL, "unknown tier '%s' (jit or interp)", tier);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    const char *path = argv[i];
    int gargc = argc - i;
    char **gargv = argv + i;
    const char *execfn = path;
    if (bs.active) {
        /* the kernel's argv: xbt, path, [argv[0] with P,] args; AT_EXECFN
         * is the name the program (or its #! script) was executed by */
        if (bs.preserve_argv0 && argc >= 3) {
            gargc = argc - 2;
            gargv = argv + 2;
        }
        if (bs.execfn)
            execfn = bs.execfn;
    } else if (rt_opts.argv0) {
        gargv[0] = (char *)rt_opts.argv0;
    }

    if (!gm_init())
        rt_fatal(NULL, "cannot reserve the 4 GiB guest address space: %s", strerror(errno));
    const char *exe_path = exe_path_of(path, bs.execfd);
    LoadInfo li;
    if (!rt_load_program_fd(bs.execfd, path, rt_opts.sysroot, &li))
        return 1;
    rt_proc.arch = li.arch;
    rt_proc.exe_path = exe_path;
    rt_proc.interp_prefix = rt_opts.sysroot ? rt_opts.sysroot : li.sysroot;
    rt_proc.argc = gargc;
    rt_proc.argv = gargv;
    if (!sys_init(li.arch))
        rt_fatal(path, "no system call ABI for guest %s", li.arch->name);
    if (li.arch->setup_memory && !li.arch->setup_memory(guest_base, map_fixed_zero))
        rt_fatal(path, "cannot set up the %s kernel pages", li.arch->name);
    char **envp = build_env(edits, nedits);
    if (!rt_build_stack(&li, gargc, gargv, envp, execfn))
        return 1;
    rt_proc.auxv_guest = li.auxv;
    rt_proc.auxv_len = li.auxv_len;

    rt_backend = &backend_x86_64;
    if (!rt_backend->init())
        rt_fatal(NULL, "backend %s cannot run on this CPU", rt_backend->name);
    if (!rt_cache_init(rt_opts.cache_bytes))
        rt_fatal(NULL, "cannot allocate the code cache: %s", strerror(errno));

    static GuestThread main_thread;
    main_thread.cpu = rt_cpu_alloc(li.arch);
    main_thread.proc = &rt_proc;
    main_thread.tid = (int)getpid();
    li.arch->cpu_init(main_thread.cpu, li.entry, li.sp);
    rt_set_current_thread(&main_thread);
    rt_signals_init();
    rt_run(&main_thread);
}
