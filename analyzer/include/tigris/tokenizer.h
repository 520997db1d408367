// tigris: splits UTF-8 text into word tokens that keep transliterated names whole.
#pragma once

#include <string_view>
#include <vector>

#include "tigris/token.h"

namespace tigris {

/// Finds word tokens by the Unicode word-boundary rules (UAX #29, on ICU character
/// properties) with the joins romanized Arabic needs.
///
/// - Apostrophe-like marks between letters stay inside the word (Shi'a, Shi’a,
///   Shi‘a, Shi`a, Ba´ath); ICU's own rules would split at U+2018 and the backtick.
/// - A comma between a short letter run and a lower-case letter (Shi,a, al-Qa,ida) is
///   a mis-encoded ayn and stays inside the word, as no English word is written so.
/// - Hyphens (U+002D, U+2010, U+2011) between word characters end a token but mark it
///   kHyphenNext, so that later stages see compounds (al-Sadr, MNF-I); a hyphen at the
///   end of a line marks kLineHyphen (JURIS-\nDICTION).
/// - Digits keep '.' and ',' between them (3.5, 10,000).
/// - Soft hyphens (U+00AD) inside a word are dropped from the word, not split on.
/// Invalid UTF-8 never throws: bad bytes separate tokens.
class Tokenizer {
  public:
    /// Tokens longer than this many bytes are dropped, as Xapian's TermGenerator does.
    static constexpr std::size_t kMaxTokenBytes = 64;

    /// Appends the tokens of @p text to @p out (cleared first).
    void tokenize(std::string_view text, std::vector<Token>& out) const;
};

}  // namespace tigris
