// tigris index: reads files into an index, with progress, and stops cleanly on a signal.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.h"
#include "tigris/error.h"
#include "tigris/index_writer.h"
#include "tigris/synonym_files.h"

namespace tigris::cli {

namespace {

// Set by SIGINT/SIGTERM; the indexer commits what it has and stops. A signal handler
// can only reach state like this, so this flag is the one piece of static state.
std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

struct IndexArgs {
    std::string dir, part;
    std::vector<std::string> synonyms, inputs;
    unsigned shards = 0, threads = 0;
    std::size_t batch = 1000, max_mb = 16;
    bool rebuild = false, quiet = false;
};

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

// An index built by other lists or rules keeps their analysis in the documents this run
// does not replace; an index of a format this tigris cannot read is refused.
void check_existing(const std::string& dir, const Analyzer& analyzer, bool rebuild) {
    if (rebuild) return;
    std::optional<Xapian::Database> existing;
    try {
        existing = open_index(dir);
    } catch (const Error&) {
        return;  // no index yet (or none that opens: the run says why)
    } catch (const Xapian::Error&) {
        return;
    }
    check_index(*existing, analyzer, dir, "index");
}

// Progress on stderr: a bar on a terminal, a line every 5 s otherwise.
ProgressFn progress_printer(bool quiet) {
    const bool tty = isatty(STDERR_FILENO) != 0;
    auto last_line = std::make_shared<double>(-10);
    return [quiet, tty, last_line](std::uint64_t docs, std::uint64_t done, std::uint64_t total, double secs) {
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
        } else if (secs - *last_line >= 5 || frac >= 1.0) {
            *last_line = secs;
            std::fprintf(stderr, "tigris index: %llu documents, %d%%, %.0f docs/s, ETA %s\n",
                         static_cast<unsigned long long>(docs), static_cast<int>(frac * 100), rate,
                         format_duration(eta).c_str());
        }
    };
}

// The summary line, and what to do after a write error or an interruption.
int report(const IndexSummary& s, const IndexOptions& options, std::uint64_t problems) {
    for (const std::string& e : s.errors) std::cerr << "tigris index: error: " << e << "\n";
    std::cerr << "tigris index: " << (s.interrupted ? "interrupted; committed " : "indexed ") << s.indexed
              << " documents in " << std::fixed << std::setprecision(1) << s.seconds << " s ("
              << (s.seconds > 0 ? static_cast<double>(s.indexed) / s.seconds : 0.0) << " docs/s), skipped "
              << s.skipped << "; index " << options.dir << ": " << s.total_documents << " documents, "
              << s.unique_terms << " terms, " << format_bytes(s.bytes_on_disk) << "\n";
    if (!options.part.whole()) {
        std::cerr << "tigris index: " << options.dir << " is part " << options.part.describe() << " of the corpus; "
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

int run_index(const IndexArgs& a) {
    Analyzer analyzer = load_analyzer(a.synonyms);
    IndexOptions options;
    options.dir = a.dir;
    options.shards = a.shards;
    if (!a.part.empty()) options.part = parse_corpus_shard(a.part);
    options.threads = a.threads;
    options.batch = a.batch;
    options.max_document_bytes = a.max_mb << 20;
    options.rebuild = a.rebuild;
    check_existing(a.dir, analyzer, a.rebuild);

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const bool tty = isatty(STDERR_FILENO) != 0;
    std::uint64_t problems = 0;
    auto on_problem = [&](const CorpusProblem& p) {
        ++problems;
        if (tty && !a.quiet) std::fprintf(stderr, "\r%*s\r", 80, "");
        std::cerr << "tigris index: skipped " << p.describe() << "\n";
    };
    const IndexSummary s = index_corpus(analyzer, a.inputs, options, g_stop, on_problem, progress_printer(a.quiet));
    if (tty && !a.quiet) std::fprintf(stderr, "\n");
    return report(s, options, problems);
}

}  // namespace

Command add_index(CLI::App& app) {
    auto* cmd = app.add_subcommand("index", "Index JSONL, text, PDF, HTML and e-mail files");
    auto a = std::make_shared<IndexArgs>();
    cmd->add_option("--index", a->dir, "Index folder (created if missing)")->required();
    add_synonyms_option(cmd, a->synonyms);
    cmd->add_option("--shards", a->shards, "Number of shards (default: as the index has, or one per thread)")
        ->check(CLI::Range(1u, 64u));
    cmd->add_option("--shard", a->part, "Only part K of a corpus split N ways by id, K/N (one database; N machines index at once)");
    cmd->add_option("--threads", a->threads, "Analysis threads (default: all cores)")->check(CLI::Range(0u, 256u));
    cmd->add_option("--batch", a->batch, "Documents per commit")->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    cmd->add_option("--max-document-mb", a->max_mb, "Skip documents larger than this")
        ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
    cmd->add_flag("--rebuild", a->rebuild, "Start from an empty index");
    cmd->add_flag("--quiet", a->quiet, "No progress output");
    cmd->add_option("INPUT", a->inputs, "Files or folders (.jsonl .txt .pdf .html .eml .mbox)")->required();
    return {cmd, [a] { return run_index(*a); }};
}

}  // namespace tigris::cli
