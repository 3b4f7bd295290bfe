#include "builtin_support.hpp"

#include "process.hpp"

#include <algorithm>
#include <cstdlib>
#include <doctest/doctest.h>
#include <sstream>

namespace gloss::test {

std::filesystem::path builtinPlugin(std::string_view id) {
    return std::filesystem::path(GLOSS_BUILTIN_PLUGIN_DIR) / (std::string(id) + ".gloss-plugin");
}

LoggingHost::LoggingHost(const std::vector<std::string>& pluginIds) {
    core::PluginHost::Options options;
    options.log = [this](int level, const std::string& pluginId, const std::string& message) {
        log_.push_back({level, pluginId, message});
    };
    host_ = std::make_unique<core::PluginHost>(std::move(options));
    for (const std::string& id : pluginIds) {
        INFO("loading " << builtinPlugin(id));
        REQUIRE(host_->loadFile(builtinPlugin(id)));
    }
}

std::vector<std::string> LoggingHost::errors() const {
    std::vector<std::string> messages;
    for (const LogLine& line : log_)
        if (line.level >= GLOSS_LOG_ERROR) messages.push_back(line.message);
    return messages;
}

std::string defaultCodebookText() {
    return readText(sourcePath("examples/codebook.json"));
}

std::vector<std::string> codepointSpans(const core::Document& document, const core::HighlightResult& result) {
    std::vector<std::string> spans;
    for (const core::Span& span : result.spans)
        spans.push_back(std::to_string(document.codepointOffset(span.start)) + "-" +
                        std::to_string(document.codepointOffset(span.end)) + " " + result.tags.at(span.tag));
    std::sort(spans.begin(), spans.end());
    return spans;
}

std::vector<std::string> referenceSpans(const std::filesystem::path& codebook,
                                        const std::filesystem::path& report) {
    const ProcessResult result =
        run("/usr/bin/env", {"python3", sourcePath("tests/builtin_plugins/theme_reference.py").string(),
                             codebook.string(), report.string()});
    INFO("theme_reference.py: " << result.err);
    REQUIRE(result.exitCode == 0);
    std::vector<std::string> spans;
    for (const std::string& line : linesOf(result.out)) {
        std::istringstream fields(line);
        std::string start, end, theme;
        fields >> start >> end >> theme;
        spans.push_back(start + "-" + end + " " + theme);
    }
    std::sort(spans.begin(), spans.end());
    return spans;
}

std::string missingFrom(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> missing;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(missing));
    std::string joined;
    for (const std::string& line : missing) joined += line + "\n";
    return joined;
}

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

nlohmann::json literal(std::string text, bool caseSensitive, bool wholeWord) {
    return {{"literal", std::move(text)}, {"case_sensitive", caseSensitive}, {"whole_word", wholeWord}};
}

nlohmann::json regex(std::string text, bool caseSensitive, bool wholeWord) {
    return {{"regex", std::move(text)}, {"case_sensitive", caseSensitive}, {"whole_word", wholeWord}};
}

nlohmann::json theme(const std::string& id, nlohmann::json patterns) {
    return {{"id", id},
            {"label", "Theme " + id},
            {"color", "#123456"},
            {"parent", nullptr},
            {"description", ""},
            {"key", nullptr},
            {"patterns", std::move(patterns)}};
}

nlohmann::json codebook(nlohmann::json tags) {
    return {{"format", "gloss.codebook"}, {"version", 1}, {"tags", std::move(tags)}};
}

nlohmann::json brokenCodebook(bool refusedLeftOut) {
    using Json = nlohmann::json;
    Json book = Json::parse(defaultCodebookText());
    Json broken = theme("broken", Json::array({regex("(unclosed", false, false), regex("(a)\\1", false, true),
                                               literal("Northmoor", true, true)}));
    broken["label"] = "Broken";
    Json& wellbeing = book["tags"][7];
    REQUIRE(wellbeing["id"] == "wellbeing");
    wellbeing["patterns"].push_back(regex("burn(out", false, true));
    if (refusedLeftOut) {
        broken["patterns"].erase(0);
        broken["patterns"].erase(0);
        wellbeing["patterns"].erase(wellbeing["patterns"].size() - 1);
    }
    book["tags"].insert(book["tags"].begin() + 2, broken);
    return book;
}

nlohmann::json hostileThemeCodebook() {
    return codebook(nlohmann::json::array({
        theme("ed", nlohmann::json::array({regex("e+d", false, false)})),
        theme("ab", nlohmann::json::array({regex("a+b", false, false), literal("aab", false, true)})),
        theme("past",
              nlohmann::json::array({regex("[a-z]+ed", false, true), regex("walk(ed|ing)", true, false)})),
    }));
}

std::string hostileThemeText() {
    return std::string(300, 'e') + "d " + std::string(280, 'a') + "b aab xaab AAB " +
           "They walked, talked and WALKED; the need for speed deeded eeeeed ed. " + std::string(260, 'x') +
           "edededed abab cabbed seeded" + std::string(255, ' ') + "Agreed.";
}

const std::vector<std::string>& brokenCodebookErrors() {
    static const std::vector<std::string> errors = {
        R"(theme "Broken" (broken), regex "(a)\\1")", // as JSON writes it, so as the codebook has it
        R"(theme "Broken" (broken), regex "(unclosed")",
        R"(theme "Staff wellbeing and burnout" (wellbeing), regex "burn(out")",
    };
    return errors;
}

void checkBrokenErrors(const std::vector<std::string>& errors) {
    std::string all;
    for (const std::string& error : errors) all += error + "\n";
    INFO("errors:\n" << all);
    CHECK(errors.size() == brokenCodebookErrors().size());
    // Each refused pattern has one error, which names its theme and pattern
    // and goes on with Vectorscan's reason.
    for (const std::string& expected : brokenCodebookErrors()) {
        INFO(expected);
        const auto naming = std::count_if(errors.begin(), errors.end(), [&](const std::string& error) {
            const size_t at = error.find(expected + ": ");
            return at != std::string::npos && error.size() > at + expected.size() + 2;
        });
        CHECK(naming == 1);
    }
}

} // namespace gloss::test
