// tigris: a Xapian stemmer that folds single-word spelling variants, for plain Xapian code.
#pragma once

#include <memory>
#include <string>

#include <xapian.h>

#include "tigris/analyzed_token.h"
#include "tigris/lexicon.h"

namespace tigris {

/// A Xapian::StemImplementation for applications that keep Xapian's own
/// TermGenerator and QueryParser: it maps one word to one "stem" so that the
/// spellings of a name meet in the Z-prefixed stem terms.
///
/// - a one-word variant of a lexicon family → "@" + family id (Shiite, Shi'a → @shia);
/// - a word that is not English → "~" + its variant key (Moqtada, Muktada → ~muktada);
/// - an English word → its Porter2 stem (militias → militia), as Xapian::Stem("en").
///
/// Use it the same way at index and query time, and tell QueryParser to stem
/// capitalized words too (names are capitalized):
/// @code
///   auto words = tigris::EnglishWords::builtin();
///   tigris::TokenAnalysis analysis(words);
///   auto lexicon = tigris::load_lexicon({"synonyms"}, analysis);
///   Xapian::Stem stem(new tigris::VariantStemmer(lexicon, words));
///   Xapian::TermGenerator tg;  tg.set_stemmer(stem);
///   tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
///   Xapian::QueryParser qp;    qp.set_stemmer(stem);
///   qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
/// @endcode
/// Limits (those of a one-word stemmer): no multi-word names (Mahdi Army), no
/// acronyms (TermGenerator lower-cases JAM to jam), and TermGenerator splits at
/// hyphens and at U+2018 (al-Sadr → al, sadr). tigris's own Analyzer has none of them.
/// Like every Xapian stemmer it is not thread-safe: one per thread.
class VariantStemmer : public Xapian::StemImplementation {
  public:
    VariantStemmer(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const EnglishWords> words);

    std::string operator()(const std::string& word) override;
    std::string get_description() const override;

  private:
    std::shared_ptr<const Lexicon> lexicon_;
    TokenAnalysis analysis_;
};

}  // namespace tigris
