/* threads_many.c - many threads: 300 threads created and joined in waves
 * (their state is reclaimed), a mutex-protected counter, C11 atomics
 * (fetch_add, compare_exchange, an atomic_flag spinlock), a condition
 * variable ping-pong, futex timeouts (pthread_cond_timedwait, sem_timedwait,
 * pthread_mutex_timedlock), signals sent to other threads with
 * pthread_kill, FUTEX_WAKE_OP (its arithmetic on the guest's word, the
 * comparison, the second wake), and detached threads exiting while others
 * start.
 * CFLAGS: -pthread
 * TIMEOUT: 60
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { WAVES = 3, PER_WAVE = 100, ITER = 200, PINGS = 2000, ATHREADS = 8, AITER = 20000 };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static atomic_long acounter;

static void *worker(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int i = 0; i < ITER; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
        atomic_fetch_add_explicit(&acounter, 1, memory_order_relaxed);
    }
    return (void *)(intptr_t)(id * 2);
}

static void many(void)
{
    long sum = 0;
    for (int w = 0; w < WAVES; w++) {
        pthread_t th[PER_WAVE];
        for (long i = 0; i < PER_WAVE; i++)
            if (pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i) != 0) {
                printf("create failed\n");
                exit(1);
            }
        for (int i = 0; i < PER_WAVE; i++) {
            void *r;
            pthread_join(th[i], &r);
            sum += (long)(intptr_t)r;
        }
    }
    printf("%d threads: counter=%ld atomic=%ld returns=%ld\n", WAVES * PER_WAVE, counter,
           (long)atomic_load(&acounter), sum);
}

/* ---- C11 atomics ---- */
static atomic_int cas_counter;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static long spin_counter;
static atomic_uint down = 1000000;
static atomic_uint bits;

static void *atomics_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < AITER; i++) {
        int old = atomic_load(&cas_counter);
        while (!atomic_compare_exchange_weak(&cas_counter, &old, old + 1))
            ;
        while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
            ;
        spin_counter++;
        atomic_flag_clear_explicit(&spin, memory_order_release);
        atomic_fetch_sub(&down, 1);
        atomic_fetch_xor(&bits, 1u << (i & 31));
    }
    return NULL;
}

static void atomics(void)
{
    pthread_t th[ATHREADS];
    for (int i = 0; i < ATHREADS; i++)
        pthread_create(&th[i], NULL, atomics_worker, NULL);
    for (int i = 0; i < ATHREADS; i++)
        pthread_join(th[i], NULL);
    printf("atomics: cas=%d spin=%ld down=%u bits=%#x\n", atomic_load(&cas_counter), spin_counter,
           atomic_load(&down), atomic_load(&bits));
}

/* ---- condition variable ping-pong ---- */
static pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pc = PTHREAD_COND_INITIALIZER;
static int turn, rounds;

static void *ponger(void *arg)
{
    int me = (int)(intptr_t)arg;
    pthread_mutex_lock(&pm);
    while (rounds < PINGS) {
        while (turn != me && rounds < PINGS)
            pthread_cond_wait(&pc, &pm);
        if (rounds >= PINGS)
            break;
        rounds++;
        turn = !me;
        pthread_cond_broadcast(&pc);
    }
    pthread_mutex_unlock(&pm);
    return NULL;
}

static void pingpong(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, ponger, (void *)0);
    pthread_create(&b, NULL, ponger, (void *)1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("ping-pong: rounds=%d\n", rounds);
}

/* ---- futex timeouts ---- */
static void deadline(struct timespec *ts, clockid_t clk, long ms)
{
    clock_gettime(clk, ts);
    ts->tv_nsec += ms * 1000000L;
    while (ts->tv_nsec >= 1000000000L) {
        ts->tv_nsec -= 1000000000L;
        ts->tv_sec++;
    }
}

static void *hold_lock(void *arg)
{
    pthread_mutex_t *m = arg;
    pthread_mutex_lock(m);
    struct timespec d = { 0, 200000000 };
    nanosleep(&d, NULL);
    pthread_mutex_unlock(m);
    return NULL;
}

