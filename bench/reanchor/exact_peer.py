#!/usr/bin/env python3
"""The peer of gloss_bench_reanchor: exact re-anchoring with Python's str.find.

    exact_peer.py REPORT ANNOTATIONS REPEATS

For each annotation of ANNOTATIONS (a Gloss file), looks for its quote with
str.find in the code points within 64 Ki of its old start in REPORT, then in
the whole text: the exact steps of Gloss's anchoring without context scoring
or the fuzzy step. Prints the best-of-REPEATS wall and CPU time and how many
quotes it found, one "key value" pair per line.
"""

import json
import sys
import time

REACH = 65536


def reanchor(text, records):
    found = 0
    for start, quote in records:
        low = max(0, start - REACH)
        at = text.find(quote, low, start + len(quote) + REACH)
        if at < 0:
            at = text.find(quote)
        found += at >= 0
    return found


def main():
    report, annotations, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(report, encoding="utf-8", newline="") as f:
        text = f.read()
    with open(annotations, encoding="utf-8") as f:
        records = [(a["start"], a["quote"]) for a in json.load(f)["annotations"]]
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        found = reanchor(text, records)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"seconds {best_wall:.6f}\ncpu_seconds {best_cpu:.6f}\nfound {found}")


if __name__ == "__main__":
    main()
