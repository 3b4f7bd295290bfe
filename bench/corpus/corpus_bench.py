#!/usr/bin/env python3
"""Corpus benchmark: `gloss-cli highlight --project` beside `rg --json`.

A generated corpus of REPORTS reports of about MB megabytes each (paragraphs of
the sample report in a seeded random order) is made a project whose codebook
holds the sample codebook's literal patterns, all any-case and whole-word.
Measured in the same run, each the best of --repeats:

  gloss -j N   gloss-cli highlight --project P -j N: every report read, matched,
               its matches made annotations and written to its annotation
               file (a fresh project each run)
  rg --json    rg --json -i -w -F -f TERMS CORPUS > OUT: every match with its
               offsets written to a file, the same terms, all cores

The figures are wall time, the ratio Gloss / rg, and peak resident memory of
each process (wait4's ru_maxrss) beside the size of the largest report and of
the corpus. Nothing fails on a ratio.

usage: corpus_bench.py --cli GLOSS_CLI --source-dir DIR [--reports N] [--mb MB]
                       [--repeats N] [--rg EXE] [--work DIR]
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_measured(command, stdout=subprocess.DEVNULL, ok_codes=(0,)):
    """Wall seconds and peak RSS (bytes) of one process, which must exit with
    one of `ok_codes`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok_codes:
        sys.exit(f"corpus_bench: {' '.join(command[:3])}... exited {code}: {stderr.strip()}")
    return elapsed, usage.ru_maxrss * 1024


def make_corpus(folder, sample, reports, megabytes):
    paragraphs = [p for p in sample.split("\n\n") if p.strip()]
    rng = random.Random(20261205)
    folder.mkdir(parents=True)
    target = int(megabytes * 1_000_000)
    paths = []
    for index in range(reports):
        parts, size = [], 0
        while size < target:
            paragraph = rng.choice(paragraphs)
            parts.append(paragraph)
            size += len(paragraph.encode()) + 2
        path = folder / f"report-{index:04d}.txt"
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def literal_codebook(codebook):
    """The sample codebook with its literal patterns only, any-case and whole-word,
    and the terms for rg's -f."""
    terms = []
    for tag in codebook["tags"]:
        literals = [p for p in (tag.get("patterns") or []) if "literal" in p]
        tag["patterns"] = [{"literal": p["literal"], "case_sensitive": False, "whole_word": True} for p in literals]
        terms += [p["literal"] for p in literals]
    return codebook, terms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True, type=Path)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes per report")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rg", default="rg")
    parser.add_argument("--work", type=Path, help="folder for the corpus (default: a temporary one)")
    args = parser.parse_args()
    if shutil.which(args.rg) is None:
        sys.exit(f"corpus_bench: {args.rg} (the peer) is not installed: apt-get install ripgrep")

    work = Path(tempfile.mkdtemp(prefix="gloss-corpus-", dir=args.work))
    try:
        sample = (args.source_dir / "examples/sample-report.txt").read_text(encoding="utf-8")
        paths = make_corpus(work / "corpus", sample, args.reports, args.mb)
        corpus_bytes = sum(p.stat().st_size for p in paths)
        largest = max(p.stat().st_size for p in paths)
        codebook, terms = literal_codebook(json.loads((args.source_dir / "examples/codebook.json").read_text()))
        (work / "codebook.json").write_text(json.dumps(codebook, indent=2), encoding="utf-8")
        (work / "terms.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")

        template = work / "template"
        subprocess.run([args.cli, "project", "init", str(template), "--codebook", str(work / "codebook.json")],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([args.cli, "project", "add", str(template)] + [str(p) for p in paths], check=True,
                       stdout=subprocess.DEVNULL)

        cores = os.cpu_count() or 1
        print(f"corpus: {args.reports} reports, {corpus_bytes / 1e6:.1f} MB (largest {largest / 1e6:.2f} MB), "
              f"{len(terms)} literal terms, {cores} cores, best of {args.repeats}")

        def gloss(workers):
            best = (float("inf"), 0)
            for _ in range(args.repeats):
                project = work / "run"
                shutil.rmtree(project, ignore_errors=True)
                shutil.copytree(template, project)
                best = min(best, run_measured([args.cli, "highlight", "--project", str(project), "-j", str(workers)]))
            return best

        def rg():
            best = (float("inf"), 0)
            for _ in range(args.repeats):
                with open(work / "rg.json", "wb") as out:
                    best = min(best, run_measured([args.rg, "--no-config", "--json", "-i", "-w", "-F", "-f",
                                                   str(work / "terms.txt"), str(work / "corpus")], stdout=out,
                                                  ok_codes=(0, 1)))  # 1: nothing matched
            return best

        peer_time, peer_rss = rg()
        matches = sum(1 for line in open(work / "rg.json", encoding="utf-8") if '"type":"match"' in line)
        rows = [(f"gloss-cli highlight --project -j {w}", *gloss(w)) for w in sorted({1, cores})]
        print(f"{'':44} {'wall s':>8} {'vs rg':>7} {'peak RSS MB':>12} {'RSS/largest report':>19}")
        print(f"{'rg --json -i -w -F (' + str(matches) + ' matching lines)':44} {peer_time:8.3f} {'1.00x':>7} "
              f"{peer_rss / 1e6:12.1f} {peer_rss / largest:18.1f}x")
        for name, seconds, rss in rows:
            print(f"{name:44} {seconds:8.3f} {seconds / peer_time:6.2f}x {rss / 1e6:12.1f} {rss / largest:18.1f}x")
        if len(rows) == 2:
            print(f"-j {cores} vs -j 1: {rows[0][1] / rows[1][1]:.2f}x faster")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
