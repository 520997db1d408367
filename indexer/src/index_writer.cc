#include "tigris/index_writer.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "tigris/error.h"
#include "tigris/query_builder.h"

namespace tigris {

namespace fs = std::filesystem;

Xapian::Document make_document(const Analyzer& analyzer, const CorpusDocument& d) {
    Xapian::Document doc;
    analyzer.index_document(doc, {FieldText{d.title, prefix::kTitle, true}, FieldText{d.body, "", false}});
    doc.add_boolean_term(prefix::kId + d.id);
    if (!d.source.empty()) {
        std::string lower = d.source;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        doc.add_boolean_term(prefix::kSource + lower);
        doc.add_value(slot::kSource, lower);
    }
    if (d.date.size() == 10) {
        doc.add_boolean_term(prefix::kYear + d.date.substr(0, 4));
        doc.add_value(slot::kDate, d.date.substr(0, 4) + d.date.substr(5, 2) + d.date.substr(8, 2));
    }
    nlohmann::json data = {{"id", d.id},       {"source", d.source}, {"date", d.date},
                           {"title", d.title}, {"body", d.body},
                           {"meta", nlohmann::json::parse(d.meta)}};
    doc.set_data(data.dump());
    return doc;
}

std::uint64_t directory_bytes(const std::string& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
        if (e.is_regular_file(ec)) total += e.file_size(ec);
    }
    return total;
}

namespace {

std::string shard_name(unsigned i) { return "shard-" + std::to_string(i); }

// A sharded index is a folder holding the shards and a XAPIANDB stub that lists them,
// which Xapian opens as one database.
std::vector<Xapian::WritableDatabase> open_writable(const IndexOptions& o) {
    const int flags = o.rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    std::vector<Xapian::WritableDatabase> dbs;
    try {
        if (o.shards <= 1) {
            if (fs::exists(fs::path(o.dir) / "XAPIANDB")) {
                throw ConfigError("index " + o.dir + " is sharded; pass the same --shards as when it was built");
            }
            dbs.emplace_back(o.dir, flags);
            return dbs;
        }
        fs::create_directories(o.dir);
        if (fs::exists(fs::path(o.dir) / "iamglass")) {
            throw ConfigError("index " + o.dir + " is not sharded; pass --shards 1 or a new folder");
        }
        const fs::path stub = fs::path(o.dir) / "XAPIANDB";
        if (fs::exists(stub) && !o.rebuild) {
            std::ifstream in(stub);
            unsigned lines = 0;
            for (std::string l; std::getline(in, l);) lines += !l.empty();
            if (lines != o.shards) {
                throw ConfigError("index " + o.dir + " has " + std::to_string(lines) +
                                  " shards, not " + std::to_string(o.shards));
            }
        }
        for (unsigned i = 0; i < o.shards; ++i) {
            dbs.emplace_back((fs::path(o.dir) / shard_name(i)).string(), flags);
        }
        std::ofstream out(stub.string() + ".tmp");
        for (unsigned i = 0; i < o.shards; ++i) out << "glass " << shard_name(i) << "\n";
        out.close();
        fs::rename(stub.string() + ".tmp", stub);
    } catch (const Xapian::Error& e) {
        throw ConfigError("cannot open index " + o.dir + " for writing: " + e.get_description());
    }
    return dbs;
}

// Which shard holds a document: a stable hash of its id, so replacing finds it.
unsigned shard_of(const std::string& id, unsigned shards) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : id) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return static_cast<unsigned>(h % shards);
}

// What a worker hands back for one record: the document to write, or the problem.
struct Prepared {
    std::optional<CorpusProblem> problem;
    std::string id;
    Xapian::Document doc;
};

Prepared prepare(const Analyzer& analyzer, RawRecord&& record, std::size_t max_bytes) {
    Prepared p;
    ParsedRecord parsed = parse_record(std::move(record), max_bytes);
    if (parsed.problem) {
        p.problem = std::move(parsed.problem);
        return p;
    }
    p.id = parsed.doc->id;
    p.doc = make_document(analyzer, *parsed.doc);
    return p;
}

// Parsing and analysis run on worker threads (one Analyzer copy each); the calling
// thread only reads bytes and writes documents, in input order, as Xapian allows one
// writer.
class Pipeline {
  public:
    Pipeline(const Analyzer& analyzer, unsigned threads, std::size_t max_bytes) : max_bytes_(max_bytes) {
        for (unsigned t = 0; t < threads; ++t) {
            workers_.emplace_back([this, &analyzer] { work(analyzer); });
        }
    }
    ~Pipeline() {
        {
            std::lock_guard<std::mutex> lock(mu_);
            closing_ = true;
        }
        cv_in_.notify_all();
        for (auto& w : workers_) w.join();
    }
    void push(std::uint64_t seq, RawRecord record) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_space_.wait(lock, [&] { return in_.size() + out_.size() < kMaxInFlight; });
        in_.emplace_back(seq, std::move(record));
        cv_in_.notify_one();
    }
    // The record with sequence number @p seq, once prepared.
    Prepared pop(std::uint64_t seq) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_out_.wait(lock, [&] { return out_.count(seq) > 0 || error_; });
        if (error_) std::rethrow_exception(error_);
        auto node = out_.extract(seq);
        cv_space_.notify_one();
        return std::move(node.mapped());
    }
    // True when the record @p seq is prepared: the writer need not wait.
    bool ready(std::uint64_t seq) {
        std::lock_guard<std::mutex> lock(mu_);
        return out_.count(seq) > 0 || error_;
    }
    std::size_t in_flight() {
        std::lock_guard<std::mutex> lock(mu_);
        return in_.size() + out_.size();
    }

  private:
    static constexpr std::size_t kMaxInFlight = 256;

    void work(const Analyzer& shared) {
        const Analyzer analyzer(shared);  // own stemmer
        while (true) {
            std::pair<std::uint64_t, RawRecord> job;
            {
                std::unique_lock<std::mutex> lock(mu_);
                cv_in_.wait(lock, [&] { return closing_ || !in_.empty(); });
                if (in_.empty()) return;
                job = std::move(in_.front());
                in_.pop_front();
            }
            try {
                Prepared p = prepare(analyzer, std::move(job.second), max_bytes_);
                std::lock_guard<std::mutex> lock(mu_);
                out_.emplace(job.first, std::move(p));
            } catch (...) {
                std::lock_guard<std::mutex> lock(mu_);
                error_ = std::current_exception();
            }
            cv_out_.notify_all();
        }
    }

    std::size_t max_bytes_;
    std::mutex mu_;
    std::condition_variable cv_in_, cv_out_, cv_space_;
    std::deque<std::pair<std::uint64_t, RawRecord>> in_;
    std::map<std::uint64_t, Prepared> out_;
    std::exception_ptr error_;
    bool closing_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace

Xapian::Database open_index(const std::string& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) throw ConfigError("index " + dir + " does not exist");
    try {
        return Xapian::Database(dir);
    } catch (const Xapian::Error& e) {
        throw ConfigError("cannot open index " + dir + ": " + e.get_description());
    }
}

IndexSummary index_corpus(const Analyzer& analyzer, const std::vector<std::string>& inputs,
                          const IndexOptions& options, const std::atomic<bool>& stop,
                          const std::function<void(const CorpusProblem&)>& on_problem,
                          const ProgressFn& progress) {
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    CorpusReader reader(corpus_file_paths(inputs), options.max_document_bytes);
    std::vector<Xapian::WritableDatabase> dbs = open_writable(options);
    for (auto& db : dbs) {
        db.set_metadata(metadata::kLexicon, analyzer.lexicon().fingerprint());
        db.set_metadata(metadata::kFormat, metadata::kFormatVersion);
    }

    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
    IndexSummary summary;
    std::uint64_t pushed = 0, written = 0, since_commit = 0;
    auto commit = [&] {
        for (auto& db : dbs) db.commit();
        since_commit = 0;
    };
    auto write = [&](const std::string& id, const Xapian::Document& doc) {
        auto& db = dbs[shard_of(id, static_cast<unsigned>(dbs.size()))];
        db.replace_document(prefix::kId + id, doc);
        ++summary.indexed;
        if (++since_commit >= options.batch) commit();
    };

    auto report = [&] {
        if (progress) progress(summary.indexed + summary.skipped, reader.bytes_read(), reader.bytes_total(), elapsed());
    };
    auto last_report = std::chrono::steady_clock::now();
    auto maybe_report = [&] {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_report > std::chrono::milliseconds(250)) {
            last_report = now;
            report();
        }
    };

    auto handle = [&](Prepared&& p) {
        if (p.problem) {
            ++summary.skipped;
            on_problem(*p.problem);
        } else {
            write(p.id, p.doc);
        }
        maybe_report();
    };
    try {
        RawRecord record;
        if (threads == 1) {
            while (!stop.load() && reader.next_raw(record)) {
                handle(prepare(analyzer, std::move(record), options.max_document_bytes));
            }
        } else {
            Pipeline pipe(analyzer, threads, options.max_document_bytes);
            while (!stop.load() && reader.next_raw(record)) {
                pipe.push(pushed++, std::move(record));
                // Write whatever is ready; wait only when the pipeline is full.
                while (written < pushed && (pipe.ready(written) || pipe.in_flight() >= 128)) {
                    handle(pipe.pop(written++));
                }
            }
            while (written < pushed) handle(pipe.pop(written++));
        }
        commit();
    } catch (const Xapian::Error& e) {
        throw Error("indexing into " + options.dir + " failed: " + e.get_description());
    }
    summary.interrupted = stop.load();
    report();
    std::uint64_t docs = 0;
    for (auto& db : dbs) docs += db.get_doccount();
    std::uint64_t terms = 0;
    Xapian::Database all = open_index(options.dir);
    for (auto it = all.allterms_begin(); it != all.allterms_end(); ++it) ++terms;
    summary.total_documents = docs;
    summary.unique_terms = terms;
    summary.bytes_on_disk = directory_bytes(options.dir);
    summary.seconds = elapsed();
    return summary;
}

}  // namespace tigris
