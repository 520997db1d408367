// tigris: a token after normalization and classification.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "tigris/english_words.h"
#include "tigris/normalizer.h"
#include "tigris/token.h"
#include "tigris/tokenizer.h"

namespace tigris {

/// What a token is to the name rules.
enum class TokenKind : std::uint8_t {
    Word,     ///< an English word, or any token with digits
    Name,     ///< letters, not an English word: a name (or a word the list lacks)
    Article,  ///< an Arabic article (al-, as-, An ...) before a name: shares its position
};

/// A token with its normalized forms and its place in the term stream.
struct AnalyzedToken {
    Token token;
    TokenKind kind = TokenKind::Word;
    std::string norm;  ///< normalized form; the raw term
    std::string stem;   ///< English (Porter2) stem of norm
    std::string block;  ///< name_block_key of the word without possessive (words of letters)
    Xapian::termpos pos = 0;     ///< 1-based position in its field
    std::uint32_t compound = 0;  ///< index of the first part of its hyphen compound
    bool in_compound = false;    ///< part of a hyphen compound of two or more words

    /// Whether the token is also indexed (and searched) by its stem, a Z term. Not a
    /// token that starts with a digit (2007, 3rd, 1990s), as Xapian's TermGenerator
    /// does not stem those: its stem would mostly repeat it, in one more term per
    /// document; a word with digits after a letter is stemmed (A380s, A380). Not a
    /// capitalized word that is not English: a name is not English (Berri is not
    /// berries, Sayed not say); a word the list lacks in lower case still is.
    bool has_stem_term() const {
        return !token.has(kLeadingDigit) && !(kind == TokenKind::Name && token.has(kCapitalized));
    }

    /// What the lexicon matches this token by: a name's spelling, a word's stem.
    bool matches_as_name() const { return kind == TokenKind::Name; }
};

/// A lexicon match form: a name's spelling (without possessive) and its block key, or
/// a word's stem.
struct MatchForm {
    bool name = false;
    std::string text;   ///< the spelling (name) or the stem (word)
    std::string block;  ///< name_block_key(text), for a name
    bool operator==(const MatchForm& o) const { return name == o.name && text == o.text; }
};

class WordCache;  // private to the analyzer library: analyzer/src/word_cache.h

/// Turns text into analyzed tokens: tokenize, normalize, classify, place.
///
/// Per thread: it holds a Xapian::Stem (not thread-safe) and caches what it derived
/// from the words it has seen, so the methods that analyze are not const. Use one per
/// thread; an Analyzer holds one of its own.
class TokenAnalysis {
  public:
    explicit TokenAnalysis(std::shared_ptr<const EnglishWords> words);
    /// A token analysis for another thread: the same word list, its own stemmer, an
    /// empty cache.
    TokenAnalysis(const TokenAnalysis& other);
    TokenAnalysis& operator=(const TokenAnalysis&) = delete;
    ~TokenAnalysis();

    /// Analyzes @p text; positions start at @p first_pos. A @p query has no sentences:
    /// "An Najaf" at its start is the article and the name.
    void analyze(std::string_view text, Xapian::termpos first_pos, std::vector<AnalyzedToken>& out,
                 bool query = false);

    /// The match form of one normalized word, as analyze() would compute it.
    MatchForm form_of(const std::string& norm);
    /// The match form of analyzed token @p t (its spelling without possessive, or stem).
    static MatchForm form_of(const AnalyzedToken& t);

    const Normalizer& normalizer() const { return normalizer_; }
    const EnglishWords& english_words() const { return *words_; }
    /// The English (Porter2) stem of @p word. Not const: Xapian's stemmer keeps its
    /// state between calls.
    std::string stem(const std::string& word) { return stemmer_(word); }

    /// True when @p norm (or it without a possessive) is an English word.
    bool is_english(std::string_view norm);

    /// The word without a possessive ending ('s, or the ' of s').
    static std::string_view strip_possessive(std::string_view norm);

  private:
    /// Classifies @p t, whose norm is set and hashes to @p hash (WordCache::hash).
    void classify(AnalyzedToken& t, std::uint32_t hash);

    Tokenizer tokenizer_;
    Normalizer normalizer_;
    std::shared_ptr<const EnglishWords> words_;
    Xapian::Stem stemmer_;
    // What classify() derives from a normalized word alone, cached (analyzer/src); per
    // object, like the stemmer.
    std::unique_ptr<WordCache> word_cache_;
    // analyze()'s buffers, kept for their capacity.
    std::vector<Token> token_scratch_;
    std::vector<std::uint32_t> hash_scratch_;
};

}  // namespace tigris
