#!/usr/bin/env bash
# Keeps docs/plugin-guide.md honest. With a built Gloss it:
#  1. checks the guide still shows the commands this script runs;
#  2. installs the build into a temporary prefix (cmake --install);
#  3. copies the guide's plugin (its ```LANG file=NAME code blocks) into an
#     empty folder outside the repository, configures and builds it with the
#     guide's commands alone, and checks it used the installed SDK;
#  4. lists it with gloss-cli, and runs it over the installed sample report
#     with `gloss-cli highlight` and the guide's codebook;
#  5. runs its highlighter through the real PluginHost with settings, which
#     gloss-cli does not pass (gloss_guide_highlight);
#  6. copies the in-tree template plugins/examples/hello out of the repository,
#     unchanged but for its id, builds it with the guide's commands and lists
#     it.
# Any failure stops the script with a non-zero status. The last line is
# "N passed, M failed".
#
#   build_guide_plugin.sh --build-dir B --source-dir S --cli GLOSS_CLI --highlight DRIVER
# Set GLOSS_GUIDE_KEEP=1 to keep the temporary folder.
set -euo pipefail

build_dir="" source_dir="" cli="" highlight=""
while (($#)); do
    case "$1" in
    --build-dir) build_dir="$2" ;;
    --source-dir) source_dir="$2" ;;
    --cli) cli="$2" ;;
    --highlight) highlight="$2" ;;
    *)
        echo "usage: $0 --build-dir B --source-dir S --cli GLOSS_CLI --highlight DRIVER" >&2
        exit 2
        ;;
    esac
    shift 2
done
for value in "$build_dir" "$source_dir" "$cli" "$highlight"; do
    [[ -n "$value" ]] || { echo "usage: $0 --build-dir B --source-dir S --cli GLOSS_CLI --highlight DRIVER" >&2; exit 2; }
done
guide="$source_dir/docs/plugin-guide.md"

passed=0
step="setting up"
work=""
finish() {
    local status=$?
    if [[ -n "$work" && -z "${GLOSS_GUIDE_KEEP:-}" ]]; then rm -rf "$work"; fi
    if ((status != 0)); then
        echo "FAILED: $step (exit status $status)${work:+; rerun with GLOSS_GUIDE_KEEP=1 to keep $work}"
        echo "$passed passed, 1 failed"
    else
        echo "$passed passed, 0 failed"
    fi
}
trap finish EXIT
pass() {
    passed=$((passed + 1))
    echo "ok $passed - $step"
}
fail() {
    echo "$*" >&2
    return 1
}

