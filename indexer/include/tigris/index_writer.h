// tigris: writes corpus documents into a Xapian index with the analyzer.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "tigris/analyzer.h"
#include "tigris/corpus.h"
#include "tigris/shards.h"

namespace tigris {

/// Builds the Xapian::Document of one corpus document: analyzed title (prefix S and
/// unprefixed) and body, id term Q, source XS, year Y, values (date, source) and the
/// stored fields as JSON document data.
/// @exception InputError for an id or source over its limit (corpus_limits).
Xapian::Document make_document(Analyzer& analyzer, const CorpusDocument& doc);

/// Options of an indexing run.
struct IndexOptions {
    std::string dir;
    unsigned shards = 0;              ///< 0: as the index has, or one per thread if new
    unsigned threads = 0;             ///< parsing/analysis/writing threads; 0 = all cores
    std::size_t batch = 1000;         ///< documents per commit, over all shards
    std::size_t max_document_bytes = 16u << 20;
    bool rebuild = false;             ///< start from an empty index
    /// Only this part of the corpus (documents routed by id, as between local shards): one
    /// database, that N machines can build at once, each its own part.
    CorpusShard part;
};

/// What an indexing run did.
struct IndexSummary {
    std::uint64_t indexed = 0;      ///< documents committed by this run
    std::uint64_t skipped = 0;      ///< bad input (each reported as a problem)
    std::uint64_t not_written = 0;  ///< analyzed, but their shard failed before committing them
    std::uint64_t elsewhere = 0;    ///< read, but for another part of the corpus (IndexOptions::part)
    std::vector<std::string> errors;  ///< why each failed shard stopped
    std::uint64_t total_documents = 0;
    std::uint64_t unique_terms = 0;
    std::uint64_t bytes_on_disk = 0;
    double seconds = 0;
    bool interrupted = false;
};

/// Progress callback: documents done, bytes read, bytes in all, seconds so far.
using ProgressFn = std::function<void(std::uint64_t, std::uint64_t, std::uint64_t, double)>;

/// Indexes @p inputs into options.dir. A document whose id is already in the index
/// replaces it (a document's shard is a hash of its id). A new index gets one shard per
/// thread, so that writing, Xapian's single-threaded part, runs on every core; Xapian
/// searches the shards as one database. Commits every options.batch documents; when
/// @p stop becomes true it commits what it has and returns with summary.interrupted
/// set. Problems with single documents go to @p on_problem (called under a lock) and
/// the document is skipped. With one thread @p analyzer analyzes them; with more, each
/// worker thread analyzes with its own copy of it.
///
/// A write error on a shard (disk full, I/O error) stops that shard at once: nothing is
/// written to it again, not even a commit, so what it had committed stays intact. The
/// run then stops reading, commits the other shards, and returns with summary.errors
/// set; running it again completes the job.
/// @exception ConfigError for a bad option or a missing input, IoError when the index
///   cannot be opened or created (a lock held by another writer, permissions).
IndexSummary index_corpus(Analyzer& analyzer, const std::vector<std::string>& inputs,
                          const IndexOptions& options, const std::atomic<bool>& stop,
                          const std::function<void(const CorpusProblem&)>& on_problem,
                          const ProgressFn& progress);

/// Bytes used by the files below @p dir.
std::uint64_t directory_bytes(const std::string& dir);

}  // namespace tigris
