// tigris: whether an index was built by the lists and rules that search it.
#pragma once

#include <string>

#include <xapian.h>

#include "tigris/analyzer.h"

namespace tigris {

/// How the documents of an index were analyzed, compared with an analyzer. Every
/// document records its lexicon fingerprint and analysis version as terms, which every
/// shard answers, remote ones too (metadata would be read from the first shard only).
struct IndexCompatibility {
    Xapian::doccount documents = 0;
    Xapian::doccount other_lists = 0;  ///< documents analyzed with other synonym lists
    Xapian::doccount other_rules = 0;  ///< documents analyzed by other rules, word list or costs
    std::string lexicon, analysis;     ///< the analyzer's fingerprint and version

    bool current() const { return other_lists == 0 && other_rules == 0; }
    /// What a user should know, naming @p index; "" when current.
    std::string warning(const std::string& index) const;
};

/// Compares the documents of @p db with @p analyzer: the one fingerprint check.
IndexCompatibility compare_index(const Xapian::Database& db, const Analyzer& analyzer);

/// Refuses an index whose schema this tigris cannot read.
/// @exception ConfigError naming @p index when its metadata tigris.format is another
/// version than metadata::kFormatVersion.
void check_format(const Xapian::Database& db, const std::string& index);

}  // namespace tigris
