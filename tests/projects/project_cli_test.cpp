// gloss-cli on a project of real reports: a text report with emoji and CRLF
// line ends, a PDF drawn with cairo and a DOCX laid out as Word does; two
// coders; a report that goes missing; hostile project files.

#include "pdf_writer.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

using namespace gloss::test;
using Json = nlohmann::ordered_json;

namespace {

// A line with an astral character and CRLF line ends: offsets in code points
// differ from UTF-16 units and from bytes after it.
constexpr std::string_view kInterview = "Interview 7 \xF0\x9F\x98\x80 (ward manager)\r\n"
                                        "I was afraid of reprisal when I spoke up about bullying.\r\n"
                                        "Our leadership culture has changed since the review.\r\n";

ProcessResult cli(const std::vector<std::string>& arguments) {
    const ProcessResult result = runCli(arguments);
    INFO("gloss-cli ", arguments.front(), ": ", result.err);
    return result;
}

void succeeds(const std::vector<std::string>& arguments) {
    const ProcessResult result = runCli(arguments);
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
}

Json json(const std::vector<std::string>& arguments, int exitCode = 0) {
    const ProcessResult result = runCli(arguments);
    INFO(result.err);
    REQUIRE(result.exitCode == exitCode);
    return Json::parse(result.out);
}

// The code-point offsets Python's str.index gives for `quote` in the file,
// read with newline='' so that CRLF stays two code points.
std::pair<uint64_t, uint64_t> pythonOffsets(const std::filesystem::path& report, std::string_view quote) {
    const ProcessResult python =
        run("/usr/bin/env", {"python3", "-c",
                             "import sys; t = open(sys.argv[1], encoding='utf-8', newline='').read(); "
                             "q = sys.argv[2]; s = t.index(q); print(s, s + len(q))",
                             report.string(), std::string(quote)});
    REQUIRE(python.exitCode == 0);
    uint64_t start = 0, end = 0;
    std::sscanf(python.out.c_str(), "%lu %lu", &start, &end);
    return {start, end};
}

// A project of three reports with the bundled codebook, in `dir`/study.
struct Study {
    TempDir dir;
    std::filesystem::path project = dir / "study";
    std::filesystem::path interview = dir.write("reports/interview-7.txt", kInterview);
    std::filesystem::path pdf = dir / "reports" / "north-trust.pdf";
    std::filesystem::path docx = dir / "reports" / "south-trust.docx";

    Study() {
        writePdf(pdf, {{{"North trust review.", "Staff described a fear of reprisal on every ward."}},
                       {{"Leadership culture was closed and defensive."}}});
        const ProcessResult made = run("/usr/bin/env", {"python3", GLOSS_MAKE_DOCX, "report", docx.string()});
        REQUIRE_MESSAGE(made.exitCode == 0, made.err);
        succeeds({"project", "init", project.string(), "--codebook",
                  sourcePath("examples/codebook.json").string(), "--name", "Trust reports"});
        succeeds({"project", "add", project.string(), interview.string(), "--attribute", "role=ward manager",
                  "--attribute", "region=North"});
        succeeds({"project", "add", project.string(), pdf.string(), "--attribute=region=North"});
        succeeds({"project", "add", project.string(), docx.string(), "--attribute", "region=South"});
    }

    Json tag(const std::filesystem::path& report, const std::vector<std::string>& arguments) {
        std::vector<std::string> all{"tag", report.string(), "--project", project.string()};
        all.insert(all.end(), arguments.begin(), arguments.end());
        const ProcessResult result = runCli(all);
        INFO(result.err);
        REQUIRE(result.exitCode == 0);
        return Json::parse(readText(project / "annotations" / (report.filename().string() + ".gloss.json")));
    }
};

// What matters of an annotation when two runs make it: not its id or time.
std::set<std::tuple<uint64_t, uint64_t, std::string, std::string>> content(const Json& file) {
    std::set<std::tuple<uint64_t, uint64_t, std::string, std::string>> out;
    for (const auto& a : file["annotations"])
        out.emplace(a["start"].get<uint64_t>(), a["end"].get<uint64_t>(), a["tags"].dump(),
                    a["quote"].dump());
    return out;
}

} // namespace

TEST_CASE("project: three reports of three kinds are listed with their attributes, never copied or changed") {
    Study study;
    const std::string before = readText(study.interview);
    const Json project = Json::parse(readText(study.project / "gloss-project.json"));
    CHECK(project["format"] == "gloss.project");
    CHECK(project["name"] == "Trust reports");
    CHECK(project["codebook"] == "codebook.json");
    REQUIRE(project["reports"].size() == 3);
    CHECK(project["reports"][0]["path"] == "../reports/interview-7.txt");
    CHECK(project["reports"][0]["attributes"]["role"] == "ward manager");
    CHECK(project["reports"][1]["attributes"]["region"] == "North");
    CHECK(std::filesystem::exists(study.project / "codebook.json"));
    CHECK_FALSE(std::filesystem::exists(study.project / "reports"));

    const Json listing = json({"project", "list", study.project.string(), "--json"});
    REQUIRE(listing["reports"].size() == 3);
    for (const auto& report : listing["reports"]) {
        CHECK(report["status"] == "ok");
        CHECK(report["annotation_count"] == 0);
    }
    CHECK(readText(study.interview) == before);
}

TEST_CASE("project: passages coded in two reports by two coders are retrieved with their sub-codes") {
    Study study;
    const Json interview =
        study.tag(study.interview, {"--quote", "afraid of reprisal", "--tag", "speaking-up", "--author",
                                    "alice", "--note", "Compare with the survey."});
    const auto [start, end] = pythonOffsets(study.interview, "afraid of reprisal");
    REQUIRE(interview["annotations"].size() == 1);
    CHECK(interview["annotations"][0]["start"] == start);
    CHECK(interview["annotations"][0]["end"] == end);
    study.tag(study.interview,
              {"--quote", "leadership culture", "--tag", "accountability", "--author", "bob"});
    study.tag(study.pdf, {"--quote", "fear of reprisal", "--tag", "speaking-up", "--author", "bob"});
    // "senior-representation" is a sub-code of "representation" in the bundled codebook.
    study.tag(study.pdf,
              {"--quote", "Leadership culture", "--tag", "senior-representation", "--author", "alice"});

    const Json all = json({"segments", study.project.string(), "--tag", "speaking-up", "--json"});
    REQUIRE(all["segments"].size() == 2);
    CHECK(all["segments"][0]["report"] == "../reports/interview-7.txt");
    CHECK(all["segments"][0]["quote"] == "afraid of reprisal");
    CHECK(all["segments"][0]["start"] == start);
    CHECK(all["segments"][0]["author"] == "alice");
    CHECK(all["segments"][0]["note"] == "Compare with the survey.");
    CHECK(all["segments"][1]["report"] == "../reports/north-trust.pdf");
    CHECK(all["segments"][1]["quote"] == "fear of reprisal");

    CHECK(
        json({"segments", study.project.string(), "--tag", "representation", "--json"})["segments"].size() ==
        1);
    CHECK(
        json({"segments", study.project.string(), "--tag", "representation", "--exact", "--json"})["segments"]
            .empty());
    CHECK(json({"segments", study.project.string(), "--tag", "speaking-up", "--author", "bob",
                "--json"})["segments"]
              .size() == 1);
    const Json south = json({"segments", study.project.string(), "--tag", "speaking-up", "--attribute",
                             "role=ward manager", "--json"});
    REQUIRE(south["segments"].size() == 1);
    CHECK(south["segments"][0]["report"] == "../reports/interview-7.txt");

    const ProcessResult csv = cli({"segments", study.project.string(), "--tag", "speaking-up", "--csv"});
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.starts_with(R"("report","start","end","quote","tags","author","note","id")"
                              "\r\n"));
    CHECK(csv.out.find(R"("../reports/north-trust.pdf",)") != std::string::npos);

    const Json stats = json({"stats", study.project.string(), "--json"});
    CHECK(stats["annotations"] == 4);
    CHECK(stats["by_tag"]["speaking-up"] == 2);
    CHECK(stats["by_theme"]["representation"] == 1);
    CHECK(stats["by_author"]["alice"] == 2);
    CHECK(stats["by_report"]["../reports/south-trust.docx"] == 0);
}

TEST_CASE("project: codes that meet in a passage are counted per report") {
    Study study;
    study.tag(study.interview, {"--quote", "afraid of reprisal when I spoke up", "--tag", "speaking-up"});
    study.tag(study.interview, {"--quote", "reprisal", "--tag", "wellbeing"});
    study.tag(study.pdf, {"--quote", "fear of reprisal", "--tag", "speaking-up"});
    study.tag(study.pdf, {"--quote", "fear of reprisal", "--tag", "wellbeing"});
    const Json met = json({"cooccur", study.project.string(), "--json"});
    REQUIRE(met["cooccurrences"].size() == 1);
    const Json& pair = met["cooccurrences"][0];
    CHECK(pair["codes"] == Json::array({"speaking-up", "wellbeing"}));
    CHECK(pair["passages"] == 2);
    CHECK(pair["codepoints"] ==
          std::string_view("reprisal").size() + std::string_view("fear of reprisal").size());
    CHECK(pair["reports"]["../reports/interview-7.txt"] == 1);
    CHECK(pair["reports"]["../reports/north-trust.pdf"] == 1);
}

TEST_CASE("project: highlight with two workers writes what one worker writes") {
    Study study;
    TempDir other;
    std::filesystem::copy(study.dir.path(), other.path(), std::filesystem::copy_options::recursive);
    const std::filesystem::path second = other / "study";
    const ProcessResult one = cli({"highlight", "--project", study.project.string(), "-j", "1"});
    REQUIRE(one.exitCode == 0);
    const ProcessResult two = cli({"highlight", "--project", second.string(), "-j", "2"});
    REQUIRE(two.exitCode == 0);
    CHECK(one.out == two.out);
    size_t matched = 0;
    for (const char* name : {"interview-7.txt", "north-trust.pdf", "south-trust.docx"}) {
        const std::string file = std::string("annotations/") + name + ".gloss.json";
        const Json a = Json::parse(readText(study.project / file));
        const Json b = Json::parse(readText(second / file));
        CHECK(content(a) == content(b));
        matched += a["annotations"].size();
    }
    CHECK(matched > 0);
    // Highlighting again finds every match already present: no line of a
    // report, nor the total, adds one.
    const ProcessResult again = cli({"highlight", "--project", study.project.string()});
    REQUIRE(again.exitCode == 0);
    size_t unchanged = 0;
    for (size_t at = again.out.find(": 0 new annotations"); at != std::string::npos;
         at = again.out.find(": 0 new annotations", at + 1))
        ++unchanged;
    CHECK(unchanged == 4);
}

TEST_CASE("project: a report that went missing is named, and the rest of the project still works") {
    Study study;
    study.tag(study.interview, {"--quote", "afraid of reprisal", "--tag", "speaking-up"});
    std::filesystem::rename(study.pdf, study.dir / "elsewhere.pdf");

    const ProcessResult list = cli({"project", "list", study.project.string(), "--json"});
    CHECK(list.exitCode == 1);
    const Json listing = Json::parse(list.out);
    CHECK(listing["reports"][0]["status"] == "ok");
    CHECK(listing["reports"][1]["status"] == "missing");
    CHECK(listing["reports"][1]["error"].get<std::string>().find("north-trust.pdf") != std::string::npos);

    CHECK(json({"segments", study.project.string(), "--tag", "speaking-up", "--json"})["segments"].size() ==
          1);

    const ProcessResult highlight = cli({"highlight", "--project", study.project.string(), "-j", "2"});
    CHECK(highlight.exitCode == 2);
    CHECK(highlight.err.find("north-trust.pdf") != std::string::npos);
    CHECK(std::filesystem::exists(study.project / "annotations/south-trust.docx.gloss.json"));
    CHECK_FALSE(std::filesystem::exists(study.project / "annotations/north-trust.pdf.gloss.json"));
}

