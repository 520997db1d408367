#include "tigris/suggest.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "tigris/solr_format.h"

namespace tigris {

namespace {

struct Spelling {
    std::size_t documents = 0;
    std::string example_id, example;
};

std::string context_of(const std::string& text, std::size_t begin, std::size_t end) {
    const std::size_t from = begin > 60 ? begin - 60 : 0;
    std::string s = text.substr(from, std::min(text.size(), end + 60) - from);
    for (char& c : s) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    // Cut at character boundaries.
    while (!s.empty() && (static_cast<unsigned char>(s.front()) & 0xC0) == 0x80) s.erase(0, 1);
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80) != 0) s.pop_back();
    return "..." + s + "...";
}

}  // namespace

std::vector<Suggestion> suggest_families(const Xapian::Database& db, Analyzer& analyzer,
                                         std::size_t min_documents, std::size_t limit) {
    // Surface spelling (as written, capitalized) → documents; key → spellings.
    std::unordered_map<std::string, Spelling> names;
    std::unordered_map<std::string, std::string> display;
    // Names an English speller knows (London, January) are not transliterations.
    const auto known_names = EnglishWords::builtin_proper_names();
    const EnglishWords& known = *known_names;
    // Block key → the spellings (normalized) with it; spelling → how it was first written.
    std::unordered_map<std::string, std::set<std::string>> by_block;
    // Acronym → expansion → documents.
    std::map<std::pair<std::string, std::string>, Spelling> defined;

    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
        if (!data.is_object()) continue;
        const std::string id = data.value("id", "");
        const std::string text = data.value("title", "") + "\n\n" + data.value("body", "");
        const TextAnalysis a = analyzer.analyze(text, AnalysisMode::Document);
        std::unordered_set<std::string> seen_here;
        for (std::size_t i = 0; i < a.tokens.size(); ++i) {
            const AnalyzedToken& t = a.tokens[i];
            // Acronym definitions: "Iraqi Security Forces (ISF)" — the capitalized words
            // before "(" whose initials spell the acronym.
            if (t.token.has(kAllCaps) && !t.token.has(kCapsContext) && !t.norm.empty() &&
                t.token.begin > 0 && text[t.token.begin - 1] == '(' && t.norm.size() >= 2 && t.norm.size() <= 6) {
                const std::string acronym(t.token.surface(text));
                std::size_t n = acronym.size();
                if (i >= n) {
                    std::string initials, expansion;
                    bool ok = true;
                    for (std::size_t k = i - n; k < i; ++k) {
                        const AnalyzedToken& w = a.tokens[k];
                        if (!w.token.has(kCapitalized) || w.token.has(kAllCaps)) {
                            ok = false;
                            break;
                        }
                        initials += static_cast<char>(std::toupper(static_cast<unsigned char>(w.norm[0])));
                    }
                    if (ok && initials == acronym && analyzer.lexicon().acronym_family(acronym) < 0) {
                        expansion = std::string(
                            text.substr(a.tokens[i - n].token.begin, a.tokens[i - 1].token.end - a.tokens[i - n].token.begin));
                        for (char& c : expansion) {
                            if (c == '\n') c = ' ';
                        }
                        Spelling& s = defined[{acronym, expansion}];
                        if (seen_here.insert("acr:" + acronym + expansion).second) ++s.documents;
                        if (s.example.empty()) {
                            s.example_id = id;
                            s.example = context_of(text, a.tokens[i - n].token.begin, t.token.end);
                        }
                    }
                }
            }
            if (t.kind != TokenKind::Name || !is_name(t, AnalysisMode::Document) || a.covered_by[i] >= 0 ||
                t.token.has(kCapsContext) || !t.token.has(kCapitalized) || t.token.has(kAllCaps)) {
                continue;
            }
            // One spelling per normalized form, shown as first written.
            const std::string bare(TokenAnalysis::strip_possessive(t.norm));
            if (bare.size() < 5 || known.contains(bare)) continue;
            auto shown = display.emplace(bare, std::string(t.token.surface(text).substr(0, bare.size()))).first;
            const std::string& surface = shown->second;
            Spelling& s = names[surface];
            if (seen_here.insert(surface).second) ++s.documents;
            if (s.example.empty()) {
                s.example_id = id;
                s.example = context_of(text, t.token.begin, t.token.end);
            }
            by_block[t.block].insert(bare);
        }
    }

    std::vector<Suggestion> out;
    for (const auto& [pair, s] : defined) {
        if (s.documents < min_documents) continue;
        Suggestion g;
        g.canonical = pair.second;
        g.id = family_id_for(pair.second);
        g.kind = "org";
        g.variants = {pair.second};
        g.acronyms = {pair.first};
        g.documents = s.documents;
        g.example_id = s.example_id;
        g.example = s.example;
        g.reason = "acronym " + pair.first + " defined as \"" + pair.second + "\" in " + std::to_string(s.documents) +
                   " documents";
        out.push_back(std::move(g));
    }

    // Spellings with one block key that the scorer keeps apart, but only just (within
    // twice its threshold): the ones a curator may want to join (Tikrit/Tekrit).
    auto documents_of = [&](const std::string& bare) { return names[display[bare]].documents; };
    const NameScorer& scorer = analyzer.scorer();
    std::map<std::string, std::set<std::string>> neighbours;
    for (const auto& [block, spellings] : by_block) {
        std::vector<std::string> frequent;
        for (const auto& bare : spellings) {
            if (documents_of(bare) >= min_documents) frequent.push_back(bare);
        }
        for (std::size_t x = 0; x < frequent.size(); ++x) {
            for (std::size_t y = x + 1; y < frequent.size(); ++y) {
                const double d = scorer.distance(frequent[x], frequent[y], 2 * scorer.threshold());
                if (d > scorer.threshold() && d <= 2 * scorer.threshold()) {
                    neighbours[frequent[x]].insert(frequent[y]);
                    neighbours[frequent[y]].insert(frequent[x]);
                }
            }
        }
    }
    // A cluster: a spelling and its direct neighbours, led by the most frequent one.
    std::vector<std::string> leaders;
    for (const auto& [bare, ns] : neighbours) leaders.push_back(bare);
    std::stable_sort(leaders.begin(), leaders.end(), [&](const std::string& a, const std::string& b) {
        return documents_of(a) > documents_of(b);
    });
    std::set<std::string> used;
    for (const auto& leader : leaders) {
        if (used.count(leader)) continue;
        std::vector<std::string> members{leader};
        for (const auto& n : neighbours[leader]) {
            if (!used.count(n)) members.push_back(n);
        }
        if (members.size() < 2) continue;
        for (const auto& m : members) used.insert(m);
        std::vector<std::pair<std::size_t, std::string>> spellings;
        for (const auto& bare : members) spellings.emplace_back(documents_of(bare), display[bare]);
        std::sort(spellings.rbegin(), spellings.rend());
        Suggestion g;
        g.kind = "term";
        g.canonical = spellings.front().second;
        g.id = family_id_for(g.canonical);
        std::size_t docs = 0;
        for (const auto& [n, surface] : spellings) {
            g.variants.push_back(surface);
            docs += n;
        }
        g.documents = docs;
        const Spelling& best = names[spellings.front().second];
        g.example_id = best.example_id;
        g.example = best.example;
        std::ostringstream why;
        why << "spellings the name rules keep apart, but only just:";
        for (const auto& [n, surface] : spellings) why << " " << surface << " " << n;
        g.reason = why.str();
        out.push_back(std::move(g));
    }
    std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
        return a.documents != b.documents ? a.documents > b.documents : a.id < b.id;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

std::string suggestions_yaml(const std::vector<Suggestion>& suggestions) {
    std::ostringstream out;
    out << "# Suggested by tigris synonyms suggest: check each before adding it (kind is a guess).\n"
        << "version: 1\nfamilies:\n";
    auto list = [](const std::vector<std::string>& items) {
        std::string s = "[";
        for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + nlohmann::json(items[i]).dump();
        return s + "]";
    };
    for (const Suggestion& g : suggestions) {
        out << "  # " << g.documents << " documents; " << g.reason << "\n"
            << "  # e.g. " << g.example_id << ": " << g.example << "\n"
            << "  - id: " << g.id << "\n    kind: " << g.kind << "\n    canonical: "
            << nlohmann::json(g.canonical).dump() << "\n    variants: " << list(g.variants) << "\n";
        if (!g.acronyms.empty()) out << "    acronyms: " << list(g.acronyms) << "\n";
    }
    return out.str();
}

}  // namespace tigris
