// gloss-cli tag: add one annotation to a file, creating the file when needed.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/annotations/utf8.hpp"
#include "gloss/core/color_distance.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/tag_selection.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <pwd.h>
#include <unistd.h>

namespace gloss::cli {

namespace {

struct Range {
    uint64_t start = 0;
    uint64_t end = 0;
};

uint64_t parseOffset(const Arguments& arguments, std::string_view text) {
    uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        arguments.fail("--range: '" + std::string(text) + "' is not a code-point offset");
    return value;
}

Range rangeFromOption(const Arguments& arguments, const std::string& text, const core::Document& report) {
    const auto colon = text.find(':');
    if (colon == std::string::npos) arguments.fail("--range: expected START:END, found '" + text + "'");
    const Range range{parseOffset(arguments, std::string_view(text).substr(0, colon)),
                      parseOffset(arguments, std::string_view(text).substr(colon + 1))};
    if (range.end <= range.start) arguments.fail("--range: END must be greater than START");
    if (range.end > report.codepointCount())
        arguments.fail("--range: " + std::to_string(range.end) + " is past the end of the report (" +
                       std::to_string(report.codepointCount()) + " code points)");
    return range;
}

// The single place the quote occurs; several places are an error, since the
// user's intent is ambiguous.
Range rangeFromQuote(const Arguments& arguments, const std::string& quote, const core::Document& report,
                     const std::string& reportPath) {
    if (quote.empty()) arguments.fail("--quote is empty");
    // A stray byte would match inside a character and give an empty or shifted range.
    if (const auto bad = annotations::utf8::firstInvalidByte(quote))
        arguments.fail("--quote: invalid UTF-8 at byte " + std::to_string(*bad));
    constexpr size_t kListed = 5;
    const std::string_view text = report.utf8();
    std::vector<uint64_t> starts;
    size_t occurrences = 0;
    for (size_t at = text.find(quote); at != std::string_view::npos; at = text.find(quote, at + 1)) {
        if (starts.size() < kListed) starts.push_back(report.codepointOffset(at));
        ++occurrences;
    }
    if (occurrences == 0) throw core::InputError(reportPath + ": --quote text not found in the report");
    if (occurrences > 1) {
        std::string listed;
        for (uint64_t start : starts) listed += (listed.empty() ? "" : ", ") + std::to_string(start);
        throw core::InputError(reportPath + ": --quote text occurs " + std::to_string(occurrences) +
                               " times (at code points " + listed + (occurrences > kListed ? ", ..." : "") +
                               "); use --range START:END");
    }
    const uint64_t start = starts.front();
    return {start, start + annotations::utf8::countCodepoints(quote)};
}

std::string defaultAuthor() {
    if (const char* name = std::getenv("GLOSS_AUTHOR"); name && *name) return name;
    if (const passwd* user = ::getpwuid(::getuid()); user && user->pw_name) return user->pw_name;
    return "anonymous";
}

// Where the annotation goes: --annotations, or the project's file for REPORT.
struct Target {
    std::filesystem::path annotations;
    std::optional<core::Project> project;
    std::optional<core::Encoding> encoding; // what the project says of REPORT
};

Target targetOf(const Arguments& arguments, const std::string& reportPath) {
    const auto projectPath = arguments.value("--project");
    if (!projectPath) return {arguments.required("--annotations"), std::nullopt, std::nullopt};
    for (const char* option : {"--annotations", "--codebook"})
        if (arguments.has(option))
            arguments.fail(std::string(option) + " does not apply to --project: the project names the file");
    Target target{{}, core::loadProject(*projectPath), std::nullopt};
    const core::ProjectReport* report = target.project->findReport(reportPath);
    if (!report)
        throw core::InputError(reportPath + ": not a report of " + target.project->file.string() +
                               " (add it with gloss-cli project add)");
    target.annotations = target.project->resolve(report->annotations);
    if (!report->encoding.empty()) target.encoding = core::encodingFromName(report->encoding);
    return target;
}

// The codebook the tag is taken from: the project's, else --codebook, else
// the file's own. A report never depends on the bundled sample's codebook.
annotations::Codebook sourceCodebook(const Arguments& arguments, const Target& target,
                                     const annotations::AnnotationFile& file) {
    if (target.project) return projectCodebook(*target.project);
    if (const auto path = arguments.value("--codebook")) return core::loadCodebook(*path);
    return file.codebook.value_or(annotations::Codebook{});
}

// A tag the codebook lacks: with a codebook the user named (--codebook, the
// project's) a mistake, listed against the known ones; in the file's own
// codebook a new tag, as the editor's tag popup makes one. True when created.
bool ensureTag(const Arguments& arguments, const Target& target, annotations::Codebook& codebook,
               const std::string& tagId) {
    if (tagId.empty()) arguments.fail("--tag is empty");
    if (codebook.find(tagId)) return false;
    if (target.project || arguments.has("--codebook")) {
        std::string known;
        for (const auto& tag : codebook.tags) known += (known.empty() ? "" : ", ") + tag.id;
        arguments.fail("--tag: no tag '" + tagId + "' in " +
                       (target.project ? "the project's codebook" : "the codebook") + " (known: " + known +
                       ")");
    }
    if (tagId.size() > annotations::kMaxIdBytes)
        arguments.fail("--tag: an id of more than " + std::to_string(annotations::kMaxIdBytes) + " bytes");
    if (const auto bad = annotations::utf8::firstInvalidByte(tagId))
        arguments.fail("--tag: invalid UTF-8 at byte " + std::to_string(*bad));
    annotations::Tag tag;
    tag.id = tagId;
    tag.label = tagId;
    tag.color = core::colorForNewTag(codebook);
    codebook.tags.push_back(std::move(tag));
    return true;
}

} // namespace

int runTag(std::span<char* const> words) {
    const Arguments arguments("tag", words,
                              {{"--annotations"},
                               {"--project"},
                               kPluginDirOption,
                               {"--quote"},
                               {"--range"},
                               {"--tag"},
                               {"--note"},
                               {"--author"},
                               {"--codebook"},
                               kEncodingOption});
    const std::string reportPath = arguments.onlyPositional("REPORT");
    const Target target = targetOf(arguments, reportPath);
    const std::filesystem::path& annotationsPath = target.annotations;
    const std::string tagId = arguments.required("--tag");
    const auto quote = arguments.value("--quote");
    const auto rangeText = arguments.value("--range");
    if (quote.has_value() == rangeText.has_value()) arguments.fail("give exactly one of --quote and --range");

    // Held from reading the file to saving it, so that concurrent taggers of one file take turns.
    const core::FileLock lock(annotationsPath);
    const bool fileExists = std::filesystem::exists(annotationsPath);
    annotations::AnnotationFile file;
    if (fileExists) file = loadCleanAnnotationFile(annotationsPath);

    // The file remembers how its report was decoded; --encoding overrides it.
    const auto encoding = encodingOption(arguments).value_or(target.encoding.value_or(
        fileExists ? core::encodingFromName(file.report.encoding).value_or(core::Encoding::Utf8)
                   : core::Encoding::Utf8));
    // Plugins open reports that are not text (sources) and decide what tagging means.
    CliPlugins plugins(arguments);
    const core::Document report = core::loadReport(reportPath, encoding, &plugins.host());
    annotations::Codebook codebook = sourceCodebook(arguments, target, file);
    const bool created = ensureTag(arguments, target, codebook, tagId);

    // Existing annotations follow the report if it changed since they were made.
    annotations::anchorAll(file.annotations, report);
    file.report = describeReport(report);
    file.codebook = embedTags(file, codebook, {tagId});

    const Range range = quote ? rangeFromQuote(arguments, *quote, report, reportPath)
                              : rangeFromOption(arguments, *rangeText, report);
    const std::string note = arguments.value("--note").value_or("");
    const std::string author = arguments.value("--author").value_or(defaultAuthor());
    if (const auto bad = annotations::utf8::firstInvalidByte(note))
        arguments.fail("--note: invalid UTF-8 at byte " + std::to_string(*bad));
    if (const auto bad = annotations::utf8::firstInvalidByte(author))
        arguments.fail("--author: invalid UTF-8 at byte " + std::to_string(*bad));

    // What tagging a range means (a new annotation, or the tag added to the
    // one already there) is the tagging plugin's decision.
    annotations::AnnotationSet set(std::move(file.annotations));
    core::TagOutcome outcome;
    try {
        outcome = core::tagSelection(plugins.host(), "tagging", report, codebook, set,
                                     {range.start, range.end, core::TagAction::Apply, tagId, note, author});
    } catch (const core::PluginError& e) {
        throw core::InputError(std::string("tagging failed: ") + e.what());
    }
    file.annotations = set.all();
    if (target.project) {
        std::error_code error; // a failure shows as the save's own error
        std::filesystem::create_directories(annotationsPath.parent_path(), error);
    }
    core::saveAnnotationFile(annotationsPath, file);

    const auto print = [&](const char* verb, const std::vector<std::string>& ids) {
        for (const auto& id : ids)
            std::printf("%s %s %llu:%llu %s\n", verb, id.c_str(),
                        static_cast<unsigned long long>(range.start),
                        static_cast<unsigned long long>(range.end), tagId.c_str());
    };
    if (created)
        std::printf("created the tag %s (%s) in the codebook of %s\n", tagId.c_str(),
                    codebook.find(tagId)->color.c_str(), annotationsPath.c_str());
    print("added", outcome.added);
    print("updated", outcome.updated);
    if (outcome.added.empty() && outcome.updated.empty())
        std::printf("unchanged: %llu:%llu already has %s\n", static_cast<unsigned long long>(range.start),
                    static_cast<unsigned long long>(range.end), tagId.c_str());
    return 0;
}

} // namespace gloss::cli
