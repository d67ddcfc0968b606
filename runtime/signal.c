/*
 * signal.c - host signals caught by xbt: faults in translated code, and the
 * asynchronous signals a guest has handlers for.
 *
 * Faults.  A SIGSEGV or SIGBUS whose host PC lies in the code cache is a
 * guest memory fault: the block's pc map gives the guest PC of the faulting
 * instruction and the fault address is turned back into a guest address.
 * Anywhere else it is a bug in xbt and is reported as one.  The same
 * signals sent by a process (si_code <= 0) are asynchronous ones.
 *
 * Asynchronous signals.  For every host signal the guest handles, the
 * syscall layer installs sig_async (rt_sig_set_action).  The host kernel
 * picks the thread as it would for the guest (the host thread's blocked
 * set is the guest thread's, see rt_sig_apply_mask), and sig_async queues
 * the signal with its siginfo on that thread (GuestThread.sigq) and sets
 * the CPU's exit_request, which translated code tests at every block
 * entry.  The dispatcher then delivers it through the guest's own frame
 * (sys_signal_deliver_pending in syscall/sys_signal.c).
 *
 * Blocking syscalls.  A guest syscall in progress when a signal arrives
 * must return -EINTR (the syscall layer then restarts it or not, as the
 * kernel does), and a signal arriving between "is anything pending?" and
 * the host syscall must not be lost.  Two mechanisms:
 *   - rt_safe_syscall: an assembly stub that tests t->sig_pending and then
 *     executes the syscall instruction.  sig_async sets sig_pending first
 *     and, if the interrupted host PC lies between the test and the end of
 *     the syscall instruction, moves it to a "return -EINTR" exit: the
 *     syscall either never starts or was interrupted.  Handlers are
 *     installed without SA_RESTART, so a host syscall interrupted inside
 *     the kernel returns -EINTR by itself.
 *   - host calls that syscall handlers make through libc: a signal that
 *     arrives during a guest syscall arms a per-thread POSIX timer that
 *     sends RT_SIG_KICK to the thread every 200 us until the guest syscall
 *     ends, so a blocking host call that started after the signal is
 *     interrupted too.
 * Process-directed signals still queued on a thread that exits are sent to
 * the process again.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "cache.h"
#include "guestmem.h"
#include "log.h"
#include "runtime.h"
#include "../syscall/syscall.h"

static __thread GuestThread *current_thread;
/* Where a fault in generated code resumes: the dispatcher loop of the
 * thread (set by rt_run through rt_fault_landing). */
static __thread sigjmp_buf *fault_landing;

static __thread uint32_t fault_addr;
static __thread bool fault_addr_valid;
static __thread void *thread_altstack;

void rt_set_current_thread(GuestThread *t) { current_thread = t; }

uint32_t rt_signal_addr(uint32_t pc)
{
    if (!fault_addr_valid)
        return pc;
    fault_addr_valid = false;
    return fault_addr;
}
void rt_fault_landing(sigjmp_buf *jb) { fault_landing = jb; }

void rt_exit_group(int status)
{
    fflush(stdout);
    fflush(stderr);
    if (rt_log_file)
        fflush(rt_log_file);
    _exit(status & 0xff);
}

/* Dies by host signal sig, as the default action of a fatal signal. */
static void die_by_signal(int sig)
{
    struct rlimit rl = { 0, 0 };
    setrlimit(RLIMIT_CORE, &rl);         /* a core of xbt helps nobody */
    fflush(stdout);
    fflush(stderr);
    if (rt_log_file)
        fflush(rt_log_file);
    signal(sig, SIG_DFL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    raise(sig);
    /* A signal whose default action is to ignore: carry on. */
}

/* The host disposition of a signal whose guest action is the default is
 * SIG_DFL already (sys_signal.c mirrors it), except for the signals xbt
 * keeps for itself. */
void rt_sig_default_action(int host_sig)
{
    if (host_sig == SIGSEGV || host_sig == SIGBUS) {
        die_by_signal(host_sig);
        return;
    }
    struct sigaction old;
    sigaction(host_sig, NULL, &old);
    if (old.sa_handler == SIG_IGN)
        return;
    die_by_signal(host_sig);
    sigaction(host_sig, &old, NULL);     /* stopped and continued, or ignored */
}

/* Signals whose default action is to dump core (signal(7)). */
static bool dumps_core(int h)
{
    switch (h) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return true;
    default:
        return false;
    }
}

void rt_deliver_signal(GuestThread *t, int host_signo, int si_code, uint32_t addr)
{
    IRCpuHeader *h = t->cpu;
    if (sys_signal_deliver(t, host_signo, si_code, addr))
        return;                           /* the guest's handler runs next */
    /* Like a kernel's core dump notice, only for the signals that dump core
     * (a program killed by SIGPIPE or SIGTERM gets no line on its stderr). */
    if (dumps_core(host_signo))
        rt_error(NULL, "guest %s at pc %#x (si_code %d, address %#x)", strsignal(host_signo),
                 h->pc, si_code, addr);
    die_by_signal(host_signo);
}

void rt_raise_guest_signal(GuestThread *t, int host_signo, int si_code, uint32_t addr)
{
    rt_deliver_signal(t, host_signo, si_code, addr);
}

/* ---- the safe syscall stub ----------------------------------------------- */

/* long rt_safe_syscall_raw(volatile int *pending, long nr, long a1..a6):
 * -EINTR if *pending, else the raw syscall result (-errno on failure). */
long rt_safe_syscall_raw(volatile int *pending, long nr, long a1, long a2, long a3, long a4,
                         long a5, long a6);
extern const char rt_safe_syscall_start[], rt_safe_syscall_end[], rt_safe_syscall_eintr[];

#if defined(__x86_64__)
__asm__(
    "    .text\n"
    "    .globl rt_safe_syscall_raw\n"
    "    .type rt_safe_syscall_raw, @function\n"
    "rt_safe_syscall_raw:\n"
    "    .cfi_startproc\n"
    "    mov %rdi, %r11\n"               /* pending */
    "    mov %rsi, %rax\n"               /* nr */
    "    mov %rdx, %rdi\n"
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 8(%rsp), %r8\n"
    "    mov 16(%rsp), %r9\n"
    "    .globl rt_safe_syscall_start\n"
    "rt_safe_syscall_start:\n"
    "    cmpl $0, (%r11)\n"
    "    jnz rt_safe_syscall_eintr\n"
    "    syscall\n"
    "    .globl rt_safe_syscall_end\n"
    "rt_safe_syscall_end:\n"
    "    ret\n"
    "    .globl rt_safe_syscall_eintr\n"
    "rt_safe_syscall_eintr:\n"
    "    mov $-4, %rax\n"                /* -EINTR */
    "    ret\n"
    "    .cfi_endproc\n"
    "    .size rt_safe_syscall_raw, .-rt_safe_syscall_raw\n");
#define UC_PC(uc) ((uc)->uc_mcontext.gregs[REG_RIP])
#elif defined(__aarch64__)
__asm__(
    "    .text\n"
    "    .globl rt_safe_syscall_raw\n"
    "    .type rt_safe_syscall_raw, %function\n"
    "rt_safe_syscall_raw:\n"
    "    mov x9, x0\n"
    "    mov x8, x1\n"
    "    mov x0, x2\n"
    "    mov x1, x3\n"
    "    mov x2, x4\n"
    "    mov x3, x5\n"
    "    mov x4, x6\n"
    "    mov x5, x7\n"
    "    .globl rt_safe_syscall_start\n"
    "rt_safe_syscall_start:\n"
    "    ldr w10, [x9]\n"
    "    cbnz w10, rt_safe_syscall_eintr\n"
    "    svc #0\n"
    "    .globl rt_safe_syscall_end\n"
    "rt_safe_syscall_end:\n"
    "    ret\n"
    "    .globl rt_safe_syscall_eintr\n"
    "rt_safe_syscall_eintr:\n"
    "    mov x0, #-4\n"
    "    ret\n"
    "    .size rt_safe_syscall_raw, .-rt_safe_syscall_raw\n");
#define UC_PC(uc) ((uc)->uc_mcontext.pc)
#else
#error "rt_safe_syscall: no stub for this host"
#endif

long rt_safe_syscall(GuestThread *t, long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    return rt_safe_syscall_raw(&t->sig_pending, nr, a1, a2, a3, a4, a5, a6);
}

/* ---- the queue ------------------------------------------------------------------ */

static sigset_t async_set;           /* every signal sig_async may run for */

static bool guest_blocked(const uint32_t *mask, int host_sig)
{
    int g = sys_signal_to_guest(host_sig);
    return g > 0 && g < GUEST_NSIG && (mask[(g - 1) / 32] & (1u << ((g - 1) % 32)));
}

static void kick_arm(GuestThread *t)
{
    if (!t->kick_timer) {
        struct sigevent ev;
        memset(&ev, 0, sizeof ev);
        ev.sigev_notify = SIGEV_THREAD_ID;
        ev.sigev_signo = RT_SIG_KICK;
        ev._sigev_un._tid = t->tid;      /* sigev_notify_thread_id */
        int id;
        if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id) < 0)
            return;
        t->kick_timer = id + 1;
    }
    struct itimerspec its = { { 0, 200000 }, { 0, 200000 } };
    if (syscall(SYS_timer_settime, t->kick_timer - 1, 0, &its, NULL) == 0)
        t->kick_armed = 1;
}

static void kick_disarm(GuestThread *t)
{
    struct itimerspec its;
    memset(&its, 0, sizeof its);
    syscall(SYS_timer_settime, t->kick_timer - 1, 0, &its, NULL);
    t->kick_armed = 0;
}

static void enqueue(GuestThread *t, int sig, const siginfo_t *si)
{
    int n = t->sigq_n;
    if (sig < SIGRTMIN)
        for (int i = 0; i < n; i++)
            if (t->sigq[i].host_sig == sig)
                return;                  /* standard signals do not queue */
    if (n >= RT_SIGQ_MAX)
        return;                          /* NYI: overflow drops, as RLIMIT_SIGPENDING would refuse */
    t->sigq[n].host_sig = sig;
    t->sigq[n].in_syscall = t->in_syscall != 0;
    t->sigq[n].si = *si;
    t->sigq_n = n + 1;
    t->sig_pending = 1;
    ((IRCpuHeader *)t->cpu)->exit_request = 1;
}

static void sig_async(int sig, siginfo_t *si, void *uc_)
{
    int saved_errno = errno;
    ucontext_t *uc = uc_;
    GuestThread *t = current_thread;
    if (!t) {
        /* A thread not running guest code keeps these blocked; a signal
         * that gets here anyway goes back to the process. */
        if (sig != RT_SIG_KICK)
            syscall(SYS_rt_sigqueueinfo, getpid(), sig, si);
        errno = saved_errno;
        return;
    }
    if (sig != RT_SIG_KICK)
        enqueue(t, sig, si);
    uintptr_t pc = (uintptr_t)UC_PC(uc);
    if (t->sig_pending && pc >= (uintptr_t)rt_safe_syscall_start &&
        pc < (uintptr_t)rt_safe_syscall_end)
        UC_PC(uc) = (uintptr_t)rt_safe_syscall_eintr;
    else if (sig != RT_SIG_KICK && t->in_syscall && !t->kick_armed)
        kick_arm(t);
    errno = saved_errno;
}

void rt_sig_lock(sigset_t *old)
{
    pthread_sigmask(SIG_BLOCK, &async_set, old);
}

void rt_sig_unlock(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Index of the entry delivery takes next: the lowest guest signal number
 * (FIFO among equals), as the kernel dequeues; -1 if none. */
static int pick(GuestThread *t, const uint32_t *mask, const sigset_t *only)
{
    int best = -1, best_g = 0;
    for (int i = 0; i < t->sigq_n; i++) {
        RtSigQueued *e = &t->sigq[i];
        if (only ? sigismember(only, e->host_sig) != 1
                 : (!e->in_syscall && guest_blocked(mask ? mask : t->sigmask, e->host_sig)))
            continue;
        int g = sys_signal_to_guest(e->host_sig);
        if (best < 0 || g < best_g) {
            best = i;
            best_g = g;
        }
    }
    return best;
}

static void recompute(GuestThread *t)
{
    t->sig_pending = pick(t, NULL, NULL) >= 0;
    if (t->sig_pending)
        ((IRCpuHeader *)t->cpu)->exit_request = 1;
}

void rt_sig_recheck(GuestThread *t)
{
    if (!t->sigq_n && !t->sig_pending)
        return;
    sigset_t old;
    rt_sig_lock(&old);
    recompute(t);
    rt_sig_unlock(&old);
}

bool rt_sig_take(GuestThread *t, const uint32_t *mask, const sigset_t *only, RtSigQueued *out)
{
    if (!t->sigq_n)
        return false;
    sigset_t old;
    rt_sig_lock(&old);
    int i = pick(t, mask, only);
    if (i >= 0) {
        *out = t->sigq[i];
        memmove(&t->sigq[i], &t->sigq[i + 1], (size_t)(t->sigq_n - i - 1) * sizeof t->sigq[0]);
        t->sigq_n--;
    }
    recompute(t);
    rt_sig_unlock(&old);
    return i >= 0;
}

int rt_sig_next(GuestThread *t)
{
    if (!t->sigq_n)
        return 0;
    sigset_t old;
    rt_sig_lock(&old);
    int i = pick(t, NULL, NULL);
    int g = i >= 0 ? sys_signal_to_guest(t->sigq[i].host_sig) : 0;
    rt_sig_unlock(&old);
    return g;
}

void rt_sig_queued_set(GuestThread *t, sigset_t *set)
{
    sigemptyset(set);
    sigset_t old;
    rt_sig_lock(&old);
    for (int i = 0; i < t->sigq_n; i++)
        sigaddset(set, t->sigq[i].host_sig);
    rt_sig_unlock(&old);
}

void rt_sig_syscall_begin(GuestThread *t)
{
    t->in_syscall = 1;
}

/* Entries that arrived during the call stay deliverable whatever the mask
 * if the call was interrupted (they got through a temporary mask, as in
 * ppoll or pselect); otherwise the mask decides as usual. */
void rt_sig_syscall_end(GuestThread *t, bool interrupted)
{
    t->in_syscall = 0;
    if (t->kick_armed)
        kick_disarm(t);
    if (!t->sigq_n && !t->sig_pending)
        return;
    sigset_t old;
    rt_sig_lock(&old);
    for (int i = 0; !interrupted && i < t->sigq_n; i++)
        t->sigq[i].in_syscall = false;
    recompute(t);
    rt_sig_unlock(&old);
}

/* The host thread blocks what the guest thread blocks, so the host kernel
 * routes process-directed signals as the guest's kernel would.  Faults and
 * the kick are never blocked. */
void rt_sig_apply_mask(GuestThread *t)
{
    sigset_t s;
    sigemptyset(&s);
    for (int g = 1; g < GUEST_NSIG; g++)
        if (t->sigmask[(g - 1) / 32] & (1u << ((g - 1) % 32))) {
            int h = sys_signal_to_host(g);
            if (h > 0)
                sigaddset(&s, h);
        }
    sigdelset(&s, SIGSEGV);
    sigdelset(&s, SIGBUS);
    sigdelset(&s, RT_SIG_KICK);
    pthread_sigmask(SIG_SETMASK, &s, NULL);
    rt_sig_recheck(t);
}

void rt_sig_set_action(int host_sig, int action, int host_flags)
{
    if (host_sig == SIGSEGV || host_sig == SIGBUS || host_sig == RT_SIG_KICK)
        return;                          /* always xbt's */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    if (action == RT_SIGACT_CATCH) {
        sa.sa_sigaction = sig_async;
        sa.sa_mask = async_set;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | (host_flags & (SA_NOCLDSTOP | SA_NOCLDWAIT));
    } else {
        sa.sa_handler = action == RT_SIGACT_IGN ? SIG_IGN : SIG_DFL;
        sa.sa_flags = host_flags & (SA_NOCLDSTOP | SA_NOCLDWAIT);
    }
    sigaction(host_sig, &sa, NULL);
}

/* A thread that ends: its process-directed signals go back to the process,
 * its timer goes. */
void rt_sig_thread_exit(GuestThread *t)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    current_thread = NULL;
    for (int i = 0; i < t->sigq_n; i++)
        if (t->sigq[i].si.si_code != SI_TKILL)
            syscall(SYS_rt_sigqueueinfo, getpid(), t->sigq[i].host_sig, &t->sigq[i].si);
    t->sigq_n = 0;
    if (t->kick_timer)
        syscall(SYS_timer_delete, t->kick_timer - 1);
    t->kick_timer = 0;
    if (thread_altstack) {
        stack_t ss = { .ss_flags = SS_DISABLE };
        sigaltstack(&ss, NULL);
        free(thread_altstack);
        thread_altstack = NULL;
    }
}

/* ---- faults ------------------------------------------------------------------ */

static void fault_handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    if (si->si_code <= 0) {              /* sent by kill/tgkill/sigqueue: asynchronous */
        pthread_sigmask(SIG_BLOCK, &async_set, NULL);   /* until this handler returns */
        sig_async(sig, si, uc_);
        return;
    }
    void *host_pc = (void *)UC_PC(uc);
    TB *tb = rt_cache_find_host(host_pc);
    if (!tb || !current_thread) {
        static const char msg[] = "xbt: internal error: fault outside translated code\n";
        if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more to do */ }
        signal(sig, SIG_DFL);
        return;                           /* re-faults with the default action */
    }
    IRCpuHeader *h = current_thread->cpu;
    h->pc = rt_cache_guest_pc(tb, host_pc);
    uint32_t gaddr = gm_host_in_window(si->si_addr) ? h2g(si->si_addr) : 0;
    int code = si->si_code;
    /* The whole window is a host mapping (PROT_NONE where the guest has
     * nothing), so the host says ACCERR where the guest's kernel says
     * MAPERR: the guest page table decides. */
    if (sig == SIGSEGV)
        code = (gm_page_flags(gaddr) & GM_MAPPED) ? SEGV_ACCERR : SEGV_MAPERR;
    /* Leave the generated code: guest state in memory is exact at every
     * instruction that can fault (PUTs are never moved past one). */
    h->exit_code = IR_EXIT_SIGNAL;
    h->exit_arg = (uint32_t)sig | (uint32_t)code << 8;
    fault_addr = gaddr;
    fault_addr_valid = true;
    if (fault_landing)
        siglongjmp(*fault_landing, 1);
    rt_deliver_signal(current_thread, sig, code, gaddr);
}

void rt_signals_init_thread(void)
{
    size_t sz = 1u << 16;
    void *p = malloc(sz);
    if (!p)
        return;
    stack_t ss = { .ss_sp = p, .ss_size = sz };
    if (sigaltstack(&ss, NULL) == 0)
        thread_altstack = p;
    else
        free(p);
}

void rt_signals_init(void)
{
    static uint8_t altstack[1 << 16];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    sigaltstack(&ss, NULL);
    sigfillset(&async_set);
    sigdelset(&async_set, SIGSEGV);
    sigdelset(&async_set, SIGBUS);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    /* the kick only interrupts; its handler may move a stub's PC */
    sa.sa_sigaction = sig_async;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sa.sa_mask = async_set;
    sigaction(RT_SIG_KICK, &sa, NULL);
    /* What execve keeps: the blocked set and ignored dispositions (the
     * guest process that exec'ed us had them; nohup's SIGHUP). */
    GuestThread *t = current_thread;
    if (!t)
        return;
    sigset_t now;
    pthread_sigmask(SIG_SETMASK, NULL, &now);
    for (int h = 1; h < 65; h++) {
        int g = sys_signal_to_guest(h);
        if (g <= 0 || g >= GUEST_NSIG)
            continue;
        if (sigismember(&now, h) == 1 && h != SIGKILL && h != SIGSTOP)
            t->sigmask[(g - 1) / 32] |= 1u << ((g - 1) % 32);
        struct sigaction cur;
        if (h != RT_SIG_KICK && sigaction(h, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN)
            rt_proc.sigact[g].handler = 1;
    }
    rt_sig_apply_mask(t);
}
