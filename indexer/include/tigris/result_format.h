// tigris: a result set as the API's JSON, and as a file to take away (CSV for
// spreadsheets, JSON for programs); snippets as text or HTML; a query's explanation.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "tigris/searcher.h"

namespace tigris {

/// The JSON of a result (the contract in DESIGN.md §3). Snippets are HTML-escaped
/// with <b>…</b> around matched spellings. When some word of the query finds few documents
/// and name spellings close to it many more (NameExpansion::suggestions):
/// "did_you_mean": {"names": [{"text", "suggestions": [{"spelling", "documents", "cost",
/// "differences"}]}], "query": the query with each such word written as its closest
/// suggestion (absent when no typed word could be rewritten)}.
nlohmann::json to_json(const SearchResult& result);

/// HTML-escapes @p s.
std::string html_escape(const std::string& s);

/// The snippet as text, with @p on / @p off around highlights.
std::string render_snippet(const std::vector<SnippetPart>& parts, const std::string& on,
                           const std::string& off, bool html);

/// How @p query was read, word by word, and the Xapian query that ran (@p executed, from
/// the same @p builder): {"query", "words": [{"text", "norm", "kind", "terms", "via"}],
/// "xapian_query"}. The one rendering of an explanation, for the CLI and the API.
nlohmann::json explain_json(QueryBuilder& builder, const std::string& query, const Xapian::Query& executed);

/// The columns of an exported result, in order.
inline constexpr const char* kExportColumns[] = {"rank", "id", "title", "date", "source", "score",
                                                 "page", "matched", "snippet"};

/// The hits of @p result as CSV (RFC 4180: a header row, CRLF line ends, fields with a
/// comma, quote or line break in double quotes), UTF-8. "matched" lists each spelling
/// with why it matched ("Walid (name walid ← waleed: i/ee (0.54)); Waleed (name
/// waleed)"); the snippet is plain text. A field that a spreadsheet would read as a
/// formula (starting with = + - @, a tab or CR) gets a leading apostrophe.
std::string to_csv(const SearchResult& result);

/// The hits of @p result as JSON with the same fields as the CSV (matched as a list of
/// {"text", "via"}, the snippet as plain text, page only for a document with pages):
/// {"query", "total", "exported", "hits": [...]}.
nlohmann::json to_export_json(const SearchResult& result);

}  // namespace tigris
