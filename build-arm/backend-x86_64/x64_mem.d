build-arm/backend-x86_64/x64_mem.o: backend-x86_64/x64_mem.c \
 backend-x86_64/x64_internal.h backend-x86_64/../ir/backend.h \
 backend-x86_64/../ir/ir.h backend-x86_64/../ir/ir_ops.def \
 backend-x86_64/../ir/regalloc.h backend-x86_64/x64_enc.h
backend-x86_64/x64_internal.h:
backend-x86_64/../ir/backend.h:
backend-x86_64/../ir/ir.h:
backend-x86_64/../ir/ir_ops.def:
backend-x86_64/../ir/regalloc.h:
backend-x86_64/x64_enc.h:
