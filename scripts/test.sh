#!/usr/bin/env bash
# Installs what is missing, builds Gloss with its tests and runs them all.
#   scripts/test.sh              warnings as errors, optimised with debug info
#   scripts/test.sh --sanitize   the same under AddressSanitizer + UBSan
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-test
options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ "${1:-}" == "--sanitize" ]]; then
    build=build-asan
    options=(-DCMAKE_BUILD_TYPE=Debug -DGLOSS_SANITIZE=ON)
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
fi

scripts/install-deps.sh test
cmake -S . -B "$build" -G Ninja -DGLOSS_BUILD_TESTS=ON -DGLOSS_WERROR=ON "${options[@]}"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure
