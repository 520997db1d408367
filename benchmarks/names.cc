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

#include "bench_options.h"
#include "name_calibration.h"
#include "name_set.h"
#include "tigris/variant_key.h"

namespace {

using tigris::bench::NameFigures;

std::string percent(double x) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << x;
    return out.str();
}

void print_figures_header(std::ostream& out) {
    out << "| system | pair recall | recall, not rare | pair precision | false merges | clusters joined |\n"
        << "|---|---:|---:|---:|---:|---:|\n";
}

void print_figures(std::ostream& out, const std::string& name, const NameFigures& f) {
    out << "| " << name << " | " << percent(f.recall()) << " | " << percent(f.common_recall()) << " | "
        << percent(f.precision()) << " | " << f.false_merges << " (" << std::setprecision(2) << std::fixed
        << 100 * f.false_merge_rate() << "%) | " << f.clusters_joined << "/" << f.clusters << " |"
        << " all-queries precision " << percent(f.all_precision()) << "\n";
}

int calibrate(const tigris::bench::NameSet& set, const tigris::bench::CalibrationTargets& targets,
              const std::string& out_path, unsigned folds, const std::string& command) {
    if (folds > 1) {
        std::cout << "Cross-validation: costs fitted on " << folds - 1 << "/" << folds
                  << " of the clusters, measured on the rest.\n\n";
        print_figures_header(std::cout);
        for (unsigned k = 0; k < folds; ++k) {
            const auto train = tigris::bench::name_fold(set, k, folds, true);
            const auto test = tigris::bench::name_fold(set, k, folds, false);
            const auto c = tigris::bench::calibrate_names(train, targets);
            const tigris::NameScorer scorer(c.costs, c.threshold, c.short_penalty);
            print_figures(std::cout, "fold " + std::to_string(k) + " train (t=" + percent(c.threshold) + ")", c.train);
            print_figures(std::cout, "fold " + std::to_string(k) + " held out", tigris::bench::measure_scorer(scorer, test));
        }
        std::cout << "\n";
    }
    const auto c = tigris::bench::calibrate_names(set, targets);
    print_figures_header(std::cout);
    print_figures(std::cout, "all (t=" + percent(c.threshold) + ")", c.train);
    if (!out_path.empty()) {
        std::ofstream out(out_path);
        if (!out) throw std::runtime_error("cannot write " + out_path);
        tigris::bench::write_cost_table(c, command, out);
        std::cout << "wrote " << out_path << " (" << c.costs.size() << " costs)\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Name matching on romanized Arabic names: tigris, stock Xapian and phonetic encoders"};
    std::string names_path, calibrate_out;
    unsigned folds = 0;
    bool do_calibrate = false, show_merges = false;
    std::vector<std::string> compare;
    app.add_option("--names", names_path, "wikidata-arabic-names.json")->required();
    app.add_flag("--calibrate", do_calibrate, "Fit the scorer's costs on the names set");
    app.add_option("--write-costs", calibrate_out, "With --calibrate: write the cost table here");
    app.add_option("--folds", folds, "With --calibrate: also cross-validate over this many folds");
    tigris::bench::CalibrationTargets targets;
    app.add_option("--rounds", targets.rounds, "With --calibrate: rounds of alignment and fit");
    app.add_option("--steps", targets.steps, "With --calibrate: gradient steps per fit");
    app.add_option("--penalty", targets.penalty, "With --calibrate: L2 pull of each edit towards its class");
    app.add_option("--wrong-weight", targets.wrong_weight, "With --calibrate: weight of a pair of two names");
    app.add_option("--max-false-merges", targets.max_false_merge_rate, "With --calibrate: target rate");
    app.add_option("--min-precision", targets.min_precision, "With --calibrate: target pair precision");
    app.add_flag("--show-merges", show_merges, "List the look-alike pairs the built-in scorer joins");
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
        if (do_calibrate) return calibrate(set, targets, calibrate_out, folds, command);
        const auto scorer = tigris::NameScorer::builtin();
        if (compare.size() == 2) {
            const auto c = scorer->compare(compare[0], compare[1]);
            std::cout << compare[0] << " / " << compare[1] << ": " << c.cost << (c.same ? " same" : " apart") << ": "
                      << c.describe() << "\n";
            return 0;
        }
        if (std::getenv("TIGRIS_DUMP_BLOCKS")) {
            std::map<std::string, std::vector<std::size_t>> blocks;
            for (std::size_t i = 0; i < set.spellings.size(); ++i) blocks[tigris::name_block_key(set.spellings[i].text)].push_back(i);
            for (const auto& [k, m] : blocks) {
                for (std::size_t x : m) for (std::size_t y : m) {
                    if (x == y) continue;
                    const auto& a = set.spellings[x]; const auto& b = set.spellings[y];
                    const auto c = scorer->compare(a.text, b.text);
                    const bool right = a.cluster >= 0 && a.cluster == b.cluster;
                    std::cout << (right ? "R" : "W") << "\t" << a.text << "\t" << b.text << "\t" << c.cost << "\t" << (a.rare || b.rare) << "\t";
                    for (const auto& e : c.edits) std::cout << e.a << "/" << e.b << "@" << int(e.place) << " ";
                    std::cout << "\n";
                }
            }
            return 0;
        }
        if (std::getenv("TIGRIS_DUMP_EDITS")) {
            auto dump = [&](const std::string& label, const std::string& a, const std::string& b) {
                const auto c = scorer->compare(a, b);
                std::cout << label << "\t" << a << "\t" << b << "\t" << c.cost << "\t"
                          << (tigris::name_block_key(a) == tigris::name_block_key(b)) << "\t";
                for (const auto& e : c.edits) std::cout << e.a << "/" << e.b << "@" << int(e.place) << " ";
                std::cout << "\n";
            };
            for (const auto& m : set.clusters)
                for (std::size_t i = 0; i < m.size(); ++i)
                    for (std::size_t j = i + 1; j < m.size(); ++j)
                        dump(set.spellings[m[i]].rare || set.spellings[m[j]].rare ? "pos-rare" : "pos", set.spellings[m[i]].text, set.spellings[m[j]].text);
            for (const auto& n : set.negatives) dump("neg-" + n.difference, n.a, n.b);
            return 0;
        }
        if (show_merges) {
            std::set<std::pair<std::string, std::string>> listed;
            for (const auto& n : set.negatives) listed.insert(std::minmax(n.a, n.b));
            std::map<std::string, std::vector<std::size_t>> blocks;
            for (std::size_t i = 0; i < set.spellings.size(); ++i) blocks[tigris::name_block_key(set.spellings[i].text)].push_back(i);
            for (const auto& [k, m] : blocks) {
                for (std::size_t x : m) for (std::size_t y : m) {
                    const auto& a = set.spellings[x]; const auto& b = set.spellings[y];
                    if (a.text >= b.text || (a.cluster >= 0 && a.cluster == b.cluster) || listed.count({a.text, b.text})) continue;
                    const auto c = scorer->compare(a.text, b.text);
                    if (c.same) std::cout << "UNLISTED " << a.text << "(" << a.cluster << ") / " << b.text << "(" << b.cluster << "): " << c.cost << ": " << c.describe() << "\n";
                }
            }
            for (const auto& n : set.negatives) {
                if (tigris::name_block_key(n.a) != tigris::name_block_key(n.b)) continue;
                const auto c = scorer->compare(n.a, n.b);
                if (c.same) std::cout << n.a << " / " << n.b << " (" << n.difference << "): " << c.cost << ": " << c.describe() << "\n";
            }
            return 0;
        }
        print_figures_header(std::cout);
        print_figures(std::cout, "variant key (before)",
                      tigris::bench::measure_names(set, [](const std::string& a, const std::string& b) { return tigris::variant_key(a) == tigris::variant_key(b); }, [](const std::string& a) { return tigris::variant_key(a); }));
        print_figures(std::cout, "tigris scorer", tigris::bench::measure_scorer(*tigris::NameScorer::builtin(), set));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "tigris_names: " << e.what() << "\n";
        return 1;
    }
}
