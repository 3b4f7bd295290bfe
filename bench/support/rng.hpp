#pragma once

// The benchmarks' deterministic generator: splitmix64, tiny, fast and the
// same on every platform, unlike the distributions of <random>, whose output
// the standard leaves open. Same seed, same report, same figures.

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace gloss::bench {

class Rng {
  public:
    explicit Rng(uint64_t seed) : state_(seed) {}

    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound); the modulo bias is irrelevant here.
    size_t below(size_t bound) { return static_cast<size_t>(next() % bound); }
    size_t between(size_t low, size_t high) { return low + below(high - low + 1); } // inclusive
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }         // [0, 1)
    bool chance(double p) { return unit() < p; }
    template <typename T, size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[below(N)];
    }
    // Fisher-Yates.
    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
    }

  private:
    uint64_t state_;
};

} // namespace gloss::bench
