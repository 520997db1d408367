#include "tigris/schema.h"

#include "tigris/dates.h"

namespace tigris {

std::string source_key(std::string_view source) {
    std::string key(source);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return key;
}

std::string date_value(std::string_view day) {
    if (!valid_day(day)) return "";
    return std::string(day.substr(0, 4)) + std::string(day.substr(5, 2)) + std::string(day.substr(8, 2));
}

Xapian::Query source_filter(const std::vector<std::string>& sources) {
    std::vector<Xapian::Query> any;
    for (const std::string& s : sources) any.emplace_back(prefix::kSource + source_key(s));
    return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

Xapian::Query date_range(const std::string& from, const std::string& to) {
    using Q = Xapian::Query;
    if (from.empty()) return Q(Q::OP_VALUE_LE, slot::kDate, to);
    if (to.empty()) return Q(Q::OP_VALUE_GE, slot::kDate, from);
    return Q(Q::OP_VALUE_RANGE, slot::kDate, from, to);
}

}  // namespace tigris
