// The options both benchmark programs take, and their check that the inputs exist.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace tigris::bench {

struct BenchOptions {
    std::string corpus, eval_path, work = "bench-work", report_path;
    std::vector<std::string> synonyms;  ///< empty: the shipped lists
    std::size_t sample = 0;             ///< every Nth document; 0 = all

    /// Declares --corpus, --eval, --work, --synonyms, --sample and --report on @p app.
    void add_to(CLI::App& app, const std::string& eval_help) {
        app.add_option("--corpus", corpus, "Corpus folder or JSONL file")->required();
        app.add_option("--eval", eval_path, eval_help)->required();
        app.add_option("--work", work, "Folder for the indexes");
        app.add_option("--synonyms", synonyms, "Synonym lists (default: the shipped lists)");
        app.add_option("--sample", sample, "Use every Nth document (quick mode); 0 = all");
        app.add_option("--report", report_path, "Write the markdown report here too");
    }

    /// True, after saying "@p program: skipped: PATH is not here", when the corpus or
    /// the evaluation set is absent (the shared data lives beside the checkout).
    bool inputs_missing(const char* program) const {
        namespace fs = std::filesystem;
        if (fs::exists(corpus) && fs::exists(eval_path)) return false;
        std::cout << program << ": skipped: " << (fs::exists(corpus) ? eval_path : corpus)
                  << " is not here\n";
        return true;
    }
};

/// ctest's "skipped" exit status.
inline constexpr int kSkipped = 77;

}  // namespace tigris::bench