# A clean environment: nothing but the guide's commands decides what is found.
unset CMAKE_PREFIX_PATH Gloss_DIR GLOSS_PLUGIN_PATH CMAKE_BUILD_TYPE
work="$(mktemp -d "${TMPDIR:-/tmp}/gloss-guide.XXXXXX")"
case "$work/" in "$source_dir"/*) fail "the temporary folder $work is inside the repository" ;; esac
export XDG_DATA_HOME="$work/xdg-data" # an empty per-user plugin folder
export TMPDIR="$work/tmp"             # where the host puts its private plugin copies
mkdir -p "$XDG_DATA_HOME" "$TMPDIR"
prefix="$work/prefix"
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi

# [1] The commands below are the guide's. ---------------------------------
step="the guide shows the commands this test runs"
# shellcheck disable=SC2016 # "$report" is the guide's text, not expanded here
for command in 'cmake --install build --prefix' 'find_package(Gloss REQUIRED)' 'gloss_add_plugin(' \
    'cmake -S . -B build -DCMAKE_PREFIX_PATH=' 'cmake --build build' 'gloss-cli plugins --plugin-dir build' \
    'report=~/.local/share/gloss/examples/sample-report.txt' \
    'gloss-cli highlight "$report" --highlighter shout --plugin-dir build --codebook codebook.json -o shout.json'; do
    grep -qF -- "$command" "$guide" || fail "docs/plugin-guide.md no longer shows: $command"
done
pass

# [2] Install Gloss. ----------------------------------------------------------
step="cmake --install $build_dir --prefix $prefix"
cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; false; }
for file in include/gloss/plugin.h include/gloss/plugin.hpp include/gloss/plugin_imgui.hpp \
    lib/cmake/Gloss/GlossConfig.cmake lib/cmake/Gloss/GlossConfigVersion.cmake \
    lib/cmake/Gloss/GlossTargets.cmake lib/cmake/Gloss/GlossPlugin.cmake \
    lib/libgloss_imgui.so bin/gloss-cli lib/gloss/example-plugins/hello.gloss-plugin; do
    [[ -e "$prefix/$file" ]] || fail "the install has no $file"
done
pass

# Configures and builds the plugin project in the current folder exactly as
# the guide says (plus -G Ninja where available), then checks that CMake found
# the installed SDK, not some other Gloss.
build_like_the_guide() {
    cmake -S . -B build "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" >configure.log 2>&1 ||
        { cat configure.log; return 1; }
    cmake --build build >build.log 2>&1 || { cat build.log; return 1; }
    local found
    found="$(sed -n 's/^Gloss_DIR:PATH=//p' build/CMakeCache.txt)"
    [[ "$found" == "$prefix/lib/cmake/Gloss" ]] || fail "find_package(Gloss) used '$found', not the installed SDK"
}

# Checks that a plugin file exports exactly the three plugin symbols.
exports_only_the_plugin_symbols() {
    command -v nm >/dev/null 2>&1 || return 0
    local symbols
    symbols="$(nm -D --defined-only "$1" | awk '{print $NF}' | sort | tr '\n' ' ')"
    [[ "$symbols" == "gloss_plugin_abi_version gloss_plugin_descriptor gloss_plugin_entry " ]] ||
        fail "$1 exports: $symbols"
}

# Runs `gloss-cli plugins` and checks it exits 0 (nothing refused) and lists
# the line `expected`.
lists_plugin() {
    local gloss_cli="$1" folder="$2" expected="$3" output
    output="$("$gloss_cli" plugins --plugin-dir "$folder")" || { echo "$output"; fail "gloss-cli plugins refused a file"; }
    echo "$output"
    grep -qxF -- "$expected" <<<"$output" || fail "gloss-cli plugins does not list: $expected"
}

# [3] The guide's plugin, from the guide's code blocks alone. ------------------
step="extract the guide's file= code blocks into an empty folder"
plugin="$work/shout"
mkdir "$plugin"
# A block opens with ```LANG file=NAME and closes with ```.
awk -v folder="$plugin" '
    /^```[A-Za-z0-9+]* +file=/ { name = $0; sub(/.*file=/, "", name); sub(/[ \t].*/, "", name);
                                out = folder "/" name; printf "" > out; files++; next }
    out && /^```/              { close(out); out = ""; next }
    out                        { print > out }
    END                        { if (out) { print "unterminated block " out > "/dev/stderr"; exit 1 }
                                 if (files < 2) { print "fewer than two file= blocks" > "/dev/stderr"; exit 1 } }
' "$guide"
ls "$plugin"
[[ -s "$plugin/CMakeLists.txt" ]] || fail "the guide has no file=CMakeLists.txt block"
pass

step="configure and build the guide's plugin against the installed SDK"
(cd "$plugin" && build_like_the_guide)
[[ -f "$plugin/build/shout.gloss-plugin" ]] || fail "no build/shout.gloss-plugin"
exports_only_the_plugin_symbols "$plugin/build/shout.gloss-plugin"
pass

# [4] Load it and run it. --------------------------------------------------------
step="gloss-cli lists the guide's plugin with --plugin-dir build"
lists_plugin "$cli" "$plugin/build" "$(printf 'shout\t1.0.0\thighlighter\t%s' "$plugin/build/shout.gloss-plugin")"
pass

step="copied into \$XDG_DATA_HOME/gloss/plugins, it loads without --plugin-dir"
mkdir -p "$XDG_DATA_HOME/gloss/plugins"
cp "$plugin/build/shout.gloss-plugin" "$XDG_DATA_HOME/gloss/plugins/"
output="$("$cli" plugins)" || { echo "$output"; fail "gloss-cli plugins refused a file"; }
echo "$output"
grep -qxF -- "$(printf 'shout\t1.0.0\thighlighter\t%s' "$XDG_DATA_HOME/gloss/plugins/shout.gloss-plugin")" <<<"$output" ||
    fail "shout is not loaded from \$XDG_DATA_HOME/gloss/plugins"
rm "$XDG_DATA_HOME/gloss/plugins/shout.gloss-plugin"
pass

step="gloss-cli highlight runs shout over the installed sample report, as the guide does"
report="$prefix/share/gloss/examples/sample-report.txt"
[[ -f "$plugin/codebook.json" ]] || fail "the guide has no file=codebook.json block"
output="$(cd "$plugin" && "$cli" highlight "$report" --highlighter shout --plugin-dir build \
    --codebook codebook.json -o shout.json)"
echo "$output"
grep -qE '^[1-9][0-9]* matches: [1-9][0-9]* new annotations, 0 already present$' <<<"$output" ||
    fail "unexpected output from gloss-cli highlight"
output="$("$cli" stats "$plugin/shout.json")"
grep -qE '^ +shouting +[1-9]' <<<"$output" || { echo "$output"; fail "stats shows no annotations tagged shouting"; }
grep -qE '^ +plugin:shout +[1-9]' <<<"$output" || { echo "$output"; fail "stats shows no origin plugin:shout"; }
pass

# [5] Run its highlighter. -------------------------------------------------------
text='Ünïcode first: the EDI team met NHS staff in 2024 (CO2, A, Café, ÉCOLE, x86); WRES!'
step="shout marks the words in capitals, with its default tag"
output="$("$highlight" "$plugin/build/shout.gloss-plugin" shout '{}' "$text")"
echo "$output"
expected=$'21 24 shouting EDI\n34 37 shouting NHS\n53 56 shouting CO2\n82 86 shouting WRES\ndropped 0'
[[ "$output" == "$expected" ]] || fail "expected:"$'\n'"$expected"
pass

step="shout takes its tag from its settings"
output="$("$highlight" "$plugin/build/shout.gloss-plugin" shout '{"tag": "capitals"}' "$text")"
echo "$output"
[[ "$output" == "${expected//shouting/capitals}" ]] || fail "expected:"$'\n'"${expected//shouting/capitals}"
pass

step="an empty tag setting refuses shout with its init message"
if output="$("$highlight" "$plugin/build/shout.gloss-plugin" shout '{"tag": ""}' "$text" 2>&1)"; then
    fail "shout loaded with an empty tag: $output"
fi
echo "$output"
grep -qF 'init failed: setting "tag" is empty' <<<"$output" || fail "unexpected refusal: $output"
pass

# [6] The in-tree template, copied out of the repository. -----------------------
step="the hello template, copied as it is, builds out of the tree with find_package(Gloss)"
template="$work/hello"
cp -r "$source_dir/plugins/examples/hello" "$template"
# As the template says, a copy gets its own id (the installed hello has "hello").
sed -i 's/^\( *\)"hello",$/\1"hello-copy",/' "$template/hello.cpp"
grep -q '"hello-copy",' "$template/hello.cpp" || fail "could not rename the id in hello.cpp"
(cd "$template" && build_like_the_guide)
exports_only_the_plugin_symbols "$template/build/hello.gloss-plugin"
pass

step="gloss-cli lists the copied template"
lists_plugin "$cli" "$template/build" \
    "$(printf 'hello-copy\t1.0.0\thighlighter,panel\t%s' "$template/build/hello.gloss-plugin")"
pass

step="done"
