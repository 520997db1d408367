// Options and helpers that several subcommands share.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "cli.h"
#include "tigris/error.h"
#include "tigris/index_compat.h"

namespace tigris::cli {

std::ifstream open_named_file(const std::string& path, const std::string& what) {
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (in) return in;
    const int err = errno;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw ConfigError(what + " " + path + " does not exist");
    throw IoError("cannot read " + what + " " + path + ": " + std::strerror(err ? err : EIO));
}

void add_synonyms_option(CLI::App* cmd, std::vector<std::string>& paths) {
    cmd->add_option("--synonyms", paths, "Synonym YAML files or folders (default: the shipped lists)")
        ->allow_extra_args(false);  // one path per --synonyms: a query may follow
}

void add_remote_timeout(CLI::App* cmd, RemoteTimeouts& t) {
    cmd->add_option_function<double>(
           "--remote-timeout",
           [&t](double seconds) {
               t.connect_ms = t.reply_ms = static_cast<unsigned>(seconds * 1000 + 0.5);
           },
           "Seconds a remote shard may take to connect and to answer (default 5)")
        ->check(CLI::Range(0.1, 3600.0));
}

void check_index(const Xapian::Database& db, const Analyzer& analyzer, const std::string& index,
                 const std::string& command) {
    check_format(db, index);
    const std::string warning = compare_index(db, analyzer).warning(index);
    if (!warning.empty()) std::cerr << "tigris " << command << ": warning: " << warning << "\n";
}

void print_explanation(const nlohmann::json& e) {
    std::cout << "query analysis:\n";
    for (const auto& w : e["words"]) {
        std::cout << "  " << std::left << std::setw(18) << w["text"].get<std::string>() << std::setw(9)
                  << w["kind"].get<std::string>() << std::setw(40) << w["terms"].get<std::string>() << " "
                  << w["via"].get<std::string>() << "\n";
    }
    std::cout << "xapian query: " << e["xapian_query"].get<std::string>() << "\n\n";
}

}  // namespace tigris::cli
