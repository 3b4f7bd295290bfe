#!/usr/bin/env python3
"""Checks docs/schemas against the files Gloss reads and writes.

The schemas must be valid JSON Schema (draft 2020-12); the bundled codebook and
a file written by the real `gloss-cli tag` must validate; files Gloss refuses
must be rejected by the schema too, and files Gloss accepts (unknown fields,
no codebook, a plugin origin) must be accepted. Each broken or variant file is
also given to `gloss-cli stats`, so that the schema and the reader are seen to
agree. One line per check, then "N passed, M failed"; exit 1 on any failure.

usage: check_schemas.py --cli GLOSS_CLI --source-dir DIR --examples DIR
"""

import argparse
import copy
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError:
    print("FAIL import jsonschema: install the Debian package python3-jsonschema")
    print("0 passed, 1 failed")
    sys.exit(1)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def make_validator(schema, others):
    """A 2020-12 validator for `schema` that resolves "$ref": "<file name>"
    to the schemas in `others` (file name -> schema) and asserts formats."""
    try:
        # jsonschema >= 4.18 resolves references through `referencing`.
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        registry = Registry().with_resources(
            (name, Resource.from_contents(other, default_specification=DRAFT202012))
            for name, other in others.items()
        )
        return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    except ImportError:
        # Debian 12's python3-jsonschema (4.10) has RefResolver only.
        resolver = jsonschema.RefResolver.from_schema(schema, store=dict(others))
        return Draft202012Validator(schema, resolver=resolver, format_checker=FormatChecker())


