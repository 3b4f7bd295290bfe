// Themes benchmark (docs/architecture.md, "Tests and benchmarks").
//
// Generates a 100 MB report (deterministically, into a temporary folder
// removed afterwards) and two codebooks of whole-word, case-insensitive
// literals, then measures in the same run, for each codebook:
//   gloss  core::PluginHost::highlight("themes", document, codebook): the
//          plugin's Vectorscan scan, its per-theme leftmost-longest merge, the
//          spans emitted through the plugin boundary and validated by the
//          host, then counted per theme here;
//   rg     rg --count-matches -i -w -F -f TERMS REPORT, the same terms one a
//          line, on the same file (a child process, output read from a pipe).
// The plugin compiles a codebook's Vectorscan database on the first highlight
// that carries it and caches it by content, so Gloss is measured twice:
//   cold   a codebook text the plugin has not seen (compile + scan),
//   warm   the same text again (scan only; the figure),
// and the compile alone is measured as a cold highlight of a one-line
// document (rg's start-up and pattern build likewise, on a one-line file).
// A new codebook text is the same codebook with trailing whitespace added,
// which the cache tells apart and JSON ignores.
// Times are wall clock, best of N, with each side's CPU time beside them;
// rg is not repeated once a run has taken over --rg-repeat-seconds (60):
// rg 13 drops its Aho-Corasick path under -i and takes many minutes on the
// 5,000 literals. The figure is warm Gloss / rg (target <= 0.2x). The
// benchmark reports the ratio and never fails on it; it fails when the host
// drops a span or a repeat finds a different number of spans or matches.
//
// Index of this file:
// [SECTION] Options
// [SECTION] Deterministic generator
// [SECTION] Vocabulary
// [SECTION] Report text
// [SECTION] Codebooks
// [SECTION] Measuring
// [SECTION] ripgrep
// [SECTION] Main

#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "harness.hpp"
#include "rng.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;
namespace core = gloss::core;

namespace {

// [SECTION] Options

struct Options {
    int repeats = 3;
    size_t reportBytes = 100'000'000;
    std::string rg = "rg";
    std::string pluginDir = GLOSS_BENCH_PLUGIN_DIR;
    // rg is repeated only while a run takes less than this: rg 13 with -i
    // on 5,000 literals leaves Aho-Corasick for its regex engine and takes
    // many minutes over 100 MB, where the best of three adds nothing.
    double rgRepeatSeconds = 60;
    bool keep = false; // keep the temporary folder (its path is printed)
};

Options parseOptions(int argc, char** argv) {
    gloss::bench::CommandLine commandLine(
        argc, argv, "gloss_bench_themes",
        "usage: gloss_bench_themes [--repeats N] [--report-mb MB] [--rg EXE] [--rg-repeat-seconds S]\n"
        "                          [--plugin-dir DIR] [--keep]\n");
    Options options;
    while (commandLine.next()) {
        if (commandLine.is("--repeats"))
            options.repeats = std::max(1, commandLine.wholeNumber<int>());
        else if (commandLine.is("--report-mb"))
            options.reportBytes = static_cast<size_t>(commandLine.number() * 1e6);
        else if (commandLine.is("--rg"))
            options.rg = commandLine.value();
        else if (commandLine.is("--rg-repeat-seconds"))
            options.rgRepeatSeconds = commandLine.number();
        else if (commandLine.is("--plugin-dir"))
            options.pluginDir = commandLine.value();
        else if (commandLine.is("--keep"))
            options.keep = true;
        else
            commandLine.unknownOption();
    }
    if (options.reportBytes < 100'000) commandLine.usage("--report-mb must be at least 0.1");
    return options;
}

// [SECTION] Deterministic generator (bench/support/rng.hpp)

using gloss::bench::Rng;

// Draws ranks 0..n-1 with Zipf-Mandelbrot weights 1 / (rank + q)^s, the
// shape of word frequencies in prose.
class Zipf {
  public:
    Zipf(size_t n, double s, double q) {
        cumulative_.reserve(n);
        double total = 0;
        for (size_t rank = 0; rank < n; ++rank) {
            total += 1.0 / std::pow(static_cast<double>(rank) + q, s);
            cumulative_.push_back(total);
        }
        for (double& c : cumulative_) c /= total;
    }
    size_t draw(Rng& rng) const {
        const auto at = std::upper_bound(cumulative_.begin(), cumulative_.end(), rng.unit());
        return std::min(static_cast<size_t>(at - cumulative_.begin()), cumulative_.size() - 1);
    }

  private:
    std::vector<double> cumulative_;
};

// [SECTION] Vocabulary
// The report's words by frequency rank: function words, then the words of a
// staff-experience review, then made-up words from syllables to fill a
// vocabulary of 20,000, with accented, Greek, Cyrillic and CJK words spread
// among them. The 100 theme terms are not in the vocabulary: the report
// mentions them at their own rates (kThemeRate).

constexpr size_t kVocabularySize = 20'000;
constexpr double kThemeRate = 0.003; // a theme term in about 1 word of 330

constexpr std::array<std::string_view, 60> kFunctionWords = {
    "the",   "of",      "and",   "to",    "in",    "a",      "is",     "that",  "for",     "on",
    "with",  "as",      "are",   "was",   "by",    "we",     "this",   "be",    "have",    "it",
    "from",  "at",      "or",    "not",   "their", "they",   "which",  "has",   "were",    "an",
    "all",   "more",    "been",  "will",  "also",  "our",    "there",  "but",   "its",     "who",
    "these", "than",    "other", "some",  "can",   "into",   "one",    "would", "should",  "may",
    "about", "between", "most",  "those", "such",  "within", "across", "each",  "further", "where",
};

constexpr std::array<std::string_view, 100> kDomainWords = {
    "staff",
    "board",
    "report",
    "data",
    "survey",
    "review",
    "year",
    "service",
    "team",
    "policy",
    "people",
    "workforce",
    "results",
    "percentage",
    "respondents",
    "managers",
    "employees",
    "organisation",
    "process",
    "support",
    "evidence",
    "national",
    "local",
    "group",
    "change",
    "analysis",
    "improvement",
    "directorate",
    "nurses",
    "doctors",
    "patients",
    "colleagues",
    "experience",
    "concerns",
    "meeting",
    "committee",
    "chair",
    "executive",
    "director",
    "manager",
    "ward",
    "hospital",
    "community",
    "network",
    "networks",
    "programme",
    "standard",
    "standards",
    "framework",
    "strategy",
    "objectives",
    "progress",
    "outcomes",
    "measures",
    "metrics",
    "quarter",
    "annual",
    "monthly",
    "figures",
    "table",
    "chart",
    "section",
    "appendix",
    "summary",
    "findings",
    "recommendation",
    "recommendations",
    "priority",
    "priorities",
    "risk",
    "assurance",
    "oversight",
    "members",
    "partners",
    "system",
    "region",
    "trust’s",
    "clinical",
    "operational",
    "corporate",
    "workshop",
    "sessions",
    "feedback",
    "listening",
    "events",
    "interviews",
    "responses",
    "compared",
    "increase",
    "decrease",
    "higher",
    "lower",
    "overall",
    "several",
    "number",
    "proportion",
    "band",
    "grade",
    "level",
    "levels",
};

// A word with a non-ASCII letter as the report writes it, and as the large
// codebook spells it (other case where Unicode has one) so that caseless
// matching beyond ASCII is exercised.
struct ForeignWord {
    std::string_view text;
    std::string_view codebook;
};

constexpr std::array<ForeignWord, 30> kForeignWords = {{
    {"café", "CAFÉ"},
    {"naïve", "NAÏVE"},
    {"Zürich", "zürich"},
    {"façade", "FAÇADE"},
    {"résumé", "Résumé"},
    {"señora", "SEÑORA"},
    {"smörgåsbord", "smörgåsbord"},
    {"crème", "CRÈME"},
    {"über", "ÜBER"},
    {"jalapeño", "jalapeño"},
    {"coöperation", "coöperation"},
    {"élan", "ÉLAN"},
    {"œuvre", "Œuvre"},
    {"São", "são"},
    {"Málaga", "málaga"},
    {"Łódź", "łódź"},
    {"Ærø", "ærø"},
    {"Ørsted", "ørsted"},
    {"Éire", "éire"},
    {"Île", "île"},
    {"Москва", "москва"},
    {"Ελλάδα", "ελλάδα"},
    {"Straße", "STRASSE"},
    {"İstanbul", "İstanbul"},
    {"北京", "北京"},
    {"東京", "東京"},
    {"सहयोग", "सहयोग"},
    {"Dvořák", "DVOŘÁK"},
    {"Kraków", "kraków"},
    {"Bjørn", "bjørn"},
}};

// The 100 themes of the first codebook, one literal each. Several nest
// ("pay gap" in "gender pay gap", "racism" in "anti-racism") so that matches
// of different themes overlap, as they do in real codebooks.
constexpr std::array<std::string_view, 100> kThemeTerms = {
    "pay gap",
    "gender pay gap",
    "ethnicity pay gap",
    "leadership",
    "senior leadership",
    "discrimination",
    "racism",
    "institutional racism",
    "bullying",
    "harassment",
    "sexual harassment",
    "microaggressions",
    "inclusion",
    "diversity",
    "equality",
    "equity",
    "belonging",
    "representation",
    "underrepresentation",
    "ethnic minority",
    "promotion",
    "progression",
    "career development",
    "mentoring",
    "reverse mentoring",
    "sponsorship",
    "recruitment",
    "retention",
    "turnover",
    "attrition",
    "flexible working",
    "part-time",
    "remote working",
    "hybrid working",
    "wellbeing",
    "mental health",
    "burnout",
    "stress",
    "sickness absence",
    "workload",
    "overtime",
    "staffing levels",
    "vacancies",
    "agency staff",
    "pay",
    "bonus",
    "pension",
    "disability",
    "reasonable adjustments",
    "neurodiversity",
    "menopause",
    "maternity",
    "paternity",
    "parental leave",
    "childcare",
    "carers",
    "age",
    "religion",
    "sexual orientation",
    "gender identity",
    "transgender",
    "non-binary",
    "LGBTQ+",
    "anti-racism",
    "allyship",
    "unconscious bias",
    "bias",
    "stereotyping",
    "tokenism",
    "glass ceiling",
    "speaking up",
    "whistleblowing",
    "grievance",
    "disciplinary",
    "tribunal",
    "complaints",
    "accountability",
    "governance",
    "board diversity",
    "staff survey",
    "engagement",
    "morale",
    "culture",
    "psychological safety",
    "trust",
    "respect",
    "civility",
    "violence",
    "abuse",
    "patient safety",
    "training",
    "appraisal",
    "performance management",
    "succession planning",
    "talent management",
    "apprenticeships",
    "international recruitment",
    "language barriers",
    "cultural competence",
    "health inequalities",
};

std::string asciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string asciiUpper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Made-up words of two to four syllables, pronounceable and lower case.
std::string madeUpWord(Rng& rng) {
    static constexpr std::array<std::string_view, 28> kOnsets = {
        "b", "c", "d", "f", "g",  "h",  "j",  "k",  "l",  "m",  "n",  "p",  "r",  "s",
        "t", "v", "w", "z", "br", "cr", "dr", "st", "tr", "pl", "gr", "sh", "ch", ""};
    static constexpr std::array<std::string_view, 9> kVowels = {"a",  "e",  "i",  "o", "u",
                                                                "ai", "ea", "ou", "io"};
    static constexpr std::array<std::string_view, 10> kCodas = {"",  "n", "r",  "s",  "l",
                                                                "m", "t", "nd", "st", "rk"};
    std::string word;
    const size_t syllables = 2 + rng.below(3);
    for (size_t i = 0; i < syllables; ++i) {
        word += kOnsets[rng.below(kOnsets.size())];
        word += kVowels[rng.below(kVowels.size())];
        if (rng.chance(0.4)) word += kCodas[rng.below(kCodas.size())];
    }
    return word;
}

struct Vocabulary {
    std::vector<std::string> words; // by rank, most frequent first
    std::vector<bool> foreign;      // words[i] is one of kForeignWords
    std::set<std::string> lowered;  // every word and theme word, ASCII-lowered
};

Vocabulary makeVocabulary(Rng& rng) {
    Vocabulary vocabulary;
    for (std::string_view term : kThemeTerms) vocabulary.lowered.insert(asciiLower(term));
    auto add = [&](std::string word, bool foreign) {
        if (!vocabulary.lowered.insert(asciiLower(word)).second) return false;
        vocabulary.words.push_back(std::move(word));
        vocabulary.foreign.push_back(foreign);
        return true;
    };
    for (std::string_view word : kFunctionWords) add(std::string(word), false);
    for (std::string_view word : kDomainWords) add(std::string(word), false);
    size_t nextForeign = 0;
    while (vocabulary.words.size() < kVocabularySize) {
        // Foreign words at ranks 170, 267, 364, ... (up to about 3,000).
        if (nextForeign < kForeignWords.size() && vocabulary.words.size() == 170 + 97 * nextForeign) {
            add(std::string(kForeignWords[nextForeign++].text), true);
            continue;
        }
        add(madeUpWord(rng), false);
    }
    return vocabulary;
}

// [SECTION] Report text
// Paragraphs of sentences of 6 to 28 words, wrapped at 90 columns as
// pdftotext writes them, a form feed every 40 paragraphs. Sentences start
// with a capital; a few words are curly-quoted, take a curly apostrophe, sit
// in parentheses or before an em dash; some figures. Theme terms come in
// capitalised now and then, and in capitals more rarely.

std::string capitalised(std::string word) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
}

// Appends rather than `"(" + token`, which GCC 12 at -O3 flags with a false
// -Wrestrict (GCC bug 105329).
std::string enclosed(std::string_view open, std::string_view token, std::string_view close) {
    std::string out;
    out.reserve(open.size() + token.size() + close.size());
    out.append(open).append(token).append(close);
    return out;
}

std::string makeReport(size_t bytes, const Vocabulary& vocabulary) {
    Rng rng(20240611);
    const Zipf words(vocabulary.words.size(), 1.0, 2.7);
    const Zipf themes(kThemeTerms.size(), 0.9, 1.5);
    std::string text;
    text.reserve(bytes + 4096);
    size_t column = 0;
    auto emit = [&](std::string_view token) {
        if (column > 0 && column + 1 + token.size() > 90) {
            text.push_back('\n');
            column = 0;
        } else if (column > 0) {
            text.push_back(' ');
            ++column;
        }
        text.append(token);
        column += token.size(); // bytes, near enough for wrapping
    };
    size_t paragraphs = 0;
    std::string token;
    while (text.size() < bytes) {
        const size_t sentences = 2 + rng.below(6);
        for (size_t s = 0; s < sentences; ++s) {
            const size_t length = 6 + rng.below(23);
            for (size_t w = 0; w < length; ++w) {
                if (rng.chance(kThemeRate)) {
                    token = std::string(kThemeTerms[themes.draw(rng)]);
                    const double form = rng.unit();
                    if (form < 0.02)
                        token = asciiUpper(token);
                    else if (form < 0.12 || w == 0)
                        token = capitalised(token);
                } else if (rng.chance(0.01)) {
                    token = std::to_string(rng.below(100));
                    if (rng.chance(0.5)) {
                        token += '%';
                    } else {
                        token += '.';
                        token += static_cast<char>('0' + rng.below(10));
                    }
                } else {
                    token = vocabulary.words[words.draw(rng)];
                    if (w == 0) token = capitalised(token);
                }
                const size_t decoration = rng.below(1000);
                if (decoration < 8)
                    token = enclosed("“", token, "”");
                else if (decoration < 12)
                    token += "’s";
                else if (decoration < 14)
                    token = enclosed("(", token, ")");
                else if (decoration < 20)
                    token += " —";
                if (w + 1 == length)
                    token += rng.chance(0.05) ? "?" : ".";
                else if (rng.chance(0.05))
                    token += ",";
                emit(token);
            }
        }
        text += ++paragraphs % 40 == 0 ? "\n\f\n" : "\n\n";
        column = 0;
    }
    return text;
}

// [SECTION] Codebooks
// themes100: 100 themes, one literal each (kThemeTerms).
// literals5000: 50 themes of 100 literals, 5,000 in all and no two alike
// (ignoring ASCII case): 2,400 single words of the report's vocabulary (its
// 30 foreign words in their codebook spelling among them), 1,200 two-word and
// 400 three-word phrases of vocabulary words, the 100 theme terms, and 900
// made-up words the report never uses as words. Every literal is whole-word
// and case-insensitive.

struct BenchCodebook {
    std::string name;
    std::string json;
    std::vector<std::string> terms; // every literal, for rg's -f file
    size_t themes = 0;
};

std::string colorFor(size_t index) {
    static constexpr std::array<std::string_view, 10> kPalette = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                                                  "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                                                  "#bcbd22", "#17becf"};
    return std::string(kPalette[index % kPalette.size()]);
}

std::string slug(std::string_view term) {
    std::string out;
    for (char c : asciiLower(term)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out.push_back(c);
        else if (!out.empty() && out.back() != '-')
            out.push_back('-');
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

gloss::annotations::Pattern literal(std::string text) {
    gloss::annotations::Pattern pattern;
    pattern.kind = gloss::annotations::Pattern::Kind::Literal;
    pattern.text = std::move(text);
    pattern.caseSensitive = false;
    pattern.wholeWord = true;
    return pattern;
}

BenchCodebook finish(std::string name, const gloss::annotations::Codebook& codebook) {
    BenchCodebook out;
    out.name = std::move(name);
    out.json = gloss::annotations::codebookToJson(codebook).dump(1);
    (void)gloss::annotations::parseCodebook(out.json); // the format is right, or this throws
    for (const gloss::annotations::Tag& tag : codebook.tags)
        for (const gloss::annotations::Pattern& pattern : tag.patterns) out.terms.push_back(pattern.text);
    out.themes = codebook.tags.size();
    return out;
}

BenchCodebook makeThemes100() {
    gloss::annotations::Codebook codebook;
    for (size_t i = 0; i < kThemeTerms.size(); ++i) {
        gloss::annotations::Tag tag;
        tag.id = slug(kThemeTerms[i]);
        tag.label = capitalised(std::string(kThemeTerms[i]));
        tag.color = colorFor(i);
        tag.patterns.push_back(literal(std::string(kThemeTerms[i])));
        codebook.tags.push_back(std::move(tag));
    }
    return finish("themes100", codebook);
}

BenchCodebook makeLiterals5000(const Vocabulary& vocabulary) {
    Rng rng(5000);
    std::set<std::string> seen;
    std::vector<std::string> literals;
    auto add = [&](std::string text) {
        if (!seen.insert(asciiLower(text)).second) return false;
        literals.push_back(std::move(text));
        return true;
    };
    const auto& words = vocabulary.words;
    auto ranked = [&](size_t low, size_t high) -> const std::string& {
        return words[low + rng.below(high - low)];
    };

    for (const ForeignWord& word : kForeignWords) add(std::string(word.codebook));
    while (literals.size() < 2'400) {
        const size_t rank = 100 + rng.below(words.size() - 100);
        if (!vocabulary.foreign[rank]) add(words[rank]);
    }
    while (literals.size() < 3'600) add(ranked(60, 1'000) + " " + ranked(60, 4'000));
    while (literals.size() < 4'000)
        add(ranked(60, 500) + " " + std::string(kFunctionWords[rng.below(12)]) + " " + ranked(60, 2'000));
    for (std::string_view term : kThemeTerms) add(std::string(term));
    while (literals.size() < 5'000) {
        std::string word = madeUpWord(rng);
        if (!vocabulary.lowered.count(word)) add(std::move(word));
    }
    rng.shuffle(literals);

    gloss::annotations::Codebook codebook;
    for (size_t t = 0; t < 50; ++t) {
        gloss::annotations::Tag tag;
        char id[16];
        std::snprintf(id, sizeof id, "lexicon-%02zu", t + 1);
        tag.id = id;
        tag.label = "Lexicon " + std::to_string(t + 1);
        tag.color = colorFor(t);
        for (size_t i = 0; i < 100; ++i) tag.patterns.push_back(literal(literals[t * 100 + i]));
        codebook.tags.push_back(std::move(tag));
    }
    return finish("literals5000", codebook);
}

void writeFile(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// [SECTION] Measuring
// Wall time is the figure; CPU time (this thread's for Gloss, the child's
// user + system for rg) is printed beside it, as other processes on a busy
// machine inflate the first and hardly the second.

using gloss::bench::CpuClock;
using gloss::bench::Stopwatch;
using gloss::bench::Times;

struct GlossRun {
    Times times;
    size_t spans = 0;
    size_t dropped = 0;
    size_t themesWithSpans = 0;
};

// One highlight through the host, its spans counted per theme; the result is
// freed after the clock stops.
GlossRun highlight(core::PluginHost& host, const core::Document& document, const std::string& codebook) {
    GlossRun run;
    core::HighlightResult result;
    {
        const Stopwatch watch(CpuClock::Thread);
        result = host.highlight("themes", document, codebook);
        std::vector<size_t> perTheme(result.tags.size());
        for (const core::Span& span : result.spans) ++perTheme[span.tag];
        run.times = watch.elapsed();
        run.spans = result.spans.size();
        run.dropped = result.dropped;
        run.themesWithSpans = static_cast<size_t>(
            std::count_if(perTheme.begin(), perTheme.end(), [](size_t n) { return n > 0; }));
    }
    return run;
}

// [SECTION] ripgrep

struct RgRun {
    Times times;
    uint64_t matches = 0;
};

std::string findOnPath(const std::string& name) {
    if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "/usr/bin:/bin";
    while (!rest.empty()) {
        const size_t colon = rest.find(':');
        const std::string folder(rest.substr(0, colon));
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        const std::string candidate = (folder.empty() ? std::string(".") : folder) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return "";
}

// rg --count-matches -i -w -F -f TERMS REPORT, its output (one number) read
// from a pipe; wall time from spawn to reaped, CPU time from its rusage.
RgRun runRg(const std::string& rg, const fs::path& terms, const fs::path& report) {
    const std::string termsArg = terms.string(), reportArg = report.string();
    std::vector<const char*> argv = {
        rg.c_str(), "--no-config", "--no-filename",  "--count-matches", "-i",   "-w",
        "-F",       "-f",          termsArg.c_str(), reportArg.c_str(), nullptr};
    int pipeFds[2];
    if (::pipe(pipeFds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    ::posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    ::posix_spawn_file_actions_addclose(&actions, pipeFds[1]);

    RgRun run;
    const auto start = std::chrono::steady_clock::now();
    pid_t child = 0;
    const int spawned =
        ::posix_spawn(&child, rg.c_str(), &actions, nullptr, const_cast<char* const*>(argv.data()), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    if (spawned != 0) {
        ::close(pipeFds[0]);
        throw std::runtime_error("cannot run " + rg + ": " + std::strerror(spawned));
    }
    std::string output;
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(pipeFds[0], buffer, sizeof buffer);
        if (got > 0)
            output.append(buffer, static_cast<size_t>(got));
        else if (got == 0 || errno != EINTR)
            break;
    }
    ::close(pipeFds[0]);
    int status = 0;
    rusage usage{};
    while (::wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    run.times.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.times.cpu = gloss::bench::cpuSeconds(usage);
    // rg exits 1 when nothing matched (and prints nothing), 2 on an error.
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
        throw std::runtime_error(rg + " failed (status " + std::to_string(status) + ")");
    run.matches = std::strtoull(output.c_str(), nullptr, 10);
    return run;
}

// [SECTION] Main

struct Result {
    Times cold, warm, compile, rg, rgSetup;
    int rgRuns = 0;
    size_t spans = 0, dropped = 0, themesWithSpans = 0;
    uint64_t rgMatches = 0;
    bool consistent = true;
};

// What both sides search: the report (and a one-line file, for the fixed
// costs: Gloss's compile, rg's start-up and pattern build), loaded for Gloss
// and as files for rg.
struct Inputs {
    const core::Document& report;
    const core::Document& tiny;
    fs::path reportPath;
    fs::path tinyPath;
};

Result measure(const Options& options, core::PluginHost& host, const Inputs& inputs,
               const BenchCodebook& codebook, const fs::path& terms, const std::string& rg, size_t& variant) {
    Result result;
    bool first = true;
    auto check = [&](const GlossRun& run) {
        if (first) {
            result.spans = run.spans;
            result.themesWithSpans = run.themesWithSpans;
            first = false;
        }
        result.consistent = result.consistent && run.spans == result.spans;
        result.dropped = std::max(result.dropped, run.dropped);
    };
    // Each repeat: a codebook text the plugin has not seen (cold), the same
    // text again (warm), rg, then the fixed costs on the one-line document.
    for (int r = 0; r < options.repeats; ++r) {
        const std::string fresh = codebook.json + std::string(++variant, ' ');
        const GlossRun cold = highlight(host, inputs.report, fresh);
        result.cold.keepBest(cold.times);
        check(cold);
        const GlossRun warm = highlight(host, inputs.report, fresh);
        result.warm.keepBest(warm.times);
        check(warm);

        if (result.rgRuns == 0 || result.rg.wall < options.rgRepeatSeconds) {
            const RgRun rgRun = runRg(rg, terms, inputs.reportPath);
            if (result.rgRuns > 0 && rgRun.matches != result.rgMatches) result.consistent = false;
            result.rg.keepBest(rgRun.times);
            result.rgMatches = rgRun.matches;
            ++result.rgRuns;
        }

        const GlossRun compile = highlight(host, inputs.tiny, codebook.json + std::string(++variant, ' '));
        result.compile.keepBest(compile.times);
        result.rgSetup.keepBest(runRg(rg, terms, inputs.tinyPath).times);
    }
    return result;
}

void printResult(const Options& options, const BenchCodebook& codebook, const Result& result,
                 double megabytes) {
    auto row = [&](const char* what, const Times& times, bool throughput) {
        std::printf("  %-44s %10.1f %10.1f", what, times.wall * 1e3, times.cpu * 1e3);
        if (throughput) std::printf(" %10.0f", megabytes / times.wall);
        std::printf("\n");
    };
    std::printf("\n%s: %zu themes, %zu whole-word caseless literals\n", codebook.name.c_str(),
                codebook.themes, codebook.terms.size());
    std::printf("  %-44s %10s %10s %10s\n", "", "wall ms", "cpu ms", "MB/s");
    row("gloss warm: highlight via host (scan only)", result.warm, true);
    row("gloss cold: highlight via host (compile+scan)", result.cold, true);
    row("gloss compile alone (cold, one-line document)", result.compile, false);
    row("rg --count-matches -i -w -F -f", result.rg, true);
    if (result.rgRuns < options.repeats)
        std::printf("  %-44s (%d run: the first took over %.0f s)\n", "", result.rgRuns,
                    options.rgRepeatSeconds);
    row("rg start-up + pattern build (one-line file)", result.rgSetup, false);
    std::printf("  %-44s %10zu  (themes with spans: %zu of %zu; dropped: %zu)\n", "gloss spans emitted",
                result.spans, result.themesWithSpans, codebook.themes, result.dropped);
    std::printf("  %-44s %10llu\n", "rg matches counted", static_cast<unsigned long long>(result.rgMatches));
    std::printf("  %-44s %10.3f x  (cpu %.3f x)  target <= 0.2x  %s\n", "ratio gloss warm / rg",
                result.warm.wall / result.rg.wall, result.warm.cpu / result.rg.cpu,
                result.warm.wall / result.rg.wall <= 0.2 ? "met" : "MISSED");
    std::printf("  %-44s %10.3f x\n", "ratio gloss cold / rg", result.cold.wall / result.rg.wall);
    std::fflush(stdout);
}

int run(const Options& options) {
    const std::string rg = findOnPath(options.rg);
    if (rg.empty()) {
        std::fprintf(stderr, "gloss_bench_themes: %s not found; install ripgrep (Debian package ripgrep)\n",
                     options.rg.c_str());
        return 2;
    }

    std::string folderPattern = (fs::temp_directory_path() / "gloss-bench-themes-XXXXXX").string();
    if (!::mkdtemp(folderPattern.data())) throw std::runtime_error("cannot create a temporary folder");
    const fs::path folder = folderPattern;
    struct Cleanup {
        fs::path folder;
        bool keep;
        ~Cleanup() {
            std::error_code ignored;
            if (!keep) fs::remove_all(folder, ignored);
        }
    } cleanup{folder, options.keep};

    Rng rng(1311);
    const Vocabulary vocabulary = makeVocabulary(rng);
    const fs::path reportPath = folder / "report.txt";
    const Stopwatch generation(CpuClock::Thread);
    writeFile(reportPath, makeReport(options.reportBytes, vocabulary));
    const std::vector<BenchCodebook> codebooks = {makeThemes100(), makeLiterals5000(vocabulary)};
    std::vector<fs::path> termFiles;
    for (const BenchCodebook& codebook : codebooks) {
        std::string lines;
        for (const std::string& term : codebook.terms) lines += term + "\n";
        termFiles.push_back(folder / (codebook.name + ".terms"));
        writeFile(termFiles.back(), lines);
        writeFile(folder / (codebook.name + ".codebook.json"), codebook.json);
    }
    const double generated = generation.elapsed().wall;

    const Stopwatch loading(CpuClock::Thread);
    const core::Document report = core::Document::load(reportPath);
    const double loaded = loading.elapsed().wall;
    const fs::path tinyPath = folder / "tiny.txt";
    writeFile(tinyPath, "One line.\n");
    const core::Document tiny = core::Document::load(tinyPath);
    const std::string_view text = report.utf8();
    const double megabytes = static_cast<double>(text.size()) / 1e6;

    core::PluginHost host;
    host.loadFolders({options.pluginDir});
    const auto highlighters = host.highlighters();
    if (std::find(highlighters.begin(), highlighters.end(), "themes") == highlighters.end()) {
        std::fprintf(stderr, "gloss_bench_themes: no themes plugin in %s\n", options.pluginDir.c_str());
        for (const core::PluginRefusal& refusal : host.refusals())
            std::fprintf(stderr, "  refused %s: %s\n", refusal.path.c_str(), refusal.reason.c_str());
        return 1;
    }

    std::printf("themes benchmark: best of %d, wall clock (cpu beside it)\n", options.repeats);
    std::printf("  report   %s: %.1f MB, %zu lines, %llu code points, %zu pages (generated in %.1f s, loaded "
                "in %.2f s)\n",
                options.keep ? reportPath.c_str() : "report.txt", megabytes, report.lineCount(),
                static_cast<unsigned long long>(report.codepointCount()), report.pageCount(), generated,
                loaded);
    std::printf("  plugin   themes from %s\n", options.pluginDir.c_str());
    std::printf("  peer     %s --no-config --no-filename --count-matches -i -w -F -f TERMS report.txt\n",
                rg.c_str());
    if (options.keep) std::printf("  files    kept in %s\n", folder.c_str());
    std::fflush(stdout);

    const Inputs inputs{report, tiny, reportPath, tinyPath};
    size_t variant = 0;
    bool ok = true;
    for (size_t i = 0; i < codebooks.size(); ++i) {
        const Result result = measure(options, host, inputs, codebooks[i], termFiles[i], rg, variant);
        printResult(options, codebooks[i], result, megabytes);
        ok = ok && result.consistent && result.dropped == 0;
        if (!result.consistent) std::printf("  REPEATS DISAGREE on the number of spans or matches\n");
    }
    std::printf(
        "\nspans and rg matches differ by design: Gloss keeps overlapping matches of different themes "
        "(\"gender pay gap\" is also \"pay gap\" and \"pay\") and merges only within a theme, "
        "leftmost-longest; rg counts non-overlapping matches, leftmost-first across all terms.\n");
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parseOptions(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss_bench_themes: %s\n", e.what());
        return 1;
    }
}
