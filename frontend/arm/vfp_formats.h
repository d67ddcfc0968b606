/*
 * vfp_formats.h - field formats of the coprocessor (VFP) rows, included by
 * translate.c after its FMT machinery; no guard, not a header to include
 * elsewhere.  Register numbers come both ways: vd/vn/vm for doubles
 * (D:Vd), sd/sn/sm for singles (Vd:D); translators pick by sz.
 */
static void post_vregs(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    uint32_t D = bit(w, 22), N = bit(w, 7), M = bit(w, 5);
    uint32_t Vd = bits(w, 15, 12), Vn = bits(w, 19, 16), Vm = bits(w, 3, 0);
    a->vd = (int32_t)(D << 4 | Vd);
    a->vn = (int32_t)(N << 4 | Vn);
    a->vm = (int32_t)(M << 4 | Vm);
    a->sd = (int32_t)(Vd << 1 | D);
    a->sn = (int32_t)(Vn << 1 | N);
    a->sm = (int32_t)(Vm << 1 | M);
    a->sz = (int32_t)bit(w, 8);
}
static void post_vls(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    post_vregs(s, a, w);
    a->p = (int32_t)bit(w, 24);
    a->u = (int32_t)bit(w, 23);
    a->w = (int32_t)bit(w, 21);
}
/* vmov Dn[x], Rt and back: the register is D:Vd with D at bit 7 */
static void post_vscalar(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->vd = (int32_t)(bit(w, 7) << 4 | bits(w, 19, 16));
    a->x = (int32_t)bit(w, 21);
}

FMT(V3, post_vregs, 0, { 0 });
FMT(VLS, post_vls, 3, F_RN, FLD(imm, 0, 8, 0, 0), FLD(op, 20, 1, 0, 0));
FMT(VCORE, post_vregs, 2, F_RT, FLD(op, 20, 1, 0, 0));
FMT(VCORE2, post_vregs, 3, F_RT, FLD(rt2, 16, 4, 0, 0), FLD(op, 20, 1, 0, 0));
FMT(VSCALAR, post_vscalar, 2, F_RT, FLD(op, 20, 1, 0, 0));
FMT(VMRS, NULL, 2, F_RT, FLD(op, 16, 4, 0, 0));

/* ---- Advanced SIMD (neon.c) ------------------------------------------------ */
static void post_neon(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    post_vregs(s, a, w);
    a->q = (int32_t)bit(w, 6);
    a->size = (int32_t)bits(w, 21, 20);
    a->u = (int32_t)bit(w, 24);
    a->op1 = (int32_t)bits(w, 11, 8);
}
static void post_neon_ls(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->vd = (int32_t)(bit(w, 22) << 4 | bits(w, 15, 12));
    a->op1 = (int32_t)bits(w, 11, 8);
    a->size = (int32_t)bits(w, 7, 6);
}
/* vdup.<size> Qd/Dd, rt and vmov.<size> Dn[x], rt / rt, Dn[x] */
static void post_neon_scalar(const ArmCtx *s, ArmArgs *a, uint32_t w)
{
    a->vd = (int32_t)(bit(w, 7) << 4 | bits(w, 19, 16));
}
FMT(N3, post_neon, 0, { 0 });
FMT(NLS, post_neon_ls, 2, F_RN, F_RM);
FMT(NSC, post_neon_scalar, 1, F_RT);
