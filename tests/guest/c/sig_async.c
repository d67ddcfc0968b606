/* sig_async.c - asynchronous signals: SIGALRM ending a busy loop, blocking
 * calls (pipe read, nanosleep, waitpid, sem_wait, pause, sigsuspend)
 * interrupted with and without SA_RESTART, a blocked signal left pending
 * and delivered when unblocked, signals sent by a child process and by
 * another thread to a thread blocked in read.
 * CFLAGS: -pthread
 * TIMEOUT: 30
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits, usr1, usr2;
static int pfd[2];

static void on_alrm(int s)
{
    (void)s;
    hits++;
}

static void on_alrm_write(int s)
{
    (void)s;
    hits++;
    if (write(pfd[1], "r", 1) != 1)
        _exit(3);
}

static void on_usr1(int s) { (void)s; usr1++; }
static void on_usr2(int s) { (void)s; usr2++; }

static void set(int sig, void (*h)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Periodic: a tick that comes before the blocking call starts (a loaded
 * machine) is lost to it as on a real kernel; the next one interrupts it. */
static void timer_ms(int ms)
{
    struct itimerval it = { { ms / 1000, (ms % 1000) * 1000 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void timer_off(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void busy_loop(void)
{
    hits = 0;
    set(SIGALRM, on_alrm, 0);
    timer_ms(50);
    volatile unsigned long n = 0;
    while (!hits)
        n++;
    timer_off();
    printf("busy loop: ended by SIGALRM, spun=%s\n", n > 0 ? "yes" : "no");
}

static void pipe_read(int restart)
{
    char c = 0;
    hits = 0;
    if (pipe(pfd) < 0)
        exit(2);
    set(SIGALRM, on_alrm_write, restart ? SA_RESTART : 0);
    timer_ms(50);
    ssize_t n = read(pfd[0], &c, 1);
    int e = errno;
    while (!restart && n == 1) {        /* a tick before the read filled the pipe */
        n = read(pfd[0], &c, 1);
        e = errno;
    }
    timer_off();
    printf("read %s SA_RESTART: n=%d %s hits>0=%d\n", restart ? "with" : "without", (int)n,
           n < 0 ? (e == EINTR ? "EINTR" : strerror(e)) : (c == 'r' ? "got r" : "got ?"), hits > 0);
    close(pfd[0]);
    close(pfd[1]);
}

static void sleeps(void)
{
    hits = 0;
    set(SIGALRM, on_alrm, SA_RESTART);
    timer_ms(50);
    struct timespec req = { 5, 0 }, rem = { 0, 0 };
    int r = nanosleep(&req, &rem);
    int e = errno;
    timer_off();
    printf("nanosleep with SA_RESTART: r=%d %s rem>0=%d rem<5s=%d hits>0=%d\n", r,
           r < 0 && e == EINTR ? "EINTR" : "?", rem.tv_sec > 0 || rem.tv_nsec > 0,
           rem.tv_sec < 5, hits > 0);
}

static void waits(void)
{
    hits = 0;
    pid_t pid = fork();
    if (pid == 0) {
        sleep(3);
        _exit(7);
    }
    set(SIGALRM, on_alrm, 0);
    timer_ms(50);
    int st = 0;
    pid_t r = waitpid(pid, &st, 0);
    int e = errno;
    timer_off();
    printf("waitpid without SA_RESTART: %s hits>0=%d\n", r < 0 && e == EINTR ? "EINTR" : "?",
           hits > 0);
    kill(pid, SIGKILL);
    r = waitpid(pid, &st, 0);
    printf("child killed: %d\n", r == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

    sem_t sem;
    sem_init(&sem, 0, 0);
    hits = 0;
    timer_ms(50);
    int s = sem_wait(&sem);
    e = errno;
    timer_off();
    printf("sem_wait: %s hits>0=%d\n", s < 0 && e == EINTR ? "EINTR" : "?", hits > 0);
    sem_destroy(&sem);
}

static void masks(void)
{
    sigset_t b, old, pend;
    sigemptyset(&b);
    sigaddset(&b, SIGALRM);
    set(SIGALRM, on_alrm, 0);
    sigprocmask(SIG_BLOCK, &b, &old);
    hits = 0;
    struct itimerval one = { { 0, 0 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &one, NULL);
    struct timespec t = { 0, 100 * 1000000 };
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        ;
    sigpending(&pend);
    printf("blocked: hits=%d pending=%d\n", (int)hits, sigismember(&pend, SIGALRM));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: hits=%d\n", (int)hits);

    /* sigsuspend: the signal is blocked except while suspended */
    set(SIGUSR1, on_usr1, 0);
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, &old);
    pid_t pid = fork();
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    sigset_t wait;
    sigfillset(&wait);
    sigdelset(&wait, SIGUSR1);
    int r = sigsuspend(&wait);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("sigsuspend: r=%d %s usr1=%d mask restored=%d\n", r, errno == EINTR ? "EINTR" : "?",
           (int)usr1, sigismember(&now, SIGUSR1) == 1 && sigismember(&now, SIGUSR2) == 0);
    waitpid(pid, NULL, 0);
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* pause until a child's SIGUSR2 */
    set(SIGUSR2, on_usr2, 0);
    pid = fork();
    if (pid == 0) {
        for (;;) {                      /* until killed: one comes after pause() began */
            struct timespec d = { 0, 50 * 1000000 };
            nanosleep(&d, NULL);
            kill(getppid(), SIGUSR2);
        }
    }
    r = pause();
    printf("pause: r=%d %s usr2>0=%d\n", r, errno == EINTR ? "EINTR" : "?", usr2 > 0);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static volatile int reader_ready, reader_done;

static void *reader(void *arg)
{
    int *fds = arg;
    char c;
    reader_ready = 1;
    ssize_t n = read(fds[0], &c, 1);
    reader_done = 1;
    return (void *)(long)(n < 0 && errno == EINTR ? 1 : 0);
}

static void threads(void)
{
    int fds[2];
    if (pipe(fds) < 0)
        exit(2);
    usr2 = 0;
    set(SIGUSR2, on_usr2, 0);
    pthread_t th;
    pthread_create(&th, NULL, reader, fds);
    while (!reader_ready)
        sched_yield();
    while (!reader_done) {              /* again until one comes during the read */
        struct timespec d = { 0, 50 * 1000000 };
        nanosleep(&d, NULL);
        pthread_kill(th, SIGUSR2);
    }
    void *ret;
    pthread_join(th, &ret);
    printf("thread read interrupted by pthread_kill: %ld usr2>0=%d\n", (long)ret, usr2 > 0);
    close(fds[0]);
    close(fds[1]);
}

/* Many short periodic timers racing blocking calls (a tick before the
 * call is lost to it, as on a real kernel, the next one interrupts it):
 * exercises signals landing anywhere in xbt's syscall path. */
static void races(void)
{
    int fds[2];
    if (pipe(fds) < 0)
        exit(2);
    set(SIGALRM, on_alrm, 0);
    sem_t sem;
    sem_init(&sem, 0, 0);
    int eintr = 0, n = 300;
    for (int i = 0; i < n; i++) {
        struct itimerval it = { { 0, 1000 }, { 0, 1 + (i * 37) % 700 } };
        char c;
        hits = 0;
        setitimer(ITIMER_REAL, &it, NULL);
        int r;
        switch (i % 3) {
        case 0:
            r = (int)read(fds[0], &c, 1);
            break;
        case 1:
            r = sem_wait(&sem);
            break;
        default: {
            struct timespec d = { 10, 0 };
            r = nanosleep(&d, NULL);
        }
        }
        if (r < 0 && errno == EINTR)
            eintr++;
    }
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("races: %d of %d interrupted\n", eintr, n);
    sem_destroy(&sem);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    busy_loop();
    pipe_read(0);
    pipe_read(1);
    sleeps();
    waits();
    masks();
    threads();
    races();
    printf("done\n");
    return 0;
}
