// Name matching on the romanized Arabic names set: pair recall, pair precision and
// false merges for tigris (its scorer, and its search over one short document per
// spelling), stock Xapian and phonetic encoders, in one run; and the calibration of
// the scorer's costs.
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <unordered_map>

#include "bench_options.h"
#include "name_calibration.h"
#include "name_set.h"
#include "stock_xapian.h"
#include "tigris/index_writer.h"
#include "tigris/searcher.h"
#include "tigris/synonym_files.h"
#include "tigris/variant_key.h"

namespace {

using tigris::bench::NameFigures;

std::string percent(double x) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << x;
    return out.str();
}

void print_figures_header(std::ostream& out) {
    out << "| system | pair recall | recall, not rare | pair precision | precision, names of 2+ spellings "
           "| precision, a name's two forms as one | false merges | clusters joined |\n"
        << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
}

void print_figures(std::ostream& out, const std::string& name, const NameFigures& f) {
    out << "| " << name << " | " << percent(f.recall()) << " | " << percent(f.common_recall()) << " | "
        << percent(f.all_precision()) << " | " << percent(f.precision()) << " | " << percent(f.one_name_precision())
        << " | " << f.false_merges << " ("
        << std::setprecision(2) << std::fixed << 100 * f.false_merge_rate() << "%) | " << f.clusters_joined << "/"
        << f.clusters << " |\n";
}

int calibrate(const tigris::bench::NameSet& set, const tigris::bench::CalibrationTargets& targets,
              const std::string& out_path, unsigned folds, bool sweep, const std::string& command) {
    if (folds > 1) {
        std::cout << "Cross-validation: costs fitted on " << folds - 1 << "/" << folds
                  << " of the clusters, measured on the rest.\n\n";
        print_figures_header(std::cout);
        // Held-out figures summed over the folds, at each threshold of the sweep.
        std::map<int, NameFigures> pooled;
        for (unsigned k = 0; k < folds; ++k) {
            const auto train = tigris::bench::name_fold(set, k, folds, true);
            const auto test = tigris::bench::name_fold(set, k, folds, false);
            const auto c = tigris::bench::calibrate_names(train, targets);
            const tigris::NameScorer scorer(c.costs, c.threshold, c.short_penalty);
            print_figures(std::cout, "fold " + std::to_string(k) + " train (t=" + percent(c.threshold) + ")", c.train);
            print_figures(std::cout, "fold " + std::to_string(k) + " held out", tigris::bench::measure_scorer(scorer, test));
            NameFigures best;
            const double t = tigris::bench::best_threshold(scorer, test, targets, &best);
            print_figures(std::cout, "fold " + std::to_string(k) + " held out, its best threshold (" + percent(t) + ")", best);
            if (sweep) {
                for (int tenth = 6; tenth <= 20; ++tenth) {
                    const tigris::NameScorer at(c.costs, tenth / 10.0, c.short_penalty);
                    pooled[tenth] += tigris::bench::measure_scorer(at, test);
                }
            }
        }
        for (const auto& [tenth, f] : pooled) print_figures(std::cout, "held out, t=" + percent(tenth / 10.0), f);
        std::cout << "\n";
    }
    const auto c = tigris::bench::calibrate_names(set, targets);
    print_figures_header(std::cout);
    if (sweep) {
        // The same costs at other thresholds: what each choice trades.
        for (double t = 0.6; t <= 1.61; t += 0.1) {
            const tigris::NameScorer scorer(c.costs, t, c.short_penalty);
            print_figures(std::cout, "all, t=" + percent(t), tigris::bench::measure_scorer(scorer, set));
        }
    }
    print_figures(std::cout, "all (t=" + percent(c.threshold) + ")", c.train);
    if (!out_path.empty()) {
        std::ofstream out(out_path);
        if (!out) throw std::runtime_error("cannot write " + out_path);
        tigris::bench::write_cost_table(c, command, out);
        std::cout << "wrote " << out_path << " (" << c.costs.size() << " costs)\n";
    }
    return 0;
}

// The edits of a comparison with their places ("ee/i@4 q/k@2 "), and the line's end.
void print_edits(std::ostream& out, const tigris::NameComparison& c) {
    for (const auto& e : c.edits) out << e.a << "/" << e.b << "@" << int(e.place) << " ";
    out << "\n";
}

// Every ordered pair of spellings with one block key: R(ight) or W(rong), cost, rare, edits.
void dump_blocks(const tigris::bench::NameSet& set, const tigris::NameScorer& scorer) {
    const auto blocks = tigris::bench::spellings_by_key(set, tigris::name_block_key);
    for (const auto& [k, m] : blocks) {
        for (std::size_t x : m) {
            for (std::size_t y : m) {
                if (x == y) continue;
                const auto& a = set.spellings[x];
                const auto& b = set.spellings[y];
                const auto c = scorer.compare(a.text, b.text);
                const bool right = a.cluster >= 0 && a.cluster == b.cluster;
                std::cout << (right ? "R" : "W") << "\t" << a.text << "\t" << b.text << "\t" << c.cost << "\t"
                          << (a.rare || b.rare) << "\t";
                print_edits(std::cout, c);
            }
        }
    }
}

// Every same-name pair and every look-alike pair: label, cost, same block key, edits.
void dump_edits(const tigris::bench::NameSet& set, const tigris::NameScorer& scorer) {
    auto dump = [&](const std::string& label, const std::string& a, const std::string& b) {
        const auto c = scorer.compare(a, b);
        std::cout << label << "\t" << a << "\t" << b << "\t" << c.cost << "\t"
                  << (tigris::name_block_key(a) == tigris::name_block_key(b)) << "\t";
        print_edits(std::cout, c);
    };
    for (const auto& m : set.clusters) {
        for (std::size_t i = 0; i < m.size(); ++i) {
            for (std::size_t j = i + 1; j < m.size(); ++j) {
                const auto& a = set.spellings[m[i]];
                const auto& b = set.spellings[m[j]];
                dump(a.rare || b.rare ? "pos-rare" : "pos", a.text, b.text);
            }
        }
    }
    for (const auto& n : set.negatives) dump("neg-" + n.difference, n.a, n.b);
}

// The pairs of two names the scorer joins: those the set lists as look-alikes, and those
// it does not (UNLISTED).
void show_merges(const tigris::bench::NameSet& set, const tigris::NameScorer& scorer) {
    std::set<std::pair<std::string, std::string>> listed;
    for (const auto& n : set.negatives) listed.insert(std::minmax(n.a, n.b));
    const auto blocks = tigris::bench::spellings_by_key(set, tigris::name_block_key);
    for (const auto& [k, m] : blocks) {
        for (std::size_t x : m) {
            for (std::size_t y : m) {
                const auto& a = set.spellings[x];
                const auto& b = set.spellings[y];
                if (a.text >= b.text || (a.cluster >= 0 && a.cluster == b.cluster) || listed.count({a.text, b.text})) {
                    continue;
                }
                const auto c = scorer.compare(a.text, b.text);
                if (c.same) {
                    std::cout << "UNLISTED " << a.text << "(" << a.cluster << ") / " << b.text << "(" << b.cluster
                              << "): " << c.cost << ": " << c.describe() << "\n";
                }
            }
        }
    }
    for (const auto& n : set.negatives) {
        if (tigris::name_block_key(n.a) != tigris::name_block_key(n.b)) continue;
        const auto c = scorer.compare(n.a, n.b);
        if (c.same) std::cout << n.a << " / " << n.b << " (" << n.difference << "): " << c.cost << ": " << c.describe() << "\n";
    }
}

}  // namespace

// The name as a document writes it: capitalized, in an ordinary sentence.
std::string capitalized(const std::string& spelling) {
    std::string s = spelling;
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string sentence(const std::string& spelling) {
    return "In the report, " + capitalized(spelling) + " spoke to the council about the plan.";
}

// Searches every spelling, capitalized, with @p search (ids "n<index>" back), into what
// each query returns.
tigris::bench::Returned search_each(const tigris::bench::NameSet& set,
                                     const std::function<std::vector<std::string>(const std::string&)>& search) {
    tigris::bench::Returned returned(set.spellings.size());
    for (std::size_t q = 0; q < set.spellings.size(); ++q) {
        for (const std::string& id : search(capitalized(set.spellings[q].text))) {
            returned[q].push_back(static_cast<std::size_t>(std::stoul(id.substr(1))));
        }
    }
    return returned;
}

struct Timing {
    double mean_us = 0, p95_us = 0;
};

// tigris over one short document per spelling: the index, then a search per spelling.
tigris::bench::Returned tigris_search(const tigris::bench::NameSet& set, const std::vector<std::string>& synonyms,
                                      const std::string& dir, Timing& build_time) {
    tigris::Analyzer analyzer = tigris::load_analyzer(synonyms);
    std::filesystem::remove_all(dir);
    {
        Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
        for (std::size_t i = 0; i < set.spellings.size(); ++i) {
            tigris::CorpusDocument d;
            d.id = "n" + std::to_string(i);
            d.body = sentence(set.spellings[i].text);
            d.meta = "{}";
            db.add_document(tigris::make_document(analyzer, d));
        }
        db.commit();
    }
    const Xapian::Database db(dir);
    tigris::Searcher searcher(db, analyzer);
    tigris::SearchOptions o;
    o.limit = set.spellings.size();
    o.detailed = 0;
    std::vector<double> us;
    auto returned = search_each(set, [&](const std::string& q) {
        const auto start = std::chrono::steady_clock::now();
        tigris::QueryReport report;  // as a search builds it: with the spellings to offer
        (void)searcher.query_builder().build(q, Xapian::Query::OP_AND, &report);
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        std::vector<std::string> ids;
        for (const auto& h : searcher.search(q, o).hits) ids.push_back(h.id);
        return ids;
    });
    std::sort(us.begin(), us.end());
    for (const double u : us) build_time.mean_us += u / double(us.size());
    build_time.p95_us = us.empty() ? 0 : us[us.size() * 95 / 100];
    return returned;
}

// Stock Xapian over the same documents: TermGenerator and QueryParser as a user sets them up.
tigris::bench::Returned stock_search_all(const tigris::bench::NameSet& set, const std::string& dir) {
    std::filesystem::remove_all(dir);
    const std::string jsonl = dir + ".jsonl";
    {
        std::ofstream out(jsonl);
        for (std::size_t i = 0; i < set.spellings.size(); ++i) {
            out << nlohmann::json{{"id", "n" + std::to_string(i)}, {"title", ""}, {"body", sentence(set.spellings[i].text)}}
                       .dump()
                << "\n";
        }
    }
    tigris::bench::build_stock_index(jsonl, dir, 1);
    const Xapian::Database db(dir);
    return search_each(set, [&](const std::string& q) {
        return tigris::bench::stock_search(db, q, false, static_cast<Xapian::doccount>(set.spellings.size()));
    });
}

// The phonetic encoders' keys ("encoder<TAB>spelling<TAB>key|key"): a spelling finds
// every spelling with a key in common.
std::vector<std::pair<std::string, tigris::bench::Returned>> phonetic_systems(const tigris::bench::NameSet& set,
                                                                              const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read phonetic keys " + path);
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < set.spellings.size(); ++i) index.emplace(set.spellings[i].text, i);
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::vector<std::string>>> keys;  // encoder → per spelling
    for (std::string line; std::getline(in, line);) {
        const std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        if (t1 == std::string::npos || t2 == std::string::npos) continue;
        const std::string encoder = line.substr(0, t1), spelling = line.substr(t1 + 1, t2 - t1 - 1);
        const auto it = index.find(spelling);
        if (it == index.end()) continue;
        auto& per = keys[encoder];
        if (per.empty()) {
            per.resize(set.spellings.size());
            order.push_back(encoder);
        }
        std::stringstream ks(line.substr(t2 + 1));
        for (std::string k; std::getline(ks, k, '|');) {
            if (!k.empty()) per[it->second].push_back(k);
        }
    }
    std::vector<std::pair<std::string, tigris::bench::Returned>> out;
    for (const std::string& encoder : order) {
        const auto& per = keys[encoder];
        std::unordered_map<std::string, std::vector<std::size_t>> by_key;
        for (std::size_t i = 0; i < per.size(); ++i) {
            for (const auto& k : per[i]) by_key[k].push_back(i);
        }
        tigris::bench::Returned returned(set.spellings.size());
        for (std::size_t i = 0; i < per.size(); ++i) {
            std::set<std::size_t> found;
            for (const auto& k : per[i]) found.insert(by_key[k].begin(), by_key[k].end());
            found.erase(i);
            returned[i].assign(found.begin(), found.end());
        }
        out.emplace_back(encoder, std::move(returned));
    }
    return out;
}

// Floors of --check: what the calibrated table reaches today, less a margin for noise; a
// change to the rules or the costs that falls below them is a regression.
constexpr double kFloorRecall = 0.42, kFloorCommonRecall = 0.48, kFloorPrecision = 0.86,
                 kCeilingFalseMergeRate = 0.005;

int evaluate(const tigris::bench::NameSet& set, const std::vector<std::string>& synonyms, const std::string& work,
             const std::string& phonetic, const std::string& report_path, const std::string& chart_path, bool check) {
    std::filesystem::create_directories(work);
    std::vector<std::pair<std::string, NameFigures>> systems;
    Timing build_time;
    const auto tigris = tigris_search(set, synonyms, work + "/tigris", build_time);
    systems.emplace_back("tigris (search)", tigris::bench::figures_from(set, tigris));
    systems.emplace_back("tigris scorer alone (block key + scorer)",
                         tigris::bench::measure_scorer(*tigris::NameScorer::builtin(), set));
    systems.emplace_back("stock Xapian (search)", tigris::bench::figures_from(set, stock_search_all(set, work + "/stock")));
    systems.emplace_back("tigris 0699429 variant key",
                         tigris::bench::measure_names(
                             set, [](const std::string& a, const std::string& b) { return tigris::variant_key(a) == tigris::variant_key(b); },
                             [](const std::string& a) { return tigris::variant_key(a); }));
    if (!phonetic.empty()) {
        for (auto& [name, returned] : phonetic_systems(set, phonetic)) {
            systems.emplace_back(name + " (Commons Codec)", tigris::bench::figures_from(set, returned));
        }
    }
    std::ostringstream out;
    out << "Names set: " << set.clusters.size() << " clusters, " << set.spellings.size() << " spellings (one document each), "
        << set.negatives.size() << " look-alike pairs. Pair recall: over ordered same-name pairs, the share where "
        << "searching one spelling finds the other's document; pair precision: of the documents a spelling finds "
        << "besides its own, the share of its own name, every spelling a query (the one-spelling names too, which "
        << "should find nothing); the next column counts only the queries of names with two spellings or more; the "
        << "one after leaves out the spellings of another Arabic form of the query's name that the set itself reads "
        << "as one name written two ways, and keeps out of its look-alike pairs (with and without the article al-, "
        << "an emphatic letter for a plain one, a doubled letter, a final alif, ha or waw: Toufiq and al-Toufiq are "
        << "two names in the set). False merges: look-alike pairs of two names where one finds the other.\n\n";
    print_figures_header(out);
    for (const auto& [name, f] : systems) print_figures(out, name, f);
    out << "\nBuilding a tigris query with name matching, as a search does (candidates from the index by block key, "
           "then the scorer; for a name in few documents, the spellings to offer): "
        << std::fixed << std::setprecision(0) << build_time.mean_us << " µs on average, " << build_time.p95_us
        << " µs at the 95th percentile, over " << set.spellings.size() << " names.\n";
    std::cout << out.str();
    if (!report_path.empty()) std::ofstream(report_path) << out.str();
    if (check) {
        const NameFigures& f = systems.front().second;
        const bool ok = f.recall() >= kFloorRecall && f.common_recall() >= kFloorCommonRecall &&
                        f.all_precision() >= kFloorPrecision && f.false_merge_rate() <= kCeilingFalseMergeRate;
        std::cout << (ok ? "check: ok" : "check: FAILED") << " (floors: pair recall " << kFloorRecall << ", not rare "
                  << kFloorCommonRecall << ", pair precision " << kFloorPrecision << ", false merges at most "
                  << 100 * kCeilingFalseMergeRate << "%)\n";
        if (!ok) return 1;
    }
    if (!chart_path.empty()) {
        std::ofstream chart(chart_path);
        chart << "system\t\"pair recall\"\t\"pair precision\"\n";
        for (const auto& [name, f] : systems) {
            chart << "\"" << name << "\"\t" << f.recall() << "\t" << f.all_precision() << "\n";
        }
    }
    return 0;
}

