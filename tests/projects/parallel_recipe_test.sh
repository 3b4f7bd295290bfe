#!/usr/bin/env bash
# The GNU parallel recipe of docs/scale.md, run on this machine (--sshlogin :),
# gives every report the annotations `gloss-cli highlight --project` gives it.
#   parallel_recipe_test.sh GLOSS_CLI SOURCE_DIR
set -euo pipefail
cli=$1
source_dir=$2
if ! command -v parallel >/dev/null; then
    echo "GNU parallel is not installed (Debian package parallel)"
    exit 77 # skipped
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Six reports: the sample, a CRLF copy with an emoji, one in Windows-1252,
# and three cut from the sample; one of them coded by hand beforehand.
mkdir -p "$work/reports"
sample=$source_dir/examples/sample-report.txt
cp "$sample" "$work/reports/sample.txt"
{ printf 'Interview \xf0\x9f\x98\x80\r\n'; sed 's/$/\r/' "$sample"; } > "$work/reports/crlf.txt"
printf 'Staff feared reprisal; the caf\xe9 closed.\n' > "$work/reports/cp1252.txt"
head -c 4000 "$sample" > "$work/reports/part-1.txt"
tail -c 6000 "$sample" > "$work/reports/part-2.txt"
sed -n '20,60p' "$sample" > "$work/reports/part-3.txt"

"$cli" project init "$work/study" --codebook "$source_dir/examples/codebook.json" >/dev/null
"$cli" project add "$work/study" "$work"/reports/{sample,crlf,part-1,part-2,part-3}.txt >/dev/null
"$cli" project add "$work/study" "$work/reports/cp1252.txt" --encoding windows-1252 >/dev/null
"$cli" tag "$work/reports/part-1.txt" --project "$work/study" --range 10:40 --tag speaking-up --author ana >/dev/null
cp -r "$work/study" "$work/by-project"
# by-project's report paths are ../reports/..., as study's: the same reports.

"$cli" highlight --project "$work/by-project" -j 2 >/dev/null

(
    cd "$work/study"
    mkdir -p annotations
    "$cli" project list . --paths |
        parallel --colsep '\t' --sshlogin 2/: \
            "$cli" highlight {1} --codebook codebook.json --encoding {3} --annotations {2} -o {2} >/dev/null
)

python3 - "$work/study" "$work/by-project" <<'PY'
import json, sys
from pathlib import Path

def content(path):
    records = json.loads(path.read_text(encoding="utf-8"))["annotations"]
    return sorted((r["start"], r["end"], r["quote"], r["tags"], r["origin"], r["author"]) for r in records)

study, by_project = Path(sys.argv[1]), Path(sys.argv[2])
files = sorted(p.name for p in (by_project / "annotations").iterdir())
passed = failed = 0
for name in files:
    a, b = content(study / "annotations" / name), content(by_project / "annotations" / name)
    if a == b and a:
        passed += 1
        print(f"PASS {name}: {len(a)} annotations alike")
    else:
        failed += 1
        print(f"FAIL {name}: {len(a)} by the recipe, {len(b)} by highlight --project")
if len(files) != 6:
    failed += 1
    print(f"FAIL expected 6 annotation files, found {len(files)}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
