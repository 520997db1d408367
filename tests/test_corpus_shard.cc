// Which shard holds a document, K/N as written on the command line, and stubs of shards.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tigris/error.h"
#include "tigris/shards.h"

namespace fs = std::filesystem;

TEST_CASE("a document's shard is its id's FNV-1a modulo the shard count, on every machine", "[shards]") {
    // Golden values: shards built on other machines, and by earlier versions, agree.
    const struct {
        const char* id;
        unsigned of2, of4, of7;
    } table[] = {
        {"cable/07BAGHDAD2838", 0, 2, 3},
        {"fx/01", 1, 1, 3},
        {"nm/02", 1, 1, 0},
    };
    for (const auto& row : table) {
        INFO(row.id);
        CHECK(tigris::shard_of(row.id, 2) == row.of2);
        CHECK(tigris::shard_of(row.id, 4) == row.of4);
        CHECK(tigris::shard_of(row.id, 7) == row.of7);
        CHECK(tigris::CorpusShard{row.of4, 4}.holds(row.id));
        CHECK(!tigris::CorpusShard{(row.of4 + 1) % 4, 4}.holds(row.id));
        CHECK(tigris::CorpusShard{}.holds(row.id));  // the whole corpus
    }
}

TEST_CASE("a part of a corpus is written K/N, K below N", "[shards]") {
    const struct {
        const char* text;
        unsigned index, count;
    } good[] = {{"0/1", 0, 1}, {"0/2", 0, 2}, {"1/2", 1, 2}, {"1023/1024", 1023, 1024}};
    for (const auto& row : good) {
        INFO(row.text);
        const tigris::CorpusShard s = tigris::parse_corpus_shard(row.text);
        CHECK(s.index == row.index);
        CHECK(s.count == row.count);
        CHECK(s.describe() == row.text);
    }
    for (const char* bad : {"", "1", "2/2", "3/2", "0/0", "-1/2", "1/-2", "0/1025", "a/b", "0/2x", " 0/2", "0//2"}) {
        INFO(bad);
        CHECK_THROWS_AS(tigris::parse_corpus_shard(bad), tigris::ConfigError);
    }
}

TEST_CASE("every part of one N is the whole corpus", "[shards]") {
    using S = tigris::CorpusShard;
    CHECK(tigris::covers_corpus({S{0, 2}, S{1, 2}}));
    CHECK(tigris::covers_corpus({S{0, 1}}));
    CHECK(!tigris::covers_corpus({}));
    CHECK(!tigris::covers_corpus({S{0, 2}}));
    CHECK(!tigris::covers_corpus({S{0, 3}, S{1, 3}}));
    CHECK(!tigris::covers_corpus({S{0, 2}, S{1, 3}}));
}

TEST_CASE("a bad stub line is reported with its file and line", "[shards]") {
    const fs::path dir = fs::temp_directory_path() / ("tigris-stub-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const std::string stub = (dir / "index.stub").string();
    const struct {
        const char* text;
        const char* message;
    } table[] = {
        {"# comment\n\nfoo bar\n", ":3: unknown database type \"foo\" (auto, glass, chert or remote)"},
        {"remote 127.0.0.1\n", ":1: remote shard \"127.0.0.1\" is not HOST:PORT or :PROGRAM ARGS"},
        {"remote host:99999\n", ":1: remote shard \"host:99999\" is not HOST:PORT or :PROGRAM ARGS"},
        {"auto\n", ":1: no path after auto"},
    };
    for (const auto& row : table) {
        INFO(row.text);
        std::ofstream(stub) << row.text;
        try {
            (void)tigris::IndexShards::open(stub);
            FAIL("no error");
        } catch (const tigris::ConfigError& e) {
            CHECK(std::string(e.what()) == stub + row.message);
        }
    }
    // A local shard that is not there is named with its line.
    std::ofstream(stub) << "auto missing-shard\n";
    try {
        (void)tigris::IndexShards::open(stub);
        FAIL("no error");
    } catch (const tigris::IoError& e) {
        CHECK(std::string(e.what()).find("shard " + (dir / "missing-shard").string() + " (" + stub + ":1) failed") !=
              std::string::npos);
    }
    fs::remove_all(dir);
}
