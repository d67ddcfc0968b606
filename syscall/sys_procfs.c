/*
 * sys_procfs.c - /proc files that must show the guest's view instead of
 * xbt's: the content is generated into an anonymous memory file whose fd
 * the guest gets.  /proc/self/exe is handled by sys_path and readlink.
 * /proc/self/..., /proc/thread-self/... and /proc/<our pid>/... are the
 * same files.
 *
 *   auxv     the auxiliary vector xbt built on the guest stack
 *   maps     the guest's mappings: the host's own /proc/self/maps clipped
 *            to the guest window and translated to guest addresses, with
 *            the guest page table deciding what is mapped and with which
 *            protection (xbt write-protects pages holding translated
 *            code); file names as the guest named them (the -L sysroot
 *            prefix removed); the program and its interpreter, which the
 *            loader copies into anonymous memory, named from their ELF
 *            headers in guest memory (AT_PHDR, AT_BASE, PT_INTERP);
 *            [heap] for the brk area, [stack] for the mapping holding the
 *            initial stack
 *   smaps    maps plus per-mapping sizes (Rss from mincore)
 *   cmdline  the guest's argv
 *   stat     the host line with the guest's comm and its start/end code
 *            and stack addresses in place of xbt's
 *   comm     the guest program's name until the guest sets one
 *   status   the host's, with that name
 *   /proc/cpuinfo   a description of the guest CPU (per ELF machine:
 *            MIPS 24Kf, ARMv7 with the Features of AT_HWCAP, PowerPC 750)
 *
 * NYI: /proc/self/task/<tid>/{maps,stat}, /proc/self/status's Vm* lines
 * for the guest alone, [vdso]/[vectors] names, /proc/self/pagemap.
 */
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "sys_abi.h"

/* The file within our own /proc/<pid>/ that path names, or NULL. */
static const char *self_file(const char *path)
{
    char own[64];
    if (!strncmp(path, "/proc/self/", 11))
        return path + 11;
    if (!strncmp(path, "/proc/thread-self/", 18))
        return path + 18;
    int n = snprintf(own, sizeof own, "/proc/%d/", (int)getpid());
    if (!strncmp(path, own, (size_t)n))
        return path + n;
    return NULL;
}

/* ---- a growing text buffer ----------------------------------------------------- */

typedef struct Buf { char *p; size_t len, cap; bool oom; } Buf;

static void bprintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(Buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = b->oom ? 0 : vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (b->oom || n < 0)
            return;
        if (b->p && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        size_t ncap = b->cap ? b->cap * 2 : 4096;
        while (ncap < b->len + (size_t)n + 1)
            ncap *= 2;
        char *np = realloc(b->p, ncap);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = ncap;
    }
}

static int64_t memfile(const void *data, size_t len, int hflags)
{
    int fd = memfd_create("xbt-proc", (hflags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0)
        return -errno;
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            return -e;
        }
        p += n;
        len -= (size_t)n;
    }
    lseek(fd, 0, SEEK_SET);
    if ((hflags & O_ACCMODE) != O_RDONLY) {
        close(fd);
        return -EACCES;
    }
    return fd;
}

static int64_t buf_file(Buf *b, int hflags)
{
    int64_t r = b->oom ? -ENOMEM : memfile(b->p ? b->p : "", b->len, hflags);
    free(b->p);
    return r;
}

static int64_t open_auxv(int hflags)
{
    uint32_t len = rt_proc.auxv_len;
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf)
        return -ENOMEM;
    int r = sys_copy_in(buf, rt_proc.auxv_guest, len);
    int64_t ret = r < 0 ? r : memfile(buf, len, hflags);
    free(buf);
    return ret;
}

/* ---- maps and smaps ------------------------------------------------------------ */

/* The loader copies ELF segments into anonymous memory, so the host does
 * not know their names: they are found again from the guest's own ELF
 * headers (AT_PHDR/AT_PHNUM for the program, AT_BASE for the interpreter
 * whose path is the program's PT_INTERP). */
typedef struct ImgRange {
    uint64_t start, end, off;
    int img;                    /* 0 program, 1 interpreter */
} ImgRange;

typedef struct Images {
    ImgRange r[32];
    int n;
    char name[2][PATH_MAX + 1];
    char dev[2][16];
    unsigned long ino[2];
    uint64_t brk_lo, brk_hi;    /* [heap] */
} Images;

static uint32_t auxv_get(uint32_t type)
{
    uint8_t e[8];
    for (uint32_t off = 0; off + 8 <= rt_proc.auxv_len; off += 8) {
        if (sys_copy_in(e, rt_proc.auxv_guest + off, 8) < 0)
            return 0;
        if (ld_g32(e) == type)
            return ld_g32(e + 4);
        if (ld_g32(e) == AT_NULL)
            break;
    }
    return 0;
}

/* Adds the PT_LOAD ranges of the image whose program headers are at phdr
 * (n entries) and whose ELF header is at ehdr. */
static void img_add(Images *im, int img, GuestAddr ehdr, GuestAddr phdr, uint32_t n)
{
    uint8_t eh[52], ph[32];
    if (sys_copy_in(eh, ehdr, sizeof eh) < 0 || memcmp(eh, ELFMAG, SELFMAG))
        return;
    if (!phdr) {
        phdr = ehdr + ld_g32(eh + 28);               /* e_phoff */
        n = ld_g16(eh + 44);                         /* e_phnum */
    }
    uint64_t bias = 0;
    bool have_bias = false;
    for (uint32_t i = 0; i < n && i < 64; i++)       /* bias: the load with offset 0 holds ehdr */
        if (sys_copy_in(ph, phdr + 32 * i, 32) == 0 && ld_g32(ph) == PT_LOAD && ld_g32(ph + 4) == 0) {
            bias = (uint64_t)ehdr - ld_g32(ph + 8);
            have_bias = true;
            break;
        }
    if (!have_bias)
        return;
    for (uint32_t i = 0; i < n && i < 64 && im->n < 32; i++) {
        if (sys_copy_in(ph, phdr + 32 * i, 32) < 0)
            return;
        uint32_t type = ld_g32(ph), off = ld_g32(ph + 4), va = ld_g32(ph + 8), fsz = ld_g32(ph + 16);
        if (img == 0 && type == PT_INTERP && ld_g32(ph + 16) < PATH_MAX)
            sys_strin((GuestAddr)(bias + va), im->name[1], sizeof im->name[1]);
        if (type != PT_LOAD || !fsz)
            continue;
        uint64_t s = (bias + va) & ~(uint64_t)GUEST_PAGE_MASK;
        uint64_t e = (bias + va + fsz + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
        im->r[im->n++] = (ImgRange){ s, e, off & ~GUEST_PAGE_MASK, img };
    }
}

static void img_file_id(Images *im, int img, const char *path)
{
    struct stat st;
    char host[PATH_MAX + 256];
    const char *pre = rt_proc.interp_prefix;
    snprintf(host, sizeof host, "%s%s", pre && img == 1 ? pre : "", path);
    if (stat(host, &st) != 0 && stat(path, &st) != 0)
        return;
    snprintf(im->dev[img], sizeof im->dev[img], "%02x:%02x", major(st.st_dev), minor(st.st_dev));
    im->ino[img] = (unsigned long)st.st_ino;
}

static void img_collect(Images *im)
{
    memset(im, 0, sizeof *im);
    for (int i = 0; i < 2; i++)
        snprintf(im->dev[i], sizeof im->dev[i], "00:00");
    snprintf(im->name[0], sizeof im->name[0], "%s", rt_proc.exe_path ? rt_proc.exe_path : "");
    GuestAddr phdr = auxv_get(AT_PHDR);
    uint32_t phnum = auxv_get(AT_PHNUM);
    if (phdr && phnum)
        img_add(im, 0, phdr - 52, phdr, phnum);      /* Elf32_Ehdr right before */
    GuestAddr base = auxv_get(AT_BASE);
    if (base && im->name[1][0])
        img_add(im, 1, base, 0, 0);
    img_file_id(im, 0, im->name[0]);
    if (im->name[1][0])
        img_file_id(im, 1, im->name[1]);
    GuestAddr lo = sys_brk_start(), hi = gm_brk(0);
    im->brk_lo = ((uint64_t)lo + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    im->brk_hi = ((uint64_t)hi + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    if (!lo)
        im->brk_lo = im->brk_hi = 0;
}

/* What names page a when the host has no name for it: an image range
 * index, -2 for the heap, -1 for nothing. */
static int img_label(const Images *im, uint64_t a)
{
    for (int i = 0; i < im->n; i++)
        if (a >= im->r[i].start && a < im->r[i].end)
            return i;
    if (a >= im->brk_lo && a < im->brk_hi)
        return -2;
    return -1;
}

typedef struct MapLine {
    uint64_t start, end;       /* guest */
    uint8_t prot;              /* guest PROT_* */
    bool shared;
    uint64_t off;
    char dev[16];
    unsigned long inode;
    char name[PATH_MAX + 1];   /* as the guest sees it; "" for anonymous */
} MapLine;

static void emit_line(Buf *b, const MapLine *m, bool smaps)
{
    const char *name = m->name;
    if (!name[0] && rt_proc.auxv_guest >= m->start && rt_proc.auxv_guest < m->end)
        name = "[stack]";
    char head[128];
    int col = snprintf(head, sizeof head, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %s %lu",
                       m->start, m->end, m->prot & PROT_READ ? 'r' : '-', m->prot & PROT_WRITE ? 'w' : '-',
                       m->prot & PROT_EXEC ? 'x' : '-', m->shared ? 's' : 'p', m->off, m->dev, m->inode);
    if (name[0])
        bprintf(b, "%s%*s%s\n", head, col < 73 ? 73 - col : 1, "", name);
    else
        bprintf(b, "%s \n", head);
    if (!smaps)
        return;
    uint64_t kb = (m->end - m->start) / 1024, rss = 0;
    uint64_t pages = (m->end - m->start) / GUEST_PAGE_SIZE;
    unsigned char vec[256];
    for (uint64_t p = 0; p < pages; p += sizeof vec) {
        uint64_t n = pages - p < sizeof vec ? pages - p : sizeof vec;
        if (mincore(g2h((GuestAddr)(m->start + p * GUEST_PAGE_SIZE)), n * GUEST_PAGE_SIZE, vec) == 0)
            for (uint64_t i = 0; i < n; i++)
                rss += vec[i] & 1;
    }
    rss *= GUEST_PAGE_SIZE / 1024;
    bprintf(b, "Size:           %8" PRIu64 " kB\nKernelPageSize: %8u kB\nMMUPageSize:    %8u kB\n"
               "Rss:            %8" PRIu64 " kB\nPss:            %8" PRIu64 " kB\n"
               "Shared_Clean:   %8u kB\nShared_Dirty:   %8u kB\nPrivate_Clean:  %8u kB\n"
               "Private_Dirty:  %8" PRIu64 " kB\nReferenced:     %8" PRIu64 " kB\n"
               "Anonymous:      %8" PRIu64 " kB\nLazyFree:       %8u kB\nAnonHugePages:  %8u kB\n"
               "ShmemPmdMapped: %8u kB\nFilePmdMapped:  %8u kB\nShared_Hugetlb: %8u kB\n"
               "Private_Hugetlb:%8u kB\nSwap:           %8u kB\nSwapPss:        %8u kB\n"
               "Locked:         %8u kB\nTHPeligible:    %8u\n",
            kb, GUEST_PAGE_SIZE / 1024, GUEST_PAGE_SIZE / 1024, rss, rss, 0u, 0u, 0u, rss, rss,
            m->inode ? (uint64_t)0 : rss, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u);
    bprintf(b, "VmFlags:%s%s%s%s%s%s\n", m->prot & PROT_READ ? " rd" : "", m->prot & PROT_WRITE ? " wr" : "",
            m->prot & PROT_EXEC ? " ex" : "", " mr mw me", m->shared ? " sh" : "", " ac");
}

/* A host mapping [hs, he) (window-relative, file offset off, name as the
 * host shows it), cut where the guest page table or the image/heap labels
 * change; *pend is the line not yet printed (adjacent anonymous pieces
 * with equal rights are one line, as the kernel merges them). */
typedef struct HostMap {
    uint64_t hs, he, off;
    bool shared;
    const char *dev, *name;
    unsigned long inode;
} HostMap;

static void emit_host_range(Buf *b, MapLine *pend, bool smaps, const HostMap *h, const Images *im)
{
    const char *pre = rt_proc.interp_prefix;
    size_t np = pre ? strlen(pre) : 0;
    const char *hname = h->name;
    if (np && !strncmp(hname, pre, np) && hname[np] == '/')
        hname += np;                                /* the guest's path, without -L */
    for (uint64_t a = h->hs; a < h->he;) {
        uint8_t f = gm_page_flags((GuestAddr)a);
        int lab = hname[0] ? -1 : img_label(im, a);
        uint64_t e = a + GUEST_PAGE_SIZE;
        while (e < h->he && gm_page_flags((GuestAddr)e) == f && (hname[0] ? -1 : img_label(im, e)) == lab)
            e += GUEST_PAGE_SIZE;
        if (!(f & GM_MAPPED)) {
            a = e;
            continue;
        }
        MapLine m = { .start = a, .end = e, .prot = f & 7, .shared = h->shared };
        if (lab >= 0) {
            const ImgRange *r = &im->r[lab];
            m.off = r->off + (a - r->start);
            snprintf(m.dev, sizeof m.dev, "%s", im->dev[r->img]);
            m.inode = im->ino[r->img];
            snprintf(m.name, sizeof m.name, "%s", im->name[r->img]);
        } else {
            m.off = hname[0] ? h->off + (a - h->hs) : 0;
            snprintf(m.dev, sizeof m.dev, "%s", hname[0] ? h->dev : "00:00");
            m.inode = hname[0] ? h->inode : 0;
            snprintf(m.name, sizeof m.name, "%s", lab == -2 ? "[heap]" : hname);
        }
        bool anon = !m.name[0] && !m.inode;
        if (pend->end == a && anon && !pend->name[0] && !pend->inode && pend->prot == m.prot &&
            pend->shared == m.shared) {
            pend->end = e;
        } else if (pend->end == a && lab == -2 && !strcmp(pend->name, "[heap]") && pend->prot == m.prot) {
            pend->end = e;
        } else {
            if (pend->end)
                emit_line(b, pend, smaps);
            *pend = m;
        }
        a = e;
    }
}

static int64_t open_maps(int hflags, bool smaps)
{
    FILE *f = fopen("/proc/self/maps", "re");
    if (!f)
        return -errno;
    Buf b = { 0 };
    MapLine *pend = calloc(1, sizeof *pend);
    Images *im = malloc(sizeof *im);
    char *line = malloc(PATH_MAX + 256);
    if (!pend || !line || !im) {
        free(pend);
        free(line);
        free(im);
        fclose(f);
        return -ENOMEM;
    }
    img_collect(im);
    uint64_t lo = (uint64_t)(uintptr_t)guest_base, hi = lo + GUEST_WINDOW;
    while (fgets(line, PATH_MAX + 256, f)) {
        unsigned long long s, e, off;
        char perms[8], dev[16];
        unsigned long inode;
        int pos = 0;
        if (sscanf(line, "%llx-%llx %7s %llx %15s %lu %n", &s, &e, perms, &off, dev, &inode, &pos) < 6)
            continue;
        if (e <= lo || s >= hi)
            continue;
        char *nm = line + pos;
        nm[strcspn(nm, "\n")] = 0;
        if (s < lo) {
            off += lo - s;
            s = lo;
        }
        if (e > hi)
            e = hi;
        HostMap h = { s - lo, e - lo, off, perms[3] == 's', dev, nm, inode };
        emit_host_range(&b, pend, smaps, &h, im);
    }
    fclose(f);
    if (pend->end)
        emit_line(&b, pend, smaps);
    free(pend);
    free(line);
    free(im);
    return buf_file(&b, hflags);
}

/* ---- cmdline, comm, stat ------------------------------------------------------------ */

static int64_t open_cmdline(int hflags)
{
    Buf b = { 0 };
    for (int i = 0; i < rt_proc.argc; i++) {
        bprintf(&b, "%s", rt_proc.argv[i]);
        bprintf(&b, "%c", 0);
    }
    return buf_file(&b, hflags);
}

/* The guest's comm: what the guest set with prctl, else its file name. */
static void guest_comm(char *out, size_t size)
{
    char host[17] = "";
    prctl(PR_GET_NAME, host);
    const char *base = rt_proc.exe_path ? strrchr(rt_proc.exe_path, '/') : NULL;
    base = base ? base + 1 : rt_proc.exe_path ? rt_proc.exe_path : "";
    if (strcmp(host, "xbt"))
        snprintf(out, size, "%s", host);
    else
        snprintf(out, size, "%.15s", base);
}

static int64_t open_comm(int hflags)
{
    char comm[32];
    guest_comm(comm, sizeof comm);
    Buf b = { 0 };
    bprintf(&b, "%s\n", comm);
    return buf_file(&b, hflags);
}

/* proc(5): fields 26-28 startcode endcode startstack, 29-30 kstkesp/eip,
 * 45-51 start_data .. env_end: guest addresses or 0. */
static int64_t open_stat(int hflags)
{
    char line[1024];
    FILE *f = fopen("/proc/self/stat", "re");
    if (!f)
        return -errno;
    bool ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *rp = ok ? strrchr(line, ')') : NULL;
    if (!rp)
        return -EIO;
    char comm[32];
    guest_comm(comm, sizeof comm);
    Buf b = { 0 };
    bprintf(&b, "%d (%s)", (int)getpid(), comm);
    int field = 2;
    for (char *tok = strtok(rp + 1, " \n"); tok; tok = strtok(NULL, " \n")) {
        field++;
        if ((field >= 26 && field <= 30) || (field >= 45 && field <= 51)) {
            uint64_t v = 0;
            if (field == 28)
                v = rt_proc.auxv_guest;
            else if (field == 47)
                v = sys_brk_start();
            bprintf(&b, " %" PRIu64, v);
        } else {
            bprintf(&b, " %s", tok);
        }
    }
    bprintf(&b, "\n");
    return buf_file(&b, hflags);
}

/* The host's status file with the guest's Name (the other lines are the
 * process's own: ids, signal masks of the host thread, memory totals of
 * the whole xbt process).  NYI: VmExe/VmStk/VmData of the guest alone. */
static int64_t open_status(int hflags)
{
    FILE *f = fopen("/proc/self/status", "re");
    if (!f)
        return -errno;
    char line[1024], comm[32];
    guest_comm(comm, sizeof comm);
    Buf b = { 0 };
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "Name:", 5))
            bprintf(&b, "Name:\t%s\n", comm);
        else
            bprintf(&b, "%s", line);
    }
    fclose(f);
    return buf_file(&b, hflags);
}

/* ---- /proc/cpuinfo ------------------------------------------------------------------ */

/* arch/arm/kernel/setup.c hwcap_str, by AT_HWCAP bit */
static const char *const arm_hwcap_names[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt",
    "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt",
    "vfpd32", "lpae", "evtstrm",
};

static void cpuinfo_arm(Buf *b, int ncpu)
{
    uint32_t hw = sys_cur.arch->hwcap;
    for (int i = 0; i < ncpu; i++) {
        bprintf(b, "processor\t: %d\nmodel name\t: ARMv7 Processor rev 0 (%s)\nBogoMIPS\t: 100.00\nFeatures\t:",
                i, sys_cur.arch->platform ? sys_cur.arch->platform : "v7l");
        for (unsigned bit = 0; bit < sizeof arm_hwcap_names / sizeof *arm_hwcap_names; bit++)
            if (hw & (1u << bit))
                bprintf(b, " %s", arm_hwcap_names[bit]);
        bprintf(b, " \nCPU implementer\t: 0x41\nCPU architecture: 7\nCPU variant\t: 0x0\n"
                   "CPU part\t: 0xc0f\nCPU revision\t: 0\n\n");
    }
    bprintf(b, "Hardware\t: xbt\nRevision\t: 0000\nSerial\t\t: 0000000000000000\n");
}

static void cpuinfo_mips(Buf *b, int ncpu)
{
    bprintf(b, "system type\t\t: xbt\nmachine\t\t\t: Unknown\n");
    for (int i = 0; i < ncpu; i++)
        bprintf(b, "processor\t\t: %d\ncpu model\t\t: MIPS 24Kf V7.4  FPU V7.4\nBogoMIPS\t\t: 100.00\n"
                   "wait instruction\t: yes\nmicrosecond timers\t: yes\ntlb_entries\t\t: 64\n"
                   "extra interrupt vector\t: yes\nhardware watchpoint\t: no\n"
                   "isa\t\t\t: mips1 mips2 mips32r1 mips32r2\nASEs implemented\t:\n"
                   "shadow register sets\t: 1\nkscratch registers\t: 0\npackage\t\t\t: 0\n"
                   "core\t\t\t: %d\nVCED exceptions\t\t: not available\nVCEI exceptions\t\t: not available\n\n",
                i, i);
}

static void cpuinfo_ppc(Buf *b, int ncpu)
{
    for (int i = 0; i < ncpu; i++)
        bprintf(b, "processor\t: %d\ncpu\t\t: 740/750\ntemperature \t: 0 C (uncalibrated)\n"
                   "clock\t\t: 1000.000000MHz\nrevision\t: 3.1 (pvr 0008 0301)\nbogomips\t: 100.00\n\n", i);
    bprintf(b, "timebase\t: 100000000\nplatform\t: xbt\nmodel\t\t: xbt\nMemory\t\t: 0 MB\n");
}

static int64_t open_cpuinfo(int hflags)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    int ncpu = n < 1 ? 1 : n > 1024 ? 1024 : (int)n;
    Buf b = { 0 };
    switch (sys_cur.arch->elf_machine) {
    case EM_MIPS: cpuinfo_mips(&b, ncpu); break;
    case EM_ARM:  cpuinfo_arm(&b, ncpu); break;
    case EM_PPC:  cpuinfo_ppc(&b, ncpu); break;
    default:  free(b.p); return SYS_PASS;
    }
    return buf_file(&b, hflags);
}

int64_t sys_procfs_open(SysCtx *c, int dirfd, const char *path, int hflags, int mode)
{
    if (path[0] != '/' || strncmp(path, "/proc/", 6))
        return SYS_PASS;
    if (!strcmp(path, "/proc/cpuinfo"))
        return open_cpuinfo(hflags);
    const char *f = self_file(path);
    if (!f)
        return SYS_PASS;
    if (!strcmp(f, "auxv"))
        return open_auxv(hflags);
    if (!strcmp(f, "maps"))
        return open_maps(hflags, false);
    if (!strcmp(f, "smaps"))
        return open_maps(hflags, true);
    if (!strcmp(f, "cmdline"))
        return open_cmdline(hflags);
    if (!strcmp(f, "stat"))
        return open_stat(hflags);
    if (!strcmp(f, "status"))
        return open_status(hflags);
    if (!strcmp(f, "comm") && (hflags & O_ACCMODE) == O_RDONLY)
        return open_comm(hflags);
    return SYS_PASS;
}
