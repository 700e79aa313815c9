#!/usr/bin/env bash
# Times three ways of learning what a QEMU binary can do, for each binary:
#   (a) `vireo probe BINARY` — the published Vireo CLI (dotnet publish), whole process, and
#       the same published ReadyToRun (precompiled: no JIT at start-up);
#   (b) libvirt 9.0's cold probe — delete libvirtd's cache entry for the binary, restart the
#       daemon (not timed), then time the first `virsh domcapabilities --emulatorbin BINARY`,
#       which has to probe it; plus the same first call with the cache entry kept, and a warm
#       call, to show what is probing and what is virsh/daemon overhead;
#   (c) bare QEMU: `BINARY -machine none -nodefaults -nographic -qmp stdio`, fed
#       qmp_capabilities and quit — the floor any QMP prober pays.
# Prints a markdown table (min and median in milliseconds) and the machine's load.
#
# Usage: bench/probe-vs-libvirt.sh [BINARY...]
#   default binaries: /usr/bin/qemu-system-x86_64 /usr/bin/qemu-system-aarch64
#   RUNS=10            runs of (a) and (c) per binary
#   LIBVIRT_RUNS=5     runs of (b) per binary (each restarts libvirtd)
#   LIBVIRT_DAEMON=... script with `restart` that restarts the reference libvirtd
#                      (default /work/shared/tools/libvirt-reference/daemon.sh, else ../shared/...);
#                      (b) is skipped when it is missing or virsh cannot connect
# (b) deletes and regenerates libvirtd's cache entries for the binaries and restarts the daemon;
# run it only against a libvirtd you may restart.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${RUNS:-10}"
LIBVIRT_RUNS="${LIBVIRT_RUNS:-5}"
CACHE_DIR=/var/cache/libvirt/qemu/capabilities
binaries=("$@")
[ "${#binaries[@]}" -gt 0 ] || binaries=(/usr/bin/qemu-system-x86_64 /usr/bin/qemu-system-aarch64)

daemon="${LIBVIRT_DAEMON:-}"
if [ -z "$daemon" ]; then
    for candidate in /work/shared/tools/libvirt-reference/daemon.sh ../shared/tools/libvirt-reference/daemon.sh; do
        [ -x "$candidate" ] && { daemon="$candidate"; break; }
    done
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/vireo-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

now_ns() { date +%s%N; }

# stats FILE -> "min median" (milliseconds, one decimal) of the numbers (ns) in FILE
stats() {
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "- -"; exit }
        med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f %.1f\n", v[1] / 1e6, med / 1e6 }'
}

# time_runs N OUTFILE COMMAND... : runs COMMAND N times (output discarded), appends ns to OUTFILE
time_runs() {
    local n="$1" out="$2"
    shift 2
    for _ in $(seq 1 "$n"); do
        local s e
        s=$(now_ns)
        "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; return 1; }
        e=$(now_ns)
        echo $((e - s)) >>"$out"
    done
}

bare_qemu() {
    printf '%s\n' '{"execute":"qmp_capabilities"}' '{"execute":"quit"}' |
        "$1" -machine none -nodefaults -nographic -qmp stdio
}

arch_of() {
    local name
    name="$(basename "$1")"
    case "${name#qemu-system-}" in
        i386) echo i686 ;;
        arm) echo armv7l ;;
        *) echo "${name#qemu-system-}" ;;
    esac
}

virsh_domcaps() {
    virsh -q -c qemu:///system domcapabilities --emulatorbin "$1" --arch "$(arch_of "$1")" --virttype qemu
}

echo "publishing vireo ..." >&2
dotnet publish src/Vireo.Cli -c Release -o "$work/vireo" -nologo -v quiet >"$work/publish.log" 2>&1 || {
    cat "$work/publish.log" >&2
    echo "bench: dotnet publish failed" >&2
    exit 1
}
vireo="$work/vireo/vireo"
case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) rid="" ;;
esac
vireo_r2r=""
if [ -n "$rid" ] && dotnet publish src/Vireo.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
        -o "$work/vireo-r2r" -nologo -v quiet >"$work/publish-r2r.log" 2>&1; then
    vireo_r2r="$work/vireo-r2r/vireo"
else
    echo "bench: ReadyToRun publish failed or unsupported here; skipping that row" >&2
fi

libvirt_ok=0
if [ -n "$daemon" ] && command -v virsh >/dev/null 2>&1 && virsh -q -c qemu:///system version >/dev/null 2>&1 && [ -d "$CACHE_DIR" ]; then
    libvirt_ok=1
else
    echo "bench: no libvirtd to compare with (LIBVIRT_DAEMON, virsh, $CACHE_DIR); skipping (b)" >&2
fi

rows=()
for bin in "${binaries[@]}"; do
    [ -x "$bin" ] || { echo "bench: $bin not found" >&2; exit 1; }
    name="$(basename "$bin")"
    echo "$name ..." >&2

    # Warm-up (page cache, JIT-independent): one untimed run of each.
    "$vireo" probe "$bin" --out "$work/warmup.xml" >/dev/null
    bare_qemu "$bin" >/dev/null 2>&1

    : >"$work/startup.ns"
    time_runs "$RUNS" "$work/startup.ns" "$vireo" --version
    : >"$work/vireo.ns"
    time_runs "$RUNS" "$work/vireo.ns" "$vireo" probe "$bin" --out "$work/probe.xml"
    : >"$work/bare.ns"
    time_runs "$RUNS" "$work/bare.ns" bare_qemu "$bin"
    rows+=("| $name | vireo --version (.NET start-up alone) | $RUNS | $(stats "$work/startup.ns" | sed 's/ / | /') |")
    rows+=("| $name | **vireo probe** (published CLI, whole process) | $RUNS | $(stats "$work/vireo.ns" | sed 's/ / | /') |")
    if [ -n "$vireo_r2r" ]; then
        "$vireo_r2r" probe "$bin" --out "$work/warmup.xml" >/dev/null
        : >"$work/r2r.ns"
        time_runs "$RUNS" "$work/r2r.ns" "$vireo_r2r" probe "$bin" --out "$work/probe.xml"
        rows+=("| $name | vireo probe, ReadyToRun publish | $RUNS | $(stats "$work/r2r.ns" | sed 's/ / | /') |")
    fi
    rows+=("| $name | bare QEMU start + qmp_capabilities + quit | $RUNS | $(stats "$work/bare.ns" | sed 's/ / | /') |")

    if [ "$libvirt_ok" -eq 1 ]; then
        entry="$CACHE_DIR/$(printf '%s' "$bin" | sha256sum | cut -d' ' -f1).xml"
        : >"$work/cold.ns"
        : >"$work/restart.ns"
        : >"$work/warm.ns"
        for _ in $(seq 1 "$LIBVIRT_RUNS"); do
            # Cold: no cache entry, fresh daemon; the first call probes.
            rm -f "$entry"
            "$daemon" restart >/dev/null
            time_runs 1 "$work/cold.ns" virsh_domcaps "$bin"
            [ -f "$entry" ] || { echo "bench: libvirtd did not write $entry" >&2; exit 1; }
            # Same first call after a restart, cache entry kept: daemon/virsh overhead only.
            "$daemon" restart >/dev/null
            time_runs 1 "$work/restart.ns" virsh_domcaps "$bin"
            # Warm: everything in memory.
            time_runs 1 "$work/warm.ns" virsh_domcaps "$bin"
        done
        read -r cmin cmed < <(stats "$work/cold.ns")
        read -r rmin rmed < <(stats "$work/restart.ns")
        rows+=("| $name | **libvirt cold probe** (virsh domcapabilities, no cache entry, fresh libvirtd) | $LIBVIRT_RUNS | $cmin | $cmed |")
        rows+=("| $name | libvirt, same first call with the cache entry kept | $LIBVIRT_RUNS | $rmin | $rmed |")
        rows+=("| $name | libvirt, warm call | $LIBVIRT_RUNS | $(stats "$work/warm.ns" | sed 's/ / | /') |")
        rows+=("| $name | libvirt probe alone (cold − cached, medians) | | | $(awk -v a="$cmed" -v b="$rmed" 'BEGIN { printf "%.1f", a - b }') |")
    fi
done

echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), KVM $( [ -r /dev/kvm ] && [ -w /dev/kvm ] && echo usable || echo 'not usable'), $("${binaries[0]}" --version | head -n 1)"
echo
echo "| binary | what | runs | min ms | median ms |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
