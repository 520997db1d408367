// The analyzer's per-thread state is explicit: an Analyzer (with its TokenAnalysis) is
// the per-thread object, its analyzing methods are not const, a copy is a fresh
// analyzer for another thread, and the classes that refer to their own members can
// neither be copied nor moved.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "test_support.h"
#include "tigris/query_builder.h"
#include "tigris/searcher.h"

namespace {

using V = std::vector<std::string>;

// Whether an analyzer reached through @p Ref (Analyzer& or const Analyzer&) can analyze.
template <typename Ref, typename = void>
struct CanAnalyze : std::false_type {};
template <typename Ref>
struct CanAnalyze<Ref, std::void_t<decltype(std::declval<Ref>().analyze(std::string_view(),
                                                                         tigris::AnalysisMode::Document))>>
    : std::true_type {};

// Whether a query builder reached through @p Ref can build.
template <typename Ref, typename = void>
struct CanBuild : std::false_type {};
template <typename Ref>
struct CanBuild<Ref, std::void_t<decltype(std::declval<Ref>().build(std::string_view()))>> : std::true_type {};

// Names, an article, a possessive, an acronym with its context, a compound, words.
const char* const kText = "Moqtada al-Sadr's JAM militia left Basrah. Shi'a clerics in Iraq met the MNF-I.";

// Texts for the threads: every cache and buffer of an analyzer at work (names for the
// root steps, many words for the word cache, fields for the buffers).
std::vector<std::string> thread_texts() {
    std::vector<std::string> texts = {kText, "Pearl JAM played. Shiites and Baathists. JURIS-\nDICTION. ISFs.",
                                      "AQI is al-Queda in Iraq; Bassora's port. An Najaf, As-Samarra."};
    std::string many;
    for (int i = 0; i < 3000; ++i) many += "Qx" + std::to_string(i % 97) + "ab Hameed-" + std::to_string(i) + " house ";
    texts.push_back(many);
    return texts;
}

const char* const kQueries[] = {"Moqtada al-Sadr JAM", "\"Jaish al-Mahdi militia\" OR Basrah", "Shi'ite -Baath"};

struct Output {
    std::vector<V> terms;
    std::vector<std::string> queries;
};

// What @p analyzer writes for @p texts and builds for kQueries, @p rounds times.
Output run(tigris::Analyzer& analyzer, const std::vector<std::string>& texts, int rounds) {
    Output out;
    tigris::QueryBuilder builder(analyzer);
    for (int r = 0; r < rounds; ++r) {
        for (const std::string& text : texts) out.terms.push_back(tigris::test::body_terms(text, analyzer));
        for (const char* q : kQueries) out.queries.push_back(builder.build(q).get_description());
    }
    return out;
}

}  // namespace

TEST_CASE("a Searcher is neither copied nor moved: its query builder refers to its own analyzer", "[state]") {
    STATIC_REQUIRE(!std::is_copy_constructible<tigris::Searcher>::value);
    STATIC_REQUIRE(!std::is_move_constructible<tigris::Searcher>::value);
    STATIC_REQUIRE(!std::is_copy_assignable<tigris::Searcher>::value);
    STATIC_REQUIRE(!std::is_move_assignable<tigris::Searcher>::value);
}

TEST_CASE("a QueryBuilder is not assigned: it stays with the analyzer it was built on", "[state]") {
    STATIC_REQUIRE(!std::is_copy_assignable<tigris::QueryBuilder>::value);
    STATIC_REQUIRE(!std::is_move_assignable<tigris::QueryBuilder>::value);
}

TEST_CASE("analyzing changes per-thread state, so it is not const", "[state]") {
    STATIC_REQUIRE(CanAnalyze<tigris::Analyzer&>::value);
    STATIC_REQUIRE(!CanAnalyze<const tigris::Analyzer&>::value);
    STATIC_REQUIRE(CanBuild<tigris::QueryBuilder&>::value);
    STATIC_REQUIRE(!CanBuild<const tigris::QueryBuilder&>::value);
    // A copy is a new analyzer for another thread; an analyzer is never assigned.
    STATIC_REQUIRE(std::is_copy_constructible<tigris::Analyzer>::value);
    STATIC_REQUIRE(!std::is_copy_assignable<tigris::Analyzer>::value);
    STATIC_REQUIRE(std::is_copy_constructible<tigris::TokenAnalysis>::value);
    STATIC_REQUIRE(!std::is_copy_assignable<tigris::TokenAnalysis>::value);
}

TEST_CASE("a copy of an Analyzer writes the terms of the original", "[analyzer][state]") {
    const V golden = {"XAJAM",        "XAMNF",     "XBlsadr:moqtada", "XBrmoqtada:sadr", "XCbasra@6",  "XCmahdi-army@3", "XCmnf-i@13",    "XCmuqtada@1",
                      "XCsadr@2",     "XCshia@7",  "XNBSr:basrah", "XNS:shi'a",     "XNSTr:sadr",    "XNmKT:moqtada",
                      "XNrK:iraq",    "Zal",       "Zcleric",    "Zin",            "Zleft",         "Zmet",
                      "Zmilitia",     "Zthe",      "al@2",       "basrah@6",       "clerics@8",     "in@9",
                      "iraq@10",      "left@5",    "met@11",     "militia@4",      "mnf@13",        "mnfi@13",
                      "moqtada@1",    "sadr's@2",  "shi'a@7",    "the@12"};
    tigris::Analyzer original(tigris::test::test_lexicon(), tigris::test::words());
    CHECK(tigris::test::body_terms(kText, original) == golden);
    // Copied after use: the copy starts with empty caches, and writes the same terms.
    tigris::Analyzer copy(original);
    CHECK(tigris::test::body_terms(kText, copy) == golden);
    CHECK(tigris::test::body_terms(kText, original) == golden);
}

TEST_CASE("a copy of a TokenAnalysis analyzes as the original", "[analyzer][state]") {
    tigris::TokenAnalysis original(tigris::test::words());
    std::vector<tigris::AnalyzedToken> a, b;
    original.analyze(kText, 1, a);
    tigris::TokenAnalysis copy(original);
    copy.analyze(kText, 1, b);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO(a[i].norm);
        CHECK(b[i].norm == a[i].norm);
        CHECK(b[i].stem == a[i].stem);
        CHECK(b[i].block == a[i].block);
        CHECK(b[i].kind == a[i].kind);
        CHECK(b[i].pos == a[i].pos);
    }
}

TEST_CASE("copies of an Analyzer used from two threads at once write the terms of one alone", "[analyzer][state]") {
    // The prototype is only copied, as the server's workers and the indexer's threads
    // copy theirs; each thread analyzes with its own copy.
    const tigris::Analyzer prototype(tigris::test::test_lexicon(), tigris::test::words());
    const std::vector<std::string> texts = thread_texts();
    constexpr int kRounds = 5;
    tigris::Analyzer alone(prototype);
    const Output expected = run(alone, texts, kRounds);

    // Catch2's assertions are for one thread: the threads only collect.
    std::vector<Output> got(2);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t) {
        threads.emplace_back([&, t] {
            tigris::Analyzer own(prototype);
            ++ready;
            while (ready.load() < 2) std::this_thread::yield();  // start together
            got[t] = run(own, texts, kRounds);
        });
    }
    for (auto& th : threads) th.join();
    for (const Output& o : got) {
        CHECK(o.terms == expected.terms);
        CHECK(o.queries == expected.queries);
    }
}
