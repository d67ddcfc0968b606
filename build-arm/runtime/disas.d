build-arm/runtime/disas.o: runtime/disas.c config.h runtime/cache.h \
 runtime/../ir/backend.h runtime/../ir/ir.h runtime/../ir/ir_ops.def \
 runtime/disas.h runtime/guestmem.h runtime/log.h runtime/runtime.h \
 runtime/thread.h runtime/../frontend/frontend.h \
 runtime/../frontend/../ir/ir.h \
 /usr/lib/llvm-14/include/llvm-c/Disassembler.h \
 /usr/lib/llvm-14/include/llvm-c/DisassemblerTypes.h \
 /usr/lib/llvm-14/include/llvm-c/DataTypes.h \
 /usr/lib/llvm-14/include/llvm-c/ExternC.h
config.h:
runtime/cache.h:
runtime/../ir/backend.h:
runtime/../ir/ir.h:
runtime/../ir/ir_ops.def:
runtime/disas.h:
runtime/guestmem.h:
runtime/log.h:
runtime/runtime.h:
runtime/thread.h:
runtime/../frontend/frontend.h:
runtime/../frontend/../ir/ir.h:
/usr/lib/llvm-14/include/llvm-c/Disassembler.h:
/usr/lib/llvm-14/include/llvm-c/DisassemblerTypes.h:
/usr/lib/llvm-14/include/llvm-c/DataTypes.h:
/usr/lib/llvm-14/include/llvm-c/ExternC.h:
