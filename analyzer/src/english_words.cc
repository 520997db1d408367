#include "tigris/english_words.h"

#include "fnv1a.h"
#include "tigris/normalizer.h"

// The word list is linked in by english_words_blob.S (.incbin of wamerican's list).
extern "C" const char tigris_english_words_begin[];
extern "C" const char tigris_english_words_end[];

namespace tigris {

namespace {
std::uint64_t hash_of(std::string_view s) {
    const std::uint64_t h = fnv1a64(s);
    return h ^ (h >> 29);
}
}  // namespace

std::size_t EnglishWords::slot_of(std::string_view word) const {
    std::size_t i = hash_of(word) & mask_;
    while (slots_[i].first != 0) {
        const auto [offset, length] = slots_[i];
        if (length == word.size() && std::string_view(buffer_).substr(offset - 1, length) == word) return i;
        i = (i + 1) & mask_;
    }
    return i;
}

void EnglishWords::insert(std::string_view word) {
    const std::size_t i = slot_of(word);
    if (slots_[i].first != 0) return;
    slots_[i] = {static_cast<std::uint32_t>(buffer_.size() + 1), static_cast<std::uint32_t>(word.size())};
    buffer_.append(word);
    ++count_;
}

std::shared_ptr<const EnglishWords> EnglishWords::from_word_list(std::string_view list, bool proper_names) {
    auto words = std::make_shared<EnglishWords>();
    // A table at most a quarter full: short probe runs.
    std::size_t lines = 1;
    for (const char c : list) lines += c == '\n';
    std::size_t size = 16;
    while (size < 4 * lines) size <<= 1;
    words->slots_.assign(size, {0, 0});
    words->mask_ = size - 1;
    words->buffer_.reserve(list.size());
    words->fingerprint_ = fnv1a64(list) ^ (proper_names ? 1 : 0);
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
        if ((first >= 'A' && first <= 'Z') != proper_names) continue;  // a name, or a word
        words->insert(normalizer.normalize(line));
    }
    return words;
}

std::shared_ptr<const EnglishWords> EnglishWords::builtin() {
    return from_word_list(std::string_view(
        tigris_english_words_begin,
        static_cast<std::size_t>(tigris_english_words_end - tigris_english_words_begin)));
}

std::shared_ptr<const EnglishWords> EnglishWords::builtin_proper_names() {
    return from_word_list(std::string_view(tigris_english_words_begin,
                                           static_cast<std::size_t>(tigris_english_words_end -
                                                                    tigris_english_words_begin)),
                          true);
}

bool EnglishWords::contains(std::string_view normalized_word) const {
    return !slots_.empty() && slots_[slot_of(normalized_word)].first != 0;
}

}  // namespace tigris
