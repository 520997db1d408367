// tigris: mines an index for spellings and acronyms the synonym lists do not cover.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "tigris/analyzer.h"

namespace tigris {

/// A family the lists lack, with the evidence for it.
struct Suggestion {
    std::string id, kind, canonical;
    std::vector<std::string> variants;   ///< spellings, most frequent first
    std::vector<std::string> acronyms;
    std::size_t documents = 0;           ///< documents holding any of them
    std::string example_id, example;     ///< one document and the words around a spelling
    std::string reason;                  ///< why these belong together
};

/// Reads every document of @p db and proposes, best first:
/// - acronyms defined in the text ("Iraqi Security Forces (ISF)") whose acronym and
///   expansion are not in the lexicon;
/// - names (capitalized, not English, outside the lexicon) written in spellings whose
///   variant keys differ by one letter (Tikrit / Tekrit), which the rules do not join.
/// Each spelling must occur in at least @p min_documents documents.
std::vector<Suggestion> suggest_families(const Xapian::Database& db, Analyzer& analyzer,
                                         std::size_t min_documents, std::size_t limit);

/// The suggestions as ready-to-paste YAML, with counts and an example in comments.
std::string suggestions_yaml(const std::vector<Suggestion>& suggestions);

}  // namespace tigris
