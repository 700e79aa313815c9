#!/usr/bin/env bash
# Runs Vireo's test suites. Usage: ./test.sh [extra dotnet test arguments]
#   VIREO_SKIP_SYSTEM_PACKAGES=1  do not try to install QEMU/firmware packages
set -uo pipefail

cd "$(dirname "$0")"

# (a) The .NET SDK.
if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET SDK is not installed ('dotnet' not found on PATH)." >&2
    echo "test.sh: install the .NET 10 SDK (https://dot.net) and run again." >&2
    exit 2
fi

# (b) QEMU binaries and UEFI firmware, used by tests that probe or boot a real QEMU.
missing=()
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing+=(qemu-system-x86)
command -v qemu-system-aarch64 >/dev/null 2>&1 || missing+=(qemu-system-arm)
compgen -G "/usr/share/OVMF/OVMF_CODE*.fd" >/dev/null || missing+=(ovmf)
compgen -G "/usr/share/AAVMF/AAVMF_CODE*.fd" >/dev/null || missing+=(qemu-efi-aarch64)
if [ "${#missing[@]}" -gt 0 ] && [ "${VIREO_SKIP_SYSTEM_PACKAGES:-0}" != "1" ]; then
    if [ -r /etc/debian_version ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing ${missing[*]} ..."
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null; then
            echo "test.sh: warning: could not install ${missing[*]}; tests needing them will be skipped" >&2
        fi
    else
        echo "test.sh: warning: missing ${missing[*]} (install them as root on Debian); tests needing them will be skipped" >&2
    fi
fi

# (c) The tests.
results="$(mktemp -d "${TMPDIR:-/tmp}/vireo-test.XXXXXX")"
trap 'rm -rf "$results"' EXIT
dotnet test Vireo.slnx -c Release --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/output.log"
status=${PIPESTATUS[0]}

# (d) One summary line: from the TRX reports, else from dotnet test's own summaries.
passed=0
failed=0
found=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    [ -n "$counters" ] || continue
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    found=1
done
if [ "$found" -eq 0 ]; then
    while read -r f p; do
        passed=$((passed + p))
        failed=$((failed + f))
        found=1
    done < <(sed -n 's/.*Failed: *\([0-9]*\), *Passed: *\([0-9]*\),.*/\1 \2/p' "$results/output.log")
fi

if [ "$found" -eq 0 ] && [ "$status" -ne 0 ]; then
    echo "test.sh: dotnet test failed before running tests (exit $status)" >&2
    echo "0 passed, 1 failed"
    exit "$status"
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "test.sh: dotnet test exited with status $status (build errors? see above)" >&2
fi
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    exit 1
fi
exit 0
