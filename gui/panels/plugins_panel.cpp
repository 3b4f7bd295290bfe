// Plugins: each loaded plugin with its switch and state, the example plugins
// built with Gloss but not loaded, and the files that were refused.

#include "panels/sidebar_panels.hpp"

#include <algorithm>

namespace gloss::gui {

namespace {

// The example plugins that are built with Gloss but not loaded: each can be
// loaded here, and is then loaded on every start.
void ExamplePlugins(const core::PluginHost& host, PluginsAction& action) {
    const std::filesystem::path folder = core::PluginHost::examplesFolder();
    std::error_code error;
    if (folder.empty() || !std::filesystem::is_directory(folder, error)) return;
    const auto loaded = host.plugins();
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
        if (entry.path().extension() == ".gloss-plugin" &&
            std::none_of(loaded.begin(), loaded.end(), [&](const core::PluginSummary& p) {
                return std::filesystem::equivalent(p.path, entry.path(), error);
            }))
            files.push_back(entry.path());
    if (files.empty()) return;
    std::sort(files.begin(), files.end());
    ImGui::TextDisabled("Examples, not loaded:");
    for (const auto& file : files) {
        ImGui::PushID(file.c_str());
        if (ImGui::SmallButton("Load")) action.load = file;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Load %s now and on every start", file.c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(file.stem().c_str());
        ImGui::PopID();
    }
}

} // namespace

PluginsAction PluginsPanel(const core::PluginHost& host) {
    PluginsAction action;
    if (ImGui::Button("Reload changed plugins")) action.reload = true;
    // One line per plugin whatever its state, so a click toggles the plugin
    // under the mouse, not the one a line moved there; the reason is in the tooltip.
    for (const auto& plugin : host.plugins()) {
        ImGui::PushID(plugin.id.c_str());
        bool enabled = plugin.enabled;
        if (ImGui::Checkbox("##enabled", &enabled)) action.enable = std::pair(plugin.id, enabled);
        ImGui::SameLine();
        ImGui::Text("%s %s", plugin.id.c_str(), plugin.version.c_str());
        if (!plugin.enabled) {
            ImGui::SameLine();
            if (plugin.failed)
                ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "failed");
            else
                ImGui::TextDisabled("off");
        }
        if (ImGui::IsItemHovered()) {
            std::string capabilities;
            for (const auto& c : plugin.capabilities) capabilities += (capabilities.empty() ? "" : ", ") + c;
            ImGui::SetTooltip("%s\n%s\n%s\n%s%s%s", plugin.name.c_str(), plugin.description.c_str(),
                              capabilities.c_str(), plugin.path.c_str(),
                              plugin.disabledReason.empty() ? "" : "\n\n", plugin.disabledReason.c_str());
        }
        ImGui::PopID();
    }
    ExamplePlugins(host, action);
    for (const auto& refusal : host.refusals()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(180, 30, 30, 255));
        ImGui::TextWrapped("refused %s: %s", refusal.path.filename().c_str(), refusal.reason.c_str());
        ImGui::PopStyleColor();
    }
    return action;
}

} // namespace gloss::gui
