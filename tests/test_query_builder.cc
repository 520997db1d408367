#include <catch2/catch.hpp>

#include <algorithm>

#include "test_support.h"
#include "tigris/query_builder.h"

namespace {

std::string q(const std::string& text, Xapian::Query::op op = Xapian::Query::OP_AND) {
    tigris::QueryBuilder qb(tigris::test::test_analyzer());
    return qb.build(text, op).get_description();
}

// The documents of @p db that @p qb's query for @p query finds, in docid order.
std::vector<Xapian::docid> found_ids(tigris::QueryBuilder& qb, const Xapian::Database& db, const std::string& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(qb.build(query));
    std::vector<Xapian::docid> ids;
    for (const auto& m : enquire.get_mset(0, db.get_doccount())) ids.push_back(m);
    std::sort(ids.begin(), ids.end());
    return ids;
}

// What building @p query with @p qb reports: its names and the query to offer.
tigris::QueryReport report_of(tigris::QueryBuilder& qb, const std::string& query) {
    tigris::QueryReport report;
    qb.build(query, Xapian::Query::OP_AND, &report);
    return report;
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
        // Without an index to match names against, a name finds its own spelling, never
        // stemmed as English.
        {"An Najaf", "Query(najaf)"},
        {"Mosul", "Query(mosul)"},
        {"bath", "Query(Zbath)"},
        {"Iran", "Query(iran)"},
        {"Islamic State", "Query(XCisis)"},
        {"\"Jaish al-Mahdi militia\"", "Query((XCmahdi-army PHRASE 3 militia))"},
        {"\"Mosul bridge\"", "Query((mosul PHRASE 2 bridge))"},
        {"MNF-I", "Query(XCmnf-i)"},
        {"Shia-led", "Query((XCshia AND Zled))"},
        // Abu with the name it governs: its words, or the one name they write.
        {"Abu-Risha", "Query((aburisha OR (abu PHRASE 2 risha)))"},
        {"Abu Risha", "Query((aburisha OR (abu AND risha)))"},
        // A number is found as written: documents have no stem term for it.
        {"2007 elections", "Query((2007 AND Zelect))"},
        {"1990s", "Query(1990s)"},
        {"a380s", "Query(Za380)"},  // found with A380 too
        {"A380s", "Query(a380s)"},  // capitalized: as written, as QueryParser does
        // A capitalized word is not stemmed: Sayed is not say, Berri is not berries.
        {"Elections", "Query(elections)"},
    };
    for (const auto& r : rows) {
        INFO(r.query);
        CHECK(q(r.query) == r.description);
    }
}

TEST_CASE("boolean operators, fields and ranges", "[query]") {
    CHECK(q("Basra OR Najaf") == "Query((XCbasra OR najaf))");
    CHECK(q("Basra NOT JAM") == "Query((XCbasra AND_NOT XCmahdi-army))");
    CHECK(q("Basra -jam") == "Query((XCbasra AND_NOT Zjam))");
    CHECK(q("NOT jam") == "Query((<alldocuments> AND_NOT Zjam))");
    CHECK(q("(Basra OR Najaf) AND Shia") == "Query(((XCbasra OR najaf) AND XCshia))");
    CHECK(q("title:Basra") == "Query(SXCbasra)");
    CHECK(q("title:\"Mahdi Army\"") == "Query(SXCmahdi-army)");
    CHECK(q("Shia source:cables") == "Query((XCshia FILTER XScables))");
    CHECK(q("Shia source:cables source:chilcot") == "Query((XCshia FILTER (XScables OR XSchilcot)))");
    CHECK(q("Shia date:2007..2008") == "Query((XCshia FILTER VALUE_RANGE 0 20070101 20081231))");
    CHECK(q("Shia date:2007-03..") == "Query((XCshia FILTER VALUE_GE 0 20070301))");
    CHECK(q("Shia year:2007") == "Query((XCshia FILTER Y2007))");
    CHECK(q("Basra Najaf", Xapian::Query::OP_OR) == "Query((XCbasra OR najaf))");
    CHECK(q("+Basra Najaf", Xapian::Query::OP_OR) == "Query((XCbasra AND_MAYBE najaf))");
}

TEST_CASE("malformed queries give a clear error", "[query]") {
    CHECK_THROWS_WITH(q("(Basra"), "missing \")\" in query \"(Basra\"");
    CHECK_THROWS_WITH(q("Basra)"), "unexpected \")\" at offset 5 in query \"Basra)\"");
    CHECK_THROWS_WITH(q("date:2007/01"), "date \"2007/01\" is not a real YYYY, YYYY-MM or YYYY-MM-DD");
    CHECK_THROWS_WITH(q("Basra NOT"), "NOT at the end of query \"Basra NOT\"");
    CHECK_THROWS_WITH(q("year:07"), "year \"07\" is not YYYY");
}

TEST_CASE("explain says how each query word was read", "[query]") {
    tigris::QueryBuilder qb(tigris::test::test_analyzer());
    const auto rows = qb.explain("JAM in Bassora jam");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].kind == "acronym");
    CHECK(rows[0].via == "family mahdi-army (JAM)");
    CHECK(rows[2].kind == "family");
    CHECK(rows[2].terms == "Query(XCbasra)");
    CHECK(rows[3].kind == "word");
    CHECK(rows[3].terms == "Query(Zjam)");
}

TEST_CASE("against an index built with other lists, a family is also searched by its variants", "[query]") {
    tigris::QueryBuilder qb(tigris::test::test_analyzer());
    CHECK(qb.build("Bassora").get_description() == "Query(XCbasra)");
    qb.set_expand_families(true);
    CHECK(qb.build("Bassora").get_description() == "Query((XCbasra OR basra OR bassora))");
    CHECK(qb.build("Mahdi Army").get_description() ==
          "Query((XCmahdi-army OR (mahdi PHRASE 2 army) OR (jaish PHRASE 2 mahdi) OR (mahdi PHRASE 2 militia) OR "
          "XAJAM))");
}

