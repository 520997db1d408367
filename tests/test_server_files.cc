// Integration tests: what the search page's pictures, downloads and links ask of the
// server, over the timeline fixtures and the folder of PDF, HTML, e-mail and text files.
#include <catch2/catch.hpp>

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server_support.h"

using nlohmann::json;

namespace {

using tigris::server_test::Server;

// "Walid" here: 12 documents; Walid written in 6, Waleed in 7 (tl/08 both).
Server& server() {
    static Server s("files", std::string(TIGRIS_FIXTURES) + "/timeline.jsonl " + TIGRIS_FIXTURES + "/files");
    return s;
}

httplib::Result get(const std::string& path) {
    auto c = server().client();
    auto res = c.Get(path.c_str());
    REQUIRE(res);
    INFO(path << " -> " << res->body);
    return res;
}

json get_json(const std::string& path, int status = 200) {
    const auto res = get(path);
    INFO(path << " -> " << res->body);
    CHECK(res->status == status);
    return json::parse(res->body);
}

}  // namespace

TEST_CASE("server: facets count the matches by month and each spelling by month and source", "[server][facets]") {
    const json f = get_json("/api/facets?q=Walid");
    CHECK(f["timeline"] == json::parse(R"({"2006-06": 1, "2007-01": 1, "2007-02": 2, "2007-03": 1, "2007-04": 1,
                                           "2007-05": 2, "2007-06": 1, "2007-08": 1, "2008-03": 1})"));
    CHECK(f["undated"] == 1);
    REQUIRE(f["spellings"].size() == 2);
    CHECK(f["spellings"][0] == json::parse(R"({"text": "Walid", "via": "name walid", "documents": 6,
        "month": {"2007-03": 1, "2007-05": 2, "2007-06": 1, "2008-03": 1},
        "source": {"html": 1, "news": 4, "text": 1}})"));
    CHECK(f["spellings"][1]["text"] == "Waleed");
    CHECK(f["spellings"][1]["documents"] == 7);
    CHECK(f["spellings"][1]["source"] == json::parse(R"({"cables": 4, "email": 1, "news": 1, "pdf": 1})"));
    CHECK(f["spellings_left_out"] == 0);
    // A date filter: the timeline keeps every month (the page marks the chosen one); the
    // spellings count the chosen months only.
    const json may = get_json("/api/facets?q=Walid&from=2007-05&to=2007-05");
    CHECK(may["timeline"] == f["timeline"]);
    REQUIRE(may["spellings"].size() == 1);
    CHECK(may["spellings"][0]["month"] == json::parse(R"({"2007-05": 2})"));
    // A source filter narrows both.
    const json cables = get_json("/api/facets?q=Walid&source=cables");
    CHECK(cables["timeline"] == json::parse(R"({"2007-01": 1, "2007-02": 2, "2007-04": 1})"));
    CHECK(cables["spellings"].size() == 1);
    // A family: its listed variants as the documents write them.
    const json shia = get_json("/api/facets?q=Shia");
    REQUIRE(shia["spellings"].size() == 1);
    CHECK(shia["spellings"][0]["text"] == "Shi'a");  // Shi’a in the HTML page, one term with Shi'a
    CHECK(shia["spellings"][0]["via"] == "family shia");
    CHECK(get_json("/api/facets?q=%28Walid", 400)["error"] == "missing \")\" in query \"(Walid\"");
    CHECK(get_json("/api/facets?q=Walid&limit=3", 400)["error"] == "unknown parameter \"limit\"");
}

TEST_CASE("server: search has month facets and a PDF hit's page", "[server][facets]") {
    const json j = get_json("/api/search?q=Hassan");
    CHECK(j["facets"]["month"] == json::parse(R"({"2007-08": 1, "2008-01": 1})"));
    bool pdf = false;
    for (const auto& h : j["hits"]) {
        if (h["id"] != "reports/inquiry.pdf") continue;
        pdf = true;
        CHECK(h["page"] == 2);
    }
    CHECK(pdf);
}

TEST_CASE("server: the result set downloads as CSV or JSON", "[server][export]") {
    const auto csv = get("/api/export?q=Walid");
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(csv->get_header_value("Content-Disposition") == "attachment; filename=\"tigris-results.csv\"");
    CHECK(csv->body.rfind("rank,id,title,date,source,score,page,matched,snippet\r\n", 0) == 0);
    std::size_t rows = 0;
    for (std::size_t at = 0; (at = csv->body.find("\r\n", at)) != std::string::npos; at += 2) ++rows;
    CHECK(rows == 13);  // the header and every result
    const json j = get_json("/api/export?q=Walid&format=json&limit=2&source=cables");
    CHECK(j["total"] == 4);
    CHECK(j["exported"] == 2);
    CHECK(j["hits"][0]["snippet"].get<std::string>().find("<b>") == std::string::npos);
    CHECK(j["hits"][0]["matched"][0]["text"] == "Waleed");
    CHECK(get_json("/api/export?q=Walid&format=xml", 400)["error"] == "parameter \"format\" must be csv or json, not \"xml\"");
    CHECK(get_json("/api/export?q=Walid&limit=1001", 400)["error"] == "parameter \"limit\" must be at most 1000, not 1001");
}

TEST_CASE("server: the page takes its state from its URL; its files are served", "[server][page]") {
    const auto page = get("/?q=Walid&source=news&source=cables&from=2007&to=2007-06&page=2&doc=tl%2F03");
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("<script src=\"/static/charts.js\"></script>") != std::string::npos);
    CHECK(get_json("/?colour=red", 400)["error"] == "unknown parameter \"colour\"");
    for (const char* file : {"/static/search.js", "/static/charts.js", "/static/search.css"}) {
        INFO(file);
        const auto res = get(file);
        CHECK(res->status == 200);
        CHECK(res->body.size() > 1000);
    }
    CHECK(get("/static/charts.js")->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(get_json("/static/secret.js", 404)["error"] == "not found");
    CHECK(get_json("/static/../server.cc", 404)["error"] == "not found");
}
