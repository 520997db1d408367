// tigris: the counts the search page draws: matches over time, and which spelling of the
// query's names and families the matches write, by month and by source.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tigris/searcher.h"

namespace tigris {

/// How the matches of a query write one spelling of its names.
struct SpellingFacet {
    std::string text;  ///< a family's variant as listed, a name's spelling as indexed
    std::string via;   ///< why it is the query's: "family shia", "name walid ← waleed: i/ee (0.54)"
    std::uint64_t documents = 0;                       ///< matches that write it
    std::map<std::string, std::uint64_t> by_month;     ///< of those, by month (YYYY-MM)
    std::map<std::string, std::uint64_t> by_source;    ///< of those, by source
};

/// The counts behind the search page's pictures.
struct FacetCounts {
    /// Matches by month (YYYY-MM) under the query's source filter but not its dates: the
    /// timeline shows where the chosen range lies among all of them.
    std::map<std::string, std::uint64_t> timeline;
    std::uint64_t undated = 0;  ///< matches without a date (not on the timeline)
    std::vector<SpellingFacet> spellings;  ///< found in the matches, in the query's order
    std::size_t spellings_left_out = 0;    ///< beyond kMaxSpellingFacets
};

/// At most this many spellings are counted (each is one more pass over the matches).
inline constexpr std::size_t kMaxSpellingFacets = 12;

/// Counts the matches of @p query under @p options' filters. A spelling is a name's
/// spelling in the index that the query was read as, or a listed variant or acronym of
/// a family the query names; a document that writes two spellings counts for both. A
/// variant counts in the form the index holds it: a one-word English variant by its
/// stem (Shiites for Shiite), a name by its exact spelling, several words as a phrase.
/// Works the same on sharded and remote indexes (only Xapian's own match spies).
/// @exception QueryError for a query that does not parse.
FacetCounts count_facets(Searcher& searcher, const std::string& query, const SearchOptions& options);

/// {"timeline": {"YYYY-MM": n}, "undated": n, "spellings": [{"text", "via", "documents",
/// "month": {...}, "source": {...}}], "spellings_left_out": n}
nlohmann::json to_json(const FacetCounts& counts);

}  // namespace tigris
