// The file dialog: a folder listing in a modal popup.
//
// [SECTION] Listing
// [SECTION] Paths and formatting
// [SECTION] Actions
// [SECTION] Dialog

#include "widgets/file_dialog.hpp"

#include "platform/xdg.hpp"
#include "widgets/modal.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <imgui_stdlib.h>
#include <optional>

namespace gloss::gui {

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Listing
//-----------------------------------------------------------------------------

namespace {

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool endsWithIgnoringCase(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && std::equal(end.rbegin(), end.rend(), text.rbegin(),
                                                   [](char a, char b) { return lower(a) == lower(b); });
}

// By name ignoring ASCII case; names equal but for case keep a fixed order.
bool nameLess(const std::string& a, const std::string& b) {
    const bool less = std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                                   [](char x, char y) { return lower(x) < lower(y); });
    const bool greater = std::lexicographical_compare(b.begin(), b.end(), a.begin(), a.end(),
                                                      [](char x, char y) { return lower(x) < lower(y); });
    return less || (!greater && a < b);
}

} // namespace

bool matchesFilter(const std::string& name, const FileFilter& filter) {
    if (filter.extensions.empty()) return true;
    return std::any_of(filter.extensions.begin(), filter.extensions.end(), [&](const std::string& extension) {
        return name.size() > extension.size() && endsWithIgnoringCase(name, extension);
    });
}

FolderListing listFolder(const fs::path& folder, const FileFilter& filter, bool showHidden) {
    FolderListing listing;
    std::error_code error;
    fs::directory_iterator it(folder, error);
    for (const fs::directory_iterator end; !error && it != end; it.increment(error)) {
        FileEntry entry;
        entry.name = it->path().filename().string();
        if (!showHidden && entry.name.starts_with('.')) continue;
        std::error_code ignored; // a broken link or a file gone meanwhile is still listed
        entry.folder = it->is_directory(ignored);
        if (!entry.folder && !matchesFilter(entry.name, filter)) continue;
        if (!entry.folder) {
            const uintmax_t size = it->file_size(ignored);
            entry.size = ignored ? 0 : size;
        }
        entry.modified = it->last_write_time(ignored);
        listing.entries.push_back(std::move(entry));
    }
    if (error) {
        listing.entries.clear();
        listing.error = folder.string() + ": " + error.message();
        return listing;
    }
    std::sort(listing.entries.begin(), listing.entries.end(), [](const FileEntry& a, const FileEntry& b) {
        return a.folder != b.folder ? a.folder : nameLess(a.name, b.name);
    });
    return listing;
}

//-----------------------------------------------------------------------------
// [SECTION] Paths and formatting
//-----------------------------------------------------------------------------

namespace {

// Absolute, normal, without a trailing separator (except the root).
fs::path cleanFolder(const fs::path& path) {
    std::error_code error;
    fs::path clean = fs::absolute(path, error).lexically_normal();
    if (error) clean = path.lexically_normal();
    if (!clean.has_filename() && clean.has_relative_path()) clean = clean.parent_path();
    return clean;
}

bool isFolder(const fs::path& path) {
    std::error_code error;
    return fs::is_directory(path, error);
}

} // namespace

fs::path resolveTypedPath(const fs::path& folder, const std::string& typed) {
    if (typed == "~" || typed.starts_with("~/")) {
        const fs::path home = homeFolder();
        if (!home.empty()) return (home / typed.substr(typed.size() > 1 ? 2 : 1)).lexically_normal();
    }
    return (folder / typed).lexically_normal(); // an absolute `typed` replaces `folder`
}

namespace {

std::string asciiLower(std::string text) {
    for (char& c : text) c = lower(c);
    return text;
}

bool narrows(const std::string& typed) {
    return !typed.empty() && typed.find('/') == std::string::npos;
}

} // namespace

FolderListing narrowListing(const FolderListing& listing, const std::string& typed) {
    if (!narrows(typed)) return listing;
    FolderListing narrowed{{}, listing.error};
    const std::string wanted = asciiLower(typed);
    for (const FileEntry& entry : listing.entries)
        if (asciiLower(entry.name).starts_with(wanted)) narrowed.entries.push_back(entry);
    return narrowed;
}

std::string completeTyped(const FolderListing& listing, const std::string& typed) {
    if (!narrows(typed)) return typed;
    const FolderListing matching = narrowListing(listing, typed);
    if (matching.entries.empty()) return typed;
    const FileEntry& first = matching.entries.front();
    if (matching.entries.size() == 1 && first.folder) return first.name + "/";
    const std::string a = asciiLower(first.name);
    size_t shared = first.name.size();
    for (const FileEntry& entry : matching.entries) {
        const std::string b = asciiLower(entry.name);
        size_t n = 0;
        while (n < shared && n < b.size() && a[n] == b[n]) ++n;
        shared = n;
    }
    // Cut back to a code-point boundary: names are UTF-8.
    while (shared > typed.size() && (static_cast<unsigned char>(first.name[shared]) & 0xC0) == 0x80) --shared;
    return shared > typed.size() ? first.name.substr(0, shared) : typed;
}

std::string formatSize(uintmax_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " B";
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes) / 1024;
    size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(units)) value /= 1024, ++unit;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
    return text;
}

std::string formatTime(fs::file_time_type time) {
    const auto system = std::chrono::file_clock::to_sys(time);
    const std::time_t seconds = std::chrono::system_clock::to_time_t(
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(system));
    std::tm local{};
    if (!::localtime_r(&seconds, &local)) return "";
    char text[32];
    return std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local) ? text : "";
}

//-----------------------------------------------------------------------------
// [SECTION] Actions
//-----------------------------------------------------------------------------

namespace {

void navigate(FileDialogState& state, const fs::path& folder) {
    state.folder = cleanFolder(folder);
    state.typed.clear();
    state.narrowedBy.clear();
    state.fromList.reset();
    state.message.clear();
    state.selected = -1;
    state.stale = true;
    state.focusPath = true;
}

// Shows the entries whose names start with `typed`, keeping the selected
// entry selected when it is still shown.
void narrowBy(FileDialogState& state, const std::string& typed) {
    const bool hadSelection =
        state.selected >= 0 && static_cast<size_t>(state.selected) < state.listing.entries.size();
    const std::string selectedName =
        hadSelection ? state.listing.entries[static_cast<size_t>(state.selected)].name : "";
    state.narrowedBy = typed;
    state.listing = narrowListing(state.wholeListing, typed);
    state.selected = -1;
    for (size_t i = 0; hadSelection && i < state.listing.entries.size(); ++i)
        if (state.listing.entries[i].name == selectedName) state.selected = static_cast<int>(i);
}

const FileFilter& currentFilter(const FileDialogState& state) {
    static const FileFilter all{"All files", {}};
    const bool valid = state.filter >= 0 && static_cast<size_t>(state.filter) < state.filters.size();
    return valid ? state.filters[static_cast<size_t>(state.filter)] : all;
}

// The path field or the selection, submitted: a folder is entered, a file is
// checked for the mode and accepted (true) or questioned.
bool submit(FileDialogState& state) {
    if (state.typed.empty()) {
        if (state.selected < 0 || static_cast<size_t>(state.selected) >= state.listing.entries.size())
            return false;
        state.typed = state.listing.entries[static_cast<size_t>(state.selected)].name;
    }
    const fs::path path = resolveTypedPath(state.folder, state.typed);
    if (isFolder(path)) {
        navigate(state, path);
        return false;
    }
    std::error_code error;
    const bool exists = fs::exists(path, error);
    if (state.mode == FileDialogMode::Open) {
        if (!exists || !fs::is_regular_file(path, error)) {
            state.message = path.string() + ": no such file";
            return false;
        }
    } else {
        if (!path.has_filename()) {
            state.message = "Type a file name to save to.";
            return false;
        }
        if (!isFolder(path.parent_path())) {
            state.message = path.parent_path().string() + ": no such folder";
            return false;
        }
        if (exists) {
            state.overwrite = path;
            state.message.clear();
            return false;
        }
    }
    state.chosen = path;
    return true;
}

bool keyPressed(ImGuiKey key, bool repeat = false) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat);
}

