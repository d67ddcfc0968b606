#!/bin/bash
# tests/lib/job.sh - run one job of the test suite; called by tests/run.sh
# through xargs, two (or $XBT_JOBS) at a time.
#
#   job.sh SEQ KIND ARGS...
#
# SEQ is the printing order of the job's result ("-" for build jobs, which
# print nothing: their outcome shows in the tests that use what they built).
# A job always exits 0 (xargs stops at exit 255); its verdict is the file
# $RES/SEQ.res written by record().  Build jobs leave either the artefact or
# <artefact>.log (why it failed) / <artefact>.skip (why it cannot be built).
#
# Kinds:
#   unit NAME               build/tests/unit/NAME, exit 0 pass, 77 skip
#   script NAME             tests/scripts/NAME.sh, same convention
#   build-native T          host gcc build of tests/guest/c/T.c, then the
#                           oracle run: T.out, T.err, T.status beside it
#   build-c ARCH OPT T      static cross build of tests/guest/c/T.c
#   build-asm ARCH T        static -nostdlib build of tests/guest/<dir>/T.S
#   c ARCH OPT T            run and compare with the oracle
#   asm ARCH T              run, expect exit 0 or EXPECT-EXIT
#   elf-prep                build tests/elf/mkelf.c and the base binaries
#   elf CASE                one line of tests/elf/cases
set -u
. "${BASH_SOURCE[0]%/*}/common.sh"
ulimit -c 0 2>/dev/null      # guests dying of SIGFPE/SIGTRAP dump no cores
TIMEOUT_CMD=$(command -v timeout)

# ----------------------------------------------------------------------------
# helpers

WORK=$(mktemp -d "${TMPDIR:-/tmp}/xbt-job.XXXXXX")
RUNS=0
# shellcheck disable=SC2034  # read by record() in common.sh
JOB_T0=${EPOCHREALTIME:-}      # for the per-test times in results/times
trap 'rm -rf "$WORK"' EXIT
DETAIL=$WORK/detail
: > "$DETAIL"

note() { printf '%s\n' "$*" >> "$DETAIL"; }

# Append the last N lines of a file, indented, under a heading.
note_file() {
    local head=$1 file=$2 n=${3:-8}
    [ -s "$file" ] || return 0
    [ -n "$head" ] && note "$head"
    tail -n "$n" "$file" | cut -c1-200 | sed 's/^/    /' >> "$DETAIL"
}

# True if $1 exists and is newer than every other argument.
up_to_date() {
    local t=$1 s
    shift
    [ -e "$t" ] || return 1
    for s in "$@"; do
        [ "$t" -nt "$s" ] || return 1
    done
}

# run_prog OUT CMD...: run CMD in a fresh empty directory with stdin
# /dev/null, the clean environment plus the test.s ENV: and its ARGS: appended
# (meta_load first), under a timeout; writes OUT.out, OUT.err, OUT.status.
run_prog() {
    local out=$1 st dir=$WORK/run$RUNS
    shift
    local -a envv args
    RUNS=$((RUNS + 1))
    clean_env
    read -r -a args <<< "$M_ENV"
    envv=("${CLEAN_ENV[@]}" "${args[@]}")
    read -r -a args <<< "$M_ARGS"
    mkdir "$dir"
    # The braces keep bash from reporting a signal death on our stderr.
    { ( cd "$dir" && exec env -i "${envv[@]}" "$TIMEOUT_CMD" -k 5 "$M_TIMEOUT" \
        "$@" "${args[@]}" < /dev/null > "$out.out" 2> "$out.err" ); } 2> /dev/null
    st=$?
    echo "$st" > "$out.status"
    rm -rf "$dir" 2> /dev/null || { chmod -R u+rwx "$dir"; rm -rf "$dir"; }
}

describe_status() {
    local st=$1 tmo=$2
    if [ "$st" -eq 124 ]; then
        echo "timed out after ${tmo}s"
    elif [ "$st" -eq 126 ] || [ "$st" -eq 127 ]; then
        echo "exit $st (the runner could not be executed: see stderr)"
    elif [ "$st" -gt 128 ] && [ "$st" -lt 160 ]; then
        echo "exit $st (signal $((st - 128)): $(kill -l "$((st - 128))" 2>/dev/null || echo '?'))"
    else
        echo "exit $st"
    fi
}

# compile OUT LOG CMD...: build into a private temporary name and rename on
# success (atomic: two suite runs in one tree may build the same file).
compile() {
    local out=$1 log=$2 tmp=$1.tmp.$$
    shift 2
    mkdir -p "$(dirname "$out")"
    rm -f "$out.skip"
    if "$@" -o "$tmp" > "$log.$$" 2>&1; then
        mv -f "$tmp" "$out"
        rm -f "$log.$$" "$log"
    else
        rm -f "$tmp" "$out"
        mv -f "$log.$$" "$log"
    fi
}

# Why a build product is missing, into DETAIL; prints the SKIP reason if the
# product cannot be built here (no cross compiler), nothing otherwise.
missing_product() {
    local bin=$1
    if [ -e "$bin.skip" ]; then
        cat "$bin.skip"
        return
    fi
    note "build failed:"
    note_file "" "$bin.log" 12
}

# ----------------------------------------------------------------------------
# unit and shell tests

job_unit_or_script() {
    local seq=$1 kind=$2 name=$3 cmd st tmp why label
    label=unit/$name
    [ "$kind" = script ] && label=scripts/$name
    tmp=$(mktemp -d "$WORK/t.XXXXXX")
    if [ "$kind" = unit ]; then
        cmd=("$B/tests/unit/$name")
    elif [ -x "$TOP/tests/scripts/$name.sh" ]; then
        cmd=("$TOP/tests/scripts/$name.sh")
    else
        cmd=(sh "$TOP/tests/scripts/$name.sh")
    fi
    { ( cd "$TOP" && TMPDIR=$tmp XBT=$B/xbt TOP=$TOP \
        "$TIMEOUT_CMD" -k 5 "${XBT_UNIT_TIMEOUT:-120}" "${cmd[@]}" \
        < /dev/null > "$WORK/out" 2>&1 ); } 2> /dev/null
    st=$?
    case $st in
        0) record "$seq" PASS "$label" ;;
        77) why=$(grep -v '^[[:space:]]*$' "$WORK/out" | tail -n 1 | cut -c1-160)
            record "$seq" "SKIP:${why:-exit 77}" "$label" ;;
        *) note "$(describe_status "$st" "${XBT_UNIT_TIMEOUT:-120}")"
           note_file "output (last lines):" "$WORK/out" 12
           record "$seq" FAIL "$label" "$DETAIL" ;;
    esac
}

# ----------------------------------------------------------------------------
# guest C tests

job_build_native() {
    local t=$1 src=$TOP/tests/guest/c/$1.c bin=$TB/guest/native/$1 extra
    meta_load "$src"
    # shellcheck disable=SC2086
    up_to_date "$bin" "$src" "$LIBDIR/common.sh" ||
        c_build gcc "${bin%/*}" "$t" "$src" O2 $NATIVE_CFLAGS
    # No rm of the old status before the run: another suite run in the
    # same tree may be reading it; the new one replaces it atomically.
    if [ ! -e "$bin" ]; then
        rm -f "$bin.status"
        return 0
    fi
    run_prog "$bin.run$$" "$bin"
    mv -f "$bin.run$$.out" "$bin.out"
    mv -f "$bin.run$$.err" "$bin.err"
    mv -f "$bin.run$$.status" "$bin.status"
}

