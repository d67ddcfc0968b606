build-arm/backend-x86_64/x64_enc.o: backend-x86_64/x64_enc.c \
 backend-x86_64/x64_enc.h
backend-x86_64/x64_enc.h:
