#!/usr/bin/env python3
"""The W3C export validates against the W3C test suite's JSON Schemas.

Runs validate_w3c.js (ajv + ajv-draft-04 + ajv-formats, installed by
npm_setup.py from package-lock.json) on the w3c exports of the sample, generated
overlapping annotations on it, a report with emoji and an empty file; a file
that breaks the model's MUSTs must be refused, so the validator is known to be checking.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from export_support import SKIP, Suite, codebook_tag, record, write_annotation_file

suite = Suite("w3c schema validation", [("--node-dir", "folder whose node_modules has ajv"),
                                        ("--standards", "the shared standards folder")])
node = shutil.which("node") or shutil.which("nodejs")
node_modules = Path(suite.args.node_dir) / "node_modules"
schemas = Path(suite.args.standards) / "w3c-annotation-model"
if not node or not (node_modules / "ajv-draft-04").is_dir():
    print(f"SKIP: needs node and `npm ci` in {suite.args.node_dir} (scripts/install-deps.sh test installs nodejs npm)")
    sys.exit(SKIP)
if not (schemas / "annotations" / "annotationMusts.test").is_file():
    print(f"SKIP: the W3C test suite's schemas are not in {schemas}")
    sys.exit(SKIP)

work = suite.work
validator = Path(__file__).with_name("validate_w3c.js")


def validate(*files):
    env = dict(os.environ, NODE_PATH=str(node_modules))
    done = subprocess.run([node, validator, schemas, *map(str, files)], capture_output=True, text=True, env=env,
                          timeout=120)
    print(done.stdout.strip())
    if done.stderr.strip():
        print(done.stderr.strip())
    return done


exports = []


def export_w3c(name, annotations, report):
    out = work / f"{name}.jsonld"
    suite.export(annotations, report, "w3c", out)
    exports.append(out)


sample_report = suite.examples / "sample-report.txt"
export_w3c("sample", suite.examples / "sample-annotations.json", sample_report)

export_w3c("generated", *suite.generated_files(count=60))

unicode_report = work / "unicode.txt"
text = "Zoë: “I felt invisible 😔 at every board meeting.”\r\nCafe\u0301 👩🏽‍⚕️ staff.\r\n"
unicode_report.write_text(text, encoding="utf-8", newline="")
unicode_file = work / "unicode.json"
start = text.index("invisible 😔")
write_annotation_file(unicode_file, unicode_report,
                      [record(text, start, start + 11, ["voice"], note="<b>&</b>", author="Zoë", created=""),
                       record(text, text.index("Cafe"), text.index("Cafe") + 5, [])],
                      [codebook_tag("voice")])
export_w3c("unicode", unicode_file, unicode_report)

empty_file = work / "empty.json"
write_annotation_file(empty_file, sample_report, [], [])
export_w3c("empty", empty_file, sample_report)

done = validate(*exports)
suite.check(f"{len(exports)} w3c exports validate against the W3C schemas", done.returncode == 0)
suite.check("every export was validated",
            sum(line.startswith("valid ") for line in done.stdout.splitlines()) == len(exports))

# The control: the validator refuses annotations that break the MUSTs.
broken = json.loads((work / "sample.jsonld").read_text(encoding="utf-8"))
item = broken["first"]["items"][0]
item["id"] = "not a uri"
item["created"] = "31/01/2026"
del item["target"]
item["body"][0]["purpose"] = "coding"
control = work / "broken.jsonld"
control.write_text(json.dumps(broken), encoding="utf-8")
done = validate(control)
suite.check("a broken annotation is refused by the validator", done.returncode == 1)
for what in ("3.1-annotationIdValidated", "3.1-targetKeyFound", "3.3.1-annotationCreatedValidated",
             "purpose recognized"):
    suite.check(f"the validator reports {what}", what in done.stdout)

suite.finish()
