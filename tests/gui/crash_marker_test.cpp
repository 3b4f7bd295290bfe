// The record a plugin's crash leaves for the editor's next start, made by the
// real signal handler in a child process that dies of SIGSEGV inside a marked
// plugin call.

#include "gloss/core/plugin_crash.hpp"
#include "platform/crash_marker.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gloss::gui;
using gloss::test::ScopedEnv;
using gloss::test::TempDir;

TEST_CASE("crash marker: a fatal signal in a plugin call is recorded once for the next start") {
    TempDir dir;
    ScopedEnv state("XDG_STATE_HOME", (dir / "state").string());
    CHECK_FALSE(takePluginCrash());
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        recordPluginCrashes();
        const gloss::core::PluginCallMark mark("crashes", "draw");
        ::raise(SIGSEGV);
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGSEGV);
    const auto crash = takePluginCrash();
    REQUIRE(crash);
    CHECK(crash->plugin == "crashes");
    CHECK(crash->what == "draw");
    CHECK(crash->signal == "SIGSEGV");
    CHECK_FALSE(takePluginCrash()); // taken once
}

TEST_CASE("crash marker: a crash outside plugin code leaves no record") {
    TempDir dir;
    ScopedEnv state("XDG_STATE_HOME", (dir / "state").string());
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        recordPluginCrashes();
        ::raise(SIGSEGV);
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK_FALSE(takePluginCrash());
}
