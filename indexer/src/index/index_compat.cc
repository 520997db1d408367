#include "tigris/index_compat.h"

#include "tigris/error.h"

namespace tigris {

std::string IndexCompatibility::warning(const std::string& index) const {
    if (current()) return "";
    const std::string of = " of " + std::to_string(documents) + " documents";
    std::string what;
    if (other_lists) {
        what = "with other synonym lists (" + std::to_string(other_lists) + of + "; lexicon now " + lexicon + ")";
    }
    if (other_rules) {
        what += std::string(what.empty() ? "" : " and ") + "by other analysis rules or word list (" +
                std::to_string(other_rules) + of + "; analysis now " + analysis + ")";
    }
    return index + " was built " + what + "; re-index for exact results";
}

void check_format(const Xapian::Database& db, const std::string& index) {
    const std::string format = db.get_metadata(metadata::kFormat);
    if (!format.empty() && format != metadata::kFormatVersion) {
        throw ConfigError("index " + index + " has format " + quote_value(format, 20) + "; this tigris reads format " +
                          metadata::kFormatVersion + ": index the corpus again into a new folder");
    }
}

IndexCompatibility compare_index(const Xapian::Database& db, const Analyzer& analyzer) {
    IndexCompatibility c;
    c.documents = db.get_doccount();
    c.lexicon = analyzer.lexicon().fingerprint();
    c.analysis = analyzer.analysis_version();
    if (c.documents == 0) return c;
    c.other_lists = c.documents - db.get_termfreq(prefix::kLexicon + c.lexicon);
    c.other_rules = c.documents - db.get_termfreq(prefix::kAnalysis + c.analysis);
    return c;
}

}  // namespace tigris
