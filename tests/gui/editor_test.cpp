// The editor's pieces around the ReportView: find, the tag popup's filter,
// the overview strip, and App's actions and undo history, in headless frames.

#include "app.hpp"
#include "gloss/core/files.hpp"
#include "headless_imgui.hpp"
#include "platform/key_queue.hpp"
#include "platform/options.hpp"
#include "platform/recovery.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"
#include "widgets/find.hpp"
#include "widgets/overview.hpp"
#include "widgets/tag_popup.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <imgui_internal.h> // the sidebar window, to open a header as a click would

using namespace gloss::gui;
using gloss::test::sourcePath;

namespace {

// Every match of `needle`, overlapping ones too, by the plainest means.
std::vector<size_t> naiveMatches(const std::string& text, const std::string& needle) {
    std::vector<size_t> found;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        found.push_back(at);
    return found;
}

} // namespace

TEST_CASE("find: every match of the sample report is reached, in order, and wraps around") {
    const std::string text = gloss::test::readText(sourcePath("examples/sample-report.txt"));
    for (const std::string needle : {"leadership", "Leadership", "Siobhán", "the board", "’"}) {
        CAPTURE(needle);
        const auto expected = naiveMatches(text, needle);
        REQUIRE(!expected.empty());
        std::vector<size_t> forward;
        size_t from = 0;
        for (size_t i = 0; i < expected.size(); ++i) {
            const auto at = findText(text, needle, from, true);
            REQUIRE(at);
            forward.push_back(*at);
            from = *at + 1;
        }
        CHECK(forward == expected);
        CHECK(findText(text, needle, from, true) == expected.front()); // wraps
        // Backwards from the end visits them in reverse.
        std::vector<size_t> backward;
        size_t before = text.size();
        for (size_t i = 0; i < expected.size(); ++i) {
            const auto at = findText(text, needle, before, false);
            REQUIRE(at);
            backward.push_back(*at);
            before = *at;
        }
        std::reverse(backward.begin(), backward.end());
        CHECK(backward == expected);
        CHECK(findText(text, needle, expected.front(), false) == expected.back());
    }
}

TEST_CASE(
    "find: the text without case folds every script, and without accents finds 'Siobhán' as 'siobhan'") {
    const std::string text = "Équipe équipe EQUIPE equipe. Siobhán, SIOBHÁN and Siobha\u0301n met at the "
                             "STRASSE on the Straße; ΣΟΦΊΑ and σοφία.";
    const FoldedText cased(text, false);
    CHECK(cased.count("équipe", 100) == 2); // É and é, not the unaccented ones
    CHECK(cased.count("ÉQUIPE", 100) == 2);
    CHECK(cased.count("equipe", 100) == 2);
    CHECK(cased.count("siobhán", 100) == 2);
    CHECK(cased.count("strasse", 100) == 2); // ß is ss
    CHECK(cased.count("σοφία", 100) == 2);
    CHECK(cased.count("s", 1000) ==
          std::count_if(text.begin(), text.end(), [](char c) { return c == 's' || c == 'S'; }));
    const FoldedText plain(text, true);
    CHECK(plain.count("equipe", 100) == 4);
    CHECK(plain.count("siobhan", 100) == 3);
    CHECK(plain.count("SIOBHAN", 100) == 3);
    CHECK(plain.count("σοφια", 100) == 2);
    // Offsets are the report's bytes, whole characters: a combining accent
    // after the match belongs to it.
    std::vector<std::string> found;
    size_t from = 0;
    for (int i = 0; i < 3; ++i) {
        const auto match = plain.find("siobhan", from, true);
        REQUIRE(match);
        found.emplace_back(text.substr(match->first, match->second - match->first));
        from = match->first + 1;
    }
    CHECK(found == std::vector<std::string>{"Siobhán", "SIOBHÁN", "Siobha\u0301n"});
    const auto last = plain.find("siobhan", text.size(), false);
    REQUIRE(last);
    CHECK(text.substr(last->first, last->second - last->first) == "Siobha\u0301n");
    CHECK(plain.find("siobhan", text.find("SIOBH"), true)->first == text.find("SIOBH")); // at `from` itself
    CHECK(cased.find("straß", 0, true));
    CHECK(!plain.find("absent", 0, true));
    CHECK(!plain.find("\u0301", 0, true)); // an accent alone folds to nothing
}

TEST_CASE("find: the count says '1 match' and 'N matches'") {
    CHECK(matchCountLabel(0, kFindCountLimit) == "0 matches");
    CHECK(matchCountLabel(1, kFindCountLimit) == "1 match");
    CHECK(matchCountLabel(12, kFindCountLimit) == "12 matches");
    CHECK(matchCountLabel(kFindCountLimit, kFindCountLimit) == "100000+ matches");
}

TEST_CASE("find bar: in a narrow report column the field shrinks and nothing runs past the edge") {
    const std::string text = "Siobhán met Siobhan and SIOBHAN.";
    gloss::test::HeadlessImGui imgui(text, ImVec2(900, 300));
    const gloss::core::Document document = gloss::core::Document::fromBytes(text);
    for (const float width : {800.0f, 500.0f, 330.0f}) {
        CAPTURE(width);
        FindState state;
        state.open = true;
        state.query = "siobhan";
        state.ignoreAccents = true;
        ReportViewState view;
        for (int frame = 0; frame < 2; ++frame) {
            ImGui::NewFrame();
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImVec2(width, 200));
            ImGui::Begin("column", nullptr, ImGuiWindowFlags_NoDecoration);
            FindBar(state, document, view);
            const ImGuiWindow* window = ImGui::GetCurrentWindow();
            if (frame == 1)
                CHECK(window->DC.CursorMaxPos.x <= window->Pos.x + width - ImGui::GetStyle().WindowPadding.x);
            ImGui::End();
            ImGui::Render();
        }
        CHECK(state.count == 3);
    }
}

TEST_CASE("find: counts byte for byte, up to the limit, nothing for empty or absent needles") {
    const std::string text = "Équipe équipe EQUIPE equipe";
    CHECK(countMatches(text, "equipe", 100) == 1);
    CHECK(countMatches(text, "équipe", 100) == 1);
    CHECK(countMatches(text, "e", 3) == 3);
    CHECK(countMatches(text, "", 100) == 0);
    CHECK(!findText(text, "", 0, true));
    CHECK(!findText(text, "absent", 0, true));
    CHECK(!findText("ab", "abc", 0, true));
}

TEST_CASE("tag popup: the filter puts labels that start with the text first, then any that contain it") {
    gloss::annotations::Codebook codebook;
    for (const auto& [id, label] :
         std::vector<std::pair<std::string, std::string>>{{"voice", "Staff voice"},
                                                          {"bullying", "Bullying"},
                                                          {"board", "Board accountability"},
                                                          {"bame", "Race"}}) {
        gloss::annotations::Tag tag;
        tag.id = id;
        tag.label = label;
        codebook.tags.push_back(tag);
    }
    const auto names = [&](std::string_view filter) {
        std::vector<std::string> out;
        for (size_t i : filterTags(codebook, filter)) out.push_back(codebook.tags[i].id);
        return out;
    };
    CHECK(names("b") == std::vector<std::string>{"bullying", "board", "bame"}); // "bame" by its id
    CHECK(names("VOICE") == std::vector<std::string>{"voice"});
    CHECK(names("") == std::vector<std::string>{"voice", "bullying", "board", "bame"});
    CHECK(names("zzz").empty());
}

TEST_CASE("overview: theme density and annotation marks land in the bucket of their bytes") {
    const auto density = themeDensity(1000, {{0, 5}, {10, 12}, {995, 999}}, 10);
    REQUIRE(density.size() == 10);
    CHECK(density[0] == doctest::Approx(1.0f));
    CHECK(density[9] == doctest::Approx(std::sqrt(0.5f)));
    CHECK(density[5] == 0.0f);
    const auto marks =
        annotationMarks(1000, {{500, IM_COL32(1, 2, 3, 255)}, {520, IM_COL32(4, 5, 6, 255)}}, 10);
    REQUIRE(marks.size() == 10);
    CHECK(marks[5] == IM_COL32(1, 2, 3, 255)); // the first of a bucket shows
    CHECK(marks[4] == 0);
}

namespace {

// The sample report in an App, with the built plugins and a private data folder.
struct EditorFixture {
    gloss::test::TempDir folder;
    gloss::test::ScopedEnv data{"XDG_DATA_HOME", (folder / "data").string()};
    gloss::test::ScopedEnv state{"XDG_STATE_HOME", (folder / "state").string()};
    gloss::test::ScopedEnv config{"XDG_CONFIG_HOME", (folder / "config").string()};
    gloss::test::ScopedEnv author{"GLOSS_AUTHOR", "tester"};
    gloss::test::HeadlessImGui imgui{gloss::test::readText(sourcePath("examples/sample-report.txt")),
                                     ImVec2(1280, 800)};
    App app{options()};

