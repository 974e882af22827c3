#!/usr/bin/env python3
"""Deterministic generator of sentiment test messages for Baton.

Writes one message per line (UTF-8, no CR/LF inside a message). Three styles:

  varied   every VADER rule and edge case: negations, boosters and dampeners,
           ALL CAPS, ! and ?, "but", "least", "kind of", idioms, emoticons,
           emoji (skin tones, ZWJ sequences, flags), typos, non-Latin
           scripts, control characters, very short and very long messages,
           mixed with support-chat sentences.
  support  support-chat messages of about 24 words, for the speed benchmark.
  adversarial  short, dense strings of the words the rules react to ("but",
           "no", "least", "kind", idiom words, caps and case variants, Unicode
           case oddities, glued emoji, odd whitespace), to shake out quirks.

Only the standard library is used, and only `random.Random(seed)`, so the
output is identical on every run and every Python 3 version.

    python3 generate_corpus.py --style varied --count 12000 --seed 3 > corpus.txt
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "..", "Sources", "BatonSentiment", "Resources")

POSITIVE = ["good", "great", "love", "happy", "excellent", "amazing", "awesome", "thanks",
            "helpful", "perfect", "nice", "fine", "glad", "appreciate", "wonderful", "best",
            "fantastic", "pleased", "satisfied", "easy", "cool", "super", "brilliant", "lovely",
            "fun", "kind", "fair", "smart", "free", "win", "yes", "like", "enjoy", "thank"]
NEGATIVE = ["bad", "terrible", "awful", "hate", "angry", "annoyed", "frustrated", "disappointed",
            "broken", "damaged", "wrong", "worst", "horrible", "useless", "ridiculous",
            "unacceptable", "scam", "fraud", "sad", "upset", "mad", "furious", "poor", "problem",
            "issue", "error", "fail", "failed", "lost", "stolen", "wtf", "sux", "sucks", "stupid",
            "rude", "slow", "delay", "no", "waste", "complaint", "refuse", "cancel", "pain", "sorry"]
BOOSTERS = ["very", "really", "so", "extremely", "totally", "absolutely", "completely", "incredibly",
            "quite", "most", "more", "fucking", "friggin", "hella", "uber", "utterly", "deeply",
            "highly", "especially", "remarkably", "unbelievably", "effing", "flippin"]
DAMPENERS = ["kind of", "kinda", "sort of", "sorta", "slightly", "somewhat", "barely", "hardly",
             "almost", "a little", "less", "marginally", "partly", "occasionally", "just enough",
             "scarcely", "kind-of", "sort-of", "kindof"]
NEGATIONS = ["not", "never", "don't", "didn't", "isn't", "wasn't", "can't", "won't", "no", "nothing",
             "without", "nor", "cannot", "aint", "dont", "doesnt", "isnt", "wouldn't", "shouldn't",
             "rarely", "seldom", "despite", "none", "nope", "neither", "couldn't", "haven't", "NOT",
             "Don't", "uh-uh", "hasn't", "ain't"]
FILLERS = ["the", "my", "it", "this", "that", "order", "package", "item", "delivery", "support",
           "agent", "app", "website", "account", "card", "payment", "refund", "store", "box",
           "product", "service", "shipping", "courier", "chat", "bot", "team", "was", "is", "are",
           "have", "has", "been", "and", "or", "to", "for", "with", "at", "on", "of", "a", "i",
           "you", "we", "they", "me", "your", "our", "today", "yesterday", "again", "still", "now",
           "just", "here", "there", "about", "after", "before", "week", "days", "hours", "time"]
ITEMS = ["shoes", "jacket", "phone case", "headphones", "blender", "sofa", "lamp", "t-shirt",
         "backpack", "watch", "coffee maker", "charger", "dress", "laptop stand", "rug"]
IDIOMS = ["the shit", "the bomb", "bad ass", "badass", "bus stop", "yeah right", "kiss of death",
          "to die for", "beating heart", "cut the mustard", "hand to mouth", "back handed",
          "blow smoke", "upper hand", "break a leg", "cooking with gas", "in the black",
          "in the red", "on the ball", "under the weather", "at least", "very least", "least",
          "without a doubt", "without doubt", "never so", "never this", "no no", "no or", "nor"]
EMOTICONS = [":)", ":-)", ":(", ":-(", ":D", ":P", ";)", ":/", ":'(", "<3", "</3", "xD", "XD", ":-D",
             ":p", "=)", "=(", ":o", ":O", "^_^", "-_-", ":|", ":-/", ">:(", "8)", ":*", "(:", "):"]
SCRIPTS = ["مرحبا بك", "شكرا جزيلا", "שלום עולם", "תודה רבה", "こんにちは", "ありがとう", "谢谢你",
           "很好", "спасибо", "плохо", "ΣΟΦΙΑ", "ΚΑΛΗΜΈΡΑ", "ça va très bien", "TRÈS BIEN", "naïve café",
           "Ünïcödé", "İstanbul", "straße", "ŁÓDŹ", "\u212Aelvin", "ﬁne", "ＦＵＬＬＷＩＤＴＨ", "good\u0301",
           "\u05D0\u200F\u05D1", "\u202Ebad\u202C", "\u2066fine\u2069"]
CONTROLS = ["\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x00", "\x07", "\x1b[31m", "\u0085", "\u00a0",
            "\u2003", "\u3000", "\u200b", "\u2028", "\ufeff", "\ufffd", "\x7f"]
SUPPORT = [
    "where is my order {num}",
    "i ordered {item} {n} days ago and it still hasn't arrived",
    "my {item} arrived {neg} and the box was {neg}",
    "can i get a refund for the {item}",
    "you charged me twice for order {num}",
    "thanks, that was {boost} {pos}",
    "the agent was {boost} {pos} and solved it fast",
    "this is {boost} {neg}, i want to speak to a human",
    "still waiting for my refund after {n} weeks",
    "i have been waiting {n} hours, this is {neg}",
    "the tracking says delivered but i never got it",
    "not {pos} at all, the {item} is {neg}",
    "it's {pos} but the delivery was {neg}",
    "i want to cancel my order {num} please",
    "the payment failed {n} times, what is going on?",
    "is the {item} available in blue?",
    "ok thanks",
    "why is nobody answering??",
    "I WANT MY MONEY BACK",
    "honestly the {item} is {boost} {pos}, {pos} job",
    "your website keeps crashing when i try to pay",
    "i'll file a chargeback if this isn't fixed today",
    "the courier left the package in the rain, it's {neg}",
    "no {pos} answers from support so far",
    "could you please check the status of order {num}?",
    "this is a scam, i paid and got nothing",
    "wrong size again, second time this month",
    "love the {item}!! fits {boost} well",
    "meh, it's {dampen} {pos} i guess",
    "it was not {boost} {neg}, just {dampen} {neg}",
]


def load_lexicon_words(rng):
    words = []
    path = os.path.join(RESOURCES, "vader_lexicon.txt")
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle.read().split("\n"):
            line = line.strip()
            if line:
                words.append(line.split("\t")[0])
    return words


def load_emoji():
    singles, sequences = [], []
    path = os.path.join(RESOURCES, "emoji_utf8_lexicon.txt")
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle.read().split("\n"):
            line = line.strip()
            if not line:
                continue
            key = line.split("\t")[0]
            (singles if len(key) == 1 else sequences).append(key)
    return singles, sequences


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.lexicon = load_lexicon_words(self.rng)
        self.emoji, self.emoji_sequences = load_emoji()
        self.extra_emoji = ["\U0001F44D\U0001F3FD", "\U0001F44E\U0001F3FF", "\U0001F468\u200D\U0001F469\u200D\U0001F467",
                            "\u2764\uFE0F", "\U0001F1FA\U0001F1F8", "1\uFE0F\u20E3", "\U0001F3F3\uFE0F\u200D\U0001F308",
                            "\U0001F62D\U0001F62D\U0001F62D", "\U0001F621", "\U0001F60A", "\U0001F4A9", "\U0001FAE0",
                            "\U0001F9D1\U0001F3FB\u200D\U0001F4BB", "\u263A", "\u2639", "\u00a9", "\u203c", "\u2049"]

    def pick(self, pool):
        return self.rng.choice(pool)

    def fill(self, template):
        r = self.rng
        return template.format(
            num="#" + str(r.randint(10000, 99999)), item=self.pick(ITEMS), n=r.randint(2, 30),
            pos=self.pick(POSITIVE), neg=self.pick(NEGATIVE), boost=self.pick(BOOSTERS),
            dampen=self.pick(DAMPENERS))

    def word(self):
        r = self.rng.random()
        if r < 0.35:
            return self.pick(FILLERS)
        if r < 0.55:
            return self.pick(self.lexicon)
        if r < 0.67:
            return self.pick(POSITIVE)
        if r < 0.79:
            return self.pick(NEGATIVE)
        if r < 0.86:
            return self.pick(BOOSTERS)
        if r < 0.91:
            return self.pick(NEGATIONS)
        if r < 0.94:
            return self.pick(DAMPENERS)
        if r < 0.97:
            return self.pick(IDIOMS)
        return self.pick(["but", "BUT", "But", "but,", "least", "at", "very", "kind", "of", "so", "this"])

    def salad(self, low, high):
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))

    def clause(self):
        r = self.rng.random()
        if r < 0.4:
            return self.fill(self.pick(SUPPORT))
        if r < 0.85:
            return self.salad(2, 12)
        # Rule-focused constructions with enough words before the sentiment
        # word for the three-word window and the idiom check to apply.
        lead = self.salad(0, 4)
        focus = self.pick([
            "{neg1} {boost} {pos}", "{neg1} {pos}", "{neg1} the {pos}", "{neg1} really that {pos}",
            "never so {pos}", "never this {neg}", "without a doubt {pos}", "without doubt {neg}",
            "at least {pos}", "the least {pos}", "very least {neg}", "least {pos}",
            "kind of {pos}", "sort of {neg}", "just enough {pos}", "no {pos}", "no no {neg}",
            "no {neg} or {pos}", "no {neg} nor {pos}", "{pos} but {neg}", "{neg} but {pos} but {neg}",
            "{pos} {pos} but {pos} {pos}", "{boost} {boost} {pos}", "{BOOST} {pos}", "{NEG}",
            "{idiom}", "{filler} {filler} {idiom} {filler}", "{dampen} {neg}",
        ])
        text = focus.format(
            neg1=self.pick(NEGATIONS), boost=self.pick(BOOSTERS), pos=self.pick(POSITIVE),
            neg=self.pick(NEGATIVE), BOOST=self.pick(BOOSTERS).upper(), NEG=self.pick(NEGATIVE).upper(),
            idiom=self.pick(IDIOMS), filler=self.pick(FILLERS), dampen=self.pick(DAMPENERS))
        return (lead + " " + text).strip()

    def typo(self, text):
        r = self.rng
        chars = list(text)
        for _ in range(r.randint(1, 3)):
            if len(chars) < 2:
                break
            i = r.randrange(len(chars) - 1)
            op = r.randint(0, 3)
            if op == 0:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
            elif op == 1:
                del chars[i]
            elif op == 2:
                chars.insert(i, chars[i])
            else:
                chars[i] = r.choice("aeioustrnl")
        return "".join(chars)

    def emoji_token(self):
        r = self.rng.random()
        if r < 0.6:
            return self.pick(self.emoji)
        if r < 0.8:
            return self.pick(self.extra_emoji)
        return self.pick(self.emoji_sequences)

    def decorate(self, text):
        r = self.rng
        words = text.split(" ")
        if r.random() < 0.25:  # shout one or a few words
            for _ in range(r.randint(1, 3)):
                i = r.randrange(len(words))
                words[i] = words[i].upper()
        if r.random() < 0.05:
            words = [w.upper() for w in words]
        if r.random() < 0.05:
            words = [w.capitalize() for w in words]
        if r.random() < 0.2:  # glue punctuation to words
            i = r.randrange(len(words))
            words[i] += r.choice([",", ".", "!", "?", "...", "!!", ";", ":", "'", '"', ")", "?!"])
        if r.random() < 0.15:
            i = r.randrange(len(words))
            words[i] = r.choice(["(", '"', "'", "*", "#", "@", "-", "..."]) + words[i]
        if r.random() < 0.2:
            words.insert(r.randint(0, len(words)), self.pick(EMOTICONS))
        if r.random() < 0.25:
            for _ in range(r.randint(1, 3)):
                token = self.emoji_token()
                if r.random() < 0.3 and words:  # glued to a word
                    i = r.randrange(len(words))
                    words[i] = words[i] + token if r.random() < 0.5 else token + words[i]
                else:
                    words.insert(r.randint(0, len(words)), token)
        if r.random() < 0.06:
            words.insert(r.randint(0, len(words)), self.pick(SCRIPTS))
        text = " ".join(words)
        if r.random() < 0.15:
            text = self.typo(text)
        if r.random() < 0.04:
            i = r.randint(0, len(text))
            text = text[:i] + self.pick(CONTROLS) + text[i:]
        if r.random() < 0.05:
            text = text.replace(" ", r.choice(["  ", "\t", " \u00a0", "   "]), r.randint(1, 3))
        ending = r.random()
        if ending < 0.15:
            text += "!" * r.randint(1, 6)
        elif ending < 0.27:
            text += "?" * r.randint(1, 5)
        elif ending < 0.32:
            text += r.choice(["?!", "!?", "?!?!", "!!!???", "...", "!!1", " !", " ?"])
        if r.random() < 0.03:
            text = " " + text + "  "
        return text

    def varied(self):
        r = self.rng.random()
        if r < 0.03:  # tiny messages
            return self.pick([self.pick(POSITIVE), self.pick(NEGATIVE), self.pick(BOOSTERS),
                              self.pick(NEGATIONS), self.pick(EMOTICONS), self.emoji_token(),
                              "but", "no", "ok", "!", "??", "...", self.pick(self.lexicon).upper(),
                              self.pick(SCRIPTS), " ", ""])
        if r < 0.06:  # long messages
            return " ".join(self.decorate(self.clause()) for _ in range(self.rng.randint(8, 30)))
        clauses = [self.clause() for _ in range(self.rng.randint(1, 3))]
        joiners = [" ", ". ", ", ", " but ", " and ", "! ", "? ", " BUT ", "; "]
        text = clauses[0]
        for clause in clauses[1:]:
            text += self.pick(joiners) + clause
        return self.decorate(text)

    def support(self):
        # About 24 words: two or three support sentences, lightly decorated.
        r = self.rng
        parts = []
        target = r.randint(14, 26)
        while sum(len(p.split()) for p in parts) < target:
            if r.random() < 0.7:
                parts.append(self.fill(self.pick(SUPPORT)))
            else:
                parts.append(self.salad(3, 8))
        text = ". ".join(parts)
        if r.random() < 0.2:
            words = text.split(" ")
            i = r.randrange(len(words))
            words[i] = words[i].upper()
            text = " ".join(words)
        if r.random() < 0.1:
            text += " " + self.pick(self.emoji)
        if r.random() < 0.2:
            text += r.choice(["!", "!!", "?", "??", "!?"])
        return text


ADVERSARIAL = [
    "good", "bad", "great", "no", "not", "but", "BUT", "least", "at", "very", "kind", "of", "sort",
    "just", "enough", "the", "shit", "bomb", "ass", "bus", "stop", "yeah", "right", "kiss", "death",
    "to", "die", "for", "beating", "heart", "never", "so", "this", "without", "doubt", "or", "nor",
    "love", "hate", "GOOD", "BAD", "NO", "Not", "kinda", "VERY", "really", "isn't", "don't", "n't",
    "ok", "ok!", "no,", "but,", ":)", ":(", "lol", "LOL", "\U0001F600", "\U0001F621", "\U0001F44D\U0001F3FD",
    "\u2764\uFE0F", "\u212Aind", "K\u0130ND", "\u03A3\u039F\u03A6\u0399\u0391\u03A3", "\u01C5", "\u01F2ood",
    "Good", "gOOD", "fine", "sad", "happy", "1", "A", "!", "?", "??", "!!!", "(good)", "'good'",
    "..good..", "uh-uh", "aint", "x", "\U0001F600\U0001F600", "\U0001F600good", "good\U0001F600", "d:",
    ":D", "lmao", "fed", "up", "can't", "stand",
]
SEPARATORS = [" ", " ", "  ", "\t", "\u00a0", "\u2003", " \u200b"]


def adversarial(rng):
    words = [rng.choice(ADVERSARIAL) for _ in range(rng.randint(0, 14))]
    text = "".join(word + rng.choice(SEPARATORS) for word in words)
    if rng.random() < 0.3:
        text += rng.choice(["!", "!!", "?", "??", "???", "????", "!?"])
    return text


def clean(message):
    # One message per line: no line breaks inside.
    return message.replace("\r", " ").replace("\n", " ")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--style", choices=["varied", "support", "adversarial"], default="varied")
    parser.add_argument("--count", type=int, default=12000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", help="output file (default: stdout)")
    args = parser.parse_args()
    generator = Generator(args.seed)
    make = {"varied": generator.varied, "support": generator.support,
            "adversarial": lambda: adversarial(generator.rng)}[args.style]
    lines = [clean(make()) for _ in range(args.count)]
    data = "\n".join(lines) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
    else:
        sys.stdout.buffer.write(data.encode("utf-8"))


if __name__ == "__main__":
    main()
