// gloss-cli: the same core as the editor, for scripts and corpora.

#include "commands.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/plugin_crash.hpp"

#include <cstdio>
#include <cstring>
#include <string_view>
#include <unistd.h>

namespace {

constexpr const char* kHelp = R"(gloss-cli: annotate long reports from the command line

usage:
  gloss-cli --version | --help
  gloss-cli info REPORT [--encoding windows-1252] [--plugin-dir D]... [--json]
      bytes, code points, lines, words, pages, sha256 and encoding of a report
      (a PDF, DOCX or HTML report is read through its source plugin)
  gloss-cli stats ANNOTATIONS [--report REPORT] [--encoding windows-1252] [--json]
      annotation counts per tag, theme, author, origin and status; with --report,
      re-anchored on REPORT (in memory): "anchored N, moved N, orphaned N", and
      the statuses they have there
  gloss-cli reanchor ANNOTATIONS --report REPORT -o OUT [--encoding windows-1252]
      re-anchor a file made for another version of REPORT and write it for REPORT
      (sha256 and code points in its header, each record's status); orphans are
      kept as they were and listed; OUT may not be one of the inputs
  gloss-cli tag REPORT --annotations FILE (--quote TEXT | --range START:END) --tag ID
                [--note TEXT] [--author NAME] [--codebook FILE] [--encoding windows-1252]
      add one annotation (creating FILE when missing) and save it atomically;
      START:END are code points, half-open; the tag comes from --codebook, else
      the file's own codebook, where an unknown ID is created (and said so)

  gloss-cli highlight REPORT -o OUT [--annotations IN] [--codebook FILE]
                [--highlighter ID] [--plugin-dir DIR]... [--encoding windows-1252]
      matches of every codebook theme (highlighter "themes" by default) as
      annotations with origin plugin:ID, merged into IN without duplicates;
      exit 1 when a theme's pattern was refused (the others still match);
      IN may be OUT, to update it in place (created when missing)
  gloss-cli highlight --project PROJECT [-j N] [--highlighter ID]
      the same for every report of a project, merged into each report's
      annotation file, N reports at a time (default: the number of cores)
  gloss-cli export ANNOTATIONS --report REPORT --format NAME -o OUT [--excel]
                [--positions codepoints|utf16]
  gloss-cli import FILE --format NAME --report REPORT -o OUT
                [--positions codepoints|utf16]
      convert through the exporter or importer plugin of format NAME (json, w3c,
      csv, html, qdpx, brat, labelstudio, doccano; see gloss-cli plugins); OUT
      is written atomically and may not be one of the inputs; imported
      annotations are validated and anchored; --excel: CSV with a UTF-8 BOM
      for spreadsheets; --positions: the unit of the positions of a qdpx,
      labelstudio or doccano file, instead of the one its producer is known
      to use
  gloss-cli agree A B [--report REPORT] [--encoding windows-1252] [--json]
      agreement of two coders' files of one report, per tag and overall: the
      code-point counts (both, only A, only B, neither), Cohen's kappa,
      Krippendorff's nominal alpha and unitizing alpha ("undef" where the data
      do not define one); --report checks that the files annotate that report
  gloss-cli merge BASE OURS THEIRS -o OUT
      3-way merge of annotation files by annotation id (also git's merge driver:
      gloss-cli merge %O %A %B -o %A); OUT may be OURS, not BASE or THEIRS; an
      empty or missing BASE (both added the file) is a file with no annotations;
      exit 1 when changes conflict: OUT is written with each conflict kept in a
      "conflict" field, and stderr lists them, one line each
projects (PROJECT is a folder with gloss-project.json, or that file):
  gloss-cli project init DIR [--codebook FILE] [--name NAME]
      a new project in DIR with the codebook FILE (copied into DIR when it
      lies outside), else DIR/codebook.json, created empty when missing
  gloss-cli project add PROJECT REPORT... [--attribute KEY=VALUE]...
                [--annotations FILE] [--encoding windows-1252]
      list reports (text, PDF, DOCX, HTML; never copied or changed) with
      attributes such as region=North; each gets an annotation file under
      PROJECT/annotations/
  gloss-cli project list PROJECT [--json | --paths]
      the reports, their attributes, annotation counts and anchoring; a missing
      or unreadable report is named (exit 1); --paths: for scripts, one line
      per report, REPORT<tab>ANNOTATIONS<tab>ENCODING, nothing opened
  gloss-cli project export PROJECT --format qdpx -o OUT.qdpx
      every report, the codebook, codings, notes and attributes as one REFI-QDA
      archive; exit 1 naming a report that cannot be read (the rest are exported)
  gloss-cli project import FILE.qdpx DIR [--positions codepoints|utf16] [--plugin-dir DIR]...
      a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder) as a new project in
      DIR: each text source under DIR/reports/, codes, codings, attributes
  gloss-cli tag REPORT --project PROJECT (--quote TEXT | --range START:END) --tag ID ...
      as tag above, with the project's codebook and REPORT's annotation file
  gloss-cli segments PROJECT --tag ID [--exact] [--author NAME]
                [--attribute KEY=VALUE]... [--json | --csv]
      every passage coded ID or one of its sub-codes (only ID with --exact)
      across the project's reports
  gloss-cli cooccur PROJECT [--attribute KEY=VALUE]... [--json]
      pairs of codes that meet in the same passages, per report and in all
  gloss-cli stats PROJECT [--json]
      the counts of stats over every report, and per report

  gloss-cli plugins [--plugin-dir DIR]...
      one line per plugin (id, version, capabilities, path) and one per refused
      file (path and reason); exit 1 when any was refused. Plugins load from
      lib/gloss/plugins beside gloss-cli, $XDG_DATA_HOME/gloss/plugins,
      $GLOSS_PLUGIN_PATH and --plugin-dir; never from a report's folder.

