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
