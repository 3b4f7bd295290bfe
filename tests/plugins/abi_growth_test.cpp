// The host of a future minor: this program and its own build of the plugin
// host's sources are compiled against abi_next/gloss/plugin.h, generated from
// the SDK's header with GLOSS_PLUGIN_ABI_MINOR one higher and a field
// appended to gloss_highlighter (see CMakeLists.txt). Besides old_abi_test.cpp,
// which loads the plugin built against the frozen 1.1 header, it checks the
// host's rule for table sizes (acceptTable) and that a table copied from an
// older plugin reads the appended field as absent, whatever bytes follow the
// plugin's table in memory.

#include "gloss/core/plugin_abi.hpp"

#include <array>
#include <cstring>
#include <doctest/doctest.h>

using gloss::core::acceptTable;
using gloss::core::copyTable;
using gloss::core::PluginTable;

// This program is only a test if its host sees the grown table.
static_assert(GLOSS_PLUGIN_ABI_MINOR > GLOSS_TEST_FROZEN_MINOR);
static_assert(sizeof(gloss_highlighter) > PluginTable<gloss_highlighter>::firstLayoutSize);

TEST_CASE("abi growth: acceptTable takes any size from the first layout up, and copies the host's part") {
    constexpr size_t first = 32, full = 40;
    CHECK_FALSE(acceptTable(0, first, full));
    CHECK_FALSE(acceptTable(first - 1, first, full));
    CHECK(acceptTable(first, first, full) == first);
    CHECK(acceptTable(first + 4, first, full) == first + 4);
    CHECK(acceptTable(full, first, full) == full);
    CHECK(acceptTable(full + 8, first, full) == full);
}

TEST_CASE("abi growth: a highlighter table of the first layout is copied with the appended field absent") {
    constexpr size_t first = PluginTable<gloss_highlighter>::firstLayoutSize;
    // The old plugin's table, then bytes that are not zero where the grown
    // layout has its new field.
    alignas(gloss_highlighter) std::array<unsigned char, sizeof(gloss_highlighter) + 16> memory;
    memory.fill(0xA5);
    gloss_highlighter old;
    std::memset(&old, 0, sizeof old);
    old.struct_size = static_cast<uint32_t>(first);
    old.name = "old";
    std::memcpy(memory.data(), &old, first);
    const auto* table = reinterpret_cast<const gloss_highlighter*>(memory.data());

    std::string problem;
    const auto copy = copyTable(table, problem);
    REQUIRE_MESSAGE(copy, problem);
    CHECK(copy->struct_size == first);
    CHECK(std::string(copy->name) == "old");
    CHECK(copy->added_in_next_minor == nullptr);

    SUBCASE("a table of the grown layout keeps the field") {
        gloss_highlighter grown = *copy;
        grown.struct_size = sizeof grown;
        grown.added_in_next_minor = "new";
        const auto copied = copyTable(&grown, problem);
        REQUIRE(copied);
        CHECK(std::string(copied->added_in_next_minor) == "new");
    }
    SUBCASE("one byte short of the first layout is refused") {
        old.struct_size = static_cast<uint32_t>(first - 1);
        std::memcpy(memory.data(), &old, first);
        CHECK_FALSE(copyTable(table, problem));
        CHECK(problem == "gloss_highlighter has struct_size " + std::to_string(first - 1) +
                             ", less than the " + std::to_string(first) + " bytes it has had since ABI 1.0");
    }
    SUBCASE("no table at all is refused") {
        CHECK_FALSE(copyTable(static_cast<const gloss_highlighter*>(nullptr), problem));
        CHECK(problem == "gloss_highlighter is missing (NULL)");
    }
}
