build-arm/runtime/cache.o: runtime/cache.c runtime/cache.h \
 runtime/../ir/backend.h runtime/../ir/ir.h runtime/../ir/ir_ops.def \
 runtime/disas.h runtime/guestmem.h runtime/log.h runtime/runtime.h \
 runtime/thread.h runtime/../frontend/frontend.h \
 runtime/../frontend/../ir/ir.h
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
