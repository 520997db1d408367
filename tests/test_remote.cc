// Integration tests: a corpus in two parts served by two xapian-tcpsrv on loopback,
// searched by `tigris search` and `tigris serve` through a stub of remote shards; a shard
// stopped, paused and restarted under them. Every process started here is stopped by a
// destructor (also when a check fails).
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "remote_support.h"
#include "server_support.h"

namespace {

using namespace tigris::cli_test;
using nlohmann::json;
using tigris::remote_test::ShardServer;
using tigris::server_test::ExistingIndex;
using tigris::server_test::Server;
using Clock = std::chrono::steady_clock;

const std::string kCorpus = std::string(TIGRIS_FIXTURES) + "/variants.jsonl " + std::string(TIGRIS_FIXTURES) +
                            "/names.jsonl " + std::string(TIGRIS_FIXTURES) + "/neighbours.jsonl";

// Two parts of the fixture corpus (built as two machines would), joined on this machine
// (local.stub) and served by two xapian-tcpsrv (remote.stub, written by tigris join).
class TwoShards {
  public:
    explicit TwoShards(const std::string& name) {
        p0 = fresh_dir(name + "-0");
        p1 = fresh_dir(name + "-1");
        for (const auto& [dir, part] : {std::pair{p0, "0/2"}, std::pair{p1, "1/2"}}) {
            REQUIRE(run("index --quiet --shard " + std::string(part) + " --index " + dir + " " + kCorpus).status == 0);
        }
        local = work_dir() + "/" + name + "-local.stub";
        remote = work_dir() + "/" + name + "-remote.stub";
        REQUIRE(run("join --out " + local + " " + p0 + " " + p1).status == 0);
        shard0 = std::make_unique<ShardServer>(p0);
        shard1 = std::make_unique<ShardServer>(p1);
        REQUIRE(run("join --out " + remote + " " + shard1->address() + " " + shard0->address()).status == 0);
    }
    std::string p0, p1, local, remote;
    std::unique_ptr<ShardServer> shard0, shard1;
};

// Two answers to one request: the same hits in the same order with the same scores
// (1e-9), snippets and spellings matched; the same facets, explanation, document.
void check_same_results(json local, json remote) {
    if (local.contains("hits") && remote.contains("hits")) {
        REQUIRE(local["hits"].size() == remote["hits"].size());
        for (std::size_t i = 0; i < local["hits"].size(); ++i) {
            json& a = local["hits"][i];
            json& b = remote["hits"][i];
            CHECK(std::fabs(a["score"].get<double>() - b["score"].get<double>()) < 1e-9);
            a.erase("score");
            b.erase("score");
        }
    }
    CHECK(local == remote);
}

// GET @p path from @p server: the status and the JSON body.
std::pair<int, json> get(const Server& server, const std::string& path) {
    auto client = server.client();
    client.set_read_timeout(30, 0);
    const auto res = client.Get(path.c_str());
    REQUIRE(res);
    return {res->status, json::parse(res->body)};
}

// Asks until the server answers @p path with 200 (a restarted shard is opened afresh at
// most once a second per worker), for up to @p seconds.
int wait_for_ok(const Server& server, const std::string& path, int seconds) {
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    int status = 0;
    while (Clock::now() < end && (status = get(server, path).first) != 200) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return status;
}

const char* const kQueries[] = {"Walid", "Waleed", "Sayed", "Shia", "Basra OR Berri", "\"Jaish al-Mahdi militia\"",
                                "Hasan date:2009..2009", "jam", "title:Names", "Moqtada -Basra", "Ahmad"};

const char* const kRequests[] = {"/api/search?q=Walid", "/api/search?q=Shia&from=2008-01-02&to=2008-01-03",
                                 "/api/search?q=Basra%20OR%20Berri&source=news&limit=20",
                                 "/api/search?q=%22Jaish%20al-Mahdi%20militia%22", "/api/search?q=jam",
                                 "/api/search?q=Hasan&limit=1&offset=1", "/api/explain?q=Waleed%20JAM",
                                 "/api/doc/fx%2F03?q=Shia", "/api/doc/nm%2F02?q=Walid", "/api/explain?q=Ahmad"};

}  // namespace

