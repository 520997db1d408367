#include "tigris/analyzer.h"

#include <algorithm>
#include <unordered_set>

#include "term_counter.h"
#include "fnv1a.h"
#include "tigris/name_match.h"

namespace tigris {

namespace {

// The version of the rules that turn text into terms (tokenizer, normalizer, name rules,
// term layout). Bump it with any change that writes other terms for the same text.
constexpr int kAnalysisRules = 12;

std::string hex64(std::uint64_t h) {
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = digits[(h >> (4 * i)) & 0xf];
    return out;
}

constexpr std::size_t kMaxTermBytes = 200;  // Xapian's limit is 245 with the prefix
constexpr Xapian::termpos kFieldGap = 100;

// The compound's bytes with every hyphen written as ASCII '-', for acronym lookup.
std::string compound_surface(std::string_view text, std::size_t begin, std::size_t end) {
    std::string out;
    out.reserve(end - begin);
    std::string_view s = text.substr(begin, end - begin);
    for (std::size_t i = 0; i < s.size(); ++i) {
        // U+2010 and U+2011 are E2 80 90 and E2 80 91.
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
            static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0x90 ||
             static_cast<unsigned char>(s[i + 2]) == 0x91)) {
            out += '-';
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool all_caps_letters(std::string_view s) {
    bool letter = false;
    for (const char c : s) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') letter = true;
    }
    return letter;
}

// Xapian refuses a term over 245 bytes ("Term too long") and then cancels every change
// since the last commit. A term can outgrow the 64-byte token cap in normalization (NFKC
// writes U+FDFA as 18 letters), so the sink skips a longer term: that word cannot be
// searched, the document is indexed.
constexpr std::size_t kMaxXapianTermBytes = 245;

// Writes into a Xapian::Document. Terms without positions (stems) are counted and added
// once each with their wdf by flush(): one lookup in the document's term map per term
// instead of one per occurrence.
class DocumentSink : public TermSink {
  public:
    DocumentSink(Xapian::Document& doc, TermCounter& counts) : doc_(doc), counts_(counts) {}
    void posting(const std::string& term, Xapian::termpos pos) override {
        if (term.size() <= kMaxXapianTermBytes) doc_.add_posting(term, pos);
    }
    void term(const std::string& term) override {
        if (term.size() <= kMaxXapianTermBytes) counts_.add(term);
    }
    void flush() {
        counts_.drain([&](const std::string& term, Xapian::termcount wdf) { doc_.add_term(term, wdf); });
    }

  private:
    Xapian::Document& doc_;
    TermCounter& counts_;
};

// A term buffer that keeps its prefix and its capacity: with(tail) is prefix + tail.
class PrefixedTerm {
  public:
    void set_prefix(std::string_view a, std::string_view b = {}) {
        buf_.assign(a.data(), a.size()).append(b.data(), b.size());
        len_ = buf_.size();
    }
    const std::string& with(std::string_view tail) {
        buf_.resize(len_);
        return buf_.append(tail.data(), tail.size());
    }
    const std::string& with(std::string_view a, std::string_view b, std::string_view c) {
        buf_.resize(len_);
        return buf_.append(a.data(), a.size()).append(b.data(), b.size()).append(c.data(), c.size());
    }

