// The romanized Arabic names set (shared/eval/names): clusters of spellings of one
// name, one-spelling names, and look-alike pairs of different names.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tigris::bench {

struct NameSpelling {
    std::string text;
    bool rare = false;   ///< seen in one label only
    int cluster = -1;    ///< index into clusters; -1 for a one-spelling name
};

struct NameNegative {
    std::string a, b;
    std::string difference;  ///< consonants, long-vowels-only, ...
};

struct NameSet {
    std::vector<NameSpelling> spellings;           ///< clusters' spellings, then singletons
    std::vector<std::vector<std::size_t>> clusters;  ///< indexes into spellings
    std::vector<NameNegative> negatives;
};

/// Reads wikidata-arabic-names.json. @exception std::runtime_error naming the file.
NameSet load_name_set(const std::string& path);

/// The part of @p set in fold @p fold of @p folds (clusters, singletons and negatives
/// whose two sides are both in the fold), chosen by a hash of each cluster's first
/// spelling; @p complement takes every other fold instead.
NameSet name_fold(const NameSet& set, unsigned fold, unsigned folds, bool complement);

/// The spellings of @p set (indexes into its spellings) grouped by @p key, a blocking
/// key: the pairs a search meets are the pairs within one group. Groups in key order.
std::map<std::string, std::vector<std::size_t>> spellings_by_key(
    const NameSet& set, const std::function<std::string(const std::string&)>& key);

}  // namespace tigris::bench
