/*
 * sys_ipc.c - System V IPC: semaphores, shared memory, message queues.
 *
 * Two entries reach the same handlers: the separate calls (ARM EABI; MIPS
 * o32 and PowerPC32 since Linux 5.1) and the ipc(2) multiplexer that
 * glibc uses on MIPS o32 and PowerPC32 (ipc/syscall.c: ksys_ipc; the call
 * number's upper half is a version: MSGRCV version 0 passes msgp and
 * msgtyp through a struct ipc_kludge, SHMAT version 0 stores the address
 * at `third`).
 *
 * Layouts are the IPC_64 ones (glibc sets IPC_64 in every *ctl command on
 * these ABIs); times are split into a low word and a _high word
 * (MIPS msqid64_ds: one 64-bit field, see gen.sh).  The objects live in
 * the host kernel, so processes under xbt and native ones share them.
 *
 * shmat maps inside the guest window: the range is first claimed through
 * gm_mmap (page table and protection) and the segment attached over it
 * with SHM_REMAP; shmdt detaches and gives the range back with gm_munmap.
 * Attachments are remembered here (address -> length) for shmdt.
 *
 * NYI: the pre-IPC_64 ("old") layouts (IPC_STAT/IPC_SET without IPC_64
 * return EINVAL), SHMLBA colouring (SHM_RND rounds to the page; MIPS and
 * ARM kernels round to 256K/16K), shmat version 1 (iBCS).
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "sys_abi.h"

#define L (sys_cur.L)

/* ---- shared helpers -------------------------------------------------------- */

/* Flag word of category cat plus, in `also`, a second category; bits
 * nobody names in *unknown. */
static int ipc_flags(int64_t g, KCat cat, KCat also, uint32_t pass, uint64_t *unknown)
{
    uint64_t u1 = 0, u2 = 0;
    int h = (int)sys_flags_g2h(cat, (uint32_t)g & ~pass, &u1);
    if (also != KC__COUNT)
        h |= (int)sys_flags_g2h(also, u1, &u2);
    else
        u2 = u1;
    *unknown = u2;
    return h | (int)((uint32_t)g & pass);
}

/* The command without IPC_64; *v64 says whether it was set. */
static int ipc_cmd(int64_t g, bool *v64)
{
    uint32_t cmd = (uint32_t)g, f = (uint32_t)gk(K_IPC_64);
    *v64 = (cmd & f) != 0;
    return (int)(cmd & ~f);
}

/* The SysK of command cmd: generic IPC_* first, then the call's own. */
static int ipc_kcmd(int cmd, KCat own)
{
    int k = sys_kval_g(KC_IPCCMD, cmd);
    return k >= 0 ? k : sys_kval_g(own, cmd);
}

static void put_time(uint8_t *img, SysField lo, SysField hi, int64_t t)
{
    fput(img, lo, (uint64_t)t);
    if (lo.size < 8)
        fput(img, hi, (uint64_t)t >> 32);
}

static void perm_out(uint8_t *img, SysField at, const struct ipc_perm *p)
{
    uint8_t *q = img + at.off;
    fput(q, L->ipc64_perm.key, (uint32_t)p->__key);
    fput(q, L->ipc64_perm.uid, p->uid);
    fput(q, L->ipc64_perm.gid, p->gid);
    fput(q, L->ipc64_perm.cuid, p->cuid);
    fput(q, L->ipc64_perm.cgid, p->cgid);
    fput(q, L->ipc64_perm.mode, p->mode);
    fput(q, L->ipc64_perm.seq, p->__seq);
}

/* IPC_SET reads uid, gid and mode only (ipc/util.c: ipc_update_perm). */
static void perm_in(const uint8_t *img, SysField at, struct ipc_perm *p)
{
    const uint8_t *q = img + at.off;
    p->uid = (uid_t)fget(q, L->ipc64_perm.uid);
    p->gid = (gid_t)fget(q, L->ipc64_perm.gid);
    p->mode = (mode_t)fget(q, L->ipc64_perm.mode);
}

