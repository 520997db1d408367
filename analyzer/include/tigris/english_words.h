// tigris: the ordinary English words that variant rules must never touch.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

namespace tigris {

/// A set of lower-case English words (normalized: no diacritics, ASCII apostrophe).
/// Variant keys are computed only for words outside it, so that "jam", "bath" or
/// "missile" are never folded into a name.
class EnglishWords {
  public:
    /// Builds the set from a word list, one word per line; entries that start with an
    /// upper-case letter are proper names, not English words, and are skipped.
    static std::shared_ptr<const EnglishWords> from_word_list(std::string_view list);
    /// The list compiled into the library (Debian's wamerican).
    static std::shared_ptr<const EnglishWords> builtin();

    /// True when @p normalized_word is an English word.
    bool contains(std::string_view normalized_word) const;
    std::size_t size() const { return words_.size(); }

  private:
    std::unordered_set<std::string> words_;
};

}  // namespace tigris
