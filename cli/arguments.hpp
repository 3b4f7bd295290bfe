#pragma once

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gloss::cli {

// Wrong use of the command line: exit code 2, one line on stderr.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name; // "--tag"
    bool takesValue = true;
};

// The words after a command name: positionals in order, options by name.
// "--name value", "--name=value" and short "-o value" are accepted; "--"
// ends options, and a lone "-" is a positional.
class Arguments {
  public:
    Arguments(std::string command, std::span<char* const> words, const std::vector<OptionSpec>& specs);

    const std::vector<std::string>& positionals() const { return positionals_; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    std::string required(const std::string& name) const;
    bool has(const std::string& name) const { return options_.contains(name); }

    // The one positional this command takes, named in the error if missing.
    std::string onlyPositional(const std::string& what) const;
    [[noreturn]] void fail(const std::string& message) const;

  private:
    std::string command_;
    std::vector<std::string> positionals_;
    std::map<std::string, std::vector<std::string>> options_;
};

} // namespace gloss::cli
