#!/usr/bin/env bash
# (d) Speed of vaderSentiment (Python) and Baton's scorer on the same corpus,
# in one run.
#
#   scripts/sentiment/speed.sh
#
# Generates 20,000 support-like messages of about 24 words (seed 5). In each
# of SPEED_ROUNDS (default 3) rounds it times one pass of vaderSentiment's
# polarity_scores over them, then runs `swift run -c release baton-bench
# sentiment` on the same file (median of 5 passes); both on one thread.
# Prints µs per message (wall clock and thread CPU time) and MB/s of UTF-8
# text for both, and the ratio; the bench also reports Baton's floor, the
# scorer/floor ratio, the lexicon load time and memory.
#
# Environment: BATON_SENTIMENT_DATA (default /tmp/baton-sentiment),
# VADER_VENV (default /tmp/baton-vader-venv, created if missing),
# BATON_SCRATCH (SwiftPM scratch path, default .build), PIN_CPU (a core
# number: run both under `taskset -c`).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${BATON_SENTIMENT_DATA:-/tmp/baton-sentiment}"
venv="${VADER_VENV:-/tmp/baton-vader-venv}"
scratch="${BATON_SCRATCH:-$root/.build}"
corpus="$data/speed-support-20000.txt"
pin=()
if [ -n "${PIN_CPU:-}" ]; then pin=(taskset -c "$PIN_CPU"); fi

mkdir -p "$data"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install --quiet --disable-pip-version-check vaderSentiment==3.3.2
python3 "$here/generate_corpus.py" --style support --count 20000 --seed 5 --out "$corpus"

# The machine may be shared: contention changes from second to second. So
# the two are interleaved in rounds (Python pass, then Baton passes) and each
# round's ratio is computed under the same conditions; the medians over the
# rounds are reported.
(cd "$root" && swift build -c release --scratch-path "$scratch" --product baton-bench >&2)
rounds="${SPEED_ROUNDS:-3}"
results=()
for round in $(seq "$rounds"); do
    python_json="$("${pin[@]}" "$venv/bin/python" - "$corpus" <<'PY'
import json, sys, time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
with open(sys.argv[1], "rb") as handle:
    messages = [line for line in handle.read().decode("utf-8").split("\n") if line]
score = SentimentIntensityAnalyzer().polarity_scores
start, start_cpu = time.perf_counter(), time.thread_time()
for message in messages:
    score(message)
seconds, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
size = sum(len(m.encode("utf-8")) for m in messages)
print(json.dumps({"messages": len(messages), "bytes": size, "us": seconds / len(messages) * 1e6,
                  "mbps": size / 1e6 / seconds, "cpu_us": cpu / len(messages) * 1e6}))
PY
)"
    bench_output="$(cd "$root" && "${pin[@]}" swift run -q -c release --scratch-path "$scratch" \
        baton-bench sentiment --corpus "$corpus" --repeat 5 --json)"
    echo "round $round" >&2
    echo "$bench_output" | sed '$d' >&2
    results+=("$python_json" "$(echo "$bench_output" | tail -n 1)")
done

python3 - "${results[@]}" <<'PY'
import json, statistics, sys
pairs = [(json.loads(sys.argv[i]), json.loads(sys.argv[i + 1])) for i in range(1, len(sys.argv), 2)]
for py, baton in pairs:
    assert py["messages"] == baton["messages"] and py["bytes"] == baton["bytes"], (py, baton)
med = lambda values: statistics.median(values)
py_us, py_mbps, py_cpu = (med([p[k] for p, _ in pairs]) for k in ("us", "mbps", "cpu_us"))
b = {k: med([b[k] for _, b in pairs]) for k in pairs[0][1] if isinstance(pairs[0][1][k], (int, float))}
first = pairs[0][1]
print()
print("%d messages, %d bytes (%.1f words/message); medians of %d interleaved rounds"
      % (first["messages"], first["bytes"], first["wordsPerMessage"], len(pairs)))
print("| scorer | µs/message | MB/s | CPU µs/message |")
print("|---|---|---|---|")
print("| vaderSentiment 3.3.2 (CPython) | %.1f | %.2f | %.1f |" % (py_us, py_mbps, py_cpu))
print("| Baton VaderScorer | %.2f | %.1f | %.2f |" % (b["scorerMicroseconds"], b["scorerMegabytesPerSecond"], b["scorerCPUMicroseconds"]))
print("| Baton floor (lowercase, split, strip, look up) | %.2f | %.1f | %.2f |" % (b["floorMicroseconds"], b["floorMegabytesPerSecond"], b["floorCPUMicroseconds"]))
print()
ratios = [p["us"] / q["scorerMicroseconds"] for p, q in pairs]
cpu_ratios = [p["cpu_us"] / q["scorerCPUMicroseconds"] for p, q in pairs]
floor = [q["scorerMicroseconds"] / q["floorMicroseconds"] for _, q in pairs]
floor_cpu = [q["scorerCPUMicroseconds"] / q["floorCPUMicroseconds"] for _, q in pairs]
print("speed-up over vaderSentiment: %.0fx wall clock, %.0fx CPU time (per round: %s) (target >= 50x)"
      % (med(ratios), med(cpu_ratios), ", ".join("%.0fx" % r for r in ratios)))
print("scorer / floor: %.2f wall clock, %.2f CPU time (target <= 4)" % (med(floor), med(floor_cpu)))
print("lexicon load: %.2f ms median, first load %.2f ms (thread CPU time %.2f ms and %.2f ms)"
      % (b["loadMilliseconds"], b["firstLoadMilliseconds"], b["loadCPUMilliseconds"], b["firstLoadCPUMilliseconds"]))
print("lexicon memory: %d KB resident after the first load, %d KB for a second copy, %d KB of tables"
      % (b["residentKilobytes"], b["secondResidentKilobytes"], b["tableBytes"] // 1024))
PY
