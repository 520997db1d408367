// tigris: reads corpus files (JSON Lines or plain text) into documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
}  // namespace corpus_limits

/// A document (or a whole file or folder) that could not be read, and why.
struct CorpusProblem {
    std::string file;
    std::size_t line = 0;  ///< 0: the whole file or folder
    std::string reason;
    /// "file:line: reason", or "file: reason" without a line.
    std::string describe() const;
};

/// One record of input as read, not yet parsed: a JSONL line or a whole .txt file.
struct RawRecord {
    std::string text;
    std::string file;
    std::size_t line = 0;
    bool whole_file = false;  ///< a .txt document
    std::string read_error;   ///< why the file could not be read ("" when it was)
};

/// A parsed record: a document, or the problem that kept it out.
struct ParsedRecord {
    std::optional<CorpusDocument> doc;
    std::optional<CorpusProblem> problem;
};

/// Parses one raw record by the rules of CorpusReader. Needs no reader: it runs on
/// the indexer's worker threads.
ParsedRecord parse_record(RawRecord&& record, std::size_t max_document_bytes);

/// Reads documents from JSONL files ({"id", "source", "date", "title", "body", "meta"})
/// and .txt files (id = path, title = first line, body = the rest).
///
/// Rules for bad input (each reported as a CorpusProblem, the rest still read):
/// a file that cannot be read; a line that is not valid JSON or not UTF-8, or nests
/// deeper than corpus_limits::kMaxJsonDepth; a missing or empty "id"; an id or source
/// over its limit or with control characters; a field of the wrong type; an unknown
/// top-level field; a date that is not a real YYYY-MM-DD; a document with neither
/// title nor body; a document larger than max_document_bytes.
class CorpusReader {
  public:
    CorpusReader(std::vector<std::string> paths, std::size_t max_document_bytes);

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
    /// Opens the next file; false (and @p error) when it cannot be opened.
    bool open_next_file(std::string& error);
    void close_file();

    std::vector<std::string> paths_;
    std::size_t max_bytes_;
    std::size_t file_index_ = 0;
    std::unique_ptr<std::ifstream> in_;
    std::string current_;
    bool current_is_text_ = false;
    std::size_t line_ = 0;
    std::uint64_t total_bytes_ = 0, done_bytes_ = 0, current_bytes_ = 0;
};

/// Expands directories into their *.jsonl and *.txt files (sorted).
/// @exception ConfigError for a path that does not exist.
/// @exception IoError for a folder that cannot be read, unless @p problems collects it
///   (and the rest is still listed).
std::vector<std::string> corpus_file_paths(const std::vector<std::string>& paths,
                                           std::vector<CorpusProblem>* problems = nullptr);

/// True when @p s is valid UTF-8; otherwise @p bad_offset is the first bad byte.
bool valid_utf8(const std::string& s, std::size_t* bad_offset);

}  // namespace tigris