    Options options() const {
        Options o;
        o.report = sourcePath("examples/sample-report.txt");
        o.codebook = sourcePath("examples/codebook.json");
        o.annotations = folder / "coded.json";
        o.pluginDirs = {GLOSS_BUILTIN_PLUGIN_DIR};
        return o;
    }
    void frame() {
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
    }
    // Loads the command line's work and draws a first frame.
    void start() {
        app.load();
        frame();
    }
    // Opens the tag popup at the selection, types `name` and presses Enter.
    void popup(std::string_view name) {
        press('T'); // opens on the next frame
        frame();
        for (const char c : name) ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
        frame();
        press(ImGuiKey_Enter + 1);
    }
    // Frames until a file opened in the background is taken over.
    void finishOpening() {
        while (app.opening()) frame();
    }
    void press(int key) {
        ImGui::GetIO().KeysDown[key] = true;
        frame();
        ImGui::GetIO().KeysDown[key] = false;
        frame();
    }
    // Selects the first occurrence of `phrase` and returns its code-point range.
    std::pair<uint64_t, uint64_t> select(std::string_view phrase) {
        const gloss::core::Document& document = *app.document();
        const size_t at = document.utf8().find(phrase);
        REQUIRE(at != std::string_view::npos);
        app.view().select(at, at + phrase.size());
        app.view().focusNextFrame = true;
        frame();
        return {document.codepointOffset(at), document.codepointOffset(at + phrase.size())};
    }
};

const gloss::annotations::Annotation* annotationAt(const App& app, std::pair<uint64_t, uint64_t> range) {
    for (const auto& a : app.annotationSet().all())
        if (a.start == range.first && a.end == range.second) return &a;
    return nullptr;
}

} // namespace

TEST_CASE("editor: the tag popup filters by typing and creates a tag that Enter applies") {
    EditorFixture editor;
    editor.app.load();
    REQUIRE(editor.app.messages().empty());
    editor.frame();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    editor.popup("Guardian role");
    const auto* tag = editor.app.codebook().find("guardian-role");
    REQUIRE(tag);
    CHECK(tag->label == "Guardian role");
    const auto* annotation = annotationAt(editor.app, range);
    REQUIRE(annotation);
    CHECK(annotation->tags == std::vector<std::string>{"guardian-role"});
    CHECK(annotation->author == "tester");

    SUBCASE("undo takes back the annotation, then the new tag; redo brings both back") {
        editor.app.undo();
        CHECK(!annotationAt(editor.app, range));
        CHECK(editor.app.codebook().find("guardian-role"));
        editor.app.undo();
        CHECK(!editor.app.codebook().find("guardian-role"));
        editor.app.redo();
        editor.app.redo();
        CHECK(annotationAt(editor.app, range));
        CHECK(editor.app.codebook().find("guardian-role"));
    }
    SUBCASE("a saved file carries the new tag, with its label, in its codebook") {
        REQUIRE(editor.app.renameTag("guardian-role", "Speak-up guardians"));
        REQUIRE(editor.app.save());
        const auto saved = gloss::core::loadAnnotationFile(editor.folder / "coded.json");
        REQUIRE(saved.codebook);
        const auto& embedded = *saved.codebook;
        REQUIRE(embedded.find("guardian-role"));
        CHECK(embedded.find("guardian-role")->label == "Speak-up guardians");
    }
}

TEST_CASE("editor: notes, deletion and recolouring are each one undo step") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelection(editor.app.codebook().tags.front().id));
    const std::string id = annotationAt(editor.app, range)->id;

    CHECK(editor.app.setNote(id, "first note"));
    CHECK(editor.app.setNote(id, "second note"));
    CHECK(editor.app.recolorTag(editor.app.codebook().tags.front().id, "#000000"));
    CHECK(editor.app.deleteAnnotation(id));
    CHECK(!annotationAt(editor.app, range));
    CHECK(editor.app.dirty());

    editor.app.undo(); // the deletion
    REQUIRE(annotationAt(editor.app, range));
    editor.app.undo(); // the colour
    CHECK(editor.app.codebook().tags.front().color != "#000000");
    CHECK(annotationAt(editor.app, range)->note == "second note");
    editor.app.undo();
    CHECK(annotationAt(editor.app, range)->note == "first note");
    editor.app.undo();
    CHECK(annotationAt(editor.app, range)->note.empty());
    editor.app.undo();
    CHECK(!annotationAt(editor.app, range));
}

TEST_CASE("editor: the annotation filters combine tag, author, origin and status") {
    EditorFixture editor;
    std::filesystem::copy_file(sourcePath("examples/sample-annotations.json"), editor.folder / "coded.json");
    editor.app.load();
    const auto& all = editor.app.annotationSet().all();
    REQUIRE(all.size() > 3);
    const std::string author = all.front().author;
    AnnotationFilter filter;
    filter.author = author;
    const auto byAuthor = editor.app.filteredAnnotations(filter);
    CHECK(!byAuthor.empty());
    CHECK(byAuthor.size() < all.size());
    for (size_t i : byAuthor) CHECK(all[i].author == author);
    filter.tag = all.front().tags.front();
    for (size_t i : editor.app.filteredAnnotations(filter)) {
        CHECK(all[i].author == author);
        CHECK(std::count(all[i].tags.begin(), all[i].tags.end(), filter.tag) == 1);
    }
    filter = {};
    filter.status = static_cast<int>(gloss::annotations::AnchorStatus::Orphaned);
    CHECK(editor.app.filteredAnnotations(filter).empty()); // the sample is anchored throughout
}

TEST_CASE("editor: unsaved work goes to the recovery journal and is offered on the next start") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1));
    const auto journal = journalPath(editor.folder / "coded.json");
    editor.frame();
    CHECK(!std::filesystem::exists(journal)); // not while the user is still at work
    ImGui::GetIO().DeltaTime = 0.5f;
    for (int i = 0; i < 6; ++i) editor.frame(); // three idle seconds
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    REQUIRE(std::filesystem::exists(journal));
    CHECK(!std::filesystem::exists(editor.folder / "coded.json"));

    // The next start (after a crash: nothing was saved) offers it.
    App next(editor.options());
    next.load();
    REQUIRE(next.recoveryOffered());
    SUBCASE("restoring brings the annotation back, unsaved") {
        next.restoreJournal();
        CHECK(annotationAt(next, range));
        CHECK(next.dirty());
        REQUIRE(next.save());
        CHECK(!std::filesystem::exists(journal)); // a save makes the journal useless
    }
    SUBCASE("discarding removes the journal and keeps the saved state") {
        next.discardRecovery();
        CHECK(!annotationAt(next, range));
        CHECK(!std::filesystem::exists(journal));
    }
}

TEST_CASE("editor: closing with unsaved changes asks first") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1));
    editor.app.requestClose();
    CHECK(!editor.app.quitRequested());
    REQUIRE(editor.app.unsavedQuestionPending());

    SUBCASE("Cancel keeps the editor open with the work") {
        editor.app.answerUnsaved(App::UnsavedAnswer::Cancel);
        CHECK(!editor.app.quitRequested());
        CHECK(editor.app.dirty());
    }
    SUBCASE("Save writes the file, then closes") {
        editor.app.answerUnsaved(App::UnsavedAnswer::Save);
        CHECK(editor.app.quitRequested());
        CHECK(gloss::core::loadAnnotationFile(editor.folder / "coded.json").annotations.size() == 1);
    }
    SUBCASE("Don't save closes without writing") {
        editor.app.answerUnsaved(App::UnsavedAnswer::DontSave);
        CHECK(editor.app.quitRequested());
        CHECK(!std::filesystem::exists(editor.folder / "coded.json"));
    }
}

TEST_CASE("editor: a report that cannot be opened leaves the open work as it was") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1));
    const auto bad = editor.folder.write("broken.txt", "valid, then \xff\xfe invalid");
    const auto before = editor.app.document()->utf8().size();
    OpenRequest request;
    request.report = bad;
    request.codebook = sourcePath("examples/codebook.json");
    CHECK(!editor.app.open(request));
    REQUIRE(!editor.app.messages().empty());
    CHECK(editor.app.messages().back().find("broken.txt") != std::string::npos);
    CHECK(editor.app.document()->utf8().size() == before);
    CHECK(editor.app.annotationSet().size() == 1);
    CHECK(editor.app.dirty());
}

TEST_CASE("editor: a dropped annotation file opens for the report; a dropped text opens as the report") {
    EditorFixture editor;
    editor.app.load();
    const auto annotations = editor.folder / "theirs.json";
    std::filesystem::copy_file(sourcePath("examples/sample-annotations.json"), annotations);
    const gloss::core::Document* report = editor.app.document();
    editor.app.openDropped({annotations});
    editor.finishOpening();
    CHECK(editor.app.annotationSet().size() > 3);
    CHECK(editor.app.annotationsPath() == annotations);
    CHECK(editor.app.document() == report); // anchored on the open report, not read again

    const auto other = editor.folder.write("other.txt", "Zoë chaired the board.\n");
    editor.app.openDropped({other});
    editor.finishOpening();
    REQUIRE(editor.app.document());
    CHECK(editor.app.document()->utf8() == "Zoë chaired the board.\n");
    CHECK(editor.app.annotationSet().size() == 0);
    CHECK(editor.app.annotationsPath() == editor.folder / "other.txt.gloss.json");
}

TEST_CASE("editor: export goes through the exporter plugin and never replaces the report") {
    EditorFixture editor;
    std::filesystem::copy_file(sourcePath("examples/sample-annotations.json"), editor.folder / "coded.json");
    editor.app.load();
    const auto csv = editor.folder / "coded.csv";
    const bool exported = editor.app.exportAs("csv", csv);
    if (!exported)
        for (const auto& m : editor.app.messages()) MESSAGE(m);
    REQUIRE(exported);
    const std::string text = gloss::test::readText(csv);
    CHECK(std::count(text.begin(), text.end(), '\n') > 3);
    const std::string reportBefore = gloss::test::readText(sourcePath("examples/sample-report.txt"));
    CHECK(!editor.app.exportAs("csv", sourcePath("examples/sample-report.txt")));
    CHECK(gloss::test::readText(sourcePath("examples/sample-report.txt")) == reportBefore);
    CHECK(!editor.app.exportAs("no-such-format", editor.folder / "x.out"));
    CHECK(!std::filesystem::exists(editor.folder / "x.out"));
    REQUIRE(!editor.app.messages().empty());
    CHECK(editor.app.messages().back().starts_with((editor.folder / "x.out").string() +
                                                   ": export as no-such-format"));
}

TEST_CASE(
    "editor: a colleague's file is a layer whose annotations can be accepted, with an agreement table") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1));
    REQUIRE(editor.app.save());
    // The colleague: the bundled sample annotations (three other coders).
    const auto theirs = editor.folder / "theirs.json";
    std::filesystem::copy_file(sourcePath("examples/sample-annotations.json"), theirs);
    REQUIRE(editor.app.openColleague(theirs));
    editor.frame(); // compares the layer with one's own
    const ColleagueLayer* layer = editor.app.colleague();
    REQUIRE(layer);
    CHECK(layer->authors.size() == 3);
    const size_t differing = layer->differences.size();
    CHECK(differing == layer->file.annotations.size()); // none of theirs is one of mine

    const auto* agreement = editor.app.agreement();
    REQUIRE(agreement);
    CHECK(agreement->length == editor.app.document()->codepointCount());

    const std::string id = layer->differences.all().front().id;
    const size_t mine = editor.app.annotationSet().size();
    REQUIRE(editor.app.acceptColleague(id));
    CHECK(editor.app.annotationSet().size() == mine + 1);
    CHECK(editor.app.annotationSet().find(id));
    editor.frame();
    CHECK(editor.app.colleague()->differences.size() == differing - 1); // accepted: no longer a difference
    editor.app.rejectColleague(editor.app.colleague()->differences.all().front().id);
    editor.frame();
    CHECK(editor.app.colleague()->differences.size() == differing - 2);
    editor.app.undo(); // the acceptance
    CHECK(!editor.app.annotationSet().find(id));
    CHECK(annotationAt(editor.app, range)); // one's own work untouched
}

TEST_CASE("editor: a merge conflict is resolved by keeping ours or taking theirs, as one undo step") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1));
    REQUIRE(editor.app.setNote(annotationAt(editor.app, range)->id, "ours"));
    REQUIRE(editor.app.save());
    // Make the saved record a conflict the way gloss-cli merge writes one.
    auto file = gloss::core::loadAnnotationFile(editor.folder / "coded.json");
    auto& record = file.annotations.front();
    auto ours = gloss::annotations::annotationToJson(record);
    auto theirsJson = ours;
    theirsJson["note"] = "theirs";
    record.conflict = {{"base", nullptr}, {"ours", ours}, {"theirs", theirsJson}};
    gloss::core::saveAnnotationFile(editor.folder / "coded.json", file);

    App merged(editor.options());
    merged.load();
    AnnotationFilter conflicts;
    conflicts.conflictsOnly = true;
    REQUIRE(merged.filteredAnnotations(conflicts).size() == 1);
    const std::string id = record.id;
    SUBCASE("take theirs") {
        REQUIRE(merged.resolveConflict(id, true));
        CHECK(merged.annotationSet().find(id)->note == "theirs");
    }
    SUBCASE("keep ours") {
        REQUIRE(merged.resolveConflict(id, false));
        CHECK(merged.annotationSet().find(id)->note == "ours");
    }
    CHECK(merged.filteredAnnotations(conflicts).empty());
    merged.undo();
    CHECK(merged.filteredAnnotations(conflicts).size() == 1);
}

TEST_CASE("editor: Ctrl+F finds a word, Escape returns to the report, and the popup tags the match") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    editor.frame();
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    editor.press('F');
    io.KeyCtrl = false;
    editor.frame(); // the field takes the keyboard
    for (const char c : std::string("Guardian")) {
        io.AddInputCharacter(static_cast<unsigned>(c));
        editor.frame();
    }
    editor.press(ImGuiKey_Enter + 1);
    const std::string_view text = editor.app.document()->utf8();
    const size_t first = text.find("Guardian");
    CHECK(editor.app.view().selectionStart() == first);
    CHECK(editor.app.view().selectionEnd() == first + 8);
    editor.press(ImGuiKey_Escape + 1);
    CHECK(!editor.app.find().open);
    editor.frame();
    editor.press('T');
    editor.frame(); // the popup's field takes the keyboard
    for (const char c : std::string("Found again")) {
        io.AddInputCharacter(static_cast<unsigned>(c));
        editor.frame();
    }
    editor.press(ImGuiKey_Enter + 1);
    const auto range = std::pair<uint64_t, uint64_t>(editor.app.document()->codepointOffset(first),
                                                     editor.app.document()->codepointOffset(first + 8));
    const auto* annotation = annotationAt(editor.app, range);
    REQUIRE(annotation);
    CHECK(annotation->tags == std::vector<std::string>{"found-again"});
    editor.frame();
    CHECK(!io.WantTextInput); // the popup closed: Ctrl+S and Ctrl+Q reach the editor again
}

TEST_CASE("editor: Ctrl+= and Ctrl+- change the text size, Ctrl+0 restores it, and the next start keeps it") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    editor.app.takeFontsChanged(); // the report's own glyphs
    ImGuiIO& io = ImGui::GetIO();
    const auto withCtrl = [&](int key) {
        io.KeyCtrl = true;
        editor.press(key);
        io.KeyCtrl = false;
    };
    const float standard = Settings{}.fontSize;
    withCtrl('=');
    CHECK(editor.app.settings().fontSize == standard + 2);
    CHECK(editor.app.takeFontsChanged());
    withCtrl('-');
    withCtrl('-');
    CHECK(editor.app.settings().fontSize == standard - 2);
    withCtrl('0');
    CHECK(editor.app.settings().fontSize == standard);
    CHECK(editor.app.takeFontsChanged());
    CHECK(!editor.app.takeFontsChanged()); // once per change

    editor.app.setFontSize(1000);
    CHECK(editor.app.settings().fontSize == kMaxFontSize);
    editor.app.setFontSize(20);
    editor.app.rememberWindowSize(900, 650);
    App next(editor.options());
    next.load();
    CHECK(next.settings().fontSize == 20);
    CHECK(next.settings().windowWidth == 900);
    CHECK(next.settings().windowHeight == 650);
}

