// tigris: the ordinary English words that variant rules must never touch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tigris {

/// A set of lower-case English words (normalized: no diacritics, ASCII apostrophe).
/// Variant keys are computed only for words outside it, so that "jam", "bath" or
/// "missile" are never folded into a name.
class EnglishWords {
  public:
    /// Builds the set from a word list, one word per line; entries that start with an
    /// upper-case letter are proper names, not English words, and are skipped (or, with
    /// @p proper_names, are the only ones kept).
    static std::shared_ptr<const EnglishWords> from_word_list(std::string_view list, bool proper_names = false);
    /// The list compiled into the library (Debian's wamerican).
    static std::shared_ptr<const EnglishWords> builtin();
    /// The proper names of the same list (entries that start with a capital), folded
    /// like words: the names an English speller knows (London, January, Baghdad).
    static std::shared_ptr<const EnglishWords> builtin_proper_names();

    /// True when @p normalized_word is an English word.
    bool contains(std::string_view normalized_word) const;
    std::size_t size() const { return count_; }
    /// A hash of the list it was built from: which words are English decides which
    /// tokens are names, so an index records it.
    std::uint64_t fingerprint() const { return fingerprint_; }

  private:
    // An open-addressing hash set of views into one buffer: a lookup hashes the
    // view and allocates nothing (it runs for every token).
    void insert(std::string_view word);
    std::size_t slot_of(std::string_view word) const;

    std::string buffer_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> slots_;  // offset+1, length; 0 = empty
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
    std::uint64_t fingerprint_ = 0;
};

}  // namespace tigris
