build-arm/frontend/mips/alu.o: frontend/mips/alu.c \
 frontend/mips/translate.h frontend/mips/../frontend.h \
 frontend/mips/../../ir/ir.h frontend/mips/../../ir/ir_ops.def \
 frontend/mips/../decode.h frontend/mips/cpu.h \
 frontend/mips/../../ir/backend.h frontend/mips/../../ir/ir.h \
 frontend/mips/insns.def
frontend/mips/translate.h:
frontend/mips/../frontend.h:
frontend/mips/../../ir/ir.h:
frontend/mips/../../ir/ir_ops.def:
frontend/mips/../decode.h:
frontend/mips/cpu.h:
frontend/mips/../../ir/backend.h:
frontend/mips/../../ir/ir.h:
frontend/mips/insns.def:
