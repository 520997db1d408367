// A result set as CSV and JSON to download.
#include <catch2/catch.hpp>

#include "tigris/result_format.h"

namespace {

tigris::SearchResult two_hits() {
    tigris::SearchResult r;
    r.query = "Walid";
    r.total = 7;
    tigris::Hit a;
    a.rank = 1;
    a.id = "reports/inquiry.pdf";
    a.title = "Inquiry, \"Basra\" detentions";
    a.date = "2007-08-24";
    a.source = "pdf";
    a.score = 2.5;
    a.page = 2;
    a.detailed = true;
    a.snippet = {{"…the evidence of ", false}, {"Waleed", true}, {" al-Hashimi\nand others ", false}};
    a.matched = {{"Waleed", "name waleed \xE2\x86\x90 walid: ee/i (0.54)"}};
    tigris::Hit b;
    b.rank = 2;
    b.id = "web/x.html";
    b.title = "=HYPERLINK(\"http://example.org\")";  // a hostile file's title
    b.source = "html";
    b.score = 0.125;
    b.detailed = true;
    b.snippet = {{"Police said ", false}, {"Walid", true}, {" Khalil", false}};
    b.matched = {{"Walid", "name walid"}, {"Walid Khalil", "word"}};
    r.hits = {a, b};
    return r;
}

}  // namespace

TEST_CASE("CSV: a header, a row per hit, quoted where needed, formulas defused", "[export]") {
    CHECK(tigris::to_csv(two_hits()) ==
          "rank,id,title,date,source,score,page,matched,snippet\r\n"
          "1,reports/inquiry.pdf,\"Inquiry, \"\"Basra\"\" detentions\",2007-08-24,pdf,2.5000,2,"
          "Waleed (name waleed \xE2\x86\x90 walid: ee/i (0.54)),\"…the evidence of Waleed al-Hashimi\nand others\"\r\n"
          "2,web/x.html,\"'=HYPERLINK(\"\"http://example.org\"\")\",,html,0.1250,,"
          "Walid (name walid); Walid Khalil (word),Police said Walid Khalil\r\n");
    tigris::SearchResult none;
    CHECK(tigris::to_csv(none) == "rank,id,title,date,source,score,page,matched,snippet\r\n");
}

TEST_CASE("export JSON: the CSV's fields, snippets as plain text", "[export]") {
    const nlohmann::json j = tigris::to_export_json(two_hits());
    CHECK(j["query"] == "Walid");
    CHECK(j["total"] == 7);
    CHECK(j["exported"] == 2);
    CHECK(j["hits"][0]["snippet"] == "…the evidence of Waleed al-Hashimi\nand others");
    CHECK(j["hits"][0]["page"] == 2);
    CHECK_FALSE(j["hits"][1].contains("page"));
    CHECK(j["hits"][1]["matched"] == nlohmann::json::parse(R"([{"text": "Walid", "via": "name walid"},
                                                               {"text": "Walid Khalil", "via": "word"}])"));
}
