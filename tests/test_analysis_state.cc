// The analyzer keeps caches and buffers from one document to the next (a word cache
// that grows, token and term buffers, a stem count table). These tests pin down that
// none of it shows in the terms: a document's terms depend on the document alone.
#include <catch2/catch.hpp>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"
#include "tigris/name_match.h"

namespace {

using tigris::FieldText;

// Every term of @p doc as "term wdf=N pos=a,b,...", in term order.
std::vector<std::string> dump(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string line = *t + " wdf=" + std::to_string(t.get_wdf()) + " pos=";
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            line += std::to_string(*p) + ",";
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> indexed(tigris::Analyzer& a, const std::vector<FieldText>& fields) {
    Xapian::Document doc;
    a.index_document(doc, fields);
    return dump(doc);
}

// A made-up word for each @p i: letters only, not English, all different.
std::string made_up_word(std::size_t i) {
    std::string w = "Qx";
    for (std::size_t k = i + 1; k > 0; k /= 26) w += static_cast<char>('a' + k % 26);
    return w;
}

const std::vector<std::vector<std::string>> kSamples = {
    {"Sadr's men", "Muqtada al-Sadr met the ISF in Basra; the Shi'ite JAM fighters of Iraq left."},
    {"", "Pearl JAM played. Shiites and Baathists. MNF-I and JURIS-\nDICTION. ISFs."},
    {"Qaeda",
     "AQI is al-Queda in Iraq; Bassora's port. "
     "Pneumonoultramicroscopicsilicovolcanoconiosis-Antidisestablishmentarianism words."},
};

std::vector<FieldText> fields_of(const std::vector<std::string>& s) {
    return {FieldText{s[0], "S", true}, FieldText{s[1], "", false}};
}

}  // namespace

TEST_CASE("a document's terms do not depend on what the analyzer indexed before", "[analyzer][state]") {
    tigris::Analyzer fresh(tigris::test::test_lexicon(), tigris::test::words());
    tigris::Analyzer used(fresh);

    // A long document of many distinct words: the word cache grows and evicts, the
    // buffers and the count table grow. Three fields, where the samples have two.
    // Its tokens take every shape: compounds, articles, capitals, digits, sentence ends.
    std::string big;
    const char* joins[] = {"-", " al-", " ", "-\n", " As-", " 42 ", ". ", " ", "'s "};
    for (std::size_t i = 0; i < 20000; ++i) {
        std::string w = made_up_word(i);
        if (i % 5 == 0) {
            for (char& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        big += w + joins[i % (sizeof joins / sizeof *joins)];
    }
    Xapian::Document scratch;
    used.index_document(scratch,
                        {FieldText{big, "S", true}, FieldText{big, "", false}, FieldText{big, "XT", false}});
    REQUIRE(scratch.termlist_count() > 60000);

    for (const auto& s : kSamples) {
        const auto expected = indexed(fresh, fields_of(s));
        CHECK(indexed(used, fields_of(s)) == expected);
        // And again, in the other order of history.
        used.index_document(scratch, {FieldText{big, "", false}});
        CHECK(indexed(used, fields_of(s)) == expected);
    }
}

TEST_CASE("index_document gives each stem its count in documents of any size", "[analyzer][state]") {
    tigris::Analyzer a(tigris::test::test_lexicon(), tigris::test::words());
    // 3000 distinct stems, the i-th written 1 + i % 3 times, beside English words. In
    // lower case: a capitalized word that is not English is a name, not stemmed.
    std::string body;
    std::map<std::string, Xapian::termcount> want;
    for (std::size_t i = 0; i < 3000; ++i) {
        std::string w = made_up_word(i);
        w[0] = 'q';
        for (std::size_t k = 0; k <= i % 3; ++k) body += w + " houses ";
        std::string lower = w;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        want["Z" + a.token_analysis().stem(lower)] += static_cast<Xapian::termcount>(1 + i % 3);
    }
    want["Zhous"] = 6000;  // "houses", after each of the 6000 made-up words

    Xapian::Document doc;
    a.index_document(doc, {FieldText{body, "", false}});
    std::map<std::string, Xapian::termcount> got;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if ((*t)[0] == 'Z') got[*t] = t.get_wdf();
    }
    CHECK(got == want);
}

TEST_CASE("words whose hashes collide keep their own forms", "[analyzer][state]") {
    // "taihfcr" and "okprrol" have the same 32-bit FNV-1a hash, the word cache's.
    tigris::TokenAnalysis analysis(tigris::test::words());
    std::vector<tigris::AnalyzedToken> tokens;
    analysis.analyze("Taihfcr Okprrol Taihfcr", 1, tokens);
    REQUIRE(tokens.size() == 3);
    for (const auto& t : tokens) {
        INFO(t.norm);
        CHECK(t.kind == tigris::TokenKind::Name);
        CHECK(t.stem == analysis.stem(t.norm));
        CHECK(t.block == tigris::name_block_key(t.norm));
    }
    CHECK(tokens[0].norm == "taihfcr");
    CHECK(tokens[1].norm == "okprrol");
    CHECK(tokens[1].block != tokens[0].block);
}
