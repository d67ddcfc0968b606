/*
 * disas.h - guest and host disassembly for -d in_asm / out_asm, through
 * LLVM's disassembler C API when xbt is built with LLVM; a hex dump otherwise.
 */
#ifndef XBT_DISAS_H
#define XBT_DISAS_H

#include <stdint.h>

void rt_disas_guest(uint32_t pc, uint32_t end);
void rt_disas_host(const uint8_t *code, uint32_t size);

#endif
