#include "tigris/lexicon.h"

#include <algorithm>
#include <unordered_set>

#include "tigris/fnv1a.h"
#include "tigris/variant_key.h"

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

bool is_acronym_shaped(const std::string& s) {
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

}  // namespace

std::shared_ptr<const Lexicon> Lexicon::empty() {
    auto lex = std::make_shared<Lexicon>();
    lex->nodes_.emplace_back();
    lex->fingerprint_ = Fingerprint().hex();
    lex->build_root_filter();
    return lex;
}

std::uint32_t Lexicon::root_hash(bool name, std::string_view text) {
    const std::uint32_t h = name ? fnv1a(text, 0x9e3779b9u) : fnv1a(text);  // names and words apart
    return h ^ (h >> 16);
}

void Lexicon::build_root_filter() {
    root_filter_.assign(kRootFilterBits / 64, 0);
    for (const bool name : {false, true}) {
        for (const auto& entry : name ? nodes_[kRoot].next_name : nodes_[kRoot].next_word) {
            const std::uint32_t bit = root_hash(name, entry.first) & (kRootFilterBits - 1);
            root_filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
    }
}

std::shared_ptr<const Lexicon> Lexicon::compile(const std::vector<FamilySpec>& specs,
                                                const TokenAnalysis& analysis,
                                                std::vector<LexiconError>* problems) {
    // A problem is thrown at once, or collected (and its entry skipped) for lint.
    auto fail = [&](const SourceLocation& where, const std::string& message) {
        if (!problems) throw LexiconError(where, message);
        problems->emplace_back(where, message);
    };
    auto lex = std::make_shared<Lexicon>();
    lex->nodes_.emplace_back();
    Fingerprint fp;
    std::unordered_map<std::string, const FamilySpec*> ids;
    std::unordered_map<std::string, SourceLocation> acronym_where;
    std::vector<SourceLocation> node_where(1);
    std::vector<AnalyzedToken> tokens;

    for (const FamilySpec& spec : specs) {
        if (!valid_id(spec.id)) {
            fail(spec.where, "family id " + quoted(spec.id) +
                                               " is not lowercase [a-z0-9-]");
            continue;
        }
        if (auto it = ids.find(spec.id); it != ids.end()) {
            fail(spec.where, "family id " + quoted(spec.id) +
                                               " is already used at " +
                                               it->second->where.describe());
            continue;
        }
        ids.emplace(spec.id, &spec);
        if (!valid_kind(spec.kind)) {
            fail(spec.where, "family " + quoted(spec.id) + " has kind " +
                                               quoted(spec.kind) +
                                               "; expected person, group, org, place or term");
            continue;
        }
        const auto family_index = static_cast<std::int32_t>(lex->families_.size());
        Family fam;
        fam.id = spec.id;
        fam.kind = spec.kind;
        fam.canonical = spec.canonical.empty() ? spec.id : spec.canonical;
        fam.note = spec.note;
        fam.where = spec.where;
        fp.add(spec.id);
        fp.add(spec.kind);

        std::unordered_set<std::string> cased;
        for (const LexiconEntry& e : spec.cased) {
            const bool listed = std::any_of(spec.variants.begin(), spec.variants.end(),
                                            [&](const LexiconEntry& v) { return v.text == e.text; });
            if (!listed) {
                fail(e.where, "cased entry " + quoted(e.text) + " of family " +
                                                quoted(spec.id) + " is not one of its variants");
                continue;
            }
            cased.insert(e.text);
        }

        // The canonical form is a variant too.
        std::vector<LexiconEntry> variants = spec.variants;
        const bool canonical_is_acronym =
            std::any_of(spec.acronyms.begin(), spec.acronyms.end(),
                        [&](const LexiconEntry& a) { return a.text == spec.canonical; });
        if (!spec.canonical.empty() && !canonical_is_acronym) {
            const bool listed = std::any_of(variants.begin(), variants.end(),
                                            [&](const LexiconEntry& v) { return v.text == spec.canonical; });
            if (!listed) variants.insert(variants.begin(), LexiconEntry{spec.canonical, spec.where});
        }
        for (const LexiconEntry& v : variants) {
            fp.add(v.text);
            analysis.analyze(v.text, 1, tokens);
            std::vector<const AnalyzedToken*> words;
            for (const AnalyzedToken& t : tokens) {
                if (t.kind != TokenKind::Article) words.push_back(&t);
            }
            if (words.empty()) {
                fail(v.where, "variant " + quoted(v.text) + " of family " +
                                                quoted(spec.id) + " has no words after normalization");
                continue;
            }
            if (words.size() > 32) {
                fail(v.where, "variant " + quoted(v.text) + " has more than 32 words");
                continue;
            }
            const bool is_cased = cased.count(v.text) > 0;
            // A variant whose last word is a name also matches that name's plural:
            // Shiite → Shiites (English words get this from their stem).
            for (const AnalyzedToken* w : words) {
                if (w->kind == TokenKind::Name) {
                    const std::string bare(TokenAnalysis::strip_possessive(w->norm));
                    lex->listed_.insert(bare);
                    lex->listed_.insert(bare + "s");
                }
            }
            std::vector<std::vector<MatchForm>> paths(1);
            for (const AnalyzedToken* w : words) paths[0].push_back({w->matches_as_name(), w->match_text()});
            if (words.back()->kind == TokenKind::Name) {
                auto plural = paths[0];
                plural.back().text = variant_key(std::string(
                                           TokenAnalysis::strip_possessive(words.back()->norm)) + "s");
                if (!(plural.back() == paths[0].back())) paths.push_back(plural);
            }
            std::uint32_t mask = 0;
            if (is_cased) {
                for (std::size_t k = 0; k < words.size(); ++k) {
                    if (words[k]->token.has(kCapitalized)) mask |= 1u << k;
                }
            }
            for (std::size_t p = 0; p < paths.size(); ++p) {
                std::uint32_t node = kRoot;
                for (const MatchForm& form : paths[p]) {
                    auto& next = form.name ? lex->nodes_[node].next_name : lex->nodes_[node].next_word;
                    auto it = next.find(form.text);
                    if (it == next.end()) {
                        const auto child = static_cast<std::uint32_t>(lex->nodes_.size());
                        next.emplace(form.text, child);
                        lex->nodes_.emplace_back();
                        node_where.emplace_back();
                        node = child;
                    } else {
                        node = it->second;
                    }
                }
                Node& term = lex->nodes_[node];
                if (term.family >= 0 && term.family != family_index) {
                    if (p > 0) continue;  // a plural form another family spells: theirs
                    const Family& other = lex->families_[static_cast<std::size_t>(term.family)];
                    fail(v.where, "variant " + quoted(v.text) + " of family " +
                                                    quoted(spec.id) + " reads the same as " +
                                                    quoted(term.variant) + " of family " +
                                                    quoted(other.id) + " at " +
                                                    node_where[node].describe());
                    continue;
                }
                if (term.family < 0 || p == 0) {
                    term.family = family_index;
                    term.cased_mask = mask;
                    term.variant = v.text;
                    node_where[node] = v.where;
                }
            }
            fam.variants.push_back(v.text);
            if (words.size() == 1 && words[0]->kind == TokenKind::Name &&
                std::find(fam.name_keys.begin(), fam.name_keys.end(), words[0]->key) == fam.name_keys.end()) {
                fam.name_keys.push_back(words[0]->key);
            }
            fam.longest = std::max(fam.longest, static_cast<std::uint16_t>(words.size()));
        }
        for (const LexiconEntry& a : spec.acronyms) {
            fp.add("acronym:" + a.text);
            if (!is_acronym_shaped(a.text)) {
                fail(a.where, "acronym " + quoted(a.text) + " of family " +
                                                quoted(spec.id) +
                                                " must be one word of letters/digits with a capital");
                continue;
            }
            if (auto it = lex->acronyms_.find(a.text); it != lex->acronyms_.end()) {
                if (it->second == family_index) continue;
                fail(a.where, "acronym " + quoted(a.text) + " of family " +
                                                quoted(spec.id) + " is already an acronym of family " +
                                                quoted(lex->families_[static_cast<std::size_t>(it->second)].id) +
                                                " at " + acronym_where[a.text].describe());
                continue;
            }
            lex->acronyms_.emplace(a.text, family_index);
            acronym_where.emplace(a.text, a.where);
            fam.acronyms.push_back(a.text);
        }
        for (const LexiconEntry& c : spec.context) {
            fp.add("context:" + c.text);
            analysis.analyze(c.text, 1, tokens);
            if (tokens.size() != 1) {
                fail(c.where, "context entry " + quoted(c.text) + " of family " +
                                                quoted(spec.id) + " must be exactly one word");
                continue;
            }
            fam.context.push_back(c.text);
            fam.context_forms.push_back({tokens[0].matches_as_name(), tokens[0].match_text()});
        }
        for (const LexiconEntry& c : spec.cased) fp.add("cased:" + c.text);
        for (const LexiconEntry& b : spec.broader) fp.add("broader:" + b.text);
        lex->families_.push_back(std::move(fam));
    }
    // Broader families, once every family is known; the closure, so that a chain
    // (aqi → qaeda → ...) needs no walk at match time.
    for (const FamilySpec& spec : specs) {
        const int self = lex->find_family(spec.id);
        if (self < 0) continue;
        for (const LexiconEntry& b : spec.broader) {
            const int other = lex->find_family(b.text);
            if (other < 0 || other == self) {
                fail(b.where, "broader family " + quoted(b.text) + " of family " + quoted(spec.id) +
                                  (other < 0 ? " is not defined" : " is the family itself"));
                continue;
            }
            lex->families_[static_cast<std::size_t>(self)].broader.push_back(other);
        }
    }
    for (auto& fam : lex->families_) {
        for (std::size_t k = 0; k < fam.broader.size(); ++k) {
            for (const int up : lex->families_[static_cast<std::size_t>(fam.broader[k])].broader) {
                if (std::find(fam.broader.begin(), fam.broader.end(), up) == fam.broader.end() &&
                    up != static_cast<int>(&fam - lex->families_.data())) {
                    fam.broader.push_back(up);
                }
            }
        }
    }
    lex->fingerprint_ = fp.hex();
    lex->build_root_filter();
    return lex;
}

int Lexicon::find_family(std::string_view id) const {
    for (std::size_t i = 0; i < families_.size(); ++i) {
        if (families_[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

std::int64_t Lexicon::step(std::uint32_t node, bool name, const std::string& text) const {
    if (node == kRoot) {
        // Nearly every token of a text starts no variant: a bit answers that.
        const std::uint32_t bit = root_hash(name, text) & (kRootFilterBits - 1);
        if ((root_filter_[bit / 64] >> (bit % 64) & 1u) == 0) return -1;
    }
    const auto& next = name ? nodes_[node].next_name : nodes_[node].next_word;
    if (next.empty()) return -1;
    auto it = next.find(text);
    return it == next.end() ? -1 : static_cast<std::int64_t>(it->second);
}

int Lexicon::acronym_family(std::string_view surface) const {
    auto it = acronyms_.find(std::string(surface));
    return it == acronyms_.end() ? -1 : it->second;
}

}  // namespace tigris