TEST_CASE("an English word written as a name meets only the long vowels of its spellings", "[query][names]") {
    const auto db = tigris::test::index_of({"They met Halle Berry there.", "Speaker Nabih Berri spoke.",
                                           "He asked Amir about it.", "Then Ameer spoke.",
                                           "Omar met Kamel at the Camel Club.", "Omar met Saeed and Said."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    // Berri and Berry differ by a final y/i, camel and Kamel by c/k: the scorer reads
    // both as one name, but one spelling is an English word.
    CHECK(qb.build("Berri").get_description() == "Query(((berri SYNONYM XNBr:berri) OR berri))");
    CHECK(qb.build("Berry").get_description() == "Query(((berry SYNONYM XNBr:berry) OR berry))");
    CHECK(qb.build("Kamel").get_description() == "Query(((kamel SYNONYM XNKml:kamel) OR kamel))");
    // Ameer and Amir differ only in how the long i is written, in both directions.
    CHECK(qb.build("Ameer").get_description() == "Query(((ameer SYNONYM XNmr:ameer SYNONYM XNmr:amir) OR ameer))");
    CHECK(qb.build("Amir").get_description() == "Query(((amir SYNONYM XNmr:amir SYNONYM XNmr:ameer) OR amir))");
    CHECK(qb.build("Saeed").get_description() == "Query(((saeed SYNONYM XNST:saeed SYNONYM XNST:said) OR saeed))");
}

TEST_CASE("an acronym is not a name: three capitals in a query, or what the index holds in capitals", "[query][names]") {
    // OPEC and ISAF are written in capitals in text of mixed case in ten documents each
    // (XA terms beside their name terms); a cable writes the surname ATTIA so in three.
    std::vector<std::string> texts;
    for (int k = 0; k < 10; ++k) {
        texts.push_back("Ministers of OPEC met in round " + std::to_string(k) + ".");
        texts.push_back("ISAF patrols in district " + std::to_string(k) + ".");
    }
    for (const char* text : {"An OPIC loan.", "Talks with Opek went well.", "ESAF is another.", "The GOI said so.",
                             "Gui spoke.", "Mr ATTIA said so.", "Then ATTIA left.", "ATTIA again.",
                             "Talks with Attiya went well."}) {
        texts.emplace_back(text);
    }
    const auto db = tigris::test::index_of(texts);
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    // An acronym by the index's evidence matches only itself, however the query writes
    // it (Opek would be OPEC by k/c, ESAF ISAF by e/i) ...
    CHECK(qb.build("OPEC").get_description() == "Query(((opec SYNONYM XNBK:opec) OR opec))");
    CHECK(qb.build("Opec").get_description() == "Query(((opec SYNONYM XNBK:opec) OR opec))");
    CHECK(qb.build("ISAF").get_description() == "Query(((isaf SYNONYM XNSF:isaf) OR isaf))");
    // ... and is no other spelling's candidate (OPIC is OPEC by i/e).
    CHECK(qb.build("Opic").get_description() ==
          "Query(((opic SYNONYM XNBK:opic SYNONYM XNBK:opek) OR opic))");
    // Three capitals are an acronym in a query as in a document: GOI is not Gui.
    CHECK(qb.build("GOI").get_description() == "Query(goi)");
    CHECK(qb.build("Goi").get_description() == "Query(((goi SYNONYM XNK:gui) OR goi))");
    // A name in capitals in a few documents stays a name.
    CHECK(qb.build("ATTIA").get_description() ==
          "Query(((attia SYNONYM XNT:attia SYNONYM XNT:attiya) OR attia))");
}

TEST_CASE("a name meets its spellings inside a family's words too", "[query][names]") {
    // Musab here is a word of the zarqawi family (Abu Musab al-Zarqawi); Mus'ab alone is
    // no family, and is the same name.
    const auto db = tigris::test::index_of({"Abu Musab al-Zarqawi was killed.", "Talks with Mus'ab went well.",
                                           "Abu Mussab al-Zarqawi again."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    CHECK(qb.build("Mus'ab").get_description() ==
          "Query(((mus'ab SYNONYM XNmSB:mus'ab SYNONYM XNmSB:musab SYNONYM XNmSB:mussab) OR mus'ab))");
    Xapian::Enquire enquire(db);
    enquire.set_query(qb.build("Mus'ab"));
    CHECK(enquire.get_mset(0, 10).size() == 3);
}

TEST_CASE("a name of several words is also searched as the one name it writes", "[query][names]") {
    const auto db = tigris::test::index_of({"Talks with Abdul Aziz went well.", "Then Abdulaziz spoke.",
                                           "Later Abdelaziz left.", "Sheikh Abd al-Aziz came."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    // Its words as before, or the joined spelling and the spellings of it the index has.
    CHECK(qb.build("Abdul Aziz").get_description() ==
          "Query(((abdulaziz SYNONYM XNBTlT:abdulaziz SYNONYM XNBTlT:abdalaziz SYNONYM XNBTlT:abdelaziz) OR "
          "abdulaziz OR (((abdul SYNONYM XNBTl:abdul) OR abdul) AND ((aziz SYNONYM XNT:aziz) OR aziz))))");
    // Hyphened, its words are a phrase.
    CHECK(qb.build("Abdel-Aziz").get_description() ==
          "Query(((abdelaziz SYNONYM XNBTlT:abdelaziz SYNONYM XNBTlT:abdulaziz SYNONYM XNBTlT:abdalaziz) OR "
          "abdelaziz OR ((abdel OR abdul) PHRASE 2 aziz)))");
    // The one word finds the words (Abdul Aziz, Abd al-Aziz wrote its name term).
    Xapian::Enquire enquire(db);
    enquire.set_query(qb.build("Abdulaziz"));
    CHECK(enquire.get_mset(0, 10).size() == 4);
    const auto rows = qb.explain("Abd al-Aziz");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == "Abd al-Aziz");
    CHECK(rows[0].norm == "abdalaziz");
    CHECK(rows[0].via.rfind("its words, or one name written as one word: spellings in the index: abdalaziz; ", 0) == 0);
    // In a phrase, its words, or one word by the raw terms of its spellings.
    CHECK(qb.build("\"Abdul Aziz\"").get_description() ==
          "Query(((abdul PHRASE 2 aziz) OR (abdulaziz OR abdalaziz OR abdelaziz)))");
    const auto phrase_rows = qb.explain("\"Abdul Aziz\"");
    REQUIRE(phrase_rows.size() == 1);
    CHECK(phrase_rows[0].terms == "Query(((abdul PHRASE 2 aziz) OR (abdulaziz OR abdalaziz OR abdelaziz)))");
    // Part of a longer hyphen compound is no name compound: Aziz-Khan keeps its whole.
    CHECK(qb.build("Abdul Aziz-Khan").get_description() ==
          "Query((((abdul SYNONYM XNBTl:abdul) OR abdul) AND ((aziz PHRASE 2 khan) OR azizkhan)))");
    CHECK(qb.explain("Abdul Aziz-Khan").size() == 3);
    CHECK(qb.build("Pro-Abdel Aziz").get_description() ==
          "Query((((pro PHRASE 2 (abdel OR abdul)) OR proabdel) AND ((aziz SYNONYM XNT:aziz) OR aziz)))");
    CHECK(qb.explain("Pro-Abdel Aziz").size() == 3);
    // A compound after one refused is still read.
    CHECK(qb.build("Pro-Abdel Aziz Abdul Aziz").get_description() ==
          "Query((((pro PHRASE 2 (abdel OR abdul)) OR proabdel) AND ((aziz SYNONYM XNT:aziz) OR aziz) AND "
          "((abdulaziz SYNONYM XNBTlT:abdulaziz SYNONYM XNBTlT:abdalaziz SYNONYM XNBTlT:abdelaziz) OR abdulaziz OR "
          "(((abdul SYNONYM XNBTl:abdul) OR abdul) AND ((aziz SYNONYM XNT:aziz) OR aziz)))))");
}

TEST_CASE("a phrase finds a name compound written as its words or as one word", "[query][names]") {
    const auto db = tigris::test::index_of({"Sheikh Abdul Aziz came.", "Sheikh Abdulaziz came.",
                                           "Sheikh Abdelaziz came.", "Abdul Aziz met the Sheikh.",
                                           "Sheikh Abdulaziz Abu Zeid came.", "Sheikh Abdul Aziz Abuzeid came."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    const auto ids = [&](const std::string& q) { return found_ids(qb, db, q); };
    using D = std::vector<Xapian::docid>;
    CHECK(ids("\"Sheikh Abdul Aziz came\"") == D{1, 2, 3});
    // The one word, its words apart too (Abd al- among them).
    CHECK(ids("\"Sheikh Abdelaziz came\"") == D{1, 2, 3});
    CHECK(qb.build("\"Sheikh Abdelaziz\"").get_description() ==
          "Query(((sheikh PHRASE 2 (abdelaziz OR abdulaziz)) OR "
          "(sheikh PHRASE 3 (abdel OR abd OR abdul) PHRASE 3 aziz)))");
    const auto rows = qb.explain("\"Sheikh Abdelaziz\"");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].via.find("; in the phrase, also its words apart: abdel aziz") != std::string::npos);
    CHECK(ids("\"Sheikh Abdul Aziz Abu Zeid\"") == D{5, 6});
    // Two compounds: each both ways, four phrases.
    CHECK(qb.build("\"Abdul Aziz Abu Zeid\"").get_description() ==
          "Query(((abdul PHRASE 4 aziz PHRASE 4 abu PHRASE 4 zeid) OR ((abdulaziz OR abdelaziz) PHRASE 3 abu PHRASE 3 zeid) "
          "OR (abdul PHRASE 3 aziz PHRASE 3 abuzeid) OR ((abdulaziz OR abdelaziz) PHRASE 2 abuzeid)))");
}

TEST_CASE("a compound's article meets its assimilated writings: Abdurrahman, Nasreddin", "[query][names]") {
    const auto db = tigris::test::index_of({"Then Abdurrahman spoke.", "Talks with Abdul Rahman.", "Nasr ad-Din left.",
                                           "Nasreddin came.", "Abdur Khan and Rahman met."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    // Abdur before the name its r starts is Abd ar-: a compound, the name Abdul Rahman
    // wrote; Abdur Khan is not one.
    CHECK(qb.build("Abdur Rahman").get_description() ==
          "Query(((abdurrahman SYNONYM XNBTlrhmn:abdurrahman SYNONYM XNBTlrhmn:abdulrahman) OR abdurrahman OR "
          "(((abdur SYNONYM XNBTr:abdur) OR abdur) AND ((rahman SYNONYM XNrhmn:rahman) OR rahman))))");
    CHECK(qb.build("Abdurrahman").get_description() ==
          "Query(((abdurrahman SYNONYM XNBTlrhmn:abdurrahman SYNONYM XNBTlrhmn:abdulrahman) OR abdurrahman))");
    // ad-Din is the article before Din (an English word too), so Nasr ad-Din wrote its
    // name term, which al-Din meets, as it meets Nasreddin.
    CHECK(qb.build("Nasr al-Din").get_description() ==
          "Query(((nasraldin SYNONYM XNnSrlTn:nasraddin SYNONYM XNnSrlTn:nasreddin) OR nasraldin OR "
          "(((nasr SYNONYM XNnSr:nasr) OR nasr) AND ((din SYNONYM XNTn:din) OR din))))");
    const auto rows = qb.explain("Nasreddin");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].via == "spellings in the index: nasreddin; nasraddin (ad/ed, 0.00)");
}

TEST_CASE("a name compound is two names side by side, not across a paragraph or a comma", "[analyzer][names]") {
    const auto compounds = [](const std::string& text) {
        auto& analyzer = tigris::test::test_analyzer();
        const auto a = analyzer.analyze(text, tigris::AnalysisMode::Document);
        std::vector<std::string> out;
        for (const auto& c : tigris::name_compounds(a, text, tigris::AnalysisMode::Document)) out.push_back(c.spelling);
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(compounds("They met Abdul Aziz.") == V{"abdulaziz"});
    CHECK(compounds("They met Abdul\r\nAziz.") == V{"abdulaziz"});
    CHECK(compounds("They met Abdul\n\nAziz.") == V{});
    CHECK(compounds("They met Abdul, Aziz.") == V{});
    CHECK(compounds("They met Abd al-Aziz and Abdel-Aziz.") == V{"abdalaziz", "abdelaziz"});
    CHECK(compounds("They met Nasr al-Din.") == V{"nasraldin"});
    CHECK(compounds("They met Pro-Abdel Aziz and Abdul Aziz-Khan.") == V{});
    // The article's l written as the sun letter that starts the name; not before another.
    CHECK(compounds("They met Abdus Salam, Abdur-Rahman and Abd ar-Rahim.") ==
          V{"abdussalam", "abdurrahman", "abdarrahim"});
    CHECK(compounds("They met Abdur Khan.") == V{});
    // Abu with the name it governs, its article fused or apart; not Abu alone, nor two.
    CHECK(compounds("They met Abu Bakr, Abou-Zeid, Aboul Magd and Abu al-Abbas.") ==
          V{"abubakr", "abouzeid", "aboulmagd", "abualabbas"});
    CHECK(compounds("They met Abu, Abu Abd, Abu Abou and Abu Al.") == V{});
    // ad-Din and as-Sadr: the article as the letter that follows, the word an English
    // one or not; never an English word that only looks so.
    CHECK(compounds("They met Nasr ad-Din, Salah ed-Din and Shams ud-Din.") ==
          V{"nasraddin", "salaheddin", "shamsuddin"});
    CHECK(compounds("They met Nasr ad-Hoc, Ed Din and Salah ed Din.") == V{});
}

TEST_CASE("explain lists the close spellings a name was not joined to, and why", "[query][names]") {
    std::vector<std::string> texts;
    for (int k = 0; k < 10; ++k) texts.push_back("Ministers of OPEC met in round " + std::to_string(k) + ".");
    for (const char* text : {"Speaker Nabih Berri spoke.", "They met Halle Berry there.", "Hamed and Hamad met.",
                             "An Opic loan."}) {
        texts.emplace_back(text);
    }
    const auto db = tigris::test::index_of(texts);
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    const auto rows = qb.explain("Berri Hamed Opic OPEC");
    REQUIRE(rows.size() == 4);
    for (const auto& row : rows) REQUIRE(row.name);
    const double threshold = tigris::test::test_analyzer().scorer().threshold();
    // The scorer reads Berry as Berri, but Berry is an English word and y/i is not a
    // long vowel written two ways.
    const auto& berri = *rows[0].name;
    REQUIRE(berri.refused.size() == 1);
    CHECK(berri.refused[0].spelling == "berry");
    CHECK(berri.refused[0].differences == "y/i");
    CHECK(berri.refused[0].cost <= threshold);
    CHECK(berri.refused[0].documents == 1);
    CHECK(berri.refused[0].reason == "it is an English word, and they differ by more than a long vowel");
    CHECK(rows[0].via.rfind("spellings in the index: berri; not joined: berry (y/i, ", 0) == 0);
    // Hamad is another name: its cost is above the threshold, within reach of explain.
    const auto& hamed = *rows[1].name;
    REQUIRE(hamed.refused.size() == 1);
    CHECK(hamed.refused[0].spelling == "hamad");
    CHECK(hamed.refused[0].differences == "a/e");
    CHECK(hamed.refused[0].cost > threshold);
    CHECK(hamed.refused[0].cost <= tigris::QueryBuilder::kRefusedReach * threshold);
    const std::string above = "above the threshold ";
    REQUIRE(hamed.refused[0].reason.rfind(above, 0) == 0);
    CHECK(std::stod(hamed.refused[0].reason.substr(above.size())) == Approx(threshold).margin(0.005));
    // OPEC is an acronym by the index's own evidence: never Opic's spelling, and as a
    // query its own spelling only.
    const auto& opic = *rows[2].name;
    REQUIRE(opic.refused.size() == 1);
    CHECK(opic.refused[0].spelling == "opec");
    CHECK(opic.refused[0].reason == "an acronym in the index: in capitals in 10 documents, as a name in 10");
    CHECK(rows[3].name->note == "an acronym in the index: in capitals in 10 documents, as a name in 10; its own "
                                "spelling only");
    CHECK(rows[3].name->refused.empty());
    // Building the query looks for no refusals, and finds the same spellings.
    tigris::QueryReport report;
    qb.build("Berri Hamed Opic OPEC", Xapian::Query::OP_AND, &report);
    REQUIRE(report.names.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(report.names[i].refused.empty());
        std::vector<std::string> built, explained;
        for (const auto& c : report.names[i].spellings) built.push_back(c.term);
        for (const auto& c : rows[i].name->spellings) explained.push_back(c.term);
        CHECK(built == explained);
    }
}

TEST_CASE("a listed name has no English stem in any case: sunny is not sunni", "[query][names]") {
    // Porter2 stems both sunny and sunni to "sunni"; a listed name is found by its
    // concept (and its name term), so even in lower case it writes no stem term.
    CHECK(tigris::test::body_terms("sunni clerics") ==
          std::vector<std::string>{"XCsunni@1", "XNSn:sunni", "Zcleric", "clerics@2", "sunni@1"});
    const auto db = tigris::test::index_of({"A sunny day.", "the sunni clerics", "Sunni clerics"});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    auto found = [&](const std::string& query) { return found_ids(qb, db, query); };
    CHECK(found("sunny") == std::vector<Xapian::docid>{1});
    CHECK(found("sunni") == std::vector<Xapian::docid>{2, 3});
    CHECK(found("Sunnis") == std::vector<Xapian::docid>{2, 3});
    // A lower-case name is searched as written too: jaish of a listed jaish al-mahdi
    // has no stem term to be found by.
    CHECK(qb.build("jaish").get_description() == "Query((Zjaish OR jaish))");
}

TEST_CASE("a name is searched by the spellings of it that the index holds", "[query][names]") {
    const auto db = tigris::test::index_of({"Talks with Walid went well.", "Waleed spoke.", "Wallace spoke.",
                                           "Qassim and Kassem met Nouri, Nuri and Noura.", "Faisal and Faysal.",
                                           "Salem and Salam.", "the walid fund"});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    // The exact spelling first (and counted once more, to rank first), then the others
    // the scorer accepts, closest first; never a look-alike of another name.
    CHECK(qb.build("Walid").get_description() ==
          "Query(((walid SYNONYM XNlT:walid SYNONYM XNlT:waleed) OR walid))");
    CHECK(qb.build("Waleed").get_description() ==
          "Query(((waleed SYNONYM XNlT:waleed SYNONYM XNlT:walid) OR waleed))");
    CHECK(qb.build("Kassim").get_description() ==
          "Query(((kassim SYNONYM XNKSm:kassem SYNONYM XNKSm:qassim) OR kassim))");
    CHECK(qb.build("Nouri").get_description() == "Query(((nouri SYNONYM XNnr:nouri SYNONYM XNnr:nuri) OR nouri))");
    CHECK(qb.build("Salem").get_description() == "Query(((salem SYNONYM XNSlm:salem) OR salem))");
    // In a phrase: any of the spellings, at the word's position (by their raw terms:
    // name terms have no positions).
    CHECK(qb.build("\"Faisal and\"").get_description() == "Query(((faisal OR faysal) PHRASE 2 and))");
    // A word in lower case that is English is never a name; one that is not, is (and
    // is also stemmed: it may be an English word the word list lacks).
    CHECK(qb.build("wall").get_description() == "Query(Zwall)");
    CHECK(qb.build("walid").get_description() ==
          "Query(((Zwalid SYNONYM XNlT:walid SYNONYM XNlT:waleed) OR walid))");
    // A title: the title's own name terms.
    CHECK(qb.build("title:Walid").get_description() == "Query(Swalid)");
    tigris::QueryReport report;
    qb.build("Walid", Xapian::Query::OP_AND, &report);
    REQUIRE(report.names.size() == 1);
    REQUIRE(report.names[0].spellings.size() == 2);
    CHECK(report.names[0].spellings[1].spelling == "waleed");
    CHECK(report.names[0].spellings[1].differences == "ee/i");
    CHECK(report.names[0].spellings[1].documents == 1);
}

TEST_CASE("a spelling a little past the threshold is joined where the index writes it beside the same names",
          "[query][names]") {
    // Ahmed and Ahmad cost a little more than the threshold (e/a in a name's last
    // syllable also tells Hamed from Hamad), but the index writes both before Chalabi and
    // Qurei: evidence that they are one name. Hamed and Hamad share one surname of five.
    std::vector<std::string> texts = {"They met Ahmed Chalabi.", "They met Ahmad Chalabi.", "They met Ahmed Qurei.",
                                      "They met Ahmad Qurei.",   "Ahmed spoke.",            "They met Hamad Jasim."};
    for (const char* surname : {"Bayati", "Rikabi", "Dulaimi", "Jubouri"}) {
        texts.push_back(std::string("They met Hamed ") + surname + ".");
        texts.push_back(std::string("They met Hamad Al") + surname + "i.");
    }
    texts.emplace_back("They met Hamed Jasim.");
    // Hussein is beside too many names to tell anything: Salem and Salam share only it.
    for (int k = 0; k < 26; ++k) texts.push_back("They met Hussein Kamil " + std::to_string(k) + ".");
    texts.emplace_back("They met Salem Hussein.");
    texts.emplace_back("They met Salam Hussein.");
    const auto db = tigris::test::index_of(texts);
    const double threshold = tigris::test::test_analyzer().scorer().threshold();
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);

    tigris::QueryReport report;
    CHECK(qb.build("Ahmad", Xapian::Query::OP_AND, &report).get_description() ==
          "Query(((ahmad SYNONYM XNhmT:ahmad SYNONYM XNhmT:ahmed) OR ahmad))");
    REQUIRE(report.names.size() == 1);
    REQUIRE(report.names[0].spellings.size() == 2);
    const auto& ahmed = report.names[0].spellings[1];
    CHECK(ahmed.spelling == "ahmed");
    CHECK(ahmed.cost > threshold);
    CHECK(ahmed.cost <= tigris::QueryBuilder::kNeighbourReach * threshold);
    CHECK(ahmed.evidence == "both before chalabi");
    CHECK(report.names[0].spellings[0].evidence.empty());
    CHECK(qb.build("Ahmed").get_description() == "Query(((ahmed SYNONYM XNhmT:ahmed SYNONYM XNhmT:ahmad) OR ahmed))");

    // One surname in common of five each: chance.
    CHECK(qb.build("Hamed").get_description() == "Query(((hamed SYNONYM XNhmT:hamed) OR hamed))");
    // One in common that nearly every name is beside: no evidence.
    CHECK(qb.build("Salem").get_description() == "Query(((salem SYNONYM XNSlm:salem) OR salem))");
    const auto rows = qb.explain("Ahmad Hamed Salem");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].via.rfind("spellings in the index: ahmad; ahmed (e/a, ", 0) == 0);
    CHECK(rows[0].via.find(", both before chalabi)") != std::string::npos);
    REQUIRE(rows[1].name);
    REQUIRE(!rows[1].name->refused.empty());
    CHECK(rows[1].name->refused[0].spelling == "hamad");
    CHECK(rows[1].name->refused[0].reason == "above the threshold 1.00, and too few names beside both");
    REQUIRE(rows[2].name);
    REQUIRE(!rows[2].name->refused.empty());
    CHECK(rows[2].name->refused[0].spelling == "salam");
    CHECK(rows[2].name->refused[0].reason == "above the threshold 1.00, and too few names beside both");
}

TEST_CASE("the plural of a people's or a faith's name meets its singular and its spellings", "[query][names]") {
    const auto db = tigris::test::index_of({"They met a Zaydi cleric.", "They met a Zaydi judge.", "They met a Zaydi imam.",
                                           "They met a Zaidi cleric.", "They met the Zaydis of Saada.",
                                           "They met the Zaidis of Saada.", "They met Harris.", "They met Harri.",
                                           "They met Harri Holkeri.", "They met the Sufis of Konya."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);

    tigris::QueryReport report;
    CHECK(qb.build("Zaydis", Xapian::Query::OP_AND, &report).get_description() ==
          "Query(((zaydis SYNONYM XNTS:zaydis SYNONYM XNT:zaydi SYNONYM XNTS:zaidis SYNONYM XNT:zaidi) OR zaydis))");
    REQUIRE(report.names.size() == 1);
    const auto& spellings = report.names[0].spellings;
    REQUIRE(spellings.size() == 4);
    CHECK(spellings[1].spelling == "zaydi");
    CHECK(spellings[1].evidence == "singular");
    CHECK(spellings[1].differences == "-/s");
    CHECK(spellings[2].spelling == "zaidis");
    CHECK(spellings[2].evidence.empty());
    CHECK(spellings[3].spelling == "zaidi");
    CHECK(spellings[3].evidence == "singular");
    // The singular finds the plurals, of its own spelling and of the others, however
    // few documents its own spelling is in.
    CHECK(qb.build("Zaydi").get_description() ==
          "Query(((zaydi SYNONYM XNT:zaydi SYNONYM XNTS:zaydis SYNONYM XNT:zaidi SYNONYM XNTS:zaidis) OR zaydi))");
    Xapian::Enquire enquire(db);
    enquire.set_query(qb.build("Zaidi"));
    CHECK(enquire.get_mset(0, 10).size() == 6);
    // Harris is a name of its own: Harri, in two documents, is not its singular.
    CHECK(qb.build("Harris").get_description() == "Query(((harris SYNONYM XNhrS:harris) OR harris))");
    // A plural whose singular the index hardly holds is searched as written.
    CHECK(qb.build("Sufis").get_description() == "Query(((sufis SYNONYM XNSFS:sufis) OR sufis))");
}

TEST_CASE("a name typed in lower case is searched by its stem, and by the stem's spellings as a name",
          "[query][names]") {
    // Xapian's QueryParser stems a word in lower case, and so does tigris; the index writes
    // no stem term for a capitalized name, so the stem's name terms stand in for it. The
    // capitalized query stays the name as written (Anas is not Ana).
    const auto db = tigris::test::index_of({"They met the Jirga of elders.", "the jirgas met.",
                                           "They met the Jirgas of Swat.", "They met the Jerga of elders."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    tigris::QueryReport report;
    const std::string lower = qb.build("jirgas", Xapian::Query::OP_AND, &report).get_description();
    CHECK(lower.find("Zjirga") != std::string::npos);
    CHECK(lower.find("XNKrK:jirga") != std::string::npos);
    REQUIRE(report.names.size() == 1);
    CHECK(report.names[0].stem == "jirga");
    const auto own = std::find_if(report.names[0].spellings.begin(), report.names[0].spellings.end(),
                                  [](const tigris::NameCandidate& c) { return c.spelling == "jirga"; });
    REQUIRE(own != report.names[0].spellings.end());
    CHECK(own->evidence == "the stem jirga");
    auto found = [&](const char* q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(qb.build(q));
        return enquire.get_mset(0, 10).size();
    };
    CHECK(found("jirgas") == 4);
    CHECK(found("Jirgas") == 2);
    CHECK(qb.build("Jirgas").get_description().find("XNKrK:jirga") == std::string::npos);
}

TEST_CASE("a family's English words listed under any_case match in lower case, each finding all", "[query][family]") {
    // madrasa and madrassa are English words with one sense: listed under any_case, a
    // search in lower case for any spelling finds every other one (by stem, the plurals
    // too), in text of any case, and never the city of Madras.
    tigris::Analyzer analyzer(tigris::test::lexicon_of(R"(version: 1
families:
  - id: madrasa
    kind: term
    canonical: madrasa
    variants: [madrasa, madrassa, madrassah]
    any_case: [madrasa, madrassa]
)"),
                              tigris::test::words());
    const auto db = tigris::test::index_of({"The madrassa was closed.", "Two madrasas opened.",
                                           "A madrassah in Lahore.", "THE MADRASSA WAS FULL.", "They flew to Madras.",
                                           "Madrasa teachers met."},
                                          analyzer);
    tigris::QueryBuilder qb(analyzer, &db);
    CHECK(qb.build("madrassa").get_description() ==
          "Query((XCmadrasa OR Zmadrasa OR Zmadrassa OR madrassa))");
    auto found = [&](const char* query) { return found_ids(qb, db, query); };
    for (const char* query : {"madrasa", "madrassa", "madrassah", "madrasas", "Madrassa"}) {
        INFO(query);
        CHECK(found(query) == std::vector<Xapian::docid>{1, 2, 3, 4, 6});
    }
    CHECK(found("Madras") == std::vector<Xapian::docid>{5});
}

TEST_CASE("a family read from one capitalized English word also finds the word as typed", "[query][family]") {
    // Ayatollah is an English word: the family is written only where it is capitalized in
    // text of mixed case. Any spelling of the family finds the word in lower case too, in
    // text in capitals and in its plural, by its stem.
    const auto db = tigris::test::index_of({"They met Ayatollah Sistani.", "They met Ayatullah Sistani.",
                                           "the ayatollah spoke.", "THE AYATOLLAH SPOKE TODAY IN NAJAF.",
                                           "They met Sistani.", "the ayatollahs spoke."});
    tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
    CHECK(qb.build("Ayatollah").get_description() == "Query((XCayatollah OR Zayatollah OR ayatollah))");
    CHECK(qb.build("Ayatullah").get_description() == "Query((XCayatollah OR Zayatollah))");
    auto found = [&](const char* q) { return found_ids(qb, db, q); };
    CHECK(found("Ayatollah") == std::vector<Xapian::docid>{1, 2, 3, 4, 6});
    CHECK(found("Ayatullah") == std::vector<Xapian::docid>{1, 2, 3, 4, 6});
    // Words of several (Islamic State) stay the family only: "an Islamic state" is not ISIS.
    CHECK(qb.build("Islamic State").get_description() == "Query(XCisis)");
}

TEST_CASE("a name in few documents is offered the close spellings that many more hold, never searched",
          "[query][names]") {
    std::vector<std::string> texts;
    for (int k = 0; k < 12; ++k) texts.push_back("Minister Shahristani spoke of oil in round " + std::to_string(k) + ".");
    for (int k = 0; k < 12; ++k) texts.push_back("Abu Lahab was named in letter " + std::to_string(k) + ".");
    for (int k = 0; k < 12; ++k) texts.push_back("Speaker Berri wrote again in note " + std::to_string(k) + ".");
    const double threshold = tigris::test::test_analyzer().scorer().threshold();
    const auto& scorer = tigris::test::test_analyzer().scorer();
    // a/i in a name's middle is a different name to the scorer (Hamid, Hamad), far past
    // the threshold, but close for the letters of a long name.
    const double cost = scorer.distance("shahrastani", "shahristani", 100);
    REQUIRE(cost > tigris::QueryBuilder::kNeighbourReach * threshold);
    REQUIRE(cost <= tigris::QueryBuilder::kSuggestPerLetter * 11 * threshold);

    SECTION("a name in no document: the closest in some, and the query written with it, in the case typed") {
        const auto db = tigris::test::index_of(texts);
        tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
        tigris::QueryReport report;
        // Not searched: the query finds nothing, as typed.
        CHECK(qb.build("Shahrastani", Xapian::Query::OP_AND, &report).get_description() == "Query(shahrastani)");
        REQUIRE(report.names.size() == 1);
        REQUIRE(report.names[0].suggestions.size() == 1);
        const auto& s = report.names[0].suggestions[0];
        CHECK(s.spelling == "shahristani");
        CHECK(s.documents == 12);
        CHECK(s.differences == "i/a");
        CHECK(s.cost == Approx(cost));
        CHECK(report.did_you_mean == "Shahristani");
        CHECK(report_of(qb, "shahrastani's oil OR \"SHAHRASTANI spoke\"").did_you_mean ==
              "shahristani's oil OR \"SHAHRISTANI spoke\"");
        // the possessive as typed
        CHECK(report_of(qb, "SHAHRASTANI\xE2\x80\x99S oil").did_you_mean == "SHAHRISTANI\xE2\x80\x99S oil");
        // The text's word is offered spellings, and where it is written again in a field
        // (title:), the same is offered there.
        CHECK(report_of(qb, "Shahrastani title:Shahrastani").did_you_mean == "Shahristani title:Shahristani");
        // explain says it too.
        const auto rows = qb.explain("Shahrastani");
        REQUIRE(rows.size() == 1);
        const std::string said = "name; no spelling of it in the index; did you mean: shahristani (i/a, ";
        CHECK(rows[0].via.rfind(said, 0) == 0);
        CHECK(std::stod(rows[0].via.substr(said.size())) == Approx(cost).margin(0.005));
        CHECK(rows[0].via.substr(rows[0].via.size() - 15) == ", 12 documents)");
    }
    SECTION("a field's own words are not offered spellings") {
        // Titles that write Shahristani: a title's word finds few documents by nature.
        Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
        for (const std::string& body : texts) {
            Xapian::Document doc;
            tigris::test::test_analyzer().index_document(
                doc, {tigris::FieldText{"Shahristani visit", "S", true}, tigris::FieldText{body, "", false}});
            db.add_document(doc);
        }
        tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
        const tigris::QueryReport report = report_of(qb, "title:Shahrastani");
        REQUIRE(report.names.size() == 1);
        CHECK(report.names[0].field_prefix == "S");
        CHECK(report.names[0].suggestions.empty());
        CHECK(report.did_you_mean.empty());
    }
    SECTION("a name in a few documents: a spelling in ten times as many") {
        texts.emplace_back("Shahrastani was quoted.");
        const auto db = tigris::test::index_of(texts);
        tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
        tigris::QueryReport report;
        CHECK(qb.build("Shahrastani", Xapian::Query::OP_AND, &report).get_description() ==
              "Query(((shahrastani SYNONYM XNShrSTn:shahrastani) OR shahrastani))");
        REQUIRE(report.names.size() == 1);
        REQUIRE(report.names[0].suggestions.size() == 1);
        CHECK(report.names[0].suggestions[0].spelling == "shahristani");
        CHECK(report.did_you_mean == "Shahristani");
        // Twice as many: 12 is less than ten times 2.
        texts.emplace_back("Shahrastani was quoted again.");
        const auto db2 = tigris::test::index_of(texts);
        tigris::QueryBuilder qb2(tigris::test::test_analyzer(), &db2);
        report = report_of(qb2, "Shahrastani");
        REQUIRE(report.names.size() == 1);
        CHECK(report.names[0].suggestions.empty());
        CHECK(report.did_you_mean.empty());
    }
    SECTION("nothing for a short name as far, for a name found in enough documents, or for an English word "
            "(Berry is not Berri)") {
        const auto db = tigris::test::index_of(texts);
        tigris::QueryBuilder qb(tigris::test::test_analyzer(), &db);
        // Lahib and Lahab differ as much, but in five letters.
        REQUIRE(scorer.distance("lahib", "lahab", 100) > tigris::QueryBuilder::kSuggestPerLetter * 5 * threshold);
        REQUIRE(scorer.distance("lahib", "lahab", 100) <= tigris::QueryBuilder::kSuggestReach * threshold);
        // Nor is Abu Lahib, joined as one name, offered the joined spelling of Abu Lahab:
        // only what the user typed is.
        for (const char* query : {"Lahib", "Shahristani", "Berry", "Abu Lahib"}) {
            const tigris::QueryReport report = report_of(qb, query);
            INFO(query);
            REQUIRE(!report.names.empty());
            for (const auto& name : report.names) CHECK(name.suggestions.empty());
            CHECK(report.did_you_mean.empty());
        }
    }
}

TEST_CASE("a full name is its family with any spelling the family lists for its last words", "[query][family]") {
    // The list holds the full name with one spelling of the surname, and the surname
    // alone in two that the scorer keeps apart (e/i at the end): the full name written
    // with the other is the family too, in a query and in a document, as the surname
    // alone is. A given name the list lacks stays a name of its own beside the family.
    tigris::Analyzer analyzer(tigris::test::lexicon_of(R"(version: 1
families:
  - id: fartusie
    kind: person
    canonical: Qadir al-Fartusie
    variants: [Qadir al-Fartusie, Fartusie, "Fartusi'i"]
)"),
                              tigris::test::words());
    // In a document, the family's term is where the full name starts (they 1, met 2,
    // Qadir 3) as for the listed spelling, and where the surname starts.
    const auto terms = tigris::test::body_terms("They met Qadir al-Fartusi'i on Monday.", analyzer);
    CHECK(std::count(terms.begin(), terms.end(), "XCfartusie@3") == 1);
    CHECK(std::count(terms.begin(), terms.end(), "XCfartusie@4") == 1);
    const auto db = tigris::test::index_of({"They met Qadir al-Fartusi'i on Monday.", "Fartusie spoke.",
                                           "Tariq al-Fartusi'i left.", "Qadir Hamza left on Monday."},
                                          analyzer);
    tigris::QueryBuilder qb(analyzer, &db);
    auto found = [&](const std::string& query) { return found_ids(qb, db, query); };
    for (const char* query : {"Qadir al-Fartusie", "Qadir al-Fartusi'i", "Qadir Fartusi'i", "Fartusi'i"}) {
        INFO(query);
        CHECK(qb.build(query).get_description() == "Query(XCfartusie)");
        CHECK(found(query) == std::vector<Xapian::docid>{1, 2, 3});
    }
    CHECK(found("\"Qadir al-Fartusi'i on Monday\"") == std::vector<Xapian::docid>{1});
    const auto rows = qb.explain("Qadir al-Fartusi'i");
    REQUIRE(rows.size() == 3);
    for (const auto& row : rows) CHECK(row.via == "family fartusie (Qadir al-Fartusie)");
    // Tariq is no listed given name: Tariq and the family.
    CHECK(qb.build("Tariq al-Fartusi'i").get_description().find("tariq") != std::string::npos);
    CHECK(found("Tariq al-Fartusi'i") == std::vector<Xapian::docid>{3});

    // A combination another family lists is that family's, whichever file comes first.
    const std::string listed_apart = R"(
  - id: qadir-fartusii
    kind: person
    variants: ["Qadir al-Fartusi'i"]
)";
    const std::string fartusie = R"(
  - id: fartusie
    kind: person
    variants: [Qadir al-Fartusie, Fartusie, "Fartusi'i"]
)";
    for (const std::string& families : {fartusie + listed_apart, listed_apart + fartusie}) {
        tigris::Analyzer other(tigris::test::lexicon_of("version: 1\nfamilies:" + families), tigris::test::words());
        tigris::QueryBuilder qb2(other);
        CHECK(qb2.build("Qadir al-Fartusi'i").get_description() == "Query(XCqadir-fartusii)");
        CHECK(qb2.build("Qadir al-Fartusie").get_description() == "Query(XCfartusie)");
    }
}
