#include <catch2/catch.hpp>

#include "tigris/normalizer.h"

TEST_CASE("normalization folds case, compatibility forms, diacritics and apostrophes", "[normalize]") {
    const tigris::Normalizer n;
    struct Row {
        const char* in;
        const char* out;
    };
    const Row rows[] = {
        {"Basrah", "basrah"},
        {"\xE1\xB9\xA2" "adr", "sadr"},                                  // Ṣadr
        {"Muqtad\xC4\x81", "muqtada"},                                   // Muqtadā
        {"Sh\xC4\xAB\xCA\xBF" "a", "shi'a"},                             // Shīʿa
        {"Shi\xE2\x80\x99" "a", "shi'a"},                                // Shi’a
        {"Shi\xE2\x80\x98" "a", "shi'a"},                                // Shi‘a
        {"Shi`a", "shi'a"},
        {"Shi,a", "shi'a"},
        {"Ba\xC2\xB4" "ath", "ba'ath"},                                  // Ba´ath
        {"\xEF\xBC\xA2\xEF\xBD\x81\xEF\xBD\x93\xEF\xBD\x92\xEF\xBD\x81", "basra"},  // full width
        {"STRA\xC3\x9F" "E", "strasse"},                                 // ß
        {"Ja\xC2\xAD" "ysh", "jaysh"},                                   // soft hyphen
    };
    for (const auto& r : rows) {
        INFO(r.in);
        CHECK(n.normalize(r.in) == r.out);
    }
}

TEST_CASE("the stage order is written once", "[normalize]") {
    const tigris::Normalizer n;
    std::vector<std::string> names;
    for (const auto& s : n.stages()) names.push_back(s->name());
    CHECK(names == std::vector<std::string>{"apostrophe", "nfkc-casefold", "diacritics"});
}

TEST_CASE("each stage gates cheaply on plain ASCII", "[normalize]") {
    const tigris::Normalizer n;
    for (const auto& s : n.stages()) {
        INFO(s->name());
        CHECK_FALSE(s->should_normalize("basra"));
    }
}

TEST_CASE("the ASCII fast path gives what the stages give", "[normalize][property]") {
    // normalize_into skips the stages for tokens of ASCII letters, digits and
    // apostrophes; every stage must agree that they only need lower-casing.
    const tigris::Normalizer n;
    auto staged = [&](std::string text) {
        for (const auto& stage : n.stages()) {
            if (stage->should_normalize(text)) stage->normalize(text);
        }
        return text;
    };
    std::vector<std::string> tokens = {"Basrah", "SHI'A", "a380s", "Al-Qaeda", "O'Neill's", "x", "10,000", "3.5"};
    for (int c = 0x21; c < 0x7F; ++c) {
        tokens.push_back(std::string("Ab") + static_cast<char>(c) + "Cd");
        tokens.push_back(std::string(1, static_cast<char>(c)));
    }
    std::uint32_t state = 12345;
    for (int k = 0; k < 2000; ++k) {  // random ASCII words
        std::string w;
        const int len = 1 + static_cast<int>((state = state * 1103515245u + 12345u) >> 16) % 12;
        for (int i = 0; i < len; ++i) w += static_cast<char>(0x21 + ((state = state * 1103515245u + 12345u) >> 16) % 94);
        tokens.push_back(w);
    }
    for (const auto& t : tokens) {
        INFO(t);
        CHECK(n.normalize(t) == staged(t));
    }
}
