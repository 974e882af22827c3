#!/usr/bin/env bash
# Instructions for one parse + check + lint (`Checker.check`) of the
# language benchmark's generated files, counted by valgrind's callgrind.
# Unlike wall-clock times they do not move with the machine's load or clock
# speed, so the cost ratio between sizes is exact.
#
#   scripts/language/instructions.sh [BENCH_BINARY] [RULE_COUNTS]
#   scripts/language/instructions.sh .build/release/baton-bench "10000 100000"
#
# Needs valgrind (Debian: `apt-get install valgrind`); 100,000 rules take a
# few minutes under it.
set -euo pipefail
bench=${1:-.build/release/baton-bench}
counts=${2:-10000 100000}
command -v valgrind > /dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }
[ -x "$bench" ] || { echo "instructions.sh: no benchmark at $bench (swift build -c release --product baton-bench)" >&2; exit 2; }
symbol='$s10BatonCheck7CheckerV5check_6loader4lintAA0B6ResultVSay0A4Core10SourceFileVG_AA0I7Loading_pSgSbtFZ'
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
first=""
for rules in $counts; do
    valgrind --tool=callgrind --toggle-collect="$symbol" --callgrind-out-file="$out/$rules" \
        "$bench" language --rules "$rules" --repeat 1 > /dev/null 2>&1
    total=$(callgrind_annotate "$out/$rules" 2> /dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    if [ -z "$first" ]; then first=$total; fi
    printf '%7d rules: %6d M instructions (%.2f times the first size)\n' "$rules" $((total / 1000000)) \
        "$(awk -v a="$total" -v b="$first" 'BEGIN { print a / b }')"
done