TEST_CASE("editor: keys typed faster than frames (T, a new tag's name, Enter, Ctrl+S) all land, in order") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    const auto range = editor.select("Northmoor");
    ImGuiIO& io = ImGui::GetIO();
    // One burst, as a busy machine or xdotool delivers it between two frames.
    KeyQueue keys;
    const auto type = [&](int key, char c) {
        keys.push({KeyEvent::Kind::Key, key, 1, 0}); // GLFW_PRESS
        if (c) keys.push({KeyEvent::Kind::Character, 0, 0, static_cast<unsigned>(c)});
        keys.push({KeyEvent::Kind::Key, key, 0, 0}); // GLFW_RELEASE
    };
    type('T', 't');
    for (const char c : std::string("Burst tag")) type(c == ' ' ? ' ' : std::toupper(c), c);
    type(ImGuiKey_Enter + 1, 0);
    keys.push({KeyEvent::Kind::Key, 341, 1, 0}); // GLFW_KEY_LEFT_CONTROL
    type('S', 0);
    keys.push({KeyEvent::Kind::Key, 341, 0, 0});
    for (int frame = 0; frame < 200 && keys.pending(); ++frame) {
        keys.deliver(io, io.WantTextInput);
        editor.frame();
    }
    CHECK(!keys.pending());
    const auto* annotation = annotationAt(editor.app, range);
    REQUIRE(annotation);
    CHECK(annotation->tags == std::vector<std::string>{"burst-tag"});
    CHECK(!editor.app.dirty()); // Ctrl+S reached the editor after the popup closed
    CHECK(gloss::test::readText(editor.folder / "coded.json").find("burst-tag") != std::string::npos);
}

TEST_CASE("editor: dragging the border between the sidebar and the report resizes the sidebar, kept for next "
          "time") {
    EditorFixture editor;
    editor.app.load();
    editor.frame();
    editor.frame();
    const float em = ImGui::GetFontSize();
    const float before = editor.app.settings().sidebarWidth;
    const float reportLeft = editor.app.view().viewOrigin.x;
    // The border lies between the sidebar's right edge and the report.
    const float border = ImGui::GetStyle().WindowPadding.x + std::floor(before * em) + 2;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(border, 300);
    editor.frame();
    io.MouseDown[0] = true;
    editor.frame();
    for (int step = 0; step < 10; ++step) {
        io.MousePos.x += 8;
        editor.frame();
    }
    io.MouseDown[0] = false;
    editor.frame();
    editor.frame();
    CHECK(editor.app.settings().sidebarWidth == doctest::Approx(before + 80 / em).epsilon(0.01));
    CHECK(editor.app.view().viewOrigin.x == doctest::Approx(reportLeft + 80).epsilon(0.01));
    App next(editor.options());
    CHECK(next.settings().sidebarWidth == editor.app.settings().sidebarWidth);
}

TEST_CASE("editor: a code's quick key toggles it on the passage, keeping its other codes and its note") {
    EditorFixture editor;
    editor.start();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    editor.press('1');
    editor.press('2');
    const auto* a = annotationAt(editor.app, range);
    REQUIRE(a);
    CHECK(a->tags == std::vector<std::string>{"discrimination", "representation"});
    CHECK(editor.app.annotationSet().size() == 1); // the second code joined the first passage
    const std::string id = a->id;
    REQUIRE(editor.app.setNote(id, "a memo"));

    editor.press('1'); // the passage has it: off again
    a = annotationAt(editor.app, range);
    REQUIRE(a);
    CHECK(a->tags == std::vector<std::string>{"representation"});
    CHECK(a->note == "a memo");
    CHECK(a->id == id);
    editor.app.undo(); // one step
    CHECK(annotationAt(editor.app, range)->tags ==
          std::vector<std::string>{"discrimination", "representation"});
    editor.app.redo();

    SUBCASE("the last code off keeps a passage with a note as a note") {
        editor.press('2');
        a = annotationAt(editor.app, range);
        REQUIRE(a);
        CHECK(a->tags.empty());
        CHECK(a->note == "a memo");
        editor.press('6'); // and a key codes it again
        CHECK(annotationAt(editor.app, range)->tags == std::vector<std::string>{"accountability"});
    }
    SUBCASE("the last code off a passage without a note removes it") {
        REQUIRE(editor.app.setNote(id, ""));
        editor.press('2');
        CHECK(!annotationAt(editor.app, range));
        editor.app.undo();
        CHECK(annotationAt(editor.app, range)->tags == std::vector<std::string>{"representation"});
    }
    SUBCASE("a clicked annotation, with nothing selected, is what the key acts on") {
        editor.app.view().select(0, 0);
        editor.app.view().selectedAnnotation = id;
        editor.frame();
        editor.press('3');
        CHECK(annotationAt(editor.app, range)->tags == std::vector<std::string>{"representation", "pay-gap"});
        CHECK(editor.app.removeTag(id, "representation"));
        CHECK(annotationAt(editor.app, range)->tags == std::vector<std::string>{"pay-gap"});
        CHECK(!editor.app.removeTag(id, "representation")); // not there any more
    }
    SUBCASE("the tag popup applies a code, or takes off one the passage has") {
        editor.popup("Speaking");
        CHECK(annotationAt(editor.app, range)->tags ==
              std::vector<std::string>{"representation", "speaking-up"});
        editor.popup("Ethnic");
        CHECK(annotationAt(editor.app, range)->tags == std::vector<std::string>{"speaking-up"});
    }
    SUBCASE("an overlapping selection gets a passage of its own") {
        const auto wider = editor.select("Freedom to Speak Up Guardians");
        editor.press('2');
        CHECK(annotationAt(editor.app, range)->tags == std::vector<std::string>{"representation"});
        CHECK(annotationAt(editor.app, wider)->tags == std::vector<std::string>{"representation"});
    }
}

TEST_CASE("editor: an edit to another coder's annotation records who made it") {
    EditorFixture editor;
    editor.start();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1));
    const std::string id = annotationAt(editor.app, range)->id;
    CHECK(!annotationAt(editor.app, range)->extra.contains("modified_by"));
    REQUIRE(editor.app.save());
    {
        gloss::test::ScopedEnv other{"GLOSS_AUTHOR", "second coder"};
        App next(editor.options());
        next.load();
        REQUIRE(next.addTag(id, "wellbeing"));
        const auto* a = annotationAt(next, range);
        CHECK(a->author == "tester");
        CHECK(a->extra.value("modified_by", "") == "second coder");
        REQUIRE(next.save());
    }
    const auto saved = gloss::core::loadAnnotationFile(editor.folder / "coded.json");
    REQUIRE(saved.annotations.size() == 1);
    CHECK(saved.annotations[0].extra.value("modified_by", "") == "second coder");
}

TEST_CASE("editor: a codebook without quick keys gets 1-9 for its first nine top-level codes") {
    EditorFixture editor;
    nlohmann::ordered_json codebook = {
        {"format", "gloss.codebook"}, {"version", 1}, {"tags", nlohmann::json::array()}};
    for (int i = 0; i < 11; ++i)
        codebook["tags"].push_back({{"id", "code" + std::to_string(i)},
                                    {"label", "Code " + std::to_string(i)},
                                    {"color", "#336699"}});
    codebook["tags"].insert(
        codebook["tags"].begin() + 1,
        nlohmann::ordered_json::object(
            {{"id", "sub"}, {"label", "Sub"}, {"color", "#993366"}, {"parent", "code0"}}));
    Options options = editor.options();
    options.codebook = editor.folder.write("plain.json", codebook.dump());
    App app(options);
    app.load();
    REQUIRE(app.messages().empty());
    CHECK(app.codebook().find("code0")->key == "1");
    CHECK(app.codebook().find("sub")->key.empty());
    CHECK(app.codebook().find("code1")->key == "2");
    CHECK(app.codebook().find("code8")->key == "9");
    CHECK(app.codebook().find("code9")->key.empty());
}

TEST_CASE("editor: filtering by a parent code lists the passages of its sub-codes too") {
    EditorFixture editor;
    editor.start();
    editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelection("pay-gap")); // under "representation"
    editor.select("This review began");
    REQUIRE(editor.app.tagSelection("discrimination"));
    AnnotationFilter filter;
    filter.tag = "representation";
    CHECK(editor.app.filteredAnnotations(filter).size() == 1);
    filter.tag = "pay-gap";
    CHECK(editor.app.filteredAnnotations(filter).size() == 1);
    filter.tag = "senior-representation";
    CHECK(editor.app.filteredAnnotations(filter).empty());
}

