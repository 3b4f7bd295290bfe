#include "imported_spans.hpp"

#include <algorithm>
#include <cctype>

namespace gloss_export {

namespace {

constexpr size_t kMaxTagBytes = 256; // docs/formats.md §4.1

} // namespace

ImportedSpans::ImportedSpans(const Host& host, std::string_view seed)
    : host_(host), seed_(derivedUuid(seed)) {
    file_.reportName = std::string(host.name());
    file_.codepoints = host.codepoints();
}

Record& ImportedSpans::on(uint64_t start, uint64_t end, const std::string& where, const std::string& key) {
    if (start == end)
        fail(where, "an empty span at code point " + std::to_string(start) +
                        ": a Gloss annotation covers at least one character");
    const std::string span = std::to_string(start) + ":" + std::to_string(end);
    const auto [entry, added] = byKey_.try_emplace(key.empty() ? span : key, file_.annotations.size());
    if (!added) return file_.annotations[entry->second];
    Record record;
    record.id = isUuid(key) ? key : derivedUuid(seed_ + " " + (key.empty() ? span : key));
    std::transform(record.id.begin(), record.id.end(), record.id.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    placeOnReport(host_, record, start, end);
    file_.annotations.push_back(std::move(record));
    return file_.annotations.back();
}

void ImportedSpans::tag(Record& record, const std::string& tag, const std::string& where) {
    if (tag.empty()) fail(where, "an empty label");
    if (tag.size() > kMaxTagBytes)
        fail(where, "a label of " + std::to_string(tag.size()) + " bytes is longer than the limit of " +
                        std::to_string(kMaxTagBytes));
    if (std::find(record.tags.begin(), record.tags.end(), tag) == record.tags.end())
        record.tags.push_back(tag);
    if (tags_.try_emplace(tag, file_.codebook.size()).second)
        file_.codebook.push_back({tag, tag, paletteColor(tag), {}, {}});
}

void ImportedSpans::addNote(Record& record, const std::string& note) {
    if (note.empty()) return;
    record.note += (record.note.empty() ? "" : "\n\n") + note;
}

} // namespace gloss_export