// Up, Down, Page Up and Page Down move the selection through the list while
// the keyboard stays in the path field, which takes the selected name: Enter
// then opens it, as a double click does.
void moveSelectionByKeys(FileDialogState& state) {
    const int count = static_cast<int>(state.listing.entries.size());
    if (count == 0) return;
    constexpr int kPage = 10;
    int step = 0;
    if (keyPressed(ImGuiKey_DownArrow, true)) step = 1;
    if (keyPressed(ImGuiKey_UpArrow, true)) step = -1;
    if (keyPressed(ImGuiKey_PageDown, true)) step = kPage;
    if (keyPressed(ImGuiKey_PageUp, true)) step = -kPage;
    if (step == 0) return;
    const int from = state.selected < 0 ? (step > 0 ? -1 : count) : state.selected;
    state.selected = std::clamp(from + step, 0, count - 1);
    state.typed = state.listing.entries[static_cast<size_t>(state.selected)].name;
    state.fromList = state.typed;
    state.message.clear();
    state.replaceTyped = true;
    state.scrollToSelected = true;
}

// While the path field is active it edits its own copy of the text; a new
// name chosen with the arrow keys, or completed with Tab, replaces that copy here.
int replaceTypedText(ImGuiInputTextCallbackData* data) {
    auto& state = *static_cast<FileDialogState*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
        // Into the field's own buffer: `typed` is the string the field writes
        // back to after this call, and must not be reallocated under it.
        const std::string completed =
            completeTyped(state.wholeListing, std::string(data->Buf, static_cast<size_t>(data->BufTextLen)));
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, completed.c_str());
        return 0;
    }
    if (state.replaceTyped) {
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, state.typed.c_str());
        state.replaceTyped = false;
    }
    return 0;
}

} // namespace

void openFileDialog(FileDialogState& state, FileDialogMode mode, std::string title,
                    const fs::path& startFolder, std::vector<FileFilter> filters) {
    fs::path folder = startFolder.empty() ? fs::path() : cleanFolder(startFolder);
    // Saving to a file in an existing folder ("Save as" the current file):
    // its name is typed in already.
    std::string name;
    if (mode == FileDialogMode::Save && !folder.empty() && !isFolder(folder) &&
        isFolder(folder.parent_path()))
        name = folder.filename().string();
    while (!folder.empty() && !isFolder(folder))
        folder = folder.has_relative_path() ? folder.parent_path() : fs::path();
    if (folder.empty()) folder = homeFolder();
    if (folder.empty()) folder = fs::current_path();

    const bool showHidden = state.showHidden; // a choice the user keeps
    state = FileDialogState{};
    state.mode = mode;
    state.title = std::move(title);
    state.filters = std::move(filters);
    state.showHidden = showHidden;
    navigate(state, folder);
    state.typed = std::move(name);
    state.openRequested = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Dialog
//-----------------------------------------------------------------------------

namespace {

// The parent button and one button per folder of the path, root first.
void drawPathBar(FileDialogState& state) {
    if (ImGui::Button("Up") && state.folder.has_relative_path()) navigate(state, state.folder.parent_path());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Parent folder");
    fs::path prefix;
    int index = 0;
    for (const fs::path& part : state.folder) {
        prefix /= part;
        ImGui::SameLine(0, index == 0 ? -1.0f : 2.0f);
        ImGui::PushID(index++);
        if (ImGui::Button(part.c_str())) navigate(state, prefix);
        ImGui::PopID();
    }
}

// Returns true when a file was accepted by a double click.
bool drawListing(FileDialogState& state) {
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetStyle().ItemSpacing.y;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##files", 3, flags, ImVec2(0, -footer))) return false;
    const float digits = ImGui::CalcTextSize("0000-00-00 00:00").x;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("1023.9 KiB").x);
    ImGui::TableSetupColumn("Modified", ImGuiTableColumnFlags_WidthFixed, digits);
    ImGui::TableHeadersRow();
    std::optional<size_t> entered; // acted on after the loop, which reads the listing
    bool accepted = false;
    // Only the visible rows are drawn: a folder may hold many thousands.
    state.rowPositions.assign(state.listing.entries.size(), ImVec2(-1, -1));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.listing.entries.size()));
    const bool scroll = state.scrollToSelected && state.selected >= 0;
    if (scroll) clipper.ForceDisplayRangeByIndices(state.selected, state.selected + 1);
    state.scrollToSelected = false;
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const size_t i = static_cast<size_t>(row);
            const FileEntry& entry = state.listing.entries[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            state.rowPositions[i] = ImGui::GetCursorScreenPos();
            ImGui::PushID(row);
            const std::string label = entry.folder ? entry.name + "/" : entry.name;
            const ImGuiSelectableFlags selectableFlags = ImGuiSelectableFlags_SpanAllColumns |
                                                         ImGuiSelectableFlags_AllowDoubleClick |
                                                         ImGuiSelectableFlags_DontClosePopups;
            if (scroll && row == state.selected) ImGui::SetScrollHereY();
            if (ImGui::Selectable(label.c_str(), state.selected == row, selectableFlags)) {
                state.selected = row;
                state.message.clear();
                if (!entry.folder) state.fromList = state.typed = entry.name;
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) entered = i;
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            if (!entry.folder) ImGui::TextUnformatted(formatSize(entry.size).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatTime(entry.modified).c_str());
        }
    }
    ImGui::EndTable();
    if (entered) {
        state.typed = state.listing.entries[*entered].name;
        accepted = submit(state);
    }
    return accepted;
}

