build-arm/syscall/abi_mips_o32.o: syscall/abi_mips_o32.c \
 syscall/sys_abi.h syscall/syscall.h syscall/../runtime/thread.h \
 syscall/../runtime/../frontend/frontend.h \
 syscall/../runtime/../frontend/../ir/ir.h \
 syscall/../runtime/../frontend/../ir/ir_ops.def \
 syscall/../runtime/guestmem.h syscall/tables/names.def \
 syscall/tables/structs.def syscall/../frontend/mips/cpu.h \
 syscall/../frontend/mips/../../ir/backend.h \
 syscall/../frontend/mips/../../ir/ir.h syscall/tables/mips_o32.h
syscall/sys_abi.h:
syscall/syscall.h:
syscall/../runtime/thread.h:
syscall/../runtime/../frontend/frontend.h:
syscall/../runtime/../frontend/../ir/ir.h:
syscall/../runtime/../frontend/../ir/ir_ops.def:
syscall/../runtime/guestmem.h:
syscall/tables/names.def:
syscall/tables/structs.def:
syscall/../frontend/mips/cpu.h:
syscall/../frontend/mips/../../ir/backend.h:
syscall/../frontend/mips/../../ir/ir.h:
syscall/tables/mips_o32.h:
