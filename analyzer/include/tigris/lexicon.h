// tigris: the synonym lexicon, compiled for matching over a token stream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tigris/analyzed_token.h"
#include "tigris/error.h"
#include "tigris/name_match.h"

namespace tigris {

/// One string of a family as written in its source, with where it was written.
struct LexiconEntry {
    std::string text;
    SourceLocation where;
};

/// A family as read from a source (YAML or a test), before compilation.
struct FamilySpec {
    std::string id;            ///< unique, [a-z0-9-]
    SourceLocation where;      ///< where the family starts
    std::string kind;          ///< person | group | org | place | term
    std::string canonical;     ///< display form
    std::string note;
    std::vector<LexiconEntry> variants;  ///< any case; matched after normalization
    std::vector<LexiconEntry> acronyms;  ///< matched case-sensitively (plural -s too)
    std::vector<LexiconEntry> context;   ///< words one of which a document must hold
                                         ///< for the acronyms to count there
    std::vector<LexiconEntry> cased;     ///< variants matched only as capitalized
    std::vector<LexiconEntry> any_case;  ///< variants that are English words whose one
                                         ///< sense is the family's (madrasa), matched in
                                         ///< any case as the other variants are
    std::vector<LexiconEntry> broader;   ///< ids of families a match of this one also
                                         ///< counts for (al-Qaeda in Iraq → al-Qaeda)
};

/// Whether @p s may be listed as an acronym: two or more characters of ASCII letters,
/// digits, "-" and "&", at least one a capital (JAM, MNF-I, PUK, KRG, MoI).
bool is_acronym_shaped(std::string_view s);

/// An immutable, compiled lexicon: families, a trie of variant match forms, a table
/// of acronyms. Build it once with compile() and share it as shared_ptr<const>.
class Lexicon {
  public:
    struct Family {
        std::string id, kind, canonical, note;
        SourceLocation where;
        std::vector<std::string> variants, acronyms, context;
        std::vector<MatchForm> context_forms;    ///< match forms of context words
        std::vector<int> broader;                ///< families a match also counts for
        /// Each variant as its words, normalized (articles left out), with the stem of
        /// a one-word variant that is an English word: what a search for the family
        /// looks for in an index built before the family had them.
        std::vector<std::vector<std::string>> variant_words;
        std::vector<std::string> variant_stems;
        std::uint16_t longest = 1;               ///< most words in one variant
    };

    /// What a variant that ends at a node of the trie names.
    struct Terminal {
        std::int32_t family = -1;      ///< -1: no variant ends there
        std::uint32_t cased_mask = 0;  ///< bit i: word i must be written capitalized
        std::string variant;           ///< the variant as written, for explanations
    };

    ~Lexicon();

    /// Compiles @p specs, analyzing every entry with @p analysis (the same analysis
    /// documents go through); @p scorer (the built-in one when null) decides which
    /// spellings of a name are one, here and when the lexicon is matched.
    /// @exception LexiconError naming the entry's file:line:column and value when an
    ///   id is malformed or repeated, a kind is unknown, a variant has no words after
    ///   normalization, two families share a variant or acronym, a cased entry is
    ///   not among the variants, or a broader family is unknown.
    /// With @p problems, every problem is collected there and its entry skipped
    /// instead (for lint).
    static std::shared_ptr<const Lexicon> compile(const std::vector<FamilySpec>& specs,
                                                  TokenAnalysis& analysis,
                                                  std::vector<LexiconError>* problems = nullptr,
                                                  std::shared_ptr<const NameScorer> scorer = nullptr);
    /// A lexicon with no families.
    static std::shared_ptr<const Lexicon> empty();

    const std::vector<Family>& families() const { return families_; }
    /// The index of the family with @p id, or -1.
    int find_family(std::string_view id) const;

    static constexpr std::uint32_t kRoot = 0;
    /// The child of @p node reached by @p form, or -1: a word by its stem; a name by its
    /// own spelling when listed there, else by the closest listed spelling with its
    /// block key that the scorer reads as the same name.
    std::int64_t step(std::uint32_t node, const MatchForm& form) const {
        return step(node, form.name, form.name ? form.block : form.text, form.text);
    }
    /// The same without building a MatchForm: @p key is a name's block key or a word's
    /// stem, @p spelling the name's spelling. @p short_guess, when given, is set when a
    /// spelling of fewer than NameScorer::kShortName letters was read as a listed one
    /// it is not: the caller accepts that only inside a variant of several words, whose
    /// other words confirm it (Jeish al-Mahdi; not Shea for Shia, Eran for Iran).
    std::int64_t step(std::uint32_t node, bool name, const std::string& key, std::string_view spelling,
                      bool* short_guess = nullptr) const;
    /// The scorer that decides which spellings are one name.
    const NameScorer& scorer() const { return *scorer_; }
    std::shared_ptr<const NameScorer> scorer_ptr() const { return scorer_; }
    /// What ends at @p node, a node step() returned.
    const Terminal& terminal(std::uint32_t node) const;
    /// The family of acronym @p surface (exact bytes), or -1.
    int acronym_family(std::string_view surface) const;
    /// True when @p bare_norm (normalized, no possessive) is a name spelled exactly so in
    /// some variant: such a spelling matches in any case; other spellings of a name,
    /// joined only by the variant key, must be written as names (capitalized).
    bool lists_spelling(const std::string& bare_norm) const { return listed_.count(bare_norm) > 0; }
    /// A hash of the lexicon's content, to tell whether an index was built with it.
    const std::string& fingerprint() const { return fingerprint_; }

  private:
    class Compiler;
    struct Trie;  // the variants' match forms (lexicon.cc)
    Lexicon();

    std::vector<Family> families_;
    std::unique_ptr<Trie> trie_;
    std::unordered_map<std::string, std::int32_t> acronyms_;
    std::unordered_set<std::string> listed_;
    std::string fingerprint_;
    std::shared_ptr<const NameScorer> scorer_;
};

}  // namespace tigris
