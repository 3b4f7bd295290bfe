// Naming the scripts no installed font has, and the packages that have them.

#include "text/missing_fonts.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <harfbuzz/hb.h>

namespace gloss::gui::text {

namespace {

struct ScriptFonts {
    hb_script_t script;
    const char* name;
    const char* package;
};

// Debian 12 packages; fonts-noto-core has most living scripts.
constexpr std::array kScripts = {
    ScriptFonts{HB_SCRIPT_ARABIC, "Arabic", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_HEBREW, "Hebrew", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_DEVANAGARI, "Devanagari", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_BENGALI, "Bengali", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_GURMUKHI, "Gurmukhi", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_GUJARATI, "Gujarati", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_TAMIL, "Tamil", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_TELUGU, "Telugu", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_KANNADA, "Kannada", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_MALAYALAM, "Malayalam", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_SINHALA, "Sinhala", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_THAI, "Thai", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_LAO, "Lao", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_MYANMAR, "Myanmar", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_KHMER, "Khmer", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_ETHIOPIC, "Ethiopic", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_ARMENIAN, "Armenian", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_GEORGIAN, "Georgian", "fonts-noto-core"},
    ScriptFonts{HB_SCRIPT_HAN, "Chinese", "fonts-wqy-microhei"},
    ScriptFonts{HB_SCRIPT_HIRAGANA, "Japanese", "fonts-wqy-microhei"},
    ScriptFonts{HB_SCRIPT_KATAKANA, "Japanese", "fonts-wqy-microhei"},
    ScriptFonts{HB_SCRIPT_HANGUL, "Korean", "fonts-wqy-microhei"},
};

bool isPictograph(uint32_t c) {
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF);
}

const ScriptFonts* scriptOf(uint32_t c) {
    const hb_script_t script = hb_unicode_script(hb_unicode_funcs_get_default(), c);
    for (const ScriptFonts& known : kScripts)
        if (known.script == script) return &known;
    return nullptr;
}

} // namespace

std::string scriptName(uint32_t c) {
    if (isPictograph(c)) return "emoji";
    if (const ScriptFonts* known = scriptOf(c)) return known->name;
    // Another script: its ISO 15924 code ("Tibt"), or "symbols" for common characters.
    const hb_script_t script = hb_unicode_script(hb_unicode_funcs_get_default(), c);
    if (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN)
        return "symbols";
    char tag[5] = {};
    hb_tag_to_string(hb_script_to_iso15924_tag(script), tag);
    return tag;
}

std::string missingFontsMessage(const std::vector<uint32_t>& codepoints) {
    std::vector<std::string> named; // one entry per script, in the order met
    std::string scripts, packages;
    bool unknown = false; // a script no package here is known to cover
    for (uint32_t c : codepoints) {
        const std::string name = scriptName(c);
        if (std::find(named.begin(), named.end(), name) != named.end()) continue;
        named.push_back(name);
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", c);
        scripts += (scripts.empty() ? "" : ", ") + name + " (" + code + ")";
        const ScriptFonts* known = scriptOf(c);
        const std::string package = isPictograph(c) ? "fonts-noto-color-emoji" : known ? known->package : "";
        unknown = unknown || package.empty();
        if (!package.empty() && packages.find(package) == std::string::npos)
            packages += (packages.empty() ? "" : " ") + package;
    }
    if (named.empty()) return {};
    std::string message = "No installed font has " + scripts + ": drawn as boxes";
    if (!packages.empty()) message += "; install " + packages;
    if (unknown) message += "; fonts-noto-extra has many rarer scripts";
    return message;
}

} // namespace gloss::gui::text
