build-arm/ir/helpers.o: ir/helpers.c ir/ir.h ir/ir_ops.def
ir/ir.h:
ir/ir_ops.def:
