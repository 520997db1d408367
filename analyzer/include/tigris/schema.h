// tigris: the index schema, the one place that says what an index holds: term prefixes,
// value slots, metadata keys, the stored fields, and how a source and a date become
// terms and values. The writer, the query language and the searcher all use it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace tigris {

/// Term prefixes written into the index (Xapian's conventions where one exists).
namespace prefix {
inline constexpr const char* kConcept = "XC";  ///< + family id: a lexicon match
inline constexpr const char* kName = "XN";     ///< + block key + ":" + spelling: a name as written
inline constexpr const char* kAcronym = "XA";  ///< + an acronym as written (JAM, MNF-I)
/// + "r" + a name's spelling + ":" + the name written right after it, and + "l" + that
/// name + ":" + the name before it (Ahmed Chalabi: XBrahmed:chalabi, XBlchalabi:ahmed)
inline constexpr const char* kNeighbour = "XB";
inline constexpr const char* kLexicon = "XL";  ///< + lexicon fingerprint (every document)
inline constexpr const char* kAnalysis = "XV"; ///< + analysis version (every document)
inline constexpr const char* kStem = "Z";      ///< + field prefix + Porter2 stem
inline constexpr const char* kTitle = "S";     ///< title field
inline constexpr const char* kId = "Q";        ///< unique document id
inline constexpr const char* kSource = "XS";   ///< source (boolean)
inline constexpr const char* kYear = "Y";      ///< year YYYY (boolean)
}  // namespace prefix

/// Value slots.
namespace slot {
inline constexpr Xapian::valueno kDate = 0;    ///< YYYYMMDD
inline constexpr Xapian::valueno kSource = 1;  ///< source key
}  // namespace slot

/// Metadata keys of an index (every shard holds them).
namespace metadata {
inline constexpr const char* kLexicon = "tigris.lexicon";    ///< lexicon fingerprint of the last run
inline constexpr const char* kAnalysis = "tigris.analysis";  ///< analysis version of the last run
inline constexpr const char* kFormat = "tigris.format";      ///< the schema's version
/// The schema this tigris writes and reads. Bump it when an index written by the old
/// schema cannot be searched correctly (a slot or a prefix changes meaning).
inline constexpr const char* kFormatVersion = "1";
}  // namespace metadata

/// The fields of a document's stored data (a JSON object).
namespace field {
inline constexpr const char* kId = "id";
inline constexpr const char* kSource = "source";
inline constexpr const char* kDate = "date";  ///< YYYY-MM-DD or ""
inline constexpr const char* kTitle = "title";
inline constexpr const char* kBody = "body";  ///< a PDF's pages separated by form feeds
inline constexpr const char* kMeta = "meta";
}  // namespace field

/// The key of a source in its term and its value: ASCII lower case ("Cables" → "cables").
std::string source_key(std::string_view source);

/// The date value of day @p day (YYYY-MM-DD): YYYYMMDD; "" for anything else.
std::string date_value(std::string_view day);

/// Documents from any of @p sources (as written by a user: any case).
Xapian::Query source_filter(const std::vector<std::string>& sources);

/// Documents dated in [@p from, @p to], both YYYYMMDD (period_bound's), either "" for
/// an open end; both "" is not a range (the caller checks).
Xapian::Query date_range(const std::string& from, const std::string& to);

}  // namespace tigris
