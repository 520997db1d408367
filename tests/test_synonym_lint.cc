#include <catch2/catch.hpp>

#include "test_support.h"
#include "tigris/solr_format.h"
#include "tigris/synonym_yaml.h"
#include "tigris/synonym_lint.h"

namespace {

std::vector<std::string> lint(const std::vector<std::string>& files, bool notes) {
    tigris::TokenAnalysis analysis(tigris::test::words());
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(std::string(TIGRIS_FIXTURES) + "/lint/" + f);
    std::vector<std::string> out;
    for (const auto& finding : tigris::lint_synonym_files(paths, analysis, notes)) {
        std::string line = finding.describe();
        out.push_back(line.substr(line.find("lint/") + 5));  // paths relative to the fixtures
    }
    return out;
}

}  // namespace

TEST_CASE("lint reports every planted problem at its line, and nothing else", "[lint]") {
    const std::vector<std::string> expected = {
        "broken-a.yaml:11:16: error: variant \"Bath\" of family \"hot-water\" is the English word \"bath\": every "
        "\"bath\" in the text would match; list it under cased (matched only capitalized), under any_case (its one "
        "sense is the family's), make it an acronym (exact case) or part of a longer variant",
        "broken-a.yaml:12:9: error: family id \"Bad_Id\" is not lowercase [a-z0-9-]",
        "broken-a.yaml:15:9: error: family \"karbala\" has kind \"city\"; expected person, group, org, place or term",
        "broken-a.yaml:20:22: error: variant \"--\" of family \"kufa\" has no words after normalization",
        "broken-a.yaml:23:5: error: unknown key \"varients\" in family; expected id, kind, canonical, variants, "
        "acronyms, context, cased, any_case, broader, note",
        "broken-a.yaml:27:13: error: cased entry \"Al Mawsil\" of family \"mosul\" is not one of its variants",
        "broken-b.yaml:3:9: error: family id \"basra\" is already used at " + std::string(TIGRIS_FIXTURES) +
            "/lint/broken-a.yaml:4:9",
        "broken-b.yaml:8:16: error: variant \"Basrah\" of family \"basrah-province\" reads the same as \"Basra\" of "
        "family \"basra\" at " + std::string(TIGRIS_FIXTURES) + "/lint/broken-a.yaml:4:9",
        "broken-b.yaml:12:21: error: acronym \"jam\" of family \"mahdi-army\" must be one word of letters/digits "
        "with a capital",
    };
    CHECK(lint({"broken-a.yaml", "broken-b.yaml"}, false) == expected);
}

TEST_CASE("lint notes redundant variants only when asked, and passes a clean list", "[lint]") {
    CHECK(lint({"clean.yaml"}, false).empty());
    const auto notes = lint({"clean.yaml"}, true);
    REQUIRE(notes.size() == 5);
    CHECK(notes[0].rfind("clean.yaml:6:16: note: variant \"Basrah\" of family \"basra\" is redundant", 0) == 0);
    CHECK(notes[2] == "clean.yaml:6:35: note: variant \"Bassora\" of family \"basra\" is needed: the rules read it "
                      "apart from \"Basra\"");
}

TEST_CASE("an English word whose one sense is the family's is listed under any_case", "[lint]") {
    // madrasa and madrassa are English words: under any_case they are no error, and
    // madrassah, not an English word, needs no entry. An any_case entry must be a variant,
    // not also cased, and an English word.
    CHECK(lint({"any-case.yaml"}, false) ==
          std::vector<std::string>{
              "any-case.yaml:13:24: error: variant \"Mollah\" of family \"mullah\" is listed under any_case but is "
              "not one English word: it is matched in any case without it",
              "any-case.yaml:15:16: error: variant \"Mullah\" of family \"mullah\" is listed both under cased and "
              "under any_case",
              "any-case.yaml:15:32: error: any_case entry \"Molla\" of family \"mullah\" is not one of its variants",
          });
    // The YAML and Solr formats keep the entries (none written where there are none).
    auto specs = tigris::read_synonym_file(std::string(TIGRIS_FIXTURES) + "/lint/any-case.yaml");
    specs.pop_back();
    specs[0].any_case.clear();
    const std::string yaml = tigris::to_yaml(specs);
    CHECK(yaml.find("any_case") == std::string::npos);
    specs[0].any_case.push_back({"madrasa", {}});
    const auto again = tigris::parse_synonym_yaml(tigris::to_yaml(specs), "y.yaml");
    REQUIRE(again[0].any_case.size() == 1);
    CHECK(again[0].any_case[0].text == "madrasa");
    const auto back = tigris::import_solr(tigris::export_solr(specs), "x.txt");
    REQUIRE(back[0].any_case.size() == 1);
    CHECK(back[0].any_case[0].text == "madrasa");
}

TEST_CASE("Solr export and import round-trip to the same lexicon", "[solr]") {
    tigris::TokenAnalysis analysis(tigris::test::words());
    const auto specs = tigris::read_synonym_file(std::string(TIGRIS_FIXTURES) + "/lint/clean.yaml");
    const std::string solr = tigris::export_solr(specs);
    CHECK(solr.find("\nMahdi Army, Jaish al-Mahdi, Mahdi Militia, JAM\n") != std::string::npos);
    const auto back = tigris::import_solr(solr, "x.txt");
    REQUIRE(back.size() == specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
        CHECK(back[i].id == specs[i].id);
        CHECK(back[i].kind == specs[i].kind);
        CHECK(back[i].note == specs[i].note);
    }
    CHECK(tigris::Lexicon::compile(back, analysis)->fingerprint() ==
          tigris::Lexicon::compile(specs, analysis)->fingerprint());
    // And through YAML again.
    const auto again = tigris::parse_synonym_yaml(tigris::to_yaml(back), "y.yaml");
    CHECK(tigris::Lexicon::compile(again, analysis)->fingerprint() ==
          tigris::Lexicon::compile(specs, analysis)->fingerprint());
}

TEST_CASE("Solr import reads plain lists and explicit mappings", "[solr]") {
    const auto specs = tigris::import_solr("# a comment\nShia, Shiite, Shi'a\nJaish al-Mahdi, JAM => Mahdi Army\n", "s.txt");
    REQUIRE(specs.size() == 2);
    CHECK(specs[0].id == "shia");
    CHECK(specs[0].kind == "term");
    CHECK(specs[1].canonical == "Mahdi Army");
    REQUIRE(specs[1].acronyms.size() == 1);
    CHECK(specs[1].acronyms[0].text == "JAM");
    CHECK_THROWS_WITH(tigris::import_solr("a => b, c\n", "s.txt"),
                      "s.txt:1:1: \" b, c\": tigris needs exactly one canonical form after =>");
}

TEST_CASE("a canonical form that normalizes to nothing is an error", "[lint][regression]") {
    CHECK(lint({"empty-canonical.yaml"}, false) ==
          std::vector<std::string>{"empty-canonical.yaml:4:9: error: canonical form \"\xE2\x80\x99\xE2\x80\x99\" of "
                                   "family \"quotes\" has no words after normalization"});
}
