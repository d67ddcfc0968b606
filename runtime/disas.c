/*
 * disas.c - -d in_asm and out_asm.  Uses LLVMCreateDisasm with the guest's
 * and the backend's target triples; without LLVM it prints hex words.
 */
#include <stdbool.h>
#include <string.h>
#include "config.h"
#include "cache.h"
#include "disas.h"
#include "guestmem.h"
#include "log.h"
#include "runtime.h"
#if XBT_HAVE_LLVM
#include <dlfcn.h>
#include <llvm-c/Disassembler.h>
#endif

#if XBT_HAVE_LLVM
/* libLLVM is opened on first use: linking it would cost every guest process
 * the relocation of the whole library at start-up. */
static struct {
    LLVMDisasmContextRef (*create)(const char *, const char *, void *, int, LLVMOpInfoCallback,
                                   LLVMSymbolLookupCallback);
    size_t (*insn)(LLVMDisasmContextRef, uint8_t *, uint64_t, uint64_t, char *, size_t);
} llvm;

static bool llvm_open(void)
{
    static int state;    /* 0 untried, 1 ok, -1 failed */
    if (state)
        return state > 0;
    state = -1;
    void *h = dlopen(XBT_LLVM_LIB, RTLD_LAZY | RTLD_LOCAL);
    if (!h) {
        rt_log("disas: cannot open %s (%s); printing hex\n", XBT_LLVM_LIB, dlerror());
        return false;
    }
    static const char *const targets[] = { "X86", "AArch64", "Mips", "ARM", "PowerPC" };
    static const char *const parts[] = { "TargetInfo", "TargetMC", "Disassembler" };
    for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++)
        for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
            char name[64];
            snprintf(name, sizeof name, "LLVMInitialize%s%s", targets[t], parts[p]);
            void (*init)(void) = (void (*)(void))dlsym(h, name);
            if (init)
                init();
        }
    *(void **)&llvm.create = dlsym(h, "LLVMCreateDisasmCPU");
    *(void **)&llvm.insn = dlsym(h, "LLVMDisasmInstruction");
    if (!llvm.create || !llvm.insn)
        return false;
    state = 1;
    return true;
}

static LLVMDisasmContextRef make_ctx(const char *triple, const char *cpu)
{
    return triple && llvm_open() ? llvm.create(triple, cpu ? cpu : "", NULL, 0, NULL, NULL) : NULL;
}

static void dump(LLVMDisasmContextRef ctx, const uint8_t *p, uint32_t n, uint64_t addr, unsigned unit)
{
    uint32_t off = 0;
    while (off < n) {
        char text[128] = "";
        size_t len = ctx ? llvm.insn(ctx, (uint8_t *)p + off, n - off, addr + off, text, sizeof text) : 0;
        if (len == 0) {
            len = unit;
            snprintf(text, sizeof text, "\t(unknown)");
        }
        rt_log("  %08llx: ", (unsigned long long)(addr + off));
        for (size_t i = 0; i < len && i < 8; i++)
            rt_log("%02x", p[off + i]);
        rt_log("%*s%s\n", (int)(2 * (8 - (len < 8 ? len : 8))) + 1, "", text);
        off += (uint32_t)len;
    }
}
#endif

void rt_disas_guest(uint32_t pc, uint32_t end)
{
    rt_log("---- guest %08x-%08x\n", pc, end);
#if XBT_HAVE_LLVM
    /* An odd pc is ARM's Thumb state: its own triple, 2-byte units. */
    bool odd = (pc & 1) && rt_proc.arch->llvm_triple_odd_pc;
    const char *triple = odd ? rt_proc.arch->llvm_triple_odd_pc : rt_proc.arch->llvm_triple;
    static LLVMDisasmContextRef ctx[2];
    static const char *ctx_triple[2];
    if (ctx_triple[odd] != triple) {
        ctx[odd] = make_ctx(triple, rt_proc.arch->llvm_cpu);
        ctx_triple[odd] = triple;
    }
    pc &= ~1u;
    dump(ctx[odd], g2h(pc), end > pc ? end - pc : 0, pc, odd ? 2 : 4);
#else
    for (uint32_t a = pc; a < end; a += 4) {
        const uint8_t *p = g2h(a);
        rt_log("  %08x: %02x%02x%02x%02x\n", a, p[0], p[1], p[2], p[3]);
    }
#endif
}

void rt_disas_host(const uint8_t *code, uint32_t size)
{
    rt_log("---- host %p (%u bytes)\n", (const void *)code, size);
#if XBT_HAVE_LLVM
    static LLVMDisasmContextRef ctx;
    if (!ctx)
        ctx = make_ctx(rt_backend->llvm_triple, NULL);
    dump(ctx, code, size, (uint64_t)(uintptr_t)code, 1);
#else
    for (uint32_t i = 0; i < size; i += 16) {
        rt_log("  %p:", (const void *)(code + i));
        for (uint32_t j = i; j < size && j < i + 16; j++)
            rt_log(" %02x", code[j]);
        rt_log("\n");
    }
#endif
}
