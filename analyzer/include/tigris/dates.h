// tigris: the one reading of dates shared by the corpus, the query language and the API.
#pragma once

#include <string>
#include <string_view>

namespace tigris {

/// Whether @p text is YYYY-MM-DD naming a real day (2007-02-31 and 2007-99-99 are not).
bool valid_day(std::string_view text);

/// The first (or, with @p last_day, the last) day of the period that @p text names, as
/// YYYYMMDD: a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD). "" when @p text is
/// none of these or names no real month or day.
std::string period_bound(std::string_view text, bool last_day);

}  // namespace tigris
