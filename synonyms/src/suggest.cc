#include "tigris/suggest.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "tigris/solr_format.h"
#include "tigris/synonym_yaml.h"

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

// What one pass over the documents gathers: the names outside the lexicon and the
// acronyms defined in the text.
class Miner {
  public:
    Miner(Analyzer& analyzer, std::size_t min_documents)
        : analyzer_(analyzer), known_(EnglishWords::builtin_proper_names()), min_documents_(min_documents) {}

    void read(const std::string& id, const std::string& text) {
        const TextAnalysis a = analyzer_.analyze(text, AnalysisMode::Document);
        std::unordered_set<std::string> seen_here;
        for (std::size_t i = 0; i < a.tokens.size(); ++i) {
            definition(id, text, a, i, seen_here);
            name(id, text, a, i, seen_here);
        }
    }

    // Acronyms defined often enough, as families of their own.
    void acronym_suggestions(std::vector<Suggestion>& out) const {
        for (const auto& [pair, s] : defined_) {
            if (s.documents < min_documents_) continue;
            Suggestion g;
            g.canonical = pair.second;
            g.id = family_id_for(pair.second);
            g.kind = "org";
            g.variants = {pair.second};
            g.acronyms = {pair.first};
            g.documents = s.documents;
            g.example_id = s.example_id;
            g.example = s.example;
            g.reason = "acronym " + pair.first + " defined as \"" + pair.second + "\" in " +
                       std::to_string(s.documents) + " documents";
            out.push_back(std::move(g));
        }
    }

    // Clusters of spellings the scorer keeps apart only just: a spelling and its direct
    // neighbours, led by the most frequent one.
    void spelling_suggestions(std::vector<Suggestion>& out) {
        std::map<std::string, std::set<std::string>> neighbours = near_spellings();
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
            out.push_back(cluster(members));
        }
    }

  private:
    // "Iraqi Security Forces (ISF)": the capitalized words before "(" whose initials
    // spell the acronym at token @p i, when the lexicon lacks it.
    void definition(const std::string& id, const std::string& text, const TextAnalysis& a, std::size_t i,
                    std::unordered_set<std::string>& seen_here) {
        const AnalyzedToken& t = a.tokens[i];
        if (!t.token.has(kAllCaps) || t.token.has(kCapsContext) || t.norm.empty() || t.token.begin == 0 ||
            text[t.token.begin - 1] != '(' || t.norm.size() < 2 || t.norm.size() > 6) {
            return;
        }
        const std::string acronym(t.token.surface(text));
        const std::size_t n = acronym.size();
        if (i < n) return;
        std::string initials;
        for (std::size_t k = i - n; k < i; ++k) {
            const AnalyzedToken& w = a.tokens[k];
            if (!w.token.has(kCapitalized) || w.token.has(kAllCaps)) return;
            initials += static_cast<char>(std::toupper(static_cast<unsigned char>(w.norm[0])));
        }
        if (initials != acronym || analyzer_.lexicon().acronym_family(acronym) >= 0) return;
        const std::size_t begin = a.tokens[i - n].token.begin;
        std::string expansion = text.substr(begin, a.tokens[i - 1].token.end - begin);
        for (char& c : expansion) {
            if (c == '\n') c = ' ';
        }
        Spelling& s = defined_[{acronym, expansion}];
        if (seen_here.insert("acr:" + acronym + expansion).second) ++s.documents;
        if (s.example.empty()) {
            s.example_id = id;
            s.example = context_of(text, begin, t.token.end);
        }
    }

    // A capitalized name outside the lexicon (and not one an English speller knows,
    // London, January), counted once per document by its first written form.
    void name(const std::string& id, const std::string& text, const TextAnalysis& a, std::size_t i,
              std::unordered_set<std::string>& seen_here) {
        const AnalyzedToken& t = a.tokens[i];
        if (t.kind != TokenKind::Name || !is_name(t, AnalysisMode::Document) || a.covered_by[i] >= 0 ||
            t.token.has(kCapsContext) || !t.token.has(kCapitalized) || t.token.has(kAllCaps)) {
            return;
        }
        const std::string bare(TokenAnalysis::strip_possessive(t.norm));
        if (bare.size() < 5 || known_->contains(bare)) return;
        const std::string& surface =
            display_.emplace(bare, std::string(t.token.surface(text).substr(0, bare.size()))).first->second;
        Spelling& s = names_[surface];
        if (seen_here.insert(surface).second) ++s.documents;
        if (s.example.empty()) {
            s.example_id = id;
            s.example = context_of(text, t.token.begin, t.token.end);
        }
        by_block_[t.block].insert(bare);
    }

    std::size_t documents_of(const std::string& bare) { return names_[display_[bare]].documents; }

    // Frequent spellings with one block key that the scorer keeps apart, but only just
    // (within twice its threshold): the ones a curator may want to join (Tikrit/Tekrit).
    std::map<std::string, std::set<std::string>> near_spellings() {
        const NameScorer& scorer = analyzer_.scorer();
        std::map<std::string, std::set<std::string>> neighbours;
        for (const auto& [block, spellings] : by_block_) {
            std::vector<std::string> frequent;
            for (const auto& bare : spellings) {
                if (documents_of(bare) >= min_documents_) frequent.push_back(bare);
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
        return neighbours;
    }

    Suggestion cluster(const std::vector<std::string>& members) {
        std::vector<std::pair<std::size_t, std::string>> spellings;
        for (const auto& bare : members) spellings.emplace_back(documents_of(bare), display_[bare]);
        std::sort(spellings.rbegin(), spellings.rend());
        Suggestion g;
        g.kind = "term";
        g.canonical = spellings.front().second;
        g.id = family_id_for(g.canonical);
        std::ostringstream why;
        why << "spellings the name rules keep apart, but only just:";
        for (const auto& [n, surface] : spellings) {
            g.variants.push_back(surface);
            g.documents += n;
            why << " " << surface << " " << n;
        }
        const Spelling& best = names_[spellings.front().second];
        g.example_id = best.example_id;
        g.example = best.example;
        g.reason = why.str();
        return g;
    }

    Analyzer& analyzer_;
    std::shared_ptr<const EnglishWords> known_;
    std::size_t min_documents_;
    std::unordered_map<std::string, Spelling> names_;       // first written form → documents
    std::unordered_map<std::string, std::string> display_;  // normalized → first written form
    std::unordered_map<std::string, std::set<std::string>> by_block_;  // block key → spellings
    std::map<std::pair<std::string, std::string>, Spelling> defined_;  // (acronym, expansion)
};

}  // namespace

std::vector<Suggestion> suggest_families(const Xapian::Database& db, Analyzer& analyzer,
                                         std::size_t min_documents, std::size_t limit) {
    Miner miner(analyzer, min_documents);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const auto data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (!data.is_object()) continue;
        miner.read(data.value(field::kId, ""), data.value(field::kTitle, "") + "\n\n" + data.value(field::kBody, ""));
    }
    std::vector<Suggestion> out;
    miner.acronym_suggestions(out);
    miner.spelling_suggestions(out);
    std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
        return a.documents != b.documents ? a.documents > b.documents : a.id < b.id;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

std::string suggestions_yaml(const std::vector<Suggestion>& suggestions) {
    std::vector<FamilySpec> families;
    YamlComments comments;
    comments.header.push_back("Suggested by tigris synonyms suggest: check each before adding it (kind is a guess).");
    for (const Suggestion& g : suggestions) {
        FamilySpec f;
        f.id = g.id;
        f.kind = g.kind;
        f.canonical = g.canonical;
        for (const std::string& v : g.variants) f.variants.push_back({v, {}});
        for (const std::string& a : g.acronyms) f.acronyms.push_back({a, {}});
        families.push_back(std::move(f));
        comments.per_family.push_back({std::to_string(g.documents) + " documents; " + g.reason,
                                       "e.g. " + g.example_id + ": " + g.example});
    }
    return to_yaml(families, comments);
}

}  // namespace tigris
