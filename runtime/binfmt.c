/*
 * binfmt.c - xbt and the kernel's binfmt_misc.
 *
 * Two halves:
 *
 * 1. `xbt --binfmt register|unregister|status|print`: one binfmt_misc entry
 *    per guest, named xbt-<guest>, whose magic and mask are built from ELF
 *    header facts (class, byte order, e_type, e_machine and the e_flags bits
 *    that tell apart what xbt runs).  They agree byte for byte with Debian's
 *    qemu-user-static entries (/usr/lib/binfmt.d/qemu-*.conf) for mips,
 *    mipsel and ppc; for arm xbt claims only EABI version 5 (e_flags top
 *    byte 5, both float ABIs), the only ARM ABI it runs, where qemu claims
 *    every ARM ELF.  The register line format, the flags and the entry files
 *    are the kernel's (Documentation/admin-guide/binfmt-misc.rst,
 *    fs/binfmt_misc.c); the update-binfmts format is binfmt-support's
 *    update-binfmts(8).
 *
 * 2. rt_binfmt_detect(): was this process started by binfmt_misc, and with
 *    which flags?  The kernel starts the interpreter with
 *        argv = { interpreter, path, [original argv[0] if P,] argv[1..] }
 *    and, in the interpreter's own auxv, sets AT_FLAGS bit 0
 *    (AT_FLAGS_PRESERVE_ARGV0, Linux 5.12 and later) for P and AT_EXECFD for
 *    O and C.  The rules, in order:
 *      - AT_EXECFD present           -> binfmt, the program is that fd (O, C)
 *      - AT_FLAGS bit 0              -> binfmt with P
 *      - argv[0] ends in "-binfmt-P" -> binfmt with P (the naming convention
 *        Debian uses for kernels before 5.12: register --path with a link of
 *        that name, and only with flag P)
 *      - AT_EXECFN equals argv[1]    -> binfmt without P: the name the kernel
 *        executed is the program itself, not xbt
 *    None of these can be produced by running xbt directly (its own AT_EXECFN
 *    names xbt), so a direct `xbt prog` is never misread.  In binfmt mode
 *    argv[1] is the program whatever it looks like: no option parsing.
 *
 * What is left to others: loading (loader.c) and the start-up (main.c).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "../frontend/frontend.h"
#include "binfmt.h"
#include "log.h"

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1u        /* include/uapi/linux/binfmts.h */
#endif
#define BINFMTFS_MAGIC 0x42494e4d         /* include/uapi/linux/magic.h */
#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define PATTERN_MAX 64

/* ---- the entries --------------------------------------------------------- */

/* One guest's entry: which ELF files it claims.  Every pattern checks the
 * ELF identification (32-bit, byte order, version 1, zero padding), e_type
 * ET_EXEC or ET_DYN and e_machine; flags_mask selects e_flags bits that
 * must equal flags_val. */
typedef struct BinfmtGuest {
    const char *name;         /* GuestArch name; the entry is xbt-<name> */
    const char *aliases;      /* other names accepted by --guest, space separated */
    const char *what;         /* for status and comments */
    bool be;
    uint16_t machine;
    uint8_t osabi_mask;       /* EI_OSABI bits checked (value 0) */
    uint8_t abiver_mask;      /* EI_ABIVERSION bits checked (value 0) */
    uint32_t flags_mask, flags_val;
} BinfmtGuest;

static const BinfmtGuest binfmt_guests[] = {
    /* MIPS: EI_ABIVERSION 0 or 1; n32 (EF_MIPS_ABI2, 0x20) excluded. */
    { "mips", "mipseb", "MIPS32 o32 big-endian", true, EM_MIPS, 0x00, 0xfe, 0x20, 0 },
    { "mipsel", "", "MIPS32 o32 little-endian", false, EM_MIPS, 0x00, 0xfe, 0x20, 0 },
    /* ARM: EABI version 5 (EF_ARM_EABIMASK 0xff000000), hard or soft float. */
    { "arm", "armhf armel", "ARM EABI5 little-endian (armhf and armel)", false, EM_ARM,
      0x00, 0xff, 0xff000000u, 0x05000000u },
    /* PowerPC: EI_OSABI 0..3 (System V, HP-UX, NetBSD, GNU/Linux). */
    { "ppc", "powerpc", "PowerPC32 big-endian", true, EM_PPC, 0xfc, 0xff, 0, 0 },
};
#define NGUESTS (sizeof binfmt_guests / sizeof binfmt_guests[0])

/* Builds the magic and mask of g; returns their length in bytes. */
static unsigned binfmt_pattern(const BinfmtGuest *g, uint8_t *magic, uint8_t *mask)
{
    memset(magic, 0, PATTERN_MAX);
    memset(mask, 0, PATTERN_MAX);
    memcpy(magic, ELFMAG, SELFMAG);
    memset(mask, 0xff, EI_NIDENT);
    magic[EI_CLASS] = ELFCLASS32;
    magic[EI_DATA] = g->be ? ELFDATA2MSB : ELFDATA2LSB;
    magic[EI_VERSION] = EV_CURRENT;
    mask[EI_OSABI] = g->osabi_mask;
    mask[EI_ABIVERSION] = g->abiver_mask;
    /* e_type (offset 16): ET_EXEC (2) or ET_DYN (3); e_machine (offset 18) */
    int lo = g->be ? 1 : 0, hi = 1 - lo;
    magic[16 + lo] = ET_EXEC;
    mask[16 + lo] = 0xfe;
    mask[16 + hi] = 0xff;
    magic[18 + lo] = (uint8_t)g->machine;
    magic[18 + hi] = (uint8_t)(g->machine >> 8);
    mask[18] = mask[19] = 0xff;
    unsigned len = 20;
    /* e_flags at offset 36: only as far as the last byte checked */
    for (int b = 0; b < 4; b++) {
        unsigned off = 36u + (unsigned)(g->be ? 3 - b : b);   /* byte b = bits 8b..8b+7 */
        uint8_t m = (uint8_t)(g->flags_mask >> (8 * b));
        if (!m)
            continue;
        mask[off] = m;
        magic[off] = (uint8_t)(g->flags_val >> (8 * b)) & m;
        if (off + 1 > len)
            len = off + 1;
    }
    return len;
}

static void put_hex_escaped(FILE *f, const uint8_t *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        fprintf(f, "\\x%02x", p[i]);
}

/* The register line of g into buf (":name:M::magic:mask:path:flags"). */
static void binfmt_line(const BinfmtGuest *g, const char *path, const char *flags,
                        char *buf, size_t size)
{
    uint8_t magic[PATTERN_MAX], mask[PATTERN_MAX];
    unsigned n = binfmt_pattern(g, magic, mask);
    FILE *f = fmemopen(buf, size, "w");
    if (!f)
        rt_fatal(NULL, "out of memory");
    fprintf(f, ":xbt-%s:M::", g->name);
    put_hex_escaped(f, magic, n);
    fputc(':', f);
    put_hex_escaped(f, mask, n);
    fprintf(f, ":%s:%s", path, flags);
    fclose(f);
}

static bool guest_compiled_in(const char *name)
{
    for (const GuestArch *const *a = fe_guests; *a; a++)
        if (!strcmp((*a)->name, name))
            return true;
    return false;
}

/* ---- options ------------------------------------------------------------ */

typedef struct BinfmtOpts {
    bool sel[NGUESTS];
    char flags[8];
    bool flags_given;
    const char *path;
    const char *format;
    const char *dir;
} BinfmtOpts;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "xbt: --binfmt: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see xbt --binfmt help)\n");
    return 2;
}

static void binfmt_usage(FILE *f)
{
    fprintf(f,
        "usage: xbt --binfmt register   [--guest LIST] [--flags FLAGS] [--path P] [--dir D]\n"
        "       xbt --binfmt unregister [--guest LIST] [--dir D]\n"
        "       xbt --binfmt status     [--guest LIST] [--dir D]\n"
        "       xbt --binfmt print      [--guest LIST] [--flags FLAGS] [--path P]\n"
        "                               [--format binfmt.d|update-binfmts]\n"
        "Registers xbt with the kernel's binfmt_misc so that guest programs run\n"
        "when executed by path (entries xbt-mips, xbt-mipsel, xbt-arm, xbt-ppc).\n"
        "  --guest LIST  comma-separated guests: mips mipsel arm ppc, or all (default)\n"
        "  --flags FLAGS binfmt_misc flags, any of P O C F (default POF; '' or none)\n"
        "                P preserve argv[0], O open the binary for xbt (runs\n"
        "                unreadable programs), C credentials of set-id programs\n"
        "                (implies O), F open xbt now (works inside chroots)\n"
        "  --path P      the interpreter (default: this xbt, %s)\n"
        "  --dir D       the binfmt_misc mount (default " BINFMT_DIR ")\n",
        "resolved through /proc/self/exe");
}

