#pragma once

#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

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

// A value of a file quoted in a message: gloss::excerpt (gloss/excerpt.hpp),
// at most 40 bytes of it as a JSON string, so that a message about a 50 MB
// value is still one short line.
std::string excerpt(std::string_view text);
// Any JSON value so quoted: a string as above, anything else as its JSON
// text, cut the same way.
std::string excerptJson(const nlohmann::ordered_json& value);

// One problem in one record of an otherwise readable file.
struct Problem {
    std::string where;
    std::string message;
    std::string text() const { return where + ": " + message; }
};

} // namespace gloss::annotations