static int64_t old_layout(const char *what)
{
    sys_warn_once("ipcold", 0, "NYI: %s without IPC_64 (old structure layout)", what);
    return -EINVAL;
}

/* ---- semaphores ------------------------------------------------------------------ */

int64_t sys_semget(SysCtx *c)
{
    uint64_t unknown;
    int fl = ipc_flags(c->a[2], KC_IPC, KC__COUNT, 0777, &unknown);
    fl |= (int)unknown;            /* ipc/sem.c ignores bits it does not know */
    return sys_ret(semget((key_t)c->a[0], (int)c->a[1], fl));
}

/* semop, semtimedop (V_TS32), semtimedop_time64 (V_TS64) */
int64_t sys_semtimedop(SysCtx *c)
{
    uint32_t n = (uint32_t)c->a[2];
    if (n == 0)
        return -EINVAL;
    if (n > 65536)                 /* far above SEMOPM; the host says E2BIG for less */
        return -E2BIG;
    struct timespec ts, *tsp = NULL;
    int r;
    if (c->sc->variant != V_NONE && c->a[3]) {
        if ((r = sys_timespec_in((GuestAddr)c->a[3], c->sc->variant == V_TS64, &ts)) < 0)
            return r;
        tsp = &ts;
    }
    uint32_t esz = L->sembuf.bytes;
    const uint8_t *g = sys_gbuf((GuestAddr)c->a[1], n * esz, PROT_READ, &r);
    if (!g)
        return r;
    struct sembuf *ops = calloc(n, sizeof *ops);
    if (!ops)
        return -ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = g + i * esz;
        uint64_t unknown;
        ops[i].sem_num = (unsigned short)fget(e, L->sembuf.num);
        ops[i].sem_op = (short)fget(e, L->sembuf.op);
        ops[i].sem_flg = (short)ipc_flags((int16_t)fget(e, L->sembuf.flg), KC_IPC, KC_SEMFL, 0,
                                          &unknown);
    }
    int64_t ret = sys_ret(semtimedop((int)c->a[0], ops, n, tsp));
    free(ops);
    return ret;
}

union xbt_semun { int val; struct semid_ds *buf; unsigned short *array; struct seminfo *info; };

static int64_t sem_nsems(int id)
{
    struct semid_ds ds;
    union xbt_semun u = { .buf = &ds };
    if (semctl(id, 0, IPC_STAT, u) < 0)
        return -errno;
    return (int64_t)ds.sem_nsems;
}

