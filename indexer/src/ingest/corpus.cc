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
#include "tigris/folder_files.h"

namespace tigris {

namespace fs = std::filesystem;
using nlohmann::json;

std::string CorpusProblem::describe() const {
    return line == 0 ? file + ": " + reason : file + ":" + std::to_string(line) + ": " + reason;
}

namespace {

// The extensions of files a folder is searched for (their content then decides how each
// is read): a folder holds other things too (images, office files, notes) that tigris
// passes over without a word.
bool readable_extension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const kRead[] = {".jsonl", ".ndjson", ".txt", ".text", ".pdf", ".html",
                                        ".htm",   ".xhtml",  ".eml", ".mbox"};
    return std::find(std::begin(kRead), std::end(kRead), ext) != std::end(kRead);
}

std::vector<CorpusFile> named_files(const std::vector<std::string>& paths) {
    std::vector<CorpusFile> out;
    for (const std::string& p : paths) out.push_back({p, fs::path(p).filename().string()});
    return out;
}

}  // namespace

std::vector<CorpusFile> corpus_files(const std::vector<std::string>& paths, std::vector<CorpusProblem>* problems) {
    std::vector<CorpusFile> out;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            // Ids are the paths relative to the folder given.
            std::vector<FolderProblem> unreadable;
            for (const fs::path& f : files_below(p, readable_extension, problems ? &unreadable : nullptr)) {
                out.push_back({f.string(), f.lexically_relative(p).generic_string()});
            }
            for (const FolderProblem& u : unreadable) problems->push_back(CorpusProblem{u.folder, 0, u.reason});
        } else if (fs::exists(p, ec)) {
            out.push_back(named_files({p}).front());
        } else {
            throw ConfigError("input " + p + " does not exist");
        }
    }
    return out;
}

std::vector<std::string> corpus_file_paths(const std::vector<std::string>& paths,
                                           std::vector<CorpusProblem>* problems) {
    std::vector<std::string> out;
    for (CorpusFile& f : corpus_files(paths, problems)) out.push_back(std::move(f.path));
    return out;
}

CorpusReader::CorpusReader(std::vector<CorpusFile> files, std::size_t max_document_bytes)
    : files_(std::move(files)), max_bytes_(max_document_bytes) {
    for (const CorpusFile& f : files_) {
        std::error_code ec;
        const auto size = fs::file_size(f.path, ec);
        if (!ec) total_bytes_ += size;  // else reading it reports why
    }
}

CorpusReader::CorpusReader(const std::vector<std::string>& paths, std::size_t max_document_bytes)
    : CorpusReader(named_files(paths), max_document_bytes) {}

void CorpusReader::close_file() {
    std::error_code ec;
    const auto size = current_.path.empty() ? 0 : fs::file_size(current_.path, ec);
    done_bytes_ += ec ? 0 : size;
    current_bytes_ = 0;
    current_.path.clear();
    in_.reset();
    messages_.clear();
}

FileKind CorpusReader::detect_kind(std::string_view head, std::string& mime) {
    if (json_lines_name(current_.path)) return FileKind::JsonLines;  // no need to load libmagic
    if (!detector_) detector_.emplace();
    return detector_->detect(current_.path, head, mime);
}

bool CorpusReader::open_next_file(RawRecord& record) {
    close_file();
    current_ = files_[file_index_++];
    record = RawRecord{};
    record.file = current_.path;
    record.id = current_.id;
    errno = 0;
    auto in = std::make_unique<std::ifstream>(current_.path, std::ios::binary);
    if (!*in) {
        record.read_error = std::string("cannot read file: ") + (errno ? std::strerror(errno) : "open failed");
        close_file();
        return true;
    }
    constexpr std::size_t kHeadBytes = 64 * 1024;  // enough for libmagic to tell
    std::string bytes(kHeadBytes, '\0');
    in->read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in->gcount()));
    std::string mime;
    const FileKind kind = detect_kind(bytes, mime);
    std::error_code ec;
    const std::uint64_t size = fs::file_size(current_.path, ec);
    const std::uint64_t limit = static_cast<std::uint64_t>(max_bytes_) * corpus_limits::kFormattedFileFactor;
    if (kind == FileKind::JsonLines || kind == FileKind::Mbox) {
        in->clear();
        in->seekg(0);
        current_kind_ = kind;
        line_ = 0;
        if (kind == FileKind::Mbox) {
            try {
                messages_ = mbox_messages(current_.path);
            } catch (const Error& e) {
                record.read_error = e.what();
                close_file();
                return true;
            }
            message_index_ = 0;
        }
        in_ = std::move(in);
        return false;
    }
    record.whole_file = true;
    record.kind = kind;
    if (kind == FileKind::Other) {
        record.read_error = "not a file tigris reads (libmagic: " + mime + ")";
    } else if (kind != FileKind::Text && !ec && size > limit) {
        record.read_error = "file of " + std::to_string(size) + " bytes is larger than the limit of " +
                            std::to_string(limit) + " for a PDF, HTML or e-mail file";
    } else if (kind != FileKind::Pdf) {  // poppler reads a PDF itself, on a worker
        std::ostringstream rest;
        if (bytes.size() == kHeadBytes) rest << in->rdbuf();
        record.text = bytes + rest.str();
        if (record.text.empty() && !ec && size > 0) record.read_error = "cannot read file";  // nothing came of a file that has bytes
    }
    current_bytes_ = ec ? 0 : size;
    close_file();  // this file is consumed whole
    return true;
}

bool CorpusReader::next_message(RawRecord& record) {
    if (message_index_ >= messages_.size()) return false;
    const MboxMessage& m = messages_[message_index_++];
    record = RawRecord{};
    record.file = current_.path;
    record.id = current_.id + "#" + std::to_string(message_index_);
    record.line = m.line;
    record.whole_file = true;
    record.kind = FileKind::Email;
    const std::uint64_t limit = static_cast<std::uint64_t>(max_bytes_) * corpus_limits::kFormattedFileFactor;
    if (m.length > limit) {
        record.read_error = "message of " + std::to_string(m.length) + " bytes is larger than the limit of " +
                            std::to_string(limit) + " for an e-mail message";
        return true;
    }
    record.text.resize(static_cast<std::size_t>(m.length));
    in_->clear();
    in_->seekg(static_cast<std::streamoff>(m.offset));
    in_->read(record.text.data(), static_cast<std::streamsize>(m.length));
    if (in_->gcount() != static_cast<std::streamsize>(m.length)) record.read_error = "cannot read the message: the file changed or failed";
    current_bytes_ = m.offset + m.length;
    return true;
}

bool CorpusReader::next_line(RawRecord& record) {
    while (true) {
        errno = 0;
        if (!std::getline(*in_, record.text)) {
            if (!in_->bad()) return false;
            record = RawRecord{};
            record.file = current_.path;
            record.line = line_ + 1;
            record.read_error = std::string("read failed: ") + std::strerror(errno ? errno : EIO);
            close_file();
            return true;
        }
        ++line_;
        current_bytes_ += record.text.size() + 1;
        if (record.text.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
        record.file = current_.path;
        record.line = line_;
        record.whole_file = false;
        record.id.clear();
        record.read_error.clear();
        return true;
    }
}

bool CorpusReader::next_raw(RawRecord& record) {
    while (true) {
        if (in_) {
            const bool more = current_kind_ == FileKind::Mbox ? next_message(record) : next_line(record);
            if (more) return true;
            close_file();
            continue;
        }
        if (file_index_ >= files_.size()) return false;
        if (open_next_file(record)) return true;
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

// The fields of a document read from a whole file, by its kind.
FileText read_file_text(const RawRecord& r) {
    switch (r.kind) {
        case FileKind::Pdf: return pdf_text(r.file);
        case FileKind::Html: return html_text(r.text);
        case FileKind::Email: return email_text(r.text);
        default: break;
    }
    FileText t;
    std::string used;
    const std::string text = decode_text(r.text, "", &used);
    const std::size_t nl = text.find('\n');
    t.title = text.substr(0, nl);
    t.body = nl == std::string::npos ? "" : text.substr(nl + 1);
    if (used != "UTF-8") t.meta["encoding"] = used;
    return t;
}

// The first line of @p body with text on it, cut to about 200 bytes: the title of a
// file that names none.
std::string first_line(const std::string& body) {
    const std::size_t begin = body.find_first_not_of(" \t\r\n\f");
    if (begin == std::string::npos) return "";
    std::size_t end = std::min(body.find_first_of("\r\n\f", begin), body.size());
    if (end - begin > 200) {
        end = begin + 200;
        while (end > begin && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;  // a character's start
    }
    return body.substr(begin, end - begin);
}

// A document from a whole file: text, HTML, PDF or an e-mail message.
ParsedRecord parse_file(RawRecord&& r, std::size_t max_bytes) {
    ParsedRecord out;
    auto fail = [&](const std::string& reason) {
        out.problem = CorpusProblem{r.file, r.line, reason};
        return std::move(out);
    };
    if (r.kind == FileKind::Text && r.text.size() > max_bytes) {
        return fail("document of " + std::to_string(r.text.size()) + " bytes is larger than the limit of " +
                    std::to_string(max_bytes));
    }
    FileText t;
    try {
        t = read_file_text(r);
    } catch (const Error& e) {  // the file's fault (InputError), or ICU's on this text
        return fail(e.what());
    }
    if (t.title.size() + t.body.size() > max_bytes) {
        return fail("text of " + std::to_string(t.title.size() + t.body.size()) + " bytes is larger than the limit of " +
                    std::to_string(max_bytes));
    }
    if (r.kind == FileKind::Text && blank(t.title) && blank(t.body)) return fail("empty document");
    CorpusDocument d;
    d.file = r.file;
    d.line = r.line;
    d.id = r.id.empty() ? r.file : r.id;
    d.source = file_kind_source(r.kind);
    d.date = t.date;
    // Libraries hand back UTF-8, but a header in an undeclared 8-bit charset may slip through.
    d.title = valid_utf8(t.title, nullptr) ? t.title : decode_text(t.title);
    d.body = valid_utf8(t.body, nullptr) ? t.body : decode_text(t.body);
    if (r.kind != FileKind::Text && blank(d.title)) d.title = first_line(d.body);
    d.meta = t.meta.dump(-1, ' ', false, json::error_handler_t::replace);
    if (std::string reason = check_document(d); !reason.empty()) return fail(reason);
    out.doc = std::move(d);
    return out;
}

}  // namespace

ParsedRecord parse_record(RawRecord&& r, std::size_t max_bytes) {
    ParsedRecord out;
    auto fail = [&](const std::string& reason) {
        out.problem = CorpusProblem{r.file, r.line, reason};
        return std::move(out);
    };
    if (!r.read_error.empty()) return fail(r.read_error);
    if (r.whole_file) return parse_file(std::move(r), max_bytes);
    if (r.text.size() > max_bytes) {
        return fail("document of " + std::to_string(r.text.size()) + " bytes is larger than the limit of " +
                    std::to_string(max_bytes));
    }
    std::size_t bad = 0;
    if (!valid_utf8(r.text, &bad)) return fail("invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line");
    CorpusDocument d;
    d.file = r.file;
    d.line = r.line;
    d.meta = "{}";
    if (std::string reason = read_fields(r.text, d); !reason.empty()) return fail(reason);
    if (std::string reason = check_document(d); !reason.empty()) return fail(reason);
    out.doc = std::move(d);
    return out;
}

}  // namespace tigris
