// The limits of plugins/sdk/include/gloss/limits.hpp through the real gloss-cli on
// generated hostile files: each is refused with exit code 2 and one line naming
// the file, the limit and the setting that raises it; raising the setting lets
// the same file through. Only regular files are opened: a FIFO or a device is
// refused without waiting on it (each run is under `timeout`, so a wait fails
// the test rather than hanging it).

#include "process.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <cstdio>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

using namespace gloss::test;
using Json = nlohmann::json;

namespace {

ProcessResult runLimited(const std::vector<std::string>& arguments,
                         const std::vector<std::string>& environment = {}) {
    std::vector<std::string> words{"30", GLOSS_CLI};
    words.insert(words.end(), arguments.begin(), arguments.end());
    return run("/usr/bin/timeout", words, environment);
}

// gloss-cli refuses: exit 2, nothing on stdout, one line on stderr that
// starts with `file` and holds every one of `fragments`.
void checkRefused(const ProcessResult& result, const std::string& file,
                  const std::vector<std::string>& fragments) {
    INFO(result.out << result.err);
    CHECK(result.exitCode == 2);
    CHECK(result.out == "");
    CHECK(result.err.starts_with(file + ": "));
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    for (const std::string& fragment : fragments)
        CHECK_MESSAGE(result.err.find(fragment) != std::string::npos, fragment);
}

Json codebookWith(const Json& patterns) {
    return {{"format", "gloss.codebook"},
            {"version", 1},
            {"tags", Json::array({{{"id", "t"}, {"color", "#000000"}, {"patterns", patterns}}})}};
}

} // namespace

TEST_CASE("limits: only regular files are opened; a FIFO or a device is refused at once") {
    TempDir dir;
    const std::string fifo = (dir.path() / "pipe").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string report = dir.write("report.txt", "Staff said the training helped.\n").string();
    const std::string out = (dir.path() / "out.json").string();

    SUBCASE("a FIFO as report") {
        checkRefused(runLimited({"info", fifo}), fifo, {"is a pipe (FIFO), not a file"});
    }
    SUBCASE("a FIFO as annotation file") {
        checkRefused(runLimited({"stats", fifo}), fifo, {"is a pipe (FIFO), not a file"});
    }
    SUBCASE("a FIFO as codebook") {
        checkRefused(runLimited({"highlight", report, "--codebook", fifo, "-o", out}), fifo,
                     {"is a pipe (FIFO), not a file"});
    }
    SUBCASE("a character device as report (/dev/zero would never end)") {
        checkRefused(runLimited({"info", "/dev/null"}), "/dev/null", {"is a character device, not a file"});
    }
    CHECK(!std::filesystem::exists(out));
}

TEST_CASE("limits: a file over GLOSS_MAX_FILE_BYTES is refused before it is read") {
    TempDir dir;
    const std::string report = dir.write("report.txt", std::string(2000, 'x')).string();
    checkRefused(runLimited({"info", report}, {"GLOSS_MAX_FILE_BYTES=1000"}), report,
                 {"file size: 2000 bytes, more than the limit of 1000 bytes", "GLOSS_MAX_FILE_BYTES"});
    CHECK(runLimited({"info", report}, {"GLOSS_MAX_FILE_BYTES=2000"}).exitCode == 0);
}

TEST_CASE("limits: codebook patterns are bounded in number and length before anything is compiled") {
    TempDir dir;
    const std::string report = dir.write("report.txt", "Staff said the training helped.\n").string();
    const std::string out = (dir.path() / "out.json").string();

    SUBCASE("501 regexes") {
        Json patterns = Json::array();
        for (int i = 0; i < 501; ++i) patterns.push_back({{"regex", "w" + std::to_string(i) + "x+y"}});
        const std::string book = dir.write("codebook.json", codebookWith(patterns).dump()).string();
        checkRefused(runLimited({"highlight", report, "--codebook", book, "-o", out}), book,
                     {"tags[0].patterns: regex patterns in a codebook: more than the limit of 500 regexes",
                      "GLOSS_MAX_CODEBOOK_REGEXES"});
        const std::string fewer =
            dir.write("fewer.json", codebookWith(Json::array({patterns[0], patterns[1], patterns[2]})).dump())
                .string();
        checkRefused(runLimited({"highlight", report, "--codebook", fewer, "-o", out},
                                {"GLOSS_MAX_CODEBOOK_REGEXES=2"}),
                     fewer, {"more than the limit of 2 regexes"});
        CHECK(runLimited(
                  {"highlight", report, "--codebook", fewer, "-o", (dir.path() / "raised.json").string()},
                  {"GLOSS_MAX_CODEBOOK_REGEXES=3"})
                  .exitCode == 0);
    }
    SUBCASE("10,001 literals") {
        Json patterns = Json::array();
        for (int i = 0; i < 10'001; ++i) patterns.push_back({{"literal", "w" + std::to_string(i)}});
        const std::string book = dir.write("codebook.json", codebookWith(patterns).dump()).string();
        checkRefused(
            runLimited({"highlight", report, "--codebook", book, "-o", out}), book,
            {"patterns in a codebook: more than the limit of 10000 patterns", "GLOSS_MAX_CODEBOOK_PATTERNS"});
    }
    SUBCASE("a regex of 5,000 bytes") {
        const std::string book =
            dir.write("codebook.json",
                      codebookWith(Json::array({{{"regex", std::string(5000, 'a')}}})).dump())
                .string();
        checkRefused(
            runLimited({"highlight", report, "--codebook", book, "-o", out}), book,
            {"tags[0].patterns[0].regex: pattern length: 5000 bytes, more than the limit of 4096 bytes",
             "GLOSS_MAX_PATTERN_BYTES"});
    }
    CHECK(!std::filesystem::exists(out));
}

TEST_CASE("limits: a pattern the themes plugin refuses is named in one short line, however long it is") {
    TempDir dir;
    const std::string report = dir.write("report.txt", "Staff said the training helped.\n").string();
    const std::string out = (dir.path() / "out.json").string();
    // A megabyte regex, let through by a raised length limit, that does not compile; and a line break.
    const std::string book =
        dir.write("codebook.json", codebookWith(Json::array({{{"regex", "(" + std::string(1'000'000, 'a')}},
                                                             {{"regex", "a\nb("}}}))
                                       .dump())
            .string();
    const ProcessResult result =
        runLimited({"highlight", report, "--codebook", book, "-o", out}, {"GLOSS_MAX_PATTERN_BYTES=2000000"});
    INFO(result.err.substr(0, 2000));
    std::vector<std::string> lines;
    for (size_t at = 0; at < result.err.size();) {
        const size_t end = std::min(result.err.find('\n', at), result.err.size());
        lines.push_back(result.err.substr(at, end - at));
        at = end + 1;
    }
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("regex \"(" + std::string(39, 'a') + "\u2026\": ") != std::string::npos);
    CHECK(lines[0].size() < 200);
    CHECK(lines[1].find("tags[0].patterns[1]: theme \"t\" (t), regex \"a\\nb(\": ") != std::string::npos);
}

