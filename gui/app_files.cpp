// Files: opening reports and annotations (menu, Ctrl+O, drag and drop, recent
// files), save as, export through the exporter plugins, the question before
// unsaved changes are dropped, and the recovery journal.
//
// [SECTION] Opening
// [SECTION] Saving and exporting
// [SECTION] Recovery journal
// [SECTION] Changes on disk
// [SECTION] Menu and dialogs

#include "app.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"
#include "platform/xdg.hpp"
#include "widgets/modal.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace gloss::gui {

namespace {

const FileFilter kAnnotationFilter{"Annotations (*.json)", {".json"}};
const FileFilter kAllFiles{"All files", {}};
const FileFilter kProjectFilter{"Projects (gloss-project.json)", {std::string(core::kProjectFileName)}};

// Text reports, and every kind of file a source plugin turns into text: the
// host knows which plugins are loaded, so a new source needs no change here.
FileFilter reportFilter(const core::PluginHost* host) {
    FileFilter filter{"", {".txt"}};
    if (host)
        for (const core::SourceInfo& source : host->sources())
            for (const std::string& extension : source.extensions)
                if (std::find(filter.extensions.begin(), filter.extensions.end(), "." + extension) ==
                    filter.extensions.end())
                    filter.extensions.push_back("." + extension);
    std::string patterns;
    for (const std::string& extension : filter.extensions)
        patterns += (patterns.empty() ? "*" : ", *") + extension;
    filter.label = "Reports (" + patterns + ")";
    return filter;
}

// Journal after this many seconds without a change, so typing is not slowed.
constexpr double kJournalIdleSeconds = 2.0;

// How often the annotation file is looked at for changes on disk: one stat,
// but a frame drawn, which costs an idle window about 1.5% of a core each second.
constexpr double kDiskCheckSeconds = 5.0;

// What the Export menu and the save dialog call a format: the exporter's own
// description ("CSV, one row per annotation"), else its name.
std::string formatLabel(const core::FormatInfo& format) {
    return format.description.empty() ? format.format + " (*." + format.extension + ")" : format.description;
}

bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code error;
    return std::filesystem::equivalent(a, b, error) || a.lexically_normal() == b.lexically_normal();
}

} // namespace

