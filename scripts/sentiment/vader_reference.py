#!/usr/bin/env python3
"""Scores messages with vaderSentiment (run it with the venv's python).

Reads one message per line (UTF-8; lines split on LF only, one trailing CR
dropped, invalid bytes replaced by U+FFFD) and writes one JSON object per
line in exactly the format of `baton sentiment`:

    {"text":"...","neg":0.0,"neu":0.508,"pos":0.492,"compound":0.4404}

    python vader_reference.py messages.txt > messages.vader.jsonl
"""

import json
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def read_messages(path):
    with open(path, "rb") as handle:
        data = handle.read().decode("utf-8", errors="replace")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def main():
    analyzer = SentimentIntensityAnalyzer()
    out = []
    for text in read_messages(sys.argv[1]):
        scores = analyzer.polarity_scores(text)
        record = {"text": text, "neg": scores["neg"], "neu": scores["neu"],
                  "pos": scores["pos"], "compound": scores["compound"]}
        out.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
