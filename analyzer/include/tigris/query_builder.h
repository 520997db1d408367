// tigris: builds a Xapian::Query from the user's query text with the analyzer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "tigris/analyzer.h"

namespace tigris {

/// Value slots written by the indexer and read by the query language.
namespace slot {
inline constexpr Xapian::valueno kDate = 0;    ///< YYYYMMDD
inline constexpr Xapian::valueno kSource = 1;  ///< source name
}  // namespace slot

/// How one word of a query was read, for --explain.
struct QueryWordExplanation {
    std::string text;   ///< as typed
    std::string norm;   ///< normalized
    std::string kind;   ///< word | name | article | acronym | family
    std::string terms;  ///< the terms it searches for
    std::string via;    ///< the family or rule that produced them
};

/// The query language: words, "phrases", AND / OR / NOT (in capitals), +word,
/// -word, parentheses, title:WORD and title:"PHRASE", source:NAME, year:YYYY,
/// date:FROM..TO (YYYY, YYYY-MM or YYYY-MM-DD; either end may be empty).
///
/// Words go through the same Analyzer as documents, so a spelling variant, a
/// multi-word name or an acronym finds the same concept term as the documents it
/// names. A word in capitals that the lexicon lists as an acronym (JAM) is the
/// acronym; in lower case (jam) it is the word.
class QueryBuilder {
  public:
    explicit QueryBuilder(const Analyzer& analyzer) : analyzer_(analyzer) {}

    /// For an index built with other synonym lists: a family's concept term also
    /// matches the variant keys of its one-word name variants, so that a spelling added
    /// to the lists since is found without re-indexing (in an index built with the
    /// same lists those keys were never written for lexicon matches, so this adds
    /// nothing there but cost).
    void set_expand_by_variant_keys(bool on) { expand_by_keys_ = on; }

    /// Parses and analyzes @p text. @p default_op joins words with no operator
    /// between them (OP_AND or OP_OR).
    /// @exception QueryError quoting the offending part of the query.
    Xapian::Query build(std::string_view text,
                        Xapian::Query::op default_op = Xapian::Query::OP_AND) const;

    /// How each word of @p text was read (operators and fields omitted).
    std::vector<QueryWordExplanation> explain(std::string_view text) const;

  private:
    const Analyzer& analyzer_;
    bool expand_by_keys_ = false;
};

}  // namespace tigris
