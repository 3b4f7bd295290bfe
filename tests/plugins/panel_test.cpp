// The panel capability without a GPU: a headless Dear ImGui frame in the
// shared ImGui library, drawn into by the hello example's panel.

#include "plugin_test_support.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

using namespace gloss::test;
using gloss::core::PluginHost;

namespace {

PluginHost::Options editorOptions() {
    PluginHost::Options options;
    options.imguiVersion = IMGUI_VERSION_NUM;
    return options;
}

// An ImGui context with a built font atlas and a display, as the editor has
// one, but nothing to render to.
class HeadlessImGui {
  public:
    HeadlessImGui() : context_(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1280, 800);
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
    ~HeadlessImGui() { ImGui::DestroyContext(context_); }

    // Two frames, the editor's first ones: ImGui hides a new window during
    // its first frame while it measures it. `draw` gets the frame a panel
    // receives. Returns what the second frame renders.
    template <typename Draw>
    ImDrawData* firstFrames(Draw draw) {
        for (int i = 0; i < 2; ++i) {
            ImGui::NewFrame();
            gloss_panel_frame panelFrame{};
            panelFrame.imgui_context = ImGui::GetCurrentContext();
            ImGui::GetAllocatorFunctions(&panelFrame.imgui_alloc, &panelFrame.imgui_free,
                                         &panelFrame.imgui_alloc_user_data);
            draw(panelFrame);
            ImGui::EndFrame();
            ImGui::Render();
        }
        return ImGui::GetDrawData();
    }

  private:
    ImGuiContext* context_;
};

} // namespace

TEST_CASE("plugin panels: the hello panel draws its window into the editor's ImGui frame") {
    PluginHost host(editorOptions());
    REQUIRE(host.loadFile(GLOSS_HELLO_PLUGIN));
    const auto panels = host.panels();
    REQUIRE(panels.size() == 1);
    CHECK(panels[0].pluginId == "hello");
    CHECK(panels[0].title == "Hello");

    HeadlessImGui imgui;
    const auto report = document("Leadership matters. So does leadership.");
    SUBCASE("frames without the panel have no window and nothing to draw") {
        const ImDrawData* data = imgui.firstFrames([](const gloss_panel_frame&) {});
        CHECK(ImGui::FindWindowByName("Hello") == nullptr);
        CHECK(data->TotalVtxCount == 0);
    }
    SUBCASE("frames with the panel have its window, drawn in the last one") {
        const ImDrawData* data = imgui.firstFrames(
            [&](const gloss_panel_frame& frame) { host.drawPanel("hello", 0, frame, &report); });
        const ImGuiWindow* window = ImGui::FindWindowByName("Hello");
        REQUIRE(window != nullptr);
        CHECK(window->LastFrameActive == ImGui::GetFrameCount());
        CHECK(data->TotalVtxCount > 0);
        CHECK(host.plugins().at(0).enabled);
    }
}

TEST_CASE("plugin panels: a panel built with another Dear ImGui version is refused by the editor") {
    SUBCASE("the editor refuses it, naming both versions") {
        PluginHost host(editorOptions());
        CHECK_FALSE(host.loadFile(aloneFixture("old_panel")));
        CHECK(refusalOf(host, aloneFixture("old_panel")) ==
              "init failed: panel built with Dear ImGui 10000, the editor has " +
                  std::to_string(IMGUI_VERSION_NUM));
    }
    SUBCASE("a host that draws no panels (the CLI) loads it") {
        PluginHost host;
        CHECK(host.loadFile(aloneFixture("old_panel")));
        REQUIRE(host.panels().size() == 1);
        CHECK(host.panels()[0].title == "Old panel");
    }
}

TEST_CASE("plugin panels: hello marks every whole-word occurrence of its word, in any ASCII case") {
    PluginHost host(editorOptions());
    REQUIRE(host.loadFile(GLOSS_HELLO_PLUGIN));
    // Each way a skipping search can go wrong: at both ends of the text,
    // back to back, inside longer words, cut short, next to a non-ASCII
    // letter (part of a word) and to punctuation (not).
    const std::string text = "LEADERSHIP leadershipx xleadership leadershi Leadership,leadership éleadership "
                             "(leaderSHIP) leadershipleadership leadership";
    std::vector<std::string> expected;
    for (size_t at = 0; (at = text.find_first_of("lL", at)) != std::string::npos; ++at) {
        std::string candidate = text.substr(at, 10);
        for (char& c : candidate) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto isWord = [&](size_t i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            return std::isalnum(byte) || byte >= 0x80;
        };
        if (candidate == "leadership" && (at == 0 || !isWord(at - 1)) &&
            (at + 10 == text.size() || !isWord(at + 10)))
            expected.push_back(std::to_string(at) + "-" + std::to_string(at + 10) +
                               " leadership-development");
    }
    REQUIRE(expected.size() == 5);
    CHECK(describe(host.highlight("hello", document(text), "{}")) == expected);
}
