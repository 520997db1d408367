// The name rules: block keys (candidates) and the scorer (which candidates are the same
// name). The pairs are written from the transliteration rules, not taken from data.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "tigris/name_match.h"

namespace {

using Pairs = std::vector<std::pair<const char*, const char*>>;

const tigris::NameScorer& scorer() {
    static const auto s = tigris::NameScorer::builtin();
    return *s;
}

}  // namespace

TEST_CASE("spellings of one name share a block key: the candidates of one another", "[names][block]") {
    struct Row {
        const char* spelling;
        const char* key;
    };
    const Row rows[] = {
        {"walid", "lT"},      {"waleed", "lT"},      // vowels and w, y go
        {"qassim", "KSm"},    {"kassem", "KSm"},     // q k g j one class; a doubled class once
        {"gassim", "KSm"},    {"jassim", "KSm"},     // the scorer, not the key, keeps jim apart
        {"basrah", "BSr"},    {"basra", "BSr"},      // a final h after a vowel goes
        {"dhiya", "T"},       {"ziya", "T"},         // dh z d t th one class
        {"hussein", "hSn"},   {"husayn", "hSn"},     // h stays
        {"ja'far", "KFr"},    {"jafar", "KFr"},      // marks go
        {"mohcine", "mhSn"},  {"mohsin", "mhSn"},    // French c before e, i reads s
        {"khalid", "KlT"},    {"chalid", "SlT"},     // kh for kha, French ch for shin
        {"shah", "S"},        {"xavier", "KSr"},     // x is k s
    };
    for (const Row& r : rows) {
        INFO(r.spelling);
        CHECK(tigris::name_block_key(r.spelling) == r.key);
    }
    // Outside a–z and ' there is no key: such a spelling matches itself only.
    CHECK(tigris::name_block_key("\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9").empty());
    CHECK(tigris::name_block_key("r2d2").empty());
}

TEST_CASE("marks, a doubled a and a final -ah are one spelling", "[names][fold]") {
    CHECK(tigris::fold_name_marks("ja'far") == "jafar");
    CHECK(tigris::fold_name_marks("ba'ath") == "bath");
    CHECK(tigris::fold_name_marks("fatimah") == "fatima");
    CHECK(tigris::fold_name_marks("saleh") == "saleh");  // a ha, not a ta marbuta
    CHECK(tigris::fold_name_marks("shah") == "shah");    // too short to have an ending
    CHECK(tigris::fold_name_marks("sarah") == "sara");
    CHECK(scorer().distance("ja'far", "jafar", 10) == 0);
    CHECK(scorer().distance("fatimah", "fatima", 10) == 0);
}

TEST_CASE("a compound's article is one article however written, its l assimilated or not", "[names][fold]") {
    struct Row {
        const char* spelling;
        const char* folded;
        const char* article;  // as written; "" when the spelling is no compound
    };
    const Row rows[] = {
        {"abdulrahman", "abdalrahman", "ul"},  {"abdurrahman", "abdalrahman", "ur"},  // the l as the sun letter
        {"abdelrahman", "abdalrahman", "el"},  {"abdoulaye", "abdalaye", "oul"},      //
        {"abdessalam", "abdalsalam", "es"},    {"abdennour", "abdalnour", "en"},      //
        {"abdullah", "abdallah", "ul"},        {"abdallah", "abdallah", "al"},        // Allah: the l its own
        {"nasraldin", "nasraldin", "al"},      {"nasreddin", "nasraldin", "ed"},      // al-Din, the d doubled
        {"nasredin", "nasraldin", "e"},        {"nasruddin", "nasraldin", "ud"},      // ... or the l unwritten
        {"nouredine", "nouraldine", "e"},      {"shamsuldeen", "shamsaldeen", "ul"},  //
        {"abdou", "abdou", ""},                {"abdel", "abdel", ""},                // no name after the article
        {"abdrahman", "abdrahman", ""},        {"abdurahman", "abdurahman", ""},      // no article: no vowel, no l, no r doubled
        {"aladdin", "aladdin", ""},            {"goldin", "goldin", ""},              // too little before al-Din
        {"hamdeen", "hamdeen", ""},            {"jardin", "jardin", ""},              // no article's vowel before din
    };
    for (const Row& r : rows) {
        INFO(r.spelling);
        CHECK(tigris::fold_compound_article(r.spelling) == r.folded);
        const auto a = tigris::compound_article(r.spelling);
        CHECK(std::string(a ? std::string(r.spelling).substr(a->begin, a->size) : "") == r.article);
    }
    // The block key reads the fold: the spellings are one another's candidates.
    CHECK(tigris::name_block_key("abdurrahman") == tigris::name_block_key("abdulrahman"));
    CHECK(tigris::name_block_key("nasreddin") == tigris::name_block_key("nasraldin"));
    CHECK(tigris::name_block_key("salahuddin") == tigris::name_block_key("salahaldin"));
    // The scorer reads them as one spelling and says which articles it read.
    const auto c = scorer().compare("abdurrahman", "abdulrahman");
    CHECK(c.cost == 0);
    CHECK(c.describe() == "ur/ul");
    CHECK(scorer().compare("nasreddin", "nasrudin").describe() == "ed/u");
    CHECK(scorer().compare("saifuddin", "seifeldin").describe() == "ud/el, ai/ei");
    CHECK(scorer().same_name("saifuddin", "seifeldin"));
    // Two compounds of one kind are compared by their parts, each as a word: the name's
    // first syllable is a first syllable (Rahman, Rehman), as when written alone.
    CHECK(scorer().compare("abdulrehman", "abdulrahman").describe() == "e/a");
    CHECK(scorer().compare("abdulrehman", "abdulrahman").cost <= scorer().compare("rehman", "rahman").cost);
    CHECK(scorer().same_name("abdulrehman", "abdurrahman"));
    CHECK(scorer().compare("nasruddeen", "nasreddin").describe() == "ud/ed, ee/i");
    // A part ending in -ah is a ta marbuta written or not, however short the part
    // (regression: Abdulla lost Abdullah when parts were compared alone).
    CHECK(scorer().distance("abdullah", "abdulla", 10) == 0);
    CHECK(scorer().compare("abdallah", "abdulla").describe() == "al/ul");
    CHECK(scorer().compare("abdallah", "abdulla").cost == 0);
    // Or whole, the cheaper: Abdulah writes one l for the article's and Allah's.
    CHECK(scorer().compare("abdulah", "abdullah").describe() == "l/ll");
    CHECK(scorer().same_name("abdulah", "abdullah"));
    // A compound is not the name without it, nor another compound.
    CHECK_FALSE(scorer().same_name("abdulrahman", "rahman"));
    CHECK_FALSE(scorer().same_name("abdulrahman", "abdulrahim"));
    CHECK_FALSE(scorer().same_name("nasreddin", "nooreddin"));
}

TEST_CASE("a vowel after two consonants has a place of its own: fatha written e after a closed syllable",
          "[names][scorer]") {
    // After a doubled letter or two consonants, e for a is one name (the vowel of a
    // syllable that follows a closed one); after one consonant it tells names apart.
    const auto c = scorer().compare("mohammed", "mohammad");
    REQUIRE(c.edits.size() == 1);
    CHECK(c.edits[0].place == tigris::EditPlace::Cluster);
    CHECK(c.same);
    CHECK(scorer().same_name("bassem", "bassam"));
    CHECK_FALSE(scorer().same_name("hamed", "hamad"));
    CHECK_FALSE(scorer().same_name("salem", "salam"));
    CHECK(scorer().compare("hamed", "hamad").edits.at(0).place == tigris::EditPlace::Last);
    // sh, kh, th ... are one consonant: Sheikh's vowel follows one.
    CHECK(scorer().compare("sheikh", "shaikh").edits.at(0).place == tigris::EditPlace::First);
}

TEST_CASE("the plural of a people's, faith's or following's name has a base; other names ending in s do not",
          "[names][plural]") {
    // Names of peoples, faiths and followings end so (nisba -i, -ite, -ist, -ian, -ean).
    CHECK(tigris::group_plural_base("sufis") == "sufi");
    CHECK(tigris::group_plural_base("zaydis") == "zaydi");
    CHECK(tigris::group_plural_base("alawites") == "alawite");
    CHECK(tigris::group_plural_base("nasserists") == "nasserist");
    CHECK(tigris::group_plural_base("chaldeans") == "chaldean");
    CHECK(tigris::group_plural_base("assyrians") == "assyrian");
    // Too short to tell from a name ending in -is or -ans: Anis, Qais, Jeans, Evans.
    CHECK(tigris::group_plural_base("anis").empty());
    CHECK(tigris::group_plural_base("qais").empty());
    CHECK(tigris::group_plural_base("jeans").empty());
    CHECK(tigris::group_plural_base("evans").empty());
    // Other endings are names in their own right: Abbas, Anas, Idrees, Younus, Carlos.
    for (const char* name : {"abbas", "anas", "idrees", "younus", "carlos", "hassan", "s", ""}) {
        CAPTURE(name);
        CHECK(tigris::group_plural_base(name).empty());
    }
}

TEST_CASE("spellings the transliteration rules read as one name join", "[names][scorer]") {
    const Pairs same = {
        {"qassim", "kassim"}, {"qadir", "kadir"},   {"zarqawi", "zarkawi"},  // qaf: q k
        {"jamal", "gamal"},                                                 // jim: j g
        {"walid", "waleed"},  {"nabil", "nabeel"},  {"majid", "majeed"},     // kasra: i ee
        {"khalid", "khaled"}, {"tikrit", "tekrit"},                          // kasra: i e
        {"mahmoud", "mahmud"}, {"nouri", "nuri"},   {"mohammed", "muhammed"}, // damma: u ou o
        {"yusuf", "yousuf"},  {"mustafa", "moustafa"},
        {"faisal", "faysal"}, {"faisal", "feisal"}, {"hussein", "husayn"},  // diphthongs, shadda
        {"hassan", "hasan"},                                                // shadda
        {"ja'far", "jafar"},  {"fatimah", "fatima"},                         // ayn mark, ta marbuta
    };
    for (const auto& [a, b] : same) {
        INFO(a << " / " << b << ": " << scorer().compare(a, b).cost);
        CHECK(scorer().same_name(a, b));
        CHECK(scorer().same_name(b, a));
    }
}

TEST_CASE("look-alikes of different names stay apart", "[names][scorer]") {
    const Pairs apart = {
        {"iran", "iraq"},    {"basri", "nasri"},   // consonants of different letters
        {"salem", "salam"},  {"samer", "samar"},   // kasra or fatha in the last syllable:
        {"rashed", "rashad"},                     // the faa'il and fa'al patterns
        {"sayed", "saeed"},                       // a-e is two vowels with an ayn between
        {"kassem", "jassem"},                     // qaf is never written j
        {"aman", "oman"},    {"beth", "baath"},    // a short name carries more in each letter
        {"zaid", "zayed"},
    };
    for (const auto& [a, b] : apart) {
        INFO(a << " / " << b << ": " << scorer().compare(a, b).cost);
        CHECK_FALSE(scorer().same_name(a, b));
    }
}

TEST_CASE("a comparison says what it read, in both directions alike", "[names][scorer]") {
    const auto c = scorer().compare("waleed", "walid");
    CHECK(c.same);
    CHECK(c.describe() == "ee/i");
    REQUIRE(c.edits.size() == 1);
    CHECK(c.edits[0].place == tigris::EditPlace::Last);
    CHECK(scorer().compare("walid", "waleed").describe() == "i/ee");
    CHECK(scorer().compare("qassim", "kassem").describe() == "q/k, i/e");
    CHECK(scorer().compare("walid", "walid").describe().empty());
    // distance() is compare()'s cost; a limit only cuts the search short.
    for (const auto& [a, b] : Pairs{{"qassim", "kassem"}, {"salem", "salam"}, {"hussein", "husayn"}}) {
        const double full = scorer().compare(a, b).cost;
        CHECK(scorer().distance(a, b, 100) == Approx(full));
        CHECK(scorer().distance(b, a, 100) == Approx(full));
        CHECK(scorer().distance(a, b, full / 2) > full / 2);
    }
}

TEST_CASE("an English word meets another spelling only by how a long vowel is written", "[names][scorer]") {
    // Long vowels written two ways, and marks the scorer folds: the romanization's own.
    for (const auto& [a, b] : Pairs{{"amir", "ameer"}, {"said", "saeed"}, {"nur", "nour"}, {"nuri", "noori"},
                                    {"yusuf", "yousuf"}, {"mullah", "mulla"}}) {
        INFO(a << " / " << b);
        CHECK(scorer().compare(a, b).only_long_vowels());
    }
    // Every other reading of an English word is the English word: a final y (berry), a
    // consonant (camel), a short vowel (amen), a doubled letter (sheriff), a diphthong.
    for (const auto& [a, b] : Pairs{{"berry", "berri"}, {"camel", "kamel"}, {"amen", "amin"}, {"sheriff", "sherif"},
                                    {"faith", "feith"}, {"brown", "braun"}, {"camil", "kameel"}}) {
        INFO(a << " / " << b);
        CHECK_FALSE(scorer().compare(a, b).only_long_vowels());
    }
}

TEST_CASE("spellings the scorer cannot read match only themselves", "[names][scorer]") {
    const std::string arabic = "\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9";
    CHECK_FALSE(tigris::scorable_spelling(arabic));
    CHECK_FALSE(tigris::scorable_spelling("a"));
    CHECK(scorer().distance(arabic, arabic, 1) == 0);
    CHECK(scorer().distance(arabic, "basra", 100) == Approx(std::numeric_limits<double>::infinity()));
    CHECK_FALSE(scorer().same_name(std::string(40, 'a'), std::string(39, 'a')));
}

TEST_CASE("a cost table entry must be up to three letters of a-z and '", "[names][scorer]") {
    CHECK_THROWS_AS(tigris::NameScorer({{"abcd", "a", tigris::EditPlace::Anywhere, 1.0}}, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(tigris::NameScorer({{"\xC3\xA9", "e", tigris::EditPlace::Anywhere, 1.0}}, 1.0),
                    std::invalid_argument);
    // A table of one edit: only that edit is cheap.
    const tigris::NameScorer tiny({{"q", "k", tigris::EditPlace::Anywhere, 0.1}}, 0.5);
    CHECK(tiny.same_name("qasim", "kasim"));
    CHECK_FALSE(tiny.same_name("qasim", "qasem"));  // e/i is not in its table
}
