#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs them for a bounded time in
# all, shared evenly between the targets.
#   scripts/fuzz.sh [TOTAL_SECONDS]   (default 240)
# Each corpus starts from seeds made here from examples/ and the tests' file
# writers, never from files of others.
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-240}

scripts/install-deps.sh ci
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGLOSS_FUZZ=ON -DGLOSS_BUILD_TESTS=OFF -DGLOSS_WERROR=ON
cmake --build build-fuzz

# seed TARGET CORPUS: the first inputs of a target.
seed() {
    local corpus=$2
    case "$1" in
    fuzz_theme_patterns)
        # Each pattern of the example codebook with its options, before the sample report's start.
        python3 - "$corpus" <<'PY'
import json, sys
text = open("examples/sample-report.txt", "rb").read()[:2000]
for tag in json.load(open("examples/codebook.json"))["tags"]:
    for i, p in enumerate(tag.get("patterns") or []):
        options = (p.get("case_sensitive", False) * 1) | (p.get("whole_word", False) * 2) | ("literal" in p) * 4
        source = (p.get("regex") or p.get("literal")).encode()
        open(f"{sys.argv[1]}/{tag['id']}-{i}", "wb").write(bytes([options]) + source + b"\n" + text)
PY
        ;;
    fuzz_pdf_source) python3 tests/cli/make_hostile_files.py pdf-content "$corpus/page.pdf" 300 ;;
    fuzz_docx_source) python3 tests/sources/make_docx.py report "$corpus/report.docx" ;;
    fuzz_html_source)
        python3 - "$corpus" <<'PY'
import html, sys
paragraphs = open("examples/sample-report.txt", encoding="utf-8").read().split("\n\n")[:20]
body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
open(f"{sys.argv[1]}/report.html", "w").write(f"<html><head><title>Report</title></head><body>{body}</body></html>")
PY
        ;;
    fuzz_qdpx_reader)
        build-fuzz/cli/gloss-cli export examples/sample-annotations.json --report examples/sample-report.txt \
            --format qdpx -o "$corpus/sample.qdpx" >/dev/null
        ;;
    *) cp examples/*.json "$corpus/" ;;
    esac
}

targets=(build-fuzz/tests/fuzz/fuzz_*)
seconds=$((total / ${#targets[@]}))
((seconds > 0)) || seconds=1
for target in "${targets[@]}"; do
    name=$(basename "$target")
    corpus="build-fuzz/corpus/$name"
    mkdir -p "$corpus"
    seed "$name" "$corpus"
    echo "== $name for ${seconds}s"
    log="build-fuzz/$name.log"
    if ! "$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="build-fuzz/$name-" \
        "$corpus" >"$log" 2>&1; then
        cat "$log"
        echo "$name found a failure; the input is saved as build-fuzz/$name-crash-*" >&2
        exit 1
    fi
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log"
done
