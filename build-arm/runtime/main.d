build-arm/runtime/main.o: runtime/main.c config.h runtime/cache.h \
 runtime/../ir/backend.h runtime/../ir/ir.h runtime/../ir/ir_ops.def \
 runtime/guestmem.h runtime/loader.h runtime/thread.h \
 runtime/../frontend/frontend.h runtime/../frontend/../ir/ir.h \
 runtime/log.h runtime/runtime.h runtime/../syscall/syscall.h \
 runtime/../syscall/../runtime/thread.h
config.h:
runtime/cache.h:
runtime/../ir/backend.h:
runtime/../ir/ir.h:
runtime/../ir/ir_ops.def:
runtime/guestmem.h:
runtime/loader.h:
runtime/thread.h:
runtime/../frontend/frontend.h:
runtime/../frontend/../ir/ir.h:
runtime/log.h:
runtime/runtime.h:
runtime/../syscall/syscall.h:
runtime/../syscall/../runtime/thread.h:
