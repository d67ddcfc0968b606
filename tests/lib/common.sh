# shellcheck shell=bash disable=SC2034
# tests/lib/common.sh - shared definitions for tests/run.sh and tests/lib/job.sh.
#
# Sourced (bash).  Defines where things live, the guest architectures and
# their cross compilers, how the runner command for a guest arch is chosen,
# how per-test metadata is read from a test source, and how one result is
# recorded.  It prints nothing itself.
#
# Runner selection for guest arch A (first match wins):
#   XBT_RUNNER_<A>       e.g. XBT_RUNNER_mipsel="qemu-mipsel -cpu 24Kf"
#   XBT_RUNNER           "{arch}" is replaced by qemu's name for A, and a
#                        first word qemu-<guest> is re-pointed at A, so
#                        XBT_RUNNER=qemu-mips runs mipsel tests under
#                        qemu-mipsel
#   default              $TOP/build/xbt
# A first word containing '/' is made absolute against $TOP.
#
# Test metadata: lines near the top of a test source (first 40 lines), or
# in a sidecar T.expect beside T.c / T.S (which wins),
# in any comment style, of the form KEY: value
#   EXPECT-EXIT: N   expected exit status (128+N for death by signal N)
#   ARGS: words      arguments passed to the program (split on blanks)
#   ENV: K=V ...     extra environment (the program gets env -i plus these)
#   CFLAGS: flags    extra compile flags (C and asm tests)
#   TIMEOUT: secs    per-run timeout (default $XBT_TEST_TIMEOUT or 30)
#   NOT-ON: arch ...: why   the test does not apply to these guest arches
#                    (reported as SKIP with the reason)
#   LINK: words      how a C test is linked (default: static):
#                    dynamic   against the shared libc (the guest's from the
#                              cross sysroot /usr/<triplet>)
#                    plugin    also build lib<T>.so from the same source with
#                              -DXBT_PLUGIN -fPIC -shared beside the program
#                              (the program finds it through RUNPATH $ORIGIN)
#                    linked    link the program against that lib<T>.so
#                              (otherwise the test dlopen()s it)

TOP=${TOP:-$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)}
B=$TOP/build
TB=$B/tests                       # build artefacts of the test suite
RES=${XBT_RESDIR:-$TB/results}  # one file per printed test (run.sh sets a private one)
LIBDIR=$TOP/tests/lib

# Guest arches the suite runs; override with XBT_ARCHES="mips".
XBT_ARCHES=${XBT_ARCHES:-"mips mipsel armhf arm ppc"}
C_OPTS=${XBT_C_OPTS:-"O0 O2"}

# The C test builds of a guest arch: C_OPTS, plus the other ARM instruction
# set at -O2 (armhf defaults to Thumb-2, armel to A32).  A build "O2-marm"
# is compiled with -O2 -marm (see opt_flags).
arch_c_opts() {
    case $1 in
        armhf) echo "$C_OPTS O2-marm" ;;
        arm) echo "$C_OPTS O2-mthumb" ;;
        *) echo "$C_OPTS" ;;
    esac
}

arch_triplet() {
    case $1 in
        mips) echo mips-linux-gnu ;;
        mipsel) echo mipsel-linux-gnu ;;
        arm) echo arm-linux-gnueabi ;;
        armhf) echo arm-linux-gnueabihf ;;
        ppc) echo powerpc-linux-gnu ;;
        *) return 1 ;;
    esac
}

# qemu-user's name for a guest arch.
arch_qemu() {
    case $1 in
        armhf) echo arm ;;
        *) echo "$1" ;;
    esac
}

# Folder of hand-written assembly tests for a guest arch.
arch_asmdir() {
    case $1 in
        mips|mipsel) echo mips ;;
        arm|armhf) echo arm ;;
        ppc) echo ppc ;;
        *) echo "$1" ;;
    esac
}

# The runner command for guest arch $1, as one line of words.
runner_for() {
    local a=$1 q cmd var first rest
    var=_XBT_RUNCMD_$a                 # cached by run.sh
    if [ -n "${!var:-}" ]; then
        echo "${!var}"
        return
    fi
    q=$(arch_qemu "$a")
    var=XBT_RUNNER_$a
    if [ -n "${!var:-}" ]; then
        cmd=${!var}
    elif [ -n "${XBT_RUNNER:-}" ]; then
        cmd=${XBT_RUNNER//\{arch\}/$q}
        first=${cmd%% *}
        rest=
        [ "$first" != "$cmd" ] && rest=" ${cmd#* }"
        case ${first##*/} in
            qemu-mips|qemu-mipsel|qemu-arm|qemu-armeb|qemu-ppc)
                case $first in
                    */*) first=${first%/*}/qemu-$q ;;
                    *) first=qemu-$q ;;
                esac
                cmd=$first$rest ;;
        esac
    else
        cmd=$B/xbt
    fi
    first=${cmd%% *}
    case $first in
        /*) ;;
        */*) cmd=$TOP/$cmd ;;
    esac
    echo "$cmd"
}

# Basename of the runner program for arch $1 (xbt, qemu-mips, ...).
runner_name() {
    local r
    r=$(runner_for "$1")
    r=${r%% *}
    echo "${r##*/}"
}

