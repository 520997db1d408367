// tigris synonyms explain: how a text is analyzed (token by token, and the terms the
// indexer writes), or with --query how a query is read and which spellings of its names
// an index holds.
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "cli.h"
#include "tigris/index_compat.h"
#include "tigris/index_writer.h"
#include "tigris/query_builder.h"
#include "tigris/result_format.h"
#include "tigris/synonym_files.h"

namespace tigris::cli {

namespace {

struct ExplainArgs {
    std::string text, index;
    std::vector<std::string> synonyms;
    bool query = false;
};

int explain_query(const ExplainArgs& a, Analyzer& analyzer) {
    std::optional<Xapian::Database> db;
    if (!a.index.empty()) db = open_index(a.index);
    QueryBuilder builder(analyzer, db ? &*db : nullptr);
    if (db) builder.set_expand_families(compare_index(*db, analyzer).other_lists > 0);
    const nlohmann::json e = explain_json(builder, a.text, builder.build(a.text));
    print_explanation(e);
    return 0;
}

// The terms written at each position, as the indexer would write them.
struct ByPosition : TermSink {
    std::map<Xapian::termpos, std::vector<std::string>> at;
    void posting(const std::string& term, Xapian::termpos pos) override { at[pos].push_back(term); }
    void term(const std::string&) override {}
};

int explain_text(const std::string& text, Analyzer& analyzer) {
    const auto a = analyzer.analyze(text, AnalysisMode::Document);
    ByPosition emitted;
    analyzer.emit_document(emitted, {FieldText{text, "", false}});
    std::cout << std::left << std::setw(20) << "token" << std::setw(18) << "normalized" << std::setw(8) << "kind"
              << std::setw(18) << "stem or block" << std::setw(22) << "family"
              << "terms at its position\n";
    std::set<Xapian::termpos> shown;
    for (std::size_t i = 0; i < a.tokens.size(); ++i) {
        const auto& t = a.tokens[i];
        const char* kind = t.kind == TokenKind::Name ? "name" : t.kind == TokenKind::Article ? "article" : "word";
        std::string family = "-";
        if (a.covered_by[i] >= 0) {
            const auto& m = a.concepts[static_cast<std::size_t>(a.covered_by[i])];
            family = analyzer.lexicon().families()[static_cast<std::size_t>(m.family)].id;
        }
        std::string terms;
        if (t.kind != TokenKind::Article && shown.insert(t.pos).second) {
            for (const auto& term : emitted.at[t.pos]) terms += (terms.empty() ? "" : " ") + term;
        }
        std::cout << std::setw(20) << std::string(t.token.surface(text)) << std::setw(18) << t.norm << std::setw(8)
                  << kind << std::setw(18) << (t.kind == TokenKind::Name ? "~" + t.block : t.stem) << std::setw(22)
                  << family << terms << "\n";
    }
    return 0;
}

int run_explain(const ExplainArgs& a) {
    Analyzer analyzer = load_analyzer(a.synonyms);
    if (a.query || !a.index.empty()) return explain_query(a, analyzer);
    return explain_text(a.text, analyzer);
}

}  // namespace

Command add_synonyms_explain(CLI::App& synonyms) {
    auto* cmd = synonyms.add_subcommand("explain", "Show how a text is analyzed");
    auto a = std::make_shared<ExplainArgs>();
    cmd->add_option("--synonyms", a->synonyms, "Synonym YAML files or folders")
        ->allow_extra_args(false);  // one path per --synonyms: a query may follow
    cmd->add_flag("--query", a->query, "Analyze as a query");
    cmd->add_option("--index", a->index, "With --query: match names against this index's names (which spellings, why)");
    cmd->add_option("TEXT", a->text, "The text")->required();
    return {cmd, [a] { return run_explain(*a); }};
}

}  // namespace tigris::cli
