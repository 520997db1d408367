#include "tigris/server.h"

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_server.h"
#include "web_assets.h"
#include "tigris/corpus.h"
#include "tigris/dates.h"
#include "tigris/error.h"
#include "tigris/index_writer.h"
#include "tigris/result_format.h"
#include "tigris/search_facets.h"
#include "tigris/searcher.h"

namespace tigris {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A bad request: the message goes back to the client with status 400.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The index could not be read even after reopening it (it is being rewritten): 503.
struct Unavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A remote shard is down, restarted or slow: 503, the message naming the shard.
struct ShardDown : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One worker's view of the index: a Searcher whose database follows the index as it
// changes. A Xapian reader sees the revision it opened until reopen(); one more than a
// revision behind the writer gets DatabaseModifiedError, and one whose index was
// rebuilt under it may find files rewritten. So the view reopens at a short interval,
// and on such an error reopens (or opens afresh) and tries again.
//
// A remote shard's connection that broke (the server stopped or restarted) or timed out
// is never used again: the view is "broken" until it opens afresh, tried at once and then
// at most once an interval, so that a shard that is down costs each request one quick
// error, not a timeout.
class IndexView {
  public:
    IndexView(const Analyzer& analyzer, std::string dir, std::chrono::milliseconds interval,
              const RemoteTimeouts& remote)
        : analyzer_(analyzer), dir_(std::move(dir)), interval_(interval), remote_(remote) {
        if (!open_fresh()) throw IoError(last_error_);
    }

    // f(searcher) with a current view (checked now when @p check_now: a round trip to
    // every remote shard); throws Unavailable when the index stays unreadable, ShardDown
    // when a remote shard does not answer.
    template <typename F>
    auto with_searcher(F&& f, bool check_now = false) -> decltype(f(std::declval<Searcher&>())) {
        if (broken_) {
            if (Clock::now() - checked_ < interval_ || !open_fresh()) throw ShardDown(last_error_);
        } else if (check_now || Clock::now() - checked_ >= interval_) {
            reopen();
            if (broken_) throw ShardDown(last_error_);
        }
        for (int attempt = 1;; ++attempt) {
            try {
                return f(*searcher_);
            } catch (const Xapian::NetworkTimeoutError& e) {  // a slow shard is not waited for twice
                lost_shard(e);
                throw ShardDown(last_error_);
            } catch (const Xapian::NetworkError& e) {
                lost_shard(e);
                // A shard that restarted answers a new connection at once.
                if (attempt == kAttempts || !open_fresh()) throw ShardDown(last_error_);
            } catch (const Xapian::DatabaseModifiedError& e) {
                if (attempt == kAttempts) throw Unavailable(e.get_description());
                reopen();
            } catch (const Xapian::DatabaseError& e) {  // rewritten under us: corrupt, closed, gone
                if (attempt == kAttempts || !open_fresh()) throw Unavailable(e.get_description());
            } catch (const Xapian::DocNotFoundError& e) {  // deleted between match and fetch
                if (attempt == kAttempts) throw Unavailable(e.get_description());
                reopen();
            }
        }
    }

  private:
    static constexpr int kAttempts = 3;

    // The latest revision; a new database (rebuilt: another UUID) is opened afresh. A
    // reopen() that throws may leave Xapian's reader half-moved (its version file read,
    // its tables not), and a later reopen() would find "no change": such a view is only
    // ever opened afresh.
    void reopen() {
        checked_ = Clock::now();
        if (!stale_) {
            try {
                db_.reopen();
                if (db_.get_uuid() == uuid_) return;
            } catch (const Xapian::NetworkTimeoutError& e) {  // slow: not waited for twice
                lost_shard(e);
                return;
            } catch (const Xapian::NetworkError& e) {  // stopped or restarted: try a new connection
                lost_shard(e);
            } catch (const Xapian::Error&) {
                stale_ = true;
            }
        }
        open_fresh();
    }

    // A remote shard's connection failed: the message names the shard; the view waits
    // for a fresh open.
    void lost_shard(const Xapian::NetworkError& e) {
        last_error_ = shards_ ? shards_->describe(e) : e.get_description();
        broken_ = stale_ = true;
    }

