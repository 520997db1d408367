// What a file holds, by its content (libmagic) and, where that leaves it open, by its
// extension.
#include <magic.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "tigris/error.h"
#include "tigris/file_text.h"

namespace tigris {

const char* file_kind_source(FileKind kind) {
    switch (kind) {
        case FileKind::Text: return "text";
        case FileKind::Html: return "html";
        case FileKind::Pdf: return "pdf";
        case FileKind::Email:
        case FileKind::Mbox: return "email";
        case FileKind::JsonLines:
        case FileKind::Other: break;
    }
    return "";
}

FileKindDetector::FileKindDetector() : magic_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (!magic_) throw IoError("cannot start libmagic: out of memory");
    if (magic_load(magic_, nullptr) != 0) {
        const char* why = magic_error(magic_);
        const std::string message = std::string("cannot load libmagic's file type database: ") + (why ? why : "unknown error");
        magic_close(magic_);
        throw IoError(message);
    }
}

FileKindDetector::~FileKindDetector() { magic_close(magic_); }

namespace {

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// What text (by libmagic) is, by the extension: JSON Lines, an HTML fragment that has
// no <html> for libmagic to see, a message whose first header libmagic does not know.
FileKind text_kind(const std::string& ext, std::string_view head) {
    if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return FileKind::Html;
    if (ext == ".eml") return FileKind::Email;
    if (ext == ".mbox") return FileKind::Mbox;
    if (ext == ".txt" || ext == ".text") return FileKind::Text;
    // Other text named on the command line: JSON Lines when it starts with an object
    // (tigris read every such file as JSON Lines before it knew other kinds).
    const std::size_t first = head.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && head[first] == '{' ? FileKind::JsonLines : FileKind::Text;
}

}  // namespace

bool json_lines_name(const std::string& path) {
    const std::string ext = lower_extension(path);
    return ext == ".jsonl" || ext == ".ndjson";
}

FileKind FileKindDetector::detect(const std::string& path, std::string_view head, std::string& mime) {
    const std::string ext = lower_extension(path);
    if (json_lines_name(path)) {
        mime = "application/jsonl";
        return FileKind::JsonLines;
    }
    const char* type = magic_buffer(magic_, head.data(), head.size());
    mime = type ? type : "unknown";
    if (mime == "application/pdf") return FileKind::Pdf;
    if (mime == "text/html" || mime == "application/xhtml+xml") return FileKind::Html;
    if (mime == "message/rfc822" || mime == "message/news") return FileKind::Email;
    if (mime == "application/mbox") return FileKind::Mbox;
    if (mime == "inode/x-empty") return FileKind::Text;  // reported as empty
    if (mime.rfind("text/", 0) == 0 || mime == "application/json") return text_kind(ext, head);
    return FileKind::Other;
}

}  // namespace tigris
