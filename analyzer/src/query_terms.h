// tigris: the analysis half of query building: runs of words, phrases and their
// explanation, with names matched against the index's names.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "tigris/analyzer.h"
#include "tigris/query_builder.h"

namespace tigris::query {

/// Matches a query's names against an index's names: the candidates are the name terms
/// with the name's block key, accepted when the scorer reads them as the same name,
/// where one of the two is an English word, only when they differ in how long vowels are
/// written (NameComparison::only_long_vowels), and never when the candidate is, by the
/// index's own evidence, an acronym (acronym_in_index).
class NameMatcher {
  public:
    /// @p explaining: also collect the close spellings refused (NameExpansion::refused);
    /// @p offering: the spellings to offer a word of the text in few documents
    /// (NameExpansion::suggestions).
    NameMatcher(const NameScorer& scorer, const EnglishWords& words, const Xapian::Database* vocabulary,
                bool explaining, bool offering)
        : scorer_(scorer), words_(words), vocabulary_(vocabulary), explaining_(explaining), offering_(offering) {}
    /// The accepted spellings of name token @p t in the field with @p pfx; offering, for a
    /// word of the text (no field), the spellings to offer too.
    const NameExpansion& expand(const AnalyzedToken& t, const std::string& pfx);
    /// The accepted spellings of the name @p spelling (block key @p block; @p english
    /// when the query's word is an English word written as a name), and with @p stem, the
    /// stem of a query word in lower case, the stem's spellings as a name too; with
    /// @p offer, the spellings to offer when it is in few documents (suggest()).
    const NameExpansion& expand(const std::string& spelling, std::string_view block, bool english,
                                const std::string& pfx, const std::string& stem = {}, bool offer = false);
    const std::deque<NameExpansion>& expansions() const { return done_; }

  private:
    /// A neighbour is evidence when at most this many documents hold it, or one in two
    /// hundred: Chalabi beside Ahmed and Ahmad is; Mohamed, Hussein or Ali, beside many
    /// given names, is not (Mohamed Rashed, Mohamed Rashad: two names).
    static constexpr Xapian::doccount kNeighbourDocuments = 25;
    /// ... and when one in this many of the neighbours of the spelling with fewer
    /// are the other's too.
    static constexpr std::size_t kNeighbourShare = 4;
    /// A name that the index writes both beside @p spelling and beside @p candidate, on
    /// the same side, and that few documents hold (kNeighbourDocuments), where they
    /// share a quarter of the neighbours of either (kNeighbourShare): the rarest such,
    /// described ("both before chalabi"); "" when there is none. @p own caches the
    /// neighbours of @p spelling, read on first use.
    /// The names written beside a spelling: before it ([0], 'l') and after it ([1], 'r').
    using Neighbours = std::array<std::set<std::string, std::less<>>, 2>;
    std::string shared_neighbour(const std::string& spelling, const std::string& candidate,
                                 std::optional<Neighbours>& own) const;
    /// The candidates of @p spelling (block key @p block) that the rules accept, appended
    /// to @p e; explaining, the near misses refused too.
    void collect(const std::string& spelling, std::string_view block, bool english, NameExpansion& e) const;
    /// The accepted spellings of @p spelling (collect), on their own: a plural's singular,
    /// a lower-case word's stem.
    std::vector<NameCandidate> candidates(const std::string& spelling, bool english, const std::string& pfx) const;
    /// A plural's singular, by all its spellings, is a name in at least this many
    /// documents (group_plural_base).
    static constexpr Xapian::doccount kPluralBaseDocuments = 3;
    /// The plurals of a people's, faith's or following's name meet it
    /// (group_plural_base): Sufi finds Sufis, Zaydis finds Zaydi and Zaidi; each added
    /// spelling says so ("plural", "singular").
    void join_plurals(NameExpansion& e) const;
    /// When @p e's word finds few documents (QueryBuilder::kSuggestBelow) as itself, by
    /// its stem and by its spellings, the closest name spellings with its block key
    /// @p block that many more documents hold into e.suggestions.
    void suggest(std::string_view block, NameExpansion& e) const;
    /// Spellings of up to this many letters may be acronyms (OPEC, ASEAN; NATO).
    static constexpr std::size_t kAcronymLetters = 5;
    /// An acronym is written in capitals inside text of mixed case in at least this many
    /// documents: fewer is a cable's habit of writing a surname in capitals (ATTIA, ABDOU).
    static constexpr Xapian::doccount kAcronymDocuments = 10;
    /// Whether the index holds @p spelling (block key @p block) written in capitals
    /// inside text of mixed case (an XA term) in kAcronymDocuments documents or more, and
    /// in at least four in five of the documents where it is a name term: OPEC, ISAF,
    /// ASEAN are acronyms; OMAR, Samer (in capitals in 6 of its 8 documents) are names.
    /// With @p evidence, says how often it is either ("in capitals in 12 documents, as a
    /// name in 13").
    bool acronym_in_index(std::string_view block, std::string_view spelling, std::string* evidence = nullptr) const;

    const NameScorer& scorer_;
    const EnglishWords& words_;
    const Xapian::Database* vocabulary_;
    bool explaining_;
    bool offering_;
    std::deque<NameExpansion> done_;  // stable references
    std::vector<char> offered_;       // by done_'s index: suggest() ran
};

/// Turns analyzed words into Xapian queries: a family by its concept term, a word by its
/// stem, a name by its spellings in the index.
class QueryTerms {
  public:
    QueryTerms(Analyzer& analyzer, const Xapian::Database* vocabulary, bool expand_families, bool explaining,
               bool offering)
        : analyzer_(analyzer),
          names_(analyzer.scorer(), *analyzer.english_words_ptr(), vocabulary, explaining, offering),
          expand_families_(expand_families) {}

    /// One query per unit of a run of words (a concept, a compound, a word), in order.
    std::vector<Xapian::Query> word_units(std::string_view run, const std::string& pfx);
    /// A phrase: positional units in order, the window widened for multi-word families;
    /// a name compound as its words or as one word, however written (one phrase each way).
    Xapian::Query phrase(std::string_view body, const std::string& pfx);
    /// How each word of @p body was read, appended to @p out; @p phrase: as phrase() reads
    /// it (a name compound as its words in the phrase, or as one word).
    void explain(std::string_view body, const std::string& pfx, bool phrase, std::vector<QueryWordExplanation>& out);
    /// The names matched so far, each once.
    const std::deque<NameExpansion>& names() const { return names_.expansions(); }

  private:
    Xapian::Query token_query(const AnalyzedToken& t, const std::string& pfx, bool positional);
    /// A name of several words (NameCompound) as its words, or as the one name they write.
    Xapian::Query name_compound_query(const TextAnalysis& a, const NameCompound& c, const std::string& pfx);
    /// In a phrase, a name compound written as one word: its spellings' raw terms.
    Xapian::Query compound_as_one_word(const NameCompound& c, const std::string& pfx);
    /// In a phrase, a word of a name compound written as one word, written apart.
    Xapian::Query compound_word(const std::string& word, bool abd, const std::string& pfx);
    /// Name compounds of a phrase written both ways (2^n phrases); any after, as written.
    static constexpr std::size_t kMaxPhraseCompounds = 3;
    Xapian::Query concept_query(const TextAnalysis& a, const ConceptMatch& m, const std::string& pfx,
                                bool positional);
    Xapian::Query compound_query(const TextAnalysis& a, std::size_t first, std::size_t last,
                                 const std::string& pfx);

    Analyzer& analyzer_;
    NameMatcher names_;
    bool expand_families_ = false;
};

}  // namespace tigris::query
