// tigris: a token of text, as the tokenizer finds it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tigris {

/// What the tokenizer knows of a token beyond its bytes.
enum TokenFlag : std::uint16_t {
    kCapitalized = 1 << 0,   ///< first letter is upper or title case
    kAllCaps = 1 << 1,       ///< every letter is upper case (and there is one)
    kCapsContext = 1 << 2,   ///< in a paragraph written in capitals: case tells nothing
    kHyphenNext = 1 << 3,    ///< joined to the next token by a hyphen (a compound)
    kLineHyphen = 1 << 4,    ///< that hyphen ends a line: a word split by hard wrapping
    kBreakBefore = 1 << 5,   ///< sentence punctuation or a blank line precedes it
    kHasDigit = 1 << 6,      ///< contains a digit
    kHasLetter = 1 << 7,     ///< contains a letter
    kLeadingDigit = 1 << 8,  ///< its first character is a digit (2007, 3rd, 9-11)
};

/// A word of the input: its byte span and what its shape says.
struct Token {
    std::size_t begin = 0;  ///< byte offset of the first byte in the input
    std::size_t end = 0;    ///< byte offset one past the last byte
    std::uint16_t flags = 0;

    bool has(TokenFlag f) const { return (flags & f) != 0; }
    std::string_view surface(std::string_view text) const {
        return text.substr(begin, end - begin);
    }
};

}  // namespace tigris
