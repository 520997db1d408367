#include "tigris/query_builder.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>

#include "tigris/dates.h"
#include "tigris/error.h"

namespace tigris {

namespace {

using Q = Xapian::Query;

// Limits that keep a hostile query from exhausting the stack (the parser recurses per
// parenthesis, and so does Xapian's matcher per level of the query tree) or the matcher.
constexpr std::size_t kMaxQueryTerms = 1000;  // words, phrase words and operators
constexpr int kMaxQueryDepth = 64;            // nested parentheses

enum class ItemType { Word, Phrase, LParen, RParen, And, Or, Not, Field };

struct Item {
    ItemType type;
    std::string_view text;   // word, phrase body, or field value
    std::string field;       // for Field
    bool value_is_phrase = false;
    char sign = 0;           // '+' or '-'
    std::size_t begin = 0;   // byte offsets in the query, for word runs
    std::size_t end = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool known_field(std::string_view f) {
    return f == "title" || f == "source" || f == "year" || f == "date" || f == "id";
}

// Opening quote: " or U+201C; closing: " or U+201D.
std::size_t quote_len(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0) return 3;
    return 0;
}

// Words in a phrase body: each becomes a term of the phrase query.
std::size_t word_count(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_space(s[i]) && (i == 0 || is_space(s[i - 1]))) ++n;
    }
    return n;
}

void check_term_count(std::size_t terms, std::string_view query) {
    if (terms > kMaxQueryTerms) {
        throw QueryError("query " + quote_value(query) + " has more than " + std::to_string(kMaxQueryTerms) +
                         " words and operators");
    }
}

std::vector<Item> lex(std::string_view s) {
    std::vector<Item> items;
    std::size_t terms = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        check_term_count(terms, s);
        if (is_space(s[i])) {
            ++i;
            continue;
        }
        Item item{};
        item.begin = i;
        if (s[i] == '(' || s[i] == ')') {
            item.type = s[i] == '(' ? ItemType::LParen : ItemType::RParen;
            item.end = ++i;
            items.push_back(item);
            ++terms;
            continue;
        }
        if ((s[i] == '+' || s[i] == '-') && i + 1 < s.size() && !is_space(s[i + 1])) {
            item.sign = s[i];
            ++i;
        }
        if (std::size_t q = quote_len(s, i); q > 0) {
            const std::size_t start = i + q;
            std::size_t j = start;
            std::size_t close = 0;
            while (j < s.size() && (close = quote_len(s, j)) == 0) ++j;
            item.type = ItemType::Phrase;
            item.text = s.substr(start, j - start);
            i = j < s.size() ? j + close : j;  // an unclosed phrase runs to the end
            item.end = i;
            items.push_back(item);
            terms += std::max<std::size_t>(1, word_count(item.text));
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j]) && s[j] != '(' && s[j] != ')' && quote_len(s, j) == 0) ++j;
        std::string_view word = s.substr(i, j - i);
        const std::size_t colon = word.find(':');
        if (colon != std::string_view::npos && known_field(word.substr(0, colon))) {
            item.type = ItemType::Field;
            item.field = std::string(word.substr(0, colon));
            std::size_t v = i + colon + 1;
            std::size_t q = v < s.size() ? quote_len(s, v) : 0;
            if (q > 0) {
                std::size_t k = v + q, close = 0;
                while (k < s.size() && (close = quote_len(s, k)) == 0) ++k;
                item.text = s.substr(v + q, k - v - q);
                item.value_is_phrase = true;
                j = k < s.size() ? k + close : k;
            } else {
                item.text = word.substr(colon + 1);
            }
        } else if (item.sign == 0 && (word == "AND" || word == "OR" || word == "NOT")) {
            item.type = word == "AND" ? ItemType::And : word == "OR" ? ItemType::Or : ItemType::Not;
        } else {
            item.type = ItemType::Word;
            item.text = word;
        }
        item.end = j;
        i = j;
        items.push_back(item);
        terms += item.value_is_phrase ? std::max<std::size_t>(1, word_count(item.text)) : 1;
    }
    check_term_count(terms, s);
    return items;
}

// "2007", "2007-03", "2007-03-09" → YYYYMMDD, the low or high end of the period.
std::string date_bound(std::string_view v, bool high, std::string_view whole) {
    std::string bound = period_bound(v, high);
    if (bound.empty()) {
        throw QueryError("date " + quote_value(whole) + " is not a real YYYY, YYYY-MM or YYYY-MM-DD");
    }
    return bound;
}

// Matches the query's names against the index's names: candidates are the name terms
// with the name's block key, accepted when the scorer reads them as the same name.
class NameMatcher {
  public:
    NameMatcher(const NameScorer& scorer, const Xapian::Database* vocabulary) : scorer_(scorer), vocabulary_(vocabulary) {}

    /// The accepted spellings of name token @p t in the field with @p pfx.
    const NameExpansion& expand(const AnalyzedToken& t, const std::string& pfx) {
        const std::string spelling(name_spelling(t));
        for (const NameExpansion& e : done_) {
            if (e.spelling == spelling && e.field_prefix == pfx) return e;
        }
        NameExpansion e{spelling, pfx, {}};
        if (vocabulary_) {
            const std::string start = name_term_prefix(pfx, t.block);
            for (auto it = vocabulary_->allterms_begin(start); it != vocabulary_->allterms_end(start); ++it) {
                const std::string candidate = (*it).substr(start.size());
                const double cost = candidate == spelling ? 0.0 : scorer_.distance(spelling, candidate, scorer_.threshold());
                if (cost <= scorer_.threshold()) e.spellings.push_back({candidate, *it, cost, "", it.get_termfreq()});
            }
        }
        std::sort(e.spellings.begin(), e.spellings.end(), [&](const NameCandidate& a, const NameCandidate& b) {
            const bool exact_a = a.spelling == spelling, exact_b = b.spelling == spelling;
            if (exact_a != exact_b) return exact_a;
            if (a.cost != b.cost) return a.cost < b.cost;
            if (a.documents != b.documents) return a.documents > b.documents;
            return a.spelling < b.spelling;
        });
        if (e.spellings.size() > QueryBuilder::kMaxSpellings) e.spellings.resize(QueryBuilder::kMaxSpellings);
        for (NameCandidate& c : e.spellings) {
            if (c.spelling != spelling) c.differences = scorer_.compare(c.spelling, spelling).describe();
        }
        done_.push_back(std::move(e));
        return done_.back();
    }

    const std::deque<NameExpansion>& expansions() const { return done_; }

  private:
    const NameScorer& scorer_;
    const Xapian::Database* vocabulary_;
    std::deque<NameExpansion> done_;  // stable references
};

class Builder {
  public:
    Builder(const Analyzer& analyzer, std::string_view text, Q::op default_op, const Xapian::Database* vocabulary,
            bool expand_families)
        : analyzer_(analyzer),
          text_(text),
          items_(lex(text)),
          default_op_(default_op),
          names_(analyzer.scorer(), vocabulary),
          expand_families_(expand_families) {}

    /// What the names of the query were read as, once build() or explain() ran.
    void report(QueryReport& out) const { out.names.assign(names_.expansions().begin(), names_.expansions().end()); }

    Q build() {
        Q q = parse_or();
        if (pos_ < items_.size()) {
            throw QueryError("unexpected \")\" at offset " + std::to_string(items_[pos_].begin) +
                             " in query " + quote_value(text_));
        }
        return q;
    }

    // The units of a run of words, for explain().
    void explain(std::vector<QueryWordExplanation>& out) {
        for (std::size_t i = 0; i < items_.size(); ++i) {
            const Item& item = items_[i];
            if (item.type == ItemType::Word && item.sign == 0) {
                // The same runs of words build() analyzes together.
                std::size_t end = item.end;
                while (i + 1 < items_.size() && items_[i + 1].type == ItemType::Word &&
                       items_[i + 1].sign == 0) {
                    end = items_[++i].end;
                }
                explain_text(text_.substr(item.begin, end - item.begin), "", out);
            } else if (item.type == ItemType::Word || item.type == ItemType::Phrase) {
                explain_text(item.text, "", out);
            } else if (item.type == ItemType::Field && item.field == "title") {
                explain_text(item.text, prefix::kTitle, out);
            }
        }
    }

  private:
    const Item* peek() const { return pos_ < items_.size() ? &items_[pos_] : nullptr; }

    // A OR B OR C is one flat OR: a left-deep tree of 100,000 ORs overflows the stack
    // in Xapian's matcher.
    Q parse_or() {
        std::vector<Q> alternatives{parse_and()};
        while (peek() && peek()->type == ItemType::Or) {
            ++pos_;
            alternatives.push_back(parse_and());
        }
        return combine(Q::OP_OR, alternatives);
    }

    Q parse_and() {
        std::vector<Q> plain, required, excluded;
        std::map<std::string, std::vector<Q>> filters;
        bool next_required = false;
        auto add = [&](Q q, char sign) {
            if (q.empty()) return;
            if (sign == '-') {
                excluded.push_back(q);
            } else if (sign == '+' || next_required) {
                required.push_back(q);
            } else {
                plain.push_back(q);
            }
            next_required = false;
        };
        while (const Item* item = peek()) {
            if (item->type == ItemType::RParen || item->type == ItemType::Or) break;
            if (item->type == ItemType::And) {
                ++pos_;
                if (!plain.empty()) {
                    required.push_back(plain.back());
                    plain.pop_back();
                }
                next_required = true;
                continue;
            }
            if (item->type == ItemType::Not) {
                ++pos_;
                if (!peek()) throw QueryError("NOT at the end of query " + quote_value(text_));
                if (peek()->type == ItemType::Field && is_filter(peek()->field)) {
                    excluded.push_back(filter_query(*peek()));
                    ++pos_;
                } else {
                    excluded.push_back(parse_primary());
                }
                next_required = false;
                continue;
            }
            if (item->type == ItemType::Field && is_filter(item->field)) {
                Q f = filter_query(*item);
                ++pos_;
                if (item->sign == '-') {
                    excluded.push_back(f);
                } else {
                    filters[item->field].push_back(f);
                }
                continue;
            }
            if (item->type == ItemType::Word && item->sign == 0) {
                // A run of plain words is analyzed together: multi-word names match.
                const std::size_t begin = item->begin;
                std::size_t end = item->end;
                ++pos_;
                while (peek() && peek()->type == ItemType::Word && peek()->sign == 0) {
                    end = peek()->end;
                    ++pos_;
                }
                for (Q& q : word_units(text_.substr(begin, end - begin), "")) add(q, 0);
                continue;
            }
            const char sign = item->sign;
            add(parse_primary(), sign);
        }

        Q positive;
        if (default_op_ == Q::OP_AND) {
            std::vector<Q> all = required;
            all.insert(all.end(), plain.begin(), plain.end());
            positive = combine(Q::OP_AND, all);
        } else {
            Q req = combine(Q::OP_AND, required);
            Q opt = combine(Q::OP_OR, plain);
            if (!req.empty() && !opt.empty()) {
                positive = Q(Q::OP_AND_MAYBE, req, opt);
            } else {
                positive = req.empty() ? opt : req;
            }
        }
        if (!excluded.empty()) {
            if (positive.empty()) positive = Q::MatchAll;
            positive = Q(Q::OP_AND_NOT, positive, combine(Q::OP_OR, excluded));
        }
        if (!filters.empty()) {
            std::vector<Q> groups;
            for (auto& kv : filters) groups.push_back(combine(Q::OP_OR, kv.second));
            if (positive.empty()) positive = Q::MatchAll;
            positive = Q(Q::OP_FILTER, positive, combine(Q::OP_AND, groups));
        }
        return positive;
    }

    Q parse_primary() {
        const Item* item = peek();
        if (!item) throw QueryError("query " + quote_value(text_) + " ends too early");
        ++pos_;
        switch (item->type) {
            case ItemType::LParen: {
                if (++depth_ > kMaxQueryDepth) {
                    throw QueryError("query " + quote_value(text_) + " nests parentheses deeper than " +
                                     std::to_string(kMaxQueryDepth));
                }
                Q inner = parse_or();
                if (!peek() || peek()->type != ItemType::RParen) {
                    throw QueryError("missing \")\" in query " + quote_value(text_));
                }
                ++pos_;
                --depth_;
                return inner;
            }
            case ItemType::Phrase:
                return phrase(item->text, "");
            case ItemType::Word:
                return combine(default_op_, word_units(item->text, ""));
            case ItemType::Field:
                if (item->field == "title") {
                    return item->value_is_phrase ? phrase(item->text, prefix::kTitle)
                                                 : combine(default_op_, word_units(item->text, prefix::kTitle));
                }
                return filter_query(*item);
            default:
                throw QueryError("unexpected " + quote_value(text_.substr(item->begin, item->end - item->begin)) +
                                 " in query " + quote_value(text_));
        }
    }

    static bool is_filter(const std::string& field) { return field != "title"; }

    Q filter_query(const Item& item) const {
        const std::string value(item.text);
        if (value.empty()) {
            throw QueryError("field " + item.field + ": has no value in query " + quote_value(text_));
        }
        if (item.field == "source") {
            std::string lower = value;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return Q(prefix::kSource + lower);
        }
        if (item.field == "id") return Q(prefix::kId + value);
        if (item.field == "year") {
            if (value.size() != 4 || !std::all_of(value.begin(), value.end(), ::isdigit)) {
                throw QueryError("year " + quote_value(value) + " is not YYYY");
            }
            return Q(prefix::kYear + value);
        }
        // date:FROM..TO, date:FROM.., date:..TO, date:DAY
        const std::size_t dots = value.find("..");
        std::string from, to;
        if (dots == std::string::npos) {
            from = date_bound(value, false, value);
            to = date_bound(value, true, value);
        } else {
            const std::string lo = value.substr(0, dots), hi = value.substr(dots + 2);
            if (lo.empty() && hi.empty()) throw QueryError("date range " + quote_value(value) + " has no ends");
            if (!lo.empty()) from = date_bound(lo, false, value);
            if (!hi.empty()) to = date_bound(hi, true, value);
        }
        if (from.empty()) return Q(Q::OP_VALUE_LE, slot::kDate, to);
        if (to.empty()) return Q(Q::OP_VALUE_GE, slot::kDate, from);
        return Q(Q::OP_VALUE_RANGE, slot::kDate, from, to);
    }

    static Q combine(Q::op op, const std::vector<Q>& qs) {
        if (qs.empty()) return Q();
        if (qs.size() == 1) return qs[0];
        return Q(op, qs.begin(), qs.end());
    }

    // The terms one token stands for, positional (for phrases) or not: a word by its
    // stem (not in a phrase, and not when capitalized: that may be a name, and
    // Xapian's QueryParser does not stem it either), a name by its own spelling and
    // every spelling of it the index holds, its own spelling counting once more so
    // that it ranks first.
    static bool searched_by_stem(const AnalyzedToken& t, bool positional) {
        return !positional && t.has_stem_term() && !t.token.has(kCapitalized);
    }

    Q token_query(const AnalyzedToken& t, const std::string& pfx, bool positional) {
        const bool stemmed = searched_by_stem(t, positional);
        const Q own(stemmed ? prefix::kStem + pfx + t.stem : pfx + t.norm);
        if (!is_name(t, AnalysisMode::Query)) return own;
        std::vector<Q> alts{own};
        for (const NameCandidate& c : names_.expand(t, pfx).spellings) {
            // Name terms have no positions: in a phrase, the other spellings' raw terms.
            if (!positional) {
                alts.emplace_back(c.term);
            } else if (c.spelling != t.norm) {
                alts.emplace_back(pfx + c.spelling);
            }
        }
        if (alts.size() == 1) return own;
        const Q any(positional ? Q::OP_OR : Q::OP_SYNONYM, alts.begin(), alts.end());
        if (positional) return any;
        const Q ranked[] = {any, Q(pfx + t.norm)};
        return Q(Q::OP_OR, std::begin(ranked), std::end(ranked));
    }

    // A family by its concept term; in an index built with other lists, also by its
    // variants and acronyms as written (a phrase for a variant of several words).
    Q concept_query(const TextAnalysis& a, const ConceptMatch& m, const std::string& pfx, bool positional) {
        const auto& fam = analyzer_.lexicon().families()[static_cast<std::size_t>(m.family)];
        Q concept(pfx + prefix::kConcept + fam.id);
        if (expand_families_) {
            std::vector<Q> alts{concept};
            for (std::size_t v = 0; v < fam.variant_words.size(); ++v) {
                const auto& words = fam.variant_words[v];
                if (words.size() == 1) {
                    const std::string& stem = fam.variant_stems[v];
                    alts.emplace_back(stem.empty() || positional ? pfx + words[0] : prefix::kStem + pfx + stem);
                    continue;
                }
                std::vector<Q> parts;
                for (const std::string& w : words) parts.emplace_back(pfx + w);
                alts.emplace_back(Q::OP_PHRASE, parts.begin(), parts.end());
            }
            for (const std::string& acronym : fam.acronyms) alts.emplace_back(pfx + prefix::kAcronym + acronym);
            concept = Q(Q::OP_OR, alts.begin(), alts.end());
        }
        if (m.acronym && m.ambiguous) {
            const Q alts[] = {concept, token_query(a.tokens[m.first], pfx, positional)};
            return Q(Q::OP_OR, std::begin(alts), std::end(alts));
        }
        return concept;
    }

    // Units of a run of words: one query per concept, per compound, per word.
    std::vector<Q> word_units(std::string_view run, const std::string& pfx) {
        const TextAnalysis a = analyzer_.analyze(run, AnalysisMode::Query);
        std::vector<Q> units;
        for (std::size_t i = 0; i < a.tokens.size();) {
            const AnalyzedToken& t = a.tokens[i];
            if (a.covered_by[i] >= 0) {
                const ConceptMatch& m = a.concepts[static_cast<std::size_t>(a.covered_by[i])];
                units.push_back(concept_query(a, m, pfx, false));
                i = m.last + 1;
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
    Q compound_query(const TextAnalysis& a, std::size_t first, std::size_t last, const std::string& pfx) {
        std::vector<Q> parts;
        std::string joined;
        for (std::size_t k = first; k <= last; ++k) {
            parts.push_back(token_query(a.tokens[k], pfx, true));
            joined += a.tokens[k].norm;
        }
        const Q alts[] = {Q(Q::OP_PHRASE, parts.begin(), parts.end()), Q(pfx + joined)};
        return Q(Q::OP_OR, std::begin(alts), std::end(alts));
    }

    // A phrase: positional units in order; a concept may stand for several words in
    // a document (Jaish al-Mahdi vs JAM), so the window grows by the family's longest
    // variant.
    Q phrase(std::string_view body, const std::string& pfx) {
        const TextAnalysis a = analyzer_.analyze(body, AnalysisMode::Query);
        std::vector<Q> units;
        Xapian::termcount window = 0;
        for (std::size_t i = 0; i < a.tokens.size();) {
            if (a.covered_by[i] >= 0) {
                const ConceptMatch& m = a.concepts[static_cast<std::size_t>(a.covered_by[i])];
                units.push_back(concept_query(a, m, pfx, true));
                const auto& fam = analyzer_.lexicon().families()[static_cast<std::size_t>(m.family)];
                window += fam.longest;
                i = m.last + 1;
                continue;
            }
            if (a.tokens[i].kind != TokenKind::Article) {
                units.push_back(token_query(a.tokens[i], pfx, true));
                ++window;
            }
            ++i;
        }
        if (units.empty()) return Q();
        if (units.size() == 1) return units[0];
        return Q(Q::OP_PHRASE, units.begin(), units.end(), window);
    }

    void explain_text(std::string_view body, const std::string& pfx, std::vector<QueryWordExplanation>& out) {
        const TextAnalysis a = analyzer_.analyze(body, AnalysisMode::Query);
        for (std::size_t i = 0; i < a.tokens.size(); ++i) {
            const AnalyzedToken& t = a.tokens[i];
            QueryWordExplanation row;
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
                row.via = name                ? describe_spellings(names_.expand(t, pfx))
                          : searched_by_stem(t, false) ? "stem " + t.stem
                          : t.token.has(kCapitalized)  ? "exact (a capitalized word is not stemmed)"
                                                       : "exact (a number is not stemmed)";
            }
            out.push_back(std::move(row));
        }
    }

    // "spellings in the index: hamid; hameed (i/ee, 0.36)".
    static std::string describe_spellings(const NameExpansion& e) {
        if (e.spellings.empty()) return "name; no spelling of it in the index";
        std::string out = "spellings in the index:";
        for (std::size_t i = 0; i < e.spellings.size(); ++i) {
            const NameCandidate& c = e.spellings[i];
            out += (i ? "; " : " ") + c.spelling;
            if (!c.differences.empty()) {
                char cost[16];
                std::snprintf(cost, sizeof cost, "%.2f", c.cost);
                out += " (" + c.differences + ", " + cost + ")";
            }
        }
        return out;
    }

    const Analyzer& analyzer_;
    std::string_view text_;
    std::vector<Item> items_;
    Q::op default_op_;
    NameMatcher names_;
    bool expand_families_ = false;
    std::size_t pos_ = 0;
    int depth_ = 0;  // parentheses open at pos_
};

}  // namespace

Xapian::Query QueryBuilder::build(std::string_view text, Xapian::Query::op default_op, QueryReport* report) const {
    if (default_op != Xapian::Query::OP_AND && default_op != Xapian::Query::OP_OR) {
        throw QueryError("default operator must be AND or OR");
    }
    Builder b(analyzer_, text, default_op, vocabulary_, expand_families_);
    Xapian::Query q = b.build();
    if (report) b.report(*report);
    return q;
}

std::vector<QueryWordExplanation> QueryBuilder::explain(std::string_view text) const {
    std::vector<QueryWordExplanation> out;
    Builder b(analyzer_, text, Xapian::Query::OP_AND, vocabulary_, expand_families_);
    b.explain(out);
    return out;
}

}  // namespace tigris
