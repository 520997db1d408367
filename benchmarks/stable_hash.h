// tigris benchmarks: a hash that gives the same splits and shuffles in every run.
#pragma once

#include <cstdint>
#include <string_view>

namespace tigris::bench {

/// The 64-bit FNV-1a of @p s. The names set's folds and the shuffles of the corpus
/// copies depend on it: keep it, so that results of other versions stay comparable.
inline std::uint64_t stable_hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

}  // namespace tigris::bench
