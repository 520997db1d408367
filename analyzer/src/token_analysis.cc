#include "tigris/analyzed_token.h"

#include <algorithm>

#include "tigris/fnv1a.h"
#include "tigris/name_match.h"

namespace tigris {

namespace {

// Entries of the word cache (powers of two): 64 KiB at first, up to 8 MiB.
constexpr std::size_t kWordCacheMin = 1024;
constexpr std::size_t kWordCacheMax = 131072;

// Articles that are always articles before a word (al-Sadr, el-Sadr, "al Qaeda").
bool is_plain_article(std::string_view w) { return w == "al" || w == "el" || w == "ul"; }

// Sun-letter forms (as-Sadr, an-Najaf, "Ar Ramadi", "Ad Diwaniyah"): also English
// words or syllables, so they count only before a capitalized name.
bool is_assimilated_article(std::string_view w) {
    return w == "as" || w == "ash" || w == "ad" || w == "adh" || w == "an" || w == "ar" ||
           w == "at" || w == "ath" || w == "az" || w == "ad" || w == "es" || w == "er";
}

bool letters_only(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

TokenAnalysis::TokenAnalysis(std::shared_ptr<const EnglishWords> words)
    : word_cache_(kWordCacheMin), words_(std::move(words)), stemmer_("english") {}

std::uint32_t TokenAnalysis::word_hash(std::string_view norm) { return fnv1a(norm); }

TokenAnalysis::WordFacts TokenAnalysis::word_facts(std::string_view norm) {
    return word_facts(norm, word_hash(norm));
}

TokenAnalysis::WordFacts TokenAnalysis::word_facts(std::string_view norm, std::uint32_t h) {
    WordInfo* e = &word_cache_[h & (word_cache_.size() - 1)];
    if (e->hash == h && (e->flags & WordInfo::kFilled) != 0 && e->norm() == norm) return e->facts();

    // A miss: the stemmer, the word set and the key rules.
    miss_norm_.assign(norm.data(), norm.size());
    miss_stem_ = stemmer_(miss_norm_);
    const std::string_view bare = strip_possessive(norm);
    const bool english = words_->contains(bare) || (bare.size() != norm.size() && words_->contains(norm));
    // Every word has a block key: an English word capitalized mid-sentence is a name too.
    miss_key_ = name_block_key(bare);
    if (norm.size() + miss_stem_.size() + miss_key_.size() > sizeof(WordInfo::bytes)) {
        return WordFacts{miss_stem_, miss_key_, english};  // too long to keep
    }
    // A cache that misses often is too small for the text's vocabulary (an indexer's);
    // one that rarely misses (a query's) stays small.
    if (++cache_misses_ > 2 * word_cache_.size() && word_cache_.size() < kWordCacheMax) {
        grow_word_cache();
        e = &word_cache_[h & (word_cache_.size() - 1)];
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

void TokenAnalysis::grow_word_cache() {
    std::vector<WordInfo> bigger(word_cache_.size() * 2);
    for (const WordInfo& e : word_cache_) {
        if ((e.flags & WordInfo::kFilled) != 0) bigger[e.hash & (bigger.size() - 1)] = e;
    }
    word_cache_.swap(bigger);
    cache_misses_ = 0;
}

std::string_view TokenAnalysis::strip_possessive(std::string_view norm) {
    if (norm.size() > 2 && norm.substr(norm.size() - 2) == "'s") {
        norm.remove_suffix(2);
    } else if (norm.size() > 2 && norm.back() == '\'') {
        norm.remove_suffix(1);
    }
    return norm;
}

void TokenAnalysis::classify(AnalyzedToken& t, std::uint32_t hash) {
    const WordFacts info = word_facts(t.norm, hash);
    t.stem.assign(info.stem.data(), info.stem.size());
    const std::string_view bare = strip_possessive(t.norm);
    const bool wordlike = t.token.has(kHasLetter) && !t.token.has(kHasDigit) && bare.size() >= 2;
    t.kind = wordlike && !info.english ? TokenKind::Name : TokenKind::Word;
    if (wordlike) {
        t.block.assign(info.key.data(), info.key.size());
    } else {
        t.block.clear();
    }
}

bool TokenAnalysis::is_english(std::string_view norm) { return word_facts(norm).english; }

MatchForm TokenAnalysis::form_of(const std::string& norm) {
    const WordFacts info = word_facts(norm);
    if (info.english) return MatchForm{false, std::string(info.stem), ""};
    return MatchForm{true, std::string(strip_possessive(norm)), std::string(info.key)};
}

MatchForm TokenAnalysis::form_of(const AnalyzedToken& t) {
    if (t.kind != TokenKind::Name) return MatchForm{false, t.stem, ""};
    return MatchForm{true, std::string(strip_possessive(t.norm)), t.block};
}

void TokenAnalysis::analyze(std::string_view text, Xapian::termpos first_pos,
                            std::vector<AnalyzedToken>& out, bool query) {
    // The token buffer and the tokens' strings keep their capacity from one text to the
    // next: most tokens then cost no allocation.
    std::vector<Token>& tokens = token_scratch_;
    tokens.clear();
    tokenizer_.tokenize(text, tokens);
    out.resize(tokens.size());
    // Normalize every token first and fetch its word cache line ahead of classify():
    // the cache is larger than the CPU's, and a hit is otherwise a wait on memory.
    std::vector<std::uint32_t>& hashes = hash_scratch_;
    hashes.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        AnalyzedToken& t = out[i];
        t.token = tokens[i];
        normalizer_.normalize_into(t.token.surface(text), t.norm);
        hashes[i] = word_hash(t.norm);
        __builtin_prefetch(&word_cache_[hashes[i] & (word_cache_.size() - 1)]);
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        AnalyzedToken& t = out[i];
        t.pos = 0;
        t.compound = 0;
        t.in_compound = false;
        classify(t, hashes[i]);
    }
    // Hyphen compounds: each part points at the compound's first part.
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool joined_to_prev = i > 0 && out[i - 1].token.has(kHyphenNext);
        out[i].compound = joined_to_prev ? out[i - 1].compound : static_cast<std::uint32_t>(i);
        if (joined_to_prev) {
            out[i].in_compound = true;
            out[out[i].compound].in_compound = true;
        }
    }
    // Articles: al-Sadr, as-Sadr, "Al Basrah", "An Najaf". An article shares the
    // position of the name after it, so that "Moqtada al-Sadr" and "Moqtada Sadr" are
    // the same phrase.
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        AnalyzedToken& a = out[i];
        const AnalyzedToken& next = out[i + 1];
        if (next.token.has(kBreakBefore) || !next.token.has(kHasLetter) ||
            next.token.has(kHasDigit) || !letters_only(a.norm)) {
            continue;
        }
        const bool hyphened = a.token.has(kHyphenNext) && !a.token.has(kLineHyphen);
        const bool next_capital = next.token.has(kCapitalized) && !next.token.has(kCapsContext);
        bool article = false;
        if (is_plain_article(a.norm)) {
            article = hyphened || !a.token.has(kHyphenNext);
        } else if (is_assimilated_article(a.norm)) {
            // "as-Sadr": hyphened, the name capitalized (or the text in capitals).
            // "An Najaf": capitalized article, not at a sentence start, before a name.
            const bool name_next = next.kind == TokenKind::Name;
            if (hyphened) {
                article = name_next && (next_capital || next.token.has(kCapsContext));
            } else {
                article = name_next && next_capital && a.token.has(kCapitalized) &&
                          !a.token.has(kAllCaps) && (query || !a.token.has(kBreakBefore));
            }
        }
        if (article) {
            a.kind = TokenKind::Article;
            a.block.clear();
            // The article is not part of a compound: al-Sadr is the name Sadr.
            if (hyphened) {
                out[i + 1].compound = static_cast<std::uint32_t>(i + 1);
                bool rest = out[i + 1].token.has(kHyphenNext);
                out[i + 1].in_compound = rest;
                a.in_compound = false;
                a.compound = static_cast<std::uint32_t>(i);
                for (std::size_t j = i + 2; rest && j < out.size(); ++j) {
                    out[j].compound = static_cast<std::uint32_t>(i + 1);
                    rest = out[j].token.has(kHyphenNext);
                }
            }
        }
    }
    // Positions: every token but an article takes the next position.
    Xapian::termpos pos = first_pos;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].kind == TokenKind::Article) continue;
        out[i].pos = pos++;
    }
    for (std::size_t i = out.size(); i-- > 0;) {
        if (out[i].kind == TokenKind::Article) {
            out[i].pos = (i + 1 < out.size()) ? out[i + 1].pos : pos;
        }
    }
}

}  // namespace tigris
