// Integration tests: the tigris binary over a folder of an analyst's files (PDF, HTML,
// e-mail, text in Latin-1 and Windows-1256) and the bad ones it must skip, and the
// result set as CSV.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_support.h"

namespace fs = std::filesystem;

namespace {

using namespace tigris::cli_test;
using S = std::set<std::string>;

const std::string kFiles = std::string(TIGRIS_FIXTURES) + "/files";
const std::string kBad = std::string(TIGRIS_FIXTURES) + "/bad-files";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The files and the bad files indexed in one run (which exits 1 for the bad ones).
std::string files_index() {
    static const std::string dir = [] {
        const std::string d = fresh_dir("files-index");
        const Run r = run("index --quiet --index " + d + " " + kFiles + " " + kBad);
        REQUIRE(r.status == 1);
        return d;
    }();
    return dir;
}

nlohmann::json search(const std::string& index, const std::string& query) {
    const Run r = run("search --index " + index + " --format json --limit 100 " + quote(query));
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
}

S ids(const std::string& query) {
    S out;
    const nlohmann::json j = search(files_index(), query);  // not in the loop's head: it would dangle
    for (const auto& h : j["hits"]) out.insert(h["id"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("cli: bad files are reported by name and reason, the rest indexed", "[cli][files]") {
    const std::string index = fresh_dir("files-and-bad");
    const Run r = run("index --quiet --index " + index + " " + kFiles + " " + kBad);
    CHECK(r.status == 1);
    const std::string err = last_stderr();
    CHECK(contains(err, "skipped " + kBad + "/encrypted.pdf: encrypted PDF: it needs a password to be read\n"));
    CHECK(contains(err, "skipped " + kBad + "/truncated.pdf: truncated PDF (it does not end with %%EOF)"));
    CHECK(contains(err, "skipped " + kBad + "/scan.eml: not a file tigris reads (libmagic: application/octet-stream)\n"));
    CHECK(contains(err, "skipped " + kBad + "/not-mail.eml: not an e-mail message: it has no header lines\n"));
    CHECK(contains(err, "indexed 7 documents in"));
    CHECK(contains(err, "skipped 4;"));
}

TEST_CASE("cli: each kind of file is found by another spelling of a name it holds", "[cli][files]") {
    // Walid/Waleed: the PDF, the HTML page, an mbox message and the Latin-1 text.
    CHECK(ids("Walid") == S{"reports/inquiry.pdf", "web/article.html", "mail/archive.mbox#2", "text/latin1.txt"});
    // Hasan: the e-mail (Ḥasan, quoted-printable UTF-8) and the PDF's second page (Hassan).
    CHECK(ids("Hasan") == S{"mail/memo.eml", "reports/inquiry.pdf"});
    CHECK(ids("Sayed") == S{"mail/memo.eml"});
    // Amir: the Windows-1256 text and the first mbox message (Ameer).
    CHECK(ids("Amir") == S{"text/arabic-1256.txt", "mail/archive.mbox#1"});
    // Text that was encoded: Arabic from Windows-1256, French from Latin-1, a
    // quoted-printable soft line break, an HTML entity.
    CHECK(ids("\xD8\xA7\xD9\x84\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9") == S{"text/arabic-1256.txt"});  // البصرة
    CHECK(ids("d\xC3\xA9put\xC3\xA9") == S{"text/latin1.txt"});
    CHECK(ids("ceasefire") == S{"mail/memo.eml"});
    CHECK(ids("caf\xC3\xA9") == S{"web/article.html", "mail/archive.mbox#2"});
    // What is not shown or not the message: scripts, styles, comments, attachments.
    for (const char* hidden : {"scriptword", "stylerule", "noscriptword", "commentword", "jsonldword", "quartermaster"}) {
        INFO(hidden);
        CHECK(ids(hidden).empty());
    }
    // Nothing of the bad files, nothing else lost.
    CHECK(ids("Secretson").empty());
    CHECK(ids("source:pdf OR source:html OR source:email OR source:text").size() == 7);
}

TEST_CASE("cli: a PDF hit says the page of its snippet; titles and dates come from the files", "[cli][files]") {
    const auto walid = search(files_index(), "Walid");
    const auto hasan = search(files_index(), "Hasan");
    for (const auto& h : walid["hits"]) {
        if (h["id"] == "reports/inquiry.pdf") {
            CHECK(h["page"] == 1);
            CHECK(h["title"] == "Inquiry into the Basra detentions");
            CHECK(h["date"] == "2007-08-24");
            CHECK(h["source"] == "pdf");
        } else {
            CHECK_FALSE(h.contains("page"));
        }
    }
    for (const auto& h : hasan["hits"]) {
        if (h["id"] == "reports/inquiry.pdf") CHECK(h["page"] == 2);
        if (h["id"] == "mail/memo.eml") {
            CHECK(h["title"] == "Meeting with Sayyid \xE1\xB8\xA4" "asan");
            CHECK(h["date"] == "2008-01-15");
        }
    }
    const Run text = run("search --index " + files_index() + " " + quote("Hassan Karim"));
    CHECK(contains(text.out, "2007-08-24  pdf  reports/inquiry.pdf  page 2  score "));
}

TEST_CASE("cli: re-indexing a folder by another path replaces its documents", "[cli][files]") {
    const std::string copy = work_dir() + "/analyst-files";
    fs::remove_all(copy);
    fs::copy(kFiles, copy, fs::copy_options::recursive);
    const std::string link = work_dir() + "/same-files";
    fs::remove(link);
    fs::create_directory_symlink(copy, link);
    const std::string index = fresh_dir("reindex-files");
    REQUIRE(run("index --quiet --index " + index + " " + copy).status == 0);
    REQUIRE(run("index --quiet --index " + index + " " + link + "/").status == 0);
    CHECK(contains(last_stderr(), "index " + index + ": 7 documents"));
    // A changed file replaces its document.
    std::ofstream(copy + "/mail/memo.eml", std::ios::trunc) << "From: field@example.org\nSubject: Changed\n\nNothing about the truce.\n";
    REQUIRE(run("index --quiet --index " + index + " " + copy).status == 0);
    CHECK(contains(last_stderr(), ": 7 documents"));
    CHECK(search(index, "ceasefire")["total"] == 0);
}

TEST_CASE("cli: --format csv writes a row per hit with its snippet and spellings", "[cli][files]") {
    const Run r = run("search --index " + files_index() + " --format csv --snippets 0 " + quote("Hasan"));
    REQUIRE(r.status == 0);
    std::vector<std::string> rows;
    for (std::size_t at = 0, end; (end = r.out.find("\r\n", at)) != std::string::npos; at = end + 2) {
        rows.push_back(r.out.substr(at, end - at));
    }
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == "rank,id,title,date,source,score,page,matched,snippet");
    CHECK(rows[1].rfind("1,mail/memo.eml,Meeting with Sayyid \xE1\xB8\xA4" "asan,2008-01-15,email,", 0) == 0);
    CHECK(contains(rows[1], ",,\xE1\xB8\xA4" "asan (name hasan),We met Sayyid \xE1\xB8\xA4" "asan in \xE1\xB9\xA2" "adr City"));
    CHECK(rows[2].rfind("2,reports/inquiry.pdf,Inquiry into the Basra detentions,2007-08-24,pdf,", 0) == 0);
    CHECK(contains(rows[2], ",2,Hassan (name hassan \xE2\x86\x90 hasan: ss/s (0.32)),…detainee held near Basrah"));
    CHECK(run("search --index " + files_index() + " --format xml Hasan").status == 2);
    CHECK(contains(last_stderr(), "--format must be text, json, jsonl or csv, not xml"));
}
