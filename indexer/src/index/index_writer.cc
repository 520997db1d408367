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
#include "tigris/index_compat.h"
#include "tigris/query_builder.h"

namespace tigris {

namespace fs = std::filesystem;

Xapian::Document make_document(Analyzer& analyzer, const CorpusDocument& d) {
    // Each becomes part of a term (Xapian's limit: 245 bytes with the prefix).
    if (d.id.empty() || d.id.size() > corpus_limits::kMaxIdBytes) {
        throw InputError("id " + quote_value(d.id, 40) + " is empty or longer than " +
                         std::to_string(corpus_limits::kMaxIdBytes) + " bytes");
    }
    if (d.source.size() > corpus_limits::kMaxSourceBytes) {
        throw InputError("source " + quote_value(d.source, 40) + " is longer than " +
                         std::to_string(corpus_limits::kMaxSourceBytes) + " bytes");
    }
    nlohmann::json meta = d.meta.empty() ? nlohmann::json::object() : nlohmann::json::parse(d.meta, nullptr, false);
    if (meta.is_discarded()) throw InputError("meta " + quote_value(d.meta) + " is not JSON");
    Xapian::Document doc;
    analyzer.index_document(doc, {FieldText{d.title, prefix::kTitle, true}, FieldText{d.body, "", false}});
    doc.add_boolean_term(prefix::kId + d.id);
    // Which lists and rules analyzed it: a search knows whether concept terms alone are
    // current, and which documents a re-index would change.
    doc.add_boolean_term(prefix::kLexicon + analyzer.lexicon().fingerprint());
    doc.add_boolean_term(prefix::kAnalysis + analyzer.analysis_version());
    if (!d.source.empty()) {
        const std::string key = source_key(d.source);
        doc.add_boolean_term(prefix::kSource + key);
        doc.add_value(slot::kSource, key);
    }
    if (const std::string day = date_value(d.date); !day.empty()) {
        doc.add_boolean_term(prefix::kYear + day.substr(0, 4));
        doc.add_value(slot::kDate, day);
    }
    nlohmann::json data = {{field::kId, d.id},       {field::kSource, d.source}, {field::kDate, d.date},
                           {field::kTitle, d.title}, {field::kBody, d.body},
                           {field::kMeta, std::move(meta)}};
    doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
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
    bool elsewhere = false;  // for another part of the corpus: not analyzed
    std::string id;
    std::string where;  // file:line, for a write error's message
    Xapian::Document doc;
};

Prepared prepare(Analyzer& analyzer, RawRecord&& record, std::size_t max_bytes, const CorpusShard& part) {
    Prepared p;
    ParsedRecord parsed = parse_record(std::move(record), max_bytes);
    if (parsed.problem) {
        p.problem = std::move(parsed.problem);
        return p;
    }
    const CorpusDocument& d = *parsed.doc;
    if (!part.holds(d.id)) {
        p.elsewhere = true;
        return p;
    }
    p.id = d.id;
    p.where = d.file + ":" + std::to_string(d.line);
    try {
        p.doc = make_document(analyzer, d);
    } catch (const Error& e) {  // this document only (bad input, an ICU failure on its text)
        p.problem = CorpusProblem{d.file, d.line, "document " + quote_value(d.id) + ": " + e.what()};
    }
    return p;
}

std::string shard_name(unsigned i) { return "shard-" + std::to_string(i); }

// The shard count of an existing index: 1 for a plain database, the stub's lines for a
// sharded one, 0 when there is no index yet. A stub tigris did not write (`tigris join`,
// remote shards) is searched, not written: each of its shards is indexed on its own.
unsigned existing_shards(const std::string& dir) {
    const fs::path stub = fs::path(dir) / "XAPIANDB";
    std::error_code ec;
    const bool stub_file = fs::is_regular_file(dir, ec);
    if (stub_file || fs::exists(stub)) {
        std::ifstream in(stub_file ? fs::path(dir) : stub);
        unsigned lines = 0;
        for (std::string l; std::getline(in, l);) {
            if (l.empty()) continue;
            if (stub_file || l != "glass " + shard_name(lines)) {
                throw ConfigError("index " + dir + " is a stub of shards tigris index did not write (tigris join, " +
                                  "remote shards): index each shard folder with --shard K/N");
            }
            ++lines;
        }
        return lines;
    }
    return fs::exists(fs::path(dir) / "iamglass") ? 1 : 0;
}

// Clears an index of another layout before --rebuild (only Xapian's and tigris's files).
void remove_layout(const std::string& dir, unsigned had) {
    for (const char* f : {"XAPIANDB", "iamglass", "flintlock", "postlist.glass", "position.glass",
                          "termlist.glass", "docdata.glass", "spelling.glass", "synonym.glass"}) {
        fs::remove(fs::path(dir) / f);
    }
    for (unsigned i = 0; i < had; ++i) fs::remove_all(fs::path(dir) / shard_name(i));
}

// A sharded index is a folder holding the shards and a XAPIANDB stub that lists them,
// which Xapian opens as one database. The stub is written before any document, so an
// index killed at any point still opens.
std::vector<Xapian::WritableDatabase> open_writable(const IndexOptions& o, unsigned shards) {
    const int flags = o.rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    std::vector<Xapian::WritableDatabase> dbs;
    try {
        const unsigned had = existing_shards(o.dir);
        if (o.rebuild && had != 0 && had != shards) remove_layout(o.dir, had);
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
        if (!out) throw IoError("cannot write " + stub.string() + ".tmp");
        fs::rename(stub.string() + ".tmp", stub);
    } catch (const Xapian::DatabaseLockError& e) {
        throw IoError("index " + o.dir + " is being written by another process: " + e.get_description());
    } catch (const Xapian::Error& e) {
        throw IoError("cannot open index " + o.dir + " for writing: " + e.get_description());
    } catch (const fs::filesystem_error& e) {
        throw IoError("cannot create index " + o.dir + ": " + e.code().message());
    }
    return dbs;
}

// Documents queued for a busy shard before a worker waits for it (each holds a
// Xapian::Document: tens of KiB).
constexpr std::size_t kMaxPending = 256;

// One shard being written. Xapian allows one writer per database: whoever holds `mu`
// writes, and also writes what other workers queued in `pending` meanwhile, so that a
// worker that finds the shard busy goes back to analysis instead of waiting.
struct ShardWriter {
    std::string name;
    Xapian::WritableDatabase db;
    std::mutex mu;
    std::size_t uncommitted = 0;  // under mu: written since the last commit
    bool failed = false;          // under mu: after an error nothing touches db again
    std::mutex pending_mu;
    std::deque<Prepared> pending;
};

// A bounded queue of raw records from the reading thread to the workers.
class RecordQueue {
  public:
    explicit RecordQueue(std::size_t capacity) : capacity_(capacity) {}
    void push(RawRecord r) {
        std::unique_lock<std::mutex> lock(mu_);
        space_.wait(lock, [&] { return q_.size() < capacity_ || closed_; });
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
        space_.notify_all();
    }

  private:
    std::size_t capacity_;
    std::mutex mu_;
    std::condition_variable ready_, space_;
    std::deque<RawRecord> q_;
    bool closed_ = false;
};

// The shards of one run and what happened to the documents, shared by its threads.
class IndexRun {
  public:
    IndexRun(std::vector<Xapian::WritableDatabase> dbs, std::vector<std::string> names, std::size_t batch,
             std::size_t max_bytes, const CorpusShard& part,
             const std::function<void(const CorpusProblem&)>& on_problem)
        : batch_(batch), max_bytes_(max_bytes), part_(part), on_problem_(on_problem) {
        for (std::size_t k = 0; k < dbs.size(); ++k) {
            writers_.push_back(std::make_unique<ShardWriter>());
            writers_.back()->db = dbs[k];
            writers_.back()->name = names[k];
        }
    }

    // Parses, analyzes and queues one record; writes its shard's queue if the shard is free.
    void handle(Analyzer& analyzer, RawRecord&& record) {
        Prepared p = prepare(analyzer, std::move(record), max_bytes_, part_);
        if (p.problem) {
            report(*p.problem);
            return;
        }
        if (p.elsewhere) {
            std::lock_guard<std::mutex> lock(mu_);
            ++elsewhere_;
            return;
        }
        ShardWriter& w = *writers_[shard_of(p.id, static_cast<unsigned>(writers_.size()))];
        std::size_t queued;
        {
            std::lock_guard<std::mutex> lock(w.pending_mu);
            w.pending.push_back(std::move(p));
            queued = w.pending.size();
        }
        // A long queue means writing lags: wait for the shard (back-pressure). Otherwise
        // write only if the shard is free; its holder writes our document. The bound lets
        // a worker keep analyzing while the shard's holder commits.
        const bool wait = queued > kMaxPending;
        while (true) {
            std::unique_lock<std::mutex> writer(w.mu, std::defer_lock);
            if (wait) {
                writer.lock();
            } else if (!writer.try_lock()) {
                return;
            }
            write_pending(w);
            writer.unlock();
            // Queued between the last look and the unlock: look again.
            std::lock_guard<std::mutex> lock(w.pending_mu);
            if (w.pending.empty()) return;
        }
    }

    void report(const CorpusProblem& problem) {
        std::lock_guard<std::mutex> lock(mu_);
        ++skipped_;
        on_problem_(problem);
    }

    // The last commits, one thread per shard: each flushes a batch.
    void commit_all() {
        std::vector<std::thread> committers;
        try {
            for (auto& w : writers_) {
                committers.emplace_back([this, &w] {
                    std::lock_guard<std::mutex> lock(w->mu);
                    write_pending(*w);
                    commit(*w);
                });
            }
        } catch (...) {  // no thread to be had: join those started, then report
            for (auto& t : committers) t.join();
            throw;
        }
        for (auto& t : committers) t.join();
    }

    bool failed() const { return failed_.load(); }

    std::uint64_t done() {
        std::lock_guard<std::mutex> lock(mu_);
        return written_ + skipped_;
    }

    void summarize(IndexSummary& s) {
        std::lock_guard<std::mutex> lock(mu_);
        s.indexed = committed_;
        s.skipped = skipped_;
        s.not_written = not_written_;
        s.elsewhere = elsewhere_;
        s.errors = errors_;
    }

  private:
    // Writes what is queued for @p w (whose mu the caller holds), committing every batch.
    void write_pending(ShardWriter& w) {
        while (true) {
            Prepared item;
            {
                std::lock_guard<std::mutex> lock(w.pending_mu);
                if (w.pending.empty()) return;
                item = std::move(w.pending.front());
                w.pending.pop_front();
            }
            if (w.failed) {
                count_not_written(1);
                continue;
            }
            try {
                w.db.replace_document(prefix::kId + item.id, item.doc);
            } catch (const Xapian::Error& e) {
                // Xapian has dropped every change since the last commit: those documents too.
                count_not_written(1);
                fail(w, "writing document " + quote_value(item.id) + " (" + item.where + ") into " + w.name +
                            " failed: " + e.get_description());
                continue;
            }
            ++w.uncommitted;
            {
                std::lock_guard<std::mutex> lock(mu_);
                ++written_;
            }
            if (w.uncommitted >= batch_) commit(w);
        }
    }

    // Commits @p w (whose mu the caller holds) unless it has failed.
    void commit(ShardWriter& w) {
        if (w.failed) return;
        try {
            w.db.commit();
        } catch (const Xapian::Error& e) {
            fail(w, "committing " + w.name + " failed: " + e.get_description());
            return;
        }
        std::lock_guard<std::mutex> lock(mu_);
        committed_ += w.uncommitted;
        w.uncommitted = 0;
    }

    // The first error on a shard stops it for good: writing on after Xapian has thrown
    // (as the workers did, and the final commit) is what corrupts a shard on a full disk.
    void fail(ShardWriter& w, const std::string& why) {
        w.failed = true;
        std::lock_guard<std::mutex> lock(mu_);
        not_written_ += w.uncommitted;
        w.uncommitted = 0;
        errors_.push_back(why);
        failed_.store(true);
    }

    void count_not_written(std::uint64_t n) {
        std::lock_guard<std::mutex> lock(mu_);
        not_written_ += n;
    }

    std::vector<std::unique_ptr<ShardWriter>> writers_;
    std::size_t batch_;
    std::size_t max_bytes_;
    CorpusShard part_;
    const std::function<void(const CorpusProblem&)>& on_problem_;
    std::mutex mu_;  // the counts, errors_ and on_problem_
    std::uint64_t written_ = 0, committed_ = 0, skipped_ = 0, not_written_ = 0, elsewhere_ = 0;
    std::vector<std::string> errors_;
    std::atomic<bool> failed_{false};
};

// Worker threads that parse, analyze and write what the queue holds. Joined by the
// destructor whatever happens on the reading thread (a thread still joinable at its
// destruction is std::terminate).
class Workers {
  public:
    Workers(unsigned n, RecordQueue& queue, IndexRun& run, const Analyzer& analyzer) : queue_(queue) {
        try {
            for (unsigned t = 0; t < n; ++t) {
                threads_.emplace_back([this, &run, &analyzer] { work(run, analyzer); });
            }
        } catch (...) {
            join();
            throw;
        }
    }
    ~Workers() { join(); }
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    bool failed() {
        std::lock_guard<std::mutex> lock(mu_);
        return error_ != nullptr;
    }

    // Waits for the workers; rethrows the first exception one of them met.
    void finish() {
        join();
        if (error_) std::rethrow_exception(error_);
    }

  private:
    void work(IndexRun& run, const Analyzer& analyzer) {
        try {
            Analyzer own(analyzer);  // this thread's own
            RawRecord r;
            while (queue_.pop(r)) run.handle(own, std::move(r));
        } catch (...) {
            std::lock_guard<std::mutex> lock(mu_);
            if (!error_) error_ = std::current_exception();
            queue_.close();
        }
    }

    void join() {
        queue_.close();
        for (auto& t : threads_) {
            if (t.joinable()) t.join();
        }
    }

    RecordQueue& queue_;
    std::vector<std::thread> threads_;
    std::mutex mu_;
    std::exception_ptr error_;
};

// The layout: what the index has, else what was asked, else one shard per thread, so
// that every core can write.
unsigned shard_count(const IndexOptions& options, unsigned threads) {
    const unsigned had = options.rebuild ? 0 : existing_shards(options.dir);
    if (!options.part.whole()) {
        if (options.shards > 1) {
            throw ConfigError("--shard " + options.part.describe() + " writes one database, --shards " +
                              std::to_string(options.shards) + " splits one index: give one of them");
        }
        if (had > 1) {
            throw ConfigError("index " + options.dir + " has " + std::to_string(had) + " shards; --shard " +
                              options.part.describe() + " writes one database: use another folder or --rebuild");
        }
        return 1;
    }
    if (had != 0 && options.shards != 0 && had != options.shards) {
        throw ConfigError("index " + options.dir + " has " + std::to_string(had) + " shard" +
                          (had == 1 ? "" : "s") + ", not " + std::to_string(options.shards) +
                          "; pass --shards " + std::to_string(had) + " or --rebuild");
    }
    return had ? had : options.shards ? options.shards : threads;
}

}  // namespace

namespace {

// A part of a corpus is written only into the database that holds that part (or a new
// one), and a whole corpus only into a whole index (or one `xapian-compact` merged from
// every part): otherwise documents would be in two shards once the parts are joined.
void check_part(const Xapian::WritableDatabase& db, const IndexOptions& o) {
    const std::vector<CorpusShard> held = shards_held(db);
    std::string parts;
    for (const CorpusShard& s : held) parts += (parts.empty() ? "" : ", ") + s.describe();
    if (o.part.whole()) {
        if (!held.empty() && !covers_corpus(held)) {
            throw ConfigError("index " + o.dir + " holds part " + parts + " of a corpus: pass --shard " +
                              held[0].describe() + " (or --rebuild to make it a whole index)");
        }
    } else if (held.empty() && db.get_doccount() > 0) {
        throw ConfigError("index " + o.dir + " is a whole index of " + std::to_string(db.get_doccount()) +
                          " documents, not part " + o.part.describe() + ": use another folder or --rebuild");
    } else if (!held.empty() && (held.size() != 1 || !(held[0] == o.part))) {
        throw ConfigError("index " + o.dir + " holds part " + parts + " of a corpus, not " + o.part.describe() +
                          ": use that part's folder, or --rebuild");
    }
}

// Checks the layout and records it, with the lexicon, in every database: a part of a
// corpus (--shard K/N) and each of N local shards record which part they hold.
void record_layout(std::vector<Xapian::WritableDatabase>& dbs, const IndexOptions& o, const Analyzer& analyzer) {
    try {
        if (dbs.size() == 1) check_part(dbs[0], o);
        for (std::size_t k = 0; k < dbs.size(); ++k) {
            if (!o.rebuild) check_format(dbs[k], o.dir);  // never mix schemas in one index
            dbs[k].set_metadata(metadata::kLexicon, analyzer.lexicon().fingerprint());
            dbs[k].set_metadata(metadata::kAnalysis, analyzer.analysis_version());
            dbs[k].set_metadata(metadata::kFormat, metadata::kFormatVersion);
            const CorpusShard part = dbs.size() > 1 ? CorpusShard{static_cast<unsigned>(k), static_cast<unsigned>(dbs.size())} : o.part;
            if (!part.whole()) dbs[k].set_metadata(shard_metadata_key(part), part.describe());
        }
    } catch (const Xapian::Error& e) {
        throw IoError("cannot write index " + o.dir + ": " + e.get_description());
    }
}

// The totals of the index as it is now on disk.
void count_index(const std::string& dir, IndexSummary& summary) {
    try {
        Xapian::Database all = open_index(dir);
        summary.total_documents = all.get_doccount();
        for (auto it = all.allterms_begin(); it != all.allterms_end(); ++it) ++summary.unique_terms;
    } catch (const Error&) {
        // Reported by the run's errors already.
    } catch (const Xapian::Error&) {
    }
    summary.bytes_on_disk = directory_bytes(dir);
}

}  // namespace

IndexSummary index_corpus(Analyzer& analyzer, const std::vector<std::string>& inputs,
                          const IndexOptions& options, const std::atomic<bool>& stop,
                          const std::function<void(const CorpusProblem&)>& on_problem,
                          const ProgressFn& progress) {
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    std::vector<CorpusProblem> unreadable;
    CorpusReader reader(corpus_files(inputs, &unreadable), options.max_document_bytes);
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
    const unsigned shards = shard_count(options, threads);
    std::vector<Xapian::WritableDatabase> dbs = open_writable(options, shards);
    std::vector<std::string> names;
    for (unsigned k = 0; k < shards; ++k) {
        names.push_back(shards == 1 ? options.dir : (fs::path(options.dir) / shard_name(k)).string());
    }
    record_layout(dbs, options, analyzer);
    IndexRun run(std::move(dbs), names, std::max<std::size_t>(1, options.batch / shards),
                 options.max_document_bytes, options.part, on_problem);
    for (const CorpusProblem& p : unreadable) run.report(p);

    auto last_report = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    auto report = [&](bool always) {
        const auto now = std::chrono::steady_clock::now();
        if (!progress || (!always && now - last_report < std::chrono::milliseconds(250))) return;
        last_report = now;
        progress(run.done(), reader.bytes_read(), reader.bytes_total(), elapsed());
    };
    RawRecord record;
    if (threads == 1) {
        while (!stop.load() && !run.failed() && reader.next_raw(record)) {
            run.handle(analyzer, std::move(record));
            report(false);
        }
    } else {
        // Workers parse, analyze and write (each shard behind its mutex); this thread
        // only reads bytes.
        RecordQueue queue(4 * threads + 16);
        Workers workers(threads, queue, run, analyzer);
        while (!stop.load() && !run.failed() && !workers.failed() && reader.next_raw(record)) {
            queue.push(std::move(record));
            report(false);
        }
        workers.finish();
    }
    run.commit_all();
    IndexSummary summary;
    run.summarize(summary);
    summary.interrupted = stop.load();
    report(true);
    count_index(options.dir, summary);
    summary.seconds = elapsed();
    return summary;
}

}  // namespace tigris
