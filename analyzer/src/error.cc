#include "tigris/error.h"

#include <unicode/utf8.h>

namespace tigris {

std::string SourceLocation::describe() const {
    if (file.empty() && line == 0) return "";
    std::string out = file.empty() ? "<input>" : file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
    }
    return out;
}

namespace {
std::string located(const SourceLocation& where, const std::string& problem) {
    const std::string at = where.describe();
    return at.empty() ? problem : at + ": " + problem;
}
}  // namespace

LexiconError::LexiconError(const SourceLocation& where, const std::string& problem)
    : Error(located(where, problem)), where_(where), problem_(problem) {}

namespace {

void escape_byte(unsigned char c, std::string& out) {
    static const char* const kHex = "0123456789ABCDEF";
    switch (c) {
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case '\t': out += "\\t"; return;
        default:
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
    }
}

}  // namespace

std::string quote_value(std::string_view whole, std::size_t max_bytes) {
    // Only the part that can be shown is looked at (a value may be megabytes).
    const std::string_view value = whole.substr(0, max_bytes + 4);
    std::string out = "\"";
    const auto* p = reinterpret_cast<const uint8_t*>(value.data());
    const auto n = static_cast<int32_t>(value.size());
    int32_t i = 0;
    std::size_t shown = 0;
    bool cut = value.size() < whole.size();
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        const auto len = static_cast<std::size_t>(i - start);
        if (shown + len > max_bytes) {
            cut = true;
            break;
        }
        shown += len;
        if (c < 0) {
            // Not UTF-8: each byte of the bad sequence, escaped.
            for (int32_t k = start; k < i; ++k) escape_byte(p[k], out);
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
            // C0 and C1 control characters: a terminal would act on them.
            if (c < 0x80) {
                escape_byte(static_cast<unsigned char>(c), out);
            } else {
                for (int32_t k = start; k < i; ++k) escape_byte(p[k], out);
            }
        } else {
            out.append(value.substr(static_cast<std::size_t>(start), len));
        }
    }
    if (cut) out += "\u2026";
    return out + "\"";
}

}  // namespace tigris
