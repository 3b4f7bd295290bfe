#include "project_bundle.hpp"

#include <gloss/plugin.hpp>

namespace gloss_qdpx {

using namespace gloss_export;

namespace {

constexpr uint64_t kBundleVersion = 1;

std::map<std::string, std::string> readAttributes(const Json& report, const std::string& path) {
    std::map<std::string, std::string> attributes;
    const Json* object = member(report, "attributes");
    if (!object || object->is_null()) return attributes;
    const std::string where = child(path, "attributes");
    for (const auto& [name, value] : asObject(*object, where).items())
        attributes[name] = asString(value, child(where, name));
    return attributes;
}

} // namespace

bool isProjectBundle(const Json& root) {
    const Json* format = root.is_object() ? member(root, "format") : nullptr;
    return format && format->is_string() && format->get<std::string>() == kBundleFormat;
}

ProjectBundle readProjectBundle(const Json& root) {
    const uint64_t version = asWholeNumber(required(root, "version", ""), "version");
    if (version != kBundleVersion)
        fail("version", std::to_string(version) + " is not a bundle version this plugin reads (1)");
    ProjectBundle bundle;
    bundle.name = optionalString(root, "name", "", {}, true);
    if (const Json* codebook = member(root, "codebook"); codebook && !codebook->is_null())
        bundle.codebook = readCodebookTags(*codebook, "codebook");
    const Json& reports = asArray(required(root, "reports", ""), "reports");
    for (size_t i = 0; i < reports.size(); ++i) {
        const std::string path = item("reports", i);
        const Json& report = asObject(reports[i], path);
        BundleReport read;
        read.name = asString(required(report, "name", path), child(path, "name"));
        read.text = asString(required(report, "text", path), child(path, "text"));
        read.attributes = readAttributes(report, path);
        const std::string annotationsPath = child(path, "annotations");
        try {
            read.file = readAnnotationFile(required(report, "annotations", path));
        } catch (const gloss::plugin::Failure& e) {
            throw gloss::plugin::Failure(annotationsPath + "." + e.what());
        }
        bundle.reports.push_back(std::move(read));
    }
    return bundle;
}

std::string writeProjectBundle(const ProjectBundle& bundle) {
    OrderedJson root;
    root["format"] = kBundleFormat;
    root["version"] = kBundleVersion;
    root["name"] = bundle.name;
    root["codebook"] = codebookJson(bundle.codebook);
    OrderedJson reports = OrderedJson::array();
    for (const BundleReport& report : bundle.reports) {
        OrderedJson attributes = OrderedJson::object();
        for (const auto& [name, value] : report.attributes) attributes[name] = value;
        reports.push_back({{"name", report.name},
                           {"text", report.text},
                           {"attributes", std::move(attributes)},
                           {"annotations", annotationFileJson(report.file)}});
    }
    root["reports"] = std::move(reports);
    return root.dump(2) + "\n";
}

} // namespace gloss_qdpx
