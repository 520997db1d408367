// tigris: reads synonym lexicon files (YAML) into family specs and compiled lexicons.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tigris/analyzed_token.h"
#include "tigris/analyzer.h"
#include "tigris/lexicon.h"

namespace tigris {

/// The longest family id: it becomes a term (XC + id, SXC + id in titles), and Xapian
/// takes terms of at most 245 bytes.
inline constexpr std::size_t kMaxFamilyIdBytes = 100;

/// Reads the families of one YAML lexicon file (schema in docs: version 1, families
/// with id, kind, canonical, variants, acronyms, context, cased, note).
/// @exception LexiconError with file:line:column for text that is not UTF-8, malformed
///   YAML, a wrong type, an unknown key, a missing or too long id or an unsupported
///   version.
/// With @p problems, a problem within a family is collected there and the family
/// skipped instead (for lint); a file that is not YAML still throws.
std::vector<FamilySpec> read_synonym_file(const std::string& path,
                                          std::vector<LexiconError>* problems = nullptr);

/// The same, from YAML text; @p name is used in error messages.
std::vector<FamilySpec> parse_synonym_yaml(const std::string& yaml, const std::string& name,
                                           std::vector<LexiconError>* problems = nullptr);

/// Checks that no family is, through its `broader` families, broader than itself
/// (a → b → c → a): the match would count for every family of the cycle both ways.
/// @exception LexiconError at the entry that closes the first cycle, unless @p problems
///   collects every cycle.
void check_broader_cycles(const std::vector<FamilySpec>& specs, std::vector<LexiconError>* problems = nullptr);

/// Expands @p paths: a directory stands for the *.yaml and *.yml files below it, sorted
/// by path (sub-folders too, as a corpus folder is read).
/// @exception ConfigError when a path does not exist, IoError for a folder that cannot
/// be read.
std::vector<std::string> synonym_file_paths(const std::vector<std::string>& paths);

/// Reads and compiles every file of @p paths into one lexicon (with the checks of lint
/// that indexing needs: broader cycles, id lengths).
std::shared_ptr<const Lexicon> load_lexicon(const std::vector<std::string>& paths,
                                            TokenAnalysis& analysis);

/// The lexicon directory shipped with tigris: $TIGRIS_SYNONYMS_DIR if set, else
/// share/tigris/synonyms beside the program's bin/ folder (installed, or the build
/// tree's link to the source lists); "" when there is none.
/// @exception ConfigError when TIGRIS_SYNONYMS_DIR is set but not a folder.
std::string default_synonyms_dir();

/// @p given, or the shipped lists when it is empty.
/// @exception ConfigError when it is empty and no shipped lists are found.
std::vector<std::string> synonym_paths_or_default(const std::vector<std::string>& given);

/// An Analyzer with the built-in English words and the lexicon of @p paths (the
/// shipped lists when empty), as the command line and the benchmarks use it.
/// @exception ConfigError, LexiconError as synonym_paths_or_default() and load_lexicon().
Analyzer load_analyzer(const std::vector<std::string>& paths);

}  // namespace tigris