Reports are UTF-8; a BOM is accepted. For Windows-1252 text pass --encoding windows-1252.

exit codes: 0 success, 1 findings, 2 bad input or usage (one line on stderr naming
the file and the field, line or byte)
)";

// The last line of a gloss-cli killed by a fatal signal names the plugin
// whose code was running, if any.
void reportCrash(const char* signal, const char* plugin, const char* what) {
    if (*plugin)
        gloss::core::writeInSignalHandler(STDERR_FILENO, {"gloss-cli: plugin ", plugin, " crashed (", signal,
                                                          ") in ", what, "; run without it, or update it\n"});
    else
        gloss::core::writeInSignalHandler(STDERR_FILENO, {"gloss-cli: crashed (", signal, ")\n"});
}

int dispatch(int argc, char** argv) {
    if (argc < 2) throw gloss::cli::UsageError("no command given");
    const std::string_view command = argv[1];
    const std::span<char* const> words(argv + 2, static_cast<size_t>(argc - 2));
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(kHelp, stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("gloss-cli %s\n", GLOSS_VERSION);
        return 0;
    }
    if (command == "info") return gloss::cli::runInfo(words);
    if (command == "stats") return gloss::cli::runStats(words);
    if (command == "reanchor") return gloss::cli::runReanchor(words);
    if (command == "tag") return gloss::cli::runTag(words);
    if (command == "plugins") return gloss::cli::runPlugins(words);
    if (command == "highlight") return gloss::cli::runHighlight(words);
    if (command == "export") return gloss::cli::runExport(words);
    if (command == "import") return gloss::cli::runImport(words);
    if (command == "merge") return gloss::cli::runMerge(words);
    if (command == "agree") return gloss::cli::runAgree(words);
    if (command == "project") return gloss::cli::runProject(words);
    if (command == "segments") return gloss::cli::runSegments(words);
    if (command == "cooccur") return gloss::cli::runCooccur(words);
    throw gloss::cli::UsageError("unknown command '" + std::string(command) + "'");
}

} // namespace

int main(int argc, char** argv) {
    gloss::core::reportFatalSignals(reportCrash);
    try {
        return dispatch(argc, argv);
    } catch (const gloss::cli::UsageError& e) {
        std::fprintf(stderr, "gloss-cli: %s (see gloss-cli --help)\n", e.what());
    } catch (const gloss::core::IoError& e) {
        std::fprintf(stderr, "%s\n", e.what());
    } catch (const gloss::core::InputError& e) {
        std::fprintf(stderr, "%s\n", e.what());
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "gloss-cli: out of memory\n");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss-cli: %s\n", e.what());
    }
    return 2;
}
