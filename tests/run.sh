#!/bin/bash
# tests/run.sh - the xbt test suite driver (`make check`).
#
#   tests/run.sh [GLOB...]      run everything, or the tests whose names
#                               match one of the globs ('guest/mips/*',
#                               'guest/c/fenv.*', 'elf/*', 'unit/*')
#
# Runs, in this order: every build/tests/unit/* program, every
# tests/scripts/*.sh, the guest C tests (tests/guest/c/*.c built static for
# each guest arch at -O0 and -O2, compared with a native build as the oracle),
# the guest assembly tests (tests/guest/<arch>/*.S, self-checking through the
# exit status) and the ELF loader tests (tests/elf/cases).  Units and scripts
# pass with exit 0 and skip with exit 77.
#
# Output: one line per test, PASS name / FAIL name (with indented context) /
# SKIP name: why, then exactly one line "N passed, N failed[, N skipped]".
# Exit status non-zero iff something failed.  tests/known-failures turns a
# failure into a SKIP with its reason.
#
# Environment: XBT_RUNNER, XBT_RUNNER_<arch> (see tests/lib/common.sh),
# XBT_ARCHES ("mips mipsel"), XBT_C_OPTS ("O0 O2"), XBT_JOBS (nproc),
# XBT_TEST_TIMEOUT (30 s per guest run), XBT_UNIT_TIMEOUT (120 s per unit
# or script test).  Work happens in two phases, each spread over XBT_JOBS
# processes by xargs: (1) every build (and the native oracle runs), (2) all
# tests, in the order they are printed.  Results are printed in a fixed
# order as they complete; the raw results stay in build/tests/results/
# (results/times: wall-clock seconds per test, for finding slow ones).
set -u
LIBDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
. "$LIBDIR/common.sh"
export TOP

JOBS=${XBT_JOBS:-$(nproc 2>/dev/null || echo 2)}
PATTERNS=("$@")

selected() {
    local p
    [ ${#PATTERNS[@]} -eq 0 ] && return 0
    for p in "${PATTERNS[@]}"; do
        # shellcheck disable=SC2053
        [[ $1 == $p ]] && return 0
    done
    return 1
}

# ----------------------------------------------------------------------------
# known failures: "[@runner-glob] name-glob  reason"; the @ form applies only
# when the runner program (xbt, qemu-mips, ...) of the test's guest arch matches.

KF_NAMES=() KF_REASONS=() KF_RUNNERS=()
declare -A RUNNER_NAME=()
# Resolve each runner once for all jobs.
for a in $XBT_ARCHES; do
    r=$(runner_for "$a")
    export "_XBT_RUNCMD_$a=$r"
    RUNNER_NAME[$a]=$(runner_name "$a")
done
if [ -f "$TOP/tests/known-failures" ]; then
    while read -r first rest; do
        case $first in ''|'#'*) continue ;; esac
        rglob=
        if [ "${first#@}" != "$first" ]; then
            rglob=${first#@}
            read -r first rest <<< "$rest"
        fi
        KF_NAMES+=("$first")
        KF_REASONS+=("$rest")
        KF_RUNNERS+=("$rglob")
    done < "$TOP/tests/known-failures"
fi

# The runner program name for test $1: its arch is the name's last
# ".arch" or ".arch-OPT" suffix; ELF tests run on mips.
runner_of_test() {
    local a=${1##*.}
    a=${a%%-*}
    if [ -n "${RUNNER_NAME[$a]:-}" ]; then
        echo "${RUNNER_NAME[$a]}"
    else
        runner_name mips
    fi
}

known_reason() {
    local i rn=
    for i in "${!KF_NAMES[@]}"; do
        # shellcheck disable=SC2053
        [[ $1 == ${KF_NAMES[$i]} ]] || continue
        if [ -n "${KF_RUNNERS[$i]}" ]; then
            [ -n "$rn" ] || rn=$(runner_of_test "$1")
            # shellcheck disable=SC2053
            [[ $rn == ${KF_RUNNERS[$i]} ]] || continue
        fi
        echo "${KF_REASONS[$i]:-listed in tests/known-failures}"
        return 0
    done
    return 1
}

# ----------------------------------------------------------------------------
# job lists

# A private results directory, so that two runs in one tree do not mix;
# it becomes build/tests/results when the run ends.
mkdir -p "$TB"
RES=$(mktemp -d "$TB/results.XXXXXX") || exit 1
export XBT_RESDIR=$RES
trap 'rm -rf "$RES"; exit 130' INT TERM
P1=() P2=() seq=0
declare -A NEED=()          # build jobs needed by selected tests

add1() { P1+=("$*"); }
add2() { P2+=("$*"); }
next() { seq=$((seq + 1)); }

for f in "$B"/tests/unit/*; do
    if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
    n=${f##*/}
    selected "unit/$n" || continue
    next; add2 "$seq unit $n"
done
for f in "$TOP"/tests/scripts/*.sh; do
    [ -f "$f" ] || continue
    n=${f##*/}; n=${n%.sh}
    selected "scripts/$n" || continue
    next; add2 "$seq script $n"
done

for f in "$TOP"/tests/guest/c/*.c; do
    [ -f "$f" ] || continue
    t=${f##*/}; t=${t%.c}
    for a in $XBT_ARCHES; do
        for o in $(arch_c_opts "$a"); do
            selected "guest/c/$t.$a-$o" || continue
            next; add2 "$seq c $a $o $t"
            NEED["build-c $a $o $t"]=1
            NEED["build-native $t"]=1
        done
    done
done
for a in $XBT_ARCHES; do
    d=$(arch_asmdir "$a")
    for f in "$TOP"/tests/guest/"$d"/*.S; do
        [ -f "$f" ] || continue
        t=${f##*/}; t=${t%.S}
        selected "guest/$d/$t.$a" || continue
        next; add2 "$seq asm $a $t"
        NEED["build-asm $a $t"]=1
    done
done
if [ -f "$TOP/tests/elf/cases" ]; then
    while read -r c _; do
        case $c in ''|'#'*) continue ;; esac
        selected "elf/$c" || continue
        next; add2 "$seq elf $c"
        NEED[elf-prep]=1
    done < "$TOP/tests/elf/cases"
fi
# Native oracles first: each also runs its program.  Sorted for stable order.
while read -r j; do
    [ -n "$j" ] && add1 "- $j"
done < <(printf '%s\n' "${!NEED[@]}" | sort -r)

# ----------------------------------------------------------------------------
# running and printing

NPASS=0 NFAIL=0 NSKIP=0

print_result() {
    local f=$1 st name why
    IFS=$'\t' read -r st name < "$f"
    if [ "$st" = FAIL ] && why=$(known_reason "$name"); then
        st="SKIP:known failure: $why"
    fi
    case $st in
        PASS)
            NPASS=$((NPASS + 1))
            echo "PASS $name"
            if known_reason "$name" > /dev/null; then
                echo "    (listed in tests/known-failures but passed: remove it?)"
            fi ;;
        SKIP:*)
            NSKIP=$((NSKIP + 1))
            echo "SKIP $name: ${st#SKIP:}" ;;
        *)
            NFAIL=$((NFAIL + 1))
            echo "FAIL $name"
            tail -n +2 "$f" | sed 's/^/    /' ;;
    esac
}

# run_phase FIRST LAST JOB...: run the jobs, print results FIRST..LAST in order.
run_phase() {
    local first=$1 last=$2 s xp
    shift 2
    printf '%s\n' "$@" | xargs -r -P "$JOBS" -L 1 "$LIBDIR/job.sh" &
    xp=$!
    for ((s = first; s <= last; s++)); do
        while [ ! -e "$RES/$s.res" ] && kill -0 "$xp" 2> /dev/null; do
            sleep 0.1
        done
        if [ ! -e "$RES/$s.res" ]; then
            wait "$xp" 2> /dev/null
            [ -e "$RES/$s.res" ] || printf 'FAIL\tjob-%s\n    the job reported nothing\n' "$s" > "$RES/$s.res"
        fi
        print_result "$RES/$s.res"
    done
    wait "$xp"
}

line="# runners:"
for a in $XBT_ARCHES; do line="$line $a=\"$(runner_for "$a")\""; done
echo "$line"

run_phase 1 0 "${P1[@]}"
run_phase 1 "$seq" "${P2[@]}"

summary="$NPASS passed, $NFAIL failed"
[ "$NSKIP" -gt 0 ] && summary="$summary, $NSKIP skipped"
echo "$summary"
rm -rf "$TB/results"
mv "$RES" "$TB/results" 2> /dev/null
[ "$NFAIL" -eq 0 ]
