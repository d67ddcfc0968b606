/* mkelf.c - make a broken ELF file from a valid 32-bit one, for the loader
 * tests in tests/elf/cases.  Host tool, portable C, no libelf: it edits the
 * ELF32 header and program headers by offset (System V gABI, "ELF Header"
 * and "Program Header") in the file's own byte order.
 *
 *   mkelf MUTATION IN OUT       mkelf --list
 *
 * Exit 0 when OUT was written; 1 with a message on stderr when the input
 * does not suit the mutation (e.g. no PT_LOAD) or on I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

/* ELF32 layout */
#define EI_CLASS 4
#define EI_DATA 5
#define E_TYPE 16
#define E_MACHINE 18
#define E_PHOFF 28
#define E_PHENTSIZE 42
#define E_PHNUM 44
#define EHDR_SIZE 52
#define P_TYPE 0
#define P_OFFSET 4
#define P_VADDR 8
#define P_PADDR 12
#define P_FILESZ 16
#define P_MEMSZ 20
#define PT_NULL 0
#define PT_LOAD 1

static unsigned char *buf;
static size_t len;
static int big;                 /* file byte order: ELFDATA2MSB */

static uint32_t rd(size_t off, int n)
{
    uint32_t v = 0;
    int i;
    for (i = 0; i < n; i++)
        v |= (uint32_t)buf[off + (size_t)i] << (8 * (big ? n - 1 - i : i));
    return v;
}

static void wr(size_t off, int n, uint32_t v)
{
    int i;
    for (i = 0; i < n; i++)
        buf[off + (size_t)i] = (unsigned char)(v >> (8 * (big ? n - 1 - i : i)));
}

static size_t phdr(unsigned i) { return rd(E_PHOFF, 4) + (size_t)i * rd(E_PHENTSIZE, 2); }

/* index of the n-th PT_LOAD (n = 0 first), or of the one with the largest
 * file size when n < 0; -1 if none */
static int find_load(int n)
{
    unsigned i, phnum = rd(E_PHNUM, 2);
    int best = -1;
    uint32_t bestsz = 0;
    for (i = 0; i < phnum; i++) {
        if (rd(phdr(i) + P_TYPE, 4) != PT_LOAD) continue;
        if (n >= 0) {
            if (n-- == 0) return (int)i;
        } else if (best < 0 || rd(phdr(i) + P_FILESZ, 4) > bestsz) {
            best = (int)i;
            bestsz = rd(phdr(i) + P_FILESZ, 4);
        }
    }
    return n < 0 ? best : -1;
}

static const char *const names[] = {
    "empty", "text", "trunc-ehdr", "trunc-ehdr51", "trunc-phdr", "trunc-seg", "trunc-data",
    "class64", "data-none", "machine-sparc", "type-rel", "phoff-past-end", "phentsize-bad",
    "phnum-huge", "filesz-gt-memsz", "seg-above-4g", "seg-wrap", "offset-past-end", "no-load",
};

static int die(const char *msg)
{
    fprintf(stderr, "mkelf: %s\n", msg);
    return 1;
}

int main(int argc, char **argv)
{
    const char *m;
    FILE *f;
    size_t outlen;
    int li;
    unsigned i;

    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (i = 0; i < sizeof names / sizeof names[0]; i++) puts(names[i]);
        return 0;
    }
    if (argc != 4) return die("usage: mkelf MUTATION IN OUT | mkelf --list");
    m = argv[1];
    f = fopen(argv[2], "rb");
    if (!f) return die("cannot open input");
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    rewind(f);
    buf = malloc(len + 1);
    if (!buf || fread(buf, 1, len, f) != len) return die("cannot read input");
    fclose(f);
    if (len < EHDR_SIZE || memcmp(buf, "\177ELF", 4) != 0 || buf[EI_CLASS] != 1)
        return die("input is not an ELF32 file");
    big = buf[EI_DATA] == 2;
    outlen = len;

    if (!strcmp(m, "empty")) {
        outlen = 0;
    } else if (!strcmp(m, "text")) {
        static const char t[] = "#!/bin/sh\necho this is not an ELF file\n";
        memcpy(buf, t, sizeof t - 1);
        outlen = sizeof t - 1;
    } else if (!strcmp(m, "trunc-ehdr")) {
        outlen = 20;                            /* inside e_ident..e_version */
    } else if (!strcmp(m, "trunc-ehdr51")) {
        outlen = EHDR_SIZE - 1;                 /* one byte short of a header */
    } else if (!strcmp(m, "trunc-phdr")) {
        if (rd(E_PHNUM, 2) < 2) return die("needs two program headers");
        outlen = phdr(1) + 10;                  /* inside the second one */
    } else if (!strcmp(m, "trunc-seg") || !strcmp(m, "trunc-data")) {
        li = !strcmp(m, "trunc-seg") ? find_load(-1) : find_load(1);
        if (li < 0) return die("no suitable PT_LOAD");
        outlen = rd(phdr((unsigned)li) + P_OFFSET, 4) + rd(phdr((unsigned)li) + P_FILESZ, 4) / 2;
    } else if (!strcmp(m, "class64")) {
        buf[EI_CLASS] = 2;                      /* ELFCLASS64 header bytes as they are */
    } else if (!strcmp(m, "data-none")) {
        buf[EI_DATA] = 0;                       /* ELFDATANONE */
    } else if (!strcmp(m, "machine-sparc")) {
        wr(E_MACHINE, 2, 2);                    /* EM_SPARC: ELF32, foreign machine */
    } else if (!strcmp(m, "type-rel")) {
        wr(E_TYPE, 2, 1);                       /* ET_REL: not executable */
    } else if (!strcmp(m, "phoff-past-end")) {
        wr(E_PHOFF, 4, (uint32_t)len + 4096);
    } else if (!strcmp(m, "phentsize-bad")) {
        wr(E_PHENTSIZE, 2, 7);
    } else if (!strcmp(m, "phnum-huge")) {
        wr(E_PHNUM, 2, 0xfff0);                 /* 2 MB of headers in a small file */
    } else if (!strcmp(m, "filesz-gt-memsz")) {
        if ((li = find_load(0)) < 0) return die("no PT_LOAD");
        wr(phdr((unsigned)li) + P_MEMSZ, 4, rd(phdr((unsigned)li) + P_FILESZ, 4) - 16);
    } else if (!strcmp(m, "seg-above-4g")) {
        if ((li = find_load(1)) < 0 && (li = find_load(0)) < 0) return die("no PT_LOAD");
        wr(phdr((unsigned)li) + P_MEMSZ, 4, 0xfffff000u);   /* vaddr + memsz > 4 GiB */
    } else if (!strcmp(m, "seg-wrap")) {
        if ((li = find_load(1)) < 0 && (li = find_load(0)) < 0) return die("no PT_LOAD");
        wr(phdr((unsigned)li) + P_VADDR, 4, 0xffff0000u + (rd(phdr((unsigned)li) + P_OFFSET, 4) & 0xffff));
        wr(phdr((unsigned)li) + P_PADDR, 4, rd(phdr((unsigned)li) + P_VADDR, 4));
        wr(phdr((unsigned)li) + P_MEMSZ, 4, 0x20000);        /* runs past 0xffffffff */
        if (rd(phdr((unsigned)li) + P_FILESZ, 4) > 0x20000) wr(phdr((unsigned)li) + P_FILESZ, 4, 0x20000);
    } else if (!strcmp(m, "offset-past-end")) {
        if ((li = find_load(0)) < 0) return die("no PT_LOAD");
        wr(phdr((unsigned)li) + P_OFFSET, 4, ((uint32_t)len + 0x10000) & ~0xfffu);
    } else if (!strcmp(m, "no-load")) {
        unsigned phnum = rd(E_PHNUM, 2);
        for (i = 0; i < phnum; i++)
            if (rd(phdr(i) + P_TYPE, 4) == PT_LOAD) wr(phdr(i) + P_TYPE, 4, PT_NULL);
    } else {
        return die("unknown mutation (see --list)");
    }
    if (outlen > len) return die("internal: output longer than input");

    f = fopen(argv[3], "wb");
    if (!f) return die("cannot create output");
    if (fwrite(buf, 1, outlen, f) != outlen || fclose(f) != 0) return die("write failed");
    return 0;
}
