// Integration tests: a corpus indexed in parts (tigris index --shard K/N, as N machines
// would), joined into one index (tigris join), and merged by xapian-compact.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "cli_support.h"
#include "tigris/shards.h"

namespace {

using namespace tigris::cli_test;
using nlohmann::json;

const std::string kCorpus =
    std::string(TIGRIS_FIXTURES) + "/variants.jsonl " + std::string(TIGRIS_FIXTURES) + "/names.jsonl";

// The ids a database holds (its Q terms).
std::set<std::string> ids_in(const std::string& db_path) {
    std::set<std::string> ids;
    const Xapian::Database db(db_path);
    for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) ids.insert((*t).substr(1));
    return ids;
}

// Builds part K of 2 of the fixture corpus in @p dir. One thread: documents are written
// in corpus order, so that the parts number them as local shards built in one thread do.
void index_part(const std::string& dir, unsigned k) {
    const Run r = run("index --quiet --threads 1 --shard " + std::to_string(k) + "/2 --index " + dir + " " + kCorpus);
    INFO(last_stderr());
    REQUIRE(r.status == 0);
}

// Every hit's score by id.
std::map<std::string, double> scores(const json& result) {
    std::map<std::string, double> out;
    for (const auto& h : result["hits"]) out[h["id"].get<std::string>()] = h["score"].get<double>();
    return out;
}

void check_same_scores(const json& a, const json& b) {
    const auto sa = scores(a), sb = scores(b);
    REQUIRE(sa.size() == sb.size());
    for (const auto& [id, score] : sa) {
        INFO(id);
        REQUIRE(sb.count(id) == 1);
        CHECK(std::fabs(score - sb.at(id)) < 1e-9);
    }
}

const char* const kQueries[] = {"Walid", "Shia", "Basra OR Berri", "\"Jaish al-Mahdi militia\"", "Hasan date:2009..2009",
                                "jam", "title:Names"};

}  // namespace

TEST_CASE("shards: parts built apart hold each document once, routed as local shards are", "[shards]") {
    const std::string p0 = fresh_dir("part-0"), p1 = fresh_dir("part-1"), local = fresh_dir("local-2");
    index_part(p0, 0);
    CHECK(last_stderr().find("is part 0/2 of the corpus; 14 documents of the other parts passed over") != std::string::npos);
    index_part(p1, 1);
    REQUIRE(run("index --quiet --threads 1 --shards 2 --index " + local + " " + kCorpus).status == 0);

    const auto ids0 = ids_in(p0), ids1 = ids_in(p1);
    CHECK(ids0.size() + ids1.size() == ids_in(local).size());
    CHECK(ids0 == ids_in(local + "/shard-0"));
    CHECK(ids1 == ids_in(local + "/shard-1"));
    for (const auto& id : ids0) CHECK(tigris::shard_of(id, 2) == 0);
    for (const auto& id : ids1) CHECK(tigris::shard_of(id, 2) == 1);

    // Joined, the parts search as the local shards do, with global statistics.
    const std::string stub = work_dir() + "/parts.stub";
    REQUIRE(run("join --out " + stub + " " + p1 + " " + p0).status == 0);
    const std::string whole = fresh_dir("whole");
    REQUIRE(run("index --quiet --shards 1 --index " + whole + " " + kCorpus).status == 0);
    for (const char* q : kQueries) {
        INFO(q);
        const json joined = search_json(stub, q, "--snippets 100");
        CHECK(!joined["hits"].empty());
        CHECK(joined == search_json(local, q, "--snippets 100"));
        check_same_scores(joined, search_json(whole, q));
    }

    // Indexed again, a part replaces its own documents and no other part changes.
    index_part(p0, 0);
    CHECK(ids_in(p0) == ids0);
    CHECK(Xapian::Database(p0).get_doccount() == ids0.size());
    CHECK(ids_in(p1) == ids1);
}

TEST_CASE("shards: a part is written only into its own folder", "[shards]") {
    const std::string p0 = fresh_dir("own-part-0"), whole = fresh_dir("own-whole"), local = fresh_dir("own-local");
    index_part(p0, 0);
    REQUIRE(run("index --quiet --shards 1 --index " + whole + " " + kCorpus).status == 0);
    REQUIRE(run("index --quiet --shards 2 --index " + local + " " + kCorpus).status == 0);
    const struct {
        std::string args, message;
    } cases[] = {
        {"--shard 1/2 --index " + p0, "index " + p0 + " holds part 0/2 of a corpus, not 1/2"},
        {"--shard 0/3 --index " + p0, "holds part 0/2 of a corpus, not 0/3"},
        {"--index " + p0, "index " + p0 + " holds part 0/2 of a corpus: pass --shard 0/2"},
        {"--shard 0/2 --index " + whole, "index " + whole + " is a whole index of 28 documents, not part 0/2"},
        {"--shard 0/2 --index " + local, "index " + local + " has 2 shards; --shard 0/2 writes one database"},
        {"--shard 0/2 --shards 2 --index " + fresh_dir("both"), "give one of them"},
        {"--shard 2/2 --index " + fresh_dir("bad"), "a shard is K/N with 0 <= K < N <= 1024, not \"2/2\""},
        {"--shard 1 --index " + fresh_dir("bad"), "not \"1\""},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        CHECK(run("index --quiet " + c.args + " " + kCorpus).status == 2);
        CHECK(last_stderr().find(c.message) != std::string::npos);
    }
    CHECK(ids_in(p0).size() == 14);  // untouched
}

TEST_CASE("shards: join refuses a missing, repeated or mismatched part", "[shards]") {
    const std::string p0 = fresh_dir("join-part-0"), p1 = fresh_dir("join-part-1"), whole = fresh_dir("join-whole");
    index_part(p0, 0);
    index_part(p1, 1);
    REQUIRE(run("index --quiet --shards 1 --index " + whole + " " + kCorpus).status == 0);
    const std::string out = work_dir() + "/refused.stub";
    const struct {
        std::string shards, message;
    } cases[] = {
        {p0, "part 1/2 is missing: join all 2 parts"},
        {p0 + " " + p0 + " " + p1, "part 0/2 is in both " + p0 + " and " + p0},
        {p0 + " " + whole, "shard " + whole + " is a whole index"},
        {p0 + " " + work_dir() + "/nothing", "is neither an index folder, HOST:PORT of xapian-tcpsrv nor :PROGRAM ARGS"},
    };
    for (const auto& c : cases) {
        INFO(c.shards);
        CHECK(run("join --out " + out + " " + c.shards).status == 2);
        CHECK(last_stderr().find(c.message) != std::string::npos);
        CHECK(!fs::exists(out));
    }
    // Whole indexes join as given (two corpora searched as one).
    CHECK(run("join --out " + out + " " + whole + " " + whole).status == 0);
    CHECK(search_json(out, "Walid")["total"] == 2 * search_json(whole, "Walid")["total"].get<int>());
}

TEST_CASE("shards: xapian-compact merges the parts into one whole index", "[shards]") {
    if (std::system("command -v xapian-compact >/dev/null 2>&1") != 0) {
        WARN("xapian-compact is not installed (apt-get install xapian-tools): test skipped");
        return;
    }
    const std::string p0 = fresh_dir("compact-part-0"), p1 = fresh_dir("compact-part-1"), merged = fresh_dir("merged");
    index_part(p0, 0);
    index_part(p1, 1);
    const std::string stub = work_dir() + "/compact.stub";
    REQUIRE(run("join --out " + stub + " " + p0 + " " + p1).status == 0);
    REQUIRE(std::system(("xapian-compact --quiet " + p0 + " " + p1 + " " + merged + " >/dev/null").c_str()) == 0);
    for (const char* q : kQueries) {
        INFO(q);
        check_same_scores(search_json(merged, q), search_json(stub, q));
    }
    // Every part's record survives the merge: the whole corpus may be indexed into it,
    // a part may not.
    CHECK(run("index --quiet --index " + merged + " " + kCorpus).status == 0);
    CHECK(Xapian::Database(merged).get_doccount() == 28);
    CHECK(run("index --quiet --shard 0/2 --index " + merged + " " + kCorpus).status == 2);
    CHECK(last_stderr().find("holds part 0/2, 1/2 of a corpus, not 0/2") != std::string::npos);
}
