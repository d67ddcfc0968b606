#!/bin/bash
# distro-binaries.sh - real distribution programs under xbt, compared with
# the same commands run natively on the host.
#
# 1. The cross sysroots' own programs, for every guest whose sysroot is
#    installed (/usr/<triplet>, libc6-<arch>-cross): libc.so.6 run as a
#    program (its version banner) and the dynamic loader run as a program
#    (ld.so --list of libm, i.e. ldd).
# 2. Debian 12 packages for armhf, armel and mipsel (Debian 12 has no
#    32-bit big-endian MIPS or PowerPC), unpacked by tools/fetch-guest-debs
#    into $XBT_GUEST_DEBS (default ~/.cache/xbt/guest-debs): dash running a
#    script of coreutils, sed and grep pipelines (sort, uniq, wc, sed, tr,
#    head, tail, cat, ls -l, cut, paste, seq, expr, grep), and (armhf)
#    the same script under busybox's own shell.  The expected output is what the
#    host's /bin/sh prints for the script.  (Kept short: every command is
#    a new xbt process, and the suite gives a script 120 s on a busy
#    machine.)  An architecture whose packages
#    were not fetched is skipped with the command that fetches them.
#
# Exit 0: everything that could run passed; 1: a difference; 77: nothing
# could run (no sysroot, no fetched packages).  Uses $XBT (tests/run.sh
# sets build/xbt), or XBT_RUNNER when that names an xbt binary.
set -u
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
xbt=${XBT:-$top/build/xbt}
case ${XBT_RUNNER:-} in
    */xbt|xbt) xbt=$XBT_RUNNER ;;
esac
[ -x "$xbt" ] || { echo "no xbt at $xbt"; exit 77; }
cache=${XBT_GUEST_DEBS:-${HOME:-/root}/.cache/xbt/guest-debs}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xbt-distro.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
TMO=${XBT_DISTRO_TIMEOUT:-60}

passed=0 failed=0 skipped=0

pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL $1"
    shift
    for f in "$@"; do [ -s "$f" ] && sed -n '1,12p' "$f" | sed 's/^/     /'; done
    failed=$((failed + 1))
}
skip() { echo "skip $1"; skipped=$((skipped + 1)); }

# ---- 1. the cross sysroots' programs -------------------------------------------

for t in mips-linux-gnu mipsel-linux-gnu arm-linux-gnueabihf arm-linux-gnueabi powerpc-linux-gnu; do
    root=/usr/$t
    ld=
    for l in ld.so.1 ld-linux-armhf.so.3 ld-linux.so.3; do
        [ -e "$root/lib/$l" ] && { ld=$l; break; }
    done
    if [ ! -e "$root/lib/libc.so.6" ] || [ -z "$ld" ]; then
        skip "$t: no cross sysroot in $root (libc6-<arch>-cross)"
        continue
    fi
    out=$tmp/$t.banner
    timeout -k 5 "$TMO" "$xbt" -L "$root" "$root/lib/libc.so.6" > "$out" 2> "$out.err"
    st=$?
    if [ $st = 0 ] && head -n 1 "$out" | grep -q '^GNU C Library (Debian GLIBC .*) stable release version'; then
        pass "$t: libc.so.6 banner"
    else
        fail "$t: libc.so.6 banner (exit $st)" "$out" "$out.err"
    fi
    out=$tmp/$t.list
    timeout -k 5 "$TMO" "$xbt" -L "$root" "$root/lib/$ld" --list "$root/lib/libm.so.6" > "$out" 2> "$out.err"
    st=$?
    if [ $st = 0 ] && grep -q 'libc\.so\.6 => /lib/.*libc\.so\.6 (0x' "$out" && grep -q "$ld" "$out"; then
        pass "$t: $ld --list libm.so.6"
    else
        fail "$t: $ld --list libm.so.6 (exit $st)" "$out" "$out.err"
    fi
done

# ---- 2. Debian packages ------------------------------------------------------------

# The script both shells run, in an empty directory; no host-specific
# output (owners, link counts, the machine name) is printed.
cat > "$tmp/script.sh" <<'EOF'
printf 'pear\napple\nfig\napple\nbanana\ncherry\n' > fruit.txt
sort fruit.txt | uniq -c | sort -rn | head -n 3
wc -l < fruit.txt
sed -e 's/a/A/g' -e '/fig/d' fruit.txt | tr -d '\n'; echo
cat fruit.txt | head -n 4 | tail -n 2
grep -n '^b' fruit.txt
mkdir d && printf '12345' > d/x && touch -d '2020-01-02 03:04:05' d/x
ls -l d | tail -n 1 | tr -s ' ' | cut -d' ' -f1,5-
for i in 1 2 3; do echo "n=$i"; done | paste -sd, -
seq 2 2 10 | tr '\n' ' '; echo
expr 6 \* 7
(echo sub; exit 3); echo "status $?"
printf '%s\n' one two three | while read -r w; do printf '%s:%s ' "$w" "${#w}"; done; echo
EOF

mkdir -p "$tmp/native"
(cd "$tmp/native" && PATH=/usr/bin:/bin LC_ALL=C TZ=UTC /bin/sh "$tmp/script.sh") > "$tmp/expected" 2>&1

# run_shell NAME ROOT SHELL-ARGS...: the script under xbt with -L ROOT.
run_shell() {
    local name=$1 root=$2 dir=$tmp/run.$RANDOM
    shift 2
    mkdir -p "$dir"
    (cd "$dir" && env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC \
        timeout -k 5 "$TMO" "$xbt" -L "$root" "$@" "$tmp/script.sh") > "$dir.out" 2>&1
    local st=$?
    if [ $st = 0 ] && cmp -s "$tmp/expected" "$dir.out"; then
        pass "$name"
    else
        diff -u "$tmp/expected" "$dir.out" > "$dir.diff"
        fail "$name (exit $st; --- host sh, +++ guest)" "$dir.diff"
    fi
}

for arch in armhf armel mipsel; do
    root=$cache/$arch/root
    if [ ! -f "$cache/$arch/complete" ] || [ ! -x "$root/bin/dash" ]; then
        skip "$arch: Debian packages not fetched (run tools/fetch-guest-debs $arch)"
        continue
    fi
    run_shell "$arch: dash + coreutils/sed/grep" "$root" "$root/bin/dash"
    # busybox (static) on one architecture: the suite gives a script 120 s
    [ "$arch" = armhf ] && run_shell "$arch: busybox sh" "$root" "$root/bin/busybox" sh
done
for arch in mips powerpc; do
    skip "$arch: Debian 12 has no packages for this 32-bit architecture (sysroot programs only)"
done

echo "distro binaries: $passed passed, $failed failed, $skipped skipped"
[ $failed -gt 0 ] && exit 1
[ $passed = 0 ] && exit 77
exit 0
