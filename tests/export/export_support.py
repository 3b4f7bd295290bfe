"""Shared helpers of the export/import tests: run the real gloss-cli, build
Gloss annotation files for a report, count checks.

Each test script makes a Suite, calls check() for each expectation and ends
with finish(), which prints "N passed, M failed" and sets the exit code.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

SKIP = 77  # ctest's SKIP_RETURN_CODE for these tests
CONTEXT = 32  # code points of prefix and suffix, as Gloss stores them
COMPARED = ("id", "start", "end", "quote", "prefix", "suffix", "tags", "note", "author", "created", "modified")


class Suite:
    def __init__(self, name, extra_arguments=()):
        parser = argparse.ArgumentParser(description=name)
        parser.add_argument("--cli", required=True, help="the gloss-cli executable")
        parser.add_argument("--source-dir", required=True, type=Path)
        parser.add_argument("--work", required=True, type=Path, help="a folder this test may empty and use")
        for flag, help_text in extra_arguments:
            parser.add_argument(flag, help=help_text)
        self.args = parser.parse_args()
        self.cli = self.args.cli
        self.examples = self.args.source_dir / "examples"
        self.work = self.args.work
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        # Only the build's plugins: no user plugin folder, no GLOSS_PLUGIN_PATH.
        self.env = {k: v for k, v in os.environ.items() if k != "GLOSS_PLUGIN_PATH"}
        self.env["XDG_DATA_HOME"] = str(self.work / "xdg")
        self.passed = 0
        self.failed = 0

    def tool(self, name, package):
        """The path of the program `name`; without it the test is skipped."""
        path = shutil.which(name)
        if not path:
            print(f"{name} not found (Debian: {package}): skipped")
            sys.exit(SKIP)
        return path

    def check(self, what, condition, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}" + (f"\n      {detail}" if detail else ""), flush=True)
        return condition

    def run(self, *arguments):
        return subprocess.run([self.cli, *map(str, arguments)], capture_output=True, text=True,
                              encoding="utf-8", env=self.env, timeout=120)

    def convert(self, command, source, report, fmt, out, expect=0):
        """gloss-cli export/import; checks the exit code and returns the process."""
        done = self.run(command, source, "--report", report, "--format", fmt, "-o", out)
        self.check(f"{command} --format {fmt} {Path(source).name} exits {expect}", done.returncode == expect,
                   f"exit {done.returncode}: {done.stderr.strip()}")
        return done

    def export(self, annotations, report, fmt, out, expect=0):
        return self.convert("export", annotations, report, fmt, out, expect)

    def import_(self, source, report, fmt, out, expect=0):
        return self.convert("import", source, report, fmt, out, expect)

    def generated_files(self, count=40):
        """(annotations, report) for the project's sample report: `count`
        generated, overlapping annotations with the example codebook's tags."""
        report = self.examples / "sample-report.txt"
        tags = example_codebook_tags(self.examples)
        annotations = self.work / "generated.json"
        write_annotation_file(annotations, report,
                              seed_annotations(report_text(report), [t["id"] for t in tags], count), tags)
        return annotations, report

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


def report_text(path):
    """The report text as Gloss decodes it: UTF-8, BOM dropped, line ends kept."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def records(path):
    """The compared fields of each annotation of a Gloss file, by id."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {r["id"]: {k: r.get(k, "") for k in COMPARED} for r in data["annotations"]}


def record(text, start, end, tags, note="", author="", created="2026-01-31T09:15:00Z", id=None):
    """An anchored annotation record on `text` (code points, half-open)."""
    return {"id": id or str(uuid.uuid4()), "start": start, "end": end, "quote": text[start:end],
            "prefix": text[max(0, start - CONTEXT):start], "suffix": text[end:end + CONTEXT], "tags": tags,
            "note": note, "author": author, "created": created, "modified": created, "origin": "manual",
            "status": "anchored"}


def write_annotation_file(path, report, annotations, codebook_tags):
    """A Gloss annotation file for `report` with an embedded codebook."""
    data = {
        "format": "gloss.annotations", "version": 1,
        "report": {"name": Path(report).name, "sha256": hashlib.sha256(Path(report).read_bytes()).hexdigest(),
                   "codepoints": len(report_text(report)), "encoding": "utf-8"},
        "codebook": {"format": "gloss.codebook", "version": 1, "tags": codebook_tags},
        "annotations": annotations,
    }
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def codebook_tag(id, label=None, color="#1f77b4"):
    return {"id": id, "label": label or id, "color": color, "parent": None, "description": "", "key": None,
            "patterns": []}


def example_codebook_tags(examples):
    return json.loads((examples / "codebook.json").read_text(encoding="utf-8"))["tags"]


def seed_annotations(text, tags, count=40, seed=7):
    """Deterministic annotations over `text`, overlapping each other, with notes that need escaping."""
    import random
    rng = random.Random(seed)
    notes = ["", "", "Compare with §4 — “board” level.", 'Said "twice", then: =SUM(A1)', "line one\nline two"]
    result = []
    for i in range(count):
        start = rng.randrange(0, len(text) - 200)
        end = start + rng.randrange(5, 180)
        chosen = rng.sample(tags, rng.choice([0, 1, 1, 2]))
        result.append(record(text, start, end, chosen, note=rng.choice(notes),
                             author=rng.choice(["Zoë Ødegård", "Ana Muñoz-Peña", ""])))
    return result
