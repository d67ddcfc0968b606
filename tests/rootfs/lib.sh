# tests/rootfs/lib.sh - shell helpers for the binfmt_misc, chroot and root
# filesystem tests (tests/scripts/binfmt*.sh, chroot*.sh, check-rootfs.sh).
# Sourced by bash.  Nothing here touches the host's binfmt_misc table: every
# registration happens in a private instance mounted inside a new user and
# mount namespace (Linux 6.7 and later), which vanishes with the namespace.

# The xbt under test: $XBT (the suite sets it to build/xbt), or
# $XBT_RUNNER when that is a plain path to an xbt binary, as when the
# suite runs against a private build (XBT_RUNNER=/tmp/b/xbt tests/run.sh).
case ${XBT_RUNNER:-} in
    */xbt) [ -x "$XBT_RUNNER" ] && XBT=$XBT_RUNNER ;;
esac

# Guest arches the tests know: name, Debian cross triplet, xbt binfmt guest.
ROOTFS_ARCH_TABLE="mips:mips-linux-gnu:mips mipsel:mipsel-linux-gnu:mipsel
armhf:arm-linux-gnueabihf:arm armel:arm-linux-gnueabi:arm ppc:powerpc-linux-gnu:ppc"

arch_triplet_of() { echo "$ROOTFS_ARCH_TABLE" | tr ' ' '\n' | awk -F: -v a="$1" '$1 == a { print $2 }'; }
arch_guest_of() { echo "$ROOTFS_ARCH_TABLE" | tr ' ' '\n' | awk -F: -v a="$1" '$1 == a { print $3 }'; }

# Prints why a private binfmt_misc cannot be had here, or nothing.
private_binfmt_problem() {
    local out
    command -v unshare > /dev/null || { echo "no unshare (util-linux)"; return; }
    out=$(unshare --user --map-root-user --mount --pid --fork \
          sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && test -w /proc/sys/fs/binfmt_misc/register' 2>&1) ||
        echo "no private binfmt_misc instance (needs Linux 6.7+ and user namespaces; kernel $(uname -r)): $(echo "$out" | tail -n 1)"
}

# in_userns CMD...: runs CMD as root of a new user, mount and pid namespace
# with a private binfmt_misc mounted at /proc/sys/fs/binfmt_misc.  As root
# the namespace maps uids and gids 0..65535 to themselves (so set-id files
# and other users can be tested); otherwise only the caller, as root.
in_userns() {
    local inner='mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || exit 99; exec "$@"'
    if [ "$(id -u)" != 0 ]; then
        unshare --user --map-root-user --mount --pid --fork bash -c "$inner" in_userns "$@"
        return
    fi
    local sync st upid i me
    sync=$(mktemp -u "${TMPDIR:-/tmp}/userns-sync.XXXXXX")
    mkfifo "$sync" || return 98
    unshare --user --mount --pid --fork bash -c "read -r _ < \"\$0\"; rm -f \"\$0\"; shift; $inner" \
        "$sync" in_userns "$@" &
    upid=$!
    me=$(readlink /proc/self/ns/user)
    for i in $(seq 200); do
        [ "$(readlink "/proc/$upid/ns/user" 2>/dev/null)" != "$me" ] && break
        sleep 0.02
    done
    echo "0 0 65536" > "/proc/$upid/uid_map" && echo "0 0 65536" > "/proc/$upid/gid_map" ||
        echo "in_userns: cannot write the id maps of $upid" >&2
    echo go > "$sync"
    wait "$upid"
    st=$?
    rm -f "$sync"
    return $st
}

# build_probe ARCH OUT [LINK]: builds tests/rootfs/probe.c for ARCH with the
# Debian cross compiler (LINK: -static, the default, or "" for dynamic).
# Returns 1 (with a message) when the compiler is missing.
build_probe() {
    local tri
    tri=$(arch_triplet_of "$1")
    command -v "$tri-gcc" > /dev/null 2>&1 || { echo "no $tri-gcc"; return 1; }
    "$tri-gcc" -O1 ${3--static} -o "$2" "$TOP/tests/rootfs/probe.c"
}

# A static xbt for chroots: $XBT_STATIC, else $XBT-static beside $XBT, else
# $XBT itself when it is static.  Prints its path or nothing.
find_static_xbt() {
    local c
    for c in "${XBT_STATIC:-}" "${XBT:-}-static" "${XBT:-}"; do
        [ -n "$c" ] && [ -x "$c" ] || continue
        if ! LC_ALL=C readelf -l "$c" 2>/dev/null | grep -q 'Requesting program interpreter'; then
            (cd "$(dirname "$c")" && echo "$PWD/$(basename "$c")")
            return
        fi
    done
}
