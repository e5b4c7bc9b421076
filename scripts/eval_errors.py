#!/usr/bin/env python3
"""Lists the annotator's misses and false alarms against a gold file, per label, with context.

Usage: python3 scripts/eval_errors.py GOLD.jsonl [--label OUTCOME] [--bin target/release/release-annotator]

Runs the CLI (`--jsonl`) on the gold texts and prints, for each document, the gold spans not
predicted exactly (MISS, with the overlapping prediction if any) and the predictions that
match no gold span exactly (FALSE).
"""
import argparse
import json
import subprocess
import sys


def u16_slice(text, start, end):
    b = text.encode("utf-16-le")
    return b[2 * start:2 * end].decode("utf-16-le", errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--label")
    ap.add_argument("--bin", default="target/release/release-annotator")
    ap.add_argument("--context", type=int, default=40)
    args = ap.parse_args()
    docs = [json.loads(l) for l in open(args.gold, encoding="utf-8") if l.strip()]
    inp = "".join(json.dumps({"id": d.get("id"), "text": d["text"]}) + "\n" for d in docs)
    out = subprocess.run([args.bin, "--jsonl"], input=inp, capture_output=True, text=True, check=True).stdout
    preds = [json.loads(l) for l in out.splitlines()]
    for d, p in zip(docs, preds):
        text = d["text"]
        gold = {(e["label"], e["start"], e["end"]) for e in d["entities"] if not args.label or e["label"] == args.label}
        pred = {(e["label"], e["start"], e["end"]) for e in p["entities"] if not args.label or e["label"] == args.label}

        def ctx(s, e):
            return (u16_slice(text, max(0, s - args.context), s) + "[" + u16_slice(text, s, e) + "]"
                    + u16_slice(text, e, e + args.context)).replace("\n", " ")

        lines = []
        for (lab, s, e) in sorted(gold - pred, key=lambda x: x[1]):
            near = [x for x in pred if x[0] == lab and x[1] < e and s < x[2]]
            got = " | got: " + "; ".join(repr(u16_slice(text, x[1], x[2])) for x in near) if near else ""
            lines.append((s, f"  MISS  {lab:9} {ctx(s, e)}{got}"))
        for (lab, s, e) in sorted(pred - gold, key=lambda x: x[1]):
            if any(g[0] == lab and g[1] < e and s < g[2] for g in gold):
                continue  # shown as a boundary miss above
            lines.append((s, f"  FALSE {lab:9} {ctx(s, e)}"))
        if lines:
            print(f"== {d.get('id')}")
            for _, l in sorted(lines):
                print(l)


if __name__ == "__main__":
    sys.exit(main())
