// tigris: the 32-bit FNV-1a hash, for the analyzer's small hash tables.
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

}  // namespace tigris
