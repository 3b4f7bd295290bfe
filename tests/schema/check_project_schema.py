#!/usr/bin/env python3
"""Checks docs/schemas/project.schema.json against projects Gloss writes.

The schema must be valid JSON Schema (draft 2020-12); a project written by the
real `gloss-cli project init` and `project add` must validate, and so must the
example in docs/formats.md §10; variants Gloss accepts must validate and
variants Gloss refuses must be rejected, each also given to `gloss-cli stats
PROJECT` so that the schema and the reader are seen to agree. One line per
check, then "N passed, M failed"; exit 1 on any failure.

usage: check_project_schema.py --cli GLOSS_CLI --source-dir DIR
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
    from jsonschema import Draft202012Validator
except ImportError:
    print("FAIL import jsonschema: install the Debian package python3-jsonschema")
    print("0 passed, 1 failed")
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="path of the gloss-cli binary")
    parser.add_argument("--source-dir", required=True, type=Path, help="the Gloss source tree")
    args = parser.parse_args()
    passed = failed = 0

    def record(ok, name, detail=""):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else f": {detail}"))

    schema = json.loads((args.source_dir / "docs/schemas/project.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    record(True, "project.schema.json is a valid draft 2020-12 schema")
    validator = Draft202012Validator(schema)

    def schema_problem(instance):
        error = next(iter(validator.iter_errors(instance)), None)
        return None if error is None else f"{list(error.absolute_path)}: {error.message}"

    formats = (args.source_dir / "docs/formats.md").read_text(encoding="utf-8")
    section = formats[formats.index("## 10. The project file"):]
    example = json.loads(re.search(r"^```\n(\{.*?)^```", section, flags=re.S | re.M).group(1))
    record(schema_problem(example) is None, "the example in docs/formats.md §10 validates", schema_problem(example))

    with tempfile.TemporaryDirectory(prefix="gloss-project-schema-") as temp:
        temp = Path(temp)
        report = temp / "interview.txt"
        report.write_text("I was afraid of reprisal.\n", encoding="utf-8")
        project = temp / "study"
        for command in (["project", "init", str(project), "--name", "Zoë’s study"],
                        ["project", "add", str(project), str(report), "--attribute", "region=North"]):
            result = subprocess.run([args.cli] + command, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                record(False, "gloss-cli " + " ".join(command[:2]), result.stderr.strip())
                print(f"{passed} passed, {failed} failed")
                return 1
        written = json.loads((project / "gloss-project.json").read_text(encoding="utf-8"))
        record(schema_problem(written) is None, "the project gloss-cli wrote validates", schema_problem(written))

        def gloss_exit_code(instance):
            (project / "gloss-project.json").write_text(json.dumps(instance, ensure_ascii=False), encoding="utf-8")
            result = subprocess.run([args.cli, "stats", str(project)], capture_output=True, text=True, timeout=120)
            return result.returncode, result.stderr.strip()

        def variant(change):
            instance = copy.deepcopy(written)
            change(instance)
            return instance

        def first(d):
            return d["reports"][0]

        accepted = [
            ("unknown fields at every level",
             lambda d: (d.update({"x-team": {"lead": "Ana"}}), first(d).update({"x-reviewed": True}))),
            ("a null name", lambda d: d.update(name=None)),
            ("an explicit utf-8 encoding", lambda d: first(d).update(encoding="utf-8")),
            ("a windows-1252 report", lambda d: first(d).update(encoding="windows-1252")),
            ("no attributes", lambda d: first(d).pop("attributes")),
            ("an annotation file in a sub-folder", lambda d: first(d).update(annotations="a/b/c.json")),
            ("no reports", lambda d: d.update(reports=[])),
        ]
        for name, change in accepted:
            instance = variant(change)
            record(schema_problem(instance) is None, f"schema accepts {name}", schema_problem(instance))
            code, stderr = gloss_exit_code(instance)
            record(code == 0, f"gloss-cli accepts {name}", f"exit {code}: {stderr}")

        rejected = [
            ("a wrong format", lambda d: d.update(format="gloss.projects")),
            ("a newer version", lambda d: d.update(version=2)),
            ("no codebook", lambda d: d.pop("codebook")),
            ("a codebook outside the folder", lambda d: d.update(codebook="../codebook.json")),
            ("an absolute annotation file", lambda d: first(d).update(annotations="/tmp/a.json")),
            ("an annotation file above the folder", lambda d: first(d).update(annotations="../../.bashrc")),
            ("a .. inside an annotation path", lambda d: first(d).update(annotations="a/../../b.json")),
            ("an empty report path", lambda d: first(d).update(path="")),
            ("a report without annotations", lambda d: first(d).pop("annotations")),
            ("a number as an attribute", lambda d: first(d)["attributes"].update(year=2024)),
            ("an empty attribute name", lambda d: first(d)["attributes"].update({"": "x"})),
            ("an unknown encoding", lambda d: first(d).update(encoding="latin-9")),
            ("reports that are not an array", lambda d: d.update(reports={})),
        ]
        for name, change in rejected:
            instance = variant(change)
            record(schema_problem(instance) is not None, f"schema rejects {name}", "the schema accepted it")
            code, stderr = gloss_exit_code(instance)
            record(code == 2, f"gloss-cli refuses {name} (exit 2)", f"exit {code}: {stderr}")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
