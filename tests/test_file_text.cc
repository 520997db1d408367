// The readers of the files analysts keep: file kinds by content, text encodings, HTML,
// PDF, e-mail and mbox, over the committed fixtures (tests/fixtures/files, bad-files;
// made by tests/fixtures/make_files.py).
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

#include "tigris/corpus.h"
#include "tigris/error.h"
#include "tigris/file_text.h"

namespace {

const std::string kFiles = std::string(TIGRIS_FIXTURES) + "/files/";
const std::string kBad = std::string(TIGRIS_FIXTURES) + "/bad-files/";

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string reason_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const tigris::InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("the kind of a file is read from its content; the name settles only text", "[files]") {
    tigris::FileKindDetector detector;
    struct Case {
        std::string path;
        tigris::FileKind kind;
        std::string mime;
    };
    const Case cases[] = {
        {kFiles + "reports/inquiry.pdf", tigris::FileKind::Pdf, "application/pdf"},
        {kFiles + "web/article.html", tigris::FileKind::Html, "text/html"},
        {kFiles + "mail/memo.eml", tigris::FileKind::Email, "message/rfc822"},
        {kFiles + "mail/archive.mbox", tigris::FileKind::Mbox, "text/plain"},
        {kFiles + "text/latin1.txt", tigris::FileKind::Text, "text/plain"},
        {kBad + "truncated.pdf", tigris::FileKind::Pdf, "application/pdf"},
        {kBad + "scan.eml", tigris::FileKind::Other, "application/octet-stream"},  // junk named .eml
        {kBad + "not-mail.eml", tigris::FileKind::Email, "text/plain"},
    };
    for (const Case& c : cases) {
        INFO(c.path);
        std::string mime;
        CHECK(detector.detect(c.path, read(c.path), mime) == c.kind);
        CHECK(mime == c.mime);
    }
    std::string mime;
    // A PDF named .txt is a PDF; text named .pdf is text; JSON Lines by name.
    CHECK(detector.detect("x.txt", read(kFiles + "reports/inquiry.pdf"), mime) == tigris::FileKind::Pdf);
    CHECK(detector.detect("x.pdf", "Just a note.\n", mime) == tigris::FileKind::Text);
    CHECK(detector.detect("x.jsonl", "{\"id\": \"a\"}\n", mime) == tigris::FileKind::JsonLines);
    CHECK(detector.detect("x", "{\"id\": \"a\"}\n", mime) == tigris::FileKind::JsonLines);
    CHECK(detector.detect("x.htm", "<p>a fragment</p>\n", mime) == tigris::FileKind::Html);
}

TEST_CASE("text in any common encoding reads as UTF-8", "[files][encoding]") {
    struct Case {
        std::string bytes, declared, text, encoding;
    };
    const Case cases[] = {
        {"Walid \xC3\xA0 Bassora", "", "Walid \xC3\xA0 Bassora", "UTF-8"},
        {"plain ASCII", "", "plain ASCII", "UTF-8"},
        {"\xEF\xBB\xBFwith a BOM", "", "with a BOM", "UTF-8"},
        {std::string("\xFF\xFEW\0a\0l\0i\0d\0", 12), "", "Walid", "UTF-16LE"},
        {std::string("\xFE\xFF\0W\0a\0l\0i\0d", 12), "", "Walid", "UTF-16BE"},
        // Declared: believed, except a UTF-8 declaration over bytes that are not UTF-8.
        {"caf\xE9", "ISO-8859-1", "caf\xC3\xA9", "ISO-8859-1"},
        {"\xC7\xE1\xC8\xD5\xD1\xC9", "windows-1256", "\xD8\xA7\xD9\x84\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9", "windows-1256"},
        {"\xC7\xE1\xC8\xD5\xD1\xC9", "no-such-charset", "\xD8\xA7\xD9\x84\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9", "windows-1256"},
    };
    for (const Case& c : cases) {
        INFO(c.bytes);
        std::string used;
        CHECK(tigris::decode_text(c.bytes, c.declared, &used) == c.text);
        CHECK(used == c.encoding);
    }
    // Detected: Latin-1 French and Windows-1256 Arabic (the fixtures).
    std::string used;
    const std::string french = tigris::decode_text(read(kFiles + "text/latin1.txt"), "", &used);
    CHECK(used == "ISO-8859-1");
    CHECK(french.rfind("Compte rendu de la r\xC3\xA9union \xC3\xA0 Bassora\n", 0) == 0);
    const std::string arabic = tigris::decode_text(read(kFiles + "text/arabic-1256.txt"), "", &used);
    CHECK(used == "windows-1256");
    CHECK(arabic.find("\xD8\xA7\xD9\x84\xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9") != std::string::npos);  // البصرة
    // A declared UTF-8 over Latin-1 bytes is not believed.
    CHECK(tigris::decode_text(read(kFiles + "text/latin1.txt"), "utf-8") == french);
    // Whatever the bytes, the result is UTF-8.
    std::string junk;
    for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
    CHECK(tigris::valid_utf8(tigris::decode_text(junk), nullptr));
}

TEST_CASE("HTML: visible text only, entities decoded, title and date", "[files][html]") {
    const tigris::FileText t = tigris::html_text(read(kFiles + "web/article.html"));
    CHECK(t.title == "Clashes in Karbala & Najaf");
    CHECK(t.date == "2008-03-05");
    CHECK(t.body ==
          "Home | World\n"
          "Clashes in Karbala & Najaf\n"
          "Police said Walid Khalil, a local official, was detained on Tuesday.\n"
          "Shi\xE2\x80\x99" "a pilgrims \xE2\x80\x94 thousands of them \xE2\x80\x93 left the caf\xC3\xA9 district <early>.");
    // A page in windows-1252 that says so; cells apart; a page nested too deep.
    const tigris::FileText latin = tigris::html_text(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
        "<title>R\xE9sum\xE9</title></head><body><table><tr><td>a</td><td>b</td></tr></table>\x93q\x94</body></html>");
    CHECK(latin.title == "R\xC3\xA9sum\xC3\xA9");
    CHECK(latin.body == "a b\n\xE2\x80\x9Cq\xE2\x80\x9D");
    CHECK(latin.meta["encoding"] == "windows-1252");
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<div>";
    CHECK(reason_of([&] { tigris::html_text(deep + "x"); }) == "HTML nests elements deeper than 4096 levels");
    CHECK(tigris::html_nesting_depth("<div><p>a<p>b<br><img src=x><span>c</span></div><div/>") == 2);
}

TEST_CASE("PDF: text per page, title and date from the metadata; locked and cut ones refused", "[files][pdf]") {
    const tigris::FileText t = tigris::pdf_text(kFiles + "reports/inquiry.pdf");
    CHECK(t.title == "Inquiry into the Basra detentions");
    CHECK(t.date == "2007-08-24");
    CHECK(t.meta["pages"] == 2);
    CHECK(t.meta["author"] == "tigris tests");
    const std::size_t ff = t.body.find('\f');
    REQUIRE(ff != std::string::npos);
    CHECK(t.body.find('\f', ff + 1) == std::string::npos);  // two pages
    CHECK(t.body.substr(0, ff).find("Waleed al-Hashimi") != std::string::npos);
    CHECK(t.body.substr(ff).find("Hassan Karim described the conditions") != std::string::npos);
    CHECK(reason_of([] { tigris::pdf_text(kBad + "encrypted.pdf"); }) == "encrypted PDF: it needs a password to be read");
    CHECK(reason_of([] { tigris::pdf_text(kBad + "truncated.pdf"); }).rfind("truncated PDF (it does not end with %%EOF)", 0) == 0);
}

TEST_CASE("e-mail: subject, date, decoded text parts; attachments named, not read", "[files][email]") {
    const tigris::FileText t = tigris::email_text(read(kFiles + "mail/memo.eml"));
    CHECK(t.title == "Meeting with Sayyid \xE1\xB8\xA4" "asan");  // RFC 2047 encoded word
    CHECK(t.date == "2008-01-15");
    // Quoted-printable UTF-8, a soft line break joined.
    CHECK(t.body.rfind("We met Sayyid \xE1\xB8\xA4" "asan in \xE1\xB9\xA2" "adr City on Monday. He spoke of the ceasefire", 0) == 0);
    CHECK(t.body.find("\xE2\x80\x9C" "all of them\xE2\x80\x9D") != std::string::npos);
    CHECK(t.body.find("quartermaster") == std::string::npos);
    CHECK(t.meta["attachments"] == nlohmann::json::array({"notes.txt"}));
    CHECK(t.meta["from"] == "Field Office <field@example.org>");
    CHECK(reason_of([] { tigris::email_text(read(kBad + "not-mail.eml")); }) == "not an e-mail message: it has no header lines");
}

TEST_CASE("mbox: each message found with the line it starts on", "[files][email]") {
    const std::string path = kFiles + "mail/archive.mbox";
    const auto messages = tigris::mbox_messages(path);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].line == 1);
    CHECK(messages[1].line == 9);
    const std::string bytes = read(path);
    const tigris::FileText first = tigris::email_text(bytes.substr(messages[0].offset, messages[0].length));
    CHECK(first.title == "Visit of Ameer Hamoudi");
    CHECK(first.date == "2006-05-15");
    CHECK(first.body.find("Ameer Hamoudi visited") != std::string::npos);
    CHECK(first.body.find("Checkpoint") == std::string::npos);
    const tigris::FileText second = tigris::email_text(bytes.substr(messages[1].offset, messages[1].length));
    CHECK(second.title == "Checkpoint report");
    CHECK(second.body.find("south of the caf\xC3\xA9.") != std::string::npos);  // ISO-8859-1 declared
}

