build-arm/frontend/arm/mul.o: frontend/arm/mul.c frontend/arm/translate.h \
 frontend/arm/../frontend.h frontend/arm/../../ir/ir.h \
 frontend/arm/../../ir/ir_ops.def frontend/arm/../decode.h \
 frontend/arm/cpu.h frontend/arm/../../ir/backend.h \
 frontend/arm/../../ir/ir.h frontend/arm/insns_a32.def \
 frontend/arm/insns_t16.def frontend/arm/insns_t32.def \
 frontend/arm/insns_cp.def frontend/arm/insns_vfp.def
frontend/arm/translate.h:
frontend/arm/../frontend.h:
frontend/arm/../../ir/ir.h:
frontend/arm/../../ir/ir_ops.def:
frontend/arm/../decode.h:
frontend/arm/cpu.h:
frontend/arm/../../ir/backend.h:
frontend/arm/../../ir/ir.h:
frontend/arm/insns_a32.def:
frontend/arm/insns_t16.def:
frontend/arm/insns_t32.def:
frontend/arm/insns_cp.def:
frontend/arm/insns_vfp.def:
