#!/usr/bin/env bash
# Runs the engine benchmark and the same generated policy through GoRules
# zen-engine and CEL (Rust, `common-expression-language`) from pip, in a
# throwaway venv under /tmp, and prints their medians beside Baton's; then
# times Baton against a plain Python function indexed by intent, the
# issue's yardstick, interleaved pass by pass (see compare.py).
#
#   scripts/engine/compare.sh [RULE_COUNTS]      (default 10,100,1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
counts="${1:-10,100,1000}"
work="$(mktemp -d /tmp/baton-engine-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT

swift build -c release --scratch-path .build-engine-rel --product baton-bench >/dev/null
python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install --quiet --disable-pip-version-check zen-engine common-expression-language

bench=.build-engine-rel/release/baton-bench
"$bench" engine --rules "$counts" --export "$work" --json "$work/baton.json"
echo
"$work/venv/bin/python" scripts/engine/compare.py --paired "$bench" "$work" "$counts"
