#include "http_server.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "tigris/error.h"

namespace tigris::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decodes @p s into @p out; in a query string '+' is a space. False on a
// malformed escape.
bool decode(std::string_view s, bool query, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            const int hi = i + 2 < s.size() ? hex_digit(s[i + 1]) : -1;
            const int lo = hi >= 0 ? hex_digit(s[i + 2]) : -1;
            if (lo < 0) return false;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += query && s[i] == '+' ? ' ' : s[i];
        }
    }
    return true;
}

std::string_view view(beast::string_view s) { return {s.data(), s.size()}; }

Response error_response(int status, const std::string& message) {
    Response r;
    r.status = status;
    r.body = nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

class Session;

// A complete request waiting for a worker.
struct Job {
    std::shared_ptr<Session> session;
    Request request;
};

// The bounded queue between the I/O thread and the workers: FIFO over all connections,
// and a connection has at most one request in it, so no client can hold every worker.
class JobQueue {
  public:
    explicit JobQueue(std::size_t capacity) : capacity_(capacity) {}
    bool push(Job&& job) {
        std::lock_guard<std::mutex> lock(mu_);
        if (closed_ || jobs_.size() >= capacity_) return false;
        jobs_.push_back(std::move(job));
        ready_.notify_one();
        return true;
    }
    bool pop(Job& job) {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return closed_ || !jobs_.empty(); });
        if (jobs_.empty()) return false;
        job = std::move(jobs_.front());
        jobs_.pop_front();
        return true;
    }
    void close() {
        std::lock_guard<std::mutex> lock(mu_);
        closed_ = true;
        jobs_.clear();
        ready_.notify_all();
    }

  private:
    std::size_t capacity_;
    std::mutex mu_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;
    bool closed_ = false;
};

// What the sessions share with the server.
struct Shared {
    Limits limits;
    JobQueue queue;
    std::atomic<std::size_t> connections{0};
};

// One connection: reads a request under a deadline, hands it to the queue, writes the
// answer, and reads the next (pipelined requests wait in the buffer, answered in order).
// Runs on the I/O thread only; workers post their answers to it.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) { ++shared_.connections; }
    ~Session() { --shared_.connections; }

    void start() { read_header(shared_.limits.header_timeout); }

    net::any_io_executor executor() { return stream_.get_executor(); }

    // The answer to the request in the queue.
    void respond(Response r) { write(std::move(r), keep_alive_); }

  private:
    void read_header(std::chrono::milliseconds deadline) {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_.limits.max_header_bytes));
        parser_->body_limit(shared_.limits.max_body_bytes);
        stream_.expires_after(deadline);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void on_header(beast::error_code ec, std::size_t) {
        if (ec) return fail(ec);
        if (parser_->is_done()) return dispatch();
        stream_.expires_after(shared_.limits.body_timeout);
        bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_body, shared_from_this()));
    }

    void on_body(beast::error_code ec, std::size_t) {
        if (ec) return fail(ec);
        dispatch();
    }

    // A request that could not be read: a timeout or a closed connection ends it; a
    // malformed one gets its status and the connection is closed.
    void fail(beast::error_code ec) {
        if (ec == bhttp::error::header_limit) {
            const auto data = buffer_.data();
            const std::string_view got(static_cast<const char*>(data.data()), data.size());
            if (got.find("\r\n") == std::string_view::npos) {
                return write(error_response(414, "request line over " + std::to_string(shared_.limits.max_header_bytes) +
                                                     " bytes"),
                             false);
            }
            return write(error_response(431, "request header over " +
                                                 std::to_string(shared_.limits.max_header_bytes) + " bytes"),
                         false);
        }
        if (ec == bhttp::error::body_limit) {
            return write(error_response(413, "request body over " + std::to_string(shared_.limits.max_body_bytes) +
                                                 " bytes"),
                         false);
        }
        const bool gone = ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
                          ec == net::error::eof || ec == net::error::connection_reset ||
                          ec == net::error::operation_aborted || ec == bhttp::error::partial_message;
        if (gone) return close();
        write(error_response(400, "malformed request: " + ec.message()), false);
    }

    void dispatch() {
        const auto& req = parser_->get();
        keep_alive_ = req.keep_alive();
        head_ = req.method() == bhttp::verb::head;
        version_ = req.version();
        const std::string_view target = view(req.target());
        if (target.size() > shared_.limits.max_target_bytes) {
            return write(error_response(414, "URI of " + std::to_string(target.size()) + " bytes is longer than " +
                                                 std::to_string(shared_.limits.max_target_bytes)),
                         false);
        }
        if (req.method() != bhttp::verb::get && !head_) {
            Response r = error_response(405, "method " + quote_value(view(req.method_string())) +
                                                 " not allowed (GET or HEAD)");
            r.headers.emplace_back("Allow", "GET, HEAD");
            return write(std::move(r), keep_alive_);
        }
        Request request;
        request.method = std::string(view(req.method_string()));
        if (const std::string why = parse_target(std::string(target), request); !why.empty()) {
            return write(error_response(400, why), keep_alive_);
        }
        if (!shared_.queue.push(Job{shared_from_this(), std::move(request)})) {
            Response busy = error_response(503, "server busy: " + std::to_string(shared_.limits.max_queued) +
                                                    " requests are waiting; try again");
            busy.headers.emplace_back("Retry-After", "1");
            return write(std::move(busy), false);
        }
        // No read until the answer is written: one request per connection at a time.
    }

    void write(Response r, bool keep_alive) {
        auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status),
                                                                         version_ ? version_ : 11);
        res->set(bhttp::field::content_type, r.content_type);
        for (const auto& [name, value] : r.headers) res->set(name, value);
        res->keep_alive(keep_alive);
        res->body() = std::move(r.body);
        res->prepare_payload();
        if (head_) {
            const auto length = res->body().size();
            res->body().clear();
            res->content_length(length);
        }
        stream_.expires_after(shared_.limits.write_timeout);
        bhttp::async_write(stream_, *res, [self = shared_from_this(), res, keep_alive](beast::error_code ec, std::size_t) {
            if (ec || !keep_alive) return self->close();
            self->read_header(self->shared_.limits.idle_timeout);
        });
    }

    // Closes after the answer: stop sending, then read what the client still sends for
    // a moment, so that closing does not reset the connection before it reads the answer.
    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return stream_.close();
        stream_.expires_after(std::chrono::seconds(1));
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->stream_.close();
            self->drain();
        });
    }

    beast::tcp_stream stream_;
    Shared& shared_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::array<char, 1024> scratch_{};
    bool keep_alive_ = false;
    bool head_ = false;
    unsigned version_ = 11;
};

}  // namespace

std::string parse_target(const std::string& target, Request& out) {
    const std::size_t q = target.find('?');
    const std::string_view path = std::string_view(target).substr(0, q);
    if (path.empty() || path[0] != '/') return "request target " + quote_value(target) + " is not a path";
    if (!decode(path, false, out.path)) return "malformed percent-encoding in " + quote_value(path);
    if (q == std::string::npos) return "";
    const std::string_view query = std::string_view(target).substr(q + 1);
    for (std::size_t start = 0; start <= query.size();) {
        std::size_t amp = query.find('&', start);
        if (amp == std::string_view::npos) amp = query.size();
        const std::string_view pair = query.substr(start, amp - start);
        start = amp + 1;
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        std::string name, value;
        if (!decode(pair.substr(0, eq), true, name) ||
            (eq != std::string_view::npos && !decode(pair.substr(eq + 1), true, value))) {
            return "malformed percent-encoding in " + quote_value(pair);
        }
        out.params.emplace_back(std::move(name), std::move(value));
    }
    return "";
}

struct Server::Impl {
    Impl(const Limits& limits, Handler h) : shared{limits, JobQueue(limits.max_queued), {}}, handler(std::move(h)) {}

    void accept() {
        acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted) return;
            if (ec) {  // out of descriptors, say: try again in a moment, not in a busy loop
                retry.expires_after(std::chrono::milliseconds(50));
                retry.async_wait([this](beast::error_code wait_ec) {
                    if (!wait_ec) accept();
                });
                return;
            }
            if (shared.connections.load() >= shared.limits.max_connections) {
                beast::error_code ignored;
                socket.close(ignored);
            } else {
                std::make_shared<Session>(std::move(socket), shared)->start();
            }
            accept();
        });
    }

    void work(unsigned index) {
        Job job;
        while (shared.queue.pop(job)) {
            Response r = handler(job.request, index);
            auto session = std::move(job.session);
            net::post(session->executor(), [session, r = std::move(r)]() mutable { session->respond(std::move(r)); });
        }
    }

    Shared shared;  // before io: sessions that io destroys still count themselves out
    Handler handler;
    net::io_context io{1};
    tcp::acceptor acceptor{io};
    net::steady_timer retry{io};
};

Server::Server(const Limits& limits, Handler handler) : impl_(std::make_unique<Impl>(limits, std::move(handler))) {}

Server::~Server() = default;

int Server::bind(const std::string& host, int port) {
    beast::error_code ec;
    const auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec) throw ConfigError("--host " + quote_value(host) + " is not an IP address");
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    auto& a = impl_->acceptor;
    a.open(endpoint.protocol(), ec);
    if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
    if (ec) throw IoError("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    return a.local_endpoint().port();
}

void Server::run() {
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < impl_->shared.limits.workers; ++i) {
        workers.emplace_back([this, i] { impl_->work(i); });
    }
    impl_->accept();
    impl_->io.run();
    impl_->shared.queue.close();
    for (auto& t : workers) t.join();
}

void Server::stop() {
    net::post(impl_->io, [this] {
        beast::error_code ec;
        impl_->acceptor.close(ec);
        impl_->io.stop();
    });
}

}  // namespace tigris::http
