build-arm/frontend/decode.o: frontend/decode.c frontend/decode.h
frontend/decode.h:
