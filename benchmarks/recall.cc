// Recall benchmark: the evaluation set's family queries and negative probes against
// stock Xapian, stock Xapian with the lexicon in its synonym table, and tigris, over
// the same corpus in the same run. Prints a markdown report.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "bench_options.h"
#include "stock_xapian.h"
#include "tigris/index_writer.h"
#include "tigris/query_builder.h"
#include "tigris/searcher.h"
#include "tigris/synonym_files.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct QueryScore {
    std::string query;
    std::size_t returned = 0, correct = 0, gold = 0;
    double recall = 0, precision = 0, ndcg10 = 0;
};

struct FamilyScore {
    std::string id;
    std::vector<QueryScore> queries;
    double recall = 0, precision = 0, f1 = 0, worst_recall = 1, ndcg10 = 0;
};

struct NegativeScore {
    std::string id, query;
    std::size_t returned = 0, false_merges = 0;
    double precision = 1;
};

struct SystemScore {
    std::string name;
    std::vector<FamilyScore> families;
    std::vector<NegativeScore> negatives;
    double macro_recall = 0, macro_precision = 0, macro_f1 = 0, macro_ndcg10 = 0;
};

// A search system under test: query text → ranked document ids.
using SearchFn = std::function<std::vector<std::string>(const std::string&)>;

QueryScore score_query(const std::string& q, const std::vector<std::string>& ranked,
                       const std::unordered_set<std::string>& gold) {
    QueryScore s;
    s.query = q;
    s.returned = ranked.size();
    s.gold = gold.size();
    for (const auto& id : ranked) s.correct += gold.count(id);
    if (gold.empty()) {
        // A family with no document: right only when nothing is returned.
        s.recall = s.precision = ranked.empty() ? 1.0 : 0.0;
    } else {
        s.recall = static_cast<double>(s.correct) / static_cast<double>(gold.size());
        s.precision = ranked.empty() ? 1.0 : static_cast<double>(s.correct) / static_cast<double>(ranked.size());
    }
    double dcg = 0, idcg = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        if (i < ranked.size() && gold.count(ranked[i])) dcg += 1.0 / std::log2(static_cast<double>(i) + 2);
        if (i < gold.size()) idcg += 1.0 / std::log2(static_cast<double>(i) + 2);
    }
    s.ndcg10 = idcg > 0 ? dcg / idcg : (ranked.empty() ? 1.0 : 0.0);
    return s;
}

SystemScore evaluate(const std::string& name, const json& eval, const SearchFn& search,
                     const std::unordered_set<std::string>* restrict_to) {
    SystemScore sys;
    sys.name = name;
    auto gold_of = [&](const json& list) {
        std::unordered_set<std::string> g;
        for (const auto& id : list) {
            if (!restrict_to || restrict_to->count(id.get<std::string>())) g.insert(id.get<std::string>());
        }
        return g;
    };
    for (const auto& fam : eval["families"]) {
        FamilyScore f;
        f.id = fam["id"].get<std::string>();
        const auto gold = gold_of(fam["gold"]);
        for (const auto& q : fam["queries"]) {
            std::string text = q.get<std::string>();
            // Multi-word queries are phrases.
            if (text.find(' ') != std::string::npos) text = "\"" + text + "\"";
            f.queries.push_back(score_query(q.get<std::string>(), search(text), gold));
        }
        for (const auto& qs : f.queries) {
            f.recall += qs.recall;
            f.precision += qs.precision;
            f.ndcg10 += qs.ndcg10;
            f.worst_recall = std::min(f.worst_recall, qs.recall);
        }
        const auto n = static_cast<double>(f.queries.size());
        f.recall /= n;
        f.precision /= n;
        f.ndcg10 /= n;
        f.f1 = f.recall + f.precision > 0 ? 2 * f.recall * f.precision / (f.recall + f.precision) : 0;
        sys.families.push_back(f);
    }
    for (const auto& neg : eval["negatives"]) {
        NegativeScore s;
        s.id = neg["id"].get<std::string>();
        s.query = neg["query"].get<std::string>();
        const auto gold = gold_of(neg["gold"]);
        const auto ranked = search(s.query);
        s.returned = ranked.size();
        std::size_t correct = 0;
        for (const auto& id : ranked) correct += gold.count(id);
        s.false_merges = ranked.size() - correct;
        s.precision = ranked.empty() ? 1.0 : static_cast<double>(correct) / static_cast<double>(ranked.size());
        sys.negatives.push_back(s);
    }
    // Macro averages over the families that have documents; a family with none (its
    // queries must return nothing) is reported on its own.
    std::size_t counted = 0;
    for (const auto& f : sys.families) {
        if (f.queries.empty() || f.queries[0].gold == 0) continue;
        ++counted;
        sys.macro_recall += f.recall;
        sys.macro_precision += f.precision;
        sys.macro_ndcg10 += f.ndcg10;
    }
    const auto n = static_cast<double>(std::max<std::size_t>(counted, 1));
    sys.macro_recall /= n;
    sys.macro_precision /= n;
    sys.macro_ndcg10 /= n;
    sys.macro_f1 = 2 * sys.macro_recall * sys.macro_precision / (sys.macro_recall + sys.macro_precision);
    return sys;
}

std::string fmt(double v) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(3) << v;
    return o.str();
}

void report(std::ostream& out, const std::vector<SystemScore>& systems, bool per_query) {
    out << "Macro averages over the families that have documents.\n\n";
    out << "| system | macro recall | macro precision | macro F1 | nDCG@10 | false merges (negatives) |\n";
    out << "|---|---:|---:|---:|---:|---:|\n";
    for (const auto& s : systems) {
        std::size_t merges = 0;
        for (const auto& n : s.negatives) merges += n.false_merges;
        out << "| " << s.name << " | " << fmt(s.macro_recall) << " | " << fmt(s.macro_precision) << " | "
            << fmt(s.macro_f1) << " | " << fmt(s.macro_ndcg10) << " | " << merges << " |\n";
    }
    out << "\n### Per family (recall / precision / worst spelling's recall)\n\n| family |";
    for (const auto& s : systems) out << " " << s.name << " |";
    out << "\n|---|";
    for (std::size_t i = 0; i < systems.size(); ++i) out << "---|";
    out << "\n";
    for (std::size_t f = 0; f < systems[0].families.size(); ++f) {
        out << "| " << systems[0].families[f].id << " |";
        for (const auto& s : systems) {
            const auto& fs_ = s.families[f];
            if (fs_.queries[0].gold == 0) {
                std::size_t returned = 0;
                for (const auto& q : fs_.queries) returned += q.returned;
                out << " no documents; returned " << returned << (returned ? " (wrong)" : " (right)") << " |";
                continue;
            }
            out << " " << fmt(fs_.recall) << " / " << fmt(fs_.precision) << " / " << fmt(fs_.worst_recall) << " |";
        }
        out << "\n";
    }
    out << "\n### Negative probes (precision, false merges)\n\n| probe | query |";
    for (const auto& s : systems) out << " " << s.name << " |";
    out << "\n|---|---|";
    for (std::size_t i = 0; i < systems.size(); ++i) out << "---|";
    out << "\n";
    for (std::size_t k = 0; k < systems[0].negatives.size(); ++k) {
        out << "| " << systems[0].negatives[k].id << " | " << systems[0].negatives[k].query << " |";
        for (const auto& s : systems) {
            out << " " << fmt(s.negatives[k].precision) << " (" << s.negatives[k].false_merges << ") |";
        }
        out << "\n";
    }
    if (!per_query) return;
    out << "\n### Per query (recall / precision, returned)\n\n| family | query |";
    for (const auto& s : systems) out << " " << s.name << " |";
    out << "\n|---|---|";
    for (std::size_t i = 0; i < systems.size(); ++i) out << "---|";
    out << "\n";
    for (std::size_t f = 0; f < systems[0].families.size(); ++f) {
        for (std::size_t q = 0; q < systems[0].families[f].queries.size(); ++q) {
            out << "| " << systems[0].families[f].id << " | " << systems[0].families[f].queries[q].query << " |";
            for (const auto& s : systems) {
                const auto& qs = s.families[f].queries[q];
                out << " " << fmt(qs.recall) << " / " << fmt(qs.precision) << " (" << qs.returned << ") |";
            }
            out << "\n";
        }
    }
}

// Indexes @p input with stock Xapian and with tigris (unless @p reuse finds them built).
void build_indexes(tigris::Analyzer& analyzer, const std::string& input, const std::string& stock_dir,
                   const std::string& tigris_dir, bool reuse) {
    const std::atomic<bool> never{false};
    if (!reuse || !fs::exists(stock_dir)) {
        const auto t0 = std::chrono::steady_clock::now();
        tigris::bench::build_stock_index(input, stock_dir, 1);
        std::cerr << "stock index: " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
    }
    if (!reuse || !fs::exists(tigris_dir)) {
        tigris::IndexOptions o;
        o.dir = tigris_dir;
        o.rebuild = true;
        const auto s = tigris::index_corpus(analyzer, {input}, o, never, [](const tigris::CorpusProblem& p) {
            std::cerr << "skipped " << p.describe() << "\n";
        }, nullptr);
        std::cerr << "tigris index: " << s.seconds << " s\n";
    }
}

// --check: 0 when tigris meets the targets, 1 (naming each miss) when not.
int check_targets(const SystemScore& t) {
    std::vector<std::string> misses;
    if (t.macro_recall < 0.98) misses.push_back("macro recall " + fmt(t.macro_recall) + " < 0.98");
    if (t.macro_precision < 0.97) misses.push_back("macro precision " + fmt(t.macro_precision) + " < 0.97");
    for (const auto& f : t.families) {
        if (f.queries[0].gold == 0) {
            for (const auto& q : f.queries) {
                if (q.returned) misses.push_back(f.id + ": \"" + q.query + "\" returned " + std::to_string(q.returned));
            }
        } else if (f.recall < 0.95) {
            misses.push_back(f.id + " recall " + fmt(f.recall) + " < 0.95");
        }
    }
    for (const auto& n : t.negatives) {
        if (n.precision < 0.99) misses.push_back("negative " + n.id + " precision " + fmt(n.precision) + " < 0.99");
    }
    for (const auto& m : misses) std::cout << "recall: target missed: " << m << "\n";
    std::cout << (misses.empty() ? "1 passed, 0 failed\n" : "0 passed, 1 failed\n");
    return misses.empty() ? 0 : 1;
}

