#include "query_lexer.h"

#include <algorithm>

#include "tigris/error.h"

namespace tigris::query {

namespace {

// Words, phrase words and operators a query may hold: a hostile query must not
// exhaust the matcher.
constexpr std::size_t kMaxQueryTerms = 1000;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool known_field(std::string_view f) {
    return f == "title" || f == "source" || f == "year" || f == "date" || f == "id";
}

// Opening quote: " or U+201C; closing: " or U+201D.
std::size_t quote_len(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0) return 3;
    return 0;
}

// Words in a phrase body: each becomes a term of the phrase query.
std::size_t word_count(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_space(s[i]) && (i == 0 || is_space(s[i - 1]))) ++n;
    }
    return n;
}

void check_term_count(std::size_t terms, std::string_view query) {
    if (terms > kMaxQueryTerms) {
        throw QueryError("query " + quote_value(query) + " has more than " + std::to_string(kMaxQueryTerms) +
                         " words and operators");
    }
}

}  // namespace

std::vector<Item> lex(std::string_view s) {
    std::vector<Item> items;
    std::size_t terms = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        check_term_count(terms, s);
        if (is_space(s[i])) {
            ++i;
            continue;
        }
        Item item{};
        item.begin = i;
        if (s[i] == '(' || s[i] == ')') {
            item.type = s[i] == '(' ? ItemType::LParen : ItemType::RParen;
            item.end = ++i;
            items.push_back(item);
            ++terms;
            continue;
        }
        if ((s[i] == '+' || s[i] == '-') && i + 1 < s.size() && !is_space(s[i + 1])) {
            item.sign = s[i];
            ++i;
        }
        if (std::size_t q = quote_len(s, i); q > 0) {
            const std::size_t start = i + q;
            std::size_t j = start;
            std::size_t close = 0;
            while (j < s.size() && (close = quote_len(s, j)) == 0) ++j;
            item.type = ItemType::Phrase;
            item.text = s.substr(start, j - start);
            i = j < s.size() ? j + close : j;  // an unclosed phrase runs to the end
            item.end = i;
            items.push_back(item);
            terms += std::max<std::size_t>(1, word_count(item.text));
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j]) && s[j] != '(' && s[j] != ')' && quote_len(s, j) == 0) ++j;
        std::string_view word = s.substr(i, j - i);
        const std::size_t colon = word.find(':');
        if (colon != std::string_view::npos && known_field(word.substr(0, colon))) {
            item.type = ItemType::Field;
            item.field = std::string(word.substr(0, colon));
            std::size_t v = i + colon + 1;
            std::size_t q = v < s.size() ? quote_len(s, v) : 0;
            if (q > 0) {
                std::size_t k = v + q, close = 0;
                while (k < s.size() && (close = quote_len(s, k)) == 0) ++k;
                item.text = s.substr(v + q, k - v - q);
                item.value_is_phrase = true;
                j = k < s.size() ? k + close : k;
            } else {
                item.text = word.substr(colon + 1);
            }
        } else if (item.sign == 0 && (word == "AND" || word == "OR" || word == "NOT")) {
            item.type = word == "AND" ? ItemType::And : word == "OR" ? ItemType::Or : ItemType::Not;
        } else {
            item.type = ItemType::Word;
            item.text = word;
        }
        item.end = j;
        i = j;
        items.push_back(item);
        terms += item.value_is_phrase ? std::max<std::size_t>(1, word_count(item.text)) : 1;
    }
    check_term_count(terms, s);
    return items;
}

}  // namespace tigris::query
