// The sidebar's panels on their own, without the App: what the annotations
// panel lists under a filter, and the codebook's tag editor.

#include "headless_imgui.hpp"
#include "panels/sidebar_panels.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

using namespace gloss::gui;
using gloss::annotations::AnchorStatus;
using gloss::annotations::Annotation;

namespace {

gloss::annotations::Tag tag(const std::string& id, const std::string& parent = "") {
    gloss::annotations::Tag t;
    t.id = id;
    t.label = id;
    t.color = "#1f77b4";
    t.parent = parent;
    return t;
}

gloss::annotations::Codebook codebook() {
    gloss::annotations::Codebook book;
    book.tags = {tag("voice"), tag("speaking-up", "voice"), tag("pay")};
    return book;
}

// Empty strings, -1 and false let everything through.
AnnotationFilter where(std::string code, std::string author = "", std::string origin = "", int status = -1,
                       bool conflictsOnly = false) {
    return {std::move(code), std::move(author), std::move(origin), status, conflictsOnly};
}

Annotation annotation(const std::string& id, uint64_t start, std::vector<std::string> tags,
                      std::string author, std::string origin = "manual",
                      AnchorStatus status = AnchorStatus::Anchored) {
    Annotation a;
    a.id = id;
    a.start = start;
    a.end = start + 5;
    a.tags = std::move(tags);
    a.author = std::move(author);
    a.origin = std::move(origin);
    a.status = status;
    return a;
}

// The ids `filter` lets through, in list order.
std::vector<std::string> listed(const gloss::annotations::AnnotationSet& set,
                                const AnnotationFilter& filter) {
    std::vector<std::string> ids;
    for (const size_t i : filterAnnotations(set, codebook(), filter)) ids.push_back(set.all()[i].id);
    return ids;
}

} // namespace

TEST_CASE("annotations panel: the filter lets through by code with its sub-codes, author, origin, status "
          "and conflict") {
    Annotation conflicted = annotation("e", 40, {"pay"}, "ana");
    conflicted.conflict = {{"base", nullptr}, {"ours", nullptr}, {"theirs", nullptr}};
    const gloss::annotations::AnnotationSet set(
        {annotation("a", 0, {"voice"}, "ana"), annotation("b", 10, {"speaking-up"}, "ben"),
         annotation("c", 20, {"pay", "speaking-up"}, "ana", "plugin:tagging"),
         annotation("d", 30, {}, "ben", "manual", AnchorStatus::Orphaned), conflicted});

    CHECK(listed(set, where("")) == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(listed(set, where("voice")) == std::vector<std::string>{"a", "b", "c"});  // its sub-code too
    CHECK(listed(set, where("speaking-up")) == std::vector<std::string>{"b", "c"}); // not its parent
    CHECK(listed(set, where("pay")) == std::vector<std::string>{"c", "e"});
    CHECK(listed(set, where("", "ben")) == std::vector<std::string>{"b", "d"});
    CHECK(listed(set, where("", "", "plugin:tagging")) == std::vector<std::string>{"c"});
    CHECK(listed(set, where("", "", "", static_cast<int>(AnchorStatus::Orphaned))) ==
          std::vector<std::string>{"d"});
    CHECK(listed(set, where("", "", "", -1, true)) == std::vector<std::string>{"e"});
    // The conditions hold together.
    CHECK(listed(set, where("voice", "ana")) == std::vector<std::string>{"a", "c"});
    CHECK(listed(set, where("voice", "ana", "manual")) == std::vector<std::string>{"a"});
}

TEST_CASE("codebook panel: a quick key held by another code is named, not the edited code's own") {
    gloss::annotations::Codebook book = codebook();
    book.tags[0].key = "1"; // voice
    book.tags[2].key = "2"; // pay
    REQUIRE(quickKeyHolder(book, "1", "pay"));
    CHECK(quickKeyHolder(book, "1", "pay")->id == "voice");
    CHECK(quickKeyHolder(book, "2", "voice")->id == "pay");
    CHECK(!quickKeyHolder(book, "1", "voice")); // its own key
    CHECK(!quickKeyHolder(book, "3", ""));      // no one's
    CHECK(!quickKeyHolder(book, "", "pay"));    // no key is not a key the codes without one hold
}

TEST_CASE("codebook panel: the tag editor opens with the tag's fields and Enter applies them unchanged") {
    gloss::test::HeadlessImGui imgui("Edit tag voice Speaking Label Colour Quick key", ImVec2(800, 600));
    gloss::annotations::Codebook book = codebook();
    book.tags[1].key = "3";
    book.tags[1].color = "#e377c2";
    book.tags[1].description = "Raising a concern";
    const std::map<std::string, TagCounts> counts{{"speaking-up", {2, 5}}};
    CodebookPanelState state;
    std::string filterTag;
    std::optional<TagEdit> applied;
    const auto frame = [&] {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, 600));
        ImGui::Begin("sidebar", nullptr, ImGuiWindowFlags_NoDecoration);
        const CodebookAction action = CodebookPanel(state, book, counts, filterTag);
        if (action.edit) applied = action.edit;
        CHECK(!action.reparent);
        CHECK(action.deleteTag.empty());
        ImGui::End();
        ImGui::Render();
    };
    frame();
    CHECK(state.editorFor.empty());
    state.editingTag = "speaking-up"; // as a click on its swatch asks
    frame();
    CHECK(state.editorFor == "speaking-up");
    CHECK(state.label == "speaking-up");
    CHECK(state.key == "3");
    CHECK(state.description == "Raising a concern");
    CHECK(!applied);
    ImGui::GetIO().KeysDown[ImGuiKey_Enter + 1] = true;
    frame();
    ImGui::GetIO().KeysDown[ImGuiKey_Enter + 1] = false;
    REQUIRE(applied);
    CHECK(applied->tag == "speaking-up");
    CHECK(applied->label == "speaking-up");
    CHECK(applied->color == "#e377c2"); // through the colour picker's floats and back
    CHECK(applied->key == "3");
    CHECK(applied->description == "Raising a concern");
    frame();
    CHECK(state.editorFor.empty()); // closed
    CHECK(filterTag.empty());       // no row was clicked
}

TEST_CASE("colleague panel: the agreement table leaves the tag's label room at the default sidebar width") {
    gloss::test::HeadlessImGui imgui("Accountability and personal responsibility n kappa alpha unit pooled",
                                     ImVec2(1280, 800));
    gloss::annotations::Codebook book;
    book.tags = {tag("accountability")};
    book.tags[0].label = "Accountability and personal responsibility";
    gloss::annotations::AgreementSummary summary;
    gloss::annotations::TagAgreement row;
    row.tag = "accountability";
    row.annotationsA = 12;
    row.annotationsB = 10;
    row.kappa = -0.0012;
    row.nominal.alpha = 0.76712;
    row.unitizing.alpha = 0.79634;
    summary.tags = {row};
    summary.pooledKappa = 0.80211;
    const ImGuiTable* table = nullptr;
    float sidebar = 0;
    for (int frame = 0; frame < 3; ++frame) { // fitted columns settle over frames
        ImGui::NewFrame();
        sidebar = 20 * ImGui::GetFontSize(); // the settings' default width
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(sidebar, 600));
        ImGui::Begin("sidebar", nullptr, ImGuiWindowFlags_NoDecoration);
        AgreementTable(&summary, book);
        table = ImGui::TableFindByID(ImGui::GetID("##agreement"));
        ImGui::End();
        ImGui::Render();
    }
    REQUIRE(table);
    // Every column fits the sidebar, and the label keeps room for "Accountabili".
    float total = 0;
    for (int i = 0; i < table->ColumnsCount; ++i) total += table->Columns[i].WidthGiven;
    CHECK(total <= sidebar);
    CHECK(table->Columns[0].WidthGiven >= ImGui::CalcTextSize("Accountabili").x);
    // The figures fit their columns: "12:10", "-0.00", "0.77", "0.80".
    CHECK(table->Columns[1].WidthGiven >= ImGui::CalcTextSize("12:10").x);
    CHECK(table->Columns[2].WidthGiven >= ImGui::CalcTextSize("-0.00").x);
}
