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

/// A document that could not be read, and why (file:line: reason).
struct CorpusProblem {
    std::string file;
    std::size_t line = 0;
    std::string reason;
    std::string describe() const;
};

/// One record of input as read, not yet parsed: a JSONL line or a whole .txt file.
struct RawRecord {
    std::string text;
    std::string file;
    std::size_t line = 0;
    bool whole_file = false;  ///< a .txt document
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
/// a line that is not valid JSON or not UTF-8; a missing or empty "id"; a field of the
/// wrong type; an unknown top-level field; a date not YYYY-MM-DD; a document with
/// neither title nor body; a document larger than max_document_bytes.
class CorpusReader {
  public:
    /// @exception ConfigError when a path cannot be opened.
    CorpusReader(std::vector<std::string> paths, std::size_t max_document_bytes);

    /// Reads the next document or problem; false at the end of the input.
    bool next(std::optional<CorpusDocument>& doc, std::optional<CorpusProblem>& problem);

    /// Reads the next record without parsing it (blank lines are skipped).
    bool next_raw(RawRecord& record);

    std::size_t max_document_bytes() const { return max_bytes_; }

    /// Bytes read so far and in all (for progress and ETA).
    std::uint64_t bytes_read() const { return done_bytes_ + current_bytes_; }
    std::uint64_t bytes_total() const { return total_bytes_; }

  private:
    bool open_next_file();

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
std::vector<std::string> corpus_file_paths(const std::vector<std::string>& paths);

/// True when @p s is valid UTF-8; otherwise @p bad_offset is the first bad byte.
bool valid_utf8(const std::string& s, std::size_t* bad_offset);

}  // namespace tigris
