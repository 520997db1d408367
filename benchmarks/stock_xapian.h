// The baselines: stock Xapian as a typical user sets it up, with and without the
// lexicon loaded into Xapian's own synonym table.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tigris/lexicon.h"

namespace tigris::bench {

/// Indexes a JSONL corpus with Xapian::TermGenerator (English stemmer, STEM_SOME):
/// title with prefix S and unprefixed, body, id term Q, the same document data as
/// tigris stores. Returns the number of documents.
std::size_t build_stock_index(const std::string& jsonl, const std::string& dir, unsigned threads);

/// Copies the stock index to @p dir and loads every family of @p lexicon into its
/// synonym table as a Xapian user would: each spelling (its stock terms joined by
/// spaces, and its Z-stem for single words) maps to every single-term spelling.
void copy_with_synonyms(const std::string& stock_dir, const std::string& dir, const Lexicon& lexicon);

/// Runs @p query with QueryParser (STEM_SOME, AND, FLAG_DEFAULT, plus
/// FLAG_AUTO_SYNONYMS | FLAG_AUTO_MULTIWORD_SYNONYMS when @p synonyms); all ids, ranked.
std::vector<std::string> stock_search(const Xapian::Database& db, const std::string& query,
                                      bool synonyms, Xapian::doccount limit);

/// Writes every @p sample-th document (all when @p sample < 2) of the JSONL files of
/// @p corpus to @p out_path, the one input both systems index, and calls @p each with
/// each document written.
void sample_corpus(const std::string& corpus, std::size_t sample, const std::string& out_path,
                   const std::function<void(const nlohmann::json&)>& each);

/// Indexes title and body as the stock baseline does (title with prefix S and
/// unprefixed, a gap of 100 positions, body) into @p doc.
void stock_index_fields(Xapian::TermGenerator& tg, Xapian::Document& doc, const std::string& title,
                        const std::string& body);

/// The stock terms of @p text (TermGenerator's tokenization, lower-cased, no stems).
std::vector<std::string> stock_terms(const std::string& text);

}  // namespace tigris::bench
