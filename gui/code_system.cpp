// The code system as a tree, and the edits that reorganise it.

#include "code_system.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace gloss::gui {

namespace {

annotations::Tag* findTag(annotations::Codebook& codebook, const std::string& id) {
    const auto it = std::find_if(codebook.tags.begin(), codebook.tags.end(),
                                 [&](const annotations::Tag& tag) { return tag.id == id; });
    return it == codebook.tags.end() ? nullptr : &*it;
}

} // namespace

std::vector<CodeRow> codeTree(const annotations::Codebook& codebook) {
    std::vector<CodeRow> rows;
    std::vector<bool> placed(codebook.tags.size(), false);
    const std::function<void(const std::string&, int)> visit = [&](const std::string& parent, int depth) {
        for (size_t i = 0; i < codebook.tags.size(); ++i) {
            if (placed[i] || codebook.tags[i].parent != parent) continue;
            placed[i] = true;
            rows.push_back({i, depth});
            visit(codebook.tags[i].id, depth + 1);
        }
    };
    visit("", 0);
    // Orphaned parents and cycles: each such tag heads a tree of its own.
    for (size_t i = 0; i < codebook.tags.size(); ++i) {
        if (placed[i]) continue;
        placed[i] = true;
        rows.push_back({i, 0});
        visit(codebook.tags[i].id, 1);
    }
    return rows;
}

bool isWithin(const annotations::Codebook& codebook, const std::string& id, const std::string& ancestor) {
    std::set<std::string> seen;
    for (std::string at = id; !at.empty() && seen.insert(at).second;) {
        if (at == ancestor) return true;
        const annotations::Tag* tag = codebook.find(at);
        if (!tag) return false;
        at = tag->parent;
    }
    return false;
}

bool reparentCode(annotations::Codebook& codebook, const std::string& id, const std::string& parent) {
    annotations::Tag* tag = findTag(codebook, id);
    if (!tag || tag->parent == parent) return false;
    if (!parent.empty() && (!codebook.find(parent) || isWithin(codebook, parent, id))) return false;
    tag->parent = parent;
    return true;
}

bool removeCode(annotations::Codebook& codebook, const std::string& id) {
    const annotations::Tag* tag = codebook.find(id);
    if (!tag) return false;
    const std::string parent = tag->parent;
    for (annotations::Tag& child : codebook.tags)
        if (child.parent == id) child.parent = parent;
    std::erase_if(codebook.tags, [&](const annotations::Tag& t) { return t.id == id; });
    return true;
}

bool setQuickKey(annotations::Codebook& codebook, const std::string& id, const std::string& key) {
    annotations::Tag* tag = findTag(codebook, id);
    if (!tag || tag->key == key) return false;
    if (!key.empty())
        for (annotations::Tag& other : codebook.tags)
            if (other.key == key) other.key.clear();
    tag->key = key;
    return true;
}

void assignDefaultQuickKeys(annotations::Codebook& codebook) {
    if (std::any_of(codebook.tags.begin(), codebook.tags.end(),
                    [](const annotations::Tag& t) { return !t.key.empty(); }))
        return;
    int key = 1;
    for (annotations::Tag& tag : codebook.tags)
        if (tag.parent.empty() && key <= 9) tag.key = std::to_string(key++);
}

} // namespace gloss::gui
