// tigris search: one query (text, JSON, JSON Lines or CSV) or a file of queries.
#include <unistd.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli.h"
#include "tigris/error.h"
#include "tigris/result_format.h"
#include "tigris/searcher.h"
#include "tigris/synonym_files.h"

namespace tigris::cli {

namespace {

struct SearchArgs {
    std::string index;
    std::vector<std::string> synonyms;
    std::size_t limit = 10, offset = 0, detailed = 20;
    std::string op = "and", format = "text", queries_file;
    bool explain = false;
    std::string query;
    RemoteTimeouts remote;
};

std::string dump(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "15 results", or "about 120 results" when Xapian only estimated the total.
std::string count_line(const SearchResult& r) {
    return std::string(r.total_exact ? "" : "about ") + std::to_string(r.total) + " result" +
           (r.total == 1 && r.total_exact ? "" : "s") + " for " + r.query;
}

void print_text(const SearchResult& r, bool colour) {
    const std::string bold = colour ? "\033[1m" : "", dim = colour ? "\033[2m" : "",
                      hl_on = colour ? "\033[1;33m" : "[", hl_off = colour ? "\033[0m" : "]",
                      reset = colour ? "\033[0m" : "";
    std::cout << count_line(r) << "\n";
    if (!r.did_you_mean.empty()) std::cout << "Did you mean: " << bold << r.did_you_mean << reset << "\n";
    for (const NameExpansion& e : r.suggested) {
        std::cout << dim << "  spellings close to " << e.spelling << " in more documents:";
        for (std::size_t i = 0; i < e.suggestions.size(); ++i) {
            const NameCandidate& c = e.suggestions[i];
            std::cout << (i ? "; " : " ") << c.spelling << " (" << c.documents << ", " << c.differences << ")";
        }
        std::cout << reset << "\n";
    }
    std::cout << "\n";
    for (const auto& h : r.hits) {
        std::cout << h.rank << ". " << bold << (h.title.empty() ? h.id : h.title) << reset << "\n   " << dim
                  << h.date << (h.date.empty() ? "" : "  ") << h.source << "  " << h.id
                  << (h.page ? "  page " + std::to_string(h.page) : "") << "  score "
                  << std::fixed << std::setprecision(2) << h.score << reset << "\n";
        if (h.detailed) {
            std::cout << "   " << render_snippet(h.snippet, hl_on, hl_off, false) << "\n";
            if (!h.matched.empty()) {
                std::cout << "   " << dim << "matched:";
                for (std::size_t i = 0; i < h.matched.size(); ++i) {
                    std::cout << (i ? ", " : " ") << h.matched[i].text << " (" << h.matched[i].via << ")";
                }
                std::cout << reset << "\n";
            }
        }
        std::cout << "\n";
    }
}

// One query per line of the file, one JSON object per line out; a query that does not
// parse gives {"query", "error"} and exit status 1 at the end.
int search_file(const SearchArgs& a, Searcher& searcher, const SearchOptions& o) {
    std::ifstream in = open_named_file(a.queries_file, "queries file");
    int failed = 0;
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        try {
            const auto r = searcher.search(line, o);
            nlohmann::json j = to_json(r);
            if (a.explain) j["explain"] = explain_json(searcher.query_builder(), line, r.xapian_query);
            std::cout << dump(j, -1) << "\n";
        } catch (const InputError& e) {
            ++failed;
            std::cout << dump({{"query", line}, {"error", e.what()}}, -1) << "\n";
            std::cerr << "tigris search: " << a.queries_file << ":" << line_no << ": " << e.what() << "\n";
        }
    }
    return failed ? kRuntimeError : 0;
}

int search_and_print(const SearchArgs& a, const Xapian::Database& db, const Analyzer& analyzer) {
    Searcher searcher(db, analyzer);
    SearchOptions o;
    o.limit = a.limit;
    o.offset = a.offset;
    o.detailed = a.format == "csv" ? std::max(a.detailed, a.limit) : a.detailed;  // every row whole
    o.op = a.op == "or" ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
    if (!a.queries_file.empty()) return search_file(a, searcher, o);

    // The searcher's own builder explains: the explanation is of the query that runs.
    const auto r = searcher.search(a.query, o);
    if (a.format == "csv") {
        std::cout << to_csv(r);
    } else if (a.format == "text") {
        if (a.explain) print_explanation(explain_json(searcher.query_builder(), a.query, r.xapian_query));
        print_text(r, isatty(STDOUT_FILENO) != 0);
    } else {
        nlohmann::json j = to_json(r);
        if (a.explain) j["explain"] = explain_json(searcher.query_builder(), a.query, r.xapian_query);
        std::cout << dump(j, a.format == "json" ? 2 : -1) << "\n";
    }
    return 0;
}

// Opens the index (remote shards with --remote-timeout) and searches it; an error from a
// shard names it.
int run_search(SearchArgs& a) {
    if (a.query.empty() && a.queries_file.empty()) {
        std::cerr << "tigris search: give a QUERY or --queries FILE\n";
        return kUsageError;
    }
    if (!a.queries_file.empty()) a.format = "jsonl";
    if (a.op != "and" && a.op != "or") throw ConfigError("--op must be and or or, not " + a.op);
    if (a.format != "text" && a.format != "json" && a.format != "jsonl" && a.format != "csv") {
        throw ConfigError("--format must be text, json, jsonl or csv, not " + a.format);
    }
    Analyzer analyzer = load_analyzer(a.synonyms);
    const IndexShards index = IndexShards::open(a.index, a.remote);
    try {
        check_index(index.database(), analyzer, a.index, "search");
        return search_and_print(a, index.database(), analyzer);
    } catch (const Xapian::NetworkError& e) {
        throw IoError(index.describe(e));
    }
}

}  // namespace

Command add_search(CLI::App& app) {
    auto* cmd = app.add_subcommand("search", "Ranked search");
    auto a = std::make_shared<SearchArgs>();
    cmd->add_option("--index", a->index, "Index folder")->required();
    add_synonyms_option(cmd, a->synonyms);
    cmd->add_option("--limit", a->limit, "Hits to return")->check(CLI::Range(std::size_t{0}, std::size_t{10000000}));
    cmd->add_option("--offset", a->offset, "Hits to skip")->check(CLI::Range(std::size_t{0}, std::size_t{10000000}));
    cmd->add_option("--op", a->op, "Operator between words: and|or");
    cmd->add_option("--format", a->format, "text|json|jsonl|csv (csv: every row with its snippet)");
    cmd->add_option("--snippets", a->detailed, "Hits that get a snippet and matched list (default 20)");
    cmd->add_flag("--explain", a->explain, "Show how the query was analyzed");
    cmd->add_option("--queries", a->queries_file, "Read one query per line, print one JSON object per line");
    cmd->add_option("QUERY", a->query, "The query");
    add_remote_timeout(cmd, a->remote);
    return {cmd, [a] { return run_search(*a); }};
}

}  // namespace tigris::cli
