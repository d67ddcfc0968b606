/*
 * loader.c - ELF loading with elfutils libelf, and the initial stack.
 *
 * Follows the Linux kernel's binfmt_elf: PT_LOAD segments at their virtual
 * addresses (plus a bias for ET_DYN), bss zeroed, the interpreter named by
 * PT_INTERP loaded as a second ET_DYN image, brk starting at the page-aligned
 * end of the program, and create_elf_tables' stack: strings at the top
 * (execfn, envp, argv), AT_PLATFORM and AT_RANDOM bytes below them, then the
 * 16-byte aligned argc/argv/envp/auxv block.  Segment contents are copied
 * (not file-mapped) so that any p_offset alignment works and the file may be
 * closed after loading.
 *
 * Every field taken from the file is checked before use: a truncated or
 * hostile ELF gets `xbt: <file>: <reason>` and a non-zero exit, never a
 * crash.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guestmem.h"
#include "loader.h"
#include "log.h"

#define STACK_TOP   0x7fff0000u
#define STACK_SIZE  (8u << 20)
#define MAX_PHNUM   128
#define EXEC_BASE   0x00400000u   /* where a static-pie main program goes */

typedef struct ElfImage {
    int fd;
    Elf *elf;
    Elf32_Ehdr eh;
    Elf32_Phdr *ph;
    uint64_t file_size;
    const GuestArch *arch;
    char *interp;            /* PT_INTERP string, malloc'd */
} ElfImage;

static const char *elf_err(void) { return elf_errmsg(-1); }

static void image_close(ElfImage *im)
{
    if (im->elf)
        elf_end(im->elf);
    if (im->fd >= 0)
        close(im->fd);
    free(im->interp);
    memset(im, 0, sizeof *im);
    im->fd = -1;
}

static bool flags_ok(const GuestArch *a, uint32_t flags, const char **why)
{
    return !a->accepts_elf_flags || a->accepts_elf_flags(flags, why);
}

/* Opens and checks the headers of path; fills im.  Writes the reason for
 * a failure to why. */
static bool image_open_fd(int fd, ElfImage *im, char *why, size_t whylen);

static bool image_open(const char *path, ElfImage *im, char *why, size_t whylen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        memset(im, 0, sizeof *im);
        im->fd = -1;
        snprintf(why, whylen, "%s", strerror(errno));
        return false;
    }
    return image_open_fd(fd, im, why, whylen);
}

