// The search page, served at "/" with its style and scripts under /static/, from the
// files of indexer/web/ embedded at build time: no external resources, nothing read
// from the file system.
#include "tigris/server.h"
#include "web_assets.h"

namespace tigris {

namespace {

std::string_view content_type_of(std::string_view name) {
    const auto ends = [&](std::string_view ext) {
        return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

}  // namespace

bool find_web_asset(std::string_view path, WebAsset& out) {
    constexpr std::string_view kStatic = "/static/";
    std::string_view name;
    if (path == "/") {
        name = "search.html";
    } else if (path.substr(0, kStatic.size()) == kStatic) {
        name = path.substr(kStatic.size());
    } else {
        return false;
    }
    for (std::size_t i = 0; i < kWebFileCount; ++i) {
        if (kWebFiles[i].name == name) {
            out = {content_type_of(name), kWebFiles[i].bytes};
            return true;
        }
    }
    return false;
}

const std::string& search_page_html() {
    static const std::string page = [] {
        WebAsset a;
        return find_web_asset("/", a) ? std::string(a.body) : std::string();
    }();
    return page;
}

}  // namespace tigris
