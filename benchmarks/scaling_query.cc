// One query run of the cost-growth benchmark, in a process of its own so that its peak
// memory is the searching front end's: the dev queries (with and without snippets) and
// the names queries, top 10, over one index; and the peak memory of the xapian-tcpsrv
// processes that served it, read while their connections are still open.
#include <dirent.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scaling.h"
#include "tigris/searcher.h"
#include "tigris/shards.h"
#include "tigris/synonym_files.h"

namespace tigris::bench {

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// "VmHWM:  1234 kB" of /proc/PID/status: the process's peak resident memory.
long peak_kib_of(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    }
    return 0;
}

// The parent of process @p pid (the fourth field of /proc/PID/stat, after the command in parentheses).
int parent_of(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    int ppid = 0;
    rest >> state >> ppid;
    return ppid;
}

// The largest peak memory of @p servers and their children (one per connection).
long servers_peak_kib(const std::vector<int>& servers) {
    if (servers.empty()) return 0;
    const std::set<int> parents(servers.begin(), servers.end());
    long peak = 0;
    DIR* proc = opendir("/proc");
    if (!proc) return 0;
    while (const dirent* e = readdir(proc)) {
        const std::string name = e->d_name;
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        const int pid = std::stoi(name);
        if (parents.count(pid) || parents.count(parent_of(pid))) peak = std::max(peak, peak_kib_of(pid));
    }
    closedir(proc);
    return peak;
}

// Runs every query of @p queries @p repeat times with @p options: milliseconds each; the
// first round's top hits into @p top when given.
std::vector<double> time_queries(Searcher& searcher, const std::vector<std::string>& queries, int repeat,
                                 const SearchOptions& options, std::vector<TopHits>* top) {
    std::vector<double> ms;
    for (int rep = 0; rep < repeat; ++rep) {
        for (const std::string& q : queries) {
            const auto t0 = Clock::now();
            const SearchResult r = searcher.search(q, options);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (rep > 0 || !top) continue;
            TopHits hits;
            for (const Hit& h : r.hits) hits.emplace_back(h.id, h.score);
            top->push_back(std::move(hits));
        }
    }
    return ms;
}

}  // namespace

int run_query_child(const QueryRunOptions& a) {
    const Analyzer analyzer = load_analyzer({});
    const IndexShards index = IndexShards::open(a.index, RemoteTimeouts{30000, 30000});
    Searcher searcher(index.database(), analyzer);
    const std::vector<std::string> dev = dev_queries(a.eval), names = name_queries(a.names);
    SearchOptions with_snippets;
    with_snippets.limit = 10;
    with_snippets.detailed = 10;
    SearchOptions ranked = with_snippets;
    ranked.detailed = 0;

    (void)time_queries(searcher, dev, 1, with_snippets, nullptr);  // warm-up
    std::vector<TopHits> top;
    const auto dev_ms = time_queries(searcher, dev, a.repeat, with_snippets, &top);
    const auto ranked_ms = time_queries(searcher, dev, a.repeat, ranked, nullptr);
    const auto names_ms = time_queries(searcher, names, 1, with_snippets, nullptr);

    json out = {{"dev_ms", dev_ms},       {"dev_ranked_ms", ranked_ms},
                {"names_ms", names_ms},   {"server_peak_kib", servers_peak_kib(a.servers)},
                {"dev_top", json::array()}};
    for (const TopHits& hits : top) {
        json list = json::array();
        for (const auto& [id, score] : hits) list.push_back({id, score});
        out["dev_top"].push_back(list);
    }
    std::ofstream(a.out) << out.dump();
    return 0;
}

}  // namespace tigris::bench
