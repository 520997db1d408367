#include <catch2/catch.hpp>

#include "test_support.h"
#include "tigris/variant_stemmer.h"

namespace {

Xapian::Stem variant_stem() {
    return Xapian::Stem(new tigris::VariantStemmer(tigris::test::test_lexicon(), tigris::test::words()));
}

}  // namespace

TEST_CASE("the variant stemmer maps one word to its family, key or stem", "[stemmer]") {
    Xapian::Stem stem = variant_stem();
    CHECK(stem("shiite") == "@shia");
    CHECK(stem("shi'a") == "@shia");
    CHECK(stem("shiites") == "@shia");
    CHECK(stem("moqtada") == "@muqtada");
    CHECK(stem("fallouja") == "~faluja");
    CHECK(stem("fallujah") == "~faluja");
    CHECK(stem("militias") == "militia");
    CHECK(stem("bath") == "bath");
    CHECK(stem("ba'th") == "@baath");
    CHECK(stem("baghdadi") == "~bagdadi");
    CHECK(stem.get_description() == "Xapian::Stem(tigris::VariantStemmer(16 families))");
}

TEST_CASE("plain Xapian with the variant stemmer finds other spellings", "[stemmer]") {
    Xapian::Stem stem = variant_stem();
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(stem);
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    const char* texts[] = {"Shiite clerics met Moqtada in Fallujah", "a hot bath", "the Ba'th party"};
    for (const char* text : texts) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        db.add_document(doc);
    }
    Xapian::QueryParser qp;
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    qp.set_default_op(Xapian::Query::OP_AND);
    auto hits = [&](const std::string& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(qp.parse_query(q));
        std::vector<Xapian::docid> out;
        const auto mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(qp.parse_query("Shia Muqtada").get_description() == "Query((Z@shia@1 AND Z@muqtada@2))");
    CHECK(hits("Shia Muqtada") == std::vector<Xapian::docid>{1});
    CHECK(hits("Falluja") == std::vector<Xapian::docid>{1});
    CHECK(hits("bath") == std::vector<Xapian::docid>{2});
    CHECK(hits("Baath") == std::vector<Xapian::docid>{3});
}
