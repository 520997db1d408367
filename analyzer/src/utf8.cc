#include "tigris/utf8.h"

#include <cstdint>

#include <unicode/utf8.h>

namespace tigris {

bool valid_utf8(const std::string& s, std::size_t* bad_offset) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    int32_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            if (bad_offset) *bad_offset = static_cast<std::size_t>(start);
            return false;
        }
    }
    return true;
}

}  // namespace tigris
