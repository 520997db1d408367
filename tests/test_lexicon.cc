#include <catch2/catch.hpp>

#include <algorithm>

#include "test_support.h"
#include "tigris/solr_format.h"

using tigris::LexiconError;

namespace {

void compile_yaml(const std::string& yaml) { tigris::test::lexicon_of(yaml, "bad.yaml"); }

std::string error_of(const std::string& yaml) {
    try {
        compile_yaml(yaml);
    } catch (const tigris::Error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("the test lexicon compiles and is an immutable shared value", "[lexicon]") {
    const auto lex = tigris::test::test_lexicon();
    CHECK(lex->families().size() == 16);
    CHECK(lex->find_family("mahdi-army") == 3);
    CHECK(lex->acronym_family("JAM") == 3);
    CHECK(lex->acronym_family("jam") == -1);
    CHECK(lex->families()[3].longest == 2);  // Jaish al-Mahdi: the article is optional
    CHECK(lex->fingerprint().size() == 16);
}

TEST_CASE("lexicon compile errors name file, line, column and value", "[lexicon]") {
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [Basra]\n"
                   "  - id: b\n    kind: place\n    variants: [Basrah]\n") ==
          "bad.yaml:8:16: variant \"Basrah\" of family \"b\" reads the same as \"Basra\" of family \"a\" "
          "at bad.yaml:5:16");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [\"--\"]\n") ==
          "bad.yaml:5:16: variant \"--\" of family \"a\" has no words after normalization");
    CHECK(error_of("version: 1\nfamilies:\n  - id: Bad_Id\n    kind: place\n    variants: [X]\n") ==
          "bad.yaml:3:9: family id \"Bad_Id\" is not lowercase [a-z0-9-]");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [Najaf]\n"
                   "  - id: a\n    kind: place\n    variants: [Karbala]\n") ==
          "bad.yaml:6:9: family id \"a\" is already used at bad.yaml:3:9");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: city\n    variants: [Najaf]\n") ==
          "bad.yaml:3:9: family \"a\" has kind \"city\"; expected person, group, org, place or term");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: org\n    acronyms: [isf]\n") ==
          "bad.yaml:5:16: acronym \"isf\" of family \"a\" must be one word of letters/digits with a capital");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: org\n    variants: [Foo Bar]\n"
                   "    cased: [Foo Baz]\n") ==
          "bad.yaml:6:13: cased entry \"Foo Baz\" of family \"a\" is not one of its variants");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: org\n    acronyms: [ISF]\n"
                   "  - id: b\n    kind: org\n    acronyms: [ISF]\n") ==
          "bad.yaml:8:16: acronym \"ISF\" of family \"b\" is already an acronym of family \"a\" at bad.yaml:5:16");
}

TEST_CASE("the shape of an acronym: the lexicon's rule, and the Solr import's capitals within it", "[lexicon]") {
    for (const char* yes : {"JAM", "MNF-I", "KRG", "MoI", "AT&T", "F16"}) {
        INFO(yes);
        CHECK(tigris::is_acronym_shaped(yes));
    }
    for (const char* no : {"J", "jam", "Jam al", "JAM.", "Ba'ath", ""}) {
        INFO(no);
        CHECK_FALSE(tigris::is_acronym_shaped(no));
    }
    const auto specs = tigris::import_solr("Ministry of Interior, MoI, MOI, JAM\n", "s.txt");
    REQUIRE(specs.size() == 1);
    std::vector<std::string> acronyms, variants;
    for (const auto& a : specs[0].acronyms) acronyms.push_back(a.text);
    for (const auto& v : specs[0].variants) variants.push_back(v.text);
    CHECK(acronyms == std::vector<std::string>{"MOI", "JAM"});
    CHECK(std::find(variants.begin(), variants.end(), "MoI") != variants.end());
}

TEST_CASE("a listed name's plural is compared as the name: a longer word is not let in closer", "[lexicon][names]") {
    // Regression: Koreans was read as the plural of Koran (Korans), as a plural is long
    // enough to be spared the short-name cost that keeps Korean from Koran.
    tigris::Analyzer a(tigris::test::lexicon_of("version: 1\nfamilies:\n"
                                                "  - id: quran\n    kind: term\n"
                                                "    variants: [Quran, Koran]\n"),
                       tigris::test::words());
    CHECK(tigris::test::terms_with("They met the Korean.", "XC", a).empty());
    CHECK(tigris::test::terms_with("They met the Koreans.", "XC", a).empty());
    CHECK(tigris::test::terms_with("They read the Korans.", "XC", a) == std::vector<std::string>{"XCquran@4"});
    CHECK(tigris::test::terms_with("They read the Qurans.", "XC", a) == std::vector<std::string>{"XCquran@4"});
}
