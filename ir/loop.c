/*
 * loop.c - self-loop detection and pinnable guest-state slots (loop.h).
 *
 * One sweep finds the back edges; a second collects the distinct (offset,
 * type) views of guest state that GETs and PUTs use, counting GETs and PUTs
 * in the body.  A view is pinnable when no other view overlaps its bytes
 * and it lies past the IRCpuHeader.  The number of distinct views is
 * bounded (IR_LOOP_MAX_VIEWS); a block with more gets no slots at all, as
 * the overlap check would be incomplete.  Quadratic in the number of views,
 * which is small (guest register files have a few dozen slots).
 */
#include "backend.h"
#include "loop.h"

enum { IR_LOOP_MAX_VIEWS = 128 };

typedef struct View {
    uint32_t off;
    uint8_t type, size;
    bool bad;
    uint16_t gets, puts;
    uint32_t first;           /* first access, for a stable order */
} View;

static unsigned type_size(IRType t)
{
    return t == IR_I64 || t == IR_F64 ? 8 : 4;
}

bool ir_loop_is_back_edge(const IRBlock *b, IRRef i)
{
    const IRInsn *in = &b->insn[i];
    return (in->op == IR_EXIT_IF && in->b == b->guest_pc) ||
           (in->op == IR_GOTO && in->a == b->guest_pc);
}

static bool better(const View *x, const View *y)
{
    bool cx = x->puts > 0, cy = y->puts > 0;
    if (cx != cy)
        return cx;
    if (x->gets != y->gets)
        return x->gets > y->gets;
    return x->first < y->first;
}

bool ir_loop_analyze(const IRBlock *b, IRLoop *lp)
{
    View v[IR_LOOP_MAX_VIEWS];
    uint32_t nv = 0;

    lp->last_back = IR_NONE;
    lp->nback = 0;
    lp->nslots = 0;
    for (IRRef i = 0; i < b->n; i++) {
        if (ir_loop_is_back_edge(b, i)) {
            lp->last_back = i;
            lp->nback++;
        }
    }
    if (lp->last_back == IR_NONE)
        return false;

    for (IRRef i = 0; i < b->n; i++) {
        const IRInsn *in = &b->insn[i];
        if (in->op != IR_GET && in->op != IR_PUT)
            continue;
        uint32_t k;
        for (k = 0; k < nv; k++)
            if (v[k].off == in->a && v[k].type == in->type)
                break;
        if (k == nv) {
            if (nv == IR_LOOP_MAX_VIEWS)
                return true;            /* too many views to check overlaps: no slots */
            v[nv++] = (View){ .off = in->a, .type = in->type,
                              .size = (uint8_t)type_size((IRType)in->type), .first = i };
        }
        if (i <= lp->last_back) {
            if (in->op == IR_GET && v[k].gets < UINT16_MAX)
                v[k].gets++;
            else if (in->op == IR_PUT && v[k].puts < UINT16_MAX)
                v[k].puts++;
        }
    }
    for (uint32_t k = 0; k < nv; k++) {
        View *x = &v[k];
        if (x->off < sizeof(IRCpuHeader) || x->type == IR_VOID || x->type >= IR_NTYPES)
            x->bad = true;
        for (uint32_t j = 0; j < nv && !x->bad; j++) {
            const View *y = &v[j];
            if (j != k && y->off < x->off + x->size && x->off < y->off + y->size)
                x->bad = true;
        }
    }
    /* the pinnable views the body reads, best first (insertion sort: few) */
    uint32_t cand[IR_LOOP_MAX_VIEWS], nc = 0;
    for (uint32_t k = 0; k < nv; k++) {
        if (v[k].bad || v[k].gets == 0)
            continue;
        uint32_t pos = nc++;
        while (pos > 0 && better(&v[k], &v[cand[pos - 1]])) {
            cand[pos] = cand[pos - 1];
            pos--;
        }
        cand[pos] = k;
    }
    for (uint32_t k = 0; k < nc && k < IR_LOOP_MAX_SLOTS; k++) {
        const View *x = &v[cand[k]];
        lp->slot[lp->nslots++] = (IRLoopSlot){ x->off, x->type, x->gets, x->puts };
    }
    return true;
}

bool ir_loop_clobbers(const IRBlock *b, IRRef i, uint32_t off)
{
    const IRInsn *in = &b->insn[i];
    if (in->op == IR_PUT)
        return in->a == off;
    if (in->op == IR_CALL) {
        const IRHelper *h = ir_helper_get(in->aux);
        return !h || (h->flags & IR_HF_WRITES);
    }
    return false;
}
