#include "tigris/corpus.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include "tigris/error.h"

namespace tigris {

namespace fs = std::filesystem;
using nlohmann::json;

std::string CorpusProblem::describe() const {
    return file + ":" + std::to_string(line) + ": " + reason;
}

bool valid_utf8(const std::string& s, std::size_t* bad_offset) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    int32_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            if (bad_offset) *bad_offset = static_cast<std::size_t>(start);
            return false;
        }
    }
    return true;
}

std::vector<std::string> corpus_file_paths(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> files;
            for (const auto& e : fs::recursive_directory_iterator(p)) {
                const auto ext = e.path().extension();
                if (e.is_regular_file() && (ext == ".jsonl" || ext == ".txt")) {
                    files.push_back(e.path().string());
                }
            }
            std::sort(files.begin(), files.end());
            out.insert(out.end(), files.begin(), files.end());
        } else if (fs::exists(p, ec)) {
            out.push_back(p);
        } else {
            throw ConfigError("input " + p + " does not exist");
        }
    }
    return out;
}

CorpusReader::CorpusReader(std::vector<std::string> paths, std::size_t max_document_bytes)
    : paths_(std::move(paths)), max_bytes_(max_document_bytes) {
    for (const std::string& p : paths_) {
        std::error_code ec;
        const auto size = fs::file_size(p, ec);
        if (ec) throw ConfigError("cannot read input " + p + ": " + ec.message());
        total_bytes_ += size;
    }
}

bool CorpusReader::open_next_file() {
    if (in_) {
        std::error_code ec;
        done_bytes_ += fs::file_size(paths_[file_index_ - 1], ec);
        current_bytes_ = 0;
    }
    in_.reset();
    if (file_index_ >= paths_.size()) return false;
    current_ = paths_[file_index_++];
    in_ = std::make_unique<std::ifstream>(current_, std::ios::binary);
    if (!*in_) throw ConfigError("cannot open input " + current_);
    current_is_text_ = fs::path(current_).extension() == ".txt";
    line_ = 0;
    return true;
}

namespace {

bool valid_date(const std::string& d) {
    if (d.empty()) return true;
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (d[i] < '0' || d[i] > '9') return false;
    }
    const int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

bool CorpusReader::next_raw(RawRecord& record) {
    while (true) {
        if (!in_ && !open_next_file()) return false;
        if (current_is_text_) {
            std::ostringstream text;
            text << in_->rdbuf();
            record.text = text.str();
            record.file = current_;
            record.line = 1;
            record.whole_file = true;
            current_bytes_ = record.text.size();
            open_next_file();  // this file is consumed whole
            return true;
        }
        if (!std::getline(*in_, record.text)) {
            open_next_file();
            continue;
        }
        ++line_;
        current_bytes_ += record.text.size() + 1;
        if (record.text.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
        record.file = current_;
        record.line = line_;
        record.whole_file = false;
        return true;
    }
}

bool CorpusReader::next(std::optional<CorpusDocument>& doc, std::optional<CorpusProblem>& problem) {
    RawRecord record;
    if (!next_raw(record)) {
        doc.reset();
        problem.reset();
        return false;
    }
    ParsedRecord parsed = parse_record(std::move(record), max_bytes_);
    doc = std::move(parsed.doc);
    problem = std::move(parsed.problem);
    return true;
}

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

ParsedRecord parse_record(RawRecord&& r, std::size_t max_bytes) {
    ParsedRecord out;
    auto fail = [&](const std::string& reason) {
        out.problem = CorpusProblem{r.file, r.line, reason};
        return std::move(out);
    };
    if (r.text.size() > max_bytes) {
        return fail("document of " + std::to_string(r.text.size()) + " bytes is larger than the limit of " +
                    std::to_string(max_bytes));
    }
    std::size_t bad = 0;
    if (!valid_utf8(r.text, &bad)) {
        return fail(r.whole_file ? "invalid UTF-8 at byte " + std::to_string(bad + 1)
                                 : "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line");
    }
    CorpusDocument d;
    d.file = r.file;
    d.line = r.line;
    d.meta = "{}";
    if (r.whole_file) {
        d.id = r.file;
        const std::size_t nl = r.text.find('\n');
        d.title = r.text.substr(0, nl);
        d.body = nl == std::string::npos ? "" : r.text.substr(nl + 1);
        if (blank(d.title) && blank(d.body)) return fail("empty document");
        out.doc = std::move(d);
        return out;
    }
    json j;
    try {
        j = json::parse(r.text);
    } catch (const json::parse_error& e) {
        return fail(std::string("malformed JSON: ") + e.what());
    }
    if (!j.is_object()) return fail("expected a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        std::string* target = key == "id" ? &d.id : key == "source" ? &d.source
                            : key == "date" ? &d.date : key == "title" ? &d.title
                            : key == "body" ? &d.body : nullptr;
        if (target) {
            if (it->is_null()) continue;
            if (!it->is_string()) return fail("field \"" + key + "\" must be a string");
            *target = it->get<std::string>();
        } else if (key == "meta") {
            if (!it->is_object() && !it->is_null()) return fail("field \"meta\" must be an object");
            if (it->is_object()) d.meta = it->dump();
        } else {
            return fail("unknown field \"" + key + "\" (expected id, source, date, title, body, meta)");
        }
    }
    if (d.id.empty()) return fail("missing \"id\"");
    if (d.id.size() > 200) return fail("id \"" + d.id.substr(0, 40) + "...\" is longer than 200 bytes");
    if (!valid_date(d.date)) return fail("date \"" + d.date + "\" is not YYYY-MM-DD");
    if (blank(d.title) && blank(d.body)) return fail("document \"" + d.id + "\" is empty (no title, no body)");
    out.doc = std::move(d);
    return out;
}

}  // namespace tigris
