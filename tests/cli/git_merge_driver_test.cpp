// gloss-cli merge as git's merge driver (docs/sharing.md), driven by a real
// `git merge` of two branches that edited the sample's annotation file, in a
// repository configured as the docs say.

#include "gloss/annotations/annotation_file.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gloss::test;
namespace ann = gloss::annotations;
using Json = nlohmann::ordered_json;

namespace {

// A repository in a temporary folder, isolated from the user's git settings,
// with the sample report and annotations committed on `main` and the Gloss
// driver configured for *.gloss.json.
class Repository {
  public:
    Repository() {
        git({"init", "-q", "-b", "main"});
        git({"config", "merge.gloss.name", "Gloss annotation merge"});
        git({"config", "merge.gloss.driver", "'" + std::string(GLOSS_CLI) + "' merge %O %A %B -o %A"});
        dir_.write(".gitattributes", "*.gloss.json merge=gloss\n");
        dir_.write("sample-report.txt", readText(sourcePath("examples/sample-report.txt")));
        dir_.write(kFile, readText(sourcePath("examples/sample-annotations.json")));
        commit("the sample");
    }

    ProcessResult git(const std::vector<std::string>& arguments) const {
        std::vector<std::string> all{"git", "-C", dir_.path().string()};
        all.insert(all.end(), arguments.begin(), arguments.end());
        return run("/usr/bin/env", all,
                   {"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=Gloss Test",
                    "GIT_AUTHOR_EMAIL=test@example.org", "GIT_COMMITTER_NAME=Gloss Test",
                    "GIT_COMMITTER_EMAIL=test@example.org"});
    }

    void commit(const std::string& message) const {
        const ProcessResult add = git({"add", "-A"});
        REQUIRE(add.exitCode == 0);
        const ProcessResult result = git({"commit", "-q", "-m", message});
        INFO(result.err);
        REQUIRE(result.exitCode == 0);
    }

    void checkout(const std::vector<std::string>& arguments) const {
        std::vector<std::string> all{"checkout", "-q"};
        all.insert(all.end(), arguments.begin(), arguments.end());
        REQUIRE(git(all).exitCode == 0);
    }

    // Runs gloss-cli tag on an annotation file (by default the sample's), as a coder would.
    void tag(const std::string& range, const std::string& tagId, const std::string& file = kFile) const {
        const ProcessResult result = runCli({"tag", (dir_ / "sample-report.txt").string(), "--annotations",
                                             (dir_ / file).string(), "--range", range, "--tag", tagId});
        INFO(result.err);
        REQUIRE(result.exitCode == 0);
    }

    // Sets the note of the sample's annotation `index`, saved as Gloss saves.
    void setNote(size_t index, const std::string& note) const {
        ann::AnnotationFile file = ann::parseAnnotationFile(readText(annotationFile()));
        file.annotations.at(index).note = note;
        dir_.write(kFile, ann::serializeAnnotationFile(file));
    }

    std::filesystem::path annotationFile() const { return dir_ / kFile; }
    const TempDir& dir() const { return dir_; }

  private:
    static constexpr const char* kFile = "sample.gloss.json";
    TempDir dir_;
};

const Json* recordWithId(const Json& file, const std::string& id) {
    for (const Json& record : file["annotations"])
        if (record["id"] == id) return &record;
    return nullptr;
}

} // namespace

TEST_CASE("git merge driver: edits of different annotations merge cleanly where a text merge would not") {
    const Repository repo;
    // Both branches add an annotation after the sample's last one, at the same
    // place in the file, which git's own line merge reports as a conflict.
    repo.checkout({"-b", "theirs"});
    repo.setNote(0, "Theirs: key framing.");
    repo.tag("27000:27040", "accountability");
    repo.commit("theirs");
    repo.checkout({"main"});
    repo.setNote(1, "Ours: the data gap.");
    repo.tag("28000:28030", "pay-gap");
    repo.commit("ours");

    const ProcessResult merge = repo.git({"merge", "--no-edit", "theirs"});
    INFO(merge.out, merge.err);
    CHECK(merge.exitCode == 0);
    const std::string text = readText(repo.annotationFile());
    CHECK(text.find("<<<<<<<") == std::string::npos);
    CHECK(text.find("\"conflict\"") == std::string::npos);
    const ann::AnnotationFile merged = ann::parseAnnotationFile(text);
    CHECK(merged.problems.empty());
    REQUIRE(merged.annotations.size() == 12);
    CHECK(merged.annotations[0].note == "Theirs: key framing.");
    CHECK(merged.annotations[1].note == "Ours: the data gap.");
    CHECK(merged.annotations[10].start == 27000);
    CHECK(merged.annotations[11].start == 28000);
    CHECK(repo.git({"status", "--porcelain"}).out == "");

    // Without the driver git merges lines, and the same branches conflict:
    // the clean merge above is the driver's doing.
    REQUIRE(repo.git({"reset", "-q", "--hard", "HEAD~1"}).exitCode == 0);
    REQUIRE(repo.git({"config", "--unset", "merge.gloss.driver"}).exitCode == 0);
    CHECK(repo.git({"merge", "--no-edit", "theirs"}).exitCode != 0);
}

