#!/bin/bash
# bench/run.sh - `make bench`: build the benchmarks (bench/*.c) natively and
# as static -O2 programs for each guest arch, run each natively, under
# qemu-user and under build/xbt (best of $BENCH_RUNS wall-clock runs, 3 by
# default), check that the three outputs agree, and print a table.
#
# Environment: BENCH_RUNS (3), BENCH_CLOCK (wall, or cpu: user+sys time,
# steadier on a busy machine), BENCH_ARCHES ("mips mipsel armhf arm ppc"), BENCH_ONLY
# (benchmark names, e.g. "int fp"), XBT (build/xbt).  The reference emulator
# is qemu-<arch> from PATH.  A missing qemu or xbt leaves its columns as "-"
# with a note below the table.  Exit status 1 if an output differs or a run
# fails.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT=$TOP/build/bench
RUNS=${BENCH_RUNS:-3}
CLOCK=${BENCH_CLOCK:-wall}
ARCHES=${BENCH_ARCHES:-"mips mipsel armhf arm ppc"}
XBT=${XBT:-$TOP/build/xbt}
CFLAGS="-O2 -ffp-contract=off"
NOTES=()

triplet() {
    case $1 in
        mips) echo mips-linux-gnu ;;
        mipsel) echo mipsel-linux-gnu ;;
        arm) echo arm-linux-gnueabi ;;
        armhf) echo arm-linux-gnueabihf ;;
        ppc) echo powerpc-linux-gnu ;;
    esac
}

# qemu-user's name for a guest arch
qemu_of() {
    case $1 in
        arm|armhf) echo arm ;;
        *) echo "$1" ;;
    esac
}

note() {
    local n
    for n in "${NOTES[@]+"${NOTES[@]}"}"; do [ "$n" = "$1" ] && return; done
    NOTES+=("$1")
}

# best_of OUTFILE CMD...: run CMD $RUNS times, stdout to OUTFILE; prints
# the best time in seconds (wall clock, or user+sys CPU time of the process
# and its children with BENCH_CLOCK=cpu), or "fail:STATUS".
best_of() {
    local out=$1 best="" i st r u s ms TIMEFORMAT="%3R %3U %3S"
    shift
    for ((i = 0; i < RUNS; i++)); do
        { time { "$@" < /dev/null > "$out" 2> "$out.err"; } 2> /dev/null; } 2> "$out.time"
        st=$?
        if [ "$st" -ne 0 ]; then
            echo "fail:$st"
            return
        fi
        read -r r u s < "$out.time"
        if [ "$CLOCK" = cpu ]; then
            ms=$(( 10#${u/./} + 10#${s/./} ))
        else
            ms=$(( 10#${r/./} ))
        fi
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    printf '%d.%03d' $((best / 1000)) $((best % 1000))
}

ratio() {
    case "$1$2" in
        *-*|*fail*) echo - ;;
        *) awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }' ;;
    esac
}

mkdir -p "$OUT" || exit 1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/xbt-bench.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT

benches=()
for f in "$TOP"/bench/*.c; do
    n=${f##*/}; n=${n%.c}
    if [ -n "${BENCH_ONLY:-}" ]; then
        case " $BENCH_ONLY " in *" $n "*) ;; *) continue ;; esac
    fi
    benches+=("$n")
done

# ---- build
for n in "${benches[@]}"; do
    src=$TOP/bench/$n.c
    if [ ! "$OUT/$n.native" -nt "$src" ]; then
        # shellcheck disable=SC2086
        gcc $CFLAGS -o "$OUT/$n.native" "$src" -lm || { echo "bench: native build of $n failed" >&2; exit 1; }
    fi
    for a in $ARCHES; do
        tri=$(triplet "$a")
        if ! command -v "$tri-gcc" > /dev/null 2>&1; then
            note "$a: no $tri-gcc, arch skipped"
            continue
        fi
        if [ ! "$OUT/$n.$a" -nt "$src" ]; then
            # shellcheck disable=SC2086
            "$tri-gcc" -static $CFLAGS -o "$OUT/$n.$a" "$src" -lm ||
                { echo "bench: $a build of $n failed" >&2; exit 1; }
        fi
    done
done

[ -x "$XBT" ] || note "xbt: $XBT not found or not executable (run make): xbt columns skipped"

# ---- run
printf '%-10s %-7s %9s %9s %9s %11s %9s\n' benchmark arch "native s" "qemu s" "xbt s" xbt/native xbt/qemu
printf '%-10s %-7s %9s %9s %9s %11s %9s\n' ---------- ------- -------- -------- -------- ---------- --------
status=0
for n in "${benches[@]}"; do
    tn=$(best_of "$WORK/native.out" "$OUT/$n.native")
    case $tn in fail:*) echo "bench: native $n failed (${tn#fail:})" >&2; status=1; continue ;; esac
    for a in $ARCHES; do
        [ -x "$OUT/$n.$a" ] || continue
        q=$(command -v "qemu-$(qemu_of "$a")" 2> /dev/null)
        tq=- tx=-
        if [ -n "$q" ]; then
            tq=$(best_of "$WORK/qemu.out" "$q" "$OUT/$n.$a")
            case $tq in
                fail:*) note "$n/$a: qemu-$a failed (status ${tq#fail:})"; tq=- ;;
                *) cmp -s "$WORK/native.out" "$WORK/qemu.out" ||
                       { note "$n/$a: qemu output differs from native"; tq="${tq}!"; status=1; } ;;
            esac
        else
            note "qemu-$a not installed: qemu columns skipped (Debian: qemu-user)"
        fi
        if [ -x "$XBT" ]; then
            tx=$(best_of "$WORK/xbt.out" "$XBT" "$OUT/$n.$a")
            case $tx in
                fail:*) note "$n/$a: xbt failed (status ${tx#fail:}): $(head -n 1 "$WORK/xbt.out.err")"
                        tx=-; status=1 ;;
                *) cmp -s "$WORK/native.out" "$WORK/xbt.out" ||
                       { note "$n/$a: xbt output differs from native"; tx="${tx}!"; status=1; } ;;
            esac
        fi
        printf '%-10s %-7s %9s %9s %9s %11s %9s\n' "$n" "$a" "$tn" "$tq" "$tx" \
            "$(ratio "$tx" "$tn")" "$(ratio "$tx" "$tq")"
    done
done
echo "(best of $RUNS runs, $CLOCK clock; '!' marks output that differs from native)"
read -r load1 _ < /proc/loadavg 2> /dev/null || load1=0
ncpu=$(nproc 2> /dev/null || echo 1)
if awk -v l="$load1" -v n="$ncpu" 'BEGIN { exit !(l > n) }'; then
    note "load average $load1 on $ncpu CPUs: other work competed for the CPUs, timings are unreliable (BENCH_CLOCK=cpu helps)"
fi
for n in "${NOTES[@]+"${NOTES[@]}"}"; do echo "note: $n"; done
exit $status
