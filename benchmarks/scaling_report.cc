// The cost-growth benchmark's report: the figures, how each grows with the corpus, and
// what a corpus 100 times the shared one needs, with the arithmetic.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "scaling.h"

namespace tigris::bench {

namespace {

std::string fmt(double v, int digits = 1) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(digits) << v;
    return o.str();
}

double mib(double bytes) { return bytes / 1048576.0; }

// The b of figure ∝ size^b between two sizes.
double exponent(double small, double large, double size_ratio) {
    return small > 0 && large > 0 ? std::log(large / small) / std::log(size_ratio) : 0;
}

class Figures {
  public:
    Figures(const std::vector<IndexFigures>& indexing, const std::vector<QueryFigures>& queries)
        : indexing_(indexing), queries_(queries) {}

    const IndexFigures* index(unsigned scale, unsigned shards) const {
        for (const auto& f : indexing_) {
            if (f.scale == scale && f.shards == shards) return &f;
        }
        return nullptr;
    }
    const QueryFigures* query(unsigned scale, unsigned shards, bool remote) const {
        for (const auto& q : queries_) {
            if (q.scale == scale && q.shards == shards && q.remote == remote) return &q;
        }
        return nullptr;
    }

  private:
    const std::vector<IndexFigures>& indexing_;
    const std::vector<QueryFigures>& queries_;
};

std::string lat(const Latencies& l) { return fmt(l.p50, 2) + " / " + fmt(l.p95, 2) + " / " + fmt(l.p99, 2); }

void indexing_table(std::ostream& md, const std::vector<IndexFigures>& indexing) {
    md << "#### Indexing: N parts, N `tigris index --threads 1 --shard K/N` processes at once\n\n"
       << "| corpus | documents | parts | wall (s) | documents/s | per process | index (MiB) | peak memory per process (MiB) |\n"
       << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& f : indexing) {
        double slowest = f.process_docs_per_s.empty() ? 0 : *std::min_element(f.process_docs_per_s.begin(),
                                                                               f.process_docs_per_s.end());
        md << "| " << f.scale << "× | " << f.documents << " | " << f.shards << " | " << fmt(f.seconds) << " | "
           << fmt(f.documents / f.seconds, 0) << " | " << fmt(slowest, 0) << " | " << fmt(mib(f.bytes), 0) << " | "
           << fmt(f.peak_kib / 1024.0, 0) << " |\n";
    }
}

void query_table(std::ostream& md, const std::vector<QueryFigures>& queries, std::size_t dev, std::size_t names) {
    md << "\n#### Queries: top 10, p50 / p95 / p99 in ms (" << dev << " dev queries, " << names
       << " names queries)\n\n"
       << "Local: a stub of the part folders, searched in one process. Remote: a stub of `remote 127.0.0.1:PORT` "
          "lines, one xapian-tcpsrv per part. \"Snippets\" is what `tigris search` shows (snippet and spellings "
          "matched for each hit); \"ranked\" only ranks.\n\n"
       << "| corpus | parts | where | dev, snippets | dev, ranked | names, snippets | front end peak (MiB) | "
          "xapian-tcpsrv peak (MiB) |\n|---|---:|---|---:|---:|---:|---:|---:|\n";
    for (const auto& q : queries) {
        md << "| " << q.scale << "× | " << q.shards << " | " << (q.remote ? "remote" : "local") << " | " << lat(q.dev)
           << " | " << lat(q.dev_ranked) << " | " << lat(q.names) << " | " << fmt(q.front_peak_kib / 1024.0, 0) << " | "
           << (q.remote ? fmt(q.server_peak_kib / 1024.0, 0) : "-") << " |\n";
    }
}

// How many dev queries give the same hits, order and scores (1e-9) remote as local.
std::size_t identical_queries(const QueryFigures& local, const QueryFigures& remote) {
    std::size_t same = 0;
    for (std::size_t i = 0; i < local.dev_top.size() && i < remote.dev_top.size(); ++i) {
        const TopHits &a = local.dev_top[i], &b = remote.dev_top[i];
        bool equal = a.size() == b.size();
        for (std::size_t k = 0; equal && k < a.size(); ++k) {
            equal = a[k].first == b[k].first && std::fabs(a[k].second - b[k].second) < 1e-9;
        }
        same += equal;
    }
    return same;
}

std::string verdict(bool ok) { return ok ? "met" : "MISSED"; }

void targets(std::ostream& md, const Figures& f, const std::vector<unsigned>& scales) {
    md << "\n#### Targets\n\n| target | measured | |\n|---|---|---|\n";
    for (const unsigned s : scales) {
        const QueryFigures *local = f.query(s, 2, false), *remote = f.query(s, 2, true);
        if (!local || !remote) continue;
        const std::size_t same = identical_queries(*local, *remote);
        md << "| " << s << "×, 2 parts: remote gives the local hits, order and scores (1e-9) for every dev query | "
           << same << " of " << local->dev_top.size() << " | " << verdict(same == local->dev_top.size()) << " |\n";
        const double ratio = remote->dev.p95 / local->dev.p95, ranked = remote->dev_ranked.p95 / local->dev_ranked.p95;
        md << "| " << s << "×, 2 parts: remote dev p95 ≤ 2× local | " << fmt(ratio, 2) << "× with snippets, "
           << fmt(ranked, 2) << "× ranked only | " << verdict(ratio <= 2 && ranked <= 2) << " |\n";
    }
    const unsigned lo = scales.front(), hi = scales.back();
    if (const QueryFigures *a = f.query(lo, 1, false), *b = f.query(hi, 1, false); a && b && hi > lo) {
        const double size = static_cast<double>(hi) / lo;
        const double b50 = exponent(a->names.p50, b->names.p50, size), b95 = exponent(a->names.p95, b->names.p95, size);
        md << "| names queries cost grows sub-linearly (" << lo << "× → " << hi << "×, 1 part, local) | p50 "
           << fmt(a->names.p50, 2) << " → " << fmt(b->names.p50, 2) << " ms (size^" << fmt(b50, 2) << "), p95 "
           << fmt(a->names.p95, 2) << " → " << fmt(b->names.p95, 2) << " ms (size^" << fmt(b95, 2) << ") | "
           << verdict(b50 < 1 && b95 < 1) << " |\n";
    }
    if (const IndexFigures *one = f.index(lo, 1), *two = f.index(lo, 2); one && two) {
        const double speedup = (two->documents / two->seconds) / (one->documents / one->seconds);
        md << "| two indexing processes on two parts ≥ 1.8× one process's documents/s (" << lo << "×) | "
           << fmt(speedup, 2) << "× | " << verdict(speedup >= 1.8) << " |\n";
    }
}

void growth(std::ostream& md, const Figures& f, unsigned lo, unsigned hi) {
    const double size = static_cast<double>(hi) / lo;
    md << "\n#### How each figure grows, " << lo << "× → " << hi << "× (figure ∝ size^b)\n\n"
       << "| figure | " << lo << "× | " << hi << "× | b |\n|---|---:|---:|---:|\n";
    auto row = [&](const std::string& name, double a, double b, int digits) {
        md << "| " << name << " | " << fmt(a, digits) << " | " << fmt(b, digits) << " | " << fmt(exponent(a, b, size), 2)
           << " |\n";
    };
    if (const IndexFigures *a = f.index(lo, 1), *b = f.index(hi, 1); a && b) {
        row("index size, MiB", mib(a->bytes), mib(b->bytes), 0);
        row("documents/s of one process", a->documents / a->seconds, b->documents / b->seconds, 0);
        row("peak memory of an indexing process, MiB", a->peak_kib / 1024.0, b->peak_kib / 1024.0, 0);
    }
    if (const QueryFigures *a = f.query(lo, 1, false), *b = f.query(hi, 1, false); a && b) {
        row("dev p95 with snippets, ms (local, 1 part)", a->dev.p95, b->dev.p95, 2);
        row("dev p95 ranked, ms (local, 1 part)", a->dev_ranked.p95, b->dev_ranked.p95, 2);
        row("names p50, ms (local, 1 part)", a->names.p50, b->names.p50, 2);
        row("names p95, ms (local, 1 part)", a->names.p95, b->names.p95, 2);
        row("front end peak memory, MiB (local, 1 part)", a->front_peak_kib / 1024.0, b->front_peak_kib / 1024.0, 0);
    }
    if (const QueryFigures *a = f.query(lo, 2, true), *b = f.query(hi, 2, true); a && b) {
        row("dev p95 with snippets, ms (remote, 2 parts)", a->dev.p95, b->dev.p95, 2);
        row("front end peak memory, MiB (remote, 2 parts)", a->front_peak_kib / 1024.0, b->front_peak_kib / 1024.0, 0);
        row("xapian-tcpsrv peak memory, MiB (remote, 2 parts)", a->server_peak_kib / 1024.0, b->server_peak_kib / 1024.0,
            0);
    }
}

// Indexing at 100×: P machines, one process each, every one reading the whole corpus and
// indexing its part. The time to read past a document of another part comes from the
// 2-part run against the 1-part run of the smallest corpus.
void project_indexing(std::ostream& md, const Figures& f, unsigned lo, unsigned hi, unsigned parts100) {
    const IndexFigures *one = f.index(lo, 1), *two = f.index(lo, 2), *big = f.index(hi, 1);
    if (!one || !two || !big) return;
    const double docs = one->documents, docs100 = docs / lo * 100;
    // t2 = (D/2)/r + (D/2)·c, with t1 = D/r: c = (t2 − t1/2) / (D/2).
    const double skip = std::max(0.0, (two->seconds - one->seconds / 2) / (docs / 2));
    const double own = big->seconds, others = (docs100 - big->documents) * skip;
    md << "- **Indexing**: " << parts100 << " parts of " << hi << "× each (" << fmt(big->documents, 0)
       << " documents, the largest corpus measured), one machine and one `tigris index --shard K/" << parts100
       << "` process per part. A part's own documents take what the " << hi << "×, 1-part run took: " << fmt(own, 0)
       << " s. Reading past the other parts' documents costs c = (t₂ − t₁/2) / (D/2) = (" << fmt(two->seconds)
       << " − " << fmt(one->seconds) << "/2) / " << fmt(docs / 2, 0) << " = " << fmt(skip * 1e6, 1)
       << " µs a document (" << lo << "×: 2 parts against 1), so " << fmt(docs100 - big->documents, 0) << " × "
       << fmt(skip * 1e6, 1) << " µs = " << fmt(others, 0) << " s more. All " << fmt(docs100, 0)
       << " documents: about " << fmt((own + others) / 60, 0) << " minutes with " << parts100
       << " machines at once (one machine: " << fmt(docs100 / (big->documents / big->seconds) / 3600, 1)
       << " hours at " << fmt(big->documents / big->seconds, 0) << " documents/s).\n";
}

void project_queries(std::ostream& md, const Figures& f, unsigned lo, unsigned hi, unsigned parts100,
                     unsigned max_parts) {
    const QueryFigures *a = f.query(lo, 1, false), *b = f.query(hi, 1, false);
    const QueryFigures *r1 = f.query(hi, 1, true), *rn = f.query(hi, max_parts, true);
    if (!a || !b || !r1 || !rn) return;
    const double size = static_cast<double>(hi) / lo, to100 = 100.0 / hi;
    const double bd = exponent(a->dev.p95, b->dev.p95, size), bn = exponent(a->names.p95, b->names.p95, size);
    md << "- **Queries on one machine** (one index of 100×, if it fitted): dev p95 " << fmt(b->dev.p95, 2) << " ms × "
       << fmt(to100, 0) << "^" << fmt(bd, 2) << " = " << fmt(b->dev.p95 * std::pow(to100, bd), 1)
       << " ms; names p95 " << fmt(b->names.p95, 2) << " ms × " << fmt(to100, 0) << "^" << fmt(bn, 2) << " = "
       << fmt(b->names.p95 * std::pow(to100, bn), 1) << " ms.\n";
    // Each extra remote part adds its round trips; measured here with every process on one machine.
    const double per_part = max_parts > 1 ? (rn->dev.p95 - r1->dev.p95) / (max_parts - 1) : 0;
    md << "- **Queries over " << parts100 << " remote parts** of " << hi << "× each: a part matches what the " << hi
       << "×, 1-part remote run matched (dev p95 " << fmt(r1->dev.p95, 2) << " ms), and each further part added ("
       << fmt(rn->dev.p95, 2) << " − " << fmt(r1->dev.p95, 2) << ") / " << (max_parts - 1) << " = "
       << fmt(per_part, 2) << " ms at " << hi << "× (all " << max_parts
       << " servers and the front end sharing this machine's 2 cores, so an upper bound): p95 ≈ "
       << fmt(r1->dev.p95, 2) << " + " << (parts100 - 1) << " × " << fmt(per_part, 2) << " = "
       << fmt(r1->dev.p95 + (parts100 - 1) * per_part, 0) << " ms.\n";
}

void project_resources(std::ostream& md, const Figures& f, unsigned lo, unsigned hi, unsigned parts100) {
    const IndexFigures* big = f.index(hi, 1);
    const QueryFigures* r1 = f.query(hi, 1, true);
    const QueryFigures* front = f.query(hi, 1, false);
    if (!big || !r1 || !front) return;
    const double part_gib = mib(big->bytes) / 1024;
    md << "- **Disk and memory**: the index grows in proportion to the documents (b ≈ 1 above): " << fmt(part_gib, 2)
       << " GiB at " << hi << "× is " << fmt(part_gib / hi * 100, 0) << " GiB at 100×, " << fmt(part_gib, 2)
       << " GiB on each of " << parts100 << " machines, which want that much page cache besides the processes: "
       << "an indexing process peaked at " << fmt(big->peak_kib / 1024.0, 0) << " MiB, a xapian-tcpsrv at "
       << fmt(r1->server_peak_kib / 1024.0, 0) << " MiB (one connection; it forks one per connection, so one per "
       << "front-end worker thread), the front end at " << fmt(front->front_peak_kib / 1024.0, 0)
       << " MiB (analyzer, lexicon, Xapian's caches; " << lo << "× → " << hi << "× above). So " << parts100
       << " machines of 4 GiB each, or fewer larger ones with several parts each (a part per core: two processes "
          "on two parts reached the figure in the targets).\n";
}

std::string projection(const Figures& f, unsigned lo, unsigned hi) {
    if (hi <= lo || 100 % hi != 0) return "";
    const unsigned parts100 = 100 / hi;
    unsigned max_parts = 1;
    for (unsigned n = 2; n <= 64; ++n) {
        if (f.index(hi, n)) max_parts = n;
    }
    std::ostringstream md;
    md << "\n#### What a corpus 100× the shared one needs\n\n";
    project_indexing(md, f, lo, hi, parts100);
    project_queries(md, f, lo, hi, parts100, max_parts);
    project_resources(md, f, lo, hi, parts100);
    return md.str();
}

}  // namespace

std::string scaling_report(const ScalingOptions& o, const std::vector<IndexFigures>& indexing,
                           const std::vector<QueryFigures>& queries, const std::string& conditions) {
    std::ostringstream md;
    const Figures f(indexing, queries);
    const unsigned lo = o.scales.front(), hi = o.scales.back();
    md << "Corpus: " << o.corpus << " at";
    for (const unsigned s : o.scales) {
        if (const IndexFigures* i = f.index(s, o.shard_counts.front())) md << " " << s << "× (" << i->documents << ")";
    }
    md << " documents; each copy re-identified (`copyC/ID`) with its paragraphs shuffled (seed " << o.seed
       << "). Machine: " << conditions << ".\n\n";
    indexing_table(md, indexing);
    query_table(md, queries, dev_queries(o.eval).size(), name_queries(o.names).size());
    targets(md, f, o.scales);
    growth(md, f, lo, hi);
    md << projection(f, lo, hi);
    return md.str();
}

}  // namespace tigris::bench
