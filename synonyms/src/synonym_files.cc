#include "tigris/synonym_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "tigris/error.h"

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

}  // namespace

std::vector<FamilySpec> parse_synonym_yaml(const std::string& yaml, const std::string& file,
                                           std::vector<LexiconError>* problems) {
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
                if (!fam.IsMap()) {
                    throw LexiconError(at(file, fam.Mark()), "a family must be a map");
                }
                FamilySpec spec;
                spec.where = at(file, fam.Mark());
                std::set<std::string> keys_seen;
                for (const auto& field : fam) {
                    const std::string name = field.first.Scalar();
                    const YAML::Node& value = field.second;
                    if (!keys_seen.insert(name).second) {
                        throw LexiconError(at(file, field.first.Mark()), "key \"" + name + "\" appears twice in a family");
                    }
                    if (name == "id") {
                        spec.id = scalar(value, file, "id");
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
                    } else if (name == "broader") {
                        spec.broader = entries(value, file, "broader");
                    } else {
                        throw LexiconError(at(file, field.first.Mark()),
                                           "unknown key \"" + name +
                                               "\" in family; expected id, kind, canonical, "
                                               "variants, acronyms, context, cased, broader, note");
                    }
                }
                if (spec.id.empty()) throw LexiconError(spec.where, "family without an id");
                if (spec.kind.empty()) {
                    throw LexiconError(spec.where, "family \"" + spec.id + "\" has no kind");
                }
                if (spec.variants.empty() && spec.acronyms.empty() && spec.canonical.empty()) {
                    throw LexiconError(spec.where,
                                       "family \"" + spec.id + "\" has no variants or acronyms");
                }
                specs.push_back(std::move(spec));
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
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("cannot read synonym file " + path);
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
            std::vector<std::string> files;
            for (const auto& entry : fs::directory_iterator(p)) {
                const auto ext = entry.path().extension();
                if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
                    files.push_back(entry.path().string());
                }
            }
            std::sort(files.begin(), files.end());
            out.insert(out.end(), files.begin(), files.end());
        } else if (fs::exists(p, ec)) {
            out.push_back(p);
        } else {
            throw ConfigError("synonym path " + p + " does not exist");
        }
    }
    return out;
}

std::shared_ptr<const Lexicon> load_lexicon(const std::vector<std::string>& paths,
                                            const TokenAnalysis& analysis) {
    std::vector<FamilySpec> all;
    for (const std::string& file : synonym_file_paths(paths)) {
        auto specs = read_synonym_file(file);
        all.insert(all.end(), std::make_move_iterator(specs.begin()),
                   std::make_move_iterator(specs.end()));
    }
    return Lexicon::compile(all, analysis);
}

std::string default_synonyms_dir() {
    namespace fs = std::filesystem;
    for (const char* dir : {TIGRIS_SOURCE_SYNONYMS_DIR, TIGRIS_INSTALLED_SYNONYMS_DIR}) {
        std::error_code ec;
        if (fs::is_directory(dir, ec)) return dir;
    }
    return "";
}

std::vector<std::string> synonym_paths_or_default(const std::vector<std::string>& given) {
    if (!given.empty()) return given;
    const std::string dir = default_synonyms_dir();
    if (dir.empty()) throw ConfigError("no synonym lists found; pass --synonyms PATH");
    return {dir};
}

Analyzer load_analyzer(const std::vector<std::string>& paths) {
    auto words = EnglishWords::builtin();
    const TokenAnalysis analysis(words);
    return Analyzer(load_lexicon(synonym_paths_or_default(paths), analysis), words);
}

}  // namespace tigris
