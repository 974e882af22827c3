#!/usr/bin/env python3
"""Splits the VADER paper's gold sets into message and rating files.

Each `<name>_GroundTruth.txt` (`id<TAB>mean rating<TAB>text`, CRLF) becomes
`gold-<name>.txt` (one text per line) and `gold-<name>.ratings` (the mean
human rating on the same line).

    python3 extract_gold.py ../shared/data/sentiment-gold /tmp/baton-sentiment
"""

import os
import sys

SETS = {"tweets": "tweets_GroundTruth.txt", "movies": "movieReviewSnippets_GroundTruth.txt"}


def main():
    source, target = sys.argv[1], sys.argv[2]
    os.makedirs(target, exist_ok=True)
    for name, filename in SETS.items():
        with open(os.path.join(source, filename), "rb") as handle:
            rows = handle.read().decode("utf-8").split("\n")
        texts, ratings = [], []
        for row in rows:
            row = row.rstrip("\r")
            if not row:
                continue
            _, rating, text = row.split("\t", 2)
            texts.append(text.replace("\r", " "))
            ratings.append(rating)
        for suffix, lines in (("txt", texts), ("ratings", ratings)):
            path = os.path.join(target, "gold-%s.%s" % (name, suffix))
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write("\n".join(lines) + "\n")
        print("gold-%s: %d messages" % (name, len(texts)), file=sys.stderr)


if __name__ == "__main__":
    main()