  private:
    std::string buf_;
    std::size_t len_ = 0;
};

// The word without a footnote number glued to its end (Chilcot's "JAM1", "Basra12"):
// up to three digits after at least @p min_letters other characters; else unchanged.
std::string_view without_footnote(std::string_view word, std::size_t min_letters) {
    const std::size_t end = word.find_last_not_of("0123456789");
    if (end == std::string_view::npos || end + 1 < min_letters || word.size() - end - 1 > 3) return word;
    return word.substr(0, end + 1);
}

// Capitalized, or with a capital inside (alBasrah, AlQaeda).
bool written_as_name(const AnalyzedToken& t, std::string_view text) {
    if (t.token.has(kCapitalized)) return true;
    const std::string_view s = t.token.surface(text);
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The token as an acronym term holds it: letters and digits only, at least two
// capitals and as many capitals as small letters (JAM, JaM, MNF, ISFs; not alBasrah or
// McDonald), in text of mixed case, without a possessive; "" for any other token.
std::string_view acronym_surface(const AnalyzedToken& t, std::string_view text) {
    if (!t.token.has(kHasLetter) || t.token.has(kCapsContext) || t.kind == TokenKind::Article) return {};
    std::string_view s = t.token.surface(text);
    for (const std::string_view poss : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
        if (s.size() > poss.size() + 1 && s.substr(s.size() - poss.size()) == poss) s.remove_suffix(poss.size());
    }
    if (s.size() < 2 || s.size() > 12) return {};
    std::size_t upper = 0, lower = 0;
    for (const char c : s) {
        if (c >= 'A' && c <= 'Z') {
            ++upper;
        } else if (c >= 'a' && c <= 'z') {
            ++lower;
        } else if (!(c >= '0' && c <= '9')) {
            return {};
        }
    }
    return upper >= 2 && upper >= lower ? s : std::string_view();
}

bool is_consonant(char c) {
    return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u';
}

// Whether tokens @p first to @p last (articles left out) are capitalized where
// @p cased_mask asks (bit w: word w). In text in capitals, case cannot show a cased name.
bool written_as_cased(const std::vector<AnalyzedToken>& tokens, std::size_t first, std::size_t last,
                      std::uint32_t cased_mask) {
    for (std::size_t k = first, w = 0; k <= last; ++k) {
        const AnalyzedToken& t = tokens[k];
        if (t.kind == TokenKind::Article) continue;
        if ((cased_mask >> w & 1u) != 0 && !(t.token.has(kCapitalized) && !t.token.has(kCapsContext))) return false;
        ++w;
    }
    return true;
}

}  // namespace

std::vector<MatchForm> Analyzer::alternative_forms(const std::vector<AnalyzedToken>& tokens, std::size_t j) {
    std::vector<MatchForm> alts;
    const AnalyzedToken& t = tokens[j];
    const std::string bare(TokenAnalysis::strip_possessive(t.norm));
    if (t.token.has(kHasDigit)) {
        const std::string_view word = without_footnote(bare, 3);
        if (word.size() < bare.size()) alts.push_back(tokens_.form_of(std::string(word)));
        return alts;
    }
    if (t.kind != TokenKind::Name) return alts;
    auto name = [](std::string spelling) {
        std::string block = name_block_key(spelling);
        return MatchForm{true, std::move(spelling), std::move(block)};
    };
    if (bare.size() >= 6 && (bare.compare(0, 2, "al") == 0 || bare.compare(0, 2, "el") == 0)) {
        // An article glued to the name: alBasrah, AlQaeda, alqaeda, Al'Qaida.
        const std::size_t start = bare.find_first_not_of('\'', 2);
        if (start != std::string::npos) alts.push_back(name(bare.substr(start)));
    }
    if (j > 0 && tokens[j - 1].kind == TokenKind::Article) {
        // After an article the name is Arabic, and a vowel before a final r, l or n is
        // an English reader's epenthesis: al-Sader is al-Sadr (Emir Sader is not).
        const std::size_t n = bare.size();
        if (n >= 4 && (bare[n - 1] == 'r' || bare[n - 1] == 'l' || bare[n - 1] == 'n') &&
            (bare[n - 2] == 'a' || bare[n - 2] == 'e') && is_consonant(bare[n - 3])) {
            alts.push_back(name(bare.substr(0, n - 2) + bare.substr(n - 1)));
        }
    }
    return alts;
}

namespace {

// The lexicon's first step for name spellings, by spelling. Block keys are loose, so many
// of a text's names share one with a listed spelling, and reading a name against those
// runs the scorer; names repeat (Zipf), so a direct-mapped cache answers most of them.
class RootNameSteps {
  public:
    struct Step {
        std::int64_t child = -1;
        bool short_guess = false;
    };
    RootNameSteps() : entries_(kSize) {}
    const Step* find(std::string_view spelling, std::uint32_t hash) const {
        const Entry& e = entries_[hash & (kSize - 1)];
        return e.filled && e.hash == hash && e.spelling == spelling ? &e.step : nullptr;
    }
    void put(std::string_view spelling, std::uint32_t hash, Step step) {
        Entry& e = entries_[hash & (kSize - 1)];
        e.filled = true;
        e.hash = hash;
        e.spelling.assign(spelling.data(), spelling.size());
        e.step = step;
    }

  private:
    static constexpr std::size_t kSize = 32768;
    struct Entry {
        bool filled = false;
        std::uint32_t hash = 0;
        std::string spelling;
        Step step;
    };
    std::vector<Entry> entries_;
};

}  // namespace

struct Analyzer::Scratch {
    std::vector<TextAnalysis> fields;           ///< the analyses of a document's fields
    TermCounter stems;                          ///< a document's stem terms and their counts
    PrefixedTerm raw, stem, name, acronym, concept_term, neighbour;  ///< the terms being written
    RootNameSteps root_names;                   ///< the lexicon's first step, by name spelling
};

std::int64_t Analyzer::root_name_step(const AnalyzedToken& t, bool& short_guess) {
    const std::string_view spelling = name_spelling(t);
    const std::uint32_t hash = fnv1a(spelling);
    RootNameSteps& cache = scratch_->root_names;
    if (const RootNameSteps::Step* hit = cache.find(spelling, hash)) {
        short_guess = short_guess || hit->short_guess;
        return hit->child;
    }
    RootNameSteps::Step step;
    step.child = lexicon_->step(Lexicon::kRoot, true, t.block, spelling, &step.short_guess);
    cache.put(spelling, hash, step);
    short_guess = short_guess || step.short_guess;
    return step.child;
}

Analyzer::Analyzer(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const EnglishWords> words)
    : lexicon_(std::move(lexicon)),
      analysis_version_(std::to_string(kAnalysisRules) + "-" + hex64(words->fingerprint()) + "-" +
                        hex64(lexicon_->scorer().fingerprint())),
      words_(std::move(words)),
      tokens_(words_),
      scratch_(std::make_unique<Scratch>()) {}

Analyzer::Analyzer(const Analyzer& other)
    : lexicon_(other.lexicon_),
      analysis_version_(other.analysis_version_),
      words_(other.words_),
      tokens_(words_),
      scratch_(std::make_unique<Scratch>()) {}

Analyzer::~Analyzer() = default;

bool is_name(const AnalyzedToken& t, AnalysisMode mode) {
    if (t.kind == TokenKind::Article || !t.token.has(kHasLetter) || t.token.has(kHasDigit)) return false;
    const std::string_view spelling = name_spelling(t);
    if (!scorable_spelling(spelling)) return false;
    const bool caps_context = t.token.has(kCapsContext);
    if (t.kind == TokenKind::Name) {
        // In text of mixed case a word in capitals is an acronym (ISF, PKK) unless it is
        // as long as a name (OMAR); so is a query's word of three capitals or fewer (GOI,
        // DEA), whatever the rest of the query is written in.
        if (t.token.has(kAllCaps) && (mode == AnalysisMode::Query || !caps_context)) return spelling.size() >= 4;
        return true;
    }
    // An English word is a name only where written as one: where case tells, capitalized,
    // and in a document not at the start of a sentence.
    if (!t.token.has(kCapitalized)) return false;
    if (mode == AnalysisMode::Query) return true;
    return !caps_context && !t.token.has(kAllCaps) && !t.token.has(kBreakBefore);
}

bool has_english_stem(const AnalyzedToken& t, bool in_concept) {
    return t.has_stem_term() && !(in_concept && t.kind == TokenKind::Name);
}

std::string_view name_spelling(const AnalyzedToken& t) { return TokenAnalysis::strip_possessive(t.norm); }

namespace {

// Abd as the first word of a compound name before @p next: abd (before an article or a
// name), or abd with the article fused (abdul, abdel, abdal, abdol, abdoul, abdil), its
// l written as the sun letter that starts the name (Abdur Rahman, Abdus Salam).
bool is_abd(std::string_view s, std::string_view next) {
    if (s.substr(0, 3) != "abd") return false;
    const std::string_view rest = s.substr(3);
    if (rest.empty()) return true;
    if (rest.size() < 2 || rest.size() > 3) return false;
    if (rest.back() != 'l') {
        // The article the scorer reads in the name written as one word, ending with abd's.
        const std::optional<CompoundArticle> a = compound_article(std::string(s).append(next));
        return a && a->begin + a->size == s.size();
    }
    return std::all_of(rest.begin(), rest.end() - 1,
                       [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; });
}

// Abu ("father of") as the first word of a compound name: Abu, Abou, Abo, or with the
// article fused (Abul, Aboul: Aboul Magd for Abu al-Majd).
// Longest first, for split_name_compound.
constexpr std::string_view kAbuForms[] = {"aboul", "abul", "abol", "abou", "abu", "abo"};

bool is_abu(std::string_view s) { return std::find(std::begin(kAbuForms), std::end(kAbuForms), s) != std::end(kAbuForms); }

// Din as the last word of a compound name (Nasr al-Din, Nasr al-Deen).
bool is_din(std::string_view s) { return s == "din" || s == "deen" || s == "dine"; }

// Only spaces or hyphens between two words, at most one line break: not "Abdul, Aziz",
// nor two names of a list one per paragraph.
bool joined_by_space(std::string_view text, const AnalyzedToken& a, const AnalyzedToken& b) {
    if (b.token.begin < a.token.end) return false;
    const std::string_view gap = text.substr(a.token.end, b.token.begin - a.token.end);
    return !gap.empty() && std::count(gap.begin(), gap.end(), '\n') <= 1 &&
           std::all_of(gap.begin(), gap.end(),
                       [](char c) { return c == ' ' || c == '-' || c == '\n' || c == '\r' || c == '\t'; });
}

// Whether tokens first..last hold all of every hyphen compound they share a word with:
// Pro-Abdel Aziz and Abdul Aziz-Khan are other compounds, not a name's.
bool whole_hyphen_compounds(const std::vector<AnalyzedToken>& tokens, std::size_t first, std::size_t last) {
    if (tokens[first].in_compound && tokens[first].compound < first) return false;
    const std::size_t next = last + 1;
    return !(next < tokens.size() && tokens[next].in_compound && tokens[next].compound <= last);
}

}  // namespace

std::vector<NameCompound> name_compounds(const TextAnalysis& a, std::string_view text, AnalysisMode mode) {
    std::vector<NameCompound> out;
    const auto& tokens = a.tokens;
    const auto name = [&](std::size_t i) { return tokens[i].kind != TokenKind::Article && is_name(tokens[i], mode); };
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens[i].kind == TokenKind::Article) continue;
        std::size_t j = i + 1;
        const bool article = tokens[j].kind == TokenKind::Article;
        if (article && ++j >= tokens.size()) continue;
        const std::string_view head = name_spelling(tokens[i]), tail = name_spelling(tokens[j]);
        // Abd and Abu govern the name after them (with or without an article); al-Din
        // follows a name, always after one. The spellings first: they rule out nearly every word.
        const bool abd = is_abd(head, tail) && !is_abd(tail, "") && (article || head.size() > 3 || tail.size() > 3);
        const bool abu = is_abu(head) && !is_abu(tail) && !is_abd(tail, "") && tail.size() > 2;
        if (!abd && !abu && !(article && is_din(tail))) continue;
        if (!name(i) || !name(j)) continue;
        if (!joined_by_space(text, tokens[i], tokens[i + 1])) continue;
        if (article && !joined_by_space(text, tokens[i + 1], tokens[j])) continue;
        if (!whole_hyphen_compounds(tokens, i, j)) continue;
        std::string joined(head);
        if (article) joined += tokens[i + 1].norm;
        joined += tail;
        if (!scorable_spelling(joined)) continue;
        out.push_back({i, j, joined, name_block_key(joined)});
        i = j;
    }
    return out;
}

std::vector<NameNeighbours> name_neighbours(const TextAnalysis& a, std::string_view text) {
    std::vector<NameNeighbours> out;
    const auto& tokens = a.tokens;
    const auto name = [&](std::size_t i) {
        if (tokens[i].kind != TokenKind::Name || !is_name(tokens[i], AnalysisMode::Document)) return false;
        const std::string_view s = name_spelling(tokens[i]);
        return !is_abd(s, "") && !is_abu(s) && !is_din(s);
    };
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (!name(i)) continue;
        std::size_t j = i + 1;
        if (tokens[j].kind == TokenKind::Article) {
            if (tokens[j].token.has(kBreakBefore) || !joined_by_space(text, tokens[i], tokens[j])) continue;
            if (++j >= tokens.size() || !joined_by_space(text, tokens[j - 1], tokens[j])) continue;
        } else if (!joined_by_space(text, tokens[i], tokens[j])) {
            continue;
        }
        if (tokens[j].token.has(kBreakBefore) || !name(j)) continue;
        out.push_back({i, j});
    }
    return out;
}

std::string neighbour_term_prefix(char side, std::string_view spelling) {
    std::string term(prefix::kNeighbour);
    term += side;
    term.append(spelling).append(":");
    return term;
}

std::optional<NameCompoundWords> split_name_compound(std::string_view spelling) {
    if (const std::optional<CompoundArticle> a = compound_article(spelling)) {
        if (a->begin == 3) {
            // Abd with its article, then the name: abdul|aziz, abdur|rahman.
            const std::size_t cut = a->begin + a->size;
            return NameCompoundWords{std::string(spelling.substr(0, cut)), std::string(spelling.substr(cut)), true};
        }
        // The name, then din: the article is a word of its own, at din's position.
        return NameCompoundWords{std::string(spelling.substr(0, a->begin)),
                                 std::string(spelling.substr(a->begin + a->size)), false};
    }
    for (const std::string_view abu : kAbuForms) {
        if (spelling.size() >= abu.size() + 3 && spelling.substr(0, abu.size()) == abu) {
            return NameCompoundWords{std::string(abu), std::string(spelling.substr(abu.size())), false};
        }
    }
    return std::nullopt;
}

