#!/usr/bin/env python3
"""Benchmarks the PyPI package drug-named-entity-recognition (a dictionary-based drug finder)
on the benchmark texts: throughput and latency per release, one JSON object on stdout.

Usage: python benches/peer_dner.py TEXTS.jsonl [--quick]
"""
import json
import statistics
import sys
import time

from drug_named_entity_recognition import find_drugs


def time_per_run(fn, min_s=1.0, min_runs=3):
    fn()
    runs = 0
    t0 = time.perf_counter()
    while runs < min_runs or time.perf_counter() - t0 < min_s:
        fn()
        runs += 1
    return (time.perf_counter() - t0) / runs


def annotate(text):
    # The package takes tokens; a whitespace split is its documented use.
    return find_drugs(text.split(), is_ignore_case=True)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quick = "--quick" in sys.argv
    docs = [json.loads(line) for line in open(args[0], encoding="utf-8") if line.strip()]
    texts = [d["text"] for d in docs]
    generated = [d["text"] for d in docs if d.get("source") == "generated"]
    size = sum(len(t.encode("utf-8")) for t in texts)
    secs = time_per_run(lambda: [annotate(t) for t in texts], 0.5 if quick else 2.0)
    per = [time_per_run(lambda t=t: annotate(t), 0.02, 3) * 1e6 for t in generated[:20]]
    print(json.dumps({
        "texts": len(texts),
        "bytes": size,
        "mb_per_s": size / secs / 1e6,
        "latency_us_median": statistics.median(per),
    }))


if __name__ == "__main__":
    main()
