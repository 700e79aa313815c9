#!/usr/bin/env bash
# Times three ways of learning what a QEMU binary can do, for each binary:
#   (a) `vireo probe BINARY` — the published Vireo CLI (`dotnet publish src/Vireo.Cli -c Release`,
#       what users run), whole process; each run with --timings, whose per-step times (median
#       over the runs) are printed after the table; optionally (R2R=1) also a framework-dependent
#       ReadyToRun publish;
#   (b) libvirt 9.0's cold probe — delete libvirtd's cache entry for the binary, restart the
#       daemon (not timed), then time the first `virsh domcapabilities --emulatorbin BINARY`,
#       which has to probe it; plus the same first call with the cache entry kept, and a warm
#       call, to show what is probing and what is virsh/daemon overhead;
#   (c) bare QEMU: `BINARY -machine none -nodefaults -nographic -qmp stdio`, fed
#       qmp_capabilities and quit — the floor any QMP prober pays.
# Prints a markdown table (min and median in milliseconds), the ratios the goals are stated in
# (vireo probe / libvirt cold probe, vireo probe / bare QEMU, medians), the stage breakdown of
# vireo probe and the machine's load (at the start and at the end).
#
# Usage: bench/probe-vs-libvirt.sh [BINARY...]
#   default binaries: /usr/bin/qemu-system-x86_64 /usr/bin/qemu-system-aarch64
#   RUNS=10            runs of (a) and (c) per binary
#   VIREO_PUBLISHED=DIR  use DIR/vireo, already made by `dotnet publish src/Vireo.Cli -c Release -o DIR`,
#                      instead of publishing again (a Native AOT publish takes minutes on a busy machine)
#   R2R=1              also time a framework-dependent ReadyToRun publish (one more publish)
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

# now_ns, stats (an empty table cell is "-")
. bench/timing.sh
STATS_EMPTY="- -"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

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

if [ -n "${VIREO_PUBLISHED:-}" ]; then
    vireo="$VIREO_PUBLISHED/vireo"
    [ -x "$vireo" ] || { echo "bench: $vireo not found" >&2; exit 1; }
else
    echo "publishing vireo ..." >&2
    dotnet publish src/Vireo.Cli -c Release -o "$work/vireo" -nologo -v quiet >"$work/publish.log" 2>&1 || {
        cat "$work/publish.log" >&2
        echo "bench: dotnet publish failed" >&2
        exit 1
    }
    vireo="$work/vireo/vireo"
fi
case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) rid="" ;;
esac
vireo_r2r=""
if [ "${R2R:-0}" = 1 ] && [ -n "$rid" ] && dotnet publish src/Vireo.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
        -o "$work/vireo-r2r" -nologo -v quiet >"$work/publish-r2r.log" 2>&1; then
    vireo_r2r="$work/vireo-r2r/vireo"
elif [ "${R2R:-0}" = 1 ]; then
    echo "bench: ReadyToRun publish failed or unsupported here; skipping that row" >&2
fi

libvirt_ok=0
if [ -n "$daemon" ] && command -v virsh >/dev/null 2>&1 && virsh -q -c qemu:///system version >/dev/null 2>&1 && [ -d "$CACHE_DIR" ]; then
    libvirt_ok=1
else
    echo "bench: no libvirtd to compare with (LIBVIRT_DAEMON, virsh, $CACHE_DIR); skipping (b)" >&2
fi

rows=()
ratios=()
stages=()
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
    : >"$work/stages.txt"
    for _ in $(seq 1 "$RUNS"); do
        s=$(now_ns)
        "$vireo" probe "$bin" --out "$work/probe.xml" --timings >/dev/null 2>"$work/timings.txt" || {
            cat "$work/timings.txt" >&2
            echo "bench: failed: $vireo probe $bin" >&2
            exit 1
        }
        e=$(now_ns)
        echo $((e - s)) >>"$work/vireo.ns"
        cat "$work/timings.txt" >>"$work/stages.txt"
    done
    : >"$work/bare.ns"
    time_runs "$RUNS" "$work/bare.ns" bare_qemu "$bin"
    rows+=("| $name | vireo --version (start-up alone) | $RUNS | $(stats "$work/startup.ns" | sed 's/ / | /') |")
    rows+=("| $name | **vireo probe** (published CLI, whole process) | $RUNS | $(stats "$work/vireo.ns" | sed 's/ / | /') |")
    if [ -n "$vireo_r2r" ]; then
        "$vireo_r2r" probe "$bin" --out "$work/warmup.xml" >/dev/null
        : >"$work/r2r.ns"
        time_runs "$RUNS" "$work/r2r.ns" "$vireo_r2r" probe "$bin" --out "$work/probe.xml"
        rows+=("| $name | vireo probe, ReadyToRun publish | $RUNS | $(stats "$work/r2r.ns" | sed 's/ / | /') |")
    fi
    rows+=("| $name | bare QEMU start + qmp_capabilities + quit | $RUNS | $(stats "$work/bare.ns" | sed 's/ / | /') |")
    read -r _ vmed < <(stats "$work/vireo.ns")
    read -r _ bmed < <(stats "$work/bare.ns")
    ratios+=("| $name | vireo probe / bare QEMU | $(awk -v a="$vmed" -v b="$bmed" 'BEGIN { printf "%.1f×", a / b }') | ≤ 5× |")
    # Median, over the runs, of when each step finished (ms since the probe began) and of its
    # duration since the previous step of the same QEMU; steps in the order of the first run.
    stages+=("" "**$name** (vireo probe --timings, medians of $RUNS runs; + = since the previous step of the same QEMU)" ""
        "| step | finished at ms | + ms |" "|---|---|---|")
    while IFS= read -r line; do stages+=("$line"); done < <(awk '
        /^timings: / {
            sub(/^timings: +/, "")
            at = $1
            if (match($0, /\(\+ *[0-9.]+\)/)) {
                d = substr($0, RSTART + 2, RLENGTH - 3); gsub(/ /, "", d)
                name = substr($0, RSTART + RLENGTH); sub(/^ +/, "", name)
            } else { d = ""; name = $0; sub(/^[0-9.]+ ms +/, "", name) }
            if (!(name in seen)) { seen[name] = 1; order[++n] = name }
            ats[name] = ats[name] " " at; ds[name] = ds[name] " " d
        }
        function median(list,   v, k, m, i, j, t) {
            k = split(list, v, " ")
            if (k == 0) return ""
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
            m = (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
            return sprintf("%.1f", m)
        }
        END { for (i = 1; i <= n; i++) printf "| %s | %s | %s |\n", order[i], median(ats[order[i]]), median(ds[order[i]]) }
    ' "$work/stages.txt")

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
        ratios+=("| $name | vireo probe / libvirt cold probe | $(awk -v a="$vmed" -v b="$cmed" 'BEGIN { printf "%.2f", a / b }') | ≤ 0.25 |")
    fi
done

echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end, KVM $( [ -r /dev/kvm ] && [ -w /dev/kvm ] && echo usable || echo 'not usable'), $("${binaries[0]}" --version | head -n 1)"
echo
echo "| binary | what | runs | min ms | median ms |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "| binary | ratio (medians) | measured | goal |"
echo "|---|---|---|---|"
printf '%s\n' "${ratios[@]}"
printf '%s\n' "${stages[@]}"