std::string name_term_prefix(std::string_view field_prefix, std::string_view block) {
    std::string term;
    term.reserve(field_prefix.size() + 3 + block.size());
    term.append(field_prefix).append(prefix::kName).append(block).append(":");
    return term;
}

std::string name_term(std::string_view field_prefix, std::string_view block, std::string_view spelling) {
    return name_term_prefix(field_prefix, block).append(spelling);
}

TextAnalysis Analyzer::analyze(std::string_view text, AnalysisMode mode, Xapian::termpos first_pos) {
    TextAnalysis out;
    analyze_into(text, mode, first_pos, out);
    return out;
}

void Analyzer::analyze_into(std::string_view text, AnalysisMode mode, Xapian::termpos first_pos,
                            TextAnalysis& out) {
    tokens_.analyze(text, first_pos, out.tokens, mode == AnalysisMode::Query);
    out.concepts.clear();
    match(text, out, mode);
}

void Analyzer::match(std::string_view text, TextAnalysis& out, AnalysisMode mode) {
    const auto& tokens = out.tokens;
    const std::size_t n = tokens.size();
    out.covered_by.assign(n, -1);

    std::size_t i = 0;
    while (i < n) {
        if (tokens[i].kind == TokenKind::Article) {
            ++i;
            continue;
        }
        ConceptMatch found = match_acronym(text, tokens, i);
        ConceptMatch variant = match_variant(text, tokens, i, mode);
        if (variant.family >= 0 && (found.family < 0 || variant.last >= found.last)) found = std::move(variant);

        // An acronym inside a longer name is part of that name (Pearl JAM).
        if (found.acronym && mode == AnalysisMode::Document && out.covered_by[i] >= 0) {
            found.family = -1;
        }
        if (found.family < 0) {
            ++i;
            continue;
        }
        const auto index = static_cast<std::int32_t>(out.concepts.size());
        for (std::size_t k = found.first; k <= found.last; ++k) {
            if (out.covered_by[k] < 0) out.covered_by[k] = index;
        }
        const std::uint32_t last = found.last;
        out.concepts.push_back(std::move(found));
        i = (mode == AnalysisMode::Query) ? last + 1 : i + 1;
    }
}

ConceptMatch Analyzer::match_acronym(std::string_view text, const std::vector<AnalyzedToken>& tokens,
                                     std::size_t i) {
    // The whole hyphen compound (MNF-I), else the token, else its plural (ISFs). Exact
    // bytes: JAM is an acronym, Jam and jam are not. Only a token with a capital after
    // its first letter can be an acronym.
    ConceptMatch found;
    const AnalyzedToken& t = tokens[i];
    const std::string_view raw = t.token.surface(text);
    if (!t.token.has(kHasLetter) || raw.size() < 2 ||
        std::none_of(raw.begin() + 1, raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return found;
    }
    const Lexicon& lex = *lexicon_;
    std::size_t last = i;
    int fam = -1;
    if (t.in_compound && t.compound == i) {
        while (last + 1 < tokens.size() && tokens[last + 1].compound == i) ++last;
        fam = lex.acronym_family(compound_surface(text, t.token.begin, tokens[last].token.end));
        if (fam < 0) last = i;
    }
    std::string_view surface = t.token.has(kHasDigit) ? without_footnote(raw, 2) : raw;
    // A possessive is not part of the acronym: JAM's, JAM’s.
    for (const std::string_view poss : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
        if (surface.size() > poss.size() + 1 && surface.substr(surface.size() - poss.size()) == poss) {
            surface.remove_suffix(poss.size());
        }
    }
    if (fam < 0) fam = lex.acronym_family(surface);
    if (fam < 0 && surface.size() > 2 && surface.back() == 's') {
        const std::string_view singular = surface.substr(0, surface.size() - 1);
        if (all_caps_letters(singular)) fam = lex.acronym_family(singular);
    }
    if (fam < 0) return found;
    found.family = fam;
    found.first = static_cast<std::uint32_t>(i);
    found.last = static_cast<std::uint32_t>(last);
    found.acronym = true;
    // In text written in capitals an acronym that is also an English word (JAM, jam)
    // cannot be told from the word.
    found.ambiguous = t.token.has(kCapsContext) && tokens_.is_english(t.norm);
    found.via = std::string(surface);
    return found;
}

ConceptMatch Analyzer::match_variant(std::string_view text, const std::vector<AnalyzedToken>& tokens, std::size_t i,
                                     AnalysisMode mode) {
    // The longest sequence of match forms in the trie from token @p i.
    const Lexicon& lex = *lexicon_;
    std::uint32_t node = Lexicon::kRoot;
    std::size_t words = 0;
    bool short_guess = false;  // a short spelling read as a listed one: needs company
    std::int64_t best_last = -1;
    std::uint32_t best_node = 0;
    for (std::size_t j = i; j < tokens.size() && words < 32; ++j) {
        const AnalyzedToken& tj = tokens[j];
        if (j > i && tj.token.has(kBreakBefore)) break;
        if (tj.kind == TokenKind::Article) continue;
        const std::int64_t next = trie_step(node, tokens, j, short_guess);
        if (next < 0) break;
        // In a document, an unlisted spelling of a name counts only when written as a
        // name: "amens" and Spanish "quede" are not Amman and Qaeda. (Checked after
        // the trie step: most tokens never get this far.)
        if (mode == AnalysisMode::Document && tj.kind == TokenKind::Name && !written_as_name(tj, text) &&
            !lex.lists_spelling(std::string(TokenAnalysis::strip_possessive(tj.norm)))) {
            break;
        }
        node = static_cast<std::uint32_t>(next);
        const Lexicon::Terminal& end = lex.terminal(node);
        if (end.family >= 0) {
            // A short spelling read as a listed one needs company: another word of
            // the variant, or an article before it (al-Qa'ida).
            const bool confirmed = words > 0 || (i > 0 && tokens[i - 1].kind == TokenKind::Article);
            if (written_as_cased(tokens, i, j, end.cased_mask) && (!short_guess || confirmed)) {
                best_last = static_cast<std::int64_t>(j);
                best_node = node;
            }
        }
        ++words;
    }
    ConceptMatch found;
    if (best_last < 0) return found;
    found.family = lex.terminal(best_node).family;
    found.first = static_cast<std::uint32_t>(i);
    found.last = static_cast<std::uint32_t>(best_last);
    found.via = lex.terminal(best_node).variant;
    return found;
}

std::int64_t Analyzer::trie_step(std::uint32_t node, const std::vector<AnalyzedToken>& tokens, std::size_t j,
                                 bool& short_guess) {
    const AnalyzedToken& t = tokens[j];
    const Lexicon& lex = *lexicon_;
    std::int64_t next;
    if (node == Lexicon::kRoot && t.matches_as_name()) {
        next = root_name_step(t, short_guess);
    } else {
        next = lex.step(node, t.matches_as_name(), t.matches_as_name() ? t.block : t.stem, name_spelling(t),
                        &short_guess);
    }
    if (next < 0 && (t.kind == TokenKind::Name || t.token.has(kHasDigit))) {
        for (const MatchForm& alt : alternative_forms(tokens, j)) {
            next = lex.step(node, alt.name, alt.name ? alt.block : alt.text, alt.text, &short_guess);
            if (next >= 0) break;
        }
    }
    return next;
}

void Analyzer::emit_field(TermSink& sink, std::string_view text, const TextAnalysis& a, const std::string& pfx,
                          const std::function<bool(int)>& acronym_allowed) {
    const auto& tokens = a.tokens;
    const std::size_t n = tokens.size();
    // Which concepts stand, and which tokens they take from the plain word stream.
    std::vector<char> accepted(a.concepts.size(), 1);
    std::vector<char> word_suppressed(n, 0), in_concept(n, 0), in_acronym(n, 0);
    for (std::size_t c = 0; c < a.concepts.size(); ++c) {
        const ConceptMatch& m = a.concepts[c];
        if (m.acronym && !acronym_allowed(static_cast<int>(c))) {
            accepted[c] = 0;
            continue;
        }
        for (std::size_t k = m.first; k <= m.last; ++k) {
            in_concept[k] = 1;
            if (m.acronym) in_acronym[k] = 1;
            // An acronym written in capitals is not the English word it spells: JAM
            // writes no "jam". Acronyms that spell no word (ISF, MNF) keep their words.
            if (m.acronym &&
                tokens_.is_english(tokens[k].norm)) {
                word_suppressed[k] = 1;
            }
        }
    }
    // Terms are built in buffers that keep their prefix and their capacity.
    PrefixedTerm& raw = scratch_->raw;
    PrefixedTerm& stem = scratch_->stem;
    PrefixedTerm& name = scratch_->name;
    PrefixedTerm& acronym = scratch_->acronym;
    PrefixedTerm& concept_term = scratch_->concept_term;
    raw.set_prefix(pfx);
    stem.set_prefix(prefix::kStem, pfx);
    name.set_prefix(pfx, prefix::kName);
    acronym.set_prefix(pfx, prefix::kAcronym);
    concept_term.set_prefix(pfx, prefix::kConcept);
    for (std::size_t i = 0; i < n; ++i) {
        const AnalyzedToken& t = tokens[i];
        if (t.norm.empty()) continue;
        if (!word_suppressed[i]) {
            sink.posting(raw.with(t.norm), t.pos);
            if (has_english_stem(t, in_concept[i] != 0)) sink.term(stem.with(t.stem));
        }
        if (!in_acronym[i] && is_name(t, AnalysisMode::Document)) {
            // Without positions: a phrase finds a name's spellings by their raw terms.
            // Inside a family's words too: a query of a part of them (Mus'ab of Abu Musab
            // al-Zarqawi) meets its spellings there, as it meets them anywhere else. Not
            // a family's acronym (ISAF in a cable in capitals): that is no name, and
            // would count as one against its acronym evidence (acronym_in_index).
            sink.term(name.with(t.block, ":", name_spelling(t)));
        }
        // An acronym as written, so that one added to the lists later is found.
        if (const std::string_view surface = acronym_surface(t, text); !surface.empty()) {
            sink.term(acronym.with(surface));
        }
        // A hyphen compound is searchable whole too: MNF-I → mnfi, JURIS-DICTION →
        // jurisdiction.
        if (t.in_compound && t.compound == i && t.kind != TokenKind::Article) {
            std::string joined = t.norm;
            std::size_t j = i + 1;
            for (; j < n && tokens[j].compound == i; ++j) joined += tokens[j].norm;
            if (j - i >= 2 && joined.size() <= kMaxTermBytes) {
                sink.posting(raw.with(joined), t.pos);
                // Stemmed as one word that starts as its first part does (F-16 yes, 9-11 no),
                // or that is an English word (JURIS-DICTION, hard-wrapped in capitals).
                if (t.has_stem_term() || (!t.token.has(kLeadingDigit) && tokens_.is_english(joined))) {
                    sink.term(stem.with(tokens_.stem(joined)));
                }
            }
        }
    }
    // A name of two or three words that is also written as one (Abdul Aziz, Abdulaziz).
    for (const NameCompound& c : name_compounds(a, text, AnalysisMode::Document)) {
        sink.term(name.with(c.block, ":", c.spelling));
    }
    // Each of two names side by side is the other's neighbour: the spellings of one name
    // share neighbours (Ahmed Chalabi, Ahmad Chalabi), which the query side reads as
    // evidence for a spelling a little above the scorer's threshold. The text's only.
    if (pfx.empty()) {
        PrefixedTerm& neighbour = scratch_->neighbour;
        for (const NameNeighbours& p : name_neighbours(a, text)) {
            if (in_acronym[p.left] || in_acronym[p.right]) continue;
            const std::string_view l = name_spelling(tokens[p.left]), r = name_spelling(tokens[p.right]);
            if (l.size() + r.size() > kMaxTermBytes) continue;
            neighbour.set_prefix(prefix::kNeighbour, "r");
            sink.term(neighbour.with(l, ":", r));
            neighbour.set_prefix(prefix::kNeighbour, "l");
            sink.term(neighbour.with(r, ":", l));
        }
    }
    for (std::size_t c = 0; c < a.concepts.size(); ++c) {
        if (!accepted[c]) continue;
        const ConceptMatch& m = a.concepts[c];
        const auto& fam = lexicon_->families()[static_cast<std::size_t>(m.family)];
        sink.posting(concept_term.with(fam.id), tokens[m.first].pos);
        for (const int up : fam.broader) {
            sink.posting(concept_term.with(lexicon_->families()[static_cast<std::size_t>(up)].id), tokens[m.first].pos);
        }
    }
}

void Analyzer::emit_document(TermSink& sink, const std::vector<FieldText>& fields) {
    std::vector<TextAnalysis>& analyses = scratch_->fields;
    if (analyses.size() < fields.size()) analyses.resize(fields.size());
    Xapian::termpos pos = 1;
    for (std::size_t k = 0; k < fields.size(); ++k) {
        analyze_into(fields[k].text, AnalysisMode::Document, pos, analyses[k]);
        const auto& toks = analyses[k].tokens;
        if (!toks.empty()) pos = toks.back().pos + kFieldGap;
    }
    // Context words of acronym families, looked up once per document when needed.
    std::unordered_set<std::string> names, stems;
    bool forms_ready = false;
    auto has_context = [&](const Lexicon::Family& fam) {
        if (!forms_ready) {
            for (std::size_t k = 0; k < fields.size(); ++k) {
                for (const auto& t : analyses[k].tokens) {
                    if (t.matches_as_name()) {
                        names.emplace(name_spelling(t));
                    } else {
                        stems.insert(t.stem);
                    }
                }
            }
            forms_ready = true;
        }
        return std::any_of(fam.context_forms.begin(), fam.context_forms.end(), [&](const MatchForm& f) {
            return (f.name ? names : stems).count(f.text) > 0;
        });
    };
    for (std::size_t k = 0; k < fields.size(); ++k) {
        const TextAnalysis& an = analyses[k];
        auto allowed = [&](int c) {
            const ConceptMatch& m = an.concepts[static_cast<std::size_t>(c)];
            const auto& fam = lexicon_->families()[static_cast<std::size_t>(m.family)];
            // An acronym counts where the document has one of its family's context
            // words; one in text in capitals (JAM or jam?) only then, and never for a
            // family without context words.
            if (fam.context_forms.empty()) return !m.ambiguous;
            return has_context(fam);
        };
        emit_field(sink, fields[k].text, an, fields[k].prefix, allowed);
        if (fields[k].also_unprefixed && !fields[k].prefix.empty()) emit_field(sink, fields[k].text, an, "", allowed);
    }
}

void Analyzer::index_document(Xapian::Document& doc, const std::vector<FieldText>& fields) {
    scratch_->stems.clear();  // what an earlier document left when it threw
    DocumentSink sink(doc, scratch_->stems);
    emit_document(sink, fields);
    sink.flush();
}

}  // namespace tigris
