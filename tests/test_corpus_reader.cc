#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tigris/corpus.h"
#include "tigris/error.h"

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
    const auto dir = std::filesystem::temp_directory_path() / "tigris-test-corpus";
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::vector<std::string> read_all(const std::string& path, std::size_t max_bytes = 1 << 20) {
    tigris::CorpusReader reader({path}, max_bytes);
    std::optional<tigris::CorpusDocument> doc;
    std::optional<tigris::CorpusProblem> problem;
    std::vector<std::string> out;
    while (reader.next(doc, problem)) {
        if (doc) out.push_back("doc " + doc->id + " " + std::to_string(doc->line));
        if (problem) out.push_back(problem->describe().substr(problem->describe().rfind('/') + 1));
    }
    return out;
}

}  // namespace

TEST_CASE("bad JSONL lines are reported with file and line and skipped", "[corpus]") {
    const std::string path = write_temp(
        "bad.jsonl",
        "{\"id\": \"a\", \"title\": \"T\", \"body\": \"B\"}\n"
        "{\"id\": \"b\", \"body\": \"broken\"\n"
        "{\"title\": \"no id\", \"body\": \"x\"}\n"
        "{\"id\": \"c\", \"body\": \"bad \xFF byte\"}\n"
        "{\"id\": \"d\", \"title\": \"\", \"body\": \"  \"}\n"
        "{\"id\": \"e\", \"body\": \"x\", \"colour\": \"red\"}\n"
        "{\"id\": \"f\", \"body\": \"x\", \"date\": \"2007-13-01\"}\n"
        "{\"id\": \"g\", \"body\": 5}\n"
        "\n"
        "{\"id\": \"h\", \"body\": \"" + std::string(2000, 'x') + "\"}\n"
        "{\"id\": \"i\", \"body\": \"last\", \"meta\": {\"k\": 1}}\n");
    const auto got = read_all(path, 1000);
    REQUIRE(got.size() == 10);
    CHECK(got[0] == "doc a 1");
    CHECK(got[1].rfind("bad.jsonl:2: malformed JSON:", 0) == 0);
    CHECK(got[2] == "bad.jsonl:3: missing \"id\"");
    CHECK(got[3] == "bad.jsonl:4: invalid UTF-8 at byte 26 of the line");
    CHECK(got[4] == "bad.jsonl:5: document \"d\" is empty (no title, no body)");
    CHECK(got[5] == "bad.jsonl:6: unknown field \"colour\" (expected id, source, date, title, body, meta)");
    CHECK(got[6] == "bad.jsonl:7: document \"f\": date \"2007-13-01\" is not a real YYYY-MM-DD");
    CHECK(got[7] == "bad.jsonl:8: field \"body\" must be a string");
    CHECK(got[8] == "bad.jsonl:10: document of 2023 bytes is larger than the limit of 1000");
    CHECK(got[9] == "doc i 11");
}

TEST_CASE("a .txt file is one document: id the file name, title the first line", "[corpus]") {
    const std::string path = write_temp("note.txt", "A title\nThe body.\n");
    tigris::CorpusReader reader({path}, 1 << 20);
    std::optional<tigris::CorpusDocument> doc;
    std::optional<tigris::CorpusProblem> problem;
    REQUIRE(reader.next(doc, problem));
    REQUIRE(doc);
    CHECK(doc->id == "note.txt");
    CHECK(doc->source == "text");
    CHECK(doc->title == "A title");
    CHECK(doc->body == "The body.\n");
    CHECK_FALSE(reader.next(doc, problem));
}

TEST_CASE("a missing input is a configuration error", "[corpus]") {
    CHECK_THROWS_AS(tigris::corpus_file_paths({"/nonexistent/x.jsonl"}), tigris::ConfigError);
}
