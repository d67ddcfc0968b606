#!/bin/bash
# binfmt.sh - guest programs executed by path through xbt registered in a
# private binfmt_misc instance (never the host's table), with each flag
# combination: none, F, P, O, FP, PO, POF, C, CF.
#
# Checks, per combination and per guest arch with a cross compiler:
#   - argv[0]: the caller's own under P (exec -a), the path without P
#   - the arguments, /proc/self/exe (the guest program), AT_EXECFN
#   - fd 3 closed in the guest (xbt consumed the kernel's AT_EXECFD under O)
#   - a guest execv of another guest program keeps its argv[0]
#   - xbt --binfmt status lists the entries with their flags
#   - an interpreter named *-binfmt-P takes its argv as with P (old kernels)
# As root (the namespace then maps uids 0..65535): under O an execute-only
# program (mode 0711, unreadable to the user) runs from AT_EXECFD and fails
# without O; under C a set-uid guest program runs with the owner's euid and
# AT_SECURE=1, without C with the caller's.  Also: clear errors when
# binfmt_misc is not mounted or the caller may not write it, unregister.
# Exit 0 pass, 1 fail, 77 skip (kernel without private binfmt_misc).
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
XBT=${XBT:-$TOP/build/xbt}
. "$TOP/tests/rootfs/lib.sh"

[ -x "$XBT" ] || { echo "no $XBT: run make first"; exit 77; }
"$XBT" --binfmt help > /dev/null 2>&1 || { echo "$XBT has no --binfmt: stale build, run make"; exit 1; }
why=$(private_binfmt_problem)
[ -n "$why" ] && { echo "$why"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/binfmt.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

arches=""
for a in armhf mipsel mips ppc armel; do
    if build_probe "$a" "$T/probe.$a" > "$T/build.$a.log" 2>&1; then
        arches="$arches $a"
    else
        echo "note: no probe for $a: $(tail -n 1 "$T/build.$a.log")"
    fi
done
[ -n "$arches" ] || { echo "no guest cross compiler installed"; exit 77; }
cp "$XBT" "$T/xbt"

cat > "$T/inner.sh" <<'INNER'
set -u
T=$1 arches=$2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# a world-traversable private work directory (tmpfs in our mount namespace)
mount -t tmpfs -o mode=0755 tmpfs /mnt || { echo "cannot mount a tmpfs on /mnt"; exit 1; }
W=/mnt/w
mkdir -m 755 $W
cp "$T/xbt" $W/xbt
for a in $arches; do cp "$T/probe.$a" $W/probe.$a; done
full_ids=0
[ "$(awk '{ print $3 }' /proc/self/uid_map)" -ge 65536 ] 2>/dev/null && full_ids=1

expect() {   # expect WHAT OUTPUT KEY=VALUE...
    local what=$1 out=$2 kv
    shift 2
    for kv in "$@"; do
        grep -qxF -- "$kv" <<< "$out" || { fail "$what: no '$kv' in:"; sed 's/^/    /' <<< "$out" | head -n 12; }
    done
}

register() {
    local out
    out=$($W/xbt --binfmt register --flags "$1" --path $W/xbt 2>&1) || { fail "register $1: $out"; return 1; }
}

for flags in none F P O FP PO POF C CF; do
    register "$flags" || continue
    case $flags in    # as the kernel prints them: P O C F
        FP) want=PF ;; C) want=OC ;; CF) want=OCF ;; *) want=$flags ;;
    esac
    # every arch for the default flags; the first one otherwise
    some=$arches
    case $flags in POF) ;; *) some=${arches# }; some=${some%% *} ;; esac
    st=$($W/xbt --binfmt status 2>&1)
    expect "status $flags" "$st" "xbt-arm: enabled, interpreter $W/xbt, flags $want"
    for a in $some; do
        p=$W/probe.$a
        out=$(cd /mnt && bash -c 'exec -a my-argv0 "$0" one "two words"' "$p" 2>&1)
        argv0=$p
        case $flags in *P*) argv0=my-argv0 ;; esac
        expect "$a flags $flags" "$out" "argc=3" "argv0=$argv0" "argv1=one" "argv2=two words" \
            "exe=$p" "execfn=$p" "fd3=closed" "uid=0 euid=0 secure=0"
        out=$(cd $W && ./probe.$a 2>&1)
        expect "$a flags $flags relative" "$out" "argv0=./probe.$a" "exe=$p"
        # a guest exec of a guest program: argv[0] chosen by the caller
        for b in $arches; do
            [ "$b" = "$a" ] && continue
            out=$($p exec $W/probe.$b child-argv0 x 2>&1)
            expect "$a execs $b, flags $flags" "$out" "argv0=child-argv0" "argv1=x" "exe=$W/probe.$b"
            break
        done
    done
    if [ $full_ids = 1 ]; then
        a=${arches# }; a=${a%% *}
        # O: an execute-only program, unreadable for uid 1000
        cp $W/probe.$a $W/xonly.$a && chmod 0711 $W/xonly.$a
        out=$(setpriv --reuid=1000 --regid=1000 --clear-groups $W/xonly.$a ro 2>&1)
        case $flags in
            *O*|*C*) expect "execute-only $a, flags $flags" "$out" "argv1=ro" "exe=$W/xonly.$a" "fd3=closed" ;;
            *) grep -q "Permission denied" <<< "$out" ||
                   fail "execute-only $a without O should fail to be read by xbt: $out" ;;
        esac
        # C: a set-uid program owned by 1000, run by 1001
        cp $W/probe.$a $W/suid.$a && chown 1000:1000 $W/suid.$a && chmod 4755 $W/suid.$a
        out=$(setpriv --reuid=1001 --regid=1001 --clear-groups $W/suid.$a 2>&1)
        case $flags in
            *C*) expect "set-uid $a, flags $flags" "$out" "uid=1001 euid=1000 secure=1" ;;
            *) expect "set-uid $a, flags $flags" "$out" "uid=1001 euid=1001 secure=0" ;;
        esac
        rm -f $W/xonly.$a $W/suid.$a
    fi
