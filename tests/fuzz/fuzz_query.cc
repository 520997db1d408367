// Fuzz target: any bytes as a query: parsed, analyzed, explained and run through
// Xapian's matcher on a small in-memory index. A QueryError is a correct answer.
#include <cstdint>

#include "fuzz_support.h"
#include "tigris/corpus.h"
#include "tigris/error.h"
#include "tigris/index_writer.h"
#include "tigris/query_builder.h"

namespace {

Xapian::Database& index() {
    static Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
        const char* const bodies[] = {"Shi'a clerics met in Basrah on Friday.", "Jaysh al-Mahdi militia in Al Basrah",
                                      "JAM fighters and the Iraqi Security Forces (ISF)", "a traffic jam in Amman"};
        int n = 0;
        for (const char* body : bodies) {
            tigris::CorpusDocument d;
            d.id = "d" + std::to_string(++n);
            d.source = n % 2 ? "news" : "cables";
            d.date = "2007-0" + std::to_string(n) + "-1" + std::to_string(n);
            d.title = body;
            d.body = body;
            w.replace_document("Q" + d.id, tigris::make_document(tigris::fuzz::analyzer(), d));
        }
        w.commit();
        return w;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view query = tigris::fuzz::text(data, size);
    tigris::QueryBuilder builder(tigris::fuzz::analyzer());
    try {
        builder.explain(query);
        for (const auto op : {Xapian::Query::OP_AND, Xapian::Query::OP_OR}) {
            const Xapian::Query q = builder.build(query, op);
            (void)q.get_description();
            Xapian::Enquire enquire(index());
            enquire.set_query(q);
            (void)enquire.get_mset(0, 10);
        }
    } catch (const tigris::QueryError&) {
        // A query that does not parse or is over a limit: the answer for such input.
    }
    return 0;
}
