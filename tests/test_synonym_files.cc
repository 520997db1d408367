#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace {

std::string error_of(const std::string& yaml) {
    try {
        tigris::parse_synonym_yaml(yaml, "bad.yaml");
    } catch (const tigris::LexiconError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("YAML errors name file, line, column and value", "[synonyms]") {
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [Basra\n") ==
          "bad.yaml:6:1: malformed YAML: end of sequence flow not found");
    CHECK(error_of("version: 2\nfamilies: []\n") == "bad.yaml:1:10: unsupported version \"2\"; expected 1");
    CHECK(error_of("families: []\n") == "bad.yaml:1:1: missing 'version: 1'");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variant: [Basra]\n") ==
          "bad.yaml:5:5: unknown key \"variant\" in family; expected id, kind, canonical, variants, "
          "acronyms, context, cased, any_case, broader, note");
    CHECK(error_of("version: 1\nfamilies:\n  - kind: place\n    variants: [Basra]\n") ==
          "bad.yaml:3:5: family without an id");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: {x: 1}\n") ==
          "bad.yaml:5:15: variants must be a list of strings");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [[Basra]]\n") ==
          "bad.yaml:5:16: variants entry must be a string");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n") ==
          "bad.yaml:3:9: family \"a\" has no variants or acronyms");
    CHECK(error_of("version: 1\nfamilies:\n  - id: a\n    kind: place\n    variants: [X]\n    variants: [Y]\n") ==
          "bad.yaml:6:5: key \"variants\" appears twice in a family");
    CHECK(error_of("version: 1\nfamily: []\n") == "bad.yaml:2:1: unknown key \"family\"; expected version, families");
}

TEST_CASE("a YAML family reads into a spec with locations", "[synonyms]") {
    const auto specs = tigris::parse_synonym_yaml(
        "version: 1\nfamilies:\n  - id: basra\n    kind: place\n    canonical: Basra\n"
        "    variants: [Basrah, Al Basrah]\n    note: a city\n", "x.yaml");
    REQUIRE(specs.size() == 1);
    CHECK(specs[0].id == "basra");
    CHECK(specs[0].where.describe() == "x.yaml:3:9");
    REQUIRE(specs[0].variants.size() == 2);
    CHECK(specs[0].variants[1].text == "Al Basrah");
    CHECK(specs[0].variants[1].where.describe() == "x.yaml:6:24");
}

TEST_CASE("the shipped lists are found beside the program, or where TIGRIS_SYNONYMS_DIR says", "[synonyms]") {
    const std::string beside = tigris::default_synonyms_dir();
    REQUIRE_FALSE(beside.empty());
    CHECK(std::filesystem::equivalent(beside, std::string(TIGRIS_FIXTURES) + "/../../synonyms"));
    setenv("TIGRIS_SYNONYMS_DIR", TIGRIS_FIXTURES, 1);
    CHECK(tigris::default_synonyms_dir() == TIGRIS_FIXTURES);
    setenv("TIGRIS_SYNONYMS_DIR", "/nonexistent/lists", 1);
    CHECK_THROWS_WITH(tigris::default_synonyms_dir(), "TIGRIS_SYNONYMS_DIR \"/nonexistent/lists\" is not a folder");
    unsetenv("TIGRIS_SYNONYMS_DIR");
    CHECK(tigris::default_synonyms_dir() == beside);
}

TEST_CASE("the shipped synonym lists compile", "[synonyms][data]") {
    const std::string dir = tigris::default_synonyms_dir();
    REQUIRE_FALSE(dir.empty());
    tigris::TokenAnalysis analysis(tigris::test::words());
    const auto lex = tigris::load_lexicon({dir}, analysis);
    CHECK(lex->families().size() >= 80);
    for (const char* id : {"shia", "muqtada", "sadr", "mahdi-army", "basra", "fallujah", "qaeda", "isf", "reo",
                           "isis", "baath"}) {
        INFO(id);
        CHECK(lex->find_family(id) >= 0);
    }
}

TEST_CASE("a missing synonym path is a configuration error", "[synonyms]") {
    CHECK_THROWS_AS(tigris::synonym_file_paths({"/nonexistent/tigris.yaml"}), tigris::ConfigError);
}

TEST_CASE("a folder of lists stands for the YAML files below it, sub-folders too, sorted by path", "[synonyms]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "tigris-list-folder";
    fs::remove_all(dir);
    fs::create_directories(dir / "more" / "deeper");
    for (const char* f : {"b.yaml", "a.yml", "notes.txt", "more/c.yaml", "more/deeper/d.yaml"}) {
        std::ofstream(dir / f) << "version: 1\nfamilies: []\n";
    }
    fs::create_directory_symlink(dir, dir / "more" / "loop");  // not followed
    const auto files = tigris::synonym_file_paths({dir.string()});
    std::vector<std::string> names;
    for (const auto& f : files) names.push_back(fs::path(f).lexically_relative(dir).generic_string());
    CHECK(names == std::vector<std::string>{"a.yml", "b.yaml", "more/c.yaml", "more/deeper/d.yaml"});
    fs::remove_all(dir);
}
