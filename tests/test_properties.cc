#include <catch2/catch.hpp>

#include <random>

#include "test_support.h"
#include "tigris/query_builder.h"

namespace {

// Random strings over pieces that stress the pipeline: ASCII, apostrophes, hyphens,
// combining marks, other scripts, capitals, and bytes that are not UTF-8.
std::string random_text(std::mt19937& rng, std::size_t pieces, bool valid_utf8) {
    static const std::vector<std::string> alphabet = {
        "a", "Q", "al-", "Shi", "'", "\xE2\x80\x99", "\xE2\x80\x98", "-", "\xE2\x80\x91", " ", "\n", "JAM",
        "\xCC\x81", "\xC4\x81", "\xD8\xA8", "\xE4\xB8\xAD", ",", ".", "\"", "(", ")", "OR", "NOT", ":", "0",
        "\xC2\xAD", "\xF0\x9F\x98\x80", "title:", "date:", "..", "Sadr", "ISF", "-\n"};
    static const std::vector<std::string> bad = {"\xFF", "\xC3", "\xE2\x80", "\xED\xA0\x80", "\xC0\xAF"};
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), pick_bad(0, bad.size() - 1);
    std::uniform_int_distribution<int> coin(0, 9);
    std::string s;
    for (std::size_t i = 0; i < pieces; ++i) {
        s += (!valid_utf8 && coin(rng) == 0) ? bad[pick_bad(rng)] : alphabet[pick(rng)];
    }
    return s;
}

}  // namespace

TEST_CASE("normalization is idempotent", "[property][normalize]") {
    const tigris::Normalizer n;
    std::mt19937 rng(20261122);
    for (int i = 0; i < 2000; ++i) {
        const std::string s = random_text(rng, 1 + i % 12, true);
        const std::string once = n.normalize(s);
        INFO(s);
        CHECK(n.normalize(once) == once);
    }
}

TEST_CASE("analysis and query building never crash on random bytes", "[property]") {
    auto& analyzer = tigris::test::test_analyzer();
    tigris::QueryBuilder qb(analyzer);
    std::mt19937 rng(7);
    for (int i = 0; i < 3000; ++i) {
        const std::string s = random_text(rng, 1 + i % 40, false);
        INFO(s);
        CHECK_NOTHROW(tigris::test::body_terms(s));
        try {
            qb.build(s);
        } catch (const tigris::QueryError&) {
            // A malformed query is reported, never a crash.
        }
    }
}

TEST_CASE("every emitted term fits Xapian's term length limit", "[property]") {
    std::string long_compound;
    for (int i = 0; i < 40; ++i) long_compound += "abcdefghij-";
    for (const auto& t : tigris::test::body_terms(long_compound + "end")) {
        CHECK(t.size() < 245);
    }
}
