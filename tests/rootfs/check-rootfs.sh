#!/bin/bash
# check-rootfs.sh - `make check-rootfs`: Debian root filesystems built with
# the foreign stages running under xbt, the best whole-system test of the
# Linux ABI (dpkg, maintainer scripts, perl, many short processes).
#
# For each arch (ROOTFS_ARCHES, default "armhf mipsel"):
#   1. `debootstrap --foreign --arch=ARCH bookworm` runs natively (cached as
#      a tarball in ROOTFS_CACHE, default /var/tmp/xbt-rootfs-cache, since
#      it is only a download);
#   2. in a new user, mount and pid namespace with a private binfmt_misc
#      instance (the host's table is never touched), the static xbt is
#      registered with flag F and `chroot DIR /debootstrap/debootstrap
#      --second-stage` runs; then `dpkg -l`, `apt-get --version` and
#      `perl -e 'print 1+1'` in the chroot;
#   3. the same under qemu-user-static (qemu-ARCH-static in PATH or in
#      QEMU_STATIC_DIR) when it is there, registered the same way with the
#      same magic and mask.
# Prints each stage's wall time and the qemu/xbt ratio.  Passes when every
# arch's second stage under xbt completes and the three checks work.
#
# Environment: XBT_STATIC (the static xbt; default build/xbt-static),
# ROOTFS_ARCHES, ROOTFS_MIRROR (default: the first Debian URI of
# /etc/apt/sources.list.d/debian.sources), ROOTFS_SUITE (bookworm),
# ROOTFS_VARIANT (debootstrap --variant, default: debootstrap's),
# ROOTFS_WORK (where the trees are built; default a temporary directory
# under /var/tmp, removed at the end unless ROOTFS_KEEP=1), ROOTFS_QEMU=0
# to skip qemu, ROOTFS_RUNNERS ("xbt qemu") to choose.  Exit 0 pass, 1 fail, 77 skip (not root, no debootstrap,
# no private binfmt_misc).
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$TOP/tests/rootfs/lib.sh"

XBT_STATIC=${XBT_STATIC:-$TOP/build/xbt-static}
ARCHES=${ROOTFS_ARCHES:-armhf mipsel}
SUITE=${ROOTFS_SUITE:-bookworm}
CACHE=${ROOTFS_CACHE:-/var/tmp/xbt-rootfs-cache}
skip() { echo "check-rootfs: SKIP: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, and an identity-mapped user namespace)"
command -v debootstrap > /dev/null || skip "no debootstrap (apt-get install debootstrap)"
[ -x "$XBT_STATIC" ] || skip "no static xbt at $XBT_STATIC (make builds build/xbt-static)"
why=$(private_binfmt_problem)
[ -n "$why" ] && skip "$why"
MIRROR=${ROOTFS_MIRROR:-$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /debian\/?$/) { print $i; exit } }' \
                          /etc/apt/sources.list.d/debian.sources 2>/dev/null)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
WORK=${ROOTFS_WORK:-$(mktemp -d /var/tmp/xbt-rootfs.XXXXXX)}
mkdir -p "$WORK" "$CACHE" || exit 1
[ "${ROOTFS_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
variant=()
[ -n "${ROOTFS_VARIANT:-}" ] && variant=(--variant="$ROOTFS_VARIANT")

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
qemu_for() {   # the qemu-user-static binary for arch $1, or nothing
    local q
    case $1 in armhf|armel) q=arm ;; *) q=$1 ;; esac
    [ "${ROOTFS_QEMU:-1}" = 0 ] && return
    if [ -n "${QEMU_STATIC_DIR:-}" ] && [ -x "$QEMU_STATIC_DIR/qemu-$q-static" ]; then
        echo "$QEMU_STATIC_DIR/qemu-$q-static"
    else
        command -v "qemu-$q-static"
    fi
}

# stage1 ARCH: the --foreign tree as a cached tarball; prints its path.
stage1() {
    local a=$1 tar=$CACHE/$SUITE-$1${ROOTFS_VARIANT:+-$ROOTFS_VARIANT}-stage1.tar t0 d
    if [ ! -s "$tar" ]; then
        d=$WORK/$a-stage1
        t0=$(now)
        if ! debootstrap --foreign --arch="$a" "${variant[@]}" "$SUITE" "$d" "$MIRROR" > "$WORK/$a-stage1.log" 2>&1; then
            echo "check-rootfs: $a: debootstrap --foreign failed:" >&2
            tail -n 5 "$WORK/$a-stage1.log" >&2
            return 1
        fi
        echo "$a stage1 (native, download) $(secs "$t0" "$(now)") s" >&2
        tar -cf "$tar.tmp" -C "$d" . && mv "$tar.tmp" "$tar"
        rm -rf "$d"
    else
        echo "$a stage1: cached $tar" >&2
    fi
    echo "$tar"
}

