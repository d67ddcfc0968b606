build-arm/ir/opt_state.o: ir/opt_state.c ir/ir.h ir/ir_ops.def
ir/ir.h:
ir/ir_ops.def:
