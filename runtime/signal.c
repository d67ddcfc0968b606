/*
 * signal.c - host signals caught by xbt, and guest signals raised by guest
 * code.
 *
 * A SIGSEGV or SIGBUS whose host PC lies in the code cache is a guest
 * memory fault: the block's pc map gives the guest PC of the faulting
 * instruction and the fault address is turned back into a guest address.
 * Anywhere else it is a bug in xbt and is reported as one.
 *
 * Delivery: NYI: running guest handlers with a guest signal frame (the Linux
 * ABI issue).  Until then every synchronous guest signal takes its default
 * action, as the kernel would for a guest without a handler: the process
 * dies by that signal (so the parent sees the same wait status).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

void rt_deliver_signal(GuestThread *t, int host_signo, int si_code, uint32_t addr)
{
    IRCpuHeader *h = t->cpu;
    if (sys_signal_deliver(t, host_signo, si_code, addr))
        return;                           /* the guest's handler runs next */
    rt_error(NULL, "guest %s at pc %#x (si_code %d, address %#x)", strsignal(host_signo),
             h->pc, si_code, addr);
    die_by_signal(host_signo);
}

void rt_raise_guest_signal(GuestThread *t, int host_signo, int si_code, uint32_t addr)
{
    rt_deliver_signal(t, host_signo, si_code, addr);
}

static void fault_handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
#if defined(__x86_64__)
    void *host_pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    void *host_pc = (void *)uc->uc_mcontext.pc;
#endif
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
    sigaltstack(&ss, NULL);
}

void rt_signals_init(void)
{
    static uint8_t altstack[1 << 16];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
