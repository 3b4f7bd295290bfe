#include "tag_edits.hpp"

#include <algorithm>
#include <gloss/plugin.h>
#include <stdexcept>

namespace tagging {

namespace {

using Json = nlohmann::json;

const Json* exactly(const Json& overlapping, uint64_t start, uint64_t end) {
    for (const Json& record : overlapping)
        if (record.at("start").get<uint64_t>() == start && record.at("end").get<uint64_t>() == end)
            return &record;
    return nullptr;
}

bool hasTag(const Json& record, const std::string& tag) {
    const Json& tags = record.at("tags");
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

Json add(uint64_t start, uint64_t end, const std::string& tag, const std::string& note) {
    return {{"op", "add"}, {"start", start}, {"end", end}, {"tags", Json::array({tag})}, {"note", note}};
}

Json update(const Json& record, Json tags, const std::string& note) {
    return {{"op", "update"}, {"id", record.at("id")}, {"tags", std::move(tags)}, {"note", note}};
}

} // namespace

Json editsFor(int32_t action, uint64_t start, uint64_t end, const std::string& tag, const std::string& note,
              const Json& overlapping) {
    Json edits = Json::array();
    const Json* same = exactly(overlapping, start, end);
    switch (action) {
    case GLOSS_TAG_APPLY:
        if (!same) {
            edits.push_back(add(start, end, tag, note));
        } else if (!hasTag(*same, tag)) {
            Json tags = same->at("tags");
            tags.push_back(tag);
            edits.push_back(update(*same, std::move(tags), note.empty() ? same->value("note", "") : note));
        }
        return edits;
    case GLOSS_TAG_REMOVE:
        for (const Json& record : overlapping) {
            if (!hasTag(record, tag)) continue;
            Json tags = Json::array();
            for (const Json& kept : record.at("tags"))
                if (kept != tag) tags.push_back(kept);
            if (tags.empty())
                edits.push_back({{"op", "remove"}, {"id", record.at("id")}});
            else
                edits.push_back(update(record, std::move(tags), record.value("note", "")));
        }
        return edits;
    case GLOSS_TAG_SET_NOTE:
        if (same)
            edits.push_back(update(*same, same->at("tags"), note));
        else if (!tag.empty())
            edits.push_back(add(start, end, tag, note));
        else
            throw std::invalid_argument(
                "no annotation has exactly this range, and no tag was given for a new one");
        return edits;
    default:
        throw std::invalid_argument("unknown tag action " + std::to_string(action));
    }
}

} // namespace tagging
