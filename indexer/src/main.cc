// The tigris command: parses arguments and calls the library; nothing else.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <CLI/CLI.hpp>

#include "tigris/analyzer.h"
#include "tigris/error.h"
#include "tigris/index_writer.h"
#include "tigris/query_builder.h"
#include "tigris/result_export.h"
#include "tigris/searcher.h"
#include "tigris/server.h"
#include "tigris/shards.h"
#include "tigris/solr_format.h"
#include "tigris/suggest.h"
#include "tigris/synonym_files.h"
#include "tigris/synonym_lint.h"

namespace {

// Set by SIGINT/SIGTERM; the indexer commits what it has and stops. A signal handler
// can only reach state like this, so this flag is the one piece of static state.
std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

constexpr int kRuntimeError = 1;
constexpr int kUsageError = 2;

// Opens a file named on the command line: a path that does not exist is a usage error,
// one that exists but cannot be read a runtime one.
std::ifstream open_named_file(const std::string& path, const std::string& what) {
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (in) return in;
    const int err = errno;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw tigris::ConfigError(what + " " + path + " does not exist");
    throw tigris::IoError("cannot read " + what + " " + path + ": " + std::strerror(err ? err : EIO));
}

std::string format_duration(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    std::ostringstream out;
    if (s >= 3600) out << s / 3600 << "h";
    out << std::setw(s >= 3600 ? 2 : 1) << std::setfill('0') << (s % 3600) / 60 << ":" << std::setw(2)
        << std::setfill('0') << s % 60;
    return out.str();
}

std::string format_bytes(std::uint64_t b) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1);
    if (b >= (1u << 30)) {
        out << static_cast<double>(b) / (1u << 30) << " GiB";
    } else if (b >= (1u << 20)) {
        out << static_cast<double>(b) / (1u << 20) << " MiB";
    } else {
        out << static_cast<double>(b) / 1024 << " KiB";
    }
    return out.str();
}

int run_index(const std::string& dir, const std::vector<std::string>& synonyms,
              const std::vector<std::string>& inputs, unsigned shards, const std::string& part, unsigned threads,
              std::size_t batch, std::size_t max_bytes, bool rebuild, bool quiet) {
    tigris::Analyzer analyzer = tigris::load_analyzer(synonyms);
    tigris::IndexOptions options;
    options.dir = dir;
    options.shards = shards;
    if (!part.empty()) options.part = tigris::parse_corpus_shard(part);
    options.threads = threads;
    options.batch = batch;
    options.max_document_bytes = max_bytes;
    options.rebuild = rebuild;

    // A lexicon change needs re-analysis of what was indexed before.
    try {
        const Xapian::Database existing = tigris::open_index(dir);
        const std::string had = existing.get_metadata(tigris::metadata::kLexicon);
        if (!rebuild && existing.get_doccount() > 0 && !had.empty() && had != analyzer.lexicon().fingerprint()) {
            std::cerr << "tigris index: warning: the synonym lists changed since " << dir
                      << " was built (lexicon " << had << ", now " << analyzer.lexicon().fingerprint()
                      << "); documents not re-indexed now keep the old analysis: use --rebuild\n";
        }
    } catch (const tigris::Error&) {
        // No index yet (or none that opens: the run below says why).
    } catch (const Xapian::Error&) {
    }

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const bool tty = isatty(STDERR_FILENO) != 0;
    double last_line = -10;
    auto progress = [&](std::uint64_t docs, std::uint64_t done, std::uint64_t total, double secs) {
        if (quiet) return;
        const double rate = secs > 0 ? static_cast<double>(docs) / secs : 0;
        const double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
        const double eta = frac > 0.001 ? secs * (1 - frac) / frac : 0;
        if (tty) {
            const int width = 30;
            const int filled = static_cast<int>(frac * width);
            std::fprintf(stderr, "\r[%s%s] %3d%% %llu docs %.0f docs/s ETA %s   ",
                         std::string(static_cast<std::size_t>(filled), '#').c_str(),
                         std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
                         static_cast<int>(frac * 100), static_cast<unsigned long long>(docs), rate,
                         format_duration(eta).c_str());
        } else if (secs - last_line >= 5 || frac >= 1.0) {
            last_line = secs;
            std::fprintf(stderr, "tigris index: %llu documents, %d%%, %.0f docs/s, ETA %s\n",
                         static_cast<unsigned long long>(docs), static_cast<int>(frac * 100), rate,
                         format_duration(eta).c_str());
        }
    };
    std::uint64_t problems = 0;
    auto on_problem = [&](const tigris::CorpusProblem& p) {
        ++problems;
        if (tty && !quiet) std::fprintf(stderr, "\r%*s\r", 80, "");
        std::cerr << "tigris index: skipped " << p.describe() << "\n";
    };
    const tigris::IndexSummary s = tigris::index_corpus(analyzer, inputs, options, g_stop, on_problem, progress);
    if (tty && !quiet) std::fprintf(stderr, "\n");
    for (const std::string& e : s.errors) std::cerr << "tigris index: error: " << e << "\n";
    std::cerr << "tigris index: " << (s.interrupted ? "interrupted; committed " : "indexed ") << s.indexed
              << " documents in " << std::fixed << std::setprecision(1) << s.seconds << " s ("
              << (s.seconds > 0 ? static_cast<double>(s.indexed) / s.seconds : 0.0) << " docs/s), skipped "
              << s.skipped << "; index " << dir << ": " << s.total_documents << " documents, "
              << s.unique_terms << " terms, " << format_bytes(s.bytes_on_disk) << "\n";
    if (!options.part.whole()) {
        std::cerr << "tigris index: " << dir << " is part " << options.part.describe() << " of the corpus; "
                  << s.elsewhere << " documents of the other parts passed over\n";
    }
    if (!s.errors.empty()) {
        std::cerr << "tigris index: stopped after a write error: " << s.indexed << " documents committed, "
                  << s.not_written << " not written; what was committed is intact: fix the cause "
                  << "(disk space, permissions) and run the same command again to complete the job\n";
        return kRuntimeError;
    }
    if (s.interrupted) {
        std::cerr << "tigris index: run the same command again to complete the job\n";
        return 130;
    }
    return problems > 0 ? kRuntimeError : 0;
}

struct SearchArgs {
    std::string index;
    std::vector<std::string> synonyms;
    std::size_t limit = 10, offset = 0, detailed = 20;
    std::string op = "and", format = "text", queries_file;
    bool explain = false;
    std::string query;
    tigris::RemoteTimeouts remote;
};

// --remote-timeout SECONDS on @p cmd: how long a remote shard may take to connect and to
// answer each message.
void add_remote_timeout(CLI::App* cmd, tigris::RemoteTimeouts& t) {
    cmd->add_option_function<double>(
           "--remote-timeout",
           [&t](double seconds) {
               t.connect_ms = t.reply_ms = static_cast<unsigned>(seconds * 1000 + 0.5);
           },
           "Seconds a remote shard may take to connect and to answer (default 5)")
        ->check(CLI::Range(0.1, 3600.0));
}

void print_text(const tigris::SearchResult& r, bool colour) {
    const std::string bold = colour ? "\033[1m" : "", dim = colour ? "\033[2m" : "",
                      hl_on = colour ? "\033[1;33m" : "[", hl_off = colour ? "\033[0m" : "]",
                      reset = colour ? "\033[0m" : "";
    std::cout << r.total << " result" << (r.total == 1 ? "" : "s") << " for " << r.query << "\n\n";
    for (const auto& h : r.hits) {
        std::cout << h.rank << ". " << bold << (h.title.empty() ? h.id : h.title) << reset << "\n   " << dim
                  << h.date << (h.date.empty() ? "" : "  ") << h.source << "  " << h.id
                  << (h.page ? "  page " + std::to_string(h.page) : "") << "  score "
                  << std::fixed << std::setprecision(2) << h.score << reset << "\n";
        if (h.detailed) {
            std::cout << "   " << tigris::render_snippet(h.snippet, hl_on, hl_off, false) << "\n";
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

nlohmann::json explain_json(tigris::QueryBuilder& builder, const std::string& query,
                            const Xapian::Query& q) {
    nlohmann::json words = nlohmann::json::array();
    for (const auto& w : builder.explain(query)) {
        words.push_back({{"text", w.text}, {"norm", w.norm}, {"kind", w.kind}, {"terms", w.terms}, {"via", w.via}});
    }
    return {{"words", words}, {"xapian_query", q.get_description()}};
}

void print_explain_text(const nlohmann::json& e) {
    std::cout << "query analysis:\n";
    for (const auto& w : e["words"]) {
        std::cout << "  " << std::left << std::setw(18) << w["text"].get<std::string>() << std::setw(9)
                  << w["kind"].get<std::string>() << std::setw(40) << w["terms"].get<std::string>() << " "
                  << w["via"].get<std::string>() << "\n";
    }
    std::cout << "xapian query: " << e["xapian_query"].get<std::string>() << "\n\n";
}

// Documents indexed with other synonym lists than @p analyzer's. Every document records
// its lists as a term, which every shard answers, remote ones too (metadata would be
// read from the first shard only).
void warn_if_other_lexicon(const Xapian::Database& db, const tigris::Analyzer& analyzer, const std::string& index) {
    if (db.get_doccount() == 0 || tigris::built_with_current_lexicon(db, analyzer.lexicon())) return;
    const std::string& now = analyzer.lexicon().fingerprint();
    const Xapian::doccount current = db.get_termfreq(tigris::prefix::kLexicon + now);
    std::cerr << "tigris search: warning: " << index << " was built with other synonym lists ("
              << db.get_doccount() - current << " of " << db.get_doccount() << " documents; lexicon now " << now
              << "); re-index for exact results\n";
}

int search_and_print(const SearchArgs& a, const Xapian::Database& db, const tigris::Analyzer& analyzer);

// Opens the index (remote shards with --remote-timeout) and searches it; an error from a
// shard names it.
int run_search(const SearchArgs& a) {
    if (a.op != "and" && a.op != "or") throw tigris::ConfigError("--op must be and or or, not " + a.op);
    if (a.format != "text" && a.format != "json" && a.format != "jsonl" && a.format != "csv") {
        throw tigris::ConfigError("--format must be text, json, jsonl or csv, not " + a.format);
    }
    const tigris::Analyzer analyzer = tigris::load_analyzer(a.synonyms);
    const tigris::IndexShards index = tigris::IndexShards::open(a.index, a.remote);
    try {
        warn_if_other_lexicon(index.database(), analyzer, a.index);
        return search_and_print(a, index.database(), analyzer);
    } catch (const Xapian::NetworkError& e) {
        throw tigris::IoError(index.describe(e));
    }
}

int search_and_print(const SearchArgs& a, const Xapian::Database& db, const tigris::Analyzer& analyzer) {
    tigris::Searcher searcher(db, analyzer);
    // The searcher's own builder: the explanation is of the query that runs.
    tigris::QueryBuilder& builder = searcher.query_builder();
    tigris::SearchOptions o;
    o.limit = a.limit;
    o.offset = a.offset;
    o.detailed = a.format == "csv" ? std::max(a.detailed, a.limit) : a.detailed;  // every row whole
    o.op = a.op == "or" ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
    const auto dump = [](const nlohmann::json& j, int indent) {
        return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
    };

    if (!a.queries_file.empty()) {
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
                if (a.explain) j["explain"] = explain_json(builder, line, r.xapian_query);
                std::cout << dump(j, -1) << "\n";
            } catch (const tigris::InputError& e) {
                ++failed;
                std::cout << dump({{"query", line}, {"error", e.what()}}, -1) << "\n";
                std::cerr << "tigris search: " << a.queries_file << ":" << line_no << ": " << e.what() << "\n";
            }
        }
        return failed ? kRuntimeError : 0;
    }
    const auto r = searcher.search(a.query, o);
    if (a.format == "csv") {
        std::cout << tigris::to_csv(r);
    } else if (a.format == "text") {
        if (a.explain) print_explain_text(explain_json(builder, a.query, r.xapian_query));
        print_text(r, isatty(STDOUT_FILENO) != 0);
    } else {
        nlohmann::json j = to_json(r);
        if (a.explain) j["explain"] = explain_json(builder, a.query, r.xapian_query);
        std::cout << dump(j, a.format == "json" ? 2 : -1) << "\n";
    }
    return 0;
}

// Writes the stub that joins @p shards (atomically: a search never reads half of it).
int run_join(const std::string& out, const std::vector<std::string>& shards, const tigris::RemoteTimeouts& remote) {
    std::vector<std::string> notes;
    const std::string stub = tigris::join_shards(shards, remote, notes);
    for (const std::string& n : notes) std::cerr << "tigris join: " << n << "\n";
    const std::string tmp = out + ".tmp";
    {
        std::ofstream f(tmp);
        f << stub;
        f.close();
        if (!f) throw tigris::IoError("cannot write " + tmp + ": " + std::strerror(errno ? errno : EIO));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, out, ec);
    if (ec) throw tigris::IoError("cannot write " + out + ": " + ec.message());
    std::cerr << "tigris join: wrote " << out << " (" << shards.size() << " shards): tigris search --index " << out << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tigris: one search finds every spelling of a name"};
    app.set_version_flag("--version", std::string("tigris ") + TIGRIS_VERSION + " (Xapian " + Xapian::version_string() + ")");
    app.require_subcommand(1);

    // tigris index
    auto* index = app.add_subcommand("index", "Index JSONL, text, PDF, HTML and e-mail files");
    std::string index_dir;
    std::vector<std::string> index_synonyms, inputs;
    unsigned shards = 0, threads = 0;
    std::size_t batch = 2000, max_mb = 16;
    bool rebuild = false, quiet = false;
    index->add_option("--index", index_dir, "Index folder (created if missing)")->required();
    index->add_option("--synonyms", index_synonyms, "Synonym YAML files or folders (default: the shipped lists)")
        ->allow_extra_args(false);  // one path per --synonyms: a query may follow
    index->add_option("--shards", shards, "Number of shards (default: as the index has, or one per thread)")
        ->check(CLI::Range(1u, 64u));
    std::string part;
    index->add_option("--shard", part, "Only part K of a corpus split N ways by id, K/N (one database; N machines index at once)");
    index->add_option("--threads", threads, "Analysis threads (default: all cores)")->check(CLI::Range(0u, 256u));
    index->add_option("--batch", batch, "Documents per commit")->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    index->add_option("--max-document-mb", max_mb, "Skip documents larger than this")->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
    index->add_flag("--rebuild", rebuild, "Start from an empty index");
    index->add_flag("--quiet", quiet, "No progress output");
    index->add_option("INPUT", inputs, "Files or folders (.jsonl .txt .pdf .html .eml .mbox)")->required();

    // tigris search
    auto* search = app.add_subcommand("search", "Ranked search");
    SearchArgs sa;
    search->add_option("--index", sa.index, "Index folder")->required();
    search->add_option("--synonyms", sa.synonyms, "Synonym YAML files or folders (default: the shipped lists)")
        ->allow_extra_args(false);  // one path per --synonyms: a query may follow
    search->add_option("--limit", sa.limit, "Hits to return")->check(CLI::Range(std::size_t{0}, std::size_t{10000000}));
    search->add_option("--offset", sa.offset, "Hits to skip")->check(CLI::Range(std::size_t{0}, std::size_t{10000000}));
    search->add_option("--op", sa.op, "Operator between words: and|or");
    search->add_option("--format", sa.format, "text|json|jsonl|csv (csv: every row with its snippet)");
    search->add_option("--snippets", sa.detailed, "Hits that get a snippet and matched list (default 20)");
    search->add_flag("--explain", sa.explain, "Show how the query was analyzed");
    search->add_option("--queries", sa.queries_file, "Read one query per line, print one JSON object per line");
    search->add_option("QUERY", sa.query, "The query");
    add_remote_timeout(search, sa.remote);

    // tigris serve
    auto* serve_cmd = app.add_subcommand("serve", "HTTP JSON API and search page");
    tigris::ServerOptions server_options;
    std::vector<std::string> serve_synonyms;
    serve_cmd->add_option("--index", server_options.index, "Index folder")->required();
    serve_cmd->add_option("--synonyms", serve_synonyms, "Synonym YAML files or folders (default: the shipped lists)")
        ->allow_extra_args(false);  // one path per --synonyms: a query may follow
    serve_cmd->add_option("--host", server_options.host, "Address to listen on (default 127.0.0.1)");
    serve_cmd->add_option("--port", server_options.port, "Port (default 8080; 0 = any free port)")->check(CLI::Range(0, 65535));
    serve_cmd->add_option("--threads", server_options.threads, "Worker threads (default 8)")->check(CLI::Range(1u, 256u));
    unsigned header_timeout = 10, idle_timeout = 5;
    serve_cmd->add_option("--header-timeout", header_timeout, "Seconds a client has to send a whole request (default 10)")
        ->check(CLI::Range(1u, 3600u));
    serve_cmd->add_option("--idle-timeout", idle_timeout, "Seconds an idle keep-alive connection stays open (default 5)")
        ->check(CLI::Range(1u, 3600u));
    serve_cmd->add_option("--max-connections", server_options.max_connections, "Connections open at once (default 4096)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
    add_remote_timeout(serve_cmd, server_options.remote);

    // tigris join
    auto* join = app.add_subcommand("join", "Write a Xapian stub that searches shards (folders or HOST:PORT) as one index");
    std::string join_out;
    std::vector<std::string> join_shards;
    tigris::RemoteTimeouts join_remote;
    join->add_option("--out", join_out, "The stub file to write (then: tigris search --index FILE)")->required();
    join->add_option("SHARD", join_shards, "Index folders, HOST:PORT of xapian-tcpsrv, or \":ssh HOST xapian-progsrv PATH\"")
        ->required();
    add_remote_timeout(join, join_remote);

    // tigris synonyms
    auto* synonyms = app.add_subcommand("synonyms", "Work with the synonym lists");
    synonyms->require_subcommand(1);
    auto* lint = synonyms->add_subcommand("lint", "Check synonym lists; exit 1 when anything is wrong");
    std::vector<std::string> lint_paths;
    bool lint_notes = false;
    lint->add_option("PATH", lint_paths, "Files or folders (default: the shipped lists)");
    lint->add_flag("--notes", lint_notes, "Also list redundant variants (harmless)");
    auto* exp = synonyms->add_subcommand("export", "Write the lists in Solr/Elasticsearch synonym format");
    std::vector<std::string> export_paths;
    exp->add_option("PATH", export_paths, "Files or folders (default: the shipped lists)");
    auto* sug = synonyms->add_subcommand("suggest", "Mine an index for spellings and acronyms the lists lack");
    std::string suggest_index;
    std::vector<std::string> suggest_synonyms;
    std::size_t suggest_min = 3, suggest_limit = 40;
    sug->add_option("--index", suggest_index, "Index folder")->required();
    sug->add_option("--synonyms", suggest_synonyms, "Synonym YAML files or folders (default: the shipped lists)")
        ->allow_extra_args(false);  // one path per --synonyms: a query may follow
    sug->add_option("--min-documents", suggest_min, "Documents each spelling needs (default 3)");
    sug->add_option("--limit", suggest_limit, "Suggestions to print (default 40)");
    auto* imp = synonyms->add_subcommand("import", "Read a Solr/Elasticsearch synonym file, write tigris YAML");
    std::string import_file;
    imp->add_option("FILE", import_file, "The Solr/Elasticsearch synonym file")->required();
    auto* explain = synonyms->add_subcommand("explain", "Show how a text is analyzed");
    std::string explain_text;
    std::vector<std::string> explain_synonyms;
    std::string explain_index;
    bool explain_query = false;
    explain->add_option("--synonyms", explain_synonyms, "Synonym YAML files or folders")
        ->allow_extra_args(false);  // one path per --synonyms: a query may follow
    explain->add_flag("--query", explain_query, "Analyze as a query");
    explain->add_option("--index", explain_index,
                        "With --query: match names against this index's names (which spellings, why)");
    explain->add_option("TEXT", explain_text, "The text")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : kUsageError;
    }
    try {
        if (*serve_cmd) {
            server_options.header_timeout_ms = header_timeout * 1000;
            server_options.idle_timeout_ms = idle_timeout * 1000;
            const tigris::Analyzer analyzer = tigris::load_analyzer(serve_synonyms);
            tigris::serve(analyzer, server_options, [&](int port) {
                std::cout << "tigris serve: listening on http://" << server_options.host << ":" << port << "/" << std::endl;
            });
            std::cerr << "tigris serve: stopped\n";
            return 0;
        }
        if (*index) {
            return run_index(index_dir, index_synonyms, inputs, shards, part, threads, batch, max_mb << 20, rebuild, quiet);
        }
        if (*join) return run_join(join_out, join_shards, join_remote);
        if (*search) {
            if (sa.query.empty() && sa.queries_file.empty()) {
                std::cerr << "tigris search: give a QUERY or --queries FILE\n";
                return kUsageError;
            }
            if (!sa.queries_file.empty()) sa.format = "jsonl";
            return run_search(sa);
        }
        if (*lint) {
            const auto words = tigris::EnglishWords::builtin();
            tigris::TokenAnalysis analysis(words);
            const auto findings = tigris::lint_synonym_files(tigris::synonym_paths_or_default(lint_paths), analysis, lint_notes);
            std::size_t errors = 0;
            for (const auto& f : findings) {
                std::cout << f.describe() << "\n";
                errors += f.error ? 1 : 0;
            }
            if (errors) {
                std::cerr << "tigris synonyms lint: " << errors << " problem" << (errors == 1 ? "" : "s") << "\n";
                return kRuntimeError;
            }
            const auto lex = tigris::load_lexicon(tigris::synonym_paths_or_default(lint_paths), analysis);
            std::cerr << "tigris synonyms lint: ok, " << lex->families().size() << " families\n";
            return 0;
        }
        if (*exp) {
            std::vector<tigris::FamilySpec> all;
            for (const auto& file : tigris::synonym_file_paths(tigris::synonym_paths_or_default(export_paths))) {
                auto specs = tigris::read_synonym_file(file);
                all.insert(all.end(), specs.begin(), specs.end());
            }
            std::cout << tigris::export_solr(all);
            return 0;
        }
        if (*sug) {
            tigris::Analyzer analyzer = tigris::load_analyzer(suggest_synonyms);
            const Xapian::Database db = tigris::open_index(suggest_index);
            std::cout << tigris::suggestions_yaml(tigris::suggest_families(db, analyzer, suggest_min, suggest_limit));
            return 0;
        }
        if (*imp) {
            std::ifstream in = open_named_file(import_file, "synonym file");
            std::ostringstream text;
            text << in.rdbuf();
            std::cout << tigris::to_yaml(tigris::import_solr(text.str(), import_file));
            return 0;
        }
        if (*explain) {
            tigris::Analyzer analyzer = tigris::load_analyzer(explain_synonyms);
            if (explain_query || !explain_index.empty()) {
                std::optional<Xapian::Database> db;
                if (!explain_index.empty()) db = tigris::open_index(explain_index);
                tigris::QueryBuilder builder(analyzer, db ? &*db : nullptr);
                if (db) builder.set_expand_families(!tigris::built_with_current_lexicon(*db, analyzer.lexicon()));
                print_explain_text(explain_json(builder, explain_text, builder.build(explain_text)));
                return 0;
            }
            const auto a = analyzer.analyze(explain_text, tigris::AnalysisMode::Document);
            // The terms written at each position, as the indexer would write them.
            struct ByPosition : tigris::TermSink {
                std::map<Xapian::termpos, std::vector<std::string>> at;
                void posting(const std::string& term, Xapian::termpos pos) override { at[pos].push_back(term); }
                void term(const std::string&) override {}
            } emitted;
            analyzer.emit_document(emitted, {tigris::FieldText{explain_text, "", false}});
            std::cout << std::left << std::setw(20) << "token" << std::setw(18) << "normalized" << std::setw(8)
                      << "kind" << std::setw(18) << "stem or block" << std::setw(22) << "family"
                      << "terms at its position\n";
            std::set<Xapian::termpos> shown;
            for (std::size_t i = 0; i < a.tokens.size(); ++i) {
                const auto& t = a.tokens[i];
                const char* kind = t.kind == tigris::TokenKind::Name ? "name"
                                   : t.kind == tigris::TokenKind::Article ? "article" : "word";
                std::string family = "-";
                if (a.covered_by[i] >= 0) {
                    const auto& m = a.concepts[static_cast<std::size_t>(a.covered_by[i])];
                    family = analyzer.lexicon().families()[static_cast<std::size_t>(m.family)].id;
                }
                std::string terms;
                if (t.kind != tigris::TokenKind::Article && shown.insert(t.pos).second) {
                    for (const auto& term : emitted.at[t.pos]) terms += (terms.empty() ? "" : " ") + term;
                }
                std::cout << std::setw(20) << std::string(t.token.surface(explain_text)) << std::setw(18) << t.norm
                          << std::setw(8) << kind << std::setw(18)
                          << (t.kind == tigris::TokenKind::Name ? "~" + t.block : t.stem) << std::setw(22) << family
                          << terms << "\n";
            }
            return 0;
        }
    } catch (const tigris::ConfigError& e) {
        std::cerr << "tigris: " << e.what() << "\n";
        return kUsageError;
    } catch (const tigris::QueryError& e) {  // the QUERY or TEXT argument does not parse
        std::cerr << "tigris: " << e.what() << "\n";
        return kUsageError;
    } catch (const tigris::Error& e) {
        std::cerr << "tigris: " << e.what() << "\n";
        return kRuntimeError;
    } catch (const Xapian::Error& e) {
        std::cerr << "tigris: " << e.get_description() << "\n";
        return kRuntimeError;
    } catch (const std::exception& e) {
        std::cerr << "tigris: " << e.what() << "\n";
        return kRuntimeError;
    }
    return 0;
}
