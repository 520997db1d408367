// Integration tests: the real tigris binary over the fixture corpus.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "cli_support.h"
#include "remote_support.h"

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

const std::string kNames = std::string(TIGRIS_FIXTURES) + "/names.jsonl";

std::string names_index() {
    static const std::string dir = [] {
        const std::string d = fresh_dir("names-index");
        REQUIRE(run("index --quiet --index " + d + " " + kNames).status == 0);
        return d;
    }();
    return dir;
}

S ids_of(const nlohmann::json& j) {
    S out;
    for (const auto& h : j["hits"]) out.insert(h["id"].get<std::string>());
    return out;
}

// The shipped lists copied to @p dir with "Mahdi Brigade" added to the mahdi-army family.
std::string lists_with_mahdi_brigade(const std::string& dir) {
    fs::remove_all(dir);
    fs::copy(std::string(TIGRIS_FIXTURES) + "/../../synonyms", dir, fs::copy_options::recursive);
    std::ifstream in(dir + "/groups.yaml");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    in.close();
    const std::string from = "variants: [Mahdi Army, ";
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.insert(at + from.size(), "Mahdi Brigade, ");
    std::ofstream(dir + "/groups.yaml") << text;
    return dir;
}

}  // namespace

TEST_CASE("cli: a name finds its spellings that no list holds, and no look-alike", "[cli][names]") {
    const std::string idx = names_index();
    // Kasra written i or ee; shadda written or not; ya doubled; every document once.
    CHECK(ids_of(search_json(idx, "Walid")) == S{"nm/01", "nm/02"});
    CHECK(ids_of(search_json(idx, "Waleed")) == S{"nm/01", "nm/02"});
    CHECK(ids_of(search_json(idx, "Hasan")) == S{"nm/05", "nm/06"});
    CHECK(ids_of(search_json(idx, "Sayed")) == S{"nm/05", "nm/06"});  // never "say"
    // Kasra and fatha in the last syllable are two names.
    CHECK(ids_of(search_json(idx, "Salem")) == S{"nm/03"});
    CHECK(ids_of(search_json(idx, "Salam")) == S{"nm/04"});
    // An English word in lower case is never a name; a name is never stemmed as English.
    // A listed name has no English stem in any case: sunny does not find a lower-case
    // sunni, nor is it shown as matched there.
    CHECK(ids_of(search_json(idx, "sunny")) == S{"nm/07", "nm/16"});
    const auto sunny = search_json(idx, "sunny", "--snippets 5");
    REQUIRE(sunny["hits"].size() == 2);
    for (const auto& hit : sunny["hits"]) {
        INFO(hit.dump());
        REQUIRE(hit["matched"].size() == 1);
        CHECK(hit["matched"][0]["text"] == "sunny");
    }
    // Berri and Berry differ by y/i, but Berry is an English word: only the long vowels
    // join an English word to a name.
    CHECK(ids_of(search_json(idx, "Berri")) == S{"nm/13"});
    CHECK(ids_of(search_json(idx, "Berry")) == S{"nm/15"});
    // A capitalized English word meets the spellings of the name where written as one:
    // Ameer finds "the Amir of", never the dictionary's "amir".
    CHECK(ids_of(search_json(idx, "Ameer")) == S{"nm/09", "nm/10"});
    CHECK(ids_of(search_json(idx, "Amir")) == S{"nm/09", "nm/10", "nm/11"});  // its own spelling too
    // The exact spelling ranks first; matched says which spelling and why.
    const auto j = search_json(idx, "Waleed", "--snippets 5");
    REQUIRE(j["hits"].size() == 2);
    CHECK(j["hits"][0]["id"] == "nm/02");
    CHECK(j["hits"][1]["matched"][0]["text"] == "Walid");
    CHECK(j["hits"][1]["matched"][0]["via"].get<std::string>().rfind("name walid \xE2\x86\x90 waleed: i/ee (", 0) == 0);
}

TEST_CASE("cli: a name in no document is offered the close spellings the index holds", "[cli][names]") {
    // An a the index's spelling lacks: past what the scorer joins, close for nine letters.
    const Run text = run("search --index " + names_index() + " 'Jumbalatt visit'");
    REQUIRE(text.status == 0);
    CHECK(text.out.rfind("0 results for Jumbalatt visit\nDid you mean: Jumblatt visit\n"
                         "  spellings close to jumbalatt in more documents: jumblatt (2, -/a)\n",
                         0) == 0);
    const auto j = search_json(names_index(), "jumbalatt");
    CHECK(j["total"] == 0);
    CHECK(j["did_you_mean"]["query"] == "jumblatt");
    REQUIRE(j["did_you_mean"]["names"].size() == 1);
    CHECK(j["did_you_mean"]["names"][0]["text"] == "jumbalatt");
    const auto& s = j["did_you_mean"]["names"][0]["suggestions"];
    REQUIRE(s.size() == 1);
    CHECK(s[0]["spelling"] == "jumblatt");
    CHECK(s[0]["documents"] == 2);
    CHECK(s[0]["differences"] == "-/a");
    // A name the index holds has none.
    CHECK(!search_json(names_index(), "Jumblatt").contains("did_you_mean"));
}

TEST_CASE("cli: explain with an index says which spellings a name was read as, and why", "[cli][names]") {
    const Run r = run("synonyms explain --query --index " + names_index() + " Waleed");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("spellings in the index: waleed; walid (i/ee, ") != std::string::npos);
    CHECK(r.out.find("XNlT:walid") != std::string::npos);
}

TEST_CASE("cli: a name of several words meets the same name written as one word", "[cli][names]") {
    const std::string idx = fresh_dir("compound-names-index");
    REQUIRE(run("index --quiet --index " + idx + " " + std::string(TIGRIS_FIXTURES) + "/compound_names.jsonl").status ==
            0);
    // Abd with the name it governs, spaced, hyphened, with the article or joined: one name.
    for (const char* q : {"Abdulaziz", "Abdelaziz", "Abd al-Aziz"}) {
        INFO(q);
        CHECK(ids_of(search_json(idx, q)) == S{"cn/01", "cn/02", "cn/03", "cn/04"});
    }
    // Hyphened, the words are also a phrase, which punctuation does not break (as in
    // any phrase): cn/06's "Abdul, Aziz".
    CHECK(ids_of(search_json(idx, "Abdel-Aziz")) == S{"cn/01", "cn/02", "cn/03", "cn/04", "cn/06"});
    // Two words typed apart also find them apart, as before: cn/05, and cn/06 across its
    // comma (which keeps cn/06 out of the one name, as the queries above show).
    CHECK(ids_of(search_json(idx, "Abdul Aziz")) == S{"cn/01", "cn/02", "cn/03", "cn/04", "cn/05", "cn/06"});
    // The article's l written as the sun letter after it, or its d doubled before Din:
    // one name, whichever way the query writes it.
    for (const char* q : {"Abdurrahman", "Abdul Rahman", "Abd ar-Rahman", "Abdur Rahman"}) {
        INFO(q);
        CHECK(ids_of(search_json(idx, q)) == S{"cn/07", "cn/08"});
    }
    for (const char* q : {"Jamaluddin", "Jamal al-Din", "Jamaleddin"}) {
        INFO(q);
        CHECK(ids_of(search_json(idx, q)) == S{"cn/09", "cn/10", "cn/11"});
    }
    CHECK(ids_of(search_json(idx, "Mohieddin")) == S{"cn/11", "cn/12"});
    // Abu with the name it governs.
    for (const char* q : {"Abuzeid", "Abu Zeid", "Abou Zaid", "Abu-Zayd"}) {
        INFO(q);
        CHECK(ids_of(search_json(idx, q)) == S{"cn/13", "cn/14", "cn/15"});
    }
    // The highlighter marks the words as the one name, and says why.
    const auto j = search_json(idx, "Abdulaziz", "--snippets 10");
    for (const auto& hit : j["hits"]) {
        INFO(hit.dump());
        REQUIRE(hit["matched"].size() == 1);
        const std::string id = hit["id"];
        const std::string text = hit["matched"][0]["text"], via = hit["matched"][0]["via"];
        if (id == "cn/01") {
            CHECK(text == "Abdul Aziz");
            CHECK(via == "name abdulaziz");
            CHECK(hit["snippet"].get<std::string>().find("<b>Abdul Aziz</b>") != std::string::npos);
        }
        if (id == "cn/04") {
            CHECK(text == "Abd al-Aziz");
            CHECK(via.rfind("name abdalaziz \xE2\x86\x90 abdulaziz: al/ul (", 0) == 0);
        }
    }
}

