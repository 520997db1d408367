// Shared by the fuzz targets: the analyzer over the shipped lists, built once, and the
// checks every target makes on what it produced.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include <xapian.h>

#include "tigris/analyzer.h"
#include "tigris/synonym_files.h"

namespace tigris::fuzz {

/// The analyzer a real run uses (the shipped synonym lists). Built once: a fuzz target
/// runs one input at a time, in one thread, whose analyzer this is.
inline Analyzer& analyzer() {
    static Analyzer a = load_analyzer({TIGRIS_SHIPPED_LISTS});
    return a;
}

inline std::string_view text(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

/// Aborts (a finding) when a document holds a term Xapian would refuse.
inline void check_terms(const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if ((*t).empty() || (*t).size() > 245) std::abort();
    }
}

}  // namespace tigris::fuzz
