// tigris: a result set as a file to take away: CSV for spreadsheets, JSON for programs.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "tigris/searcher.h"

namespace tigris {

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
