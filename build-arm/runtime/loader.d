build-arm/runtime/loader.o: runtime/loader.c runtime/guestmem.h \
 runtime/loader.h runtime/thread.h runtime/../frontend/frontend.h \
 runtime/../frontend/../ir/ir.h runtime/../frontend/../ir/ir_ops.def \
 runtime/log.h
runtime/guestmem.h:
runtime/loader.h:
runtime/thread.h:
runtime/../frontend/frontend.h:
runtime/../frontend/../ir/ir.h:
runtime/../frontend/../ir/ir_ops.def:
runtime/log.h:
