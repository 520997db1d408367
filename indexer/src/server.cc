#include "tigris/server.h"

#include <pthread.h>
#include <signal.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tigris/corpus.h"
#include "tigris/error.h"
#include "tigris/index_writer.h"
#include "tigris/searcher.h"

namespace tigris {

namespace {

using nlohmann::json;

// A bad request: the message goes back to the client with status 400.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One Searcher (Database, Enquire, Analyzer) per request at a time: Xapian objects
// are not shared between threads.
class SearcherPool {
  public:
    SearcherPool(const Analyzer& analyzer, const std::string& index, unsigned size) {
        for (unsigned i = 0; i < size; ++i) free_.push_back(std::make_unique<Searcher>(open_index(index), analyzer));
    }
    class Lease {
      public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> s) : pool_(pool), s_(std::move(s)) {}
        ~Lease() { pool_.give_back(std::move(s_)); }
        Searcher& operator*() { return *s_; }
        Searcher* operator->() { return s_.get(); }

      private:
        SearcherPool& pool_;
        std::unique_ptr<Searcher> s_;
    };
    Lease take() {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return !free_.empty(); });
        auto s = std::move(free_.back());
        free_.pop_back();
        return Lease(*this, std::move(s));
    }

  private:
    void give_back(std::unique_ptr<Searcher> s) {
        std::lock_guard<std::mutex> lock(mu_);
        free_.push_back(std::move(s));
        cv_.notify_one();
    }
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Searcher>> free_;
};

void reply_json(httplib::Response& res, const json& j, int status = 200) {
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void check_params(const httplib::Request& req, const std::set<std::string>& allowed) {
    for (const auto& [name, value] : req.params) {
        if (!allowed.count(name)) throw BadRequest("unknown parameter \"" + name + "\"");
        if (!valid_utf8(value, nullptr)) throw BadRequest("parameter \"" + name + "\" is not UTF-8");
    }
}

std::size_t number_param(const httplib::Request& req, const std::string& name, std::size_t fallback,
                         std::size_t max) {
    if (!req.has_param(name.c_str())) return fallback;
    const std::string v = req.get_param_value(name.c_str());
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) {
        throw BadRequest("parameter \"" + name + "\" must be a whole number from 0 to " + std::to_string(max) +
                         ", not \"" + v.substr(0, 40) + "\"");
    }
    const auto n = static_cast<std::size_t>(std::stoul(v));
    if (n > max) {
        throw BadRequest("parameter \"" + name + "\" must be at most " + std::to_string(max) + ", not " + v);
    }
    return n;
}

std::string query_param(const httplib::Request& req, const ServerOptions& o, bool required) {
    const std::string q = req.has_param("q") ? req.get_param_value("q") : "";
    if (required && q.find_first_not_of(" \t") == std::string::npos) throw BadRequest("parameter \"q\" is missing");
    if (q.size() > o.max_query_bytes) {
        throw BadRequest("query of " + std::to_string(q.size()) + " bytes is longer than " +
                         std::to_string(o.max_query_bytes));
    }
    return q;
}

std::string date_param(const httplib::Request& req, const std::string& name) {
    if (!req.has_param(name.c_str())) return "";
    const std::string v = req.get_param_value(name.c_str());
    const bool ok = (v.size() == 4 || v.size() == 7 || v.size() == 10) &&
                    v.find_first_not_of("0123456789-") == std::string::npos;
    if (!ok) throw BadRequest("parameter \"" + name + "\" must be YYYY, YYYY-MM or YYYY-MM-DD, not \"" + v.substr(0, 40) + "\"");
    if (v.size() == 10) return v;
    if (name == "from") return v.size() == 4 ? v + "-01-01" : v + "-01";
    return v.size() == 4 ? v + "-12-31" : v + "-31";
}

