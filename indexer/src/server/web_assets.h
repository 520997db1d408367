// tigris: the files of the search page (indexer/web/), embedded at build time.
#pragma once

#include <cstddef>
#include <string_view>

namespace tigris {

/// A file of indexer/web/ and its bytes.
struct EmbeddedFile {
    std::string_view name;
    std::string_view bytes;
};

/// Every file of the page (written by indexer/web/embed.cmake).
extern const EmbeddedFile kWebFiles[];
extern const std::size_t kWebFileCount;

/// A file of the page as the server answers it.
struct WebAsset {
    std::string_view content_type;
    std::string_view body;
};

/// The asset at request path @p path: "/" is search.html, "/static/NAME" the file NAME;
/// false for any other path.
bool find_web_asset(std::string_view path, WebAsset& out);

}  // namespace tigris
