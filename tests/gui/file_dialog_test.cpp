// The file dialog: the folder listing as plain functions, then the dialog in
// real ImGui frames without a window (input fed through ImGuiIO).

#include "headless_imgui.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"
#include "widgets/file_dialog.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <unistd.h>

using namespace gloss::gui;
using gloss::test::readText;
using gloss::test::ScopedEnv;
using gloss::test::TempDir;
namespace fs = std::filesystem;

namespace {

const FileFilter kAll{"All files", {}};
const FileFilter kReports{"Reports (*.txt, *.pdf, *.docx, *.html)", {".txt", ".pdf", ".docx", ".html"}};
const FileFilter kAnnotations{"Annotations (*.json)", {".json"}};

// A folder with mixed-case names, hidden entries and sub-folders.
struct Tree {
    TempDir dir;
    Tree() {
        dir.write("beta.TXT", "12345");
        dir.write("Alpha.txt", "");
        dir.write("gamma.json", "{}");
        dir.write("notes.md", "x");
        dir.write(".hidden.txt", "");
        fs::create_directories(dir / "Zeta");
        fs::create_directories(dir / "epsilon" / "inner");
        fs::create_directories(dir / ".config");
        dir.write("epsilon/inside.txt", "inside");
    }
};

std::vector<std::string> names(const FolderListing& listing) {
    std::vector<std::string> out;
    for (const auto& entry : listing.entries) out.push_back(entry.name + (entry.folder ? "/" : ""));
    return out;
}

class Frames {
  public:
    bool frame(FileDialogState& state) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(900, 600));
        ImGui::Begin("editor", nullptr, ImGuiWindowFlags_NoDecoration);
        const bool accepted = FileDialog("file-dialog", state);
        open = ImGui::IsPopupOpen("###file-dialog");
        ImGui::End();
        ImGui::Render();
        accepted_ += accepted ? 1 : 0;
        return accepted;
    }
    // Frames until the dialog has settled (it sizes itself and takes focus).
    void settle(FileDialogState& state) {
        for (int i = 0; i < 4; ++i) frame(state);
    }
    void type(FileDialogState& state, const char* text) {
        ImGui::GetIO().AddInputCharactersUTF8(text);
        frame(state);
    }
    // Returns whether the dialog accepted on the press or the release.
    bool press(FileDialogState& state, ImGuiKey key) {
        ImGui::GetIO().KeysDown[key + 1] = true;
        bool accepted = frame(state);
        ImGui::GetIO().KeysDown[key + 1] = false;
        accepted = frame(state) || accepted;
        return accepted;
    }
    void selectAll(FileDialogState& state) {
        ImGui::GetIO().KeyCtrl = true;
        press(state, ImGuiKey_A);
        ImGui::GetIO().KeyCtrl = false;
    }
    void click(FileDialogState& state, ImVec2 at, int times) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        frame(state);
        for (int i = 0; i < times; ++i) {
            io.MouseDown[0] = true;
            frame(state);
            io.MouseDown[0] = false;
            frame(state);
        }
    }
    // The middle of the row of the entry called `name`.
    ImVec2 rowOf(const FileDialogState& state, const std::string& name) {
        for (size_t i = 0; i < state.listing.entries.size(); ++i)
            if (state.listing.entries[i].name == name && i < state.rowPositions.size() &&
                state.rowPositions[i].y >= 0)
                return ImVec2(state.rowPositions[i].x + 20,
                              state.rowPositions[i].y + ImGui::GetFontSize() / 2);
        FAIL("no row for " << name);
        return {};
    }
    int accepted() const { return accepted_; }

    bool open = false;

  private:
    gloss::test::HeadlessImGui imgui_{"", ImVec2(900, 600)};
    int accepted_ = 0;
};

} // namespace

TEST_CASE("file listing: folders first, then files, by name ignoring case") {
    Tree tree;
    const FolderListing listing = listFolder(tree.dir.path(), kAll, false);
    CHECK(listing.error == "");
    CHECK(names(listing) ==
          std::vector<std::string>{"epsilon/", "Zeta/", "Alpha.txt", "beta.TXT", "gamma.json", "notes.md"});
    CHECK(listing.entries[3].size == 5);
    CHECK(listing.entries[0].size == 0);
    CHECK(listing.entries[3].modified == fs::last_write_time(tree.dir / "beta.TXT"));

    SUBCASE("a filter keeps matching files, ignoring case, and every folder") {
        CHECK(names(listFolder(tree.dir.path(), kReports, false)) ==
              std::vector<std::string>{"epsilon/", "Zeta/", "Alpha.txt", "beta.TXT"});
        CHECK(names(listFolder(tree.dir.path(), kAnnotations, false)) ==
              std::vector<std::string>{"epsilon/", "Zeta/", "gamma.json"});
        CHECK_FALSE(matchesFilter(".txt", kReports)); // an extension alone is no name
        CHECK(matchesFilter("r.gloss.json", {"Gloss", {".gloss.json"}}));
        CHECK_FALSE(matchesFilter("r.json", {"Gloss", {".gloss.json"}}));
    }
    SUBCASE("hidden entries are shown on request") {
        CHECK(names(listFolder(tree.dir.path(), kReports, true)) ==
              std::vector<std::string>{".config/", "epsilon/", "Zeta/", ".hidden.txt", "Alpha.txt",
                                       "beta.TXT"});
    }
    SUBCASE("links count as what they point to; a broken link is a file") {
        fs::create_directory_symlink(tree.dir / "Zeta", tree.dir / "link-to-zeta");
        fs::create_symlink(tree.dir / "missing.txt", tree.dir / "broken.txt");
        const auto listing2 = listFolder(tree.dir.path(), kReports, false);
        CHECK(names(listing2) == std::vector<std::string>{"epsilon/", "link-to-zeta/", "Zeta/", "Alpha.txt",
                                                          "beta.TXT", "broken.txt"});
        CHECK(listing2.entries.back().size == 0);
    }
}

TEST_CASE("file listing: a folder that cannot be listed gives a message, not entries") {
    Tree tree;
    const auto missing = listFolder(tree.dir / "missing", kAll, false);
    CHECK(missing.entries.empty());
    CHECK(missing.error.starts_with((tree.dir / "missing").string() + ": "));
    const auto file = listFolder(tree.dir / "notes.md", kAll, false);
    CHECK(file.entries.empty());
    CHECK(file.error.find("Not a directory") != std::string::npos);
    if (::geteuid() != 0) { // root reads every folder
        fs::permissions(tree.dir / "Zeta", fs::perms::none);
        const auto denied = listFolder(tree.dir / "Zeta", kAll, false);
        fs::permissions(tree.dir / "Zeta", fs::perms::owner_all);
        CHECK(denied.error.find("Permission denied") != std::string::npos);
    }
}

TEST_CASE("file dialog: typed paths expand ~ and are taken from the listed folder") {
    ScopedEnv home("HOME", "/home/someone");
    CHECK(resolveTypedPath("/data", "~") == "/home/someone/");
    CHECK(resolveTypedPath("/data", "~/notes/a.txt") == "/home/someone/notes/a.txt");
    CHECK(resolveTypedPath("/data/x", "../y/a.txt") == "/data/y/a.txt");
    CHECK(resolveTypedPath("/data", "/etc/hosts") == "/etc/hosts");
    CHECK(resolveTypedPath("/data", "~other") == "/data/~other");
    CHECK(formatSize(0) == "0 B");
    CHECK(formatSize(1023) == "1023 B");
    CHECK(formatSize(1536) == "1.5 KiB");
    CHECK(formatSize(20ull << 20) == "20.0 MiB");
}

