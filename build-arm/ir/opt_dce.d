build-arm/ir/opt_dce.o: ir/opt_dce.c ir/ir.h ir/ir_ops.def
ir/ir.h:
ir/ir_ops.def:
