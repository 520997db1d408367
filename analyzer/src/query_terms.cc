#include "query_terms.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace tigris::query {

namespace {

using Q = Xapian::Query;

// A word is searched by its stem, but not in a phrase, and not when capitalized: that
// may be a name, and Xapian's QueryParser does not stem it either.
bool searched_by_stem(const AnalyzedToken& t, bool positional) {
    return !positional && t.has_stem_term() && !t.token.has(kCapitalized);
}

std::string cost_text(double cost) {
    char out[16];
    std::snprintf(out, sizeof out, "%.2f", cost);
    return out;
}

// "spellings in the index: hamid; hameed (i/ee, 0.36); not joined: hamad (a/i, 1.12:
// above the threshold 0.98)".
std::string describe_spellings(const NameExpansion& e) {
    std::string out = e.note.empty() ? "" : e.note + "; ";
    if (e.spellings.empty()) {
        out += "name; no spelling of it in the index";
    } else {
        out += "spellings in the index:";
        for (std::size_t i = 0; i < e.spellings.size(); ++i) {
            const NameCandidate& c = e.spellings[i];
            out += (i ? "; " : " ") + c.spelling;
            if (!c.differences.empty()) {
                out += " (" + c.differences + ", " + cost_text(c.cost) +
                       (c.evidence.empty() ? "" : ", " + c.evidence) + ")";
            }
        }
    }
    for (std::size_t i = 0; i < e.refused.size(); ++i) {
        const RefusedSpelling& r = e.refused[i];
        out += (i ? "; " : "; not joined: ") + r.spelling + " (" + r.differences + ", " + cost_text(r.cost) + ": " +
               r.reason + ")";
    }
    for (std::size_t i = 0; i < e.suggestions.size(); ++i) {
        const NameCandidate& c = e.suggestions[i];
        out += (i ? "; " : "; did you mean: ") + c.spelling + " (" + c.differences + ", " + cost_text(c.cost) + ", " +
               std::to_string(c.documents) + (c.documents == 1 ? " document)" : " documents)");
    }
    return out;
}

// The alternatives (to OR) a name is searched by: @p own and the name terms of its
// spellings in the index read as one term (SYNONYM), and its @p exact spelling once more,
// so that it ranks first.
std::vector<Q> spelling_units(const Q& own, const NameExpansion& e, const std::string& exact) {
    std::vector<Q> alts{own};
    for (const NameCandidate& c : e.spellings) alts.emplace_back(c.term);
    return {Q(Q::OP_SYNONYM, alts.begin(), alts.end()), Q(exact)};
}

// In a phrase (name terms have no positions), @p alts and the raw terms of the spellings
// of @p e other than @p exact, ORed.
Q raw_spellings(std::vector<Q> alts, const NameExpansion& e, std::string_view exact, const std::string& pfx) {
    for (const NameCandidate& c : e.spellings) {
        if (c.spelling != exact) alts.emplace_back(pfx + c.spelling);
    }
    return alts.size() == 1 ? alts[0] : Q(Q::OP_OR, alts.begin(), alts.end());
}

// The name compounds of a query's words that no family covers. None starts inside
// another unit (a hyphen compound is one whole or not at all: name_compounds), so the
// loops over a run's tokens meet each at its first token, in order.
std::vector<NameCompound> free_compounds(const TextAnalysis& a, std::string_view text) {
    std::vector<NameCompound> out = name_compounds(a, text, AnalysisMode::Query);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const NameCompound& c) {
                                 for (std::size_t k = c.first; k <= c.last; ++k) {
                                     if (a.covered_by[k] >= 0) return true;
                                 }
                                 return false;
                             }),
              out.end());
    return out;
}

// Sorts @p v (spellings in the index) closest first: @p exact (the query's own spelling),
// then by cost, by more documents, by spelling; keeps at most @p most.
template <class Spelling>
void keep_closest(std::vector<Spelling>& v, std::size_t most, std::string_view exact = {}) {
    std::sort(v.begin(), v.end(), [&](const Spelling& a, const Spelling& b) {
        const bool exact_a = a.spelling == exact, exact_b = b.spelling == exact;
        if (exact_a != exact_b) return exact_a;
        if (a.cost != b.cost) return a.cost < b.cost;
        if (a.documents != b.documents) return a.documents > b.documents;
        return a.spelling < b.spelling;
    });
    if (v.size() > most) v.resize(most);
}

// Adds @p c to @p e's spellings, joined by a rule that says so (@p evidence), unless
// they hold its spelling already.
void add_spelling(NameExpansion& e, NameCandidate c, std::string evidence) {
    for (const NameCandidate& have : e.spellings) {
        if (have.spelling == c.spelling) return;
    }
    c.evidence = std::move(evidence);
    e.spellings.push_back(std::move(c));
}

}  // namespace

bool NameMatcher::acronym_in_index(std::string_view block, std::string_view spelling, std::string* evidence) const {
    if (spelling.size() > kAcronymLetters) return false;
    std::string caps(prefix::kAcronym);
    for (const char c : spelling) {
        if (c < 'a' || c > 'z') return false;
        caps += static_cast<char>(c - 'a' + 'A');
    }
    // The evidence of the whole text, whatever field the query searches (titles are
    // indexed unprefixed too, and cable subjects are in capitals: no XA there).
    const Xapian::doccount in_capitals = vocabulary_->get_termfreq(caps);
    if (in_capitals < kAcronymDocuments) return false;
    const Xapian::doccount as_name = vocabulary_->get_termfreq(name_term("", block, spelling));
    const bool acronym = 5 * static_cast<std::uint64_t>(in_capitals) >= 4 * static_cast<std::uint64_t>(as_name);
    if (acronym && evidence) {
        *evidence = "in capitals in " + std::to_string(in_capitals) + " documents, as a name in " + std::to_string(as_name);
    }
    return acronym;
}

std::string NameMatcher::shared_neighbour(const std::string& spelling, const std::string& candidate,
                                          std::optional<Neighbours>& own) const {
    constexpr char kSides[] = {'l', 'r'};
    if (!own) {
        own.emplace();
        for (std::size_t s = 0; s < 2; ++s) {
            const std::string start = neighbour_term_prefix(kSides[s], spelling);
            for (auto it = vocabulary_->allterms_begin(start); it != vocabulary_->allterms_end(start); ++it) {
                (*own)[s].insert((*it).substr(start.size()));
            }
        }
    }
    const std::size_t own_size = (*own)[0].size() + (*own)[1].size();
    if (own_size == 0) return "";
    // The candidate's neighbours in common with the query's, by side; the rarity of each
    // is looked up only if they are enough.
    std::size_t neighbours = 0;
    std::vector<std::pair<std::size_t, std::string>> shared;
    for (std::size_t s = 0; s < 2; ++s) {
        const std::string start = neighbour_term_prefix(kSides[s], candidate);
        for (auto it = vocabulary_->allterms_begin(start); it != vocabulary_->allterms_end(start); ++it) {
            ++neighbours;
            const std::string term = *it;
            const std::string_view neighbour = std::string_view(term).substr(start.size());
            if ((*own)[s].count(neighbour) != 0) shared.emplace_back(s, neighbour);
        }
    }
    // One neighbour in common is chance for two common names (George Molina in one
    // document, Jorge Molina in another); the rarer spelling's company must be mostly
    // the other's.
    if (shared.size() * kNeighbourShare < std::min(neighbours, own_size)) return "";
    const Xapian::doccount few = std::max(kNeighbourDocuments, vocabulary_->get_doccount() / 200);
    std::string best;
    Xapian::doccount best_documents = 0;
    for (const auto& [s, neighbour] : shared) {
        const Xapian::doccount n = vocabulary_->get_termfreq(neighbour);
        if (n > few || (!best.empty() && n >= best_documents)) continue;
        best = (kSides[s] == 'r' ? "both before " : "both after ") + neighbour;
        best_documents = n;
    }
    return best;
}

const NameExpansion& NameMatcher::expand(const AnalyzedToken& t, const std::string& pfx) {
    std::string spelling(name_spelling(t));
    // A word in lower case is searched by its stem, as Xapian's QueryParser searches it;
    // the index writes a name's stem term only where the name is in lower case, so the
    // stem's spellings as a name count too (shuras: Shura).
    const bool by_stem = searched_by_stem(t, false) && t.stem != spelling && scorable_spelling(t.stem);
    return expand(spelling, t.block, t.kind != TokenKind::Name, pfx, by_stem ? t.stem : std::string(),
                  offering_ && pfx.empty());
}

const NameExpansion& NameMatcher::expand(const std::string& spelling, std::string_view block, bool english,
                                         const std::string& pfx, const std::string& stem, bool offer) {
    // Spellings to offer: for a word the text reads as a name (not an English word, not
    // an acronym by the index's evidence).
    const auto offers = [&](const NameExpansion& e) { return offer && vocabulary_ && !english && e.note.empty(); };
    for (std::size_t i = 0; i < done_.size(); ++i) {
        NameExpansion& e = done_[i];
        if (e.spelling != spelling || e.field_prefix != pfx || e.stem != stem) continue;
        if (offers(e) && !offered_[i]) {
            suggest(block, e);
            offered_[i] = 1;
        }
        return e;
    }
    NameExpansion e{spelling, pfx, {}, {}, {}, stem, {}};
    if (vocabulary_) {
        collect(spelling, block, english, e);
        if (!english) join_plurals(e);
        if (!stem.empty()) {
            for (NameCandidate& c : candidates(stem, words_.contains(stem), pfx)) {
                add_spelling(e, std::move(c), "the stem " + stem);
            }
        }
    }
    keep_closest(e.spellings, QueryBuilder::kMaxSpellings, spelling);
    for (NameCandidate& c : e.spellings) {
        if (c.spelling != spelling) c.differences = scorer_.compare(c.spelling, spelling).describe();
    }
    const bool offered = offers(e);
    if (offered) suggest(block, e);
    keep_closest(e.refused, QueryBuilder::kMaxRefused);
    done_.push_back(std::move(e));
    offered_.push_back(offered ? 1 : 0);
    return done_.back();
}

void NameMatcher::collect(const std::string& spelling, std::string_view block, bool english, NameExpansion& e) const {
    const std::string start = name_term_prefix(e.field_prefix, block);
    std::string evidence;
    if (acronym_in_index(block, spelling, &evidence)) {
        // A query word the index holds as an acronym (OPEC, ISAF), however the query
        // writes it, is that acronym: its own spelling only.
        e.note = "an acronym in the index: " + evidence + "; its own spelling only";
        const std::string own = start + spelling;
        if (const Xapian::doccount n = vocabulary_->get_termfreq(own)) {
            e.spellings.push_back({spelling, own, 0.0, "", n, ""});
        }
        return;
    }
    // A little past the threshold, a spelling the index writes beside the same name as
    // the query's is joined; explaining, the search goes on for the near misses.
    const double threshold = scorer_.threshold();
    const double reach = std::max(explaining_ ? QueryBuilder::kRefusedReach : 1.0, QueryBuilder::kNeighbourReach) * threshold;
    const std::string above = "above the threshold " + cost_text(threshold);
    std::optional<Neighbours> neighbours;  // the query spelling's, read once
    for (auto it = vocabulary_->allterms_begin(start); it != vocabulary_->allterms_end(start); ++it) {
        const std::string candidate = (*it).substr(start.size());
        const double cost = candidate == spelling ? 0.0 : scorer_.distance(spelling, candidate, reach);
        if (cost > reach) continue;
        auto refuse = [&](std::string reason) {
            if (!explaining_) return;
            e.refused.push_back({candidate, cost, scorer_.compare(candidate, spelling).describe(), std::move(reason),
                                 it.get_termfreq()});
        };
        if (cost > QueryBuilder::kNeighbourReach * threshold) {
            refuse(above);
            continue;
        }
        if (cost > 0 && (english || words_.contains(candidate)) &&
            !scorer_.compare(spelling, candidate).only_long_vowels()) {
            refuse((english ? "the query is" : "it is") +
                   std::string(" an English word, and they differ by more than a long vowel"));
            continue;
        }
        if (candidate != spelling && acronym_in_index(block, candidate, explaining_ ? &evidence : nullptr)) {
            refuse("an acronym in the index: " + evidence);
            continue;
        }
        std::string beside;
        if (cost > threshold) {
            beside = shared_neighbour(spelling, candidate, neighbours);
            if (beside.empty()) {
                refuse(above + ", and too few names beside both");
                continue;
            }
        }
        e.spellings.push_back({candidate, *it, cost, "", it.get_termfreq(), std::move(beside)});
    }
}

std::vector<NameCandidate> NameMatcher::candidates(const std::string& spelling, bool english,
                                                   const std::string& pfx) const {
    NameExpansion e{spelling, pfx, {}, {}, {}, {}, {}};
    collect(spelling, name_block_key(spelling), english, e);
    return std::move(e.spellings);
}

void NameMatcher::suggest(std::string_view block, NameExpansion& e) const {
    // What the query's word finds, about: by its spellings as a name (a document that
    // writes two counts twice), as itself or by its stem; the index is asked only for a
    // name in few documents.
    Xapian::doccount found = 0;
    for (const NameCandidate& c : e.spellings) found += c.documents;
    if (found >= QueryBuilder::kSuggestBelow) return;
    found = std::max(found, vocabulary_->get_termfreq(e.field_prefix + e.spelling));
    if (!e.stem.empty()) found = std::max(found, vocabulary_->get_termfreq(prefix::kStem + e.field_prefix + e.stem));
    if (found >= QueryBuilder::kSuggestBelow) return;
    const Xapian::doccount enough = std::max<Xapian::doccount>(1, QueryBuilder::kSuggestRatio * found);
    const std::string start = name_term_prefix(e.field_prefix, block);
    const auto letters = std::count_if(e.spelling.begin(), e.spelling.end(), [](char c) { return c != '\''; });
    const double reach =
        std::min(QueryBuilder::kSuggestReach, QueryBuilder::kSuggestPerLetter * static_cast<double>(letters)) *
        scorer_.threshold();
    for (auto it = vocabulary_->allterms_begin(start); it != vocabulary_->allterms_end(start); ++it) {
        if (it.get_termfreq() < enough) continue;
        std::string candidate = (*it).substr(start.size());
        const double cost = scorer_.distance(e.spelling, candidate, reach);
        if (cost > reach || acronym_in_index(block, candidate)) continue;
        const bool joined = std::any_of(e.spellings.begin(), e.spellings.end(),
                                        [&](const NameCandidate& c) { return c.spelling == candidate; });
        if (!joined) e.suggestions.push_back({std::move(candidate), *it, cost, "", it.get_termfreq(), ""});
    }
    keep_closest(e.suggestions, QueryBuilder::kMaxSuggestions);
    for (NameCandidate& c : e.suggestions) c.differences = scorer_.compare(c.spelling, e.spelling).describe();
}

void NameMatcher::join_plurals(NameExpansion& e) const {
    const std::string_view plural_base = group_plural_base(e.spelling);
    std::vector<NameCandidate> singular;
    if (!plural_base.empty()) {
        // A plural query: the spellings of its base, which are not English words.
        const std::string base(plural_base);
        if (words_.contains(base)) return;
        singular = candidates(base, false, e.field_prefix);
    } else if (takes_group_plural(e.spelling)) {
        singular = e.spellings;
    } else {
        return;
    }
    // The singular must be a name of its own in a few documents: Harris, Doris and Chris
    // are names, not the plurals of Harri, Dori, Chri.
    Xapian::doccount documents = 0;
    for (const NameCandidate& s : singular) documents += s.documents;
    if (documents < kPluralBaseDocuments) return;
    for (const NameCandidate& s : singular) {
        if (!plural_base.empty()) add_spelling(e, s, "singular");
        if (!takes_group_plural(s.spelling)) continue;
        const std::string plural = s.spelling + "s";
        const std::string term = name_term(e.field_prefix, name_block_key(plural), plural);
        if (const Xapian::doccount n = vocabulary_->get_termfreq(term)) {
            add_spelling(e, {plural, term, s.cost, "", n, ""}, "plural");
        }
    }
}

// The terms one token stands for, positional (for phrases) or not: a word by its stem or
// as written, a name by its own spelling and every spelling of it the index holds, its
// own spelling counting once more so that it ranks first.
Q QueryTerms::token_query(const AnalyzedToken& t, const std::string& pfx, bool positional) {
    const bool stemmed = searched_by_stem(t, positional);
    const Q own(stemmed ? prefix::kStem + pfx + t.stem : pfx + t.norm);
    if (!is_name(t, AnalysisMode::Query)) return own;
    const NameExpansion& e = names_.expand(t, pfx);
    if (positional) {
        // Name terms have no positions: in a phrase, the other spellings' raw terms.
        return raw_spellings({own}, e, t.norm, pfx);
    }
    // A name searched by its stem (written in lower case) is found as written too: a
    // name a family holds writes no stem term (jaish of jaish al-mahdi).
    if (e.spellings.empty() && !stemmed) return own;
    const std::vector<Q> units = spelling_units(own, e, pfx + t.norm);
    return Q(Q::OP_OR, units.begin(), units.end());
}

// A name of several words: its words as the query wrote them (in a phrase when
// hyphened), or the one name they write, by every spelling of it in the index (Abdul
// Aziz finds Abdulaziz and Abdelaziz; Nasr al-Din, Nasraddin).
Q QueryTerms::name_compound_query(const TextAnalysis& a, const NameCompound& c, const std::string& pfx) {
    const bool hyphened = a.tokens[c.first].in_compound && a.tokens[c.last].compound == c.first;
    std::vector<Q> parts;
    for (std::size_t k = c.first; k <= c.last; ++k) {
        if (a.tokens[k].kind != TokenKind::Article) parts.push_back(token_query(a.tokens[k], pfx, hyphened));
    }
    const std::string joined = pfx + c.spelling;
    // Without spellings in the index (or without an index), the joined spelling once.
    const NameExpansion& e = names_.expand(c.spelling, c.block, false, pfx);
    std::vector<Q> units = e.spellings.empty() ? std::vector<Q>{Q(joined)} : spelling_units(Q(joined), e, joined);
    units.emplace_back(hyphened ? Q::OP_PHRASE : Q::OP_AND, parts.begin(), parts.end());
    return Q(Q::OP_OR, units.begin(), units.end());
}

// A family by its concept term; in an index built with other lists, also by its
// variants and acronyms as written (a phrase for a variant of several words).
Q QueryTerms::concept_query(const TextAnalysis& a, const ConceptMatch& m, const std::string& pfx,
                             bool positional) {
    const auto& fam = analyzer_.lexicon().families()[static_cast<std::size_t>(m.family)];
    // The family's concept term; expanding (documents analyzed by other lists), every
    // variant as written too. A family's English words (its cased variants: Sheikh, Imam)
    // are the family only where capitalized in text of mixed case: any spelling of the
    // family but an acronym also finds them in lower case, in text in capitals and in
    // their plurals, by their stems (Shaykh: sheikhs; Emam: imams).
    std::vector<Q> alts{Q(pfx + prefix::kConcept + fam.id)};
    for (std::size_t v = 0; v < fam.variant_words.size(); ++v) {
        const auto& words = fam.variant_words[v];
        const std::string& stem = fam.variant_stems[v];  // an English word's, else ""
        if (words.size() == 1) {
            if (!expand_families_ && (m.acronym || stem.empty())) continue;
            alts.emplace_back(stem.empty() || positional ? pfx + words[0] : prefix::kStem + pfx + stem);
        } else if (expand_families_) {
            std::vector<Q> parts;
            for (const std::string& w : words) parts.emplace_back(pfx + w);
            alts.emplace_back(Q::OP_PHRASE, parts.begin(), parts.end());
        }
    }
    if (expand_families_) {
        for (const std::string& acronym : fam.acronyms) alts.emplace_back(pfx + prefix::kAcronym + acronym);
    } else if (!m.acronym && m.first == m.last && a.tokens[m.first].kind == TokenKind::Word) {
        // The English word typed, as written, as the QueryParser finds it.
        alts.emplace_back(pfx + a.tokens[m.first].norm);
    }
    const Q concept = alts.size() == 1 ? alts[0] : Q(Q::OP_OR, alts.begin(), alts.end());
    if (m.acronym && m.ambiguous) {
        const Q either[] = {concept, token_query(a.tokens[m.first], pfx, positional)};
        return Q(Q::OP_OR, std::begin(either), std::end(either));
    }
    return concept;
}

// Units of a run of words: one query per concept, per compound, per word.
std::vector<Q> QueryTerms::word_units(std::string_view run, const std::string& pfx) {
    const TextAnalysis a = analyzer_.analyze(run, AnalysisMode::Query);
    const std::vector<NameCompound> compounds = free_compounds(a, run);
    auto compound = compounds.begin();
    std::vector<Q> units;
    for (std::size_t i = 0; i < a.tokens.size();) {
        const AnalyzedToken& t = a.tokens[i];
        if (a.covered_by[i] >= 0) {
            const ConceptMatch& m = a.concepts[static_cast<std::size_t>(a.covered_by[i])];
            units.push_back(concept_query(a, m, pfx, false));
            i = m.last + 1;
            continue;
        }
        if (compound != compounds.end() && compound->first == i) {
            units.push_back(name_compound_query(a, *compound, pfx));
            i = compound->last + 1;
            ++compound;
            continue;
        }
        if (t.kind == TokenKind::Article) {
            ++i;
            continue;
        }
        if (t.in_compound && t.compound == i) {
            std::size_t j = i;
            while (j + 1 < a.tokens.size() && a.tokens[j + 1].compound == i &&
                   a.covered_by[j + 1] < 0) {
                ++j;
            }
            if (j > i) {
                units.push_back(compound_query(a, i, j, pfx));
                i = j + 1;
                continue;
            }
        }
        units.push_back(token_query(t, pfx, false));
        ++i;
    }
    return units;
}

// MNF-I, Shia-led: the parts as a phrase, or the whole written as one word.
Q QueryTerms::compound_query(const TextAnalysis& a, std::size_t first, std::size_t last,
                              const std::string& pfx) {
    std::vector<Q> parts;
    std::string joined;
    for (std::size_t k = first; k <= last; ++k) {
        parts.push_back(token_query(a.tokens[k], pfx, true));
        joined += a.tokens[k].norm;
    }
    const Q alts[] = {Q(Q::OP_PHRASE, parts.begin(), parts.end()), Q(pfx + joined)};
    return Q(Q::OP_OR, std::begin(alts), std::end(alts));
}

// A name compound in a phrase, written as one word: its joined spelling and the
// spellings of it the index holds, by their raw terms (name terms have no positions;
// a compound written as words has no raw term of its joined spelling).
Q QueryTerms::compound_as_one_word(const NameCompound& c, const std::string& pfx) {
    return raw_spellings({Q(pfx + c.spelling)}, names_.expand(c.spelling, c.block, false, pfx), c.spelling, pfx);
}

// In a phrase, one word of a name compound written as one word, written apart: the
// word as written and the spellings of it the index holds, by their raw terms; Abd with
// its article (abdul) is also Abd before an article (Abd al-Aziz: abd, then aziz at the
// article's position).
Q QueryTerms::compound_word(const std::string& word, bool abd, const std::string& pfx) {
    std::vector<Q> alts{Q(pfx + word)};
    if (abd && word != "abd") alts.emplace_back(pfx + "abd");
    if (!scorable_spelling(word)) return raw_spellings(std::move(alts), NameExpansion{}, word, pfx);
    return raw_spellings(std::move(alts), names_.expand(word, name_block_key(word), false, pfx), word, pfx);
}

namespace {

// A part of a phrase: as written, and for a name compound the other way (its words for
// one written as one word, one word for one written as words). Widths in positions.
struct PhrasePart {
    std::vector<Q> written, other;
    Xapian::termcount written_width = 0, other_width = 0;
};

}  // namespace

// A phrase: positional units in order; a concept may stand for several words in
// a document (Jaish al-Mahdi vs JAM), so the window grows by the family's longest
// variant. A name compound is its words or one word, which no one phrase can say
// (Xapian matches no phrase inside a phrase): one phrase per way of writing them, the
// first kMaxPhraseCompounds compounds each both ways, any after those as written.
Q QueryTerms::phrase(std::string_view body, const std::string& pfx) {
    const TextAnalysis a = analyzer_.analyze(body, AnalysisMode::Query);
    const std::vector<NameCompound> compounds = free_compounds(a, body);
    auto compound = compounds.begin();
    std::vector<PhrasePart> parts;
    std::size_t two_ways = 0;
    for (std::size_t i = 0; i < a.tokens.size();) {
        const AnalyzedToken& t = a.tokens[i];
        PhrasePart part;
        if (a.covered_by[i] >= 0) {
            const ConceptMatch& m = a.concepts[static_cast<std::size_t>(a.covered_by[i])];
            part.written.push_back(concept_query(a, m, pfx, true));
            part.written_width = analyzer_.lexicon().families()[static_cast<std::size_t>(m.family)].longest;
            parts.push_back(std::move(part));
            i = m.last + 1;
            continue;
        }
        if (compound != compounds.end() && compound->first == i) {
            const NameCompound& c = *compound++;
            for (std::size_t k = c.first; k <= c.last; ++k) {
                if (a.tokens[k].kind != TokenKind::Article) part.written.push_back(token_query(a.tokens[k], pfx, true));
            }
            part.written_width = static_cast<Xapian::termcount>(part.written.size());
            if (two_ways < kMaxPhraseCompounds) {
                part.other.push_back(compound_as_one_word(c, pfx));
                part.other_width = 1;
                ++two_ways;
            }
            parts.push_back(std::move(part));
            i = c.last + 1;
            continue;
        }
        if (t.kind != TokenKind::Article) {
            part.written.push_back(token_query(t, pfx, true));
            part.written_width = 1;
            if (two_ways < kMaxPhraseCompounds && is_name(t, AnalysisMode::Query)) {
                if (const auto words = split_name_compound(name_spelling(t))) {
                    part.other = {compound_word(words->head, words->abd, pfx), compound_word(words->tail, false, pfx)};
                    part.other_width = 2;
                    ++two_ways;
                }
            }
            parts.push_back(std::move(part));
        }
        ++i;
    }
    std::vector<Q> ways;
    for (unsigned other = 0; other < (1u << two_ways); ++other) {
        std::vector<Q> units;
        Xapian::termcount window = 0;
        std::size_t bit = 0;
        for (const PhrasePart& p : parts) {
            const bool use_other = !p.other.empty() && (other & (1u << bit++));
            const std::vector<Q>& way = use_other ? p.other : p.written;
            units.insert(units.end(), way.begin(), way.end());
            window += use_other ? p.other_width : p.written_width;
        }
        if (units.empty()) continue;
        ways.push_back(units.size() == 1 ? units[0] : Q(Q::OP_PHRASE, units.begin(), units.end(), window));
    }
    if (ways.size() <= 1) return ways.empty() ? Q() : ways[0];
    return Q(Q::OP_OR, ways.begin(), ways.end());
}

void QueryTerms::explain(std::string_view body, const std::string& pfx, bool phrase,
                         std::vector<QueryWordExplanation>& out) {
    const TextAnalysis a = analyzer_.analyze(body, AnalysisMode::Query);
    std::vector<NameCompound> compounds = free_compounds(a, body);
    if (phrase && compounds.size() > kMaxPhraseCompounds) compounds.resize(kMaxPhraseCompounds);
    auto compound = compounds.begin();
    for (std::size_t i = 0; i < a.tokens.size(); ++i) {
        const AnalyzedToken& t = a.tokens[i];
        QueryWordExplanation row;
        if (compound != compounds.end() && compound->first == i) {
            const NameCompound& c = *compound++;
            const std::size_t begin = t.token.begin, end = a.tokens[c.last].token.end;
            row.text = std::string(body.substr(begin, end - begin));
            row.norm = c.spelling;
            row.kind = "name";
            if (phrase) {
                std::vector<Q> words;
                for (std::size_t k = c.first; k <= c.last; ++k) {
                    if (a.tokens[k].kind != TokenKind::Article) words.push_back(token_query(a.tokens[k], pfx, true));
                }
                const Q ways[] = {Q(Q::OP_PHRASE, words.begin(), words.end()), compound_as_one_word(c, pfx)};
                row.terms = Q(Q::OP_OR, std::begin(ways), std::end(ways)).get_description();
            } else {
                row.terms = name_compound_query(a, c, pfx).get_description();
            }
            row.name = names_.expand(c.spelling, c.block, false, pfx);
            row.via = "its words, or one name written as one word: " + describe_spellings(*row.name);
            out.push_back(std::move(row));
            i = c.last;
            continue;
        }
        row.text = std::string(t.token.surface(body));
        row.norm = t.norm;
        if (a.covered_by[i] >= 0) {
            const ConceptMatch& m = a.concepts[static_cast<std::size_t>(a.covered_by[i])];
            const auto& fam = analyzer_.lexicon().families()[static_cast<std::size_t>(m.family)];
            row.kind = m.acronym ? "acronym" : "family";
            row.terms = concept_query(a, m, pfx, false).get_description();
            row.via = "family " + fam.id + " (" + m.via + ")";
        } else if (t.kind == TokenKind::Article) {
            row.kind = "article";
            row.terms = "(optional)";
            row.via = "article before a name";
        } else {
            const bool name = is_name(t, AnalysisMode::Query);
            row.kind = name ? "name" : "word";
            row.terms = token_query(t, pfx, false).get_description();
            if (name) row.name = names_.expand(t, pfx);
            row.via = name                ? describe_spellings(*row.name)
                      : searched_by_stem(t, false) ? "stem " + t.stem
                      : t.token.has(kCapitalized)  ? "exact (a capitalized word is not stemmed)"
                                                   : "exact (a number is not stemmed)";
            if (name && phrase) {
                if (const auto words = split_name_compound(name_spelling(t))) {
                    row.via += "; in the phrase, also its words apart: " + words->head + " " + words->tail;
                }
            }
        }
        out.push_back(std::move(row));
    }
}

}  // namespace tigris::query
