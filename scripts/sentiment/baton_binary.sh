#!/usr/bin/env bash
# Prints the path of a release `baton` binary, building it if needed.
# $BATON overrides the binary; $BATON_SCRATCH is SwiftPM's scratch path
# (default .build).
set -euo pipefail
if [ -n "${BATON:-}" ]; then
    echo "$BATON"
    exit 0
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${BATON_SCRATCH:-$root/.build}"
(cd "$root" && swift build -c release --scratch-path "$scratch" --product baton >&2)
echo "$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)/baton"
