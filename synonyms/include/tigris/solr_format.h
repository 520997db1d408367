// tigris: the Solr/Elasticsearch synonym file format, to move lists between engines.
#pragma once

#include <string>
#include <vector>

#include "tigris/lexicon.h"

namespace tigris {

/// Writes @p families in the Solr/Elasticsearch synonym format: one line per family,
/// "canonical, variant, ..., ACRONYM". A comment line before each carries what that
/// format cannot (id, kind, context, cased, note), so that import restores it exactly.
std::string export_solr(const std::vector<FamilySpec>& families);

/// Reads the Solr/Elasticsearch synonym format: "a, b, c" (equivalent) and
/// "a, b => c" (c is the canonical form). Entries written in capitals (2+ letters) are
/// acronyms. Comments written by export_solr restore ids and the rest; other families
/// get an id made from their canonical form and kind "term".
/// @exception LexiconError naming @p name, the line and the offending text.
std::vector<FamilySpec> import_solr(const std::string& text, const std::string& name);

/// A family id made from a name: lower case, runs of other characters as one "-"
/// ("al-Qaeda in Iraq" → "al-qaeda-in-iraq").
std::string family_id_for(const std::string& name);

}  // namespace tigris
