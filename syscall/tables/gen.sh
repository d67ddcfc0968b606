#!/bin/sh
# gen.sh - generate syscall/tables/<abi>.h from a guest's kernel UAPI headers.
#
# usage: syscall/tables/gen.sh [-o OUTDIR] [-I INCDIR] [-m auto|cross|host] ABI...
#        syscall/tables/gen.sh -l          (list the ABIs it knows)
# Headers are looked for in $XBT_UAPI_ROOT/<triplet>/include (default /usr)
# unless -I names the include directory.
#
# The facts a syscall ABI needs - syscall numbers, errno and signal numbers,
# flag bits, ioctl request numbers, structure layouts - are read from the
# guest's own UAPI headers, as Debian ships them in linux-libc-dev-<arch>-cross
# (/usr/<triplet>/include).  Nothing is typed by hand: names.def lists the
# constant names and structs.def the structure fields the C code uses, and this
# script asks a C compiler what they are for the guest.
#
# A compiler is used as the evaluator because the headers compute many values
# (_IOR(), sizeof, offsets, O_SYNC = __O_SYNC|O_DSYNC).  A probe file includes
# the headers and puts every value into an inline asm string (the kernel's
# asm-offsets trick); the probe is only compiled to assembly, never linked or
# run, and awk reads the values back out of the assembly.  Two evaluators give
# the same answer and either may be used (-m):
#   cross  the guest's cross compiler (e.g. mips-linux-gnu-gcc);
#   host   the host gcc with -mx32 -undef -nostdinc and the guest's predefined
#          macros: x32 is ILP32 with 8-byte aligned long long, which is the
#          layout rule of MIPS o32, ARM EABI and PowerPC32 for these structs.
# auto (default) takes cross when installed, else host.  Every byte order of
# an ABI (MIPS: eb, el) is evaluated; they must agree, as the committed table
# serves both.
#
# Output (one file per ABI, committed; never edit by hand): X-macro rows
#   SYSNR(nr, name)           syscall numbers, sorted
#   GK(NAME, value)           a names.def constant the guest defines
#   GSIZE(id, bytes)          sizeof a structs.def structure
#   GFIELD(id, field, off, size)
# tests/scripts/check-syscall-tables.sh regenerates and diffs them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
outdir=$here
incdir=
mode=${GEN_MODE:-auto}
uapi_root=${XBT_UAPI_ROOT:-/usr}     # where <triplet>/include lives
tmp=

die() { echo "gen.sh: $*" >&2; exit 1; }
cleanup() { [ -n "$tmp" ] && rm -rf "$tmp"; return 0; }
trap cleanup EXIT INT TERM

KNOWN_ABIS="mips_o32 arm_eabi ppc32"

# ---------------------------------------------------------------- ABI table
# ABI_TRIPLETS   where the headers may live (/usr/<triplet>/include)
# ABI_VARIANTS   byte orders to evaluate; ABI_CROSS_<v> their cross compilers
# ABI_DEFS[_<v>] the guest compiler's predefined macros the headers test
#                (host mode only; cross compilers define them themselves)
# ABI_NR_HEADERS the headers whose macros make the syscall table, as
#                header:prefix (the name is the macro without the prefix)
# ABI_ERRNO_HEADER, ABI_SIGNAL_HEADER   scanned for names missing in names.def
# ABI_PRELUDE    extra includes and T_/NO_ overrides (see structs.def)
abi_config() {
    case $1 in
    mips_o32)
        ABI_TRIPLETS="mips-linux-gnu mipsel-linux-gnu"
        ABI_VARIANTS="eb el"
        ABI_CROSS_eb="mips-linux-gnu-gcc"
        ABI_CROSS_el="mipsel-linux-gnu-gcc"
        ABI_DEFS="-D__mips__ -D__mips=32 -D_MIPS_SIM=1 -D_ABIO32=1 \
-D_MIPS_SZINT=32 -D_MIPS_SZLONG=32 -D_MIPS_SZPTR=32 -D_MIPS_ISA=6 \
-D__linux__ -D__linux -D__unix__ -D__ELF__ -D__CHAR_BIT__=8 \
-D__ORDER_LITTLE_ENDIAN__=1234 -D__ORDER_BIG_ENDIAN__=4321"
        ABI_DEFS_eb="-D__MIPSEB__ -D__MIPSEB -D_MIPSEB -D__BYTE_ORDER__=4321"
        ABI_DEFS_el="-D__MIPSEL__ -D__MIPSEL -D_MIPSEL -D__BYTE_ORDER__=1234"
        ABI_NR_HEADERS="asm/unistd_o32.h:__NR_"
        ABI_ERRNO_HEADER="asm/errno.h"
        ABI_SIGNAL_HEADER="asm/signal.h"
        ABI_PRELUDE='#include <asm/sysmips.h>
#include <asm/cachectl.h>
#define NO_sigaction_restorer 1  /* MIPS has no sa_restorer */
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
/* arch/mips/kernel/signal.c */
struct xbt_mips_rt_sigframe {
    __u32 rs_ass[4];          /* argument save space for o32 */
    __u32 rs_pad[2];          /* was: signal trampoline */
    siginfo_t rs_info;
    struct ucontext rs_uc;
};
/* asm/msgbuf.h orders each 32-bit time and its _high word by byte order:
 * together they are one 64-bit time in guest order (4-byte aligned). */
struct xbt_mips_msqid64_ds {
    struct ipc64_perm msg_perm;
    __u64 msg_stime __attribute__((packed, aligned(4)));
    __u64 msg_rtime __attribute__((packed, aligned(4)));
    __u64 msg_ctime __attribute__((packed, aligned(4)));
    unsigned long msg_cbytes, msg_qnum, msg_qbytes;
    __kernel_pid_t msg_lspid, msg_lrpid;
    unsigned long __unused4, __unused5;
};
#define T_msqid64_ds struct xbt_mips_msqid64_ds
#define NO_msqid64_ds_stime_high 1
#define NO_msqid64_ds_rtime_high 1
#define NO_msqid64_ds_ctime_high 1'
        ;;
    arm_eabi)
        ABI_TRIPLETS="arm-linux-gnueabi arm-linux-gnueabihf"
        ABI_VARIANTS="el"
        ABI_CROSS_el="arm-linux-gnueabi-gcc"
        ABI_DEFS="-D__arm__ -D__ARM_EABI__ -D__ARM_ARCH=7 -D__linux__ -D__linux -D__unix__ \
-D__ELF__ -D__CHAR_BIT__=8 -D__ORDER_LITTLE_ENDIAN__=1234 -D__ORDER_BIG_ENDIAN__=4321"
        ABI_DEFS_el="-D__ARMEL__ -D__BYTE_ORDER__=1234"
        ABI_NR_HEADERS="asm/unistd-eabi.h:__NR_ asm/unistd.h:__ARM_NR_"
        ABI_ERRNO_HEADER="asm/errno.h"
        ABI_SIGNAL_HEADER="asm/signal.h"
        ABI_PRELUDE='/* The UAPI struct sigaction of ARM is the old one (one mask word);
 * rt_sigaction takes the kernel'"'"'s (arch/arm/include/asm/signal.h:
 * _NSIG 64, 32-bit words), which the UAPI headers do not export. */
#define _NSIG 64
#undef sa_handler
#undef sa_sigaction
struct xbt_arm_rt_sigaction {
    __sighandler_t sa_handler; unsigned long sa_flags; __sigrestore_t sa_restorer;
    struct { unsigned long sig[_NSIG / 32]; } sa_mask;
};
#define T_sigaction struct xbt_arm_rt_sigaction'
        ;;
    ppc32)
        ABI_TRIPLETS="powerpc-linux-gnu"
        ABI_VARIANTS="eb"
        ABI_CROSS_eb="powerpc-linux-gnu-gcc"
        ABI_DEFS="-D__powerpc__ -D__powerpc -D__PPC__ -D__PPC -D_ARCH_PPC -D__linux__ -D__linux \
-D__unix__ -D__ELF__ -D__CHAR_BIT__=8 -D__ORDER_LITTLE_ENDIAN__=1234 -D__ORDER_BIG_ENDIAN__=4321"
        ABI_DEFS_eb="-D__BIG_ENDIAN__ -D_BIG_ENDIAN -D__BYTE_ORDER__=4321"
        ABI_NR_HEADERS="asm/unistd_32.h:__NR_"
        ABI_ERRNO_HEADER="asm/errno.h"
        ABI_SIGNAL_HEADER="asm/signal.h"
        ABI_PRELUDE='#include <asm/sigcontext.h>
