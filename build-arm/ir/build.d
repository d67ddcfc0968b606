build-arm/ir/build.o: ir/build.c ir/ir.h ir/ir_ops.def
ir/ir.h:
ir/ir_ops.def:
