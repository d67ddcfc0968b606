/*
 * decode.c - the shared pattern matcher (see decode.h).
 *
 * Buckets: every row goes into each bucket whose key value agrees with the
 * row's fixed key bits, so a row that fixes only the MIPS primary opcode
 * sits in all 64 function-field buckets of that opcode.  Row indices keep
 * table order inside a bucket, so "first match wins" is the same with and
 * without buckets.  Building visits, for each row, only the buckets it
 * belongs to (a PowerPC D-form row sits in all 1024 buckets of its 16-bit
 * key; a double loop over every bucket and row took ~50 ms there); it runs
 * once, under a lock, on first use.
 */
#include "decode.h"

#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t dec_build_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t dec_key_bits(const DecTable *t)
{
    return (uint32_t)t->key[0].len + t->key[1].len;
}

/* The key value of word w (also applied to masks: a mask's key is the set
 * of key bits that the row fixes). */
static uint32_t dec_key_of(const DecTable *t, uint32_t w)
{
    uint32_t k = 0;
    for (int i = 0; i < 2; i++) {
        unsigned len = t->key[i].len;
        if (len == 0)
            continue;
        k = (k << len) | ((w >> t->key[i].pos) & ((1u << len) - 1));
    }
    return k;
}

static void dec_oom(const DecTable *t)
{
    fprintf(stderr, "xbt: decode table %s: out of memory\n", t->name);
    abort();
}

/* Row r belongs to the buckets first | sub for every subset sub of *loose:
 * first holds the key bits the row fixes (from its match), *loose the key
 * bits it leaves free.  Callers walk the subsets with the usual trick,
 * sub = (sub - loose) & loose, starting and ending at 0. */
static uint32_t dec_row_first_bucket(const DecTable *t, const DecRow *r, uint32_t *loose)
{
    uint32_t nb = 1u << dec_key_bits(t);
    uint32_t kmask = dec_key_of(t, r->mask);
    *loose = (nb - 1) & ~kmask;
    return dec_key_of(t, r->match) & kmask;
}

void dec_table_build(DecTable *t)
{
    if (__atomic_load_n(&t->built, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&dec_build_lock);
    if (!t->built) {
        uint32_t bits = dec_key_bits(t);
        if (bits > 16 || t->nrows > 0xffff) {
            fprintf(stderr, "xbt: decode table %s: key of %u bits / %u rows too large\n",
                    t->name, bits, t->nrows);
            abort();
        }
        /* Two passes over the rows, each visiting only the buckets a row
         * belongs to (not every bucket for every row): count, then fill in
         * table order, so each bucket keeps the rows' order. */
        uint32_t nb = 1u << bits;
        uint32_t *start = calloc(nb + 1, sizeof *start);
        uint32_t *fill = calloc(nb, sizeof *fill);
        if (!start || !fill)
            dec_oom(t);
        for (uint32_t i = 0; i < t->nrows; i++) {
            uint32_t loose, base = dec_row_first_bucket(t, &t->rows[i], &loose), sub = 0;
            do {
                start[(base | sub) + 1]++;
                sub = (sub - loose) & loose;
            } while (sub);
        }
        for (uint32_t k = 0; k < nb; k++)
            start[k + 1] += start[k];
        uint32_t total = start[nb];
        uint16_t *rows = malloc((total ? total : 1) * sizeof *rows);
        if (!rows)
            dec_oom(t);
        for (uint32_t i = 0; i < t->nrows; i++) {
            uint32_t loose, base = dec_row_first_bucket(t, &t->rows[i], &loose), sub = 0;
            do {
                uint32_t k = base | sub;
                rows[start[k] + fill[k]++] = (uint16_t)i;
                sub = (sub - loose) & loose;
            } while (sub);
        }
        free(fill);
        t->bucket_start = start;
        t->bucket_rows = rows;
        __atomic_store_n(&t->built, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&dec_build_lock);
}

const DecRow *dec_lookup(DecTable *t, uint32_t insn)
{
    dec_table_build(t);
    uint32_t k = dec_key_of(t, insn);
    for (uint32_t i = t->bucket_start[k]; i < t->bucket_start[k + 1]; i++) {
        const DecRow *r = &t->rows[t->bucket_rows[i]];
        if ((insn & r->mask) == r->match)
            return r;
    }
    return NULL;
}

void dec_extract(const DecFormat *fmt, uint32_t insn, void *args)
{
    for (unsigned i = 0; i < fmt->nfields; i++) {
        const DecField *f = &fmt->f[i];
        uint32_t v = (insn >> f->pos) & (f->len >= 32 ? ~0u : (1u << f->len) - 1);
        if ((f->flags & DEC_F_SIGNED) && f->len < 32 && (v >> (f->len - 1)) & 1)
            v |= ~0u << f->len;
        v <<= f->shift;
        int32_t sv = (int32_t)v;
        __builtin_memcpy((char *)args + f->dst, &sv, sizeof sv);
    }
}

/* Is every word matching b also matched by a? */
static bool dec_row_covers(const DecRow *a, const DecRow *b)
{
    return (a->mask & ~b->mask) == 0 && (b->match & a->mask) == a->match;
}

unsigned dec_table_check(DecTable *t, FILE *f, unsigned *overlaps)
{
    unsigned errors = 0, intended = 0;
    for (uint32_t j = 0; j < t->nrows; j++) {
        const DecRow *rj = &t->rows[j];
        if (rj->match & ~rj->mask) {
            errors++;
            if (f)
                fprintf(f, "%s: row %s: match %08x has bits outside mask %08x\n",
                        t->name, rj->name, rj->match, rj->mask);
        }
        if (!rj->trans || !rj->fmt) {
            errors++;
            if (f)
                fprintf(f, "%s: row %s: no translator or format\n", t->name, rj->name);
        }
        for (uint32_t i = 0; i < j; i++) {
            const DecRow *ri = &t->rows[i];
            if (!dec_rows_overlap(ri, rj))
                continue;
            if (dec_row_covers(ri, rj)) {
                errors++;
                if (f)
                    fprintf(f, "%s: row %s is unreachable: %s covers it\n",
                            t->name, rj->name, ri->name);
            } else if (ri->flags & DEC_ROW_OVERRIDE) {
                intended++;
            } else {
                errors++;
                if (f)
                    fprintf(f, "%s: rows %s (%08x/%08x) and %s (%08x/%08x) overlap\n",
                            t->name, ri->name, ri->match, ri->mask,
                            rj->name, rj->match, rj->mask);
            }
        }
    }
    if (overlaps)
        *overlaps = intended;
    return errors;
}
