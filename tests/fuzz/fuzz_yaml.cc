// Fuzz target: any bytes as a synonym list: read as YAML, checked for broader cycles and
// compiled into a lexicon, collecting problems as lint does, then loaded strictly.
#include <cstdint>

#include "fuzz_support.h"
#include "tigris/error.h"
#include "tigris/lexicon.h"
#include "tigris/synonym_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string yaml(tigris::fuzz::text(data, size));
    tigris::TokenAnalysis& analysis = tigris::fuzz::analyzer().token_analysis();
    try {
        std::vector<tigris::LexiconError> problems;
        const auto specs = tigris::parse_synonym_yaml(yaml, "fuzz.yaml", &problems);
        tigris::check_broader_cycles(specs, &problems);
        tigris::Lexicon::compile(specs, analysis, &problems);
    } catch (const tigris::LexiconError&) {
        // Not YAML, or not UTF-8: the file's one error.
    }
    try {
        auto specs = tigris::parse_synonym_yaml(yaml, "fuzz.yaml");
        tigris::check_broader_cycles(specs);
        const auto lexicon = tigris::Lexicon::compile(specs, analysis);
        // A lexicon that loads strictly serves an analyzer.
        tigris::Analyzer a(lexicon, tigris::fuzz::analyzer().english_words_ptr());
        (void)a.analyze("Jaish al-Mahdi in Basra, JAM and the ISF", tigris::AnalysisMode::Document);
    } catch (const tigris::LexiconError&) {
    }
    return 0;
}
