#!/usr/bin/env python3
"""Accuracy against human ratings: Pearson r, accuracy and 3-class F1.

For each gold set, compares the compound scores of several scorers (JSON
lines in the order of the gold texts) with the mean human rating:

    prediction: pos if compound >= 0.05, neg if <= -0.05, else neu
    gold:       pos if rating > 0, neg if < 0, neu if = 0

Prints a Markdown table: Pearson r, accuracy, macro-F1 over the three
classes, and support-weighted F1 (gold-neutral items are rare, so macro-F1
is dominated by that class).

    python3 accuracy_report.py DATA_DIR name=suffix [name=suffix ...]
    e.g. accuracy_report.py /tmp/baton-sentiment vaderSentiment=vader exact=baton
"""

import json
import math
import sys

SETS = [("tweets", "gold-tweets"), ("movie snippets", "gold-movies")]


def label(value, threshold):
    return "pos" if value >= threshold else "neg" if value <= -threshold else "neu"


def gold_label(rating):
    return "pos" if rating > 0 else "neg" if rating < 0 else "neu"


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def f1_scores(gold, predicted):
    scores, weights = {}, {}
    for cls in ("neg", "neu", "pos"):
        tp = sum(1 for g, p in zip(gold, predicted) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, predicted) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, predicted) if g == cls and p != cls)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[cls] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        weights[cls] = tp + fn
    macro = sum(scores.values()) / 3
    weighted = sum(scores[c] * weights[c] for c in scores) / sum(weights.values())
    return macro, weighted


def read_lines(path):
    with open(path, "rb") as handle:
        return [line for line in handle.read().decode("utf-8").split("\n") if line]


def main():
    data = sys.argv[1]
    scorers = [argument.split("=", 1) for argument in sys.argv[2:]]
    print("| gold set | scorer | Pearson r | accuracy | macro-F1 | weighted F1 |")
    print("|---|---|---|---|---|---|")
    for title, stem in SETS:
        ratings = [float(line) for line in read_lines("%s/%s.ratings" % (data, stem))]
        gold = [gold_label(r) for r in ratings]
        for name, suffix in scorers:
            records = [json.loads(line) for line in read_lines("%s/%s.%s.jsonl" % (data, stem, suffix))]
            assert len(records) == len(ratings), (stem, suffix)
            compounds = [record["compound"] for record in records]
            predicted = [label(c, 0.05) for c in compounds]
            accuracy = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold)
            macro, weighted = f1_scores(gold, predicted)
            print("| %s (%d) | %s | %.3f | %.3f | %.3f | %.3f |"
                  % (title, len(gold), name, pearson(compounds, ratings), accuracy, macro, weighted))


if __name__ == "__main__":
    main()
