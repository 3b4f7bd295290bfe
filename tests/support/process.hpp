#pragma once

#include <string>
#include <vector>

namespace gloss::test {

struct ProcessResult {
    int exitCode = -1; // 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

// Runs `program` with `arguments` (no shell), stdin from /dev/null, and
// captures its output. Environment is inherited, plus `environment` entries
// of the form "NAME=value".
ProcessResult run(const std::string& program, const std::vector<std::string>& arguments,
                  const std::vector<std::string>& environment = {});

// gloss-cli of this build.
ProcessResult runCli(const std::vector<std::string>& arguments);

} // namespace gloss::test
