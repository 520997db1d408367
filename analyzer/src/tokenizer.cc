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

// One pass over a text: separators, then a token, then separators ... Keeps what the
// tokens' flags need: a sentence break pending, the paragraph's letter case.
class Scanner {
  public:
    Scanner(std::string_view text, std::vector<Token>& out) : text_(text), dec_{text}, out_(out) { out_.clear(); }

    void run() {
        while (i_ < text_.size()) {
            std::size_t len;
            const UChar32 c = dec_.at(i_, &len);
            if (is_word_char(c)) {
                read_token();
            } else {
                separator(c);
                i_ += len;
            }
        }
        close_paragraph();
    }

  private:
    // A blank line ends a paragraph and a sentence; sentence punctuation a sentence.
    void separator(UChar32 c) {
        if (c == '\n') {
            if (++newlines_ >= 2) {
                pending_break_ = true;
                close_paragraph();
            }
        } else if (c >= 0 && is_sentence_end(c)) {
            pending_break_ = true;
        }
    }

    // A paragraph written in capitals (under 5% lower case) says nothing by case.
    void close_paragraph() {
        if (para_upper_ >= 6 && para_lower_ * 20 <= para_upper_) {
            for (std::size_t k = para_first_; k < out_.size(); ++k) out_[k].flags |= kCapsContext;
        }
        para_first_ = out_.size();
        para_upper_ = para_lower_ = 0;
    }

    void read_token() {
        newlines_ = 0;
        Token tok;
        tok.begin = i_;
        std::size_t len;
        if (is_digit(dec_.at(i_, &len))) tok.flags |= kLeadingDigit;
        if (pending_break_) tok.flags |= kBreakBefore;
        // A marker in brackets at a sentence's start, a cable's classification "(C)",
        // "(S/NF)", leaves the start to the word after it: "¶4. (C) Nor has ...".
        const char before = i_ > 0 ? text_[i_ - 1] : '\0';
        const bool may_be_marker = pending_break_ && (before == '(' || (before == '/' && in_marker_));
        pending_break_ = false;
        in_marker_ = false;
        std::size_t letters = 0, upper = 0, run = 0;  // run: letters since the last mark
        while (i_ < text_.size()) {
            const UChar32 c = dec_.at(i_, &len);
            const std::uint8_t k = char_class(c);
            if ((k & kWord) != 0) {
                if ((k & kAlpha) != 0) {
                    count_letter(tok, k, letters, upper);
                    ++run;
                } else if ((k & kDigit) != 0) {
                    tok.flags |= kHasDigit;
                }
                i_ += len;
                continue;
            }
            if (!joins_inside(tok, c, len, run)) break;
            run = 0;
            i_ += len;
        }
        tok.end = i_;
        if (letters > 0 && upper == letters) tok.flags |= kAllCaps;
        if (may_be_marker && (tok.flags & kAllCaps) && letters <= kMarkerLetters && letters == tok.end - tok.begin &&
            i_ < text_.size() && (text_[i_] == ')' || text_[i_] == '/')) {
            pending_break_ = true;
            in_marker_ = true;
        }
        if (tok.end - tok.begin <= Tokenizer::kMaxTokenBytes) {
            out_.push_back(tok);
        } else if (!out_.empty()) {
            out_.back().flags &= static_cast<std::uint16_t>(~(kHyphenNext | kLineHyphen));
        }
    }

    void count_letter(Token& tok, std::uint8_t k, std::size_t& letters, std::size_t& upper) {
        const bool up = (k & kUpper) != 0;
        if (up) {
            ++upper;
            ++para_upper_;
        } else if ((k & kLower) != 0) {
            ++para_lower_;
        }
        if (letters++ == 0 && up) tok.flags |= kCapitalized;
        tok.flags |= kHasLetter;
    }

    // Whether non-word character @p c at i_ stays inside the token: an apostrophe-like
    // mark or a mis-encoded ayn comma between letters, '.' or ',' between digits. A
    // hyphen ends the token but marks it joined to the next (kHyphenNext).
    bool joins_inside(Token& tok, UChar32 c, std::size_t len, std::size_t run) {
        std::size_t next_len = 0;
        const UChar32 next = (i_ + len < text_.size()) ? dec_.at(i_ + len, &next_len) : -1;
        const bool next_is_letter = next >= 0 && is_alpha(next);
        if (c >= 0 && is_apostrophe_like(c) && run > 0 && next_is_letter) return true;
        if (c == ',' && run > 0 && run <= 3 && next >= 0 && is_lower(next)) return true;
        if ((c == '.' || c == ',') && (tok.flags & kHasDigit) && next >= 0 && is_digit(next) && i_ > tok.begin) {
            std::size_t plen;
            if (is_digit(dec_.at(i_ - 1, &plen))) return true;  // 3.5, 10,000
        }
        if (c >= 0 && is_hyphen(c)) mark_hyphen(tok, len, next);
        return false;
    }

    // A hyphen before a word character joins a compound; one at the end of a
    // hard-wrapped line joins the word it split ("JURIS-\n  DICTION").
    void mark_hyphen(Token& tok, std::size_t len, UChar32 next) {
        if (next >= 0 && is_word_char(next)) {
            tok.flags |= kHyphenNext;
            return;
        }
        std::size_t j = i_ + len;
        bool newline = false;
        while (j < text_.size() && (text_[j] == ' ' || text_[j] == '\t' || text_[j] == '\r' || text_[j] == '\n')) {
            if (text_[j] == '\n') {
                if (newline) return;
                newline = true;
            }
            ++j;
        }
        std::size_t l2;
        if (newline && j < text_.size()) {
            const UChar32 after = dec_.at(j, &l2);
            if (after >= 0 && is_alpha(after)) tok.flags |= kHyphenNext | kLineHyphen;
        }
    }

    std::string_view text_;
    Decoder dec_;
    std::vector<Token>& out_;
    std::size_t i_ = 0;
    bool pending_break_ = true;
    bool in_marker_ = false;  // the last token was a bracketed marker's (C of "(C)", S of "(S/NF)")
    static constexpr std::size_t kMarkerLetters = 6;  // C, SBU, NOFORN: at most this many letters
    std::size_t para_first_ = 0;  // index in out_ of the paragraph's first token
    std::size_t para_upper_ = 0, para_lower_ = 0;
    std::size_t newlines_ = 0;
};

}  // namespace

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& out) const { Scanner(text, out).run(); }

}  // namespace tigris
