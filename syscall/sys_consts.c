/*
 * sys_consts.c - the host side of tables/names.def: each constant's name,
 * category and the value the HOST's libc headers give the same name, taken
 * at compile time.  With the guest values of tables/<abi>.h this is all the
 * translation tables are made of: a guest value and a host value meet by
 * name, never by a number written here.
 *
 * Host headers: glibc's public headers on Linux give the kernel's values for
 * these names (they are the arguments of the raw system calls).  A name in
 * category GUEST has no host counterpart and reads 0.  Exceptions that are
 * not constants on the host (SIGRTMIN, MINSIGSTKSZ, RLIM_INFINITY) live in
 * GUEST and are handled in code.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include "sys_abi.h"

#define HOST_GUEST(name) 0
#define HOST_VAL(name) (name)
#define HV(cat, name) HV_##cat(name)
#define HV_ERRNO HOST_VAL
#define HV_SIGNAL HOST_VAL
#define HV_GUEST HOST_GUEST
#define HV_OFLAG HOST_VAL
#define HV_FDFLAG HOST_VAL
#define HV_FCNTL HOST_VAL
#define HV_LOCKTYPE HOST_VAL
#define HV_ATFD HOST_VAL
#define HV_AT HOST_VAL
#define HV_PROT HOST_VAL
#define HV_MAP HOST_VAL
#define HV_MREMAP HOST_VAL
#define HV_MS HOST_VAL
#define HV_MADV HOST_VAL
#define HV_SA HOST_VAL
#define HV_SIGHOW HOST_VAL
#define HV_SS HOST_VAL
#define HV_RLIMIT HOST_VAL
#define HV_CLONE HOST_VAL
#define HV_WAIT HOST_VAL
#define HV_PRCTL HOST_VAL
#define HV_FUTEX HOST_VAL
#define HV_GRND HOST_VAL
#define HV_CLOCK HOST_VAL
#define HV_TIMERFL HOST_VAL
#define HV_ITIMER HOST_VAL
#define HV_POLL HOST_VAL
#define HV_TIFLAG HOST_VAL
#define HV_TOFLAG HOST_VAL
#define HV_TCFLAG HOST_VAL
#define HV_TLFLAG HOST_VAL
#define HV_TCC HOST_VAL
#define HV_TFLUSH HOST_VAL
#define HV_TFLOW HOST_VAL
#define HV_IOCTL HOST_VAL
#define HV_SOCKTYPE HOST_VAL
#define HV_SOCKFL HOST_VAL
#define HV_SOL HOST_VAL
#define HV_SO HOST_VAL
#define HV_SICODE HOST_VAL
#define HV_IPC HOST_VAL
#define HV_SEMFL HOST_VAL
#define HV_SHMFL HOST_VAL
#define HV_MSGFL HOST_VAL
#define HV_IPCCMD HOST_VAL
#define HV_SEMCMD HOST_VAL
#define HV_SHMCMD HOST_VAL
#define HV_MSGCMD HOST_VAL

const SysKInfo sys_k[K__COUNT] = {
#define K(cat, name) [K_##name] = { #name, KC_##cat, KK_VAL, (int64_t)HV(cat, name) },
#define KM(cat, name) [K_##name] = { #name, KC_##cat, KK_MASK, (int64_t)HV(cat, name) },
#define KV(cat, name) [K_##name] = { #name, KC_##cat, KK_FVAL, (int64_t)HV(cat, name) },
#include "tables/names.def"
#undef K
#undef KM
#undef KV
};
