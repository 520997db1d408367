// The cost-growth benchmark (tigris_scaling): corpora made larger by copies, indexed in
// parts by separate processes, searched locally and over xapian-tcpsrv.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tigris::bench {

struct ScalingOptions {
    std::string corpus, eval, names, work, tigris, report;
    std::vector<unsigned> scales{1, 2, 4};        ///< corpus sizes, in copies of the corpus
    std::vector<unsigned> shard_counts{1, 2, 4};  ///< parts, each indexed by its own process
    int repeat = 3;                               ///< times each dev query is run
    int runs = 2;                                 ///< indexing runs of the 1× corpus (fastest counts)
    unsigned seed = 11;                           ///< of the paragraph shuffle
    bool keep = false;                            ///< keep the indexes
};

struct QueryRunOptions {
    std::string index, eval, names, out;
    int repeat = 3;
    std::vector<int> servers;  ///< xapian-tcpsrv process ids: their peak memory is read
};

/// One indexing of a corpus size in N parts, N `tigris index --shard K/N` at once.
struct IndexFigures {
    unsigned scale = 1, shards = 1;
    std::uint64_t documents = 0;
    double seconds = 0;                      ///< wall time, first start to last end
    std::vector<double> process_docs_per_s;  ///< each process: its part's documents / its time
    std::uint64_t bytes = 0;                 ///< all parts on disk
    long peak_kib = 0;                       ///< the largest process's peak resident memory
};

struct Latencies {
    double p50 = 0, p95 = 0, p99 = 0;
};

/// The top hits of one query: (id, score) in rank order.
using TopHits = std::vector<std::pair<std::string, double>>;

/// One query run over an index, local or through xapian-tcpsrv.
struct QueryFigures {
    unsigned scale = 1, shards = 1;
    bool remote = false;
    Latencies dev, dev_ranked, names;  ///< top 10; dev and names with snippets, dev_ranked without
    long front_peak_kib = 0;           ///< the searching process
    long server_peak_kib = 0;          ///< the largest xapian-tcpsrv process (remote only)
    std::vector<TopHits> dev_top;      ///< per dev query
};

/// The dev set's queries as the speed benchmark runs them: each family's spellings (in
/// quotes when they hold a space), then the negative probes.
std::vector<std::string> dev_queries(const std::string& eval_path);

/// The names set's cluster spellings, capitalized as names are written.
std::vector<std::string> name_queries(const std::string& names_path);

/// @p body with its paragraphs (else lines, else sentences) in an order drawn from @p seed
/// by a portable Fisher-Yates shuffle: the same on every machine.
std::string shuffle_paragraphs(const std::string& body, std::uint64_t seed);

/// Writes copies 1..@p copies of the corpus into @p work (copy C: ids "copyC/ID", paragraphs
/// shuffled); returns their files. A copy already written is kept.
std::vector<std::string> make_copies(const std::string& corpus, unsigned copies, unsigned seed,
                                     const std::string& work);

/// `tigris_scaling query`: times the queries over one index, writes JSON to options.out.
int run_query_child(const QueryRunOptions& options);

/// `tigris_scaling run`: the whole benchmark; @p self is this program, run for each query run.
int run_scaling(const ScalingOptions& options, const std::string& self);

/// The report: tables, growth of each figure from the smallest to the largest corpus,
/// and the projection to 100×, with its arithmetic.
std::string scaling_report(const ScalingOptions& options, const std::vector<IndexFigures>& indexing,
                           const std::vector<QueryFigures>& queries, const std::string& conditions);

/// The @p p quantile (0..1) of @p v.
double quantile(std::vector<double> v, double p);

}  // namespace tigris::bench
