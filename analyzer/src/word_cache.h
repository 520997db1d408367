// tigris: what token analysis derives from a normalized word, cached per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "tigris/english_words.h"

namespace tigris {

/// What classification derives from a normalized word alone: its stem, whether it (or
/// it without a possessive) is English, and its block key.
struct WordFacts {
    std::string_view stem;
    std::string_view key;  ///< block key of the word without a possessive
    bool english = false;
};

/// The facts of the words a TokenAnalysis has seen. Text follows Zipf's law, so a
/// direct-mapped cache answers most tokens without the stemmer, the word set or the key
/// rules. It grows while it misses often. One per TokenAnalysis: it serves one thread.
class WordCache {
  public:
    WordCache();

    /// The hash a word is cached by.
    static std::uint32_t hash(std::string_view norm);

    /// Fetches the cache line of the word with @p hash ahead of facts(): the cache is
    /// larger than the CPU's, and a hit is otherwise a wait on memory.
    void prefetch(std::uint32_t hash) const { __builtin_prefetch(&entries_[hash & (entries_.size() - 1)]); }

    /// The facts of @p norm, whose hash is @p hash: cached, or derived with @p stemmer
    /// and @p words and kept. The views live until the next call.
    WordFacts facts(std::string_view norm, std::uint32_t hash, Xapian::Stem& stemmer, const EnglishWords& words);

  private:
    // One cache line: the word, its stem and key side by side, so that a hit reads
    // one line. Words too long for it are not kept.
    struct alignas(64) WordInfo {
        static constexpr std::uint8_t kFilled = 1, kEnglish = 2;
        std::uint32_t hash = 0;
        std::uint8_t norm_len = 0, stem_len = 0, key_len = 0, flags = 0;
        char bytes[56] = {};
        std::string_view norm() const { return {bytes, norm_len}; }
        WordFacts facts() const {
            return {{bytes + norm_len, stem_len}, {bytes + norm_len + stem_len, key_len}, (flags & kEnglish) != 0};
        }
    };

    void grow();

    std::vector<WordInfo> entries_;
    std::size_t misses_ = 0;
    std::string miss_norm_, miss_stem_, miss_key_;  // a miss's facts, kept for their capacity
};

}  // namespace tigris
