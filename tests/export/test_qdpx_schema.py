#!/usr/bin/env python3
"""The qdpx export's project.qde validates against REFI-QDA's Project.xsd.

Runs `xmllint --noout --schema Project.xsd` (libxml2-utils) on the project.qde
of the qdpx exports of the sample with the whole example codebook, a report
with emoji, markup-like notes and a nested code, generated overlapping
annotations on the sample, a file without annotations, and of a three-report
project (`project export`); a project.qde that breaks the schema must be
refused, so the validator is known to be checking.
"""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from export_support import SKIP, Suite, codebook_tag, example_codebook_tags, record, write_annotation_file

suite = Suite("qdpx schema validation", [("--standards", "the shared standards folder")])
xmllint = shutil.which("xmllint")
schema = Path(suite.args.standards) / "refi-qda" / "Project.xsd"
if not xmllint:
    print("SKIP: needs xmllint (scripts/install-deps.sh test installs libxml2-utils)")
    sys.exit(SKIP)
if not schema.is_file():
    print(f"SKIP: the REFI-QDA schema is not in {schema.parent}")
    sys.exit(SKIP)

work = suite.work
projects = []


def export_qdpx(name, annotations, report):
    out = work / f"{name}.qdpx"
    suite.export(annotations, report, "qdpx", out)
    if not out.exists():
        return
    project = work / f"{name}.project.qde"
    with zipfile.ZipFile(out) as archive:
        project.write_bytes(archive.read("project.qde"))
    projects.append(project)


def validate(*files):
    done = subprocess.run([xmllint, "--noout", "--nonet", "--schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)
    print(done.stderr.strip())
    return done


sample_report = suite.examples / "sample-report.txt"
sample = work / "sample.json"
sample_data = json.loads((suite.examples / "sample-annotations.json").read_text(encoding="utf-8"))
write_annotation_file(sample, sample_report, sample_data["annotations"], example_codebook_tags(suite.examples))
export_qdpx("sample", sample, sample_report)

unicode_report = work / "unicode.txt"
text = "Zoë: “I felt invisible 😔 at every board meeting.”\r\nCafe\u0301 👩🏽‍⚕️ staff.\r\n"
unicode_report.write_text(text, encoding="utf-8", newline="")
unicode_file = work / "unicode.json"
start = text.index("invisible 😔")
write_annotation_file(unicode_file, unicode_report,
                      [record(text, start, start + 11, ["voice", "sub"], note="<b>&</b> \x01 ]]>", author="Zoë",
                              created=""),
                       record(text, text.index("Cafe"), text.index("Cafe") + 5, [])],
                      [codebook_tag("voice"), dict(codebook_tag("sub", "Sub <code>"), parent="voice",
                                                   description="A & B")])
export_qdpx("unicode", unicode_file, unicode_report)

export_qdpx("generated", *suite.generated_files(count=60))

empty = work / "empty.json"
write_annotation_file(empty, sample_report, [], [])
export_qdpx("empty", empty, sample_report)

# A whole project: three reports (one with emoji and CRLF), attributes, two coders.
folder = work / "project"
folder.mkdir()
(folder / "unicode.txt").write_bytes(unicode_report.read_bytes())
(folder / "sample.txt").write_bytes(sample_report.read_bytes())
(folder / "empty.txt").write_text("Nothing coded here.\n", encoding="utf-8")
steps = [["project", "init", folder, "--codebook", suite.examples / "codebook.json"],
         ["project", "add", folder, folder / "unicode.txt", folder / "sample.txt", "--attribute", "region=North & <South>"],
         ["project", "add", folder, folder / "empty.txt", "--attribute", "year=2025"],
         ["tag", folder / "unicode.txt", "--project", folder, "--quote", "invisible 😔", "--tag", "discrimination",
          "--author", "Zoë", "--note", "<b>&</b>"],
         ["tag", folder / "sample.txt", "--project", folder, "--range", "0:40", "--tag", "pay-gap",
          "--author", "Ana"],
         ["project", "export", folder, "--format", "qdpx", "-o", work / "project.qdpx"]]
for step in steps:
    done = suite.run(*step)
    suite.check(f"gloss-cli {step[0]} {step[1]} exits 0", done.returncode == 0, done.stderr.strip())
if (work / "project.qdpx").exists():
    with zipfile.ZipFile(work / "project.qdpx") as archive:
        (work / "project.project.qde").write_bytes(archive.read("project.qde"))
    projects.append(work / "project.project.qde")

done = validate(*projects)
suite.check(f"{len(projects)} project.qde files validate against Project.xsd", done.returncode == 0)
suite.check("every project.qde was validated",
            sum(line.endswith(" validates") for line in done.stderr.splitlines()) == len(projects))

# The control: a Code without isCodable, a selection without endPosition and a bad colour are refused.
broken = projects[0].read_text(encoding="utf-8")
broken = broken.replace(' isCodable="true"', "", 1).replace(' endPosition="', ' end="', 1)
broken = broken.replace('color="#', 'color="rgb', 1)
control = work / "broken.project.qde"
control.write_text(broken, encoding="utf-8")
done = validate(control)
suite.check("a broken project.qde is refused by the validator", done.returncode != 0)
for what in ("isCodable", "endPosition", "color"):
    suite.check(f"xmllint names {what}", what in done.stderr)

suite.finish()