TEST_CASE("project: wrong use and hostile project files are refused by one line, and nothing changes") {
    Study study;
    const std::filesystem::path file = study.project / "gloss-project.json";
    const std::string before = readText(file);

    SUBCASE("adding a report that does not exist leaves the project as it was") {
        const ProcessResult result = cli({"project", "add", study.project.string(), study.interview.string(),
                                          (study.dir / "none.txt").string()});
        CHECK(result.exitCode == 2);
        CHECK(result.err == (study.dir / "none.txt").string() + ": not a file\n");
        CHECK(readText(file) == before);
    }
    SUBCASE("a report that is not UTF-8 is refused when it is added") {
        const auto latin = study.dir.write("latin.txt", "caf\xE9\n");
        const ProcessResult result = cli({"project", "add", study.project.string(), latin.string()});
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("byte 3") != std::string::npos);
        CHECK(readText(file) == before);
        succeeds({"project", "add", study.project.string(), latin.string(), "--encoding", "windows-1252"});
        CHECK(Json::parse(readText(file))["reports"][3]["encoding"] == "windows-1252");
    }
    SUBCASE("a project twice in one folder") {
        const ProcessResult result = cli({"project", "init", study.project.string()});
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("exists already") != std::string::npos);
        CHECK(readText(file) == before);
    }
    SUBCASE("tagging a report the project does not list") {
        const auto stray = study.dir.write("stray.txt", "afraid of reprisal");
        const ProcessResult result = cli({"tag", stray.string(), "--project", study.project.string(),
                                          "--quote", "afraid", "--tag", "speaking-up"});
        CHECK(result.exitCode == 2);
        CHECK(result.err == stray.string() + ": not a report of " + file.string() +
                                " (add it with gloss-cli project add)\n");
    }
    SUBCASE("an annotation file outside the folder is never written") {
        Json hostile = Json::parse(before);
        hostile["reports"][0]["annotations"] = "../../victim.json";
        study.dir.write("study/gloss-project.json", hostile.dump());
        const ProcessResult result =
            cli({"tag", study.interview.string(), "--project", study.project.string(), "--quote", "afraid",
                 "--tag", "speaking-up"});
        CHECK(result.exitCode == 2);
        CHECK(result.err ==
              file.string() +
                  ": reports[0].annotations: \"../../victim.json\" is not a path inside the project "
                  "folder\n");
        CHECK_FALSE(std::filesystem::exists(study.dir.path().parent_path() / "victim.json"));
    }
    SUBCASE("a newer project version") {
        Json newer = Json::parse(before);
        newer["version"] = 2;
        study.dir.write("study/gloss-project.json", newer.dump());
        const ProcessResult result = cli({"stats", study.project.string()});
        CHECK(result.exitCode == 2);
        CHECK(result.err ==
              file.string() +
                  ": version: 2 is newer than this Gloss reads (1); update Gloss to open this project\n");
    }
    SUBCASE("a code the codebook does not have") {
        const ProcessResult result = cli({"segments", study.project.string(), "--tag", "nonsense"});
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("no tag 'nonsense' in the project's codebook") != std::string::npos);
    }
    SUBCASE("highlight takes either a report or a project") {
        const ProcessResult result =
            cli({"highlight", study.interview.string(), "--project", study.project.string()});
        CHECK(result.exitCode == 2);
        CHECK(cli({"highlight", "--project", study.project.string(), "-j", "0"}).exitCode == 2);
    }
}
