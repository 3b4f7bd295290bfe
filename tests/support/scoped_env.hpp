#pragma once

#include <optional>
#include <string>

namespace gloss::test {

// Sets (or, with nullopt, removes) an environment variable until scope exit.
class ScopedEnv {
  public:
    ScopedEnv(std::string name, std::optional<std::string> value);
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
    ~ScopedEnv();

  private:
    std::string name_;
    std::optional<std::string> saved_;
};

} // namespace gloss::test