#include <asm/ucontext.h>
/* arch/powerpc/kernel/signal_32.c, as a 32-bit kernel builds them
 * (no CONFIG_PPC_TRANSACTIONAL_MEM) */
struct xbt_ppc_sigframe {
    struct sigcontext sctx;   /* the sigcontext */
    struct mcontext mctx;     /* all the register values */
    int abigap[56];
};
struct xbt_ppc_rt_sigframe {
    siginfo_t info;
    struct ucontext uc;
    int abigap[56];
};'
        ;;
    *)
        die "unknown ABI '$1' (known: $KNOWN_ABIS)"
        ;;
    esac
}

# Headers every ABI's probe includes (all exist in every linux-libc-dev).
COMMON_HEADERS="linux/types.h asm/unistd.h linux/errno.h asm/signal.h linux/signal.h
asm/stat.h asm/statfs.h linux/stat.h linux/fcntl.h linux/mman.h asm/termbits.h
asm/termios.h asm/ioctls.h asm/resource.h linux/resource.h linux/time.h
linux/time_types.h linux/times.h linux/sysinfo.h linux/utsname.h linux/uio.h
linux/poll.h linux/prctl.h linux/futex.h linux/wait.h linux/sched.h
linux/random.h linux/sched/types.h asm/socket.h linux/eventpoll.h asm/siginfo.h
linux/ipc.h linux/sem.h linux/msg.h"

# Kernel structures the UAPI headers do not export, as include/linux/socket.h
# defines them (the same on every architecture; only the layout rules of the
# guest differ, which the compiler applies).
COMMON_PRELUDE='struct xbt_user_msghdr {
    void *msg_name; int msg_namelen; struct iovec *msg_iov; __kernel_size_t msg_iovlen;
    void *msg_control; __kernel_size_t msg_controllen; unsigned int msg_flags;
};
struct xbt_mmsghdr { struct xbt_user_msghdr msg_hdr; unsigned int msg_len; };
struct xbt_cmsghdr { __kernel_size_t cmsg_len; int cmsg_level; int cmsg_type; };
struct xbt_linger { int l_onoff; int l_linger; };
struct xbt_ucred { __u32 pid; __u32 uid; __u32 gid; };
/* SOCK_* are kernel-internal (include/linux/net.h, MIPS: asm/socket.h);
 * the guest libc (libc6-dev-<arch>-cross) has the same values. */
#if defined(__has_include)
#if __has_include(<bits/socket_type.h>)
#define _SYS_SOCKET_H 1
#include <bits/socket_type.h>
#undef _SYS_SOCKET_H
#endif
#endif
/* linux/shm.h pulls in the libc <unistd.h> outside the kernel: keep it out */
#define _UNISTD_H 1
#include <linux/shm.h>
#undef _UNISTD_H'

# Categories whose values read best in hex.
HEX_CATS=" OFLAG FDFLAG AT PROT MAP MREMAP MS SA SS CLONE WAIT FUTEX GRND POLL SOCKFL SOL SO 
TIFLAG TOFLAG TCFLAG TLFLAG IOCTL "

# ---------------------------------------------------------------- helpers
have() { command -v "$1" >/dev/null 2>&1; }

find_incdir() {
    if [ -n "$incdir" ]; then
        [ -d "$incdir/asm" ] || die "$incdir: no asm/ headers"
        echo "$incdir"; return
    fi
    for t in $ABI_TRIPLETS; do
        if [ -d "$uapi_root/$t/include/asm" ]; then echo "$uapi_root/$t/include"; return; fi
    done
    return 1
}

