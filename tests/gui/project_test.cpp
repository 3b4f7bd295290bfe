// Projects in the editor: the workspace (counts, files, codebook, segments,
// search and coding every hit) and the App with a project open, in headless
// frames with the built plugins.

#include "app.hpp"
#include "gloss/core/files.hpp"
#include "headless_imgui.hpp"
#include "platform/settings.hpp"
#include "project_workspace.hpp"
#include "scoped_env.hpp"
#include "segments_export.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

using namespace gloss::gui;
using gloss::test::sourcePath;
namespace core = gloss::core;
namespace annotations = gloss::annotations;

namespace {

const std::string kMinutes = "The board met.\nThe board heard about pay and the board agreed.\n";

// A project in a temporary folder: the sample report (coded by the built
// tagging plugin where a test asks), a short minutes file in windows-1252,
// and a report that is listed but missing; the example codebook.
struct ProjectFixture {
    gloss::test::TempDir folder;
    gloss::test::ScopedEnv data{"XDG_DATA_HOME", (folder / "data").string()};
    gloss::test::ScopedEnv state{"XDG_STATE_HOME", (folder / "state").string()};
    gloss::test::ScopedEnv config{"XDG_CONFIG_HOME", (folder / "config").string()};
    gloss::test::ScopedEnv author{"GLOSS_AUTHOR", "tester"};
    std::filesystem::path root = folder / "project";
    std::filesystem::path sample, minutes;

    ProjectFixture() {
        std::filesystem::create_directories(root / "reports");
        sample = root / "reports" / "sample-report.txt";
        std::filesystem::copy_file(sourcePath("examples/sample-report.txt"), sample);
        minutes = root / "reports" / "minutes.txt";
        std::string latin1 = kMinutes + "Caf\xe9 notes.\n"; // é in windows-1252
        core::writeFileAtomically(minutes, latin1);
        const auto gone = root / "reports" / "gone.txt";
        core::writeFileAtomically(gone, "soon gone\n");
        core::Project project;
        project.name = "Reviews";
        project.file = root / core::kProjectFileName;
        project.codebook = "codebook.json";
        core::saveCodebook(root / "codebook.json", core::loadCodebook(sourcePath("examples/codebook.json")));
        core::addReport(project, sample, {{"region", "North"}});
        core::addReport(project, minutes, {{"region", "South"}}).encoding = "windows-1252";
        core::addReport(project, gone, {{"region", "South"}});
        core::saveProject(project);
        std::filesystem::remove(gone);
    }
    std::filesystem::path annotationsOf(const std::string& name) const {
        return root / "annotations" / (name + ".gloss.json");
    }
    // Codes the first `phrase` of a report with `tag`, straight into its file.
    void code(const std::filesystem::path& report, const std::string& phrase, const std::string& tag,
              core::Encoding encoding = core::Encoding::Utf8) {
        core::PluginHost host;
        host.loadFolders({GLOSS_BUILTIN_PLUGIN_DIR});
        const core::Document document = core::loadReport(report, encoding, &host);
        const size_t at = document.utf8().find(phrase);
        REQUIRE(at != std::string_view::npos);
        SearchHit hit;
        hit.start = document.codepointOffset(at);
        hit.end = document.codepointOffset(at + phrase.size());
        const core::Project project = core::loadProject(root);
        const size_t index = static_cast<size_t>(project.findReport(report) - project.reports.data());
        hit.report = index;
        CHECK(codeHitsInFile(host, "tagging", project, index, core::loadCodebook(root / "codebook.json"),
                             {hit}, tag, "coder") == 1);
    }
};

std::vector<ReportSummary> countedSummaries(const ProjectWorkspace& workspace) {
    while (workspace.counting()) std::this_thread::yield();
    return workspace.summaries();
}

} // namespace

TEST_CASE(
    "project workspace: reports with their counts, a missing one as missing, and the files each opens with") {
    ProjectFixture fixture;
    fixture.code(fixture.sample, "the board", "discrimination");
    fixture.code(fixture.sample, "pay gap", "pay-gap");
    ProjectWorkspace workspace(fixture.root);
    REQUIRE(workspace.project().reports.size() == 3);
    const auto summaries = countedSummaries(workspace);
    CHECK(summaries[0].state == ReportSummary::State::Present);
    CHECK(summaries[0].annotations == 2);
    CHECK(summaries[1].state == ReportSummary::State::Present);
    CHECK(summaries[1].annotations == 0); // not coded yet
    CHECK(summaries[2].state == ReportSummary::State::Missing);
    CHECK(summaries[2].problem.find("gone.txt: no such file") != std::string::npos);

    const OpenRequest request = workspace.openRequest(1);
    CHECK(request.report == fixture.minutes);
    CHECK(request.annotations == fixture.annotationsOf("minutes.txt"));
    CHECK(request.codebook == fixture.root / "codebook.json");
    CHECK(request.encoding == core::Encoding::Windows1252);
    CHECK(workspace.indexOf(fixture.minutes) == std::optional<size_t>(1));
    CHECK(!workspace.indexOf(sourcePath("examples/sample-report.txt")));

    CHECK(workspace.filter("") == std::vector<size_t>{0, 1, 2});
    CHECK(workspace.filter("REGION=south") == std::vector<size_t>{1, 2});
    CHECK(workspace.filter("minutes") == std::vector<size_t>{1});
    CHECK(workspace.filter("nothing like it").empty());
}

TEST_CASE("project workspace: a bad project file is one error naming the file, not a crash") {
    gloss::test::TempDir folder;
    const auto file =
        folder.write("gloss-project.json",
                     R"({"format": "gloss.project", "version": 1, "codebook": "c.json", "reports": 3})");
    try {
        ProjectWorkspace workspace(folder.path());
        FAIL("a bad project was opened");
    } catch (const std::exception& e) {
        const std::string message = e.what();
        CHECK(message.find(file.string()) == 0);
        CHECK(message.find("reports") != std::string::npos);
    }
}

TEST_CASE("project workspace: edited tags go into the project's codebook file, and nothing else changes") {
    ProjectFixture fixture;
    ProjectWorkspace workspace(fixture.root);
    const auto path = fixture.root / "codebook.json";
    const std::string before = gloss::test::readText(path);
    annotations::Codebook edited = workspace.codebook();
    edited.tags[0].label = "Renamed";
    annotations::Tag fresh;
    fresh.id = "fresh";
    fresh.label = "Fresh";
    fresh.color = "#123456";
    fresh.parent = "representation";
    edited.tags.push_back(fresh);
    annotations::Tag fileOnly = fresh; // from an annotation file, not edited here: stays out
    fileOnly.id = "file-only";
    edited.tags.push_back(fileOnly);

    workspace.saveCodebook(edited, {});
    CHECK(gloss::test::readText(path) == before); // nothing edited, nothing written
    workspace.saveCodebook(edited, {edited.tags[0].id, "fresh"});
    annotations::Codebook saved = core::loadCodebook(path);
    CHECK(saved.tags[0].label == "Renamed");
    REQUIRE(saved.find("fresh"));
    CHECK(saved.find("fresh")->parent == "representation");
    CHECK(!saved.find("file-only"));
    CHECK(saved.withDescendants("representation").size() == 4); // pay-gap, senior-representation, fresh
    CHECK(workspace.codebook().tags == saved.tags);

    // Its creation undone: it leaves the project's codebook too.
    edited.tags.pop_back();
    edited.tags.pop_back();
    workspace.saveCodebook(edited, {"fresh"});
    CHECK(!core::loadCodebook(path).find("fresh"));
}

TEST_CASE("project workspace: a code's segments include its sub-codes', and the open report's unsaved ones") {
    ProjectFixture fixture;
    fixture.code(fixture.sample, "pay gap", "pay-gap");
    fixture.code(fixture.minutes, "The board met", "representation", core::Encoding::Windows1252);
    fixture.code(fixture.sample, "the board", "discrimination");
    const ProjectWorkspace workspace(fixture.root);
    const annotations::Codebook& codebook = workspace.codebook();

    auto results = projectSegments(workspace.project(), codebook, "representation", {});
    CHECK(results.problems.empty());
    REQUIRE(results.segments.size() == 2);
    CHECK(results.segments[0].report == "reports/sample-report.txt");
    CHECK(results.segments[0].annotation.quote == "pay gap");
    CHECK(results.segments[1].report == "reports/minutes.txt");
    CHECK(results.segments[1].annotation.quote == "The board met");
    CHECK(projectSegments(workspace.project(), codebook, "pay-gap", {}).segments.size() == 1);

    // The open sample with its pay-gap passage deleted and not saved yet.
    std::vector<annotations::Annotation> live =
        core::loadAnnotationFile(fixture.annotationsOf("sample-report.txt")).annotations;
    std::erase_if(live, [](const annotations::Annotation& a) { return a.quote == "pay gap"; });
    results = projectSegments(workspace.project(), codebook, "representation", {0, &live});
    REQUIRE(results.segments.size() == 1);
    CHECK(results.segments[0].report == "reports/minutes.txt");

    // A broken annotation file is named; the others still count.
    core::writeFileAtomically(fixture.annotationsOf("minutes.txt"), "{ not json");
    results = projectSegments(workspace.project(), codebook, "representation", {});
    CHECK(results.segments.size() == 1);
    REQUIRE(results.problems.size() == 1);
    CHECK(results.problems[0].find("minutes.txt.gloss.json") != std::string::npos);
}

TEST_CASE("project workspace: co-occurrence is summed over the reports") {
    ProjectFixture fixture;
    fixture.code(fixture.sample, "pay gap", "pay-gap");
    fixture.code(fixture.sample, "pay gap", "discrimination");
    fixture.code(fixture.minutes, "The board met", "discrimination", core::Encoding::Windows1252);
    fixture.code(fixture.minutes, "board", "pay-gap", core::Encoding::Windows1252);
    const ProjectWorkspace workspace(fixture.root);
    const CooccurrenceResults results = projectCooccurrences(workspace.project(), {});
    CHECK(results.problems.empty());
    REQUIRE(results.pairs.size() == 1);
    CHECK(results.pairs[0].first == "discrimination");
    CHECK(results.pairs[0].second == "pay-gap");
    CHECK(results.pairs[0].passages == 2);
    CHECK(results.pairs[0].codepoints == std::string("pay gap").size() + std::string("board").size());
    CHECK(results.pairs[0].reports == 2);
}

TEST_CASE("project workspace: search finds every hit in context; coding them all saves each report's file") {
    ProjectFixture fixture;
    core::PluginHost host;
    host.loadFolders({GLOSS_BUILTIN_PLUGIN_DIR});
    const ProjectWorkspace workspace(fixture.root);
    const SearchResults results = searchProject(workspace.project(), "the board", false, &host);
    REQUIRE(results.problems.size() == 1); // the missing report
    CHECK(results.problems[0].find("gone.txt") != std::string::npos);
    std::vector<SearchHit> minutesHits;
    for (const SearchHit& hit : results.hits)
        if (hit.report == 1) minutesHits.push_back(hit);
    REQUIRE(minutesHits.size() == 3);
    CHECK(minutesHits[0].before.empty());
    CHECK(minutesHits[0].match == "The board");
    CHECK(minutesHits[0].after.starts_with(" met. The board heard")); // the line break is a space
    CHECK(minutesHits[2].start == 45);
    CHECK(minutesHits[2].match == "the board");

    CHECK(codeHitsInFile(host, "tagging", workspace.project(), 1, workspace.codebook(), minutesHits,
                         "accountability", "tester") == 3);
    const annotations::AnnotationFile saved = core::loadAnnotationFile(fixture.annotationsOf("minutes.txt"));
    REQUIRE(saved.annotations.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(saved.annotations[i].start == minutesHits[i].start);
        CHECK(saved.annotations[i].tags == std::vector<std::string>{"accountability"});
        CHECK(saved.annotations[i].author == "tester");
    }
    CHECK(saved.report.encoding == "windows-1252");
    REQUIRE(saved.codebook);
    CHECK(saved.codebook->find("accountability"));
    // Again: nothing new, and the file is left as it was.
    const std::string text = gloss::test::readText(fixture.annotationsOf("minutes.txt"));
    CHECK(codeHitsInFile(host, "tagging", workspace.project(), 1, workspace.codebook(), minutesHits,
                         "accountability", "tester") == 0);
    CHECK(gloss::test::readText(fixture.annotationsOf("minutes.txt")) == text);
}