TEST_CASE("git merge driver: one annotation's note edited differently is a conflict git reports") {
    const Repository repo;
    const ann::Annotation original = ann::parseAnnotationFile(readText(repo.annotationFile())).annotations[2];
    const std::string& id = original.id;
    repo.checkout({"-b", "theirs"});
    repo.setNote(2, "Theirs: compare with 2019.");
    repo.commit("theirs");
    repo.checkout({"main"});
    repo.setNote(2, "Ours: compare with 2021.");
    repo.commit("ours");

    const ProcessResult merge = repo.git({"merge", "--no-edit", "theirs"});
    CHECK(merge.exitCode != 0);
    CHECK(merge.out.find("CONFLICT (content): Merge conflict in sample.gloss.json") != std::string::npos);
    CHECK(merge.err.find("conflict: annotation " + id + ": changed differently in ours and theirs") !=
          std::string::npos);
    CHECK(repo.git({"status", "--porcelain"}).out.find("UU sample.gloss.json") != std::string::npos);

    // The file is Gloss's merge, not conflict markers: ours kept, all three versions beside it.
    const Json merged = Json::parse(readText(repo.annotationFile()));
    const Json* record = recordWithId(merged, id);
    REQUIRE(record);
    CHECK((*record)["note"] == "Ours: compare with 2021.");
    CHECK((*record)["conflict"]["ours"]["note"] == "Ours: compare with 2021.");
    CHECK((*record)["conflict"]["theirs"]["note"] == "Theirs: compare with 2019.");
    CHECK((*record)["conflict"]["base"]["note"] == original.note);
    CHECK(runCli({"stats", repo.annotationFile().string()}).exitCode == 0);
}

TEST_CASE("git merge driver: a file both branches added (empty base) merges both coders' annotations") {
    const Repository repo;
    repo.checkout({"-b", "theirs"});
    repo.tag("27000:27040", "accountability", "second.gloss.json");
    repo.commit("theirs");
    repo.checkout({"main"});
    repo.tag("28000:28030", "pay-gap", "second.gloss.json");
    repo.commit("ours");

    const ProcessResult merge = repo.git({"merge", "--no-edit", "theirs"});
    INFO(merge.out, merge.err);
    CHECK(merge.exitCode == 0);
    const ann::AnnotationFile merged = ann::parseAnnotationFile(readText(repo.dir() / "second.gloss.json"));
    CHECK(merged.problems.empty());
    REQUIRE(merged.annotations.size() == 2);
    CHECK(merged.annotations[0].start == 27000);
    CHECK(merged.annotations[1].start == 28000);
    CHECK(repo.git({"status", "--porcelain"}).out == "");
}

TEST_CASE("git merge driver: a merge that fails leaves git a conflict and ours as it was") {
    const Repository repo;
    repo.checkout({"-b", "theirs"});
    repo.dir().write("sample.gloss.json", "{\"format\": \"not gloss\"}\n");
    repo.commit("theirs");
    repo.checkout({"main"});
    repo.setNote(1, "Ours: the data gap.");
    repo.commit("ours");
    const std::string ours = readText(repo.annotationFile());

    const ProcessResult merge = repo.git({"merge", "--no-edit", "theirs"});
    CHECK(merge.exitCode != 0);
    CHECK(merge.err.find("format") != std::string::npos);
    CHECK(repo.git({"status", "--porcelain"}).out.find("UU sample.gloss.json") != std::string::npos);
    CHECK(readText(repo.annotationFile()) == ours);
}
