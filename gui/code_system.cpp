// The code system as a tree, and the edits that reorganise it.

#include "code_system.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

namespace gloss::gui {

namespace {

annotations::Tag* findTag(annotations::Codebook& codebook, const std::string& id) {
    const auto it = std::find_if(codebook.tags.begin(), codebook.tags.end(),
                                 [&](const annotations::Tag& tag) { return tag.id == id; });
    return it == codebook.tags.end() ? nullptr : &*it;
}

} // namespace

std::vector<CodeRow> codeTree(const annotations::Codebook& codebook) {
    const std::vector<annotations::Tag>& tags = codebook.tags;
    // Each code's sub-codes found once, not by scanning the codebook for
    // each code: the tree is made every frame, for codebooks of thousands.
    std::unordered_map<std::string_view, std::vector<size_t>> children; // by parent id, in codebook order
    for (size_t i = 0; i < tags.size(); ++i) children[tags[i].parent].push_back(i);
    std::vector<CodeRow> rows;
    rows.reserve(tags.size());
    std::vector<bool> placed(tags.size(), false);
    // Depth first with a stack of its own: a long chain of sub-codes must
    // not run out of call stack.
    std::vector<CodeRow> stack;
    const auto placeTree = [&](size_t root) {
        stack.push_back({root, 0});
        while (!stack.empty()) {
            const CodeRow row = stack.back();
            stack.pop_back();
            if (placed[row.index]) continue;
            placed[row.index] = true;
            rows.push_back(row);
            const auto found = children.find(tags[row.index].id);
            if (found == children.end()) continue;
            for (auto child = found->second.rbegin(); child != found->second.rend(); ++child)
                if (!placed[*child]) stack.push_back({*child, row.depth + 1});
        }
    };
    if (const auto top = children.find(""); top != children.end())
        for (const size_t i : top->second) placeTree(i);
    // Orphaned parents and cycles: each such tag heads a tree of its own.
    for (size_t i = 0; i < tags.size(); ++i)
        if (!placed[i]) placeTree(i);
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
