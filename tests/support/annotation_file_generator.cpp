#include "annotation_file_generator.hpp"

#include "gloss/annotations/utf8.hpp"

#include <array>
#include <string_view>

namespace gloss::test {

namespace {

// Pieces of text each writer and reader must treat with care: JSON's
// escapes, control characters, DEL, two-, three- and four-byte UTF-8 (astral
// letters and emoji), the line separator JavaScript once refused, NUL.
const std::array<std::string, 24> kPieces = {"a",
                                             "plain words ",
                                             "\"",
                                             "\\",
                                             "\n",
                                             "\t",
                                             "\r",
                                             "\b",
                                             "\f",
                                             "\x01",
                                             "\x1f",
                                             "\x7f",
                                             "/",
                                             "é",
                                             "ß",
                                             "北京",
                                             "😀",
                                             "𝄞",
                                             "\xE2\x80\xA8",
                                             "Zürich ",
                                             "\\u0041",
                                             std::string(1, '\0'),
                                             "</",
                                             "{}[],:"};

const std::array<std::string_view, 4> kTimes = {"", "2026-01-02T03:04:05Z", "2026-01-02T03:04:06.5+01:00",
                                                "1999-12-31t23:59:60z"};

} // namespace

std::string AnnotationFileGenerator::awkwardText(size_t maxPieces) {
    std::string text;
    for (size_t n = below(maxPieces + 1); n > 0; --n) text += kPieces[below(kPieces.size())];
    return text;
}

AnnotationFileGenerator::Json AnnotationFileGenerator::awkwardValue(int depth) {
    switch (below(depth > 0 ? 12 : 10)) {
    case 0:
        return nullptr;
    case 1:
        return chance(50);
    case 2:
        return static_cast<int64_t>(rng_()) >> below(64);
    case 3:
        return rng_(); // past INT64_MAX half the time
    case 4: {
        // Floats nlohmann prints in each of its forms: shortest round trip,
        // exponents, a forced ".0", negative zero, the smallest subnormal.
        static constexpr std::array<double, 9> kFloats = {
            0.1, -0.0, 1e300, 3.141592653589793, 1.0, 5e-324, 1e-7, 123456789.125, -2.5e21};
        return kFloats[below(kFloats.size())];
    }
    case 5:
        return static_cast<double>(rng_()) / 7.0;
    case 10: {
        Json array = Json::array();
        for (size_t n = below(4); n > 0; --n) array.push_back(awkwardValue(depth - 1));
        return array;
    }
    case 11: {
        Json object = Json::object();
        for (size_t n = below(4); n > 0; --n) object[awkwardText(3)] = awkwardValue(depth - 1);
        return object;
    }
    default:
        return awkwardText(6);
    }
}

annotations::Annotation AnnotationFileGenerator::annotation(size_t index,
                                                            const std::vector<std::string>& tagIds,
                                                            uint64_t codepoints) {
    annotations::Annotation a;
    a.id = (chance(20) ? awkwardText(3) : std::string()) + "id-" + std::to_string(index);
    do a.quote = awkwardText(8);
    while (a.quote.empty());
    const uint64_t length = annotations::utf8::countCodepoints(a.quote);
    a.status = static_cast<annotations::AnchorStatus>(below(3));
    // An orphan may keep a range past the end of the report.
    const uint64_t room =
        a.status == annotations::AnchorStatus::Orphaned && chance(30) ? 2 * codepoints : codepoints;
    a.start = below(room - length);
    a.end = a.start + length;
    if (chance(70)) a.prefix = awkwardText(5);
    if (chance(70)) a.suffix = awkwardText(5);
    for (size_t n = below(tagIds.size() < 3 ? tagIds.size() + 1 : 4); n > 0; --n) {
        const std::string& tag = tagIds[below(tagIds.size())];
        if (std::find(a.tags.begin(), a.tags.end(), tag) == a.tags.end()) a.tags.push_back(tag);
    }
    if (chance(40)) a.note = awkwardText(20);
    if (chance(40)) a.author = awkwardText(4);
    a.created = kTimes[below(kTimes.size())];
    a.modified = kTimes[below(kTimes.size())];
    a.origin = chance(50) ? "manual" : "plugin:" + awkwardText(2) + "x";
    if (chance(5)) {
        Json ours = Json::object();
        ours["id"] = a.id;
        ours["note"] = awkwardText(4);
        a.conflict =
            Json{{"base", nullptr}, {"ours", ours}, {"theirs", awkwardValue(0).is_null() ? Json() : ours}};
    }
    if (chance(15))
        for (size_t n = 1 + below(3); n > 0; --n) a.extra["x-" + awkwardText(2)] = awkwardValue(3);
    return a;
}

annotations::AnnotationFile AnnotationFileGenerator::file(size_t records, size_t rejected) {
    annotations::AnnotationFile file;
    file.report.name = "report " + awkwardText(2) + ".txt";
    file.report.sha256 = std::string(64, "0123456789abcdef"[below(16)]);
    file.report.codepoints = 1000 + below(1'000'000);
    if (chance(30)) file.report.extractor = annotations::TextExtractor{"pdf " + awkwardText(2), "1.0"};
    if (chance(20)) file.report.extra["x-" + awkwardText(2)] = awkwardValue(2);

    std::vector<std::string> tagIds;
    for (size_t n = 1 + below(6); n > 0; --n)
        tagIds.push_back("tag " + std::to_string(tagIds.size()) + awkwardText(2));
    if (!chance(20)) { // else the file has no codebook and any tag id goes
        annotations::Codebook codebook;
        for (const std::string& id : tagIds) {
            annotations::Tag tag;
            tag.id = id;
            tag.label = awkwardText(3);
            if (tag.label.empty()) tag.label = id; // as the reader reads a missing label
            tag.color = "#336699";
            codebook.tags.push_back(std::move(tag));
        }
        file.codebook = std::move(codebook);
    }
    for (size_t i = 0; i < records; ++i)
        file.annotations.push_back(annotation(i, tagIds, file.report.codepoints));
    for (size_t i = 0; i < rejected; ++i) {
        Json record = Json::object();
        record["id"] = chance(50) ? Json(awkwardText(3)) : awkwardValue(2);
        record["start"] = awkwardValue(1);
        record[awkwardText(2)] = awkwardValue(3);
        file.rejected.push_back(record);
    }
    // A top-level key with a \u escape makes the fast reader give up; Gloss
    // writes none, so these keys escape only with two-character escapes.
    if (chance(20)) file.extra["x-\"\\\n é😀" + std::to_string(below(100))] = awkwardValue(3);
    return file;
}

std::string AnnotationFileGenerator::mutate(const std::string& text) {
    // Where the string and number tokens are, outside strings.
    std::vector<std::pair<size_t, size_t>> strings, numbers;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') {
            const size_t start = i;
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            strings.emplace_back(start, i + 1 - start);
        } else if (text[i] == '-' || (text[i] >= '0' && text[i] <= '9')) {
            const size_t start = i;
            while (i + 1 < text.size() &&
                   std::string_view("0123456789.eE+-").find(text[i + 1]) != std::string_view::npos)
                ++i;
            numbers.emplace_back(start, i + 1 - start);
        }
    }
    static const std::array<std::string_view, 30> kStrings = {R"("")",
                                                              R"("zz")",
                                                              R"("tag 0")",
                                                              R"("id")",
                                                              R"("start")",
                                                              R"("end")",
                                                              R"("quote")",
                                                              R"("tags")",
                                                              R"("status")",
                                                              R"("origin")",
                                                              R"("prefix")",
                                                              R"("created")",
                                                              R"("conflict")",
                                                              R"("codebook")",
                                                              R"("report")",
                                                              R"("orphaned")",
                                                              R"("moved")",
                                                              R"("anchored")",
                                                              R"("manual")",
                                                              R"("plugin:")",
                                                              R"("plugin:x")",
                                                              R"("2026-13-01T00:00:00Z")",
                                                              R"("x\u0041")",
                                                              R"("\ud83d\ude00")",
                                                              R"("id-0")",
                                                              R"("id-1")",
                                                              R"("a\/b")",
                                                              R"("\u0000")",
                                                              R"("annotations")",
                                                              R"("codepoints")"};
    static const std::array<std::string_view, 12> kNumbers = {
        "0", "-1", "1.5", "1e2",  "18446744073709551615", "99999999999999999999", "007", "1",
        "2", "3",  "-0",  "1E400"};
    static const std::array<std::string_view, 8> kValues = {"null", "[]",        "{}",  "5",
                                                            "true", R"(["zz"])", "[1]", R"({"a": 1})"};
    std::string out = text;
    const unsigned kind = static_cast<unsigned>(below(100));
    if (kind < 40 && !strings.empty()) {
        const auto [at, length] = strings[below(strings.size())];
        out.replace(at, length, kStrings[below(kStrings.size())]);
    } else if (kind < 60 && !numbers.empty()) {
        const auto [at, length] = numbers[below(numbers.size())];
        out.replace(at, length,
                    below(4) == 0 ? std::to_string(below(2000))
                                  : std::string(kNumbers[below(kNumbers.size())]));
    } else if (kind < 70 && !strings.empty()) {
        const auto [at, length] = strings[below(strings.size())];
        out.replace(at, length, kValues[below(kValues.size())]);
    } else if (!out.empty()) {
        const size_t at = below(out.size());
        switch (below(3)) {
        case 0:
            out.erase(at, 1 + below(3));
            break;
        case 1:
            out.insert(at, 1, "{}[],:\"\\ 0a\x01\xC3"[below(14)]);
            break;
        default:
            out.insert(at, out.substr(at, 1 + below(40)));
        }
    }
    return out;
}

} // namespace gloss::test
