/*
 * decode.h - the shared table-driven instruction pattern matcher.
 *
 * A guest ISA describes its encodings as rows (DecRow): a mnemonic, a
 * mask/match pair of fixed bits, a field format, a translator, an ISA level
 * and flags.  A table (DecTable) groups the rows of one instruction set with
 * a bucket key - one or two bit fields of the instruction word (MIPS: the
 * primary opcode and the function field) - and dec_lookup finds the first
 * row, in table order, whose fixed bits match: rows are written
 * specific-first.  Lookup costs one index and a short scan of the rows that
 * can match that key value.
 *
 * Fields are declared once per format (DecFormat): position, width, sign,
 * scale (a left shift) and the byte offset of the int32_t member they fill
 * in the guest's own argument struct, so translators read named fields
 * (a->rs, a->imm) and multi-part immediates are never decoded in a
 * translator.
 *
 * Translators have guest-specific types; a row stores one as DecFn and the
 * guest casts it back to its own type before calling (a round trip through a
 * function pointer type, which C allows).
 *
 * Two rows "overlap" when some word matches both.  dec_table_check reports
 * every overlap not marked as intended (DEC_ROW_OVERRIDE on the earlier,
 * more specific row), every row that can never be reached, and rows whose
 * match has bits outside their mask.  The decode unit tests run it.
 *
 * This file knows no guest; it leaves decoding of the fields' meaning and
 * everything about IR to the guest frontends.
 */
#ifndef XBT_DECODE_H
#define XBT_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
    DEC_F_SIGNED = 1 << 0,   /* sign-extend the field */
};

typedef struct DecField {
    uint8_t pos, len;        /* bit position of the field's lsb, width in bits */
    uint8_t flags;           /* DEC_F_* */
    uint8_t shift;           /* scale: the value is shifted left by this */
    uint16_t dst;            /* byte offset of the int32_t member it fills */
} DecField;

#define DEC_MAX_FIELDS 6

typedef struct DecFormat {
    const char *name;
    uint8_t nfields;
    DecField f[DEC_MAX_FIELDS];
} DecFormat;

typedef void (*DecFn)(void);

/* Row flags: bits 0..7 belong to the matcher, 8..31 to the guest. */
enum {
    DEC_ROW_OVERRIDE = 1 << 0,   /* intended to shadow later rows it overlaps */
    DEC_ROW_GUEST    = 1 << 8,   /* first bit free for guest flags */
};

typedef struct DecRow {
    const char *name;        /* mnemonic as the manual spells it */
    uint32_t mask, match;    /* (insn & mask) == match */
    const DecFormat *fmt;
    DecFn trans;
    uint32_t isa;            /* guest-defined ISA level / feature */
    uint32_t flags;          /* DEC_ROW_* | guest flags */
} DecRow;

typedef struct DecKey {
    uint8_t pos, len;        /* len 0 = unused */
} DecKey;

typedef struct DecTable {
    const char *name;
    const DecRow *rows;
    uint32_t nrows;
    DecKey key[2];           /* bucket key: key[0] bits above key[1] bits */
    /* Filled on first use by dec_table_build (thread-safe). */
    uint32_t *bucket_start;  /* nbuckets + 1 offsets into bucket_rows */
    uint16_t *bucket_rows;   /* row indices, in table order per bucket */
    volatile int built;
} DecTable;

/* Builds the buckets (idempotent, safe to call from several threads). */
void dec_table_build(DecTable *t);

/* The first row matching insn, or NULL. */
const DecRow *dec_lookup(DecTable *t, uint32_t insn);

/* Fills the format's fields of insn into args (a guest struct of int32_t
 * members; members the format does not name are left alone). */
void dec_extract(const DecFormat *fmt, uint32_t insn, void *args);

/* Counts table errors (see above), printing each to f if non-NULL.  When
 * overlaps is non-NULL it receives the number of intended overlaps. */
unsigned dec_table_check(DecTable *t, FILE *f, unsigned *overlaps);

/* Do rows a and b share a word? */
static inline bool dec_rows_overlap(const DecRow *a, const DecRow *b)
{
    return ((a->match ^ b->match) & a->mask & b->mask) == 0;
}

#endif