TEST_CASE("editor: accepting a colleague's coding one already has merges it and says what differed") {
    EditorFixture editor;
    editor.start();
    const auto range = editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1));
    REQUIRE(editor.app.tagSelectionWithKey(2));
    REQUIRE(editor.app.save());
    // Their file: the same passage and codes (in another order) under
    // another id, with a note; and the same passage with other codes.
    auto theirs = nlohmann::ordered_json::parse(gloss::test::readText(editor.folder / "coded.json"));
    auto& same = theirs["annotations"][0];
    same["id"] = "11111111-1111-4111-8111-111111111111";
    same["author"] = "sam";
    same["tags"] = {"representation", "discrimination"};
    same["note"] = "their memo";
    auto other = same;
    other["id"] = "22222222-2222-4222-8222-222222222222";
    other["tags"] = {"discrimination"};
    other["note"] = "";
    theirs["annotations"].push_back(other);
    const bool opened = editor.app.openColleague(editor.folder.write("theirs.json", theirs.dump()));
    REQUIRE(opened);
    editor.frame();
    const ColleagueLayer* layer = editor.app.colleague();
    REQUIRE(layer);
    REQUIRE(layer->differences.size() == 2);
    CHECK(layer->whatDiffers.at("11111111-1111-4111-8111-111111111111") == "note");
    CHECK(layer->whatDiffers.at("22222222-2222-4222-8222-222222222222") == "codes");

    REQUIRE(editor.app.acceptColleague("11111111-1111-4111-8111-111111111111"));
    CHECK(editor.app.annotationSet().size() == 1); // merged, not a duplicate
    const auto* mine = annotationAt(editor.app, range);
    CHECK(mine->note == "their memo");
    CHECK(mine->tags == std::vector<std::string>{"discrimination", "representation"});
    editor.frame();
    CHECK(editor.app.colleague()->differences.size() == 1); // now the same coding
    editor.app.undo();
    CHECK(annotationAt(editor.app, range)->note.empty());

    REQUIRE(editor.app.acceptColleague("22222222-2222-4222-8222-222222222222"));
    CHECK(editor.app.annotationSet().size() == 2); // other codes: a coding of its own
}

TEST_CASE("editor: merging, deleting and moving codes carry their codings, each one undo step") {
    EditorFixture editor;
    editor.start();
    const auto first = editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelectionWithKey(1)); // discrimination
    REQUIRE(editor.app.tagSelectionWithKey(7)); // speaking-up
    const auto second = editor.select("This review began");
    REQUIRE(editor.app.tagSelectionWithKey(7));
    const auto third = editor.select("We want to thank");
    REQUIRE(editor.app.tagSelectionWithKey(3)); // pay-gap, under representation
    REQUIRE(editor.app.setNote(annotationAt(editor.app, third)->id, "keep me"));
    const auto tagsAt = [&](std::pair<uint64_t, uint64_t> range) {
        const auto* a = annotationAt(editor.app, range);
        return a ? a->tags : std::vector<std::string>{"(none)"};
    };
    CHECK(editor.app.codingCount("speaking-up") == 2);

    SUBCASE("merge: the codings move to the other code, once per passage") {
        REQUIRE(editor.app.mergeTag("speaking-up", "discrimination"));
        CHECK(!editor.app.codebook().find("speaking-up"));
        CHECK(tagsAt(first) == std::vector<std::string>{"discrimination"});
        CHECK(tagsAt(second) == std::vector<std::string>{"discrimination"});
        CHECK(editor.app.codingCount("discrimination") == 2);
        editor.app.undo();
        CHECK(editor.app.codebook().find("speaking-up"));
        CHECK(tagsAt(first) == std::vector<std::string>{"discrimination", "speaking-up"});
        CHECK(tagsAt(second) == std::vector<std::string>{"speaking-up"});
        editor.app.redo();
        CHECK(tagsAt(second) == std::vector<std::string>{"discrimination"});
    }
    SUBCASE("merge: a parent's sub-codes move under the code it is merged into") {
        REQUIRE(editor.app.mergeTag("representation", "wellbeing"));
        CHECK(editor.app.codebook().find("pay-gap")->parent == "wellbeing");
        CHECK(tagsAt(third) == std::vector<std::string>{"pay-gap"});
    }
    SUBCASE("delete: codings lose the code; a passage left with nothing is removed, one with a note stays") {
        REQUIRE(editor.app.deleteTag("speaking-up"));
        CHECK(tagsAt(first) == std::vector<std::string>{"discrimination"});
        CHECK(tagsAt(second) == std::vector<std::string>{"(none)"});
        REQUIRE(editor.app.deleteTag("representation")); // pay-gap moves up
        CHECK(editor.app.codebook().find("pay-gap")->parent.empty());
        REQUIRE(editor.app.deleteTag("pay-gap"));
        CHECK(tagsAt(third).empty());
        CHECK(annotationAt(editor.app, third)->note == "keep me");
        editor.app.undo();
        editor.app.undo();
        editor.app.undo();
        CHECK(tagsAt(second) == std::vector<std::string>{"speaking-up"});
        CHECK(tagsAt(third) == std::vector<std::string>{"pay-gap"});
        CHECK(editor.app.codebook().find("pay-gap")->parent == "representation");
    }
    SUBCASE("reparent: under another code, never under itself, and back to the top") {
        REQUIRE(editor.app.reparentTag("speaking-up", "discrimination"));
        CHECK(editor.app.codebook().find("speaking-up")->parent == "discrimination");
        CHECK(!editor.app.reparentTag("discrimination", "speaking-up"));
        AnnotationFilter filter;
        filter.tag = "discrimination";
        CHECK(editor.app.filteredAnnotations(filter).size() == 2); // with its new sub-code's passages
        REQUIRE(editor.app.reparentTag("speaking-up", ""));
        CHECK(editor.app.codebook().find("speaking-up")->parent.empty());
        editor.app.undo();
        editor.app.undo();
        CHECK(editor.app.codebook().find("speaking-up")->parent.empty());
        CHECK(tagsAt(first) == std::vector<std::string>{"discrimination", "speaking-up"});
    }
    SUBCASE("a quick key and a description are edits of their own") {
        REQUIRE(editor.app.setTagKey("disability", "1"));
        CHECK(editor.app.codebook().find("disability")->key == "1");
        CHECK(editor.app.codebook().find("discrimination")->key.empty());
        CHECK(!editor.app.setTagKey("disability", "x"));
        REQUIRE(editor.app.setTagDescription("disability", "Access and adjustments."));
        editor.app.undo();
        CHECK(editor.app.codebook().find("disability")->description != "Access and adjustments.");
        editor.app.undo();
        CHECK(editor.app.codebook().find("discrimination")->key == "1");
    }
}

TEST_CASE("editor: the first start asks for the coder's name, keeps it, and GLOSS_AUTHOR still wins") {
    EditorFixture editor;
    {
        gloss::test::ScopedEnv unset{"GLOSS_AUTHOR", std::nullopt};
        App first(editor.options());
        CHECK(first.coderNameAsked());
        first.setCoderName("Ana Coder");
        CHECK(!first.coderNameAsked());
        CHECK(first.coder() == "Ana Coder");
        CHECK(loadSettings().settings.author == "Ana Coder");

        App second(editor.options());
        CHECK(!second.coderNameAsked());
        CHECK(second.coder() == "Ana Coder");
    }
    App overridden(editor.options()); // GLOSS_AUTHOR=tester
    CHECK(overridden.coder() == "tester");
    Options screenshot = editor.options();
    {
        gloss::test::ScopedEnv unset{"GLOSS_AUTHOR", std::nullopt};
        std::filesystem::remove(settingsPath());
        screenshot.screenshot = editor.folder / "shot.png";
        CHECK(!App(screenshot).coderNameAsked()); // a screenshot is no one's session
        CHECK(App(editor.options()).coderNameAsked());
    }
}

TEST_CASE("editor: the report memo is typed in the sidebar, one undo step, saved with Ctrl+S and reopened") {
    EditorFixture editor;
    editor.start();
    CHECK(editor.app.memo().empty());
    editor.app.openMemo();
    editor.frame(); // the header opens and asks for the keyboard
    editor.frame(); // the field has it
    ImGuiIO& io = ImGui::GetIO();
    for (const char c : std::string("Staff voice is the thread")) {
        io.AddInputCharacter(static_cast<unsigned>(c));
        editor.frame();
    }
    CHECK(io.WantTextInput);
    CHECK(editor.app.memo().empty()); // still being typed
    io.KeyCtrl = true;
    editor.press('S');
    io.KeyCtrl = false;
    CHECK(editor.app.memo() == "Staff voice is the thread");
    CHECK(!editor.app.dirty());
    const auto saved = gloss::core::loadAnnotationFile(editor.folder / "coded.json");
    REQUIRE(saved.extra.contains("memo"));
    CHECK(saved.extra["memo"] == "Staff voice is the thread");

    editor.app.undo();
    CHECK(editor.app.memo().empty());
    CHECK(editor.app.dirty());
    editor.app.redo();
    CHECK(editor.app.memo() == "Staff voice is the thread");
    REQUIRE(editor.app.setMemo("A second thought"));
    REQUIRE(editor.app.save());

    // Reopened, the memo is there; an edit of the passages saved later keeps it.
    App reopened(editor.options());
    reopened.load();
    for (const auto& m : reopened.messages()) MESSAGE(m);
    REQUIRE(reopened.messages().empty());
    CHECK(reopened.memo() == "A second thought");
    const std::string_view text = reopened.document()->utf8();
    const size_t at = text.find("Freedom to Speak Up Guardian");
    reopened.view().select(at, at + 28);
    REQUIRE(reopened.tagSelection(reopened.codebook().tags.front().id));
    REQUIRE(reopened.save());
    const auto again = gloss::core::loadAnnotationFile(editor.folder / "coded.json");
    CHECK(again.annotations.size() == 1);
    CHECK(again.extra["memo"] == "A second thought");

    SUBCASE("emptied, the field goes from the file") {
        REQUIRE(reopened.setMemo(""));
        REQUIRE(reopened.save());
        CHECK(!gloss::core::loadAnnotationFile(editor.folder / "coded.json").extra.contains("memo"));
    }
}

