// tigris: the HTTP/1.1 front end of the server (private to the indexer library).
//
// Built on Boost.Beast because cpp-httplib 0.11.4 cannot be made to withstand slow or
// idle clients: it gives each connection a worker thread from accept() on, so 8 idle
// keep-alive connections or 200 slowloris clients hold every worker; its read timeout
// restarts at each byte (no deadline for a whole header); it applies Range headers to
// every response and answers only the first of pipelined requests. Here one I/O thread
// reads every connection asynchronously under deadlines, and only a complete request
// takes a worker, from a bounded queue.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tigris::http {

/// A complete request, its target decoded.
struct Request {
    std::string method;
    std::string path;                                          ///< percent-decoded
    std::vector<std::pair<std::string, std::string>> params;  ///< the query string, decoded, in order
};

/// What a handler answers.
struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// How much a client may hold or send.
struct Limits {
    std::chrono::milliseconds header_timeout{10000};  ///< a whole request header, from its first byte wait
    std::chrono::milliseconds body_timeout{10000};    ///< a whole request body
    std::chrono::milliseconds idle_timeout{5000};     ///< a kept-alive connection between requests
    std::chrono::milliseconds write_timeout{10000};   ///< a whole response
    std::size_t max_header_bytes = 16 * 1024;         ///< request line and header fields
    std::size_t max_target_bytes = 8 * 1024;          ///< the request line's target (414 beyond)
    std::size_t max_body_bytes = 64 * 1024;           ///< (413 beyond)
    std::size_t max_connections = 4096;               ///< open at once; more are closed at accept
    std::size_t max_queued = 1024;                    ///< complete requests waiting for a worker (503 beyond)
    unsigned workers = 8;
};

/// Answers one request on worker thread @p worker (0 .. workers-1), so that a handler
/// can keep per-worker state. Must not throw.
using Handler = std::function<Response(const Request& request, unsigned worker)>;

/// Decodes a request target into @p out ("" on success, else why it is malformed).
std::string parse_target(const std::string& target, Request& out);

/// An HTTP/1.1 server: keep-alive, pipelining (answered in order), Connection: close
/// honoured, no Range support (a Range header is ignored: the whole body, status 200).
class Server {
  public:
    Server(const Limits& limits, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds @p host:@p port (0: any free port); returns the port.
    /// @exception ConfigError when @p host is no address, IoError when binding fails.
    int bind(const std::string& host, int port);

    /// Serves until stop().
    void run();

    /// Stops run(); callable from any thread.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tigris::http
