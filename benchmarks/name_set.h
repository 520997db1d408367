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
    /// The name's Arabic form read loosely (one_name_form), by index: two spellings of
    /// two forms with one loose form are one name written two ways (al-Toufiq, Toufiq),
    /// which the set keeps as two names, but never as a look-alike pair.
    int form = -1;
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

/// An Arabic form (as the set normalizes it) as the set reads one name written two ways,
/// which it leaves out of its look-alike pairs: without the article al-, emphatic letters
/// as plain (ص ض ط ظ as س د ت ذ), a doubled letter once, and without a final alif, ha or
/// waw.
std::u32string one_name_form(const std::string& arabic);

/// Whether spellings @p a and @p b of @p set are of two names that are one name written
/// two ways (NameSpelling::form).
inline bool one_name_two_forms(const NameSet& set, std::size_t a, std::size_t b) {
    const NameSpelling& x = set.spellings[a];
    const NameSpelling& y = set.spellings[b];
    return x.form >= 0 && x.form == y.form && (x.cluster < 0 || x.cluster != y.cluster);
}

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
