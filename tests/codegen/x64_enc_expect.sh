#!/bin/sh
# x64_enc_expect.sh - prints "asm<TAB>bytes" for every row of
# tests/unit/test_x64_enc.c, as GNU as encodes it.  Used once to fill the
# expected bytes committed in that test:
#     tests/codegen/x64_enc_expect.sh build/tests/unit/test_x64_enc
set -e
bin=${1:-build/tests/unit/test_x64_enc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --asm | while IFS= read -r line; do
    printf '.intel_syntax noprefix\n%s\n' "$line" > "$tmp/r.s"
    as --64 -o "$tmp/r.o" "$tmp/r.s"
    objcopy -O binary -j .text "$tmp/r.o" "$tmp/r.bin"
    printf '%s\t%s\n' "$line" "$(od -An -tx1 -v "$tmp/r.bin" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//')"
done
