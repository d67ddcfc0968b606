#!/bin/sh
# tests/demo.sh - `make demo`: build tests/demo/hello.c as a static
# big-endian MIPS program and run it under build/xbt, showing each command.
# XBT_RUNNER overrides the runner (e.g. XBT_RUNNER=qemu-mips).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT=$TOP/build/demo
CC=${MIPS_CC:-mips-linux-gnu-gcc}
RUNNER=${XBT_RUNNER:-$TOP/build/xbt}

show() {
    echo "\$ $*"
    "$@"
}

if ! command -v "$CC" > /dev/null 2>&1; then
    echo "demo: $CC not found (Debian: apt-get install gcc-mips-linux-gnu)" >&2
    exit 1
fi
mkdir -p "$OUT" || exit 1
show "$CC" -static -O2 -o "$OUT/hello" "$TOP/tests/demo/hello.c" || exit 1
if command -v file > /dev/null 2>&1; then
    show file "$OUT/hello"
fi
# shellcheck disable=SC2086
show $RUNNER "$OUT/hello" one two
status=$?
echo "(exit status $status)"
exit $status
