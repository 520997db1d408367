#include "stock_xapian.h"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "tigris/corpus.h"

namespace tigris::bench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Xapian::Document stock_document(const json& j) {
    const std::string id = j.value("id", ""), title = j.value("title", ""), body = j.value("body", "");
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    Xapian::Document doc;
    stock_index_fields(tg, doc, title, body);
    doc.add_boolean_term("Q" + id);
    json data = {{"id", id}, {"source", j.value("source", "")}, {"date", j.value("date", "")},
                 {"title", title}, {"body", body}, {"meta", j.value("meta", json::object())}};
    doc.set_data(data.dump());
    return doc;
}

}  // namespace

void sample_corpus(const std::string& corpus, std::size_t sample, const std::string& out_path,
                   const std::function<void(const json&)>& each) {
    std::ofstream out(out_path);
    std::size_t n = 0;
    for (const auto& file : corpus_file_paths({corpus})) {
        std::ifstream in(file);
        for (std::string line; std::getline(in, line);) {
            if (sample > 1 && n++ % sample != 0) continue;
            const json j = json::parse(line, nullptr, false);
            if (!j.is_object()) continue;
            each(j);
            out << line << "\n";
        }
    }
}

void stock_index_fields(Xapian::TermGenerator& tg, Xapian::Document& doc, const std::string& title,
                        const std::string& body) {
    tg.set_document(doc);
    tg.index_text(title, 1, "S");
    tg.index_text(title);
    tg.increase_termpos(100);
    tg.index_text(body);
}

std::size_t build_stock_index(const std::string& jsonl, const std::string& dir, unsigned threads) {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    std::ifstream in(jsonl);
    std::size_t n = 0;
    if (threads <= 1) {
        for (std::string line; std::getline(in, line);) {
            const json j = json::parse(line, nullptr, false);
            if (!j.is_object()) continue;
            db.replace_document("Q" + j.value("id", ""), stock_document(j));
            if (++n % 2000 == 0) db.commit();
        }
    } else {
        // Chunks analyzed in parallel, written in order by this thread.
        std::vector<std::string> lines;
        std::string line;
        bool more = true;
        while (more) {
            lines.clear();
            while (lines.size() < 4096 && (more = static_cast<bool>(std::getline(in, line)))) lines.push_back(line);
            std::vector<Xapian::Document> docs(lines.size());
            std::vector<std::string> ids(lines.size());
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t) {
                pool.emplace_back([&, t] {
                    for (std::size_t i = t; i < lines.size(); i += threads) {
                        const json j = json::parse(lines[i], nullptr, false);
                        if (!j.is_object()) continue;
                        ids[i] = j.value("id", "");
                        docs[i] = stock_document(j);
                    }
                });
            }
            for (auto& th : pool) th.join();
            for (std::size_t i = 0; i < docs.size(); ++i) {
                if (ids[i].empty()) continue;
                db.replace_document("Q" + ids[i], docs[i]);
                ++n;
            }
            db.commit();
        }
    }
    db.commit();
    return n;
}

std::vector<std::string> stock_terms(const std::string& text) {
    Xapian::TermGenerator tg;
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(text);
    std::vector<std::pair<Xapian::termpos, std::string>> at;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, *t);
    }
    std::sort(at.begin(), at.end());
    std::vector<std::string> out;
    for (auto& pt : at) out.push_back(pt.second);
    return out;
}

void copy_with_synonyms(const std::string& stock_dir, const std::string& dir, const Lexicon& lexicon) {
    fs::remove_all(dir);
    fs::copy(stock_dir, dir, fs::copy_options::recursive);
    Xapian::WritableDatabase db(dir, Xapian::DB_OPEN);
    db.clear_synonyms("");
    const Xapian::Stem stem("english");
    for (const auto& fam : lexicon.families()) {
        std::vector<std::string> spellings = fam.variants;
        spellings.insert(spellings.end(), fam.acronyms.begin(), fam.acronyms.end());
        std::vector<std::string> keys, singles;
        for (const auto& s : spellings) {
            const auto terms = stock_terms(s);
            if (terms.empty()) continue;
            std::string key;
            for (const auto& t : terms) key += (key.empty() ? "" : " ") + t;
            keys.push_back(key);
            if (terms.size() == 1) singles.push_back(terms[0]);
        }
        for (const auto& key : keys) {
            for (const auto& value : singles) {
                if (value == key) continue;
                db.add_synonym(key, value);
                if (key.find(' ') == std::string::npos) db.add_synonym("Z" + stem(key), value);
            }
        }
    }
    db.commit();
}

std::vector<std::string> stock_search(const Xapian::Database& db, const std::string& query, bool synonyms,
                                      Xapian::doccount limit) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT;
    if (synonyms) flags |= Xapian::QueryParser::FLAG_AUTO_SYNONYMS | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
    Xapian::Query q;
    try {
        q = qp.parse_query(query, flags);
    } catch (const Xapian::QueryParserError&) {
        return {};
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    const Xapian::MSet mset = enquire.get_mset(0, limit);
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const json j = json::parse(it.get_document().get_data(), nullptr, false);
        if (j.is_object()) ids.push_back(j.value("id", ""));
    }
    return ids;
}

}  // namespace tigris::bench
