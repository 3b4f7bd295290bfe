// The editor benchmark's generated report, codebook and annotations.

#include "bench_inputs.hpp"

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/core/files.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace gloss::bench {

namespace {

struct ThemeSpec {
    std::string_view id;
    std::string_view label;
    std::string_view parent;
    std::vector<std::string_view> literals;
    // A regex pattern and the words of the report it matches.
    std::string_view regex;
    std::vector<std::string_view> regexForms;
    bool caseSensitive = false;
};

const std::vector<ThemeSpec>& themeSpecs() {
    static const std::vector<ThemeSpec> specs = {
        {"discrimination", "Discrimination", "", {"discrimination", "racism", "bullying"}, "", {}},
        {"equality", "Equality and equity", "", {"equality", "equity"}, "", {}},
        {"diversity", "Diversity", "", {"diversity"}, "", {}},
        {"inclusion", "Inclusion and belonging", "", {"inclusion", "belonging"}, "", {}},
        {"leadership", "Leadership", "", {"leadership", "leaders"}, "", {}},
        {"representation",
         "Representation",
         "",
         {},
         "represent(ation|ed|ative)",
         {"representation", "represented", "representative"}},
        {"pay-and-promotion", "Pay and promotion", "", {"pay gap", "promotion"}, "", {}},
        {"training", "Training and mentoring", "", {"training", "mentoring"}, "", {}},
        {"wellbeing", "Wellbeing", "", {"wellbeing", "burnout"}, "", {}},
        {"workload", "Workload", "", {"workload", "overtime"}, "", {}},
        {"recruitment", "Recruitment and retention", "", {"recruitment", "retention"}, "", {}},
        {"culture", "Culture and behaviours", "", {"culture", "behaviours"}, "", {}},
        {"accountability", "Accountability", "", {"accountability", "responsibility"}, "", {}},
        {"expectations", "Expectations", "", {"expectations"}, "", {}},
        {"inequalities", "Inequalities", "", {"inequalities", "disadvantaged"}, "", {}},
        {"ethnic-minority", "Ethnic minority staff", "", {"ethnic minority"}, "", {}},
        {"bame", "BAME (as written)", "ethnic-minority", {"BAME"}, "", {}, true},
        {"senior-roles", "Senior roles", "representation", {"senior managers", "board members"}, "", {}},
        {"patient-safety", "Patient safety", "", {"patient safety"}, "", {}},
        {"speaking-up", "Speaking up", "", {"speaking up", "whistleblowing"}, "", {}},
    };
    return specs;
}

// Every word or phrase of the report that a theme matches.
std::vector<std::string_view> themeTerms() {
    std::vector<std::string_view> terms;
    for (const ThemeSpec& spec : themeSpecs()) {
        terms.insert(terms.end(), spec.literals.begin(), spec.literals.end());
        terms.insert(terms.end(), spec.regexForms.begin(), spec.regexForms.end());
    }
    return terms;
}

// The prose, most frequent first; none of it is a theme term.
constexpr auto kWords = std::to_array<std::string_view>({
    "the",          "of",
    "and",          "to",
    "in",           "a",
    "that",         "is",
    "for",          "it",
    "as",           "with",
    "was",          "on",
    "be",           "by",
    "this",         "are",
    "at",           "from",
    "or",           "have",
    "an",           "they",
    "which",        "not",
    "their",        "has",
    "were",         "all",
    "would",        "been",
    "more",         "its",
    "also",         "there",
    "who",          "but",
    "should",       "these",
    "other",        "into",
    "some",         "than",
    "most",         "each",
    "across",       "between",
    "within",       "staff",
    "trust",        "report",
    "review",       "service",
    "services",     "team",
    "teams",        "board",
    "hospital",     "ward",
    "nurses",       "doctors",
    "patients",     "managers",
    "people",       "colleagues",
    "community",    "network",
    "programme",    "survey",
    "year",         "data",
    "evidence",     "findings",
    "results",      "change",
    "process",      "policy",
    "plan",         "region",
    "standards",    "care",
    "health",       "work",
    "time",         "role",
    "roles",        "groups",
    "part",         "way",
    "level",        "said",
    "found",        "reported",
    "described",    "showed",
    "agreed",       "noted",
    "improved",     "reviewed",
    "supported",    "needs",
    "makes",        "takes",
    "remains",      "continues",
    "suggests",     "welcomed",
    "proposed",     "embedded",
    "tackle",       "adopt",
    "clear",        "local",
    "national",     "recent",
    "annual",       "several",
    "higher",       "lower",
    "wider",        "early",
    "formal",       "practical",
    "new",          "current",
    "overall",      "significant",
    "independent",  "clinical",
    "operational",  "personal",
    "fair",         "everyday",
    "fundamental",  "critical",
    "broader",      "mandatory",
    "specialist",   "major",
    "professional", "collaborative",
    "regional",     "consistent",
    "effective",    "open",
    "shared",       "Zoë",
    "Siobhán",      "José",
    "Łukasz",       "Ngozi",
    "Ayşe",         "Renée",
    "Søren",        "Zürich",
    "Málaga",
});

// A rank with weights falling like prose word frequencies: u^3 favours the front.
std::string_view drawWord(Rng& rng) {
    const double u = rng.unit();
    return kWords[static_cast<size_t>(u * u * u * static_cast<double>(kWords.size()))];
}

void appendCapitalised(std::string& out, std::string_view word) {
    const size_t at = out.size();
    out += word;
    if (out[at] >= 'a' && out[at] <= 'z') out[at] = static_cast<char>(out[at] - 'a' + 'A');
}

} // namespace

annotations::Codebook makeBenchCodebook() {
    static constexpr std::array<std::string_view, 10> kPalette = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e",
                                                                  "#9467bd", "#8c564b", "#e377c2", "#17becf",
                                                                  "#bcbd22", "#7f7f7f"};
    annotations::Codebook codebook;
    size_t index = 0;
    for (const ThemeSpec& spec : themeSpecs()) {
        annotations::Tag tag;
        tag.id = spec.id;
        tag.label = spec.label;
        tag.parent = spec.parent;
        tag.color = kPalette[index % kPalette.size()];
        if (index < 9) tag.key = std::to_string(index + 1);
        const auto add = [&](annotations::Pattern::Kind kind, std::string_view text) {
            annotations::Pattern pattern;
            pattern.kind = kind;
            pattern.text = text;
            pattern.caseSensitive = spec.caseSensitive;
            pattern.wholeWord = true;
            tag.patterns.push_back(std::move(pattern));
        };
        for (std::string_view literal : spec.literals) add(annotations::Pattern::Kind::Literal, literal);
        if (!spec.regex.empty()) add(annotations::Pattern::Kind::Regex, spec.regex);
        codebook.tags.push_back(std::move(tag));
        ++index;
    }
    return codebook;
}

