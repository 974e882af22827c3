#!/usr/bin/env bash
# Regenerates the sentiment reference data from vaderSentiment 3.3.2.
#
#   scripts/sentiment/make_reference.sh
#
# 1. creates a throwaway venv and pip-installs vaderSentiment==3.3.2;
# 2. generates the agreement corpus (12,000 varied messages, seed 3), an
#    adversarial set (50,000 short strings dense in rule words, seed 1), and
#    splits the gold sets into texts and ratings;
# 3. scores all of them with vaderSentiment (JSON lines, `baton sentiment`'s format);
# 4. regenerates the test suite's committed reference table,
#    Tests/BatonSentimentTests/Fixtures/vader-reference.jsonl (2,500 messages
#    of a separate seed), so the tests need no Python.
#
# Environment: BATON_SENTIMENT_DATA (output folder, default
# /tmp/baton-sentiment), BATON_SENTIMENT_GOLD (gold-set folder, default
# ../shared/data/sentiment-gold), VADER_VENV (default /tmp/baton-vader-venv).
# Generated corpora stay out of git; only the 2,500-message table is committed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${BATON_SENTIMENT_DATA:-/tmp/baton-sentiment}"
gold="${BATON_SENTIMENT_GOLD:-$root/../shared/data/sentiment-gold}"
venv="${VADER_VENV:-/tmp/baton-vader-venv}"
fixture="$root/Tests/BatonSentimentTests/Fixtures/vader-reference.jsonl"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check vaderSentiment==3.3.2
"$venv/bin/python" -c 'import importlib.metadata as m; v = m.version("vaderSentiment"); assert v == "3.3.2", v'

mkdir -p "$data"
python3 "$here/generate_corpus.py" --style varied --count 12000 --seed 3 --out "$data/corpus.txt"
python3 "$here/generate_corpus.py" --style adversarial --count 50000 --seed 1 --out "$data/adversarial.txt"
python3 "$here/extract_gold.py" "$gold" "$data"
python3 "$here/generate_corpus.py" --style varied --count 2500 --seed 7 --out "$data/fixture.txt"

for name in corpus adversarial gold-tweets gold-movies fixture; do
    "$venv/bin/python" "$here/vader_reference.py" "$data/$name.txt" > "$data/$name.vader.jsonl"
    echo "scored $name: $(wc -l < "$data/$name.vader.jsonl") messages -> $data/$name.vader.jsonl" >&2
done
cp "$data/fixture.vader.jsonl" "$fixture"
echo "wrote $fixture" >&2
