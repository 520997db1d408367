// Calibration of the name scorer's costs on data, and its evaluation on a names set.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "name_set.h"
#include "tigris/name_match.h"

namespace tigris::bench {

/// How a rule for matching names fares on a names set, measured as the search does it:
/// a spelling finds every spelling that shares its blocking key and that the rule
/// accepts.
struct NameFigures {
    std::size_t pairs = 0, pairs_joined = 0;                // ordered same-name pairs
    std::size_t common_pairs = 0, common_joined = 0;        // both spellings not rare
    std::size_t clusters = 0, clusters_joined = 0;          // every pair joined
    std::size_t returned = 0, returned_right = 0;           // other spellings a cluster's spelling finds
    std::size_t all_returned = 0, all_right = 0;            // ... any spelling finds (singletons too)
    std::size_t all_one_name = 0;                           // ... of another form of its name
    std::size_t negatives = 0, false_merges = 0;            // look-alike pairs joined
    std::size_t blocked_pairs = 0;                          // pairs sharing a block key

    double recall() const { return pairs ? double(pairs_joined) / double(pairs) : 0; }
    double common_recall() const { return common_pairs ? double(common_joined) / double(common_pairs) : 0; }
    /// Of the spellings a query finds besides itself, the share of its own name; the
    /// queries are the spellings of the clusters, every spelling is a document.
    double precision() const { return returned ? double(returned_right) / double(returned) : 1; }
    /// The same with every spelling, one-spelling names too, as a query.
    double all_precision() const { return all_returned ? double(all_right) / double(all_returned) : 1; }
    /// all_precision() without the spellings of another form of the query's name
    /// (one_name_two_forms), which the set counts as other names.
    double one_name_precision() const {
        const std::size_t counted = all_returned - all_one_name;
        return counted ? double(all_right) / double(counted) : 1;
    }
    double false_merge_rate() const { return negatives ? double(false_merges) / double(negatives) : 0; }

    /// Adds the counts of @p f (the figures of two disjoint sets summed).
    NameFigures& operator+=(const NameFigures& f) {
        pairs += f.pairs, pairs_joined += f.pairs_joined;
        common_pairs += f.common_pairs, common_joined += f.common_joined;
        clusters += f.clusters, clusters_joined += f.clusters_joined;
        returned += f.returned, returned_right += f.returned_right;
        all_returned += f.all_returned, all_right += f.all_right, all_one_name += f.all_one_name;
        negatives += f.negatives, false_merges += f.false_merges;
        blocked_pairs += f.blocked_pairs;
        return *this;
    }
};

/// What a system returns for each spelling of a set used as a query: the indexes of the
/// other spellings it finds (the spellings are documents too).
using Returned = std::vector<std::vector<std::size_t>>;

/// The figures of @p returned over @p set. A look-alike pair is merged when either of
/// its spellings finds the other.
NameFigures figures_from(const NameSet& set, const Returned& returned);

/// A rule under test: whether the spellings @p a and @p b are joined.
using JoinFn = std::function<bool(const std::string& a, const std::string& b)>;
/// The candidates of a spelling among @p spellings (all when null).
using BlockFn = std::function<std::string(const std::string&)>;

/// Figures of @p join over @p set; candidates are the spellings with the same @p block
/// (every spelling when @p block is empty).
NameFigures measure_names(const NameSet& set, const JoinFn& join, const BlockFn& block);

/// The scorer's figures: blocking by name_block_key, joining by same_name.
NameFigures measure_scorer(const NameScorer& scorer, const NameSet& set);

/// Learned costs and the threshold chosen with them.
struct Calibration {
    std::vector<EditCost> costs;
    double threshold = 0;
    double short_penalty = 0;
    /// Per edit ("a/b@place"): how often it was read in same-name and in look-alike pairs.
    std::map<std::string, std::pair<std::size_t, std::size_t>> evidence;
    NameFigures train;  ///< the figures on the data it was fitted on
};

/// Targets the threshold is chosen for, and how the costs are fitted.
struct CalibrationTargets {
    double max_false_merge_rate = 0.003;  // the issue says 0.5%: held-out data merges about twice as often
    double min_precision = 0.85;  ///< NameFigures::all_precision
    unsigned rounds = 6;         ///< alignments, then a fit, this many times
    unsigned steps = 400;        ///< gradient steps per fit
    double penalty = 0.02;       ///< L2 pull of an edit's own weight towards its class
    double wrong_weight = 3.0;   ///< a pair of two names counts this many times one name's
};

/// Fits the costs of the transliteration edits on @p set: alignments of same-name and
/// look-alike pairs under the current costs give how often each edit separates one
/// name's spellings and how often two names; each edit costs -ln P(same name | edit),
/// smoothed towards its letter class; repeated @p rounds times. The threshold is the
/// highest recall that meets @p targets.
Calibration calibrate_names(const NameSet& set, const CalibrationTargets& targets);

/// The threshold of @p scorer's costs with the highest recall on @p set that meets
/// @p targets (its figures into @p figures).
double best_threshold(const NameScorer& scorer, const NameSet& set, const CalibrationTargets& targets,
                      NameFigures* figures);

/// Writes @p c as the C++ table compiled into the analyzer (name_costs.inc).
void write_cost_table(const Calibration& c, const std::string& command, std::ostream& out);

}  // namespace tigris::bench
