build-arm/ir/regalloc.o: ir/regalloc.c ir/regalloc.h ir/ir.h \
 ir/ir_ops.def
ir/regalloc.h:
ir/ir.h:
ir/ir_ops.def:
