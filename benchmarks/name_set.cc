#include "name_set.h"

#include <fstream>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include "stable_hash.h"

namespace tigris::bench {

std::u32string one_name_form(const std::string& arabic) {
    std::u32string letters;
    const auto n = static_cast<int32_t>(arabic.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(arabic.data(), i, n, c);
        letters.push_back(static_cast<char32_t>(c));
    }
    if (letters.size() > 3 && letters[0] == U'\u0627' && letters[1] == U'\u0644') letters.erase(0, 2);  // ال
    std::u32string form;
    for (char32_t cp : letters) {
        switch (cp) {
            case U'\u0635': cp = U'\u0633'; break;  // ص as س
            case U'\u0636': cp = U'\u062F'; break;  // ض as د
            case U'\u0637': cp = U'\u062A'; break;  // ط as ت
            case U'\u0638': cp = U'\u0630'; break;  // ظ as ذ
            default: break;
        }
        if (form.empty() || form.back() != cp) form.push_back(cp);
    }
    if (form.size() > 2 && (form.back() == U'\u0627' || form.back() == U'\u0647' || form.back() == U'\u0648')) {
        form.pop_back();  // final ا ه و
    }
    return form;
}

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
    std::map<std::u32string, int> forms;
    auto form_of = [&](const nlohmann::json& c) {
        return forms.emplace(one_name_form(c.value("arabic", "")), static_cast<int>(forms.size())).first->second;
    };
    for (const auto& c : j.at("clusters")) {
        std::vector<std::size_t> members;
        const int form = form_of(c);
        for (const auto& s : c.at("spellings")) {
            members.push_back(set.spellings.size());
            set.spellings.push_back({s.at("text").get<std::string>(), s.value("rare", false),
                                     static_cast<int>(set.clusters.size()), form});
        }
        set.clusters.push_back(std::move(members));
    }
    for (const auto& c : j.at("singletons")) {
        const int form = form_of(c);
        for (const auto& s : c.at("spellings")) {
            set.spellings.push_back({s.at("text").get<std::string>(), s.value("rare", false), -1, form});
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
