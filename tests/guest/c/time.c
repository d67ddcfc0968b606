/* time.c - deterministic time functions: gmtime/timegm of fixed values,
 * strftime formats, mktime/localtime under POSIX TZ strings (no zoneinfo
 * files needed), asctime, difftime.  Also checks that the clock advances.
 * ENV: TZ=EST5EDT,M3.2.0,M11.1.0
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>

int main(void)
{
    static const long long stamps[] = {0, 1, 86399, 951782400, 1000000000, 1234567890,
                                       1709210096, 2147483647, -1, -86400 * 365};
    char buf[256];
    int i;
    for (i = 0; i < (int)(sizeof stamps / sizeof stamps[0]); i++) {
        time_t t = (time_t)stamps[i];
        struct tm tm, lt;
        gmtime_r(&t, &tm);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %u %w %y %C %e %G-W%V %%", &tm);
        printf("%lld: %s\n", stamps[i], buf);
        strftime(buf, sizeof buf, "%c | %x | %X | %D | %T | %R | %r | %h %p %I", &tm);
        printf("   %s\n", buf);
        printf("   asctime: %s", asctime(&tm));
        printf("   timegm back: %lld yday=%d wday=%d\n", (long long)timegm(&tm), tm.tm_yday, tm.tm_wday);
        localtime_r(&t, &lt);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z %z", &lt);
        printf("   local: %s isdst=%d\n", buf, lt.tm_isdst);
    }
    {
        struct tm tm;
        time_t t;
        memset(&tm, 0, sizeof tm);
        tm.tm_year = 124; tm.tm_mon = 1; tm.tm_mday = 29; tm.tm_hour = 12; tm.tm_isdst = -1;
        t = mktime(&tm);
        printf("mktime 2024-02-29 12:00 local = %lld isdst=%d\n", (long long)t, tm.tm_isdst);
        tm.tm_mon = 6; tm.tm_mday = 31 + 5; tm.tm_isdst = -1;     /* normalises to Aug 5 */
        t = mktime(&tm);
        printf("mktime normalised: %lld %d-%02d-%02d isdst=%d\n", (long long)t, tm.tm_year + 1900,
               tm.tm_mon + 1, tm.tm_mday, tm.tm_isdst);
        printf("difftime %.1f\n", difftime((time_t)1000, (time_t)250));
        memset(&tm, 0, sizeof tm);
        strptime("2001-09-09 01:46:40", "%Y-%m-%d %H:%M:%S", &tm);
        printf("strptime -> timegm %lld\n", (long long)timegm(&tm));
    }
    {
        struct timespec a, b;
        struct timeval tv;
        time_t now = time(NULL);
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (i = 0; i < 100000; i++) (void)*(volatile int *)&i;
        clock_gettime(CLOCK_MONOTONIC, &b);
        gettimeofday(&tv, NULL);
        printf("clock sane: %d %d %d\n", now > 1600000000, (b.tv_sec > a.tv_sec) ||
               (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec), tv.tv_sec >= now);
        printf("clock() sane: %d\n", clock() >= 0);
    }
    return 0;
}
