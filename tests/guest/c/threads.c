/* threads.c - POSIX threads: create/join with return values, a mutex
 * protected counter, a condition-variable producer/consumer queue, a
 * barrier, thread-local storage (__thread: rdhwr $29 on MIPS), once,
 * atomic builtins (ll/sc loops) and detached threads.  Output is made
 * deterministic by joining before printing.
 * CFLAGS: -pthread
 * TIMEOUT: 20
 */
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdint.h>

enum { NT = 4, ITER = 20000, QCAP = 8, ITEMS = 3000 };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long long counter;
static __thread int tls_value = 7;
static int atomic_counter;

static void *adder(void *arg)
{
    int id = (int)(intptr_t)arg, i;
    tls_value = id * 100;
    for (i = 0; i < ITER; i++) {
        pthread_mutex_lock(&mu);
        counter += id + 1;
        pthread_mutex_unlock(&mu);
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
    }
    return (void *)(intptr_t)(tls_value + id);      /* own TLS copy survived */
}

static int q[QCAP], qhead, qtail, qcount, done;
static pthread_cond_t notfull = PTHREAD_COND_INITIALIZER, notempty = PTHREAD_COND_INITIALIZER;
static long long consumed_sum;

static void *producer(void *arg)
{
    int i;
    (void)arg;
    for (i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&mu);
        while (qcount == QCAP) pthread_cond_wait(&notfull, &mu);
        q[qtail] = i;
        qtail = (qtail + 1) % QCAP;
        qcount++;
        pthread_cond_signal(&notempty);
        pthread_mutex_unlock(&mu);
    }
    pthread_mutex_lock(&mu);
    done = 1;
    pthread_cond_broadcast(&notempty);
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void *consumer(void *arg)
{
    long long mine = 0;
    (void)arg;
    for (;;) {
        int v;
        pthread_mutex_lock(&mu);
        while (qcount == 0 && !done) pthread_cond_wait(&notempty, &mu);
        if (qcount == 0 && done) { pthread_mutex_unlock(&mu); break; }
        v = q[qhead];
        qhead = (qhead + 1) % QCAP;
        qcount--;
        consumed_sum += v;
        pthread_cond_signal(&notfull);
        pthread_mutex_unlock(&mu);
        mine++;
    }
    return (void *)(intptr_t)(mine > 0);
}

static pthread_barrier_t bar;
static int phase_seen[NT];
static int phase;
static void *barrier_worker(void *arg)
{
    int id = (int)(intptr_t)arg, r;
    r = pthread_barrier_wait(&bar);
    phase_seen[id] = __atomic_load_n(&phase, __ATOMIC_SEQ_CST);
    pthread_barrier_wait(&bar);
    return (void *)(intptr_t)(r == PTHREAD_BARRIER_SERIAL_THREAD);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_fn(void) { once_runs++; }
static void *once_worker(void *arg) { (void)arg; pthread_once(&once, once_fn); return NULL; }

static int detached_ran;
static pthread_cond_t detached_cv = PTHREAD_COND_INITIALIZER;
static void *detached(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    detached_ran = 1;
    pthread_cond_signal(&detached_cv);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t[NT], p, c[2];
    void *ret;
    int i, serial = 0, prev;

    for (i = 0; i < NT; i++) pthread_create(&t[i], NULL, adder, (void *)(intptr_t)i);
    for (i = 0; i < NT; i++) {
        pthread_join(t[i], &ret);
        printf("thread %d returned %d\n", i, (int)(intptr_t)ret);
    }
    printf("counter=%lld atomic=%d main tls=%d\n", counter, atomic_counter, tls_value);

    pthread_create(&p, NULL, producer, NULL);
    for (i = 0; i < 2; i++) pthread_create(&c[i], NULL, consumer, NULL);
    pthread_join(p, NULL);
    for (i = 0; i < 2; i++) pthread_join(c[i], NULL);
    printf("queue: consumed sum=%lld (expected %lld) left=%d\n", consumed_sum,
           (long long)ITEMS * (ITEMS + 1) / 2, qcount);

    pthread_barrier_init(&bar, NULL, NT + 1);
    for (i = 0; i < NT; i++) pthread_create(&t[i], NULL, barrier_worker, (void *)(intptr_t)i);
    __atomic_store_n(&phase, 1, __ATOMIC_SEQ_CST);
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) serial++;
    pthread_barrier_wait(&bar);
    for (i = 0; i < NT; i++) {
        pthread_join(t[i], &ret);
        serial += (int)(intptr_t)ret;
    }
    printf("barrier: serial threads=%d phases seen=%d%d%d%d\n", serial, phase_seen[0], phase_seen[1],
           phase_seen[2], phase_seen[3]);
    pthread_barrier_destroy(&bar);

    for (i = 0; i < NT; i++) pthread_create(&t[i], NULL, once_worker, NULL);
    for (i = 0; i < NT; i++) pthread_join(t[i], NULL);
    printf("once ran %d time(s)\n", once_runs);

    {
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        pthread_create(&p, &a, detached, NULL);
        pthread_attr_destroy(&a);
        pthread_mutex_lock(&mu);
        while (!detached_ran) pthread_cond_wait(&detached_cv, &mu);
        pthread_mutex_unlock(&mu);
        printf("detached ran: %d\n", detached_ran);
    }
    prev = __atomic_exchange_n(&atomic_counter, 5, __ATOMIC_SEQ_CST);
    i = 5;
    printf("xchg old=%d now=%d", prev, atomic_counter);
    prev = __atomic_compare_exchange_n(&atomic_counter, &i, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf(" cas=%d now=%d\n", prev, atomic_counter);
    return 0;
}
