#include "tigris/synonym_lint.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "tigris/lexicon.h"
#include "tigris/synonym_files.h"

namespace tigris {

std::string LintFinding::describe() const {
    return where.describe() + (error ? ": error: " : ": note: ") + message;
}

namespace {

// The families of the files of @p paths; what is wrong with them goes to @p problems.
std::vector<FamilySpec> read_families(const std::vector<std::string>& paths, std::vector<LexiconError>& problems) {
    std::vector<FamilySpec> all;
    for (const std::string& file : synonym_file_paths(paths)) {
        try {
            auto specs = read_synonym_file(file, &problems);
            all.insert(all.end(), std::make_move_iterator(specs.begin()), std::make_move_iterator(specs.end()));
        } catch (const LexiconError& e) {
            problems.push_back(e);  // the file is not YAML: nothing more to read in it
        }
    }
    return all;
}

// Two variants read the same when each word does: a word by its stem, a name by a
// spelling the scorer reads as the same name.
bool same_reading(const std::vector<MatchForm>& a, const std::vector<MatchForm>& b, const NameScorer& scorer) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (a[k].name != b[k].name) return false;
        if (a[k].text == b[k].text) continue;
        if (!a[k].name || a[k].block != b[k].block || !scorer.same_name(a[k].text, b[k].text)) return false;
    }
    return true;
}

// The variants of @p spec that are one English word (errors); with @p notes, which
// variants the rules read apart from the first (needed) and which as an earlier one
// (redundant).
void check_variants(const FamilySpec& spec, TokenAnalysis& analysis, const NameScorer& scorer, bool notes,
                    std::vector<AnalyzedToken>& tokens, std::vector<LintFinding>& findings) {
    // A path of match forms per variant, to find the ones the rules already join.
    std::vector<std::pair<std::vector<MatchForm>, const LexiconEntry*>> seen;
    // The canonical form is matched too (unless it is one of the acronyms).
    std::vector<LexiconEntry> checked = spec.variants;
    const bool canonical_listed =
        std::any_of(checked.begin(), checked.end(), [&](const LexiconEntry& e) { return e.text == spec.canonical; }) ||
        std::any_of(spec.acronyms.begin(), spec.acronyms.end(), [&](const LexiconEntry& e) { return e.text == spec.canonical; });
    if (!spec.canonical.empty() && !canonical_listed) checked.insert(checked.begin(), {spec.canonical, spec.where});
    for (const LexiconEntry& v : checked) {
        analysis.analyze(v.text, 1, tokens);
        std::vector<MatchForm> path;
        for (const AnalyzedToken& t : tokens) {
            if (t.kind != TokenKind::Article) path.push_back(TokenAnalysis::form_of(t));
        }
        // A cased variant matches only as written capitalized (Mecca, not a mecca for
        // tourists); an any_case one is an English word whose one sense is the family's.
        auto in = [&](const std::vector<LexiconEntry>& list) {
            return std::any_of(list.begin(), list.end(), [&](const LexiconEntry& e) { return e.text == v.text; });
        };
        const bool cased = in(spec.cased), any_case = in(spec.any_case);
        const bool english_word = path.size() == 1 && tokens.size() == 1 && tokens[0].kind == TokenKind::Word &&
                                  tokens[0].token.has(kHasLetter) && !tokens[0].token.has(kHasDigit);
        if (english_word && !cased && !any_case) {
            findings.push_back({v.where,
                                "variant \"" + v.text + "\" of family \"" + spec.id +
                                    "\" is the English word \"" + tokens[0].norm +
                                    "\": every \"" + tokens[0].norm +
                                    "\" in the text would match; list it under cased (matched only "
                                    "capitalized), under any_case (its one sense is the family's), make it an "
                                    "acronym (exact case) or part of a longer variant",
                                true});
        }
        if (any_case && !english_word) {
            findings.push_back({v.where,
                                "variant \"" + v.text + "\" of family \"" + spec.id +
                                    "\" is listed under any_case but is not one English word: it is matched in "
                                    "any case without it",
                                true});
        }
        if (path.empty()) continue;
        auto it = std::find_if(seen.begin(), seen.end(),
                               [&](const auto& p) { return same_reading(p.first, path, scorer); });
        const bool inserted = it == seen.end();
        if (inserted) seen.emplace_back(path, &v);
        if (inserted && notes && &v != &checked.front()) {
            findings.push_back({v.where,
                                "variant \"" + v.text + "\" of family \"" + spec.id +
                                    "\" is needed: the rules read it apart from \"" + checked.front().text + "\"",
                                false});
        }
        if (!inserted && notes) {
            findings.push_back({v.where,
                                "variant \"" + v.text + "\" of family \"" + spec.id +
                                    "\" is redundant: the rules already read it as \"" + it->second->text +
                                    "\" (" + it->second->where.describe() + ")",
                                false});
        }
    }
}

}  // namespace

std::vector<LintFinding> lint_synonym_files(const std::vector<std::string>& paths,
                                            TokenAnalysis& analysis, bool notes) {
    std::vector<LexiconError> problems;
    std::vector<FamilySpec> all = read_families(paths, problems);
    check_broader_cycles(all, &problems);
    const auto lexicon = Lexicon::compile(all, analysis, &problems);
    std::vector<LintFinding> findings;
    for (const LexiconError& e : problems) findings.push_back({e.where(), e.problem(), true});

    std::vector<AnalyzedToken> tokens;
    for (const FamilySpec& spec : all) check_variants(spec, analysis, lexicon->scorer(), notes, tokens, findings);
    std::sort(findings.begin(), findings.end(), [](const LintFinding& a, const LintFinding& b) {
        return std::tie(a.where.file, a.where.line, a.where.column, a.message) <
               std::tie(b.where.file, b.where.line, b.where.column, b.message);
    });
    findings.erase(std::unique(findings.begin(), findings.end(),
                               [](const LintFinding& a, const LintFinding& b) {
                                   return a.describe() == b.describe();
                               }),
                   findings.end());
    return findings;
}

}  // namespace tigris
