#!/usr/bin/env python3
"""Compiles vaderSentiment's text lexicons into Baton's compact binary form.

The bundled lexicon loads from `vader_lexicon.bin` because parsing the
434 KB text file (mostly the raw human ratings, which scoring never uses) is
the slow part of start-up. The text files stay in the repository as the
source of truth; a test loads both and fails if they disagree, so run this
after changing either text file:

    python3 scripts/sentiment/compile_lexicon.py

Each line is read exactly as vaderSentiment 3.3.2 reads it
(`line.strip().split('\\t')[0:2]`, `float(measure)`), so the valences are the
very doubles the reference uses. Only single-code-point emoji are kept: the
reference looks emoji up one code point at a time and can never match the
others.

Format (little-endian):
    magic     8 bytes  "BTNLEX01"
    counts    4 x u32  words, key bytes, emoji, description bytes
    valences  words x f64
    lengths   words x u8     key lengths, in file order (duplicates kept:
                             the loader lets the later one win)
    keys      key bytes
    scalars   emoji x u32
    lengths   emoji x u8
    text      description bytes
    checksum  u32      of everything before it (see checksum())
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "..", "Sources", "BatonSentiment", "Resources")


def read_lines(path):
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    return text.rstrip("\n").split("\n")


def checksum(data):
    """FNV-1a over 64-bit little-endian words (tail zero-padded), folded to 32 bits."""
    value = 0xCBF29CE484222325
    data = bytes(data) + b"\0" * (-len(data) % 8)
    for offset in range(0, len(data), 8):
        word = int.from_bytes(data[offset:offset + 8], "little")
        value = ((value ^ word) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return (value ^ (value >> 32)) & 0xFFFFFFFF


def main():
    resources = sys.argv[1] if len(sys.argv) > 1 else RESOURCES
    words = []
    for line in read_lines(os.path.join(resources, "vader_lexicon.txt")):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        words.append((word.encode("utf-8"), float(measure)))
    emoji = []
    for line in read_lines(os.path.join(resources, "emoji_utf8_lexicon.txt")):
        key, description = line.strip().split("\t")[0:2]
        if len(key) == 1:
            emoji.append((ord(key), description.encode("utf-8")))
    for key, _ in words:
        assert len(key) < 256, key
    for _, description in emoji:
        assert len(description) < 256, description

    keys = b"".join(key for key, _ in words)
    texts = b"".join(description for _, description in emoji)
    out = bytearray(b"BTNLEX01")
    out += struct.pack("<4I", len(words), len(keys), len(emoji), len(texts))
    out += b"".join(struct.pack("<d", valence) for _, valence in words)
    out += bytes(len(key) for key, _ in words)
    out += keys
    out += b"".join(struct.pack("<I", scalar) for scalar, _ in emoji)
    out += bytes(len(description) for _, description in emoji)
    out += texts
    out += struct.pack("<I", checksum(out))
    target = os.path.normpath(os.path.join(resources, "vader_lexicon.bin"))
    with open(target, "wb") as handle:
        handle.write(out)
    print("wrote %s: %d words, %d emoji, %d bytes" % (target, len(words), len(emoji), len(out)))


if __name__ == "__main__":
    main()
