#include "arguments.hpp"

#include <algorithm>

namespace gloss::cli {

Arguments::Arguments(std::string command, std::span<char* const> words, const std::vector<OptionSpec>& specs)
    : command_(std::move(command)) {
    bool optionsEnded = false;
    for (size_t i = 0; i < words.size(); ++i) {
        std::string word = words[i];
        if (optionsEnded || !word.starts_with("-") || word == "-") {
            positionals_.push_back(std::move(word));
            continue;
        }
        if (word == "--") {
            optionsEnded = true;
            continue;
        }
        std::optional<std::string> inlineValue;
        if (const auto equals = word.find('='); equals != std::string::npos) {
            inlineValue = word.substr(equals + 1);
            word.resize(equals);
        }
        const auto spec =
            std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == word; });
        if (spec == specs.end()) fail("unknown option " + word);
        if (!spec->takesValue) {
            if (inlineValue) fail(word + " takes no value");
            options_[word].emplace_back();
        } else if (inlineValue) {
            options_[word].push_back(*inlineValue);
        } else {
            if (i + 1 >= words.size()) fail(word + " needs a value");
            options_[word].emplace_back(words[++i]);
        }
    }
}

std::optional<std::string> Arguments::value(const std::string& name) const {
    const auto it = options_.find(name);
    if (it == options_.end()) return std::nullopt;
    if (it->second.size() > 1) fail(name + " is given more than once");
    return it->second.front();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
    const auto it = options_.find(name);
    return it == options_.end() ? std::vector<std::string>{} : it->second;
}

std::string Arguments::required(const std::string& name) const {
    auto found = value(name);
    if (!found) fail(name + " is required");
    return *found;
}

std::string Arguments::onlyPositional(const std::string& what) const {
    if (positionals_.empty()) fail(what + " is required");
    if (positionals_.size() > 1) fail("unexpected argument '" + positionals_[1] + "'");
    return positionals_.front();
}

void Arguments::fail(const std::string& message) const {
    throw UsageError(command_ + ": " + message);
}

} // namespace gloss::cli