TEST_CASE("remote: two shards on xapian-tcpsrv search as the local index; a shard that stops is named, "
          "and the server answers again once it is back", "[remote]") {
    if (!tigris::remote_test::have_tcpsrv()) {
        WARN("xapian-tcpsrv is not installed (apt-get install xapian-tools): remote test skipped");
        return;
    }
    TwoShards shards("remote");
    // tigris search: the same hits, scores, snippets and spellings matched, and explain.
    for (const char* q : kQueries) {
        INFO(q);
        const json local = search_json(shards.local, q, "--snippets 100 --explain");
        CHECK(!local["hits"].empty());
        check_same_results(local, search_json(shards.remote, q, "--snippets 100 --explain"));
    }
    // The same parts through xapian-progsrv, as over ssh ("remote :ssh HOST xapian-progsrv PATH").
    const std::string prog = work_dir() + "/remote-prog.stub";
    REQUIRE(run("join --out " + prog + " ':xapian-progsrv " + shards.p0 + "' ':xapian-progsrv " + shards.p1 + "'").status ==
            0);
    check_same_results(search_json(shards.local, "Walid"), search_json(prog, "Walid"));
    // Ahmad meets Ahmed by the names the two are written beside, read from both parts.
    const json ahmad = search_json(shards.remote, "Ahmad", "--explain");
    CHECK(ahmad["hits"].size() == 4);
    CHECK(ahmad.dump().find("both before chalabi") != std::string::npos);

    // tigris serve: search with facets and filters, explain, the document view, health.
    const Server local("remote-local", ExistingIndex{shards.local}, {"--threads", "2"});
    const Server remote("remote-remote", ExistingIndex{shards.remote}, {"--threads", "2", "--remote-timeout", "2"});
    for (const char* path : kRequests) {
        INFO(path);
        const auto [status, body] = get(remote, path);
        CHECK(status == 200);
        check_same_results(get(local, path).second, body);
    }
    const json health = get(remote, "/api/health").second;
    CHECK(health["documents"] == 30);
    REQUIRE(health["shards"].size() == 2);
    CHECK(health["shards"][1]["shard"] == "remote " + shards.shard1->address());

    shards.shard1->stop();
    const std::string named = "shard remote " + shards.shard1->address() + " (" + shards.remote + ":3) is down";
    const Run cli = run("search --index " + shards.remote + " Walid");
    CHECK(cli.status == 1);
    CHECK(last_stderr().find(named) != std::string::npos);
    for (int i = 0; i < 3; ++i) {  // each worker meets it; the server stays up
        const auto [status, body] = get(remote, "/api/search?q=Walid");
        CHECK(status == 503);
        CHECK(body["error"].get<std::string>().find(named) != std::string::npos);
        const auto [health_status, health_body] = get(remote, "/api/health");
        CHECK(health_status == 503);
        CHECK(health_body["status"] == "unavailable");
        CHECK(health_body["error"].get<std::string>().find(named) != std::string::npos);
    }

    shards.shard1->restart();
    CHECK(wait_for_ok(remote, "/api/search?q=Walid", 10) == 200);
    CHECK(wait_for_ok(remote, "/api/health", 10) == 200);
    for (const char* path : kRequests) {
        INFO(path);
        check_same_results(get(local, path).second, get(remote, path).second);
    }
    check_same_results(search_json(shards.local, "Walid"), search_json(shards.remote, "Walid"));
}

TEST_CASE("remote: a shard that does not answer is named within --remote-timeout", "[remote]") {
    if (!tigris::remote_test::have_tcpsrv()) {
        WARN("xapian-tcpsrv is not installed (apt-get install xapian-tools): remote test skipped");
        return;
    }
    TwoShards shards("slow");
    const Server remote("slow-remote", ExistingIndex{shards.remote}, {"--threads", "1", "--remote-timeout", "1"});
    REQUIRE(get(remote, "/api/search?q=Walid").first == 200);
    shards.shard0->pause();
    const std::string named = "shard remote " + shards.shard0->address() + " (" + shards.remote + ":2) did not answer within 1 s";

    auto start = Clock::now();
    const Run cli = run("search --remote-timeout 1 --index " + shards.remote + " Walid");
    CHECK(cli.status == 1);
    CHECK(last_stderr().find(named) != std::string::npos);
    CHECK(Clock::now() - start < std::chrono::seconds(4));

    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the worker's view is due a check
    start = Clock::now();
    const auto [status, body] = get(remote, "/api/search?q=Walid");
    CHECK(status == 503);
    CHECK(body["error"].get<std::string>().find(named) != std::string::npos);
    CHECK(Clock::now() - start < std::chrono::seconds(4));

    shards.shard0->resume();
    CHECK(wait_for_ok(remote, "/api/search?q=Walid", 10) == 200);
}
