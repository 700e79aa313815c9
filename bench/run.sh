#!/usr/bin/env bash
# Reproduces the whole table of docs/performance.md in one run, Vireo next to libvirt 9.0 on
# the same machine:
#   1. publishes the CLI exactly as users get it: dotnet publish src/Vireo.Cli -c Release -o OUT
#   2. whole commands, timed here (bash + date +%s%N, RUNS runs after one untimed warm-up, min
#      and median): `virsh domxml-to-native qemu-argv` vs `OUT/vireo xml2argv` on the same small
#      domain, `virsh uri`, `virsh --version` vs `OUT/vireo --version`, and `OUT/vireo
#      conformance` over the whole public corpus (argv + xml2xml + domaincaps);
#   3. the probe rows: bench/probe-vs-libvirt.sh (its own table, included as is);
#   4. in-process figures: the BenchmarkDotNet suite bench/Vireo.Benchmarks (short job,
#      in-process toolchain), small domains, stages and the scaling curve;
#   5. the scaling plot (gnuplot; installed with apt-get when missing and possible);
# then prints the markdown tables with the machine's cores, load average and date.
#
# Usage: bench/run.sh
#   RUNS=20             runs of each whole command
#   CORPUS_RUNS=3       runs of the corpus
#   CORPUS=DIR          libvirt 9.0 corpus (default ../shared/conformance/libvirt-9.0.0)
#   DOMAIN=FILE         the small domain for xml2argv (default examples/x86_64-pc-minimal.xml)
#   SKIP_PROBE=1        skip bench/probe-vs-libvirt.sh (it restarts libvirtd several times)
#   SKIP_BDN=1          skip the BenchmarkDotNet suite (and the plot)
#   BDN_JOB=short       BenchmarkDotNet job (short, medium, long)
#   PLOT=FILE           where the scaling plot goes (default docs/performance-scaling.png)
#   OUT_DIR=DIR         where results go (default bench/out; git-ignored): results.md,
#                       scaling.tsv, BenchmarkDotNet artifacts, logs
# The libvirt rows need the reference daemon (../shared/tools/libvirt-reference): it is
# started when it is installed and not running; without it those cells say "n/a".
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$(pwd)"
RUNS="${RUNS:-20}"
CORPUS_RUNS="${CORPUS_RUNS:-3}"
BDN_JOB="${BDN_JOB:-short}"
DOMAIN="${DOMAIN:-examples/x86_64-pc-minimal.xml}"
PLOT="${PLOT:-docs/performance-scaling.png}"
OUT_DIR="${OUT_DIR:-bench/out}"
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"

corpus="${CORPUS:-}"
if [ -z "$corpus" ]; then
    for candidate in ../shared/conformance/libvirt-9.0.0 /work/shared/conformance/libvirt-9.0.0; do
        [ -d "$candidate" ] && { corpus="$(cd "$candidate" && pwd)"; break; }
    done
fi
reference=""
for candidate in ../shared/tools/libvirt-reference /work/shared/tools/libvirt-reference; do
    [ -x "$candidate/daemon.sh" ] && { reference="$(cd "$candidate" && pwd)"; break; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/vireo-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log() { echo "run.sh: $*" >&2; }

# retry LOG COMMAND... : runs a build step up to 3 times, a minute apart (others may be in
# the middle of an edit in the same checkout); the last failure's log tail is shown.
retry() {
    local logfile="$1" attempt
    shift
    for attempt in 1 2 3; do
        "$@" >"$logfile" 2>&1 && return 0
        [ "$attempt" -lt 3 ] && { log "attempt $attempt failed ($(grep -m1 -E ' error ' "$logfile" | cut -c1-200)); retrying in 60 s"; sleep 60; }
    done
    tail -n 30 "$logfile" >&2
    return 1
}

# now_ns, stats
. bench/timing.sh

# timed N NAME COMMAND... : one untimed warm-up, then N timed runs (output discarded) into
# $work/NAME.ns; a failing command is reported and leaves the file empty.
timed() {
    local n="$1" name="$2"
    shift 2
    : >"$work/$name.ns"
    if ! "$@" >/dev/null 2>"$work/$name.err"; then
        log "failed (exit $?): $* -- $(head -c 300 "$work/$name.err")"
        return 0
    fi
    local i s e
    for i in $(seq 1 "$n"); do
        s=$(now_ns)
        "$@" >/dev/null 2>&1 || { log "failed on run $i: $*"; : >"$work/$name.ns"; return 0; }
        e=$(now_ns)
        echo $((e - s)) >>"$work/$name.ns"
    done
}
min_of() { stats "$work/$1.ns" | cut -d' ' -f1; }
med_of() { stats "$work/$1.ns" | cut -d' ' -f2; }
cell() { echo "$(min_of "$1") / $(med_of "$1")"; }

# --- 1. publish --------------------------------------------------------------------------
log "publishing src/Vireo.Cli (dotnet publish -c Release) ..."
publish="$work/publish"
if ! retry "$OUT_DIR/publish.log" dotnet publish src/Vireo.Cli -c Release -o "$publish" -nologo; then
    log "dotnet publish failed"
    exit 1
fi
vireo="$publish/vireo"
[ -x "$vireo" ] || { log "no executable $vireo after publish"; exit 1; }
if [ -f "$publish/vireo.dll" ]; then
    vireo_kind="framework-dependent (JIT$(grep -qs 'PublishReadyToRun>true' src/Vireo.Cli/Vireo.Cli.csproj Directory.Build.props && echo ', ReadyToRun'))"
else
    vireo_kind="Native AOT"
fi
log "published: $vireo ($vireo_kind)"

# --- 2. libvirt reference daemon ---------------------------------------------------------
libvirt_ok=0
if command -v virsh >/dev/null 2>&1 && [ -n "$reference" ]; then
    if ! virsh -q -c qemu:///system uri >/dev/null 2>&1; then
        log "starting the libvirt reference daemon ($reference/daemon.sh start) ..."
        "$reference/daemon.sh" start >&2 || true
    fi
    if virsh -q -c qemu:///system uri >/dev/null 2>&1; then
        libvirt_ok=1
    fi
fi
if [ "$libvirt_ok" -eq 0 ]; then
    log "no libvirt 9.0 to compare with (run $reference/setup.sh once); its cells say n/a"
fi
virsh_version="$( (virsh --version) 2>/dev/null || echo n/a)"

# --- 3. whole commands -------------------------------------------------------------------
log "whole commands, $RUNS runs each ..."
timed "$RUNS" vireo_version "$vireo" --version
timed "$RUNS" vireo_xml2argv "$vireo" xml2argv "$DOMAIN"
if [ "$libvirt_ok" -eq 1 ]; then
    timed "$RUNS" virsh_version virsh --version
    timed "$RUNS" virsh_uri virsh -c qemu:///system uri
    timed "$RUNS" virsh_native virsh -c qemu:///system domxml-to-native qemu-argv "$DOMAIN"
else
    for n in virsh_version virsh_uri virsh_native; do : >"$work/$n.ns"; done
    command -v virsh >/dev/null 2>&1 && timed "$RUNS" virsh_version virsh --version
fi
if [ -n "$corpus" ]; then
    log "corpus ($corpus), $CORPUS_RUNS runs ..."
    "$vireo" conformance --corpus "$corpus" >"$OUT_DIR/conformance.txt" 2>&1 || log "conformance exited non-zero"
    timed "$CORPUS_RUNS" corpus "$vireo" conformance --corpus "$corpus"
else
    log "no corpus found (CORPUS=DIR); skipping the corpus row"
    : >"$work/corpus.ns"
fi

# --- 4. probe rows (bench/probe-vs-libvirt.sh) --------------------------------------------
probe_table="(skipped: SKIP_PROBE=1)"
if [ "${SKIP_PROBE:-0}" != 1 ]; then
    log "probe rows: bench/probe-vs-libvirt.sh ..."
    if bench/probe-vs-libvirt.sh >"$OUT_DIR/probe.md" 2>"$OUT_DIR/probe.log"; then
        probe_table="$(cat "$OUT_DIR/probe.md")"
    else
        probe_table="(bench/probe-vs-libvirt.sh failed: see $OUT_DIR/probe.log)"
        log "$probe_table"
    fi
    # the probe script restarts libvirtd; make sure it runs again for anyone after us
    if [ -n "$reference" ] && [ "$libvirt_ok" -eq 1 ]; then "$reference/daemon.sh" start >/dev/null 2>&1 || true; fi
fi

# --- 5. BenchmarkDotNet ------------------------------------------------------------------
bdn_dir="$OUT_DIR/BenchmarkDotNet"
small_rows=""
stage_rows=""
scale_rows=""
scaling="$OUT_DIR/scaling.tsv"
if [ "${SKIP_BDN:-0}" != 1 ]; then
    log "BenchmarkDotNet suite ($BDN_JOB job, in-process) ..."
    rm -rf "$bdn_dir"
    retry "$OUT_DIR/bdn-build.log" dotnet build bench/Vireo.Benchmarks -c Release -nologo -v quiet || {
        log "building bench/Vireo.Benchmarks failed"
        exit 1
    }
    dotnet bench/Vireo.Benchmarks/bin/Release/net10.0/Vireo.Benchmarks.dll \
        --filter '*' --job "$BDN_JOB" --inProcess --artifacts "$bdn_dir" >"$OUT_DIR/bdn.log" 2>&1 || {
        tail -n 40 "$OUT_DIR/bdn.log" >&2
        log "the BenchmarkDotNet run failed"
        exit 1
    }
    results="$bdn_dir/results"
    # CSV cells are in µs and KB without units (BenchConfig); bench/bdn-csv.py picks the columns.
    bdn_csv() { python3 bench/bdn-csv.py "$1" "$2"; }
    small_csv="$(ls "$results"/*SmallDomainBenchmarks-report.csv 2>/dev/null | head -n 1)"
    stage_csv="$(ls "$results"/*StageBenchmarks-report.csv 2>/dev/null | head -n 1)"
    scale_csv="$(ls "$results"/*ScalingBenchmarks-report.csv 2>/dev/null | head -n 1)"
    [ -n "$small_csv" ] && small_rows="$(bdn_csv "$small_csv" Domain)"
    [ -n "$stage_csv" ] && stage_rows="$(bdn_csv "$stage_csv" Domain)"
    if [ -n "$scale_csv" ]; then
        scale_rows="$(bdn_csv "$scale_csv" Case | sort -n)"
        # devices (disks + NICs) and median ms, for the plot
        printf '%s\n' "$scale_rows" | awk -F'\t' '{ split($1, p, /[dn+]+/); n = p[1] + p[2];
            printf "%d\t%.3f\t%.3f\t%s\n", n, $4 / 1000, $3 / 1000, $1 }' | sort -n >"$scaling"
    fi
fi

# --- 6. plot -----------------------------------------------------------------------------
plot_note=""
draw_plot() {
if [ -s "$scaling" ]; then
    if ! command -v gnuplot >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
        log "installing gnuplot-nox for the plot ..."
        apt-get install -y -qq gnuplot-nox >"$OUT_DIR/gnuplot-install.log" 2>&1 || true
    fi
    if command -v gnuplot >/dev/null 2>&1; then
        gnuplot >"$OUT_DIR/gnuplot.log" 2>&1 <<EOF || plot_note="gnuplot failed: see $OUT_DIR/gnuplot.log"
set terminal pngcairo size 900,560 font "Sans,11" noenhanced
set output "$repo/$PLOT"
set title "Vireo, domain XML to argv in-process: N disks + N/5 NICs (BenchmarkDotNet $BDN_JOB job, median)"
set xlabel "devices in the domain (disks + NICs)"
set ylabel "ms per domain"
set key top left box opaque
set grid
set fit quiet
set fit logfile "/dev/null"
f(x) = a * x + b
a = 0.02; b = 0.1
fit f(x) "$scaling" using 1:2 via a, b
set xrange [0:1350]
set yrange [0:*]
plot "$scaling" using 1:2 with points pointtype 7 pointsize 1.6 title "measured (median)", \
     "$scaling" using 1:3 with points pointtype 6 pointsize 1.6 title "measured (min)", \
     "$scaling" using 1:2:4 with labels offset 0,1.2 notitle, \
     f(x) with lines linewidth 2 title sprintf("linear fit: %.4f ms/device + %.2f ms", a, b)
EOF
        [ -z "$plot_note" ] && plot_note="plot: $PLOT"
    else
        plot_note="no gnuplot (and it could not be installed): plot skipped"
    fi
    log "$plot_note"
fi
}
draw_plot