TEST_CASE("cli: explain says which close spellings a name was not joined to, and why", "[cli][names]") {
    const Run r = run("synonyms explain --query --index " + names_index() + " Berri");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("spellings in the index: berri; not joined: berry (y/i, ") != std::string::npos);
    CHECK(r.out.find(": it is an English word, and they differ by more than a long vowel)") != std::string::npos);
    // The JSON of search --explain has them as fields.
    const auto j = search_json(names_index(), "Berri", "--explain");
    const auto& word = j["explain"]["words"].at(0);
    INFO(word.dump());
    REQUIRE(word["spellings"].size() == 1);
    CHECK(word["spellings"][0]["spelling"] == "berri");
    CHECK(word["spellings"][0]["documents"] == 1);
    REQUIRE(word["not_joined"].size() == 1);
    CHECK(word["not_joined"][0]["spelling"] == "berry");
    CHECK(word["not_joined"][0]["documents"] == 1);
    CHECK(word["not_joined"][0]["differences"] == "y/i");
    CHECK(word["not_joined"][0]["reason"] == "it is an English word, and they differ by more than a long vowel");
}

TEST_CASE("cli: an edit of the synonym lists changes what a search finds without a re-index", "[cli][names]") {
    const std::string lists = lists_with_mahdi_brigade(work_dir() + "/lists-brigade");
    CHECK(ids_of(search_json(names_index(), "Mahdi Army")).empty());
    const auto j = search_json(names_index(), "Mahdi Army", "--synonyms " + lists);
    CHECK(ids_of(j) == S{"nm/12"});
    CHECK(j["hits"][0]["matched"][0]["via"] == "family mahdi-army");
    // Re-indexed with the new lists, the concept term alone finds it.
    const std::string dir = fresh_dir("names-brigade");
    REQUIRE(run("index --quiet --synonyms " + lists + " --index " + dir + " " + kNames).status == 0);
    const Run e = run("search --index " + dir + " --synonyms " + lists + " --explain 'Mahdi Army'");
    CHECK(e.out.find("xapian query: Query(XCmahdi-army)") != std::string::npos);
    CHECK(e.out.find("Names 12") != std::string::npos);
}

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
    CHECK(r.out.find("~mKT") != std::string::npos);  // its block key
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
    // The explanation is of the query that runs: the searcher's, which also searches the
    // families' variants while documents lack the current lists' concept terms.
    const auto e = nlohmann::json::parse(run("search --index " + dir + " --synonyms " + other +
                                             " --format json --explain Bassora").out);
    CHECK(e["explain"]["xapian_query"].get<std::string>() != "Query(XCbasra)");
    CHECK(e["explain"]["xapian_query"].get<std::string>().rfind("Query((XCbasra OR ", 0) == 0);
    const Run i = run("index --quiet --index " + dir + " --synonyms " + other + " " + kFixtures);
    CHECK(i.status == 0);
    CHECK(last_stderr().find("tigris index: warning: " + dir + " was built with other synonym lists") !=
          std::string::npos);
    // Re-indexed: nothing to report, and the concept term alone is searched.
    const Run again = run("search --index " + dir + " --synonyms " + other + " --format json --explain Bassora");
    CHECK(last_stderr().find("warning") == std::string::npos);
    CHECK(nlohmann::json::parse(again.out)["explain"]["xapian_query"] == "Query(XCbasra)");
}

