build-arm/ir/verify.o: ir/verify.c ir/ir.h ir/ir_ops.def
ir/ir.h:
ir/ir_ops.def:
