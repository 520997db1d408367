// The counts the search page draws, each from one pass of Xapian's matcher with its own
// value-count match spies (which remote databases run too).
#include "tigris/search_facets.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "tigris/query_builder.h"

namespace tigris {

namespace {

// A spelling and the query that finds the documents writing it.
struct SpellingProbe {
    std::string text, via;
    Xapian::Query query;
};

// A name's indexed spelling as a reader writes it: capitals at the words' starts.
std::string display_name(std::string spelling) {
    for (std::size_t i = 0; i < spelling.size(); ++i) {
        if (i == 0 || spelling[i - 1] == ' ') spelling[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(spelling[i])));
    }
    return spelling;
}

// The spellings of the names the query was read as (those in some document).
void name_probes(const QueryReport& report, std::vector<SpellingProbe>& out) {
    const NameReasons reasons = name_reasons(report);
    for (const NameExpansion& e : report.names) {
        if (!e.field_prefix.empty()) continue;  // title: its terms hold the same spellings
        for (const NameCandidate& c : e.spellings) {
            if (c.documents == 0) continue;
            const auto why = reasons.find(c.term);
            out.push_back({display_name(c.spelling), why == reasons.end() ? "name" : why->second, Xapian::Query(c.term)});
        }
    }
}

// The listed variants and acronyms of the families the query names (those whose terms
// are in the index), as the query builder searches them in an index built before.
void family_probes(const Xapian::Database& db, const Lexicon& lexicon, const Xapian::Query& query,
                   std::vector<SpellingProbe>& out) {
    const auto present = [&](const std::string& term) { return db.get_termfreq(term) > 0; };
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (term.rfind(prefix::kConcept, 0) != 0) continue;  // not a family (or one in title:)
        const int index = lexicon.find_family(term.substr(std::string(prefix::kConcept).size()));
        if (index < 0) continue;
        const Lexicon::Family& fam = lexicon.families()[static_cast<std::size_t>(index)];
        const std::string via = "family " + fam.id;
        for (std::size_t v = 0; v < fam.variant_words.size(); ++v) {
            const auto& words = fam.variant_words[v];
            if (words.size() == 1) {
                const std::string one = fam.variant_stems[v].empty() ? words[0] : prefix::kStem + fam.variant_stems[v];
                if (present(one)) out.push_back({fam.variants[v], via, Xapian::Query(one)});
                continue;
            }
            if (!std::all_of(words.begin(), words.end(), present)) continue;
            const std::vector<Xapian::Query> parts(words.begin(), words.end());
            out.push_back({fam.variants[v], via, Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end())});
        }
        for (const std::string& acronym : fam.acronyms) {
            if (present(prefix::kAcronym + acronym)) out.push_back({acronym, via, Xapian::Query(prefix::kAcronym + acronym)});
        }
    }
}

struct Counts {
    std::uint64_t total = 0;
    std::map<std::string, std::uint64_t> by_month, by_source;
};

// The matches of @p q counted by month and by source, over every document (no ranking).
Counts count(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy dates(slot::kDate), sources(slot::kSource);
    enquire.add_matchspy(&dates);
    enquire.add_matchspy(&sources);
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    Counts c;
    c.total = mset.get_matches_estimated();  // exact: every match was looked at
    for (auto it = dates.values_begin(); it != dates.values_end(); ++it) {
        if ((*it).size() >= 6) c.by_month[(*it).substr(0, 4) + "-" + (*it).substr(4, 2)] += it.get_termfreq();
    }
    for (auto it = sources.values_begin(); it != sources.values_end(); ++it) c.by_source[*it] += it.get_termfreq();
    return c;
}

}  // namespace

FacetCounts count_facets(Searcher& searcher, const std::string& query, const SearchOptions& options) {
    const Xapian::Database& db = searcher.database();
    QueryReport report;
    const Xapian::Query q = searcher.query_builder().build(query, options.op, &report);
    FacetCounts out;
    const Counts all = count(db, apply_filters(q, options, false));
    out.timeline = all.by_month;
    std::uint64_t dated = 0;
    for (const auto& [month, n] : all.by_month) dated += n;
    out.undated = all.total > dated ? all.total - dated : 0;

    std::vector<SpellingProbe> probes;
    name_probes(report, probes);
    family_probes(db, searcher.analyzer().lexicon(), q, probes);
    const Xapian::Query filtered = apply_filters(q, options);
    std::set<std::string> seen;  // a probe once: Shi'a and Shi’a are one term
    for (const SpellingProbe& p : probes) {
        if (!seen.insert(p.query.get_description()).second) continue;
        if (out.spellings.size() == kMaxSpellingFacets) {
            ++out.spellings_left_out;
            continue;
        }
        const Counts c = count(db, Xapian::Query(Xapian::Query::OP_FILTER, filtered, p.query));
        if (c.total == 0) continue;
        out.spellings.push_back({p.text, p.via, c.total, c.by_month, c.by_source});
    }
    return out;
}

nlohmann::json to_json(const FacetCounts& c) {
    nlohmann::json spellings = nlohmann::json::array();
    for (const SpellingFacet& s : c.spellings) {
        spellings.push_back({{"text", s.text}, {"via", s.via}, {"documents", s.documents},
                             {"month", s.by_month}, {"source", s.by_source}});
    }
    return {{"timeline", c.timeline}, {"undated", c.undated}, {"spellings", spellings},
            {"spellings_left_out", c.spellings_left_out}};
}

}  // namespace tigris
