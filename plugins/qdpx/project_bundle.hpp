// The project bundle (docs/formats.md §9.6): a whole Gloss project as one
// JSON text, which the host passes to the exporter in place of an annotation
// file and which the importer writes when it is given no report.
#pragma once

#include "annotation_file.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gloss_qdpx {

using gloss_export::AnnotationFile;
using gloss_export::Json;
using gloss_export::Tag;

inline constexpr std::string_view kBundleFormat = "gloss.project-bundle";

struct BundleReport {
    std::string name; // as the project lists it, or the source's name
    std::string text; // UTF-8, as the report's Document holds it
    std::map<std::string, std::string> attributes;
    AnnotationFile file; // its annotations; positions are code points of `text`
};

struct ProjectBundle {
    std::string name;
    std::vector<Tag> codebook;
    std::vector<BundleReport> reports;
};

// Whether `root` says it is a project bundle ("format").
bool isProjectBundle(const Json& root);
// Reads a bundle; a problem throws gloss::plugin::Failure naming the JSON path.
ProjectBundle readProjectBundle(const Json& root);
std::string writeProjectBundle(const ProjectBundle& bundle);

} // namespace gloss_qdpx
