/*
 * test_sys_maps.c - the translation maps built from names: errno and
 * signal numbers both ways, flag words (bits, composite flags, fields),
 * value maps (fcntl commands, ioctl requests), for MIPS o32.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include "test_sys_stubs.h"

int main(void)
{
    t_ok(sys_setup(&sys_abi_mips_o32, &fake_mips), "sys_setup mips_o32");

    /* ---- errno ---- */
    t_ok(sys_errno_to_guest(EDEADLK) == 45, "EDEADLK -> 45 (not EDEADLOCK 56)");
    t_ok(sys_errno_to_guest(ENOSYS) == 89, "ENOSYS -> 89");
    t_ok(sys_errno_to_guest(EAGAIN) == 11, "EAGAIN -> 11");
    t_ok(sys_errno_to_guest(ENOENT) == 2, "ENOENT -> 2");
    t_ok(sys_errno_to_guest(EDQUOT) == 1133, "EDQUOT -> 1133");
    t_ok(sys_errno_to_guest(ENOTSUP) == sys_errno_to_guest(EOPNOTSUPP), "ENOTSUP = EOPNOTSUPP");
    int bad = 0, n = 0;
    for (int k = 0; k < K__COUNT; k++) {
        if (sys_k[k].cat != KC_ERRNO || !gk_has(k))
            continue;
        n++;
        int g = sys_errno_to_guest((int)sys_k[k].host);
        const char *name = sys_errno_name(g);
        /* aliases (EWOULDBLOCK, EDEADLOCK) map to their first name */
        if (!name || (strcmp(name, sys_k[k].name) && sys_k[sys_kval_h(KC_ERRNO, sys_k[k].host)].host != sys_k[k].host)) {
            printf("# %s: host %lld -> guest %d (%s)\n", sys_k[k].name, (long long)sys_k[k].host, g,
                   name ? name : "?");
            bad++;
        }
    }
    t_ok(n > 120 && bad == 0, "%d errnos map host -> guest -> same name", n);

    /* ---- signals ---- */
    t_ok(sys_signal_to_guest(SIGCHLD) == 18 && sys_signal_to_host(18) == SIGCHLD, "SIGCHLD 17 <-> 18");
    t_ok(sys_signal_to_guest(SIGUSR1) == 16 && sys_signal_to_host(16) == SIGUSR1, "SIGUSR1 10 <-> 16");
    t_ok(sys_signal_to_guest(SIGBUS) == 10 && sys_signal_to_host(10) == SIGBUS, "SIGBUS 7 <-> 10");
    t_ok(sys_signal_to_host(7) == 0, "SIGEMT (7) has no host signal");
    t_ok(sys_signal_to_guest(SIGSTKFLT) == 0, "SIGSTKFLT has no o32 signal");
    int rt = 0;
    for (int g = 1; g < 128; g++) {
        int h = sys_signal_to_host(g);
        if (h && sys_signal_to_guest(h) != g) {
            printf("# guest %d -> host %d -> guest %d\n", g, h, sys_signal_to_guest(h));
            bad++;
        }
        rt += g >= 32 && h;
    }
    t_ok(bad == 0, "every mapped guest signal round-trips");
    /* host SIGRTMAX is xbt's own (RT_SIG_KICK, runtime/signal.c) */
    t_ok(sys_signal_to_host(32) == SIGRTMIN && rt == SIGRTMAX - SIGRTMIN,
         "guest SIGRTMIN+n -> host SIGRTMIN+n (%d real-time signals)", rt);
    char buf[32];
    t_ok(!strcmp(sys_signal_name(6, buf, sizeof buf), "SIGABRT"), "guest 6 is SIGABRT");
    t_ok(!strcmp(sys_signal_name(34, buf, sizeof buf), "SIGRTMIN+2"), "guest 34 is SIGRTMIN+2");

    /* ---- open flags: bits, a composite (O_SYNC), a field (O_ACCMODE) ---- */
    uint64_t unk = 0;
    uint64_t g = 0x100 | 0x8 | 0x80 | 0x2; /* MIPS O_CREAT|O_APPEND|O_NONBLOCK|O_RDWR */
    t_ok(g == (uint64_t)(gk(K_O_CREAT) | gk(K_O_APPEND) | gk(K_O_NONBLOCK) | gk(K_O_RDWR)),
         "o32 open bits as in asm/fcntl.h");
    t_ok(sys_flags_g2h(KC_OFLAG, g, &unk) == (O_CREAT | O_APPEND | O_NONBLOCK | O_RDWR) && !unk,
         "open flags guest -> host");
    t_ok(sys_flags_h2g(KC_OFLAG, O_CREAT | O_APPEND | O_NONBLOCK | O_RDWR, NULL) == g,
         "open flags host -> guest");
    t_ok(sys_flags_g2h(KC_OFLAG, (uint64_t)gk(K_O_SYNC), NULL) == O_SYNC, "O_SYNC (composite)");
    t_ok(sys_flags_g2h(KC_OFLAG, (uint64_t)gk(K_O_DSYNC), NULL) == O_DSYNC, "O_DSYNC alone");
    t_ok(sys_flags_g2h(KC_OFLAG, (uint64_t)(gk(K_O_WRONLY) | gk(K_O_CLOEXEC)), NULL) == (O_WRONLY | O_CLOEXEC),
         "O_WRONLY|O_CLOEXEC");
    unk = 0;
    sys_flags_g2h(KC_OFLAG, 0x40000000u, &unk);
    t_ok(unk == 0x40000000u, "unknown open bits reported");

    /* ---- mmap ---- */
    t_ok(sys_flags_g2h(KC_MAP, 0x800 | 0x2 | 0x10, NULL) == (MAP_ANONYMOUS | MAP_PRIVATE | MAP_FIXED),
         "mmap MAP_ANONYMOUS(0x800)|MAP_PRIVATE|MAP_FIXED");
    t_ok(sys_flags_h2g(KC_MAP, MAP_SHARED | MAP_NORESERVE, NULL) == (uint64_t)(gk(K_MAP_SHARED) | gk(K_MAP_NORESERVE)),
         "mmap MAP_SHARED|MAP_NORESERVE back");
    t_ok(sys_flags_g2h(KC_PROT, 7, NULL) == (PROT_READ | PROT_WRITE | PROT_EXEC), "prot rwx");

    /* ---- sigaction flags (MIPS: SA_SIGINFO 8, SA_RESTART 0x10000000) ---- */
    t_ok(sys_flags_g2h(KC_SA, (uint64_t)(gk(K_SA_SIGINFO) | gk(K_SA_RESTART) | gk(K_SA_RESETHAND)), NULL) ==
         (uint64_t)(SA_SIGINFO | SA_RESTART | SA_RESETHAND), "SA_SIGINFO|SA_RESTART|SA_RESETHAND");

    /* ---- termios c_lflag: MIPS IEXTEN 0x100, TOSTOP 0x8000 ---- */
    t_ok(sys_flags_g2h(KC_TLFLAG, (uint64_t)(gk(K_IEXTEN) | gk(K_TOSTOP) | gk(K_ECHO)), NULL) ==
         (uint64_t)(IEXTEN | TOSTOP | ECHO), "c_lflag IEXTEN|TOSTOP|ECHO");
    t_ok(gk(K_VMIN) == 4 && gk(K_VEOF) == 16, "o32 VMIN 4, VEOF 16");
    uint64_t cf = (uint64_t)(gk(K_B38400) | gk(K_CS8) | gk(K_CREAD));
    t_ok(sys_flags_h2g(KC_TCFLAG, sys_flags_g2h(KC_TCFLAG, cf, NULL), NULL) == cf, "c_cflag B38400|CS8|CREAD round trip");

    /* ---- values ---- */
    int k = sys_kval_g(KC_FCNTL, 33);
    t_ok(k == K_F_GETLK64 && sys_k[k].host == F_GETLK64, "fcntl 33 is F_GETLK64");
    k = sys_kval_g(KC_FCNTL, 14);
    t_ok(k == K_F_GETLK && sys_k[k].host == F_GETLK, "fcntl 14 is F_GETLK");
    k = sys_kval_g(KC_IOCTL, 0x540d);
    t_ok(k == K_TCGETS && sys_k[k].host == TCGETS, "ioctl 0x540d is TCGETS");
    k = sys_kval_g(KC_IOCTL, (int64_t)gk(K_TIOCGWINSZ));
    t_ok(k == K_TIOCGWINSZ && sys_k[k].host == TIOCGWINSZ && gk(K_TIOCGWINSZ) == 0x40087468,
         "TIOCGWINSZ is _IOR('t', 104, 8 bytes) with the MIPS _IOC layout");
    t_ok(sys_kval_g(KC_FCNTL, 9999) < 0, "unknown fcntl command");

    /* ---- little-endian ABI gives the same numbers ---- */
    t_ok(sys_setup(&sys_abi_mips_o32, &fake_mipsel) && !sys_cur.be && sys_errno_to_guest(ENOSYS) == 89,
         "mipsel: same tables, little endian");
    return t_done();
}
