build-arm/runtime/dispatch.o: runtime/dispatch.c runtime/cache.h \
 runtime/../ir/backend.h runtime/../ir/ir.h runtime/../ir/ir_ops.def \
 runtime/guestmem.h runtime/log.h runtime/runtime.h runtime/thread.h \
 runtime/../frontend/frontend.h runtime/../frontend/../ir/ir.h \
 runtime/../syscall/syscall.h runtime/../syscall/../runtime/thread.h
runtime/cache.h:
runtime/../ir/backend.h:
runtime/../ir/ir.h:
runtime/../ir/ir_ops.def:
runtime/guestmem.h:
runtime/log.h:
runtime/runtime.h:
runtime/thread.h:
runtime/../frontend/frontend.h:
runtime/../frontend/../ir/ir.h:
runtime/../syscall/syscall.h:
runtime/../syscall/../runtime/thread.h:
