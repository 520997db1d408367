// tigris join: a Xapian stub that searches shards (folders, HOST:PORT) as one index.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli.h"
#include "tigris/error.h"

namespace tigris::cli {

namespace {

struct JoinArgs {
    std::string out;
    std::vector<std::string> shards;
    RemoteTimeouts remote;
};

// Writes the stub atomically: a search never reads half of it.
int run_join(const JoinArgs& a) {
    std::vector<std::string> notes;
    const std::string stub = join_shards(a.shards, a.remote, notes);
    for (const std::string& n : notes) std::cerr << "tigris join: " << n << "\n";
    const std::string tmp = a.out + ".tmp";
    {
        std::ofstream f(tmp);
        f << stub;
        f.close();
        if (!f) throw IoError("cannot write " + tmp + ": " + std::strerror(errno ? errno : EIO));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, a.out, ec);
    if (ec) throw IoError("cannot write " + a.out + ": " + ec.message());
    std::cerr << "tigris join: wrote " << a.out << " (" << a.shards.size() << " shards): tigris search --index " << a.out
              << "\n";
    return 0;
}

}  // namespace

Command add_join(CLI::App& app) {
    auto* cmd = app.add_subcommand("join", "Write a Xapian stub that searches shards (folders or HOST:PORT) as one index");
    auto a = std::make_shared<JoinArgs>();
    cmd->add_option("--out", a->out, "The stub file to write (then: tigris search --index FILE)")->required();
    cmd->add_option("SHARD", a->shards, "Index folders, HOST:PORT of xapian-tcpsrv, or \":ssh HOST xapian-progsrv PATH\"")
        ->required();
    add_remote_timeout(cmd, a->remote);
    return {cmd, [a] { return run_join(*a); }};
}

}  // namespace tigris::cli
