#!/usr/bin/env python3
"""Compares Baton's scores with vaderSentiment's, message by message.

Both files are JSON lines as written by `baton sentiment` and
`vader_reference.py`, in the same order. Prints the share of messages whose
compound agrees within the tolerance and lists every mismatch; also reports
neg/neu/pos agreement. Exit status 1 when the share is below --target.

    python3 compare_scores.py reference.jsonl baton.jsonl [--tolerance 0.001] [--target 99.5]
"""

import argparse
import json
import sys


def load(path):
    with open(path, "rb") as handle:
        return [json.loads(line) for line in handle.read().decode("utf-8").split("\n") if line]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("reference")
    parser.add_argument("candidate")
    parser.add_argument("--tolerance", type=float, default=0.001)
    parser.add_argument("--target", type=float, default=99.5)
    parser.add_argument("--label", default=None)
    parser.add_argument("--max-listed", type=int, default=1000)
    args = parser.parse_args()
    reference, candidate = load(args.reference), load(args.candidate)
    if len(reference) != len(candidate):
        sys.exit("different message counts: %d vs %d" % (len(reference), len(candidate)))
    mismatches, exact, parts = [], 0, 0
    for index, (ref, got) in enumerate(zip(reference, candidate)):
        if ref["text"] != got["text"]:
            sys.exit("line %d: texts differ: %r vs %r" % (index + 1, ref["text"], got["text"]))
        if abs(ref["compound"] - got["compound"]) > args.tolerance:
            mismatches.append((index + 1, ref, got))
        if ref["compound"] == got["compound"]:
            exact += 1
        if all(ref[key] == got[key] for key in ("neg", "neu", "pos")):
            parts += 1
    total = len(reference)
    agree = total - len(mismatches)
    label = args.label or args.candidate
    print("%s: %d/%d within %g (%.3f%%); compound identical %d (%.3f%%); neg/neu/pos identical %d (%.3f%%)"
          % (label, agree, total, args.tolerance, 100.0 * agree / max(total, 1), exact,
             100.0 * exact / max(total, 1), parts, 100.0 * parts / max(total, 1)))
    for line, ref, got in mismatches[: args.max_listed]:
        print("  line %d: vader %+.4f baton %+.4f  %s" % (line, ref["compound"], got["compound"],
                                                          json.dumps(ref["text"], ensure_ascii=False)))
    sys.exit(0 if 100.0 * agree / max(total, 1) >= args.target else 1)


if __name__ == "__main__":
    main()
