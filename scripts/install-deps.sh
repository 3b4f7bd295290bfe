#!/usr/bin/env bash
# Installs the Debian 12 packages Gloss needs that are not there yet.
#   scripts/install-deps.sh run    build and run Gloss
#   scripts/install-deps.sh test   ... and run its tests
#   scripts/install-deps.sh ci     ... and the sanitizer and fuzzing builds
#   scripts/install-deps.sh bench  ... and the peers the benchmarks run
# An entry PACKAGE=COMMAND is satisfied by COMMAND on the PATH too: Node.js
# may come from elsewhere than Debian, and Debian's npm conflicts with it.
set -euo pipefail

group=${1:-run}
run_packages=(g++ cmake ninja-build pkg-config nlohmann-json3-dev libssl-dev libimgui-dev libstb-dev libvectorscan-dev libglfw3-dev python3-glad libfontconfig-dev fonts-dejavu-core libzip-dev libxml2-dev libpoppler-cpp-dev libpcre2-dev zlib1g-dev libunibreak-dev
    libutf8proc-dev libharfbuzz-dev libfribidi-dev libfreetype-dev
    fonts-noto-core fonts-wqy-microhei fonts-noto-color-emoji)
test_packages=(doctest-dev python3 python3-jsonschema git libxml2-utils libcairo2-dev poppler-utils qpdf nodejs=node npm=npm xvfb xauth xdotool parallel
    libreoffice-calc-nogui pango1.0-tools tesseract-ocr tesseract-ocr-ara tesseract-ocr-heb tesseract-ocr-chi-sim
    tesseract-ocr-ben tesseract-ocr-hin)
ci_packages=(clang libclang-rt-14-dev)
bench_packages=(python3 ripgrep git libcairo2-dev poppler-utils xvfb xauth)

packages=("${run_packages[@]}")
case "$group" in
run) ;;
test) packages+=("${test_packages[@]}") ;;
ci) packages+=("${test_packages[@]}" "${ci_packages[@]}") ;;
bench) packages+=("${bench_packages[@]}") ;;
*) echo "install-deps.sh: unknown group '$group' (run, test, ci or bench)" >&2; exit 2 ;;
esac

missing=()
for entry in "${packages[@]}"; do
    package=${entry%%=*}
    if [[ "$entry" == *=* ]] && command -v "${entry#*=}" >/dev/null; then
        continue
    fi
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
    sudo=()
elif command -v sudo >/dev/null; then
    sudo=(sudo)
else
    echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2
    exit 2
fi
echo "Installing: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
