#include "tigris/synonym_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <unicode/utf8.h>
#include <yaml-cpp/yaml.h>

#include "tigris/error.h"
#include "tigris/folder_files.h"

namespace tigris {

namespace {

SourceLocation at(const std::string& file, const YAML::Mark& mark) {
    return SourceLocation{file, mark.line + 1, mark.column + 1};
}

std::string scalar(const YAML::Node& node, const std::string& file, const std::string& what) {
    if (!node.IsScalar()) {
        throw LexiconError(at(file, node.Mark()), what + " must be a string");
    }
    return node.Scalar();
}

std::vector<LexiconEntry> entries(const YAML::Node& node, const std::string& file,
                                  const std::string& what) {
    std::vector<LexiconEntry> out;
    if (node.IsScalar()) {  // a single string is allowed for a one-entry list
        out.push_back({node.Scalar(), at(file, node.Mark())});
        return out;
    }
    if (!node.IsSequence()) {
        throw LexiconError(at(file, node.Mark()), what + " must be a list of strings");
    }
    for (const YAML::Node& item : node) {
        const std::string text = scalar(item, file, what + " entry");
        if (text.empty()) throw LexiconError(at(file, item.Mark()), what + " entry is empty");
        out.push_back({text, at(file, item.Mark())});
    }
    return out;
}

// Where @p text stops being UTF-8 (yaml-cpp would read such bytes as something else,
// and the entry would then "normalize to nothing").
void check_utf8(const std::string& text, const std::string& file) {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    int line = 1, column = 1;
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            static const char* const kHex = "0123456789ABCDEF";
            const std::string byte = {'0', 'x', kHex[p[start] >> 4], kHex[p[start] & 15]};
            throw LexiconError(SourceLocation{file, line, column}, "invalid UTF-8 (byte " + byte + ")");
        }
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
}

std::string family_id(const YAML::Node& value, const std::string& file) {
    std::string id = scalar(value, file, "id");
    if (id.size() > kMaxFamilyIdBytes) {
        throw LexiconError(at(file, value.Mark()), "family id " + quote_value(id, 40) + " is longer than " +
                                                       std::to_string(kMaxFamilyIdBytes) + " bytes");
    }
    return id;
}

// Sets the field @p name of @p spec to @p value (@p key is where the name is written).
void read_family_field(FamilySpec& spec, const std::string& name, const YAML::Node& value, const YAML::Mark& key,
                       const std::string& file) {
    if (name == "id") {
        spec.id = family_id(value, file);
        spec.where = at(file, value.Mark());
    } else if (name == "kind") {
        spec.kind = scalar(value, file, "kind");
    } else if (name == "canonical") {
        spec.canonical = scalar(value, file, "canonical");
    } else if (name == "note") {
        spec.note = scalar(value, file, "note");
    } else if (name == "variants") {
        spec.variants = entries(value, file, "variants");
    } else if (name == "acronyms") {
        spec.acronyms = entries(value, file, "acronyms");
    } else if (name == "context") {
        spec.context = entries(value, file, "context");
    } else if (name == "cased") {
        spec.cased = entries(value, file, "cased");
    } else if (name == "any_case") {
        spec.any_case = entries(value, file, "any_case");
    } else if (name == "broader") {
        spec.broader = entries(value, file, "broader");
    } else {
        throw LexiconError(at(file, key),
                           "unknown key \"" + name +
                               "\" in family; expected id, kind, canonical, "
                               "variants, acronyms, context, cased, any_case, broader, note");
    }
}

// One family of a synonym file. @exception LexiconError for a problem within it.
FamilySpec parse_family(const YAML::Node& fam, const std::string& file) {
    if (!fam.IsMap()) {
        throw LexiconError(at(file, fam.Mark()), "a family must be a map");
    }
    FamilySpec spec;
    spec.where = at(file, fam.Mark());
    std::set<std::string> keys_seen;
    for (const auto& field : fam) {
        const std::string name = field.first.Scalar();
        if (!keys_seen.insert(name).second) {
            throw LexiconError(at(file, field.first.Mark()), "key \"" + name + "\" appears twice in a family");
        }
        read_family_field(spec, name, field.second, field.first.Mark(), file);
    }
    if (spec.id.empty()) throw LexiconError(spec.where, "family without an id");
    if (spec.kind.empty()) {
        throw LexiconError(spec.where, "family \"" + spec.id + "\" has no kind");
    }
    if (spec.variants.empty() && spec.acronyms.empty() && spec.canonical.empty()) {
        throw LexiconError(spec.where,
                           "family \"" + spec.id + "\" has no variants or acronyms");
    }
    return spec;
}

}  // namespace

std::vector<FamilySpec> parse_synonym_yaml(const std::string& yaml, const std::string& file,
                                           std::vector<LexiconError>* problems) {
    check_utf8(yaml, file);
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw LexiconError(at(file, e.mark), "malformed YAML: " + e.msg);
    }
    if (!root.IsMap()) {
        throw LexiconError(SourceLocation{file, 1, 1}, "expected a map with 'version' and 'families'");
    }
    std::vector<FamilySpec> specs;
    bool have_version = false;
    for (const auto& kv : root) {
        const std::string key = kv.first.Scalar();
        if (key == "version") {
            const std::string v = scalar(kv.second, file, "version");
            if (v != "1") {
                throw LexiconError(at(file, kv.second.Mark()),
                                   "unsupported version \"" + v + "\"; expected 1");
            }
            have_version = true;
        } else if (key == "families") {
            if (!kv.second.IsSequence()) {
                throw LexiconError(at(file, kv.second.Mark()), "families must be a list");
            }
            for (const YAML::Node& fam : kv.second) {
                try {
                    specs.push_back(parse_family(fam, file));
                } catch (const LexiconError& e) {
                    // For lint: note the problem, skip the family, read on.
                    if (!problems) throw;
                    problems->push_back(e);
                }
            }
        } else {
            throw LexiconError(at(file, kv.first.Mark()),
                               "unknown key \"" + key + "\"; expected version, families");
        }
    }
    if (!have_version) throw LexiconError(SourceLocation{file, 1, 1}, "missing 'version: 1'");
    return specs;
}

std::vector<FamilySpec> read_synonym_file(const std::string& path, std::vector<LexiconError>* problems) {
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) throw ConfigError("synonym file " + path + " does not exist");
        throw IoError("cannot read synonym file " + path + ": " + std::strerror(err ? err : EIO));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_synonym_yaml(text.str(), path, problems);
}

std::vector<std::string> synonym_file_paths(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            const auto yaml = [](const fs::path& f) { return f.extension() == ".yaml" || f.extension() == ".yml"; };
            for (const fs::path& f : files_below(p, yaml)) out.push_back(f.string());
        } else if (fs::exists(p, ec)) {
            out.push_back(p);
        } else {
            throw ConfigError("synonym path " + p + " does not exist");
        }
    }
    return out;
}

void check_broader_cycles(const std::vector<FamilySpec>& specs, std::vector<LexiconError>* problems) {
    std::map<std::string, const FamilySpec*> by_id;
    for (const FamilySpec& s : specs) by_id.emplace(s.id, &s);
    // Depth-first from each family, with an explicit stack (a chain may be long); a
    // broader family met again on the current path closes a cycle, reported where the
    // last family of the path names it.
    enum class Mark { None, OnPath, Done };
    std::map<std::string, Mark> mark;
    struct Step {
        const FamilySpec* family;
        std::size_t next;  // index into family->broader
    };
    for (const FamilySpec& root : specs) {
        if (mark[root.id] != Mark::None) continue;
        std::vector<Step> path{{&root, 0}};
        mark[root.id] = Mark::OnPath;
        while (!path.empty()) {
            Step& top = path.back();
            if (top.next == top.family->broader.size()) {
                mark[top.family->id] = Mark::Done;
                path.pop_back();
                continue;
            }
            const LexiconEntry& b = top.family->broader[top.next++];
            const auto it = by_id.find(b.text);
            if (it == by_id.end() || b.text == top.family->id) continue;  // compile() reports these
            if (mark[b.text] == Mark::None) {
                mark[b.text] = Mark::OnPath;
                path.push_back({it->second, 0});
            } else if (mark[b.text] == Mark::OnPath) {
                std::string cycle;
                auto k = std::find_if(path.begin(), path.end(), [&](const Step& s) { return s.family->id == b.text; });
                for (; k != path.end(); ++k) cycle += k->family->id + " \u2192 ";
                const LexiconError e(b.where, "broader families form a cycle: " + cycle + b.text);
                if (!problems) throw e;
                problems->push_back(e);
            }
        }
    }
}

std::shared_ptr<const Lexicon> load_lexicon(const std::vector<std::string>& paths,
                                            TokenAnalysis& analysis) {
    std::vector<FamilySpec> all;
    for (const std::string& file : synonym_file_paths(paths)) {
        auto specs = read_synonym_file(file);
        all.insert(all.end(), std::make_move_iterator(specs.begin()),
                   std::make_move_iterator(specs.end()));
    }
    check_broader_cycles(all);
    return Lexicon::compile(all, analysis);
}

std::string default_synonyms_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char* env = std::getenv("TIGRIS_SYNONYMS_DIR"); env && *env) {
        if (!fs::is_directory(env, ec)) {
            throw ConfigError("TIGRIS_SYNONYMS_DIR " + quote_value(env) + " is not a folder");
        }
        return env;
    }
    // Beside the program: PREFIX/bin/tigris reads PREFIX/share/tigris/synonyms; in the
    // build tree, BUILD/indexer/tigris reads BUILD/share/tigris/synonyms, a link to the
    // source tree's lists (so that an edit shows without a rebuild).
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return "";
    const fs::path dir = exe.parent_path().parent_path() / "share" / "tigris" / "synonyms";
    return fs::is_directory(dir, ec) ? dir.string() : "";
}

std::vector<std::string> synonym_paths_or_default(const std::vector<std::string>& given) {
    if (!given.empty()) return given;
    const std::string dir = default_synonyms_dir();
    if (dir.empty()) throw ConfigError("no synonym lists found; pass --synonyms PATH");
    return {dir};
}

Analyzer load_analyzer(const std::vector<std::string>& paths) {
    auto words = EnglishWords::builtin();
    TokenAnalysis analysis(words);
    return Analyzer(load_lexicon(synonym_paths_or_default(paths), analysis), words);
}

}  // namespace tigris
