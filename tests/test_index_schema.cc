// The index schema, the compatibility of an index with the analyzer that reads it, exact
// and estimated totals, the YAML writer and the suggestions it writes.
#include <catch2/catch.hpp>

#include "test_support.h"
#include "tigris/index_compat.h"
#include "tigris/index_writer.h"
#include "tigris/result_format.h"
#include "tigris/schema.h"
#include "tigris/searcher.h"
#include "tigris/suggest.h"
#include "tigris/synonym_files.h"
#include "tigris/synonym_yaml.h"

using namespace tigris;
using tigris::test::test_analyzer;

namespace {

CorpusDocument document(const std::string& id, const std::string& body, const std::string& source = "Cables",
                        const std::string& date = "2007-03-09") {
    CorpusDocument d;
    d.id = id;
    d.source = source;
    d.date = date;
    d.body = body;
    return d;
}

Xapian::WritableDatabase index_documents(const std::vector<CorpusDocument>& docs) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const CorpusDocument& d : docs) db.replace_document(prefix::kId + d.id, make_document(test_analyzer(), d));
    return db;
}

}  // namespace

TEST_CASE("schema: a source and a date become one term and one value everywhere", "[schema]") {
    CHECK(source_key("Cables") == "cables");
    CHECK(source_key("NEWS-Wire") == "news-wire");
    CHECK(date_value("2007-03-09") == "20070309");
    CHECK(date_value("2007-02-31").empty());
    CHECK(date_value("2007-03").empty());
    CHECK(source_filter({"Cables", "news"}).get_description() == "Query((XScables OR XSnews))");
    CHECK(date_range("20070301", "20070331").get_description() == "Query(VALUE_RANGE 0 20070301 20070331)");
    CHECK(date_range("", "20070331").get_description() == "Query(VALUE_LE 0 20070331)");
    CHECK(date_range("20070301", "").get_description() == "Query(VALUE_GE 0 20070301)");

    const Xapian::Document doc = make_document(test_analyzer(), document("c1", "Basra", "Cables", "2007-03-09"));
    CHECK(doc.get_value(slot::kSource) == "cables");
    CHECK(doc.get_value(slot::kDate) == "20070309");
    std::vector<std::string> boolean;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.rfind("XS", 0) == 0 || term.rfind("Y", 0) == 0 || term.rfind("Q", 0) == 0) boolean.push_back(term);
    }
    CHECK(boolean == std::vector<std::string>{"Qc1", "XScables", "Y2007"});
    // The query language filters by the same term.
    QueryBuilder builder(test_analyzer());
    CHECK(builder.build("source:CABLES").get_description() == "Query((<alldocuments> FILTER XScables))");
}

TEST_CASE("index compatibility: other lists and other rules are counted, another format refused", "[schema]") {
    Xapian::WritableDatabase db = index_documents({document("a", "Basra"), document("b", "Najaf"), document("c", "Kut")});
    Analyzer& analyzer = test_analyzer();
    IndexCompatibility c = compare_index(db, analyzer);
    CHECK(c.documents == 3);
    CHECK(c.current());
    CHECK(c.warning("IDX").empty());
    CHECK(c.analysis == analyzer.analysis_version());

    // One document analyzed by other rules (or another word list), one by other lists.
    Xapian::Document b = db.get_document(db.postlist_begin(prefix::kId + std::string("b")).operator*());
    b.remove_term(prefix::kAnalysis + analyzer.analysis_version());
    b.add_boolean_term(prefix::kAnalysis + std::string("0-older"));
    db.replace_document(prefix::kId + std::string("b"), b);
    Xapian::Document a = db.get_document(*db.postlist_begin(prefix::kId + std::string("a")));
    a.remove_term(prefix::kLexicon + analyzer.lexicon().fingerprint());
    a.add_boolean_term(prefix::kLexicon + std::string("other"));
    db.replace_document(prefix::kId + std::string("a"), a);
    c = compare_index(db, analyzer);
    CHECK(c.other_rules == 1);
    CHECK(c.other_lists == 1);
    CHECK_FALSE(c.current());
    CHECK(c.warning("IDX") == "IDX was built with other synonym lists (1 of 3 documents; lexicon now " +
                                  analyzer.lexicon().fingerprint() +
                                  ") and by other analysis rules or word list (1 of 3 documents; analysis now " +
                                  analyzer.analysis_version() + "); re-index for exact results");
    // A re-index of those documents makes the index current again.
    db.replace_document(prefix::kId + std::string("a"), make_document(analyzer, document("a", "Basra")));
    db.replace_document(prefix::kId + std::string("b"), make_document(analyzer, document("b", "Najaf")));
    CHECK(compare_index(db, analyzer).current());

    CHECK_NOTHROW(check_format(db, "IDX"));
    db.set_metadata(metadata::kFormat, metadata::kFormatVersion);
    CHECK_NOTHROW(check_format(db, "IDX"));
    db.set_metadata(metadata::kFormat, "99");
    CHECK_THROWS_WITH(check_format(db, "IDX"),
                      "index IDX has format \"99\"; this tigris reads format 1: index the corpus again into a new folder");
}