/* Parses a guest list into o->sel; false on an unknown name. */
static bool parse_guests(const char *list, BinfmtOpts *o)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    memset(o->sel, 0, sizeof o->sel);
    for (char *save = NULL, *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        bool found = false;
        for (unsigned i = 0; i < NGUESTS; i++) {
            const BinfmtGuest *g = &binfmt_guests[i];
            size_t n = strlen(t);
            const char *a = strstr(g->aliases, t);
            if ((!strcmp(t, "all") && guest_compiled_in(g->name)) || !strcmp(t, g->name) ||
                (a && (a == g->aliases || a[-1] == ' ') && (a[n] == 0 || a[n] == ' '))) {
                o->sel[i] = true;
                found = true;
            }
        }
        if (!found) {
            usage_error("unknown guest '%s' (mips, mipsel, arm, ppc or all)", t);
            return false;
        }
    }
    return true;
}

/* Normalises FLAGS into o->flags (kernel order P O C F; C adds O). */
static bool parse_flags(const char *s, BinfmtOpts *o)
{
    bool has[4] = { false, false, false, false };
    static const char order[] = "POCF";
    if (strcmp(s, "none")) {
        for (const char *p = s; *p; p++) {
            const char *k = strchr(order, *p >= 'a' && *p <= 'z' ? *p - 32 : *p);
            if (!k) {
                char c[2] = { *p, 0 };
                usage_error("unknown flag '%s' (flags are P, O, C, F)", c);
                return false;
            }
            has[k - order] = true;
        }
    }
    if (has[2])
        has[1] = true;
    int n = 0;
    for (int i = 0; i < 4; i++)
        if (has[i])
            o->flags[n++] = order[i];
    o->flags[n] = 0;
    return true;
}

static bool has_flag(const BinfmtOpts *o, char f)
{
    return strchr(o->flags, f) != NULL;
}

/* ---- the binfmt_misc file system ------------------------------------------ */

/* Checks that o->dir is a binfmt_misc mount; prints why not. */
static bool dir_check(const BinfmtOpts *o)
{
    struct statfs sf;
    if (statfs(o->dir, &sf) != 0) {
        rt_error(o->dir, "%s: binfmt_misc is not mounted here", strerror(errno));
        return false;
    }
    if ((unsigned long)sf.f_type != BINFMTFS_MAGIC) {
        rt_error(o->dir, "binfmt_misc is not mounted here (as root: mount -t binfmt_misc "
                 "binfmt_misc %s; Linux 6.7 and later also allow it in a user namespace)", o->dir);
        return false;
    }
    return true;
}

/* Writes s to dir/name in one write; returns 0 or errno. */
static int write_entry_file(const char *dir, const char *name, const char *s)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    size_t n = strlen(s);
    ssize_t w = write(fd, s, n);
    int e = w < 0 ? errno : (size_t)w != n ? EIO : 0;
    if (close(fd) != 0 && !e)
        e = errno;
    return e;
}

static const char *perm_hint(int e)
{
    if (e == EACCES || e == EPERM || e == EROFS)
        return " (registering needs root, or CAP_SYS_ADMIN in the user namespace that "
               "mounted this binfmt_misc instance)";
    return "";
}

/* An entry as the kernel shows it in dir/name. */
typedef struct BinfmtEntry {
    bool exists, enabled;
    char interp[PATH_MAX];
    char flags[16];
    unsigned offset, len;
    uint8_t magic[128], mask[128];
} BinfmtEntry;