job_build_c() {
    local arch=$1 opt=$2 t=$3 src=$TOP/tests/guest/c/$3.c tri extra
    local bin=$TB/guest/$arch-$opt/$t
    tri=$(arch_triplet "$arch")
    if ! command -v "$tri-gcc" > /dev/null 2>&1; then
        mkdir -p "$(dirname "$bin")"
        echo "no $tri-gcc" > "$bin.skip"
        return
    fi
    meta_load "$src"
    # shellcheck disable=SC2086
    up_to_date "$bin" "$src" "$LIBDIR/common.sh" ||
        c_build "$tri-gcc" "${bin%/*}" "$t" "$src" "$opt" $GUEST_CFLAGS
}

job_c() {
    local seq=$1 arch=$2 opt=$3 t=$4 name="guest/c/$4.$2-$3"
    local src=$TOP/tests/guest/c/$t.c bin=$TB/guest/$arch-$opt/$t
    local nat=$TB/guest/native/$t exp nst st tmo why runner fail=0
    meta_load "$src"
    if why=$(not_applicable "$arch"); then
        record "$seq" "SKIP:$why" "$name"
        return
    fi
    if [ ! -e "$bin" ]; then
        why=$(missing_product "$bin")
        if [ -n "$why" ]; then record "$seq" "SKIP:$why" "$name"; else record "$seq" FAIL "$name" "$DETAIL"; fi
        return
    fi
    if [ ! -e "$nat.status" ]; then
        note "no native oracle:"
        note_file "" "$nat.log" 12
        record "$seq" FAIL "$name" "$DETAIL"
        return
    fi
    meta_load "$src"
    tmo=$M_TIMEOUT
    read -r nst < "$nat.status"
    exp=$M_EXPECT_EXIT
    if [ -n "$exp" ] && [ "$nst" != "$exp" ]; then
        note "oracle (native) gave $(describe_status "$nst" "$tmo"), test expects $exp: the test is broken"
        record "$seq" FAIL "$name" "$DETAIL"
        return
    fi
    if [ -z "$exp" ] && [ "$nst" -ge 124 ]; then
        note "oracle (native) gave $(describe_status "$nst" "$tmo") without EXPECT-EXIT: the test is broken"
        note_file "native stderr:" "$nat.err" 4
        record "$seq" FAIL "$name" "$DETAIL"
        return
    fi
    runner=$(runner_for "$arch")
    # qemu-user finds a dynamic guest's libraries through QEMU_LD_PREFIX
    if link_has dynamic && [ "$(runner_name "$arch")" != xbt ]; then
        M_ENV="$M_ENV QEMU_LD_PREFIX=/usr/$(arch_triplet "$arch")"
    fi
    # shellcheck disable=SC2086
    run_prog "$WORK/g" $runner "$bin"
    read -r st < "$WORK/g.status"
    if [ "$st" != "$nst" ]; then
        note "status: $(describe_status "$st" "$tmo"), native: $(describe_status "$nst" "$tmo")"
        fail=1
    fi
    if ! cmp -s "$nat.out" "$WORK/g.out"; then
        note "stdout differs from native (--- native, +++ guest):"
        diff -u "$nat.out" "$WORK/g.out" | sed -n '3,14p' | cut -c1-200 | sed 's/^/    /' >> "$DETAIL"
        fail=1
    fi
    if [ $fail = 1 ]; then
        note_file "guest stderr:" "$WORK/g.err" 4
        note "run: (cd \$(mktemp -d) && $runner $bin${M_ARGS:+ $M_ARGS} </dev/null)"
        record "$seq" FAIL "$name" "$DETAIL"
    else
        record "$seq" PASS "$name"
    fi
}

# ----------------------------------------------------------------------------
# guest assembly tests

job_build_asm() {
    local arch=$1 t=$2 dir tri extra src bin=$TB/guest/$1-asm/$2
    dir=$(arch_asmdir "$arch")
    src=$TOP/tests/guest/$dir/$t.S
    tri=$(arch_triplet "$arch")
    if ! command -v "$tri-gcc" > /dev/null 2>&1; then
        mkdir -p "$(dirname "$bin")"
        echo "no $tri-gcc" > "$bin.skip"
        return
    fi
    meta_load "$src"
    extra=$M_CFLAGS
    # shellcheck disable=SC2086,SC2046
    up_to_date "$bin" "$src" "$LIBDIR/common.sh" "$TOP/tests/guest/$dir"/*.h "${src%.S}".* ||
        compile "$bin" "$bin.log" "$tri-gcc" $ASM_CFLAGS $(arch_asm_cflags "$arch") $extra "$src"
}

job_asm() {
    local seq=$1 arch=$2 t=$3 dir src bin=$TB/guest/$2-asm/$3 exp st tmo why runner
    dir=$(arch_asmdir "$arch")
    src=$TOP/tests/guest/$dir/$t.S
    local name="guest/$dir/$t.$arch"
    meta_load "$src"
    if why=$(not_applicable "$arch"); then
        record "$seq" "SKIP:$why" "$name"
        return
    fi
    if [ ! -e "$bin" ]; then
        why=$(missing_product "$bin")
        if [ -n "$why" ]; then record "$seq" "SKIP:$why" "$name"; else record "$seq" FAIL "$name" "$DETAIL"; fi
        return
    fi
    meta_load "$src"
    tmo=$M_TIMEOUT
    exp=${M_EXPECT_EXIT:-0}
    runner=$(runner_for "$arch")
    # shellcheck disable=SC2086
    run_prog "$WORK/g" $runner "$bin"
    read -r st < "$WORK/g.status"
    if [ "$st" = "$exp" ]; then
        record "$seq" PASS "$name"
        return
    fi
    note "$(describe_status "$st" "$tmo"), expected $exp"
    if [ "$st" -gt 0 ] && [ "$st" -lt 128 ] && [ "$exp" = 0 ]; then
        # self-checking tests exit with the number of the failed check
        why=$(grep -n -E "(CHECK[A-Z_0-9]*|EXIT)\\(${st}[,)]" "$src" | head -n 2 | cut -c1-160)
        [ -n "$why" ] && note "failed check $st at $t.S:$why"
    fi
    note_file "stderr:" "$WORK/g.err" 4
    note "run: $runner $bin"
    record "$seq" FAIL "$name" "$DETAIL"
}

# ----------------------------------------------------------------------------
# ELF loader tests (bad input must fail cleanly)

ELFDIR=$TB/elf

job_elf_prep() {
    local tri
    mkdir -p "$ELFDIR"
    up_to_date "$ELFDIR/mkelf" "$TOP/tests/elf/mkelf.c" ||
        compile "$ELFDIR/mkelf" "$ELFDIR/mkelf.log" gcc -O1 -Wall "$TOP/tests/elf/mkelf.c"
    up_to_date "$ELFDIR/base.native" "$TOP/tests/elf/base.c" ||
        compile "$ELFDIR/base.native" "$ELFDIR/base.native.log" gcc -O1 "$TOP/tests/elf/base.c"
    tri=$(arch_triplet mips)
    if command -v "$tri-gcc" > /dev/null 2>&1; then
        up_to_date "$ELFDIR/base.mips" "$TOP/tests/elf/base.c" ||
            compile "$ELFDIR/base.mips" "$ELFDIR/base.mips.log" "$tri-gcc" -static -O1 "$TOP/tests/elf/base.c"
    else
        echo "no $tri-gcc" > "$ELFDIR/base.mips.skip"
    fi
}

job_elf() {
    local seq=$1 case=$2 line how want file st runner rname lines first reason f why
    local name="elf/$case"
    line=$(awk -v c="$case" '$1 == c { print; exit }' "$TOP/tests/elf/cases")
    how=$(echo "$line" | awk '{ print $2 }')
    want=fail
    for f in mkelf base.mips; do
        if [ ! -e "$ELFDIR/$f" ]; then
            why=$(missing_product "$ELFDIR/$f")
            if [ -n "$why" ]; then record "$seq" "SKIP:$why" "$name"; else record "$seq" FAIL "$name" "$DETAIL"; fi
            return
        fi
    done
    runner=$(runner_for mips)
    rname=$(runner_name mips)
    file=$ELFDIR/cases/$case         # kept, so the printed command can be rerun
    mkdir -p "$ELFDIR/cases"
    rm -rf "$file"
    local -a cmd
    # shellcheck disable=SC2206
    cmd=($runner)
    case $how in
        mkelf:*)
            if ! "$ELFDIR/mkelf" "${how#mkelf:}" "$ELFDIR/base.mips" "$file" > "$WORK/mk.err" 2>&1; then
                note "mkelf ${how#mkelf:} failed:"
                note_file "" "$WORK/mk.err"
                record "$seq" FAIL "$name" "$DETAIL"
                return
            fi
            chmod +x "$file"              # exec needs it; without it we test EACCES only
            cmd+=("$file") ;;
        native) cp "$ELFDIR/base.native" "$file"; cmd+=("$file") ;;
        missing) cmd+=("$file") ;;
        dir) mkdir "$file"; cmd+=("$file") ;;
        valid) cp "$ELFDIR/base.mips" "$file"; cmd+=("$file"); want=ok ;;
        cli:*) cmd+=("${how#cli:}"); want=cli; file= ;;
        *) note "bad line in tests/elf/cases: $line"
           record "$seq" FAIL "$name" "$DETAIL"
           return ;;
    esac
    { ( cd "$WORK" && "$TIMEOUT_CMD" -k 5 30 "${cmd[@]}" < /dev/null > "$WORK/out" 2> "$WORK/err" ); } 2> /dev/null
    st=$?
    case $want in
        ok)
            if [ "$st" != 0 ] || [ "$(cat "$WORK/out")" != "ok" ]; then
                note "valid binary: $(describe_status "$st" 30), expected exit 0 and output 'ok'"
                note_file "stdout:" "$WORK/out" 3
            fi ;;
        cli)
            [ "$st" = 0 ] || note "$(describe_status "$st" 30), expected exit 0"
            [ -s "$WORK/out" ] || note "nothing on stdout" ;;
        fail)
            # xbt must exit 1..123 (124+ is timeout, exec failure or signal)
            # with one message line.  Other runners (qemu-user, used to
            # validate these files) only have to refuse cleanly: qemu
            # exits 255 for a bad image, which is accepted for them.
            if [ "$st" -eq 0 ] || { [ "$st" -ge 124 ] && { [ "$rname" = xbt ] || [ "$st" != 255 ]; }; }; then
                note "$(describe_status "$st" 30), expected a clean failure: 1..123"
            fi
            if [ "$rname" = xbt ]; then
                lines=$(wc -l < "$WORK/err")
                first=$(head -n 1 "$WORK/err")
                reason=${first#"xbt: $file: "}
                if [ "$lines" != 1 ]; then
                    note "stderr has $lines lines, expected exactly one"
                elif [ "$reason" = "$first" ] || [ -z "$reason" ]; then
                    note "stderr does not read 'xbt: $file: <reason>'"
                fi
            fi ;;
    esac
    if [ -s "$DETAIL" ]; then
        note_file "stderr:" "$WORK/err" 4
        note "run: ${cmd[*]}"
        record "$seq" FAIL "$name" "$DETAIL"
    else
        record "$seq" PASS "$name"
    fi
}

# ----------------------------------------------------------------------------

seq=$1 kind=$2
shift 2
case $kind in
    unit|script) job_unit_or_script "$seq" "$kind" "$1" ;;
    build-native) job_build_native "$1" ;;
    build-c) job_build_c "$1" "$2" "$3" ;;
    build-asm) job_build_asm "$1" "$2" ;;
    c) job_c "$seq" "$1" "$2" "$3" ;;
    asm) job_asm "$seq" "$1" "$2" ;;
    elf-prep) job_elf_prep ;;
    elf) job_elf "$seq" "$1" ;;
    *) note "unknown job kind $kind"; record "$seq" FAIL "job/$kind" "$DETAIL" ;;
esac
exit 0
