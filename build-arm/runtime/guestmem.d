build-arm/runtime/guestmem.o: runtime/guestmem.c runtime/guestmem.h \
 runtime/log.h runtime/thread.h runtime/../frontend/frontend.h \
 runtime/../frontend/../ir/ir.h runtime/../frontend/../ir/ir_ops.def
runtime/guestmem.h:
runtime/log.h:
runtime/thread.h:
runtime/../frontend/frontend.h:
runtime/../frontend/../ir/ir.h:
runtime/../frontend/../ir/ir_ops.def:
