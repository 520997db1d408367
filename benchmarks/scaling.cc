// Cost growth past one machine: the shared corpus at 1×, 2× and 4× (re-identified copies
// with a seeded shuffle of paragraphs), indexed in 1, 2 and 4 parts by as many `tigris
// index --shard K/N` processes at once, and searched locally (a stub of the part folders)
// and through xapian-tcpsrv on loopback (a stub of remote shards): indexing documents/s,
// index size, query latency over the dev and names queries, peak memory of every process.
// Writes a markdown report with the growth of each figure and a projection to 100×.
//
//   tigris_scaling run --corpus DIR --eval dev.json --names names.json --work DIR
//                      --tigris build/indexer/tigris [--report FILE]
//   tigris_scaling query ...   (one query run in a process of its own; used by run)

#include <CLI/CLI.hpp>

#include "scaling.h"

int main(int argc, char** argv) {
    CLI::App app{"tigris cost-growth benchmark: scales, shards, local and remote"};
    app.require_subcommand(1);
    tigris::bench::ScalingOptions o;
    auto* run = app.add_subcommand("run", "Make the corpora, index, search, report");
    run->add_option("--corpus", o.corpus, "The shared corpus folder")->required();
    run->add_option("--eval", o.eval, "dev.json: its queries are timed")->required();
    run->add_option("--names", o.names, "wikidata-arabic-names.json: its cluster spellings are timed");
    run->add_option("--work", o.work, "Folder for corpora and indexes (several GB)")->required();
    run->add_option("--tigris", o.tigris, "The tigris binary that indexes")->required();
    run->add_option("--report", o.report, "Write the markdown report here too");
    run->add_option("--scales", o.scales, "Corpus sizes, in copies of the corpus (default 1 2 4)");
    run->add_option("--shards", o.shard_counts, "Shard counts (default 1 2 4)");
    run->add_option("--repeat", o.repeat, "Times each dev query is run (default 3)");
    run->add_option("--runs", o.runs, "Indexing runs of the 1× corpus; the fastest counts (default 2)");
    run->add_option("--seed", o.seed, "Seed of the paragraph shuffle (default 11)");
    run->add_flag("--keep", o.keep, "Keep the indexes");

    tigris::bench::QueryRunOptions q;
    auto* query = app.add_subcommand("query", "Time the queries over one index (a child of run)");
    query->add_option("--index", q.index, "Index or stub")->required();
    query->add_option("--eval", q.eval, "dev.json")->required();
    query->add_option("--names", q.names, "names set");
    query->add_option("--out", q.out, "JSON results")->required();
    query->add_option("--repeat", q.repeat, "Times each dev query is run");
    query->add_option("--servers", q.servers, "Process ids of the xapian-tcpsrv serving the shards");
    CLI11_PARSE(app, argc, argv);
    try {
        if (*query) return tigris::bench::run_query_child(q);
        return tigris::bench::run_scaling(o, argv[0]);
    } catch (const std::exception& e) {
        std::cerr << "scaling: " << e.what() << "\n";
        return 1;
    }
}
