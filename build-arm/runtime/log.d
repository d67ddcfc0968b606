build-arm/runtime/log.o: runtime/log.c runtime/log.h
runtime/log.h:
