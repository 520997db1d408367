// The cost-growth benchmark's runs: indexing processes, xapian-tcpsrv servers and query
// runs, each a process of its own (its peak memory from wait4 or /proc), stopped by the
// objects that started them.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "scaling.h"
#include "tigris/index_writer.h"

namespace tigris::bench {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

// Starts @p argv with its output in @p log, in a process group of its own; it gets
// SIGTERM should this process die.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    setpgid(pid, pid);
    return pid;
}

int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        throw std::runtime_error("no free port on 127.0.0.1");
    }
    close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = fd >= 0 && connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (fd >= 0) close(fd);
    return ok;
}

// One xapian-tcpsrv per part on 127.0.0.1, stopped (each process group) when this goes.
class ShardServers {
  public:
    ShardServers(const std::vector<std::string>& parts, const std::string& log_dir) {
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const std::string log = log_dir + "/tcpsrv-" + std::to_string(k) + ".log";
            const int port = free_port();
            pids_.push_back(spawn({"xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
                                   std::to_string(port), parts[k]},
                                  log));
            ports_.push_back(port);
            for (int i = 0; i < 400 && !accepts(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
            if (!accepts(port)) throw std::runtime_error("xapian-tcpsrv for " + parts[k] + " did not start: see " + log);
        }
    }
    ~ShardServers() {
        for (const pid_t pid : pids_) {
            kill(-pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
    }
    ShardServers(const ShardServers&) = delete;
    ShardServers& operator=(const ShardServers&) = delete;

    std::string stub() const {
        std::string s;
        for (const int port : ports_) s += "remote 127.0.0.1:" + std::to_string(port) + "\n";
        return s;
    }
    std::vector<int> pids() const { return std::vector<int>(pids_.begin(), pids_.end()); }

  private:
    std::vector<pid_t> pids_;
    std::vector<int> ports_;
};

std::string part_dir(const std::string& dir, unsigned k) { return dir + "/shard-" + std::to_string(k); }

// The index processes' argument lists: part K of N of @p inputs, one thread each.
std::vector<std::string> index_args(const ScalingOptions& o, unsigned k, unsigned n, const std::string& dir,
                                    const std::vector<std::string>& inputs) {
    std::vector<std::string> argv = {o.tigris, "index", "--quiet", "--threads", "1", "--index", part_dir(dir, k)};
    if (n > 1) {
        argv.insert(argv.end(), {"--shard", std::to_string(k) + "/" + std::to_string(n)});
    } else {
        argv.insert(argv.end(), {"--shards", "1"});
    }
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    return argv;
}

// Indexes @p inputs in @p n parts, n processes at once.
IndexFigures index_parts(const ScalingOptions& o, unsigned scale, unsigned n, const std::vector<std::string>& inputs,
                         const std::string& dir) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    IndexFigures f;
    f.scale = scale;
    f.shards = n;
    const auto start = Clock::now();
    std::map<pid_t, unsigned> part_of;
    for (unsigned k = 0; k < n; ++k) {
        part_of[spawn(index_args(o, k, n, dir, inputs), dir + "/index-" + std::to_string(k) + ".log")] = k;
    }
    std::vector<double> seconds(n, 0);
    while (!part_of.empty()) {
        int status = 0;
        rusage usage{};
        const pid_t pid = wait4(-1, &status, 0, &usage);
        if (pid < 0) throw std::runtime_error("wait4 failed");
        const auto it = part_of.find(pid);
        if (it == part_of.end()) continue;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            throw std::runtime_error("tigris index of part " + std::to_string(it->second) + " failed: see " + dir +
                                     "/index-" + std::to_string(it->second) + ".log");
        }
        seconds[it->second] = std::chrono::duration<double>(Clock::now() - start).count();
        f.peak_kib = std::max(f.peak_kib, usage.ru_maxrss);
        part_of.erase(it);
    }
    for (unsigned k = 0; k < n; ++k) {
        const auto docs = Xapian::Database(part_dir(dir, k)).get_doccount();
        f.documents += docs;
        f.process_docs_per_s.push_back(docs / seconds[k]);
        f.seconds = std::max(f.seconds, seconds[k]);
    }
    f.bytes = directory_bytes(dir);
    return f;
}

// One query run over @p stub in a process of its own.
QueryFigures query_run(const ScalingOptions& o, const std::string& self, const std::string& stub,
                       const std::vector<int>& servers) {
    const std::string out = stub + ".json";
    std::vector<std::string> argv = {self,   "query",  "--index", stub, "--eval", o.eval, "--names", o.names,
                                     "--out", out, "--repeat", std::to_string(o.repeat)};
    for (const int pid : servers) argv.insert(argv.end(), {"--servers", std::to_string(pid)});
    const pid_t pid = spawn(argv, stub + ".log");
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("query run failed: see " + stub + ".log");
    std::ifstream in(out);
    const json j = json::parse(in);
    QueryFigures q;
    q.remote = !servers.empty();
    q.front_peak_kib = usage.ru_maxrss;
    q.server_peak_kib = j["server_peak_kib"].get<long>();
    auto latencies = [](const json& ms) {
        const auto v = ms.get<std::vector<double>>();
        return Latencies{quantile(v, .5), quantile(v, .95), quantile(v, .99)};
    };
    q.dev = latencies(j["dev_ms"]);
    q.dev_ranked = latencies(j["dev_ranked_ms"]);
    q.names = latencies(j["names_ms"]);
    for (const auto& hits : j["dev_top"]) {
        TopHits top;
        for (const auto& h : hits) top.emplace_back(h[0].get<std::string>(), h[1].get<double>());
        q.dev_top.push_back(std::move(top));
    }
    return q;
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

}  // namespace

int run_scaling(const ScalingOptions& o, const std::string& self) {
    const unsigned largest = *std::max_element(o.scales.begin(), o.scales.end());
    std::cerr << "scaling: load average " << load_average() << "; making " << largest - 1 << " copies of the corpus\n";
    const std::vector<std::string> copies = make_copies(o.corpus, largest - 1, o.seed, o.work + "/corpus");
    std::vector<IndexFigures> indexing;
    std::vector<QueryFigures> queries;
    const std::string load_before = load_average();
    for (const unsigned scale : o.scales) {
        std::vector<std::string> inputs = {o.corpus};
        inputs.insert(inputs.end(), copies.begin(), copies.begin() + (scale - 1));
        for (const unsigned n : o.shard_counts) {
            const std::string dir = o.work + "/index-" + std::to_string(scale) + "x-" + std::to_string(n);
            IndexFigures best;
            for (int run = 0; run < (scale == 1 ? std::max(1, o.runs) : 1); ++run) {
                IndexFigures f = index_parts(o, scale, n, inputs, dir);
                if (run == 0 || f.seconds < best.seconds) best = f;
            }
            indexing.push_back(best);
            std::cerr << "scaling: " << scale << "x, " << n << " parts: indexed " << best.documents << " in "
                      << best.seconds << " s (load " << load_average() << ")\n";
            std::string local;
            for (unsigned k = 0; k < n; ++k) local += "auto " + fs::absolute(part_dir(dir, k)).string() + "\n";
            std::ofstream(dir + "/local.stub") << local;
            queries.push_back(query_run(o, self, dir + "/local.stub", {}));
            {
                const ShardServers servers(
                    [&] {
                        std::vector<std::string> parts;
                        for (unsigned k = 0; k < n; ++k) parts.push_back(part_dir(dir, k));
                        return parts;
                    }(),
                    dir);
                std::ofstream(dir + "/remote.stub") << servers.stub();
                queries.push_back(query_run(o, self, dir + "/remote.stub", servers.pids()));
            }
            for (auto it = queries.end() - 2; it != queries.end(); ++it) {
                it->scale = scale;
                it->shards = n;
            }
            if (!o.keep) fs::remove_all(dir);
        }
    }
    const std::string conditions = "load average (1, 5, 15 min) " + load_before + " at the start, " + load_average() +
                                   " at the end";
    const std::string report = scaling_report(o, indexing, queries, conditions);
    std::cout << report;
    if (!o.report.empty()) std::ofstream(o.report) << report;
    return 0;
}

}  // namespace tigris::bench
