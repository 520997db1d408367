#include "tigris/tokenizer.h"

#include <array>
#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tigris {

namespace {

// Marks written for ayn/hamza (or as apostrophes) that stay inside a word when a
// letter follows: ' ` ´ ’ ‘ ‛ ′.
bool is_apostrophe_like(UChar32 c) {
    switch (c) {
        case 0x0027: case 0x0060: case 0x00B4: case 0x2018: case 0x2019: case 0x201B:
        case 0x2032:
            return true;
        default:
            return false;
    }
}

bool is_hyphen(UChar32 c) { return c == 0x002D || c == 0x2010 || c == 0x2011; }

// What the tokenizer asks of a character, as bits: one table lookup for ASCII (most
// of any English text), ICU's properties for the rest.
enum CharClass : std::uint8_t { kWord = 1, kAlpha = 2, kUpper = 4, kLower = 8, kDigit = 16 };

constexpr std::array<std::uint8_t, 128> make_ascii_classes() {
    std::array<std::uint8_t, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kWord | kAlpha | kLower;
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kWord | kAlpha | kUpper;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kWord | kDigit;
    return t;
}
constexpr std::array<std::uint8_t, 128> kAsciiClasses = make_ascii_classes();

// The classes of @p c; a negative c (a bad byte) is in none.
std::uint8_t char_class(UChar32 c) {
    if (c < 0) return 0;
    if (c < 0x80) return kAsciiClasses[static_cast<std::size_t>(c)];
    unsigned k = 0;
    if (u_isalpha(c)) k |= kAlpha;
    if (u_isupper(c) || u_istitle(c)) k |= kUpper;
    if (u_islower(c)) k |= kLower;
    if (u_isdigit(c)) k |= kDigit;
    // A soft hyphen is removed by normalization, not a break.
    if (c == 0x00AD || u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) ||
        u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK) {
        k |= kWord;
    }
    return static_cast<std::uint8_t>(k);
}

bool is_word_char(UChar32 c) { return (char_class(c) & kWord) != 0; }
bool is_alpha(UChar32 c) { return (char_class(c) & kAlpha) != 0; }
bool is_lower(UChar32 c) { return (char_class(c) & kLower) != 0; }
bool is_digit(UChar32 c) { return (char_class(c) & kDigit) != 0; }

bool is_sentence_end(UChar32 c) {
    return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == 0x3002;
}

struct Decoder {
    std::string_view text;
    // Decodes the code point at @p i (or U_SENTINEL for a bad byte) and its length.
    UChar32 at(std::size_t i, std::size_t* len) const {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            *len = 1;
            return b;
        }
        const auto* s = reinterpret_cast<const uint8_t*>(text.data());
        const auto n = static_cast<int32_t>(text.size());
        auto pos = static_cast<int32_t>(i);
        UChar32 c;
        U8_NEXT(s, pos, n, c);
        *len = static_cast<std::size_t>(pos) - i;
        return c;
    }
};

}  // namespace

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& out) const {
    out.clear();
    const Decoder dec{text};
    std::size_t i = 0;
    const std::size_t n = text.size();

    bool pending_break = true;
    std::size_t para_first = 0;  // index in out of the paragraph's first token
    std::size_t para_upper = 0, para_lower = 0;
    auto close_paragraph = [&]() {
        // A paragraph written in capitals (under 5% lower case) says nothing by case.
        if (para_upper >= 6 && para_lower * 20 <= para_upper) {
            for (std::size_t k = para_first; k < out.size(); ++k) out[k].flags |= kCapsContext;
        }
        para_first = out.size();
        para_upper = para_lower = 0;
    };

    std::size_t newlines = 0;
    while (i < n) {
        std::size_t len;
        UChar32 c = dec.at(i, &len);
        if (!is_word_char(c)) {
            if (c == '\n') {
                if (++newlines >= 2) {
                    pending_break = true;
                    close_paragraph();
                }
            } else if (c >= 0 && is_sentence_end(c)) {
                pending_break = true;
            }
            i += len;
            continue;
        }
        newlines = 0;

        Token tok;
        tok.begin = i;
        if (is_digit(c)) tok.flags |= kLeadingDigit;
        if (pending_break) tok.flags |= kBreakBefore;
        pending_break = false;
        std::size_t letters = 0, upper = 0, run = 0;  // run: letters since last mark
        bool first_letter_seen = false;
        while (i < n) {
            c = dec.at(i, &len);
            const std::uint8_t k = char_class(c);
            if ((k & kWord) != 0) {
                if ((k & kAlpha) != 0) {
                    ++letters;
                    ++run;
                    const bool up = (k & kUpper) != 0;
                    if (up) {
                        ++upper;
                        ++para_upper;
                    } else if ((k & kLower) != 0) {
                        ++para_lower;
                    }
                    if (!first_letter_seen) {
                        first_letter_seen = true;
                        if (up) tok.flags |= kCapitalized;
                    }
                    tok.flags |= kHasLetter;
                } else if ((k & kDigit) != 0) {
                    tok.flags |= kHasDigit;
                }
                i += len;
                continue;
            }
            // An infix character stays inside the word only when a word char follows.
            std::size_t next_len = 0;
            const UChar32 next = (i + len < n) ? dec.at(i + len, &next_len) : -1;
            const bool next_is_letter = next >= 0 && is_alpha(next);
            const bool prev_is_letter = run > 0;
            if (c >= 0 && is_apostrophe_like(c) && prev_is_letter && next_is_letter) {
                run = 0;
                i += len;
                continue;
            }
            if (c == ',' && prev_is_letter && run <= 3 && next >= 0 && is_lower(next)) {
                run = 0;
                i += len;
                continue;
            }
            if ((c == '.' || c == ',') && (tok.flags & kHasDigit) && next >= 0 &&
                is_digit(next) && i > tok.begin) {
                std::size_t plen;
                // Only between two digits: 3.5, 10,000.
                const UChar32 prev = dec.at(i - 1, &plen);
                if (is_digit(prev)) {
                    i += len;
                    continue;
                }
            }
            if (c >= 0 && is_hyphen(c)) {
                if (next >= 0 && is_word_char(next)) {
                    tok.flags |= kHyphenNext;
                } else {
                    // A hyphen at the end of a hard-wrapped line: "JURIS-\n  DICTION".
                    std::size_t j = i + len;
                    bool newline = false;
                    while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' ||
                                     text[j] == '\n')) {
                        if (text[j] == '\n') {
                            if (newline) break;
                            newline = true;
                        }
                        ++j;
                    }
                    std::size_t l2;
                    if (newline && j < n) {
                        const UChar32 after = dec.at(j, &l2);
                        if (after >= 0 && is_alpha(after)) tok.flags |= kHyphenNext | kLineHyphen;
                    }
                }
            }
            break;
        }
        tok.end = i;
        if (letters > 0 && upper == letters) tok.flags |= kAllCaps;
        if (tok.end - tok.begin <= kMaxTokenBytes) {
            out.push_back(tok);
        } else if (!out.empty()) {
            out.back().flags &= static_cast<std::uint16_t>(~(kHyphenNext | kLineHyphen));
        }
    }
    close_paragraph();
}

}  // namespace tigris
