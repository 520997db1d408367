// tigris: reads corpus files (JSON Lines, plain text, PDF, HTML, e-mail) into documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tigris/file_text.h"
#include "tigris/utf8.h"

namespace tigris {

/// One document of the corpus.
struct CorpusDocument {
    std::string id;
    std::string source;
    std::string date;   ///< YYYY-MM-DD or ""
    std::string title;
    std::string body;
    std::string meta;   ///< JSON text of the free-form "meta" object ("{}" when absent)
    std::string file;   ///< where it was read
    std::size_t line = 0;
};

/// Limits on what one document may hold: each becomes part of a Xapian term (at most
/// 245 bytes with its prefix) or of the stored data.
namespace corpus_limits {
inline constexpr std::size_t kMaxIdBytes = 200;
inline constexpr std::size_t kMaxSourceBytes = 100;
inline constexpr std::size_t kMaxJsonDepth = 64;  ///< nesting of arrays and objects in a line
/// A PDF, HTML page or e-mail message may be this many times the document limit (images,
/// markup and attachments are not text); the text read from it must be within the limit.
inline constexpr std::size_t kFormattedFileFactor = 16;
}  // namespace corpus_limits

/// A document (or a whole file or folder) that could not be read, and why.
struct CorpusProblem {
    std::string file;
    std::size_t line = 0;  ///< 0: the whole file or folder
    std::string reason;
    /// "file:line: reason", or "file: reason" without a line.
    std::string describe() const;
};

/// One record of input as read, not yet parsed: a JSONL line, or a whole file (text,
/// HTML, PDF, an e-mail message, one message of an mbox).
struct RawRecord {
    std::string text;  ///< the line or the file's bytes (none for a PDF: read from file)
    std::string file;
    std::size_t line = 0;     ///< of a JSONL line or of an mbox message; 0 for a whole file
    bool whole_file = false;  ///< one document from a file (or from one mbox message)
    FileKind kind = FileKind::Text;  ///< what a whole file holds
    std::string id;           ///< a whole file's id ("" = its path)
    std::string read_error;   ///< why the file could not be read ("" when it was)
};

/// A file to read and the id its documents get when it is one document: its path
/// relative to the folder it was found in (re-indexing the folder from anywhere
/// replaces those documents), or its file name when it was named itself.
struct CorpusFile {
    std::string path;
    std::string id;
};

/// A parsed record: a document, or the problem that kept it out.
struct ParsedRecord {
    std::optional<CorpusDocument> doc;
    std::optional<CorpusProblem> problem;
};

/// Parses one raw record by the rules of CorpusReader. Needs no reader: it runs on
/// the indexer's worker threads.
ParsedRecord parse_record(RawRecord&& record, std::size_t max_document_bytes);

/// Reads documents from JSONL files ({"id", "source", "date", "title", "body", "meta"}),
/// and from files that are one document each: plain text in any encoding (title = first
/// line, body = the rest), HTML, PDF, e-mail (.eml; an mbox file gives one document per
/// message, id FILE#N). What a file holds is decided by its content (libmagic). Their
/// source is the kind: text, html, pdf or email.
///
/// Rules for bad input (each reported as a CorpusProblem, the rest still read):
/// a file that cannot be read; a line that is not valid JSON or not UTF-8, or nests
/// deeper than corpus_limits::kMaxJsonDepth; a missing or empty "id"; an id or source
/// over its limit or with control characters; a field of the wrong type; an unknown
/// top-level field; a date that is not a real YYYY-MM-DD; a document with neither
/// title nor body; a document larger than max_document_bytes; a file that is none of
/// the kinds read (binary data), an encrypted or damaged PDF, a PDF without text, an
/// e-mail file without headers; a PDF, HTML or e-mail file larger than
/// corpus_limits::kFormattedFileFactor times max_document_bytes.
class CorpusReader {
  public:
    CorpusReader(std::vector<CorpusFile> files, std::size_t max_document_bytes);
    /// Files named directly (ids: their file names).
    CorpusReader(const std::vector<std::string>& paths, std::size_t max_document_bytes);

    /// Reads the next document or problem; false at the end of the input.
    bool next(std::optional<CorpusDocument>& doc, std::optional<CorpusProblem>& problem);

    /// Reads the next record without parsing it (blank lines are skipped). A file that
    /// cannot be read gives one record with read_error set.
    bool next_raw(RawRecord& record);

    std::size_t max_document_bytes() const { return max_bytes_; }

    /// Bytes read so far and in all (for progress and ETA).
    std::uint64_t bytes_read() const { return done_bytes_ + current_bytes_; }
    std::uint64_t bytes_total() const { return total_bytes_; }

  private:
    /// Opens the next file: true with @p record when it is one document (or cannot be
    /// read), false when it is open to be read by line or by message.
    bool open_next_file(RawRecord& record);
    /// The next line of the open JSONL file; false at its end.
    bool next_line(RawRecord& record);
    /// The next message of the open mbox file; false at its end.
    bool next_message(RawRecord& record);
    /// The kind of the open file, from its first bytes @p head.
    FileKind detect_kind(std::string_view head, std::string& mime);
    void close_file();

    std::vector<CorpusFile> files_;
    std::size_t max_bytes_;
    std::size_t file_index_ = 0;
    std::optional<FileKindDetector> detector_;  ///< made when a file needs it
    std::unique_ptr<std::ifstream> in_;         ///< the JSONL or mbox file being read
    CorpusFile current_;
    FileKind current_kind_ = FileKind::JsonLines;
    std::vector<MboxMessage> messages_;  ///< of the mbox being read
    std::size_t message_index_ = 0;
    std::size_t line_ = 0;
    std::uint64_t total_bytes_ = 0, done_bytes_ = 0, current_bytes_ = 0;
};

/// Expands folders (recursively) into the files in them that tigris reads, by extension
/// (.jsonl .ndjson .txt .text .pdf .html .htm .xhtml .eml .mbox, in any case), sorted;
/// files named directly are read whatever their name.
/// @exception ConfigError for a path that does not exist.
/// @exception IoError for a folder that cannot be read, unless @p problems collects it
///   (and the rest is still listed).
std::vector<CorpusFile> corpus_files(const std::vector<std::string>& paths,
                                     std::vector<CorpusProblem>* problems = nullptr);

/// The paths of corpus_files().
std::vector<std::string> corpus_file_paths(const std::vector<std::string>& paths,
                                           std::vector<CorpusProblem>* problems = nullptr);

}  // namespace tigris
