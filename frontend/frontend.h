/*
 * frontend.h - what the runtime and syscall layer know about a guest ISA.
 *
 * A frontend decodes guest code into IR (ir/ir.h) and describes the guest's
 * register file and the few ABI facts the layers above need: where syscall
 * numbers and arguments live, how results and errors are returned, the ELF
 * machine it runs.  It never knows the host.
 *
 * Guest code is read through FeCode, which reports unreadable/non-executable
 * addresses so that the translator can end the block with a SIGSEGV trap at
 * the exact PC instead of reading garbage.
 */
#ifndef XBT_FRONTEND_H
#define XBT_FRONTEND_H

#include <stdbool.h>
#include <stdint.h>
#include "../ir/ir.h"

typedef uint32_t GuestAddr;

typedef struct FeCode {
    uint8_t *guest_base;
    /* Returns true if [addr, addr+len) is mapped executable. */
    bool (*executable)(GuestAddr addr, uint32_t len);
} FeCode;

typedef struct FeOptions {
    uint32_t max_insns;     /* length limit of a block */
    bool superblocks;       /* continue past conditional branches */
} FeOptions;

/* ABI facts of a guest's syscall convention.  Handlers in syscall/ read
 * arguments and write results only through these. */
typedef struct GuestSyscallABI {
    uint32_t (*nr)(const void *cpu);
    /* Fills args[0..7]; may read guest memory (o32 passes 5..8 on the stack). */
    void (*args)(const void *cpu, const uint8_t *guest_base, uint32_t args[8]);
    /* ret is a host-style result: >= 0 success, -errno (guest errno) failure. */
    void (*set_result)(void *cpu, int64_t ret);
    /* Advances pc past the syscall instruction (cpu.pc points at it). */
    void (*advance)(void *cpu);
} GuestSyscallABI;

typedef struct GuestArch {
    const char *name;          /* "mips", "mipsel", ... */
    const char *uname_machine; /* what uname(2) says */
    const char *platform;      /* AT_PLATFORM string, or NULL */
    uint16_t elf_machine;      /* EM_* */
    bool big_endian;
    uint32_t cpu_size;         /* sizeof the guest CPU struct (starts with IRCpuHeader) */
    uint32_t hwcap, hwcap2;    /* AT_HWCAP / AT_HWCAP2 */
    uint32_t stack_align;
    /* Does this frontend accept the ELF header flags? NULL = any. */
    bool (*accepts_elf_flags)(uint32_t e_flags, const char **why);
    /* Sets up a fresh CPU (zeroed by the caller) for entry at pc with stack sp. */
    void (*cpu_init)(void *cpu, GuestAddr pc, GuestAddr sp);
    /* Translates the block at pc into b (reset by the caller).  Always ends
     * with a terminator; undecodable code ends in a SIGILL trap at its PC. */
    void (*translate)(IRBlock *b, GuestAddr pc, const FeCode *code, const FeOptions *opt);
    /* Thread pointer (TLS) for clone(CLONE_SETTLS) and set_thread_area. */
    void (*set_tls)(void *cpu, uint32_t tls);
    /* Child side of fork/clone: the syscall returns 0 there, new stack if non-zero.
     * (Added note: it sets the result registers and sp only; pc stays at the
     * syscall and is advanced by the caller as on the parent side.) */
    void (*clone_child)(void *cpu, GuestAddr new_sp);
    /* Register dump for crash reports and -d cpu. */
    void (*dump)(const void *cpu, FILE *f);
    const GuestSyscallABI *sys;
    const char *llvm_triple;   /* for -d in_asm */
    /* Added: CPU name for LLVMCreateDisasmCPU (NULL = the triple's default);
     * MIPS needs "mips32r2" for madd.d, mfhc1 and other R2 encodings. */
    const char *llvm_cpu;
    /* Optional: maps the pages the guest's kernel provides at fixed
     * addresses (ARM's kuser helper page) through map(), which maps
     * [addr, addr+len) zero-filled with prot (PROT_*) and returns 0 or
     * -errno; then fills them through guest_base.  Called once after
     * loading, before the first instruction runs. */
    bool (*setup_memory)(uint8_t *guest_base, int (*map)(uint32_t addr, uint32_t len, int prot));
    /* Added (ARM frontend): when non-NULL, code at a pc with bit 0 set - ARM
     * Thumb state in frontend/arm's pc convention - is disassembled from
     * pc & ~1 with this triple instead of llvm_triple (for -d in_asm). */
    const char *llvm_triple_odd_pc;
    /* Added (PowerPC): AT_* key/value pairs the guest's kernel adds to the
     * generic auxiliary vector (its ARCH_DLINFO), ended by a 0 key; NULL =
     * none.  Linux emits them before all generic entries (PowerPC's
     * AT_IGNOREPPC pair must come first, for old glibc), so the loader
     * should too. */
    const uint32_t *extra_auxv;
    /* Optional: the Debian triplet whose cross sysroot /usr/<triplet> holds
     * this program's interpreter and libraries, when the ELF header flags
     * select one (ARM: hard-float armhf or soft-float armel).  NULL or a
     * NULL result = llvm_triple. */
    const char *(*sysroot_triplet)(uint32_t e_flags);
} GuestArch;

extern const GuestArch guest_mips, guest_mipsel;
/* Added by the ARM frontend (frontend/arm/abi.c). */
extern const GuestArch guest_arm;
/* Added by the PowerPC frontend (frontend/ppc/abi.c). */
extern const GuestArch guest_ppc;

/* All guests, NULL-terminated, for ELF detection. */
extern const GuestArch *const fe_guests[];

#endif
