build-arm/ir/interp.o: ir/interp.c ir/backend.h ir/ir.h ir/ir_ops.def
ir/backend.h:
ir/ir.h:
ir/ir_ops.def:
