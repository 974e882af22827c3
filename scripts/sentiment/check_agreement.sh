#!/usr/bin/env bash
# (b) Agreement of `baton sentiment` (exact mode) with vaderSentiment 3.3.2.
#
#   scripts/sentiment/check_agreement.sh
#
# Scores the agreement corpus, the adversarial set and the two gold sets
# written by make_reference.sh (run that first), compares the compound scores with
# vaderSentiment's, prints the share within 0.001 per set and overall, and
# lists every mismatch. Exit status 1 if the overall share is below 99.5%.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
data="${BATON_SENTIMENT_DATA:-/tmp/baton-sentiment}"
baton="$("$here/baton_binary.sh")"

sets="corpus adversarial gold-tweets gold-movies"
for name in $sets; do
    if [ ! -f "$data/$name.vader.jsonl" ]; then
        echo "missing $data/$name.vader.jsonl: run scripts/sentiment/make_reference.sh first" >&2
        exit 2
    fi
    "$baton" sentiment "$data/$name.txt" > "$data/$name.baton.jsonl"
done

status=0
for name in $sets; do
    python3 "$here/compare_scores.py" "$data/$name.vader.jsonl" "$data/$name.baton.jsonl" \
        --label "$name" --target 0 || status=1
done
cat $(for name in $sets; do echo "$data/$name.vader.jsonl"; done) > "$data/all.vader.jsonl"
cat $(for name in $sets; do echo "$data/$name.baton.jsonl"; done) > "$data/all.baton.jsonl"
python3 "$here/compare_scores.py" "$data/all.vader.jsonl" "$data/all.baton.jsonl" \
    --label "all (corpus + adversarial + gold sets)" --max-listed 0 || status=1
exit $status
