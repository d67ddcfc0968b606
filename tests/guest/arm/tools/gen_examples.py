#!/usr/bin/env python3
# gen_examples.py - assembles one example line per ARM decode row with binutils
# (arm-linux-gnueabihf-as/objdump) and prints the rows of the examples[] table
# of tests/unit/test_arm_decode.c: { EX_<table>, word, "row mnemonic", "asm" }.
# Run from any directory; add a line here when a row is added.
import subprocess, re, sys, os, tempfile
tmpd = tempfile.mkdtemp()
A32 = []  # (asm, rowname)
def a(asm, name): A32.append((asm, name))
dp = ['and','eor','sub','rsb','add','adc','sbc','rsc','tst','teq','cmp','cmn','orr','mov','bic','mvn']
for op in dp:
    if op in ('tst','teq','cmp','cmn'):
        a(f'{op} r1, r2, lsl #3', op); a(f'{op} r1, r2, asr r4', op); a(f'{op} r1, #0xff000000', op)
    elif op in ('mov','mvn'):
        a(f'{op}s r1, r2, ror #5', op); a(f'{op} r1, r2, lsr r3', op); a(f'{op} r1, #0x3fc', op)
    else:
        a(f'{op}s r1, r2, r3, lsl #3', op); a(f'{op} r1, r2, r3, asr r4', op); a(f'{op} r1, r2, #0xff0', op)
for x in ['mrs r3, apsr|mrs','nop|nop/hint','msr APSR_nzcvq, r2|msr','msr APSR_g, #0xf0000|msr','bx lr|bx','bxj r2|bxj','blx r3|blx',
          'clz r1, r2|clz','bkpt #5|bkpt','qadd r1, r2, r3|qadd','qsub r1, r2, r3|qsub','qdadd r1, r2, r3|qdadd','qdsub r1, r2, r3|qdsub',
          'smlabt r1, r2, r3, r4|smla<x><y>','smlawb r1, r2, r3, r4|smlaw<y>','smulwt r1, r2, r3|smulw<y>','smlaltb r1, r2, r3, r4|smlal<x><y>',
          'smulbb r1, r2, r3|smul<x><y>','muls r1, r2, r3|mul','mla r1, r2, r3, r4|mla','umaal r1, r2, r3, r4|umaal','mls r1, r2, r3, r4|mls',
          'umull r1, r2, r3, r4|umull','umlal r1, r2, r3, r4|umlal','smulls r1, r2, r3, r4|smull','smlal r1, r2, r3, r4|smlal',
          'swp r0, r1, [r2]|swp/swpb','strex r1, r2, [r3]|strex','ldrex r1, [r3]|ldrex','strexd r1, r2, r3, [r4]|strexd','ldrexd r2, r3, [r4]|ldrexd',
          'strexb r1, r2, [r3]|strexb','ldrexb r1, [r3]|ldrexb','strexh r1, r2, [r3]|strexh','ldrexh r1, [r3]|ldrexh',
          'strh r1, [r2, #-6]!|strh','ldrh r1, [r2], r3|ldrh','ldrd r2, r3, [r4, #8]|ldrd','ldrsb r1, [r2, -r3]|ldrsb','strd r2, r3, [r4], #-8|strd','ldrsh r1, [r2, #2]|ldrsh',
          'movw r1, #0xabcd|movw','movt r1, #0x1234|movt','udf #0x1234|udf',
          'sel r1, r2, r3|sel','pkhtb r1, r2, r3, asr #7|pkhbt/tb','sxtab16 r1, r2, r3, ror #8|sxtab16','sxtab r1, r2, r3|sxtab','sxtah r1, r2, r3|sxtah',
          'uxtb16 r1, r3|uxtab16','uxtab r1, r2, r3, ror #16|uxtab','uxth r1, r3|uxtah','rev r1, r2|rev','rev16 r1, r2|rev16','rbit r1, r2|rbit','revsh r1, r2|revsh',
          'ssat16 r1, #5, r2|ssat16','usat16 r1, #5, r2|usat16','ssat r1, #9, r2, lsl #3|ssat','usat r1, #9, r2, asr #3|usat',
          'smladx r1, r2, r3, r4|smlad','smusd r1, r2, r3|smlsd','sdiv r1, r2, r3|sdiv','udiv r1, r2, r3|udiv','smlald r1, r2, r3, r4|smlald','smlsldx r1, r2, r3, r4|smlsld',
          'smmulr r1, r2, r3|smmla','smmls r1, r2, r3, r4|smmls','usad8 r1, r2, r3|usada8','sbfx r1, r2, #3, #9|sbfx','bfi r1, r2, #3, #9|bfi/bfc','ubfx r1, r2, #3, #9|ubfx',
          'str r1, [r2, #4]!|str','ldr r1, [r2], #-4|ldr','strb r1, [r2]|strb','ldrb r1, [r2, #-1]|ldrb','str r1, [r2, r3, lsl #2]|str','ldr r1, [r2, -r3]!|ldr',
          'strb r1, [r2], r3, asr #1|strb','ldrb r1, [r2, r3]|ldrb','stmdb sp!, {r4, lr}|stm','ldmia r0!, {r1-r3}|ldm','b .+16|b','bl .+16|bl','svc #0|svc',
          'clrex|clrex','setend le|setend','dsb ish|dsb','dmb sy|dmb','isb|isb','pld [r1, #8]|pld/pldw','pli [r1, #-8]|pli','pld [r1, r2, lsl #2]|pld/pldw','pli [r1, r2]|pli','blx .+8|blx']:
    s, n = x.split('|'); a(s, n)
NE = [('vhadd.s8 q1, q2, q3','vhadd'),('vhadd.u16 d1, d2, d3','vhadd'),('vqadd.s8 q1, q2, q3','vqadd'),('vqadd.u32 d1, d2, d3','vqadd'),
 ('vrhadd.s8 q1, q2, q3','vrhadd'),('vrhadd.u8 q1, q2, q3','vrhadd'),('vand q1, q2, q3','vand'),('vbic d1, d2, d3','vbic'),('vorr q1, q2, q3','vorr'),('vorn q1, q2, q3','vorn'),
 ('veor q1, q2, q3','veor'),('vbsl q1, q2, q3','vbsl'),('vbit d1, d2, d3','vbit'),('vbif d1, d2, d3','vbif'),('vhsub.s8 q1, q2, q3','vhsub'),('vhsub.u8 q1, q2, q3','vhsub'),
 ('vqsub.s16 q1, q2, q3','vqsub'),('vqsub.u16 q1, q2, q3','vqsub'),('vcgt.s8 q1, q2, q3','vcgt'),('vcgt.u8 q1, q2, q3','vcgt'),('vcge.s32 q1, q2, q3','vcge'),('vcge.u32 q1, q2, q3','vcge'),
 ('vshl.s8 q1, q2, q3','vshl'),('vshl.u64 q1, q2, q3','vshl'),('vmax.s8 q1, q2, q3','vmax'),('vmax.u8 q1, q2, q3','vmax'),('vmin.s8 q1, q2, q3','vmin'),('vmin.u8 q1, q2, q3','vmin'),
 ('vabd.s8 q1, q2, q3','vabd'),('vabd.u8 q1, q2, q3','vabd'),('vaba.s8 q1, q2, q3','vaba'),('vaba.u8 q1, q2, q3','vaba'),('vadd.i16 q1, q2, q3','vadd'),('vsub.i64 q1, q2, q3','vsub'),
 ('vtst.8 q1, q2, q3','vtst'),('vceq.i32 q1, q2, q3','vceq'),('vmla.i16 q1, q2, q3','vmla'),('vmls.i8 q1, q2, q3','vmls'),('vmul.i32 q1, q2, q3','vmul'),
 ('vpmax.s8 d1, d2, d3','vpmax'),('vpmax.u8 d1, d2, d3','vpmax'),('vpmin.s16 d1, d2, d3','vpmin'),('vpmin.u16 d1, d2, d3','vpmin'),('vpadd.i8 d1, d2, d3','vpadd'),
 ('vfma.f32 q1, q2, q3','vfma.f32'),('vfms.f32 q1, q2, q3','vfms.f32'),('vadd.f32 q1, q2, q3','vadd.f32'),('vsub.f32 q1, q2, q3','vsub.f32'),('vpadd.f32 d1, d2, d3','vpadd.f32'),
 ('vabd.f32 q1, q2, q3','vabd.f32'),('vmla.f32 q1, q2, q3','vmla.f32'),('vmls.f32 q1, q2, q3','vmls.f32'),('vmul.f32 q1, q2, q3','vmul.f32'),('vceq.f32 q1, q2, q3','vceq.f32'),
 ('vcge.f32 q1, q2, q3','vcge.f32'),('vcgt.f32 q1, q2, q3','vcgt.f32'),('vmax.f32 q1, q2, q3','vmax.f32'),('vpmax.f32 d1, d2, d3','vpmax.f32'),('vpmin.f32 d1, d2, d3','vpmin.f32'),('vmin.f32 q1, q2, q3','vmin.f32'),
 ('vmov.i32 q1, #0xff00','vmov/vmvn/vorr/vbic imm'),('vshr.s16 q1, q2, #3','vshr'),('vsra.u8 d1, d2, #3','vsra'),('vrshr.s32 q1, q2, #3','vrshr'),('vrsra.u16 q1, q2, #3','vrsra'),
 ('vsri.8 d1, d2, #3','vsri'),('vshl.i32 q1, q2, #3','vshl imm'),('vsli.16 d1, d2, #3','vsli'),('vshrn.i16 d1, q2, #3','v[q][r]shr[u]n'),('vmovl.u8 q1, d2','vshll/vmovl'),
 ('vrev64.8 q1, q2','vrev/vcnt/vclz/vmvn/vpaddl'),('vabs.s16 q1, q2','vabs/vneg/vc*#0'),('vzip.8 q1, q2','vswp/vtrn/vuzp/vzip/vmovn'),('vcvt.f32.s32 q1, q2','vcvt f32<->s32/u32'),
 ('vdup.8 q1, d2[3]','vdup scalar'),('vtbl.8 d1, {d2, d3}, d4','vtbl/vtbx'),('vext.8 q1, q2, q3, #5','vext'),
 ('vaddl.s8 q1, d2, d3','vaddl'),('vaddw.u16 q1, q2, d3','vaddw'),('vsubl.u8 q1, d2, d3','vsubl'),('vsubw.s32 q1, q2, d3','vsubw'),('vabal.u8 q1, d2, d3','vabal'),
 ('vabdl.s16 q1, d2, d3','vabdl'),('vmlal.s8 q1, d2, d3','vmlal'),('vmlsl.u16 q1, d2, d3','vmlsl'),('vmull.u8 q1, d2, d3','vmull'),
 ('vmla.f32 q1, q2, d3[1]','vmla/vmls/vmul/vmlal/vmlsl/vmull scalar'),
 ('vqshl.s8 q1, q2, q3','vqshl'),('vqshl.u16 q1, q2, q3','vqshl'),('vrshl.s32 q1, q2, q3','vrshl'),('vrshl.u8 q1, q2, q3','vrshl'),
 ('vqrshl.s16 q1, q2, q3','vqrshl'),('vqrshl.u32 q1, q2, q3','vqrshl'),('vmul.p8 q1, q2, q3','vmul.p8'),('vqdmulh.s16 q1, q2, q3','vqdmulh'),
 ('vqrdmulh.s32 q1, q2, q3','vqrdmulh'),('vqshlu.s8 q1, q2, #3','vqshlu imm'),('vqshl.u16 q1, q2, #3','vqshl imm'),('vqrshrn.s32 d1, q2, #3','v[q][r]shr[u]n'),
 ('vaddhn.i16 d1, q2, q3','v[r]addhn'),('vrsubhn.i32 d1, q2, q3','v[r]subhn'),('vqdmlal.s16 q1, d2, d3','vqdmlal'),('vqdmlsl.s32 q1, d2, d3','vqdmlsl'),
 ('vqdmull.s16 q1, d2, d3','vqdmull'),('vmull.p8 q1, d2, d3','vmull.p8'),('vrecps.f32 q1, q2, q3','vrecps.f32'),('vrsqrts.f32 q1, q2, q3','vrsqrts.f32'),
 ('vacge.f32 q1, q2, q3','vacge.f32'),('vacgt.f32 q1, q2, q3','vacgt.f32'),('vrecpe.f32 q1, q2','vrecpe/vrsqrte'),('vld1.8 {d1, d2}, [r1]!','vld1-4/vst1-4 multiple'),('vst1.16 {d1[2]}, [r1], r2','vld1-4/vst1-4 lane'),('vcvt.s32.f32 q1, q2, #8','vcvt fixed.f32')]
for x, n in NE: a(x, n)
par = {'s':'s','q':'q','sh':'sh','u':'u','uq':'uq','uh':'uh'}
for v in par:
    for o in ['add16','asx','sax','sub16','add8','sub8']:
        a(f'{v}{o} r1, r2, r3', f'{v}{o}')
T16 = []
def t(asm, name): T16.append((asm, name))
for x in ['lsls r1, r2, #3|lsls/movs','lsrs r1, r2, #3|lsrs','asrs r1, r2, #3|asrs','adds r1, r2, r3|adds','subs r1, r2, r3|subs','adds r1, r2, #3|adds','subs r1, r2, #3|subs',
          'movs r1, #200|movs','cmp r1, #200|cmp','adds r1, #200|adds','subs r1, #200|subs',
          'ands r1, r2|ands','eors r1, r2|eors','lsls r1, r2|lsls','lsrs r1, r2|lsrs','asrs r1, r2|asrs','adcs r1, r2|adcs','sbcs r1, r2|sbcs','rors r1, r2|rors',
          'tst r1, r2|tst','rsbs r1, r2, #0|rsbs','cmp r1, r2|cmp','cmn r1, r2|cmn','orrs r1, r2|orrs','muls r1, r2, r1|muls','bics r1, r2|bics','mvns r1, r2|mvns',
          'add r1, r9|add','cmp r9, r1|cmp','mov r8, r1|mov','bx lr|bx','blx r3|blx','ldr r1, [pc, #8]|ldr',
          'str r1, [r2, r3]|str','strh r1, [r2, r3]|strh','strb r1, [r2, r3]|strb','ldrsb r1, [r2, r3]|ldrsb','ldr r1, [r2, r3]|ldr','ldrh r1, [r2, r3]|ldrh','ldrb r1, [r2, r3]|ldrb','ldrsh r1, [r2, r3]|ldrsh',
          'str r1, [r2, #4]|str','ldr r1, [r2, #4]|ldr','strb r1, [r2, #4]|strb','ldrb r1, [r2, #4]|ldrb','strh r1, [r2, #4]|strh','ldrh r1, [r2, #4]|ldrh','str r1, [sp, #8]|str','ldr r1, [sp, #8]|ldr',
          'add r1, pc, #8|adr','add r1, sp, #8|add','add sp, #16|add sp','sub sp, #16|sub sp','cbz r1, .+8|cbz','cbnz r1, .+8|cbnz',
          'sxth r1, r2|sxth','sxtb r1, r2|sxtb','uxth r1, r2|uxth','uxtb r1, r2|uxtb','push {r4, lr}|push','setend le|setend','rev r1, r2|rev','rev16 r1, r2|rev16','revsh r1, r2|revsh','pop {r4, pc}|pop',
          'bkpt #1|bkpt','nop|nop/hint','stmia r1!, {r2, r3}|stmia','ldmia r1!, {r2, r3}|ldmia','udf #2|udf','svc #0|svc','beq.n .+8|b<c>','b.n .+8|b']:
    s, n = x.split('|'); t(s, n)
t('ite eq\nmoveq r1, r2\nmovne r1, r3', 'it')
T32 = []
def u(asm, name): T32.append((asm, name))
for op, n in [('and','and'),('bic','bic'),('orr','orr'),('orn','orn'),('eor','eor'),('add','add'),('adc','adc'),('sbc','sbc'),('sub','sub'),('rsb','rsb')]:
    u(f'{op}s.w r1, r2, #0x00ff00ff', n); u(f'{op}.w r1, r2, r3, lsl #3', n)
for x in ['tst.w r1, #0xff00|tst','teq.w r1, #0xff00|teq','cmn.w r1, #0xff00|cmn','cmp.w r1, #0xff00|cmp','mov.w r1, #0xff00|mov','mvn.w r1, #0xff00|mvn',
          'tst.w r1, r2, lsl #2|tst','teq.w r1, r2|teq','cmn.w r1, r2|cmn','cmp.w r1, r2, asr #3|cmp','mov.w r1, r2, ror #3|mov','mvn.w r1, r2|mvn','pkhbt r1, r2, r3, lsl #4|pkhbt/tb',
          'addw r1, r2, #0xabc|addw/adr','movw r1, #0xabcd|movw','subw r1, r2, #0xabc|subw/adr','movt r1, #0xabcd|movt','ssat16 r1, #4, r2|ssat16','ssat r1, #9, r2, lsl #3|ssat',
          'sbfx r1, r2, #3, #9|sbfx','bfi r1, r2, #3, #9|bfi/bfc','usat16 r1, #4, r2|usat16','usat r1, #9, r2, asr #3|usat','ubfx r1, r2, #3, #9|ubfx',
          'msr APSR_nzcvq, r1|msr','nop.w|nop/hint','clrex|clrex','dsb ish|dsb','dmb ish|dmb','isb sy|isb','mrs r1, apsr|mrs','udf.w #1000|udf','beq.w .+1000|b<c>.w','b.w .+10000|b.w',
          'blx .+1000|blx','bl .+1000|bl','stmia.w r1!, {r2, r3, r5}|stmia','ldmia.w r1!, {r2, r3, r5}|ldmia','stmdb r1!, {r2, r3, r5}|stmdb','ldmdb r1, {r2, r3, r5}|ldmdb',
          'strex r1, r2, [r3, #8]|strex','ldrex r1, [r3, #8]|ldrex','strexb r1, r2, [r3]|strexb','strexh r1, r2, [r3]|strexh','strexd r1, r2, r4, [r3]|strexd','tbb [r1, r2]|tbb/tbh',
          'ldrexb r1, [r3]|ldrexb','ldrexh r1, [r3]|ldrexh','ldrexd r1, r2, [r3]|ldrexd','strd r1, r2, [r3, #8]!|strd','ldrd r1, r2, [r3], #-8|ldrd',
          'strb.w r1, [r2, #-4]|strb','strb.w r1, [r2, #400]|strb','strh.w r1, [r2, r3, lsl #1]|strh','strh.w r1, [r2, #400]|strh','str.w r1, [r2, #4]!|str','str.w r1, [r2, #400]|str',
          'ldrb.w r1, [r2, #400]|ldrb','ldrh.w r1, [r2], #2|ldrh','ldr.w r1, [pc, #-8]|ldr','ldrsb.w r1, [r2, r3]|ldrsb','ldrsh.w r1, [r2, #-2]|ldrsh',
          'lsl.w r1, r2, r3|lsl/lsr/asr/ror','sxtah r1, r2, r3|sxtah','uxtah r1, r2, r3|uxtah','sxtab16 r1, r2, r3|sxtab16','uxtab16 r1, r2, r3|uxtab16','sxtab r1, r2, r3|sxtab','uxtab r1, r2, r3, ror #8|uxtab',
          'qadd r1, r2, r3|qadd','qdadd r1, r2, r3|qdadd','qsub r1, r2, r3|qsub','qdsub r1, r2, r3|qdsub','rev.w r1, r2|rev','rev16.w r1, r2|rev16','rbit r1, r2|rbit','revsh.w r1, r2|revsh','sel r1, r2, r3|sel','clz r1, r2|clz',
          'mla r1, r2, r3, r4|mla/mul','mls r1, r2, r3, r4|mls','smlabt r1, r2, r3, r4|smla<x><y>','smladx r1, r2, r3, r4|smlad','smlawt r1, r2, r3, r4|smlaw<y>','smlsd r1, r2, r3, r4|smlsd',
          'smmlar r1, r2, r3, r4|smmla','smmls r1, r2, r3, r4|smmls','usada8 r1, r2, r3, r4|usada8','smull r1, r2, r3, r4|smull','sdiv r1, r2, r3|sdiv','umull r1, r2, r3, r4|umull','udiv r1, r2, r3|udiv',
          'smlal r1, r2, r3, r4|smlal','smlaltb r1, r2, r3, r4|smlal<x><y>','smlald r1, r2, r3, r4|smlald','smlsld r1, r2, r3, r4|smlsld','umlal r1, r2, r3, r4|umlal','umaal r1, r2, r3, r4|umaal']:
    s, n = x.split('|'); u(s, n)
for v in par:
    for o in ['add16','asx','sax','sub16','add8','sub8']:
        u(f'{v}{o} r1, r2, r3', f'{v}{o}')
CP = []
def c(asm, name): CP.append((asm, name))
for x in ['mrc p15, 0, r1, c13, c0, 3|mrc p15 tpidruro','mrc p15, 0, r1, c13, c0, 2|mrc p15 tpidrurw','mcr p15, 0, r1, c13, c0, 2|mcr p15 tpidrurw',
          'mcr p15, 0, r1, c7, c5, 4|mcr p15 cp15isb','mcr p15, 0, r1, c7, c10, 4|mcr p15 cp15dsb','mcr p15, 0, r1, c7, c10, 5|mcr p15 cp15dmb',
          'vmla.f64 d1, d2, d3|vmla','vmls.f32 s1, s2, s3|vmls','vnmls.f64 d1, d2, d3|vnmls','vnmla.f32 s1, s2, s3|vnmla','vmul.f64 d1, d2, d3|vmul','vnmul.f64 d1, d2, d3|vnmul',
          'vadd.f32 s1, s2, s3|vadd','vsub.f64 d17, d2, d30|vsub','vdiv.f32 s1, s2, s3|vdiv','vfnms.f64 d1, d2, d3|vfnms','vfnma.f64 d1, d2, d3|vfnma','vfma.f32 s1, s2, s3|vfma','vfms.f64 d1, d2, d3|vfms',
          'vmov.f64 d1, #0.5|vmov imm','vmov.f32 s1, s2|vmov','vabs.f64 d1, d2|vabs','vneg.f32 s1, s2|vneg','vsqrt.f64 d1, d2|vsqrt','vcmpe.f64 d1, d2|vcmp{e}','vcmp.f32 s1, #0|vcmp{e} #0',
          'vcvt.f64.f32 d1, s2|vcvt.f64.f32/f32.f64','vcvt.f64.u32 d1, s2|vcvt.f.s32/u32','vcvt.s16.f64 d1, d1, #4|vcvt fixed','vcvtr.s32.f32 s1, s2|vcvt{r}.s32/u32.f','vcvtb.f32.f16 s1, s2|vcvtb/vcvtt f16',
          'vmov s3, r1|vmov sN, rt','vmov.32 d3[1], r1|vmov.32 dN[x], rt','vmrs r1, fpscr|vmrs','vmsr fpscr, r1|vmsr','vmov r1, r2, s3, s4|vmov rt, rt2, sM, sM1','vmov d3, r1, r2|vmov rt, rt2, dM',
          'vmov.32 r1, d3[1]|vmov.32 rt, dN[x]','vdup.16 q1, r2|vdup rt','vmov.8 d3[5], r1|vmov.8/16 dN[x], rt','vmov.s16 r1, d3[2]|vmov.s/u8/16 rt, dN[x]',
          'vstr d1, [r2, #-8]|vstr','vldr s1, [r2, #8]|vldr','vpush {d8-d15}|vstm/vpush','vldmia r1!, {s2-s5}|vldm/vpop']:
    s, n = x.split('|'); c(s, n)

def assemble(lines, thumb, arch='armv7ve'):
    src = '.syntax unified\n.arch %s\n.fpu neon-vfpv4\n%s\n' % (arch, '.thumb' if thumb else '.arm')
    for i, (s, n) in enumerate(lines):
        src += 'L%d:\n%s\n' % (i, s)
    src += 'Lend:\n'
    open(os.path.join(tmpd, "x.s"), "w").write(src)
    subprocess.check_call(['arm-linux-gnueabihf-as', '-o', os.path.join(tmpd, 'x.o'), os.path.join(tmpd, 'x.s')])
    out = subprocess.check_output(['arm-linux-gnueabihf-objdump', '-d', os.path.join(tmpd, 'x.o')]).decode()
    insns = []
    for l in out.splitlines():
        m = re.match(r'\s+([0-9a-f]+):\s+([0-9a-f]{4,8})(?: ([0-9a-f]{4}))?\s', l)
        if m:
            w = m.group(2) + (m.group(3) or '')
            insns.append((int(m.group(1), 16), int(w, 16), len(w) // 2))
    # map by label address
    syms = subprocess.check_output(['arm-linux-gnueabihf-nm', '-n', os.path.join(tmpd, 'x.o')]).decode()
    addr = {}
    for l in syms.splitlines():
        p = l.split()
        if len(p) == 3 and p[2].startswith('L'):
            addr[p[2]] = int(p[0], 16)
    res = []
    for i, (s, n) in enumerate(lines):
        a0 = addr['L%d' % i]
        w = [x for x in insns if x[0] == a0][0]
        res.append((w[1], w[2], s.split('\n')[0], n))
    return res

out = []
for tab, lines, th in [('A32', A32, False), ('T16', T16, True), ('T32', T32, True), ('CP', CP, False)]:
    for w, sz, s, n in assemble(lines, th):
        if tab == 'A32' and (w >> 28) == 0xf:
            tt = 'A32U'
        else:
            tt = tab
        out.append('    { EX_%s, 0x%08x, "%s", "%s" },' % (tt, w, n, s))
print('\n'.join(out))
