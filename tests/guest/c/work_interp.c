/* work_interp.c - a bigger workload: a small stack-machine bytecode
 * compiler and interpreter (tokenizer, recursive-descent parser, dispatch
 * loop through a switch), running recursive fib, a prime sieve and a
 * collatz search written in its own tiny language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, CALL, RET, PRINT, HALT, ALOAD, ASTORE, POP };

static int code[4096], ncode;
static const char *src;
static char tok[32];
static int tokv;
static char vars[26];            /* variables: the first letter of a name counts */
static int funcs[26];

static void next(void)
{
    while (isspace((unsigned char)*src)) src++;
    if (isdigit((unsigned char)*src)) {
        tokv = (int)strtol(src, (char **)&src, 10);
        strcpy(tok, "#");
    } else if (isalpha((unsigned char)*src)) {
        int n = 0;
        while (isalnum((unsigned char)*src) && n < 31) tok[n++] = *src++;
        tok[n] = 0;
    } else if (*src) {
        tok[0] = *src++;
        tok[1] = 0;
        if ((tok[0] == '=' || tok[0] == '<') && *src == '=') { tok[1] = *src++; tok[2] = 0; }
    } else {
        tok[0] = 0;
    }
}
static void emit(int x) { code[ncode++] = x; }
static void expect(const char *t) { if (strcmp(tok, t)) { printf("parse error: want %s got %s\n", t, tok); exit(2); } next(); }

static void expr(void);
static void atom(void)
{
    if (!strcmp(tok, "#")) { emit(PUSH); emit(tokv); next(); }
    else if (!strcmp(tok, "(")) { next(); expr(); expect(")"); }
    else if (!strcmp(tok, "call")) { int f; next(); f = tok[0] - 'a'; next(); expect("("); expr(); expect(")"); emit(CALL); emit(f); }
    else if (!strcmp(tok, "arr")) { next(); expect("["); expr(); expect("]"); emit(ALOAD); }
    else { emit(LOAD); emit(tok[0] - 'a'); next(); }
}
static void term(void)
{
    atom();
    while (!strcmp(tok, "*") || !strcmp(tok, "/") || !strcmp(tok, "%")) {
        int op = tok[0] == '*' ? MUL : tok[0] == '/' ? DIV : MOD;
        next(); atom(); emit(op);
    }
}
static void sum(void)
{
    term();
    while (!strcmp(tok, "+") || !strcmp(tok, "-")) {
        int op = tok[0] == '+' ? ADD : SUB;
        next(); term(); emit(op);
    }
}
static void expr(void)
{
    sum();
    if (!strcmp(tok, "<")) { next(); sum(); emit(LT); }
    else if (!strcmp(tok, "==")) { next(); sum(); emit(EQ); }
}
static void stmt(void)
{
    if (!strcmp(tok, "while")) {
        int top = ncode, fix;
        next(); expr(); emit(JZ); fix = ncode; emit(0);
        expect("{"); while (strcmp(tok, "}")) stmt(); next();
        emit(JMP); emit(top); code[fix] = ncode;
    } else if (!strcmp(tok, "if")) {
        int fix;
        next(); expr(); emit(JZ); fix = ncode; emit(0);
        expect("{"); while (strcmp(tok, "}")) stmt(); next();
        code[fix] = ncode;
    } else if (!strcmp(tok, "print")) {
        next(); expr(); emit(PRINT); expect(";");
    } else if (!strcmp(tok, "return")) {
        next(); expr(); emit(RET); expect(";");
    } else if (!strcmp(tok, "def")) {
        int f, skip;
        next(); f = tok[0] - 'a'; next();
        emit(JMP); skip = ncode; emit(0);
        funcs[f] = ncode;
        expect("{"); while (strcmp(tok, "}")) stmt(); next();
        emit(PUSH); emit(0); emit(RET);
        code[skip] = ncode;
    } else if (!strcmp(tok, "arr")) {
        next(); expect("["); expr(); expect("]"); expect("="); expr(); emit(ASTORE); expect(";");
    } else {
        int v = tok[0] - 'a';
        next(); expect("="); expr(); emit(STORE); emit(v); expect(";");
    }
    (void)vars;
}

static long long run(void)
{
    static int stack[4096], frames[2048][26], arr[100000];
    int sp = 0, fp = 0, pc = 0, rets[2048];
    long long steps = 0;
    memset(frames, 0, sizeof frames);
    for (;;) {
        int op = code[pc++], a, b;
        steps++;
        switch (op) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case LOAD: stack[sp++] = frames[fp][code[pc++]]; break;
        case STORE: frames[fp][code[pc++]] = stack[--sp]; break;
        case ADD: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a + b; break;
        case SUB: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a - b; break;
        case MUL: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a * b; break;
        case DIV: b = stack[--sp]; a = stack[--sp]; stack[sp++] = b ? a / b : 0; break;
        case MOD: b = stack[--sp]; a = stack[--sp]; stack[sp++] = b ? a % b : 0; break;
        case LT: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a < b; break;
        case EQ: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a == b; break;
        case JMP: pc = code[pc]; break;
        case JZ: if (stack[--sp] == 0) pc = code[pc]; else pc++; break;
        case CALL: rets[fp] = pc + 1; fp++; frames[fp][0] = stack[--sp]; pc = funcs[code[pc]]; break;
        case RET: fp--; pc = rets[fp]; break;
        case PRINT: printf("%d\n", stack[--sp]); break;
        case ALOAD: a = stack[--sp]; stack[sp++] = arr[a]; break;
        case ASTORE: b = stack[--sp]; a = stack[--sp]; arr[a] = b; break;
        case HALT: return steps;
        default: printf("bad op %d\n", op); return -1;
        }
    }
}

int main(void)
{
    static const char *prog =
        "def f { if a < 2 { return a; } return call f (a - 1) + call f (a - 2); }"
        "print call f (25);"
        "n = 30000; i = 2; c = 0;"
        "while i < n { arr[i] = 0; i = i + 1; }"
        "i = 2;"
        "while i < n { if arr[i] == 0 { c = c + 1; j = i * i; while j < n { arr[j] = 1; j = j + i; } } i = i + 1; }"
        "print c;"
        "b = 0; m = 0; k = 1;"
        "while k < 10000 { x = k; s = 0; while 1 < x { if x % 2 == 0 { x = x / 2; } if x % 2 == 1 { if 1 < x { x = 3 * x + 1; } } s = s + 1; }"
        "  if b < s { b = s; m = k; } k = k + 1; }"
        "print m; print b;";
    long long steps;
    src = prog;
    next();
    while (tok[0]) stmt();
    emit(HALT);
    printf("code size %d\n", ncode);
    steps = run();
    printf("steps %lld\n", steps);
    return 0;
}
