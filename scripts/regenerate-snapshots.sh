#!/usr/bin/env bash
# Regenerates the capabilities snapshots embedded in Vireo.Capabilities
# (src/Vireo.Capabilities/Snapshots/qemu-X.Y-ARCH.xml) by running Vireo's own prober
# on the installed QEMU binaries.
#
# Usage: scripts/regenerate-snapshots.sh [QEMU-BINARY...]
#   default binaries: /usr/bin/qemu-system-x86_64 /usr/bin/qemu-system-aarch64
#
# Each snapshot is written atomically (vireo probe --out: temporary file, then rename).
# X.Y comes from the binary's version; an older snapshot of the same arch is removed.
# The x86_64 snapshot should be probed where /dev/kvm is usable, so that it lists the
# KVM machine types and host-model CPU (the script warns otherwise).
set -euo pipefail

cd "$(dirname "$0")/.."
dest=src/Vireo.Capabilities/Snapshots
binaries=("$@")
[ "${#binaries[@]}" -gt 0 ] || binaries=(/usr/bin/qemu-system-x86_64 /usr/bin/qemu-system-aarch64)

build="$(mktemp -d "${TMPDIR:-/tmp}/vireo-snapshots.XXXXXX")"
trap 'rm -rf "$build"' EXIT

echo "building vireo ..."
dotnet build src/Vireo.Cli -c Release -o "$build/vireo" -nologo -v quiet >"$build/build.log" 2>&1 || {
    cat "$build/build.log" >&2
    echo "regenerate-snapshots: build failed" >&2
    exit 1
}

for binary in "${binaries[@]}"; do
    if [ ! -x "$binary" ]; then
        echo "regenerate-snapshots: $binary: not found or not executable" >&2
        exit 1
    fi

    # "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)"
    banner="$("$binary" --version | head -n 1)"
    version="$(sed -n 's/^QEMU emulator version \([0-9][0-9]*\.[0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1.\2/p' <<<"$banner")"
    if [ -z "$version" ]; then
        echo "regenerate-snapshots: $binary: cannot read the QEMU version from '$banner'" >&2
        exit 1
    fi
    release="${version%.*}"

    probed="$build/probe.xml"
    dotnet "$build/vireo/vireo.dll" probe "$binary" --out "$probed"
    arch="$(sed -n 's:^  <arch>\(.*\)</arch>$:\1:p' "$probed")"
    recorded="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$probed")"
    expected="$(awk -F. '{ printf "%d", $1 * 1000000 + $2 * 1000 + $3 }' <<<"$version")"
    if [ -z "$arch" ] || [ "$recorded" != "$expected" ]; then
        echo "regenerate-snapshots: $binary: probe says arch '$arch', version '$recorded'; --version says $version" >&2
        exit 1
    fi

    target="$dest/qemu-$release-$arch.xml"
    # Same file system as the target, so the final rename is atomic.
    temp="$(mktemp "$dest/.qemu-$release-$arch.xml.XXXXXX")"
    cp "$probed" "$temp"
    chmod 0644 "$temp"
    mv -f "$temp" "$target"
    for old in "$dest"/qemu-*-"$arch".xml; do
        [ "$old" = "$target" ] || { rm -f "$old"; echo "  removed $old"; }
    done

    accels=TCG
    grep -q "^  <flag name='kvm'/>$" "$target" && accels="KVM and TCG"
    echo "$banner"
    echo "  -> $target: $arch, $accels, $(grep -c '^  <flag ' "$target") flags, $(grep -c '^  <machine ' "$target") machine types"
    if [ "$accels" = TCG ] && [ "$arch" = "$(uname -m)" ]; then
        echo "regenerate-snapshots: warning: $binary was probed without KVM (is /dev/kvm usable?); domains with type='kvm' will be refused" >&2
    fi
done
