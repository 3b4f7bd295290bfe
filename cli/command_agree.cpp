// gloss-cli agree A B: how well two coders' annotation files of one report
// agree, per tag and overall (docs/agreement.md has the formulas).

#include "commands.hpp"
#include "gloss/annotations/agreement.hpp"
#include "gloss/core/files.hpp"

#include <cstdio>
#include <tuple>

namespace gloss::cli {

namespace {

using Json = nlohmann::ordered_json;
using annotations::AgreementSummary;
using annotations::AnnotationFile;

struct Coder {
    std::string path;
    AnnotationFile file;
    annotations::Codebook codebook;
};

Coder loadCoder(const std::string& path) {
    Coder coder{path, loadCleanAnnotationFile(path), {}};
    if (coder.file.codebook) coder.codebook = *coder.file.codebook;
    return coder;
}

// Both files must describe the same report, and --report must be that report:
// offsets into different texts cannot be compared.
uint64_t continuumLength(const Arguments& arguments, const Coder& a, const Coder& b) {
    if (b.file.report.sha256 != a.file.report.sha256)
        throw core::InputError(b.path + ": report.sha256: " + b.file.report.sha256 + " is not " + a.path +
                               "'s " + a.file.report.sha256 + "; the files annotate different reports");
    if (b.file.report.codepoints != a.file.report.codepoints)
        throw core::InputError(b.path + ": report.codepoints: " + std::to_string(b.file.report.codepoints) +
                               " is not " + a.path + "'s " + std::to_string(a.file.report.codepoints));
    const auto reportPath = arguments.value("--report");
    if (!reportPath) return a.file.report.codepoints;

    const auto encoding = encodingOption(arguments).value_or(
        core::encodingFromName(a.file.report.encoding).value_or(core::Encoding::Utf8));
    const core::Document report = core::loadReport(*reportPath, encoding);
    if (report.sha256() != a.file.report.sha256)
        throw core::InputError(*reportPath + ": sha256 " + report.sha256() +
                               " does not match report.sha256 " + a.file.report.sha256 + " of " + a.path +
                               " and " + b.path + "; they annotate another version of the report");
    if (report.codepointCount() != a.file.report.codepoints)
        throw core::InputError(a.path + ": report.codepoints: " + std::to_string(a.file.report.codepoints) +
                               ", but " + *reportPath + " has " + std::to_string(report.codepointCount()) +
                               " code points");
    return report.codepointCount();
}

// Every tag of either codebook, so that a tag nobody used is listed too.
std::vector<std::string> codebookTags(const Coder& a, const Coder& b) {
    std::vector<std::string> ids;
    for (const auto* coder : {&a, &b})
        for (const auto& tag : coder->codebook.tags) ids.push_back(tag.id);
    return ids;
}

const annotations::Tag* findTag(const Coder& a, const Coder& b, const std::string& id) {
    const annotations::Tag* tag = a.codebook.find(id);
    return tag ? tag : b.codebook.find(id);
}

Json optionalNumber(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json tableJson(const annotations::CharacterTable& table) {
    return Json{
        {"both", table.both}, {"only_a", table.onlyA}, {"only_b", table.onlyB}, {"neither", table.neither}};
}

Json nominalJson(const annotations::NominalAlpha& nominal) {
    return Json{{"value", optionalNumber(nominal.alpha)},
                {"pairable_values", nominal.pairable},
                {"observed_disagreement", nominal.observed},
                {"expected_disagreement", nominal.expected}};
}

// Why a tag's coefficients are undefined, or null when they are all defined.
Json undefinedBecause(const annotations::TagAgreement& row) {
    if (row.annotationsA + row.annotationsB == 0) return "used by neither coder";
    if (!row.kappa) return "no variation: both coders gave every code point the same value";
    return nullptr;
}

Json coderJson(const Coder& coder, uint64_t orphaned) {
    return Json{{"file", coder.path},
                {"annotations", coder.file.annotations.size()},
                {"orphaned_left_out", orphaned}};
}

Json summaryJson(const Coder& a, const Coder& b, const std::optional<std::string>& reportPath,
                 const AgreementSummary& summary) {
    Json json;
    json["a"] = coderJson(a, summary.orphanedA);
    json["b"] = coderJson(b, summary.orphanedB);
    json["report"] = Json{{"name", a.file.report.name},
                          {"sha256", a.file.report.sha256},
                          {"codepoints", summary.length},
                          {"checked_against", reportPath ? Json(*reportPath) : Json(nullptr)}};
    json["tags"] = Json::array();
    for (const auto& row : summary.tags) {
        const annotations::Tag* tag = findTag(a, b, row.tag);
        json["tags"].push_back(
            Json{{"id", row.tag},
                 {"label", tag ? Json(tag->label) : Json(nullptr)},
                 {"annotations", Json{{"a", row.annotationsA}, {"b", row.annotationsB}}},
                 {"characters", tableJson(row.characters)},
                 {"cohen_kappa", optionalNumber(row.kappa)},
                 {"alpha_nominal", nominalJson(row.nominal)},
                 {"alpha_unitizing", Json{{"value", optionalNumber(row.unitizing.alpha)},
                                          {"units_a", row.unitizing.unitsA},
                                          {"units_b", row.unitizing.unitsB},
                                          {"observed_disagreement", row.unitizing.observed},
                                          {"expected_disagreement", row.unitizing.expected}}},
                 {"undefined_because", undefinedBecause(row)}});
    }
    json["overall"] = Json{{"characters", tableJson(summary.pooled)},
                           {"cohen_kappa", Json{{"pooled", optionalNumber(summary.pooledKappa)},
                                                {"mean", optionalNumber(summary.meanKappa)},
                                                {"tags_in_mean", summary.tagsWithKappa}}},
                           {"alpha_nominal", Json{{"pooled", nominalJson(summary.pooledNominal)},
                                                  {"mean", optionalNumber(summary.meanNominalAlpha)},
                                                  {"tags_in_mean", summary.tagsWithNominalAlpha}}},
                           {"alpha_unitizing", Json{{"value", optionalNumber(summary.unitizingAlpha)},
                                                    {"observed_disagreement", summary.unitizingObserved},
                                                    {"expected_disagreement", summary.unitizingExpected},
                                                    {"tags", summary.tagsWithUnitizingAlpha}}}};
    return json;
}

std::string shown(const std::optional<double>& value) {
    if (!value) return "undef";
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", *value);
    return text;
}

void printTable(const Coder& a, const Coder& b, const AgreementSummary& summary) {
    std::printf("Agreement on %s (%llu code points)\n", a.file.report.name.c_str(),
                static_cast<unsigned long long>(summary.length));
    for (const auto& [name, coder, orphaned] :
         {std::tuple{"A", &a, summary.orphanedA}, std::tuple{"B", &b, summary.orphanedB}}) {
        std::printf("  %s: %s, %zu annotations", name, coder->path.c_str(), coder->file.annotations.size());
        if (orphaned) std::printf(" (%llu orphaned, left out)", static_cast<unsigned long long>(orphaned));
        std::printf("\n");
    }
    std::printf("\n%10s %10s %10s %10s %7s %7s %7s  %s\n", "both", "only A", "only B", "neither", "kappa",
                "alpha", "alpha_U", "tag");
    const auto row = [](const annotations::CharacterTable& t, const std::optional<double>& kappa,
                        const std::optional<double>& alpha, const std::optional<double>& alphaU,
                        const std::string& name) {
        std::printf("%10llu %10llu %10llu %10llu %7s %7s %7s  %s\n", static_cast<unsigned long long>(t.both),
                    static_cast<unsigned long long>(t.onlyA), static_cast<unsigned long long>(t.onlyB),
                    static_cast<unsigned long long>(t.neither), shown(kappa).c_str(), shown(alpha).c_str(),
                    shown(alphaU).c_str(), name.c_str());
    };
    for (const auto& tagRow : summary.tags) {
        const annotations::Tag* tag = findTag(a, b, tagRow.tag);
        const Json why = undefinedBecause(tagRow);
        row(tagRow.characters, tagRow.kappa, tagRow.nominal.alpha, tagRow.unitizing.alpha,
            tagRow.tag + (tag && !tag->label.empty() ? " (" + tag->label + ")" : "") +
                (why.is_null() ? "" : " [" + why.get<std::string>() + "]"));
    }
    if (summary.tags.empty()) std::printf("  (no tags)\n");
    row(summary.pooled, summary.pooledKappa, summary.pooledNominal.alpha, summary.unitizingAlpha, "overall");
    std::printf("\noverall kappa and alpha: one table pooled over every (tag, code point)\n"
                "mean over tags with a value: kappa %s (%zu tags), alpha %s (%zu tags)\n"
                "overall alpha_U: 1 - sum D_o / sum D_e over the %zu tags used (D_o %.6g, D_e %.6g)\n"
                "undef: not defined for these data (a tag used by neither coder, or no variation)\n",
                shown(summary.meanKappa).c_str(), summary.tagsWithKappa,
                shown(summary.meanNominalAlpha).c_str(), summary.tagsWithNominalAlpha,
                summary.tagsWithUnitizingAlpha, summary.unitizingObserved, summary.unitizingExpected);
}

} // namespace

int runAgree(std::span<char* const> words) {
    const Arguments arguments("agree", words, {{"--report", true}, kEncodingOption, {"--json", false}});
    const auto& files = arguments.positionals();
    if (files.size() < 2) arguments.fail("two annotation files A and B are required");
    if (files.size() > 2) arguments.fail("unexpected argument '" + files[2] + "'");

    const Coder a = loadCoder(files[0]);
    const Coder b = loadCoder(files[1]);
    const uint64_t length = continuumLength(arguments, a, b);
    const AgreementSummary summary =
        annotations::compareCoders(a.file.annotations, b.file.annotations, length, codebookTags(a, b));

    if (arguments.has("--json")) {
        std::printf("%s\n", summaryJson(a, b, arguments.value("--report"), summary).dump(2).c_str());
        return 0;
    }
    printTable(a, b, summary);
    return 0;
}

} // namespace gloss::cli
