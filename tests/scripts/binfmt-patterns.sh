#!/bin/bash
# binfmt-patterns.sh - the magic and mask of `xbt --binfmt print` against
# facts, with no binfmt_misc needed:
#   - mips, mipsel and ppc equal Debian's qemu-user-static entries
#     (/usr/lib/binfmt.d/qemu-*.conf of bookworm, copied below);
#   - arm is Debian's entry plus e_flags byte 3 == 5 (EABI version 5);
#   - the patterns accept ELF files built by the Debian cross compilers
#     (ET_EXEC and ET_DYN; no libc, only the headers matter) and refuse the other guests',
#     n32 MIPS (e_flags bit 0x20), ARM EABI 4 and old-ABI headers, 64-bit
#     and x86 ELF files;
#   - the update-binfmts format carries the same bytes and the flags.
# Exit 0 pass, 1 fail, 77 skip (no cross compilers at all).
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
XBT=${XBT:-$TOP/build/xbt}
. "$TOP/tests/rootfs/lib.sh"
[ -x "$XBT" ] || { echo "no $XBT: run make first"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/binfmt-pat.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Debian bookworm qemu-user-static 1:7.2: magic:mask of qemu-<guest>.conf
declare -A DEBIAN=(
[mips]='\x7f\x45\x4c\x46\x01\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xfe\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x20'
[mipsel]='\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xfe\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x20'
[ppc]='\x7f\x45\x4c\x46\x01\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x14:\xff\xff\xff\xff\xff\xff\xff\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff'
[arm]='\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
)
declare -A PAT
for g in mips mipsel arm ppc; do
    PAT[$g]=$("$XBT" --binfmt print --guest $g --path /x | grep -v '^#' | cut -d: -f5,6)
done
pattern() { echo "${PAT[$1]}"; }
for g in mips mipsel ppc; do
    [ "$(pattern $g)" = "${DEBIAN[$g]}" ] || fail "$g: pattern differs from Debian's: $(pattern $g)"
done
arm=$(pattern arm)
m=${arm%%:*} k=${arm#*:}
d=${DEBIAN[arm]}
[ "${m:0:80}:${k:0:80}" = "$d" ] || fail "arm: first 20 bytes differ from Debian's: $arm"
[ "${m:80}" = '\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05' ] &&
    [ "${k:80}" = '\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff' ] ||
    fail "arm: e_flags part is not 'EABI 5': $arm"

# update-binfmts: the same bytes, flags as keys
u=$("$XBT" --binfmt print --format update-binfmts --guest mipsel --flags CF --path /usr/bin/xbt-static)
grep -qxF "magic ${DEBIAN[mipsel]%%:*}" <<< "$u" && grep -qxF "mask ${DEBIAN[mipsel]#*:}" <<< "$u" &&
    grep -qx "interpreter /usr/bin/xbt-static" <<< "$u" && grep -qx "credentials yes" <<< "$u" &&
    grep -qx "fix_binary yes" <<< "$u" && grep -qx "preserve no" <<< "$u" && grep -qx "offset 0" <<< "$u" ||
    fail "update-binfmts format: $u"
l=$("$XBT" --binfmt print --guest ppc --flags cfp --path /usr/bin/xbt | grep -v '^#')
[ "${l##*:}" = POCF ] || fail "flags cfp should print as POCF: $l"

# matches FILE GUEST: does FILE's header fit GUEST's pattern?
matches() {
    local p hex i m k b
    p=$(pattern "$2")
    m=($(sed 's/\\x/ /g' <<< "${p%%:*}")) k=($(sed 's/\\x/ /g' <<< "${p#*:}"))
    hex=($(od -An -tx1 -v -N ${#m[@]} "$1"))
    [ ${#hex[@]} = ${#m[@]} ] || return 1
    for ((i = 0; i < ${#m[@]}; i++)); do
        b=$(( 0x${hex[i]} & 0x${k[i]} ))
        [ $b = $(( 0x${m[i]} )) ] || return 1
    done
}
# patch FILE OFFSET BYTE: a copy's byte at OFFSET set to BYTE (hex)
patch() { printf "\\x$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

built=0
echo 'void _start(void) { for (;;); }' > "$T/tiny.c"
for a in mips mipsel armhf armel ppc; do
    g=$(arch_guest_of $a)
    tri=$(arch_triplet_of $a)
    command -v "$tri-gcc" > /dev/null 2>&1 || continue
    # headers are what count: no libc, so that linking is quick
    "$tri-gcc" -nostdlib -static -o "$T/s.$a" "$T/tiny.c" > /dev/null 2>&1 || continue
    built=$((built + 1))
    kinds=s
    "$tri-gcc" -nostdlib -shared -fPIC -o "$T/d.$a" "$T/tiny.c" > /dev/null 2>&1 && kinds="s d"
    for f in $kinds; do
        matches "$T/$f.$a" "$g" || fail "$a ($f): $g pattern refuses a real $a program"
        for o in mips mipsel arm ppc; do
            [ $o = "$g" ] && continue
            matches "$T/$f.$a" $o && fail "$a ($f): the $o pattern claims it"
        done
    done
done
[ $built = 0 ] && { echo "no guest cross compiler installed"; exit 77; }
if [ -e "$T/s.mipsel" ]; then   # n32: EF_MIPS_ABI2 (0x20) in e_flags (LE: offset 36)
    cp "$T/s.mipsel" "$T/n32"; patch "$T/n32" 36 27
    matches "$T/n32" mipsel && fail "mipsel pattern claims an n32 header"
fi
if [ -e "$T/s.mips" ]; then     # BE: e_flags low byte at offset 39
    cp "$T/s.mips" "$T/n32be"; patch "$T/n32be" 39 27
    matches "$T/n32be" mips && fail "mips pattern claims an n32 header"
fi
if [ -e "$T/s.armhf" ]; then    # EABI version in e_flags byte 3 (offset 39)
    for v in 04 00; do
        cp "$T/s.armhf" "$T/eabi$v"; patch "$T/eabi$v" 39 $v
        matches "$T/eabi$v" arm && fail "arm pattern claims e_flags EABI version $v"
    done
fi
for f in /bin/sh "$XBT"; do
    for o in mips mipsel arm ppc; do matches "$(readlink -f $f)" $o && fail "$o pattern claims host program $f"; done
done
echo "$fails failures ($built guest arches built)"
[ $fails = 0 ]
