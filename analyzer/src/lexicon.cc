#include "tigris/lexicon.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "fnv1a.h"

namespace tigris {

namespace {

bool valid_id(const std::string& id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool valid_kind(const std::string& kind) {
    return kind == "person" || kind == "group" || kind == "org" || kind == "place" ||
           kind == "term";
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// FNV-1a, 64 bit: a stable fingerprint of the lexicon's content.
struct Fingerprint {
    std::uint64_t h = 1469598103934665603ULL;
    void add(std::string_view s) {
        for (const char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
        h ^= 0xff;
        h *= 1099511628211ULL;
    }
    std::string hex() const {
        static const char* digits = "0123456789abcdef";
        std::string out(16, '0');
        for (int i = 0; i < 16; ++i) out[15 - i] = digits[(h >> (4 * i)) & 0xf];
        return out;
    }
};

// Letters a spelling needs before the lexicon matches it to a listed spelling it is not.
constexpr std::size_t kUnlistedLetters = NameScorer::kShortName;

bool long_enough(std::string_view spelling) {
    std::size_t letters = 0;
    for (const char c : spelling) letters += c != '\'';
    return letters >= kUnlistedLetters;
}

}  // namespace

bool is_acronym_shaped(std::string_view s) {
    if (s.size() < 2) return false;
    bool upper = false;
    for (const char c : s) {
        if (c >= 'A' && c <= 'Z') {
            upper = true;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '&')) {
            return false;
        }
    }
    return upper;
}

// The variants as a trie of match forms: from the root, a word by its stem, a name by
// its block key and then its spelling.
struct Lexicon::Trie {
    // A name edge: a listed spelling and the node it leads to.
    struct NameEdge {
        std::string spelling;
        std::uint32_t child = 0;
        std::int32_t family = -1;  // the family whose variant made it
        bool plural = false;       // the plural the lexicon made of a listed name (Shiites)
    };

    // A node: children by match form; a terminal names its family.
    struct Node : Terminal {
        std::unordered_map<std::string, std::uint32_t> next_word;  // by stem
        // By a name's block key: the listed spellings with that key. Spellings the
        // scorer reads as one name, or that one family lists here (Mahdi Militia,
        // Mehdi Militia: the curator says they are one), lead to one node.
        std::unordered_map<std::string, std::vector<NameEdge>> next_name;
    };

    static std::uint32_t root_hash(bool name, std::string_view key) {
        // A name by its block key, a word by its stem; names and words apart.
        const std::uint32_t h = name ? fnv1a(key, 0x9e3779b9u) : fnv1a(key);
        return h ^ (h >> 16);
    }

    void build_root_filter() {
        root_filter.assign(kRootFilterBits / 64, 0);
        auto set = [&](bool name, const std::string& key) {
            const std::uint32_t bit = root_hash(name, key) & (kRootFilterBits - 1);
            root_filter[bit / 64] |= std::uint64_t{1} << (bit % 64);
        };
        for (const auto& entry : nodes[kRoot].next_word) set(false, entry.first);
        for (const auto& entry : nodes[kRoot].next_name) set(true, entry.first);
    }

    std::vector<Node> nodes = std::vector<Node>(1);  // the root
    // A one-hash Bloom filter of the root's match forms: step() from the root rejects
    // most tokens without hashing them into the root's maps.
    static constexpr std::uint32_t kRootFilterBits = 1u << 16;
    std::vector<std::uint64_t> root_filter;
};

Lexicon::Lexicon() : trie_(std::make_unique<Trie>()) {}

Lexicon::~Lexicon() = default;

std::shared_ptr<const Lexicon> Lexicon::empty() {
    std::shared_ptr<Lexicon> lex(new Lexicon());
    lex->fingerprint_ = Fingerprint().hex();
    lex->scorer_ = NameScorer::builtin();
    lex->trie_->build_root_filter();
    return lex;
}

// Compiling a lexicon: one family at a time into the trie, then what needs them all.
class Lexicon::Compiler {
  public:
    Compiler(Lexicon& lex, TokenAnalysis& analysis, const NameScorer& scorer,
             std::vector<LexiconError>* problems)
        : lex_(lex), analysis_(analysis), scorer_(scorer), problems_(problems) {
        node_where_.emplace_back();  // the root's
        by_plural_.push_back(0);
    }

    void add_family(const FamilySpec& spec) {
        if (!check_family(spec)) return;
        const auto family_index = static_cast<std::int32_t>(lex_.families_.size());
        Family fam;
        fam.id = spec.id;
        fam.kind = spec.kind;
        fam.canonical = spec.canonical.empty() ? spec.id : spec.canonical;
        fam.note = spec.note;
        fam.where = spec.where;
        fp_.add(spec.id);
        fp_.add(spec.kind);
        const std::unordered_set<std::string> cased = listed_entries(spec, spec.cased, "cased");
        // Any case is how every variant not cased is matched: any_case entries change no
        // match (they tell the linter that an English word is meant), only their checks.
        listed_entries(spec, spec.any_case, "any_case");
        for (const LexiconEntry& e : spec.any_case) {
            if (cased.count(e.text) != 0) {
                fail(e.where, "variant " + quoted(e.text) + " of family " + quoted(spec.id) +
                                  " is listed both under cased and under any_case");
            }
        }
        listed_paths_.emplace_back();
        for (const LexiconEntry& v : variants_of(spec)) add_variant(spec, v, cased.count(v.text) > 0, family_index, fam);
        for (const LexiconEntry& a : spec.acronyms) add_acronym(spec, a, family_index, fam);
        for (const LexiconEntry& c : spec.context) add_context(spec, c, fam);
        for (const LexiconEntry& c : spec.cased) fp_.add("cased:" + c.text);
        for (const LexiconEntry& b : spec.broader) fp_.add("broader:" + b.text);
        lex_.families_.push_back(std::move(fam));
    }

    // Broader families, once every family is known; the closure, so that a chain
    // (aqi → qaeda → ...) needs no walk at match time.
    void link_broader(const std::vector<FamilySpec>& specs) {
        for (const FamilySpec& spec : specs) {
            const int self = lex_.find_family(spec.id);
            if (self < 0) continue;
            for (const LexiconEntry& b : spec.broader) {
                const int other = lex_.find_family(b.text);
                if (other < 0 || other == self) {
                    fail(b.where, "broader family " + quoted(b.text) + " of family " + quoted(spec.id) +
                                      (other < 0 ? " is not defined" : " is the family itself"));
                    continue;
                }
                lex_.families_[static_cast<std::size_t>(self)].broader.push_back(other);
            }
        }
        for (auto& fam : lex_.families_) {
            const int self = static_cast<int>(&fam - lex_.families_.data());
            for (std::size_t k = 0; k < fam.broader.size(); ++k) {
                for (const int up : lex_.families_[static_cast<std::size_t>(fam.broader[k])].broader) {
                    if (up != self && std::find(fam.broader.begin(), fam.broader.end(), up) == fam.broader.end()) {
                        fam.broader.push_back(up);
                    }
                }
            }
        }
    }

    // A variant of several words whose last words are a variant of the family too is
    // that name with words before it: a given name or a title (Mowaffak al-Rubaie,
    // Rubaie). The family's other spellings of those last words, which the trie reads as
    // them (Rubai'i, listed alone), follow the same first words, so that a full name is
    // the family with whichever listed spelling of its last words it is written, as those
    // words alone are. Once every family is in the trie: a combination that any family
    // lists stays that family's, whatever the order of the files.
    void add_name_combinations() {
        for (std::size_t f = 0; f < listed_paths_.size(); ++f) {
            const auto family_index = static_cast<std::int32_t>(f);
            const auto& listed = listed_paths_[f];
            std::vector<std::int64_t> ends;
            for (const auto& [forms, entry] : listed) ends.push_back(walk(forms));
            std::vector<std::pair<std::vector<MatchForm>, const LexiconEntry*>> combined;
            for (const auto& [full, from] : listed) {
                for (std::size_t k = 1; k < full.size(); ++k) {
                    const std::vector<MatchForm> last(full.begin() + static_cast<std::ptrdiff_t>(k), full.end());
                    const std::int64_t end = walk(last);
                    if (end < 0 || lex_.trie_->nodes[static_cast<std::size_t>(end)].family != family_index) continue;
                    for (std::size_t o = 0; o < listed.size(); ++o) {
                        if (ends[o] != end || listed[o].first == last) continue;
                        std::vector<MatchForm> path(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(k));
                        path.insert(path.end(), listed[o].first.begin(), listed[o].first.end());
                        combined.emplace_back(std::move(path), &from);
                    }
                }
            }
            Family& fam = lex_.families_[f];
            for (const auto& [path, from] : combined) {
                const std::uint32_t node = insert_path(path, family_index, false);
                Trie::Node& term = lex_.trie_->nodes[node];
                if (term.family >= 0) continue;
                term.family = family_index;
                term.cased_mask = 0;
                term.variant = from->text;
                node_where_[node] = from->where;
                fam.longest = std::max(fam.longest, static_cast<std::uint16_t>(path.size()));
            }
        }
    }

    void finish() {
        lex_.fingerprint_ = fp_.hex();
        lex_.trie_->build_root_filter();
    }

  private:
    // A problem is thrown at once, or collected (and its entry skipped) for lint.
    void fail(const SourceLocation& where, const std::string& message) {
        if (!problems_) throw LexiconError(where, message);
        problems_->emplace_back(where, message);
    }

    bool check_family(const FamilySpec& spec) {
        if (!valid_id(spec.id)) {
            fail(spec.where, "family id " + quoted(spec.id) + " is not lowercase [a-z0-9-]");
            return false;
        }
        if (auto it = ids_.find(spec.id); it != ids_.end()) {
            fail(spec.where, "family id " + quoted(spec.id) + " is already used at " + it->second->where.describe());
            return false;
        }
        ids_.emplace(spec.id, &spec);
        if (!valid_kind(spec.kind)) {
            fail(spec.where, "family " + quoted(spec.id) + " has kind " + quoted(spec.kind) +
                                 "; expected person, group, org, place or term");
            return false;
        }
        return true;
    }

    // The entries of @p entries (the family's list @p key) that are its variants; any
    // other is an error.
    std::unordered_set<std::string> listed_entries(const FamilySpec& spec, const std::vector<LexiconEntry>& entries,
                                                   const char* key) {
        std::unordered_set<std::string> listed;
        const std::vector<LexiconEntry> variants = variants_of(spec);  // the canonical form too
        for (const LexiconEntry& e : entries) {
            const bool variant = std::any_of(variants.begin(), variants.end(),
                                             [&](const LexiconEntry& v) { return v.text == e.text; });
            if (!variant) {
                fail(e.where, std::string(key) + " entry " + quoted(e.text) + " of family " + quoted(spec.id) +
                                  " is not one of its variants");
                continue;
            }
            listed.insert(e.text);
        }
        return listed;
    }

    // The variants, with the canonical form first unless it is listed or an acronym.
    static std::vector<LexiconEntry> variants_of(const FamilySpec& spec) {
        std::vector<LexiconEntry> variants = spec.variants;
        const bool canonical_is_acronym = std::any_of(spec.acronyms.begin(), spec.acronyms.end(),
                                                      [&](const LexiconEntry& a) { return a.text == spec.canonical; });
        const bool listed = std::any_of(variants.begin(), variants.end(),
                                        [&](const LexiconEntry& v) { return v.text == spec.canonical; });
        if (!spec.canonical.empty() && !canonical_is_acronym && !listed) {
            variants.insert(variants.begin(), LexiconEntry{spec.canonical, spec.where});
        }
        return variants;
    }

    void add_variant(const FamilySpec& spec, const LexiconEntry& v, bool is_cased, std::int32_t family_index,
                     Family& fam) {
        fp_.add(v.text);
        analysis_.analyze(v.text, 1, tokens_);
        std::vector<const AnalyzedToken*> words;
        for (const AnalyzedToken& t : tokens_) {
            if (t.kind != TokenKind::Article) words.push_back(&t);
        }
        if (words.empty()) {
            fail(v.where, std::string(v.text == spec.canonical ? "canonical form " : "variant ") + quoted(v.text) +
                              " of family " + quoted(spec.id) + " has no words after normalization");
            return;
        }
        if (words.size() > 32) {
            fail(v.where, "variant " + quoted(v.text) + " has more than 32 words");
            return;
        }
        std::vector<MatchForm> forms;
        for (const AnalyzedToken* w : words) {
            forms.push_back(TokenAnalysis::form_of(*w));
            if (w->kind == TokenKind::Name) {
                lex_.listed_.insert(forms.back().text);
                lex_.listed_.insert(forms.back().text + "s");
            }
        }
        // A variant whose last word is a name also matches that name's plural:
        // Shiite → Shiites (English words get this from their stem).
        std::vector<std::vector<MatchForm>> paths{forms};
        if (forms.back().name) {
            std::vector<MatchForm> plural = forms;
            plural.back().text += "s";
            plural.back().block = name_block_key(plural.back().text);
            paths.push_back(std::move(plural));
        }
        std::uint32_t mask = 0;
        if (is_cased) {
            for (std::size_t k = 0; k < words.size(); ++k) {
                if (words[k]->token.has(kCapitalized)) mask |= 1u << k;
            }
        }
        for (std::size_t p = 0; p < paths.size(); ++p) {
            const std::uint32_t node = insert_path(paths[p], family_index, p > 0);
            Trie::Node& term = lex_.trie_->nodes[node];
            if (term.family >= 0 && term.family != family_index) {
                if (p > 0) continue;  // a plural form another family spells: theirs
                const Family& other = lex_.families_[static_cast<std::size_t>(term.family)];
                fail(v.where, "variant " + quoted(v.text) + " of family " + quoted(spec.id) + " reads the same as " +
                                  quoted(term.variant) + " of family " + quoted(other.id) + " at " +
                                  node_where_[node].describe());
                continue;
            }
            // The first variant that ends here names the node (a plural yields to it).
            if (term.family < 0 || (p == 0 && by_plural_[node])) {
                term.family = family_index;
                term.cased_mask = mask;
                term.variant = v.text;
                node_where_[node] = v.where;
                by_plural_[node] = p > 0;
            }
        }
        if (!is_cased) listed_paths_[static_cast<std::size_t>(family_index)].emplace_back(forms, v);
        fam.variants.push_back(v.text);
        std::vector<std::string> norms;
        for (const AnalyzedToken* w : words) norms.push_back(w->norm);
        fam.variant_words.push_back(std::move(norms));
        fam.variant_stems.push_back(words.size() == 1 && !forms[0].name ? forms[0].text : "");
        fam.longest = std::max(fam.longest, static_cast<std::uint16_t>(words.size()));
    }

    // The node at the end of @p path, made as needed. A name spelling joins the node of
    // a listed spelling with its block key that the scorer reads as the same name, or
    // that @p family listed there too, so that the spellings of one name share what
    // follows them (Muqtada al-Sadr, Moqtada al-Sadr; Mahdi Militia, Mehdi Army).
    std::uint32_t insert_path(const std::vector<MatchForm>& path, std::int32_t family, bool plural) {
        std::uint32_t node = kRoot;
        for (std::size_t k = 0; k < path.size(); ++k) {
            const MatchForm& form = path[k];
            std::int64_t child = exact_child(node, form);
            if (child < 0 && form.name) {
                for (const Trie::NameEdge& e : lex_.trie_->nodes[node].next_name[form.block]) {
                    if (e.family == family || scorer_.same_name(form.text, e.spelling)) {
                        child = e.child;
                        break;
                    }
                }
                if (child < 0) child = new_node();
                lex_.trie_->nodes[node].next_name[form.block].push_back(
                    {form.text, static_cast<std::uint32_t>(child), family, plural && k + 1 == path.size()});
            } else if (child < 0) {
                child = new_node();
                lex_.trie_->nodes[node].next_word.emplace(form.text, static_cast<std::uint32_t>(child));
            }
            node = static_cast<std::uint32_t>(child);
        }
        return node;
    }

    // The child of @p node by the edge inserted for @p form itself (its spelling or word,
    // no scorer); -1 when there is none.
    std::int64_t exact_child(std::uint32_t node, const MatchForm& form) const {
        const Trie::Node& n = lex_.trie_->nodes[node];
        if (!form.name) {
            const auto it = n.next_word.find(form.text);
            return it == n.next_word.end() ? -1 : static_cast<std::int64_t>(it->second);
        }
        const auto it = n.next_name.find(form.block);
        if (it == n.next_name.end()) return -1;
        for (const Trie::NameEdge& e : it->second) {
            if (e.spelling == form.text) return e.child;
        }
        return -1;
    }

    // The node that @p path reaches from the root by exact_child(); -1 when there is none.
    std::int64_t walk(const std::vector<MatchForm>& path) const {
        std::int64_t node = kRoot;
        for (const MatchForm& form : path) {
            node = exact_child(static_cast<std::uint32_t>(node), form);
            if (node < 0) return -1;
        }
        return node;
    }

    std::uint32_t new_node() {
        lex_.trie_->nodes.emplace_back();
        node_where_.emplace_back();
        by_plural_.push_back(0);
        return static_cast<std::uint32_t>(lex_.trie_->nodes.size() - 1);
    }

    void add_acronym(const FamilySpec& spec, const LexiconEntry& a, std::int32_t family_index, Family& fam) {
        fp_.add("acronym:" + a.text);
        if (!is_acronym_shaped(a.text)) {
            fail(a.where, "acronym " + quoted(a.text) + " of family " + quoted(spec.id) +
                              " must be one word of letters/digits with a capital");
            return;
        }
        if (auto it = lex_.acronyms_.find(a.text); it != lex_.acronyms_.end()) {
            if (it->second == family_index) return;
            fail(a.where, "acronym " + quoted(a.text) + " of family " + quoted(spec.id) +
                              " is already an acronym of family " +
                              quoted(lex_.families_[static_cast<std::size_t>(it->second)].id) + " at " +
                              acronym_where_[a.text].describe());
            return;
        }
        lex_.acronyms_.emplace(a.text, family_index);
        acronym_where_.emplace(a.text, a.where);
        fam.acronyms.push_back(a.text);
    }

    void add_context(const FamilySpec& spec, const LexiconEntry& c, Family& fam) {
        fp_.add("context:" + c.text);
        analysis_.analyze(c.text, 1, tokens_);
        if (tokens_.size() != 1) {
            fail(c.where, "context entry " + quoted(c.text) + " of family " + quoted(spec.id) +
                              " must be exactly one word");
            return;
        }
        fam.context.push_back(c.text);
        fam.context_forms.push_back(TokenAnalysis::form_of(tokens_[0]));
    }

    Lexicon& lex_;
    TokenAnalysis& analysis_;
    const NameScorer& scorer_;
    std::vector<LexiconError>* problems_;
    Fingerprint fp_;
    std::unordered_map<std::string, const FamilySpec*> ids_;
    std::unordered_map<std::string, SourceLocation> acronym_where_;
    std::vector<SourceLocation> node_where_;
    std::vector<char> by_plural_;  // the node's family was set by a plural form
    std::vector<AnalyzedToken> tokens_;
    // By family: the match forms of each variant not cased, and its entry.
    std::vector<std::vector<std::pair<std::vector<MatchForm>, LexiconEntry>>> listed_paths_;
};

std::shared_ptr<const Lexicon> Lexicon::compile(const std::vector<FamilySpec>& specs, TokenAnalysis& analysis,
                                                std::vector<LexiconError>* problems,
                                                std::shared_ptr<const NameScorer> scorer) {
    std::shared_ptr<Lexicon> lex(new Lexicon());
    lex->scorer_ = scorer ? std::move(scorer) : NameScorer::builtin();
    Compiler compiler(*lex, analysis, *lex->scorer_, problems);
    for (const FamilySpec& spec : specs) compiler.add_family(spec);
    compiler.add_name_combinations();
    compiler.link_broader(specs);
    compiler.finish();
    return lex;
}

int Lexicon::find_family(std::string_view id) const {
    for (std::size_t i = 0; i < families_.size(); ++i) {
        if (families_[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

std::int64_t Lexicon::step(std::uint32_t node, bool name, const std::string& key, std::string_view spelling,
                          bool* short_guess) const {
    if (node == kRoot) {
        // Nearly every token of a text starts no variant: a bit answers that.
        const std::uint32_t bit = Trie::root_hash(name, key) & (Trie::kRootFilterBits - 1);
        if ((trie_->root_filter[bit / 64] >> (bit % 64) & 1u) == 0) return -1;
    }
    const Trie::Node& n = trie_->nodes[node];
    if (!name) {
        if (n.next_word.empty()) return -1;
        auto it = n.next_word.find(key);
        return it == n.next_word.end() ? -1 : static_cast<std::int64_t>(it->second);
    }
    if (n.next_name.empty()) return -1;
    auto it = n.next_name.find(key);
    if (it == n.next_name.end()) return -1;
    for (const Trie::NameEdge& e : it->second) {
        if (e.spelling == spelling) return e.child;
    }
    // The closest listed spelling the scorer accepts.
    const NameScorer& scorer = *scorer_;
    double best = scorer.threshold();
    std::int64_t child = -1;
    for (const Trie::NameEdge& e : it->second) {
        // A plural the lexicon made is compared as its name, the word without its s:
        // Koreans is not the plural of Koran, as Korean is not Koran (a longer word is
        // allowed more).
        double d = std::numeric_limits<double>::infinity();
        if (!e.plural) {
            d = scorer.distance(spelling, e.spelling, best);
        } else if (spelling.size() > 1 && spelling.back() == 's') {
            d = scorer.distance(spelling.substr(0, spelling.size() - 1),
                                std::string_view(e.spelling).substr(0, e.spelling.size() - 1), best);
        }
        if (d == 0) return e.child;  // the same spelling but for marks: Shi'a, Shia
        if (d <= best) {
            best = d;
            child = e.child;
        }
    }
    if (child >= 0 && short_guess && !long_enough(spelling)) *short_guess = true;
    return child;
}

const Lexicon::Terminal& Lexicon::terminal(std::uint32_t node) const { return trie_->nodes[node]; }

int Lexicon::acronym_family(std::string_view surface) const {
    auto it = acronyms_.find(std::string(surface));
    return it == acronyms_.end() ? -1 : it->second;
}

}  // namespace tigris