/* As image_open, on an open file; im owns fd from here on (image_close). */
static bool image_open_fd(int fd, ElfImage *im, char *why, size_t whylen)
{
    memset(im, 0, sizeof *im);
    im->fd = fd;
    struct stat st;
    if (fstat(im->fd, &st) != 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(why, whylen, "is a directory");
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, whylen, "not a regular file");
        return false;
    }
    im->file_size = (uint64_t)st.st_size;
    unsigned char ident[EI_NIDENT];
    ssize_t got = pread(im->fd, ident, sizeof ident, 0);
    if (got < 4 || memcmp(ident, ELFMAG, SELFMAG) != 0) {
        snprintf(why, whylen, "not an ELF file");
        return false;
    }
    if (got < EI_NIDENT) {
        snprintf(why, whylen, "truncated ELF header");
        return false;
    }
    if (ident[EI_CLASS] != ELFCLASS32) {
        snprintf(why, whylen, "%s ELF: xbt runs 32-bit guests",
                 ident[EI_CLASS] == ELFCLASS64 ? "64-bit" : "invalid class in");
        return false;
    }
    if (ident[EI_DATA] != ELFDATA2MSB && ident[EI_DATA] != ELFDATA2LSB) {
        snprintf(why, whylen, "invalid byte order in ELF header");
        return false;
    }
    im->elf = elf_begin(im->fd, ELF_C_READ, NULL);
    if (!im->elf || elf_kind(im->elf) != ELF_K_ELF) {
        snprintf(why, whylen, "not an ELF file (%s)", elf_err());
        return false;
    }
    Elf32_Ehdr *eh = elf32_getehdr(im->elf);
    if (!eh) {
        snprintf(why, whylen, "corrupt ELF header (%s)", elf_err());
        return false;
    }
    im->eh = *eh;
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        snprintf(why, whylen, "not an executable (ELF type %u)", eh->e_type);
        return false;
    }
    bool be = ident[EI_DATA] == ELFDATA2MSB;
    for (const GuestArch *const *g = fe_guests; *g; g++) {
        if ((*g)->elf_machine == eh->e_machine && (*g)->big_endian == be) {
            im->arch = *g;
            break;
        }
    }
    if (!im->arch) {
        snprintf(why, whylen, "unsupported architecture (e_machine %u, %s endian)",
                 eh->e_machine, be ? "big" : "little");
        return false;
    }
    const char *fwhy = "unsupported ELF flags";
    if (!flags_ok(im->arch, eh->e_flags, &fwhy)) {
        snprintf(why, whylen, "%s", fwhy);
        return false;
    }
    if (eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM || eh->e_phentsize != sizeof(Elf32_Phdr)) {
        snprintf(why, whylen, "bad program header table (%u entries of %u bytes)",
                 eh->e_phnum, eh->e_phentsize);
        return false;
    }
    if ((uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > im->file_size) {
        snprintf(why, whylen, "truncated: program headers lie past the end of the file");
        return false;
    }
    Elf32_Phdr *ph = elf32_getphdr(im->elf);
    if (!ph) {
        snprintf(why, whylen, "corrupt program headers (%s)", elf_err());
        return false;
    }
    im->ph = ph;
    unsigned nload = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const Elf32_Phdr *p = &ph[i];
        if (p->p_type == PT_LOAD) {
            nload++;
            if (p->p_filesz > p->p_memsz) {
                snprintf(why, whylen, "segment %u: file size %#x exceeds memory size %#x",
                         i, p->p_filesz, p->p_memsz);
                return false;
            }
            if ((uint64_t)p->p_offset + p->p_filesz > im->file_size) {
                snprintf(why, whylen, "truncated: segment %u lies past the end of the file", i);
                return false;
            }
            if ((uint64_t)p->p_vaddr + p->p_memsz > 0xffff0000ull) {
                snprintf(why, whylen, "segment %u does not fit in the 32-bit address space", i);
                return false;
            }
        } else if (p->p_type == PT_INTERP) {
            if (p->p_filesz < 2 || p->p_filesz > 4096 ||
                (uint64_t)p->p_offset + p->p_filesz > im->file_size) {
                snprintf(why, whylen, "bad PT_INTERP");
                return false;
            }
            free(im->interp);
            im->interp = calloc(1, p->p_filesz + 1);
            if (!im->interp || pread(im->fd, im->interp, p->p_filesz, p->p_offset) != (ssize_t)p->p_filesz) {
                snprintf(why, whylen, "cannot read PT_INTERP");
                return false;
            }
            im->interp[p->p_filesz] = 0;
            if (strlen(im->interp) == 0) {
                snprintf(why, whylen, "empty PT_INTERP");
                return false;
            }
        }
    }
    if (nload == 0) {
        snprintf(why, whylen, "no loadable segments");
        return false;
    }
    if (eh->e_entry == 0 && eh->e_type == ET_EXEC) {
        snprintf(why, whylen, "no entry point");
        return false;
    }
    return true;
}

const GuestArch *rt_elf_identify(const char *path, char *why, size_t whylen)
{
    ElfImage im;
    const GuestArch *a = NULL;
    if (image_open(path, &im, why, whylen))
        a = im.arch;
    image_close(&im);
    return a;
}

static int prot_of(uint32_t pf)
{
    return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
           ((pf & PF_X) ? PROT_EXEC : 0);
}

/* Maps im's PT_LOAD segments; returns the bias applied, and the end of the
 * highest segment in *end.  On failure writes why. */
static bool image_map(ElfImage *im, GuestAddr hint, GuestAddr *bias_out, GuestAddr *end,
                      char *why, size_t whylen)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        if (p->p_vaddr < lo) lo = p->p_vaddr;
        if ((uint64_t)p->p_vaddr + p->p_memsz > hi) hi = (uint64_t)p->p_vaddr + p->p_memsz;
    }
    if (lo == UINT64_MAX) {
        snprintf(why, whylen, "no loadable segments");
        return false;
    }
    lo &= ~(uint64_t)GUEST_PAGE_MASK;
    hi = (hi + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    uint32_t bias = 0;
    if (im->eh.e_type == ET_DYN) {
        GuestAddr base = gm_find_free((uint32_t)(hi - lo), hint);
        if (!base) {
            snprintf(why, whylen, "no room for a %llu-byte image", (unsigned long long)(hi - lo));
            return false;
        }
        bias = base - (uint32_t)lo;
    } else if (lo < GUEST_PAGE_SIZE) {
        snprintf(why, whylen, "segment maps the zero page");
        return false;
    }
    /* 1: reserve every segment's pages read-write (overlapping pages twice is harmless) */
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        GuestAddr start = (p->p_vaddr + bias) & ~GUEST_PAGE_MASK;
        uint64_t stop = ((uint64_t)p->p_vaddr + bias + p->p_memsz + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
        GuestAddr a = start;
        int r = gm_mmap(&a, (uint32_t)(stop - start), PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0) {
            snprintf(why, whylen, "cannot map segment %u at %#x: %s", i, start, strerror(-r));
            return false;
        }
    }
    /* 2: copy the file contents */
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD || p->p_filesz == 0)
            continue;
        uint8_t *dst = g2h(p->p_vaddr + bias);
        uint32_t done = 0;
        while (done < p->p_filesz) {
            ssize_t n = pread(im->fd, dst + done, p->p_filesz - done, p->p_offset + done);
            if (n <= 0) {
                snprintf(why, whylen, "cannot read segment %u: %s", i, n < 0 ? strerror(errno) : "short file");
                return false;
            }
            done += (uint32_t)n;
        }
    }
    /* 3: final protections, the union of the segments sharing each page */
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        GuestAddr start = (p->p_vaddr + bias) & ~GUEST_PAGE_MASK;
        uint64_t stop = ((uint64_t)p->p_vaddr + bias + p->p_memsz + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
        for (uint64_t pg = start; pg < stop; pg += GUEST_PAGE_SIZE) {
            int prot = 0;
            for (unsigned j = 0; j < im->eh.e_phnum; j++) {
                const Elf32_Phdr *q = &im->ph[j];
                if (q->p_type != PT_LOAD || q->p_memsz == 0)
                    continue;
                uint64_t qs = (q->p_vaddr + bias) & ~(uint64_t)GUEST_PAGE_MASK;
                uint64_t qe = (uint64_t)q->p_vaddr + bias + q->p_memsz;
                if (pg >= qs && pg < qe)
                    prot |= prot_of(q->p_flags);
            }
            /* Readable code: the translator reads it; PROT_EXEC has no host meaning here. */
            gm_mprotect((GuestAddr)pg, GUEST_PAGE_SIZE, prot);
        }
    }
    *bias_out = bias;
    *end = (GuestAddr)(hi + bias);
    return true;
}

static GuestAddr image_phdr(const ElfImage *im, GuestAddr bias)
{
    for (unsigned i = 0; i < im->eh.e_phnum; i++)
        if (im->ph[i].p_type == PT_PHDR)
            return im->ph[i].p_vaddr + bias;
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &im->ph[i];
        if (p->p_type == PT_LOAD && p->p_offset <= im->eh.e_phoff &&
            im->eh.e_phoff < (uint64_t)p->p_offset + p->p_filesz)
            return p->p_vaddr + (im->eh.e_phoff - p->p_offset) + bias;
    }
    return 0;
}

/* Finds the interpreter under the sysroot: -L, XBT_LD_PREFIX, else the
 * Debian cross sysroot /usr/<triplet> of the guest, else the host's own
 * path.  *used is the root it was found under (NULL for the host's). */
static char *find_interp(const ElfImage *im, const char *sysroot, const char **used)
{
    char buf[4096];
    char dflt[256];
    const GuestArch *arch = im->arch;
    if (!sysroot) {
        const char *triplet = arch->sysroot_triplet ? arch->sysroot_triplet(im->eh.e_flags) : NULL;
        if (!triplet)
            triplet = arch->llvm_triple ? arch->llvm_triple : "";
        snprintf(dflt, sizeof dflt, "/usr/%s", triplet);
        sysroot = dflt;
    }
    snprintf(buf, sizeof buf, "%s%s", sysroot, im->interp);
    if (access(buf, R_OK) == 0) {
        *used = sysroot == dflt ? strdup(dflt) : sysroot;
        return strdup(buf);
    }
    *used = NULL;
    if (access(im->interp, R_OK) == 0)
        return strdup(im->interp);
    return NULL;
}

bool rt_load_program(const char *path, const char *sysroot, LoadInfo *li)
{
    return rt_load_program_fd(-1, path, sysroot, li);
}

bool rt_load_program_fd(int fd, const char *path, const char *sysroot, LoadInfo *li)
{
    char why[512];
    ElfImage im, in;
    memset(li, 0, sizeof *li);
    in.fd = -1;
    in.elf = NULL;
    in.interp = NULL;
    if (elf_version(EV_CURRENT) == EV_NONE)
        rt_fatal(NULL, "libelf is out of date");
    if (!(fd >= 0 ? image_open_fd(fd, &im, why, sizeof why) : image_open(path, &im, why, sizeof why))) {
        rt_error(path, "%s", why);
        image_close(&im);
        return false;
    }
    li->arch = im.arch;
    GuestAddr bias, end;
    if (!image_map(&im, EXEC_BASE, &bias, &end, why, sizeof why)) {
        rt_error(path, "%s", why);
        image_close(&im);
        return false;
    }
    li->load_bias = bias;
    li->prog_entry = im.eh.e_entry + bias;
    li->entry = li->prog_entry;
    li->phdr = image_phdr(&im, bias);
    li->phent = sizeof(Elf32_Phdr);
    li->phnum = im.eh.e_phnum;
    li->brk = end;
    if (im.interp) {
        char *ipath = find_interp(&im, sysroot, &li->sysroot);
        if (!ipath) {
            rt_error(path, "interpreter %s not found (use -L SYSROOT or XBT_LD_PREFIX)", im.interp);
            image_close(&im);
            return false;
        }
        if (!image_open(ipath, &in, why, sizeof why) ||
            !image_map(&in, 0, &bias, &end, why, sizeof why)) {
            rt_error(ipath, "%s", why);
            free(ipath);
            image_close(&in);
            image_close(&im);
            return false;
        }
        if (in.arch != im.arch) {
            rt_error(ipath, "interpreter is for %s, program for %s", in.arch->name, im.arch->name);
            free(ipath);
            image_close(&in);
            image_close(&im);
            return false;
        }
        li->interp_base = bias;
        li->entry = in.eh.e_entry + bias;
        free(ipath);
        image_close(&in);
    }
    image_close(&im);
    gm_brk_init((li->brk + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK);
    return true;
}

/* ---- initial stack ------------------------------------------------------ */

typedef struct StackWriter {
    bool be;
    GuestAddr sp;
} StackWriter;

static void put32(const StackWriter *w, GuestAddr a, uint32_t v)
{
    if (w->be)
        v = __builtin_bswap32(v);
    memcpy(g2h(a), &v, 4);
}

static GuestAddr push_bytes(StackWriter *w, const void *p, size_t n)
{
    w->sp -= (GuestAddr)n;
    memcpy(g2h(w->sp), p, n);
    return w->sp;
}

static GuestAddr push_str(StackWriter *w, const char *s)
{
    return push_bytes(w, s, strlen(s) + 1);
}

bool rt_build_stack(LoadInfo *li, int argc, char **argv, char **envp, const char *execfn)
{
    const GuestArch *arch = li->arch;
    GuestAddr base = STACK_TOP - STACK_SIZE;
    int r = gm_mmap(&base, STACK_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0) {
        rt_error(NULL, "cannot map the guest stack: %s", strerror(-r));
        return false;
    }
    StackWriter w = { arch->big_endian, STACK_TOP - 16 };
    int envc = 0;
    while (envp[envc])
        envc++;
    size_t strbytes = strlen(execfn) + 1;
    for (int i = 0; i < argc; i++)
        strbytes += strlen(argv[i]) + 1;
    for (int i = 0; i < envc; i++)
        strbytes += strlen(envp[i]) + 1;
    if (strbytes > STACK_SIZE / 4) {
        rt_error(NULL, "arguments and environment too large (%zu bytes)", strbytes);
        return false;
    }
    GuestAddr execfn_g = push_str(&w, execfn);
    GuestAddr *envs = calloc((size_t)envc + 1, sizeof *envs);
    GuestAddr *args = calloc((size_t)argc + 1, sizeof *args);
    if (!envs || !args)
        rt_fatal(NULL, "out of memory");
    for (int i = envc - 1; i >= 0; i--)
        envs[i] = push_str(&w, envp[i]);
    for (int i = argc - 1; i >= 0; i--)
        args[i] = push_str(&w, argv[i]);
    GuestAddr platform_g = arch->platform ? push_str(&w, arch->platform) : 0;
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof rnd, 0) != sizeof rnd)
        memset(rnd, 0x5a, sizeof rnd);
    GuestAddr random_g = push_bytes(&w, rnd, sizeof rnd);

    uint32_t auxv[2 * 40];
    int na = 0;
#define AUX(k, v) (auxv[na++] = (k), auxv[na++] = (uint32_t)(v))
    /* The guest's own entries first, as its kernel emits them (PowerPC's
     * AT_IGNOREPPC and cache block sizes). */
    for (const uint32_t *e = arch->extra_auxv; e && e[0] && na < 2 * 20; e += 2)
        AUX(e[0], e[1]);
    AUX(AT_PHDR, li->phdr);
    AUX(AT_PHENT, li->phent);
    AUX(AT_PHNUM, li->phnum);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_BASE, li->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, li->prog_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, getauxval(AT_SECURE));   /* set-id program run with binfmt flag C */
    AUX(AT_RANDOM, random_g);
    AUX(AT_HWCAP, arch->hwcap);
    if (arch->hwcap2)
        AUX(AT_HWCAP2, arch->hwcap2);
    if (platform_g)
        AUX(AT_PLATFORM, platform_g);
    AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
    AUX(AT_EXECFN, execfn_g);
    AUX(AT_NULL, 0);
#undef AUX
    uint32_t words = 1 + (uint32_t)argc + 1 + (uint32_t)envc + 1 + (uint32_t)na;
    GuestAddr sp = (w.sp - 4 * words) & ~15u;
    GuestAddr p = sp;
    put32(&w, p, (uint32_t)argc); p += 4;
    for (int i = 0; i < argc; i++, p += 4)
        put32(&w, p, args[i]);
    put32(&w, p, 0); p += 4;
    for (int i = 0; i < envc; i++, p += 4)
        put32(&w, p, envs[i]);
    put32(&w, p, 0); p += 4;
    li->auxv = p;
    li->auxv_len = 4 * (uint32_t)na;
    for (int i = 0; i < na; i++, p += 4)
        put32(&w, p, auxv[i]);
    li->sp = sp;
    free(envs);
    free(args);
    return true;
}
