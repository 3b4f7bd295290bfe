// Reading the files of a piece of work, away from the UI thread.

#include "opening.hpp"

#include "gloss/annotations/utf8.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"
#include "gloss/limits.hpp"

#include <future>

namespace gloss::gui {

namespace {

// An annotation file as read, with what the window should say about it.
struct AnnotationsRead {
    annotations::AnnotationFile file;
    annotations::Codebook codebook; // the file's own tags
    std::vector<std::string> messages;
    bool unreadable = false; // saving over it would lose it
};

AnnotationsRead readAnnotations(const std::filesystem::path& path) {
    AnnotationsRead read;
    try {
        read.file = core::loadAnnotationFile(path);
        const auto& problems = read.file.problems;
        for (size_t i = 0; i < problems.size() && i < 5; ++i)
            read.messages.push_back(path.string() + ": " + problems[i].text());
        if (problems.size() > 5)
            read.messages.push_back(path.string() + ": and " + std::to_string(problems.size() - 5) +
                                    " more problems");
        if (read.file.codebook) read.codebook = *read.file.codebook;
    } catch (const std::exception& e) {
        read.messages.push_back(e.what());
        read.file = {};
        read.unreadable = true;
    }
    return read;
}

} // namespace

OpenedWork readWork(const OpenRequest& request, core::PluginHost* plugins) {
    OpenedWork work;
    work.request = request;
    const std::filesystem::path annotationsPath =
        request.annotations.empty() ? std::filesystem::path(request.report.string() + ".gloss.json")
                                    : request.annotations;
    work.saveTo = annotationsPath;
    // Taken before reading: a change while it is read shows as a change later.
    work.saveToStamp = stampOf(annotationsPath);
    // The annotation file is parsed beside the report being read: on a long
    // report each takes a few tenths of a second.
    std::error_code error;
    const std::filesystem::path readFrom = request.readFrom.empty() ? annotationsPath : request.readFrom;
    std::future<AnnotationsRead> annotationsRead;
    if (std::filesystem::exists(readFrom, error))
        annotationsRead = std::async(std::launch::async, [readFrom] { return readAnnotations(readFrom); });
    try {
        work.codebook = core::loadCodebook(request.codebook);
    } catch (const std::exception& e) {
        work.messages.push_back(e.what());
    }
    // The annotation file records how the report was decoded. Until it is in,
    // the report is read as the request says (UTF-8, what Gloss writes unless
    // told otherwise); another encoding reads it again.
    std::string reportError;
    const auto readReport = [&](core::Encoding encoding) {
        try {
            work.document =
                std::make_shared<const core::Document>(core::loadReport(request.report, encoding, plugins));
        } catch (const std::exception& e) {
            reportError = e.what();
        }
    };
    if (request.openReport)
        work.document = request.openReport;
    else
        readReport(request.encoding);

    // Without an annotation file, nothing says otherwise.
    const bool haveFile = annotationsRead.valid();
    if (haveFile) {
        AnnotationsRead read = annotationsRead.get();
        work.messages.insert(work.messages.end(), read.messages.begin(), read.messages.end());
        work.file = std::move(read.file);
        if (read.unreadable) {
            work.saveTo = annotationsPath.string() + ".recovered.json";
            work.saveToStamp = stampOf(work.saveTo);
            work.messages.push_back("Annotations will be saved to " + work.saveTo.string());
        }
        std::vector<std::string> ids;
        for (const auto& tag : read.codebook.tags) ids.push_back(tag.id);
        work.codebook.addMissingTags(read.codebook, ids);
    }
    const auto encoding = haveFile
                              ? core::encodingFromName(work.file.report.encoding).value_or(request.encoding)
                              : request.encoding;
    // An extracted report (PDF, DOCX, HTML) is UTF-8 whatever the file says.
    const bool decodedOtherwise = work.document
                                      ? !work.document->extractor() && work.document->encoding() != encoding
                                      : encoding != request.encoding;
    if (decodedOtherwise) {
        work.document.reset();
        readReport(encoding);
    }
    if (!work.document) {
        work.messages.push_back(reportError);
        if (encoding == core::Encoding::Utf8) {
            try {
                const std::string bytes = core::readFile(request.report);
                work.mayBeWindows1252 = annotations::utf8::firstInvalidByte(bytes) &&
                                        !core::looksBinary(bytes) &&
                                        !(plugins && plugins->sourceFor(request.report, bytes));
            } catch (const std::exception&) {
                // Unreadable: the message says so already.
            }
        }
        return work;
    }
    // A file made for another report (another name and other content) is
    // not anchored here unless the user says so: the question comes first.
    const annotations::ReportInfo& madeFor = work.file.report;
    if (haveFile && !request.anchorAnyway && !madeFor.name.empty() && madeFor.name != work.document->name() &&
        !madeFor.sha256.empty() && madeFor.sha256 != work.document->sha256()) {
        work.madeForOther = madeFor.name;
        return work;
    }
    const auto counts = annotations::anchorAll(work.file.annotations, *work.document,
                                               core::anchorOptions(work.file, *work.document));
    if (counts.moved || counts.orphaned)
        work.messages.push_back(std::to_string(counts.moved) + " annotations moved and " +
                                std::to_string(counts.orphaned) +
                                " orphaned: the report changed since they were made");
    if (counts.unsearched)
        work.messages.push_back(std::to_string(counts.unsearched) +
                                " of the orphaned without a fuzzy search: " +
                                gloss::limits::exceeded(gloss::limits::kFuzzyAnchorWork));
    return work;
}

} // namespace gloss::gui
