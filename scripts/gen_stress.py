#!/usr/bin/env python3
"""Derives stress texts from other texts for the same-output check (scripts/diffcheck):
deterministic character-level mutations that exercise the corners where a faster matcher
could disagree with the original one: Unicode spaces and dashes, non-ASCII letters, digits
and case-folding characters (Kelvin sign, long s), combining marks, emoji, changed case,
texts cut at arbitrary characters, and a few long texts.

Usage: python3 scripts/gen_stress.py --out FILE.jsonl [--seed S] [--per-text N] IN.jsonl...

Reads the "text" field of every line of every input; writes {"id", "text"} lines. The output
is generated data for local checks only (target/), never committed.
"""
import argparse
import json
import random

SPACES = ["\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", "\u0085", "\u2028", "\t", "  ", "\r\n"]
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d", "--"]
LETTERS = ["\u00e9", "\u00df", "\u00c9", "\u00b5", "\u03bc", "\u0394", "\u0436", "\u212a", "\u017f",
           "\u0130", "\u0131", "\u1e9e", "\u00ff", "\u01c5", "\u2126", "\u00aa", "\u02b0", "\u4e2d"]
DIGITS = ["\u0663", "\uff13", "\u00b2", "\u00bd", "\u2153", "\u0967", "\u2081", "\u2164"]
MARKS = ["\u0301", "\u0308", "\u200d", "\u200b", "\ufe0f", "\u00ad", "\u2060"]
SYMBOLS = ["\u00ae", "\u2122", "\u00b1", "\u2264", "\u2265", "\u00d7", "\u00b7", "\u2026", "\u201c",
           "\u201d", "\u2019", "\u00b0", "%", "\U0001f600", "\U0001d400", "\u2030", "\u00a7", "(", ")",
           "[", "]", "/", ";", ":", ",", ".", "<", ">", "=", "~", "\u2248"]


def mutate(rng, text, rate):
    out = []
    for ch in text:
        r = rng.random()
        if r >= rate:
            out.append(ch)
            continue
        kind = rng.randrange(9)
        if ch == " " and kind < 4:
            out.append(rng.choice(SPACES))
        elif ch in "-\u2013" and kind < 5:
            out.append(rng.choice(DASHES))
        elif ch.isdigit() and kind < 3:
            out.append(rng.choice(DIGITS))
        elif ch.isalpha() and kind < 2:
            out.append(ch.swapcase())
        elif kind == 0:
            out.append(ch + rng.choice(LETTERS))
        elif kind == 1:
            out.append(ch + rng.choice(MARKS))
        elif kind == 2:
            out.append(ch + rng.choice(SYMBOLS))
        elif kind == 3:
            out.append(rng.choice(LETTERS))
        elif kind == 4:
            pass  # deleted
        elif kind == 5:
            out.append(ch + ch)
        elif kind == 6:
            out.append(ch.upper())
        elif kind == 7:
            out.append(rng.choice(DIGITS + SPACES))
        else:
            out.append(ch + rng.choice(SYMBOLS) + rng.choice(DASHES))
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--per-text", type=int, default=3)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    texts = []
    for path in args.inputs:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    t = json.loads(line).get("text")
                    if isinstance(t, str):
                        texts.append(t)
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        def emit(t):
            nonlocal n
            out.write(json.dumps({"id": f"s{n}", "text": t}, ensure_ascii=False) + "\n")
            n += 1

        for t in texts:
            for k in range(args.per_text):
                rate = [0.01, 0.04, 0.15][k % 3]
                emit(mutate(rng, t, rate))
            # cut at an arbitrary character, both ends
            if len(t) > 2:
                a = rng.randrange(len(t) // 2)
                b = rng.randrange(a + 1, len(t) + 1)
                emit(t[a:b])
            # the whole text in other cases
            emit(t.upper() if rng.random() < 0.5 else t.lower())
        # a few long texts: many texts joined, mutated lightly
        for _ in range(4):
            sample = rng.sample(texts, min(len(texts), 60))
            emit(mutate(rng, "\n\n".join(sample), 0.005))
        # degenerate inputs
        for t in ["", " ", "\n", "-", "%", "mg", "1", "(", ")", "®", "\u00a0" * 50, "9" * 5000,
                  "(" * 3000, "a " * 4000, "mg/kg " * 2000, "1.2.3.4.5." * 800, "- " * 3000,
                  "\u2013" * 2000, "Phase " * 1500, "x" * 20000]:
            emit(t)
    print(f"{n} stress texts -> {args.out}")


if __name__ == "__main__":
    main()