TEST_CASE("editor: a memo that is not text is not editable and is saved as it was read") {
    EditorFixture editor;
    editor.start();
    const std::string_view text = editor.app.document()->utf8();
    const size_t at = text.find("Freedom to Speak Up Guardian");
    editor.app.view().select(at, at + 28);
    REQUIRE(editor.app.tagSelection(editor.app.codebook().tags.front().id));
    REQUIRE(editor.app.save());
    auto json = nlohmann::ordered_json::parse(gloss::test::readText(editor.folder / "coded.json"));
    json["memo"] = {{"lines", 2}};
    editor.folder.write("coded.json", json.dump(2));

    App reopened(editor.options());
    reopened.load();
    for (const auto& m : reopened.messages()) MESSAGE(m);
    REQUIRE(reopened.messages().empty());
    CHECK(!reopened.memoEditable());
    CHECK(reopened.memo().empty());
    CHECK(!reopened.setMemo("replaced"));
    REQUIRE(reopened.setNote(reopened.annotationSet().all().front().id, "a note"));
    REQUIRE(reopened.save());
    const auto saved = gloss::core::loadAnnotationFile(editor.folder / "coded.json");
    CHECK(saved.extra["memo"] == nlohmann::ordered_json({{"lines", 2}}));
}

TEST_CASE(
    "editor: Ctrl+Shift+F searches the open report with a hit list, and coding all hits is one undo step") {
    EditorFixture editor;
    editor.start();
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = io.KeyShift = true;
    editor.press('F');
    io.KeyCtrl = io.KeyShift = false;
    ProjectSearchState& search = editor.app.projectPanels().search;
    CHECK(search.open);
    CHECK(!editor.app.find().open); // Ctrl+Shift+F is not Ctrl+F
    editor.frame();                 // the query field takes the keyboard
    for (const char c : std::string("LEADERSHIP")) {
        io.AddInputCharacter(static_cast<unsigned>(c));
        editor.frame();
    }
    editor.press(ImGuiKey_Enter + 1);
    while (editor.app.working()) editor.frame();
    editor.frame();

    const gloss::core::Document& document = *editor.app.document();
    std::string lowered(document.utf8()); // the sample's "Leadership"s are ASCII
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    const auto expected = naiveMatches(lowered, "leadership");
    REQUIRE(expected.size() > 1);
    REQUIRE(search.results.hits.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const SearchHit& hit = search.results.hits[i];
        CHECK(hit.report == 0);
        CHECK(hit.start == document.codepointOffset(expected[i]));
        CHECK(hit.end == document.codepointOffset(expected[i] + 10));
    }

    // A hit's row goes to its passage in the open report.
    const SearchHit& last = search.results.hits.back();
    editor.app.jumpTo({0, {}, last.start, last.end});
    CHECK(editor.app.view().selectionStart() == expected.back());
    CHECK(editor.app.view().selectionEnd() == expected.back() + 10);

    const std::string code = editor.app.codebook().tags.front().id;
    const size_t before = editor.app.annotationSet().size();
    editor.app.codeAllHits(code);
    CHECK(editor.app.annotationSet().size() == before + expected.size());
    for (const auto& a : editor.app.annotationSet().all()) {
        CHECK(a.tags == std::vector<std::string>{code});
        CHECK(a.quote.size() == 10);
    }
    CHECK(search.message.find("Coded " + std::to_string(expected.size()) + " passages") == 0);
    CHECK(editor.app.dirty());
    editor.app.undo(); // all of them at once
    CHECK(editor.app.annotationSet().size() == before);
    editor.app.redo();
    CHECK(editor.app.annotationSet().size() == before + expected.size());

    SUBCASE("another report opened drops the hits, which were in this one") {
        REQUIRE(editor.app.save());
        OpenRequest request;
        request.report = editor.folder.write("other.txt", "Leadership, in short.\n");
        request.codebook = sourcePath("examples/codebook.json");
        REQUIRE(editor.app.open(request));
        CHECK(search.results.hits.empty());
        editor.app.codeAllHits(code);
        CHECK(editor.app.annotationSet().size() == 0);
    }
}

TEST_CASE("editor: a report opened after another was read far down starts at its top") {
    EditorFixture editor;
    editor.start();
    const gloss::core::Document& sample = *editor.app.document();
    editor.app.view().scrollTo = sample.lineStart(sample.lineCount() - 1);
    for (int i = 0; i < 3; ++i) editor.frame();
    REQUIRE(editor.app.view().firstVisibleByte > 1000);

    const auto shorter = editor.folder.write("short.txt", "A short report.\nIts second line.\n");
    OpenRequest request;
    request.report = shorter;
    request.codebook = sourcePath("examples/codebook.json");
    REQUIRE(editor.app.open(request));
    editor.frame();
    editor.frame(); // a scroll asked for in one frame is applied in the next
    CHECK(editor.app.view().topByte == 0);
    CHECK(editor.app.view().firstVisibleByte == 0);
}

TEST_CASE("editor: Ctrl+O starts in the folder a report was last opened from, not one exported to") {
    EditorFixture editor;
    editor.start();
    const auto reports = editor.folder / "reports";
    const auto exports = editor.folder / "exports";
    std::filesystem::create_directories(exports);
    const auto shorter = editor.folder.write("reports/short.txt", "A short report.\n");
    // Types over what the dialog proposes, then presses Enter.
    const auto typePath = [&](const std::string& path) {
        for (int i = 0; i < 3; ++i) editor.frame(); // the dialog opens and takes the keyboard
        ImGui::GetIO().KeyCtrl = true;
        editor.press(ImGuiKey_A + 1);
        ImGui::GetIO().KeyCtrl = false;
        ImGui::GetIO().AddInputCharactersUTF8(path.c_str());
        editor.frame();
        editor.press(ImGuiKey_Enter + 1);
    };
    ImGui::GetIO().KeyCtrl = true;
    editor.press('O');
    ImGui::GetIO().KeyCtrl = false;
    typePath(shorter.string());
    editor.finishOpening();
    REQUIRE(editor.app.workspace().reportPath() == shorter);
    CHECK(editor.app.settings().lastFolder == reports);

    // The export dialog is walked into another folder, and exports there.
    REQUIRE(editor.app.askToExport("csv"));
    typePath(exports.string());
    typePath("short.csv");
    REQUIRE(std::filesystem::exists(exports / "short.csv"));
    CHECK(editor.app.settings().lastFolder == reports);
}

namespace {

// The sidebar's child window, and its header `label` opened as a click would.
ImGuiWindow* openSidebarHeader(const char* label) {
    for (ImGuiWindow* window : GImGui->Windows)
        if (std::string_view(window->Name).find("##sidebar") != std::string_view::npos) {
            window->StateStorage.SetInt(window->GetID(label), 1);
            return window;
        }
    return nullptr;
}

} // namespace

TEST_CASE("editor: the Plugins panel's rows keep their height when a plugin is disabled or enabled") {
    EditorFixture editor;
    editor.start();
    ImGuiWindow* sidebar = openSidebarHeader("Plugins");
    REQUIRE(sidebar);
    editor.frame();
    editor.frame();
    const float height = sidebar->ContentSize.y;
    REQUIRE(editor.app.setPluginEnabled("export", false));
    editor.frame();
    editor.frame();
    CHECK(sidebar->ContentSize.y == height);
    REQUIRE(editor.app.setPluginEnabled("export", true));
    editor.frame();
    editor.frame();
    CHECK(sidebar->ContentSize.y == height);
    CHECK(!editor.app.setPluginEnabled("no-such-plugin", true));
}

