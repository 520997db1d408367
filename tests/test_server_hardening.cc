// The server's reproducers of issue 13: clients that stall or abuse it, and an index
// rewritten under it. Each server here is its own process over its own index.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_support.h"

namespace {

using namespace tigris::server_test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

int status_of(const std::string& response) {
    return response.size() > 12 && response.rfind("HTTP/1.", 0) == 0 ? std::stoi(response.substr(9, 3)) : -1;
}

std::string body_of(const std::string& response) {
    const std::size_t head = response.find("\r\n\r\n");
    return head == std::string::npos ? "" : response.substr(head + 4);
}

// One request on a new connection; the whole response.
std::string round_trip(int port, const std::string& request) {
    Connection c(port);
    REQUIRE(c.send(request));
    return c.response(5000);
}

std::string error_of(int port, const std::string& request, int expect_status) {
    const std::string r = round_trip(port, request);
    INFO(r.substr(0, 300));
    CHECK(status_of(r) == expect_status);
    const json j = json::parse(body_of(r), nullptr, false);
    return j.is_object() ? j.value("error", "") : "";
}

}  // namespace

TEST_CASE("server: 200 slowloris and 8 idle keep-alive connections do not delay a normal request", "[server][hostile]") {
    Server s("hostile", std::string(TIGRIS_FIXTURES) + "/variants.jsonl", {"--threads", "8"});
    std::vector<Connection> idle;
    for (int i = 0; i < 8; ++i) {
        idle.emplace_back(s.port());
        REQUIRE(idle.back().send(get_request("/api/health")));
        REQUIRE(status_of(idle.back().response(5000)) == 200);  // then it stays open, idle
    }
    std::vector<Connection> slow;
    for (int i = 0; i < 200; ++i) {
        slow.emplace_back(s.port());
        REQUIRE(slow.back().send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));  // never finished
    }
    std::atomic<bool> done{false};
    std::thread trickle([&] {  // a header line now and then, as slowloris does
        while (!done.load()) {
            for (auto& c : slow) c.send("X-Slow: 1\r\n");
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    double worst = 0;
    for (const char* path : {"/api/health", "/api/search?q=Shia", "/api/search?q=Jaysh%20al-Mahdi&limit=1"}) {
        auto c = s.client();
        const auto t = Clock::now();
        auto res = c.Get(path);
        worst = std::max(worst, ms_since(t));
        REQUIRE(res);
        CHECK(res->status == 200);
    }
    done = true;
    trickle.join();
    std::printf("hostile: a normal request answered in at most %.1f ms with 200 slowloris + 8 idle connections open\n", worst);
    CHECK(worst < 1000);
}

TEST_CASE("server: a header sent too slowly is cut off; an idle keep-alive is closed", "[server][hostile]") {
    Server s("timeouts", std::string(TIGRIS_FIXTURES) + "/variants.jsonl",
             {"--threads", "2", "--header-timeout", "1", "--idle-timeout", "1"});
    Connection slow(s.port());
    const auto t = Clock::now();
    REQUIRE(slow.send("GET /api/health HTTP/1.1\r\n"));
    while (!slow.closed() && ms_since(t) < 4000) {
        slow.send("X-Slow: 1\r\n");
        slow.receive(250);
    }
    CHECK(slow.closed());
    CHECK(ms_since(t) < 2500);
    Connection idle(s.port());
    REQUIRE(idle.send(get_request("/api/health")));
    REQUIRE(status_of(idle.response(3000)) == 200);
    const auto t2 = Clock::now();
    idle.receive(4000);
    CHECK(idle.closed());
    CHECK(ms_since(t2) < 2500);
}

TEST_CASE("server: pipelined requests are answered in order; Connection: close is honoured", "[server][hostile]") {
    Server s("pipeline");
    Connection c(s.port());
    REQUIRE(c.send(get_request("/api/health") + get_request("/api/search?q=Shia") + get_request("/api/explain?q=JAM")));
    const std::string first = c.response(5000), second = c.response(5000), third = c.response(5000);
    CHECK(status_of(first) == 200);
    CHECK(json::parse(body_of(first))["documents"] == 12);
    CHECK(status_of(second) == 200);
    CHECK(json::parse(body_of(second))["total"] == 3);
    CHECK(status_of(third) == 200);
    CHECK(json::parse(body_of(third))["xapian_query"] == "Query(XCmahdi-army)");
    // Closed at once after the answer, an error's too.
    for (const std::string path : {"/api/health", "/api/search?q=Shia&limit=-1"}) {
        Connection once(s.port());
        REQUIRE(once.send(get_request(path, "Connection: close\r\n")));
        const auto t = Clock::now();
        const std::string r = once.receive(5000);
        CHECK(once.closed());
        CHECK(ms_since(t) < 1000);
        CHECK(r.find("Connection: close") != std::string::npos);
    }
}

TEST_CASE("server: Range headers are ignored on the API", "[server][hostile]") {
    Server s("range");
    const std::string one = round_trip(s.port(), get_request("/api/health", "Range: bytes=0-0\r\n"));
    CHECK(status_of(one) == 200);
    CHECK(json::parse(body_of(one))["documents"] == 12);
    std::string ranges = "bytes=0-";
    for (int i = 0; i < 2700; ++i) ranges += ",0-";
    const std::string many = round_trip(s.port(), get_request("/api/search?q=Shia", "Range: " + ranges + "\r\n"));
    CHECK(status_of(many) == 200);
    CHECK(many.size() < 10000);
    CHECK(json::parse(body_of(many))["total"] == 3);
}

TEST_CASE("server: strict 400s, and low-level errors that say what was wrong", "[server][hostile]") {
    Server s("strict");
    const int p = s.port();
    CHECK(error_of(p, get_request("/api/search?q=Shia&q=Basra"), 400) == "parameter \"q\" is given more than once");
    CHECK(error_of(p, get_request("/api/search?q=Shia&limit=1&limit=100"), 400) ==
          "parameter \"limit\" is given more than once");
    CHECK(error_of(p, get_request("/api/search?q=Shia&from=2007-99-99"), 400) ==
          "parameter \"from\" must be a real YYYY, YYYY-MM or YYYY-MM-DD, not \"2007-99-99\"");
    CHECK(error_of(p, get_request("/api/search?q=Shia&to=2007-02-31"), 400) ==
          "parameter \"to\" must be a real YYYY, YYYY-MM or YYYY-MM-DD, not \"2007-02-31\"");
    CHECK(error_of(p, get_request("/api/search?q=date:2007-02-31"), 400) ==
          "date \"2007-02-31\" is not a real YYYY, YYYY-MM or YYYY-MM-DD");
    CHECK(error_of(p, get_request("/api/search?q=%28%1B%5B2J"), 400) == "missing \")\" in query \"(\\x1B[2J\"");
    CHECK(error_of(p, get_request("/api/search?q=Shia&source=a&source=b"), 200) == "");  // source may repeat
    CHECK(error_of(p, get_request("/api/search?q=%zz"), 400) == "malformed percent-encoding in \"q=%zz\"");
    CHECK(error_of(p, get_request("/api/search?q=" + std::string(10000, 'a')), 414) ==
          "URI of 10014 bytes is longer than 8192");
    CHECK(error_of(p, get_request("/api/health", "X-Big: " + std::string(20000, 'b') + "\r\n"), 431) ==
          "request header over 16384 bytes");
    CHECK(error_of(p, "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n", 414) == "request line over 16384 bytes");
    CHECK(error_of(p, "GET /api/health HTTP/1.1\r\nContent-Length: 70000\r\n\r\n" + std::string(70000, 'x'), 413) ==
          "request body over 65536 bytes");
    CHECK(error_of(p, "POST /api/search HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405) ==
          "method \"POST\" not allowed (GET or HEAD)");
    CHECK(error_of(p, "GARBAGE\r\n\r\n", 400).rfind("malformed request: ", 0) == 0);
    // And it still serves.
    CHECK(status_of(round_trip(p, get_request("/api/search?q=Shia"))) == 200);
}

TEST_CASE("server: an index re-indexed and rebuilt under it: no 500, the new documents counted", "[server][reopen]") {
    Server s("reopen", std::string(TIGRIS_FIXTURES) + "/variants.jsonl", {"--threads", "2"});
    const std::string big = s.dir() + "/big.jsonl";
    {
        std::ofstream out(big);
        for (int i = 0; i < 3000; ++i) {
            out << R"({"id": "big/)" << i << R"(", "body": "Shiite militias near Basrah, report )" << i << R"("})" << "\n";
        }
    }
    std::atomic<bool> done{false};
    std::mutex mu;
    std::map<int, int> statuses;
    std::vector<std::thread> clients;
    for (int t = 0; t < 2; ++t) {
        clients.emplace_back([&, t] {
            auto c = s.client();
            while (!done.load()) {
                auto res = c.Get(t == 0 ? "/api/search?q=Shia&limit=20" : "/api/health");
                std::lock_guard<std::mutex> lock(mu);
                ++statuses[res ? res->status : -1];
            }
        });
    }
    auto health = [&] {
        auto res = s.client().Get("/api/health");
        return res && res->status == 200 ? json::parse(res->body)["documents"].get<long>() : -1L;
    };
    // The count health reports once it is @p documents (workers reopen within a second).
    auto wait_for = [&](long documents) {
        const auto t = Clock::now();
        long seen = health();
        while (seen != documents && ms_since(t) < 5000) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            seen = health();
        }
        return seen;
    };
    const std::string tigris = std::string(TIGRIS_BINARY) + " index --quiet --batch 100 --index " + s.index() + " ";
    CHECK(std::system((tigris + big + " 2>/dev/null").c_str()) == 0);
    CHECK(wait_for(3012) == 3012);
    CHECK(std::system((tigris + "--rebuild " + TIGRIS_FIXTURES + "/variants.jsonl 2>/dev/null").c_str()) == 0);
    CHECK(wait_for(12) == 12);
    CHECK(std::system((tigris + "--rebuild --shards 3 " + big + " 2>/dev/null").c_str()) == 0);
    CHECK(wait_for(3000) == 3000);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // every worker's view has reopened since
    done = true;
    for (auto& c : clients) c.join();
    std::printf("reopen: during re-indexing and two rebuilds: 200 x %d, 503 x %d, 500 x %d\n", statuses[200],
                statuses[503], statuses[500]);
    CHECK(statuses[500] == 0);
    CHECK(statuses[-1] == 0);
    CHECK(statuses[200] > 0);
    auto res = s.client().Get("/api/search?q=Shia&limit=0");
    REQUIRE(res);
    CHECK(json::parse(res->body)["total"] == 3000);
}