TEST_CASE("a folder's files are documents with their relative paths as ids; bad ones are reported", "[files][corpus]") {
    tigris::CorpusReader reader(tigris::corpus_files({kFiles, kBad}), 1 << 20);
    std::optional<tigris::CorpusDocument> doc;
    std::optional<tigris::CorpusProblem> problem;
    std::vector<std::string> docs, problems;
    while (reader.next(doc, problem)) {
        if (doc) docs.push_back(doc->id + " | " + doc->source + " | " + doc->date + " | " + doc->title);
        if (problem) problems.push_back(problem->describe().substr(std::string(TIGRIS_FIXTURES).size() + 1));
    }
    CHECK(docs == std::vector<std::string>{
                      "mail/archive.mbox#1 | email | 2006-05-15 | Visit of Ameer Hamoudi",
                      "mail/archive.mbox#2 | email | 2006-06-13 | Checkpoint report",
                      "mail/memo.eml | email | 2008-01-15 | Meeting with Sayyid \xE1\xB8\xA4" "asan",
                      "reports/inquiry.pdf | pdf | 2007-08-24 | Inquiry into the Basra detentions",
                      "text/arabic-1256.txt | text |  | Statement of Ameer Hamoudi",
                      "text/latin1.txt | text |  | Compte rendu de la r\xC3\xA9union \xC3\xA0 Bassora",
                      "web/article.html | html | 2008-03-05 | Clashes in Karbala & Najaf",
                  });
    REQUIRE(problems.size() == 4);
    CHECK(problems[0] == "bad-files/encrypted.pdf: encrypted PDF: it needs a password to be read");
    CHECK(problems[1] == "bad-files/not-mail.eml: not an e-mail message: it has no header lines");
    CHECK(problems[2] == "bad-files/scan.eml: not a file tigris reads (libmagic: application/octet-stream)");
    CHECK(problems[3].rfind("bad-files/truncated.pdf: truncated PDF (it does not end with %%EOF)", 0) == 0);
}
