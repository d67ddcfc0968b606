#!/bin/sh
# check-syscall-tables.sh - the committed syscall/tables/<abi>.h still match
# the kernel UAPI headers installed on this machine.
#
# For every ABI syscall/tables/gen.sh knows whose headers are installed
# (/usr/<triplet>/include, from linux-libc-dev-<arch>-cross), regenerate the
# table into a temporary directory and diff it with the committed one.  A
# difference means the headers changed (new syscalls, a newer kernel) or the
# table was edited by hand: regenerate with syscall/tables/gen.sh <abi> and
# commit.  Exit 0 when all present ABIs match, 1 on a difference, 77 (skip)
# when no ABI's headers, or no compiler to evaluate them, are installed.
#
# Both evaluators of gen.sh are tried when available (the guest's cross
# compiler and the host's gcc -mx32): they must agree with each other too.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
gen=$top/syscall/tables/gen.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xbt-tables.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

checked=0
failed=0
skipped=""
for abi in $("$gen" -l); do
    committed=$top/syscall/tables/$abi.h
    ran=0
    for mode in cross host; do
        mkdir -p "$tmp/$mode"
        if ! "$gen" -m "$mode" -o "$tmp/$mode" "$abi" >"$tmp/$abi.$mode.log" 2>&1; then
            continue
        fi
        ran=1
        if diff -u "$committed" "$tmp/$mode/$abi.h" >"$tmp/$abi.$mode.diff"; then
            echo "ok: $abi ($mode) matches the installed headers"
        else
            echo "FAIL: $abi ($mode): syscall/tables/$abi.h differs from the installed headers:"
            head -40 "$tmp/$abi.$mode.diff" | sed 's/^/    /'
            echo "    (regenerate: syscall/tables/gen.sh $abi)"
            failed=$((failed + 1))
        fi
    done
    if [ "$ran" = 1 ]; then
        checked=$((checked + 1))
    else
        why=$(grep 'gen.sh:' "$tmp/$abi.cross.log" "$tmp/$abi.host.log" 2>/dev/null | head -1 | sed 's/^[^:]*:gen.sh: //')
        skipped="$skipped $abi (${why:-cannot generate})"
    fi
done

[ -n "$skipped" ] && echo "skipped:$skipped"
if [ "$checked" = 0 ]; then
    echo "SKIP: no guest UAPI headers or no compiler to read them:$skipped"
    exit 77
fi
[ "$failed" = 0 ]