TEST_CASE("limits: a codebook of one long chain of sub-codes is checked and counted in one walk, not one "
          "per code") {
    // 8,000 codes, each under the one before (450 KB): checking every code's way
    // up by scanning the codebook for each parent took cubic time, over ten
    // minutes here, where runLimited allows 30 seconds.
    TempDir dir;
    const std::string report = dir.write("report.txt", "Staff said the training helped.\n").string();
    Json book = {{"format", "gloss.codebook"}, {"version", 1}, {"tags", Json::array()}};
    for (int i = 0; i < 8000; ++i) {
        Json tag = {{"id", "t" + std::to_string(i)}, {"color", "#000000"}};
        if (i > 0) tag["parent"] = "t" + std::to_string(i - 1);
        book["tags"].push_back(tag);
    }
    const std::string chain = dir.write("chain.json", book.dump()).string();
    const ProcessResult highlighted =
        runLimited({"highlight", report, "--codebook", chain, "-o", (dir.path() / "out.json").string()});
    INFO(highlighted.err);
    CHECK(highlighted.exitCode == 0);

    // The same codebook in an annotation file whose 1,000 annotations carry
    // the deepest code: stats counts them under the top-level code t0.
    Json file = {{"format", "gloss.annotations"},
                 {"version", 1},
                 {"report",
                  {{"name", "report.txt"},
                   {"sha256", std::string(64, '0')},
                   {"codepoints", 32},
                   {"encoding", "utf-8"}}},
                 {"codebook", book},
                 {"annotations", Json::array()}};
    for (int i = 0; i < 1000; ++i) {
        char id[37];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
        file["annotations"].push_back({{"id", id},
                                       {"start", 0},
                                       {"end", 5},
                                       {"quote", "Staff"},
                                       {"prefix", ""},
                                       {"suffix", " said the training helped.\n"},
                                       {"tags", {"t7999"}}});
    }
    const std::string annotations = dir.write("coded.json", file.dump()).string();
    const ProcessResult stats = runLimited({"stats", annotations, "--json"});
    INFO(stats.err);
    REQUIRE(stats.exitCode == 0);
    CHECK(Json::parse(stats.out)["themes"] == Json{{"t0", 1000}});

    book["tags"][0]["parent"] = "t7999";
    const std::string cycle = dir.write("cycle.json", book.dump()).string();
    checkRefused(
        runLimited({"highlight", report, "--codebook", cycle, "-o", (dir.path() / "no.json").string()}),
        cycle, {"tags[0].parent: the parents of \"t0\" form a cycle"});
}

namespace {

// A hostile file made by make_hostile_files.py.
std::string makeHostile(const TempDir& dir, const std::string& kind, const std::string& name, size_t size) {
    const std::string out = (dir.path() / name).string();
    const ProcessResult made =
        run("/usr/bin/env", {"python3", GLOSS_MAKE_HOSTILE, kind, out, std::to_string(size)});
    REQUIRE_MESSAGE(made.exitCode == 0, made.err);
    return out;
}

} // namespace

