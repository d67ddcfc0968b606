/* dlopen/dlsym/dlclose of a plugin built from this file (XBT_PLUGIN) and
 * of libm from the sysroot; the plugin's constructor, destructor and data
 * are fresh after a close and reopen, and lazy binding resolves its calls
 * into libc on first use.
 * LINK: dynamic plugin
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef XBT_PLUGIN
static int counter = 100;
int plugin_data[4] = { 1, 2, 3, 4 };

__attribute__((constructor)) static void plugin_init(void) { printf("plugin: constructor\n"); fflush(stdout); }
__attribute__((destructor)) static void plugin_fini(void) { printf("plugin: destructor\n"); fflush(stdout); }

int plugin_next(void) { return counter++; }

/* calls into libc through the plugin's own PLT */
size_t plugin_strlen(const char *s) { char buf[64]; snprintf(buf, sizeof buf, "<%s>", s); return strlen(buf); }

int plugin_apply(int (*fn)(int), int v) { return fn(v) * 2; }

/* dynamic TLS: allocated by __tls_get_addr on first use in each thread */
__thread int plugin_tls = 7;
int plugin_tls_bump(void) { return plugin_tls++; }
#else

static int twice(int x) { return x + x; }

static void *tls_thread(void *fn)
{
    int (*bump)(void) = (int (*)(void))fn;
    int a = bump(), b = bump();
    return (void *)(long)(a * 100 + b);
}

static void *open_plugin(int flags)
{
    void *h = dlopen("libdlopen.so", flags);
    if (!h) {
        printf("dlopen failed: %s\n", dlerror());
        exit(1);
    }
    return h;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    void *h = open_plugin(RTLD_LAZY);
    int (*next)(void) = (int (*)(void))dlsym(h, "plugin_next");
    size_t (*slen)(const char *) = (size_t (*)(const char *))dlsym(h, "plugin_strlen");
    int (*apply)(int (*)(int), int) = (int (*)(int (*)(int), int))dlsym(h, "plugin_apply");
    int *data = dlsym(h, "plugin_data");
    if (!next || !slen || !apply || !data) {
        printf("dlsym failed\n");
        return 1;
    }
    int a = next(), b = next();
    printf("next: %d %d\n", a, b);
    printf("strlen: %zu\n", slen("lazy"));
    printf("apply: %d\n", apply(twice, 21));
    printf("data: %d %d %d %d\n", data[0], data[1], data[2], data[3]);
    data[2] = 33;
    int (*bump)(void) = (int (*)(void))dlsym(h, "plugin_tls_bump");
    int t0 = bump(), t1 = bump();
    pthread_t th;
    void *tr;
    pthread_create(&th, NULL, tls_thread, (void *)bump);
    pthread_join(th, &tr);
    printf("dlopen TLS: main %d %d, thread %ld, main again %d\n", t0, t1, (long)tr, bump());
    printf("missing symbol: %s\n", dlsym(h, "no_such_symbol") ? "found" : "NULL");
    printf("dlerror set: %d\n", dlerror() != NULL);

    void *h2 = open_plugin(RTLD_NOW | RTLD_NOLOAD);   /* refcount 2 */
    printf("same handle: %d\n", h2 == h);
    dlclose(h2);
    printf("still loaded: next %d\n", next());
    printf("close: %d\n", dlclose(h));
    printf("loaded after close: %d\n", dlopen("libdlopen.so", RTLD_LAZY | RTLD_NOLOAD) != NULL);

    h = open_plugin(RTLD_NOW | RTLD_GLOBAL);
    next = (int (*)(void))dlsym(h, "plugin_next");
    data = dlsym(h, "plugin_data");
    printf("reopened: next %d data[2] %d\n", next(), data[2]);
    int (*gnext)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "plugin_next");
    printf("global lookup: %d\n", gnext == next);
    dlclose(h);

    void *m = dlopen("libm.so.6", RTLD_LAZY);
    if (!m) {
        printf("libm: %s\n", dlerror());
        return 1;
    }
    double (*fcos)(double) = (double (*)(double))dlsym(m, "cos");
    double (*fpow)(double, double) = (double (*)(double, double))dlsym(m, "pow");
    printf("cos(0.5) = %.10g, pow(2, 10) = %.10g\n", fcos(0.5), fpow(2, 10));
    dlclose(m);

    printf("nonexistent: %s\n", dlopen("libxbt-no-such.so", RTLD_LAZY) ? "loaded" : "NULL");
    return 0;
}
#endif