# The inner part, run as root of the private namespace: register INTERP for
# GUEST with flag F, second stage in DIR, then the checks; prints
# "TIME name seconds" lines and "CHECK name ok|FAIL".
cat > "$WORK/inner.sh" <<'INNER'
set -u
interp=$1 guest=$2 dir=$3 xbt=$4
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
line=$("$xbt" --binfmt print --guest "$guest" --flags F --path "$interp" | grep -v '^#' | sed "s/^:xbt-/:rootfs-/")
printf '%s' "$line" > /proc/sys/fs/binfmt_misc/register || { echo "cannot register $interp"; exit 1; }
# debootstrap --foreign leaves /proc a symlink to /proc, which loops inside
# the chroot until the second stage mounts proc; the second stage's first
# commands already exec guest programs, and xbt's execve of a guest program
# (syscall layer) re-enters xbt through /proc/self/exe.  So mount proc first,
# as debootstrap itself does a moment later (it then finds it mounted).
# NYI: drop this once guest execve goes through binfmt_misc when it started xbt.
if [ -L "$dir/proc" ]; then rm -f "$dir/proc"; mkdir "$dir/proc"; fi
mount -t proc proc "$dir/proc" || exit 1
t0=$(now)
chroot "$dir" env container=lxc /debootstrap/debootstrap --second-stage > "$dir.stage2.log" 2>&1
st=$?
echo "TIME stage2 $(secs "$t0" "$(now)")"
if [ $st != 0 ]; then
    echo "CHECK stage2 FAIL (exit $st; $dir.stage2.log, $dir/debootstrap/debootstrap.log)"
    tail -n 12 "$dir.stage2.log" | sed 's/^/    /'
    [ -e "$dir/debootstrap/debootstrap.log" ] && grep -v " URL:" "$dir/debootstrap/debootstrap.log" | grep -E "^xbt: |error|Error" | sort | uniq -c | sort -rn | head -n 12 | sed 's/^/    /'
    exit 1
fi
echo "CHECK stage2 ok"
mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
t0=$(now); out=$(chroot "$dir" dpkg -l 2>&1); st=$?
echo "TIME dpkg-l $(secs "$t0" "$(now)")"
n=$(grep -c '^ii ' <<< "$out")
if [ $st = 0 ] && [ "$n" -gt 50 ]; then echo "CHECK dpkg-l ok ($n packages)"; else echo "CHECK dpkg-l FAIL (exit $st, $n packages): $(tail -n 3 <<< "$out")"; fi
t0=$(now); out=$(chroot "$dir" apt-get --version 2>&1); st=$?
echo "TIME apt-get $(secs "$t0" "$(now)")"
if [ $st = 0 ] && grep -q '^apt ' <<< "$out"; then echo "CHECK apt-get ok ($(head -n 1 <<< "$out"))"; else echo "CHECK apt-get FAIL (exit $st): $(tail -n 3 <<< "$out")"; fi
t0=$(now); out=$(chroot "$dir" perl -e 'print 1+1' 2>&1); st=$?
echo "TIME perl $(secs "$t0" "$(now)")"
if [ $st = 0 ] && [ "$out" = 2 ]; then echo "CHECK perl ok"; else echo "CHECK perl FAIL (exit $st): $(tail -n 3 <<< "$out")"; fi
t0=$(now); out=$(chroot "$dir" sh -c 'i=0; while [ $i -lt 100 ]; do /bin/true; i=$((i+1)); done; echo $i' 2>&1); st=$?
echo "TIME true-x100 $(secs "$t0" "$(now)")"
if [ $st = 0 ] && [ "$out" = 100 ]; then echo "CHECK true-x100 ok"; else echo "CHECK true-x100 FAIL (exit $st): $(tail -n 3 <<< "$out")"; fi
umount "$dir/proc" 2>/dev/null
exit 0
INNER

declare -A T
fails=0
for a in $ARCHES; do
    g=$(arch_guest_of "$a")
    [ -n "$g" ] || { echo "check-rootfs: unknown arch $a"; fails=$((fails + 1)); continue; }
    tar=$(stage1 "$a") || { fails=$((fails + 1)); continue; }
    for runner in ${ROOTFS_RUNNERS:-xbt qemu}; do
        interp=$XBT_STATIC
        if [ $runner = qemu ]; then
            interp=$(qemu_for "$a")
            [ -n "$interp" ] || { echo "$a: no qemu-user-static: no comparison"; continue; }
        fi
        d=$WORK/$a-$runner
        rm -rf "$d"; mkdir -p "$d"
        tar -xf "$tar" -C "$d" || { fails=$((fails + 1)); continue; }
        echo "== $a under $runner ($interp)"
        in_userns bash "$WORK/inner.sh" "$interp" "$g" "$d" "$XBT_STATIC" > "$WORK/$a-$runner.out" 2>&1
        st=$?
        sed 's/^/  /' "$WORK/$a-$runner.out"
        while read -r _ name s; do T[$a,$runner,$name]=$s; done < <(grep '^TIME ' "$WORK/$a-$runner.out")
        grep -q '^CHECK stage2 FAIL' "$WORK/$a-$runner.out" && T[$a,$runner,stage2]="failed"
        if [ $runner = xbt ] && { [ $st != 0 ] || grep -q '^CHECK .* FAIL' "$WORK/$a-$runner.out"; }; then
            fails=$((fails + 1))
        fi
        [ "${ROOTFS_KEEP:-0}" = 1 ] || rm -rf "$d"
    done
done

echo
printf '%-8s %-11s %10s %10s %8s\n' arch stage xbt/s qemu/s qemu/xbt
for a in $ARCHES; do
    for s in stage2 dpkg-l apt-get perl true-x100; do
        x=${T[$a,xbt,$s]:-} q=${T[$a,qemu,$s]:-}
        [ -z "$x$q" ] && continue
        r=-
        [[ $x =~ ^[0-9.]+$ && $q =~ ^[0-9.]+$ ]] && r=$(awk -v x="$x" -v q="$q" 'BEGIN { if (x > 0) printf "%.2f", q / x; else print "-" }')
        printf '%-8s %-11s %10s %10s %8s\n' "$a" "$s" "${x:--}" "${q:--}" "$r"
    done
done
echo "check-rootfs: $fails failed"
[ $fails = 0 ]
