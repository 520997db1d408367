// tigris: the FNV-1a hash, for the analyzer's small hash tables and fingerprints.
#pragma once

#include <cstdint>
#include <string_view>

namespace tigris {

/// FNV-1a of @p s: fast on short words, and spreads them well over a power-of-two table.
/// @p basis may be changed to get a second, independent-enough hash.
inline std::uint32_t fnv1a(std::string_view s, std::uint32_t basis = 2166136261u) {
    std::uint32_t h = basis;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

/// The 64-bit FNV-1a of @p s. Stable across versions: the fingerprints an index records
/// (the word list's, the name scorer's) are made with it.
inline std::uint64_t fnv1a64(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

}  // namespace tigris