TEST_CASE("file dialog: opening a file by typing its path") {
    Tree tree;
    Frames frames;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Open, "Open report", tree.dir.path(), {kReports, kAll});
    frames.settle(state);
    REQUIRE(frames.open);
    CHECK(state.folder == tree.dir.path());
    CHECK(names(state.listing) == std::vector<std::string>{"epsilon/", "Zeta/", "Alpha.txt", "beta.TXT"});

    SUBCASE("a typed folder is entered, then a file there is accepted with Enter") {
        frames.type(state, "epsilon");
        CHECK(state.typed == "epsilon");
        CHECK_FALSE(frames.press(state, ImGuiKey_Enter));
        CHECK(state.folder == tree.dir / "epsilon");
        CHECK(state.typed == "");
        CHECK(names(state.listing) == std::vector<std::string>{"inner/", "inside.txt"});
        frames.frame(state);
        frames.type(state, "inside.txt");
        CHECK(frames.press(state, ImGuiKey_Enter));
        CHECK(state.chosen == tree.dir / "epsilon" / "inside.txt");
        frames.frame(state);
        CHECK_FALSE(frames.open);
        CHECK(frames.accepted() == 1); // once
    }
    SUBCASE("~ is the home folder") {
        ScopedEnv home("HOME", (tree.dir / "Zeta").string());
        frames.type(state, "~");
        frames.press(state, ImGuiKey_Enter);
        CHECK(state.folder == tree.dir / "Zeta");
        CHECK(frames.open);
    }
    SUBCASE("a missing file is a message in the dialog") {
        frames.type(state, "nothing-here.txt");
        CHECK_FALSE(frames.press(state, ImGuiKey_Enter));
        CHECK(frames.open);
        CHECK(state.message == (tree.dir / "nothing-here.txt").string() + ": no such file");
        CHECK(state.chosen.empty());
    }
    SUBCASE("a folder that cannot be listed is a message in the dialog") {
        frames.type(state, "epsilon");
        fs::remove_all(tree.dir / "epsilon" / "inner");
        frames.press(state, ImGuiKey_Enter);
        fs::remove_all(tree.dir / "epsilon");
        state.stale = true; // as after toggling hidden files
        frames.frame(state);
        CHECK(frames.open);
        CHECK(state.listing.error.starts_with((tree.dir / "epsilon").string() + ": "));
        frames.frame(state);
        CHECK(frames.open);
    }
    SUBCASE("Escape cancels") {
        frames.type(state, "Alpha.txt");
        CHECK_FALSE(frames.press(state, ImGuiKey_Escape));
        frames.frame(state);
        CHECK_FALSE(frames.open);
        CHECK(state.chosen.empty());
        CHECK(frames.accepted() == 0);
    }
}

TEST_CASE("file dialog: double clicks enter folders and accept files") {
    Tree tree;
    Frames frames;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Open, "Open", tree.dir.path(), {kAll});
    frames.settle(state);
    REQUIRE(state.rowPositions.size() == state.listing.entries.size());

    frames.click(state, frames.rowOf(state, "beta.TXT"), 1);
    CHECK(state.typed == "beta.TXT"); // one click only selects
    CHECK(frames.open);
    frames.click(state, frames.rowOf(state, "epsilon"), 2);
    CHECK(state.folder == tree.dir / "epsilon");
    frames.settle(state);
    frames.click(state, frames.rowOf(state, "inside.txt"), 2);
    CHECK(frames.accepted() == 1);
    CHECK(state.chosen == tree.dir / "epsilon" / "inside.txt");
    frames.frame(state);
    CHECK_FALSE(frames.open);
}

TEST_CASE("file dialog: saving over an existing file asks first") {
    Tree tree;
    Frames frames;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Save, "Save annotations", tree.dir / "gamma.json", {kAnnotations});
    frames.settle(state);
    CHECK(state.folder == tree.dir.path()); // a file as start folder: its folder and name
    CHECK(state.typed == "gamma.json");
    CHECK_FALSE(frames.press(state, ImGuiKey_Enter));
    CHECK(state.overwrite == tree.dir / "gamma.json");
    CHECK(frames.open);

    SUBCASE("Enter confirms") {
        CHECK(frames.press(state, ImGuiKey_Enter));
        CHECK(state.chosen == tree.dir / "gamma.json");
    }
    SUBCASE("Escape goes back to the dialog, and a new name saves without asking") {
        CHECK_FALSE(frames.press(state, ImGuiKey_Escape));
        CHECK(frames.open);
        CHECK(state.overwrite.empty());
        frames.frame(state);
        CHECK(state.typed == "gamma.json"); // back in the field, to edit the name
        frames.selectAll(state);
        frames.type(state, "new.json");
        CHECK(frames.press(state, ImGuiKey_Enter));
        CHECK(state.chosen == tree.dir / "new.json");
    }
    SUBCASE("a name in a missing folder is refused") {
        CHECK_FALSE(frames.press(state, ImGuiKey_Escape));
        frames.frame(state);
        frames.selectAll(state);
        frames.type(state, "no/such/folder/a.json");
        CHECK_FALSE(frames.press(state, ImGuiKey_Enter));
        CHECK(state.message == (tree.dir / "no/such/folder").string() + ": no such folder");
    }
    CHECK(readText(tree.dir / "gamma.json") == "{}"); // the dialog never writes
}