int64_t sys_semctl(SysCtx *c)
{
    int id = (int)c->a[0], num = (int)c->a[1];
    bool v64;
    int cmd = ipc_cmd(c->a[2], &v64);
    uint32_t arg = (uint32_t)c->a[3];
    int k = ipc_kcmd(cmd, KC_SEMCMD);
    uint8_t img[SYS_IMG_MAX];
    union xbt_semun u;
    int r;
    if (k < 0)
        return -EINVAL;
    int hcmd = (int)sys_k[k].host;
    switch (k) {
    case K_IPC_STAT: case K_SEM_STAT: case K_SEM_STAT_ANY: {
        if (!v64)
            return old_layout("semctl");
        struct semid_ds ds;
        u.buf = &ds;
        int64_t ret = sys_ret(semctl(id, num, hcmd, u));
        if (ret < 0)
            return ret;
        memset(img, 0, sizeof img);
        perm_out(img, L->semid64_ds.perm, &ds.sem_perm);
        put_time(img, L->semid64_ds.otime, L->semid64_ds.otime_high, ds.sem_otime);
        put_time(img, L->semid64_ds.ctime, L->semid64_ds.ctime_high, ds.sem_ctime);
        fput(img, L->semid64_ds.nsems, ds.sem_nsems);
        r = sys_copy_out(arg, img, L->semid64_ds.bytes);
        return r < 0 ? r : ret;
    }
    case K_IPC_SET: {
        if (!v64)
            return old_layout("semctl");
        struct semid_ds ds;
        memset(&ds, 0, sizeof ds);
        if ((r = sys_copy_in(img, arg, L->semid64_ds.bytes)) < 0)
            return r;
        perm_in(img, L->semid64_ds.perm, &ds.sem_perm);
        u.buf = &ds;
        return sys_ret(semctl(id, num, hcmd, u));
    }
    case K_IPC_INFO: case K_SEM_INFO: {
        struct seminfo si;
        u.info = &si;
        int64_t ret = sys_ret(semctl(id, num, hcmd, u));
        if (ret < 0)
            return ret;
        memset(img, 0, sizeof img);
        fput(img, L->seminfo.semmap, (uint32_t)si.semmap);
        fput(img, L->seminfo.semmni, (uint32_t)si.semmni);
        fput(img, L->seminfo.semmns, (uint32_t)si.semmns);
        fput(img, L->seminfo.semmnu, (uint32_t)si.semmnu);
        fput(img, L->seminfo.semmsl, (uint32_t)si.semmsl);
        fput(img, L->seminfo.semopm, (uint32_t)si.semopm);
        fput(img, L->seminfo.semume, (uint32_t)si.semume);
        fput(img, L->seminfo.semusz, (uint32_t)si.semusz);
        fput(img, L->seminfo.semvmx, (uint32_t)si.semvmx);
        fput(img, L->seminfo.semaem, (uint32_t)si.semaem);
        r = sys_copy_out(arg, img, L->seminfo.bytes);
        return r < 0 ? r : ret;
    }
    case K_GETALL: case K_SETALL: {
        int64_t n = sem_nsems(id);
        if (n < 0)
            return n;
        unsigned short *vals = calloc((size_t)n + 1, sizeof *vals);
        if (!vals)
            return -ENOMEM;
        uint8_t *g = sys_gbuf(arg, (uint32_t)n * 2, k == K_GETALL ? PROT_WRITE : PROT_READ, &r);
        int64_t ret = r;
        if (g) {
            if (k == K_SETALL)
                for (int64_t i = 0; i < n; i++)
                    vals[i] = (unsigned short)sys_ld(g + 2 * i, 2);
            u.array = vals;
            ret = sys_ret(semctl(id, num, hcmd, u));
            if (ret >= 0 && k == K_GETALL)
                for (int64_t i = 0; i < n; i++)
                    sys_st(g + 2 * i, 2, vals[i]);
        }
        free(vals);
        return ret;
    }
    case K_SETVAL:
        u.val = (int)arg;
        return sys_ret(semctl(id, num, hcmd, u));
    default:                    /* IPC_RMID, GETVAL, GETPID, GETNCNT, GETZCNT */
        return sys_ret(semctl(id, num, hcmd));
    }
}

/* ---- shared memory ------------------------------------------------------------- */

typedef struct ShmAttach { GuestAddr addr; uint32_t len; } ShmAttach;
static ShmAttach *shm_att;
static size_t shm_natt, shm_cap;
static pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;

int64_t sys_shmget(SysCtx *c)
{
    uint64_t unknown;
    int fl = ipc_flags(c->a[2], KC_IPC, KC_SHMFL, 0777, &unknown);
    fl |= (int)unknown;            /* ipc/shm.c ignores bits it does not know */
    return sys_ret(shmget((key_t)c->a[0], (size_t)(uint32_t)c->a[1], fl));
}

