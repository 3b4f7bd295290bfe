#!/usr/bin/env python3
"""CSV export through the real gloss-cli, read back with Python's csv module:
RFC 4180 (CRLF, quoting), UTF-8, the documented header, one row per
annotation equal to the annotation file once the formula-injection prefix is
undone, and cells that a spreadsheet would run as formulas neutralised.
"""

import csv
import json
import re

from export_support import Suite, codebook_tag, record, report_text, write_annotation_file

HEADER = ["id", "start", "end", "quote", "tags", "note", "author", "created", "origin", "status"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

suite = Suite("csv export")
work = suite.work


def line_ends_are_crlf(raw):
    """Every line end outside quoted fields is CRLF."""
    quoted = False
    for i, byte in enumerate(raw):
        if byte == ord('"'):
            quoted = not quoted
        elif byte == ord("\n") and not quoted and (i == 0 or raw[i - 1] != ord("\r")):
            return False
    return not quoted and raw.endswith(b"\r\n")


def undo_prefix(cell):
    # (A value that itself starts with ' and then one of DANGEROUS reads back
    # without its quote: OWASP's prefix cannot tell the two apart.) The guard
    # also quotes = + - @ after , ; tab CR LF inside a cell (README).
    cell = cell[1:] if cell.startswith("'") and cell[1:2] and cell[1:2] in DANGEROUS else cell
    return re.sub(r"([,;\t\r\n])'([=+\-@])", r"\1\2", cell)


def check_csv(name, annotations, report):
    canonical = work / f"{name}.canonical.json"
    suite.export(annotations, report, "json", canonical)
    out = work / f"{name}.csv"
    suite.export(canonical, report, "csv", out)
    raw = out.read_bytes()
    suite.check(f"{name}: the header is exact, every cell quoted, with CRLF",
                raw.startswith((",".join(f'"{h}"' for h in HEADER) + "\r\n").encode()))
    suite.check(f"{name}: every line ends with CRLF", line_ends_are_crlf(raw))
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, strict=True))
    expected = json.loads(canonical.read_text(encoding="utf-8"))["annotations"]
    suite.check(f"{name}: one row per annotation", len(rows) == len(expected) + 1, f"{len(rows) - 1} rows")
    for row, annotation in zip(rows[1:], expected):
        suite.check(f"{name}: no cell of {annotation['id']} starts like a formula",
                    not any(cell[:1] in DANGEROUS and cell for cell in row), str(row))
        want = [annotation["id"], str(annotation["start"]), str(annotation["end"]), annotation["quote"],
                ";".join(annotation["tags"]), annotation["note"], annotation["author"], annotation["created"],
                annotation["origin"], annotation["status"]]
        suite.check(f"{name}: the row of {annotation['id']} reads back as the annotation",
                    [undo_prefix(cell) for cell in row] == want, f"{row} != {want}")
    return rows


sample_report = suite.examples / "sample-report.txt"
check_csv("sample", suite.examples / "sample-annotations.json", sample_report)

check_csv("generated", *suite.generated_files())

# Hostile cells: formulas, separators, quotes, line breaks, non-ASCII.
text = report_text(sample_report)
hostile_notes = ['=HYPERLINK("http://example.org/x","click")', "+1+1", "-2", "@SUM(A1:A9)", "\tTab first",
                 "\rCR first", 'Comma, "quotes" and\r\nCRLF and\nLF', "plain note", "see;=1+1\n-2"]
tags = [codebook_tag("=cmd|' /C calc'!A0", "Formula tag"), codebook_tag("pay-gap"), codebook_tag("-minus")]
hostile = [record(text, 100 + 10 * i, 140 + 10 * i, [tags[i % 3]["id"]] + ([tags[1]["id"]] if i % 3 != 1 else []),
                  note=note, author=["=Eve", "Zoë, \"Z\" Ødegård", "@bob"][i % 3])
           for i, note in enumerate(hostile_notes)]
hostile_file = work / "hostile.json"
write_annotation_file(hostile_file, sample_report, hostile, tags)
rows = check_csv("hostile", hostile_file, sample_report)
cells = {cell for row in rows for cell in row}
suite.check("=HYPERLINK(...) comes out neutralised with a leading quote",
            "'" + hostile_notes[0] in cells and hostile_notes[0] not in cells)
suite.check("a formula-like tag id is neutralised", any(c.startswith("'=cmd|") for c in cells))
suite.check("a formula start after a ';' or a line break inside a cell is neutralised",
            "see;'=1+1\n'-2" in cells, [c for c in cells if c.startswith("see")])

suite.finish()
