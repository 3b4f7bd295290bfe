// hello: the example plugin, and the template to copy for a new one.
//
// It registers two capabilities:
//  - a highlighter that marks every whole-word, case-insensitive occurrence
//    of one word, taken from its settings ({"word": "...", "tag": "..."});
//  - a panel that shows the word and how often it occurs in the open report.
//
// Every callback body runs inside gloss::plugin::guard(), so an exception
// becomes an error message for the host instead of crossing the C boundary.

#include <array>
#include <cctype>
#include <gloss/plugin.hpp>
#include <gloss/plugin_imgui.hpp>
#include <imgui.h>
#include <memory>
#include <string>

namespace {

struct Hello {
    const gloss_host_services* host = nullptr;
    std::string word = "leadership";
    std::string tag = "leadership-development";
    // The panel's count, for the text it was made from: counting scans the
    // whole report, so it runs once per report, not once per frame.
    const char* countedText = nullptr;
    size_t countedSize = 0;
    size_t count = 0;
};

bool isWordByte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) || byte >= 0x80; // any non-ASCII byte belongs to a word
}

// ASCII only, and no locale lookup per byte: a panel may scan a 100 MB report.
char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

char upperAscii(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool equalsIgnoringCase(std::string_view text, std::string_view word) {
    if (text.size() != word.size()) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if (lowerAscii(text[i]) != lowerAscii(word[i])) return false;
    return true;
}

// Calls `found(start, end)` for each whole-word occurrence of `word`.
// Boyer-Moore-Horspool: the byte under the word's last position says how far
// the word can move on, usually its whole length, so a 100 MB report takes
// tens of milliseconds rather than a pass over every byte.
template <typename Found>
void forEachOccurrence(std::string_view text, std::string_view word, Found found) {
    const size_t length = word.size();
    if (length == 0 || length > text.size()) return;
    std::array<size_t, 256> shift;
    shift.fill(length);
    for (size_t i = 0; i + 1 < length; ++i)
        for (const char c : {lowerAscii(word[i]), upperAscii(word[i])})
            shift[static_cast<unsigned char>(c)] = length - 1 - i;
    for (size_t at = 0; at + length <= text.size();
         at += shift[static_cast<unsigned char>(text[at + length - 1])]) {
        if (!equalsIgnoringCase(text.substr(at, length), word)) continue;
        const bool startsWord = at == 0 || !isWordByte(text[at - 1]);
        const bool endsWord = at + length == text.size() || !isWordByte(text[at + length]);
        if (startsWord && endsWord) found(at, at + length);
    }
}

// Reads {"word": "...", "tag": "..."}; the host guarantees a JSON object.
// A real plugin would use a JSON library; this keeps the template dependency-free.
std::string stringSetting(std::string_view json, std::string_view key, std::string fallback) {
    // Appended, not `"\"" + ...`: GCC 12 at -O3 misreads that as an overlapping copy (bug 105329).
    std::string quotedKey = "\"";
    quotedKey += key;
    quotedKey += '"';
    const size_t keyAt = json.find(quotedKey);
    if (keyAt == std::string_view::npos) return fallback;
    const size_t open = json.find('"', json.find(':', keyAt + quotedKey.size()));
    const size_t close = open == std::string_view::npos ? open : json.find('"', open + 1);
    if (close == std::string_view::npos) return fallback;
    return std::string(json.substr(open + 1, close - open - 1));
}

gloss_status highlight(void* state, const gloss_highlight_request* request, const gloss_span_sink* sink) {
    auto& hello = *static_cast<Hello*>(state);
    return gloss::plugin::guard(hello.host, [&] {
        gloss::plugin::SpanWriter spans(sink);
        forEachOccurrence(gloss::plugin::text(request->document), hello.word,
                          [&](size_t start, size_t end) { spans.emit(start, end, hello.tag); });
        spans.flush();
        return GLOSS_OK;
    });
}

gloss_status draw(void* state, const gloss_panel_frame* frame) {
    auto& hello = *static_cast<Hello*>(state);
    return gloss::plugin::guard(hello.host, [&] {
        gloss::plugin::useEditorImGui(frame);
        const std::string_view text =
            frame->document ? gloss::plugin::text(frame->document) : std::string_view();
        if (text.data() != hello.countedText || text.size() != hello.countedSize) {
            hello.count = 0;
            forEachOccurrence(text, hello.word, [&](size_t, size_t) { ++hello.count; });
            hello.countedText = text.data();
            hello.countedSize = text.size();
        }
        if (ImGui::Begin("Hello")) {
            ImGui::Text("Word: %s", hello.word.c_str());
            ImGui::Text("Occurrences: %zu", hello.count);
        }
        ImGui::End();
        return GLOSS_OK;
    });
}

gloss_status init(const gloss_host_services* services, void** state) {
    return gloss::plugin::guard(services, [&] {
        // Owned here until init succeeds; the host calls shutdown only after that.
        auto hello = std::make_unique<Hello>();
        hello->host = services;
        const std::string_view settings = gloss::plugin::settings(services);
        hello->word = stringSetting(settings, "word", hello->word);
        hello->tag = stringSetting(settings, "tag", hello->tag);

        const gloss_highlighter highlighter{sizeof(gloss_highlighter), "Hello word", hello.get(), highlight};
        const gloss_panel panel{sizeof(gloss_panel), "Hello", IMGUI_VERSION_NUM, hello.get(), draw};
        if (services->register_highlighter(services->host, &highlighter) != GLOSS_OK ||
            services->register_panel(services->host, &panel) != GLOSS_OK)
            throw gloss::plugin::Failure("could not register");
        gloss::plugin::log(services, GLOSS_LOG_DEBUG, "hello: marking \"" + hello->word + "\"");
        *state = hello.release();
        return GLOSS_OK;
    });
}

void shutdown(void* state) {
    delete static_cast<Hello*>(state);
}

const gloss_plugin_info kInfo = {sizeof(gloss_plugin_info),
                                 "hello",
                                 "Hello",
                                 "1.0.0",
                                 "Marks one word from its settings; shows a count.",
                                 init,
                                 shutdown};

} // namespace

GLOSS_PLUGIN_DEFINE(kInfo)