int64_t sys_shmat(SysCtx *c)
{
    int id = (int)c->a[0];
    GuestAddr addr = (GuestAddr)c->a[1];
    uint64_t unknown;
    int fl = ipc_flags(c->a[2], KC_SHMFL, KC__COUNT, 0, &unknown);   /* unknown bits: ignored */
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) < 0)
        return -errno;
    uint64_t len64 = ((uint64_t)ds.shm_segsz + GUEST_PAGE_MASK) & ~(uint64_t)GUEST_PAGE_MASK;
    if (len64 == 0 || len64 >= GUEST_WINDOW)
        return -EINVAL;
    uint32_t len = (uint32_t)len64;
    if (addr & GUEST_PAGE_MASK) {
        if (!(fl & SHM_RND))
            return -EINVAL;
        addr &= ~GUEST_PAGE_MASK;       /* NYI: SHMLBA above a page */
    }
    int prot = (fl & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE;
    if (fl & SHM_EXEC)
        prot |= PROT_EXEC;
    int mflags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    bool had_code = false;
    if (!addr) {
        if (!(addr = gm_find_free(len, 0)))
            return -ENOMEM;
        mflags |= MAP_FIXED_NOREPLACE;
    } else if (fl & SHM_REMAP) {
        mflags |= MAP_FIXED;
        for (uint64_t p = addr; p < (uint64_t)addr + len && p < GUEST_WINDOW; p += GUEST_PAGE_SIZE)
            had_code |= (gm_page_flags((GuestAddr)p) & GM_CODE) != 0;
    } else {
        mflags |= MAP_FIXED_NOREPLACE;
    }
    GuestAddr a = addr;
    int r = gm_mmap(&a, len, prot, mflags, -1, 0);
    if (r < 0)
        return r == -EEXIST ? -EINVAL : r;
    void *p = shmat(id, g2h(a), (fl & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP);
    if (p == (void *)-1) {
        int e = errno;
        gm_munmap(a, len);
        return -e;
    }
    if (had_code)
        rt_code_invalidate(a, len);
    pthread_mutex_lock(&shm_lock);
    if (shm_natt == shm_cap) {
        size_t ncap = shm_cap ? 2 * shm_cap : 16;
        ShmAttach *n = realloc(shm_att, ncap * sizeof *n);
        if (n) {
            shm_att = n;
            shm_cap = ncap;
        }
    }
    if (shm_natt < shm_cap)
        shm_att[shm_natt++] = (ShmAttach){ a, len };
    pthread_mutex_unlock(&shm_lock);
    return a;
}

int64_t sys_shmdt(SysCtx *c)
{
    GuestAddr a = (GuestAddr)c->a[0];
    uint32_t len = 0;
    if (a & GUEST_PAGE_MASK)
        return -EINVAL;
    pthread_mutex_lock(&shm_lock);
    for (size_t i = 0; i < shm_natt; i++)
        if (shm_att[i].addr == a) {
            len = shm_att[i].len;
            shm_att[i] = shm_att[--shm_natt];
            break;
        }
    pthread_mutex_unlock(&shm_lock);
    if (!len || shmdt(g2h(a)) < 0)
        return -EINVAL;
    return gm_munmap(a, len);
}

int64_t sys_shmctl(SysCtx *c)
{
    int id = (int)c->a[0];
    bool v64;
    int cmd = ipc_cmd(c->a[1], &v64);
    GuestAddr buf = (GuestAddr)c->a[2];
    int k = ipc_kcmd(cmd, KC_SHMCMD);
    uint8_t img[SYS_IMG_MAX];
    int r;
    if (k < 0)
        return -EINVAL;
    int hcmd = (int)sys_k[k].host;
    memset(img, 0, sizeof img);
    switch (k) {
    case K_IPC_STAT: case K_SHM_STAT: case K_SHM_STAT_ANY: {
        if (!v64)
            return old_layout("shmctl");
        struct shmid_ds ds;
        int64_t ret = sys_ret(shmctl(id, hcmd, &ds));
        if (ret < 0)
            return ret;
        perm_out(img, L->shmid64_ds.perm, &ds.shm_perm);
        fput(img, L->shmid64_ds.segsz, ds.shm_segsz);
        put_time(img, L->shmid64_ds.atime, L->shmid64_ds.atime_high, ds.shm_atime);
        put_time(img, L->shmid64_ds.dtime, L->shmid64_ds.dtime_high, ds.shm_dtime);
        put_time(img, L->shmid64_ds.ctime, L->shmid64_ds.ctime_high, ds.shm_ctime);
        fput(img, L->shmid64_ds.cpid, (uint32_t)ds.shm_cpid);
        fput(img, L->shmid64_ds.lpid, (uint32_t)ds.shm_lpid);
        fput(img, L->shmid64_ds.nattch, ds.shm_nattch);
        r = sys_copy_out(buf, img, L->shmid64_ds.bytes);
        return r < 0 ? r : ret;
    }
    case K_IPC_SET: {
        if (!v64)
            return old_layout("shmctl");
        struct shmid_ds ds;
        memset(&ds, 0, sizeof ds);
        if ((r = sys_copy_in(img, buf, L->shmid64_ds.bytes)) < 0)
            return r;
        perm_in(img, L->shmid64_ds.perm, &ds.shm_perm);
        return sys_ret(shmctl(id, hcmd, &ds));
    }
    case K_IPC_INFO: {
        struct shminfo si;
        int64_t ret = sys_ret(shmctl(id, hcmd, (struct shmid_ds *)&si));
        if (ret < 0)
            return ret;
        /* 32-bit unsigned long: the kernel clamps (ipc/shm.c: copy_shminfo_to_user) */
        fput(img, L->shminfo64.shmmax, si.shmmax > UINT32_MAX ? UINT32_MAX : si.shmmax);
        fput(img, L->shminfo64.shmmin, si.shmmin);
        fput(img, L->shminfo64.shmmni, si.shmmni);
        fput(img, L->shminfo64.shmseg, si.shmseg);
        fput(img, L->shminfo64.shmall, si.shmall > UINT32_MAX ? UINT32_MAX : si.shmall);
        r = sys_copy_out(buf, img, L->shminfo64.bytes);
        return r < 0 ? r : ret;
    }
    case K_SHM_INFO: {
        struct shm_info si;
        int64_t ret = sys_ret(shmctl(id, hcmd, (struct shmid_ds *)&si));
        if (ret < 0)
            return ret;
        fput(img, L->shm_info.used_ids, (uint32_t)si.used_ids);
        fput(img, L->shm_info.shm_tot, si.shm_tot);
        fput(img, L->shm_info.shm_rss, si.shm_rss);
        fput(img, L->shm_info.shm_swp, si.shm_swp);
        fput(img, L->shm_info.swap_attempts, si.swap_attempts);
        fput(img, L->shm_info.swap_successes, si.swap_successes);
        r = sys_copy_out(buf, img, L->shm_info.bytes);
        return r < 0 ? r : ret;
    }
    default:                    /* IPC_RMID, SHM_LOCK, SHM_UNLOCK */
        return sys_ret(shmctl(id, hcmd, NULL));
    }
}

/* ---- message queues ------------------------------------------------------------------ */

int64_t sys_msgget(SysCtx *c)
{
    uint64_t unknown;
    int fl = ipc_flags(c->a[1], KC_IPC, KC__COUNT, 0777, &unknown);
    fl |= (int)unknown;            /* ipc/msg.c ignores bits it does not know */
    return sys_ret(msgget((key_t)c->a[0], fl));
}

/* Guest struct msgbuf: a 32-bit long mtype, then the text. */
int64_t sys_msgsnd(SysCtx *c)
{
    uint32_t sz = (uint32_t)c->a[2];
    uint64_t unknown;
    int fl = ipc_flags(c->a[3], KC_IPC, KC_MSGFL, 0, &unknown);
    int r;
    if ((int32_t)sz < 0)
        return -EINVAL;
    const uint8_t *g = sys_gbuf((GuestAddr)c->a[1], 4 + sz, PROT_READ, &r);
    if (!g)
        return r;
    long *hb = malloc(sizeof(long) + sz + 1);
    if (!hb)
        return -ENOMEM;
    hb[0] = (int32_t)ld_g32(g);
    memcpy(hb + 1, g + 4, sz);
    int64_t ret = sys_ret(msgsnd((int)c->a[0], hb, sz, fl));
    free(hb);
    return ret;
}

static int64_t do_msgrcv(int id, GuestAddr msgp, uint32_t sz, int32_t typ, int64_t gflags)
{
    uint64_t unknown;
    int fl = ipc_flags(gflags, KC_IPC, KC_MSGFL, 0, &unknown);
    int r;
    if ((int32_t)sz < 0)
        return -EINVAL;
    uint8_t *g = sys_gbuf(msgp, 4 + sz, PROT_WRITE, &r);
    if (!g)
        return r;
    long *hb = malloc(sizeof(long) + sz + 1);
    if (!hb)
        return -ENOMEM;
    int64_t ret = sys_ret(msgrcv(id, hb, sz, typ, fl));
    if (ret >= 0) {
        st_g32(g, (uint32_t)hb[0]);
        memcpy(g + 4, hb + 1, (size_t)ret);
    }
    free(hb);
    return ret;
}

int64_t sys_msgrcv(SysCtx *c)
{
    return do_msgrcv((int)c->a[0], (GuestAddr)c->a[1], (uint32_t)c->a[2], (int32_t)c->a[3], c->a[4]);
}

int64_t sys_msgctl(SysCtx *c)
{
    int id = (int)c->a[0];
    bool v64;
    int cmd = ipc_cmd(c->a[1], &v64);
    GuestAddr buf = (GuestAddr)c->a[2];
    int k = ipc_kcmd(cmd, KC_MSGCMD);
    uint8_t img[SYS_IMG_MAX];
    int r;
    if (k < 0)
        return -EINVAL;
    int hcmd = (int)sys_k[k].host;
    memset(img, 0, sizeof img);
    switch (k) {
    case K_IPC_STAT: case K_MSG_STAT: case K_MSG_STAT_ANY: {
        if (!v64)
            return old_layout("msgctl");
        struct msqid_ds ds;
        int64_t ret = sys_ret(msgctl(id, hcmd, &ds));
        if (ret < 0)
            return ret;
        perm_out(img, L->msqid64_ds.perm, &ds.msg_perm);
        put_time(img, L->msqid64_ds.stime, L->msqid64_ds.stime_high, ds.msg_stime);
        put_time(img, L->msqid64_ds.rtime, L->msqid64_ds.rtime_high, ds.msg_rtime);
        put_time(img, L->msqid64_ds.ctime, L->msqid64_ds.ctime_high, ds.msg_ctime);
        fput(img, L->msqid64_ds.cbytes, ds.__msg_cbytes);
        fput(img, L->msqid64_ds.qnum, ds.msg_qnum);
        fput(img, L->msqid64_ds.qbytes, ds.msg_qbytes);
        fput(img, L->msqid64_ds.lspid, (uint32_t)ds.msg_lspid);
        fput(img, L->msqid64_ds.lrpid, (uint32_t)ds.msg_lrpid);
        r = sys_copy_out(buf, img, L->msqid64_ds.bytes);
        return r < 0 ? r : ret;
    }
    case K_IPC_SET: {
        if (!v64)
            return old_layout("msgctl");
        struct msqid_ds ds;
        memset(&ds, 0, sizeof ds);
        if ((r = sys_copy_in(img, buf, L->msqid64_ds.bytes)) < 0)
            return r;
        perm_in(img, L->msqid64_ds.perm, &ds.msg_perm);
        ds.msg_qbytes = (msglen_t)fget(img, L->msqid64_ds.qbytes);
        return sys_ret(msgctl(id, hcmd, &ds));
    }
    case K_IPC_INFO: case K_MSG_INFO: {
        struct msginfo mi;
        int64_t ret = sys_ret(msgctl(id, hcmd, (struct msqid_ds *)&mi));
        if (ret < 0)
            return ret;
        fput(img, L->msginfo.msgpool, (uint32_t)mi.msgpool);
        fput(img, L->msginfo.msgmap, (uint32_t)mi.msgmap);
        fput(img, L->msginfo.msgmax, (uint32_t)mi.msgmax);
        fput(img, L->msginfo.msgmnb, (uint32_t)mi.msgmnb);
        fput(img, L->msginfo.msgmni, (uint32_t)mi.msgmni);
        fput(img, L->msginfo.msgssz, (uint32_t)mi.msgssz);
        fput(img, L->msginfo.msgtql, (uint32_t)mi.msgtql);
        fput(img, L->msginfo.msgseg, mi.msgseg);
        r = sys_copy_out(buf, img, L->msginfo.bytes);
        return r < 0 ? r : ret;
    }
    default:                    /* IPC_RMID */
        return sys_ret(msgctl(id, hcmd, NULL));
    }
}

/* ---- ipc(2): the multiplexer ---------------------------------------------------------- */

/* Runs handler fn with a context whose arguments are a0..a4 and whose
 * descriptor's variant is `variant`. */
static int64_t ipc_sub(SysCtx *c, SysFn *fn, uint16_t variant, int64_t a0, int64_t a1, int64_t a2,
                       int64_t a3, int64_t a4)
{
    SysCall sc = *c->sc;
    SysCtx sub = *c;
    sc.variant = variant;
    sub.sc = &sc;
    sub.a[0] = a0; sub.a[1] = a1; sub.a[2] = a2; sub.a[3] = a3; sub.a[4] = a4; sub.a[5] = 0;
    return fn(&sub);
}

/* ipc(call, first, second, third, ptr, fifth) */
int64_t sys_ipc(SysCtx *c)
{
    uint32_t call = (uint32_t)c->a[0] & 0xffff, version = (uint32_t)c->a[0] >> 16;
    int64_t first = (int32_t)c->a[1], second = (int32_t)c->a[2], third = (int32_t)c->a[3];
    GuestAddr ptr = (GuestAddr)c->a[4];
    int64_t fifth = (int32_t)c->a[5];
    uint8_t w[8];
    int r;
    if (call == gk(K_SEMOP))
        return ipc_sub(c, sys_semtimedop, V_NONE, first, ptr, second, 0, 0);
    if (call == gk(K_SEMTIMEDOP))   /* old_timespec32 (ipc/syscall.c) */
        return ipc_sub(c, sys_semtimedop, V_TS32, first, ptr, second, (uint32_t)fifth, 0);
    if (call == gk(K_SEMGET))
        return ipc_sub(c, sys_semget, V_NONE, first, second, third, 0, 0);
    if (call == gk(K_SEMCTL)) {
        if (!ptr)
            return -EINVAL;
        if ((r = sys_copy_in(w, ptr, 4)) < 0)
            return r;
        return ipc_sub(c, sys_semctl, V_NONE, first, second, third, ld_g32(w), 0);
    }
    if (call == gk(K_MSGSND))
        return ipc_sub(c, sys_msgsnd, V_NONE, first, ptr, second, third, 0);
    if (call == gk(K_MSGRCV)) {
        if (version == 0) {         /* struct ipc_kludge { msgp; msgtyp; } */
            if (!ptr)
                return -EINVAL;
            if ((r = sys_copy_in(w, ptr, 8)) < 0)
                return r;
            return do_msgrcv((int)first, ld_g32(w), (uint32_t)second, (int32_t)ld_g32(w + 4), third);
        }
        return do_msgrcv((int)first, ptr, (uint32_t)second, (int32_t)fifth, third);
    }
    if (call == gk(K_MSGGET))
        return ipc_sub(c, sys_msgget, V_NONE, first, second, 0, 0, 0);
    if (call == gk(K_MSGCTL))
        return ipc_sub(c, sys_msgctl, V_NONE, first, second, ptr, 0, 0);
    if (call == gk(K_SHMAT)) {
        if (version == 1)
            return -EINVAL;         /* NYI: iBCS2 shmat */
        int64_t a = ipc_sub(c, sys_shmat, V_NONE, first, ptr, second, 0, 0);
        if (a < 0)
            return a;
        st_g32(w, (uint32_t)a);
        return sys_copy_out((GuestAddr)third, w, 4);
    }
    if (call == gk(K_SHMDT))
        return ipc_sub(c, sys_shmdt, V_NONE, ptr, 0, 0, 0, 0);
    if (call == gk(K_SHMGET))
        return ipc_sub(c, sys_shmget, V_NONE, first, (uint32_t)second, third, 0, 0);
    if (call == gk(K_SHMCTL))
        return ipc_sub(c, sys_shmctl, V_NONE, first, second, ptr, 0, 0);
    return -ENOSYS;
}
