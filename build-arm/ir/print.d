build-arm/ir/print.o: ir/print.c ir/ir.h ir/ir_ops.def
ir/ir.h:
ir/ir_ops.def:
