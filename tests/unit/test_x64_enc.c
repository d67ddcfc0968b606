/*
 * test_x64_enc.c - byte-exact tests of the x86-64 encoders against GNU as.
 *
 * Each row is the assembly text (Intel syntax, as accepted by
 * `as --64 -msyntax=intel -mnaked-reg`), the bytes GNU as 2.40 produced for
 * it, and the encoder call that must produce the same bytes.  The expected
 * bytes were generated once by tests/codegen/x64_enc_expect.sh (which runs
 * this program with --asm) and are committed here.  With --live the test
 * also re-assembles every row with `as` and compares (skipped if absent).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend-x86_64/x64_enc.h"

#define M(b, d) x64_mem(b, d)
#define MI(b, i, s, d) x64_mem_idx(b, i, s, d)
enum { A = X64_RAX, C = X64_RCX, D = X64_RDX, B = X64_RBX, SP = X64_RSP, BP = X64_RBP,
       SI = X64_RSI, DI = X64_RDI, R8 = X64_R8, R9 = X64_R9, R10 = X64_R10, R11 = X64_R11,
       R12 = X64_R12, R13 = X64_R13, R14 = X64_R14, R15 = X64_R15 };

#define ROWS(R) \
    R("add eax, ecx", "01 c8", x64_alu_rr(c, X64_ALU_ADD, 0, A, C)) \
    R("add rax, r9", "4c 01 c8", x64_alu_rr(c, X64_ALU_ADD, 1, A, R9)) \
    R("sub r10d, esi", "41 29 f2", x64_alu_rr(c, X64_ALU_SUB, 0, R10, SI)) \
    R("and r12, r13", "4d 21 ec", x64_alu_rr(c, X64_ALU_AND, 1, R12, R13)) \
    R("or ebp, r8d", "44 09 c5", x64_alu_rr(c, X64_ALU_OR, 0, BP, R8)) \
    R("xor eax, eax", "31 c0", x64_alu_rr(c, X64_ALU_XOR, 0, A, A)) \
    R("cmp r14, rbx", "49 39 de", x64_alu_rr(c, X64_ALU_CMP, 1, R14, B)) \
    R("add eax, dword ptr [rbx+8]", "03 43 08", x64_alu_rm(c, X64_ALU_ADD, 0, A, M(B, 8))) \
    R("add rax, qword ptr [r15+rcx]", "49 03 04 0f", x64_alu_rm(c, X64_ALU_ADD, 1, A, MI(R15, C, 0, 0))) \
    R("add ecx, 5", "83 c1 05", x64_alu_ri(c, X64_ALU_ADD, 0, C, 5)) \
    R("sub r9, -128", "49 83 e9 80", x64_alu_ri(c, X64_ALU_SUB, 1, R9, -128)) \
    R("and eax, 0x12345", "25 45 23 01 00", x64_alu_ri(c, X64_ALU_AND, 0, A, 0x12345)) \
    R("and r11d, 0x3ffc", "41 81 e3 fc 3f 00 00", x64_alu_ri(c, X64_ALU_AND, 0, R11, 0x3ffc)) \
    R("cmp r12d, 1000", "41 81 fc e8 03 00 00", x64_alu_ri(c, X64_ALU_CMP, 0, R12, 1000)) \
    R("xor rdx, -1", "48 83 f2 ff", x64_alu_ri(c, X64_ALU_XOR, 1, D, -1)) \
    R("add rax, 0x7fffffff", "48 05 ff ff ff 7f", x64_alu_ri(c, X64_ALU_ADD, 1, A, 0x7fffffff)) \
    R("cmp r11d, 0xff000000", "41 81 fb 00 00 00 ff", x64_alu_ri(c, X64_ALU_CMP, 0, R11, (int32_t)0xff000000)) \
    R("sub rsp, 4096", "48 81 ec 00 10 00 00", x64_alu_ri(c, X64_ALU_SUB, 1, SP, 4096)) \
    R("cmp dword ptr [rbx+4], 0", "83 7b 04 00", x64_alu_mi(c, X64_ALU_CMP, 0, M(B, 4), 0)) \
    R("or dword ptr [rbx+24], 32", "83 4b 18 20", x64_alu_mi(c, X64_ALU_OR, 0, M(B, 24), 32)) \
    R("add qword ptr [rsp+16], 300", "48 81 44 24 10 2c 01 00 00", x64_alu_mi(c, X64_ALU_ADD, 1, M(SP, 16), 300)) \
    R("test ecx, ecx", "85 c9", x64_rr(c, X64_TEST_RM_R, C, C)) \
    R("test r13, r13", "4d 85 ed", x64_rr(c, X64_TEST_RM_R | X64_W, R13, R13)) \
    R("test eax, 0x100", "a9 00 01 00 00", x64_test_ri(c, 0, A, 0x100)) \
    R("test esi, 7", "f7 c6 07 00 00 00", x64_test_ri(c, 0, SI, 7)) \
    R("mov eax, ecx", "89 c8", x64_rr(c, X64_MOV_RM_R, C, A)) \
    R("mov r8, rsp", "49 89 e0", x64_rr(c, X64_MOV_RM_R | X64_W, SP, R8)) \
    R("mov rbx, rdi", "48 89 fb", x64_rr(c, X64_MOV_RM_R | X64_W, DI, B)) \
    R("mov eax, dword ptr [r15+rcx]", "41 8b 04 0f", x64_rm(c, X64_MOV_R_RM, A, MI(R15, C, 0, 0))) \
    R("mov r9d, dword ptr [r15+r13]", "47 8b 0c 2f", x64_rm(c, X64_MOV_R_RM, R9, MI(R15, R13, 0, 0))) \
    R("mov eax, dword ptr [r15+rbp]", "41 8b 04 2f", x64_rm(c, X64_MOV_R_RM, A, MI(R15, BP, 0, 0))) \
    R("mov rax, qword ptr [rsp+16]", "48 8b 44 24 10", x64_rm(c, X64_MOV_R_RM | X64_W, A, M(SP, 16))) \
    R("mov rdx, qword ptr [rsp+4000]", "48 8b 94 24 a0 0f 00 00", x64_rm(c, X64_MOV_R_RM | X64_W, D, M(SP, 4000))) \
    R("mov dword ptr [rbp], eax", "89 45 00", x64_rm(c, X64_MOV_RM_R, A, M(BP, 0))) \
    R("mov qword ptr [r13], r12", "4d 89 65 00", x64_rm(c, X64_MOV_RM_R | X64_W, R12, M(R13, 0))) \
    R("mov ecx, dword ptr [r12]", "41 8b 0c 24", x64_rm(c, X64_MOV_R_RM, C, M(R12, 0))) \
    R("mov edx, dword ptr [r15+0x7fff0000]", "41 8b 97 00 00 ff 7f", x64_rm(c, X64_MOV_R_RM, D, M(R15, 0x7fff0000))) \
    R("mov eax, dword ptr [rip+0]", "8b 05 00 00 00 00", x64_rm(c, X64_MOV_R_RM, A, M(X64_RIP, 0))) \
    R("mov eax, dword ptr [rax*4+0x100]", "8b 04 85 00 01 00 00", x64_rm(c, X64_MOV_R_RM, A, MI(X64_NOREG, A, 2, 0x100))) \
    R("mov r11, qword ptr [r11+rdx*4+8]", "4d 8b 5c 93 08", x64_rm(c, X64_MOV_R_RM | X64_W, R11, MI(R11, D, 2, 8))) \
    R("mov ecx, dword ptr [rbx+r12*8-8]", "42 8b 4c e3 f8", x64_rm(c, X64_MOV_R_RM, C, MI(B, R12, 3, -8))) \
    R("mov eax, 0x12345678", "b8 78 56 34 12", x64_mov_ri(c, 0, A, 0x12345678)) \
    R("mov r9d, 0", "41 b9 00 00 00 00", x64_mov_ri(c, 0, R9, 0)) \
    R("mov rax, -1", "48 c7 c0 ff ff ff ff", x64_mov_ri(c, 1, A, ~0ull)) \
    R("movabs rax, 0x123456789", "48 b8 89 67 45 23 01 00 00 00", x64_mov_ri(c, 1, A, 0x123456789ull)) \
    R("movabs r11, 0x8000000000000000", "49 bb 00 00 00 00 00 00 00 80", x64_mov_ri(c, 1, R11, 0x8000000000000000ull)) \
    R("mov r10d, 0xffffffff", "41 ba ff ff ff ff", x64_mov_ri(c, 1, R10, 0xffffffffull)) \
    R("mov dword ptr [rbx], 0x400100", "c7 03 00 01 40 00", x64_mov_mi(c, 0, M(B, 0), 0x400100)) \
    R("mov qword ptr [rbx+8], 1", "48 c7 43 08 01 00 00 00", x64_mov_mi(c, 1, M(B, 8), 1)) \
    R("mov byte ptr [r15+rsi], sil", "41 88 34 37", x64_rm(c, X64_MOV_RM8_R8, SI, MI(R15, SI, 0, 0))) \
    R("mov byte ptr [rax], sil", "40 88 30", x64_rm(c, X64_MOV_RM8_R8, SI, M(A, 0))) \
    R("mov byte ptr [rax], cl", "88 08", x64_rm(c, X64_MOV_RM8_R8, C, M(A, 0))) \
    R("mov word ptr [r15+rax], cx", "66 41 89 0c 07", x64_rm(c, X64_MOV_RM_R | X64_P66, C, MI(R15, A, 0, 0))) \
    R("mov byte ptr [r15+0x10], 5", "41 c6 47 10 05", (x64_rm(c, X64_MOV_RM8_I8, 0, M(R15, 0x10)), x64_put8(c, 5))) \
    R("mov word ptr [r15+rcx], 0x1234", "66 41 c7 04 0f 34 12", (x64_rm(c, X64_MOV_RM_I32 | X64_P66, 0, MI(R15, C, 0, 0)), x64_put16(c, 0x1234))) \
    R("movzx eax, byte ptr [r15+rdx]", "41 0f b6 04 17", x64_rm(c, X64_MOVZX_R_RM8, A, MI(R15, D, 0, 0))) \
    R("movzx esi, sil", "40 0f b6 f6", x64_rr(c, X64_MOVZX_R_RM8, SI, SI)) \
    R("movzx edi, dil", "40 0f b6 ff", x64_rr(c, X64_MOVZX_R_RM8, DI, DI)) \
    R("movzx r8d, bl", "44 0f b6 c3", x64_rr(c, X64_MOVZX_R_RM8, R8, B)) \
    R("movzx eax, cx", "0f b7 c1", x64_rr(c, X64_MOVZX_R_RM16, A, C)) \
    R("movsx eax, word ptr [r15+rbx]", "41 0f bf 04 1f", x64_rm(c, X64_MOVSX_R_RM16, A, MI(R15, B, 0, 0))) \
    R("movsx r9d, cx", "44 0f bf c9", x64_rr(c, X64_MOVSX_R_RM16, R9, C)) \
    R("movsx ecx, bpl", "40 0f be cd", x64_rr(c, X64_MOVSX_R_RM8, C, BP)) \
    R("movsxd rax, ecx", "48 63 c1", x64_rr(c, X64_MOVSXD, A, C)) \
    R("movsxd r12, r13d", "4d 63 e5", x64_rr(c, X64_MOVSXD, R12, R13)) \
    R("lea eax, [rcx+rdx]", "8d 04 11", x64_rm(c, X64_LEA, A, MI(C, D, 0, 0))) \
    R("lea r8, [r9+8]", "4d 8d 41 08", x64_rm(c, X64_LEA | X64_W, R8, M(R9, 8))) \
    R("lea eax, [rbp-4]", "8d 45 fc", x64_rm(c, X64_LEA, A, M(BP, -4))) \
    R("lea rax, [rip+0]", "48 8d 05 00 00 00 00", x64_rm(c, X64_LEA | X64_W, A, M(X64_RIP, 0))) \
    R("lea ecx, [r13+r12]", "43 8d 4c 25 00", x64_rm(c, X64_LEA, C, MI(R13, R12, 0, 0))) \
    R("lea edx, [rsi+100000]", "8d 96 a0 86 01 00", x64_rm(c, X64_LEA, D, M(SI, 100000))) \
    R("imul eax, ecx", "0f af c1", x64_rr(c, X64_IMUL_R_RM, A, C)) \
    R("imul r9, r10", "4d 0f af ca", x64_rr(c, X64_IMUL_R_RM | X64_W, R9, R10)) \
    R("imul rcx, rdx, 10", "48 6b ca 0a", x64_imul_rri(c, 1, C, D, 10)) \
    R("imul eax, esi, 1000", "69 c6 e8 03 00 00", x64_imul_rri(c, 0, A, SI, 1000)) \
    R("div ecx", "f7 f1", x64_rr(c, X64_DIV_RM, 0, C)) \
    R("idiv r9", "49 f7 f9", x64_rr(c, X64_IDIV_RM | X64_W, 0, R9)) \
    R("neg eax", "f7 d8", x64_rr(c, X64_NEG_RM, 0, A)) \
    R("not r10", "49 f7 d2", x64_rr(c, X64_NOT_RM | X64_W, 0, R10)) \
    R("dec eax", "ff c8", x64_rr(c, X64_DEC_RM, 0, A)) \
    R("dec r9", "49 ff c9", x64_rr(c, X64_DEC_RM | X64_W, 0, R9)) \
    R("cdq", "99", x64_op(c, X64_CDQ)) \
    R("cqo", "48 99", x64_op(c, X64_CDQ | X64_W)) \
    R("shl eax, 3", "c1 e0 03", x64_shift_ri(c, X64_SH_SHL, 0, A, 3)) \
    R("shr r9, 1", "49 d1 e9", x64_shift_ri(c, X64_SH_SHR, X64_W, R9, 1)) \
    R("sar ecx, 31", "c1 f9 1f", x64_shift_ri(c, X64_SH_SAR, 0, C, 31)) \
    R("ror r11d, 7", "41 c1 cb 07", x64_shift_ri(c, X64_SH_ROR, 0, R11, 7)) \
    R("rol cx, 8", "66 c1 c1 08", x64_shift_ri(c, X64_SH_ROL, X64_P66, C, 8)) \
    R("rol r11w, 8", "66 41 c1 c3 08", x64_shift_ri(c, X64_SH_ROL, X64_P66, R11, 8)) \
    R("shl eax, cl", "d3 e0", x64_shift_rcl(c, X64_SH_SHL, 0, A)) \
    R("sar r10, cl", "49 d3 fa", x64_shift_rcl(c, X64_SH_SAR, 1, R10)) \
    R("ror edx, cl", "d3 ca", x64_shift_rcl(c, X64_SH_ROR, 0, D)) \
    R("shlx eax, ecx, edx", "c4 e2 69 f7 c1", x64_vrr(c, X64_SHLX, A, D, C)) \
    R("sarx r9, r10, r11", "c4 42 a2 f7 ca", x64_vrr(c, X64_SARX | X64_W, R9, R11, R10)) \
    R("shrx esi, r8d, edi", "c4 c2 43 f7 f0", x64_vrr(c, X64_SHRX, SI, DI, R8)) \
    R("rorx eax, ecx, 5", "c4 e3 7b f0 c1 05", x64_rri8(c, X64_RORX, A, C, 5)) \
    R("rorx r9, r10, 63", "c4 43 fb f0 ca 3f", x64_rri8(c, X64_RORX | X64_W, R9, R10, 63)) \
    R("bswap eax", "0f c8", x64_oreg(c, X64_BSWAP, A)) \
    R("bswap r9", "49 0f c9", x64_oreg(c, X64_BSWAP | X64_W, R9)) \
    R("bswap r12d", "41 0f cc", x64_oreg(c, X64_BSWAP, R12)) \
    R("bsr eax, ecx", "0f bd c1", x64_rr(c, X64_BSR, A, C)) \
    R("lzcnt r9, rax", "f3 4c 0f bd c8", x64_rr(c, X64_LZCNT | X64_W, R9, A)) \
    R("lzcnt eax, r13d", "f3 41 0f bd c5", x64_rr(c, X64_LZCNT, A, R13)) \
    R("sete al", "0f 94 c0", x64_setcc(c, X64_CC_E, A)) \
    R("setne sil", "40 0f 95 c6", x64_setcc(c, X64_CC_NE, SI)) \
    R("setb r10b", "41 0f 92 c2", x64_setcc(c, X64_CC_B, R10)) \
    R("seta dil", "40 0f 97 c7", x64_setcc(c, X64_CC_A, DI)) \
    R("setnp r11b", "41 0f 9b c3", x64_setcc(c, X64_CC_NP, R11)) \
    R("cmove eax, ecx", "0f 44 c1", x64_cmov(c, X64_CC_E, 0, A, C)) \
    R("cmovl r9, r10", "4d 0f 4c ca", x64_cmov(c, X64_CC_L, 1, R9, R10)) \
    R("cmovae esi, r11d", "41 0f 43 f3", x64_cmov(c, X64_CC_AE, 0, SI, R11)) \
    R("and sil, r11b", "44 20 de", x64_rr(c, X64_AND_RM8_R8, R11, SI)) \
    R("or al, cl", "08 c8", x64_rr(c, X64_OR_RM8_R8, C, A)) \
    R("xor dil, r13b", "44 30 ef", x64_rr(c, X64_XOR_RM8_R8, R13, DI)) \
    R("xor al, cl", "30 c8", x64_rr(c, X64_XOR_RM8_R8, C, A)) \
    R("jne .+11", "75 09", x64_jcc8(c, X64_CC_NE, 9)) \
    R("jo .+0x1000", "0f 80 fa 0f 00 00", x64_jcc32(c, X64_CC_O, 0x1000 - 6)) \
    R("je .-0x1000", "0f 84 fa ef ff ff", x64_jcc32(c, X64_CC_E, -0x1000 - 6)) \
    R("jmp .+9", "eb 07", x64_jmp8(c, 7)) \
    R("jmp .+0x1000", "e9 fb 0f 00 00", x64_jmp32(c, 0x1000 - 5)) \
    R("call .+0x1000", "e8 fb 0f 00 00", x64_call32(c, 0x1000 - 5)) \
    R("jmp qword ptr [r11+rax*4+8]", "41 ff 64 83 08", x64_rm(c, X64_JMP_RM, 0, MI(R11, A, 2, 8))) \
    R("call r11", "41 ff d3", x64_rr(c, X64_CALL_RM, 0, R11)) \
    R("call rdx", "ff d2", x64_rr(c, X64_CALL_RM, 0, D)) \
    R("push rbp", "55", x64_oreg(c, X64_PUSH_R, BP)) \
    R("push r15", "41 57", x64_oreg(c, X64_PUSH_R, R15)) \
    R("pop rbx", "5b", x64_oreg(c, X64_POP_R, B)) \
    R("pop r12", "41 5c", x64_oreg(c, X64_POP_R, R12)) \
    R("ret", "c3", x64_op(c, X64_RET)) \
    R("int3", "cc", x64_op(c, X64_INT3)) \
    R("mfence", "0f ae f0", x64_mfence(c)) \
    R("lock cmpxchg dword ptr [r15+rcx], r11d", "f0 45 0f b1 1c 0f", x64_rm(c, X64_CMPXCHG_RM_R | X64_LOCK, R11, MI(R15, C, 0, 0))) \
    R("lock cmpxchg qword ptr [r15+rax], r11", "f0 4d 0f b1 1c 07", x64_rm(c, X64_CMPXCHG_RM_R | X64_W | X64_LOCK, R11, MI(R15, A, 0, 0))) \
    R("lock cmpxchg word ptr [r15+rdx], r11w", "66 f0 45 0f b1 1c 17", x64_rm(c, X64_CMPXCHG_RM_R | X64_P66 | X64_LOCK, R11, MI(R15, D, 0, 0))) \
    R("lock cmpxchg byte ptr [r15+rsi], r11b", "f0 45 0f b0 1c 37", x64_rm(c, X64_CMPXCHG_RM8_R8 | X64_LOCK, R11, MI(R15, SI, 0, 0))) \
    R("lock cmpxchg dword ptr [r15+0x1000], r11d", "f0 45 0f b1 9f 00 10 00 00", x64_rm(c, X64_CMPXCHG_RM_R | X64_LOCK, R11, M(R15, 0x1000))) \
    R("movbe eax, dword ptr [r15+rcx]", "41 0f 38 f0 04 0f", x64_rm(c, X64_MOVBE_R_M, A, MI(R15, C, 0, 0))) \
    R("movbe r9, qword ptr [r15+rax]", "4d 0f 38 f0 0c 07", x64_rm(c, X64_MOVBE_R_M | X64_W, R9, MI(R15, A, 0, 0))) \
    R("movbe dx, word ptr [r15+rbx]", "66 41 0f 38 f0 14 1f", x64_rm(c, X64_MOVBE_R_M | X64_P66, D, MI(R15, B, 0, 0))) \
    R("movbe dword ptr [r15+rcx], esi", "41 0f 38 f1 34 0f", x64_rm(c, X64_MOVBE_M_R, SI, MI(R15, C, 0, 0))) \
    R("movbe word ptr [r15+0x100], ax", "66 41 0f 38 f1 87 00 01 00 00", x64_rm(c, X64_MOVBE_M_R | X64_P66, A, M(R15, 0x100))) \
    R("movbe qword ptr [r15+r8], r11", "4f 0f 38 f1 1c 07", x64_rm(c, X64_MOVBE_M_R | X64_W, R11, MI(R15, R8, 0, 0))) \
    R("stmxcsr dword ptr [rbx+24]", "0f ae 5b 18", x64_rm(c, X64_STMXCSR, 0, M(B, 24))) \
    R("ldmxcsr dword ptr [rbx+24]", "0f ae 53 18", x64_rm(c, X64_LDMXCSR, 0, M(B, 24))) \
    R("movss xmm0, dword ptr [r15+rax]", "f3 41 0f 10 04 07", x64_rm(c, X64_MOVSS_X_XM, 0, MI(R15, A, 0, 0))) \
    R("movss dword ptr [rbx+16], xmm9", "f3 44 0f 11 4b 10", x64_rm(c, X64_MOVSS_XM_X, 9, M(B, 16))) \
    R("movsd xmm1, qword ptr [rsp+8]", "f2 0f 10 4c 24 08", x64_rm(c, X64_MOVSD_X_XM, 1, M(SP, 8))) \
    R("movsd qword ptr [rsp+16], xmm15", "f2 44 0f 11 7c 24 10", x64_rm(c, X64_MOVSD_XM_X, 15, M(SP, 16))) \
    R("movss xmm3, dword ptr [rip+0]", "f3 0f 10 1d 00 00 00 00", x64_rm(c, X64_MOVSS_X_XM, 3, M(X64_RIP, 0))) \
    R("movaps xmm2, xmm10", "41 0f 28 d2", x64_rr(c, X64_MOVAPS_X_XM, 2, 10)) \
    R("movd xmm3, eax", "66 0f 6e d8", x64_rr(c, X64_MOVD_X_RM, 3, A)) \
    R("movq xmm4, r9", "66 49 0f 6e e1", x64_rr(c, X64_MOVQ_X_RM, 4, R9)) \
    R("movd ecx, xmm5", "66 0f 7e e9", x64_rr(c, X64_MOVD_RM_X, 5, C)) \
    R("movq r11, xmm14", "66 4d 0f 7e f3", x64_rr(c, X64_MOVQ_RM_X, 14, R11)) \
    R("addss xmm0, xmm1", "f3 0f 58 c1", x64_rr(c, X64_ADDSS, 0, 1)) \
    R("addsd xmm8, xmm15", "f2 45 0f 58 c7", x64_rr(c, X64_ADDSD, 8, 15)) \
    R("subsd xmm2, xmm3", "f2 0f 5c d3", x64_rr(c, X64_SUBSD, 2, 3)) \
    R("mulss xmm4, xmm12", "f3 41 0f 59 e4", x64_rr(c, X64_MULSS, 4, 12)) \
    R("divsd xmm1, qword ptr [rip+0]", "f2 0f 5e 0d 00 00 00 00", x64_rm(c, X64_DIVSD, 1, M(X64_RIP, 0))) \
    R("sqrtsd xmm2, xmm3", "f2 0f 51 d3", x64_rr(c, X64_SQRTSD, 2, 3)) \
    R("sqrtss xmm9, xmm9", "f3 45 0f 51 c9", x64_rr(c, X64_SQRTSS, 9, 9)) \
    R("andps xmm1, xmmword ptr [rip+0]", "0f 54 0d 00 00 00 00", x64_rm(c, X64_ANDPS, 1, M(X64_RIP, 0))) \
    R("xorps xmm9, xmm9", "45 0f 57 c9", x64_rr(c, X64_XORPS, 9, 9)) \
    R("ucomisd xmm0, xmm1", "66 0f 2e c1", x64_rr(c, X64_UCOMISD, 0, 1)) \
    R("ucomiss xmm8, xmm2", "44 0f 2e c2", x64_rr(c, X64_UCOMISS, 8, 2)) \
    R("comisd xmm3, xmm4", "66 0f 2f dc", x64_rr(c, X64_COMISD, 3, 4)) \
    R("comiss xmm0, dword ptr [rip+0]", "0f 2f 05 00 00 00 00", x64_rm(c, X64_COMISS, 0, M(X64_RIP, 0))) \
    R("cvtss2sd xmm1, xmm2", "f3 0f 5a ca", x64_rr(c, X64_CVTSS2SD, 1, 2)) \
    R("cvtsd2ss xmm3, xmm12", "f2 41 0f 5a dc", x64_rr(c, X64_CVTSD2SS, 3, 12)) \
    R("cvtsi2sd xmm0, eax", "f2 0f 2a c0", x64_rr(c, X64_CVTSI2SD, 0, A)) \
    R("cvtsi2sd xmm1, r9", "f2 49 0f 2a c9", x64_rr(c, X64_CVTSI2SD | X64_W, 1, R9)) \
    R("cvtsi2ss xmm2, rcx", "f3 48 0f 2a d1", x64_rr(c, X64_CVTSI2SS | X64_W, 2, C)) \
    R("cvttsd2si eax, xmm1", "f2 0f 2c c1", x64_rr(c, X64_CVTTSD2SI, A, 1)) \
    R("cvttss2si r9, xmm2", "f3 4c 0f 2c ca", x64_rr(c, X64_CVTTSS2SI | X64_W, R9, 2)) \
    R("cvtsd2si rax, xmm3", "f2 48 0f 2d c3", x64_rr(c, X64_CVTSD2SI | X64_W, A, 3)) \
    R("cvtss2si ecx, xmm4", "f3 0f 2d cc", x64_rr(c, X64_CVTSS2SI, C, 4)) \
    R("cvttsd2si r10d, xmm15", "f2 45 0f 2c d7", x64_rr(c, X64_CVTTSD2SI, R10, 15)) \
    R("roundsd xmm15, xmm1, 8", "66 44 0f 3a 0b f9 08", x64_rri8(c, X64_ROUNDSD, 15, 1, 8)) \
    R("roundss xmm15, xmm9, 12", "66 45 0f 3a 0a f9 0c", x64_rri8(c, X64_ROUNDSS, 15, 9, 12)) \
    R("vaddsd xmm0, xmm1, xmm2", "c5 f3 58 c2", x64_vrr(c, X64_ADDSD | X64_VEX, 0, 1, 2)) \
    R("vaddsd xmm9, xmm10, xmm11", "c4 41 2b 58 cb", x64_vrr(c, X64_ADDSD | X64_VEX, 9, 10, 11)) \
    R("vsubss xmm0, xmm8, xmm1", "c5 ba 5c c1", x64_vrr(c, X64_SUBSS | X64_VEX, 0, 8, 1)) \
    R("vdivss xmm12, xmm0, xmm1", "c5 7a 5e e1", x64_vrr(c, X64_DIVSS | X64_VEX, 12, 0, 1)) \
    R("vmulsd xmm1, xmm2, qword ptr [rip+0]", "c5 eb 59 0d 00 00 00 00", x64_vrm(c, X64_MULSD | X64_VEX, 1, 2, M(X64_RIP, 0))) \
    R("vsqrtsd xmm3, xmm3, xmm3", "c5 e3 51 db", x64_vrr(c, X64_SQRTSD | X64_VEX, 3, 3, 3)) \
    R("vandps xmm1, xmm2, xmmword ptr [rip+0]", "c5 e8 54 0d 00 00 00 00", x64_vrm(c, X64_ANDPS | X64_VEX, 1, 2, M(X64_RIP, 0))) \
    R("vxorps xmm14, xmm13, xmmword ptr [rip+0]", "c5 10 57 35 00 00 00 00", x64_vrm(c, X64_XORPS | X64_VEX, 14, 13, M(X64_RIP, 0))) \
    R("vcvtss2sd xmm1, xmm2, xmm2", "c5 ea 5a ca", x64_vrr(c, X64_CVTSS2SD | X64_VEX, 1, 2, 2)) \
    R("vfmadd231sd xmm0, xmm1, xmm2", "c4 e2 f1 b9 c2", x64_vrr(c, X64_VFMADD231SD, 0, 1, 2)) \
    R("vfmadd213ss xmm9, xmm10, xmm11", "c4 42 29 a9 cb", x64_vrr(c, X64_VFMADD213SS, 9, 10, 11)) \
    R("vfmadd231ss xmm3, xmm4, xmm14", "c4 c2 59 b9 de", x64_vrr(c, X64_VFMADD231SS, 3, 4, 14)) \
    R("vfmadd132sd xmm3, xmm12, xmm4", "c4 e2 99 99 dc", x64_vrr(c, X64_VFMADD132SD, 3, 12, 4))

#define ROW_TABLE(as, hex, code) { as, hex },
static const struct { const char *as, *hex; } rows[] = { ROWS(ROW_TABLE) };
enum { NROWS = sizeof rows / sizeof rows[0] };

static void emit_row(int i, X64Buf *c)
{
    int k = 0;
#define ROW_EMIT(as, hex, code) if (i == k++) { code; return; }
    ROWS(ROW_EMIT)
#undef ROW_EMIT
}

static void hex_of(const uint8_t *p, size_t n, char *out)
{
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        sprintf(out + strlen(out), "%s%02x", i ? " " : "", p[i]);
}

/* Assembles one line with GNU as; returns false if as is unavailable. */
static bool live_hex(const char *line, char *out)
{
    char cmd[512];
    FILE *f = fopen("/tmp/xbt_enc_row.s", "w");
    if (!f)
        return false;
    fprintf(f, ".intel_syntax noprefix\n%s\n", line);
    fclose(f);
    snprintf(cmd, sizeof cmd, "as --64 -o /tmp/xbt_enc_row.o /tmp/xbt_enc_row.s 2>/dev/null && "
             "objcopy -O binary -j .text /tmp/xbt_enc_row.o /tmp/xbt_enc_row.bin 2>/dev/null");
    if (system(cmd) != 0)
        return false;
    f = fopen("/tmp/xbt_enc_row.bin", "rb");
    if (!f)
        return false;
    uint8_t b[32];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    hex_of(b, n, out);
    return true;
}

int main(int argc, char **argv)
{
    bool dump = argc > 1 && !strcmp(argv[1], "--asm");
    bool live = argc > 1 && !strcmp(argv[1], "--live");
    int fails = 0, n = 0;
    uint8_t buf[64];
    char got[256], want[256];

    for (int i = 0; i < NROWS; i++) {
        X64Buf c;
        x64_buf_init(&c, buf, sizeof buf);
        emit_row(i, &c);
        hex_of(buf, c.pos, got);
        if (dump) {
            printf("%s\n", rows[i].as);
            continue;
        }
        snprintf(want, sizeof want, "%s", rows[i].hex);
        bool ok = !strcmp(got, want);
        printf("%s %d - %s%s%s%s\n", ok ? "ok" : "not ok", ++n, rows[i].as,
               ok ? "" : "  got: ", ok ? "" : got, ok ? "" : "  want: ");
        if (!ok) {
            printf("#   want: %s\n", want);
            fails++;
        }
        if (live) {
            char as_hex[256];
            if (!live_hex(rows[i].as, as_hex)) {
                printf("ok %d - %s (live) # SKIP as not available\n", ++n, rows[i].as);
                continue;
            }
            ok = !strcmp(got, as_hex);
            printf("%s %d - %s (live)\n", ok ? "ok" : "not ok", ++n, rows[i].as);
            if (!ok) {
                printf("#   got %s, as %s\n", got, as_hex);
                fails++;
            }
        }
    }
    if (dump)
        return 0;

    /* NOP padding: lengths 0..20, each piece a NOP objdump decodes as one */
    for (unsigned len = 0; len <= 20; len++) {
        X64Buf c;
        uint8_t nb[32];
        x64_buf_init(&c, nb, sizeof nb);
        x64_nop(&c, len);
        bool ok = c.pos == len;
        printf("%s %d - nop padding of %u bytes\n", ok ? "ok" : "not ok", ++n, len);
        fails += !ok;
    }
    /* the cursor never writes past its capacity */
    {
        uint8_t small[8] = { 0 }, guard[8];
        memset(guard, 0x5a, sizeof guard);
        uint8_t arena[16];
        memcpy(arena + 8, guard, 8);
        X64Buf c;
        x64_buf_init(&c, arena, 8);
        x64_mov_ri(&c, 1, X64_R11, 0x8000000000000000ull);   /* 10 bytes */
        bool ok = x64_overflow(&c) && c.pos == 10 && !memcmp(arena + 8, guard, 8);
        (void)small;
        printf("%s %d - overflow is detected and nothing is written past cap\n",
               ok ? "ok" : "not ok", ++n);
        fails += !ok;
    }
    printf("# %d tests, %d failed\n", n, fails);
    return fails ? 1 : 0;
}
