// tigris: whether bytes are UTF-8, which every text tigris reads must be.
#pragma once

#include <cstddef>
#include <string>

namespace tigris {

/// True when @p s is valid UTF-8; otherwise @p bad_offset (if not null) is the offset
/// of the first bad byte.
bool valid_utf8(const std::string& s, std::size_t* bad_offset);

}  // namespace tigris
