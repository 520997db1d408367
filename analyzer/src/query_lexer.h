// tigris: the query language's words, phrases, operators and fields, before analysis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tigris::query {

/// Parentheses a query may nest (the parser recurses per level, and Xapian's matcher
/// per level of the query tree).
inline constexpr int kMaxDepth = 64;

enum class ItemType { Word, Phrase, LParen, RParen, And, Or, Not, Field };

/// One item of a query, pointing into its text.
struct Item {
    ItemType type;
    std::string_view text;   ///< word, phrase body, or field value
    std::string field;       ///< for Field
    bool value_is_phrase = false;
    char sign = 0;           ///< '+' or '-'
    std::size_t begin = 0;   ///< byte offsets in the query, for word runs
    std::size_t end = 0;
};

/// The items of query @p s. An unclosed phrase runs to the end.
/// @exception QueryError when the query has more than 1000 words and operators.
std::vector<Item> lex(std::string_view s);

}  // namespace tigris::query
