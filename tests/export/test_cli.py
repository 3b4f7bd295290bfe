#!/usr/bin/env python3
"""gloss-cli export/import around the export plugin: the json format both
ways (byte for byte), the plugin's formats listed, and the refusals: an
unknown --format (exit 2, listing the formats), an output that is one of the
inputs (exit 2, the file unchanged), input that is not a Gloss file.
"""

import json

from export_support import Suite, records

suite = Suite("export and import with gloss-cli")
work = suite.work
report = suite.examples / "sample-report.txt"
sample = suite.examples / "sample-annotations.json"

listing = suite.run("plugins")
for capability in ("exporter:json", "exporter:w3c", "exporter:csv", "exporter:html", "importer:json",
                   "importer:w3c"):
    suite.check(f"gloss-cli plugins lists {capability} of the export plugin",
                any(line.startswith("export\t") and capability in line for line in listing.stdout.splitlines()),
                listing.stdout)

# [SECTION] json, both ways

canonical = work / "canonical.json"
suite.export(sample, report, "json", canonical)
again = work / "again.json"
suite.export(canonical, report, "json", again)
suite.check("json export of a file Gloss wrote is byte for byte the same", again.read_bytes() == canonical.read_bytes())
imported = work / "imported.json"
suite.import_(canonical, report, "json", imported)
suite.check("json import of a file Gloss wrote gives it back byte for byte",
            imported.read_bytes() == canonical.read_bytes())
suite.check("import(export(x)) == x for json", records(imported) == records(canonical))

w3c = work / "sample.jsonld"
suite.export(canonical, report, "w3c", w3c)
refused = suite.import_(w3c, report, "json", work / "from-w3c.json", expect=2)
suite.check("json import of a W3C file points to --format w3c", "--format w3c" in refused.stderr, refused.stderr)
codebook = suite.examples / "codebook.json"
refused = suite.import_(codebook, report, "json", work / "from-codebook.json", expect=2)
suite.check("json import of a codebook names the format field",
            'format: expected "gloss.annotations", found "gloss.codebook"' in refused.stderr, refused.stderr)

# [SECTION] Refusals

for command, formats in (("export", ["json", "w3c", "csv", "html"]), ("import", ["json", "w3c"])):
    source = canonical if command == "export" else w3c
    out = work / f"unknown-{command}.out"
    refused = suite.convert(command, source, report, "docx", out, expect=2)
    suite.check(f"{command} --format docx names the format and lists the available ones",
                "docx" in refused.stderr and all(f in refused.stderr for f in formats), refused.stderr)
    suite.check(f"{command} --format docx writes nothing", not out.exists())

before = canonical.read_bytes()
for fmt in ("json", "w3c", "csv", "html"):
    refused = suite.export(canonical, report, fmt, canonical, expect=2)
    suite.check(f"export --format {fmt} -o ANNOTATIONS is refused with a message", refused.stderr.strip() != "")
    suite.check(f"export --format {fmt} -o ANNOTATIONS leaves the file unchanged", canonical.read_bytes() == before)
report_bytes = report.read_bytes()
refused = suite.export(canonical, report, "html", report, expect=2)
suite.check("export -o REPORT is refused and leaves the report unchanged", report.read_bytes() == report_bytes)
refused = suite.import_(w3c, report, "w3c", w3c, expect=2)
suite.check("import -o FILE is refused and leaves the file unchanged",
            json.loads(w3c.read_text(encoding="utf-8"))["type"] == "AnnotationCollection")

suite.finish()
