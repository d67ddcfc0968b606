/* A dynamically linked program: the guest's ld.so and libc come from the
 * sysroot; checks the interpreter ran (AT_BASE), the program's link map
 * and a libc call through the PLT.
 * LINK: dynamic
 */
#define _GNU_SOURCE
#include <link.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static int saw_libc, saw_libm;

static int each(struct dl_phdr_info *info, size_t size, void *data)
{
    const char *n = strrchr(info->dlpi_name, '/');
    n = n ? n + 1 : info->dlpi_name;
    if (!strncmp(n, "libc.so", 7))
        saw_libc = 1;
    if (!strncmp(n, "libm.so", 7))
        saw_libm = 1;
    return 0;
}

int main(int argc, char **argv)
{
    volatile double x = 2.0;
    printf("hello, dynamic world\n");
    printf("AT_BASE set: %d\n", getauxval(AT_BASE) != 0);
    printf("sqrt(2) = %.10g\n", sqrt(x));
    dl_iterate_phdr(each, NULL);
    printf("libc in link map: %d, libm: %d\n", saw_libc, saw_libm);
    char *s = strdup("strdup through the PLT");
    puts(s);
    free(s);
    return 0;
}
