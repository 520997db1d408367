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
#include "tigris/fnv1a.h"
#include "tigris/query_builder.h"

namespace tigris {

namespace fs = std::filesystem;

Xapian::Document make_document(const Analyzer& analyzer, const CorpusDocument& d) {
    Xapian::Document doc;
    analyzer.index_document(doc, {FieldText{d.title, prefix::kTitle, true}, FieldText{d.body, "", false}});
    doc.add_boolean_term(prefix::kId + d.id);
    // Which lists analyzed it: a search knows whether concept terms alone are current.
    doc.add_boolean_term(prefix::kLexicon + analyzer.lexicon().fingerprint());
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

std::string shard_name(unsigned i) { return "shard-" + std::to_string(i); }

// The shard count of an existing index: 1 for a plain database, the stub's lines for a
// sharded one, 0 when there is no index yet.
unsigned existing_shards(const std::string& dir) {
    const fs::path stub = fs::path(dir) / "XAPIANDB";
    if (fs::exists(stub)) {
        std::ifstream in(stub);
        unsigned lines = 0;
        for (std::string l; std::getline(in, l);) lines += !l.empty();
        return lines;
    }
    return fs::exists(fs::path(dir) / "iamglass") ? 1 : 0;
}

// A sharded index is a folder holding the shards and a XAPIANDB stub that lists them,
// which Xapian opens as one database. The stub is written before any document, so an
// index killed at any point still opens.
std::vector<Xapian::WritableDatabase> open_writable(const IndexOptions& o, unsigned shards) {
    const int flags = o.rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    std::vector<Xapian::WritableDatabase> dbs;
    try {
        const unsigned had = existing_shards(o.dir);
        if (o.rebuild && had != 0 && had != shards) {
            // A different layout: clear the old one (only Xapian's and tigris's files).
            for (const char* f : {"XAPIANDB", "iamglass", "flintlock", "postlist.glass", "position.glass",
                                  "termlist.glass", "docdata.glass", "spelling.glass", "synonym.glass"}) {
                fs::remove(fs::path(o.dir) / f);
            }
            for (unsigned i = 0; i < had; ++i) fs::remove_all(fs::path(o.dir) / shard_name(i));
        }
        if (shards == 1) {
            dbs.emplace_back(o.dir, flags);
            return dbs;
        }
        fs::create_directories(o.dir);
        for (unsigned i = 0; i < shards; ++i) {
            dbs.emplace_back((fs::path(o.dir) / shard_name(i)).string(), flags);
        }
        const fs::path stub = fs::path(o.dir) / "XAPIANDB";
        std::ofstream out(stub.string() + ".tmp");
        for (unsigned i = 0; i < shards; ++i) out << "glass " << shard_name(i) << "\n";
        out.close();
        fs::rename(stub.string() + ".tmp", stub);
    } catch (const Xapian::Error& e) {
        throw ConfigError("cannot open index " + o.dir + " for writing: " + e.get_description());
    } catch (const fs::filesystem_error& e) {
        throw ConfigError("cannot create index " + o.dir + ": " + e.what());
    }
    return dbs;
}

// Documents queued for a busy shard before a worker waits for it (each holds a
// Xapian::Document: tens of KiB).
constexpr std::size_t kMaxPending = 256;

// Which shard holds a document: a stable hash of its id, so replacing finds it.
unsigned shard_of(const std::string& id, unsigned shards) { return static_cast<unsigned>(fnv1a64(id) % shards); }

// One shard being written. Xapian allows one writer per database: whoever holds `mu`
// writes, and also writes what other workers queued in `pending` meanwhile, so that a
// worker that finds the shard busy goes back to analysis instead of waiting.
struct ShardWriter {
    Xapian::WritableDatabase db;
    std::mutex mu;
    std::size_t since_commit = 0;
    std::mutex pending_mu;
    std::deque<Prepared> pending;
};

// A bounded queue of raw records from the reading thread to the workers.
class RecordQueue {
  public:
    explicit RecordQueue(std::size_t capacity) : capacity_(capacity) {}
    void push(RawRecord r) {
        std::unique_lock<std::mutex> lock(mu_);
        space_.wait(lock, [&] { return q_.size() < capacity_; });
        q_.push_back(std::move(r));
        ready_.notify_one();
    }
    bool pop(RawRecord& r) {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return closed_ || !q_.empty(); });
        if (q_.empty()) return false;
        r = std::move(q_.front());
        q_.pop_front();
        space_.notify_one();
        return true;
    }
    void close() {
        std::lock_guard<std::mutex> lock(mu_);
        closed_ = true;
        ready_.notify_all();
    }

  private:
    std::size_t capacity_;
    std::mutex mu_;
    std::condition_variable ready_, space_;
    std::deque<RawRecord> q_;
    bool closed_ = false;
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
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;

    // The layout: what the index has, else what was asked, else one shard per thread,
    // so that every core can write.
    const unsigned had = options.rebuild ? 0 : existing_shards(options.dir);
    if (had != 0 && options.shards != 0 && had != options.shards) {
        throw ConfigError("index " + options.dir + " has " + std::to_string(had) + " shard" +
                          (had == 1 ? "" : "s") + ", not " + std::to_string(options.shards) +
                          "; pass --shards " + std::to_string(had) + " or --rebuild");
    }
    const unsigned shards = had ? had : options.shards ? options.shards : threads;
    std::vector<Xapian::WritableDatabase> dbs = open_writable(options, shards);
    std::vector<std::unique_ptr<ShardWriter>> writers;
    for (auto& db : dbs) {
        db.set_metadata(metadata::kLexicon, analyzer.lexicon().fingerprint());
        db.set_metadata(metadata::kFormat, metadata::kFormatVersion);
        writers.push_back(std::make_unique<ShardWriter>());
        writers.back()->db = db;
    }
    const std::size_t batch = std::max<std::size_t>(1, options.batch / shards);

    IndexSummary summary;
    std::mutex summary_mu;  // summary and on_problem, from the workers
    auto handle = [&](const Analyzer& a, RawRecord&& record) {
        Prepared p = prepare(a, std::move(record), options.max_document_bytes);
        if (p.problem) {
            std::lock_guard<std::mutex> lock(summary_mu);
            ++summary.skipped;
            on_problem(*p.problem);
            return;
        }
        ShardWriter& w = *writers[shard_of(p.id, shards)];
        std::size_t queued;
        {
            std::lock_guard<std::mutex> lock(w.pending_mu);
            w.pending.push_back(std::move(p));
            queued = w.pending.size();
        }
        // A long queue means writing lags: wait for the shard (back-pressure).
        // Otherwise write only if the shard is free; its holder writes our document.
        // The bound lets a worker keep analyzing while the shard's holder commits (a
        // commit of a batch takes about as long as analyzing a few hundred documents).
        const bool wait = queued > kMaxPending;
        while (true) {
            std::unique_lock<std::mutex> writer(w.mu, std::defer_lock);
            if (wait) {
                writer.lock();
            } else if (!writer.try_lock()) {
                return;
            }
            std::size_t written = 0;
            while (true) {
                Prepared item;
                {
                    std::lock_guard<std::mutex> lock(w.pending_mu);
                    if (w.pending.empty()) break;
                    item = std::move(w.pending.front());
                    w.pending.pop_front();
                }
                w.db.replace_document(prefix::kId + item.id, item.doc);
                ++written;
                if (++w.since_commit >= batch) {
                    w.db.commit();
                    w.since_commit = 0;
                }
            }
            writer.unlock();
            {
                std::lock_guard<std::mutex> lock(summary_mu);
                summary.indexed += written;
            }
            // Queued between the last look and the unlock: look again.
            std::lock_guard<std::mutex> lock(w.pending_mu);
            if (w.pending.empty()) return;
        }
    };
    auto report = [&] {
        if (!progress) return;
        std::uint64_t done;
        {
            std::lock_guard<std::mutex> lock(summary_mu);
            done = summary.indexed + summary.skipped;
        }
        progress(done, reader.bytes_read(), reader.bytes_total(), elapsed());
    };
    auto last_report = std::chrono::steady_clock::now();
    auto maybe_report = [&] {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_report > std::chrono::milliseconds(250)) {
            last_report = now;
            report();
        }
    };

    try {
        RawRecord record;
        if (threads == 1) {
            while (!stop.load() && reader.next_raw(record)) {
                handle(analyzer, std::move(record));
                maybe_report();
            }
        } else {
            // Workers parse, analyze and write (each shard behind its mutex); this
            // thread only reads bytes.
            RecordQueue queue(4 * threads + 16);
            std::exception_ptr error;
            std::mutex error_mu;
            std::vector<std::thread> workers;
            for (unsigned t = 0; t < threads; ++t) {
                workers.emplace_back([&] {
                    const Analyzer own(analyzer);  // own stemmer
                    RawRecord r;
                    while (queue.pop(r)) {
                        try {
                            handle(own, std::move(r));
                        } catch (...) {
                            std::lock_guard<std::mutex> lock(error_mu);
                            if (!error) error = std::current_exception();
                        }
                    }
                });
            }
            while (!stop.load() && reader.next_raw(record)) {
                {
                    std::lock_guard<std::mutex> lock(error_mu);
                    if (error) break;
                }
                queue.push(std::move(record));
                maybe_report();
            }
            queue.close();
            for (auto& w : workers) w.join();
            if (error) std::rethrow_exception(error);
        }
        // The last commits, one thread per shard: each flushes a batch.
        std::vector<std::thread> committers;
        std::vector<std::exception_ptr> failed(writers.size());
        try {
            for (std::size_t k = 0; k < writers.size(); ++k) {
                committers.emplace_back([&, k] {
                    try {
                        writers[k]->db.commit();
                    } catch (...) {
                        failed[k] = std::current_exception();
                    }
                });
            }
        } catch (...) {  // no thread to be had: join those started, then report
            for (auto& t : committers) t.join();
            throw;
        }
        for (auto& t : committers) t.join();
        for (const auto& f : failed) {
            if (f) std::rethrow_exception(f);
        }
    } catch (const Xapian::Error& e) {
        throw Error("indexing into " + options.dir + " failed: " + e.get_description());
    }
    summary.interrupted = stop.load();
    report();
    Xapian::Database all = open_index(options.dir);
    summary.total_documents = all.get_doccount();
    for (auto it = all.allterms_begin(); it != all.allterms_end(); ++it) ++summary.unique_terms;
    summary.bytes_on_disk = directory_bytes(options.dir);
    summary.seconds = elapsed();
    return summary;
}

}  // namespace tigris
