build-arm/ir/opt_fold.o: ir/opt_fold.c ir/ir.h ir/ir_ops.def
ir/ir.h:
ir/ir_ops.def:
