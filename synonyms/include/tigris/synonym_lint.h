// tigris: checks synonym lists for the mistakes that silently break search.
#pragma once

#include <string>
#include <vector>

#include "tigris/analyzed_token.h"
#include "tigris/error.h"

namespace tigris {

/// One finding of lint: where, what, and whether it is an error or a note.
struct LintFinding {
    SourceLocation where;
    std::string message;
    bool error = true;
    /// "file:line:column: error: message" (or "note:").
    std::string describe() const;
};

/// Checks the synonym files of @p paths: YAML and schema errors, unknown keys,
/// duplicate ids, entries that normalize to nothing, a spelling in two families,
/// single-word variants that are ordinary English words, cased entries that are not
/// variants. With @p notes, also which variants the rules already read as another
/// variant of the same family (redundant, harmless) and which they read apart from the
/// first (needed). Findings sorted by file, line, column.
std::vector<LintFinding> lint_synonym_files(const std::vector<std::string>& paths,
                                            TokenAnalysis& analysis, bool notes);

}  // namespace tigris