void drawFilterAndHidden(FileDialogState& state) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    if (ImGui::BeginCombo("##filter", currentFilter(state).label.c_str())) {
        for (size_t i = 0; i < state.filters.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(state.filters[i].label.c_str(), state.filter == static_cast<int>(i))) {
                state.filter = static_cast<int>(i);
                state.stale = true;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    // The frame in the buttons' colour: the light style's white frame does not
    // show on the white dialog.
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::GetStyleColorVec4(ImGuiCol_Button));
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, ImGui::GetStyleColorVec4(ImGuiCol_ButtonHovered));
    if (ImGui::Checkbox("Hidden files", &state.showHidden)) state.stale = true;
    ImGui::PopStyleColor(2);
}

} // namespace

bool FileDialog(const char* id, FileDialogState& state) {
    const std::string popupId = std::string("###") + id; // the title may change, the id does not
    if (state.openRequested) {
        ImGui::OpenPopup(popupId.c_str());
        state.openRequested = false;
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(font * 44, display.x), std::min(font * 30, display.y)),
                             ImGuiCond_Appearing);
    centreNextModal();
    if (!ImGui::BeginPopupModal((state.title + popupId).c_str())) return false;

    if (state.stale) {
        state.wholeListing = listFolder(state.folder, currentFilter(state), state.showHidden);
        state.listing = narrowListing(state.wholeListing, state.narrowedBy);
        state.stale = false;
        state.selected = -1;
    }
    bool accepted = false;
    bool close = false;
    // Keys answer the overwrite question only from the frame after it was
    // asked: the Enter that asked it is still down in this one.
    const bool confirming = !state.overwrite.empty();

    drawPathBar(state);
    if (state.focusPath) {
        ImGui::SetKeyboardFocusHere();
        state.focusPath = false;
    }
    if (!confirming) moveSelectionByKeys(state);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##path", "File name, or a path (~ for home)", &state.typed,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackAlways |
                                     ImGuiInputTextFlags_CallbackCompletion,
                                 replaceTypedText, &state) &&
        state.overwrite.empty()) {
        accepted = submit(state);
        if (!accepted) state.focusPath = true;
    }
    if (!ImGui::IsItemActive()) state.replaceTyped = false; // shown from `typed` as it is
    // Typing (or Tab) narrows the list to the names the text starts; a name
    // the list itself put there does not, or the list would shrink to it.
    if (ImGui::IsItemEdited() && state.typed != state.fromList) narrowBy(state, state.typed);
    for (const std::string* text : {&state.listing.error, &state.message}) {
        if (text->empty()) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(200, 40, 40, 255));
        ImGui::TextWrapped("%s", text->c_str());
        ImGui::PopStyleColor();
    }
    if (!accepted) accepted = drawListing(state);

    drawFilterAndHidden(state);
    if (!state.overwrite.empty()) {
        // The confirm step replaces the buttons: Enter replaces, Escape goes back.
        ImGui::TextUnformatted(
            (state.overwrite.filename().string() + " already exists. Replace it?").c_str());
        ImGui::SameLine();
        if (ImGui::Button("Replace") ||
            (confirming && (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter)))) {
            state.chosen = state.overwrite;
            state.overwrite.clear();
            accepted = true;
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || (confirming && keyPressed(ImGuiKey_Escape))) {
            state.overwrite.clear();
            state.focusPath = true;
        }
    } else {
        const char* action = state.mode == FileDialogMode::Open ? "Open" : "Save";
        if (ImGui::Button(action)) accepted = submit(state) || accepted;
        ImGui::SameLine();
        close = ImGui::Button("Cancel") || keyPressed(ImGuiKey_Escape);
    }

    if (accepted || close) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return accepted;
}

} // namespace gloss::gui