    bool open_fresh() {
        checked_ = Clock::now();
        std::unique_ptr<IndexShards> shards;
        try {
            shards = std::make_unique<IndexShards>(IndexShards::open(dir_, remote_));
            Xapian::Database db = shards->database();
            auto searcher = std::make_unique<Searcher>(db, analyzer_);  // shares db's internals
            uuid_ = db.get_uuid();
            db_ = db;
            searcher_ = std::move(searcher);
            shards_ = std::move(shards);
            stale_ = broken_ = false;
            return true;
        } catch (const Error& e) {
            last_error_ = e.what();
        } catch (const Xapian::NetworkError& e) {
            last_error_ = shards ? shards->describe(e) : e.get_description();
        } catch (const Xapian::Error& e) {
            last_error_ = "cannot open index " + dir_ + ": " + e.get_description();
        }
        stale_ = true;  // keep the view we had, if any, until an open succeeds (unless broken)
        return false;
    }

  public:
    // {"status": "ok", "documents": N}, and with remote shards each shard's documents:
    // checked now, so a shard that is down gives ShardDown.
    json health() {
        return with_searcher(
            [this](Searcher& s) {
                json j = {{"status", "ok"}, {"documents", s.database().get_doccount()}};
                if (!shards_->has_remote()) return j;
                json list = json::array();
                for (std::size_t i = 0; i < shards_->shards().size(); ++i) {
                    list.push_back({{"shard", shards_->shards()[i].name()},
                                    {"documents", shards_->shard_databases()[i].get_doccount()}});
                }
                j["shards"] = list;
                return j;
            },
            true);
    }

  private:
    const Analyzer& analyzer_;
    std::string dir_;
    std::chrono::milliseconds interval_;
    RemoteTimeouts remote_;
    std::unique_ptr<IndexShards> shards_;
    std::string last_error_;
    bool broken_ = false;  // a remote shard failed: not used again until opened afresh
    Xapian::Database db_;
    std::string uuid_;
    std::unique_ptr<Searcher> searcher_;
    Clock::time_point checked_;
    bool stale_ = false;
};

// The parameters of a request, checked: known names only, each once unless repeatable,
// values in UTF-8.
class Params {
  public:
    Params(const http::Request& req, const std::set<std::string>& allowed, const std::set<std::string>& repeatable = {})
        : req_(req) {
        std::map<std::string, int> seen;
        for (const auto& [name, value] : req.params) {
            if (!allowed.count(name)) throw BadRequest("unknown parameter " + quote_value(name));
            if (!valid_utf8(value, nullptr)) throw BadRequest("parameter \"" + name + "\" is not UTF-8");
            if (++seen[name] == 2 && !repeatable.count(name)) {
                throw BadRequest("parameter \"" + name + "\" is given more than once");
            }
        }
    }
    bool has(const std::string& name) const { return !all(name).empty(); }
    std::string get(const std::string& name, const std::string& fallback = "") const {
        const auto v = all(name);
        return v.empty() ? fallback : v.front();
    }
    std::vector<std::string> all(const std::string& name) const {
        std::vector<std::string> out;
        for (const auto& [n, v] : req_.params) {
            if (n == name) out.push_back(v);
        }
        return out;
    }

  private:
    const http::Request& req_;
};

std::size_t number_param(const Params& p, const std::string& name, std::size_t fallback, std::size_t max) {
    if (!p.has(name)) return fallback;
    const std::string v = p.get(name);
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) {
        throw BadRequest("parameter \"" + name + "\" must be a whole number from 0 to " + std::to_string(max) +
                         ", not " + quote_value(v, 40));
    }
    const auto n = static_cast<std::size_t>(std::stoul(v));
    if (n > max) {
        throw BadRequest("parameter \"" + name + "\" must be at most " + std::to_string(max) + ", not " + v);
    }
    return n;
}

std::string query_param(const Params& p, const ServerOptions& o, bool required) {
    const std::string q = p.get("q");
    if (required && q.find_first_not_of(" \t") == std::string::npos) throw BadRequest("parameter \"q\" is missing");
    if (q.size() > o.max_query_bytes) {
        throw BadRequest("query of " + std::to_string(q.size()) + " bytes is longer than " +
                         std::to_string(o.max_query_bytes));
    }
    return q;
}

// from= and to=: the first or last day of a year, month or day, as YYYYMMDD.
std::string date_param(const Params& p, const std::string& name) {
    if (!p.has(name)) return "";
    const std::string v = p.get(name);
    const std::string bound = period_bound(v, name == "to");
    if (bound.empty()) {
        throw BadRequest("parameter \"" + name + "\" must be a real YYYY, YYYY-MM or YYYY-MM-DD, not " +
                         quote_value(v, 40));
    }
    return bound;
}

// The operator and filters a search, its facets and its download share.
void read_filters(const Params& p, SearchOptions& so) {
    const std::string op = p.get("op", "and");
    if (op != "and" && op != "or") throw BadRequest("parameter \"op\" must be and or or, not " + quote_value(op, 20));
    so.op = op == "or" ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
    so.sources = p.all("source");
    so.from = date_param(p, "from");
    so.to = date_param(p, "to");
}

