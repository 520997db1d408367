#include "tigris/analyzed_token.h"

#include <algorithm>

#include "word_cache.h"

namespace tigris {

namespace {

// Articles that are always articles before a word (al-Sadr, el-Sadr, "al Qaeda").
bool is_plain_article(std::string_view w) { return w == "al" || w == "el" || w == "ul"; }

// Sun-letter forms (as-Sadr, an-Najaf, "Ar Ramadi", "Ad Diwaniyah"): also English
// words or syllables, so they count only before a capitalized name.
bool is_assimilated_article(std::string_view w) {
    return w == "as" || w == "ash" || w == "ad" || w == "adh" || w == "an" || w == "ar" ||
           w == "at" || w == "ath" || w == "az" || w == "ad" || w == "es" || w == "er";
}

// Forms that are words or names alone (Ed Davey), so they count only hyphened before
// the d they are written as: Salah ed-Din, Shams ud-Din.
bool is_hyphened_article(std::string_view w) { return w == "ed" || w == "ud"; }

bool letters_only(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Hyphen compounds: each part points at the compound's first part.
void link_compounds(std::vector<AnalyzedToken>& out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool joined_to_prev = i > 0 && out[i - 1].token.has(kHyphenNext);
        out[i].compound = joined_to_prev ? out[i - 1].compound : static_cast<std::uint32_t>(i);
        if (joined_to_prev) {
            out[i].in_compound = true;
            out[out[i].compound].in_compound = true;
        }
    }
}

// Whether @p a is an Arabic article of the name @p next: al-Sadr, as-Sadr, "Al Basrah",
// "An Najaf".
bool is_article_of(const AnalyzedToken& a, const AnalyzedToken& next, bool query) {
    if (next.token.has(kBreakBefore) || !next.token.has(kHasLetter) || next.token.has(kHasDigit) ||
        !letters_only(a.norm)) {
        return false;
    }
    const bool hyphened = a.token.has(kHyphenNext) && !a.token.has(kLineHyphen);
    const bool next_capital = next.token.has(kCapitalized) && !next.token.has(kCapsContext);
    if (is_plain_article(a.norm)) return hyphened || !a.token.has(kHyphenNext);
    if (!is_assimilated_article(a.norm) && !(hyphened && is_hyphened_article(a.norm))) return false;
    // "as-Sadr": hyphened, the name capitalized (or the text in capitals), or any
    // capitalized word that starts with the sun letter the article is written as
    // ("ad-Din", though din is an English word).
    // "An Najaf": capitalized article, not at a sentence start, before a name.
    const bool name_next = next.kind == TokenKind::Name;
    if (hyphened) {
        const std::string_view sun = std::string_view(a.norm).substr(1);
        const bool assimilated = std::string_view(next.norm).substr(0, sun.size()) == sun;
        return (name_next || assimilated) && (next_capital || next.token.has(kCapsContext));
    }
    return name_next && next_capital && a.token.has(kCapitalized) && !a.token.has(kAllCaps) &&
           (query || !a.token.has(kBreakBefore));
}

// Articles take the kind Article, and leave the compound they were hyphened to:
// al-Sadr is the name Sadr.
void mark_articles(std::vector<AnalyzedToken>& out, bool query) {
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        AnalyzedToken& a = out[i];
        if (!is_article_of(a, out[i + 1], query)) continue;
        a.kind = TokenKind::Article;
        a.block.clear();
        if (a.token.has(kHyphenNext) && !a.token.has(kLineHyphen)) {
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

// Positions: every token but an article takes the next position. An article shares the
// position of the name after it, so that "Moqtada al-Sadr" and "Moqtada Sadr" are the
// same phrase.
void assign_positions(std::vector<AnalyzedToken>& out, Xapian::termpos first_pos) {
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

}  // namespace

TokenAnalysis::TokenAnalysis(std::shared_ptr<const EnglishWords> words)
    : words_(std::move(words)), stemmer_("english"), word_cache_(std::make_unique<WordCache>()) {}

TokenAnalysis::TokenAnalysis(const TokenAnalysis& other) : TokenAnalysis(other.words_) {}

TokenAnalysis::~TokenAnalysis() = default;

std::string_view TokenAnalysis::strip_possessive(std::string_view norm) {
    if (norm.size() > 2 && norm.substr(norm.size() - 2) == "'s") {
        norm.remove_suffix(2);
    } else if (norm.size() > 2 && norm.back() == '\'') {
        norm.remove_suffix(1);
    }
    return norm;
}

void TokenAnalysis::classify(AnalyzedToken& t, std::uint32_t hash) {
    const WordFacts info = word_cache_->facts(t.norm, hash, stemmer_, *words_);
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

bool TokenAnalysis::is_english(std::string_view norm) {
    return word_cache_->facts(norm, WordCache::hash(norm), stemmer_, *words_).english;
}

MatchForm TokenAnalysis::form_of(const std::string& norm) {
    const WordFacts info = word_cache_->facts(norm, WordCache::hash(norm), stemmer_, *words_);
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
    // Normalize every token first and fetch its word cache line ahead of classify().
    std::vector<std::uint32_t>& hashes = hash_scratch_;
    hashes.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        AnalyzedToken& t = out[i];
        t.token = tokens[i];
        normalizer_.normalize_into(t.token.surface(text), t.norm);
        hashes[i] = WordCache::hash(t.norm);
        word_cache_->prefetch(hashes[i]);
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        AnalyzedToken& t = out[i];
        t.pos = 0;
        t.compound = 0;
        t.in_compound = false;
        classify(t, hashes[i]);
    }
    link_compounds(out);
    mark_articles(out, query);
    assign_positions(out, first_pos);
}

}  // namespace tigris
