// A result set as the API's JSON, and as CSV or JSON to download (every field plain
// text); snippets as text or HTML; the explanation of a query.
#include "tigris/result_format.h"

#include <cstdio>

namespace tigris {

std::string html_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string render_snippet(const std::vector<SnippetPart>& parts, const std::string& on,
                           const std::string& off, bool html) {
    std::string out;
    for (const SnippetPart& p : parts) {
        const std::string text = html ? html_escape(p.text) : p.text;
        out += p.highlighted ? on + text + off : text;
    }
    return out;
}

namespace {

// A spelling in the index a query's name met: {"spelling", "documents", "cost", "differences"}.
nlohmann::json spelling_json(const NameCandidate& c) {
    return {{"spelling", c.spelling}, {"documents", c.documents}, {"cost", c.cost}, {"differences", c.differences}};
}

}  // namespace

nlohmann::json to_json(const SearchResult& r) {
    nlohmann::json hits = nlohmann::json::array();
    for (const Hit& h : r.hits) {
        nlohmann::json j = {{"rank", h.rank},   {"id", h.id},         {"score", h.score},
                            {"title", h.title}, {"date", h.date},     {"source", h.source}};
        if (h.detailed) {
            if (h.page > 0) j["page"] = h.page;
            j["snippet"] = render_snippet(h.snippet, "<b>", "</b>", true);
            nlohmann::json matched = nlohmann::json::array();
            for (const MatchedSpelling& m : h.matched) matched.push_back({{"text", m.text}, {"via", m.via}});
            j["matched"] = matched;
        }
        hits.push_back(std::move(j));
    }
    nlohmann::json out = {{"query", r.query}, {"total", r.total}, {"total_exact", r.total_exact}, {"hits", hits}};
    if (!r.source_counts.empty() || !r.year_counts.empty()) {
        out["facets"] = {{"source", r.source_counts}, {"year", r.year_counts}, {"month", r.month_counts}};
    }
    if (!r.suggested.empty()) {
        nlohmann::json names = nlohmann::json::array();
        for (const NameExpansion& e : r.suggested) {
            nlohmann::json suggestions = nlohmann::json::array();
            for (const NameCandidate& c : e.suggestions) suggestions.push_back(spelling_json(c));
            names.push_back({{"text", e.spelling}, {"suggestions", suggestions}});
        }
        out["did_you_mean"] = {{"names", names}};
        if (!r.did_you_mean.empty()) out["did_you_mean"]["query"] = r.did_you_mean;
    }
    return out;
}

nlohmann::json explain_json(QueryBuilder& builder, const std::string& query, const Xapian::Query& executed) {
    nlohmann::json words = nlohmann::json::array();
    for (const auto& w : builder.explain(query)) {
        nlohmann::json word = {{"text", w.text}, {"norm", w.norm}, {"kind", w.kind}, {"terms", w.terms}, {"via", w.via}};
        if (w.name) {
            // A name: the spellings joined and the close ones that were not, and why.
            nlohmann::json joined = nlohmann::json::array(), refused = nlohmann::json::array();
            for (const NameCandidate& c : w.name->spellings) {
                joined.push_back(spelling_json(c));
                if (!c.evidence.empty()) joined.back()["evidence"] = c.evidence;
            }
            for (const RefusedSpelling& r : w.name->refused) {
                refused.push_back({{"spelling", r.spelling}, {"documents", r.documents}, {"cost", r.cost},
                                   {"differences", r.differences}, {"reason", r.reason}});
            }
            word["spellings"] = joined;
            word["not_joined"] = refused;
            if (!w.name->note.empty()) word["note"] = w.name->note;
        }
        words.push_back(std::move(word));
    }
    return {{"query", query}, {"words", words}, {"xapian_query", executed.get_description()}};
}

namespace {

std::string matched_text(const std::vector<MatchedSpelling>& matched) {
    std::string out;
    for (const MatchedSpelling& m : matched) out += (out.empty() ? "" : "; ") + m.text + " (" + m.via + ")";
    return out;
}

// The snippet as plain text, without the spaces a line break at either end left.
std::string plain_snippet(const std::vector<SnippetPart>& parts) {
    std::string s = render_snippet(parts, "", "", false);
    const std::size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string score_text(double score) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", score);
    return buf;
}

// One CSV field: quoted when it holds a comma, quote or line break; a formula's first
// character defused (OWASP's advice on CSV injection: a title from a hostile file must
// not run in the analyst's spreadsheet).
std::string csv_field(std::string value) {
    if (!value.empty() && std::string("=+-@\t\r").find(value[0]) != std::string::npos) value.insert(0, "'");
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (const char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string to_csv(const SearchResult& r) {
    std::string out;
    for (const char* column : kExportColumns) out += std::string(out.empty() ? "" : ",") + column;
    out += "\r\n";
    for (const Hit& h : r.hits) {
        const std::string fields[] = {std::to_string(h.rank),
                                      h.id,
                                      h.title,
                                      h.date,
                                      h.source,
                                      score_text(h.score),
                                      h.page ? std::to_string(h.page) : "",
                                      matched_text(h.matched),
                                      plain_snippet(h.snippet)};
        std::string row;
        for (const std::string& f : fields) row += (row.empty() ? "" : ",") + csv_field(f);
        out += row + "\r\n";
    }
    return out;
}

nlohmann::json to_export_json(const SearchResult& r) {
    nlohmann::json hits = nlohmann::json::array();
    for (const Hit& h : r.hits) {
        nlohmann::json matched = nlohmann::json::array();
        for (const MatchedSpelling& m : h.matched) matched.push_back({{"text", m.text}, {"via", m.via}});
        nlohmann::json j = {{"rank", h.rank},     {"id", h.id},          {"title", h.title},
                            {"date", h.date},     {"source", h.source},  {"score", h.score},
                            {"matched", matched}, {"snippet", plain_snippet(h.snippet)}};
        if (h.page > 0) j["page"] = h.page;
        hits.push_back(std::move(j));
    }
    return {{"query", r.query}, {"total", r.total}, {"total_exact", r.total_exact}, {"exported", r.hits.size()}, {"hits", hits}};
}

}  // namespace tigris