TEST_CASE("totals: exact up to kExactTotalUpTo matches, marked as estimates past it", "[schema]") {
    std::vector<CorpusDocument> docs;
    for (int i = 0; i < 400; ++i) {
        std::string body = "report number " + std::to_string(i);
        if (i % 3 == 0) body += " Basra";
        if (i % 5 == 0) body += " Najaf";
        docs.push_back(document("d" + std::to_string(i), body));
    }
    const Xapian::WritableDatabase db = index_documents(docs);
    Searcher searcher(db, test_analyzer());
    SearchOptions o;
    o.limit = 1;
    // 27 documents hold both: fewer than kExactTotalUpTo, so the count is exact at any limit.
    SearchResult few = searcher.search("Basra Najaf", o);
    CHECK(few.total == 27);
    CHECK(few.total_exact);
    CHECK(to_json(few)["total_exact"] == true);
    // 134 hold Basra OR 80 Najaf: more than kExactTotalUpTo. Whatever Xapian counts, an
    // estimate is marked as one.
    o.op = Xapian::Query::OP_OR;
    SearchResult many = searcher.search("Basra Najaf report", o);
    CHECK(many.total >= kExactTotalUpTo);
    CHECK(to_json(many)["total_exact"] == many.total_exact);
    // With facets every match is looked at: exact.
    o.facets = true;
    SearchResult all = searcher.search("Basra Najaf", SearchOptions{o});
    CHECK(all.total_exact);
    CHECK(all.total == 400 - (400 - 134 - 80 + 27));
}

TEST_CASE("the YAML writer: comments, quoting, and what it writes reads back", "[schema]") {
    FamilySpec f;
    f.id = "mahdi-army";
    f.kind = "group";
    f.canonical = "Mahdi Army";
    f.variants = {{"Jaish al-Mahdi", {}}, {"Jaysh al-Mahdi", {}}};
    f.acronyms = {{"JAM", {}}};
    f.context = {{"Sadr", {}}};
    f.note = "a note: with \"quotes\"";
    YamlComments comments;
    comments.header = {"first line"};
    comments.per_family = {{"two\nlines"}};
    const std::string yaml = to_yaml({f}, comments);
    CHECK(yaml ==
          "# first line\n"
          "version: 1\n"
          "families:\n"
          "  # two\n"
          "  # lines\n"
          "  - id: mahdi-army\n"
          "    kind: group\n"
          "    canonical: \"Mahdi Army\"\n"
          "    variants: [\"Jaish al-Mahdi\", \"Jaysh al-Mahdi\"]\n"
          "    acronyms: [\"JAM\"]\n"
          "    context: [\"Sadr\"]\n"
          "    note: \"a note: with \\\"quotes\\\"\"\n");
    const auto back = parse_synonym_yaml(yaml, "w.yaml");
    REQUIRE(back.size() == 1);
    CHECK(back[0].canonical == "Mahdi Army");
    CHECK(back[0].variants.size() == 2);
    CHECK(back[0].note == f.note);
}

TEST_CASE("suggest: an acronym defined in the text, as YAML that reads back", "[schema]") {
    std::vector<CorpusDocument> docs;
    for (int i = 0; i < 3; ++i) {
        docs.push_back(document("s" + std::to_string(i),
                                "Officials of the Northern Water Authority (NWA) met in Basra on day " + std::to_string(i)));
    }
    docs.push_back(document("s9", "The Northern Water Authority (NWA) once more."));
    const Xapian::WritableDatabase db = index_documents(docs);
    const std::vector<Suggestion> found = suggest_families(db, test_analyzer(), 3, 10);
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == "northern-water-authority");
    CHECK(found[0].acronyms == std::vector<std::string>{"NWA"});
    CHECK(found[0].documents == 4);
    CHECK(suggest_families(db, test_analyzer(), 5, 10).empty());
    const std::string yaml = suggestions_yaml(found);
    CHECK(yaml.rfind("# Suggested by tigris synonyms suggest", 0) == 0);
    CHECK(yaml.find("  # 4 documents; acronym NWA defined as \"Northern Water Authority\" in 4 documents\n") !=
          std::string::npos);
    const auto back = parse_synonym_yaml(yaml, "suggested.yaml");
    REQUIRE(back.size() == 1);
    CHECK(back[0].acronyms[0].text == "NWA");
}
