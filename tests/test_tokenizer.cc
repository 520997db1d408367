#include <catch2/catch.hpp>

#include "tigris/tokenizer.h"

namespace {

std::vector<std::string> surfaces(const std::string& text) {
    std::vector<tigris::Token> tokens;
    tigris::Tokenizer().tokenize(text, tokens);
    std::vector<std::string> out;
    for (const auto& t : tokens) {
        std::string s(t.surface(text));
        if (t.has(tigris::kHyphenNext)) s += t.has(tigris::kLineHyphen) ? "=\\n" : "=";
        out.push_back(s);
    }
    return out;
}

std::vector<tigris::Token> tokens_of(const std::string& text) {
    std::vector<tigris::Token> tokens;
    tigris::Tokenizer().tokenize(text, tokens);
    return tokens;
}

}  // namespace

TEST_CASE("apostrophe-like marks between letters keep a name whole", "[tokenizer]") {
    struct Row {
        const char* text;
        std::vector<std::string> expected;
    };
    const Row rows[] = {
        {"Shi'a", {"Shi'a"}},
        {"Shi\xE2\x80\x99" "a", {"Shi\xE2\x80\x99" "a"}},          // U+2019
        {"Shi\xE2\x80\x98" "a", {"Shi\xE2\x80\x98" "a"}},          // U+2018
        {"Shi\xCA\xBF" "a", {"Shi\xCA\xBF" "a"}},                  // U+02BF modifier letter
        {"Shi`a", {"Shi`a"}},
        {"Shi,a clerics", {"Shi,a", "clerics"}},                  // mis-encoded ayn
        {"al-Qa,ida", {"al=", "Qa,ida"}},
        {"Baghdad,Basra", {"Baghdad", "Basra"}},                  // a long run before the comma
        {"'quoted' words", {"quoted", "words"}},
        {"\xE2\x80\x98" "Basra\xE2\x80\x99 is", {"Basra", "is"}},  // curly quotes around a word
        {"Sadr's men", {"Sadr's", "men"}},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(surfaces(row.text) == row.expected);
    }
}

TEST_CASE("hyphens mark compounds, line-end hyphens mark split words", "[tokenizer]") {
    CHECK(surfaces("al-Sadr") == std::vector<std::string>{"al=", "Sadr"});
    CHECK(surfaces("al\xE2\x80\x91Sadr") == std::vector<std::string>{"al=", "Sadr"});  // U+2011
    CHECK(surfaces("MNF-I units") == std::vector<std::string>{"MNF=", "I", "units"});
    CHECK(surfaces("JURIS-\n   DICTION") == std::vector<std::string>{"JURIS=\\n", "DICTION"});
    CHECK(surfaces("word - word") == std::vector<std::string>{"word", "word"});
    CHECK(surfaces("end-\n\nnew") == std::vector<std::string>{"end", "new"});
}

TEST_CASE("numbers keep their separators between digits", "[tokenizer]") {
    CHECK(surfaces("3.5 and 10,000 men.") == std::vector<std::string>{"3.5", "and", "10,000", "men"});
}

TEST_CASE("case flags and capitals context", "[tokenizer]") {
    const auto mixed = tokens_of("The JAM militia met Jam");
    REQUIRE(mixed.size() == 5);
    CHECK(mixed[1].has(tigris::kAllCaps));
    CHECK(mixed[1].has(tigris::kCapitalized));
    CHECK_FALSE(mixed[1].has(tigris::kCapsContext));
    CHECK(mixed[4].has(tigris::kCapitalized));
    CHECK_FALSE(mixed[4].has(tigris::kAllCaps));

    const auto caps = tokens_of("1. TRAFFIC JAM ON THE AIRPORT ROAD\n\nThe next paragraph is normal.");
    REQUIRE(caps.size() == 12);
    CHECK(caps[2].has(tigris::kCapsContext));
    CHECK_FALSE(caps[8].has(tigris::kCapsContext));
}

TEST_CASE("sentence punctuation marks a break before the next token", "[tokenizer]") {
    const auto t = tokens_of("in Basra. Army units");
    REQUIRE(t.size() == 4);
    CHECK_FALSE(t[1].has(tigris::kBreakBefore));
    CHECK(t[2].has(tigris::kBreakBefore));
}

TEST_CASE("a bracketed marker at a sentence's start leaves the start to the word after it", "[tokenizer]") {
    // A cable's paragraph: number, classification, then the sentence.
    const std::string text = "\xC2\xB6" "4. (C) Nor has it. (S/NF) Nor did they. He met (UN) Staff. (Note) Then.";
    const auto t = tokens_of(text);
    REQUIRE(t.size() == 16);
    const auto at = [&](std::size_t k) { return std::string(t[k].surface(text)); };
    CHECK(at(1) == "C");
    CHECK(at(2) == "Nor");
    CHECK(t[2].has(tigris::kBreakBefore));
    CHECK(at(6) == "NF");
    CHECK(at(7) == "Nor");
    CHECK(t[7].has(tigris::kBreakBefore));
    // Not at a sentence's start, nor a word in capitals: the word after is no start.
    CHECK(at(13) == "Staff");
    CHECK_FALSE(t[13].has(tigris::kBreakBefore));
    CHECK(at(15) == "Then");
    CHECK_FALSE(t[15].has(tigris::kBreakBefore));
}

TEST_CASE("invalid UTF-8 separates tokens and never throws", "[tokenizer]") {
    CHECK(surfaces("Bas\xFFra") == std::vector<std::string>{"Bas", "ra"});
    CHECK(surfaces("\xC3") == std::vector<std::string>{});
}

TEST_CASE("tokens longer than 64 bytes are dropped", "[tokenizer]") {
    CHECK(surfaces(std::string(65, 'a') + " ok") == std::vector<std::string>{"ok"});
    CHECK(surfaces(std::string(64, 'a')).size() == 1);
}
