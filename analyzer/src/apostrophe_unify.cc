#include "apostrophe_unify.h"

#include <unicode/utf8.h>

namespace tigris {

namespace {
bool is_mark(UChar32 c) {
    switch (c) {
        case ',': case '`': case 0x00B4: case 0x02BB: case 0x02BC: case 0x02BE: case 0x02BF:
        case 0x2018: case 0x2019: case 0x201B: case 0x2032:
            return true;
        default:
            return false;
    }
}
}  // namespace

bool ApostropheUnify::should_normalize(std::string_view text) const {
    for (const char ch : text) {
        const auto b = static_cast<unsigned char>(ch);
        if (b == ',' || b == '`' || b >= 0x80) return true;
    }
    return false;
}

void ApostropheUnify::normalize(std::string& text) const {
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0 && is_mark(c)) {
            out += '\'';
        } else {
            out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        }
    }
    text.swap(out);
}

}  // namespace tigris
