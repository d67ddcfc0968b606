/* Thread-local storage across a shared library: variables defined in a
 * library the program is linked against, reached with the
 * general-dynamic model (__tls_get_addr), initial-exec and local-dynamic
 * from inside the library, and the program's own initial-exec/local-exec
 * TLS; every thread sees its own copies with the initial values.
 * LINK: dynamic plugin linked
 */
#include <pthread.h>
#include <stdio.h>

#ifdef XBT_PLUGIN
__thread int lib_gd = 11;                                    /* general dynamic */
__thread int lib_ie __attribute__((tls_model("initial-exec"))) = 22;
static __thread int lib_ld = 33;                             /* local dynamic */
__thread char lib_buf[64];

int lib_bump(int by) { lib_gd += by; lib_ie += by; lib_ld += by; return lib_gd + lib_ie + lib_ld; }
int *lib_ld_addr(void) { return &lib_ld; }
#else
extern __thread int lib_gd, lib_ie;
extern __thread char lib_buf[64];
int lib_bump(int by);
int *lib_ld_addr(void);

__thread int exe_tls = 44;
static __thread long long exe_tls64 = 0x1122334455667788LL;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    int ok = lib_gd == 11 && lib_ie == 22 && *lib_ld_addr() == 33 && exe_tls == 44 &&
             exe_tls64 == 0x1122334455667788LL && lib_buf[0] == 0;
    int sum = lib_bump(id);
    exe_tls += id;
    snprintf(lib_buf, sizeof lib_buf, "thread %d", id);
    ok = ok && sum == 66 + 3 * id && lib_gd == 11 + id && exe_tls == 44 + id;
    return (void *)(long)ok;
}

int main(void)
{
    printf("main: %d %d %d %d\n", lib_gd, lib_ie, *lib_ld_addr(), exe_tls);
    printf("bump: %d\n", lib_bump(1));
    snprintf(lib_buf, sizeof lib_buf, "main");
    pthread_t th[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&th[i], NULL, worker, (void *)(long)(i + 1));
    int good = 0;
    for (int i = 0; i < 8; i++) {
        void *r;
        pthread_join(th[i], &r);
        good += (int)(long)r;
    }
    printf("threads with correct TLS: %d of 8\n", good);
    printf("main after: %d %d %d %d %s\n", lib_gd, lib_ie, *lib_ld_addr(), exe_tls, lib_buf);
    return 0;
}
#endif