void App::notice(std::string message) {
    notice_ = std::move(message);
    noticeTime_ = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------

// Runs `action` now, or after the user chose to save or drop the changes.
void App::guardUnsaved(std::function<void()> action) {
    if (!dirty()) {
        action();
        return;
    }
    afterUnsaved_ = std::move(action);
    askUnsaved_ = true;
}

void App::openAnnotations(const std::filesystem::path& path) {
    OpenRequest request;
    request.report = workspace_.reportPath();
    request.annotations = path;
    request.codebook = workspace_.codebookPath();
    request.openReport = workspace_.sharedDocument();
    openInBackground(request);
}

void App::openDropped(const std::vector<std::filesystem::path>& paths) {
    if (paths.empty()) return;
    const std::filesystem::path path = paths.front();
    if (paths.size() > 1) report("only the first of the dropped files is opened: " + path.string());
    if (core::isProjectPath(path)) {
        openProject(path);
        return;
    }
    guardUnsaved([this, path] {
        if (path.extension() == ".json" && workspace_.document())
            openAnnotations(path);
        else
            openInBackground(requestFor(path));
    });
}

void App::requestClose() {
    guardUnsaved([this] { quit_ = true; });
}

void App::changeSettings(const std::function<void(Settings&)>& change) {
    Settings changed = settings_;
    change(changed);
    if (changed == settings_) return;
    settings_ = std::move(changed);
    try {
        if (const std::string message = saveSettings(settings_); !message.empty()) report(message);
    } catch (const std::exception& e) {
        report(std::string("settings not saved: ") + e.what());
    }
}

void App::setFontSize(float pixels) {
    const float clamped = std::clamp(pixels, kMinFontSize, kMaxFontSize);
    if (clamped == settings_.fontSize) return;
    changeSettings([clamped](Settings& settings) { settings.fontSize = clamped; });
    fontsChanged_ = true;
}

void App::setReadingWidth(float textHeights) {
    const float width = textHeights <= 0 ? 0 : std::clamp(textHeights, kMinReadingWidth, kMaxReadingWidth);
    changeSettings([width](Settings& settings) { settings.readingWidth = width; });
}

void App::rememberWindowSize(int width, int height) {
    changeSettings([&](Settings& settings) {
        settings.windowWidth = std::clamp(width, kMinWindowSide, kMaxWindowSide);
        settings.windowHeight = std::clamp(height, kMinWindowSide, kMaxWindowSide);
    });
}

void App::rememberRecent() {
    // The bundled sample is always one click away; it is not a recent file.
    if (options_.report.empty() &&
        workspace_.reportPath() == std::filesystem::absolute(core::examplesDirectory() / "sample-report.txt"))
        return;
    changeSettings([this](Settings& settings) {
        addRecentFile(settings,
                      {workspace_.reportPath(), workspace_.annotationsPath(), workspace_.codebookPath()});
        settings.lastFolder = workspace_.reportPath().parent_path();
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Saving and exporting
//-----------------------------------------------------------------------------

bool App::saveAs(const std::filesystem::path& path) {
    if (!workspace_.document()) return false;
    if (sameFile(path, workspace_.reportPath())) {
        report(path.string() + ": this is the report; annotations are saved to a separate file");
        return false;
    }
    const std::filesystem::path previous = workspace_.annotationsPath();
    workspace_.setAnnotationsPath(std::filesystem::absolute(path));
    if (save()) return true;
    workspace_.setAnnotationsPath(previous);
    return false;
}

bool App::exportAs(const std::string& format, const std::filesystem::path& path) {
    if (!workspace_.document() || !host_) return false;
    if (sameFile(path, workspace_.reportPath()) || sameFile(path, workspace_.annotationsPath())) {
        report(path.string() + ": an export may not replace the report or the annotations file");
        return false;
    }
    try {
        const std::string bytes = host_->exportAnnotations(
            format, *workspace_.document(), annotations::serializeAnnotationFile(workspace_.fileToSave()));
        core::writeFileAtomically(path, bytes);
    } catch (const core::PluginError& e) { // names the plugin, not the file
        report(path.string() + ": export as " + format + " failed: " + e.what());
        return false;
    } catch (const std::exception& e) { // a file error names the file
        report("export as " + format + " failed: " + e.what());
        return false;
    }
    notice("Exported " + std::to_string(workspace_.annotations().size()) + " annotations as " + format +
           " to " + path.string());
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Recovery journal
//-----------------------------------------------------------------------------

void App::offerRecovery() {
    recovery_.reset();
    const auto found = findJournal(workspace_.annotationsPath());
    if (!found) return;
    if (!found->error.empty()) {
        report(found->error);
        return;
    }
    recovery_ = found;
}

// Writes the journal once the user has paused for a moment after a change,
// and keeps it ready for a crash after every change.
void App::journalWhenIdle() {
    const double now = ImGui::GetTime();
    if (workspace_.revision() != seenRevision_ || dirty() != seenDirty_) {
        seenRevision_ = workspace_.revision();
        seenDirty_ = dirty();
        lastChangeTime_ = now;
        try {
            if (workspace_.document() && dirty())
                prepareCrashJournal(workspace_.annotationsPath(),
                                    journalText(workspace_.annotationsPath(), workspace_.reportPath(),
                                                workspace_.fileToSave()));
            else
                clearCrashJournal();
        } catch (const std::exception&) {
            clearCrashJournal(); // writeJournal below says why
        }
    }
    if (!workspace_.document() || !dirty() || journaledRevision_ == workspace_.revision() ||
        now - lastChangeTime_ < kJournalIdleSeconds)
        return;
    journaledRevision_ = workspace_.revision();
    try {
        writeJournal(workspace_.annotationsPath(), workspace_.reportPath(), workspace_.fileToSave());
    } catch (const std::exception& e) {
        report(std::string("recovery journal not written: ") + e.what());
    }
}

double App::idleWait() const {
    const double now = ImGui::GetTime();
    double wait = messages_.wakeIn(now); // the soonest of each thing to do; negative: nothing
    const auto soonest = [&wait](double seconds) { wait = wait < 0 ? seconds : std::min(wait, seconds); };
    if (!notice_.empty() && noticeTime_ + kNoticeSeconds > now) soonest(noticeTime_ + kNoticeSeconds - now);
    if (workspace_.document() && dirty() && journaledRevision_ != workspace_.revision())
        soonest(std::max(0.05, lastChangeTime_ + kJournalIdleSeconds - now));
    if (workspace_.document()) soonest(std::max(0.05, nextDiskCheck_ - now));
    return wait;
}

void App::forgetJournal() {
    try {
        discardJournal(workspace_.annotationsPath());
    } catch (const std::exception& e) {
        report(e.what());
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Changes on disk
//-----------------------------------------------------------------------------

void App::watchAnnotationsFile() {
    const double now = ImGui::GetTime();
    if (now < nextDiskCheck_) return;
    nextDiskCheck_ = now + kDiskCheckSeconds;
    checkAnnotationsOnDisk();
}

void App::checkAnnotationsOnDisk() {
    if (opening() || diskChanged_ || !workspace_.changedOnDisk()) return;
    if (dirty()) {
        diskChanged_ = true; // drawDiskChangePrompt asks
        return;
    }
    for (auto& message : workspace_.reload(host_.get())) report(std::move(message));
    journaledRevision_ = workspace_.revision();
    forgetSelectionIfGone();
    inform(workspace_.annotationsPath().string() + " changed on disk and was read again");
}

void App::answerDiskChange(DiskChangeAnswer answer) {
    if (!diskChanged_) return;
    diskChanged_ = false;
    const std::string path = workspace_.annotationsPath().string();
    switch (answer) {
    case DiskChangeAnswer::Reload:
        forgetJournal();
        for (auto& message : workspace_.reload(host_.get())) report(std::move(message));
        journaledRevision_ = workspace_.revision();
        forgetSelectionIfGone();
        inform(path + " was read again; your unsaved changes were dropped");
        break;
    case DiskChangeAnswer::Merge:
        try {
            const size_t conflicts = workspace_.mergeFromDisk().size();
            inform(path + " as on disk was merged into your work" +
                   (conflicts ? ": " + std::to_string(conflicts) + " conflicts to resolve" : std::string()) +
                   "; save to keep it");
        } catch (const std::exception& e) {
            report(std::string("not merged: ") + e.what());
            diskChanged_ = true; // still to choose
        }
        break;
    case DiskChangeAnswer::KeepMine:
        workspace_.keepMine();
        inform("Keeping your work: the next save replaces " + path);
        break;
    }
}

void App::drawDiskChangePrompt() {
    if (!diskChanged_) return;
    if (!BeginQuestion("Annotations changed on disk")) return;
    ImGui::Text("%s changed on disk since it was read here", workspace_.annotationsPath().c_str());
    ImGui::Text("(a colleague's save, gloss-cli or git), and you have unsaved changes.");
    ImGui::TextDisabled("Merging keeps both sides' annotations; where both changed one, it is a conflict.");
    std::optional<DiskChangeAnswer> answer;
    if (ImGui::Button("Reload (discard mine)")) answer = DiskChangeAnswer::Reload;
    ImGui::SameLine();
    if (ImGui::Button("Merge theirs into mine")) answer = DiskChangeAnswer::Merge;
    ImGui::SameLine();
    if (ImGui::Button("Keep mine")) answer = DiskChangeAnswer::KeepMine;
    if (answer) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    if (answer) answerDiskChange(*answer);
}

//-----------------------------------------------------------------------------
// [SECTION] Menu and dialogs
//-----------------------------------------------------------------------------

void App::askForFile(DialogPurpose purpose, const core::FormatInfo* exportFormat) {
    dialogPurpose_ = purpose;
    switch (purpose) {
    case DialogPurpose::OpenReport:
        openFileDialog(dialog_, FileDialogMode::Open, "Open report",
                       settings_.lastFolder.empty() ? workspace_.reportPath().parent_path()
                                                    : settings_.lastFolder,
                       {reportFilter(host_.get()), kAllFiles});
        break;
    case DialogPurpose::OpenProject:
        openFileDialog(dialog_, FileDialogMode::Open, "Open project",
                       settings_.lastFolder.empty() ? workspace_.reportPath().parent_path()
                                                    : settings_.lastFolder,
                       {kProjectFilter, kAllFiles});
        break;
    case DialogPurpose::OpenAnnotations:
        openFileDialog(dialog_, FileDialogMode::Open, "Open annotations",
                       workspace_.annotationsPath().parent_path(), {kAnnotationFilter, kAllFiles});
        break;
    case DialogPurpose::OpenColleague:
        openFileDialog(dialog_, FileDialogMode::Open, "Open a colleague's annotations",
                       workspace_.annotationsPath().parent_path(), {kAnnotationFilter, kAllFiles});
        break;
    case DialogPurpose::SaveAs:
        openFileDialog(dialog_, FileDialogMode::Save, "Save annotations as", workspace_.annotationsPath(),
                       {kAnnotationFilter, kAllFiles});
        break;
    case DialogPurpose::Export: {
        // Plugins name the extension without its dot.
        exportFormat_ = exportFormat->format;
        const std::string extension = "." + exportFormat->extension;
        // Beside the report, unless that is the bundled examples folder.
        std::error_code error;
        const bool bundled = std::filesystem::equivalent(workspace_.reportPath().parent_path(),
                                                         core::examplesDirectory(), error);
        const std::filesystem::path folder = !bundled ? workspace_.reportPath().parent_path()
                                             : settings_.lastFolder.empty() ? homeFolder()
                                                                            : settings_.lastFolder;
        std::filesystem::path suggested = folder / workspace_.reportPath().filename();
        suggested.replace_extension(extension);
        openFileDialog(dialog_, FileDialogMode::Save, "Export as " + formatLabel(*exportFormat), suggested,
                       {{formatLabel(*exportFormat) + " (*" + extension + ")", {extension}}, kAllFiles});
        break;
    }
    }
}

bool App::askToExport(const std::string& format) {
    if (!workspace_.document() || !host_) return false;
    for (const core::FormatInfo& info : host_->exporters())
        if (info.format == format) {
            askForFile(DialogPurpose::Export, &info);
            return true;
        }
    return false;
}

void App::drawFileMenu() {
    if (ImGui::MenuItem("Open report...", "Ctrl+O")) askForFile(DialogPurpose::OpenReport);
    if (ImGui::MenuItem("Open annotations...", nullptr, false, workspace_.document() != nullptr))
        askForFile(DialogPurpose::OpenAnnotations);
    if (ImGui::MenuItem("Open a colleague's annotations...", nullptr, false,
                        workspace_.document() != nullptr))
        askForFile(DialogPurpose::OpenColleague);
    if (ImGui::BeginMenu("Open recent", !settings_.recent.empty())) {
        for (const RecentFile& recent : settings_.recent) {
            const std::string label =
                recent.report.filename().string() + "  (" + recent.annotations.filename().string() + ")";
            if (ImGui::MenuItem(label.c_str())) {
                OpenRequest request;
                request.report = recent.report;
                request.annotations = recent.annotations;
                request.codebook =
                    recent.codebook.empty() ? core::examplesDirectory() / "codebook.json" : recent.codebook;
                guardUnsaved([this, request] { openInBackground(request); });
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s\n%s", recent.report.c_str(), recent.annotations.c_str());
        }
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Open project...")) askForFile(DialogPurpose::OpenProject);
    if (ImGui::BeginMenu("Recent projects", !settings_.recentProjects.empty())) {
        for (const std::filesystem::path& recent : settings_.recentProjects) {
            if (ImGui::MenuItem(recent.parent_path().filename().c_str())) openProject(recent);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", recent.c_str());
        }
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Save annotations", "Ctrl+S", false, workspace_.document() != nullptr)) save();
    if (ImGui::MenuItem("Save annotations as...", "Ctrl+Shift+S", false, workspace_.document() != nullptr))
        askForFile(DialogPurpose::SaveAs);
    if (ImGui::BeginMenu("Export",
                         workspace_.document() != nullptr && host_ && !host_->exporters().empty())) {
        for (const core::FormatInfo& format : host_->exporters()) {
            if (ImGui::MenuItem(formatLabel(format).c_str())) askForFile(DialogPurpose::Export, &format);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s (*.%s)", format.format.c_str(), format.extension.c_str());
        }
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) requestClose();
}

void App::drawFileDialog() {
    if (!FileDialog("##file-dialog", dialog_)) return;
    const std::filesystem::path chosen = dialog_.chosen;
    // Ctrl+O starts where reports are: a folder saved or exported to is not one.
    if (dialogPurpose_ == DialogPurpose::OpenReport || dialogPurpose_ == DialogPurpose::OpenProject)
        changeSettings([&](Settings& settings) { settings.lastFolder = dialog_.folder; });
    switch (dialogPurpose_) {
    case DialogPurpose::OpenReport:
        guardUnsaved([this, chosen] { openInBackground(requestFor(chosen)); });
        break;
    case DialogPurpose::OpenProject:
        openProject(chosen);
        break;
    case DialogPurpose::OpenAnnotations:
        guardUnsaved([this, chosen] { openAnnotations(chosen); });
        break;
    case DialogPurpose::OpenColleague:
        openColleague(chosen);
        break;
    case DialogPurpose::SaveAs:
        saveAs(chosen);
        break;
    case DialogPurpose::Export:
        exportAs(exportFormat_, chosen);
        break;
    }
}

void App::answerUnsaved(UnsavedAnswer answer) {
    std::function<void()> action = std::move(afterUnsaved_);
    afterUnsaved_ = nullptr;
    if (!action || answer == UnsavedAnswer::Cancel) return;
    if (answer == UnsavedAnswer::Save && !save()) return; // the message says why; nothing is dropped
    if (answer == UnsavedAnswer::DontSave) {
        forgetJournal();
        workspace_.markSaved(); // what follows replaces this work
    }
    action();
}

// Takes over the work a worker read, or shows that it is still reading: a
// source plugin gives no progress, so the bar only says it is alive.
void App::drawOpeningProgress() {
    if (!opening_.valid()) return;
    if (opening_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        adopt(opening_.get());
        return;
    }
    const double elapsed = ImGui::GetTime() - openingSince_;
    if (elapsed < 0.2) return; // quick opens show nothing
    centreNextModal();
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 24, 0));
    ImGui::Begin("##opening", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::Text("Opening %s (%.1f s)", openingName_.c_str(), elapsed);
    // A band sweeping across the bar.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetFrameHeight();
    const float phase = static_cast<float>(std::fmod(elapsed, 1.5) / 1.5);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg));
    const float x0 = at.x + (width * 1.25f) * phase - width * 0.25f;
    draw->AddRectFilled(ImVec2(std::max(at.x, x0), at.y),
                        ImVec2(std::min(at.x + width, x0 + width * 0.25f), at.y + height),
                        ImGui::GetColorU32(ImGuiCol_PlotHistogram));
    ImGui::Dummy(ImVec2(width, height));
    ImGui::End();
}

void App::drawUnsavedPrompt() {
    if (askUnsaved_) {
        ImGui::OpenPopup("Unsaved changes");
        askUnsaved_ = false;
    }
    centreNextModal();
    if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("The annotations of %s have unsaved changes.", workspace_.reportPath().filename().c_str());
    ImGui::Text("Save them to %s first?", workspace_.annotationsPath().c_str());
    std::optional<UnsavedAnswer> answer;
    if (ImGui::Button("Save")) answer = UnsavedAnswer::Save;
    ImGui::SameLine();
    if (ImGui::Button("Don't save")) answer = UnsavedAnswer::DontSave;
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        answer = UnsavedAnswer::Cancel;
    if (answer || !afterUnsaved_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    if (answer) answerUnsaved(*answer);
}

void App::answerOtherReport(OtherReportAnswer answer) {
    if (!otherReport_) return;
    OpenRequest request = otherReport_->request;
    const std::string name = otherReport_->madeForOther;
    const std::filesystem::path file = request.readFrom.empty() ? otherReport_->saveTo : request.readFrom;
    otherReport_.reset();
    switch (answer) {
    case OtherReportAnswer::OpenItsReport: {
        // Its report is looked for beside the annotation file.
        const std::filesystem::path own = std::filesystem::absolute(file).parent_path() / name;
        std::error_code error;
        if (!std::filesystem::exists(own, error)) {
            report(own.string() +
                   ": the report these annotations were made for is not there; open it with Open "
                   "report...");
            return;
        }
        request.report = own;
        request.openReport.reset();
        request.encoding = core::Encoding::Utf8;
        guardUnsaved([this, request] { openInBackground(request); });
        break;
    }
    case OtherReportAnswer::AnchorHere:
        request.anchorAnyway = true;
        guardUnsaved([this, request] { openInBackground(request); });
        break;
    case OtherReportAnswer::Cancel:
        break;
    }
}

void App::drawOtherReportPrompt() {
    if (!otherReport_) return;
    if (!BeginQuestion("Annotations for another report")) return;
    const OpenedWork& work = *otherReport_;
    ImGui::Text("%s was made for %s,", work.saveTo.filename().c_str(), work.madeForOther.c_str());
    ImGui::Text("not for %s: the name and the content differ.", work.request.report.filename().c_str());
    ImGui::TextDisabled("Anchored here, its annotations find their quotes in this report where they can.");
    std::optional<OtherReportAnswer> answer;
    if (ImGui::Button(("Open " + work.madeForOther).c_str())) answer = OtherReportAnswer::OpenItsReport;
    ImGui::SameLine();
    if (ImGui::Button("Anchor here")) answer = OtherReportAnswer::AnchorHere;
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        answer = OtherReportAnswer::Cancel;
    if (answer) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    if (answer) answerOtherReport(*answer);
}

void App::restoreJournal() {
    recovery_.reset();
    if (!workspace_.document()) return;
    try {
        Journal journal = loadJournal(workspace_.annotationsPath());
        annotations::anchorAll(journal.file.annotations, *workspace_.document());
        workspace_.restore(std::move(journal.file));
    } catch (const std::exception& e) {
        report(e.what());
    }
}

void App::discardRecovery() {
    recovery_.reset();
    forgetJournal();
}

void App::drawRecoveryPrompt() {
    if (!recovery_) return;
    if (!BeginQuestion("Recover unsaved work")) return;
    ImGui::Text("Gloss closed with unsaved changes to %s.", workspace_.annotationsPath().c_str());
    ImGui::Text("The recovery journal of %s holds %zu annotations.", formatTime(recovery_->modified).c_str(),
                recovery_->annotationCount);
    if (ImGui::Button("Restore")) restoreJournal();
    ImGui::SameLine();
    if (ImGui::Button("Discard")) discardRecovery();
    ImGui::SameLine();
    if (ImGui::Button("Later")) recovery_.reset(); // kept on disk: offered again next time
    if (!recovery_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

} // namespace gloss::gui