static unsigned hex_in(const char *s, uint8_t *out, unsigned max)
{
    unsigned n = 0;
    while (n < max && s[0] && s[1] && s[0] != '\n') {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

static void copy_str(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = 0;
}

static bool entry_read(const char *dir, const char *name, BinfmtEntry *e)
{
    char path[PATH_MAX], line[PATH_MAX + 32];
    memset(e, 0, sizeof *e);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    e->exists = true;
    bool masked = false;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (!strcmp(line, "enabled"))
            e->enabled = true;
        else if (!strncmp(line, "interpreter ", 12))
            copy_str(e->interp, sizeof e->interp, line + 12);
        else if (!strncmp(line, "flags: ", 7))
            copy_str(e->flags, sizeof e->flags, line + 7);
        else if (!strncmp(line, "offset ", 7))
            e->offset = (unsigned)strtoul(line + 7, NULL, 10);
        else if (!strncmp(line, "magic ", 6))
            e->len = hex_in(line + 6, e->magic, sizeof e->magic);
        else if (!strncmp(line, "mask ", 5)) {
            hex_in(line + 5, e->mask, sizeof e->mask);
            masked = true;
        }
    }
    fclose(f);
    if (!masked)
        memset(e->mask, 0xff, sizeof e->mask);
    return true;
}

/* Would entry e also claim the files g's pattern describes? */
static bool entry_overlaps(const BinfmtEntry *e, const BinfmtGuest *g)
{
    uint8_t magic[PATTERN_MAX], mask[PATTERN_MAX];
    unsigned n = binfmt_pattern(g, magic, mask);
    if (!e->len || e->offset + e->len > PATTERN_MAX)
        return false;
    for (unsigned i = 0; i < e->len; i++) {
        unsigned k = e->offset + i;
        uint8_t ours = k < n ? magic[k] : 0;
        /* a byte we leave open (mask 0) may take any value: assume it fits */
        if (k < n && (mask[k] & e->mask[i]) != e->mask[i])
            continue;
        if ((ours & e->mask[i]) != (e->magic[i] & e->mask[i]))
            return false;
    }
    return true;
}

/* ---- commands --------------------------------------------------------------- */

/* Is the host ELF at path dynamically linked (has PT_INTERP)? */
static bool host_elf_dynamic(const char *path)
{
    Elf64_Ehdr eh;
    bool dyn = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    if (pread(fd, &eh, sizeof eh, 0) == sizeof eh && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
        eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_phentsize == sizeof(Elf64_Phdr)) {
        for (unsigned i = 0; i < eh.e_phnum && i < 64; i++) {
            Elf64_Phdr ph;
            if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) != sizeof ph)
                break;
            if (ph.p_type == PT_INTERP)
                dyn = true;
        }
    }
    close(fd);
    return dyn;
}

