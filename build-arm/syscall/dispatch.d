build-arm/syscall/dispatch.o: syscall/dispatch.c syscall/sys_abi.h \
 syscall/syscall.h syscall/../runtime/thread.h \
 syscall/../runtime/../frontend/frontend.h \
 syscall/../runtime/../frontend/../ir/ir.h \
 syscall/../runtime/../frontend/../ir/ir_ops.def \
 syscall/../runtime/guestmem.h syscall/tables/names.def \
 syscall/tables/structs.def syscall/calls.def
syscall/sys_abi.h:
syscall/syscall.h:
syscall/../runtime/thread.h:
syscall/../runtime/../frontend/frontend.h:
syscall/../runtime/../frontend/../ir/ir.h:
syscall/../runtime/../frontend/../ir/ir_ops.def:
syscall/../runtime/guestmem.h:
syscall/tables/names.def:
syscall/tables/structs.def:
syscall/calls.def:
