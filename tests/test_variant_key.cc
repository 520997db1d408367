#include <catch2/catch.hpp>

#include "tigris/variant_key.h"

using tigris::variant_key;

TEST_CASE("spellings of one name share a variant key", "[variant-key]") {
    const std::vector<std::vector<const char*>> families = {
        {"muqtada", "moqtada", "moktada", "muktada", "muqtadah", "moqtadah"},
        {"fallujah", "falluja", "faluja", "fallouja", "falloujah", "fallluja"},
        {"jaish", "jaysh", "jeish"},
        {"mahdi", "mehdi"},
        {"hussein", "husayn", "hussain", "husein"},
        {"nasiriyah", "nasiriya", "nassiriya", "nasiriyya"},
        {"qaeda", "qaida", "qa'ida", "kaida", "qa'eda"},
        {"baath", "ba'ath", "ba'th"},
        {"basra", "basrah"},
        {"nouri", "nuri"},
        {"karbala", "kerbela"},
        {"sheikh", "sheik", "shaykh", "shaikh"},
        {"hakim", "hakeem"},
        {"jaafari", "ja'afari", "jafari"},
        {"daesh", "da'esh", "daish"},
    };
    for (const auto& fam : families) {
        for (const char* spelling : fam) {
            INFO(fam[0] << " vs " << spelling);
            CHECK(variant_key(spelling) == variant_key(fam[0]));
        }
    }
}

TEST_CASE("distinct names keep distinct keys", "[variant-key]") {
    const std::vector<std::pair<const char*, const char*>> apart = {
        {"amman", "oman"}, {"amman", "aman"}, {"aman", "eman"}, {"beth", "baath"}, {"betts", "baaths"}, {"iran", "iraq"}, {"sadr", "badr"}, {"mosul", "mosel"},
        {"shia", "shah"},  {"hama", "hamas"}, {"najaf", "nafaj"},
    };
    for (const auto& [a, b] : apart) {
        INFO(a << " vs " << b);
        CHECK(variant_key(a) != variant_key(b));
    }
}

TEST_CASE("variant keys, golden", "[variant-key]") {
    CHECK(variant_key("muqtada") == "muktada");
    CHECK(variant_key("fallujah") == "faluja");
    CHECK(variant_key("jaysh") == "jaish");
    CHECK(variant_key("husayn") == "husain");
    CHECK(variant_key("adhamiya") == "azamiya");
    CHECK(variant_key("amman") == "amman");
    CHECK(variant_key("baath") == variant_key("ba'th"));
    CHECK(variant_key("oman") == "uman");
}

TEST_CASE("words in other scripts keep their letters", "[variant-key]") {
    CHECK(variant_key("\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9") == "\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9");
}
