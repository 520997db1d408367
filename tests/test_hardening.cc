// Regression tests for hostile input (issue 13): every reproducer ends in the documented
// error, never in a crash.
#include <catch2/catch.hpp>

#include <string>

#include "test_support.h"
#include "tigris/corpus.h"
#include "tigris/dates.h"
#include "tigris/error.h"
#include "tigris/index_writer.h"
#include "tigris/query_builder.h"
#include "tigris/synonym_lint.h"

namespace {

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string query_error(const std::string& text) {
    tigris::QueryBuilder qb(tigris::test::test_analyzer());
    try {
        qb.build(text);
    } catch (const tigris::QueryError& e) {
        return e.what();
    }
    return "no error";
}

tigris::ParsedRecord parse_line(const std::string& line) {
    tigris::RawRecord r;
    r.text = line;
    r.file = "x.jsonl";
    r.line = 7;
    return tigris::parse_record(std::move(r), 1 << 24);
}

std::string problem_of(const std::string& line) {
    const auto parsed = parse_line(line);
    return parsed.problem ? parsed.problem->describe() : "no problem";
}

// A small in-memory index, to run queries through Xapian's matcher.
Xapian::WritableDatabase memory_index() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    tigris::CorpusDocument d;
    d.id = "d1";
    d.body = "Shiite clerics met in Basra.";
    db.replace_document("Qd1", tigris::make_document(tigris::test::test_analyzer(), d));
    return db;
}

}  // namespace

TEST_CASE("a value in a message is quoted, escaped and cut", "[errors]") {
    CHECK(tigris::quote_value("Basra") == "\"Basra\"");
    CHECK(tigris::quote_value("a\nb\tc\x1B[31m\x7F") == "\"a\\nb\\tc\\x1B[31m\\x7F\"");
    CHECK(tigris::quote_value("bad \xFF byte") == "\"bad \\xFF byte\"");
    CHECK(tigris::quote_value("C1 \xC2\x9B") == "\"C1 \\xC2\\x9B\"");
    CHECK(tigris::quote_value(std::string(1000, 'a'), 10) == "\"aaaaaaaaaa\xE2\x80\xA6\"");
    // Cut at a character boundary: four 2-byte letters in 7 bytes show three.
    CHECK(tigris::quote_value("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 7) == "\"\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6\"");
}

TEST_CASE("dates must name a real day", "[dates]") {
    CHECK(tigris::valid_day("2008-02-29"));
    CHECK_FALSE(tigris::valid_day("2007-02-29"));
    CHECK_FALSE(tigris::valid_day("2007-02-31"));
    CHECK_FALSE(tigris::valid_day("2007-99-99"));
    CHECK_FALSE(tigris::valid_day("2007-00-10"));
    CHECK_FALSE(tigris::valid_day("2007-1-1"));
    CHECK_FALSE(tigris::valid_day("2007"));
    struct Row {
        const char* text;
        bool last;
        const char* bound;
    };
    const Row rows[] = {
        {"2007", false, "20070101"},      {"2007", true, "20071231"},       {"2007-02", true, "20070228"},
        {"2008-02", true, "20080229"},    {"2007-04", true, "20070430"},    {"2007-03-09", true, "20070309"},
        {"2007-02-31", false, ""},        {"2007-99", false, ""},           {"2007-13-01", false, ""},
        {"200703", false, ""},            {"2007/03", false, ""},           {"", false, ""},
    };
    for (const auto& r : rows) {
        INFO(r.text << (r.last ? " (last)" : " (first)"));
        CHECK(tigris::period_bound(r.text, r.last) == r.bound);
    }
}

TEST_CASE("hostile queries are refused with a clear error, not a crash", "[query][hardening]") {
    // Issue 13: "(" x 20,000 and NOT (NOT (... x 15,000 overflowed the parser's stack.
    CHECK(query_error(repeat("(", 20000) + "Basra" + repeat(")", 20000)).find("has more than 1000 words and operators") !=
          std::string::npos);
    CHECK(query_error(repeat("NOT (", 15000) + "Basra" + repeat(")", 15000)).find("has more than 1000") !=
          std::string::npos);
    CHECK(query_error(repeat("(", 65) + "Basra" + repeat(")", 65)).find("nests parentheses deeper than 64") !=
          std::string::npos);
    CHECK(query_error(repeat("NOT (", 65) + "Basra" + repeat(")", 65)).find("nests parentheses deeper than 64") !=
          std::string::npos);
    CHECK(query_error(repeat("(", 64) + "Basra" + repeat(")", 64)) == "no error");
    // 100,000 ORs overflowed Xapian's matcher through a left-deep tree.
    const std::string many = "Basra" + repeat(" OR Basra", 100000);
    const std::string error = query_error(many);
    CHECK(error.find("has more than 1000 words and operators") != std::string::npos);
    CHECK(error.size() < 200);  // the query is quoted cut, not whole
    CHECK(query_error("\"" + repeat("w ", 1001) + "\"").find("more than 1000") != std::string::npos);
    // A control byte in a query is escaped in the message.
    CHECK(query_error("(\x1B[2J") == "missing \")\" in query \"(\\x1B[2J\"");
}

TEST_CASE("OR chains are built flat and run through Xapian", "[query][hardening]") {
    tigris::QueryBuilder qb(tigris::test::test_analyzer());
    CHECK(qb.build("Basra OR jam OR bath").get_description() == "Query((XCbasra OR Zjam OR Zbath))");
    const std::string chain = "Basra" + repeat(" OR Basra", 499);
    const Xapian::Query q = qb.build(chain);
    Xapian::Enquire enquire(memory_index());
    enquire.set_query(q);
    CHECK(enquire.get_mset(0, 10).size() == 1);
}

TEST_CASE("dates in queries must be real", "[query][dates]") {
    CHECK(query_error("date:2007-02-31") == "date \"2007-02-31\" is not a real YYYY, YYYY-MM or YYYY-MM-DD");
    CHECK(query_error("date:2007-99-99..2008") == "date \"2007-99-99..2008\" is not a real YYYY, YYYY-MM or YYYY-MM-DD");
    CHECK(query_error("date:2008-02-29") == "no error");
}

TEST_CASE("a JSON line nested 100,000 deep is a problem of its line", "[corpus][hardening]") {
    const std::string deep = R"({"id": "x", "body": "b", "meta": {"k": )" + repeat("[", 100000) + repeat("]", 100000) + "}}";
    CHECK(problem_of(deep) == "x.jsonl:7: JSON nests arrays and objects deeper than 64 levels");
    const std::string ok = R"({"id": "x", "body": "b", "meta": {"k": )" + repeat("[", 60) + repeat("]", 60) + "}}";
    CHECK(problem_of(ok) == "no problem");
    // Brackets inside strings are text.
    CHECK(problem_of(R"({"id": "x", "body": ")" + repeat("[", 1000) + "\"}") == "no problem");
}

TEST_CASE("fields that would make terms too long are problems naming the document", "[corpus][hardening]") {
    CHECK(problem_of(R"({"id": "x", "body": "b", "source": ")" + std::string(300, 's') + "\"}") ==
          "x.jsonl:7: document \"x\": source \"" + std::string(40, 's') + "\xE2\x80\xA6\" is longer than 100 bytes");
    CHECK(problem_of(R"({"id": ")" + std::string(201, 'i') + R"(", "body": "b"})").find("is longer than 200 bytes") !=
          std::string::npos);
    CHECK(problem_of(R"({"id": "a\u0000b", "body": "b"})") == "x.jsonl:7: id \"a\\x00b\" holds a control character");
    CHECK(problem_of(R"({"id": "x", "body": "b", "date": "2007-02-31"})") ==
          "x.jsonl:7: document \"x\": date \"2007-02-31\" is not a real YYYY-MM-DD");
    CHECK(problem_of(R"({"id": "x", "body": "b", "col\u001Bour": 1})") ==
          "x.jsonl:7: unknown field \"col\\x1Bour\" (expected id, source, date, title, body, meta)");
}

