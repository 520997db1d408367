#include "tigris/query_builder.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "query_lexer.h"
#include "query_terms.h"
#include "tigris/dates.h"
#include "tigris/error.h"

namespace tigris {

namespace {

using Q = Xapian::Query;
using query::Item;
using query::ItemType;

// "2007", "2007-03", "2007-03-09" → YYYYMMDD, the low or high end of the period.
std::string date_bound(std::string_view v, bool high, std::string_view whole) {
    std::string bound = period_bound(v, high);
    if (bound.empty()) {
        throw QueryError("date " + quote_value(whole) + " is not a real YYYY, YYYY-MM or YYYY-MM-DD");
    }
    return bound;
}

// One query of @p qs joined by @p op; the empty query for none.
Q combine(Q::op op, const std::vector<Q>& qs) {
    if (qs.empty()) return Q();
    if (qs.size() == 1) return qs[0];
    return Q(op, qs.begin(), qs.end());
}

class Builder {
  public:
    Builder(Analyzer& analyzer, std::string_view text, Q::op default_op, const Xapian::Database* vocabulary,
            bool expand_families, bool explaining, bool offering)
        : text_(text),
          items_(query::lex(text)),
          default_op_(default_op),
          terms_(analyzer, vocabulary, expand_families, explaining, offering) {}

    /// What the names of the query were read as, once build() or explain() ran.
    void report(QueryReport& out) const { out.names.assign(terms_.names().begin(), terms_.names().end()); }

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
                terms_.explain(text_.substr(item.begin, end - item.begin), "", false, out);
            } else if (item.type == ItemType::Word || item.type == ItemType::Phrase) {
                terms_.explain(item.text, "", item.type == ItemType::Phrase, out);
            } else if (item.type == ItemType::Field && item.field == "title") {
                terms_.explain(item.text, prefix::kTitle, item.value_is_phrase, out);
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

    // The clauses of one AND group: words and subqueries, +required, -excluded, and
    // filters (source:, year:, date:, id:), which do not score.
    struct Clauses {
        std::vector<Q> plain, required, excluded;
        std::map<std::string, std::vector<Q>> filters;
        bool next_required = false;  // after AND

        void add(Q q, char sign) {
            if (q.empty()) return;
            if (sign == '-') {
                excluded.push_back(std::move(q));
            } else if (sign == '+' || next_required) {
                required.push_back(std::move(q));
            } else {
                plain.push_back(std::move(q));
            }
            next_required = false;
        }

        // AND makes the clause before it and the one after it required.
        void require_around() {
            if (!plain.empty()) {
                required.push_back(plain.back());
                plain.pop_back();
            }
            next_required = true;
        }

        Q combined(Q::op default_op) const {
            Q positive;
            if (default_op == Q::OP_AND) {
                std::vector<Q> all = required;
                all.insert(all.end(), plain.begin(), plain.end());
                positive = combine(Q::OP_AND, all);
            } else {
                const Q req = combine(Q::OP_AND, required), opt = combine(Q::OP_OR, plain);
                positive = !req.empty() && !opt.empty() ? Q(Q::OP_AND_MAYBE, req, opt) : req.empty() ? opt : req;
            }
            if (!excluded.empty()) {
                if (positive.empty()) positive = Q::MatchAll;
                positive = Q(Q::OP_AND_NOT, positive, combine(Q::OP_OR, excluded));
            }
            if (!filters.empty()) {
                std::vector<Q> groups;
                for (const auto& kv : filters) groups.push_back(combine(Q::OP_OR, kv.second));
                if (positive.empty()) positive = Q::MatchAll;
                positive = Q(Q::OP_FILTER, positive, combine(Q::OP_AND, groups));
            }
            return positive;
        }
    };

    Q parse_and() {
        Clauses clauses;
        while (const Item* item = peek()) {
            if (item->type == ItemType::RParen || item->type == ItemType::Or) break;
            parse_clause(*item, clauses);
        }
        return clauses.combined(default_op_);
    }

    // One clause at pos_ into @p clauses.
    void parse_clause(const Item& item, Clauses& clauses) {
        if (item.type == ItemType::And) {
            ++pos_;
            clauses.require_around();
        } else if (item.type == ItemType::Not) {
            ++pos_;
            if (!peek()) throw QueryError("NOT at the end of query " + quote_value(text_));
            if (peek()->type == ItemType::Field && is_filter(peek()->field)) {
                clauses.excluded.push_back(filter_query(*peek()));
                ++pos_;
            } else {
                clauses.excluded.push_back(parse_primary());
            }
            clauses.next_required = false;
        } else if (item.type == ItemType::Field && is_filter(item.field)) {
            ++pos_;
            if (item.sign == '-') {
                clauses.excluded.push_back(filter_query(item));
            } else {
                clauses.filters[item.field].push_back(filter_query(item));
            }
        } else if (item.type == ItemType::Word && item.sign == 0) {
            // A run of plain words is analyzed together: multi-word names match.
            const std::size_t begin = item.begin;
            std::size_t end = item.end;
            ++pos_;
            while (peek() && peek()->type == ItemType::Word && peek()->sign == 0) {
                end = peek()->end;
                ++pos_;
            }
            for (Q& q : terms_.word_units(text_.substr(begin, end - begin), "")) clauses.add(std::move(q), 0);
        } else {
            const char sign = item.sign;
            clauses.add(parse_primary(), sign);
        }
    }

    Q parse_primary() {
        const Item* item = peek();
        if (!item) throw QueryError("query " + quote_value(text_) + " ends too early");
        ++pos_;
        switch (item->type) {
            case ItemType::LParen: {
                if (++depth_ > query::kMaxDepth) {
                    throw QueryError("query " + quote_value(text_) + " nests parentheses deeper than " +
                                     std::to_string(query::kMaxDepth));
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
                return terms_.phrase(item->text, "");
            case ItemType::Word:
                return combine(default_op_, terms_.word_units(item->text, ""));
            case ItemType::Field:
                if (item->field == "title") {
                    return item->value_is_phrase ? terms_.phrase(item->text, prefix::kTitle)
                                                 : combine(default_op_, terms_.word_units(item->text, prefix::kTitle));
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
        if (item.field == "source") return Q(prefix::kSource + source_key(value));
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
        return date_range(from, to);
    }


    std::string_view text_;
    std::vector<Item> items_;
    Q::op default_op_;
    query::QueryTerms terms_;
    std::size_t pos_ = 0;
    int depth_ = 0;  // parentheses open at pos_
};

// @p spelling (a–z and ') in the case of the word @p t it stands for: in capitals, capitalized
// or in lower case.
std::string cased_like(std::string spelling, const Token& t) {
    if (t.has(kAllCaps)) {
        for (char& c : spelling) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (t.has(kCapitalized) && !spelling.empty()) {
        spelling[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(spelling[0])));
    }
    return spelling;
}

// QueryReport::did_you_mean: @p text with each word whose name has suggestions written as
// the closest (a possessive kept).
std::string did_you_mean(Analyzer& analyzer, std::string_view text, const std::vector<NameExpansion>& names) {
    std::map<std::string, std::string, std::less<>> closest;
    for (const NameExpansion& e : names) {
        if (!e.suggestions.empty()) closest.emplace(e.spelling, e.suggestions.front().spelling);
    }
    if (closest.empty()) return "";
    const TextAnalysis a = analyzer.analyze(text, AnalysisMode::Query);
    std::string out;
    std::size_t done = 0;
    for (const AnalyzedToken& t : a.tokens) {
        const std::string_view spelling = name_spelling(t);
        const auto it = closest.find(spelling);
        if (it == closest.end()) continue;
        out.append(text.substr(done, t.token.begin - done));
        out += cased_like(it->second, t.token);
        if (spelling.size() < t.norm.size()) {
            // The possessive as typed ('s, ’S), from its apostrophe.
            const std::string_view surface = t.token.surface(text);
            std::size_t mark = surface.rfind('\'');
            const std::size_t curly = surface.rfind("\xE2\x80\x99");
            if (mark == std::string_view::npos || (curly != std::string_view::npos && curly > mark)) mark = curly;
            out += mark == std::string_view::npos ? t.norm.substr(spelling.size()) : std::string(surface.substr(mark));
        }
        done = t.token.end;
    }
    return out.empty() ? "" : out.append(text.substr(done));
}

}  // namespace

Xapian::Query QueryBuilder::build(std::string_view text, Xapian::Query::op default_op, QueryReport* report) {
    if (default_op != Xapian::Query::OP_AND && default_op != Xapian::Query::OP_OR) {
        throw QueryError("default operator must be AND or OR");
    }
    // Spellings to offer are looked for only where someone reads them.
    Builder b(analyzer_, text, default_op, vocabulary_, expand_families_, false, report != nullptr);
    Xapian::Query q = b.build();
    if (report) {
        b.report(*report);
        report->did_you_mean = did_you_mean(analyzer_, text, report->names);
    }
    return q;
}

std::vector<QueryWordExplanation> QueryBuilder::explain(std::string_view text) {
    std::vector<QueryWordExplanation> out;
    Builder b(analyzer_, text, Xapian::Query::OP_AND, vocabulary_, expand_families_, true, true);
    b.explain(out);
    return out;
}

}  // namespace tigris
