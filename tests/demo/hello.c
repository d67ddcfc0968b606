/* hello.c - the `make demo` program: a greeting, the machine the guest
 * believes it runs on, and something computed (primes and an estimate of
 * pi), so a translator has a little real work to do. */
#include <stdio.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
    struct utsname u;
    int n, count = 0, k;
    unsigned long long sum = 0;
    double pi = 0.0;

    printf("Hello from a %s-endian MIPS program!\n",
#ifdef __MIPSEB__
           "big"
#else
           "little"
#endif
    );
    if (uname(&u) == 0)
        printf("uname says: %s %s (machine %s)\n", u.sysname, u.release, u.machine);
    for (n = 2; n < 100000; n++) {
        int prime = 1, d;
        for (d = 2; d * d <= n; d++)
            if (n % d == 0) { prime = 0; break; }
        if (prime) { count++; sum += (unsigned)n; }
    }
    printf("primes below 100000: %d, their sum: %llu\n", count, sum);
    for (k = 0; k < 1000000; k++)
        pi += (k % 2 ? -4.0 : 4.0) / (2 * k + 1);
    printf("pi is about %.6f\n", pi);
    printf("argv[0] = %s, %d argument(s) after it\n", argv[0], argc - 1);
    return 0;
}
