#include "name_calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <iomanip>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace tigris::bench {

namespace {

constexpr const char* kLetters = "abcdefghijklmnopqrstuvwxyz'";

// The longer readings the transliteration rules allow, beside every single-letter
// substitution, insertion and deletion. Each is only a candidate: its cost comes from
// how often the data reads it between spellings of one name and between two names.
constexpr const char* kRuleEdits[][2] = {
    // qaf: q k g gh c ck; kha: kh h k ch x
    {"gh", "q"}, {"gh", "k"}, {"gh", "g"}, {"ck", "k"}, {"ck", "q"}, {"ck", "c"},
    {"kh", "h"}, {"kh", "k"}, {"kh", "ch"}, {"kh", "x"}, {"kh", "q"}, {"kh", "g"},
    // jim: j g dj; shin: sh ch s sch
    {"dj", "j"}, {"dj", "g"}, {"zh", "j"}, {"sh", "ch"}, {"sh", "s"}, {"sch", "sh"}, {"ch", "k"},
    // tha th t s; dhal, dad, za: dh d z th
    {"th", "t"}, {"th", "s"}, {"th", "d"}, {"th", "z"}, {"dh", "d"}, {"dh", "z"}, {"dh", "th"},
    {"dh", "t"}, {"ph", "f"},
    // damma: u o ou oo; waw: w ou u o v
    {"ou", "u"}, {"oo", "u"}, {"ou", "o"}, {"oo", "o"}, {"ou", "oo"}, {"ou", "w"}, {"oo", "w"},
    {"ou", "v"}, {"uo", "u"},
    // kasra and ya: i e ee ie y iy
    {"ee", "i"}, {"ee", "e"}, {"ie", "i"}, {"ee", "y"}, {"iy", "i"}, {"ie", "y"}, {"ee", "ie"},
    {"ey", "i"}, {"ei", "i"}, {"iy", "y"}, {"iyy", "iy"},
    // diphthongs: ai ay ei ey ae; au aw ow
    // (Not ae for ai or ay: a-e is two vowels, an ayn between them: Sa'eed is not Sayed.)
    {"ai", "ay"}, {"ai", "ei"}, {"ai", "ey"}, {"ay", "ei"}, {"ay", "ey"}, {"ei", "ey"},
    {"ai", "e"}, {"ay", "e"}, {"ei", "e"}, {"ey", "e"}, {"ay", "i"}, {"ai", "i"},
    {"au", "aw"}, {"aw", "ow"}, {"au", "ow"}, {"au", "o"}, {"aw", "o"}, {"ow", "o"}, {"aw", "ou"},
    {"au", "ou"}, {"ao", "aw"}, {"ao", "au"}, {"aou", "aw"}, {"ow", "ou"},
    // fatha and long a: a e aa
    {"aa", "e"}, {"aa", "a'"}, {"ae", "a"}, {"ea", "a"},
    // the article inside a compound name: Abdul, Abdal, Abdel
    {"ul", "al"}, {"el", "al"}, {"ul", "el"}, {"oul", "al"}, {"oul", "el"},
    // ta marbuta and nisba endings: -ah -a -eh -e -at; -iya -iyya -ia -ie -iyah
    {"ah", "e"}, {"eh", "a"}, {"at", "a"}, {"iya", "ia"}, {"iya", "ie"}, {"ya", "ia"},
    {"ia", "ie"}, {"ye", "ie"},
};

// A letter's class, for the costs of edits the data says little about.
char letter_class(std::string_view s) {
    if (s.empty()) return 'E';
    if (s.size() > 1) return 'M';
    const char c = s[0];
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') return 'V';
    if (c == 'y' || c == 'w') return 'S';
    if (c == 'h') return 'H';
    if (c == '\'') return 'A';
    return 'C';
}

std::size_t letters(const std::string& s) { return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c != '\''; })); }

bool is_double(std::string_view a, std::string_view b) {
    return (a.size() == 2 && a[0] == a[1] && b.size() == 1 && b[0] == a[0]) ||
           (b.size() == 2 && b[0] == b[1] && a.size() == 1 && a[0] == b[0]);
}

// The class of an edit: a doubled letter, a rule's reading, or a pair of letter classes;
// two consonants by whether the block key reads them as one (q/k) or not (n/q).
std::string edit_class(std::string_view a, std::string_view b) {
    if (is_double(a, b)) return "double";
    char x = letter_class(a), y = letter_class(b);
    if (x == 'M' || y == 'M') return "rule";
    if (x > y) std::swap(x, y);
    std::string cls = std::string(1, x) + y;
    if (cls == "CC") cls += name_block_key(std::string(a) + "a") == name_block_key(std::string(b) + "a") ? "=" : "x";
    return cls;
}

const char* place_name(EditPlace p) {
    switch (p) {
        case EditPlace::Start: return "start";
        case EditPlace::End: return "end";
        case EditPlace::First: return "first";
        case EditPlace::Last: return "last";
        case EditPlace::Cluster: return "cluster";
        default: return "any";
    }
}
const char* place_enum(EditPlace p) {
    switch (p) {
        case EditPlace::Start: return "Start";
        case EditPlace::End: return "End";
        case EditPlace::First: return "First";
        case EditPlace::Last: return "Last";
        case EditPlace::Cluster: return "Cluster";
        default: return "Anywhere";
    }
}

std::string edit_key(std::string_view a, std::string_view b, EditPlace place) {
    std::string x(a), y(b);
    if (x > y) std::swap(x, y);
    return x + "/" + y + "@" + place_name(place);
}

struct Evidence {
    double same = 0, other = 0;
};

// Initial costs, before any data: cheap vowel and mark edits, dear consonants.
double prior_cost(const std::string& cls) {
    if (cls == "double") return 0.5;
    if (cls == "rule") return 0.8;
    if (cls == "EA") return 0.3;
    if (cls == "VV" || cls == "EV" || cls == "SV" || cls == "ES" || cls == "SS") return 1.0;
    if (cls == "EH") return 1.5;
    if (cls == "CCx") return 4.0;
    return 3.0;
}

// Every edit the scorer may read: single letters (and nothing), doubled letters, rules.
std::vector<std::pair<std::string, std::string>> candidate_edits() {
    std::vector<std::pair<std::string, std::string>> edits;
    const std::string letters = kLetters;
    for (std::size_t i = 0; i < letters.size(); ++i) {
        edits.emplace_back(std::string(1, letters[i]), "");
        edits.emplace_back(std::string(2, letters[i]), std::string(1, letters[i]));
        for (std::size_t j = i + 1; j < letters.size(); ++j) {
            edits.emplace_back(std::string(1, letters[i]), std::string(1, letters[j]));
        }
    }
    for (const auto& r : kRuleEdits) edits.emplace_back(r[0], r[1]);
    return edits;
}

// Distances of the pairs a figure needs, computed once for a sweep of thresholds.
struct PairDistances {
    struct Pair {
        double cost;
        bool blocked;
        bool common;
    };
    std::vector<std::vector<Pair>> cluster_pairs;  // per cluster, its ordered pairs
    std::vector<std::pair<double, bool>> negatives;
    struct Found {
        double cost;
        bool right;          // the same cluster
        bool cluster_query;  // the query is a cluster's spelling
        bool one_name;       // another form of the query's name (one_name_two_forms)
    };
    std::vector<Found> returned;  // block mates within the limit
};

PairDistances pair_distances(const NameScorer& scorer, const NameSet& set, double limit) {
    PairDistances d;
    for (const auto& members : set.clusters) {
        auto& pairs = d.cluster_pairs.emplace_back();
        for (const std::size_t a : members) {
            for (const std::size_t b : members) {
                if (a == b) continue;
                const auto& sa = set.spellings[a];
                const auto& sb = set.spellings[b];
                pairs.push_back({scorer.distance(sa.text, sb.text, limit),
                                 name_block_key(sa.text) == name_block_key(sb.text), !sa.rare && !sb.rare});
            }
        }
    }
    for (const NameNegative& n : set.negatives) {
        d.negatives.emplace_back(scorer.distance(n.a, n.b, limit), name_block_key(n.a) == name_block_key(n.b));
    }
    for (const auto& [key, members] : spellings_by_key(set, name_block_key)) {
        for (const std::size_t a : members) {
            for (const std::size_t b : members) {
                if (a == b) continue;
                const auto& sa = set.spellings[a];
                const auto& sb = set.spellings[b];
                const double c = scorer.distance(sa.text, sb.text, limit);
                if (c <= limit) {
                    d.returned.push_back(
                        {c, sa.cluster >= 0 && sa.cluster == sb.cluster, sa.cluster >= 0, one_name_two_forms(set, a, b)});
                }
            }
        }
    }
    return d;
}

NameFigures figures_at(const PairDistances& d, double threshold) {
    NameFigures f;
    for (const auto& pairs : d.cluster_pairs) {
        bool all = true;
        for (const auto& p : pairs) {
            const bool joined = p.blocked && p.cost <= threshold;
            ++f.pairs;
            f.pairs_joined += joined;
            f.blocked_pairs += p.blocked;
            if (p.common) {
                ++f.common_pairs;
                f.common_joined += joined;
            }
            all = all && joined;
        }
        ++f.clusters;
        f.clusters_joined += all;
    }
    for (const auto& [cost, blocked] : d.negatives) {
        ++f.negatives;
        f.false_merges += blocked && cost <= threshold;
    }
    for (const auto& r : d.returned) {
        if (r.cost > threshold) continue;
        ++f.all_returned;
        f.all_right += r.right;
        f.all_one_name += r.one_name;
        if (!r.cluster_query) continue;
        ++f.returned;
        f.returned_right += r.right;
    }
    return f;
}

}  // namespace

NameFigures figures_from(const NameSet& set, const Returned& returned) {
    NameFigures f;
    std::vector<std::unordered_set<std::size_t>> found(returned.size());
    for (std::size_t q = 0; q < returned.size(); ++q) {
        for (const std::size_t d : returned[q]) {
            if (d == q) continue;
            found[q].insert(d);
            const bool right = set.spellings[q].cluster >= 0 && set.spellings[q].cluster == set.spellings[d].cluster;
            ++f.all_returned;
            f.all_right += right;
            f.all_one_name += one_name_two_forms(set, q, d);
            if (set.spellings[q].cluster < 0) continue;
            ++f.returned;
            f.returned_right += right;
        }
    }
    for (const auto& members : set.clusters) {
        bool all = true;
        for (const std::size_t a : members) {
            for (const std::size_t b : members) {
                if (a == b) continue;
                const bool joined = found[a].count(b) > 0;
                ++f.pairs;
                f.pairs_joined += joined;
                if (!set.spellings[a].rare && !set.spellings[b].rare) {
                    ++f.common_pairs;
                    f.common_joined += joined;
                }
                all = all && joined;
            }
        }
        ++f.clusters;
        f.clusters_joined += all;
    }
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < set.spellings.size(); ++i) index.emplace(set.spellings[i].text, i);
    for (const NameNegative& n : set.negatives) {
        ++f.negatives;
        const auto a = index.find(n.a), b = index.find(n.b);
        if (a == index.end() || b == index.end()) continue;
        f.false_merges += found[a->second].count(b->second) > 0 || found[b->second].count(a->second) > 0;
    }
    return f;
}

NameFigures measure_names(const NameSet& set, const JoinFn& join, const BlockFn& block) {
    auto key = [&](const std::string& s) { return block ? block(s) : std::string(); };
    NameFigures f;
    for (const auto& members : set.clusters) {
        bool all = true;
        for (const std::size_t a : members) {
            for (const std::size_t b : members) {
                if (a == b) continue;
                const auto& sa = set.spellings[a];
                const auto& sb = set.spellings[b];
                const bool blocked = key(sa.text) == key(sb.text);
                const bool joined = blocked && join(sa.text, sb.text);
                ++f.pairs;
                f.pairs_joined += joined;
                f.blocked_pairs += blocked;
                if (!sa.rare && !sb.rare) {
                    ++f.common_pairs;
                    f.common_joined += joined;
                }
                all = all && joined;
            }
        }
        ++f.clusters;
        f.clusters_joined += all;
    }
    for (const NameNegative& n : set.negatives) {
        ++f.negatives;
        f.false_merges += key(n.a) == key(n.b) && join(n.a, n.b);
    }
    for (const auto& [k, members] : spellings_by_key(set, key)) {
        for (const std::size_t a : members) {
            for (const std::size_t b : members) {
                const auto& sa = set.spellings[a];
                const auto& sb = set.spellings[b];
                if (a == b || !join(sa.text, sb.text)) continue;
                const bool right = sa.cluster >= 0 && sa.cluster == sb.cluster;
                ++f.all_returned;
                f.all_right += right;
                f.all_one_name += one_name_two_forms(set, a, b);
                if (sa.cluster < 0) continue;
                ++f.returned;
                f.returned_right += right;
            }
        }
    }
    return f;
}

NameFigures measure_scorer(const NameScorer& scorer, const NameSet& set) {
    return figures_at(pair_distances(scorer, set, scorer.threshold()), scorer.threshold());
}

namespace {

// One training pair: whether it is one name, and the edits of its cheapest alignment
// as feature counts.
struct TrainingPair {
    bool same = false;
    std::vector<std::pair<std::size_t, double>> features;
};

// The features an edit counts for: its letter class, the edit itself, and the edit at
// its place. Its cost is the sum of their weights, so that an edit the data rarely
// shows costs what its class costs.
class EditFeatures {
  public:
    std::size_t index(const std::string& name) {
        auto [it, added] = index_.emplace(name, names_.size());
        if (added) names_.push_back(name);
        return it->second;
    }
    /// The index of a feature the pairs showed, or -1 (a lookup adds nothing).
    std::ptrdiff_t find(const std::string& name) const {
        auto it = index_.find(name);
        return it == index_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
    }
    std::vector<std::size_t> of(const std::string& a, const std::string& b, EditPlace place) {
        std::vector<std::size_t> f{index("class:" + edit_class(a, b)), index("edit:" + edit_key(a, b, EditPlace::Anywhere))};
        if (place != EditPlace::Anywhere) f.push_back(index("place:" + edit_key(a, b, place)));
        return f;
    }
    std::size_t size() const { return names_.size(); }
    bool is_class(std::size_t i) const { return names_[i].compare(0, 6, "class:") == 0; }
    /// What a weight is pulled towards: an edit's own weight to 0 (its class decides),
    /// a class's weight to its prior cost (for classes the data barely shows).
    double target(std::size_t i) const { return is_class(i) ? prior_cost(names_[i].substr(6)) : 0.0; }

  private:
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<std::string> names_;
};

// Logistic regression: P(same) = sigmoid(bias - sum of weights), fitted by gradient
// descent with an L2 penalty that pulls an edit's own weights towards its class.
void fit_weights(const std::vector<TrainingPair>& pairs, const EditFeatures& features, const CalibrationTargets& o,
                 std::vector<double>& w, double& bias) {
    constexpr double kRate = 0.05;
    const double kPenalty = o.penalty, kWrongWeight = o.wrong_weight;
    while (w.size() < features.size()) w.push_back(features.target(w.size()));
    std::vector<double> grad(w.size());
    for (unsigned step = 0; step < o.steps; ++step) {
        std::fill(grad.begin(), grad.end(), 0.0);
        double grad_bias = 0, total = 0;
        for (const TrainingPair& p : pairs) {
            double z = bias;
            for (const auto& [i, x] : p.features) z -= w[i] * x;
            const double prob = 1.0 / (1.0 + std::exp(-z));
            // Wrong joins cost precision: they weigh more than missed ones.
            const double weight = p.same ? 1.0 : kWrongWeight;
            const double err = weight * ((p.same ? 1.0 : 0.0) - prob);  // d loglik / dz
            grad_bias += err;
            for (const auto& [i, x] : p.features) grad[i] -= err * x;
            total += weight;
        }
        bias += kRate * grad_bias / total * 50;
        for (std::size_t i = 0; i < w.size(); ++i) {
            const double pull = features.is_class(i) ? kPenalty / 20 : kPenalty;
            w[i] += kRate * (grad[i] / total * 50 - pull * (w[i] - features.target(i)));
        }
    }
}

}  // namespace

Calibration calibrate_names(const NameSet& set, const CalibrationTargets& targets) {
    const auto edits = candidate_edits();
    std::vector<EditCost> costs;
    for (const auto& [a, b] : edits) costs.push_back({a, b, EditPlace::Anywhere, prior_cost(edit_class(a, b))});

    // The pairs a search meets: spellings that share a blocking key.
    const auto blocks = spellings_by_key(set, name_block_key);

    Calibration c;
    EditFeatures features;
    std::vector<double> w;
    double bias = 0;
    double short_penalty = 0;
    for (unsigned round = 0; round < targets.rounds; ++round) {
        const NameScorer scorer(costs, std::numeric_limits<double>::infinity(), short_penalty);
        std::vector<TrainingPair> pairs;
        std::unordered_map<std::string, Evidence> evidence;
        for (const auto& [key, members] : blocks) {
            for (std::size_t x = 0; x < members.size(); ++x) {
                for (std::size_t y = x + 1; y < members.size(); ++y) {
                    const NameSpelling& a = set.spellings[members[x]];
                    const NameSpelling& b = set.spellings[members[y]];
                    TrainingPair p;
                    p.same = a.cluster >= 0 && a.cluster == b.cluster;
                    const double shorter = double(std::min(letters(a.text), letters(b.text)));
                    if (shorter < NameScorer::kShortName) {
                        p.features.emplace_back(features.index("pair:short"), double(NameScorer::kShortName) - shorter);
                    }
                    for (const SpellingEdit& e : scorer.compare(a.text, b.text).edits) {
                        for (const std::size_t f : features.of(e.a, e.b, e.place)) p.features.emplace_back(f, 1.0);
                        Evidence& ev = evidence[edit_key(e.a, e.b, e.place)];
                        (p.same ? ev.same : ev.other) += 1;
                    }
                    pairs.push_back(std::move(p));
                }
            }
        }
        fit_weights(pairs, features, targets, w, bias);
        std::unordered_set<std::string> seen_classes;
        for (const auto& [key, ev] : evidence) {
            const std::size_t slash = key.find('/'), at = key.find('@');
            seen_classes.insert(edit_class(key.substr(0, slash), key.substr(slash + 1, at - slash - 1)));
        }
        // A feature no pair showed weighs nothing. (Looking it up must not add it: its
        // index would be past the fitted weights.)
        auto weight_of = [&](const std::string& name) {
            const std::ptrdiff_t i = features.find(name);
            return i < 0 ? 0.0 : w[static_cast<std::size_t>(i)];
        };
        short_penalty = std::max(0.0, weight_of("pair:short"));
        costs.clear();
        c.evidence.clear();
        for (const auto& [a, b] : edits) {
            // An edit of a class no pair showed keeps its prior cost.
            const std::string cls = edit_class(a, b);
            const double base = seen_classes.count(cls) == 0
                                    ? prior_cost(cls)
                                    : weight_of("class:" + cls) + weight_of("edit:" + edit_key(a, b, EditPlace::Anywhere));

            costs.push_back({a, b, EditPlace::Anywhere, std::clamp(base, 0.02, 12.0)});
            const Evidence any = evidence[edit_key(a, b, EditPlace::Anywhere)];
            c.evidence[edit_key(a, b, EditPlace::Anywhere)] = {std::size_t(any.same), std::size_t(any.other)};
            for (const EditPlace place :
                 {EditPlace::Start, EditPlace::End, EditPlace::First, EditPlace::Last, EditPlace::Cluster}) {
                const double extra = weight_of("place:" + edit_key(a, b, place));
                if (std::fabs(extra) < 0.1) continue;
                costs.push_back({a, b, place, std::clamp(base + extra, 0.02, 12.0)});
                const Evidence ev = evidence[edit_key(a, b, place)];
                c.evidence[edit_key(a, b, place)] = {std::size_t(ev.same), std::size_t(ev.other)};
            }
        }
    }

    c.costs = std::move(costs);
    c.short_penalty = short_penalty;
    const NameScorer scorer(c.costs, std::numeric_limits<double>::infinity(), short_penalty);
    c.threshold = best_threshold(scorer, set, targets, &c.train);
    return c;
}

double best_threshold(const NameScorer& scorer, const NameSet& set, const CalibrationTargets& targets,
                      NameFigures* figures) {
    const PairDistances d = pair_distances(scorer, set, 12.0);
    double best_t = 0, best_recall = -1;
    for (double t = 0; t <= 12.0; t += 0.02) {
        const NameFigures f = figures_at(d, t);
        if (f.false_merge_rate() > targets.max_false_merge_rate || f.all_precision() < targets.min_precision) continue;
        if (f.recall() > best_recall) {
            best_recall = f.recall();
            best_t = t;
        }
    }
    if (figures) *figures = figures_at(d, best_t);
    return best_t;
}

void write_cost_table(const Calibration& c, const std::string& command, std::ostream& out) {
    out << "// The name scorer's costs, learned from data: generated by\n//   " << command
        << "\n// Do not edit by hand: change the rules or the data and run it again.\n"
        << "// Each entry: the two sides, where the edit applies, its cost (-ln P(same name | edit)),\n"
        << "// and how often it was read between spellings of one name / of two look-alike names.\n";
    out << std::fixed << std::setprecision(3);
    out << "constexpr double kNameThreshold = " << c.threshold << ";\n";
    out << "constexpr double kNameShortPenalty = " << c.short_penalty << ";\n";
    out << "const NameCostEntry kNameCosts[] = {\n";
    for (const EditCost& e : c.costs) {
        const auto it = c.evidence.find(edit_key(e.a, e.b, e.place));
        const auto [same, other] = it == c.evidence.end() ? std::pair<std::size_t, std::size_t>{0, 0} : it->second;
        auto quote = [](const std::string& s) {
            std::string q = "\"";
            for (const char ch : s) q += ch == '\'' ? std::string("'") : std::string(1, ch);
            return q + "\"";
        };
        out << "    {" << quote(e.a) << ", " << quote(e.b) << ", EditPlace::" << place_enum(e.place) << ", "
            << e.cost << "},  // " << same << "/" << other << "\n";
    }
    out << "};\n";
}

}  // namespace tigris::bench
