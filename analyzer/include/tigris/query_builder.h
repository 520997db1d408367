// tigris: builds a Xapian::Query from the user's query text with the analyzer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "tigris/analyzer.h"

namespace tigris {

/// A spelling of a name in the index that a query's name was read as.
struct NameCandidate {
    std::string spelling;           ///< as indexed (normalized)
    std::string term;               ///< its name term
    double cost = 0;                ///< the scorer's distance from the query's spelling
    std::string differences;        ///< the edits read, this spelling's side first: "ee/i"
                                    ///< (hameed for hamid); "" for the query's own
    Xapian::doccount documents = 0; ///< documents with the term (over all shards)
    /// Joined above the scorer's threshold: a name both are written beside in the index
    /// ("both before chalabi"); joined as the plural or the singular of the query's name
    /// (group_plural_base): "plural", "singular"; "" for a spelling within the threshold
    std::string evidence;
};

/// A spelling in the index close to a query's name that the query was not read as.
struct RefusedSpelling {
    std::string spelling;            ///< as indexed (normalized)
    double cost = 0;                 ///< the scorer's distance from the query's spelling
    std::string differences;         ///< the edits read, this spelling's side first: "y/i"
    std::string reason;              ///< why it was not joined: "English word: more than a long vowel"
    Xapian::doccount documents = 0;  ///< documents with its name term
};

/// How one name of a query was matched against the index's names.
struct NameExpansion {
    std::string spelling;      ///< the query's spelling (normalized)
    std::string field_prefix;  ///< "" for the text, "S" for title:
    std::vector<NameCandidate> spellings;  ///< accepted: the exact spelling first, then by cost
    /// Only when explaining (QueryBuilder::explain): the closest spellings not joined,
    /// by the threshold, the English-word rule or the acronym rule, closest first.
    std::vector<RefusedSpelling> refused;
    std::string note;  ///< a rule that applied to the query's spelling itself ("" for none)
    /// A query word in lower case, searched by its stem as Xapian's QueryParser searches it:
    /// that stem, whose spellings as a name are joined too (shuras: shura, Shura, Shoura);
    /// "" for none.
    std::string stem;
    /// When a word of the query's text (not of a field such as title:, nor a name
    /// compound's joined spelling) finds few documents (QueryBuilder::kSuggestBelow) as
    /// itself, by its stem and by the spellings joined: the name spellings with its block
    /// key, not joined, that come closest (up to kSuggestPerLetter times the scorer's
    /// threshold for each of its letters, at most kSuggestReach times; an English word
    /// written as a name may be one, an acronym by the index's evidence not) and that many
    /// more documents hold (kSuggestRatio times as many, one where the word finds none),
    /// closest first, at most kMaxSuggestions: what the user may have meant (Shahrastani:
    /// Shahristani, a/i). Only when a report is asked for, or explaining; never searched.
    std::vector<NameCandidate> suggestions;
};

/// What building a query found out beyond the query itself.
struct QueryReport {
    std::vector<NameExpansion> names;
    /// The query with each word that has suggestions (NameExpansion::suggestions) written
    /// as the closest of them, in the case it was typed in ("Shahrastani oil" →
    /// "Shahristani oil"); "" when no word has any.
    std::string did_you_mean;
};

/// How one word of a query was read, for --explain.
struct QueryWordExplanation {
    std::string text;   ///< as typed
    std::string norm;   ///< normalized
    std::string kind;   ///< word | name | article | acronym | family
    std::string terms;  ///< the terms it searches for
    std::string via;    ///< the family or rule that produced them
    /// For a name: how it was matched against the index (with what was refused).
    std::optional<NameExpansion> name;
};

/// The query language: words, "phrases", AND / OR / NOT (in capitals), +word,
/// -word, parentheses, title:WORD and title:"PHRASE", source:NAME, year:YYYY,
/// date:FROM..TO (YYYY, YYYY-MM or YYYY-MM-DD; either end may be empty).
///
/// Words go through the same Analyzer as documents, so a spelling variant, a
/// multi-word name or an acronym finds the same concept term as the documents it
/// names. A word in capitals that the lexicon lists as an acronym (JAM) is the
/// acronym; in lower case (jam) it is the word.
///
/// A builder analyzes with the Analyzer it was given, so it serves that analyzer's
/// thread: build() and explain() are not const, as the analyzer's own methods are not.
class QueryBuilder {
  public:
    /// At most this many spellings of one name are searched (the closest).
    static constexpr std::size_t kMaxSpellings = 64;
    /// A spelling up to this multiple of the scorer's threshold away is joined where the
    /// index writes both beside the same rare names (Ahmed and Ahmad before Chalabi).
    static constexpr double kNeighbourReach = 1.6;
    /// explain() lists at most this many refused spellings of a name (the closest) ...
    static constexpr std::size_t kMaxRefused = 8;
    /// ... among those within this multiple of the scorer's threshold.
    static constexpr double kRefusedReach = 1.6;
    /// A query word found in fewer documents than this (NameExpansion::suggestions) ...
    static constexpr Xapian::doccount kSuggestBelow = 5;
    /// ... is offered the name spellings up to this multiple of the scorer's threshold away
    /// for each of its letters (a difference weighs more in a short name: Goth is no Jud,
    /// Cadiz no Judith), and never further than kSuggestReach times ...
    static constexpr double kSuggestPerLetter = 0.35;
    static constexpr double kSuggestReach = 3.5;
    /// ... in this many times as many documents ...
    static constexpr Xapian::doccount kSuggestRatio = 10;
    /// ... at most this many, the closest.
    static constexpr std::size_t kMaxSuggestions = 3;

    /// A builder whose names are matched against the names of @p vocabulary (an index,
    /// local, sharded or remote: its name terms are ordinary terms); without one, a
    /// name finds its own spelling only.
    explicit QueryBuilder(Analyzer& analyzer, const Xapian::Database* vocabulary = nullptr)
        : analyzer_(analyzer), vocabulary_(vocabulary) {}

    /// For an index built with other synonym lists: a family is also searched by its
    /// variants' words and acronyms as written, so that a spelling added to the lists
    /// since is found without re-indexing (with the same lists the family's concept
    /// term alone finds the same documents, faster).
    void set_expand_families(bool on) { expand_families_ = on; }

    /// Parses and analyzes @p text. @p default_op joins words with no operator
    /// between them (OP_AND or OP_OR). With @p report, says how names were matched.
    /// @exception QueryError quoting the offending part of the query.
    Xapian::Query build(std::string_view text, Xapian::Query::op default_op = Xapian::Query::OP_AND,
                        QueryReport* report = nullptr);

    /// How each word of @p text was read (operators and fields omitted); for a name,
    /// also the close spellings in the index it was not read as, and why
    /// (NameExpansion::refused).
    std::vector<QueryWordExplanation> explain(std::string_view text);

  private:
    Analyzer& analyzer_;
    const Xapian::Database* vocabulary_ = nullptr;
    bool expand_families_ = false;
};

}  // namespace tigris
