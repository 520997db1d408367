#include "word_cache.h"

#include <algorithm>

#include "fnv1a.h"
#include "tigris/analyzed_token.h"
#include "tigris/name_match.h"

namespace tigris {

namespace {

// Entries of the word cache (powers of two): 64 KiB at first, up to 8 MiB.
constexpr std::size_t kWordCacheMin = 1024;
constexpr std::size_t kWordCacheMax = 131072;

}  // namespace

WordCache::WordCache() : entries_(kWordCacheMin) {}

std::uint32_t WordCache::hash(std::string_view norm) { return fnv1a(norm); }

WordFacts WordCache::facts(std::string_view norm, std::uint32_t h, Xapian::Stem& stemmer, const EnglishWords& words) {
    WordInfo* e = &entries_[h & (entries_.size() - 1)];
    if (e->hash == h && (e->flags & WordInfo::kFilled) != 0 && e->norm() == norm) return e->facts();

    // A miss: the stemmer, the word set and the key rules.
    miss_norm_.assign(norm.data(), norm.size());
    miss_stem_ = stemmer(miss_norm_);
    const std::string_view bare = TokenAnalysis::strip_possessive(norm);
    const bool english = words.contains(bare) || (bare.size() != norm.size() && words.contains(norm));
    // Every word has a block key: an English word capitalized mid-sentence is a name too.
    miss_key_ = name_block_key(bare);
    if (norm.size() + miss_stem_.size() + miss_key_.size() > sizeof(WordInfo::bytes)) {
        return WordFacts{miss_stem_, miss_key_, english};  // too long to keep
    }
    // A cache that misses often is too small for the text's vocabulary (an indexer's);
    // one that rarely misses (a query's) stays small.
    if (++misses_ > 2 * entries_.size() && entries_.size() < kWordCacheMax) {
        grow();
        e = &entries_[h & (entries_.size() - 1)];
    }
    e->hash = h;
    e->norm_len = static_cast<std::uint8_t>(norm.size());
    e->stem_len = static_cast<std::uint8_t>(miss_stem_.size());
    e->key_len = static_cast<std::uint8_t>(miss_key_.size());
    e->flags = static_cast<std::uint8_t>(WordInfo::kFilled | (english ? WordInfo::kEnglish : 0));
    std::copy(norm.begin(), norm.end(), e->bytes);
    std::copy(miss_stem_.begin(), miss_stem_.end(), e->bytes + norm.size());
    std::copy(miss_key_.begin(), miss_key_.end(), e->bytes + norm.size() + miss_stem_.size());
    return e->facts();
}

void WordCache::grow() {
    std::vector<WordInfo> bigger(entries_.size() * 2);
    for (const WordInfo& e : entries_) {
        if ((e.flags & WordInfo::kFilled) != 0) bigger[e.hash & (bigger.size() - 1)] = e;
    }
    entries_.swap(bigger);
    misses_ = 0;
}

}  // namespace tigris
