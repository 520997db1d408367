#include "tigris/synonym_yaml.h"

#include <sstream>

#include <yaml-cpp/yaml.h>

namespace tigris {

namespace {

std::string quoted(const std::string& s) {
    YAML::Emitter e;
    e << YAML::DoubleQuoted << s;
    return e.c_str();
}

std::string flow_list(const std::vector<LexiconEntry>& entries) {
    YAML::Emitter e;
    e << YAML::Flow << YAML::BeginSeq;
    for (const auto& entry : entries) e << YAML::DoubleQuoted << entry.text;
    e << YAML::EndSeq;
    return e.c_str();
}

void write_comments(std::ostream& out, const std::vector<std::string>& lines, const char* indent) {
    for (const std::string& line : lines) {
        out << indent << "#";
        // A comment line ends at a line break: each line of a text is a line of its own.
        std::istringstream parts(line);
        std::string part;
        bool first = true;
        while (std::getline(parts, part)) {
            if (!first) out << "\n" << indent << "#";
            if (!part.empty()) out << " " << part;
            first = false;
        }
        out << "\n";
    }
}

}  // namespace

std::string to_yaml(const std::vector<FamilySpec>& families, const YamlComments& comments) {
    std::ostringstream out;
    write_comments(out, comments.header, "");
    out << "version: 1\nfamilies:\n";
    for (std::size_t i = 0; i < families.size(); ++i) {
        const FamilySpec& f = families[i];
        if (i < comments.per_family.size()) write_comments(out, comments.per_family[i], "  ");
        out << "  - id: " << f.id << "\n    kind: " << f.kind << "\n    canonical: " << quoted(f.canonical) << "\n";
        if (!f.variants.empty()) out << "    variants: " << flow_list(f.variants) << "\n";
        if (!f.acronyms.empty()) out << "    acronyms: " << flow_list(f.acronyms) << "\n";
        if (!f.context.empty()) out << "    context: " << flow_list(f.context) << "\n";
        if (!f.cased.empty()) out << "    cased: " << flow_list(f.cased) << "\n";
        if (!f.any_case.empty()) out << "    any_case: " << flow_list(f.any_case) << "\n";
        if (!f.broader.empty()) out << "    broader: " << flow_list(f.broader) << "\n";
        if (!f.note.empty()) out << "    note: " << quoted(f.note) << "\n";
    }
    return out.str();
}

}  // namespace tigris
