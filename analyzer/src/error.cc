#include "tigris/error.h"

namespace tigris {

std::string SourceLocation::describe() const {
    if (file.empty() && line == 0) return "";
    std::string out = file.empty() ? "<input>" : file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
    }
    return out;
}

namespace {
std::string located(const SourceLocation& where, const std::string& problem) {
    const std::string at = where.describe();
    return at.empty() ? problem : at + ": " + problem;
}
}  // namespace

LexiconError::LexiconError(const SourceLocation& where, const std::string& problem)
    : Error(located(where, problem)), where_(where), problem_(problem) {}

}  // namespace tigris
