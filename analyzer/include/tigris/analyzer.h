// tigris: the analyzer that turns text into Xapian terms, at index and at query time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "tigris/analyzed_token.h"
#include "tigris/lexicon.h"
#include "tigris/schema.h"

namespace tigris {

/// A lexicon family found in text: which family, over which tokens.
struct ConceptMatch {
    int family = -1;
    std::uint32_t first = 0;  ///< index of the first token (after any article)
    std::uint32_t last = 0;   ///< index of the last token
    bool acronym = false;     ///< matched as an acronym (JAM)
    bool ambiguous = false;   ///< an acronym in text written in capitals: also a word
    std::string via;          ///< the variant or acronym that matched, as listed
};

/// How text is matched against the lexicon.
enum class AnalysisMode {
    Document,  ///< every start position: nested names inside a longer one match too
    Query,     ///< leftmost-longest, no overlaps: one concept per name in the query
};

/// The analysis of one piece of text.
struct TextAnalysis {
    std::vector<AnalyzedToken> tokens;
    std::vector<ConceptMatch> concepts;
    /// For each token, the concept covering it (index into concepts) or -1.
    std::vector<std::int32_t> covered_by;
};

/// Receives the terms of a document: positional postings and plain terms.
class TermSink {
  public:
    virtual ~TermSink() = default;
    virtual void posting(const std::string& term, Xapian::termpos pos) = 0;
    virtual void term(const std::string& term) = 0;
};

/// Whether token @p t is a name in the sense of the name rules: in a document, it then
/// gets a name term (the index's vocabulary of names); in a query, it is matched
/// against that vocabulary. The one rule the index side, the query side and the
/// highlighter share:
///  - letters only, and a spelling the scorer reads (a–z and ', 2 to 32 bytes);
///  - a word that is not English, in any case; in text of mixed case and in a query,
///    written in capitals only from four letters (OMAR; ISF, GOI are acronyms);
///  - an English word only where written as a name: capitalized, not at the start of a
///    sentence, in text of mixed case (Amir, Mullah; never amir, bath, say); in a
///    query, capitalized anywhere.
bool is_name(const AnalyzedToken& t, AnalysisMode mode);

/// Whether token @p t writes (and matches) an English stem term: a word not starting
/// with a digit, never a capitalized name, and never a name a family holds, in any case
/// (@p in_concept: a concept covers it; its concept stands for it: sunni is not sunny).
bool has_english_stem(const AnalyzedToken& t, bool in_concept);

/// The spelling a name term records: the normalized token without its possessive.
std::string_view name_spelling(const AnalyzedToken& t);

/// A name written as two or three words that is one name, and as often one word: Abd
/// (Abdul, Abdel, Abd al-) with the name it governs (Abdul Aziz, Abd al-Aziz, Abdel-Aziz
/// for Abdulaziz), Abu with the name it governs (Abu Zeid for Abuzeid), and a name with
/// al-Din (Nasr al-Din for Nasraldin).
struct NameCompound {
    std::size_t first = 0;  ///< its first token
    std::size_t last = 0;   ///< its last token
    std::string spelling;   ///< its words written together, the article too: abdalaziz
    std::string block;      ///< name_block_key(spelling)
};

/// The name compounds of @p a (the analysis of @p text), in order: a name term of each
/// is written beside its words' own (so Abdulaziz meets Abdul Aziz); a query searches
/// each as that name too; the highlighter marks its words as one. Words joined only by
/// spaces or hyphens (one line break at most), each a name (is_name), the article
/// between them optional after Abd, never a part of a longer hyphen compound.
std::vector<NameCompound> name_compounds(const TextAnalysis& a, std::string_view text, AnalysisMode mode);

/// The words a name compound written as one word has when written apart.
struct NameCompoundWords {
    std::string head, tail;
    bool abd = false;  ///< head is Abd with its article (abdul), which Abd al- also writes
};

/// The words of @p spelling (a–z) if it is a name compound of name_compounds() written
/// as one word: abdulaziz → abdul aziz, abdurrahman → abdur rahman, nasreddin → nasr din
/// (its article a word of its own), abuzeid → abu zeid; nothing for any other spelling.
std::optional<NameCompoundWords> split_name_compound(std::string_view spelling);

/// Two names written side by side: a given name and a surname (Ahmed Chalabi), or two
/// given names (Nouri Kamel), an article between them or not (Nouri al-Maliki).
struct NameNeighbours {
    std::size_t left = 0, right = 0;  ///< their tokens
};

/// The neighbouring names of @p a (the analysis of document text @p text), in order:
/// two tokens that are names and not English words (is_name, TokenKind::Name), in one
/// sentence, joined only by spaces or hyphens; neither Abd or Abu, nor din, which are
/// parts of one compound name (name_compounds).
std::vector<NameNeighbours> name_neighbours(const TextAnalysis& a, std::string_view text);

/// What the neighbour terms of @p spelling start with: @p side 'r' for the names
/// written after it, 'l' for those before it (prefix::kNeighbour).
std::string neighbour_term_prefix(char side, std::string_view spelling);

/// The name term of @p spelling (block key @p block) in the field with @p field_prefix.
std::string name_term(std::string_view field_prefix, std::string_view block, std::string_view spelling);

/// What every name term with block key @p block starts with, in that field.
std::string name_term_prefix(std::string_view field_prefix, std::string_view block);

/// One field of a document to index: its text and its term prefix ("" for body).
struct FieldText {
    std::string_view text;
    std::string prefix;
    bool also_unprefixed = false;  ///< index the field's terms without prefix too
};

/// The tigris analyzer: tokenization, normalization, lexicon matching, variant keys and
/// term emission, the same at index time and at query time.
///
/// An Analyzer is the per-thread object: it holds a Xapian::Stem, which is not
/// thread-safe, and caches and buffers it reuses from one text to the next, so the
/// methods that analyze are not const. Copy it for each thread: copies share the
/// immutable lexicon and word list and get their own stemmer, caches and buffers.
class Analyzer {
  public:
    Analyzer(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const EnglishWords> words);
    /// An analyzer for another thread: the same lexicon and word list, its own
    /// stemmer, caches and buffers.
    Analyzer(const Analyzer& other);
    Analyzer& operator=(const Analyzer&) = delete;
    ~Analyzer();

    /// Analyzes @p text: tokens with positions from @p first_pos, and concepts.
    TextAnalysis analyze(std::string_view text, AnalysisMode mode, Xapian::termpos first_pos = 1);

    /// Adds the terms of @p fields to @p doc: raw terms with positions, Z stems,
    /// concept terms, name terms, acronym terms, compound terms. Fields are 100
    /// positions apart.
    void index_document(Xapian::Document& doc, const std::vector<FieldText>& fields);

    /// The same terms, to any sink (tests, explain). The sink must not call
    /// emit_document() or index_document() of this Analyzer: both use its buffers.
    void emit_document(TermSink& sink, const std::vector<FieldText>& fields);

    /// Whether @p token of @p analysis gets a variant key term.
    static bool emits_key(const AnalyzedToken& token);

    /// What decides the terms apart from the lists: the analysis rules' version, the
    /// English word list and the name scorer's costs ("3-1f0c...-9a2b..."). An index
    /// records it; another one means the index was built by other rules. Computed once:
    /// every document records it.
    const std::string& analysis_version() const { return analysis_version_; }
    const Lexicon& lexicon() const { return *lexicon_; }
    /// The scorer of spellings of one name (the lexicon's).
    const NameScorer& scorer() const { return lexicon_->scorer(); }
    std::shared_ptr<const Lexicon> lexicon_ptr() const { return lexicon_; }
    /// This analyzer's own token analysis (the same thread rule).
    TokenAnalysis& token_analysis() { return tokens_; }
    std::shared_ptr<const EnglishWords> english_words_ptr() const { return words_; }

  private:
    void analyze_into(std::string_view text, AnalysisMode mode, Xapian::termpos first_pos, TextAnalysis& out);
    void match(std::string_view text, TextAnalysis& out, AnalysisMode mode);
    /// The acronym at token @p i of @p tokens (family -1 when none).
    ConceptMatch match_acronym(std::string_view text, const std::vector<AnalyzedToken>& tokens, std::size_t i);
    /// The longest variant that starts at token @p i (family -1 when none).
    ConceptMatch match_variant(std::string_view text, const std::vector<AnalyzedToken>& tokens, std::size_t i,
                               AnalysisMode mode);
    /// The trie's child of @p node for token @p j, by its own match form or another.
    std::int64_t trie_step(std::uint32_t node, const std::vector<AnalyzedToken>& tokens, std::size_t j,
                           bool& short_guess);
    /// The lexicon's first step for name token @p t (cached per spelling).
    std::int64_t root_name_step(const AnalyzedToken& t, bool& short_guess);
    /// Other match forms token @p j may take when its own is not in the lexicon.
    std::vector<MatchForm> alternative_forms(const std::vector<AnalyzedToken>& tokens, std::size_t j);
    void emit_field(TermSink& sink, std::string_view text, const TextAnalysis& analysis, const std::string& prefix,
                    const std::function<bool(int)>& acronym_allowed);

    std::shared_ptr<const Lexicon> lexicon_;
    std::string analysis_version_;
    std::shared_ptr<const EnglishWords> words_;
    TokenAnalysis tokens_;
    // Buffers reused from one document to the next (per object, like the stemmer).
    struct Scratch;
    std::unique_ptr<Scratch> scratch_;
};

}  // namespace tigris
