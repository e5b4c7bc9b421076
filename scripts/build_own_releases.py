#!/usr/bin/env python3
"""Builds tests/data/own_releases.jsonl from the marked-up source tests/data/own_releases.src.txt.

The source holds press releases written for the project (fictional companies, trials and most
drug names) with their gold entities marked inline, so that text and offsets cannot drift apart.

Source format
-------------
    ;; a comment line (ignored anywhere)
    === own-01 ===
    Headline of the release ...
    Body text with [[DRUG|rivotuzumab exatecan]] at [[DOSE|6 mg/kg]] ...

- A line `=== ID ===` starts a document; its text runs to the next header (leading and trailing
  blank lines are dropped, inner line breaks are kept).
- `[[LABEL|text]]` marks an entity. The text may contain balanced square brackets
  ("hazard ratio [HR] 0.59"); markup never nests.
- `{NBSP}` stands for a non-breaking space (U+00A0), so that it stays visible in the source.

Output: one JSON object per line, {"id", "text", "entities": [{"start", "end", "label", "text"}]},
start/end in UTF-16 code units (JavaScript string indices), end exclusive.

Checks (any failure stops the build): known labels, no nesting or overlap, slice equality in
UTF-16, no leading/trailing whitespace or sentence punctuation in a span, no trademark sign in a
span, balanced brackets in a span, document length within bounds, unique ids, every
occurrence of an annotated DRUG or TRIAL string in its document covered by an entity, and every
trial phase ("Phase 2b", except inside "Recommended Phase 2 Dose") and NCT id annotated.
Warnings (build continues): unannotated repeats of a CONDITION string, unannotated code-like
tokens (often targets such as "IL-23", which are correctly left out).

Usage: python3 scripts/build_own_releases.py [--src PATH] [--out PATH] [--check]
  --check   validate and compare with the existing output instead of writing it (exit 1 if stale)
"""
import argparse
import json
import os
import re
import sys
from collections import Counter

LABELS = ("DRUG", "DOSE", "SCHEDULE", "OUTCOME", "CONDITION", "PHASE", "TRIAL", "COHORT")
ESCAPES = {"{NBSP}": "\u00a0"}
MIN_CHARS, MAX_CHARS = 1500, 5000
EDGE_PUNCT = set(".,;:!?")
TRADEMARKS = set("®™©")
OPEN_MARK = re.compile(r"\[\[(%s)\|" % "|".join(LABELS))
HEADER = re.compile(r"^=== (\S+) ===\s*$")
PHASE_PAT = re.compile(r"\b(?i:phase)\s*(?:[0-4]|IV|I{1,3})(?![0-9A-Za-z]{2})")
RP2D_PAT = re.compile(r"(?i:recommended)\s+$")
NCT_PAT = re.compile(r"\bNCT\d{8}\b")
CODE_PAT = re.compile(r"\b[A-Z]{2,5}[- ]?\d{2,5}[a-z]?\b")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SRC = os.path.join(ROOT, "tests", "data", "own_releases.src.txt")
DEFAULT_OUT = os.path.join(ROOT, "tests", "data", "own_releases.jsonl")


class SourceError(Exception):
    pass


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def unescape(s):
    for k, v in ESCAPES.items():
        s = s.replace(k, v)
    return s


def split_documents(src):
    docs, cur_id, cur_lines = [], None, []
    for lineno, line in enumerate(src.split("\n"), 1):
        if line.startswith(";;"):
            continue
        m = HEADER.match(line)
        if m:
            if cur_id is not None:
                docs.append((cur_id, "\n".join(cur_lines).strip("\n")))
            cur_id, cur_lines = m.group(1), []
            continue
        if cur_id is None:
            if line.strip():
                raise SourceError(f"line {lineno}: text before the first document header")
            continue
        cur_lines.append(line.rstrip(" \t"))
    if cur_id is not None:
        docs.append((cur_id, "\n".join(cur_lines).strip("\n")))
    return docs


def parse_markup(doc_id, marked):
    """Strips the markup; returns (text, [(start_cp, end_cp, label)]) in code points."""
    out, ents, i, n = [], [], 0, len(marked)
    pos = 0  # code points emitted so far
    while i < n:
        m = OPEN_MARK.match(marked, i)
        if not m:
            out.append(marked[i])
            pos += 1
            i += 1
            continue
        label, j, depth = m.group(1), m.end(), 0
        while True:
            if j >= n:
                raise SourceError(f"{doc_id}: unclosed [[{label}| near {marked[i:i + 60]!r}")
            if depth == 0 and marked.startswith("]]", j):
                break
            if OPEN_MARK.match(marked, j):
                raise SourceError(f"{doc_id}: nested markup near {marked[i:j + 20]!r}")
            c = marked[j]
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
            if c == "\n":
                raise SourceError(f"{doc_id}: entity spans a line break near {marked[i:j]!r}")
            j += 1
        inner = marked[m.end():j]
        if not inner:
            raise SourceError(f"{doc_id}: empty [[{label}|]]")
        ents.append((pos, pos + len(inner), label))
        out.append(inner)
        pos += len(inner)
        i = j + 2
    return "".join(out), ents


def word_occurrences(text, needle):
    pat = re.compile(r"(?<![0-9A-Za-z])" + re.escape(needle) + r"(?![0-9A-Za-z])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def balanced(s):
    pairs = {")": "(", "]": "["}
    stack = []
    for c in s:
        if c in "([":
            stack.append(c)
        elif c in ")]":
            if not stack or stack.pop() != pairs[c]:
                return False
    return not stack


def build(src_text):
    errors, warnings, records, seen = [], [], [], set()
    for doc_id, raw in split_documents(src_text):
        if doc_id in seen:
            errors.append(f"{doc_id}: duplicate id")
        seen.add(doc_id)
        marked = unescape(raw)
        for leftover in ("{", "}"):
            if leftover in marked:
                warnings.append(f"{doc_id}: contains {leftover!r} (unknown escape?)")
        try:
            text, ents = parse_markup(doc_id, marked)
        except SourceError as e:
            errors.append(str(e))
            continue
        if "[[" in text or "]]" in text:
            errors.append(f"{doc_id}: markup left in text")
        if not MIN_CHARS <= len(text) <= MAX_CHARS:
            errors.append(f"{doc_id}: length {len(text)} outside {MIN_CHARS}-{MAX_CHARS}")
        prev_end = -1
        for s, e, label in ents:
            span = text[s:e]
            where = f"{doc_id} {label} {span!r}"
            if s < prev_end:
                errors.append(f"{where}: overlaps the previous entity")
            prev_end = e
            if span != span.strip():
                errors.append(f"{where}: leading/trailing whitespace")
            if span[0] in EDGE_PUNCT or span[-1] in EDGE_PUNCT:
                errors.append(f"{where}: leading/trailing punctuation")
            if any(c in TRADEMARKS for c in span):
                errors.append(f"{where}: trademark sign inside the span")
            if not balanced(span):
                errors.append(f"{where}: unbalanced brackets")
        # Every occurrence of an annotated drug or trial string is annotated.
        covered = [(s, e) for s, e, _ in ents]
        for needle in sorted({text[s:e] for s, e, lab in ents if lab in ("DRUG", "TRIAL")}):
            for os_, oe in word_occurrences(text, needle):
                if not any(s <= os_ and oe <= e for s, e in covered):
                    ctx = text[max(0, os_ - 30):oe + 30].replace("\n", " ")
                    errors.append(f"{doc_id}: unannotated occurrence of {needle!r}: ...{ctx}...")
        # Every trial phase and registry id is annotated ("Recommended Phase 2 Dose" excepted).
        for pat, what in ((PHASE_PAT, "phase"), (NCT_PAT, "registry id")):
            for m in pat.finditer(text):
                if RP2D_PAT.search(text[max(0, m.start() - 16):m.start()]):
                    continue
                if not any(s <= m.start() and m.end() <= e for s, e in covered):
                    errors.append(f"{doc_id}: unannotated {what} {m.group(0)!r}")
        for m in CODE_PAT.finditer(text):
            if not any(s <= m.start() and m.end() <= e for s, e in covered):
                warnings.append(f"{doc_id}: code-like token not annotated: {m.group(0)!r}")
        for needle in sorted({text[s:e] for s, e, lab in ents if lab == "CONDITION"}):
            for os_, oe in word_occurrences(text, needle):
                if not any(s <= os_ and oe <= e for s, e in covered):
                    ctx = text[max(0, os_ - 30):oe + 30].replace("\n", " ")
                    warnings.append(f"{doc_id}: CONDITION {needle!r} also unannotated: ...{ctx}...")
        # Convert code-point offsets to UTF-16 and verify slices.
        u16 = text.encode("utf-16-le")
        out_ents = []
        for s, e, label in ents:
            s16 = utf16_len(text[:s])
            e16 = s16 + utf16_len(text[s:e])
            sliced = u16[2 * s16:2 * e16].decode("utf-16-le")
            if sliced != text[s:e]:
                errors.append(f"{doc_id}: UTF-16 slice mismatch for {text[s:e]!r}")
            out_ents.append({"start": s16, "end": e16, "label": label, "text": text[s:e]})
        records.append({"id": doc_id, "text": text, "entities": out_ents})
    return records, errors, warnings


def serialise(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=DEFAULT_SRC)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    with open(args.src, encoding="utf-8") as f:
        src = f.read()
    records, errors, warnings = build(src)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    for e in errors:
        print("error:", e, file=sys.stderr)
    if errors:
        return 1
    data = serialise(records)
    if args.check:
        try:
            with open(args.out, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != data:
            print(f"{args.out} is stale: rerun scripts/build_own_releases.py", file=sys.stderr)
            return 1
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(data)
    counts = Counter(e["label"] for r in records for e in r["entities"])
    lengths = [len(r["text"]) for r in records]
    print(f"{len(records)} documents, {sum(lengths)} characters "
          f"(min {min(lengths, default=0)}, max {max(lengths, default=0)})")
    print("entities:", sum(counts.values()),
          " ".join(f"{lab}={counts[lab]}" for lab in LABELS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
