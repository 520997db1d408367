// tigris: writes families in the schema of synonyms/*.yaml; the one YAML writer.
#pragma once

#include <string>
#include <vector>

#include "tigris/lexicon.h"

namespace tigris {

/// What to write before the families and before each one.
struct YamlComments {
    std::vector<std::string> header;                  ///< lines at the top of the file
    std::vector<std::vector<std::string>> per_family; ///< lines before family i (may be shorter)
};

/// The YAML of @p families in the schema of synonyms/*.yaml ("version: 1", "families:"),
/// strings double-quoted, lists in flow style; @p comments as "# " lines. What it writes
/// reads back (parse_synonym_yaml) as the same families.
std::string to_yaml(const std::vector<FamilySpec>& families, const YamlComments& comments = {});

}  // namespace tigris
