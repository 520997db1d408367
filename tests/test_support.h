// Helpers shared by the tests: a small lexicon and term listings.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "tigris/analyzer.h"
#include "tigris/synonym_files.h"

namespace tigris::test {

/// The English word list, built once for all tests (it is immutable).
inline std::shared_ptr<const EnglishWords> words() {
    static const auto w = EnglishWords::builtin();
    return w;
}

/// A small lexicon written for the tests, independent of the shipped lists.
inline const char* kTestLexicon = R"(version: 1
families:
  - id: shia
    kind: term
    canonical: Shia
    variants: [Shia, Shiite, Shiism, "Shi'i"]
  - id: muqtada
    kind: person
    canonical: Muqtada al-Sadr
    variants: [Muqtada, Muqtada al-Sadr]
  - id: sadr
    kind: person
    canonical: Sadr
    variants: [Sadr, Sadrist]
  - id: mahdi-army
    kind: group
    canonical: Mahdi Army
    variants: [Jaish al-Mahdi, Mahdi Militia]
    acronyms: [JAM]
    context: [Iraq, Iraqi, Sadr, Mahdi]
  - id: basra
    kind: place
    canonical: Basra
    variants: [Bassora]
  - id: isf
    kind: org
    canonical: Iraqi Security Forces
    variants: [Iraqi Security Forces]
    acronyms: [ISF]
    context: [Iraq, Iraqi]
  - id: isis
    kind: group
    canonical: ISIS
    variants: [Islamic State, Daesh]
    cased: [Islamic State]
    acronyms: [ISIS, ISIL]
  - id: islamic-state-of-afghanistan
    kind: org
    canonical: Islamic State of Afghanistan
  - id: mnf-i
    kind: org
    canonical: Multi-National Force - Iraq
    acronyms: [MNF-I]
  - id: baath
    kind: group
    canonical: Baath
    variants: [Baathist, Baathism]
  - id: pearl-jam
    kind: org
    canonical: Pearl Jam
  - id: qaeda
    kind: group
    canonical: al-Qaeda
    variants: [al-Queda]
  - id: amman
    kind: place
    canonical: Amman
  - id: aqi
    kind: group
    canonical: al-Qaeda in Iraq
    acronyms: [AQI]
    broader: [qaeda]
  - id: sunni
    kind: term
    canonical: Sunni
  - id: ayatollah
    kind: term
    canonical: Ayatollah
    variants: [Ayatollah, Ayatullah]
    cased: [Ayatollah]
)";

/// The lexicon of the synonym list @p yaml (errors name @p file).
inline std::shared_ptr<const Lexicon> lexicon_of(const std::string& yaml, const std::string& file = "test.yaml") {
    TokenAnalysis analysis(words());
    return Lexicon::compile(parse_synonym_yaml(yaml, file), analysis);
}

inline std::shared_ptr<const Lexicon> test_lexicon() { return lexicon_of(kTestLexicon); }

/// The analyzer of the test lexicon, built once. Catch2 runs the tests on one thread,
/// whose analyzer this is; a test that starts threads gives each a copy.
inline Analyzer& test_analyzer() {
    static Analyzer a(test_lexicon(), words());
    return a;
}

/// Collects terms as "term@pos" (postings) and "term" (no position), sorted.
class TermList : public TermSink {
  public:
    void posting(const std::string& term, Xapian::termpos pos) override {
        items.push_back(term + "@" + std::to_string(pos));
    }
    void term(const std::string& term) override { items.push_back(term); }
    std::vector<std::string> sorted() const {
        std::vector<std::string> out = items;
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }
    std::vector<std::string> items;
};

/// The sorted, de-duplicated terms the analyzer emits for a body text.
inline std::vector<std::string> body_terms(const std::string& text, Analyzer& a = test_analyzer()) {
    TermList list;
    a.emit_document(list, {FieldText{text, "", false}});
    return list.sorted();
}

/// An in-memory index of @p texts, one document each (body only, the text as data).
inline Xapian::WritableDatabase index_of(const std::vector<std::string>& texts, Analyzer& a = test_analyzer()) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const std::string& text : texts) {
        Xapian::Document doc;
        a.index_document(doc, {FieldText{text, "", false}});
        doc.set_data(text);
        db.add_document(doc);
    }
    return db;
}

/// Only the terms with a given prefix ("XC", "XN"), sorted.
inline std::vector<std::string> terms_with(const std::string& text, const std::string& pfx,
                                           Analyzer& a = test_analyzer()) {
    std::vector<std::string> out;
    for (const auto& t : body_terms(text, a)) {
        if (t.rfind(pfx, 0) == 0) out.push_back(t);
    }
    return out;
}

}  // namespace tigris::test