done

# kernels before 5.12: an interpreter named *-binfmt-P means flag P
a=${arches# }; a=${a%% *}
ln -s xbt $W/xbt-binfmt-P
out=$($W/xbt-binfmt-P $W/probe.$a own-argv0 z 2>&1)
expect "xbt-binfmt-P" "$out" "argc=2" "argv0=own-argv0" "argv1=z" "exe=$W/probe.$a"

# errors: not mounted, not writable; unregister
out=$($W/xbt --binfmt status --dir /mnt 2>&1) && fail "status on a non-binfmt_misc dir succeeded"
grep -q "not mounted" <<< "$out" || fail "status --dir /mnt: unclear error: $out"
if [ $full_ids = 1 ]; then
    out=$(setpriv --reuid=1000 --regid=1000 --clear-groups $W/xbt --binfmt register --path $W/xbt 2>&1) &&
        fail "register as uid 1000 succeeded"
    grep -q "Permission denied" <<< "$out" || fail "register as uid 1000: unclear error: $out"
fi
out=$($W/xbt --binfmt unregister 2>&1) || fail "unregister: $out"
expect unregister "$out" "unregistered xbt-arm" "unregistered xbt-mips"
a=${arches# }; a=${a%% *}
out=$($W/probe.$a 2>&1) && fail "probe.$a still runs after unregister"
[ -e /proc/sys/fs/binfmt_misc/xbt-arm ] && fail "xbt-arm still registered"
echo "inner: $fails failures (arches:$arches, full ids: $full_ids)"
[ $fails = 0 ]
INNER

in_userns bash "$T/inner.sh" "$T" "$arches"
st=$?
[ $st = 99 ] && { echo "cannot mount binfmt_misc in the namespace"; exit 77; }
exit $st
