// Fuzz target: any bytes as one JSONL line (or, by the first byte, as a whole file: 'T'
// text in any encoding, 'H' HTML, 'E' an e-mail message): parsed by the corpus rules and,
// when accepted, made into a Xapian document.
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "tigris/corpus.h"
#include "tigris/error.h"
#include "tigris/index_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    tigris::RawRecord record;
    const char first = size > 0 ? static_cast<char>(data[0]) : '\0';
    record.whole_file = first == 'T' || first == 'H' || first == 'E';
    record.kind = first == 'H' ? tigris::FileKind::Html : first == 'E' ? tigris::FileKind::Email : tigris::FileKind::Text;
    record.text = std::string(tigris::fuzz::text(data, size).substr(record.whole_file ? 1 : 0));
    record.file = record.whole_file ? "fuzz.txt" : "fuzz.jsonl";
    record.line = 1;
    const tigris::ParsedRecord parsed = tigris::parse_record(std::move(record), 1 << 20);
    if (parsed.doc.has_value() == parsed.problem.has_value()) std::abort();  // one or the other
    if (!parsed.doc) return 0;
    try {
        const Xapian::Document doc = tigris::make_document(tigris::fuzz::analyzer(), *parsed.doc);
        tigris::fuzz::check_terms(doc);
        // The stored data reads back as JSON with the document's id.
        const auto stored = nlohmann::json::parse(doc.get_data(), nullptr, false);
        if (!stored.is_object() || stored.value("id", "") != parsed.doc->id) std::abort();
    } catch (const tigris::InputError&) {
        std::abort();  // parse_record accepted what make_document refuses: the rules drifted
    }
    return 0;
}
