// The annotation file an importer of labelled spans builds (brat, Label
// Studio, doccano): one annotation per span, or per region id, with the
// labels on it as tags (each once, in order) and a codebook of the tags used.
#pragma once

#include "annotation_file.hpp"
#include "host.hpp"

#include <map>
#include <string>
#include <utility>

namespace gloss_export {

class ImportedSpans {
  public:
    // `seed` makes the ids: the same file imported twice gives the same ids.
    ImportedSpans(const Host& host, std::string_view seed);

    // The annotation on code points [start, end) of the report (start <= end
    // <= its code points), made when new; valid until the next call. Annotations with the same `key`
    // are one (a UUID key is its id); an empty key means the span itself.
    // An empty span (start == end) is refused naming `where` (a line or JSON
    // path): a Gloss annotation covers at least one character.
    Record& on(uint64_t start, uint64_t end, const std::string& where, const std::string& key = {});
    // Adds `tag` (at JSON path or line `where`, for messages) to `record`
    // and, when new, to the codebook.
    void tag(Record& record, const std::string& tag, const std::string& where);
    static void addNote(Record& record, const std::string& note);

    size_t size() const { return file_.annotations.size(); }
    std::string write() const { return writeAnnotationFile(file_); }

  private:
    const Host& host_;
    std::string seed_;
    AnnotationFile file_;
    std::map<std::string, size_t, std::less<>> byKey_; // key -> index in file_.annotations
    std::map<std::string, size_t, std::less<>> tags_;  // tag id -> index in file_.codebook
};

} // namespace gloss_export