# --- 7. report ---------------------------------------------------------------------------
bdn_cell() { # ROWS PARAM METHOD -> "min / median µs, alloc KB"
    printf '%s\n' "$1" | awk -F'\t' -v p="$2" -v m="$3" '$1 == p && $2 == m { printf "%s / %s µs, %s KB", $3, $4, $5; found = 1 } END { if (!found) printf "n/a" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }

{
    echo "## Run of $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))," \
        "load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)," \
        ".NET SDK $(dotnet --version), libvirt: $virsh_version, vireo: $vireo_kind publish," \
        "$RUNS runs per whole command (min / median ms)."
    echo
    echo "| step | libvirt 9.0 (min / median) | Vireo (min / median) | goal |"
    echo "|---|---|---|---|"
    echo "| domain XML → argv, small domain, whole command (\`virsh domxml-to-native qemu-argv\` vs \`vireo xml2argv\`, $(basename "$DOMAIN")) | $(cell virsh_native) ms (\`virsh uri\`: $(cell virsh_uri) ms) | $(cell vireo_xml2argv) ms (ratio of medians $(ratio "$(med_of vireo_xml2argv)" "$(med_of virsh_native)")) | ≤ 1/3 of virsh |"
    echo "| \`vireo --version\` cold start vs \`virsh --version\` | $(cell virsh_version) ms | $(cell vireo_version) ms | ≤ virsh |"
    echo "| whole public corpus, \`vireo conformance\` (argv + xml2xml + domaincaps), $CORPUS_RUNS runs | — | $(awk -v a="$(min_of corpus)" -v b="$(med_of corpus)" 'BEGIN { if (a == "n/a") print "n/a"; else printf "%.2f / %.2f s", a / 1000, b / 1000 }') | < 10 s on 2 cores |"
    for d in $(printf '%s\n' "$small_rows" | cut -f1 | sort -u); do
        echo "| domain XML → argv in-process, \`$d\` (BenchmarkDotNet) | — | $(bdn_cell "$small_rows" "$d" XmlToArgs) | < 200 µs median, < 50 KB |"
    done
    printf '%s\n' "$scale_rows" | awk -F'\t' 'NF >= 5 { printf "| scaling, %s (disks + NICs), in-process | — | %.2f / %.2f ms, %s KB | %s |\n", $1, $3 / 1000, $4 / 1000, $5, ($1 == "500d+100n" ? "< 20 ms" : "linear") }'
    echo
    if [ -n "$stage_rows" ]; then
        echo "Stages (BenchmarkDotNet, min / median µs, allocated KB):"
        echo
        echo "| domain | parse | prepare | build | render |"
        echo "|---|---|---|---|---|"
        for d in $(printf '%s\n' "$stage_rows" | cut -f1 | sort -u); do
            echo "| $d | $(bdn_cell "$stage_rows" "$d" Parse) | $(bdn_cell "$stage_rows" "$d" Prepare) | $(bdn_cell "$stage_rows" "$d" Build) | $(bdn_cell "$stage_rows" "$d" Render) |"
        done
        echo
    fi
    if [ -s "$scaling" ]; then
        echo "Scaling (devices, median ms): $(awk -F'\t' '{ printf "%s%d → %.2f", (NR > 1 ? "; " : ""), $1, $2 }' "$scaling"). $plot_note"
        echo
    fi
    echo "Corpus score of this run: $(grep -E '^(argv|xml2xml|domaincaps):' "$OUT_DIR/conformance.txt" 2>/dev/null | tr '\n' ' ' || echo n/a)"
    echo
    echo "Capability probe (bench/probe-vs-libvirt.sh):"
    echo
    echo "$probe_table"
} | tee "$OUT_DIR/results.md"
