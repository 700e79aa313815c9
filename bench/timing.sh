# Timing helpers shared by bench/run.sh and bench/probe-vs-libvirt.sh (sourced, not run).

now_ns() { date +%s%N; }

# stats FILE -> "min median" in milliseconds (one decimal) of the nanosecond values in FILE;
# an empty FILE gives $STATS_EMPTY (default "n/a n/a").
stats() {
    sort -n "$1" | awk -v empty="${STATS_EMPTY:-n/a n/a}" '{ v[NR] = $1 } END {
        if (NR == 0) { print empty; exit }
        med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f %.1f\n", v[1] / 1e6, med / 1e6 }'
}
