// The reproducers of issue 13 against the real binary: hostile input, unreadable files,
// locks, a full disk. Each ends in the documented message and exit code, never a signal.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "cli_support.h"

namespace {

using namespace tigris::cli_test;

const std::string kFixtures = std::string(TIGRIS_FIXTURES) + "/variants.jsonl";

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string write_file(const std::string& name, const std::string& text) {
    const std::string path = work_dir() + "/" + name;
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::string doc(const std::string& id, const std::string& body, const std::string& extra = "") {
    return R"({"id": ")" + id + R"(", "body": ")" + body + "\"" + extra + "}\n";
}

long total(const std::string& index, const std::string& query) {
    const Run r = run("search --index " + index + " --format json --limit 0 " + quote(query));
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out)["total"].get<long>();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("cli: a JSON line nested 100,000 deep is skipped by its line, the rest indexed", "[cli][hardening]") {
    const std::string input = write_file(
        "deep.jsonl", doc("ok/1", "Shiite clerics") +
                          R"({"id": "deep", "body": "x", "meta": {"k": )" + repeat("[", 100000) + repeat("]", 100000) + "}}\n" +
                          doc("ok/2", "Basrah"));
    const std::string index = fresh_dir("deep");
    const Run r = run("index --quiet --index " + index + " " + input);
    CHECK(r.signal == 0);
    CHECK(r.status == 1);
    CHECK(contains(last_stderr(), "deep.jsonl:2: JSON nests arrays and objects deeper than 64 levels"));
    CHECK(contains(last_stderr(), "indexed 2 documents"));
}

TEST_CASE("cli: a long source is skipped naming its document; eight U+FDFA do not stop the run", "[cli][hardening]") {
    const std::string fdfa = repeat("\xEF\xB7\xBA", 8);
    const std::string input = write_file("long.jsonl", doc("src", "Basra", R"(, "source": ")" + std::string(300, 's') + "\"") +
                                                           doc("fdfa", "Basra " + fdfa + " report") + doc("ok", "Shiite"));
    const std::string index = fresh_dir("long");
    for (int pass = 0; pass < 2; ++pass) {  // a rerun goes the same way: nothing sticks
        const Run r = run("index --quiet --index " + index + " " + input);
        CHECK(r.status == 1);
        CHECK(contains(last_stderr(), "long.jsonl:1: document \"src\": source \"ssssssssss"));
        CHECK(contains(last_stderr(), "is longer than 100 bytes"));
        CHECK(contains(last_stderr(), "indexed 2 documents"));
    }
    CHECK(total(index, "report") == 1);
    CHECK(total(index, "id:fdfa") == 1);
}

TEST_CASE("cli: a family id of 300 characters fails lint and loading, by file and line", "[cli][hardening]") {
    const std::string yaml = write_file("long-id.yaml", "version: 1\nfamilies:\n  - id: " + std::string(300, 'a') +
                                                            "\n    kind: place\n    variants: [Basra]\n");
    const Run lint = run("synonyms lint " + yaml);
    CHECK(lint.status == 1);
    CHECK(contains(lint.out, "long-id.yaml:3:9: error: family id \"aaaa"));
    CHECK(contains(lint.out, "is longer than 100 bytes"));
    const Run index = run("index --quiet --index " + fresh_dir("long-id") + " --synonyms " + yaml + " " + kFixtures);
    CHECK(index.status == 1);
    CHECK(contains(last_stderr(), "long-id.yaml:3:9: family id"));
}

TEST_CASE("cli: lint reports invalid UTF-8 and broader cycles", "[cli][hardening]") {
    const std::string bad = write_file("bad-utf8.yaml", "version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [Bas\xFFra]\n");
    const Run r = run("synonyms lint " + bad);
    CHECK(r.status == 1);
    CHECK(contains(r.out, "bad-utf8.yaml:5:19: error: invalid UTF-8 (byte 0xFF)"));
    const std::string cycle = write_file("cycle.yaml",
                                         "version: 1\nfamilies:\n"
                                         "  - {id: a, kind: group, variants: [Alpha Group], broader: [b]}\n"
                                         "  - {id: b, kind: group, variants: [Beta Group], broader: [c]}\n"
                                         "  - {id: c, kind: group, variants: [Gamma Group], broader: [a]}\n");
    const Run c = run("synonyms lint " + cycle);
    CHECK(c.status == 1);
    CHECK(contains(c.out, "cycle.yaml:5:61: error: broader families form a cycle: a \xE2\x86\x92 b \xE2\x86\x92 c \xE2\x86\x92 a"));
}