TEST_CASE(
    "editor: an export is offered by the format's name, beside the report, never in the bundled examples") {
    EditorFixture editor;
    // The bundled sample's folder is not the user's: the home folder instead.
    gloss::test::ScopedEnv home("HOME", editor.folder.path().string());
    Options options = editor.options();
    options.report.clear();
    App sample(options);
    sample.load();
    REQUIRE(sample.askToExport("csv"));
    CHECK(sample.fileDialog().folder == editor.folder.path());
    CHECK(sample.fileDialog().typed == "sample-report.csv");

    const auto report = editor.folder.write("reports/interview.txt", "An interview.\n");
    options.report = report;
    App app(options);
    app.load();
    REQUIRE(app.askToExport("qdpx"));
    CHECK(app.fileDialog().title == "Export as REFI-QDA project (.qdpx): NVivo, ATLAS.ti, MAXQDA, QualCoder");
    CHECK(app.fileDialog().folder == editor.folder / "reports");
    CHECK(app.fileDialog().typed == "interview.qdpx");
    REQUIRE(app.askToExport("w3c"));
    CHECK(app.fileDialog().title == "Export as W3C Web Annotation (JSON-LD)");
    CHECK(!app.askToExport("no-such-format"));
}

TEST_CASE(
    "messages: information fades, an error stays until dismissed, a message is withdrawn by its subject") {
    gloss::test::HeadlessImGui imgui("");
    MessageList list;
    const auto frame = [&](float seconds) {
        ImGui::GetIO().DeltaTime = seconds;
        ImGui::NewFrame();
        ImGui::Begin("messages");
        MessagesView(list);
        ImGui::End();
        ImGui::Render();
    };
    list.post({"3 plugins reloaded", Severity::Info});
    list.post({"export failed", Severity::Error});
    list.post({"select some text first", Severity::Action, "selection"});
    list.post({"3 plugins reloaded", Severity::Info}); // said again: not twice
    REQUIRE(list.all().size() == 3);
    // Said again with another subject and button: the newer ones, which act on what is open now.
    int pressed = 0;
    list.post({"export failed", Severity::Error, "export", "Try again", [&] { ++pressed; }});
    REQUIRE(list.all().size() == 3);
    CHECK(list.all()[1].about == "export");
    CHECK(list.all()[1].actionLabel == "Try again");
    list.all()[1].action();
    CHECK(pressed == 1);
    frame(1.0f / 60);
    CHECK(list.wakeIn(ImGui::GetTime()) > 0);
    for (int i = 0; i < 20; ++i) frame(0.5f); // ten seconds
    CHECK(list.texts() == std::vector<std::string>{"export failed", "select some text first"});
    CHECK(list.wakeIn(ImGui::GetTime()) < 0); // nothing left to fade: the window may sleep
    list.withdraw("selection");
    CHECK(list.texts() == std::vector<std::string>{"export failed"});
    list.dismiss(0);
    CHECK(list.all().empty());
    ImGui::GetIO().DeltaTime = 1.0f / 60;
}

TEST_CASE("editor: a highlighter turned off while it works shows no matches and no error") {
    EditorFixture editor;
    editor.start();
    while (editor.app.working()) editor.frame();
    // Long enough that the themes are still being found when the plugin is turned off.
    std::string text;
    while (text.size() < 8'000'000)
        text += "The board's leadership heard concerns about bullying and racism.\n";
    OpenRequest request;
    request.report = editor.folder.write("long.txt", text);
    request.codebook = sourcePath("examples/codebook.json");
    REQUIRE(editor.app.open(request));
    REQUIRE(editor.app.working());
    REQUIRE(editor.app.setPluginEnabled("themes", false));
    while (editor.app.working()) editor.frame();
    editor.frame();
    CHECK(editor.app.themeMatches().spans.empty());
    for (const Message& m : editor.app.messageList().all()) {
        CAPTURE(m.text);
        CHECK(m.severity != Severity::Error);
    }
    // On again: they are found.
    REQUIRE(editor.app.setPluginEnabled("themes", true));
    while (editor.app.working()) editor.frame();
    editor.frame();
    CHECK(editor.app.themeMatches().spans.size() > 100'000);
}

TEST_CASE("editor: a message is coloured by what it asks for and goes once it is no longer true") {
    EditorFixture editor;
    editor.start();
    REQUIRE(editor.app.messageList().all().empty());
    CHECK(editor.app.reloadPlugins() == 0);
    REQUIRE(editor.app.messageList().all().size() == 1);
    CHECK(editor.app.messageList().all().back().severity == Severity::Info);

    // A quick key with nothing selected asks for a selection, and is done once there is one.
    CHECK(!editor.app.tagSelectionWithKey(1));
    REQUIRE(editor.app.messageList().all().size() == 2);
    CHECK(editor.app.messageList().all().back().severity == Severity::Action);
    editor.select("Freedom to Speak Up Guardian");
    editor.frame();
    REQUIRE(editor.app.messageList().all().size() == 1);
    CHECK(editor.app.messageList().all().back().severity == Severity::Info);

    // Turning a plugin off is no error, and its panel is not drawn.
    REQUIRE(editor.app.setPluginEnabled("themes", false));
    editor.frame();
    OpenRequest request; // another report: themes are not asked for
    request.report = editor.folder.write("other.txt", "Leadership and the board.\n");
    request.codebook = sourcePath("examples/codebook.json");
    REQUIRE(editor.app.open(request));
    while (editor.app.working()) editor.frame();
    editor.frame();
    for (const Message& m : editor.app.messageList().all()) {
        CAPTURE(m.text);
        CHECK(m.severity != Severity::Error);
    }
}

TEST_CASE(
    "editor: an example plugin loads only when asked; its panel closes, reopens and stays in the window") {
    EditorFixture editor;
    editor.start();
    const auto loaded = [](const App& app, const std::string& id) -> const gloss::core::PluginSummary* {
        static std::vector<gloss::core::PluginSummary> plugins;
        plugins = app.plugins()->plugins();
        for (const auto& p : plugins)
            if (p.id == id) return &p;
        return nullptr;
    };
    REQUIRE(loaded(editor.app, "export"));
    CHECK(!loaded(editor.app, "hello")); // built beside the others, not among them
    const std::filesystem::path hello =
        std::filesystem::path(GLOSS_EXAMPLE_PLUGIN_DIR) / "hello.gloss-plugin";
    REQUIRE(editor.app.addPlugin(hello));
    REQUIRE(loaded(editor.app, "hello"));
    editor.frame();
    editor.frame();
    ImGuiWindow* panel = ImGui::FindWindowByName("Hello");
    REQUIRE(panel);
    CHECK(panel->Active);

    SUBCASE("closed from the View menu, it is not drawn until reopened") {
        editor.app.showPluginPanel("Hello", false);
        editor.frame();
        CHECK(!panel->Active);
        editor.app.showPluginPanel("Hello", true);
        editor.frame();
        CHECK(panel->Active);
    }
    SUBCASE("its close button closes it, and the View menu reopens it") {
        REQUIRE(panel->HasCloseButton);
        // The button sits at the right end of the title bar.
        const float title = panel->TitleBarHeight();
        ImGui::GetIO().MousePos =
            ImVec2(panel->Pos.x + panel->Size.x - ImGui::GetStyle().FramePadding.x - title / 2,
                   panel->Pos.y + title / 2);
        editor.frame();
        ImGui::GetIO().MouseDown[0] = true;
        editor.frame();
        ImGui::GetIO().MouseDown[0] = false;
        editor.frame();
        editor.frame();
        CHECK(!panel->Active);
        editor.app.showPluginPanel("Hello", true);
        editor.frame();
        CHECK(panel->Active);
    }
    SUBCASE("after the window shrinks, the panel is moved back inside it") {
        ImGui::GetIO().DisplaySize = ImVec2(500, 300);
        editor.frame();
        editor.frame();
        CHECK(panel->Pos.x >= 0);
        CHECK(panel->Pos.y >= 0);
        CHECK(panel->Pos.x + panel->Size.x <= 500);
        CHECK(panel->Pos.y + panel->Size.y <= 300);
    }
    SUBCASE("the next start loads it again; turned off, it stays off, and that is no error") {
        REQUIRE(editor.app.setPluginEnabled("hello", false));
        editor.frame();
        CHECK(!panel->Active);
        App next(editor.options());
        next.load();
        const auto* again = loaded(next, "hello");
        REQUIRE(again);
        CHECK(!again->enabled);
        CHECK(next.messages().empty());
        REQUIRE(next.setPluginEnabled("hello", true));
        App third(editor.options());
        third.load();
        REQUIRE(loaded(third, "hello"));
        CHECK(loaded(third, "hello")->enabled);
    }
}

TEST_CASE(
    "editor: --encoding reads a Windows-1252 report; without it, a button reopens it so; binary is refused") {
    std::string error;
    std::vector<std::string> words{"gloss", "report.txt", "--encoding", "windows-1252"};
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    const auto parsed = parseOptions(static_cast<int>(argv.size()), argv.data(), error);
    REQUIRE(parsed);
    CHECK(parsed->encoding == gloss::core::Encoding::Windows1252);
    words[3] = "latin-9";
    argv.clear();
    for (auto& word : words) argv.push_back(word.data());
    CHECK(!parseOptions(static_cast<int>(argv.size()), argv.data(), error));
    CHECK(error == "--encoding: unknown encoding 'latin-9' (expected utf-8 or windows-1252)");

    EditorFixture editor;
    const auto cp1252 = editor.folder.write("cp1252.txt", "Caf\xe9 cr\xe8me, \x93quoted\x94.\n");
    Options options = editor.options();
    options.report = cp1252;
    options.encoding = gloss::core::Encoding::Windows1252;
    {
        App app(options);
        app.load();
        REQUIRE(app.document());
        CHECK(app.document()->utf8() == "Café crème, “quoted”.\n");
    }

    editor.start();
    OpenRequest request;
    request.report = cp1252;
    request.codebook = sourcePath("examples/codebook.json");
    CHECK(!editor.app.open(request));
    REQUIRE(!editor.app.messageList().all().empty());
    const Message offer = editor.app.messageList().all().back();
    CHECK(offer.severity == Severity::Action);
    CHECK(offer.text.find("cp1252.txt") != std::string::npos);
    REQUIRE(offer.actionLabel == "Reopen as Windows-1252");
    offer.action();
    editor.finishOpening();
    REQUIRE(editor.app.document());
    CHECK(editor.app.document()->utf8() == "Café crème, “quoted”.\n");
    CHECK(editor.app.document()->encoding() == gloss::core::Encoding::Windows1252);

    const auto binary =
        editor.folder.write("photo.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xd8", 18));
    request.report = binary;
    CHECK(!editor.app.open(request));
    const Message refused = editor.app.messageList().all().back();
    CHECK(refused.severity == Severity::Error);
    CHECK(refused.text.find("photo.txt") != std::string::npos);
    CHECK(refused.text.find("not a text report") != std::string::npos);
    CHECK(refused.actionLabel.empty());
}

