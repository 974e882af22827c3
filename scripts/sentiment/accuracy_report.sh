#!/usr/bin/env bash
# (c) Accuracy against the human ratings of the VADER paper's gold sets, for
# vaderSentiment itself, Baton's exact mode and Baton with the support-chat
# lexicon (rules/support-lexicon.baton), side by side.
#
#   scripts/sentiment/accuracy_report.sh
#
# Needs the gold texts, ratings and vaderSentiment scores written by
# make_reference.sh.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${BATON_SENTIMENT_DATA:-/tmp/baton-sentiment}"
rules="${BATON_SUPPORT_RULES:-$root/rules/support-lexicon.baton}"
baton="$("$here/baton_binary.sh")"

for name in gold-tweets gold-movies; do
    if [ ! -f "$data/$name.vader.jsonl" ]; then
        echo "missing $data/$name.vader.jsonl: run scripts/sentiment/make_reference.sh first" >&2
        exit 2
    fi
    "$baton" sentiment "$data/$name.txt" > "$data/$name.baton.jsonl"
    "$baton" sentiment --rules "$rules" "$data/$name.txt" > "$data/$name.support.jsonl"
done
python3 "$here/accuracy_report.py" "$data" \
    "vaderSentiment 3.3.2=vader" "baton exact=baton" "baton + support lexicon=support"