static void timeouts(void)
{
    struct timespec ts, t0, t1;
    pthread_mutex_lock(&pm);
    deadline(&ts, CLOCK_REALTIME, 50);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int r = pthread_cond_timedwait(&pc, &pm, &ts);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    pthread_mutex_unlock(&pm);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("cond_timedwait: %s waited>=40ms %d\n", r == ETIMEDOUT ? "ETIMEDOUT" : "?", ms >= 40);

    sem_t s;
    sem_init(&s, 0, 0);
    deadline(&ts, CLOCK_REALTIME, 30);
    r = sem_timedwait(&s, &ts);
    printf("sem_timedwait: %s\n", r < 0 && errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
    sem_post(&s);
    deadline(&ts, CLOCK_REALTIME, 30);
    printf("sem_timedwait posted: %d\n", sem_timedwait(&s, &ts));
    sem_destroy(&s);

    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_t th;
    pthread_create(&th, NULL, hold_lock, &m);
    struct timespec d = { 0, 50000000 };
    nanosleep(&d, NULL);
    deadline(&ts, CLOCK_REALTIME, 20);
    r = pthread_mutex_timedlock(&m, &ts);
    printf("mutex_timedlock: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "?");
    pthread_join(th, NULL);
}

/* ---- signals to other threads ---- */
enum { SIGTHREADS = 16 };
static pthread_t sig_owner[SIGTHREADS];
static atomic_int sig_hits, sig_wrong;
static atomic_int ready;
static volatile int stop;

static void on_usr1(int s)
{
    (void)s;
    pthread_t me = pthread_self();
    int found = 0;
    for (int i = 0; i < SIGTHREADS; i++)
        if (pthread_equal(me, sig_owner[i]))
            found = 1;
    if (found)
        atomic_fetch_add(&sig_hits, 1);
    else
        atomic_fetch_add(&sig_wrong, 1);
}

static void *sig_target(void *arg)
{
    (void)arg;
    atomic_fetch_add(&ready, 1);
    while (!stop) {
        struct timespec d = { 0, 1000000 };
        nanosleep(&d, NULL);
    }
    return NULL;
}

static void thread_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < SIGTHREADS; i++)
        pthread_create(&sig_owner[i], NULL, sig_target, NULL);
    while (atomic_load(&ready) < SIGTHREADS)
        sched_yield();
    for (int i = 0; i < SIGTHREADS; i++)
        pthread_kill(sig_owner[i], SIGUSR1);
    while (atomic_load(&sig_hits) + atomic_load(&sig_wrong) < SIGTHREADS)
        sched_yield();
    stop = 1;
    for (int i = 0; i < SIGTHREADS; i++)
        pthread_join(sig_owner[i], NULL);
    printf("pthread_kill: handled in the target thread %d, elsewhere %d\n",
           atomic_load(&sig_hits), atomic_load(&sig_wrong));
}

/* ---- detached threads ---- */
static atomic_int detached_done;

static void *detached(void *arg)
{
    (void)arg;
    atomic_fetch_add(&detached_done, 1);
    return NULL;
}

static void detach_many(void)
{
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < 100; i++) {
        pthread_t th;
        while (pthread_create(&th, &at, detached, NULL) == EAGAIN)
            sched_yield();
    }
    while (atomic_load(&detached_done) < 100)
        sched_yield();
    printf("detached: %d ran\n", atomic_load(&detached_done));
}

/* ---- FUTEX_WAKE_OP, called directly (glibc no longer uses it) ---- */
static int w1, w2;
static atomic_int waiting;

static long futex(int *a, int op, int val, long val2, int *b, int val3)
{
    return syscall(SYS_futex, a, op, val, val2, b, val3);
}

static void *w2_waiter(void *arg)
{
    (void)arg;
    atomic_store(&waiting, 1);
    while (__atomic_load_n(&w2, __ATOMIC_SEQ_CST) == 8)
        futex(&w2, FUTEX_WAIT_PRIVATE, 8, 0, NULL, 0);
    return NULL;
}

static void wake_op(void)
{
    w2 = 5;
    long r = futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2,
                   FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 5));
    printf("wake_op add: r=%ld w2=%d\n", r, w2);
    r = futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2,
              FUTEX_OP(FUTEX_OP_OPARG_SHIFT | FUTEX_OP_OR, 4, FUTEX_OP_CMP_LT, 0));
    printf("wake_op or 1<<4: r=%ld w2=%d\n", r, w2);
    w2 = 8;
    pthread_t th;
    pthread_create(&th, NULL, w2_waiter, NULL);
    while (!atomic_load(&waiting))
        sched_yield();
    struct timespec d = { 0, 50000000 };
    nanosleep(&d, NULL);
    r = futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2,
              FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_GT, 7));
    pthread_join(th, NULL);
    printf("wake_op set, waiter woken: r=%ld w2=%d\n", r, w2);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    many();
    atomics();
    pingpong();
    timeouts();
    thread_signals();
    wake_op();
    detach_many();
    return 0;
}
