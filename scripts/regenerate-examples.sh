#!/usr/bin/env bash
# Regenerates the golden command lines of the example domains: for every examples/NAME.xml,
# examples/NAME.args is what `vireo xml2argv examples/NAME.xml` prints with the embedded
# capabilities snapshot (no --caps, no --emulator). tests/Vireo.Cli.Tests checks them.
#
# Usage: scripts/regenerate-examples.sh
set -euo pipefail

cd "$(dirname "$0")/.."
build="$(mktemp -d "${TMPDIR:-/tmp}/vireo-examples.XXXXXX")"
trap 'rm -rf "$build"' EXIT

dotnet build src/Vireo.Cli -c Release -o "$build/vireo" -nologo -v quiet >"$build/build.log" 2>&1 || {
    cat "$build/build.log" >&2
    echo "regenerate-examples: build failed" >&2
    exit 1
}

for xml in examples/*.xml; do
    args="${xml%.xml}.args"
    temp="$(mktemp "examples/.$(basename "$args").XXXXXX")"
    if ! dotnet "$build/vireo/vireo.dll" xml2argv "$xml" >"$temp"; then
        rm -f "$temp"
        echo "regenerate-examples: $xml was refused" >&2
        exit 1
    fi
    chmod 0644 "$temp"
    mv -f "$temp" "$args"
    echo "$args"
done
