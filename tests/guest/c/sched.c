/* sched.c - scheduling policy calls: sched_setscheduler/getscheduler
 * (SCHED_BATCH and back to SCHED_OTHER), sched_setparam/getparam, the
 * priority ranges and sched_getaffinity.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>

#define SHOW(expr) printf("%-52s %s\n", #expr, (expr) ? "ok" : "FAILED")

int main(void)
{
    struct sched_param sp = { .sched_priority = 0 };
    cpu_set_t set;

    SHOW(sched_setscheduler(0, SCHED_BATCH, &sp) == 0);
    SHOW(sched_getscheduler(0) == SCHED_BATCH);
    SHOW(sched_setscheduler(0, SCHED_OTHER, &sp) == 0);
    SHOW(sched_getscheduler(0) == SCHED_OTHER);
    SHOW(sched_setparam(0, &sp) == 0);
    sp.sched_priority = 5;
    SHOW(sched_getparam(0, &sp) == 0 && sp.sched_priority == 0);
    sp.sched_priority = 5;
    SHOW(sched_setscheduler(0, SCHED_OTHER, &sp) == -1);
    SHOW(sched_get_priority_max(SCHED_FIFO) == 99);
    SHOW(sched_get_priority_min(SCHED_RR) == 1);
    SHOW(sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) >= 1);
    return 0;
}
