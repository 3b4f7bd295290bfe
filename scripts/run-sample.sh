#!/usr/bin/env bash
# Installs what is missing, builds Gloss (Release) and runs it on the bundled
# sample report: the facts of the report and its annotations, then the editor
# when there is a display to show it on.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh run
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DGLOSS_BUILD_TESTS=OFF
cmake --build build

build/cli/gloss-cli info examples/sample-report.txt
echo
build/cli/gloss-cli stats examples/sample-annotations.json
echo
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    exec build/gui/gloss
fi
echo "No display here: on a desktop, build/gui/gloss opens the sample in the editor."