TEST_CASE("project search: without match case, every script's case folds, and hits keep the report's bytes") {
    // Code points: ÉQUIPE 0-6, équipe 11-17, STRASSE 22-29 (for "straße"), ΣΟΦΊΑ 30-35.
    const auto document = core::Document::fromBytes("ÉQUIPE and équipe and STRASSE ΣΟΦΊΑ");
    const auto matches = [&](const std::string& query, bool matchCase) {
        std::vector<std::string> found;
        for (const SearchHit& hit : findHits(document, 0, query, matchCase, 10))
            found.push_back(std::to_string(hit.start) + "-" + std::to_string(hit.end) + " " + hit.match);
        return found;
    };
    CHECK(matches("équipe", false) == std::vector<std::string>{"0-6 ÉQUIPE", "11-17 équipe"});
    CHECK(matches("équipe", true) == std::vector<std::string>{"11-17 équipe"});
    CHECK(matches("straße", false) == std::vector<std::string>{"22-29 STRASSE"});
    CHECK(matches("σοφία", false) == std::vector<std::string>{"30-35 ΣΟΦΊΑ"});
    CHECK(matches("equipe", false).empty()); // accents count
}

TEST_CASE("segments export: CSV rows per segment and HTML with every user string escaped") {
    annotations::Codebook codebook;
    codebook.tags.push_back({"a", "Code <A>", "#ff0000", "", "", "", {}, {}});
    core::Segment segment;
    segment.report = "reports/x&y.txt";
    segment.annotation.start = 3;
    segment.annotation.end = 9;
    segment.annotation.quote = "<script>alert('x')</script>";
    segment.annotation.prefix = "before \"it\"";
    segment.annotation.tags = {"a", "missing"};
    segment.annotation.author = "O'Brien";
    segment.annotation.note = "=SUM(A1), and more";
    const std::string csv = segmentsCsv({segment}, codebook);
    CHECK(csv == R"("report","start","end","quote","prefix","suffix","codes","coder","note")"
                 "\r\n"
                 R"("reports/x&y.txt","3","9","<script>alert('x')</script>","before ""it""","",)"
                 R"("Code <A>;missing","O'Brien","'=SUM(A1), and more")"
                 "\r\n");
    segment.annotation.suffix = std::string("x\0y", 3);
    const std::string html = segmentsHtml("Segments of <A>", {segment}, codebook);
    CHECK(html.find("x\xEF\xBF\xBDy") != std::string::npos); // no NUL in the page
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("reports/x&amp;y.txt") != std::string::npos);
    CHECK(html.find("O&#39;Brien") != std::string::npos);
    CHECK(html.find("Code &lt;A&gt;, missing") != std::string::npos);
    CHECK(html.find("<title>Segments of &lt;A&gt;</title>") != std::string::npos);
}

TEST_CASE("settings: recent projects are kept, most recent first, and dropped when gone") {
    gloss::test::TempDir folder;
    const auto a = folder.write("a.json", "{}"), b = folder.write("b.json", "{}");
    Settings settings;
    addRecentProject(settings, a);
    addRecentProject(settings, b);
    addRecentProject(settings, a);
    REQUIRE(settings.recentProjects == std::vector<std::filesystem::path>{a, b});
    saveSettings(settings, folder / "settings.json");
    std::filesystem::remove(b);
    CHECK(loadSettings(folder / "settings.json").settings.recentProjects ==
          std::vector<std::filesystem::path>{a});
}

namespace {

// The App started on the project, as `gloss PROJECT` starts it.
struct ProjectEditor : ProjectFixture {
    gloss::test::HeadlessImGui imgui{gloss::test::readText(sourcePath("examples/sample-report.txt")),
                                     ImVec2(1280, 800)};
    std::optional<App> app;

    ProjectEditor() {
        Options options;
        options.report = root;
        options.pluginDirs = {GLOSS_BUILTIN_PLUGIN_DIR};
        app.emplace(options);
        app->load();
    }
    void frame() {
        ImGui::NewFrame();
        app->frame();
        ImGui::Render();
    }
    void openReport(size_t index) {
        app->openProjectReport(index);
        frame();
        while (app->opening()) frame();
        frame();
    }
    void select(std::string_view phrase) {
        const core::Document& document = *app->document();
        const size_t at = document.utf8().find(phrase);
        REQUIRE(at != std::string_view::npos);
        app->view().select(at, at + phrase.size());
    }
};

} // namespace

TEST_CASE("editor: a project opens with its list and no report; a report opens with the project's files") {
    ProjectEditor editor;
    REQUIRE(editor.app->project());
    CHECK(!editor.app->document());
    CHECK(editor.app->messages().empty());
    CHECK(editor.app->codebook().find("pay-gap")); // the project's codebook
    editor.frame();
    CHECK(editor.app->settings().recentProjects.front() == editor.root / core::kProjectFileName);

    editor.openReport(1);
    REQUIRE(editor.app->document());
    CHECK(editor.app->document()->encoding() == core::Encoding::Windows1252); // as the project says
    CHECK(editor.app->annotationsPath() == editor.annotationsOf("minutes.txt"));
    editor.select("The board met");
    const std::string fresh = editor.app->createTag("Governance");
    REQUIRE(editor.app->tagSelection(fresh));
    REQUIRE(editor.app->save());
    const auto saved = core::loadAnnotationFile(editor.annotationsOf("minutes.txt"));
    REQUIRE(saved.annotations.size() == 1);
    CHECK(saved.annotations[0].tags == std::vector<std::string>{fresh});
    const annotations::Codebook projectCodebook = core::loadCodebook(editor.root / "codebook.json");
    REQUIRE(projectCodebook.find(fresh));
    CHECK(projectCodebook.find(fresh)->label == "Governance");

    // The next report shares the codebook, new tag included.
    editor.openReport(0);
    CHECK(editor.app->annotationsPath() == editor.annotationsOf("sample-report.txt"));
    CHECK(editor.app->codebook().find(fresh));

    // A missing report is a message, and the open work stays.
    editor.openReport(2);
    CHECK(editor.app->annotationsPath() == editor.annotationsOf("sample-report.txt"));
    REQUIRE(!editor.app->messages().empty());
    CHECK(editor.app->messages().back().find("gone.txt") != std::string::npos);
}

TEST_CASE("editor: every project panel draws, and a segment's row opens its report at the passage") {
    ProjectEditor editor;
    editor.code(editor.minutes, "heard about pay", "pay-gap", core::Encoding::Windows1252);
    editor.openReport(0);
    editor.select("pay gap");
    REQUIRE(editor.app->tagSelection("representation"));
    ProjectPanels& panels = editor.app->projectPanels();
    panels.segments.open = panels.cooccurrence.open = panels.search.open = true;
    panels.segments.tag = "representation";
    editor.frame();
    while (editor.app->working()) editor.frame();
    // The open report's passage, unsaved, and the other report's sub-code.
    REQUIRE(panels.segments.results.segments.size() == 2);
    CHECK(panels.segments.results.segments[0].annotation.quote == "pay gap");
    CHECK(panels.segments.results.segments[1].annotation.quote == "heard about pay");

    REQUIRE(editor.app->save());
    ProjectJump jump;
    jump.report = 1;
    jump.annotation = panels.segments.results.segments[1].annotation.id;
    editor.app->jumpTo(jump);
    editor.frame();
    while (editor.app->opening()) editor.frame();
    editor.frame();
    REQUIRE(editor.app->document());
    CHECK(editor.app->annotationsPath() == editor.annotationsOf("minutes.txt"));
    const auto& view = editor.app->view();
    CHECK(editor.app->document()->utf8().substr(
              view.selectionStart(), view.selectionEnd() - view.selectionStart()) == "heard about pay");
    CHECK(view.selectedAnnotation == jump.annotation);
}

TEST_CASE("editor: code all hits codes the open report as one undo step and saves the others' files") {
    ProjectEditor editor;
    editor.openReport(1);
    core::PluginHost host;
    host.loadFolders({GLOSS_BUILTIN_PLUGIN_DIR});
    ProjectSearchState& search = editor.app->projectPanels().search;
    search.results = searchProject(editor.app->project()->project(), "the board", false, &host);
    size_t inSample = 0;
    for (const SearchHit& hit : search.results.hits) inSample += hit.report == 0;
    REQUIRE(inSample >= 1);

    editor.app->codeAllHits("accountability");
    CHECK(editor.app->annotationSet().size() == 3); // the open minutes
    CHECK(editor.app->dirty());
    const auto sample = core::loadAnnotationFile(editor.annotationsOf("sample-report.txt"));
    CHECK(sample.annotations.size() == inSample);
    for (const auto& a : sample.annotations) CHECK(a.quote.size() == std::string("the board").size());
    CHECK(search.message.find("Coded " + std::to_string(3 + inSample) + " passages") == 0);

    editor.app->undo();
    CHECK(editor.app->annotationSet().size() == 0);
    editor.app->redo();
    CHECK(editor.app->annotationSet().size() == 3);
}
