#include "tigris/solr_format.h"

#include "tigris/synonym_files.h"

#include <algorithm>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace tigris {

namespace {

// Solr escapes commas and "=>" with a backslash.
std::string escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == ',' || c == '\\' || c == '=' || c == '>') out += '\\';
        out += c;
    }
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Splits at unescaped commas, unescaping.
std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            cur += s[++i];
        } else if (s[i] == ',') {
            out.push_back(trim(cur));
            cur.clear();
        } else {
            cur += s[i];
        }
    }
    out.push_back(trim(cur));
    out.erase(std::remove(out.begin(), out.end(), ""), out.end());
    return out;
}

// An entry of a Solr file is read as an acronym when the lexicon would take it as one and
// it is written in capitals (two or more, no lower case): JAM, MNF-I; not MoI, which the
// Solr format cannot tell from a word.
bool looks_like_acronym(const std::string& s) {
    const auto upper = std::count_if(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    const bool lower = std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return is_acronym_shaped(s) && !lower && upper >= 2;
}

std::vector<std::string> texts(const std::vector<LexiconEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.text);
    return out;
}

}  // namespace

std::string family_id_for(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    if (out.size() > kMaxFamilyIdBytes - 8) out.resize(kMaxFamilyIdBytes - 8);  // room for "-N"
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "family" : out;
}

std::string export_solr(const std::vector<FamilySpec>& families) {
    std::ostringstream out;
    out << "# Synonyms exported by tigris: one family per line, Solr/Elasticsearch format.\n"
        << "# A \"# tigris:\" line before a family keeps what this format has no place for.\n";
    for (const FamilySpec& f : families) {
        YAML::Emitter meta;
        meta << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value << f.id << YAML::Key << "kind"
             << YAML::Value << f.kind;
        if (!f.context.empty()) meta << YAML::Key << "context" << YAML::Value << texts(f.context);
        if (!f.cased.empty()) meta << YAML::Key << "cased" << YAML::Value << texts(f.cased);
        if (!f.any_case.empty()) meta << YAML::Key << "any_case" << YAML::Value << texts(f.any_case);
        if (!f.broader.empty()) meta << YAML::Key << "broader" << YAML::Value << texts(f.broader);
        if (!f.note.empty()) meta << YAML::Key << "note" << YAML::Value << f.note;
        meta << YAML::EndMap;
        out << "# tigris: " << meta.c_str() << "\n";
        std::vector<std::string> terms;
        if (!f.canonical.empty()) terms.push_back(f.canonical);
        for (const auto& v : f.variants) {
            if (v.text != f.canonical) terms.push_back(v.text);
        }
        for (const auto& a : f.acronyms) {
            if (a.text != f.canonical) terms.push_back(a.text);
        }
        for (std::size_t i = 0; i < terms.size(); ++i) out << (i ? ", " : "") << escape(terms[i]);
        out << "\n";
    }
    return out.str();
}

std::vector<FamilySpec> import_solr(const std::string& text, const std::string& name) {
    std::vector<FamilySpec> out;
    std::istringstream in(text);
    std::string line;
    int line_no = 0;
    YAML::Node pending;
    std::set<std::string> ids;
    while (std::getline(in, line)) {
        ++line_no;
        const std::string t = trim(line);
        if (t.empty()) continue;
        if (t[0] == '#') {
            if (t.rfind("# tigris:", 0) == 0) {
                try {
                    pending = YAML::Load(t.substr(9));
                } catch (const YAML::Exception& e) {
                    throw LexiconError({name, line_no, 1}, "unreadable tigris comment: " + e.msg);
                }
            }
            continue;
        }
        FamilySpec f;
        f.where = {name, line_no, 1};
        std::string lhs = t, rhs;
        // "a, b => c": find an unescaped "=>".
        for (std::size_t i = 0; i + 1 < t.size(); ++i) {
            if (t[i] == '\\') {
                ++i;
            } else if (t[i] == '=' && t[i + 1] == '>') {
                lhs = t.substr(0, i);
                rhs = t.substr(i + 2);
                break;
            }
        }
        std::vector<std::string> terms = split_list(lhs);
        if (!rhs.empty()) {
            const auto targets = split_list(rhs);
            if (targets.size() != 1) {
                throw LexiconError(f.where, "\"" + rhs + "\": tigris needs exactly one canonical form after =>");
            }
            terms.insert(terms.begin(), targets[0]);
        }
        if (terms.empty()) throw LexiconError(f.where, "line \"" + t + "\" has no synonyms");
        f.canonical = terms[0];
        for (const std::string& term : terms) {
            LexiconEntry e{term, f.where};
            (looks_like_acronym(term) ? f.acronyms : f.variants).push_back(e);
        }
        if (pending && pending.IsMap()) {
            f.id = pending["id"] ? pending["id"].as<std::string>() : "";
            f.kind = pending["kind"] ? pending["kind"].as<std::string>() : "";
            for (const char* key : {"context", "cased", "any_case", "broader"}) {
                if (!pending[key]) continue;
                const std::string k = key;
                auto& target = k == "context" ? f.context : k == "cased" ? f.cased : k == "any_case" ? f.any_case : f.broader;
                for (const auto& v : pending[key]) target.push_back({v.as<std::string>(), f.where});
            }
            if (pending["note"]) f.note = pending["note"].as<std::string>();
        }
        pending = YAML::Node();
        if (f.id.empty()) f.id = family_id_for(f.canonical);
        if (f.kind.empty()) f.kind = "term";
        // An acronym written as canonical is not also a variant.
        f.variants.erase(std::remove_if(f.variants.begin(), f.variants.end(),
                                        [&](const LexiconEntry& v) { return v.text == f.canonical; }),
                         f.variants.end());
        std::string id = f.id;
        for (int k = 2; ids.count(id); ++k) id = f.id + "-" + std::to_string(k);
        f.id = id;
        ids.insert(id);
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace tigris