std::string makeBenchReport(size_t bytes, size_t bytesPerTerm, Rng& rng) {
    const std::vector<std::string_view> terms = themeTerms();
    for (std::string_view word : kWords)
        for (std::string_view term : terms)
            if (term == word) throw std::logic_error("prose word is a theme term: " + std::string(word));

    std::string out;
    out.reserve(bytes + 4096);
    size_t written = 0; // theme terms so far
    size_t section = 0;
    size_t untilHeading = 0;
    while (out.size() < bytes) {
        if (untilHeading-- == 0) {
            out += "Section " + std::to_string(++section) + ": ";
            appendCapitalised(out, drawWord(rng));
            out += " and ";
            out += drawWord(rng);
            out += "\n\n";
            untilHeading = rng.between(5, 14);
        }
        const size_t sentences = rng.between(3, 7);
        for (size_t s = 0; s < sentences; ++s) {
            if (s > 0) out += ' ';
            const bool quoted = rng.chance(0.06);
            if (quoted) out += "“";
            const size_t words = rng.between(8, 24);
            for (size_t w = 0; w < words; ++w) {
                if (w > 0) out += rng.chance(0.01) ? " — " : " ";
                // Terms are paced by bytes, with jitter, so spans are spread evenly.
                const bool term = written * bytesPerTerm < out.size() && rng.chance(0.5);
                const std::string_view word = term ? terms[rng.below(terms.size())] : drawWord(rng);
                written += term;
                if (w == 0)
                    appendCapitalised(out, word);
                else if (rng.chance(0.01))
                    out += std::to_string(rng.below(100)) + "% " + std::string(word);
                else
                    out += word;
                if (w + 1 < words && rng.chance(0.06)) out += ',';
            }
            out += rng.chance(0.04) ? "?" : ".";
            if (quoted) out += "”";
        }
        out += "\n\n";
    }
    return out;
}

void writeBenchAnnotations(const std::filesystem::path& path, const core::Document& report,
                           const annotations::Codebook& codebook, size_t count, Rng& rng) {
    static constexpr std::array<std::string_view, 4> kCoders = {"Aoife Ní Bhriain", "Tomasz Wójcik",
                                                                "Priya Raman", "Léa Moreau"};
    annotations::AnnotationFile file;
    file.report = core::describeReport(report);
    file.codebook = codebook;
    file.annotations.reserve(count);
    const uint64_t codepoints = report.codepointCount();
    for (size_t i = 0; i < count; ++i) {
        annotations::Annotation a;
        char id[32];
        std::snprintf(id, sizeof id, "bench-%07zu", i);
        a.id = id;
        const uint64_t length = std::min<uint64_t>(rng.between(5, 300), codepoints);
        const uint64_t start = rng.below(codepoints - length + 1);
        annotations::setSelectors(a, report, start, start + length);
        const size_t tags = rng.chance(0.7) ? 1 : rng.between(2, 3);
        while (a.tags.size() < tags) {
            const std::string& tag = codebook.tags[rng.below(codebook.tags.size())].id;
            if (std::find(a.tags.begin(), a.tags.end(), tag) == a.tags.end()) a.tags.push_back(tag);
        }
        a.author = kCoders[rng.below(kCoders.size())];
        a.created = a.modified = "2026-01-15T09:30:00Z";
        file.annotations.push_back(std::move(a));
    }
    core::saveAnnotationFile(path, file);
}

} // namespace gloss::bench
