// tigris synonyms lint | export | import | suggest (and explain, in explain_command.cc).
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.h"
#include "tigris/index_writer.h"
#include "tigris/solr_format.h"
#include "tigris/suggest.h"
#include "tigris/synonym_files.h"
#include "tigris/synonym_lint.h"
#include "tigris/synonym_yaml.h"

namespace tigris::cli {

namespace {

struct LintArgs {
    std::vector<std::string> paths;
    bool notes = false;
};

int run_lint(const LintArgs& a) {
    const auto words = EnglishWords::builtin();
    TokenAnalysis analysis(words);
    const auto findings = lint_synonym_files(synonym_paths_or_default(a.paths), analysis, a.notes);
    std::size_t errors = 0;
    for (const auto& f : findings) {
        std::cout << f.describe() << "\n";
        errors += f.error ? 1 : 0;
    }
    if (errors) {
        std::cerr << "tigris synonyms lint: " << errors << " problem" << (errors == 1 ? "" : "s") << "\n";
        return kRuntimeError;
    }
    const auto lex = load_lexicon(synonym_paths_or_default(a.paths), analysis);
    std::cerr << "tigris synonyms lint: ok, " << lex->families().size() << " families\n";
    return 0;
}

int run_export(const std::vector<std::string>& paths) {
    std::vector<FamilySpec> all;
    for (const auto& file : synonym_file_paths(synonym_paths_or_default(paths))) {
        auto specs = read_synonym_file(file);
        all.insert(all.end(), specs.begin(), specs.end());
    }
    std::cout << export_solr(all);
    return 0;
}

int run_import(const std::string& file) {
    std::ifstream in = open_named_file(file, "synonym file");
    std::ostringstream text;
    text << in.rdbuf();
    std::cout << to_yaml(import_solr(text.str(), file));
    return 0;
}

struct SuggestArgs {
    std::string index;
    std::vector<std::string> synonyms;
    std::size_t min_documents = 3, limit = 40;
};

int run_suggest(const SuggestArgs& a) {
    Analyzer analyzer = load_analyzer(a.synonyms);
    const Xapian::Database db = open_index(a.index);
    std::cout << suggestions_yaml(suggest_families(db, analyzer, a.min_documents, a.limit));
    return 0;
}

}  // namespace

std::vector<Command> add_synonyms(CLI::App& app) {
    auto* synonyms = app.add_subcommand("synonyms", "Work with the synonym lists");
    synonyms->require_subcommand(1);
    std::vector<Command> out;

    auto* lint = synonyms->add_subcommand("lint", "Check synonym lists; exit 1 when anything is wrong");
    auto la = std::make_shared<LintArgs>();
    lint->add_option("PATH", la->paths, "Files or folders (default: the shipped lists)");
    lint->add_flag("--notes", la->notes, "Also list redundant variants (harmless)");
    out.push_back({lint, [la] { return run_lint(*la); }});

    auto* exp = synonyms->add_subcommand("export", "Write the lists in Solr/Elasticsearch synonym format");
    auto paths = std::make_shared<std::vector<std::string>>();
    exp->add_option("PATH", *paths, "Files or folders (default: the shipped lists)");
    out.push_back({exp, [paths] { return run_export(*paths); }});

    auto* sug = synonyms->add_subcommand("suggest", "Mine an index for spellings and acronyms the lists lack");
    auto sa = std::make_shared<SuggestArgs>();
    sug->add_option("--index", sa->index, "Index folder")->required();
    add_synonyms_option(sug, sa->synonyms);
    sug->add_option("--min-documents", sa->min_documents, "Documents each spelling needs (default 3)");
    sug->add_option("--limit", sa->limit, "Suggestions to print (default 40)");
    out.push_back({sug, [sa] { return run_suggest(*sa); }});

    auto* imp = synonyms->add_subcommand("import", "Read a Solr/Elasticsearch synonym file, write tigris YAML");
    auto file = std::make_shared<std::string>();
    imp->add_option("FILE", *file, "The Solr/Elasticsearch synonym file")->required();
    out.push_back({imp, [file] { return run_import(*file); }});

    out.push_back(add_synonyms_explain(*synonyms));
    return out;
}

}  // namespace tigris::cli
