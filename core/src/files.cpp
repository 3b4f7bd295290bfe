#include "gloss/core/files.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/limits.hpp"

namespace gloss::core {

namespace {

template <typename Parse>
auto withFileName(const std::filesystem::path& path, Parse parse) {
    try {
        return parse();
    } catch (const annotations::FormatError& e) {
        throw InputError(path.string() + ": " + e.what());
    }
}

} // namespace

Document loadReport(const std::filesystem::path& path, Encoding encoding, PluginHost* plugins) {
    std::string bytes = readFile(path);
    std::string name = path.filename().string();
    if (plugins) {
        if (const auto source = plugins->sourceFor(path, bytes)) {
            try {
                ExtractedText extracted = plugins->extractText(source->format, bytes, name);
                return Document::fromExtracted(std::move(extracted.text), std::move(extracted.pageStarts),
                                               bytes, std::move(name), std::move(extracted.extractor),
                                               std::move(extracted.headings));
            } catch (const PluginError& e) {
                throw InputError(path.string() + ": " + e.what());
            }
        }
    }
    return withFileName(path,
                        [&] { return Document::fromBytes(std::move(bytes), encoding, std::move(name)); });
}

annotations::Codebook loadCodebook(const std::filesystem::path& path) {
    const std::string text = readFile(path);
    return withFileName(path, [&] { return annotations::parseCodebook(text); });
}

void saveCodebook(const std::filesystem::path& path, const annotations::Codebook& codebook) {
    writeFileAtomically(path, annotations::codebookToJson(codebook).dump(2) + "\n");
}

annotations::AnnotationFile loadAnnotationFile(const std::filesystem::path& path) {
    const std::string text = readFile(path);
    return withFileName(path, [&] { return annotations::parseAnnotationFile(text); });
}

void saveAnnotationFile(const std::filesystem::path& path, const annotations::AnnotationFile& file,
                        const annotations::MatchAnnotations* matches) {
    // A record the reader would refuse stops the save before the rename: the old file stays.
    withFileName(path, [&] {
        writeFileAtomically(
            path, [&](const PieceWriter& write) { annotations::writeAnnotationFile(file, matches, write); });
    });
}

annotations::ReportInfo describeReport(const Document& document) {
    annotations::ReportInfo info;
    info.name = document.name();
    info.sha256 = document.sha256();
    info.codepoints = document.codepointCount();
    info.encoding = std::string(encodingName(document.encoding()));
    info.extractor = document.extractor();
    return info;
}

annotations::AnchorOptions anchorOptions(const annotations::AnnotationFile& file, const Document& document) {
    static_assert(limits::kFuzzyAnchorWork.value == annotations::kDefaultFuzzyAnchorWork);
    return {limits::valueOf(limits::kFuzzyAnchorWork), file.report.sha256 == document.sha256()};
}

std::filesystem::path examplesDirectory() {
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto installed = executable.parent_path().parent_path() / "share" / "gloss" / "examples";
        if (std::filesystem::is_directory(installed, error)) return installed;
    }
    return GLOSS_SOURCE_EXAMPLES_DIR;
}

} // namespace gloss::core