def first_error(validator, instance):
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    error = errors[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"{where.lstrip('.') or 'top level'}: {error.message[:160]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="path of the gloss-cli binary")
    parser.add_argument("--source-dir", required=True, type=Path, help="the Gloss source tree")
    parser.add_argument("--examples", required=True, type=Path, help="folder of the sample report and codebook")
    args = parser.parse_args()

    checks = Checks()
    schemas_dir = args.source_dir / "docs" / "schemas"
    codebook_schema = json.loads((schemas_dir / "codebook.schema.json").read_text(encoding="utf-8"))
    annotations_schema = json.loads((schemas_dir / "annotations.schema.json").read_text(encoding="utf-8"))

    # [1] The schemas themselves.
    for name, schema in (("codebook.schema.json", codebook_schema), ("annotations.schema.json", annotations_schema)):
        try:
            Draft202012Validator.check_schema(schema)
            checks.record(True, f"{name} is a valid draft 2020-12 schema")
        except jsonschema.exceptions.SchemaError as e:
            checks.record(False, f"{name} is a valid draft 2020-12 schema", e.message)

    others = {"codebook.schema.json": codebook_schema}
    codebook_validator = make_validator(codebook_schema, {})
    annotations_validator = make_validator(annotations_schema, others)

    # [2] The bundled codebook.
    codebook_path = args.examples / "codebook.json"
    codebook = json.loads(codebook_path.read_text(encoding="utf-8"))
    problem = first_error(codebook_validator, codebook)
    checks.record(problem is None, "examples/codebook.json validates against codebook.schema.json", problem)

    # [3] Files that ship: the sample annotations (when present) and the example in docs/formats.md.
    shipped = []
    sample = args.examples / "sample-annotations.json"
    if sample.exists():
        shipped.append(("examples/sample-annotations.json", sample.read_text(encoding="utf-8")))
    else:
        print("SKIP examples/sample-annotations.json: not in this checkout")
    formats = (args.source_dir / "docs" / "formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```json\n(.*?)^```", formats, flags=re.S | re.M)
    checks.record(len(blocks) == 1, "docs/formats.md has one JSON example", f"found {len(blocks)}")
    shipped += [("the example in docs/formats.md", block) for block in blocks]
    parsed = []
    for name, text in shipped:
        try:
            instance = json.loads(text)
        except json.JSONDecodeError as e:
            checks.record(False, f"{name} is JSON", str(e))
            continue
        parsed.append((name, instance))
        problem = first_error(annotations_validator, instance)
        checks.record(problem is None, f"{name} validates against annotations.schema.json", problem)

    # [4] A file written by the real gloss-cli.
    report = args.examples / "sample-report.txt"
    with tempfile.TemporaryDirectory(prefix="gloss-schema-") as temp:
        temp = Path(temp)
        written = temp / "written.json"
        # A tag with a parent, so the file embeds a small hierarchy, and one more.
        child = next((t["id"] for t in codebook["tags"] if t.get("parent")), codebook["tags"][0]["id"])
        other = codebook["tags"][0]["id"]
        runs = [
            ["--range", "10:40", "--tag", child],
            ["--range", "100:160", "--tag", other, "--note", "Łukasz’s “note”, 😀", "--author", "Zoë Ødegård"],
        ]
        tagged = True
        for extra in runs:
            command = [args.cli, "tag", str(report), "--annotations", str(written),
                       "--codebook", str(codebook_path)] + extra
            result = subprocess.run(command, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                checks.record(False, "gloss-cli tag writes an annotation file",
                              f"exit {result.returncode}: {result.stderr.strip()}")
                tagged = False
                break
        if not tagged:
            print(f"{checks.passed} passed, {checks.failed} failed")
            return 1
        checks.record(True, "gloss-cli tag writes an annotation file")
        document = json.loads(written.read_text(encoding="utf-8"))
        problem = first_error(annotations_validator, document)
        checks.record(problem is None, "the file gloss-cli tag wrote validates against annotations.schema.json",
                      problem)

        def gloss_exit_code(instance):
            path = temp / "variant.json"
            path.write_text(json.dumps(instance, ensure_ascii=False, indent=2), encoding="utf-8")
            result = subprocess.run([args.cli, "stats", str(path)], capture_output=True, text=True, timeout=120)
            return result.returncode, result.stderr.strip()

        def variant(change):
            instance = copy.deepcopy(document)
            change(instance)
            return instance

        def first_annotation(instance):
            return instance["annotations"][0]

        for name, instance in parsed:
            code, stderr = gloss_exit_code(instance)
            checks.record(code == 0, f"gloss-cli accepts {name}", f"exit {code}: {stderr}")

        # [5] Files Gloss accepts must validate.
        def add_unknown_fields(d):
            d["x-extension"] = {"kept": [1, 2, 3]}
            d["report"]["x-pages"] = 12
            first_annotation(d)["x-confidence"] = 0.75
            d["codebook"]["tags"][0]["x-group"] = "a"

        def minimal_record(d):
            record = first_annotation(d)
            for key in ("prefix", "suffix", "note", "author", "created", "modified", "origin", "status"):
                del record[key]

        def without_codebook(d):
            del d["codebook"]
            first_annotation(d)["tags"] = ["anything"]

        def second_precision_and_offsets(d):
            first_annotation(d)["created"] = "2026-01-31T10:15:00.25+01:00"
            first_annotation(d)["modified"] = ""

        def merge_conflict(d):
            record = first_annotation(d)
            theirs = dict(copy.deepcopy(record), note="theirs")
            record["conflict"] = {"base": copy.deepcopy(record), "ours": None, "theirs": theirs}

        accepted = [
            ("unknown fields at every level", add_unknown_fields),
            ("a record with only the required fields", minimal_record),
            ("no codebook, any tag ids", without_codebook),
            ("a null codebook", lambda d: d.update(codebook=None)),
            ("origin plugin:themes and status moved",
             lambda d: first_annotation(d).update(origin="plugin:themes", status="moved")),
            ("a fractional-second offset date and an empty modified", second_precision_and_offsets),
            ("uppercase hex in a colour", lambda d: d["codebook"]["tags"][0].update(color="#ABCDEF")),
            ("an empty tag list", lambda d: first_annotation(d).update(tags=[])),
            ("a merge conflict in a record", merge_conflict),
            ("a memo about the report", lambda d: d.update(memo="Staff voice runs through it.\nSee 4.2.")),
            ("a report extracted from a PDF",
             lambda d: d["report"].update(extractor={"name": "poppler", "version": "22.12.0"})),
        ]
        for name, change in accepted:
            instance = variant(change)
            problem = first_error(annotations_validator, instance)
            checks.record(problem is None, f"schema accepts {name}", problem)
            code, stderr = gloss_exit_code(instance)
            checks.record(code == 0, f"gloss-cli accepts {name}", f"exit {code}: {stderr}")

        # [6] Files Gloss refuses must be rejected by the schema.
        def drop_quote(d):
            del first_annotation(d)["quote"]

        def both_literal_and_regex(d):
            d["codebook"]["tags"][0]["patterns"] = [{"literal": "a", "regex": "b"}]

        rejected = [
            ("a wrong format", lambda d: d.update(format="gloss.annotation")),
            ("a newer version", lambda d: d.update(version=2)),
            ("an uppercase sha256", lambda d: d["report"].update(sha256=d["report"]["sha256"].upper())),
            ("a short sha256", lambda d: d["report"].update(sha256="abc123")),
            ("an unknown encoding", lambda d: d["report"].update(encoding="latin-1")),
            ("an unknown status", lambda d: first_annotation(d).update(status="lost")),
            ("a colour without #rrggbb", lambda d: d["codebook"]["tags"][0].update(color="red")),
            ("a five-digit colour", lambda d: d["codebook"]["tags"][0].update(color="#12345")),
            ("a quick key 0", lambda d: d["codebook"]["tags"][0].update(key="0")),
            ("a pattern with both literal and regex", both_literal_and_regex),
            ("a bare plugin: origin", lambda d: first_annotation(d).update(origin="plugin:")),
            ("a month 13 date", lambda d: first_annotation(d).update(created="2026-13-01T00:00:00Z")),
            ("a date without a zone", lambda d: first_annotation(d).update(modified="2026-01-31T09:15:00")),
            ("a negative start", lambda d: first_annotation(d).update(start=-1)),
            ("a missing quote", drop_quote),
            ("a tag listed twice", lambda d: first_annotation(d).update(tags=first_annotation(d)["tags"] * 2)),
            ("a null note", lambda d: first_annotation(d).update(note=None)),
            ("an empty id", lambda d: first_annotation(d).update(id="")),
            ("annotations that are not an array", lambda d: d.update(annotations={})),
            ("an extractor that is not an object", lambda d: d["report"].update(extractor="poppler")),
            ("an extractor without a version", lambda d: d["report"].update(extractor={"name": "poppler"})),
            ("an extractor with an empty name", lambda d: d["report"].update(extractor={"name": "", "version": "1"})),
            ("a merge conflict without theirs",
             lambda d: first_annotation(d).update(conflict={"base": None, "ours": {}})),
        ]
        for name, change in rejected:
            instance = variant(change)
            problem = first_error(annotations_validator, instance)
            checks.record(problem is not None, f"schema rejects {name}", "the schema accepted it")
            code, stderr = gloss_exit_code(instance)
            checks.record(code == 2, f"gloss-cli refuses {name} (exit 2)", f"exit {code}: {stderr}")

        broken_codebook = copy.deepcopy(codebook)
        broken_codebook["tags"][0]["color"] = "#1234567"
        checks.record(first_error(codebook_validator, broken_codebook) is not None,
                      "schema rejects a codebook with a seven-digit colour", "the schema accepted it")

    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
