// The editor's actions without a window: the Workspace over the sample report,
// the real tagging plugin and files saved and read back.

#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"
#include "temp_dir.hpp"
#include "workspace.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fstream>

using namespace gloss;
using gloss::gui::Workspace;
using gloss::test::sourcePath;

namespace {

// The sample report with the bundled codebook and no annotations, saving into `folder`.
Workspace openSample(core::PluginHost& host, const std::filesystem::path& folder) {
    gui::OpenRequest request;
    request.report = sourcePath("examples/sample-report.txt");
    request.codebook = sourcePath("examples/codebook.json");
    request.annotations = folder / "sample.gloss.json";
    gui::OpenedWork work = gui::readWork(request, &host);
    REQUIRE(work.document);
    Workspace workspace;
    workspace.setCoder("ana");
    workspace.adopt(std::move(work));
    return workspace;
}

// The code points [start, end) of the first occurrence of `text` in the report.
std::pair<uint64_t, uint64_t> rangeOf(const Workspace& workspace, const std::string& text) {
    const core::Document& document = *workspace.document();
    const size_t at = document.utf8().find(text);
    REQUIRE(at != std::string_view::npos);
    return {document.codepointOffset(at), document.codepointOffset(at + text.size())};
}

std::vector<std::string> tagsOf(const Workspace& workspace, const std::string& id) {
    const annotations::Annotation* a = workspace.annotations().find(id);
    REQUIRE(a);
    return a->tags;
}

std::string firstTagId(const Workspace& workspace, size_t n) {
    REQUIRE(workspace.codebook().tags.size() > n);
    return workspace.codebook().tags[n].id;
}

// The built-in plugins and the sample opened in a folder of its own.
struct Sample {
    core::PluginHost host;
    test::TempDir dir;
    Workspace workspace;
    Sample() {
        host.loadFolders({GLOSS_BUILTIN_PLUGIN_DIR});
        workspace = openSample(host, dir.path());
    }
};

} // namespace

TEST_CASE("workspace: a coding through the tagging plugin is one undo step and makes the work unsaved") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    CHECK_FALSE(workspace.dirty());
    const auto [start, end] = rangeOf(workspace, "leadership");
    const std::string tag = firstTagId(workspace, 0);
    const uint64_t before = workspace.revision();
    const core::TagOutcome outcome = workspace.tagRange(host, "tagging", start, end, tag);
    REQUIRE(outcome.added.size() == 1);
    CHECK(workspace.revision() > before);
    CHECK(workspace.dirty());
    const annotations::Annotation* a = workspace.annotations().find(outcome.added.front());
    REQUIRE(a);
    CHECK(a->start == start);
    CHECK(a->end == end);
    CHECK(a->author == "ana");
    workspace.undo();
    CHECK(workspace.annotations().size() == 0);
    workspace.redo();
    CHECK(workspace.annotations().size() == 1);
}

TEST_CASE("workspace: merging a code moves its codings, and one undo restores codebook and codings") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    const std::string from = firstTagId(workspace, 0), into = firstTagId(workspace, 1);
    const auto [start, end] = rangeOf(workspace, "leadership");
    const std::string id = workspace.tagRange(host, "tagging", start, end, from).added.at(0);
    const size_t codes = workspace.codebook().tags.size();

    REQUIRE(workspace.mergeTag(from, into));
    CHECK(tagsOf(workspace, id) == std::vector<std::string>{into});
    CHECK_FALSE(workspace.codebook().find(from));
    CHECK(workspace.codebook().tags.size() == codes - 1);

    workspace.undo();
    CHECK(tagsOf(workspace, id) == std::vector<std::string>{from});
    CHECK(workspace.codebook().find(from));
    CHECK(workspace.codebook().tags.size() == codes);
}

TEST_CASE("workspace: removing the last code drops a passage, but keeps one with a note") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    const std::string tag = firstTagId(workspace, 0);
    const auto [start, end] = rangeOf(workspace, "leadership");
    const std::string id = workspace.tagRange(host, "tagging", start, end, tag).added.at(0);

    REQUIRE(workspace.setNote(id, "ask the board"));
    REQUIRE(workspace.removeTag(id, tag));
    REQUIRE(workspace.annotations().find(id));
    CHECK(workspace.annotations().find(id)->note == "ask the board");
    REQUIRE(workspace.setNote(id, ""));
    CHECK_FALSE(workspace.annotations().find(id)); // neither codes nor note
    CHECK_FALSE(workspace.removeTag(id, tag));
}

TEST_CASE("workspace: editing a colleague's annotation records who changed it; one's own does not") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    const auto [start, end] = rangeOf(workspace, "leadership");
    const std::string id =
        workspace.tagRange(host, "tagging", start, end, firstTagId(workspace, 0)).added.at(0);
    REQUIRE(workspace.setNote(id, "mine"));
    CHECK_FALSE(workspace.annotations().find(id)->extra.contains("modified_by"));
    workspace.setCoder("ben");
    REQUIRE(workspace.setNote(id, "his"));
    const annotations::Annotation* a = workspace.annotations().find(id);
    CHECK(a->author == "ana");
    CHECK(a->extra.value("modified_by", "") == "ben");
}

TEST_CASE("workspace: the memo is an undo step and is saved with the file; a new tag is saved unused") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    REQUIRE(workspace.setMemo("Read twice; section 7 matters."));
    CHECK_FALSE(workspace.setMemo("Read twice; section 7 matters.")); // no change, no step
    const std::string made = workspace.createTag("Staff voice");
    CHECK(workspace.codebook().find(made)->label == "Staff voice");
    workspace.undo(); // the tag
    CHECK_FALSE(workspace.codebook().find(made));
    workspace.redo();
    REQUIRE(workspace.dirty());

    workspace.save();
    CHECK_FALSE(workspace.dirty());
    const annotations::AnnotationFile saved = core::loadAnnotationFile(workspace.annotationsPath());
    CHECK(saved.extra.value("memo", "") == "Read twice; section 7 matters.");
    REQUIRE(saved.codebook);
    CHECK(saved.codebook->find(made));

    workspace.undo(); // the tag again: the saved work is now changed
    CHECK(workspace.dirty());
    workspace.undo(); // the memo
    CHECK(workspace.memo().empty());
}

TEST_CASE("workspace: a failed save leaves the work unsaved") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    REQUIRE(workspace.setMemo("first"));
    workspace.save();
    const std::filesystem::path saved = workspace.annotationsPath();
    REQUIRE(workspace.setMemo("second"));
    // A folder that cannot be made: a file is in its place.
    dir.write("blocker", "not a folder");
    workspace.setAnnotationsPath(dir.path() / "blocker" / "sample.gloss.json");
    CHECK_THROWS(workspace.save());
    CHECK(workspace.dirty());
    workspace.setAnnotationsPath(saved);
    CHECK(core::loadAnnotationFile(saved).extra.value("memo", "") == "first");
}

