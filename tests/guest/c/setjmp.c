/* setjmp.c - setjmp/longjmp and sigsetjmp/siglongjmp: returns through
 * several frames, values 0 -> 1, volatile locals kept, the signal mask
 * restored by siglongjmp, nested jump buffers.
 */
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

static jmp_buf jb, jb2;
static sigjmp_buf sjb;
static int depth_reached;

static void dive(int depth, int target)
{
    volatile char pad[64];
    memset((char *)pad, depth, sizeof pad);
    if (depth == target) {
        depth_reached = depth + pad[3];
        longjmp(jb, depth * 10);
    }
    dive(depth + 1, target);
    printf("not reached\n");
}

static int inner(int x)
{
    int r = setjmp(jb2);
    if (r == 0) {
        if (x > 2) longjmp(jb2, x);
        return -x;
    }
    return r * 100;
}

static double fpwork(double x)
{
    /* floating registers live across setjmp must survive longjmp */
    volatile double keep = x * 1.5;
    if (setjmp(jb) == 0) {
        longjmp(jb, 1);
    }
    return keep + 0.25;
}

int main(void)
{
    volatile int counter = 0;
    int r, t;
    sigset_t set, old;

    for (t = 0; t < 5; t++) {
        r = setjmp(jb);
        if (r == 0) {
            dive(0, t * 7);
        } else {
            counter++;
            printf("t=%d jumped back r=%d depth=%d counter=%d\n", t, r, depth_reached, counter);
        }
    }
    r = setjmp(jb);
    if (r == 0) longjmp(jb, 0);     /* longjmp(0) returns 1 */
    printf("longjmp(0) gives %d\n", r);
    printf("inner: %d %d %d\n", inner(1), inner(3), inner(9));
    printf("fpwork: %g\n", fpwork(3.0));

    /* siglongjmp restores the mask saved by sigsetjmp(.., 1) */
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    if (sigsetjmp(sjb, 1) == 0) {
        sigaddset(&set, SIGUSR1);
        sigprocmask(SIG_BLOCK, &set, NULL);
        sigprocmask(SIG_BLOCK, NULL, &old);
        printf("blocked before jump: %d\n", sigismember(&old, SIGUSR1));
        siglongjmp(sjb, 5);
    }
    sigprocmask(SIG_BLOCK, NULL, &old);
    printf("blocked after siglongjmp: %d\n", sigismember(&old, SIGUSR1));
    return 0;
}
