// gloss-cli merge BASE OURS THEIRS -o OUT: the 3-way merge of annotation
// files (annotations/merge.hpp), also git's merge driver for them
// (docs/sharing.md): git runs `gloss-cli merge %O %A %B -o %A` and reads the
// result from %A, so OUT may be OURS, and only OURS.

#include "commands.hpp"
#include "gloss/annotations/merge.hpp"
#include "gloss/core/files.hpp"

#include <cstdio>

namespace gloss::cli {

namespace {

// A merged codebook can break a rule no single tag breaks (two tags given
// the same quick key, one on each side). The file is still written, as git
// writes conflict markers, and the problem is listed with the conflicts.
std::optional<std::string> codebookProblem(const std::optional<annotations::Codebook>& codebook) {
    if (!codebook) return std::nullopt;
    try {
        annotations::checkCodebook(*codebook, "codebook");
    } catch (const annotations::FormatError& e) {
        return std::string("the merged codebook is not valid: ") + e.what();
    }
    return std::nullopt;
}

// git passes an empty file as BASE when both branches added the file
// (add/add); a missing BASE is the same: an annotation file with nothing in
// it, so that everything on either side counts as added.
annotations::AnnotationFile loadBase(const std::filesystem::path& base) {
    std::error_code error;
    const auto size = std::filesystem::file_size(base, error);
    if (error == std::errc::no_such_file_or_directory || (!error && size == 0))
        return annotations::AnnotationFile{};
    return loadCleanAnnotationFile(base);
}

} // namespace

int runMerge(std::span<char* const> words) {
    const Arguments arguments("merge", words, {{"-o"}});
    const auto& paths = arguments.positionals();
    if (paths.size() != 3)
        arguments.fail("expected BASE OURS THEIRS, found " + std::to_string(paths.size()) + " files");
    const std::filesystem::path base = paths[0], ours = paths[1], theirs = paths[2];
    const std::filesystem::path output = arguments.required("-o");
    // Overwriting OURS is the merge driver's contract; BASE and THEIRS stay as they are.
    refuseOverwritingInputs(arguments, output, {base, theirs});

    // The inputs are gone before the result is written, whose JSON tree is
    // the largest thing the command holds.
    // Held from reading OURS to saving OUT (often OURS itself), so that concurrent updates take turns.
    const core::FileLock lock(output);
    const annotations::MergeResult result = [&] {
        const annotations::AnnotationFile baseFile = loadBase(base);
        const annotations::AnnotationFile oursFile = loadCleanAnnotationFile(ours);
        const annotations::AnnotationFile theirsFile = loadCleanAnnotationFile(theirs);
        return annotations::mergeAnnotationFiles(baseFile, oursFile, theirsFile);
    }();

    std::vector<std::string> conflicts;
    for (const auto& conflict : result.conflicts) conflicts.push_back(conflict.text());
    if (const auto problem = codebookProblem(result.file.codebook)) conflicts.push_back(*problem);

    core::saveAnnotationFile(output, result.file);
    for (const auto& conflict : conflicts) std::fprintf(stderr, "conflict: %s\n", conflict.c_str());
    std::printf("merged %zu annotations into %s: %zu conflicts\n", result.file.annotations.size(),
                output.c_str(), conflicts.size());
    return conflicts.empty() ? 0 : 1;
}

} // namespace gloss::cli
