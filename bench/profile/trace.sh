#!/usr/bin/env bash
# Profiles one benchmark case with dotnet-trace (CPU samples) and prints where the time goes,
# and samples the allocations of each stage (runtime allocation ticks, by type).
#
# Usage: bench/profile/trace.sh [CASE] [SECONDS]
#   CASE     a small domain (x86_64-pc-minimal, typical, ...) or a scale case (500d, 1000d);
#            default x86_64-pc-minimal
#   SECONDS  how long the case runs in a loop under the profiler (default 8)
# Needs dotnet-trace (`dotnet tool install --global dotnet-trace`; installed when missing).
# Writes bench/out/trace-CASE.speedscope.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
case_name="${1:-x86_64-pc-minimal}"
seconds="${2:-8}"
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v dotnet-trace >/dev/null 2>&1; then
    dotnet tool install --global dotnet-trace >&2
fi
mkdir -p bench/out
dotnet build bench/Vireo.Benchmarks -c Release -nologo -v quiet >&2
dll=bench/Vireo.Benchmarks/bin/Release/net10.0/Vireo.Benchmarks.dll
out="bench/out/trace-$case_name"
dotnet-trace collect --format speedscope -o "$out.nettrace" -- dotnet "$dll" quick "$case_name" "$seconds" >&2
echo "## CPU: $case_name (dotnet-trace, sampled; % of time inside DomainPipeline.XmlToArgs)"
python3 bench/profile/summarize-speedscope.py "$out.speedscope.json" --match DomainPipeline.XmlToArgs --top 30
alloc_case="$case_name"
iterations=2000
case "$case_name" in
    *d) n="${case_name%d}"; alloc_case="$n+$((n / 5))"; iterations=20 ;;
esac
echo
echo "## Allocations by stage: $case_name (allocation ticks, one per ~100 KB, by type)"
for stage in parse prepare build render; do
    dotnet "$dll" alloc "$alloc_case" "$iterations" "$stage" | head -n 12 | sed "s/^$alloc_case:/$stage:/"
done
