// Larger corpora for the cost-growth benchmark: copies of the shared corpus with new ids
// and their paragraphs shuffled, so that no two documents are the same text.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "scaling.h"
#include "stable_hash.h"
#include "tigris/corpus.h"

namespace tigris::bench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// @p text cut at every @p separator (kept out of the parts).
std::vector<std::string> split(const std::string& text, const std::string& separator) {
    std::vector<std::string> parts;
    std::size_t at = 0;
    for (std::size_t next; (next = text.find(separator, at)) != std::string::npos; at = next + separator.size()) {
        parts.push_back(text.substr(at, next - at));
    }
    parts.push_back(text.substr(at));
    return parts;
}

// SplitMix64: a small generator whose output is the same everywhere (std::shuffle and the
// standard distributions are not).
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

}  // namespace

std::string shuffle_paragraphs(const std::string& body, std::uint64_t seed) {
    std::string separator;
    std::vector<std::string> parts;
    for (const char* s : {"\n\n", "\n", ". "}) {
        parts = split(body, s);
        separator = s;
        if (parts.size() > 1) break;
    }
    std::uint64_t state = seed;
    for (std::size_t i = parts.size(); i > 1; --i) std::swap(parts[i - 1], parts[next_random(state) % i]);
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
    return out;
}

std::vector<std::string> make_copies(const std::string& corpus, unsigned copies, unsigned seed,
                                     const std::string& work) {
    std::vector<std::string> files;
    fs::create_directories(work);
    for (unsigned c = 1; c <= copies; ++c) {
        const std::string path = (fs::path(work) / ("copy-" + std::to_string(c) + ".jsonl")).string();
        files.push_back(path);
        if (fs::exists(path + ".done")) continue;
        std::ofstream out(path);
        for (const std::string& file : corpus_file_paths({corpus})) {
            std::ifstream in(file);
            for (std::string line; std::getline(in, line);) {
                json j = json::parse(line, nullptr, false);
                if (!j.is_object() || !j.contains("id")) continue;
                const std::string id = j["id"].get<std::string>();
                j["id"] = "copy" + std::to_string(c) + "/" + id;
                const std::uint64_t doc_seed = stable_hash(id) ^ (static_cast<std::uint64_t>(seed) << 32 | c);
                if (j.contains("body") && j["body"].is_string()) {
                    j["body"] = shuffle_paragraphs(j["body"].get<std::string>(), doc_seed);
                }
                out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
            }
        }
        out.close();
        if (!out) throw std::runtime_error("cannot write " + path);
        std::ofstream(path + ".done") << "done\n";
    }
    return files;
}

std::vector<std::string> dev_queries(const std::string& eval_path) {
    std::ifstream in(eval_path);
    if (!in) throw std::runtime_error("cannot read " + eval_path);
    const json eval = json::parse(in);
    std::vector<std::string> queries;
    for (const auto& f : eval.at("families")) {
        for (const auto& q : f.at("queries")) {
            std::string t = q.get<std::string>();
            if (t.find(' ') != std::string::npos) t = "\"" + t + "\"";
            queries.push_back(t);
        }
    }
    for (const auto& n : eval.at("negatives")) queries.push_back(n.at("query").get<std::string>());
    return queries;
}

std::vector<std::string> name_queries(const std::string& names_path) {
    std::vector<std::string> queries;
    if (names_path.empty() || !fs::exists(names_path)) return queries;
    std::ifstream in(names_path);
    const json j = json::parse(in);
    for (const auto& c : j.at("clusters")) {
        for (const auto& s : c.at("spellings")) {
            std::string q = s.at("text").get<std::string>();
            if (!q.empty()) q[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(q[0])));
            queries.push_back(q);
        }
    }
    return queries;
}

double quantile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

}  // namespace tigris::bench
