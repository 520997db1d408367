#include "tigris/searcher.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_set>

#include "tigris/index_compat.h"
#include "tigris/index_writer.h"

namespace tigris {

Searcher::Searcher(Xapian::Database db, const Analyzer& analyzer)
    : db_(std::move(db)), analyzer_(analyzer), builder_(analyzer_, &db_) {
    // Documents indexed with other synonym lists (every document carries the
    // fingerprint of its lists as a term, which remote shards answer too): families are
    // then also searched by their variants, so that an edit of the lists shows at once.
    builder_.set_expand_families(compare_index(db_, analyzer_).other_lists > 0);
}

NameReasons name_reasons(const QueryReport& report) {
    NameReasons reasons;
    for (const NameExpansion& e : report.names) {
        if (!e.field_prefix.empty()) continue;  // a title: terms are compared without prefix
        for (const NameCandidate& c : e.spellings) {
            std::string why = "name " + e.spelling;
            if (!c.differences.empty()) {
                char cost[16];
                std::snprintf(cost, sizeof cost, "%.2f", c.cost);
                why = "name " + c.spelling + " \xE2\x86\x90 " + e.spelling + ": " + c.differences + " (" + cost +
                      (c.evidence.empty() ? "" : ", " + c.evidence) + ")";
            }
            reasons.emplace(c.term, why);
            reasons.emplace(c.spelling, why);  // its raw term, which a phrase searches
        }
    }
    return reasons;
}

Xapian::Query apply_filters(const Xapian::Query& query, const SearchOptions& o, bool dates) {
    Xapian::Query q = query;
    if (!o.sources.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, source_filter(o.sources));
    if (dates && (!o.from.empty() || !o.to.empty())) {
        q = Xapian::Query(Xapian::Query::OP_FILTER, q, date_range(o.from, o.to));
    }
    return q;
}

SearchResult Searcher::search(const std::string& query, const SearchOptions& o) {
    SearchResult result;
    result.query = query;
    QueryReport report;
    result.xapian_query = builder_.build(query, o.op, &report);
    const NameReasons reasons = name_reasons(report);
    result.did_you_mean = report.did_you_mean;
    for (const NameExpansion& e : report.names) {
        if (e.suggestions.empty()) continue;
        const bool seen = std::any_of(result.suggested.begin(), result.suggested.end(),
                                      [&](const NameExpansion& u) { return u.spelling == e.spelling; });
        if (!seen) result.suggested.push_back(e);
    }
    // What a hit's text is highlighted by. In an index built with other lists a document
    // may match a family by its words while lacking its concept term: it is still the family.
    const std::vector<std::string> query_terms(result.xapian_query.get_unique_terms_begin(),
                                               result.xapian_query.get_unique_terms_end());
    const Xapian::Query q = apply_filters(result.xapian_query, o);
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    Xapian::ValueCountMatchSpy by_source(slot::kSource), by_date(slot::kDate);
    if (o.facets) {
        enquire.add_matchspy(&by_source);
        enquire.add_matchspy(&by_date);
    }
    const auto limit = static_cast<Xapian::doccount>(std::min<std::size_t>(o.limit, db_.get_doccount() + 1));
    // Facets look at every match; otherwise at least kExactTotalUpTo, so that the total
    // of a query with few matches is exact, not Xapian's estimate.
    const Xapian::doccount check_at_least =
        o.facets ? db_.get_doccount()
                 : static_cast<Xapian::doccount>(std::max<std::size_t>(o.offset + limit, kExactTotalUpTo));
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(o.offset), limit, check_at_least);
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    // Asks for every hit's document before reading any: a remote shard then answers them
    // in one exchange instead of one round trip per hit. Item by item: MSet::fetch() of
    // the whole set crashes Xapian 1.4.22 when the set starts past the first match.
    for (auto it = mset.begin(); it != mset.end(); ++it) mset.fetch(it);
    if (o.facets) {
        for (auto it = by_source.values_begin(); it != by_source.values_end(); ++it) {
            result.source_counts[*it] += it.get_termfreq();
        }
        for (auto it = by_date.values_begin(); it != by_date.values_end(); ++it) {
            result.year_counts[(*it).substr(0, 4)] += it.get_termfreq();
            if ((*it).size() >= 6) result.month_counts[(*it).substr(0, 4) + "-" + (*it).substr(4, 2)] += it.get_termfreq();
        }
    }
    std::size_t rank = o.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        const Xapian::Document doc = it.get_document();
        const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
        std::string body;
        if (data.is_object()) {
            hit.id = data.value(field::kId, "");
            hit.title = data.value(field::kTitle, "");
            hit.date = data.value(field::kDate, "");
            hit.source = data.value(field::kSource, "");
            body = data.value(field::kBody, "");
        }
        // The query's terms, not the document's matching terms: the spans are found by
        // analyzing the text, which yields only terms the document holds, and a remote
        // shard would send the whole term list of every hit (a round trip and thousands
        // of terms for a long cable).
        if (hit.rank - o.offset <= o.detailed) describe(hit, body, query_terms, reasons, o);
        result.hits.push_back(std::move(hit));
    }
    return result;
}

namespace {

struct Span {
    std::size_t begin, end;
    std::string via;
};

// The spans of @p text whose terms are among @p terms (without field prefix), with why
// each matched.
std::vector<Span> matching_spans(Analyzer& analyzer, const std::string& text,
                                 const std::unordered_set<std::string>& terms, const NameReasons& reasons) {
    const TextAnalysis a = analyzer.analyze(text, AnalysisMode::Document);
    std::vector<Span> spans;
    std::vector<char> taken(a.tokens.size(), 0);
    for (const ConceptMatch& m : a.concepts) {
        const auto& families = analyzer.lexicon().families();
        const auto& fam = families[static_cast<std::size_t>(m.family)];
        std::string via;
        if (terms.count(prefix::kConcept + fam.id)) {
            via = "family " + fam.id;
        } else {
            for (const int up : fam.broader) {
                const auto& b = families[static_cast<std::size_t>(up)];
                if (terms.count(prefix::kConcept + b.id)) {
                    via = "family " + b.id + " (as " + fam.id + ")";
                    break;
                }
            }
        }
        if (via.empty()) continue;
        std::size_t begin = a.tokens[m.first].token.begin;
        // Include an article written before the name (al-Sadr, Al Basrah).
        if (m.first > 0 && a.tokens[m.first - 1].kind == TokenKind::Article) {
            begin = a.tokens[m.first - 1].token.begin;
        }
        spans.push_back({begin, a.tokens[m.last].token.end, via});
        for (std::size_t k = m.first; k <= m.last; ++k) taken[k] = 1;
    }
    // A name of several words found as the one name it writes (Abdul Aziz for Abdulaziz).
    for (const NameCompound& c : name_compounds(a, text, AnalysisMode::Document)) {
        if (std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(c.first),
                        taken.begin() + static_cast<std::ptrdiff_t>(c.last) + 1, [](char k) { return k != 0; })) {
            continue;
        }
        const std::string term = name_term("", c.block, c.spelling);
        if (!terms.count(term)) continue;
        const auto it = reasons.find(term);
        spans.push_back({a.tokens[c.first].token.begin, a.tokens[c.last].token.end,
                         it == reasons.end() ? "name" : it->second});
        std::fill(taken.begin() + static_cast<std::ptrdiff_t>(c.first),
                  taken.begin() + static_cast<std::ptrdiff_t>(c.last) + 1, 1);
    }
    for (std::size_t i = 0; i < a.tokens.size(); ++i) {
        if (taken[i]) continue;
        const AnalyzedToken& t = a.tokens[i];
        std::string via;
        if (is_name(t, AnalysisMode::Document)) {
            const std::string term = name_term("", t.block, name_spelling(t));
            if (terms.count(term)) {
                auto it = reasons.find(term);
                via = it == reasons.end() ? "name" : it->second;
            }
        }
        if (via.empty() && terms.count(t.norm)) {
            auto it = reasons.find(t.norm);
            via = it == reasons.end() ? "word" : it->second;
        }
        if (via.empty() && has_english_stem(t, a.covered_by[i] >= 0) && terms.count(prefix::kStem + t.stem)) {
            via = "word";
        }
        if (!via.empty()) spans.push_back({t.token.begin, t.token.end, via});
    }
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.begin < y.begin; });
    return spans;
}

// Moves @p i back to the start of a UTF-8 character.
std::size_t char_start(const std::string& s, std::size_t i) {
    while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

std::string collapse_space(const std::string& s) {
    std::string out;
    bool space = false;
    for (const char c : s) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (space) out += ' ';
    return out;
}

// The page (from 1) of byte @p at in a body whose pages are separated by form feeds (a
// PDF's), or 0 in a body without pages.
std::size_t page_at(const std::string& body, std::size_t at) {
    if (body.find('\f') == std::string::npos) return 0;
    return 1 + static_cast<std::size_t>(std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(std::min(at, body.size())), '\f'));
}

}  // namespace

