// The tigris command: one file per subcommand (cli/*_command.cc); this one dispatches
// and turns errors into messages and exit statuses.
#include <iostream>
#include <vector>

#include "cli.h"
#include "tigris/error.h"

int main(int argc, char** argv) {
    namespace cli = tigris::cli;
    CLI::App app{"tigris: one search finds every spelling of a name"};
    app.set_version_flag("--version", std::string("tigris ") + TIGRIS_VERSION + " (Xapian " + Xapian::version_string() + ")");
    app.require_subcommand(1);
    std::vector<cli::Command> commands{cli::add_index(app), cli::add_search(app), cli::add_serve(app),
                                       cli::add_join(app)};
    for (cli::Command& c : cli::add_synonyms(app)) commands.push_back(std::move(c));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : cli::kUsageError;
    }
    try {
        for (const cli::Command& c : commands) {
            if (*c.app) return c.run();
        }
    } catch (const tigris::ConfigError& e) {
        std::cerr << "tigris: " << e.what() << "\n";
        return cli::kUsageError;
    } catch (const tigris::QueryError& e) {  // the QUERY or TEXT argument does not parse
        std::cerr << "tigris: " << e.what() << "\n";
        return cli::kUsageError;
    } catch (const tigris::Error& e) {
        std::cerr << "tigris: " << e.what() << "\n";
        return cli::kRuntimeError;
    } catch (const Xapian::Error& e) {
        std::cerr << "tigris: " << e.get_description() << "\n";
        return cli::kRuntimeError;
    } catch (const std::exception& e) {
        std::cerr << "tigris: " << e.what() << "\n";
        return cli::kRuntimeError;
    }
    return 0;
}