TEST_CASE("cli: hostile queries are usage errors with a short message", "[cli][hardening]") {
    const std::string index = fresh_dir("queries");
    REQUIRE(run("index --quiet --index " + index + " " + kFixtures).status == 0);
    for (const std::string& q : {repeat("(", 20000) + "Basra" + repeat(")", 20000),
                                 repeat("NOT (", 15000) + "Basra" + repeat(")", 15000),
                                 "Basra" + repeat(" OR Basra", 10000), repeat("(", 70) + "Basra" + repeat(")", 70)}) {
        INFO(q.substr(0, 30));
        const Run r = run("search --index " + index + " " + quote(q));
        CHECK(r.signal == 0);
        CHECK(r.status == 2);
        CHECK(last_stderr().size() < 300);
    }
    CHECK(contains(last_stderr(), "nests parentheses deeper than 64"));
    // Control bytes in the query are escaped in the message.
    CHECK(run("search --index " + index + " " + quote("(Basra \x1B[2J")).status == 2);
    CHECK(last_stderr() == "tigris: missing \")\" in query \"(Basra \\x1B[2J\"\n");
    // 100,000 ORs (too long for one argument): from a queries file, that line fails.
    const std::string queries = write_file("ors.txt", "Basra" + repeat(" OR Basra", 100000) + "\nBasra OR Shia\n");
    const Run batch = run("search --index " + index + " --queries " + queries);
    CHECK(batch.signal == 0);
    CHECK(batch.status == 1);
    CHECK(contains(batch.out, "has more than 1000 words and operators"));
    CHECK(contains(batch.out, "\"total\":"));  // the next line is answered
    // A long chain within the limit runs (flat OR).
    const Run chain = run("search --index " + index + " --format json " + quote("Basra" + repeat(" OR Basra", 400)));
    REQUIRE(chain.status == 0);
    CHECK(nlohmann::json::parse(chain.out)["hits"].size() == 3);
}

TEST_CASE("cli: dates that name no real day are refused everywhere", "[cli][hardening]") {
    const std::string index = fresh_dir("dates");
    const std::string input = write_file("dates.jsonl", doc("d1", "Basra", R"(, "date": "2007-02-31")") +
                                                            doc("d2", "Basra", R"(, "date": "2008-02-29")"));
    CHECK(run("index --quiet --index " + index + " " + input).status == 1);
    CHECK(contains(last_stderr(), "dates.jsonl:1: document \"d1\": date \"2007-02-31\" is not a real YYYY-MM-DD"));
    CHECK(run("search --index " + index + " 'Basra date:2007-99-99..'").status == 2);
    CHECK(contains(last_stderr(), "date \"2007-99-99..\" is not a real YYYY, YYYY-MM or YYYY-MM-DD"));
    CHECK(total(index, "Basra date:2008-02") == 1);
}

TEST_CASE("cli: an unreadable file among readable ones is skipped by name; no crash", "[cli][hardening]") {
    REQUIRE(permissions_testable());
    const std::string folder = work_dir() + "/unreadable";
    fs::remove_all(folder);
    write_file("unreadable/a.jsonl", doc("a/1", "Shiite clerics") + doc("a/2", "Basrah"));
    const std::string locked = write_file("unreadable/b.jsonl", doc("b/1", "Basra"));
    write_file("unreadable/c.jsonl", doc("c/1", "Mahdi Army"));
    write_file("unreadable/sub/d.jsonl", doc("d/1", "Najaf"));
    chmod(locked.c_str(), 0);
    chmod((folder + "/sub").c_str(), 0);
    const std::string index = fresh_dir("unreadable-index");
    RunOptions o;
    o.drop_file_capabilities = true;
    const Run r = run("index --quiet --index " + index + " " + folder, o);  // default threads
    chmod((folder + "/sub").c_str(), 0755);
    if (r.status == 125) {
        WARN("cannot drop CAP_DAC_OVERRIDE here: permission bits do not bind root; skipped");
        return;
    }
    CHECK(r.signal == 0);
    CHECK(r.status == 1);
    const std::string err = last_stderr();
    CHECK(contains(err, folder + "/b.jsonl: cannot read file: Permission denied"));
    CHECK(contains(err, folder + "/sub: cannot read folder: Permission denied"));
    CHECK(contains(err, "indexed 3 documents"));
    CHECK(total(index, "Mahdi Army") == 1);
}

TEST_CASE("cli: runtime failures exit 1, usage errors 2", "[cli][hardening]") {
    // A lock held by another writer.
    const std::string locked = fresh_dir("locked");
    {
        Xapian::WritableDatabase holder(locked, Xapian::DB_CREATE_OR_OPEN);
        const Run r = run("index --quiet --index " + locked + " " + kFixtures);
        CHECK(r.status == 1);
        CHECK(contains(last_stderr(), "index " + locked + " is being written by another process"));
    }
    // A folder that cannot be written (as a read-only file system would refuse it).
    const std::string parent = fresh_dir("read-only");
    fs::create_directories(parent);
    chmod(parent.c_str(), 0555);
    RunOptions o;
    o.drop_file_capabilities = true;
    const Run ro = run("index --quiet --index " + parent + "/index " + kFixtures, o);
    chmod(parent.c_str(), 0755);
    if (ro.status != 125) {
        CHECK(ro.status == 1);
        CHECK(contains(last_stderr(), "cannot create index " + parent + "/index: Permission denied"));
    }
    // Usage: what the command line names does not exist.
    CHECK(run("index --index " + fresh_dir("x") + " /nonexistent.jsonl").status == 2);
    CHECK(run("search --index /nonexistent/index Shia").status == 2);
    CHECK(run("search --index " + locked + " --queries /nonexistent/queries.txt").status == 2);
    CHECK(contains(last_stderr(), "queries file /nonexistent/queries.txt does not exist"));
}

TEST_CASE("cli: a disk that fills up while indexing leaves every shard intact; a rerun completes", "[cli][hardening][slow]") {
    std::string corpus;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        corpus += doc("full/" + std::to_string(i),
                      "Shiite militias near Basrah, report " + std::to_string(i) + " of the Jaysh al-Mahdi in Iraq.");
    }
    const std::string input = write_file("full.jsonl", corpus);
    // Fill the disk at several points: in the first batch, in later commits, near the end.
    int failed_runs = 0;
    for (const long long limit : {400000LL, 1500000LL, 3000000LL, 5000000LL, 8000000LL}) {
        INFO("disk full after " << limit << " bytes");
        const std::string index = fresh_dir("full-" + std::to_string(limit));
        RunOptions o;
        o.env = {{"LD_PRELOAD", TIGRIS_WRITE_LIMIT},
                 {"TIGRIS_WRITE_LIMIT_BYTES", std::to_string(limit)},
                 {"ASAN_OPTIONS", std::string(std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "") +
                                      ":verify_asan_link_order=0"}};
        const Run full = run("index --quiet --threads 4 --shards 4 --batch 500 --index " + index + " " + input, o);
        CHECK(full.signal == 0);
        if (full.status == 0) continue;  // the index fitted
        CHECK(full.status == 1);
        ++failed_runs;
        const std::string err = last_stderr();
        CHECK(contains(err, "No space left on device"));
        CHECK(contains(err, "run the same command again"));
        // What the run says it committed is what the index holds.
        const std::string said = "stopped after a write error: ";
        REQUIRE(contains(err, said));
        const long committed = std::stol(err.substr(err.find(said) + said.size()));
        CHECK(total(index, "Shiite") == committed);
        for (int s = 0; s < 4; ++s) {
            const std::string check = "xapian-check " + index + "/shard-" + std::to_string(s) + " >/dev/null 2>&1";
            CHECK(std::system(check.c_str()) == 0);
        }
        CHECK(run("search --index " + index + " --limit 1 '\"Shiite militias near Basrah\"'").status == 0);
        const Run again = run("index --quiet --index " + index + " " + input);
        CHECK(again.status == 0);
        CHECK(total(index, "Shiite") == n);
    }
    CHECK(failed_runs >= 4);
}
