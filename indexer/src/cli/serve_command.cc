// tigris serve: the HTTP API and the search page over an index.
#include <iostream>
#include <memory>

#include "cli.h"
#include "tigris/server.h"
#include "tigris/synonym_files.h"

namespace tigris::cli {

namespace {

struct ServeArgs {
    ServerOptions options;
    std::vector<std::string> synonyms;
    unsigned header_timeout = 10, idle_timeout = 5;
};

int run_serve(ServeArgs& a) {
    a.options.header_timeout_ms = a.header_timeout * 1000;
    a.options.idle_timeout_ms = a.idle_timeout * 1000;
    Analyzer analyzer = load_analyzer(a.synonyms);
    {
        const IndexShards index = IndexShards::open(a.options.index, a.options.remote);
        check_index(index.database(), analyzer, a.options.index, "serve");
    }
    serve(analyzer, a.options, [&](int port) {
        std::cout << "tigris serve: listening on http://" << a.options.host << ":" << port << "/" << std::endl;
    });
    std::cerr << "tigris serve: stopped\n";
    return 0;
}

}  // namespace

Command add_serve(CLI::App& app) {
    auto* cmd = app.add_subcommand("serve", "HTTP JSON API and search page");
    auto a = std::make_shared<ServeArgs>();
    ServerOptions& o = a->options;
    cmd->add_option("--index", o.index, "Index folder")->required();
    add_synonyms_option(cmd, a->synonyms);
    cmd->add_option("--host", o.host, "Address to listen on (default 127.0.0.1)");
    cmd->add_option("--port", o.port, "Port (default 8080; 0 = any free port)")->check(CLI::Range(0, 65535));
    cmd->add_option("--threads", o.threads, "Worker threads (default 8)")->check(CLI::Range(1u, 256u));
    cmd->add_option("--header-timeout", a->header_timeout, "Seconds a client has to send a whole request (default 10)")
        ->check(CLI::Range(1u, 3600u));
    cmd->add_option("--idle-timeout", a->idle_timeout, "Seconds an idle keep-alive connection stays open (default 5)")
        ->check(CLI::Range(1u, 3600u));
    cmd->add_option("--max-connections", o.max_connections, "Connections open at once (default 4096)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
    add_remote_timeout(cmd, o.remote);
    return {cmd, [a] { return run_serve(*a); }};
}

}  // namespace tigris::cli
