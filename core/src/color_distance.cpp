// Perceptual colour distance (CIEDE2000) and picking a colour for a new code
// that is clearly unlike the codes' colours already in use.

#include "gloss/core/color_distance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numbers>

namespace gloss::core {

namespace {

double radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}

double degrees(double radians) {
    return radians * 180.0 / std::numbers::pi;
}

// Hue angle in [0, 360), 0 for a neutral colour.
double hueAngle(double b, double a) {
    if (a == 0 && b == 0) return 0;
    const double h = degrees(std::atan2(b, a));
    return h < 0 ? h + 360 : h;
}

double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double labF(double t) {
    constexpr double delta = 6.0 / 29.0;
    return t > delta * delta * delta ? std::cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0;
}

std::string hexFromHsv(double hue, double saturation, double value) {
    const double c = value * saturation;
    const double x = c * (1 - std::fabs(std::fmod(hue / 60.0, 2.0) - 1));
    const double m = value - c;
    double r = 0, g = 0, b = 0;
    if (hue < 60)
        r = c, g = x;
    else if (hue < 120)
        r = x, g = c;
    else if (hue < 180)
        g = c, b = x;
    else if (hue < 240)
        g = x, b = c;
    else if (hue < 300)
        r = x, b = c;
    else
        r = c, b = x;
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", static_cast<int>(std::lround((r + m) * 255)),
                  static_cast<int>(std::lround((g + m) * 255)), static_cast<int>(std::lround((b + m) * 255)));
    return text;
}

} // namespace

Lab labFromHex(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') return {};
    const unsigned long value = std::strtoul(hex.c_str() + 1, nullptr, 16);
    const double r = linear(static_cast<double>((value >> 16) & 0xFF) / 255.0);
    const double g = linear(static_cast<double>((value >> 8) & 0xFF) / 255.0);
    const double b = linear(static_cast<double>(value & 0xFF) / 255.0);
    // sRGB's primaries to XYZ, relative to the D65 white point.
    const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    return {116 * labF(y) - 16, 500 * (labF(x) - labF(y)), 200 * (labF(y) - labF(z))};
}

double ciede2000(const Lab& first, const Lab& second) {
    const double c1 = std::hypot(first.a, first.b), c2 = std::hypot(second.a, second.b);
    const double meanC7 = std::pow((c1 + c2) / 2, 7);
    const double g = 0.5 * (1 - std::sqrt(meanC7 / (meanC7 + std::pow(25.0, 7))));
    const double a1 = (1 + g) * first.a, a2 = (1 + g) * second.a;
    const double cp1 = std::hypot(a1, first.b), cp2 = std::hypot(a2, second.b);
    const double h1 = hueAngle(first.b, a1), h2 = hueAngle(second.b, a2);

    const double deltaL = second.l - first.l;
    const double deltaC = cp2 - cp1;
    double deltaHue = 0;
    if (cp1 * cp2 != 0) {
        deltaHue = h2 - h1;
        if (deltaHue > 180)
            deltaHue -= 360;
        else if (deltaHue < -180)
            deltaHue += 360;
    }
    const double deltaH = 2 * std::sqrt(cp1 * cp2) * std::sin(radians(deltaHue / 2));

    const double meanL = (first.l + second.l) / 2;
    const double meanCp = (cp1 + cp2) / 2;
    double meanHue = h1 + h2;
    if (cp1 * cp2 != 0) {
        if (std::fabs(h1 - h2) <= 180)
            meanHue = (h1 + h2) / 2;
        else
            meanHue = (h1 + h2 < 360 ? h1 + h2 + 360 : h1 + h2 - 360) / 2;
    }
    const double t = 1 - 0.17 * std::cos(radians(meanHue - 30)) + 0.24 * std::cos(radians(2 * meanHue)) +
                     0.32 * std::cos(radians(3 * meanHue + 6)) - 0.20 * std::cos(radians(4 * meanHue - 63));
    const double deltaTheta = 30 * std::exp(-std::pow((meanHue - 275) / 25, 2));
    const double meanCp7 = std::pow(meanCp, 7);
    const double rc = 2 * std::sqrt(meanCp7 / (meanCp7 + std::pow(25.0, 7)));
    const double lightness = std::pow(meanL - 50, 2);
    const double sl = 1 + 0.015 * lightness / std::sqrt(20 + lightness);
    const double sc = 1 + 0.045 * meanCp;
    const double sh = 1 + 0.015 * meanCp * t;
    const double rt = -std::sin(radians(2 * deltaTheta)) * rc;
    const double l = deltaL / sl, c = deltaC / sc, h = deltaH / sh;
    return std::sqrt(l * l + c * c + h * h + rt * c * h);
}

const std::vector<std::string>& newCodeCandidates() {
    static const std::vector<std::string> candidates = [] {
        std::vector<std::string> out;
        // Vivid, deep and soft versions of 24 hues.
        for (const auto& [saturation, value] : {std::pair{0.80, 0.90}, {0.75, 0.60}, {0.45, 0.85}})
            for (int hue = 0; hue < 360; hue += 15) out.push_back(hexFromHsv(hue, saturation, value));
        return out;
    }();
    return candidates;
}

std::string mostDistinctColor(const std::vector<std::string>& inUse) {
    std::vector<Lab> used;
    for (const std::string& color : inUse) used.push_back(labFromHex(color));
    std::string best;
    double bestDistance = -1;
    for (const std::string& candidate : newCodeCandidates()) {
        const Lab lab = labFromHex(candidate);
        double nearest = std::numeric_limits<double>::max();
        for (const Lab& other : used) nearest = std::min(nearest, ciede2000(lab, other));
        if (nearest > bestDistance) {
            bestDistance = nearest;
            best = candidate;
        }
    }
    return best;
}

std::string colorForNewTag(const annotations::Codebook& codebook) {
    std::vector<std::string> inUse = {"#ffffff", "#1d2f49"}; // the light and dark styles' page
    for (const annotations::Tag& tag : codebook.tags) inUse.push_back(tag.color);
    return mostDistinctColor(inUse);
}

} // namespace gloss::core
