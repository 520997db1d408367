#include <catch2/catch.hpp>

#include "test_support.h"
#include "tigris/query_builder.h"

namespace {

std::string q(const std::string& text, Xapian::Query::op op = Xapian::Query::OP_AND) {
    const tigris::QueryBuilder qb(tigris::test::test_analyzer());
    return qb.build(text, op).get_description();
}

}  // namespace

TEST_CASE("queries build the same terms as documents", "[query]") {
    struct Row {
        const char* query;
        const char* description;
    };
    const Row rows[] = {
        {"Shia", "Query(XCshia)"},
        {"Shi\xE2\x80\x99" "a", "Query(XCshia)"},
        {"shiites", "Query(XCshia)"},
        {"Moqtada Sadr", "Query(XCmuqtada)"},
        {"\"Muqtada as-Sadr\"", "Query(XCmuqtada)"},
        {"al-Sadr", "Query(XCsadr)"},
        {"Mahdi Army", "Query(XCmahdi-army)"},
        {"\"Jaysh al Mahdi\"", "Query(XCmahdi-army)"},
        {"JAM", "Query(XCmahdi-army)"},
        {"jam", "Query(Zjam)"},
        {"Bassora", "Query(XCbasra)"},
        {"An Najaf", "Query((XKnajaf SYNONYM Znajaf))"},
        {"Mosul", "Query((XKmusul SYNONYM Zmosul))"},
        {"bath", "Query(Zbath)"},
        {"Iran", "Query((XKiran SYNONYM Ziran))"},
        {"Islamic State", "Query(XCisis)"},
        {"\"Jaish al-Mahdi militia\"", "Query((XCmahdi-army PHRASE 3 militia))"},
        {"\"Mosul bridge\"", "Query(((XKmusul OR mosul) PHRASE 2 bridge))"},
        {"MNF-I", "Query(XCmnf-i)"},
        {"Shia-led", "Query((XCshia AND Zled))"},
        {"Abu-Risha", "Query((((XKabu OR abu) PHRASE 2 (XKrisha OR risha)) OR aburisha))"},
        // A number is found as written: documents have no stem term for it.
        {"2007 elections", "Query((2007 AND Zelect))"},
        {"1990s", "Query(1990s)"},
        {"A380s", "Query(Za380)"},  // found with A380 too
    };
    for (const auto& r : rows) {
        INFO(r.query);
        CHECK(q(r.query) == r.description);
    }
}

TEST_CASE("boolean operators, fields and ranges", "[query]") {
    CHECK(q("Basra OR Najaf") == "Query((XCbasra OR (XKnajaf SYNONYM Znajaf)))");
    CHECK(q("Basra NOT JAM") == "Query((XCbasra AND_NOT XCmahdi-army))");
    CHECK(q("Basra -jam") == "Query((XCbasra AND_NOT Zjam))");
    CHECK(q("NOT jam") == "Query((<alldocuments> AND_NOT Zjam))");
    CHECK(q("(Basra OR Najaf) AND Shia") == "Query(((XCbasra OR (XKnajaf SYNONYM Znajaf)) AND XCshia))");
    CHECK(q("title:Basra") == "Query(SXCbasra)");
    CHECK(q("title:\"Mahdi Army\"") == "Query(SXCmahdi-army)");
    CHECK(q("Shia source:cables") == "Query((XCshia FILTER XScables))");
    CHECK(q("Shia source:cables source:chilcot") == "Query((XCshia FILTER (XScables OR XSchilcot)))");
    CHECK(q("Shia date:2007..2008") == "Query((XCshia FILTER VALUE_RANGE 0 20070101 20081231))");
    CHECK(q("Shia date:2007-03..") == "Query((XCshia FILTER VALUE_GE 0 20070301))");
    CHECK(q("Shia year:2007") == "Query((XCshia FILTER Y2007))");
    CHECK(q("Basra Najaf", Xapian::Query::OP_OR) == "Query((XCbasra OR (XKnajaf SYNONYM Znajaf)))");
    CHECK(q("+Basra Najaf", Xapian::Query::OP_OR) == "Query((XCbasra AND_MAYBE (XKnajaf SYNONYM Znajaf)))");
}

TEST_CASE("malformed queries give a clear error", "[query]") {
    CHECK_THROWS_WITH(q("(Basra"), "missing \")\" in query \"(Basra\"");
    CHECK_THROWS_WITH(q("Basra)"), "unexpected \")\" at offset 5 in query \"Basra)\"");
    CHECK_THROWS_WITH(q("date:2007/01"), "date \"2007/01\" is not a real YYYY, YYYY-MM or YYYY-MM-DD");
    CHECK_THROWS_WITH(q("Basra NOT"), "NOT at the end of query \"Basra NOT\"");
    CHECK_THROWS_WITH(q("year:07"), "year \"07\" is not YYYY");
}

TEST_CASE("explain says how each query word was read", "[query]") {
    const tigris::QueryBuilder qb(tigris::test::test_analyzer());
    const auto rows = qb.explain("JAM in Bassora jam");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].kind == "acronym");
    CHECK(rows[0].via == "family mahdi-army (JAM)");
    CHECK(rows[2].kind == "family");
    CHECK(rows[2].terms == "Query(XCbasra)");
    CHECK(rows[3].kind == "word");
    CHECK(rows[3].terms == "Query(Zjam)");
}

TEST_CASE("against an index built with other lists, a family also matches its variants' keys", "[query]") {
    tigris::QueryBuilder qb(tigris::test::test_analyzer());
    CHECK(qb.build("Fallujah OR Bassora").get_description() == "Query(((XKfaluja SYNONYM Zfallujah) OR XCbasra))");
    qb.set_expand_by_variant_keys(true);
    CHECK(qb.build("Bassora").get_description() == "Query((XCbasra OR XKbasra OR XKbasura))");
    CHECK(qb.build("Mahdi Army").get_description() == "Query(XCmahdi-army)");  // multi-word only
}