/* Can this kernel tell xbt about flag P (AT_FLAGS_PRESERVE_ARGV0, 5.12)? */
static bool kernel_has_argv0_flag(void)
{
    struct utsname u;
    unsigned maj = 0, min = 0;
    if (uname(&u) != 0 || sscanf(u.release, "%u.%u", &maj, &min) != 2)
        return true;
    return maj > 5 || (maj == 5 && min >= 12);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

static bool path_check(const BinfmtOpts *o, bool for_register)
{
    if (o->path[0] != '/') {
        rt_error(o->path, "the interpreter path must be absolute");
        return false;
    }
    if (strpbrk(o->path, ":\n")) {
        rt_error(o->path, "the interpreter path must not contain ':' or a newline");
        return false;
    }
    if (!for_register)
        return true;
    if (access(o->path, X_OK) != 0) {
        if (has_flag(o, 'F')) {
            rt_error(o->path, "%s (flag F opens the interpreter now)", strerror(errno));
            return false;
        }
        fprintf(stderr, "xbt: warning: %s: %s; registering anyway (without F the "
                "kernel looks it up at each execution)\n", o->path, strerror(errno));
    }
    if (has_flag(o, 'P') && !kernel_has_argv0_flag() && !ends_with(o->path, "-binfmt-P")) {
        rt_error(o->path, "flag P needs Linux 5.12 or later (AT_FLAGS_PRESERVE_ARGV0), or an "
                 "interpreter path ending in -binfmt-P (a link to xbt)");
        return false;
    }
    if (has_flag(o, 'F') && host_elf_dynamic(o->path))
        fprintf(stderr, "xbt: warning: %s is dynamically linked: inside a chroot or container "
                "it needs the host's libraries there (register xbt-static instead)\n",
                o->path);
    return true;
}

static int cmd_register(const BinfmtOpts *o)
{
    if (!dir_check(o) || !path_check(o, true))
        return 1;
    int status = 0;
    for (unsigned i = 0; i < NGUESTS; i++) {
        const BinfmtGuest *g = &binfmt_guests[i];
        if (!o->sel[i])
            continue;
        char name[64], line[1024];
        snprintf(name, sizeof name, "xbt-%s", g->name);
        BinfmtEntry old;
        int e;
        if (entry_read(o->dir, name, &old) && (e = write_entry_file(o->dir, name, "-1")) != 0) {
            rt_error(name, "cannot remove the old entry: %s%s", strerror(e), perm_hint(e));
            status = 1;
            continue;
        }
        binfmt_line(g, o->path, o->flags, line, sizeof line);
        if ((e = write_entry_file(o->dir, "register", line)) != 0) {
            rt_error(name, "cannot register in %s: %s%s", o->dir, strerror(e),
                     e == EINVAL ? " (flags this kernel does not know?)" : perm_hint(e));
            status = 1;
            continue;
        }
        printf("%s %s: %s, flags %s\n", old.exists ? "re-registered" : "registered", name,
               o->path, o->flags[0] ? o->flags : "none");
    }
    return status;
}

static int cmd_unregister(const BinfmtOpts *o)
{
    if (!dir_check(o))
        return 1;
    int status = 0;
    for (unsigned i = 0; i < NGUESTS; i++) {
        if (!o->sel[i])
            continue;
        char name[64];
        BinfmtEntry old;
        snprintf(name, sizeof name, "xbt-%s", binfmt_guests[i].name);
        if (!entry_read(o->dir, name, &old)) {
            printf("%s: not registered\n", name);
            continue;
        }
        int e = write_entry_file(o->dir, name, "-1");
        if (e) {
            rt_error(name, "cannot unregister: %s%s", strerror(e), perm_hint(e));
            status = 1;
        } else {
            printf("unregistered %s\n", name);
        }
    }
    return status;
}

static int cmd_status(const BinfmtOpts *o)
{
    if (!dir_check(o))
        return 1;
    char st[32] = "", p[PATH_MAX];
    snprintf(p, sizeof p, "%s/status", o->dir);
    FILE *f = fopen(p, "re");
    if (f) {
        if (fgets(st, sizeof st, f))
            st[strcspn(st, "\n")] = 0;
        fclose(f);
    }
    printf("binfmt_misc at %s: %s\n", o->dir, st[0] ? st : "?");
    int status = strcmp(st, "enabled") ? 1 : 0;
    for (unsigned i = 0; i < NGUESTS; i++) {
        const BinfmtGuest *g = &binfmt_guests[i];
        if (!o->sel[i])
            continue;
        char name[64];
        BinfmtEntry e;
        snprintf(name, sizeof name, "xbt-%s", g->name);
        if (!entry_read(o->dir, name, &e)) {
            printf("%s: not registered (%s)\n", name, g->what);
            status = 1;
        } else {
            printf("%s: %s, interpreter %s, flags %s\n", name, e.enabled ? "enabled" : "disabled",
                   e.interp, e.flags[0] ? e.flags : "none");
            if (!e.enabled)
                status = 1;
        }
        /* other handlers claiming the same programs: the newest entry wins */
        DIR *d = opendir(o->dir);
        for (struct dirent *de; d && (de = readdir(d));) {
            BinfmtEntry other;
            if (de->d_name[0] == '.' || !strcmp(de->d_name, name) ||
                !strcmp(de->d_name, "register") || !strcmp(de->d_name, "status"))
                continue;
            if (entry_read(o->dir, de->d_name, &other) && entry_overlaps(&other, g))
                printf("%s: warning: %s (%s, %s) also claims these programs; the entry "
                       "registered last is used\n", name, de->d_name,
                       other.enabled ? "enabled" : "disabled", other.interp);
        }
        if (d)
            closedir(d);
    }
    return status;
}

static int cmd_print(const BinfmtOpts *o)
{
    if (!path_check(o, false))
        return 1;
    bool upd = !strcmp(o->format, "update-binfmts");
    if (!upd && strcmp(o->format, "binfmt.d"))
        return usage_error("unknown format '%s' (binfmt.d or update-binfmts)", o->format);
    if (upd && o->flags_given && has_flag(o, 'O') && !has_flag(o, 'C'))
        fprintf(stderr, "xbt: warning: update-binfmts files cannot ask for flag O; left out\n");
    bool first = true;
    for (unsigned i = 0; i < NGUESTS; i++) {
        const BinfmtGuest *g = &binfmt_guests[i];
        if (!o->sel[i])
            continue;
        if (upd) {
            uint8_t magic[PATTERN_MAX], mask[PATTERN_MAX];
            unsigned n = binfmt_pattern(g, magic, mask);
            if (!first)
                putchar('\n');
            printf("package xbt\ninterpreter %s\nmagic ", o->path);
            put_hex_escaped(stdout, magic, n);
            printf("\noffset 0\nmask ");
            put_hex_escaped(stdout, mask, n);
            printf("\ncredentials %s\nfix_binary %s\npreserve %s\n",
                   has_flag(o, 'C') ? "yes" : "no", has_flag(o, 'F') ? "yes" : "no",
                   has_flag(o, 'P') ? "yes" : "no");
        } else {
            char line[1024];
            binfmt_line(g, o->path, o->flags, line, sizeof line);
            printf("# xbt-%s: %s\n%s\n", g->name, g->what, line);
        }
        first = false;
    }
    return 0;
}

int rt_binfmt_main(int argc, char **argv)
{
    BinfmtOpts o;
    memset(&o, 0, sizeof o);
    for (unsigned i = 0; i < NGUESTS; i++)
        o.sel[i] = guest_compiled_in(binfmt_guests[i].name);
    snprintf(o.flags, sizeof o.flags, "POF");
    o.format = "binfmt.d";
    o.dir = BINFMT_DIR;
    if (argc < 2) {
        binfmt_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        binfmt_usage(stdout);
        return 0;
    }
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        if (i + 1 >= argc)
            return usage_error("option %s needs an argument", opt);
        const char *v = argv[++i];
        if (!strcmp(opt, "--guest") || !strcmp(opt, "--guests")) {
            if (!parse_guests(v, &o))
                return 2;
        } else if (!strcmp(opt, "--flags")) {
            if (!parse_flags(v, &o))
                return 2;
            o.flags_given = true;
        } else if (!strcmp(opt, "--path")) {
            o.path = v;
        } else if (!strcmp(opt, "--format")) {
            o.format = v;
        } else if (!strcmp(opt, "--dir")) {
            o.dir = v;
        } else {
            return usage_error("unknown option %s", opt);
        }
    }
    for (unsigned i = 0; i < NGUESTS; i++)
        if (o.sel[i] && !guest_compiled_in(binfmt_guests[i].name)) {
            fprintf(stderr, "xbt: --binfmt: guest %s is not built into this xbt\n",
                    binfmt_guests[i].name);
            return 2;
        }
    char self[PATH_MAX];
    if (!o.path) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0)
            rt_fatal("/proc/self/exe", "%s (give --path)", strerror(errno));
        self[n] = 0;
        o.path = self;
    }
    if (!strcmp(cmd, "register"))
        return cmd_register(&o);
    if (!strcmp(cmd, "unregister"))
        return cmd_unregister(&o);
    if (!strcmp(cmd, "status"))
        return cmd_status(&o);
    if (!strcmp(cmd, "print"))
        return cmd_print(&o);
    return usage_error("unknown command '%s' (register, unregister, status, print)", cmd);
}

/* ---- start-up ---------------------------------------------------------------- */

static bool binfmt_started;

bool rt_binfmt_started(void)
{
    return binfmt_started;
}

void rt_binfmt_detect(int argc, char **argv, RtBinfmtStart *s)
{
    memset(s, 0, sizeof *s);
    s->execfd = -1;
    errno = 0;
    unsigned long fd = getauxval(AT_EXECFD);
    if (errno == 0 && fd <= INT_MAX) {
        s->execfd = (int)fd;
        s->active = true;
    }
    s->secure = getauxval(AT_SECURE) != 0;
    s->execfn = (const char *)getauxval(AT_EXECFN);
    if (argc < 2) {
        s->active = false;            /* not the kernel's argv: run as a plain command */
        return;
    }
    if ((getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) || ends_with(argv[0], "-binfmt-P"))
        s->preserve_argv0 = s->active = true;
    if (!s->active && s->execfn && !strcmp(s->execfn, argv[1]))
        s->active = true;
    binfmt_started = s->active;
}