// Runs a handler, turning errors into JSON replies.
template <typename F>
httplib::Server::Handler guarded(F f) {
    return [f](const httplib::Request& req, httplib::Response& res) {
        try {
            f(req, res);
        } catch (const BadRequest& e) {
            reply_json(res, {{"error", e.what()}}, 400);
        } catch (const QueryError& e) {
            reply_json(res, {{"error", e.what()}}, 400);
        } catch (const std::exception& e) {
            reply_json(res, {{"error", std::string("internal error: ") + e.what()}}, 500);
        } catch (const Xapian::Error& e) {
            reply_json(res, {{"error", "internal error: " + e.get_description()}}, 500);
        }
    };
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

    SearcherPool pool(analyzer, o.index, o.threads);
    const auto doc_count = open_index(o.index).get_doccount();
    httplib::Server server;
    server.new_task_queue = [&o] { return new httplib::ThreadPool(o.threads); };
    server.set_payload_max_length(64 * 1024);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(30);

    server.Get("/", guarded([](const httplib::Request&, httplib::Response& res) {
        res.set_content(search_page_html(), "text/html; charset=utf-8");
    }));
    server.Get("/api/health", guarded([&](const httplib::Request&, httplib::Response& res) {
        reply_json(res, {{"status", "ok"}, {"documents", doc_count}});
    }));
    server.Get("/api/search", guarded([&](const httplib::Request& req, httplib::Response& res) {
        check_params(req, {"q", "limit", "offset", "op", "source", "from", "to"});
        SearchOptions so;
        const std::string q = query_param(req, o, true);
        so.limit = number_param(req, "limit", 10, o.max_limit);
        so.offset = number_param(req, "offset", 0, o.max_offset);
        const std::string op = req.has_param("op") ? req.get_param_value("op") : "and";
        if (op != "and" && op != "or") throw BadRequest("parameter \"op\" must be and or or, not \"" + op.substr(0, 20) + "\"");
        so.op = op == "or" ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
        for (std::size_t i = 0; i < req.get_param_value_count("source"); ++i) {
            so.sources.push_back(req.get_param_value("source", i));
        }
        so.from = date_param(req, "from");
        so.to = date_param(req, "to");
        so.facets = true;
        so.detailed = so.limit;
        auto searcher = pool.take();
        const SearchResult r = searcher->search(q, so);
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
        reply_json(res, j);
    }));
    server.Get("/api/explain", guarded([&](const httplib::Request& req, httplib::Response& res) {
        check_params(req, {"q"});
        const std::string q = query_param(req, o, true);
        // A pooled searcher's analyzer: an Analyzer (its stemmer, word cache and
        // buffers) serves one thread at a time.
        auto searcher = pool.take();
        const QueryBuilder& builder = searcher->query_builder();
        json words = json::array();
        for (const auto& w : builder.explain(q)) {
            words.push_back({{"text", w.text}, {"norm", w.norm}, {"kind", w.kind}, {"terms", w.terms}, {"via", w.via}});
        }
        reply_json(res, {{"query", q}, {"words", words}, {"xapian_query", builder.build(q).get_description()}});
    }));
    server.Get(R"(/api/doc/(.+))", guarded([&](const httplib::Request& req, httplib::Response& res) {
        check_params(req, {"q"});
        const std::string id = req.matches[1];
        if (id.size() > 200 || !valid_utf8(id, nullptr)) throw BadRequest("bad document id");
        const std::string q = query_param(req, o, false);
        DocumentView view;
        auto searcher = pool.take();
        if (!searcher->document(id, q, view)) {
            reply_json(res, {{"error", "no document \"" + id + "\""}}, 404);
            return;
        }
        json matched = json::array();
        for (const auto& m : view.matched) matched.push_back({{"text", m.text}, {"via", m.via}});
        reply_json(res, {{"id", view.id},
                         {"title", view.title},
                         {"date", view.date},
                         {"source", view.source},
                         {"meta", view.meta},
                         {"body", render_snippet(view.body, "<b>", "</b>", true)},
                         {"matched", matched}});
    }));
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) {
            reply_json(res, {{"error", res.status == 404 ? "not found" : "request failed"}}, res.status);
        }
    });

    const int port = o.port == 0 ? server.bind_to_any_port(o.host.c_str()) : (server.bind_to_port(o.host.c_str(), o.port) ? o.port : -1);
    if (port < 0) throw ConfigError("cannot listen on " + o.host + ":" + std::to_string(o.port));
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        server.stop();
    });
    on_listening(port);
    server.listen_after_bind();
    // Stopped other than by a signal (an error): wake the waiter so it can end.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
}

}  // namespace tigris
