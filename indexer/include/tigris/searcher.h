// tigris: ranked search over an index, with snippets and the reasons each hit matched.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tigris/analyzer.h"
#include "tigris/query_builder.h"

namespace tigris {

/// A piece of a snippet: text, highlighted when it matched the query.
struct SnippetPart {
    std::string text;
    bool highlighted = false;
};

/// A spelling in a hit that matched, and why ("family shia", "variant key sadr", "word").
struct MatchedSpelling {
    std::string text;
    std::string via;
};

struct Hit {
    std::size_t rank = 0;
    std::string id, title, date, source;
    double score = 0;
    std::size_t page = 0;                ///< with the snippet: its page, in a body with pages (form feeds)
    bool detailed = false;               ///< snippet and matched were computed
    std::vector<SnippetPart> snippet;
    std::vector<MatchedSpelling> matched;
};

struct SearchOptions {
    std::size_t limit = 10;
    std::size_t offset = 0;
    Xapian::Query::op op = Xapian::Query::OP_AND;
    std::size_t detailed = 20;     ///< hits that get a snippet and matched list
    std::size_t snippet_bytes = 300;
    std::vector<std::string> sources;  ///< only these sources (any of them), if given
    std::string from, to;              ///< only dates in [from, to] (YYYYMMDD, period_bound), if given
    bool facets = false;               ///< count all matches by source and by year
};

/// Matches a search looks at, at least, to count them: a query with fewer has an exact
/// total; one with more has Xapian's estimate unless the bounds meet.
inline constexpr std::size_t kExactTotalUpTo = 100;

struct SearchResult {
    std::string query;
    std::uint64_t total = 0;  ///< the matches: exact, or Xapian's estimate
    bool total_exact = true;  ///< whether total is a count (not an estimate)
    std::vector<Hit> hits;
    Xapian::Query xapian_query;
    std::map<std::string, std::uint64_t> source_counts;  ///< with facets
    std::map<std::string, std::uint64_t> year_counts;    ///< with facets
    std::map<std::string, std::uint64_t> month_counts;   ///< with facets: YYYY-MM
    /// The query's words that find few documents, with the name spellings in many more
    /// that come closest to each (NameExpansion::suggestions), once each ...
    std::vector<NameExpansion> suggested;
    /// ... and the query with each written as the closest (QueryReport::did_you_mean);
    /// "" when there is none.
    std::string did_you_mean;
};

/// @p query restricted to the sources and (with @p dates) the dates of @p options.
Xapian::Query apply_filters(const Xapian::Query& query, const SearchOptions& options, bool dates = true);

/// One stored document, its body cut into parts with the query's spellings highlighted.
struct DocumentView {
    std::string id, title, date, source;
    nlohmann::json meta;
    std::vector<SnippetPart> body;
    std::vector<MatchedSpelling> matched;
};

/// Why a spelling of a query's name matched, by its name term and by its raw term (which
/// a phrase searches): "name hameed ← hamid: ee/i (0.36)".
using NameReasons = std::unordered_map<std::string, std::string>;
NameReasons name_reasons(const QueryReport& report);

/// Runs queries against one index with BM25. Not thread-safe: one per thread.
/// Not copyable or movable: its query builder refers to its own analyzer and database.
class Searcher {
  public:
    /// A searcher with its own copy of @p analyzer.
    Searcher(Xapian::Database db, const Analyzer& analyzer);
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;
    Searcher(Searcher&&) = delete;
    Searcher& operator=(Searcher&&) = delete;

    /// @exception QueryError for a query that does not parse.
    SearchResult search(const std::string& query, const SearchOptions& options);

    /// The document with @p id, highlighted for @p query ("" for none); false if absent.
    /// @exception QueryError for a query that does not parse.
    bool document(const std::string& id, const std::string& query, DocumentView& out);

    const Xapian::Database& database() const { return db_; }
    const Analyzer& analyzer() const { return analyzer_; }
    /// The query builder over this searcher's own analyzer (same thread rule).
    QueryBuilder& query_builder() { return builder_; }

  private:
    void describe(Hit& hit, const std::string& body, const std::vector<std::string>& query_terms,
                  const NameReasons& reasons, const SearchOptions& options);

    Xapian::Database db_;
    Analyzer analyzer_;
    QueryBuilder builder_;
};

}  // namespace tigris
