/* System V IPC: semaphores, shared memory and message queues, in one
 * process and between a parent and a forked child; the *ctl structures
 * read back through IPC_STAT.  (glibc reaches them through ipc(2) on MIPS
 * o32 and PowerPC and through the separate calls on ARM EABI.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static const char *ename(int e)
{
    switch (e) {
    case EINVAL: return "EINVAL";
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    case EAGAIN: return "EAGAIN";
    case ENOMSG: return "ENOMSG";
    case E2BIG: return "E2BIG";
    case EIDRM: return "EIDRM";
    case EACCES: return "EACCES";
    default: return "other";
    }
}

static void test_sem(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    if (id < 0) { printf("semget: %s\n", ename(errno)); return; }
    unsigned short init[3] = { 1, 5, 0 }, out[3];
    union semun u = { .array = init };
    printf("SETALL: %d\n", semctl(id, 0, SETALL, u));
    u.array = out;
    semctl(id, 0, GETALL, u);
    printf("GETALL: %u %u %u\n", out[0], out[1], out[2]);
    u.val = 7;
    semctl(id, 2, SETVAL, u);
    printf("GETVAL 2: %d\n", semctl(id, 2, GETVAL));
    struct sembuf ops[2] = { { 0, -1, 0 }, { 1, 3, SEM_UNDO } };
    printf("semop: %d\n", semop(id, ops, 2));
    printf("vals: %d %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL), semctl(id, 2, GETVAL));
    struct sembuf wait0 = { 0, -1, IPC_NOWAIT };
    int r = semop(id, &wait0, 1);
    printf("nowait on 0: %d %s\n", r, r < 0 ? ename(errno) : "");
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    r = semtimedop(id, &wait0 /* without NOWAIT below */, 1, &ts);
    struct sembuf w2 = { 0, -1, 0 };
    r = semtimedop(id, &w2, 1, &ts);
    printf("timed wait on 0: %d %s\n", r, r < 0 ? ename(errno) : "");
    printf("GETPID is ours: %d\n", semctl(id, 1, GETPID) == getpid());

    struct semid_ds ds;
    u.buf = &ds;
    semctl(id, 0, IPC_STAT, u);
    printf("IPC_STAT: nsems %lu mode %o uid ok %d otime set %d\n", (unsigned long)ds.sem_nsems,
           ds.sem_perm.mode & 0777, ds.sem_perm.uid == getuid(),
           ds.sem_otime > 1600000000 && ds.sem_otime < 4000000000LL);
    ds.sem_perm.mode = 0640;
    semctl(id, 0, IPC_SET, u);
    semctl(id, 0, IPC_STAT, u);
    printf("after IPC_SET: mode %o\n", ds.sem_perm.mode & 0777);

    /* a child blocks on semaphore 2 (value 0 after we take it) until we post */
    u.val = 0;
    semctl(id, 2, SETVAL, u);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf take = { 2, -1, 0 };
        int rr = semop(id, &take, 1);
        _exit(rr == 0 ? 42 : 1);
    }
    int waiters = 0;
    for (int i = 0; i < 1000 && waiters == 0; i++) {     /* up to 10 s on a loaded machine */
        usleep(10 * 1000);
        waiters = semctl(id, 2, GETNCNT);
    }
    printf("waiters on 2: %d\n", waiters);
    struct sembuf post = { 2, 1, 0 };
    semop(id, &post, 1);
    int st;
    waitpid(pid, &st, 0);
    printf("child: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    printf("IPC_RMID: %d\n", semctl(id, 0, IPC_RMID));
    r = semctl(id, 0, GETVAL);
    printf("after rm: %d %s\n", r, r < 0 ? ename(errno) : "");
}

static void test_shm(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    if (id < 0) { printf("shmget: %s\n", ename(errno)); return; }
    char *p = shmat(id, NULL, 0);
    if (p == (void *)-1) { printf("shmat: %s\n", ename(errno)); return; }
    strcpy(p, "hello shm");
    p[9999] = 'z';
    char *q = shmat(id, NULL, SHM_RDONLY);
    printf("second attach sees: %s %c, distinct %d\n", q, q[9999], p != q);
    struct shmid_ds ds;
    shmctl(id, IPC_STAT, &ds);
    printf("IPC_STAT: segsz %lu nattch %lu mode %o cpid ok %d atime set %d\n",
           (unsigned long)ds.shm_segsz, (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777,
           ds.shm_cpid == getpid(), ds.shm_atime > 1600000000);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        strcpy(p, "written by the child");
        shmdt(p);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    printf("after child: %s\n", q);
    printf("shmdt q: %d\n", shmdt(q));
    int r = shmdt(q);
    printf("shmdt again: %d %s\n", r, r < 0 ? ename(errno) : "");
    shmctl(id, IPC_STAT, &ds);
    printf("nattch now %lu\n", (unsigned long)ds.shm_nattch);

    /* at a chosen address, and SHM_REMAP over it */
    /* a free, 1 MiB-aligned address (SHMLBA on every guest divides it) */
    void *hole = mmap(NULL, 0x200000, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *want = (char *)(((unsigned long)hole + 0xfffffUL) & ~0xfffffUL);
    munmap(hole, 0x200000);
    char *a = shmat(id, want, 0);
    printf("at address: %d %s\n", a == want, a == want ? a : "");
    char *b = shmat(id, want, 0);
    printf("over it without SHM_REMAP: %s\n", b == (void *)-1 ? ename(errno) : "mapped");
    b = shmat(id, want, SHM_REMAP);
    printf("with SHM_REMAP: %d\n", b == want);
    r = (int)(long)shmat(id, want + 1, 0);
    printf("misaligned: %s\n", r == -1 ? ename(errno) : "mapped");
    shmdt(p);
    shmdt(want);
    shmctl(id, IPC_RMID, NULL);
    struct shminfo si;
    r = shmctl(0, IPC_INFO, (struct shmid_ds *)&si);
    printf("IPC_INFO: %d shmmni>0 %d\n", r >= 0, si.shmmni > 0);
}

struct msg { long mtype; char text[64]; };

static void test_msg(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (id < 0) { printf("msgget: %s\n", ename(errno)); return; }
    struct msg m = { 2, "second type" };
    msgsnd(id, &m, strlen(m.text) + 1, 0);
    m.mtype = 1;
    strcpy(m.text, "first type");
    msgsnd(id, &m, strlen(m.text) + 1, 0);
    m.mtype = 3;
    strcpy(m.text, "third");
    msgsnd(id, &m, strlen(m.text) + 1, 0);
    struct msqid_ds ds;
    msgctl(id, IPC_STAT, &ds);
    printf("IPC_STAT: qnum %lu cbytes %lu lspid ok %d stime set %d\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, ds.msg_lspid == getpid(), ds.msg_stime > 1600000000);
    struct msg r;
    long n = msgrcv(id, &r, sizeof r.text, 1, 0);
    printf("type 1: %ld %ld %s\n", n, r.mtype, r.text);
    n = msgrcv(id, &r, sizeof r.text, -2, 0);
    printf("type <= 2: %ld %ld %s\n", n, r.mtype, r.text);
    n = msgrcv(id, &r, 3, 0, 0);
    printf("too small: %ld %s\n", n, n < 0 ? ename(errno) : "");
    n = msgrcv(id, &r, 3, 0, MSG_NOERROR);
    printf("MSG_NOERROR: %ld %ld %.3s\n", n, r.mtype, r.text);
    n = msgrcv(id, &r, sizeof r.text, 0, IPC_NOWAIT);
    printf("empty: %ld %s\n", n, n < 0 ? ename(errno) : "");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct msg c = { 9, "from the child" };
        usleep(30 * 1000);
        msgsnd(id, &c, sizeof c.text, 0);
        _exit(0);
    }
    n = msgrcv(id, &r, sizeof r.text, 9, 0);
    printf("blocking receive: %ld %ld %s\n", n, r.mtype, r.text);
    waitpid(pid, NULL, 0);
    ds.msg_qbytes = 4096;
    printf("IPC_SET: %d\n", msgctl(id, IPC_SET, &ds));
    msgctl(id, IPC_STAT, &ds);
    printf("qbytes %lu lrpid ok %d\n", (unsigned long)ds.msg_qbytes, ds.msg_lrpid == getpid());
    printf("IPC_RMID: %d\n", msgctl(id, IPC_RMID, NULL));
    n = msgsnd(id, &m, 4, 0);
    printf("after rm: %ld %s\n", n, n < 0 ? ename(errno) : "");
}

/* The separate calls where glibc uses ipc(2) (MIPS o32, PowerPC: Linux
 * 5.1 gave them their own numbers) */
static void test_direct(void)
{
#if defined(SYS_shmget) && defined(SYS_semget) && defined(SYS_msgget)
    long id = syscall(SYS_shmget, IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    char *p = (char *)syscall(SYS_shmat, id, NULL, 0);
    int ok = id >= 0 && p != (char *)-1;
    if (ok) {
        p[100] = 9;
        ok = syscall(SYS_shmdt, p) == 0 && syscall(SYS_shmctl, id, IPC_RMID, NULL) == 0;
    }
    long sid = syscall(SYS_semget, IPC_PRIVATE, 1, IPC_CREAT | 0600);
    ok = ok && sid >= 0 && syscall(SYS_semctl, sid, 0, IPC_RMID, 0) == 0;
    long mid = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
    ok = ok && mid >= 0 && syscall(SYS_msgctl, mid, IPC_RMID, NULL) == 0;
    printf("direct syscalls: %d\n", ok);
#else
    printf("direct syscalls: %d\n", 1);
#endif
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_sem();
    test_shm();
    test_msg();
    test_direct();
    return 0;
}
