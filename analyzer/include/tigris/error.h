// tigris: the exception hierarchy shared by every part of the project.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tigris {

/// Base of every error tigris throws; the message names the offending value.
class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A bad option or setting supplied by the caller (wrong flag value, bad path).
class ConfigError : public Error {
  public:
    using Error::Error;
};

/// A file, folder or index that exists but cannot be read or written: permissions, a
/// lock held by another process, a full or read-only disk. A runtime failure (exit 1),
/// where ConfigError is a usage error (exit 2).
class IoError : public Error {
  public:
    using Error::Error;
};

/// Where an entry of a lexicon came from: a file, a 1-based line and column.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    /// "file:line:column", or "" when the location is unknown.
    std::string describe() const;
};

/// A problem in a synonym lexicon; the message starts with file:line:column.
class LexiconError : public Error {
  public:
    LexiconError(const SourceLocation& where, const std::string& problem);
    const SourceLocation& where() const { return where_; }
    const std::string& problem() const { return problem_; }

  private:
    SourceLocation where_;
    std::string problem_;
};

/// Bad input data (a document, a query): message names the file/line or value.
class InputError : public Error {
  public:
    using Error::Error;
};

/// A query the query language cannot parse; message quotes the offending text.
class QueryError : public InputError {
  public:
    using InputError::InputError;
};

/// @p value as messages quote it: in double quotes, with control characters and bytes
/// that are not UTF-8 escaped (\n, \t, \xNN), cut at a character boundary to at most
/// @p max_bytes of the value with "…" after the cut.
std::string quote_value(std::string_view value, std::size_t max_bytes = 80);

}  // namespace tigris
