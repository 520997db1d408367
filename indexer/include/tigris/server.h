// tigris: the HTTP server: a JSON API and the search page.
#pragma once

#include <functional>
#include <string>

#include "tigris/analyzer.h"
#include "tigris/shards.h"

namespace tigris {

struct ServerOptions {
    std::string index;
    std::string host = "127.0.0.1";
    int port = 8080;                 ///< 0: any free port
    unsigned threads = 8;            ///< worker threads, each with its own Xapian objects
    std::size_t max_query_bytes = 1000;
    std::size_t max_limit = 100;     ///< hits per page
    std::size_t max_offset = 10000;  ///< deepest result reachable by paging
    std::size_t max_export = 1000;   ///< hits in one download (/api/export)
    std::size_t max_connections = 4096; ///< open at once; more are closed when accepted
    std::size_t max_queued = 1024;      ///< complete requests waiting for a worker (503 beyond)
    unsigned header_timeout_ms = 10000; ///< to send a whole request header (and body)
    unsigned idle_timeout_ms = 5000;    ///< a kept-alive connection between requests
    unsigned reopen_ms = 1000;          ///< how often workers look for a newer revision
    RemoteTimeouts remote;              ///< for shards on xapian-tcpsrv
};

/// Serves until SIGINT or SIGTERM:
/// GET /api/search?q=&limit=&offset=&op=&source=&from=&to=  (JSON of DESIGN.md §3 plus
///   "facets" by source and year and "spellings" found in the top hits)
/// GET /api/facets?q=&op=&source=&from=&to=  (matches by month without the date filter,
///   and each spelling of the query's names by month and source: search_facets.h)
/// GET /api/export?q=&op=&source=&from=&to=&format=csv|json&limit=  (the result set as a
///   download, up to max_export hits: result_export.h)
/// GET /api/explain?q=, GET /api/doc/{id}?q=, GET /api/health, GET / (the page) and
/// GET /static/NAME (its style and scripts).
/// Errors are JSON {"error": "..."} with status 400 (bad request), 404, 405, 413, 414,
/// 431, 503 (busy, the index is being rewritten, or a remote shard is down or slow, named
/// in the message: Retry-After) or 500.
/// The workers follow the index as it is re-indexed (Xapian's reopen()), and open a
/// remote shard afresh once it answers again.
/// @p on_listening is called with the port once the socket listens.
/// @exception ConfigError when the index does not exist or the host is no address,
///   IoError when the index cannot be opened or the port bound.
void serve(const Analyzer& analyzer, const ServerOptions& options,
           const std::function<void(int port)>& on_listening);

/// The search page (HTML, CSS and JavaScript in one document).
const std::string& search_page_html();

}  // namespace tigris
