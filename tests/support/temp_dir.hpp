#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace gloss::test {

// A fresh folder under $TMPDIR, removed with everything in it at scope exit.
class TempDir {
  public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }
    // Writes `contents` to `name` inside the folder (making the folders `name`
    // has) and returns its path.
    std::filesystem::path write(std::string_view name, std::string_view contents) const;

  private:
    std::filesystem::path path_;
};

std::string readText(const std::filesystem::path& path);

// Path of a file of the source tree or of the shared seeds.
std::filesystem::path sourcePath(std::string_view relative);
std::filesystem::path seedReport();

} // namespace gloss::test