TEST_CASE("terms longer than Xapian's limit are skipped, the document is indexed", "[analyzer][hardening]") {
    // Eight U+FDFA: NFKC writes each as 18 letters, past 245 bytes after the 64-byte cap.
    tigris::CorpusDocument d;
    d.id = "fdfa";
    d.body = "Basra " + repeat("\xEF\xB7\xBA", 8) + " report";
    d.title = repeat("\xEF\xB7\xBA", 8);
    const Xapian::Document doc = tigris::make_document(tigris::test::test_analyzer(), d);
    std::size_t longest = 0, terms = 0;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        longest = std::max(longest, (*t).size());
        ++terms;
    }
    CHECK(longest <= 245);
    CHECK(terms > 3);  // Basra and report are there
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    CHECK_NOTHROW(db.replace_document("Qfdfa", doc));
    CHECK_THROWS_AS(tigris::make_document(tigris::test::test_analyzer(),
                                          tigris::CorpusDocument{"x", std::string(300, 's'), "", "", "b", "{}", "", 0}),
                    tigris::InputError);
}

TEST_CASE("YAML: a long id, invalid UTF-8 and broader cycles are errors lint reports", "[synonyms][hardening]") {
    auto error_of = [](const std::string& yaml) -> std::string {
        try {
            tigris::parse_synonym_yaml(yaml, "bad.yaml");
        } catch (const tigris::LexiconError& e) {
            return e.what();
        }
        return "no error";
    };
    const std::string long_id = std::string(300, 'a');
    CHECK(error_of("version: 1\nfamilies:\n  - id: " + long_id + "\n    kind: place\n    variants: [Basra]\n") ==
          "bad.yaml:3:9: family id \"" + std::string(40, 'a') + "\xE2\x80\xA6\" is longer than 100 bytes");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [Bas\xFFra]\n") ==
          "bad.yaml:5:19: invalid UTF-8 (byte 0xFF)");
    const std::string cycle =
        "version: 1\nfamilies:\n"
        "  - {id: a, kind: group, variants: [Alpha Group], broader: [b]}\n"
        "  - {id: b, kind: group, variants: [Beta Group], broader: [c]}\n"
        "  - {id: c, kind: group, variants: [Gamma Group], broader: [a]}\n";
    const auto specs = tigris::parse_synonym_yaml(cycle, "cycle.yaml");
    CHECK_THROWS_WITH(tigris::check_broader_cycles(specs),
                      "cycle.yaml:5:61: broader families form a cycle: a \xE2\x86\x92 b \xE2\x86\x92 c \xE2\x86\x92 a");
    std::vector<tigris::LexiconError> problems;
    tigris::check_broader_cycles(specs, &problems);
    CHECK(problems.size() == 1);
    const auto no_cycle = tigris::parse_synonym_yaml(
        "version: 1\nfamilies:\n  - {id: a, kind: group, variants: [Alpha Group], broader: [b]}\n"
        "  - {id: b, kind: group, variants: [Beta Group]}\n",
        "ok.yaml");
    CHECK_NOTHROW(tigris::check_broader_cycles(no_cycle));
}
