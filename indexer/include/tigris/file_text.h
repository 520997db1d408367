// tigris: the text of the files analysts keep (PDF, HTML, e-mail, plain text in any
// encoding), read with well-kept libraries: libmagic, poppler, gumbo, GMime, ICU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

struct magic_set;

namespace tigris {

/// What a file holds, as tigris reads it.
enum class FileKind {
    JsonLines,  ///< one document per line (by extension: .jsonl, .ndjson)
    Text,       ///< one document: title the first line
    Html,
    Pdf,
    Email,      ///< one RFC 5322 message (.eml)
    Mbox,       ///< many messages, each a document
    Other,      ///< nothing tigris reads (binary data, an image, ...)
};

/// Whether @p path is named as JSON Lines (.jsonl, .ndjson): text whose content alone
/// does not say it.
bool json_lines_name(const std::string& path);

/// The name of @p kind as documents read from such files carry it as their source:
/// "text", "html", "pdf", "email" ("" for JsonLines and Other).
const char* file_kind_source(FileKind kind);

/// The fields of a document read from a file.
struct FileText {
    std::string title;
    std::string date;  ///< YYYY-MM-DD or ""
    std::string body;  ///< UTF-8; a PDF's pages are separated by form feeds (U+000C)
    nlohmann::json meta = nlohmann::json::object();  ///< what else the file says (author, pages, ...)
};

/// Decides what a file holds by its content (libmagic); the extension only settles
/// what content leaves open (JSON Lines are text; an HTML fragment may read as text).
/// Holds a libmagic cookie, which is not thread-safe: one per thread.
class FileKindDetector {
  public:
    /// @exception IoError when libmagic's database cannot be loaded.
    FileKindDetector();
    ~FileKindDetector();
    FileKindDetector(const FileKindDetector&) = delete;
    FileKindDetector& operator=(const FileKindDetector&) = delete;

    /// The kind of the file at @p path whose first bytes are @p head (the first 64 KiB
    /// or the whole file); @p mime is set to libmagic's MIME type.
    FileKind detect(const std::string& path, std::string_view head, std::string& mime);

  private:
    struct magic_set* magic_;  // libmagic's magic_t
};

/// The text of a PDF file, a page at a time (form feeds between pages), with its Title,
/// Author and CreationDate; meta holds "pages".
/// @exception InputError for an encrypted PDF, a damaged or truncated one, one with no
///   text (scanned pages: tigris does no OCR).
FileText pdf_text(const std::string& path);

/// Deeper than this an HTML document is refused: gumbo's time grows with the square of
/// the depth (it scans its stack of open elements at each end tag: a page of 200,000
/// nested <div> takes a minute), and browsers cap the depth of their trees too.
inline constexpr std::size_t kMaxHtmlDepth = 4096;

/// How deep @p html nests elements, roughly (start tags less end tags, leaving out void
/// elements and those whose end tag may be omitted), counted before parsing.
std::size_t html_nesting_depth(std::string_view html);

/// The visible text of an HTML document: no scripts, styles, templates or comments,
/// entities decoded, a line break at each block; the title from <title>, the date from
/// a <meta> date. @p bytes in any encoding (BOM, <meta charset>, else detected).
/// @exception InputError for a document nested deeper than kMaxHtmlDepth.
FileText html_text(std::string_view bytes);

/// The subject (title), Date: (date), sender and recipients (meta), and text parts
/// (body; an HTML part when there is no plain one) of one e-mail message. Attachments
/// are not read; their file names are listed in meta "attachments".
/// @exception InputError for bytes that are no e-mail message (no header lines).
FileText email_text(std::string_view bytes);

/// One message of an mbox file: where its bytes are (after the "From " line) and the
/// line its "From " line is on.
struct MboxMessage {
    std::uint64_t offset = 0, length = 0;
    std::size_t line = 0;
};

/// The messages of the mbox file at @p path, found by GMime's mbox parser, which reads
/// the file as a stream (an mbox may be larger than memory).
/// @exception InputError when the file cannot be opened.
std::vector<MboxMessage> mbox_messages(const std::string& path);

/// @p bytes as UTF-8: by a byte order mark, else by @p declared (a charset name, when
/// the file declares one and ICU knows it), else as UTF-8 when valid, else in the
/// encoding ICU's charset detector finds most likely (windows-1252 when it finds none).
/// Bytes that do not convert become U+FFFD. @p used, when given, names the encoding read.
std::string decode_text(std::string_view bytes, const std::string& declared = "", std::string* used = nullptr);

}  // namespace tigris