# meta_load FILE: read the metadata of a test source into M_EXPECT_EXIT,
# M_ARGS, M_ENV, M_CFLAGS, M_TIMEOUT and M_NOT_ON (first occurrence in the first 40
# lines; a trailing "*/" is dropped).  A sidecar file beside the source,
# same name with .expect for its extension, holding KEY: value lines, is
# read first and wins.  Pure bash: jobs are fork-bound.
meta_load() {
    local line n k v f
    M_EXPECT_EXIT='' M_ARGS='' M_ENV='' M_CFLAGS='' M_TIMEOUT='' M_NOT_ON='' M_LINK=''
    for f in "${1%.*}.expect" "$1"; do
        [ -f "$f" ] || continue
        n=0
        while [ $n -lt 40 ] && IFS= read -r line; do
            n=$((n + 1))
            for k in EXPECT-EXIT ARGS ENV CFLAGS TIMEOUT NOT-ON LINK; do
                case $line in
                    *"$k:"*) ;;
                    *) continue ;;
                esac
                v=${line#*"$k:"}
                v=${v%%\*/*}
                v=${v#"${v%%[![:space:]]*}"}
                v=${v%"${v##*[![:space:]]}"}
                case $k in
                    EXPECT-EXIT) M_EXPECT_EXIT=${M_EXPECT_EXIT:-$v} ;;
                    ARGS) M_ARGS=${M_ARGS:-$v} ;;
                    ENV) M_ENV=${M_ENV:-$v} ;;
                    CFLAGS) M_CFLAGS=${M_CFLAGS:-$v} ;;
                    TIMEOUT) M_TIMEOUT=${M_TIMEOUT:-$v} ;;
                    NOT-ON) M_NOT_ON=${M_NOT_ON:-$v} ;;
                    LINK) M_LINK=${M_LINK:-$v} ;;
                esac
            done
        done < "$f"
    done
    M_TIMEOUT=${M_TIMEOUT:-${XBT_TEST_TIMEOUT:-30}}
}

# CLEAN_ENV: the environment of a guest or oracle run (the test adds its ENV:).
# XBT_* and QEMU_* settings of the caller pass through so a runner can be
# configured from outside (XBT_RUNNER* excluded: they are ours).
clean_env() {
    local v
    CLEAN_ENV=("PATH=/usr/local/bin:/usr/bin:/bin" "LC_ALL=C")
    for v in ${!XBT_@} ${!QEMU_@}; do
        case $v in
            XBT_RUNNER*|_XBT_*|XBT_ARCHES|XBT_C_OPTS|XBT_JOBS|XBT_TEST_TIMEOUT|XBT_UNIT_TIMEOUT|XBT_RESDIR) ;;
            XBT_*|QEMU_*) CLEAN_ENV+=("$v=${!v}") ;;
        esac
    done
}

# Test name -> file-safe id.
name_id() { local n=${1//\//__}; echo "${n// /_}"; }

# record SEQ STATUS NAME [DETAIL-FILE]: write the result of printed test SEQ.
# STATUS is PASS, FAIL or "SKIP:reason".  Atomic (write then rename).
record() {
    local seq=$1 st=$2 name=$3 detail=${4:-} us
    [ "$seq" = - ] && return 0
    if [ -n "${JOB_T0:-}" ] && [ -n "${EPOCHREALTIME:-}" ]; then
        us=$(( ${EPOCHREALTIME//[!0-9]/} - ${JOB_T0//[!0-9]/} ))
        printf '%d.%03d %s\n' $((us / 1000000)) $((us / 1000 % 1000)) "$name" >> "$RES/times"
    fi
    {
        printf '%s\t%s\n' "$st" "$name"
        if [ -n "$detail" ] && [ -s "$detail" ]; then
            head -n 40 "$detail"
        fi
    } > "$RES/$seq.tmp"
    mv "$RES/$seq.tmp" "$RES/$seq.res"
}

# Compile flags every guest C test gets.
GUEST_CFLAGS="-Wall -Wno-unused-result"   # -static unless LINK: dynamic
NATIVE_CFLAGS="-Wall -Wno-unused-result"
ASM_CFLAGS="-static -nostdlib -Wa,--fatal-warnings"

# link_has WORD: does the loaded test's LINK: name WORD?
link_has() {
    case " $M_LINK " in
        *" $1 "*) return 0 ;;
    esac
    return 1
}

# c_build CC DIR T SRC OPT [FLAGS...]: build test T (source SRC) with
# compiler CC into DIR/T as its LINK: says (meta_load first): static
# unless "dynamic"; with "plugin" DIR/libT.so first (from SRC with
# -DXBT_PLUGIN); with "linked" the program is linked against it.  FLAGS
# are the common flags without -static.  Uses compile() of job.sh.
c_build() {
    local cc=$1 dir=$2 t=$3 src=$4 opt=$5 link
    shift 5
    local -a fl extra oflags
    read -r -a extra <<< "$M_CFLAGS"
    read -r -a oflags <<< "-${opt//-/ -}"    # O2-marm -> -O2 -marm
    fl=("$@" "${oflags[@]}" "${extra[@]}")
    if ! link_has dynamic; then
        compile "$dir/$t" "$dir/$t.log" "$cc" -static "${fl[@]}" "$src" -lm
        return
    fi
    link=(-Wl,-rpath,'$ORIGIN')
    if link_has plugin; then
        compile "$dir/lib$t.so" "$dir/$t.log" "$cc" "${fl[@]}" -DXBT_PLUGIN -fPIC -shared \
            -Wl,-soname,"lib$t.so" "$src" -lm
        if [ ! -e "$dir/lib$t.so" ]; then
            rm -f "$dir/$t"
            return
        fi
        link_has linked && link+=(-L"$dir" -l"$t")
    fi
    compile "$dir/$t" "$dir/$t.log.main" "$cc" "${fl[@]}" "$src" "${link[@]}" -ldl -lpthread -lm
    [ -e "$dir/$t.log.main" ] && mv -f "$dir/$t.log.main" "$dir/$t.log"
    return 0
}

# Extra flags for assembly tests per arch: plain non-PIC code, so "la" is
# lui/addiu and no $gp setup is needed.
arch_asm_cflags() {
    case $1 in
        mips|mipsel) echo "-mno-abicalls -fno-pic" ;;
        arm) echo "-march=armv7-a" ;;   # Debian armel defaults to v5te
        armhf) echo "-march=armv7-a -mfpu=vfpv3-d16" ;;   # hard float needs an FPU named
    esac
}

# not_applicable ARCH: true (and the reason on stdout) if the loaded test's
# NOT-ON: names ARCH.
not_applicable() {
    local a list=${M_NOT_ON%%:*}
    [ -n "$M_NOT_ON" ] || return 1
    for a in $list; do
        if [ "$a" = "$1" ]; then
            echo "not applicable on $1:${M_NOT_ON#*:}"
            return 0
        fi
    done
    return 1
}