void Searcher::describe(Hit& hit, const std::string& body, const std::vector<std::string>& query_terms,
                        const NameReasons& reasons, const SearchOptions& o) {
    hit.detailed = true;
    std::unordered_set<std::string> terms, title_terms;
    for (const std::string& t : query_terms) {
        if (t.rfind(prefix::kStem + std::string(prefix::kTitle), 0) == 0) {
            title_terms.insert(prefix::kStem + t.substr(2));
        } else if (t.rfind(prefix::kTitle, 0) == 0) {
            title_terms.insert(t.substr(1));
        } else {
            terms.insert(t);
        }
    }
    title_terms.insert(terms.begin(), terms.end());
    std::vector<MatchedSpelling> matched;
    std::set<std::pair<std::string, std::string>> seen;
    auto note = [&](const std::string& text, const std::vector<Span>& spans) {
        for (const Span& s : spans) {
            std::string surface = collapse_space(text.substr(s.begin, s.end - s.begin));
            if (seen.insert({surface, s.via}).second && matched.size() < 12) {
                matched.push_back({surface, s.via});
            }
        }
    };
    const std::vector<Span> title_spans = matching_spans(analyzer_, hit.title, title_terms, reasons);
    const std::vector<Span> spans = matching_spans(analyzer_, body, terms, reasons);
    note(hit.title, title_spans);
    note(body, spans);
    hit.matched = std::move(matched);

    // The snippet: the window of the body with the most matched spans.
    std::size_t best_start = 0, best_count = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        std::size_t count = 0;
        for (std::size_t j = i; j < spans.size() && spans[j].end <= spans[i].begin + o.snippet_bytes; ++j) ++count;
        if (count > best_count) {
            best_count = count;
            best_start = i;
        }
    }
    std::size_t begin = 0;
    if (best_count > 0) {
        // Some context before the first match.
        const std::size_t lead = o.snippet_bytes / 5;
        begin = spans[best_start].begin > lead ? spans[best_start].begin - lead : 0;
        begin = char_start(body, begin);
        while (begin > 0 && begin < body.size() && body[begin - 1] != ' ' && body[begin - 1] != '\n') --begin;
    }
    std::size_t end = std::min(body.size(), begin + o.snippet_bytes);
    end = char_start(body, end);
    while (end < body.size() && end > begin && body[end] != ' ' && body[end] != '\n') --end;
    if (end <= begin) end = std::min(body.size(), begin + o.snippet_bytes);
    std::vector<SnippetPart> parts;
    if (begin > 0) parts.push_back({"…", false});
    std::size_t at = begin;
    for (const Span& s : spans) {
        if (s.begin < at || s.end > end) continue;
        if (s.begin > at) parts.push_back({collapse_space(body.substr(at, s.begin - at)), false});
        parts.push_back({collapse_space(body.substr(s.begin, s.end - s.begin)), true});
        at = s.end;
    }
    if (end > at) parts.push_back({collapse_space(body.substr(at, end - at)), false});
    if (end < body.size()) parts.push_back({"…", false});
    hit.snippet = std::move(parts);
    hit.page = page_at(body, best_count > 0 ? spans[best_start].begin : begin);
}

bool Searcher::document(const std::string& id, const std::string& query, DocumentView& out) {
    Xapian::PostingIterator it = db_.postlist_begin(prefix::kId + id);
    if (it == db_.postlist_end(prefix::kId + id)) return false;
    const Xapian::Document doc = db_.get_document(*it);
    const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (!data.is_object()) return false;
    out.id = data.value(field::kId, "");
    out.title = data.value(field::kTitle, "");
    out.date = data.value(field::kDate, "");
    out.source = data.value(field::kSource, "");
    out.meta = data.value(field::kMeta, nlohmann::json::object());
    const std::string body = data.value(field::kBody, "");
    std::unordered_set<std::string> terms;
    NameReasons reasons;
    if (!query.empty()) {
        QueryReport report;
        const Xapian::Query q = builder_.build(query, Xapian::Query::OP_AND, &report);
        for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) terms.insert(*t);
        reasons = name_reasons(report);
    }
    const std::vector<Span> spans = matching_spans(analyzer_, body, terms, reasons);
    std::set<std::pair<std::string, std::string>> seen;
    std::size_t at = 0;
    for (const Span& s : spans) {
        if (s.begin < at) continue;
        if (s.begin > at) out.body.push_back({body.substr(at, s.begin - at), false});
        const std::string text = body.substr(s.begin, s.end - s.begin);
        out.body.push_back({text, true});
        if (seen.insert({collapse_space(text), s.via}).second) out.matched.push_back({collapse_space(text), s.via});
        at = s.end;
    }
    if (at < body.size()) out.body.push_back({body.substr(at), false});
    return true;
}

}  // namespace tigris