// Per-family recall of each system, as a gnuplot data file.
void write_chart_data(const std::string& path, const std::vector<SystemScore>& systems) {
    std::ofstream cd(path);
    cd << "family";
    for (const auto& s : systems) cd << "\t\"" << s.name << "\"";
    cd << "\n";
    for (std::size_t f = 0; f < systems[0].families.size(); ++f) {
        if (systems[0].families[f].queries[0].gold == 0) continue;  // no recall to plot
        cd << systems[0].families[f].id;
        for (const auto& s : systems) cd << "\t" << s.families[f].recall;
        cd << "\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tigris recall benchmark"};
    tigris::bench::BenchOptions opt;
    std::string chart_data;
    bool per_query = false, reuse = false, check = false;
    opt.add_to(app, "Evaluation set (dev.json format)");
    app.add_option("--chart-data", chart_data, "Write per-family recall as a gnuplot data file");
    app.add_flag("--per-query", per_query, "Include the per-query table");
    app.add_flag("--reuse", reuse, "Reuse indexes left in --work by an earlier run");
    app.add_flag("--check", check,
                 "Exit 1 unless tigris meets the targets: macro recall >= 0.98, macro precision >= 0.97, "
                 "every family's recall >= 0.95, every negative's precision >= 0.99, families "
                 "without documents return nothing");
    CLI11_PARSE(app, argc, argv);
    if (opt.inputs_missing("recall")) return tigris::bench::kSkipped;
    const std::string &corpus = opt.corpus, &eval_path = opt.eval_path, &work = opt.work,
                      &report_path = opt.report_path;
    const std::size_t sample = opt.sample;

    try {
        std::ifstream ein(eval_path);
        if (!ein) throw std::runtime_error("cannot read " + eval_path);
        const json eval = json::parse(ein);

        tigris::Analyzer analyzer = tigris::load_analyzer(opt.synonyms);
        const tigris::Lexicon& lexicon = analyzer.lexicon();

        // The corpus, optionally sampled, as one JSONL file both systems index.
        fs::create_directories(work);
        const std::string input = (fs::path(work) / "corpus.jsonl").string();
        std::unordered_set<std::string> ids;
        tigris::bench::sample_corpus(corpus, sample, input, [&](const json& j) {
            if (j.contains("id") && j["id"].is_string()) ids.insert(j["id"].get<std::string>());
        });
        const std::string stock_dir = (fs::path(work) / "stock").string();
        const std::string tigris_dir = (fs::path(work) / "tigris").string();
        build_indexes(analyzer, input, stock_dir, tigris_dir, reuse);
        const std::string syn_dir = (fs::path(work) / "stock-synonyms").string();
        tigris::bench::copy_with_synonyms(stock_dir, syn_dir, lexicon);

        Xapian::Database stock_db(stock_dir), syn_db(syn_dir), tigris_db(tigris_dir);
        const auto doccount = stock_db.get_doccount();
        auto stock_search = [&](Xapian::Database& db, bool synonyms_on) {
            return [&db, synonyms_on, doccount](const std::string& q) {
                return tigris::bench::stock_search(db, q, synonyms_on, doccount);
            };
        };
        tigris::Searcher searcher(tigris_db, analyzer);
        tigris::SearchOptions so;
        so.limit = doccount;
        so.detailed = 0;
        auto tigris_search = [&](const std::string& q) {
            std::vector<std::string> out;
            for (const auto& h : searcher.search(q, so).hits) out.push_back(h.id);
            return out;
        };
        const auto* restrict_to = sample > 1 ? &ids : nullptr;
        std::vector<SystemScore> systems;
        systems.push_back(evaluate("stock Xapian", eval, stock_search(stock_db, false), restrict_to));
        systems.push_back(evaluate("stock + synonym table", eval, stock_search(syn_db, true), restrict_to));
        systems.push_back(evaluate("tigris", eval, tigris_search, restrict_to));

        std::ostringstream md;
        md << "Corpus: " << corpus << " (" << doccount << " documents" << (sample > 1 ? ", sampled 1 in " + std::to_string(sample) : "")
           << "); evaluation set: " << eval_path << "; lexicon: " << lexicon.families().size() << " families.\n\n";
        report(md, systems, per_query);
        std::cout << md.str();
        if (!report_path.empty()) std::ofstream(report_path) << md.str();
        if (check) return check_targets(systems.back());
        if (!chart_data.empty()) write_chart_data(chart_data, systems);
    } catch (const std::exception& e) {
        std::cerr << "recall: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
