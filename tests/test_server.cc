// Integration tests: the real tigris server on a free loopback port.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server_support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using tigris::server_test::Server;

Server& server() {
    static Server s("server");
    return s;
}

json get(const std::string& path, int expect_status) {
    auto c = server().client();
    auto res = c.Get(path.c_str());
    REQUIRE(res);
    INFO(path << " -> " << res->body);
    CHECK(res->status == expect_status);
    CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    return json::parse(res->body);
}

}  // namespace

TEST_CASE("server: search finds every spelling, with facets and spellings found", "[server]") {
    const json j = get("/api/search?q=Shia", 200);
    CHECK(j["total"] == 3);
    CHECK(j["facets"]["source"]["news"] == 3);
    CHECK(j["facets"]["year"]["2008"] == 3);
    std::set<std::string> spellings;
    for (const auto& s : j["spellings"]) spellings.insert(s["text"].get<std::string>());
    CHECK(spellings == std::set<std::string>{"Shi'a", "Shi\xE2\x80\x99" "a", "Shiite"});
    CHECK(get("/api/search?q=Jaysh%20al-Mahdi&limit=1", 200)["hits"].size() == 1);
    CHECK(get("/api/search?q=Shia&source=cables", 200)["total"] == 0);
    CHECK(get("/api/search?q=Shia&from=2008-01-02&to=2008-01-03", 200)["total"] == 2);
    CHECK(get("/api/search?q=Shia&offset=2", 200)["hits"].size() == 1);
}

TEST_CASE("server: explain, document view and health", "[server]") {
    CHECK(get("/api/explain?q=JAM", 200)["xapian_query"] == "Query(XCmahdi-army)");
    const json d = get("/api/doc/fx%2F03?q=Shia", 200);
    CHECK(d["body"] == "<b>Shi\xE2\x80\x99" "a</b> pilgrims arrived in Al Basrah by bus.");
    CHECK(get("/api/doc/fx%2F99", 404)["error"] == "no document \"fx/99\"");
    CHECK(get("/api/health", 200)["documents"] == 12);
    auto page = server().client().Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<title>tigris search</title>") != std::string::npos);
}

TEST_CASE("server: concurrent explain and search requests get the answers of single ones", "[server]") {
    // Regression: /api/explain used the server's one Analyzer from every request thread.
    const std::vector<std::string> paths = {
        "/api/explain?q=Moqtada%20al-Sadr%20JAM", "/api/explain?q=Shi%27ite%20Basrah%202007",
        "/api/search?q=Fallujah%20OR%20Basra", "/api/explain?q=Jaish%20al-Mahdi%20militia"};
    std::vector<std::string> expected;
    for (const auto& p : paths) {
        auto res = server().client().Get(p.c_str());
        REQUIRE(res);
        REQUIRE(res->status == 200);
        expected.push_back(res->body);
    }
    std::vector<std::thread> clients;
    std::vector<int> wrong(8, 0);
    for (int t = 0; t < 8; ++t) {
        clients.emplace_back([&, t] {
            auto c = server().client();
            for (int k = 0; k < 40; ++k) {
                const std::size_t i = static_cast<std::size_t>(t + k) % paths.size();
                auto res = c.Get(paths[i].c_str());
                if (!res || res->status != 200 || res->body != expected[i]) ++wrong[static_cast<std::size_t>(t)];
            }
        });
    }
    for (auto& c : clients) c.join();
    CHECK(wrong == std::vector<int>(8, 0));
}

TEST_CASE("server: hostile requests get a JSON 4xx and the server keeps serving", "[server]") {
    CHECK(get("/api/search?q=Shia&limit=-1", 400)["error"] ==
          "parameter \"limit\" must be a whole number from 0 to 100, not \"-1\"");
    CHECK(get("/api/search?q=Shia&limit=100000", 400)["error"] == "parameter \"limit\" must be at most 100, not 100000");
    CHECK(get("/api/search?q=Shia&colour=red", 400)["error"] == "unknown parameter \"colour\"");
    CHECK(get("/api/search?q=%FF%FE", 400)["error"] == "parameter \"q\" is not UTF-8");
    CHECK(get("/api/search", 400)["error"] == "parameter \"q\" is missing");
    CHECK(get("/api/search?q=" + std::string(2000, 'a'), 400)["error"] == "query of 2000 bytes is longer than 1000");
    CHECK(get("/api/search?q=%28Shia", 400)["error"] == "missing \")\" in query \"(Shia\"");
    CHECK(get("/api/search?q=Shia&op=xor", 400)["error"] == "parameter \"op\" must be and or or, not \"xor\"");
    CHECK(get("/api/search?q=Shia&from=yesterday", 400)["error"] ==
          "parameter \"from\" must be a real YYYY, YYYY-MM or YYYY-MM-DD, not \"yesterday\"");
    CHECK(get("/../../etc/passwd", 404)["error"] == "not found");
    CHECK(get("/api/search?q=Shia", 200)["total"] == 3);
}

TEST_CASE("server: concurrent readers get consistent answers", "[server]") {
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            auto c = server().client();
            for (int i = 0; i < 25; ++i) {
                auto res = c.Get("/api/search?q=Mahdi%20Army");
                if (res && res->status == 200 && json::parse(res->body)["total"] == 3) ++ok;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(ok == 200);
}

TEST_CASE("server: SIGTERM stops it cleanly", "[server]") {
    CHECK(get("/api/health", 200)["status"] == "ok");
    CHECK(server().stop() == 0);
}
