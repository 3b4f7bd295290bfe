#pragma once

#include <stdexcept>
#include <string>

namespace gloss::annotations {

// A problem with the content of a file, located by `where`: a JSON path
// ("annotations[17].end"), "line 3, column 9" or "byte 120". The caller adds
// the file name, so the message a user sees is "FILE: WHERE: MESSAGE".
class FormatError : public std::runtime_error {
  public:
    FormatError(std::string where, const std::string& message)
        : std::runtime_error(where.empty() ? message : where + ": " + message), where_(std::move(where)) {}
    const std::string& where() const { return where_; }

  private:
    std::string where_;
};

// One problem in one record of an otherwise readable file.
struct Problem {
    std::string where;
    std::string message;
    std::string text() const { return where + ": " + message; }
};

} // namespace gloss::annotations