TEST_CASE("limits: PDF content decoding past GLOSS_MAX_PDF_CONTENT_BYTES under Flate, LZW, RunLength or "
          "ASCII85 then Flate is refused before poppler reads it") {
    TempDir dir;
    // 200 KB of page content in a few KiB; the default limit is 64 MiB,
    // lowered here to keep the test small.
    for (const std::string kind : {"pdf-content", "pdf-lzw", "pdf-runlength", "pdf-a85-flate"}) {
        CAPTURE(kind);
        const std::string pdf = makeHostile(dir, kind, kind + ".pdf", 200'000);
        checkRefused(runLimited({"info", pdf}, {"GLOSS_MAX_PDF_CONTENT_BYTES=100000"}), pdf,
                     {"plugin pdf", "inflated PDF content: more than the limit of 100000 bytes",
                      "GLOSS_MAX_PDF_CONTENT_BYTES"});
        // Measured right: raised past its size, poppler reads the same stream's text.
        const ProcessResult raised = runLimited({"info", pdf}, {"GLOSS_MAX_PDF_CONTENT_BYTES=300000"});
        INFO(raised.err);
        CHECK(raised.exitCode == 0);
    }
}

TEST_CASE(
    "limits: a PDF stream deflated twice cannot be measured before poppler expands it, and is refused") {
    TempDir dir;
    const std::string pdf = makeHostile(dir, "pdf-flate-flate", "twice.pdf", 200'000);
    checkRefused(runLimited({"info", pdf}), pdf,
                 {"plugin pdf", "decompressed and then decoded again", "cannot be measured"});
}

TEST_CASE("limits: the text extracted from a PDF is bounded by GLOSS_MAX_PDF_TEXT_BYTES") {
    TempDir dir;
    const std::string pdf = makeHostile(dir, "pdf-text", "text.pdf", 60);
    checkRefused(runLimited({"info", pdf}, {"GLOSS_MAX_PDF_TEXT_BYTES=1000"}), pdf,
                 {"plugin pdf", "page 1: text extracted from a PDF: more than the limit of 1000 bytes",
                  "GLOSS_MAX_PDF_TEXT_BYTES"});
    const ProcessResult raised = runLimited({"info", pdf}, {"GLOSS_MAX_PDF_TEXT_BYTES=100000"});
    INFO(raised.err);
    CHECK(raised.exitCode == 0);
    CHECK(raised.out.find("lines       62") != std::string::npos);
}

TEST_CASE(
    "limits: a DOCX part over the compression ratio or with too many attributes is refused before parsing") {
    TempDir dir;
    SUBCASE("16 MiB of one letter deflated 1:1000") {
        const std::string docx = makeHostile(dir, "docx-ratio", "ratio.docx", 16u << 20);
        checkRefused(runLimited({"info", docx}), docx,
                     {"plugin docx", "zip entry \"word/document.xml\"", "compression ratio",
                      "more than the limit of 200 to 1", "GLOSS_MAX_ZIP_RATIO"});
        CHECK(runLimited({"info", docx}, {"GLOSS_MAX_ZIP_RATIO=2000"}).exitCode == 0);
    }
    SUBCASE("257 attributes on one element") {
        const std::string docx = makeHostile(dir, "docx-attributes", "attributes.docx", 257);
        checkRefused(
            runLimited({"info", docx}), docx,
            {"word/document.xml: XML attributes on one element: more than the limit of 256 attributes",
             "GLOSS_MAX_XML_ATTRIBUTES"});
    }
}

TEST_CASE(
    "limits: a .qdpx project.qde over the XML element, depth or attribute limits is refused before parsing") {
    TempDir dir;
    const std::string into = (dir.path() / "imported").string();
    SUBCASE("elements") {
        const std::string qdpx = makeHostile(dir, "qdpx-elements", "elements.qdpx", 2000);
        checkRefused(
            runLimited({"project", "import", qdpx, into}, {"GLOSS_MAX_XML_ELEMENTS=1000"}), qdpx,
            {"project.qde: XML elements: more than the limit of 1000 elements", "GLOSS_MAX_XML_ELEMENTS"});
    }
    SUBCASE("depth") {
        const std::string qdpx = makeHostile(dir, "qdpx-depth", "depth.qdpx", 300);
        checkRefused(runLimited({"project", "import", qdpx, into}), qdpx,
                     {"project.qde: XML nesting: more than the limit of 256 levels", "GLOSS_MAX_XML_DEPTH"});
    }
    SUBCASE("attributes") {
        const std::string qdpx = makeHostile(dir, "qdpx-attributes", "attributes.qdpx", 1000);
        checkRefused(runLimited({"project", "import", qdpx, into}), qdpx,
                     {"project.qde: XML attributes on one element: more than the limit of 256 attributes"});
    }
    CHECK(!std::filesystem::exists(into));
}

TEST_CASE("limits: a JSON string longer than any field may hold is refused before it is copied") {
    TempDir dir;
    const Json file = {
        {"format", "gloss.annotations"},
        {"version", 1},
        {"report",
         {{"name", "r.txt"}, {"sha256", std::string(64, '0')}, {"codepoints", 10}, {"encoding", "utf-8"}}},
        {"annotations", Json::array({{{"id", "a1"},
                                      {"start", 0},
                                      {"end", 5},
                                      {"quote", "Staff"},
                                      {"tags", Json::array({"t"})},
                                      {"note", std::string((64u << 20) + 1, 'x')}}})}};
    const std::string text = file.dump();
    const std::string path = dir.write("annotations.json", text).string();
    const size_t column = text.find("xxxx") - 1 + 1; // the note's opening quote, counted from 1
    checkRefused(runLimited({"stats", path}), path,
                 {"line 1, column " + std::to_string(column) + ": a string longer than 67108864 bytes"});
}

namespace {

// An annotation file for `report` with one annotation per range [start,
// start + 200) of it, each quote with every 25th byte changed (so only a
// fuzzy search finds it), recorded against `sha256`, each with `status`.
Json editedQuotes(const std::string& report, const std::vector<size_t>& starts, const std::string& sha256,
                  const std::string& status) {
    Json annotations = Json::array();
    for (size_t i = 0; i < starts.size(); ++i) {
        std::string quote = report.substr(starts[i], 200);
        for (size_t k = 0; k < quote.size(); k += 25) quote[k] = quote[k] == 'q' ? 'z' : 'q';
        annotations.push_back({{"id", "a" + std::to_string(i)},
                               {"start", starts[i]},
                               {"end", starts[i] + 200},
                               {"quote", quote},
                               {"tags", Json::array({"t"})},
                               {"status", status}});
    }
    return {
        {"format", "gloss.annotations"},
        {"version", 1},
        {"report",
         {{"name", "report.txt"}, {"sha256", sha256}, {"codepoints", report.size()}, {"encoding", "utf-8"}}},
        {"annotations", annotations}};
}

} // namespace

TEST_CASE("limits: the fuzzy re-anchoring search is bounded, and orphans on the same report are not searched "
          "again") {
    TempDir dir;
    // ASCII, so code points are bytes.
    std::string text;
    for (int i = 0; text.size() < 6000; ++i)
        text += "Paragraph " + std::to_string(i) + ": staff said the training helped them, mostly. ";
    const std::string report = dir.write("report.txt", text).string();

    SUBCASE("the work limit leaves the rest orphaned, and says so") {
        const std::string file =
            dir.write("annotations.json",
                      editedQuotes(text, {1000, 4000}, std::string(64, '0'), "anchored").dump())
                .string();
        const ProcessResult all = runLimited({"stats", file, "--report", report});
        INFO(all.err);
        CHECK(all.out.find("anchored 0, moved 2, orphaned 0") != std::string::npos);
        // One search costs 200 quote bytes times the 6 KB report.
        const ProcessResult bounded =
            runLimited({"stats", file, "--report", report}, {"GLOSS_MAX_FUZZY_ANCHOR_WORK=1500000"});
        INFO(bounded.out);
        CHECK(bounded.exitCode == 0);
        CHECK(
            bounded.out.find("anchored 0, moved 1, orphaned 1 (1 without a fuzzy search: fuzzy re-anchoring "
                             "work: more than the limit of 1500000 byte comparisons (set "
                             "GLOSS_MAX_FUZZY_ANCHOR_WORK to raise it))") != std::string::npos);
    }
    SUBCASE("an orphan recorded on this very report stays one; on another version it is searched for") {
        const ProcessResult info = runLimited({"info", report});
        const size_t at = info.out.find("sha256");
        REQUIRE(at != std::string::npos);
        const std::string sha256 = info.out.substr(info.out.find_first_not_of(' ', at + 6), 64);
        const std::string same =
            dir.write("same.json", editedQuotes(text, {1000}, sha256, "orphaned").dump()).string();
        CHECK(runLimited({"stats", same, "--report", report}).out.find("anchored 0, moved 0, orphaned 1") !=
              std::string::npos);
        const std::string other =
            dir.write("other.json", editedQuotes(text, {1000}, std::string(64, '0'), "orphaned").dump())
                .string();
        CHECK(runLimited({"stats", other, "--report", report}).out.find("anchored 0, moved 1, orphaned 0") !=
              std::string::npos);
    }
}
