// Hot reload: a plugin file replaced on disk is loaded again and swapped in
// while the host runs; a broken new build is refused and the old one keeps
// serving; a call inside the old build finishes there before it unloads.

#include "plugin_test_support.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <fstream>
#include <future>
#include <poll.h>
#include <set>
#include <unistd.h>

using namespace gloss::test;
using gloss::core::PluginHost;

namespace {

// A folder with reload_v1 installed as "reload.gloss-plugin", loaded by a host.
struct Installed {
    Installed() : file(folder / "reload.gloss-plugin") {
        replaceFile(aloneFixture("reload_v1"), file);
        host.loadFolders({folder.path()});
        REQUIRE(host.plugins().size() == 1);
    }

    std::vector<std::string> highlight(std::string text = "text") {
        return describe(host.highlight("reload", document(std::move(text)), "{}"));
    }

    TempDir folder;
    std::filesystem::path file;
    PluginHost host;
};

const std::vector<std::string> kV1{"0-1 v1"};
const std::vector<std::string> kV2{"0-1 v2"};

// How many builds of reload.gloss-plugin this process has mapped: the
// host's private copies keep the file name.
size_t mappedBuilds() {
    std::ifstream maps("/proc/self/maps");
    std::set<std::string> paths;
    for (std::string line; std::getline(maps, line);)
        if (line.find("-reload.gloss-plugin") != std::string::npos) paths.insert(line.substr(line.find('/')));
    return paths.size();
}

struct Pipe {
    Pipe() { REQUIRE(::pipe(fds) == 0); }
    ~Pipe() {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;

    bool waitForByte(int milliseconds) {
        pollfd ready{fds[0], POLLIN, 0};
        char byte = 0;
        return ::poll(&ready, 1, milliseconds) == 1 && ::read(fds[0], &byte, 1) == 1;
    }
    void sendByte() { REQUIRE(::write(fds[1], "r", 1) == 1); }

    int fds[2] = {-1, -1};
};

} // namespace

TEST_CASE("plugin hot reload: a replaced plugin file is swapped in without restarting the host") {
    FixtureLog log;
    Installed installed;
    CHECK(installed.highlight() == kV1);
    CHECK(installed.host.reloadChanged() == 0);

    replaceFile(aloneFixture("reload_v2"), installed.file);
    CHECK(installed.host.reloadChanged() == 1);
    CHECK(installed.highlight() == kV2);
    CHECK(installed.host.plugins().at(0).version == "2");
    CHECK(installed.host.refusals().empty());
    // The new build ran init before the swap; the old one shut down and
    // unloaded after it, nothing being inside it.
    CHECK(log.text() == "init reload 1\ninit reload 2\nshutdown reload 1\n");
    CHECK(mappedBuilds() == 1);
    CHECK(installed.host.reloadChanged() == 0);

    SUBCASE("a broken new build is refused and the loaded one keeps serving") {
        TempDir scratch;
        replaceFile(scratch.write("random", "\x01\x02 not a library"), installed.file);
        CHECK(installed.host.reloadChanged() == 0);
        CHECK(refusalOf(installed.host, installed.file) ==
              "reload refused: not an ELF shared library; the loaded version keeps serving");
        CHECK(installed.highlight() == kV2);
        // The same broken file is not tried again; a fixed one is.
        CHECK(installed.host.reloadChanged() == 0);
        CHECK(installed.host.refusals().size() == 1);
        replaceFile(aloneFixture("reload_v1"), installed.file);
        CHECK(installed.host.reloadChanged() == 1);
        CHECK(installed.highlight() == kV1);
    }
    SUBCASE("a new build with another id is refused before its init runs") {
        replaceFile(aloneFixture("abi_current"), installed.file);
        CHECK(installed.host.reloadChanged() == 0);
        CHECK(
            refusalOf(installed.host, installed.file) ==
            "reload refused: the new build has id \"abi-current\", not \"reload\"; the loaded version keeps "
            "serving");
        CHECK(installed.highlight() == kV2);
        CHECK(log.text().find("init abi-current") == std::string::npos);
    }
}

TEST_CASE("plugin hot reload: a call inside the old build finishes there while new calls reach the new one") {
    FixtureLog log;
    Installed installed;
    Pipe entered, release;
    const auto blocking =
        document("block " + std::to_string(entered.fds[1]) + " " + std::to_string(release.fds[0]));
    auto held = std::async(std::launch::async,
                           [&] { return describe(installed.host.highlight("reload", blocking, "{}")); });
    // Declared after `held`, so it runs first at scope exit: a failed check
    // below still lets the held call return instead of hanging the test.
    struct Release {
        Pipe& pipe;
        ~Release() { (void)!::write(pipe.fds[1], "r", 1); }
    } releaseAtExit{release};

    REQUIRE(entered.waitForByte(10000)); // v1's highlight is running and waits
    // The host still answers about a plugin while a call is inside it (the
    // editor's plugin manager asks every frame).
    auto listing = std::async(std::launch::async, [&] { return installed.host.plugins(); });
    const bool answered = listing.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    CHECK(answered);
    if (!answered) release.sendByte(); // let the held call go, or the listing never returns
    CHECK(listing.get().at(0).version == "1");
    replaceFile(aloneFixture("reload_v2"), installed.file);
    CHECK(installed.host.reloadChanged() == 1);
    CHECK(installed.highlight() == kV2);
    // v1 is still mapped and has not shut down: a call is inside it.
    CHECK(mappedBuilds() == 2);
    CHECK(log.text() == "init reload 1\ninit reload 2\n");

    release.sendByte();
    CHECK(held.get() == kV1);
    // The last call out of v1 shut it down and unloaded it.
    CHECK(log.text() == "init reload 1\ninit reload 2\nshutdown reload 1\n");
    CHECK(mappedBuilds() == 1);
    CHECK(installed.highlight() == kV2);
}
