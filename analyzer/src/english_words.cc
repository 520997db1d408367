#include "tigris/english_words.h"

#include "tigris/normalizer.h"

// The word list is linked in by english_words_blob.S (.incbin of wamerican's list).
extern "C" const char tigris_english_words_begin[];
extern "C" const char tigris_english_words_end[];

namespace tigris {

std::shared_ptr<const EnglishWords> EnglishWords::from_word_list(std::string_view list) {
    auto words = std::make_shared<EnglishWords>();
    const Normalizer normalizer;
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find('\n', start);
        if (end == std::string_view::npos) end = list.size();
        std::string_view line = list.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        const auto first = static_cast<unsigned char>(line.front());
        if (first >= 'A' && first <= 'Z') continue;  // a proper name
        words->words_.insert(normalizer.normalize(line));
    }
    return words;
}

std::shared_ptr<const EnglishWords> EnglishWords::builtin() {
    return from_word_list(std::string_view(
        tigris_english_words_begin,
        static_cast<std::size_t>(tigris_english_words_end - tigris_english_words_begin)));
}

bool EnglishWords::contains(std::string_view normalized_word) const {
    return words_.find(std::string(normalized_word)) != words_.end();
}

}  // namespace tigris