int main(int argc, char** argv) {
    CLI::App app{"Name matching on romanized Arabic names: tigris, stock Xapian and phonetic encoders"};
    std::string names_path, calibrate_out;
    unsigned folds = 0;
    bool do_calibrate = false, merges = false, sweep = false, check = false, blocks = false, edits = false;
    std::vector<std::string> compare;
    app.add_option("--names", names_path, "wikidata-arabic-names.json")->required();
    app.add_flag("--calibrate", do_calibrate, "Fit the scorer's costs on the names set");
    app.add_option("--write-costs", calibrate_out, "With --calibrate: write the cost table here");
    app.add_option("--folds", folds, "With --calibrate: also cross-validate over this many folds");
    app.add_flag("--sweep", sweep, "With --calibrate: also the figures at other thresholds");
    app.add_flag("--check", check, "Exit 1 when tigris falls below the floors of name matching");
    tigris::bench::CalibrationTargets targets;
    app.add_option("--rounds", targets.rounds, "With --calibrate: rounds of alignment and fit");
    app.add_option("--steps", targets.steps, "With --calibrate: gradient steps per fit");
    app.add_option("--penalty", targets.penalty, "With --calibrate: L2 pull of each edit towards its class");
    app.add_option("--wrong-weight", targets.wrong_weight, "With --calibrate: weight of a pair of two names");
    app.add_option("--max-false-merges", targets.max_false_merge_rate, "With --calibrate: target rate");
    app.add_option("--min-precision", targets.min_precision, "With --calibrate: target pair precision");
    std::string phonetic, work = "names-work", report_path, chart_path;
    std::vector<std::string> synonyms;
    app.add_option("--phonetic", phonetic, "Keys of the phonetic encoders (benchmarks/phonetic/Phonetic.java)");
    app.add_option("--synonyms", synonyms, "Synonym lists (default: the shipped lists)")->allow_extra_args(false);
    app.add_option("--work", work, "Folder for the indexes");
    app.add_option("--report", report_path, "Write the markdown report here too");
    app.add_option("--chart-data", chart_path, "Write recall and precision per system here (for gnuplot)");
    app.add_flag("--show-merges", merges, "List the look-alike pairs the built-in scorer joins");
    app.add_flag("--dump-blocks", blocks, "Every pair of spellings with one block key, with its cost and edits");
    app.add_flag("--dump-edits", edits, "Every same-name and look-alike pair, with its cost and edits");
    app.add_option("--compare", compare, "Compare two spellings with the built-in scorer")->expected(2);
    CLI11_PARSE(app, argc, argv);
    try {
        if (!std::filesystem::exists(names_path)) {
            std::cout << "tigris_names: skipped: " << names_path << " is not here\n";
            return tigris::bench::kSkipped;
        }
        const auto set = tigris::bench::load_name_set(names_path);
        std::string command;
        for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(i ? argv[i] : "tigris_names");
        if (do_calibrate) return calibrate(set, targets, calibrate_out, folds, sweep, command);
        const auto scorer = tigris::NameScorer::builtin();
        if (compare.size() == 2) {
            const auto c = scorer->compare(compare[0], compare[1]);
            std::cout << compare[0] << " / " << compare[1] << ": " << c.cost << (c.same ? " same" : " apart") << ": "
                      << c.describe() << "\n";
            return 0;
        }
        if (blocks) dump_blocks(set, *scorer);
        if (edits) dump_edits(set, *scorer);
        if (merges) show_merges(set, *scorer);
        if (blocks || edits || merges) return 0;
        return evaluate(set, synonyms, work, phonetic, report_path, chart_path, check);
    } catch (const std::exception& e) {
        std::cerr << "tigris_names: " << e.what() << "\n";
        return 1;
    }
}
