// tigris: transliteration-aware matching of the spellings of one name.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tigris {

/// Where an edit between two spellings applies: the romanization of a letter often
/// depends on it (a final -ah is a ta marbuta, an initial vowel carries the name, the
/// vowel of the first syllable varies more than the one of the last: Mehdi/Mahdi,
/// Hamed/Hamad).
enum class EditPlace : std::uint8_t {
    Anywhere = 0,  ///< any other place (and the fallback of every place)
    Start = 1,     ///< at the start of both spellings
    End = 2,       ///< at the end of both spellings
    First = 3,     ///< no vowel before it in either spelling: the first syllable
    Last = 4,      ///< no vowel after it in either spelling, consonants still to come
    Cluster = 5,   ///< after two consonants (a doubled one too, not a digraph) in either
                   ///< spelling: the vowel of a syllable after a closed one (Ahmed, Ahmad;
                   ///< Mohammed, Mohammad; Bassem, Bassam), not of the next (Hamed, Hamad)
};
inline constexpr std::size_t kEditPlaces = 6;

/// What reading @a as @b (or @b as @a) costs: one entry of a scorer's cost table.
/// A side is at most three letters of a–z and ', or empty (an insertion).
struct EditCost {
    std::string a, b;
    EditPlace place = EditPlace::Anywhere;
    double cost = 0;
};

/// One difference read between two spellings: @a in the first where the second has
/// @b, at a cost.
struct SpellingEdit {
    std::string a, b;
    EditPlace place = EditPlace::Anywhere;
    double cost = 0;
};

/// The comparison of two spellings: the cheapest reading of one as the other.
struct NameComparison {
    double cost = 0;
    bool same = false;  ///< cost within the scorer's threshold
    std::vector<SpellingEdit> edits;

    /// The edits as "first/second" pairs: "ee/i, q/k"; "" when the spellings are equal.
    std::string describe() const;

    /// True when the two spellings differ only in how a long vowel is written (ee/i,
    /// oo/u, ou/u, ou/o, aa/a) besides the marks the scorer folds: the one reading by
    /// which an English word written as a name meets another spelling (Amir/Ameer,
    /// Said/Saeed). Any other difference from an English word is that word, not the name:
    /// Berry is not Berri (y/i), camel not Kamel (c/k), amen not Amin (e/i), sheriff not
    /// Sherif (ff/f).
    bool only_long_vowels() const;
};

/// The blocking key of a name spelling: its consonant skeleton in loose classes
/// (q k c g j gh kh → K; t d z th dh → T; s sh ch → S; b p → B; f ph → F; vowels,
/// w, v, y, ' and a final h after a vowel dropped; doubled classes once; a compound's
/// article read as al, fold_compound_article), so that
/// spellings of one name nearly always share it. Candidates for a name are the
/// indexed spellings with its key; the scorer then decides. Empty for a spelling with
/// characters outside a–z and '.
std::string name_block_key(std::string_view spelling);

/// Where a name written as one word holds an Arabic article between two of its parts.
struct CompoundArticle {
    std::size_t begin = 0;  ///< its first letter
    std::size_t size = 0;   ///< its letters: the vowel and the l or sun letter written
};

/// The article inside a compound name written as one word (a spelling of a–z): Abd
/// with the name it governs (Abdulaziz, Abdelaziz; Abdurrahman, Abdussalam, the l
/// written as the sun letter after it) and a name with al-Din (Nasraldin, Nasreddin,
/// Nasruddin, Nasredin). Its vowel and its l or doubled letter, at least one vowel;
/// nothing when the spelling is not such a compound (Aladdin keeps too little before
/// it to be one).
std::optional<CompoundArticle> compound_article(std::string_view spelling);

/// @p spelling with the article of compound_article() written al: Abdurrahman and
/// Abdulrahman are both abdalrahman, Nasreddin and Nasr al-Din (joined) nasraldin.
std::string fold_compound_article(std::string_view spelling);

/// The spelling as the scorer compares it: a compound's article written al
/// (fold_compound_article), without ayn and hamza marks (Shi'a, Shia),
/// a long a written once (Baath, Ba'th) and without the h of a final -ah, a ta
/// marbuta written or not (Basrah, Basra; not Saleh, whose h is a letter).
/// Spellings that differ only so are one spelling.
std::string fold_name_marks(std::string_view spelling);

/// The base of @p spelling when it may be the English plural of the name of a people,
/// a faith or a following, written as such names end: -i of four letters or more (Sufis,
/// Zaydis), -ite, -ist, -ian, -ean of five or more (Alawites, Nasserists, Chaldeans);
/// "" otherwise. Names that end so and are no plurals (Harris, Doris, Chris) have bases
/// the index hardly holds: NameMatcher also wants the base in a few documents. Other
/// derivations (Islam, Islamist; Hashemi, Hashemite) are different words and never meet.
std::string_view group_plural_base(std::string_view spelling);
/// Whether @p singular ends as the name of a people, a faith or a following does, so
/// that its plural is group_plural_base's (Sufi, Alawite; not Chri, Jean).
bool takes_group_plural(std::string_view singular);

/// True when @p spelling is something the scorer compares (a–z and ', 2 to 32 bytes);
/// any other spelling matches only itself.
bool scorable_spelling(std::string_view spelling);

/// Decides whether two romanized spellings are the same name: a weighted edit
/// distance whose costs follow how Arabic letters are romanized (q/k/g for qaf, e/i/ee
/// for kasra, o/u/ou for damma, dh/z/d, doubled letters, -ah/-a ...), learned from
/// data (benchmarks/names --calibrate), so that cheap substitutions join and
/// expensive ones separate. Immutable once built; safe to share between threads.
class NameScorer {
  public:
    /// The scorer with the built-in calibrated costs and threshold.
    static std::shared_ptr<const NameScorer> builtin();

    /// Letters a spelling needs before a difference costs only its edits: in a shorter
    /// name each letter carries more of it (Beth is not Baath, Aman not Amman).
    static constexpr std::size_t kShortName = 6;

    /// A scorer with @p costs (single letters: every pair should be present; longer
    /// sides only where a rule reads them), an acceptance @p threshold, and what each
    /// letter the shorter spelling lacks of kShortName adds to a difference.
    NameScorer(const std::vector<EditCost>& costs, double threshold, double short_penalty = 0);

    /// The cost of the cheapest reading of @p a as @p b (after fold_name_marks: 0 for
    /// Shi'a and Shia); anything above @p limit may be reported as +infinity (the
    /// search stops early). Spellings the scorer cannot compare cost 0 when equal,
    /// +infinity otherwise. Two compounds of one kind (compound_article) are compared by
    /// their parts, each as a word (Abd's name: Abdul Rahman, Abdul Rehman as Rahman,
    /// Rehman; or the name before al-Din and din), or whole, whichever is cheaper.
    double distance(std::string_view a, std::string_view b, double limit) const;

    /// The comparison with the edits read (slower than distance()).
    NameComparison compare(std::string_view a, std::string_view b) const;

    /// True when @p a and @p b are the same name: distance within the threshold.
    bool same_name(std::string_view a, std::string_view b) const {
        return distance(a, b, threshold_) <= threshold_;
    }

    double threshold() const { return threshold_; }
    double short_penalty() const { return short_penalty_; }
    /// A hash of the costs and the threshold: an index records it.
    std::uint64_t fingerprint() const { return fingerprint_; }
    const std::vector<EditCost>& costs() const { return costs_; }
    /// What comparing spellings of these lengths adds to any difference between them.
    double length_cost(std::size_t a_letters, std::size_t b_letters) const;

  private:
    struct Path;
    /// distance() of two spellings compared as single words; @p part: two parts of
    /// compounds (no length_cost(), the compound is long; a ta marbuta however short:
    /// lah of Abdullah, la of Abdulla).
    double word_distance(std::string_view a, std::string_view b, double limit, bool part) const;
    /// compare() of two single words, its cost and edits added to @p out.
    void compare_words(std::string_view a, std::string_view b, bool part, NameComparison& out) const;
    double align(std::string_view a, std::string_view b, double limit, Path* path) const;
    float lookup(std::uint32_t code_a, std::uint32_t code_b, EditPlace place) const;

    std::vector<EditCost> costs_;
    double threshold_;
    double short_penalty_;
    std::uint64_t fingerprint_ = 0;
    // Single letters (code 0 = nothing): cost by place, +inf when the table lacks it.
    static constexpr int kLetters = 28;
    std::vector<float> single_;  // [place][a][b]
    // Longer sides: by (code a, code b, place), and which codes are a side at all.
    std::unordered_map<std::uint64_t, float> multi_;
    std::vector<bool> is_side_;
};

}  // namespace tigris