TEST_CASE("file dialog: a start folder that is gone falls back to its nearest parent") {
    Tree tree;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Open, "Open", tree.dir / "gone" / "deeper", {});
    CHECK(state.folder == tree.dir.path());
    CHECK(state.openRequested);
    ScopedEnv home("HOME", (tree.dir / "Zeta").string());
    openFileDialog(state, FileDialogMode::Open, "Open", "", {});
    CHECK(state.folder == tree.dir / "Zeta");
    CHECK(state.typed.empty());

    SUBCASE("the hidden-files choice is kept from one opening to the next") {
        state.showHidden = true;
        openFileDialog(state, FileDialogMode::Save, "Save", tree.dir / "gone" / "x.json", {});
        CHECK(state.showHidden);
        CHECK(state.typed.empty()); // no name from a path whose folder is gone
    }
}

TEST_CASE("file dialog: a large folder draws only the rows in view") {
    TempDir dir;
    for (int i = 0; i < 2000; ++i) dir.write("file-" + std::to_string(10000 + i) + ".txt", "");
    Frames frames;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Open, "Open", dir.path(), {});
    frames.settle(state);
    REQUIRE(state.listing.entries.size() == 2000);
    REQUIRE(state.rowPositions.size() == 2000);
    CHECK(state.rowPositions.front().y >= 0);
    CHECK(state.rowPositions.back().y < 0);
    frames.click(state, frames.rowOf(state, "file-10003.txt"), 2);
    CHECK(state.chosen == dir / "file-10003.txt");
}

TEST_CASE("file dialog: the arrow and page keys move through the list while typing stays in the path field") {
    TempDir dir;
    fs::create_directory(dir / "folder");
    dir.write("folder/inside.txt", "");
    for (int i = 0; i < 40; ++i) dir.write("file-" + std::to_string(100 + i) + ".txt", "");
    Frames frames;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Open, "Open", dir.path(), {});
    frames.settle(state);
    REQUIRE(state.listing.entries.size() == 41);

    frames.press(state, ImGuiKey_DownArrow);
    CHECK(state.selected == 0);
    CHECK(state.typed == "folder");
    frames.press(state, ImGuiKey_DownArrow);
    CHECK(state.typed == "file-100.txt");
    frames.press(state, ImGuiKey_PageDown);
    frames.press(state, ImGuiKey_PageDown);
    frames.press(state, ImGuiKey_PageDown);
    CHECK(state.typed == "file-130.txt");
    // The row came into view: a list of 41 does not fit the dialog.
    CHECK(state.rowPositions[31].y >= 0);
    CHECK(state.rowPositions[0].y < 0);
    frames.press(state, ImGuiKey_UpArrow);
    CHECK(state.typed == "file-129.txt");
    // The field shows the chosen name: typing goes on from it.
    frames.type(state, "x");
    CHECK(state.typed == "file-129.txtx");
    // Typed names narrow the list: "file-129.txtx" starts no name, "f" all
    // of them again, with none selected; Page Up goes up from the end.
    CHECK(state.listing.entries.empty());
    frames.selectAll(state);
    frames.type(state, "f");
    CHECK(state.listing.entries.size() == 41);
    CHECK(state.selected == -1);
    for (int i = 0; i < 5; ++i) frames.press(state, ImGuiKey_PageUp);
    CHECK(state.selected == 0);
    CHECK(state.typed == "folder");
    CHECK_FALSE(frames.press(state, ImGuiKey_Enter)); // a folder is entered
    CHECK(state.folder == dir / "folder");
    frames.settle(state);
    frames.press(state, ImGuiKey_DownArrow);
    CHECK(frames.press(state, ImGuiKey_Enter));
    CHECK(state.chosen == dir / "folder" / "inside.txt");
}

TEST_CASE("file dialog: Tab completes a typed name start from the listed folder") {
    FolderListing listing;
    for (const auto& [name, folder] : std::vector<std::pair<std::string, bool>>{{"interview-07.txt", false},
                                                                                {"Interview-12.txt", false},
                                                                                {"notes", true},
                                                                                {"zoë-1.txt", false},
                                                                                {"zoë-2.txt", false}})
        listing.entries.push_back({name, folder, 0, {}});
    CHECK(completeTyped(listing, "int") == "interview-");
    CHECK(completeTyped(listing, "interview-0") == "interview-07.txt");
    CHECK(completeTyped(listing, "n") == "notes/");
    CHECK(completeTyped(listing, "z") == "zoë-");
    CHECK(completeTyped(listing, "q") == "q");
    CHECK(completeTyped(listing, "") == "");
    CHECK(completeTyped(listing, "notes/x") == "notes/x");

    Tree tree;
    Frames frames;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Open, "Open report", tree.dir.path(), {kReports, kAll});
    frames.settle(state);
    frames.type(state, "eps");
    frames.press(state, ImGuiKey_Tab);
    frames.frame(state);
    CHECK(state.typed == "epsilon/");

    // A completion longer than the text typed so far had room for.
    tree.dir.write("a-long-interview-transcript-07.txt", "");
    state.stale = true;
    frames.selectAll(state);
    frames.type(state, "a-l");
    frames.press(state, ImGuiKey_Tab);
    frames.frame(state);
    CHECK(state.typed == "a-long-interview-transcript-07.txt");
    CHECK(names(state.listing) == std::vector<std::string>{"a-long-interview-transcript-07.txt"});
}

TEST_CASE("file dialog: typing narrows the list to the names it starts; arrows then move within those") {
    FolderListing listing;
    for (const char* name : {"Interview-07.txt", "interview-12.txt", "notes.txt"})
        listing.entries.push_back({name, false, 0, {}});
    CHECK(names(narrowListing(listing, "INTER")) ==
          std::vector<std::string>{"Interview-07.txt", "interview-12.txt"});
    CHECK(names(narrowListing(listing, "x")).empty());
    CHECK(names(narrowListing(listing, "")).size() == 3);
    CHECK(names(narrowListing(listing, "sub/int")).size() == 3); // a path, not a name start

    Tree tree;
    Frames frames;
    FileDialogState state;
    openFileDialog(state, FileDialogMode::Open, "Open report", tree.dir.path(), {kAll});
    frames.settle(state);
    REQUIRE(names(state.listing).size() == 6);
    frames.type(state, "e");
    CHECK(names(state.listing) == std::vector<std::string>{"epsilon/"});
    frames.selectAll(state);
    frames.type(state, "g");
    CHECK(names(state.listing) == std::vector<std::string>{"gamma.json"});

    SUBCASE("the name an arrow puts in the field keeps the list as it is") {
        frames.press(state, ImGuiKey_Backspace);
        CHECK(state.typed == "");
        CHECK(names(state.listing).size() == 6);
        frames.press(state, ImGuiKey_DownArrow);
        frames.press(state, ImGuiKey_DownArrow);
        CHECK(state.typed == "Zeta");
        CHECK(names(state.listing).size() == 6);
    }
    SUBCASE("another folder is listed whole") {
        frames.selectAll(state);
        frames.type(state, "epsilon");
        frames.press(state, ImGuiKey_Enter);
        CHECK(names(state.listing) == std::vector<std::string>{"inner/", "inside.txt"});
    }
}
