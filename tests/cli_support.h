// Helpers of the tests that run the tigris binary: a work folder per process and runs
// that capture standard output, standard error and how the process ended.
#pragma once

#include <catch2/catch.hpp>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace tigris::cli_test {

namespace fs = std::filesystem;

/// Each test process works in its own folder: ctest runs tests in parallel.
inline const std::string& work_dir() {
    static const std::string dir = [] {
        const std::string d = std::string(TIGRIS_TEST_DIR) + "/" + std::to_string(getpid());
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

struct Run {
    int status = -1;  ///< exit code, or -1 when killed by a signal
    int signal = 0;   ///< the signal that ended it, if one did
    std::string out;
};

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

/// How to run the binary beyond its arguments.
struct RunOptions {
    /// Without the capabilities that let root read and write anything: permission
    /// bits then apply to root too (CI runs as root).
    bool drop_file_capabilities = false;
    std::vector<std::pair<std::string, std::string>> env;  ///< extra environment
};

inline Run decode(int st, Run r) {
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
    return r;
}

/// Runs "tigris ARGS" (ARGS as a shell would split them), standard error to a file.
inline Run run(const std::string& args, const RunOptions& o = {}) {
    const std::string cmd = std::string(TIGRIS_BINARY) + " " + args + " 2>" + work_dir() + "/stderr.txt";
    int out[2];
    REQUIRE(pipe(out) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        if (o.drop_file_capabilities) {
            // CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2) leave the bounding set:
            // the exec'd shell and tigris run as root without them.
            if (prctl(PR_CAPBSET_DROP, 1, 0, 0, 0) != 0 || prctl(PR_CAPBSET_DROP, 2, 0, 0, 0) != 0) _exit(125);
        }
        for (const auto& [k, v] : o.env) setenv(k.c_str(), v.c_str(), 1);
        execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    Run r;
    std::array<char, 4096> buf{};
    ssize_t n;
    while ((n = read(out[0], buf.data(), buf.size())) > 0) r.out.append(buf.data(), static_cast<std::size_t>(n));
    close(out[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    return decode(st, std::move(r));
}

inline std::string last_stderr() {
    std::ifstream in(work_dir() + "/stderr.txt");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// "tigris search --format json --limit 100 EXTRA QUERY" over @p index, which must succeed.
inline nlohmann::json search_json(const std::string& index, const std::string& query, const std::string& extra = "") {
    const Run r = run("search --index " + index + " --format json --limit 100 " + extra + " " + quote(query));
    INFO(last_stderr());
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
}

inline std::string fresh_dir(const std::string& name) {
    const std::string dir = work_dir() + "/" + name;
    fs::remove_all(dir);
    return dir;
}

/// Whether permission bits bind this process's children: not root, or root able to
/// drop the capabilities that bypass them.
inline bool permissions_testable() {
    if (geteuid() != 0) return true;
    return prctl(PR_CAPBSET_READ, 1, 0, 0, 0) >= 0;  // PR_CAPBSET_DROP needs CAP_SETPCAP: tried in the child
}

}  // namespace tigris::cli_test
