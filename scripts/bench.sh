#!/usr/bin/env bash
# Builds the benchmarks in a separate Release tree (build-bench/) and runs them.
# Each prints its figures beside a peer measured in the same run; the ratio is
# the figure, and nothing fails on it (docs/architecture.md,
# "Tests and benchmarks"). Extra arguments go to the
# benchmark, e.g.  scripts/bench.sh --repeats 3   or   --python /usr/bin/python3
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh bench
command -v python3 >/dev/null || { echo "bench.sh: python3 (the peer) is not installed" >&2; exit 2; }

# Warnings are not errors here: the test builds are the warnings gate, and GCC 12
# at -O3 reports a false -Wrestrict on std::string concatenation (GCC bug 105329).
build=build-bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGLOSS_BUILD_BENCH=ON -DGLOSS_BUILD_TESTS=OFF \
    -DGLOSS_WERROR=OFF
cmake --build "$build" --target gloss_bench_annotation_io
"$build/bench/gloss_bench_annotation_io" "$@"
cmake --build "$build" --target gloss_bench_plugin_boundary && "$build/bench/plugin_boundary/gloss_bench_plugin_boundary"
cmake --build "$build" --target gloss_bench_themes && "$build/bench/themes/gloss_bench_themes"
cmake --build "$build" --target gloss_bench_highlight && "$build/bench/highlight/gloss_bench_highlight"
cmake --build "$build" --target gloss_bench_merge && "$build/bench/merge/gloss_bench_merge"
cmake --build "$build" --target gloss_bench_reanchor && "$build/bench/reanchor/gloss_bench_reanchor"
cmake --build "$build" --target gloss_bench_import && "$build/bench/import/gloss_bench_import"
cmake --build "$build" --target gloss_bench_gui && "$build/bench/gui/gloss_bench_gui"
cmake --build "$build" --target gloss-cli themes && python3 bench/corpus/corpus_bench.py --cli "$build/cli/gloss-cli" --source-dir .