TEST_CASE("cli: documents analyzed by other rules are reported; another format is refused", "[cli]") {
    const std::string dir = fresh_dir("analysis-change");
    REQUIRE(run("index --quiet --index " + dir + " " + kFixtures).status == 0);
    {
        // As an older tigris (other rules, or another word list) would have written it.
        Xapian::WritableDatabase db(dir, Xapian::DB_OPEN);
        const Xapian::docid first = *db.postlist_begin("");
        Xapian::Document doc = db.get_document(first);
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            if ((*t).rfind("XV", 0) == 0) {
                doc.remove_term(*t);
                break;
            }
        }
        doc.add_boolean_term("XV0-older");
        db.replace_document(first, doc);
        db.commit();
    }
    const Run s = run("search --index " + dir + " --format json Shia");
    CHECK(s.status == 0);
    CHECK(last_stderr().find("was built by other analysis rules or word list (1 of ") != std::string::npos);
    REQUIRE(run("index --quiet --index " + dir + " " + kFixtures).status == 0);
    run("search --index " + dir + " --format json Shia");
    CHECK(last_stderr().find("warning") == std::string::npos);  // the re-index fixed it
    {
        Xapian::WritableDatabase db(dir, Xapian::DB_OPEN);
        db.set_metadata("tigris.format", "99");
        db.commit();
    }
    const Run refused = run("search --index " + dir + " Shia");
    CHECK(refused.status == 2);
    CHECK(last_stderr().find("index " + dir + " has format \"99\"; this tigris reads format 1") != std::string::npos);
    CHECK(run("index --quiet --index " + dir + " " + kFixtures).status == 2);
    CHECK(last_stderr().find("has format \"99\"") != std::string::npos);
}

TEST_CASE("cli: lint passes the shipped lists and fails a broken one", "[cli]") {
    CHECK(run("synonyms lint").status == 0);
    const Run bad = run("synonyms lint " + std::string(TIGRIS_FIXTURES) + "/lint/broken-b.yaml");
    CHECK(bad.status == 1);
    CHECK(bad.out.find("broken-b.yaml:12:21: error: acronym \"jam\"") != std::string::npos);
}

TEST_CASE("cli: a sharded index served by xapian-tcpsrv gives the local results", "[cli][remote]") {
    using tigris::remote_test::ShardServer;
    if (!tigris::remote_test::have_tcpsrv()) {
        WARN("xapian-tcpsrv is not installed (apt-get install xapian-tools): remote test skipped");
        return;
    }
    const std::string dir = fresh_dir("remote-local");
    REQUIRE(run("index --quiet --shards 2 --index " + dir + " " + kFixtures + " " + kNames).status == 0);
    const ShardServer s0(dir + "/shard-0"), s1(dir + "/shard-1");
    REQUIRE(s0.running());
    REQUIRE(s1.running());
    const std::string stub = work_dir() + "/remote.stub";
    std::ofstream(stub) << "remote 127.0.0.1:" << s0.port() << "\nremote 127.0.0.1:" << s1.port() << "\n";
    for (const char* q : {"Walid", "Sayed", "Ameer", "Shia", "Basra OR Berri", "\"Jaish al-Mahdi militia\"",
                          "Hasan date:2009..2009", "jam", "title:Names"}) {
        INFO(q);
        const auto local = search_json(dir, q, "--snippets 100");
        const auto remote = search_json(stub, q, "--snippets 100");
        REQUIRE(local["hits"].size() == remote["hits"].size());
        CHECK(!local["hits"].empty());
        for (std::size_t i = 0; i < local["hits"].size(); ++i) {
            const auto& a = local["hits"][i];
            const auto& b = remote["hits"][i];
            CHECK(a["id"] == b["id"]);
            CHECK(std::fabs(a["score"].get<double>() - b["score"].get<double>()) < 1e-9);
            CHECK(a["matched"] == b["matched"]);
            CHECK(a["snippet"] == b["snippet"]);
        }
    }
    // A name in no document is offered the same spellings.
    const auto local = search_json(dir, "Jumbalatt");
    REQUIRE(local.contains("did_you_mean"));
    CHECK(local["did_you_mean"] == search_json(stub, "Jumbalatt")["did_you_mean"]);
}