namespace {

// Codes the first occurrence of `text` with the codebook's first tag; returns the annotation's id.
std::string code(Workspace& workspace, core::PluginHost& host, const std::string& text) {
    const auto [start, end] = rangeOf(workspace, text);
    const core::TagOutcome outcome =
        workspace.tagRange(host, "tagging", start, end, firstTagId(workspace, 0));
    REQUIRE(outcome.added.size() == 1);
    return outcome.added.front();
}

std::vector<std::string> idsOnDisk(const std::filesystem::path& path) {
    std::vector<std::string> ids;
    for (const auto& a : core::loadAnnotationFile(path).annotations) ids.push_back(a.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<std::string> sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

// A colleague's editor on the same annotation file: opens it, codes `text` and saves.
std::string colleagueCodes(Sample& sample, const std::string& text) {
    Workspace colleague = openSample(sample.host, sample.dir.path());
    colleague.setCoder("ben");
    const std::string id = code(colleague, sample.host, text);
    colleague.save();
    return id;
}

} // namespace

TEST_CASE("workspace: a file changed on disk is noticed and read again") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    const std::string mine = code(workspace, host, "leadership");
    workspace.save();
    CHECK_FALSE(workspace.changedOnDisk());

    const std::string theirs = colleagueCodes(sample, "Foreword");
    CHECK(workspace.changedOnDisk());
    CHECK(workspace.annotations().find(theirs) == nullptr);
    const std::vector<std::string> messages = workspace.reload(&host);
    CHECK(messages.empty());
    CHECK_FALSE(workspace.changedOnDisk());
    CHECK_FALSE(workspace.dirty());
    CHECK(workspace.annotations().find(mine));
    CHECK(workspace.annotations().find(theirs));

    // A file written in place, same inode, is a change too.
    const std::string text = test::readText(workspace.annotationsPath());
    {
        std::ofstream out(workspace.annotationsPath(), std::ios::binary | std::ios::trunc);
        out << text << "\n";
    }
    CHECK(workspace.changedOnDisk());
}

TEST_CASE("workspace: a save never replaces a file changed on disk unless the user keeps theirs") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    const std::string first = code(workspace, host, "leadership");
    workspace.save();
    const std::string theirs = colleagueCodes(sample, "Foreword");
    const std::string second = code(workspace, host, "Published");

    CHECK_THROWS_AS(workspace.save(), gui::ChangedOnDisk);
    CHECK(workspace.dirty());
    CHECK(idsOnDisk(workspace.annotationsPath()) == sorted({first, theirs}));

    workspace.keepMine();
    CHECK_FALSE(workspace.changedOnDisk());
    workspace.save();
    CHECK_FALSE(workspace.dirty());
    CHECK(idsOnDisk(workspace.annotationsPath()) == sorted({first, second}));
}

TEST_CASE("workspace: merging the file on disk keeps both sides' annotations, as one undo step") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    const std::string kept = code(workspace, host, "leadership");
    const std::string dropped = code(workspace, host, "Foreword");
    workspace.save();
    // The colleague adds one and removes one; here another is added meanwhile.
    Workspace colleague = openSample(host, dir.path());
    colleague.setCoder("ben");
    const std::string theirs = code(colleague, host, "Published");
    REQUIRE(colleague.deleteAnnotation(dropped));
    colleague.save();
    const std::string mine = code(workspace, host, "Review chaired");

    REQUIRE(workspace.changedOnDisk());
    const auto conflicts = workspace.mergeFromDisk();
    CHECK(conflicts.empty());
    CHECK(workspace.annotations().find(kept));
    CHECK(workspace.annotations().find(mine));
    CHECK(workspace.annotations().find(theirs));
    CHECK(workspace.annotations().find(dropped) == nullptr);
    CHECK(workspace.dirty());
    CHECK_FALSE(workspace.changedOnDisk());

    workspace.save(); // the merge read what is on disk: no refusal
    CHECK(idsOnDisk(workspace.annotationsPath()) == sorted({kept, mine, theirs}));
    workspace.undo(); // the merge
    CHECK(workspace.annotations().find(theirs) == nullptr);
    CHECK(workspace.annotations().find(dropped));
    CHECK(workspace.annotations().find(mine));
}

TEST_CASE("workspace: a save takes the lock gloss-cli takes, and says so when it stays held") {
    Sample sample;
    auto& [host, dir, workspace] = sample;
    const std::string first = code(workspace, host, "leadership");
    workspace.save();
    const std::string second = code(workspace, host, "Foreword");
    {
        const core::FileLock held(workspace.annotationsPath()); // a gloss-cli command changing the file
        try {
            workspace.save();
            FAIL("saved while the file was locked");
        } catch (const core::IoError& e) {
            CHECK(std::string(e.what()).find("is locked by another program") != std::string::npos);
        }
        CHECK(workspace.dirty());
        CHECK(idsOnDisk(workspace.annotationsPath()) == sorted({first}));
    }
    workspace.save();
    CHECK(idsOnDisk(workspace.annotationsPath()) == sorted({first, second}));
}
