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

// The keys one deletion away: two keys within one edit share one of these.
std::vector<std::string> deletions(const std::string& key) {
    std::vector<std::string> out{key};
    for (std::size_t i = 0; i < key.size(); ++i) out.push_back(key.substr(0, i) + key.substr(i + 1));
    return out;
}

}  // namespace

std::vector<Suggestion> suggest_families(const Xapian::Database& db, const Analyzer& analyzer,
                                         std::size_t min_documents, std::size_t limit) {
    // Surface spelling (as written, capitalized) → documents; key → spellings.
    std::unordered_map<std::string, Spelling> names;
    std::unordered_map<std::string, std::string> display;
    // Names an English speller knows (London, January) are not transliterations.
    const auto known_names = EnglishWords::builtin_proper_names();
    const EnglishWords& known = *known_names;
    std::unordered_map<std::string, std::set<std::string>> by_key;
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
            if (t.token.has(kAllCaps) && !t.token.has(kCapsContext) && t.key.size() + t.norm.size() > 0 &&
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
            if (!Analyzer::emits_key(t) || a.covered_by[i] >= 0 || t.token.has(kCapsContext)) continue;
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
            by_key[t.key].insert(surface);
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

    // Keys one letter apart: spellings the rules keep apart.
    auto key_documents = [&](const std::string& key) {
        std::size_t n = 0;
        for (const auto& surface : by_key[key]) n += names[surface].documents;
        return n;
    };
    std::vector<std::string> keys;
    for (const auto& [key, surfaces] : by_key) {
        if (key.size() >= 5 && key_documents(key) >= min_documents) keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    std::unordered_map<std::string, std::vector<std::string>> buckets;
    for (const auto& key : keys) {
        for (const auto& d : deletions(key)) buckets[d].push_back(key);
    }
    // Pairs of keys one plausible transliteration edit apart: a vowel for a vowel, a
    // vowel added or dropped inside the word (Tikrit/Tekrit, Sadr/Sader), or a
    // consonant of the same class (q/k/g, d/t/z, s/z, h/k). Not an added ending: that
    // is a derivation (Israel/Israeli), not a spelling.
    auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
    auto same_class = [&](char x, char y) {
        if (vowel(x) && vowel(y)) return true;
        for (const char* cls : {"kqgc", "dtz", "sz", "hk"}) {
            const std::string c(cls);
            if (c.find(x) != std::string::npos && c.find(y) != std::string::npos) return true;
        }
        return false;
    };
    auto plausible = [&](const std::string& a, const std::string& b) {
        if (a.compare(0, std::min(a.size(), b.size()), b, 0, std::min(a.size(), b.size())) == 0) return false;
        if (a.size() == b.size()) {
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (a[i] != b[i]) return same_class(a[i], b[i]);
            }
            return false;
        }
        const std::string& longer = a.size() > b.size() ? a : b;
        const std::string& shorter = a.size() > b.size() ? b : a;
        for (std::size_t i = 0; i < longer.size(); ++i) {
            if (i == shorter.size() || longer[i] != shorter[i]) {
                return vowel(longer[i]) && i + 1 < longer.size() && i > 0;
            }
        }
        return false;
    };
    std::map<std::string, std::set<std::string>> neighbours;
    for (const auto& [d, ks] : buckets) {
        for (std::size_t x = 0; x < ks.size(); ++x) {
            for (std::size_t y = x + 1; y < ks.size(); ++y) {
                if (plausible(ks[x], ks[y])) {
                    neighbours[ks[x]].insert(ks[y]);
                    neighbours[ks[y]].insert(ks[x]);
                }
            }
        }
    }
    // A cluster: a key and its direct neighbours, led by the most frequent key.
    std::vector<std::string> leaders;
    for (const auto& [key, ns] : neighbours) leaders.push_back(key);
    std::sort(leaders.begin(), leaders.end(), [&](const std::string& a, const std::string& b) {
        return key_documents(a) > key_documents(b);
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
        for (const auto& key : members) {
            for (const auto& surface : by_key[key]) spellings.emplace_back(names[surface].documents, surface);
        }
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
        why << "spellings the variant rules keep apart:";
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
