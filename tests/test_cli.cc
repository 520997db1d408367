// Integration tests: the real tigris binary over the fixture corpus.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_support.h"

namespace fs = std::filesystem;

namespace {

using namespace tigris::cli_test;

const std::string kFixtures = std::string(TIGRIS_FIXTURES) + "/variants.jsonl";

std::string fixture_index() {
    static const std::string dir = [] {
        const std::string d = fresh_dir("fixture-index");
        const Run r = run("index --quiet --index " + d + " " + kFixtures);
        REQUIRE(r.status == 0);
        return d;
    }();
    return dir;
}

std::set<std::string> ids(const std::string& query, const std::string& extra = "") {
    const Run r = run("search --index " + fixture_index() + " --format json --limit 100 " + extra + " " + quote(query));
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    std::set<std::string> out;
    for (const auto& h : j["hits"]) out.insert(h["id"].get<std::string>());
    return out;
}

using S = std::set<std::string>;

}  // namespace

TEST_CASE("cli: every spelling finds the same documents", "[cli]") {
    for (const char* q : {"Shia", "Shi'a", "Shi\xE2\x80\x99" "a", "Shiite"}) {
        INFO(q);
        CHECK(ids(q) == S{"fx/01", "fx/02", "fx/03"});
    }
    for (const char* q : {"Basra", "Basrah", "Al Basrah"}) {
        INFO(q);
        CHECK(ids(q) == S{"fx/01", "fx/02", "fx/03"});
    }
    for (const char* q : {"Mahdi Army", "Jaish al-Mahdi", "Jaysh al-Mahdi", "JAM"}) {
        INFO(q);
        CHECK(ids(q) == S{"fx/04", "fx/06", "fx/07"});
    }
    CHECK(ids("\"Jaish al-Mahdi militia\"") == S{"fx/04", "fx/07"});
    CHECK(ids("\"traffic jam\"") == S{"fx/05"});
    CHECK(ids("jam") == S{"fx/05"});
    CHECK(ids("ISF") == S{"fx/04", "fx/06"});
    CHECK(ids("Iraqi Security Forces") == S{"fx/04", "fx/06"});
    for (const char* q : {"Muqtada al-Sadr", "Moqtada al-Sadr", "Moktada as-Sadr"}) {
        INFO(q);
        CHECK(ids(q) == S{"fx/08", "fx/09"});
    }
    for (const char* q : {"Ba'ath", "Baath", "Ba'th"}) {
        INFO(q);
        CHECK(ids(q) == S{"fx/10"});
    }
    CHECK(ids("bath") == S{"fx/11"});
    CHECK(ids("Amman") == S{"fx/12"});
    CHECK(ids("Shia OR bath") == S{"fx/01", "fx/02", "fx/03", "fx/11"});
    CHECK(ids("Shia date:2008-01-02..2008-01-03") == S{"fx/02", "fx/03"});
    CHECK(ids("Shia Basra", "--op or").size() == 3);
    CHECK(ids("Shia Amman", "--op or").size() == 4);
}

TEST_CASE("cli: JSON result carries snippet and why each hit matched", "[cli]") {
    const Run r = run("search --index " + fixture_index() + " --format json Shia");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["query"] == "Shia");
    CHECK(j["total"] == 3);
    bool curly = false;
    for (const auto& h : j["hits"]) {
        CHECK(h["source"] == "news");
        CHECK(h["title"].get<std::string>().rfind("Fixture", 0) == 0);
        if (h["id"] == "fx/03") {
            curly = true;
            CHECK(h["snippet"] == "<b>Shi\xE2\x80\x99" "a</b> pilgrims arrived in Al Basrah by bus.");
            CHECK(h["matched"] == nlohmann::json::array({{{"text", "Shi\xE2\x80\x99" "a"}, {"via", "family shia"}}}));
        }
    }
    CHECK(curly);
}

TEST_CASE("cli: text output and explain", "[cli]") {
    const Run r = run("search --index " + fixture_index() + " --explain 'Jaysh al-Mahdi'");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("xapian query: Query(XCmahdi-army)") != std::string::npos);
    CHECK(r.out.find("3 results for Jaysh al-Mahdi") != std::string::npos);
    CHECK(r.out.find("[Jaish al-Mahdi]") != std::string::npos);
    CHECK(r.out.find("matched: JAM (family mahdi-army)") != std::string::npos);
}

TEST_CASE("cli: batch queries print one JSON object per line", "[cli]") {
    const std::string qfile = work_dir() + "/queries.txt";
    std::ofstream(qfile) << "Shia\n\"Jaish al-Mahdi militia\"\n(broken\nbath\n";
    const Run r = run("search --index " + fixture_index() + " --queries " + qfile + " --limit 100000");
    CHECK(r.status == 1);  // one query did not parse
    std::istringstream lines(r.out);
    std::vector<nlohmann::json> rows;
    for (std::string l; std::getline(lines, l);) rows.push_back(nlohmann::json::parse(l));
    REQUIRE(rows.size() == 4);
    CHECK(rows[0]["total"] == 3);
    CHECK(rows[1]["total"] == 2);
    CHECK(rows[2]["error"] == "missing \")\" in query \"(broken\"");
    CHECK(rows[3]["hits"][0]["id"] == "fx/11");
}

TEST_CASE("cli: re-indexing replaces documents by id", "[cli]") {
    const std::string dir = fresh_dir("reindex");
    REQUIRE(run("index --quiet --index " + dir + " " + kFixtures).status == 0);
    REQUIRE(run("index --quiet --index " + dir + " " + kFixtures).status == 0);
    const std::string changed = work_dir() + "/changed.jsonl";
    std::ofstream(changed) << R"({"id": "fx/11", "source": "news", "date": "2008-01-11", "title": "Fixture 11", "body": "Now about Fallujah."})" << "\n";
    REQUIRE(run("index --quiet --index " + dir + " " + changed).status == 0);
    const Run all = run("search --index " + dir + " --format json --op or --limit 100 'Fallujah OR bath OR Shia'");
    const auto j = nlohmann::json::parse(all.out);
    CHECK(j["total"] == 4);  // fx/01-03 and the new fx/11; the old fx/11 is gone
    CHECK(last_stderr().empty());
}

TEST_CASE("cli: bad input is reported by file and line, good documents are kept", "[cli]") {
    const std::string dir = fresh_dir("bad-input");
    const std::string bad = work_dir() + "/bad.jsonl";
    std::ofstream(bad) << R"({"id": "ok/1", "body": "Shiite clerics"})" << "\n"
                       << R"({"id": "ok/2", "body": "broken)" << "\n"
                       << "{\"id\": \"ok/3\", \"body\": \"\xFF\"}\n"
                       << R"({"body": "no id"})" << "\n"
                       << R"({"id": "ok/4", "body": "Basrah"})" << "\n";
    const Run r = run("index --quiet --index " + dir + " " + bad);
    CHECK(r.status == 1);
    const std::string err = last_stderr();
    CHECK(err.find("bad.jsonl:2: malformed JSON") != std::string::npos);
    CHECK(err.find("bad.jsonl:3: invalid UTF-8 at byte 25 of the line") != std::string::npos);
    CHECK(err.find("bad.jsonl:4: missing \"id\"") != std::string::npos);
    CHECK(err.find("indexed 2 documents") != std::string::npos);
    const auto j = nlohmann::json::parse(run("search --index " + dir + " --format json --op or 'Shia Basra'").out);
    CHECK(j["total"] == 2);
}

TEST_CASE("cli: usage errors exit 2, runtime errors exit 1", "[cli]") {
    CHECK(run("").status == 2);
    CHECK(run("search --index /nonexistent/index Shia").status == 2);
    CHECK(last_stderr().find("index /nonexistent/index does not exist") != std::string::npos);
    CHECK(run("search --index " + fixture_index() + " --format xml Shia").status == 2);
    CHECK(run("search --index " + fixture_index() + " '(Shia'").status == 2);  // the QUERY argument
    CHECK(run("index --index " + fresh_dir("x") + " /nonexistent.jsonl").status == 2);
    const Run v = run("--version");
    CHECK(v.status == 0);
    CHECK(v.out.rfind("tigris ", 0) == 0);
}

TEST_CASE("cli: kill -9 during indexing leaves an index that opens and a rerun completes", "[cli][slow]") {
    const std::string dir = fresh_dir("killed");
    const std::string big = work_dir() + "/big.jsonl";
    {
        std::ofstream out(big);
        for (int i = 0; i < 150000; ++i) {
            out << R"({"id": "big/)" << i << R"(", "body": "Shiite militias near Basrah, report )" << i
                << R"( of the Jaysh al-Mahdi and the Iraqi Security Forces in Iraq."})" << "\n";
        }
    }
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const std::string out = work_dir() + "/killed.log";
        freopen(out.c_str(), "w", stderr);
        execl(TIGRIS_BINARY, TIGRIS_BINARY, "index", "--quiet", "--batch", "500", "--index", dir.c_str(), big.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Kill it once the first commits are on disk.
    for (int i = 0; i < 200 && !fs::exists(dir + "/XAPIANDB") && !fs::exists(dir + "/iamglass"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    kill(pid, SIGKILL);
    int st = 0;
    waitpid(pid, &st, 0);
    CHECK(WIFSIGNALED(st));
    const Run partial = run("search --index " + dir + " --format json --limit 0 Shia");
    REQUIRE(partial.status == 0);
    const auto before = nlohmann::json::parse(partial.out)["total"].get<long>();
    CHECK(before < 150000);
    REQUIRE(run("index --quiet --index " + dir + " " + big).status == 0);
    const auto after = nlohmann::json::parse(run("search --index " + dir + " --format json --limit 0 Shia").out);
    CHECK(after["total"] == 150000);
}

TEST_CASE("cli: explain shows tokens, keys, families and the terms written", "[cli]") {
    const Run r = run("synonyms explain \"Moktada al-Sadr's JAM in Iraq\"");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Moktada") != std::string::npos);
    CHECK(r.out.find("~muktada") != std::string::npos);
    CHECK(r.out.find("muqtada") != std::string::npos);
    CHECK(r.out.find("XCmahdi-army") != std::string::npos);
    const Run q = run("synonyms explain --query 'Jaysh al-Mahdi -jam'");
    REQUIRE(q.status == 0);
    CHECK(q.out.find("xapian query: Query((XCmahdi-army AND_NOT Zjam))") != std::string::npos);
}

TEST_CASE("cli: a change of synonym lists since indexing is reported", "[cli]") {
    const std::string dir = fresh_dir("lexicon-change");
    REQUIRE(run("index --quiet --index " + dir + " " + kFixtures).status == 0);
    const std::string other = std::string(TIGRIS_FIXTURES) + "/lint/clean.yaml";
    const Run s = run("search --index " + dir + " --synonyms " + other + " --format json Bassora");
    CHECK(s.status == 0);
    CHECK(last_stderr().find("was built with other synonym lists") != std::string::npos);
    const Run i = run("index --quiet --index " + dir + " --synonyms " + other + " " + kFixtures);
    CHECK(i.status == 0);
    CHECK(last_stderr().find("the synonym lists changed since") != std::string::npos);
}

TEST_CASE("cli: lint passes the shipped lists and fails a broken one", "[cli]") {
    CHECK(run("synonyms lint").status == 0);
    const Run bad = run("synonyms lint " + std::string(TIGRIS_FIXTURES) + "/lint/broken-b.yaml");
    CHECK(bad.status == 1);
    CHECK(bad.out.find("broken-b.yaml:12:21: error: acronym \"jam\"") != std::string::npos);
}
