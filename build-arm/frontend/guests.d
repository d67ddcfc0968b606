build-arm/frontend/guests.o: frontend/guests.c frontend/frontend.h \
 frontend/../ir/ir.h frontend/../ir/ir_ops.def
frontend/frontend.h:
frontend/../ir/ir.h:
frontend/../ir/ir_ops.def:
