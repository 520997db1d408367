// Fuzz target: any bytes through the tokenizer and the analyzer, as a document and as
// query text. Finds crashes, sanitizer reports and terms Xapian would refuse.
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto& analyzer = tigris::fuzz::analyzer();
    const std::string_view body = tigris::fuzz::text(data, size);
    for (const auto mode : {tigris::AnalysisMode::Document, tigris::AnalysisMode::Query}) {
        const tigris::TextAnalysis a = analyzer.analyze(body, mode);
        if (a.covered_by.size() != a.tokens.size()) std::abort();
        for (const auto& t : a.tokens) {
            if (t.token.begin > t.token.end || t.token.end > body.size()) std::abort();
        }
        for (const auto& m : a.concepts) {
            if (m.first > m.last || m.last >= a.tokens.size()) std::abort();
        }
    }
    // The first line as a title, the rest as the body, as a .txt document is read.
    const std::size_t nl = body.find('\n');
    Xapian::Document doc;
    analyzer.index_document(doc, {tigris::FieldText{body.substr(0, nl), "S", true},
                                  tigris::FieldText{nl == std::string_view::npos ? "" : body.substr(nl + 1), "", false}});
    tigris::fuzz::check_terms(doc);
    return 0;
}
