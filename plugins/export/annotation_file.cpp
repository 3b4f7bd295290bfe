#include "annotation_file.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <random>

namespace gloss_export {

namespace {

constexpr uint64_t kVersion = 1;

// A tag as stored: id, label (null or "" means the id), color.
Tag readTag(const Json& value, const std::string& path) {
    asObject(value, path);
    Tag tag;
    tag.id = asString(required(value, "id", path), child(path, "id"));
    tag.label = optionalString(value, "label", path, {}, true);
    if (tag.label.empty()) tag.label = tag.id;
    tag.color = optionalString(value, "color", path);
    if (!isHexColor(tag.color)) tag.color = paletteColor(tag.id);
    tag.parent = optionalString(value, "parent", path, {}, true);
    tag.description = optionalString(value, "description", path, {}, true);
    return tag;
}

Record readRecord(const Json& value, const std::string& path) {
    asObject(value, path);
    Record record;
    record.id = asString(required(value, "id", path), child(path, "id"));
    record.start = asWholeNumber(required(value, "start", path), child(path, "start"));
    record.end = asWholeNumber(required(value, "end", path), child(path, "end"));
    record.quote = asString(required(value, "quote", path), child(path, "quote"));
    record.prefix = optionalString(value, "prefix", path);
    record.suffix = optionalString(value, "suffix", path);
    const std::string tagsPath = child(path, "tags");
    const Json& tags = asArray(required(value, "tags", path), tagsPath);
    for (size_t i = 0; i < tags.size(); ++i) record.tags.push_back(asString(tags[i], item(tagsPath, i)));
    record.note = optionalString(value, "note", path);
    record.author = optionalString(value, "author", path);
    record.created = optionalString(value, "created", path);
    record.modified = optionalString(value, "modified", path);
    record.origin = optionalString(value, "origin", path, "manual");
    record.status = optionalString(value, "status", path, "anchored");
    return record;
}

uint64_t mix(uint64_t x) { // splitmix64's finaliser
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

uint64_t fnv1a(std::string_view text, uint64_t hash = 0xCBF29CE484222325ULL) {
    for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    return hash;
}

std::string formatUuid(uint64_t high, uint64_t low, unsigned version) {
    high = (high & ~0xF000ULL) | (static_cast<uint64_t>(version) << 12);
    low = (low & ~(3ULL << 62)) | (2ULL << 62); // RFC 9562 variant
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                  static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return text;
}

bool digits(std::string_view text, size_t at, size_t count, unsigned max) {
    unsigned value = 0;
    for (size_t i = at; i < at + count; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value <= max;
}

} // namespace

const Tag* AnnotationFile::findTag(std::string_view id) const {
    for (const Tag& tag : codebook)
        if (tag.id == id) return &tag;
    return nullptr;
}

void checkGlossFile(const Json& root) {
    if (!root.is_object()) fail("top level", "expected an object, found " + describe(root));
    const Json* format = member(root, "format");
    if (!format && (member(root, "@context") || member(root, "target") || member(root, "items")))
        fail("format", "missing; this looks like a W3C Web Annotation file (use --format w3c)");
    const std::string name = asString(required(root, "format", ""), "format");
    if (name != "gloss.annotations")
        fail("format", "expected \"gloss.annotations\", found " + shortText(*format));
    const uint64_t version = asWholeNumber(required(root, "version", ""), "version");
    if (version > kVersion)
        fail("version",
             std::to_string(version) + " is newer than this plugin reads (" + std::to_string(kVersion) + ")");
    if (version < 1) fail("version", "0 is not a version of this format");
}

Json parseGlossFile(std::string_view text) {
    Json root = parseJson(text);
    checkGlossFile(root);
    return root;
}

std::vector<Tag> readCodebookTags(const Json& codebook, const std::string& path) {
    const std::string tagsPath = child(path, "tags");
    const Json& tags = asArray(required(asObject(codebook, path), "tags", path), tagsPath);
    std::vector<Tag> read;
    for (size_t i = 0; i < tags.size(); ++i) read.push_back(readTag(tags[i], item(tagsPath, i)));
    return read;
}

AnnotationFile readAnnotationFile(const Json& root) {
    checkGlossFile(root);
    AnnotationFile file;
    const Json& report = asObject(required(root, "report", ""), "report");
    file.reportName = asString(required(report, "name", "report"), "report.name");
    file.reportSha256 = asString(required(report, "sha256", "report"), "report.sha256");
    file.codepoints = asWholeNumber(required(report, "codepoints", "report"), "report.codepoints");
    if (const Json* codebook = member(root, "codebook"); codebook && !codebook->is_null())
        file.codebook = readCodebookTags(*codebook, "codebook");
    const Json& annotations = asArray(required(root, "annotations", ""), "annotations");
    file.annotations.reserve(annotations.size());
    for (size_t i = 0; i < annotations.size(); ++i)
        file.annotations.push_back(readRecord(annotations[i], item("annotations", i)));
    return file;
}

AnnotationFile readAnnotationFile(std::string_view text) {
    return readAnnotationFile(parseJson(text));
}

OrderedJson codebookJson(const std::vector<Tag>& codebook) {
    OrderedJson tags = OrderedJson::array();
    for (const Tag& tag : codebook)
        tags.push_back({{"id", tag.id},
                        {"label", tag.label},
                        {"color", tag.color},
                        {"parent", tag.parent.empty() ? OrderedJson() : OrderedJson(tag.parent)},
                        {"description", tag.description},
                        {"key", nullptr},
                        {"patterns", OrderedJson::array()}});
    return {{"format", "gloss.codebook"}, {"version", kVersion}, {"tags", std::move(tags)}};
}

OrderedJson annotationFileJson(const AnnotationFile& file) {
    OrderedJson root;
    root["format"] = "gloss.annotations";
    root["version"] = kVersion;
    root["report"] = {{"name", file.reportName},
                      {"sha256", file.reportSha256.empty() ? std::string(64, '0') : file.reportSha256},
                      {"codepoints", file.codepoints},
                      {"encoding", "utf-8"}};
    if (!file.codebook.empty()) root["codebook"] = codebookJson(file.codebook);
    OrderedJson annotations = OrderedJson::array();
    for (const Record& record : file.annotations)
        annotations.push_back({{"id", record.id},
                               {"start", record.start},
                               {"end", record.end},
                               {"quote", record.quote},
                               {"prefix", record.prefix},
                               {"suffix", record.suffix},
                               {"tags", record.tags},
                               {"note", record.note},
                               {"author", record.author},
                               {"created", record.created},
                               {"modified", record.modified},
                               {"origin", record.origin},
                               {"status", record.status}});
    root["annotations"] = std::move(annotations);
    return root;
}

std::string writeAnnotationFile(const AnnotationFile& file) {
    return annotationFileJson(file).dump(2) + "\n";
}

std::string paletteColor(std::string_view tag) {
    // Tableau 10: distinct, readable under text as a light tint.
    static constexpr std::array<const char*, 10> kPalette = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                                             "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                                             "#bcbd22", "#17becf"};
    return kPalette[fnv1a(tag) % kPalette.size()];
}

bool isHexColor(std::string_view color) {
    if (color.size() != 7 || color[0] != '#') return false;
    for (const char c : color.substr(1))
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

bool isUuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
}

std::string randomUuid() {
    thread_local std::mt19937_64 engine = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    const uint64_t high = engine();
    return formatUuid(high, engine(), 4);
}

std::string derivedUuid(std::string_view name) {
    const uint64_t hash = fnv1a(name);
    return formatUuid(mix(hash), mix(hash ^ 0x9E3779B97F4A7C15ULL), 8);
}

bool isRfc3339(std::string_view t) {
    // YYYY-MM-DDTHH:MM:SS[.d+](Z|+HH:MM|-HH:MM), T and Z in either case.
    if (t.size() > 64 || t.size() < 20) return false;
    if (!digits(t, 0, 4, 9999) || t[4] != '-' || !digits(t, 5, 2, 12) || t[7] != '-' ||
        !digits(t, 8, 2, 31) || (t[10] != 'T' && t[10] != 't') || !digits(t, 11, 2, 23) || t[13] != ':' ||
        !digits(t, 14, 2, 59) || t[16] != ':' || !digits(t, 17, 2, 60) || t.substr(5, 2) == "00" ||
        t.substr(8, 2) == "00")
        return false;
    size_t at = 19;
    if (t[at] == '.') {
        const size_t first = ++at;
        while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
        if (at == first) return false;
    }
    const std::string_view zone = t.substr(at);
    if (zone == "Z" || zone == "z") return true;
    return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2, 23) &&
           zone[3] == ':' && digits(zone, 4, 2, 59);
}

} // namespace gloss_export