http::Response json_response(const json& j, int status = 200) {
    http::Response r;
    r.status = status;
    r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

// The JSON API and the page, answered on the workers (one IndexView each).
class Api {
  public:
    Api(const Analyzer& analyzer, const ServerOptions& o) : o_(o) {
        for (unsigned i = 0; i < o.threads; ++i) {
            views_.push_back(
                std::make_unique<IndexView>(analyzer, o.index, std::chrono::milliseconds(o.reopen_ms), o.remote));
        }
    }

    http::Response handle(const http::Request& req, unsigned worker) {
        try {
            return route(req, *views_[worker]);
        } catch (const BadRequest& e) {
            return json_response({{"error", e.what()}}, 400);
        } catch (const QueryError& e) {
            return json_response({{"error", e.what()}}, 400);
        } catch (const ShardDown& e) {
            http::Response r = json_response({{"error", std::string(e.what()) + "; try again"}}, 503);
            r.headers.emplace_back("Retry-After", "1");
            return r;
        } catch (const Unavailable& e) {
            http::Response r = json_response(
                {{"error", std::string("the index is being rewritten (") + e.what() + "); try again"}}, 503);
            r.headers.emplace_back("Retry-After", "1");
            return r;
        } catch (const Xapian::Error& e) {
            return json_response({{"error", "internal error: " + e.get_description()}}, 500);
        } catch (const std::exception& e) {
            return json_response({{"error", std::string("internal error: ") + e.what()}}, 500);
        }
    }

  private:
    http::Response route(const http::Request& req, IndexView& view) {
        if (WebAsset asset; find_web_asset(req.path, asset)) {
            // The page's own URL holds its state, so that a view can be shared as a link.
            const Params page(req, req.path == "/" ? std::set<std::string>{"q", "op", "source", "from", "to", "page", "doc"}
                                                   : std::set<std::string>{},
                              {"source"});
            http::Response r;
            r.content_type = std::string(asset.content_type);
            r.body = std::string(asset.body);
            return r;
        }
        if (req.path == "/api/health") return health(req, view);
        if (req.path == "/api/search") return search(req, view);
        if (req.path == "/api/facets") return facets(req, view);
        if (req.path == "/api/export") return export_results(req, view);
        if (req.path == "/api/explain") return explain(req, view);
        const std::string doc_prefix = "/api/doc/";
        if (req.path.size() > doc_prefix.size() && req.path.compare(0, doc_prefix.size(), doc_prefix) == 0) {
            return document(req, view, req.path.substr(doc_prefix.size()));
        }
        return json_response({{"error", "not found"}}, 404);
    }

    // Health answers even when a remote shard is down: 503 with the shard named.
    static http::Response health(const http::Request& req, IndexView& view) {
        const Params none(req, {});
        try {
            return json_response(view.health());
        } catch (const ShardDown& e) {
            http::Response r = json_response({{"status", "unavailable"}, {"error", e.what()}}, 503);
            r.headers.emplace_back("Retry-After", "1");
            return r;
        }
    }

    http::Response search(const http::Request& req, IndexView& view) {
        const Params p(req, {"q", "limit", "offset", "op", "source", "from", "to"}, {"source"});
        SearchOptions so;
        const std::string q = query_param(p, o_, true);
        so.limit = number_param(p, "limit", 10, o_.max_limit);
        so.offset = number_param(p, "offset", 0, o_.max_offset);
        read_filters(p, so);
        so.facets = true;
        so.detailed = so.limit;
        const SearchResult r = view.with_searcher([&](Searcher& s) { return s.search(q, so); });
        json j = to_json(r);
        if (!j.contains("facets")) j["facets"] = {{"source", json::object()}, {"year", json::object()}};
        // The spellings found: how often each matched spelling occurs in this page's hits.
        std::map<std::pair<std::string, std::string>, int> spellings;
        for (const Hit& h : r.hits) {
            for (const MatchedSpelling& m : h.matched) ++spellings[{m.text, m.via}];
        }
        json sp = json::array();
        for (const auto& [key, n] : spellings) sp.push_back({{"text", key.first}, {"via", key.second}, {"hits", n}});
        j["spellings"] = sp;
        return json_response(j);
    }

    // The counts the page's timeline and spellings chart draw.
    http::Response facets(const http::Request& req, IndexView& view) {
        const Params p(req, {"q", "op", "source", "from", "to"}, {"source"});
        const std::string q = query_param(p, o_, true);
        SearchOptions so;
        read_filters(p, so);
        const FacetCounts c = view.with_searcher([&](Searcher& s) { return count_facets(s, q, so); });
        json j = to_json(c);
        j["query"] = q;
        return json_response(j);
    }

    // The result set as a file: every hit with its snippet and matched spellings.
    http::Response export_results(const http::Request& req, IndexView& view) {
        const Params p(req, {"q", "op", "source", "from", "to", "format", "limit"}, {"source"});
        const std::string q = query_param(p, o_, true);
        const std::string format = p.get("format", "csv");
        if (format != "csv" && format != "json") {
            throw BadRequest("parameter \"format\" must be csv or json, not " + quote_value(format, 20));
        }
        SearchOptions so;
        read_filters(p, so);
        so.limit = number_param(p, "limit", o_.max_export, o_.max_export);
        so.detailed = so.limit;
        so.facets = true;  // every match looked at: "total" exact, as on the page
        const SearchResult r = view.with_searcher([&](Searcher& s) { return s.search(q, so); });
        http::Response out;
        if (format == "csv") {
            out.content_type = "text/csv; charset=utf-8";
            out.body = to_csv(r);
        } else {
            out = json_response(to_export_json(r));
        }
        out.headers.emplace_back("Content-Disposition", "attachment; filename=\"tigris-results." + format + "\"");
        return out;
    }

    http::Response explain(const http::Request& req, IndexView& view) {
        const Params p(req, {"q"});
        const std::string q = query_param(p, o_, true);
        // A worker's own searcher's analyzer: an Analyzer serves one thread at a time.
        return view.with_searcher([&](Searcher& s) {
            QueryBuilder& builder = s.query_builder();
            return json_response(explain_json(builder, q, builder.build(q)));
        });
    }

    http::Response document(const http::Request& req, IndexView& view, const std::string& id) {
        const Params p(req, {"q"});
        if (id.size() > corpus_limits::kMaxIdBytes || !valid_utf8(id, nullptr)) {
            throw BadRequest("document id " + quote_value(id, 40) + " is not UTF-8 or longer than " +
                             std::to_string(corpus_limits::kMaxIdBytes) + " bytes");
        }
        const std::string q = query_param(p, o_, false);
        DocumentView doc;
        const bool found = view.with_searcher([&](Searcher& s) {
            doc = DocumentView{};
            return s.document(id, q, doc);
        });
        if (!found) return json_response({{"error", "no document " + quote_value(id)}}, 404);
        json matched = json::array();
        for (const auto& m : doc.matched) matched.push_back({{"text", m.text}, {"via", m.via}});
        return json_response({{"id", doc.id},
                              {"title", doc.title},
                              {"date", doc.date},
                              {"source", doc.source},
                              {"meta", doc.meta},
                              {"body", render_snippet(doc.body, "<b>", "</b>", true)},
                              {"matched", matched}});
    }

    const ServerOptions& o_;
    std::vector<std::unique_ptr<IndexView>> views_;
};

// Room for --max-connections sockets besides the index's files: the soft limit on open
// files (often 1024) is raised towards the hard one. Without the room, accept() fails
// with EMFILE and waiting clients stay in the listen backlog until a socket closes.
void raise_open_file_limit(std::size_t connections) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    const rlim_t wanted = static_cast<rlim_t>(connections) + 256;
    if (limit.rlim_cur >= wanted) return;
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
}

http::Limits limits_of(const ServerOptions& o) {
    http::Limits l;
    l.workers = o.threads;
    l.max_connections = o.max_connections;
    l.max_queued = o.max_queued;
    l.header_timeout = std::chrono::milliseconds(o.header_timeout_ms);
    l.body_timeout = std::chrono::milliseconds(o.header_timeout_ms);
    l.idle_timeout = std::chrono::milliseconds(o.idle_timeout_ms);
    return l;
}

}  // namespace

void serve(const Analyzer& analyzer, const ServerOptions& o, const std::function<void(int)>& on_listening) {
    // Signals are taken by one thread with sigwait: the handler may then stop the
    // server, which a signal handler may not. Blocked before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    raise_open_file_limit(o.max_connections);
    Api api(analyzer, o);
    http::Server server(limits_of(o), [&api](const http::Request& req, unsigned worker) { return api.handle(req, worker); });
    const int port = server.bind(o.host, o.port);
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        server.stop();
    });
    on_listening(port);
    server.run();
    // Stopped other than by a signal (an error): wake the waiter so it can end.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
}

}  // namespace tigris
