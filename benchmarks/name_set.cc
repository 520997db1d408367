#include "name_set.h"

#include <fstream>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "stable_hash.h"

namespace tigris::bench {

NameSet load_name_set(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read names set " + path);
    nlohmann::json j;
    try {
        in >> j;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
    NameSet set;
    for (const auto& c : j.at("clusters")) {
        std::vector<std::size_t> members;
        for (const auto& s : c.at("spellings")) {
            members.push_back(set.spellings.size());
            set.spellings.push_back({s.at("text").get<std::string>(), s.value("rare", false),
                                     static_cast<int>(set.clusters.size())});
        }
        set.clusters.push_back(std::move(members));
    }
    for (const auto& c : j.at("singletons")) {
        for (const auto& s : c.at("spellings")) {
            set.spellings.push_back({s.at("text").get<std::string>(), s.value("rare", false), -1});
        }
    }
    for (const auto& n : j.at("negatives")) {
        set.negatives.push_back({n.at("a").get<std::string>(), n.at("b").get<std::string>(),
                                 n.value("arabic_difference", "")});
    }
    return set;
}

NameSet name_fold(const NameSet& set, unsigned fold, unsigned folds, bool complement) {
    auto in_fold = [&](const std::string& key) { return (stable_hash(key) % folds == fold) != complement; };
    NameSet out;
    std::unordered_map<std::string, bool> kept;
    for (const auto& members : set.clusters) {
        const bool keep = in_fold(set.spellings[members.front()].text);
        std::vector<std::size_t> mine;
        for (const std::size_t m : members) {
            kept[set.spellings[m].text] = keep;
            if (!keep) continue;
            mine.push_back(out.spellings.size());
            NameSpelling s = set.spellings[m];
            s.cluster = static_cast<int>(out.clusters.size());
            out.spellings.push_back(s);
        }
        if (keep) out.clusters.push_back(std::move(mine));
    }
    for (const NameSpelling& s : set.spellings) {
        if (s.cluster >= 0) continue;
        const bool keep = in_fold(s.text);
        kept[s.text] = keep;
        if (keep) out.spellings.push_back(s);
    }
    for (const NameNegative& n : set.negatives) {
        if (kept[n.a] && kept[n.b]) out.negatives.push_back(n);
    }
    return out;
}

std::map<std::string, std::vector<std::size_t>> spellings_by_key(
    const NameSet& set, const std::function<std::string(const std::string&)>& key) {
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < set.spellings.size(); ++i) groups[key(set.spellings[i].text)].push_back(i);
    return groups;
}

}  // namespace tigris::bench