TEST_CASE("editor: annotations made for another report are not bound to the open one without asking") {
    EditorFixture editor;
    editor.start();
    // Annotations of the sample, beside a copy of the sample under its own name.
    const auto theirs = editor.folder / "theirs" / "sample-annotations.json";
    std::filesystem::create_directories(theirs.parent_path());
    std::filesystem::copy_file(sourcePath("examples/sample-annotations.json"), theirs);
    std::filesystem::copy_file(sourcePath("examples/sample-report.txt"),
                               theirs.parent_path() / "sample-report.txt");
    const std::string before = gloss::test::readText(theirs);
    OpenRequest request;
    request.report = editor.folder.write("short.txt", "A short report about something else.\n");
    request.codebook = sourcePath("examples/codebook.json");
    request.annotations = theirs;
    CHECK(!editor.app.open(request));
    REQUIRE(editor.app.otherReportQuestionPending());
    CHECK(editor.app.document()->name() == "sample-report.txt"); // the open work stays until the answer
    editor.frame();
    editor.app.save(); // Ctrl+S meanwhile saves the open work, not theirs
    CHECK(gloss::test::readText(theirs) == before);

    SUBCASE("Cancel leaves everything as it was") {
        editor.app.answerOtherReport(App::OtherReportAnswer::Cancel);
        CHECK(!editor.app.otherReportQuestionPending());
        CHECK(editor.app.document()->name() == "sample-report.txt");
        CHECK(gloss::test::readText(theirs) == before);
    }
    SUBCASE("the file's own report, found beside it, opens with it") {
        editor.app.answerOtherReport(App::OtherReportAnswer::OpenItsReport);
        editor.finishOpening();
        CHECK(!editor.app.otherReportQuestionPending());
        CHECK(editor.app.annotationsPath() == theirs);
        CHECK(editor.app.document()->utf8() ==
              gloss::test::readText(sourcePath("examples/sample-report.txt")));
        CHECK(editor.app.annotationSet().size() > 3);
    }
    SUBCASE("anchored here on request, the orphans are said") {
        editor.app.answerOtherReport(App::OtherReportAnswer::AnchorHere);
        editor.finishOpening();
        CHECK(!editor.app.otherReportQuestionPending());
        CHECK(editor.app.document()->name() == "short.txt");
        CHECK(editor.app.annotationsPath() == theirs);
        CHECK(editor.app.messages().back().find("orphaned") != std::string::npos);
    }
}

TEST_CASE("editor: a maximum reading width keeps lines short on a wide screen, and is kept in the settings") {
    EditorFixture editor;
    ImGui::GetIO().DisplaySize = ImVec2(2560, 1440);
    editor.start();
    editor.frame();
    const float em = ImGui::GetFontSize();
    const float whole = editor.app.view().layout.wrapWidth();
    CHECK(whole > 100 * em);
    editor.app.setReadingWidth(46);
    editor.frame();
    editor.frame();
    CHECK(editor.app.view().layout.wrapWidth() <= 48 * em); // the stripes' margin is about two
    CHECK(editor.app.view().layout.wrapWidth() > 40 * em);
    CHECK(App(editor.options()).settings().readingWidth == 46);
    editor.app.setReadingWidth(0);
    editor.frame();
    editor.frame();
    CHECK(editor.app.view().layout.wrapWidth() == whole);
}

namespace {

// Another program's change to an annotation file: a copy of its first
// annotation under a new id, saved atomically as gloss-cli would.
void addOnDisk(const std::filesystem::path& path, const std::string& id) {
    gloss::annotations::AnnotationFile file = gloss::core::loadAnnotationFile(path);
    REQUIRE(!file.annotations.empty());
    gloss::annotations::Annotation copy = file.annotations.front();
    copy.id = id;
    copy.note = "added on disk";
    file.annotations.push_back(copy);
    gloss::core::saveAnnotationFile(path, file);
}

bool onDisk(const std::filesystem::path& path, const std::string& id) {
    for (const auto& a : gloss::core::loadAnnotationFile(path).annotations)
        if (a.id == id) return true;
    return false;
}

} // namespace

TEST_CASE("editor: its file changed on disk is read again, or with unsaved work merged or kept by choice") {
    EditorFixture editor;
    editor.start();
    editor.select("Freedom to Speak Up Guardian");
    REQUIRE(editor.app.tagSelection(editor.app.codebook().tags.front().id));
    REQUIRE(editor.app.save());
    const std::filesystem::path path = editor.app.annotationsPath();

    // Nothing unsaved: read again without a question.
    addOnDisk(path, "theirs-1");
    editor.app.checkAnnotationsOnDisk();
    CHECK_FALSE(editor.app.diskChangeQuestionPending());
    CHECK(editor.app.annotationSet().find("theirs-1"));
    CHECK_FALSE(editor.app.dirty());
    const auto messages = editor.app.messages();
    CHECK(std::any_of(messages.begin(), messages.end(), [](const std::string& m) {
        return m.find("changed on disk and was read again") != m.npos;
    }));

    // Unsaved work: the user is asked, and merging keeps both.
    editor.select("Northmoor");
    REQUIRE(editor.app.tagSelection(editor.app.codebook().tags.front().id));
    const size_t mine = editor.app.annotationSet().size();
    addOnDisk(path, "theirs-2");
    editor.app.checkAnnotationsOnDisk();
    REQUIRE(editor.app.diskChangeQuestionPending());
    CHECK_FALSE(editor.app.annotationSet().find("theirs-2"));
    editor.frame(); // the question on screen
    editor.app.answerDiskChange(App::DiskChangeAnswer::Merge);
    CHECK(editor.app.annotationSet().find("theirs-2"));
    CHECK(editor.app.annotationSet().size() == mine + 1);
    REQUIRE(editor.app.save());
    CHECK(onDisk(path, "theirs-2"));

    // A save over a changed file is refused and asks; keeping one's own then saves it.
    addOnDisk(path, "theirs-3");
    REQUIRE(editor.app.deleteAnnotation("theirs-1"));
    CHECK_FALSE(editor.app.save());
    CHECK(editor.app.diskChangeQuestionPending());
    CHECK(onDisk(path, "theirs-1"));
    editor.app.answerDiskChange(App::DiskChangeAnswer::KeepMine);
    REQUIRE(editor.app.save());
    CHECK_FALSE(onDisk(path, "theirs-1"));
    CHECK_FALSE(onDisk(path, "theirs-3"));
}
