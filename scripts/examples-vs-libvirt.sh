#!/usr/bin/env bash
# Compares Vireo's command line for each example domain (embedded capabilities snapshot)
# with the one libvirt 9.0 generates on this machine (`virsh domxml-to-native qemu-argv`,
# which needs a running libvirtd with the QEMU driver; see docs/probing.md).
# Two differences are expected and normalised away: libvirt's domxml-to-native uses domain
# id -1 (Vireo: 1) and puts the daemon's PATH into the environment.
#
# Usage: scripts/examples-vs-libvirt.sh [DOMAIN.xml...]   (default: examples/*.xml)
set -uo pipefail

cd "$(dirname "$0")/.."
command -v virsh >/dev/null 2>&1 || { echo "examples-vs-libvirt: virsh not found" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/vireo-vs-libvirt.XXXXXX")"
trap 'rm -rf "$work"' EXIT

dotnet build src/Vireo.Cli -c Release -o "$work/vireo" -nologo -v quiet >"$work/build.log" 2>&1 || {
    cat "$work/build.log" >&2
    exit 1
}

files=("$@")
[ "${#files[@]}" -gt 0 ] || files=(examples/*.xml)
same=0
different=0
for xml in "${files[@]}"; do
    name="$(basename "${xml%.xml}")"
    # One argument per line, so both layouts compare line by line.
    if ! virsh -q -c qemu:///system domxml-to-native qemu-argv "$xml" >"$work/$name.libvirt" 2>&1; then
        echo "$name: libvirt refused it: $(head -n 1 "$work/$name.libvirt")"
        different=$((different + 1))
        continue
    fi
    tr ' ' '\n' <"$work/$name.libvirt" | grep -v '^PATH=' | sed 's/domain--1-/domain-1-/g' >"$work/$name.l"
    dotnet "$work/vireo/vireo.dll" xml2argv "$xml" | sed 's/ \\$//' | tr ' ' '\n' >"$work/$name.v"
    if diff -u "$work/$name.l" "$work/$name.v" >"$work/$name.diff"; then
        echo "$name: identical"
        same=$((same + 1))
    else
        echo "$name: differs"
        sed 's/^/    /' "$work/$name.diff"
        different=$((different + 1))
    fi
done
echo "$same identical, $different different"
[ "$different" -eq 0 ]
