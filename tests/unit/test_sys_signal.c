/*
 * test_sys_signal.c - guest signal delivery for MIPS o32 in both byte
 * orders: sys_signal_deliver builds the kernel's rt_sigframe (siginfo,
 * ucontext with the sigcontext of every register) on the guest stack and
 * points the CPU at the handler; the handler's return through the
 * trampoline's rt_sigreturn restores every register, the pc and the mask.
 */
#include <signal.h>
#include "test_sys_stubs.h"
#include "frontend/mips/cpu.h"

#define STACK_TOP 0x20000u

static MIPSCPU cpu;
static GuestThread thr = { .cpu = &cpu };

/* the o32 convention, as frontend/mips/abi.c has it (args 5-8 unused here) */
static uint32_t m_nr(const void *c) { return ((const MIPSCPU *)c)->gpr[2]; }
static void m_args(const void *c, const uint8_t *gb, uint32_t a[8])
{
    memset(a, 0, 8 * sizeof a[0]);
    for (int i = 0; i < 4; i++)
        a[i] = ((const MIPSCPU *)c)->gpr[4 + i];
}
static void m_set_result(void *c, int64_t r)
{
    MIPSCPU *m = c;
    m->gpr[2] = (uint32_t)(r < 0 ? -r : r);
    m->gpr[7] = r < 0;
}
static void m_advance(void *c) { ((MIPSCPU *)c)->h.pc += 4; }
static const GuestSyscallABI m_sys = { m_nr, m_args, m_set_result, m_advance };

static GuestArch arch_be = { .name = "mips", .uname_machine = "mips", .elf_machine = 8,
                             .big_endian = true, .cpu_size = sizeof(MIPSCPU), .sys = &m_sys };
static GuestArch arch_le = { .name = "mipsel", .uname_machine = "mips", .elf_machine = 8,
                             .big_endian = false, .cpu_size = sizeof(MIPSCPU), .sys = &m_sys };

static uint32_t nr_of(const char *name)
{
    for (uint32_t i = 0; i < sys_cur.abi->n_nrs; i++)
        if (!strcmp(sys_cur.abi->nrs[i].name, name))
            return sys_cur.abi->nrs[i].nr;
    return 0;
}

static void run(bool be)
{
    const char *bo = be ? "BE" : "LE";
    t_ok(sys_setup(&sys_abi_mips_o32, be ? &arch_be : &arch_le), "%s: setup", bo);
    /* handler for SIGUSR1 (16 on MIPS), sa_mask = { SIGUSR2 (17) } */
    memset(&rt_proc.sigact, 0, sizeof rt_proc.sigact);
    rt_proc.sigact[16].handler = 0x400100;
    rt_proc.sigact[16].mask[0] = 1u << 16;
    memset(&cpu, 0, sizeof cpu);
    for (int i = 1; i < 32; i++)
        cpu.gpr[i] = 0x1000u * (uint32_t)i + 7;
    cpu.gpr[29] = STACK_TOP - 0x100;
    cpu.hi = 0x11111111;
    cpu.lo = 0x22222222;
    cpu.fpr[2] = 0x33333333;
    cpu.fpr[3] = 0x44444444;
    cpu.h.pc = 0x400800;
    memset(thr.sigmask, 0, sizeof thr.sigmask);
    MIPSCPU saved = cpu;

    t_ok(sys_signal_deliver(&thr, SIGUSR1, SI_TKILL, 0), "%s: delivered", bo);
    uint32_t frame = cpu.gpr[29];
    t_ok(cpu.h.pc == 0x400100 && cpu.gpr[25] == 0x400100, "%s: pc and t9 = handler", bo);
    t_ok(cpu.gpr[4] == 16, "%s: a0 = guest signal 16", bo);
    t_ok(frame < saved.gpr[29] - 32 && (frame & 7) == 0, "%s: frame below sp-32, 8-aligned", bo);
    t_ok(cpu.gpr[5] == frame + 24 && cpu.gpr[6] == frame + 152, "%s: a1 = &info, a2 = &uc", bo);
    const uint8_t *info = g2h(cpu.gpr[5]);
    t_ok(sys_ld(info, 4) == 16 && (int32_t)sys_ld(info + 4, 4) == -6 && sys_ld(info + 12, 4) == (uint32_t)getpid(),
         "%s: siginfo signo, si_code SI_TKILL (-6, at offset 4 on MIPS), pid", bo);
    const uint8_t *sc = g2h(cpu.gpr[6] + 24);
    t_ok(sys_ld(sc + 8, 8) == 0x400800 && sys_ld(sc + 16 + 8 * 31, 8) == saved.gpr[31] &&
         sys_ld(sc + 16 + 8 * 4, 8) == saved.gpr[4], "%s: sigcontext pc and registers", bo);
    t_ok(sys_ld(sc + 272 + 16, 8) == 0x4444444433333333ull, "%s: sc_fpregs[2] is the f2/f3 double", bo);
    const uint8_t *tr = g2h(cpu.gpr[31]);
    t_ok(sys_ld(tr, 4) == (0x24020000u | nr_of("rt_sigreturn")) && sys_ld(tr + 4, 4) == 0xc,
         "%s: ra = trampoline: li v0, rt_sigreturn; syscall", bo);
    t_ok(thr.sigmask[0] == (1u << 15 | 1u << 16), "%s: SIGUSR1 and sa_mask blocked in the handler", bo);

    /* the handler clobbers registers, then returns through the trampoline */
    for (int i = 1; i < 32; i++)
        if (i != 29)
            cpu.gpr[i] = 0xdead0000u + (uint32_t)i;
    cpu.fpr[2] = 0;
    cpu.gpr[2] = nr_of("rt_sigreturn");
    cpu.h.pc = cpu.gpr[31] + 4;
    sys_dispatch(&thr);
    bool regs = true;
    for (int i = 1; i < 32; i++)
        regs &= cpu.gpr[i] == saved.gpr[i];
    t_ok(regs && cpu.hi == saved.hi && cpu.lo == saved.lo, "%s: rt_sigreturn restores every register", bo);
    t_ok(cpu.h.pc == 0x400800, "%s: and the pc (no syscall advance)", bo);
    t_ok(cpu.fpr[2] == 0x33333333 && cpu.fpr[3] == 0x44444444, "%s: and the FP registers", bo);
    t_ok(thr.sigmask[0] == 0, "%s: and the signal mask", bo);

    /* blocked: not delivered; SIG_DFL: not delivered */
    thr.sigmask[0] = 1u << 15;
    t_ok(!sys_signal_deliver(&thr, SIGUSR1, SI_USER, 0), "%s: blocked signal not delivered", bo);
    thr.sigmask[0] = 0;
    rt_proc.sigact[16].handler = 0;
    t_ok(!sys_signal_deliver(&thr, SIGUSR1, SI_USER, 0), "%s: SIG_DFL not delivered", bo);
}

int main(void)
{
    t_ok(t_guest_mem(STACK_TOP - 0x4000, 0x4000), "guest stack");
    run(true);
    run(false);
    return t_done();
}
