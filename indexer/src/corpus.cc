#include "tigris/corpus.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include "tigris/dates.h"
#include "tigris/error.h"

namespace tigris {

namespace fs = std::filesystem;
using nlohmann::json;

std::string CorpusProblem::describe() const {
    return line == 0 ? file + ": " + reason : file + ":" + std::to_string(line) + ": " + reason;
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

namespace {

// The corpus files below @p dir (not following links to folders, which could loop); a
// folder that cannot be read goes to @p problems, or throws without it.
void list_folder(const fs::path& dir, std::vector<std::string>& files, std::vector<CorpusProblem>* problems) {
    std::vector<fs::path> todo{dir};
    while (!todo.empty()) {
        const fs::path folder = todo.back();
        todo.pop_back();
        std::error_code ec;
        fs::directory_iterator it(folder, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code type_ec;
            const auto status = it->symlink_status(type_ec);
            const auto ext = it->path().extension();
            if (fs::is_directory(status)) {
                todo.push_back(it->path());
            } else if (it->is_regular_file(type_ec) && (ext == ".jsonl" || ext == ".txt")) {
                files.push_back(it->path().string());
            }
        }
        if (ec) {
            if (!problems) throw IoError("cannot read folder " + folder.string() + ": " + ec.message());
            problems->push_back(CorpusProblem{folder.string(), 0, "cannot read folder: " + ec.message()});
        }
    }
}

}  // namespace

std::vector<std::string> corpus_file_paths(const std::vector<std::string>& paths,
                                           std::vector<CorpusProblem>* problems) {
    std::vector<std::string> out;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> files;
            list_folder(p, files, problems);
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
        if (!ec) total_bytes_ += size;  // else reading it reports why
    }
}

void CorpusReader::close_file() {
    if (in_) {
        std::error_code ec;
        const auto size = fs::file_size(current_, ec);
        done_bytes_ += ec ? 0 : size;
        current_bytes_ = 0;
    }
    in_.reset();
}

bool CorpusReader::open_next_file(std::string& error) {
    close_file();
    current_ = paths_[file_index_++];
    errno = 0;
    auto in = std::make_unique<std::ifstream>(current_, std::ios::binary);
    if (!*in) {
        error = std::string("cannot read file: ") + (errno ? std::strerror(errno) : "open failed");
        return false;
    }
    in_ = std::move(in);
    current_is_text_ = fs::path(current_).extension() == ".txt";
    line_ = 0;
    return true;
}

bool CorpusReader::next_raw(RawRecord& record) {
    while (true) {
        if (!in_) {
            if (file_index_ >= paths_.size()) return false;
            std::string error;
            if (!open_next_file(error)) {
                record = RawRecord{};
                record.file = current_;
                record.read_error = error;
                return true;
            }
        }
        record.read_error.clear();
        if (current_is_text_) {
            std::ostringstream text;
            text << in_->rdbuf();
            record.text = text.str();
            record.file = current_;
            record.line = 1;
            record.whole_file = true;
            current_bytes_ = record.text.size();
            std::error_code ec;
            if (record.text.empty() && fs::file_size(current_, ec) > 0 && !ec) {
                record.read_error = "cannot read file";  // a read error: nothing came of a file that has bytes
            }
            close_file();  // this file is consumed whole
            return true;
        }
        errno = 0;
        if (!std::getline(*in_, record.text)) {
            if (in_->bad()) {
                record = RawRecord{};
                record.file = current_;
                record.line = line_ + 1;
                record.read_error = std::string("read failed: ") + std::strerror(errno ? errno : EIO);
                close_file();
                return true;
            }
            close_file();
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

bool has_control(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// The deepest nesting of arrays and objects in JSON text (strings skipped). nlohmann's
// dump() recurses once per level, so a line nested 100,000 deep must be refused before
// it is parsed.
std::size_t json_depth(const std::string& text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

// The fields of a JSON line into @p d; the reason when a field is wrong, else "".
std::string read_fields(const std::string& text, CorpusDocument& d) {
    if (json_depth(text) > corpus_limits::kMaxJsonDepth) {
        return "JSON nests arrays and objects deeper than " + std::to_string(corpus_limits::kMaxJsonDepth) + " levels";
    }
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        return "malformed JSON: " + quote_value(e.what(), 160);
    }
    if (!j.is_object()) return "expected a JSON object";
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        std::string* target = key == "id" ? &d.id : key == "source" ? &d.source
                            : key == "date" ? &d.date : key == "title" ? &d.title
                            : key == "body" ? &d.body : nullptr;
        if (target) {
            if (it->is_null()) continue;
            if (!it->is_string()) return "field " + quote_value(key) + " must be a string";
            *target = it->get<std::string>();
        } else if (key == "meta") {
            if (!it->is_object() && !it->is_null()) return "field \"meta\" must be an object";
            if (it->is_object()) d.meta = it->dump();
        } else {
            return "unknown field " + quote_value(key) + " (expected id, source, date, title, body, meta)";
        }
    }
    return "";
}

// What keeps a parsed document out of the index, or "".
std::string check_document(const CorpusDocument& d) {
    using namespace corpus_limits;
    if (d.id.empty()) return "missing \"id\"";
    if (d.id.size() > kMaxIdBytes) {
        return "id " + quote_value(d.id, 40) + " is longer than " + std::to_string(kMaxIdBytes) + " bytes";
    }
    if (has_control(d.id)) return "id " + quote_value(d.id) + " holds a control character";
    if (d.source.size() > kMaxSourceBytes) {
        return "document " + quote_value(d.id) + ": source " + quote_value(d.source, 40) + " is longer than " +
               std::to_string(kMaxSourceBytes) + " bytes";
    }
    if (has_control(d.source)) {
        return "document " + quote_value(d.id) + ": source " + quote_value(d.source) + " holds a control character";
    }
    if (!d.date.empty() && !valid_day(d.date)) {
        return "document " + quote_value(d.id) + ": date " + quote_value(d.date) + " is not a real YYYY-MM-DD";
    }
    if (blank(d.title) && blank(d.body)) return "document " + quote_value(d.id) + " is empty (no title, no body)";
    return "";
}

}  // namespace

ParsedRecord parse_record(RawRecord&& r, std::size_t max_bytes) {
    ParsedRecord out;
    auto fail = [&](const std::string& reason) {
        out.problem = CorpusProblem{r.file, r.line, reason};
        return std::move(out);
    };
    if (!r.read_error.empty()) return fail(r.read_error);
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
    } else if (std::string reason = read_fields(r.text, d); !reason.empty()) {
        return fail(reason);
    }
    if (std::string reason = check_document(d); !reason.empty()) return fail(reason);
    out.doc = std::move(d);
    return out;
}

}  // namespace tigris
