#!/usr/bin/env bash
# Instructions per `RuleEngine.evaluate` call for the engine benchmark's
# generated rule sets, counted by valgrind's callgrind. Unlike wall-clock
# times, the counts do not move with the load of a shared machine, so two
# builds (say, before and after a change) compare exactly.
#
#   scripts/engine/instructions.sh [BENCH_BINARY] [RULE_COUNTS]
#   scripts/engine/instructions.sh .build/release/baton-bench "10 100 1000"
#
# Needs valgrind (Debian: `apt-get install valgrind`). Sentiment is the
# benchmark's constant-time stand-in (BATON_BENCH_NO_VADER), as in its
# "sentiment excluded" columns; each count covers a warm-up and one timed
# pass over 10,000 events (BATON_BENCH_NO_LATENCY, _NO_LISTS_READ and
# _NO_REFERENCE skip the percentile, lists-read and by-reference passes,
# which would add calls).
set -euo pipefail
bench=${1:-.build/release/baton-bench}
counts=${2:-10 100 1000}
command -v valgrind > /dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }
[ -x "$bench" ] || { echo "instructions.sh: no benchmark at $bench (swift build -c release --product baton-bench)" >&2; exit 2; }
events=10000
symbol='$s5Baton10RuleEngineC8evaluate_2in7explain0A4Core8DecisionVAG9TurnEventV_AA7SessionVzSbtF'
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for rules in $counts; do
    BATON_BENCH_NO_VADER=1 BATON_BENCH_NO_LATENCY=1 BATON_BENCH_NO_LISTS_READ=1 BATON_BENCH_NO_REFERENCE=1 valgrind --tool=callgrind --toggle-collect="$symbol" \
        --callgrind-out-file="$out/$rules" "$bench" engine --rules "$rules" --repeat 1 \
        --events "$events" --sessions 10 > /dev/null 2>&1
    total=$(callgrind_annotate "$out/$rules" 2> /dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    calls=$((2 * events))  # warm-up pass + one timed pass
    printf '%6d rules: %6d instructions per event\n' "$rules" $((total / calls))
done
