#!/usr/bin/env python3
"""CSV exports opened in a real spreadsheet: LibreOffice Calc, headless, reads
the files gloss-cli writes (csv export, plain and --excel; segments --csv)
with comma, semicolon and tab as the separator, and writes them back as
flat ODS (XML), in which a cell that became a formula has a table:formula
attribute and a link a text:a element. None may have either; with the comma,
every cell holds the annotation's own text (after the guard's quote), and
with --excel's byte order mark the default import (no character set named)
reads UTF-8.

All files go to one soffice process, which takes a few seconds. Skipped (77)
when LibreOffice is not installed (Debian: libreoffice-calc-nogui).
"""

import json
import re
import subprocess
import xml.etree.ElementTree as ET

from export_support import Suite, codebook_tag, record, report_text, write_annotation_file

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
# LibreOffice's CSV filter options: separator, quote (34 = "), character set
# (76 = UTF-8, empty = the default guess), first line 1.
SEPARATORS = {"comma": 44, "semicolon": 59, "tab": 9}

suite = Suite("csv in a spreadsheet")
work = suite.work
soffice = suite.tool("soffice", "libreoffice-calc-nogui")

# A report and notes made to turn into formulas and links under any separator.
sample_report = suite.examples / "sample-report.txt"
text = report_text(sample_report)
notes = ['x;=HYPERLINK("http://example.org/x","click")', "y,=1+1", "z\t@SUM(1;2)", 'q;"=1+1"', "v;;-2+3",
         '=HYPERLINK("http://example.org/y")', "+1", "Zoë, café ; “quoted” 😔", "line\r\n=1+1\nnext;-4",
         "- a bulleted\n- note"]
tags = [codebook_tag("pay-gap"), codebook_tag("=cmd|' /C calc'!A0", "Formula tag")]
hostile = [record(text, 100 + 10 * i, 130 + 10 * i, [tags[i % 2]["id"]], note=note,
                  author=["=Eve", "Ana;=1", "@bob"][i % 3]) for i, note in enumerate(notes)]
annotations = work / "hostile.json"
write_annotation_file(annotations, sample_report, hostile, tags)
expected = json.loads(annotations.read_text(encoding="utf-8"))["annotations"]

plain, excel = work / "plain.csv", work / "excel.csv"
suite.export(annotations, sample_report, "csv", plain)
done = suite.run("export", annotations, "--report", sample_report, "--format", "csv", "--excel", "-o", excel)
suite.check("export --excel exits 0", done.returncode == 0, done.stderr)
raw_plain, raw_excel = plain.read_bytes(), excel.read_bytes()
suite.check("--excel starts with a UTF-8 BOM, the plain file without", raw_excel.startswith(b"\xef\xbb\xbf") and
            not raw_plain.startswith(b"\xef\xbb\xbf"))
suite.check("--excel is the plain file after its BOM", raw_excel[3:] == raw_plain)
suite.check("every cell is quoted, lines end with CRLF",
            raw_plain.startswith(b'"id","start","end",') and raw_plain.endswith(b'"anchored"\r\n'))
done = suite.run("export", annotations, "--report", sample_report, "--format", "w3c", "--excel", "-o",
                 work / "x.jsonld")
suite.check("--excel with another format is refused (exit 2), nothing written",
            done.returncode == 2 and "--excel" in done.stderr and not (work / "x.jsonld").exists(), done.stderr)

# One copy of each file per separator, all converted by one soffice run per filter.
jobs = {}
for name, number in SEPARATORS.items():
    for kind, source in (("plain", plain), ("excel", excel)):
        copy = work / f"{kind}-{name}.csv"
        copy.write_bytes(source.read_bytes())
        jobs[copy] = (name, kind, f"CSV:{number},34,76,1")
default_charset = work / "excel-default.csv"
default_charset.write_bytes(raw_excel)
jobs[default_charset] = ("comma", "excel, default character set", "CSV:44,34,,1")

profile = work / "lo-profile"
out_dir = work / "ods"
for options in sorted(set(filter_options for _, _, filter_options in jobs.values())):
    files = [str(f) for f, job in jobs.items() if job[2] == options]
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                           f"--infilter={options}", "--convert-to", "fods", "--outdir", str(out_dir), *files],
                          capture_output=True, text=True, timeout=300)
    suite.check(f"LibreOffice converts with {options}", done.returncode == 0, done.stderr)


def paragraph_text(element):
    """The text of an ODF paragraph, with its tab and space elements."""
    text = element.text or ""
    for child in element:
        if child.tag == f"{{{NS['text']}}}tab":
            text += "\t"
        elif child.tag == f"{{{NS['text']}}}s":
            text += " " * int(child.get(f"{{{NS['text']}}}c", "1"))
        elif child.tag == f"{{{NS['text']}}}line-break":
            text += "\n"
        else:
            text += paragraph_text(child)
        text += child.tail or ""
    return text


def cells(fods):
    """Rows of (text, is formula, has link) of the first sheet."""
    rows = []
    sheet = ET.parse(fods).getroot().find(".//table:table", NS)
    for row in sheet.iter(f"{{{NS['table']}}}table-row"):
        values = []
        for cell in row.findall("table:table-cell", NS):
            paragraphs = [paragraph_text(p) for p in cell.findall("text:p", NS)]
            repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
            values += [("\n".join(paragraphs), cell.get(f"{{{NS['table']}}}formula") is not None,
                        cell.find(".//text:a", NS) is not None)] * (repeat if paragraphs else 1)
        while values and values[-1][0] == "" and not values[-1][1]:
            values.pop()
        if values:
            rows.append(values)
    return rows


def unguarded(cell):
    """A cell without the guard's quotes: at its start before = + - @ tab CR, and
    after , ; tab CR LF before = + - @ (README, "The CSV formula guard")."""
    cell = cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell
    return re.sub(r"([,;\t\r\n])'([=+\-@])", r"\1\2", cell)


for source, (separator, kind, _) in jobs.items():
    fods = out_dir / (source.stem + ".fods")
    if not suite.check(f"{kind}, {separator}: LibreOffice wrote {fods.name}", fods.is_file()):
        continue
    rows = cells(fods)
    formulas = [c[0] for row in rows for c in row if c[1] or c[2]]
    suite.check(f"{kind}, {separator}: no cell is a formula or a link", not formulas, formulas)
    starts = [c[0] for row in rows for c in row if c[0][:1] in ("=", "+", "-", "@")]
    suite.check(f"{kind}, {separator}: no cell starts like a formula", not starts, starts)
    if separator != "comma":
        continue
    header = [c[0] for c in rows[0]]
    suite.check(f"{kind}, {separator}: the header has no BOM in its first cell", header[0] == "id", header[:2])
    for row, annotation in zip(rows[1:], expected):
        got = [unguarded(c[0]) for c in row]
        want = [annotation["id"], str(annotation["start"]), str(annotation["end"]), annotation["quote"],
                ";".join(annotation["tags"]), annotation["note"], annotation["author"], annotation["created"],
                annotation["origin"], annotation["status"]]
        # A spreadsheet cell holds LF for any line end.
        want = [re.sub(r"\r\n?", "\n", w) for w in want]
        suite.check(f"{kind}, {separator}: the cells of {annotation['id'][:8]} are its fields", got == want,
                    f"{got} != {want}")

suite.finish()
