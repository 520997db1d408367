// tigris command line: what the subcommands share. Each subcommand is one file that
// adds its options to the app and returns what runs it once the arguments are parsed.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tigris/analyzer.h"
#include "tigris/shards.h"

namespace tigris::cli {

/// Exit statuses: 0 success, 1 a runtime error (unreadable input, a failed write, a
/// finding of lint), 2 a usage error (bad arguments, a query that does not parse).
inline constexpr int kRuntimeError = 1;
inline constexpr int kUsageError = 2;

/// What runs a subcommand; its options are bound to state the function owns.
using Run = std::function<int()>;

/// A subcommand and what runs it when it was given.
struct Command {
    CLI::App* app = nullptr;
    Run run;
};

Command add_index(CLI::App& app);
Command add_search(CLI::App& app);
Command add_serve(CLI::App& app);
Command add_join(CLI::App& app);
/// tigris synonyms lint | export | import | suggest | explain.
std::vector<Command> add_synonyms(CLI::App& app);
/// tigris synonyms explain, under @p synonyms.
Command add_synonyms_explain(CLI::App& synonyms);

/// Opens a file named on the command line.
/// @exception ConfigError when @p path does not exist (a usage error), IoError when it
/// exists but cannot be read.
std::ifstream open_named_file(const std::string& path, const std::string& what);

/// --synonyms PATH on @p cmd, one path per flag (a query may follow).
void add_synonyms_option(CLI::App* cmd, std::vector<std::string>& paths);

/// --remote-timeout SECONDS on @p cmd: how long a remote shard may take to connect and
/// to answer each message.
void add_remote_timeout(CLI::App* cmd, RemoteTimeouts& timeouts);

/// Refuses an index of another format and warns (naming @p command) when documents were
/// analyzed with other lists or rules than @p analyzer's.
void check_index(const Xapian::Database& db, const Analyzer& analyzer, const std::string& index,
                 const std::string& command);

/// Prints explain_json's explanation as a table: each word, its kind, its terms, why.
void print_explanation(const nlohmann::json& explanation);

}  // namespace tigris::cli