# Writes the probe C file for one ABI to $1.
write_probe() {
    {
        echo "/* probe generated by gen.sh: never linked or run */"
        for h in $COMMON_HEADERS; do echo "#include <$h>"; done
        printf '%s\n' "$COMMON_PRELUDE" "$ABI_PRELUDE"
        cat <<'EOF'
#define O(key, v) __asm__ volatile("\n@@ " key " %0 %1" :: \
    "i"((unsigned)((unsigned long long)(long long)(v) >> 32)), \
    "i"((unsigned)(unsigned long long)(long long)(v)))
void xbt_probe(void)
{
EOF
        # syscall numbers
        for hp in $ABI_NR_HEADERS; do
            pfx=${hp#*:}
            sed -n "s/^#define[ 	][ 	]*$pfx\([A-Za-z0-9_]*\)[ 	].*/\1/p" "$inc/${hp%%:*}" |
            awk -v p="$pfx" '$1 != "BASE" && $1 != "SYSCALL_BASE" && $1 != "SYSCALL_MASK" &&
                             $1 !~ /^OABI/ { printf "O(\"NR %s\", %s%s);\n", $1, p, $1 }'
        done
        # constants
        awk '/^K[MV]?\(/ {
                 s = $0; sub(/^K[MV]?\(/, "", s); sub(/\).*/, "", s)
                 n = split(s, a, /[ ,]+/)
                 printf "#ifdef %s\nO(\"K %s\", %s);\n#endif\n", a[2], a[2], a[2]
             }' "$here/names.def"
        # structures
        awk -v abi="$abi" '/^STRUCT_FOR\(/ {
                 s = $0; sub(/^STRUCT_FOR\(/, "", s); sub(/\)[ \t]*$/, "", s)
                 for_abi = s; sub(/,.*/, "", for_abi); sub(/^[^,]*,[ \t]*/, "", s)
                 skip = for_abi != abi
                 if (skip) next
                 $0 = "STRUCT(" s ")"
             }
             /^STRUCT\(/ {
                 s = $0; sub(/^STRUCT\(/, "", s); sub(/\)[ \t]*$/, "", s)
                 id = s; sub(/,.*/, "", id); ty = s; sub(/^[^,]*,[ \t]*/, "", ty)
                 printf "#ifndef T_%s\n#define T_%s %s\n#endif\n", id, id, ty
                 printf "O(\"S %s\", sizeof(T_%s));\n", id, id
                 skip = 0
             }
             /^FIELD\(/ && skip { next }
             /^FIELD\(/ {
                 s = $0; sub(/^FIELD\(/, "", s); sub(/\)[ \t]*$/, "", s)
                 split(s, a, /,[ \t]*/)
                 printf "#ifndef NO_%s_%s\n", a[1], a[2]
                 printf "O(\"F %s %s\", __builtin_offsetof(T_%s, %s));\n", a[1], a[2], a[1], a[3]
                 printf "O(\"Z %s %s\", sizeof(((T_%s *)0)->%s));\n", a[1], a[2], a[1], a[3]
                 printf "#endif\n"
             }' "$here/structs.def"
        echo "}"
    } > "$1"
}

# Compiles the probe for variant $1 to assembly on stdout.
compile_probe() {
    v=$1
    if [ "$use" = cross ]; then
        eval "cc_=\$ABI_CROSS_$v"
        $cc_ -S -w -nostdinc -I"$inc" -o - "$tmp/probe.c"
    else
        eval "defs_=\$ABI_DEFS_$v"
        # shellcheck disable=SC2086
        ${HOSTCC:-cc} -mx32 -S -w -undef -nostdinc -I"$inc" $ABI_DEFS $defs_ \
            -o - "$tmp/probe.c"
    fi
}

# Turns "@@ KEY... hi lo" lines into the body of the table.
format_body() {
    awk -v hexcats="$HEX_CATS" -v namesdef="$here/names.def" '
    function u32(x) { sub(/^[$#]/, "", x); x = x + 0; return x < 0 ? x + 4294967296 : x }
    function val(hi, lo, hex) {
        if (hi == 0) return (hex && lo >= 10) ? sprintf("0x%x", lo) : sprintf("%.0f", lo)
        if (hi == 4294967295 && lo >= 2147483648) return sprintf("-%.0f", 4294967296 - lo)
        return sprintf("0x%08x%08x", hi, lo)
    }
    BEGIN {
        while ((getline line < namesdef) > 0) {
            if (line !~ /^K[MV]?\(/) continue
            s = line; sub(/^K[MV]?\(/, "", s); sub(/\).*/, "", s)
            split(s, a, /[ ,]+/)
            cat[a[2]] = a[1]; korder[++nk] = a[2]
        }
    }
    /@@ / {
        s = $0; sub(/.*@@ /, "", s); n = split(s, f, /[ \t]+/)
        hi = u32(f[n - 1]); lo = u32(f[n])
        if (f[1] == "NR") { nr[f[2]] = lo; nrs[++nn] = f[2] }
        else if (f[1] == "K") { kv[f[2]] = val(hi, lo, index(hexcats, " " cat[f[2]] " ") > 0) }
        else if (f[1] == "S") { sz[f[2]] = lo; sorder[++ns] = f[2] }
        else if (f[1] == "F") { off[f[2] " " f[3]] = lo; forder[f[2]] = forder[f[2]] " " f[3] }
        else if (f[1] == "Z") { fsz[f[2] " " f[3]] = lo }
    }
    END {
        print "/* ---- syscall numbers ---- */"
        for (i = 1; i <= nn; i++) printf "%d %s\n", nr[nrs[i]], nrs[i] | "sort -n"
        close("sort -n")
        print "/* ---- constants (names.def) ---- */"
        for (i = 1; i <= nk; i++)
            if (korder[i] in kv) printf "GK(%s, %s)\n", korder[i], kv[korder[i]]
        print "/* ---- structures (structs.def) ---- */"
        for (i = 1; i <= ns; i++) {
            id = sorder[i]
            printf "GSIZE(%s, %d)\n", id, sz[id]
            m = split(forder[id], fl, " ")
            for (j = 1; j <= m; j++)
                printf "GFIELD(%s, %s, %d, %d)\n", id, fl[j], off[id " " fl[j]], fsz[id " " fl[j]]
        }
    }' | awk '/^[0-9]+ / { printf "SYSNR(%s, %s)\n", $1, $2; next } { print }'
}

# Names the guest headers define that names.def does not list (a reminder to
# extend names.def when the kernel adds errnos or signals).
report_missing() {
    for h in "$ABI_ERRNO_HEADER:^E[A-Z0-9]*$" "$ABI_SIGNAL_HEADER:^SIG[A-Z0-9]*$"; do
        hdr=${h%%:*}; re=${h#*:}
        echo "#include <$hdr>" > "$tmp/scan.c"
        if [ "$use" = cross ]; then
            eval "cc_=\$ABI_CROSS_$first"
            $cc_ -E -dM -nostdinc -I"$inc" "$tmp/scan.c"
        else
            eval "defs_=\$ABI_DEFS_$first"
            # shellcheck disable=SC2086
            ${HOSTCC:-cc} -E -dM -undef -nostdinc -I"$inc" $ABI_DEFS $defs_ "$tmp/scan.c"
        fi | awk -v re="$re" -v namesdef="$here/names.def" '
            BEGIN { while ((getline l < namesdef) > 0) { s = l; sub(/^K[MV]?\([A-Z]+, */, "", s); sub(/\).*/, "", s); known[s] = 1 } }
            $1 == "#define" && $2 ~ re && !($2 in known) { printf " %s", $2 }
            END { print "" }' > "$tmp/missing"
        if [ -s "$tmp/missing" ] && [ "$(cat "$tmp/missing")" != "" ]; then
            echo "gen.sh: $abi: note: $hdr defines names not in names.def:$(cat "$tmp/missing")" >&2
        fi
    done
}

gen_abi() {
    abi=$1
    abi_config "$abi"
    inc=$(find_incdir) || die "$abi: no headers in $uapi_root/{$(echo $ABI_TRIPLETS | tr ' ' ,)}/include (install linux-libc-dev-<arch>-cross)"
    set -- $ABI_VARIANTS; first=$1
    use=$mode
    if [ "$use" = auto ]; then
        use=cross
        for v in $ABI_VARIANTS; do
            eval "cc_=\$ABI_CROSS_$v"; have "$cc_" || use=host
        done
    fi
    if [ "$use" = host ]; then
        echo 'int x;' > "$tmp/t.c"
        ${HOSTCC:-cc} -mx32 -S -o /dev/null "$tmp/t.c" 2>/dev/null ||
            die "$abi: host compiler cannot do -mx32 and no cross compiler; install $(eval echo \$ABI_CROSS_$first)"
    fi
    write_probe "$tmp/probe.c"
    for v in $ABI_VARIANTS; do
        if ! compile_probe "$v" > "$tmp/probe-$v.s" 2> "$tmp/cc.log"; then
            head -30 "$tmp/cc.log" >&2
            die "$abi/$v: probe does not compile ($use)"
        fi
        format_body < "$tmp/probe-$v.s" > "$tmp/body-$v"
        if [ "$v" != "$first" ] && ! cmp -s "$tmp/body-$first" "$tmp/body-$v"; then
            diff "$tmp/body-$first" "$tmp/body-$v" >&2 || true
            die "$abi: $first and $v differ; the table format needs per-byte-order rows"
        fi
    done
    report_missing
    absent=$(awk 'FNR == NR { if ($0 ~ /^GK\(/) { n = $0; sub(/^GK\(/, "", n); sub(/,.*/, "", n); have[n] = 1 }; next }
                  /^K[MV]?\(/ { s = $0; sub(/^K[MV]?\([A-Z]+, */, "", s); sub(/\).*/, "", s)
                                 if (!(s in have)) printf " %s", s }' "$tmp/body-$first" "$here/names.def")
    [ -n "$absent" ] && echo "gen.sh: $abi: note: names.def names this ABI does not define:$absent" >&2
    out=$outdir/$abi.h
    {
        cat <<EOF
/*
 * $abi.h - guest ABI facts for $abi, generated by syscall/tables/gen.sh
 * from the kernel UAPI headers (linux-libc-dev cross package: $(echo $ABI_TRIPLETS | tr ' ' /)),
 * byte orders: $ABI_VARIANTS.  Do not edit; regenerate with
 *   syscall/tables/gen.sh $abi
 * X-macro rows: define the ones you want before including, the rest
 * default to nothing and all are #undef'd at the end.
 */
#ifndef SYSNR
#define SYSNR(nr, name)
#endif
#ifndef GK
#define GK(name, value)
#endif
#ifndef GSIZE
#define GSIZE(id, bytes)
#endif
#ifndef GFIELD
#define GFIELD(id, field, off, size)
#endif
EOF
        cat "$tmp/body-$first"
        cat <<'EOF'
#undef SYSNR
#undef GK
#undef GSIZE
#undef GFIELD
EOF
    } > "$out.tmp"
    mv "$out.tmp" "$out"
    echo "gen.sh: wrote $out ($use, $(grep -c '^SYSNR' "$out") syscalls, $(grep -c '^GK' "$out") constants)" >&2
}

# ---------------------------------------------------------------- main
while getopts "o:I:m:l" opt; do
    case $opt in
    o) outdir=$OPTARG ;;
    I) incdir=$OPTARG ;;
    m) mode=$OPTARG ;;
    l) echo "$KNOWN_ABIS"; exit 0 ;;
    *) die "usage: gen.sh [-o OUTDIR] [-I INCDIR] [-m auto|cross|host] ABI... | -l" ;;
    esac
done
shift $((OPTIND - 1))
case $mode in auto|cross|host) ;; *) die "bad mode '$mode'" ;; esac
[ $# -gt 0 ] || die "usage: gen.sh [-o OUTDIR] [-I INCDIR] [-m auto|cross|host] ABI... | -l"
mkdir -p "$outdir" || die "cannot create $outdir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xbt-gen.XXXXXX")
for a in "$@"; do gen_abi "$a"; done
